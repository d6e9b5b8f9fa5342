/* SPDX-License-Identifier: MIT */
/* ecc_doc_text: one raw doc comment -> cJSON keys, without libclang. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "ecc_doc_text.h"
#include "tassert.h"

/* The last warning, so tests can check it names file:line. */
static char last_msg[1024];

static void capture(enum cmn_log_level level, const char *msg)
{
	if (level == CMN_WARN)
		snprintf(last_msg, sizeof(last_msg), "%s", msg);
}

/* Parse `raw` as found at f.bpf.c:`line`; returns the object (or NULL on error). */
static cJSON *parse_at(const char *raw, enum ecc_doc_kind kind, unsigned int line, int *err)
{
	cJSON *obj = cJSON_CreateObject();

	last_msg[0] = '\0';
	*err = ecc_doc_text__parse(raw, kind, "f.bpf.c", line, obj);
	if (*err) {
		cJSON_Delete(obj);
		return NULL;
	}
	return obj;
}

static cJSON *parse(const char *raw, enum ecc_doc_kind kind)
{
	int err;
	cJSON *obj = parse_at(raw, kind, 1, &err);

	T_EQ_INT(0, err);
	return obj;
}

static const char *str_of(const cJSON *obj, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

static const cJSON *get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static void expect_error(const char *raw, enum ecc_doc_kind kind, unsigned int line,
			 const char *where, const char *what)
{
	int err;
	cJSON *obj = parse_at(raw, kind, line, &err);

	T_EQ_INT(-EINVAL, err);
	T_TRUE(obj == NULL);
	if (!strstr(last_msg, where) || !strstr(last_msg, what))
		T_FAIL_AT("message \"%s\" lacks \"%s\" / \"%s\"", last_msg, where, what);
	else
		t_pass++;
	cJSON_Delete(obj);
}

static void test_descriptions(void)
{
	cJSON *o;

	o = parse("/// just text", ECC_DOC_GLOBAL);
	T_EQ_STR("just text", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/// line one\n///   line two\n///\n/// second paragraph", ECC_DOC_GLOBAL);
	T_EQ_STR("line one line two\nsecond paragraph", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/// Modes:\n/// - fast: skip\n///   the checks\n/// - 2. slow\n/// 10) last\n"
		  "/// -1 is not an item",
		  ECC_DOC_GLOBAL);
	T_EQ_STR("Modes:\n- fast: skip the checks\n- 2. slow\n10) last -1 is not an item",
		 str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/**\n * Hello\n * world\n */", ECC_DOC_GLOBAL);
	T_EQ_STR("Hello world", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/** one-liner */", ECC_DOC_GLOBAL);
	T_EQ_STR("one-liner", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/*! bang */", ECC_DOC_GLOBAL);
	T_EQ_STR("bang", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("//! inner\r\n///< trailing\r\n", ECC_DOC_GLOBAL);
	T_EQ_STR("inner trailing", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/// free text\n/// @description explicit\n/// and more", ECC_DOC_GLOBAL);
	T_EQ_STR("free text\nexplicit and more", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/// mail me@example.org or @ here", ECC_DOC_GLOBAL);
	T_EQ_STR("mail me@example.org or @ here", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/// @param: kernel-doc style is text", ECC_DOC_GLOBAL);
	T_EQ_STR("@param: kernel-doc style is text", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/// @description true", ECC_DOC_GLOBAL);
	T_TRUE(cJSON_IsString(get(o, "description")));
	T_EQ_STR("true", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("///\n///", ECC_DOC_GLOBAL);
	T_TRUE(o && o->child == NULL);
	cJSON_Delete(o);

	o = parse("/**\n *****/", ECC_DOC_GLOBAL);
	T_TRUE(o && o->child == NULL);
	cJSON_Delete(o);
}

static void test_doc_keys_are_strings(void)
{
	cJSON *o = parse("/// @brief 42\n/// @version 0.1\n/// @details A longer\n"
			 "/// text on two lines.\n///\n/// And a second paragraph.",
			 ECC_DOC_LICENSE);

	T_EQ_STR("42", str_of(o, "brief"));
	T_EQ_STR("0.1", str_of(o, "version"));
	T_EQ_STR("A longer text on two lines.\nAnd a second paragraph.", str_of(o, "details"));
	T_TRUE(get(o, "description") == NULL);
	cJSON_Delete(o);

	o = parse("/** @version 1 */", ECC_DOC_LICENSE);
	T_EQ_STR("1", str_of(o, "version"));
	cJSON_Delete(o);
}

static void test_json_values(void)
{
	cJSON *o, *c;

	o = parse("/// @cmdarg {\"default\": 0, \"short\": \"p\", \"long\": \"pid\"}",
		  ECC_DOC_GLOBAL);
	c = (cJSON *)get(o, "cmdarg");
	T_TRUE(cJSON_IsObject(c));
	T_EQ_STR("p", str_of(c, "short"));
	T_EQ_STR("pid", str_of(c, "long"));
	T_EQ_INT(0, get(c, "default")->valueint);
	cJSON_Delete(o);

	o = parse("/// Target pid.\n/// @cmdarg {\"default\": 7,\n///   \"short\": \"p\",\n"
		  "///   \"help\": \"the pid\"}",
		  ECC_DOC_GLOBAL);
	c = (cJSON *)get(o, "cmdarg");
	T_EQ_STR("the pid", str_of(c, "help"));
	T_EQ_INT(7, get(c, "default")->valueint);
	T_EQ_STR("Target pid.", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/**\n * @cmdarg\n *   {\"short\": \"x\"}\n */", ECC_DOC_GLOBAL);
	T_EQ_STR("x", str_of(get(o, "cmdarg"), "short"));
	cJSON_Delete(o);

	/* text on the lines after a complete JSON value is description */
	o = parse("/// @cmdarg {\"short\": \"p\"}\n/// Only this pid.", ECC_DOC_GLOBAL);
	T_EQ_STR("p", str_of(get(o, "cmdarg"), "short"));
	T_EQ_STR("Only this pid.", str_of(o, "description"));
	cJSON_Delete(o);

	o = parse("/// @value 5", ECC_DOC_GLOBAL);
	T_TRUE(cJSON_IsNumber(get(o, "value")));
	T_EQ_INT(5, get(o, "value")->valueint);
	cJSON_Delete(o);

	o = parse("/// @value \"quoted\"", ECC_DOC_GLOBAL);
	T_EQ_STR("quoted", str_of(o, "value"));
	cJSON_Delete(o);

	o = parse("/// @value 1\n/// @value 2", ECC_DOC_GLOBAL);
	T_EQ_INT(2, get(o, "value")->valueint);
	T_EQ_INT(1, cJSON_GetArraySize(o));
	cJSON_Delete(o);

	/* no type: eunomia's runtime takes default_kv */
	o = parse("/// @sample {\"interval\": 500}", ECC_DOC_MAP);
	T_EQ_INT(500, get(get(o, "sample"), "interval")->valueint);
	T_TRUE(get(get(o, "sample"), "type") == NULL);
	cJSON_Delete(o);

	o = parse("/// @sample {\"interval\": 1000, \"type\": \"log2_hist\",\n"
		  "///          \"unit\": \"usecs\", \"clear_map\": true}",
		  ECC_DOC_MAP);
	c = (cJSON *)get(o, "sample");
	T_EQ_INT(1000, get(c, "interval")->valueint);
	T_EQ_STR("log2_hist", str_of(c, "type"));
	T_TRUE(cJSON_IsTrue(get(c, "clear_map")));
	cJSON_Delete(o);
}

static void test_unknown_and_string_keys(void)
{
	cJSON *o = parse("/// @foo {\"a\": [1, 2]}\n/// @bar hello world\n/// @baz 7\n"
			 "/// @export struct event\n/// @flagless",
			 ECC_DOC_MAP);

	T_TRUE(cJSON_IsObject(get(o, "foo")));
	T_EQ_INT(2, cJSON_GetArraySize(get(get(o, "foo"), "a")));
	T_EQ_STR("hello world", str_of(o, "bar"));
	T_EQ_INT(7, get(o, "baz")->valueint);
	T_EQ_STR("struct event", str_of(o, "export"));
	T_TRUE(cJSON_IsTrue(get(o, "flagless")));
	cJSON_Delete(o);

	o = parse("/// @note 5 apples\n/// and pears", ECC_DOC_GLOBAL);
	T_EQ_STR("5 apples and pears", str_of(o, "note"));
	cJSON_Delete(o);
}

static void test_prog_options(void)
{
	cJSON *o = parse("/// Drop nothing.\n/// @ifindex 1\n/// @flags 0\n"
			 "/// @xdpopts {\"old_prog_fd\": 0}",
			 ECC_DOC_PROG);

	T_EQ_INT(1, get(o, "ifindex")->valueint);
	T_EQ_INT(0, get(o, "flags")->valueint);
	T_TRUE(cJSON_IsObject(get(o, "xdpopts")));
	cJSON_Delete(o);

	o = parse("/// @tchook {\"ifindex\": 1,\n///  \"attach_point\": \"BPF_TC_EGRESS\"}\n"
		  "/// @tcopts {\"handle\": 1, \"priority\": 1}",
		  ECC_DOC_PROG);
	T_EQ_STR("BPF_TC_EGRESS", str_of(get(o, "tchook"), "attach_point"));
	T_EQ_INT(1, get(get(o, "tcopts"), "priority")->valueint);
	cJSON_Delete(o);
}

static void test_errors(void)
{
	/* bad JSON: the line of the error, not of the key */
	expect_error("/// @cmdarg {\"default\": 0,\n///   \"short\": }", ECC_DOC_GLOBAL, 10,
		     "f.bpf.c:11:", "@cmdarg is not valid JSON");
	expect_error("/// text\n/// @cmdarg\n///\n///   {\"short\" \"p\"}", ECC_DOC_GLOBAL, 20,
		     "f.bpf.c:23:", "not valid JSON");
	expect_error("/// @cmdarg {\"short\": \"p\"} extra", ECC_DOC_GLOBAL, 3,
		     "f.bpf.c:3:", "not valid JSON");
	expect_error("/// @cmdarg", ECC_DOC_GLOBAL, 4, "f.bpf.c:4:", "got: nothing");
	expect_error("/// @cmdarg 5", ECC_DOC_GLOBAL, 5, "f.bpf.c:5:", "must be a JSON object");
	expect_error("/// @cmdarg {\"short\": \"pid\"}", ECC_DOC_GLOBAL, 6,
		     "f.bpf.c:6:", "one-character");
	expect_error("/// @cmdarg {\"long\": 3}", ECC_DOC_GLOBAL, 6, "f.bpf.c:6:", "\"long\"");
	expect_error("/// @cmdarg {\"default\": [1]}", ECC_DOC_GLOBAL, 6,
		     "f.bpf.c:6:", "\"default\"");
	expect_error("/// @sample {\"interval\": 0, \"type\": \"log2_hist\"}", ECC_DOC_MAP, 7,
		     "f.bpf.c:7:", "\"interval\"");
	expect_error("/// @sample {\"interval\": 1.5, \"type\": \"log2_hist\"}", ECC_DOC_MAP, 7,
		     "f.bpf.c:7:", "\"interval\"");
	expect_error("/// @sample {\"type\": \"log2_hist\"}", ECC_DOC_MAP, 7,
		     "f.bpf.c:7:", "\"interval\"");
	expect_error("/// @sample {\"interval\": 1000, \"type\": \"bars\"}", ECC_DOC_MAP, 8,
		     "f.bpf.c:8:", "log2_hist");
	expect_error("/// @sample {\"interval\": 1000, \"type\": 2}", ECC_DOC_MAP, 8,
		     "f.bpf.c:8:", "\"type\"");
	expect_error("/// @sample [1000]", ECC_DOC_MAP, 8, "f.bpf.c:8:", "JSON object");
	expect_error("/// @sample {\"interval\": 10, \"type\": \"default_kv\", \"unit\": 1}",
		     ECC_DOC_MAP, 8, "f.bpf.c:8:", "\"unit\"");
	expect_error("/// ok\n/// @sample interval=1000", ECC_DOC_MAP, 9,
		     "f.bpf.c:10:", "not valid JSON");
	expect_error("/// @ifindex lo", ECC_DOC_PROG, 11, "f.bpf.c:11:", "@ifindex");
	expect_error("/// @flags -1", ECC_DOC_PROG, 11, "f.bpf.c:11:", "@flags");
	expect_error("/// @tchook {\"attach_point\": \"INGRESS\"}", ECC_DOC_PROG, 12,
		     "f.bpf.c:12:", "BPF_TC_INGRESS");
	expect_error("/// @tcopts {\"handle\": \"one\"}", ECC_DOC_PROG, 12,
		     "f.bpf.c:12:", "\"handle\"");
	/* the first bad key fails the comment even after good ones */
	expect_error("/// @value 1\n/// @cmdarg {,}", ECC_DOC_GLOBAL, 1, "f.bpf.c:2:", "JSON");
}

int main(void)
{
	cmn_set_print(capture);
	test_descriptions();
	test_doc_keys_are_strings();
	test_json_values();
	test_unknown_and_string_keys();
	test_prog_options();
	test_errors();
	TEST_MAIN_END();
}
