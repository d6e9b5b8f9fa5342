// SPDX-License-Identifier: MIT
/* cmn_yaml: emit/parse round trips, scalar typing, and rejected inputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "tassert.h"
#include "common_yaml.h"

static void quiet(enum cmn_log_level level, const char *msg)
{
}

/* JSON -> YAML -> JSON must give the same compact JSON text. */
static void round_trip(const char *json)
{
	cJSON *in = cJSON_Parse(json), *back = NULL;
	char *yaml = NULL, *a = NULL, *b = NULL;
	size_t len;

	T_TRUE(in != NULL);
	T_EQ_INT(0, cmn_yaml_emit(in, &yaml, &len));
	T_EQ_INT(0, cmn_yaml_parse(yaml, len, &back));
	a = cJSON_PrintUnformatted(in);
	b = back ? cJSON_PrintUnformatted(back) : NULL;
	T_EQ_STR(a, b);
	free(a);
	free(b);
	free(yaml);
	cJSON_Delete(in);
	cJSON_Delete(back);
}

static void test_round_trips(void)
{
	round_trip("{\"a\":1,\"b\":\"0.1\",\"c\":true,\"d\":null,\"e\":[1,2,{\"x\":\"y\"}]}");
	round_trip("{\"bpf_skel\":{\"obj_name\":\"x_bpf\",\"maps\":[],\"progs\":[{\"name\":\"p\","
		   "\"attach\":\"tp/sched/sched_process_exec\",\"link\":true}]}}");
	round_trip("{\"s\":\"line1\\nline2\",\"q\":\"true\",\"n\":\"123\",\"neg\":-5,\"f\":1.5}");
	round_trip("{\"empty_obj\":{},\"empty_arr\":[],\"colon\":\"a: b\",\"hash\":\"# c\"}");
	round_trip("[\"top\",\"level\",\"array\"]");
	round_trip(
	    "[-3e21,1e300,-0.5,-0,9007199254740993,4294967295]"); /* beyond 2^53 and long long */
}

static void test_scalars(void)
{
	const char *y = "i: 42\nf: -1.25\nt: true\nn: ~\ns: hello world\nq: '7'\n";
	cJSON *o = NULL;

	T_EQ_INT(0, cmn_yaml_parse(y, strlen(y), &o));
	if (!o)
		return;
	T_EQ_INT(42, cJSON_GetObjectItem(o, "i")->valuedouble);
	T_TRUE(cJSON_GetObjectItem(o, "f")->valuedouble == -1.25);
	T_TRUE(cJSON_IsTrue(cJSON_GetObjectItem(o, "t")));
	T_TRUE(cJSON_IsNull(cJSON_GetObjectItem(o, "n")));
	T_EQ_STR("hello world", cJSON_GetStringValue(cJSON_GetObjectItem(o, "s")));
	T_EQ_STR("7", cJSON_GetStringValue(cJSON_GetObjectItem(o, "q")));
	cJSON_Delete(o);
}

static void test_rejects(void)
{
	static const char *const bad[] = {
	    "a: [1, 2",		  /* unterminated flow sequence */
	    "a: &x 1\nb: *x\n",	  /* alias */
	    "--- 1\n--- 2\n",	  /* two documents */
	    "? [1]\n: 2\n",	  /* non-scalar key */
	    "",			  /* empty */
	    "a: 1\nb: 2\na: 3\n", /* duplicate key */
	    "{x: {y: 1, y: 2}}",  /* duplicate key, nested, flow */
	};
	cJSON *o;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = (cJSON *)1;
		T_TRUE(cmn_yaml_parse(bad[i], strlen(bad[i]), &o) < 0);
		T_TRUE(o == NULL);
	}
}

static void test_deep(void)
{
	struct cmn_buf b = {0};
	cJSON *o = NULL;
	int i;

	for (i = 0; i < 300; i++)
		cmn_buf__puts(&b, "[");
	for (i = 0; i < 300; i++)
		cmn_buf__puts(&b, "]");
	T_EQ_INT(-E2BIG, cmn_yaml_parse(b.ptr, b.cnt, &o));
	T_TRUE(o == NULL);
	cmn_buf__free(&b);
}

int main(void)
{
	cmn_set_print(quiet);
	test_round_trips();
	test_scalars();
	test_rejects();
	test_deep();
	TEST_MAIN_END();
}
