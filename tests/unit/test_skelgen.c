// SPDX-License-Identifier: MIT
/* skelgen: doc merge rules and the package tree (zlib + base64 + size). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "common.h"
#include "skelgen.h"
#include "tassert.h"

static void quiet(enum cmn_log_level level, const char *msg)
{
}

static const char *skel_json =
    "{\"obj_name\":\"x_bpf\",\"data_sections\":[{\"name\":\".rodata\",\"variables\":"
    "[{\"name\":\"target_pid\",\"type\":\"pid_t\"}]}],"
    "\"maps\":[{\"name\":\"rb\",\"ident\":\"rb\"},{\"name\":\"rb2\",\"ident\":\"rb2\"},"
    "{\"name\":\"x_bpf.rodata\",\"ident\":\"rodata\",\"mmaped\":true}],"
    "\"progs\":[{\"name\":\"handle\",\"attach\":\"xdp\",\"link\":true}]}";

static struct btf *two_structs(int *a, int *b)
{
	struct btf *btf = btf__new_empty();
	int i32 = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);

	*a = btf__add_struct(btf, "ev_a", 4);
	btf__add_field(btf, "x", i32, 0, 0);
	*b = btf__add_struct(btf, "ev_b", 4);
	btf__add_field(btf, "y", i32, 0, 0);
	return btf;
}

static cJSON *item(cJSON *arr, int i)
{
	return cJSON_GetArrayItem(arr, i);
}

static void test_merge(void)
{
	const char *doc_json =
	    "{\"globals\":{\"target_pid\":{\"description\":\"pid\",\"cmdarg\":{\"short\":\"p\"}},"
	    "\"not_a_var\":{\"description\":\"ignored\"}},"
	    "\"maps\":{\"rb\":{\"export\":\"struct ev_a\",\"sample\":{\"interval\":1}},"
	    "\"rb2\":{\"export\":\"ev_b\"},\"nomap\":{\"sample\":{}}},"
	    "\"progs\":{\"handle\":{\"ifindex\":3,\"flags\":0}},"
	    "\"doc\":{\"brief\":\"b\",\"version\":\"0.1\"}}";
	cJSON *skel = cJSON_Parse(skel_json), *doc = cJSON_Parse(doc_json), *maps, *var, *cfg;
	bool multi = false;
	struct btf *btf;
	int a, b;

	btf = two_structs(&a, &b);
	T_EQ_INT(0, skelgen_skel__merge_doc(skel, doc, btf, &multi));
	T_TRUE(multi); /* rb and rb2 export different structs */
	var = item(
	    cJSON_GetObjectItem(item(cJSON_GetObjectItem(skel, "data_sections"), 0), "variables"),
	    0);
	T_EQ_STR("pid", cJSON_GetStringValue(cJSON_GetObjectItem(var, "description")));
	T_EQ_STR("p", cJSON_GetStringValue(
			  cJSON_GetObjectItem(cJSON_GetObjectItem(var, "cmdarg"), "short")));
	maps = cJSON_GetObjectItem(skel, "maps");
	cfg = cJSON_GetObjectItem(item(maps, 0), "export_config");
	T_EQ_INT(a, cJSON_GetObjectItem(cfg, "btf_type_id")->valuedouble);
	T_TRUE(cJSON_GetObjectItem(item(maps, 0), "export") == NULL); /* translated, not copied */
	T_TRUE(cJSON_GetObjectItem(item(maps, 0), "sample") != NULL);
	cfg = cJSON_GetObjectItem(item(maps, 1), "export_config");
	T_EQ_INT(b, cJSON_GetObjectItem(cfg, "btf_type_id")->valuedouble);
	T_EQ_INT(3, cJSON_GetObjectItem(item(cJSON_GetObjectItem(skel, "progs"), 0), "ifindex")
			->valuedouble);
	T_EQ_STR("0.1", cJSON_GetStringValue(
			    cJSON_GetObjectItem(cJSON_GetObjectItem(skel, "doc"), "version")));
	cJSON_Delete(skel);
	cJSON_Delete(doc);
	btf__free(btf);
}

static void test_merge_same_struct_and_missing(void)
{
	cJSON *skel = cJSON_Parse(skel_json);
	cJSON *same = cJSON_Parse("{\"maps\":{\"rb\":{\"export\":\"struct ev_a\"},"
				  "\"rb2\":{\"export\":\"struct ev_a\"}}}");
	cJSON *missing = cJSON_Parse("{\"maps\":{\"rb\":{\"export\":\"struct nope\"}}}");
	bool multi = true;
	struct btf *btf;
	int a, b;

	btf = two_structs(&a, &b);
	T_EQ_INT(0, skelgen_skel__merge_doc(skel, same, btf, &multi));
	T_TRUE(!multi);
	T_EQ_INT(-ENOENT, skelgen_skel__merge_doc(skel, missing, btf, &multi));
	cJSON_Delete(skel);
	cJSON_Delete(same);
	cJSON_Delete(missing);
	btf__free(btf);
}

static void test_pkg(void)
{
	static const char obj[] = "\177ELF pretend object bytes, repeated repeated repeated";
	cJSON *meta = cJSON_Parse("{\"bpf_skel\":{\"obj_name\":\"x_bpf\"}}"), *pkg = NULL;
	const char *b64;
	void *z = NULL, *back = NULL;
	size_t z_len, back_len = 0;

	T_EQ_INT(0, skelgen_pkg__build(obj, sizeof(obj), meta, &pkg));
	if (!pkg)
		return;
	T_EQ_INT(sizeof(obj), cJSON_GetObjectItem(pkg, "bpf_object_size")->valuedouble);
	T_TRUE(cJSON_Compare(meta, cJSON_GetObjectItem(pkg, "meta"), true));
	b64 = cJSON_GetStringValue(cJSON_GetObjectItem(pkg, "bpf_object"));
	T_EQ_INT(0, cmn_base64_decode(b64, strlen(b64), &z, &z_len));
	T_EQ_INT(0x78, ((unsigned char *)z)[0]); /* a zlib stream header, not gzip/raw */
	T_EQ_INT(0, cmn_zlib_inflate(z, z_len, 1 << 20, &back, &back_len));
	T_EQ_INT(sizeof(obj), back_len);
	T_EQ_MEM(obj, back, sizeof(obj));
	free(z);
	free(back);
	cJSON_Delete(pkg);
	cJSON_Delete(meta);
}

int main(void)
{
	cmn_set_print(quiet);
	test_merge();
	test_merge_same_struct_and_missing();
	test_pkg();
	TEST_MAIN_END();
}
