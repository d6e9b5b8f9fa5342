// SPDX-License-Identifier: MIT
/*
 * Fuzz the Wasm-safe header generator on arbitrary type graphs: the input
 * is read as a list of 4-byte type constructors built with libbpf's btf__add_*
 * (so libbpf accepts them) but freely referencing each other: cycles through
 * modifiers, typedefs and anonymous structs, members past the end, overlapping
 * bitfields, odd sizes. Every struct, union, typedef and datasec is then
 * emitted; the generator must fail cleanly, never crash or loop.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>
#include "btfgen_wasm.h"

#define MAX_TYPES 48

static void quiet(enum cmn_log_level level, const char *msg)
{
}

static const char *const names[] = {"", "a", "b", "size_t", "bool", "long", "event", "x"};

static int add_members(struct btf *btf, const uint8_t *d, size_t *i, size_t size, int n, int cnt)
{
	int err = 0;

	for (int k = 0; k < cnt && *i + 3 <= size && !err; k++, *i += 3) {
		const uint8_t *m = d + *i;
		char name[8];

		snprintf(name, sizeof(name), "m%d", k);
		err = btf__add_field(btf, m[0] & 1 ? name : "", m[0] % (n + 2),
				     m[1] * (m[0] & 2 ? 1 : 8), m[2] % 5 == 0 ? m[2] % 33 : 0);
	}
	return err;
}

static int add_one(struct btf *btf, const uint8_t *d, size_t *i, size_t size, int n)
{
	uint8_t op = d[*i], a = d[*i + 1], b = d[*i + 2], c = d[*i + 3];
	const char *name = names[b % 8];
	int ref = a % (n + 2), err;

	*i += 4;
	switch (op % 12) {
	case 0:
		return btf__add_int(btf, name[0] ? name : "int", 1 << (c % 5),
				    c & 0x20   ? BTF_INT_SIGNED
				    : c & 0x40 ? BTF_INT_BOOL
					       : 0);
	case 1:
		return btf__add_ptr(btf, ref);
	case 2:
		return btf__add_array(btf, 1, ref, c % 9);
	case 3:
	case 4:
		err = op % 12 == 3 ? btf__add_struct(btf, name, c) : btf__add_union(btf, name, c);
		return err < 0 ? err : (add_members(btf, d, i, size, n, a % 4) ?: err);
	case 5:
		err = btf__add_enum(btf, name, 1 << (c % 4));
		return err < 0 ? err : (btf__add_enum_value(btf, "E_A", (int8_t)a) ?: err);
	case 6:
		return btf__add_typedef(btf, name[0] ? name : "t", ref);
	case 7:
		return btf__add_const(btf, ref);
	case 8:
		return btf__add_volatile(btf, ref);
	case 9:
		return btf__add_fwd(btf, name[0] ? name : "f", c & 1);
	case 10:
		return btf__add_float(btf, "double", 2 << (c % 4));
	default:
		err = btf__add_enum64(btf, name, 8, c & 1);
		return err < 0 ? err
			       : (btf__add_enum64_value(btf, "E64", (uint64_t)a << 40) ?: err);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf *btf = btf__new_empty();
	struct btfgen_wasm *g;
	struct cmn_buf out = {0};
	size_t i = 0;
	int n = 0;

	cmn_set_print(quiet);
	if (!btf)
		return 0;
	while (i + 4 <= size && n < MAX_TYPES && add_one(btf, data, &i, size, n) > 0)
		n = (int)btf__type_cnt(btf) - 1;
	g = btfgen_wasm__new(btf, "fuzz");
	for (__u32 id = 1; g && id < btf__type_cnt(btf); id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf__name_by_offset(btf, t->name_off);

		/* a failed walk leaves the generator's sticky error: start afresh */
		btfgen_wasm__free(g);
		g = btfgen_wasm__new(btf, "fuzz");
		if (g && name && *name && (btf_is_composite(t) || btf_is_typedef(t)))
			btfgen_wasm__add_struct(g, name);
		if (g)
			btfgen_wasm__add_type(g, id);
		if (g && !btfgen_wasm__decl(g, id, "v", &out))
			cmn_buf__free(&out);
	}
	cmn_buf__free(&out);
	btfgen_wasm__free(g);
	btf__free(btf);
	return 0;
}
