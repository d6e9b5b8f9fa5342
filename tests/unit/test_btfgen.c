// SPDX-License-Identifier: MIT
/* btfgen on a hand-built BTF: type text, struct layouts, DATASEC variables, header dump. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btfgen.h"
#include "common.h"
#include "tassert.h"

struct ids {
	int i32, u64, chr, arr16, ev, ev_ptr, cv_int, pid_t_, ds, var_glob, var_static;
};

static void quiet(enum cmn_log_level level, const char *msg)
{
}

static struct btf *make_btf(struct ids *id)
{
	struct btf *b = btf__new_empty();

	id->i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	id->u64 = btf__add_int(b, "unsigned long long", 8, 0);
	id->chr = btf__add_int(b, "char", 1, BTF_INT_CHAR);
	id->arr16 = btf__add_array(b, id->i32, id->chr, 16);
	id->ev = btf__add_struct(b, "event", 32);
	btf__add_field(b, "pid", id->i32, 0, 0);
	btf__add_field(b, "comm", id->arr16, 32, 0);
	btf__add_field(b, "ts", id->u64, 192, 0);
	id->ev_ptr = btf__add_ptr(b, id->ev);
	id->pid_t_ = btf__add_typedef(b, "pid_t", id->i32);
	id->cv_int = btf__add_volatile(b, btf__add_const(b, id->pid_t_));
	id->var_glob = btf__add_var(b, "target_pid", BTF_VAR_GLOBAL_ALLOCATED, id->cv_int);
	id->var_static = btf__add_var(b, "hidden", BTF_VAR_STATIC, id->i32);
	id->ds = btf__add_datasec(b, ".rodata", 8);
	btf__add_datasec_var_info(b, id->var_glob, 0, 4);
	btf__add_datasec_var_info(b, id->var_static, 4, 4);
	return b;
}

static void expect_decl(struct btfgen_types *t, int id, const char *want)
{
	char *text = NULL;

	T_EQ_INT(0, btfgen_types__decl(t, id, &text));
	T_EQ_STR(want, text);
	free(text);
}

static void test_decl(struct btfgen_types *t, const struct ids *id)
{
	expect_decl(t, id->cv_int, "pid_t"); /* const volatile dropped */
	expect_decl(t, id->arr16, "char[16]");
	expect_decl(t, id->ev_ptr, "struct event *");
	expect_decl(t, id->u64, "unsigned long long");
}

static void test_layout(struct btfgen_types *t, const struct ids *id)
{
	cJSON *o = NULL, *m;
	char *s;

	T_EQ_INT(0, btfgen_layout__struct(t, "event", &o));
	if (!o)
		return;
	s = cJSON_PrintUnformatted(o);
	T_EQ_STR("{\"name\":\"event\",\"members\":[{\"name\":\"pid\",\"type\":\"int\"},"
		 "{\"name\":\"comm\",\"type\":\"char[16]\"},"
		 "{\"name\":\"ts\",\"type\":\"unsigned long long\"}],\"size\":32,\"type_id\":5}",
		 s);
	m = cJSON_GetObjectItem(o, "type_id");
	T_EQ_INT(id->ev, m->valuedouble);
	free(s);
	cJSON_Delete(o);
	o = (cJSON *)1;
	T_EQ_INT(-ENOENT, btfgen_layout__struct(t, "no_such_struct", &o));
	T_TRUE(o == NULL);
}

static void test_datasec(struct btfgen_types *t, const struct ids *id)
{
	cJSON *vars = NULL;
	char *s;

	T_EQ_INT(0, btfgen_datasec__vars(t, id->ds, &vars));
	s = vars ? cJSON_PrintUnformatted(vars) : NULL;
	T_EQ_STR("[{\"name\":\"target_pid\",\"type\":\"pid_t\"}]", s); /* static skipped */
	free(s);
	cJSON_Delete(vars);
	T_EQ_INT(-EINVAL, btfgen_datasec__vars(t, id->ev, &vars)); /* not a DATASEC */
}

static void test_dump_header(const struct btf *b)
{
	struct cmn_buf out = {0};

	T_EQ_INT(0, btfgen_type__dump_header(b, &out));
	T_TRUE(out.ptr && strstr(out.ptr, "#ifndef __VMLINUX_H__"));
	T_TRUE(out.ptr && strstr(out.ptr, "struct event {\n\tint pid;\n\tchar comm[16];"));
	T_TRUE(out.ptr && strstr(out.ptr, "typedef int pid_t;"));
	T_TRUE(out.ptr && strstr(out.ptr, "preserve_access_index"));
	cmn_buf__free(&out);
}

int main(void)
{
	struct ids id;
	struct btf *b;
	struct btfgen_types *t;

	cmn_set_print(quiet);
	b = make_btf(&id);
	T_TRUE(b != NULL);
	t = btfgen_types__new(b);
	T_TRUE(t != NULL);
	T_EQ_INT(id.ev, btfgen_type__find_struct(b, "event"));
	T_EQ_INT(-ENOENT, btfgen_type__find_struct(b, "pid_t"));
	test_decl(t, &id);
	test_layout(t, &id);
	test_datasec(t, &id);
	test_dump_header(b);
	btfgen_types__free(t);
	btf__free(b);
	TEST_MAIN_END();
}
