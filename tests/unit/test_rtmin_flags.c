// SPDX-License-Identifier: MIT
/*
 * rtmin flags from a real object's globals (progs/flags_test.bpf.c, opened
 * with libbpf, never loaded): every integer width's limits, enums by name
 * and number, bool spellings, floats, char[N] length limits, meta defaults,
 * hidden dummy variables, and the bytes written into the sections.
 *
 *   test_rtmin_flags FLAGS_TEST_OBJ
 */
#include "rtmin_int.h"
#include "tassert.h"

#include <errno.h>
#include <stdlib.h>

static char last_msg[512];

static void capture(enum cmn_log_level level, const char *msg)
{
	if (level == CMN_WARN)
		snprintf(last_msg, sizeof(last_msg), "%s", msg);
}

static const char meta_json[] =
	"{\"bpf_skel\":{\"obj_name\":\"flags_test_bpf\",\"data_sections\":["
	"{\"name\":\".rodata\",\"variables\":["
	"{\"name\":\"v_pid\",\"type\":\"pid_t\",\"description\":\"the pid\","
	"\"cmdarg\":{\"default\":42,\"short\":\"p\",\"long\":\"pid\"}},"
	"{\"name\":\"v_s16\",\"type\":\"short\",\"value\":-5},"
	"{\"name\":\"v_u8\",\"type\":\"__u8\",\"value\":\"not a number\"}]}]},"
	"\"export_types\":[]}";

static struct rtmin_pkg *make_pkg(const char *obj_path)
{
	char *obj, *b64, *text;
	size_t len, zlen, blen;
	struct rtmin_pkg *pkg;
	void *z;

	if (cmn_read_file(obj_path, 1 << 24, &obj, &len) || cmn_zlib_compress(obj, len, &z, &zlen) ||
	    cmn_base64_encode(z, zlen, &b64, &blen))
		return NULL;
	text = cmn_asprintf("{\"bpf_object\":\"%s\",\"bpf_object_size\":%zu,\"meta\":%s}", b64, len,
			    meta_json);
	pkg = text ? rtmin_pkg__open_mem("flags_test.json", text, strlen(text)) : NULL;
	free(obj);
	free(z);
	free(b64);
	free(text);
	return pkg;
}

/* Bytes of variable `var` in the object's sections after apply. */
static const uint8_t *var_bytes(struct bpf_object *obj, const char *var)
{
	const struct btf *btf = bpf_object__btf(obj);
	const char *secs[] = { ".rodata", ".data", ".bss" };
	size_t s, sz;
	unsigned i;

	for (s = 0; s < 3; s++) {
		int id = btf__find_by_name_kind(btf, secs[s], BTF_KIND_DATASEC);
		const struct btf_type *t = id > 0 ? btf__type_by_id(btf, id) : NULL;
		const struct btf_var_secinfo *vs = t ? btf_var_secinfos(t) : NULL;
		struct bpf_map *m;

		for (i = 0; t && i < btf_vlen(t); i++, vs++) {
			if (strcmp(btf__name_by_offset(btf, btf__type_by_id(btf, vs->type)->name_off), var))
				continue;
			bpf_object__for_each_map(m, obj)
				if (bpf_map__is_internal(m) && strstr(bpf_map__name(m), secs[s]))
					return (const uint8_t *)bpf_map__initial_value(m, &sz) + vs->offset;
		}
	}
	return NULL;
}

struct ctx {
	struct rtmin_pkg *pkg;
	struct bpf_object *obj;
	struct rtmin_flags *f;
};

/* Parse argv on fresh flags over a fresh object; apply when it parsed. */
static int parse(struct ctx *c, int argc, char **argv)
{
	int err;

	rtmin_flags__free(c->f);
	bpf_object__close(c->obj);
	last_msg[0] = '\0';
	c->obj = rtmin_pkg__open_obj(c->pkg, NULL);
	c->f = c->obj ? rtmin_flags__new(c->pkg, c->obj) : NULL;
	if (!c->f)
		return -ENOMEM;
	err = rtmin_flags__parse(c->f, argc, argv);
	if (!err)
		err = rtmin_flags__apply(c->f, c->obj);
	return err;
}

#define PARSE(c, ...) parse(c, sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *), (char *[]){ __VA_ARGS__ })

#define EXPECT_VAL(c, var, type, want)                                                   \
	do {                                                                             \
		type v_;                                                                 \
		const uint8_t *p_ = var_bytes((c)->obj, var);                            \
		T_TRUE(p_ != NULL);                                                      \
		if (p_) {                                                                \
			memcpy(&v_, p_, sizeof(v_));                                     \
			T_EQ_INT((long long)(want), (long long)v_);                      \
		}                                                                        \
	} while (0)

#define EXPECT_ERR(c, substr, ...)                                                       \
	do {                                                                             \
		T_EQ_INT(-EINVAL, PARSE(c, __VA_ARGS__));                                \
		if (!strstr(last_msg, substr))                                           \
			T_FAIL_AT("message \"%s\" lacks \"%s\"", last_msg, substr);      \
		else                                                                     \
			t_pass++;                                                        \
	} while (0)

static void test_ints(struct ctx *c)
{
	T_EQ_INT(0, PARSE(c, "--v_u8", "255", "--v_s8=-128", "--v_u16", "0xffff", "--v_s16", "-32768",
			  "--v_u32", "4294967295", "--v_s32", "-2147483648", "--v_u64",
			  "18446744073709551615", "--v_s64", "-9223372036854775808"));
	EXPECT_VAL(c, "v_u8", uint8_t, 255);
	EXPECT_VAL(c, "v_s8", int8_t, -128);
	EXPECT_VAL(c, "v_u16", uint16_t, 0xffff);
	EXPECT_VAL(c, "v_s16", int16_t, -32768);
	EXPECT_VAL(c, "v_u32", uint32_t, 4294967295u);
	EXPECT_VAL(c, "v_s32", int32_t, INT32_MIN);
	EXPECT_VAL(c, "v_u64", uint64_t, UINT64_MAX);
	EXPECT_VAL(c, "v_s64", int64_t, INT64_MIN);
	EXPECT_ERR(c, "--v_u8: 256 is out of range 0..255", "--v_u8", "256");
	EXPECT_ERR(c, "--v_s8: -129 is out of range -128..127", "--v_s8", "-129");
	EXPECT_ERR(c, "--v_u16: '-1' is not a non-negative number", "--v_u16", "-1");
	EXPECT_ERR(c, "--v_s16: 32768 is out of range -32768..32767", "--v_s16", "32768");
	EXPECT_ERR(c, "--v_u32: 4294967296 is out of range 0..4294967295", "--v_u32", "4294967296");
	EXPECT_ERR(c, "--v_u64: 18446744073709551616 is out of range", "--v_u64", "18446744073709551616");
	EXPECT_ERR(c, "--v_s32: '12abc' is not a number", "--v_s32", "12abc");
	EXPECT_ERR(c, "--v_s32: '' is not a number", "--v_s32=");
}

static void test_kinds(struct ctx *c)
{
	T_EQ_INT(0, PARSE(c, "--v_enum", "BLUE", "--v_f32", "1.5", "--v_f64=-2.25", "--v_str",
			  "1234567", "--disable-v_bool", "--v_flag"));
	EXPECT_VAL(c, "v_enum", int32_t, -3);
	EXPECT_VAL(c, "v_bool", uint8_t, 0);
	EXPECT_VAL(c, "v_flag", uint8_t, 1);
	{
		float f;
		double d;

		memcpy(&f, var_bytes(c->obj, "v_f32"), 4);
		memcpy(&d, var_bytes(c->obj, "v_f64"), 8);
		T_TRUE(f == 1.5f);
		T_TRUE(d == -2.25);
		T_EQ_STR("1234567", (const char *)var_bytes(c->obj, "v_str"));
	}
	T_EQ_INT(0, PARSE(c, "--v_enum", "1", "--enable-v_flag", "--v_bool=false"));
	EXPECT_VAL(c, "v_enum", int32_t, 1);
	EXPECT_VAL(c, "v_flag", uint8_t, 1);
	EXPECT_VAL(c, "v_bool", uint8_t, 0);
	EXPECT_ERR(c, "--v_enum: 'PURPLE' is not one of RED, GREEN, BLUE or a number", "--v_enum", "PURPLE");
	EXPECT_ERR(c, "--v_str: '12345678' is 8 characters, the limit is 7", "--v_str", "12345678");
	EXPECT_ERR(c, "--v_f32: 'x' is not a number", "--v_f32", "x");
	EXPECT_ERR(c, "--v_bool: 'maybe' is not true or false", "--v_bool=maybe");
	/* .data and .bss are flags too */
	T_EQ_INT(0, PARSE(c, "--v_data", "-9", "--v_bss", "77"));
	EXPECT_VAL(c, "v_data", int32_t, -9);
	EXPECT_VAL(c, "v_bss", uint64_t, 77);
}

static void test_meta(struct ctx *c)
{
	FILE *mem;
	char *help = NULL;
	size_t hlen = 0;

	/* meta default applies without a flag; short and long names from cmdarg */
	T_EQ_INT(0, PARSE(c, "--"));
	EXPECT_VAL(c, "v_pid", int32_t, 42);
	EXPECT_VAL(c, "v_s16", int16_t, -5);
	EXPECT_VAL(c, "v_u8", uint8_t, 1);	/* an unusable meta default keeps the ELF's */
	T_EQ_INT(0, PARSE(c, "-p", "7"));
	EXPECT_VAL(c, "v_pid", int32_t, 7);
	T_EQ_INT(0, PARSE(c, "-p9"));
	EXPECT_VAL(c, "v_pid", int32_t, 9);
	EXPECT_ERR(c, "unknown flag '--v_pid'", "--v_pid", "3");
	EXPECT_ERR(c, "unknown flag '--__eunomia_dummy_opaque_ptr'", "--__eunomia_dummy_opaque_ptr", "1");
	EXPECT_ERR(c, "--pid needs a value", "--pid");
	EXPECT_ERR(c, "unexpected argument 'stray'", "stray");
	T_EQ_INT(0, PARSE(c, "--"));
	mem = open_memstream(&help, &hlen);
	rtmin_flags__help(c->f, mem);
	fclose(mem);
	T_TRUE(strstr(help, "-p, --pid <pid_t>") != NULL);
	T_TRUE(strstr(help, "the pid (default: 42)") != NULL);
	T_TRUE(strstr(help, "--v_str <") != NULL && strstr(help, "(default: abc)") != NULL);
	T_TRUE(strstr(help, "--v_enum <") != NULL && strstr(help, "(default: GREEN(2))") != NULL);
	T_TRUE(strstr(help, "eunomia_dummy") == NULL);
	T_EQ_INT(17, rtmin_flags__count(c->f));
	free(help);
}

int main(int argc, char **argv)
{
	struct ctx c = { 0 };

	if (argc != 2) {
		fprintf(stderr, "usage: %s FLAGS_TEST_OBJ\n", argv[0]);
		return 2;
	}
	cmn_set_print(capture);
	c.pkg = make_pkg(argv[1]);
	T_TRUE(c.pkg != NULL);
	if (c.pkg) {
		test_ints(&c);
		test_kinds(&c);
		test_meta(&c);
	}
	rtmin_flags__free(c.f);
	bpf_object__close(c.obj);
	rtmin_pkg__close(c.pkg);
	TEST_MAIN_END();
}
