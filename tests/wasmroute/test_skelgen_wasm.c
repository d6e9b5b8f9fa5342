// SPDX-License-Identifier: MIT
/*
 * Unit tests of the Wasm skeleton pieces: the template renderer, the
 * embedded files, the attach-kind table, and skeletons of objects with
 * unusual shapes (no maps or globals at all; .data, strings and a static
 * variable) that must still compile for wasm32 with the guest SDK.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "ecc_templates.h"
#include "skelgen_wasm.h"
#include "tassert.h"

static struct cmn_buf logbuf;

static void capture(enum cmn_log_level level, const char *msg)
{
	cmn_buf__puts(&logbuf, msg);
}

static void test_render(void)
{
	const struct ecc_tpl_var vars[] = {{"NAME", "boot"}, {"N", "3"}, {"EMPTY", ""}};
	struct cmn_buf out = {0};
	cmn_print_fn old;

	T_EQ_INT(0, ecc_tpl__render("t", "a @@NAME@@ b @@N@@@@EMPTY@@ c", vars, 3, &out));
	T_EQ_STR("a boot b 3 c", out.ptr);
	cmn_buf__free(&out);
	/* not markers: lower case, unterminated, lone @@ */
	T_EQ_INT(0, ecc_tpl__render("t", "@@x@@ @@NAME @@ x@@", vars, 3, &out));
	T_EQ_STR("@@x@@ @@NAME @@ x@@", out.ptr);
	cmn_buf__free(&out);
	cmn_buf__free(&logbuf);
	old = cmn_set_print(capture);
	T_EQ_INT(-EINVAL, ecc_tpl__render("skel.h.in", "x @@MISSING@@ y", vars, 3, &out));
	cmn_set_print(old);
	T_TRUE(logbuf.ptr && strstr(logbuf.ptr, "skel.h.in") && strstr(logbuf.ptr, "@@MISSING@@"));
	cmn_buf__free(&out);
}

static void test_embedded(void)
{
	static const char *const names[] = {"templates/wasm/skel.h.in", "templates/wasm/app.c.in",
					    "skelgen/guest/ecc_wasm_bpf.h"};
	size_t len = 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *t = ecc_tpl__get(names[i], &len);
		char *path = cmn_asprintf("%s/%s", ECC_SOURCE_DIR, names[i]), *disk = NULL;
		size_t dlen = 0;

		T_TRUE(t != NULL);
		/* the embedded copy is the file as it is in the tree */
		T_EQ_INT(0, cmn_read_file(path, 1 << 20, &disk, &dlen));
		T_EQ_INT(dlen, len);
		if (t && disk && dlen == len)
			T_EQ_MEM(disk, t, len);
		free(disk);
		free(path);
	}
	errno = 0;
	T_TRUE(ecc_tpl__get("templates/wasm/nope.in", NULL) == NULL);
	T_EQ_INT(ENOENT, errno);
}

static void test_attach_kinds(void)
{
	static const struct {
		const char *sec;
		enum skelgen_wasm_attach kind;
	} cases[] = {
	    {"tp/sched/sched_process_exec", SKELGEN_WASM_ATTACH_AUTO},
	    {"tracepoint/syscalls/sys_enter_kill", SKELGEN_WASM_ATTACH_AUTO},
	    {"raw_tp/sys_enter", SKELGEN_WASM_ATTACH_AUTO},
	    {"kprobe/do_unlinkat", SKELGEN_WASM_ATTACH_AUTO},
	    {"uprobe//bin/bash:readline", SKELGEN_WASM_ATTACH_AUTO},
	    {"iter/task", SKELGEN_WASM_ATTACH_AUTO},
	    {"xdp", SKELGEN_WASM_ATTACH_XDP},
	    {"xdp.frags", SKELGEN_WASM_ATTACH_XDP},
	    {"xdp/devmap", SKELGEN_WASM_ATTACH_NONE},
	    {"cgroup_skb/egress", SKELGEN_WASM_ATTACH_CGROUP},
	    {"cgroup/connect4", SKELGEN_WASM_ATTACH_CGROUP},
	    {"sockops", SKELGEN_WASM_ATTACH_CGROUP},
	    {"tc", SKELGEN_WASM_ATTACH_NONE},
	    {"tcx/ingress", SKELGEN_WASM_ATTACH_NONE},
	    {"classifier", SKELGEN_WASM_ATTACH_NONE},
	    {"perf_event", SKELGEN_WASM_ATTACH_NONE},
	    {"socket", SKELGEN_WASM_ATTACH_NONE},
	    {"kprobe", SKELGEN_WASM_ATTACH_NONE},
	    {"uprobe", SKELGEN_WASM_ATTACH_NONE},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (skelgen_wasm__attach_kind(cases[i].sec) == cases[i].kind)
			t_pass++;
		else
			T_FAIL_AT("SEC(\"%s\"): kind %d, expected %d", cases[i].sec,
				  skelgen_wasm__attach_kind(cases[i].sec), cases[i].kind);
	}
}

static int run_quiet(char *const argv[])
{
	struct cmn_proc_result r = {0};
	int err = cmn_proc_run(argv, CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL, &r);

	if (!err && r.status) {
		fprintf(stderr, "%s", r.err ? r.err : "");
		err = r.status;
	}
	cmn_proc_result__free(&r);
	return err;
}

/*
 * Compile src for BPF, render its skeleton (object name `name`, skeleton
 * struct `ident`), compile the skeleton for wasm32.
 */
static void skel_compiles(const char *tmp, const char *name, const char *ident, const char *src)
{
	char *c = cmn_asprintf("%s/%s.bpf.c", tmp, name), *o = cmn_asprintf("%s/%s.o", tmp, name);
	char *h = cmn_asprintf("%s/%s.skel.h", tmp, name), *tu = cmn_asprintf("%s/%s.c", tmp, name);
	char *inc = cmn_asprintf("-I%s/skelgen/guest", ECC_SOURCE_DIR);
	char *use = cmn_asprintf("#include \"%s.skel.h\"\nint main(void) { struct %s *s = "
				 "%s__open_and_load(); %s__destroy(s); return 0; }\n",
				 name, ident, ident, ident);
	char *bpf[] = {"clang", "-g", "-O2", "-target", "bpf", "-c", c, "-o", o, NULL};
	char *wasm[] = {"clang",
			"--target=wasm32-wasi",
			"--sysroot=/usr",
			"-nostdlibinc",
			"-isystem",
			"/usr/include/wasm32-wasi",
			inc,
			"-Wall",
			"-Werror",
			"-fsyntax-only",
			tu,
			NULL};
	struct skelgen_wasm_vars v = {0};
	struct ecc_tpl_var tv[64];
	struct cmn_buf out = {0};
	struct skelgen_wasm *s;

	cmn_write_file_atomic(c, src, strlen(src), 0644);
	cmn_write_file_atomic(tu, use, strlen(use), 0644);
	T_EQ_INT(0, run_quiet(bpf));
	s = skelgen_wasm__open(o, name);
	T_TRUE(s != NULL);
	if (s && !skelgen_wasm__skel_vars(s, &v) && v.cnt <= 64) {
		for (size_t i = 0; i < v.cnt; i++)
			tv[i] = (struct ecc_tpl_var){v.ptr[i].key, v.ptr[i].value};
		T_EQ_INT(0, ecc_tpl__render("skel", ecc_tpl__get("templates/wasm/skel.h.in", NULL),
					    tv, v.cnt, &out));
		cmn_write_file_atomic(h, out.ptr, out.cnt, 0644);
		if (run_quiet(wasm))
			T_FAIL_AT("skeleton of %s does not compile for wasm32", name);
		else
			t_pass++;
	} else {
		T_FAIL_AT("no skeleton values for %s", name);
	}
	skelgen_wasm__free(s);
	skelgen_wasm_vars__free(&v);
	cmn_buf__free(&out);
	free(c), free(o), free(h), free(tu), free(inc), free(use);
}

static void test_skel_shapes(const char *tmp)
{
	skel_compiles(tmp, "bare", "bare",
		      "char LICENSE[] __attribute__((section(\"license\"))) = \"GPL\";\n");
	/* an object name that is no C identifier still gives a valid skeleton */
	skel_compiles(tmp, "3d-probe", "_3d_probe",
		      "int counter;\n__attribute__((section(\"tp/sched/sched_switch\"), used))\n"
		      "int prog(void *ctx) { return counter++; }\n");
	/* a user map named like an internal one ("bss") next to .bss */
	skel_compiles(tmp, "clash", "clash",
		      "struct { int (*type)[2]; int (*max_entries)[1]; int *key; int *value; }"
		      " bss __attribute__((section(\".maps\"), used));\nint counter;\n"
		      "__attribute__((section(\"tp/sched/sched_switch\"), used))\n"
		      "int prog(void *ctx) { return counter++; }\n");
	skel_compiles(
	    tmp, "mixed", "mixed",
	    "char LICENSE[] __attribute__((section(\"license\"))) = \"GPL\";\n"
	    "int data_var = 7;\nstatic int hidden = 3;\nconst volatile char msg[] = \"hi\";\n"
	    "__attribute__((section(\"tp/sched/sched_switch\"), used))\n"
	    "int prog(void *ctx) { hidden++; return data_var + msg[0] + hidden; }\n");
}

/* Render the skeleton of object o (name n) into dir/n.skel.h. */
static int render_skel(const char *o, const char *n, const char *dir)
{
	struct skelgen_wasm_vars v = {0};
	struct ecc_tpl_var tv[64];
	struct cmn_buf out = {0};
	struct skelgen_wasm *s = skelgen_wasm__open(o, n);
	char *h = cmn_asprintf("%s/%s.skel.h", dir, n);
	int err = s && h ? skelgen_wasm__skel_vars(s, &v) : -EINVAL;

	if (!err && v.cnt > 64)
		err = -E2BIG;
	for (size_t i = 0; !err && i < v.cnt; i++)
		tv[i] = (struct ecc_tpl_var){v.ptr[i].key, v.ptr[i].value};
	if (!err)
		err = ecc_tpl__render("skel", ecc_tpl__get("templates/wasm/skel.h.in", NULL), tv,
				      v.cnt, &out);
	if (!err)
		err = cmn_write_file_atomic(h, out.ptr, out.cnt, 0644);
	skelgen_wasm__free(s);
	skelgen_wasm_vars__free(&v);
	cmn_buf__free(&out);
	free(h);
	return err;
}

/*
 * Typed map operations: the right key/value types compile under -Werror,
 * a wrong key type does not; array values and per-CPU maps stay untyped.
 */
static void test_typed_maps(const char *tmp)
{
	static const char src[] =
	    "struct k { int a; long b; };\nstruct v { char c; void *p; };\n"
	    "struct { int (*type)[1]; int (*max_entries)[8]; struct k *key; struct v *value; }"
	    " hm __attribute__((section(\".maps\"), used));\n"
	    "struct { int (*type)[2]; int (*max_entries)[4]; int *key; char (*value)[16]; }"
	    " am __attribute__((section(\".maps\"), used));\n"
	    "struct { int (*type)[6]; int (*max_entries)[4]; int *key; long *value; }"
	    " pc __attribute__((section(\".maps\"), used));\n"
	    "__attribute__((section(\"tp/sched/sched_switch\"), used))\n"
	    "int prog(void *ctx) { return 0; }\n";
	static const char good[] =
	    "#include \"typed.skel.h\"\nint main(void)\n{\n"
	    "\tstruct typed *s = typed__open_and_load();\n\tstruct k key = {0};\n"
	    "\tstruct v val;\n\tchar buf[16];\n\tint i = 0, next;\n"
	    "\ttyped__hm__lookup_elem(s, &key, &val);\n\ttyped__hm__update_elem(s, &key, &val, "
	    "0);\n"
	    "\ttyped__hm__delete_elem(s, &key);\n\ttyped__hm__get_next_key(s, NULL, &key);\n"
	    "\ttyped__am__lookup_elem(s, &i, buf);\n\ttyped__am__get_next_key(s, &i, &next);\n"
	    "\ttyped__destroy(s);\n\treturn 0;\n}\n";
	static const char bad[] = "#include \"typed.skel.h\"\nint main(void)\n{\n"
				  "\tstruct v val;\n\tint i = 0;\n"
				  "\treturn typed__hm__lookup_elem(NULL, &i, &val);\n}\n";
	char *c = cmn_asprintf("%s/typed.bpf.c", tmp), *o = cmn_asprintf("%s/typed.o", tmp);
	char *tu = cmn_asprintf("%s/typed_use.c", tmp);
	char *inc = cmn_asprintf("-I%s/skelgen/guest", ECC_SOURCE_DIR);
	char *bpf[] = {"clang", "-g", "-O2", "-target", "bpf", "-c", c, "-o", o, NULL};
	char *wasm[] = {"clang",
			"--target=wasm32-wasi",
			"--sysroot=/usr",
			"-nostdlibinc",
			"-isystem",
			"/usr/include/wasm32-wasi",
			inc,
			"-Wall",
			"-Werror",
			"-fsyntax-only",
			tu,
			NULL};
	struct cmn_proc_result r = {0};

	cmn_write_file_atomic(c, src, strlen(src), 0644);
	T_EQ_INT(0, run_quiet(bpf));
	T_EQ_INT(0, render_skel(o, "typed", tmp));
	cmn_write_file_atomic(tu, good, strlen(good), 0644);
	T_EQ_INT(0, run_quiet(wasm));
	cmn_write_file_atomic(tu, bad, strlen(bad), 0644);
	T_EQ_INT(0, cmn_proc_run(wasm, CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL, &r));
	T_TRUE(r.status != 0 && r.err && strstr(r.err, "incompatible pointer types"));
	cmn_proc_result__free(&r);
	free(c), free(o), free(tu), free(inc);
}

static const char *var_value(const struct skelgen_wasm_vars *v, const char *key)
{
	for (size_t i = 0; i < v->cnt; i++)
		if (!strcmp(v->ptr[i].key, key))
			return v->ptr[i].value;
	return NULL;
}

/*
 * The embedded bytes are the object's, and the .rodata row's file offset
 * points at the section's bytes: the initial value of a variable is found
 * there, at its BTF offset (8: after a u64).
 */
static void test_embedded_bytes(const char *tmp)
{
	static const char src[] = "const volatile unsigned long long first = 1;\n"
				  "const volatile unsigned int magic = 0x12345678;\n"
				  "__attribute__((section(\"tp/sched/sched_switch\"), used))\n"
				  "int prog(void *ctx) { return first + magic; }\n";
	char *c = cmn_asprintf("%s/emb.bpf.c", tmp), *o = cmn_asprintf("%s/emb.o", tmp);
	char *bpf[] = {"clang", "-g", "-O2", "-target", "bpf", "-c", c, "-o", o, NULL};
	struct skelgen_wasm_vars v = {0};
	struct skelgen_wasm *s = NULL;
	unsigned char *bytes = NULL;
	const char *hex, *sec;
	char *file = NULL;
	size_t len = 0, n = 0;
	long long off = -1;

	cmn_write_file_atomic(c, src, strlen(src), 0644);
	T_EQ_INT(0, run_quiet(bpf));
	T_EQ_INT(0, cmn_read_file(o, 1 << 24, &file, &len));
	s = skelgen_wasm__open(o, "emb");
	T_TRUE(s && !skelgen_wasm__skel_vars(s, &v));
	hex = var_value(&v, "ELF_BYTES");
	sec = var_value(&v, "SEC_INIT");
	bytes = malloc(len + 1);
	for (const char *p = hex; p && bytes && (p = strstr(p, "0x")) && n <= len; p += 4)
		bytes[n++] = (unsigned char)strtoul(p, NULL, 16);
	T_EQ_INT(len, n);
	if (file && bytes && n == len)
		T_EQ_MEM(file, bytes, len);
	T_TRUE(sec && sscanf(sec, " {\".rodata\", %*u, %lld", &off) == 1);
	if (file && off > 0 && (size_t)off + 12 <= len) {
		unsigned int magic;

		memcpy(&magic, file + off + 8, 4);
		T_EQ_INT(0x12345678, magic);
	}
	skelgen_wasm_vars__free(&v);
	skelgen_wasm__free(s);
	free(bytes), free(file), free(c), free(o);
}

int main(void)
{
	char *tmp = cmn_mkdtemp("ecc-test-skelgen-wasm");

	test_render();
	test_embedded();
	test_attach_kinds();
	if (tmp)
		test_skel_shapes(tmp);
	if (tmp)
		test_embedded_bytes(tmp);
	if (tmp)
		test_typed_maps(tmp);
	if (tmp)
		cmn_rm_rf(tmp);
	free(tmp);
	cmn_buf__free(&logbuf);
	TEST_MAIN_END();
}
