// SPDX-License-Identifier: MIT
/*
 * rtmin_fmt: values decoded with a BTF built in memory: every integer width
 * (128-bit ones as decimal strings), bool, char arrays (JSON-escaped),
 * enums as NAME(value), float/double (NaN as null), nested structs and
 * arrays, bitfields, and records shorter than their type.
 */
#include "rtmin_int.h"
#include "tassert.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

struct inner {
	short a;
	unsigned short b[3];
};

struct all {
	int i;
	unsigned char u8;
	long long s64;
	unsigned __int128 u128;
	__int128 s128;
	_Bool b;
	char name[8];
	int e;
	float f;
	double d;
	struct inner in;
	unsigned int bits;	/* bf1:3, bf2:5, sbf:4 */
};

struct ids {
	int s32, u8, s64, u128, s128, bool_, chr, ushort, sshort, u32, enm, flt, dbl;
	int chr8, ushort3, inner, all;
};

static void add_types(struct btf *btf, struct ids *id)
{
	id->s32 = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	id->u8 = btf__add_int(btf, "unsigned char", 1, 0);
	id->s64 = btf__add_int(btf, "long long", 8, BTF_INT_SIGNED);
	id->u128 = btf__add_int(btf, "unsigned __int128", 16, 0);
	id->s128 = btf__add_int(btf, "__int128", 16, BTF_INT_SIGNED);
	id->bool_ = btf__add_int(btf, "_Bool", 1, BTF_INT_BOOL);
	id->chr = btf__add_int(btf, "char", 1, BTF_INT_SIGNED);
	id->ushort = btf__add_int(btf, "unsigned short", 2, 0);
	id->sshort = btf__add_int(btf, "short", 2, BTF_INT_SIGNED);
	id->u32 = btf__add_int(btf, "unsigned int", 4, 0);
	id->enm = btf__add_enum(btf, "color", 4);
	btf__add_enum_value(btf, "RED", 1);
	btf__add_enum_value(btf, "GREEN", 2);
	id->flt = btf__add_float(btf, "float", 4);
	id->dbl = btf__add_float(btf, "double", 8);
	id->chr8 = btf__add_array(btf, id->s32, id->chr, 8);
	id->ushort3 = btf__add_array(btf, id->s32, id->ushort, 3);
	id->inner = btf__add_struct(btf, "inner", sizeof(struct inner));
	btf__add_field(btf, "a", id->sshort, offsetof(struct inner, a) * 8, 0);
	btf__add_field(btf, "b", id->ushort3, offsetof(struct inner, b) * 8, 0);
	id->all = btf__add_struct(btf, "all", sizeof(struct all));
#define F(n, t) btf__add_field(btf, #n, id->t, offsetof(struct all, n) * 8, 0)
	F(i, s32); F(u8, u8); F(s64, s64); F(u128, u128); F(s128, s128);
	btf__add_field(btf, "b", id->bool_, offsetof(struct all, b) * 8, 0);
	F(name, chr8);
	btf__add_field(btf, "e", id->enm, offsetof(struct all, e) * 8, 0);
	F(f, flt); F(d, dbl);
	btf__add_field(btf, "in", id->inner, offsetof(struct all, in) * 8, 0);
#undef F
	btf__add_field(btf, "bf1", id->u32, offsetof(struct all, bits) * 8, 3);
	btf__add_field(btf, "bf2", id->u32, offsetof(struct all, bits) * 8 + 3, 5);
	btf__add_field(btf, "sbf", id->s32, offsetof(struct all, bits) * 8 + 8, 4);
}

static char *fmt(const struct btf *btf, int id, const void *d, size_t len, enum rtmin_fmt_mode m,
		 int *err)
{
	struct cmn_buf b = { 0 };

	*err = rtmin_fmt__value(&b, btf, (uint32_t)id, d, len, m);
	return b.ptr ? b.ptr : cmn_strdup("");
}

int main(void)
{
	struct btf *btf = btf__new_empty();
	struct ids id;
	struct all v;
	char *s;
	int err;

	T_TRUE(btf != NULL);
	add_types(btf, &id);
	memset(&v, 0, sizeof(v));
	v.i = -7;
	v.u8 = 200;
	v.s64 = INT64_MIN;
	v.u128 = (unsigned __int128)1 << 100;
	v.s128 = -1;
	v.b = 1;
	memcpy(v.name, "hi\"x\n", 6);
	v.e = 2;
	v.f = 1.5f;
	v.d = NAN;
	v.in.a = -2;
	v.in.b[0] = 1, v.in.b[1] = 2, v.in.b[2] = 65535;
	v.bits = 5u | 17u << 3 | 0xDu << 8;

	s = fmt(btf, id.all, &v, sizeof(v), RTMIN_FMT_JSON, &err);
	T_EQ_INT(0, err);
	T_EQ_STR("{\"i\":-7,\"u8\":200,\"s64\":-9223372036854775808,"
		 "\"u128\":\"1267650600228229401496703205376\",\"s128\":\"-1\",\"b\":true,"
		 "\"name\":\"hi\\\"x\\u000a\",\"e\":\"GREEN(2)\",\"f\":1.5,\"d\":null,"
		 "\"in\":{\"a\":-2,\"b\":[1,2,65535]},\"bf1\":5,\"bf2\":17,\"sbf\":-3}", s);
	free(s);

	/* plain mode: top-level strings raw, enums bare */
	s = fmt(btf, id.chr8, v.name, sizeof(v.name), RTMIN_FMT_PLAIN, &err);
	T_EQ_STR("hi\"x\n", s);
	free(s);
	v.e = 9;	/* not an enumerator: the number */
	s = fmt(btf, id.enm, &v.e, 4, RTMIN_FMT_PLAIN, &err);
	T_EQ_STR("9", s);
	free(s);

	/* a record shorter than its type is refused, never read past */
	s = fmt(btf, id.all, &v, sizeof(v) - 1, RTMIN_FMT_JSON, &err);
	T_EQ_INT(-EINVAL, err);
	free(s);
	s = fmt(btf, id.u128, &v.u128, 8, RTMIN_FMT_JSON, &err);
	T_EQ_INT(-EINVAL, err);
	free(s);
	/* an unterminated char array stops at its size */
	memcpy(v.name, "abcdefgh", 8);
	s = fmt(btf, id.chr8, v.name, 8, RTMIN_FMT_JSON, &err);
	T_EQ_STR("\"abcdefgh\"", s);
	free(s);
	/* an id out of range */
	s = fmt(btf, 9999, &v, sizeof(v), RTMIN_FMT_JSON, &err);
	T_EQ_INT(-EINVAL, err);
	free(s);
	btf__free(btf);
	TEST_MAIN_END();
}
