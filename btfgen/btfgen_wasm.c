// SPDX-License-Identifier: MIT
/*
 * Wasm-safe declarations from BTF (see btfgen_wasm.h for the rules).
 *
 * The walk has two halves: "deps" makes sure every type a definition uses by
 * value is emitted before it (named structs, unions, enums and typedefs
 * become top-level definitions, each once), and "spell" writes the text of
 * one use (a member or typedef target), inlining anonymous types. Members of
 * structs and DATASECs go through one list form (struct wmem) so both get
 * the same padding, bitfield and assert logic.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btfgen_wasm.h"

enum { ST_NONE = 0, ST_BUSY = 1, ST_DONE = 2 };

/*
 * BTF from libbpf's parser may hold reference cycles (a modifier or array
 * naming itself, an anonymous struct containing itself): every walk is
 * bounded by this depth.
 */
#define MAX_DEPTH 64

struct btfgen_wasm {
	const struct btf *btf;
	char *origin;
	unsigned char *state; /* per type id */
	size_t n_types;
	struct cmn_buf text;
	int err;	   /* sticky: first failure of the walk or of an append */
	const char *where; /* the definition being emitted, for messages */
	int depth;	   /* of the deps()/spell() recursion */
	bool quiet;	   /* failures are returned, not logged (trial runs) */
};

/* One member of a struct or DATASEC, in offset order. */
struct wmem {
	const char *name; /* "" when anonymous */
	__u32 type;
	__u32 bit_off;
	__u32 bits; /* 0 unless a bitfield */
};

/* Where an inline definition sits, for padding names and asserts. */
struct wctx {
	const char *spelling; /* "struct foo", "foo_t": the asserted type */
	struct cmn_buf *asserts;
	unsigned *counter;     /* padding/bitfield member numbering */
	const char *fn_prefix; /* bitfield accessors: "<prefix>__<field>", NULL: none */
	struct cmn_buf *funcs; /* where the accessors go (after the asserts) */
};

static int spell(struct btfgen_wasm *g, const struct wctx *c, __u32 id, struct cmn_buf *b,
		 int indent, const char *path, __u32 base, const char **note);
static int deps(struct btfgen_wasm *g, __u32 id);

static void emit(struct btfgen_wasm *g, struct cmn_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void emit(struct btfgen_wasm *g, struct cmn_buf *b, const char *fmt, ...)
{
	va_list ap;
	int err;

	if (g->err)
		return;
	va_start(ap, fmt);
	err = cmn_buf__vprintf(b, fmt, ap);
	va_end(ap);
	if (err)
		g->err = err;
}

static int fail(struct btfgen_wasm *g, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct btfgen_wasm *g, int err, const char *fmt, ...)
{
	struct cmn_buf msg = {0};
	va_list ap;

	if (g->err)
		return g->err;
	g->err = err;
	if (g->quiet)
		return err;
	va_start(ap, fmt);
	cmn_buf__vprintf(&msg, fmt, ap);
	va_end(ap);
	pr_warn("%s: %s%s%s\n", g->origin, g->where ? g->where : "", g->where ? ": " : "",
		msg.ptr ? msg.ptr : "out of memory");
	cmn_buf__free(&msg);
	return err;
}

static void indent_to(struct btfgen_wasm *g, struct cmn_buf *b, int indent)
{
	for (int i = 0; i < indent; i++)
		emit(g, b, "\t");
}

/* ---- type helpers ----------------------------------------------------- */

static const struct btf_type *tby(const struct btfgen_wasm *g, __u32 id)
{
	return btf__type_by_id(g->btf, id);
}

static const char *tname(const struct btfgen_wasm *g, const struct btf_type *t)
{
	const char *s = btf__name_by_offset(g->btf, t->name_off);

	return s ? s : "";
}

static __u32 skip_mods(const struct btfgen_wasm *g, __u32 id)
{
	const struct btf_type *t = tby(g, id);

	for (int n = 0; t && (btf_is_mod(t) || btf_is_type_tag(t)) && n < MAX_DEPTH; n++) {
		id = t->type;
		t = tby(g, id);
	}
	return id;
}

/*
 * Typedef names the guest's libc defines, or whose size differs on wasm32:
 * keeping them would clash with wasi-libc or change the layout, so uses are
 * spelled as the fixed-width type they resolve to.
 */
static const char *const libc_names[] = {
    "size_t",	 "ssize_t",	"uintptr_t", "intptr_t",    "ptrdiff_t", "off_t",     "time_t",
    "clock_t",	 "suseconds_t", "ino_t",     "dev_t",	    "nlink_t",	 "blksize_t", "blkcnt_t",
    "clockid_t", "timer_t",	"pthread_t", "register_t",  "bool",	 "int8_t",    "int16_t",
    "int32_t",	 "int64_t",	"uint8_t",   "uint16_t",    "uint32_t",	 "uint64_t",  "intmax_t",
    "uintmax_t", "wchar_t",	"wint_t",    "max_align_t",
};

static bool is_libc_name(const char *name)
{
	for (size_t i = 0; i < sizeof(libc_names) / sizeof(libc_names[0]); i++)
		if (!strcmp(name, libc_names[i]))
			return true;
	return false;
}

/* Integer spellings that mean the same size on LP64 and ILP32. */
static const char *const int_keep[] = {
    "char",
    "signed char",
    "unsigned char",
    "short",
    "short int",
    "unsigned short",
    "short unsigned int",
    "unsigned short int",
    "int",
    "unsigned int",
    "signed int",
    "unsigned",
    "long long",
    "long long int",
    "long long unsigned int",
    "unsigned long long",
    "unsigned long long int",
    "__int128",
    "unsigned __int128",
    "__int128 unsigned",
    "_Bool",
};

static const char *fixed_int(__u32 size, bool is_signed)
{
	static const char *const s[] = {"int8_t", "int16_t", "int32_t", "int64_t", "__int128"};
	static const char *const u[] = {"uint8_t", "uint16_t", "uint32_t", "uint64_t",
					"unsigned __int128"};
	int i = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : size == 8 ? 3 : size == 16 ? 4 : -1;

	if (i < 0)
		return NULL;
	return is_signed ? s[i] : u[i];
}

static int spell_int(struct btfgen_wasm *g, const struct btf_type *t, struct cmn_buf *b,
		     const char **note)
{
	const char *name = tname(g, t);
	__u8 enc = btf_int_encoding(t);
	const char *fw;

	for (size_t i = 0; i < sizeof(int_keep) / sizeof(int_keep[0]); i++) {
		if (!strcmp(name, int_keep[i])) {
			emit(g, b, "%s", name);
			return 0;
		}
	}
	if (enc & BTF_INT_BOOL) {
		emit(g, b, "_Bool");
		return 0;
	}
	fw = fixed_int(t->size, enc & BTF_INT_SIGNED);
	if (!fw)
		return fail(g, -EINVAL, "integer type '%s' of %u bytes has no wasm32 spelling",
			    name, t->size);
	emit(g, b, "%s", fw);
	*note = name;
	return 0;
}

static int spell_float(struct btfgen_wasm *g, const struct btf_type *t, struct cmn_buf *b)
{
	if (t->size == 4)
		emit(g, b, "float");
	else if (t->size == 8)
		emit(g, b, "double");
	else if (t->size == 16)
		emit(g, b, "long double");
	else
		return fail(g, -EINVAL, "float '%s' of %u bytes has no wasm32 spelling",
			    tname(g, t), t->size);
	return 0;
}

/*
 * An enum's signedness: kflag when the producer set it (clang 15+); older
 * BTF stores values as s32, so a negative one means a signed enum.
 */
static bool enum_signed(const struct btf_type *t)
{
	if (btf_kflag(t) || !btf_is_enum(t))
		return btf_kflag(t);
	for (__u16 i = 0; i < btf_vlen(t); i++)
		if (btf_enum(t)[i].val < 0)
			return true;
	return false;
}

static int spell_enum(struct btfgen_wasm *g, const struct btf_type *t, struct cmn_buf *b,
		      const char **note)
{
	const char *name = tname(g, t);
	const char *fw;

	if (*name && t->size == 4 && btf_is_enum(t)) {
		emit(g, b, "enum %s", name);
		return 0;
	}
	fw = fixed_int(t->size, enum_signed(t));
	if (!fw)
		return fail(g, -EINVAL, "enum '%s' of %u bytes has no wasm32 spelling", name,
			    t->size);
	emit(g, b, "%s", fw);
	*note = *name ? name : "anonymous enum";
	return 0;
}

/* ---- members ---------------------------------------------------------- */

static int member_list(struct btfgen_wasm *g, const struct btf_type *t, struct wmem **out)
{
	const struct btf_member *m = btf_members(t);
	__u16 n = btf_vlen(t);
	struct wmem *v = calloc(n ? n : 1, sizeof(*v));

	if (!v)
		return fail(g, -ENOMEM, "out of memory");
	for (__u16 i = 0; i < n; i++) {
		const struct btf_type *mt = tby(g, skip_mods(g, m[i].type));

		v[i].name = btf__name_by_offset(g->btf, m[i].name_off);
		v[i].name = v[i].name ? v[i].name : "";
		v[i].type = m[i].type;
		v[i].bit_off = btf_member_bit_offset(t, i);
		v[i].bits = btf_member_bitfield_size(t, i);
		/* Without kflag, a bitfield is an INT whose bits are fewer than its size. */
		if (!btf_kflag(t) && mt && btf_is_int(mt) && btf_int_bits(mt) != mt->size * 8) {
			v[i].bits = btf_int_bits(mt);
			v[i].bit_off += btf_int_offset(mt);
		}
	}
	*out = v;
	return 0;
}

static void add_asserts(struct btfgen_wasm *g, const struct wctx *c, const char *path,
			const char *name, __u32 off, __u32 size)
{
	if (!c->asserts)
		return;
	emit(g, c->asserts, "_Static_assert(offsetof(%s, %s%s) == %u, \"%s: offset of %s%s\");\n",
	     c->spelling, path, name, off, c->spelling, path, name);
	emit(g, c->asserts,
	     "_Static_assert(sizeof(((%s *)0)->%s%s) == %u, \"%s: size of %s%s\");\n", c->spelling,
	     path, name, size, c->spelling, path, name);
}

static void emit_pad(struct btfgen_wasm *g, const struct wctx *c, struct cmn_buf *b, int indent,
		     __u32 len)
{
	indent_to(g, b, indent);
	emit(g, b, "uint8_t __pad%u[%u];\n", (*c->counter)++, len);
}

/* Whether a bitfield's declared type is signed (typedefs and modifiers skipped). */
static bool bits_signed(const struct btfgen_wasm *g, __u32 id)
{
	const struct btf_type *t = tby(g, skip_mods(g, id));

	for (int n = 0; t && btf_is_typedef(t) && n < MAX_DEPTH; n++)
		t = tby(g, skip_mods(g, t->type));
	if (t && btf_is_int(t))
		return btf_int_encoding(t) & BTF_INT_SIGNED;
	return t && btf_is_any_enum(t) && enum_signed(t);
}

/*
 * static inline getters for the bitfields of one storage unit:
 * <prefix>__<path>_<field>(const T *s), sign-extended for signed fields.
 * The unit is loaded little-endian (wasm32 and BPF both are), as one integer
 * or, for an odd-sized unit, byte-wise. Not for units behind an array index.
 */
static void emit_bit_getters(struct btfgen_wasm *g, const struct wctx *c, const char *path,
			     const char *unit, bool is_int, __u32 first, const struct wmem *v,
			     size_t i, size_t j)
{
	struct cmn_buf fn = {0}, load = {0};

	if (!c->funcs || !c->fn_prefix || strchr(path, '['))
		return;
	cmn_buf__printf(&fn, "%s__", c->fn_prefix);
	for (const char *p = path; *p; p++)
		cmn_buf__printf(&fn, "%c", *p == '.' ? '_' : *p);
	if (is_int)
		cmn_buf__printf(&load, "\tuint64_t u = s->%s%s;\n", path, unit);
	else
		cmn_buf__printf(
		    &load,
		    "\tuint64_t u = 0;\n\n\t__builtin_memcpy(&u, s->%s%s, sizeof(s->%s%s));\n",
		    path, unit, path, unit);
	for (size_t k = i; k < j && fn.ptr && load.ptr; k++) {
		__u32 shift = v[k].bit_off - first * 8, bits = v[k].bits;
		unsigned long long mask = bits >= 64 ? ~0ULL : (1ULL << bits) - 1;
		bool sgn = bits_signed(g, v[k].type) && bits < 64;

		if (!*v[k].name || v[k].bit_off < first * 8 || shift + bits > 64)
			continue;
		emit(g, c->funcs, "static inline %s %s%s(const %s *s)\n{\n%s",
		     sgn ? "int64_t" : "uint64_t", fn.ptr, v[k].name, c->spelling, load.ptr);
		if (sgn)
			emit(g, c->funcs,
			     "\treturn (int64_t)(((u >> %u) & 0x%llxULL) << %u) >> %u;\n}\n", shift,
			     mask, 64 - bits, 64 - bits);
		else
			emit(g, c->funcs, "\treturn (u >> %u) & 0x%llxULL;\n}\n", shift, mask);
	}
	cmn_buf__free(&fn);
	cmn_buf__free(&load);
}

/*
 * A run of bitfields from v[i]: one storage member covering their bytes,
 * named __bf<N>, with a comment listing each field's bits in it.
 */
static size_t emit_bitfields(struct btfgen_wasm *g, const struct wctx *c, struct cmn_buf *b,
			     int indent, const char *path, __u32 base, const struct wmem *v,
			     size_t i, size_t n, __u32 *cur)
{
	__u32 first = v[i].bit_off / 8, end = 0, len;
	size_t j;
	const char *fw;
	char unit[32];

	for (j = i; j < n && v[j].bits; j++)
		if (v[j].bit_off + v[j].bits > end)
			end = v[j].bit_off + v[j].bits;
	end = (end + 7) / 8;
	if (first > *cur)
		emit_pad(g, c, b, indent, first - *cur);
	if (first < *cur)
		first = *cur; /* the first bits share a byte already emitted */
	if (end <= first) {
		fail(g, -EINVAL, "bitfield '%s' overlaps the member before it", v[i].name);
		return n;
	}
	len = end - first;
	fw = (len == 1 || len == 2 || len == 4 || len == 8) ? fixed_int(len, false) : NULL;
	snprintf(unit, sizeof(unit), "__bf%u", (*c->counter)++);
	indent_to(g, b, indent);
	if (fw)
		emit(g, b, "%s %s; /* bitfields:", fw, unit);
	else
		emit(g, b, "uint8_t %s[%u]; /* bitfields:", unit, len);
	for (size_t k = i; k < j; k++)
		emit(g, b, "%s %s: bits %u-%u", k > i ? "," : "",
		     *v[k].name ? v[k].name : "(anonymous)", v[k].bit_off - first * 8,
		     v[k].bit_off - first * 8 + v[k].bits - 1);
	emit(g, b, " */\n");
	add_asserts(g, c, path, unit, base + first, len);
	if (len <= 8)
		emit_bit_getters(g, c, path, unit, fw != NULL, first, v, i, j);
	*cur = end;
	return j;
}

/* Extend `path` for members of an inline anonymous type under member `name`. */
static char *sub_path(const char *path, const char *name, __u32 id, struct btfgen_wasm *g)
{
	const struct btf_type *t = tby(g, skip_mods(g, id));
	struct cmn_buf p = {0};

	cmn_buf__puts(&p, path);
	if (*name) {
		cmn_buf__puts(&p, name);
		for (int d = 0; t && btf_is_array(t) && d < MAX_DEPTH; d++) {
			cmn_buf__puts(&p, "[0]");
			t = tby(g, skip_mods(g, btf_array(t)->type));
		}
		cmn_buf__puts(&p, ".");
	}
	return cmn_buf__steal(&p, NULL);
}

static int emit_decl(struct btfgen_wasm *g, const struct wctx *c, __u32 id, const char *name,
		     struct cmn_buf *b, int indent, const char *path, __u32 base,
		     const char **note);

static int emit_member(struct btfgen_wasm *g, const struct wctx *c, struct cmn_buf *b, int indent,
		       const char *path, __u32 base, const struct wmem *m)
{
	const char *note = NULL;
	__s64 size = btf__resolve_size(g->btf, m->type);
	__u32 off = m->bit_off / 8;
	char *sub;

	if (size < 0)
		return fail(g, -EINVAL, "member '%s' has a type of unknown size", m->name);
	sub = sub_path(path, m->name, m->type, g);
	if (!sub)
		return fail(g, -ENOMEM, "out of memory");
	indent_to(g, b, indent);
	emit_decl(g, c, m->type, m->name, b, indent, sub, base + off, &note);
	free(sub);
	emit(g, b, ";%s%s%s\n", note ? " /* " : "", note ? note : "", note ? " */" : "");
	if (*m->name)
		add_asserts(g, c, path, m->name, base + off, (__u32)size);
	return g->err;
}

static int body_struct(struct btfgen_wasm *g, const struct wctx *c, struct cmn_buf *b, int indent,
		       const char *path, __u32 base, const struct wmem *v, size_t n, __u32 size)
{
	__u32 cur = 0;

	for (size_t i = 0; i < n && !g->err;) {
		__u32 off = v[i].bit_off / 8;
		__s64 msz;

		if (v[i].bits) {
			i = emit_bitfields(g, c, b, indent, path, base, v, i, n, &cur);
			continue;
		}
		if (v[i].bit_off % 8)
			return fail(g, -EINVAL, "member '%s' starts at bit %u, not on a byte",
				    v[i].name, v[i].bit_off);
		if (off < cur)
			return fail(g, -EINVAL,
				    "member '%s' at offset %u overlaps the previous one", v[i].name,
				    off);
		if (off > cur)
			emit_pad(g, c, b, indent, off - cur);
		if (emit_member(g, c, b, indent, path, base, &v[i]))
			return g->err;
		msz = btf__resolve_size(g->btf, v[i].type);
		cur = off + (__u32)msz;
		i++;
	}
	if (!g->err && cur > size)
		return fail(g, -EINVAL, "members end at %u, past the size %u", cur, size);
	if (!g->err && cur < size)
		emit_pad(g, c, b, indent, size - cur);
	return g->err;
}

static int body_union(struct btfgen_wasm *g, const struct wctx *c, struct cmn_buf *b, int indent,
		      const char *path, __u32 base, const struct wmem *v, size_t n, __u32 size)
{
	__u32 max = 0;

	for (size_t i = 0; i < n && !g->err; i++) {
		__s64 msz;

		if (v[i].bits || v[i].bit_off) {
			__u32 end = 0;

			emit_bitfields(g, c, b, indent, path, base, v, i, i + 1, &end);
			max = end > max ? end : max;
			continue;
		}
		if (emit_member(g, c, b, indent, path, base, &v[i]))
			return g->err;
		msz = btf__resolve_size(g->btf, v[i].type);
		max = (__u32)msz > max ? (__u32)msz : max;
	}
	if (!g->err && max > size)
		return fail(g, -EINVAL, "a member is larger than the union (%u > %u)", max, size);
	if (!g->err && max < size)
		emit_pad(g, c, b, indent, size);
	return g->err;
}

/* "{ members } __attribute__((packed))" of a struct/union type. */
static int spell_body(struct btfgen_wasm *g, const struct wctx *c, __u32 id, struct cmn_buf *b,
		      int indent, const char *path, __u32 base)
{
	const struct btf_type *t = tby(g, id);
	struct wmem *v = NULL;
	int err;

	err = member_list(g, t, &v);
	if (err)
		return err;
	emit(g, b, "%s%s%s {\n", btf_is_struct(t) ? "struct" : "union", *tname(g, t) ? " " : "",
	     tname(g, t));
	if (btf_is_struct(t))
		body_struct(g, c, b, indent + 1, path, base, v, btf_vlen(t), t->size);
	else
		body_union(g, c, b, indent + 1, path, base, v, btf_vlen(t), t->size);
	free(v);
	indent_to(g, b, indent);
	emit(g, b, "} __attribute__((packed))");
	return g->err;
}

/* ---- spelling a use of a type ---------------------------------------- */

static int spell_kind(struct btfgen_wasm *g, const struct wctx *c, __u32 id, struct cmn_buf *b,
		      int indent, const char *path, __u32 base, const char **note);

static int spell(struct btfgen_wasm *g, const struct wctx *c, __u32 id, struct cmn_buf *b,
		 int indent, const char *path, __u32 base, const char **note)
{
	int err;

	if (g->depth >= MAX_DEPTH)
		return fail(g, -ELOOP, "types nest deeper than %d levels", MAX_DEPTH);
	g->depth++;
	err = spell_kind(g, c, id, b, indent, path, base, note);
	g->depth--;
	return err;
}

static int spell_kind(struct btfgen_wasm *g, const struct wctx *c, __u32 id, struct cmn_buf *b,
		      int indent, const char *path, __u32 base, const char **note)
{
	const struct btf_type *t;
	const char *name;

	id = skip_mods(g, id);
	t = tby(g, id);
	if (!t)
		return fail(g, -EINVAL, "type id %u is not in the BTF", id);
	name = tname(g, t);
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return spell_int(g, t, b, note);
	case BTF_KIND_FLOAT:
		return spell_float(g, t, b);
	case BTF_KIND_PTR:
		emit(g, b, "uint64_t");
		*note = "pointer";
		return g->err;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return spell_enum(g, t, b, note);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (*name) {
			emit(g, b, "%s %s", btf_is_struct(t) ? "struct" : "union", name);
			return g->err;
		}
		return spell_body(g, c, id, b, indent, path, base);
	case BTF_KIND_TYPEDEF:
		if (is_libc_name(name)) {
			*note = name;
			return spell(g, c, t->type, b, indent, path, base, note);
		}
		emit(g, b, "%s", name);
		return g->err;
	case BTF_KIND_FWD:
		return fail(g, -EINVAL, "'%s' is only declared (incomplete type) but used by value",
			    name);
	default:
		return fail(g, -EINVAL, "type id %u (BTF kind %u) cannot be used by value", id,
			    btf_kind(t));
	}
}

/* "<type> <name><dims>": arrays peel into dimensions after the name. */
static int emit_decl(struct btfgen_wasm *g, const struct wctx *c, __u32 id, const char *name,
		     struct cmn_buf *b, int indent, const char *path, __u32 base, const char **note)
{
	struct cmn_buf dims = {0};
	const struct btf_type *t;

	id = skip_mods(g, id);
	for (int d = 0; (t = tby(g, id)) && btf_is_array(t); d++) {
		if (d >= MAX_DEPTH) {
			cmn_buf__free(&dims);
			return fail(g, -ELOOP, "arrays nest deeper than %d levels", MAX_DEPTH);
		}
		emit(g, &dims, "[%u]", btf_array(t)->nelems);
		id = skip_mods(g, btf_array(t)->type);
	}
	spell(g, c, id, b, indent, path, base, note);
	emit(g, b, "%s%s%s", *name ? " " : "", name, dims.ptr ? dims.ptr : "");
	cmn_buf__free(&dims);
	return g->err;
}

/* ---- top-level definitions ------------------------------------------- */

/*
 * Each definition sits in its own guard, named after the type so that two
 * generated headers (the export header, a skeleton) can both carry it. The
 * guard's value is a hash of the definition: a second definition of the name
 * with another layout (two objects' `struct event`) fails to compile instead
 * of being skipped.
 */
struct guard {
	char *name;
	size_t hash_at; /* offset of the 8 hex digits in g->text */
	size_t start;	/* offset where the definition starts */
};

static void guard_open(struct btfgen_wasm *g, struct guard *gd, const char *kind, const char *name)
{
	gd->name = cmn_asprintf("ECC_WASM_DEF_%s_%s", kind, name);
	if (!gd->name) {
		g->err = g->err ?: -ENOMEM;
		return;
	}
	emit(g, &g->text, "#ifndef %s\n#define %s 0x", gd->name, gd->name);
	gd->hash_at = g->text.cnt;
	emit(g, &g->text, "00000000u\n");
	gd->start = g->text.cnt;
}

static void guard_close(struct btfgen_wasm *g, struct guard *gd)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	char hex[9];

	if (!g->err && gd->name) {
		for (size_t i = gd->start; i < g->text.cnt; i++)
			h = (h ^ (unsigned char)g->text.ptr[i]) * 16777619u;
		snprintf(hex, sizeof(hex), "%08x", h);
		memcpy(g->text.ptr + gd->hash_at, hex, 8);
		emit(g, &g->text,
		     "#else\n_Static_assert(%s == 0x%08xu, \"%s: defined twice with different "
		     "layouts\");\n#endif\n\n",
		     gd->name, h, gd->name);
	}
	free(gd->name);
	gd->name = NULL;
}

static int begin_def(struct btfgen_wasm *g, __u32 id)
{
	if (id >= g->n_types)
		return fail(g, -EINVAL, "type id %u is not in the BTF", id);
	if (g->state[id] == ST_DONE)
		return 1;
	if (g->state[id] == ST_BUSY)
		return fail(g, -EINVAL, "type id %u contains itself by value", id);
	g->state[id] = ST_BUSY;
	return 0;
}

static int members_deps(struct btfgen_wasm *g, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);

	for (__u16 i = 0; i < btf_vlen(t) && !g->err; i++)
		deps(g, m[i].type);
	return g->err;
}

static int def_composite(struct btfgen_wasm *g, __u32 id)
{
	const struct btf_type *t = tby(g, id);
	const char *kw = btf_is_struct(t) ? "struct" : "union";
	struct cmn_buf asserts = {0}, spelling = {0}, funcs = {0};
	const char *saved = g->where;
	unsigned counter = 0;
	int r = begin_def(g, id);

	if (r)
		return r > 0 ? 0 : r;
	emit(g, &spelling, "%s %s", kw, tname(g, t));
	g->where = spelling.ptr;
	if (!members_deps(g, t)) {
		struct wctx c = {spelling.ptr, &asserts, &counter, tname(g, t), &funcs};

		struct guard gd = {0};

		guard_open(g, &gd, btf_is_struct(t) ? "STRUCT" : "UNION", tname(g, t));
		spell_body(g, &c, id, &g->text, 0, "", 0);
		emit(g, &g->text, ";\n_Static_assert(sizeof(%s) == %u, \"%s: size\");\n%s%s",
		     spelling.ptr, t->size, spelling.ptr, asserts.ptr ? asserts.ptr : "",
		     funcs.ptr ? funcs.ptr : "");
		guard_close(g, &gd);
	}
	g->where = saved;
	g->state[id] = ST_DONE;
	cmn_buf__free(&asserts);
	cmn_buf__free(&spelling);
	cmn_buf__free(&funcs);
	return g->err;
}

static void emit_enum_values(struct btfgen_wasm *g, const struct btf_type *t)
{
	/* without kflag, 32-bit values are s32 (the BTF format before kflag) */
	bool sgn = btf_kflag(t) || btf_is_enum(t);

	for (__u16 i = 0; i < btf_vlen(t); i++) {
		const char *n;
		long long sv;
		unsigned long long uv;

		if (btf_is_enum(t)) {
			n = btf__name_by_offset(g->btf, btf_enum(t)[i].name_off);
			sv = btf_enum(t)[i].val;
			uv = (__u32)btf_enum(t)[i].val;
		} else {
			n = btf__name_by_offset(g->btf, btf_enum64(t)[i].name_off);
			uv = btf_enum64_value(&btf_enum64(t)[i]);
			sv = (long long)uv;
		}
		if (sgn)
			emit(g, &g->text, "\t%s = %lld,\n", n, sv);
		else
			emit(g, &g->text, "\t%s = %lluU,\n", n, uv);
	}
}

/* Enums: the constants; members use `enum X` only when it is 4 bytes. */
static int def_enum(struct btfgen_wasm *g, __u32 id)
{
	struct guard gd = {0};
	const struct btf_type *t = tby(g, id);
	const char *name = tname(g, t);
	int r = begin_def(g, id);

	if (r)
		return r > 0 ? 0 : r;
	if (!btf_vlen(t)) {
		g->state[id] = ST_DONE;
		return 0;
	}
	if (*name) {
		guard_open(g, &gd, "ENUM", name);
		emit(g, &g->text, "enum %s {\n", name);
	} else {
		guard_open(g, &gd, "ENUM_ANON",
			   btf__name_by_offset(g->btf, btf_is_enum(t) ? btf_enum(t)[0].name_off
								      : btf_enum64(t)[0].name_off));
		emit(g, &g->text, "enum {\n");
	}
	emit_enum_values(g, t);
	emit(g, &g->text, "};\n");
	guard_close(g, &gd);
	g->state[id] = ST_DONE;
	return g->err;
}

static int def_typedef(struct btfgen_wasm *g, __u32 id)
{
	const struct btf_type *t = tby(g, id);
	const char *name = tname(g, t);
	const struct btf_type *tt = tby(g, skip_mods(g, t->type));
	struct cmn_buf asserts = {0}, funcs = {0};
	const char *note = NULL, *saved = g->where;
	unsigned counter = 0;
	__s64 size;
	int r = begin_def(g, id);

	if (r)
		return r > 0 ? 0 : r;
	g->where = name;
	/* typedefs of functions (never used by value) have no data layout */
	if (tt && !btf_is_func_proto(tt) && !btf_is_void(tt) && !deps(g, t->type)) {
		struct wctx c = {name, &asserts, &counter, name, &funcs};

		struct guard gd = {0};

		size = btf__resolve_size(g->btf, id);
		guard_open(g, &gd, "TYPEDEF", name);
		emit(g, &g->text, "typedef ");
		emit_decl(g, &c, t->type, name, &g->text, 0, "", 0, &note);
		emit(g, &g->text, ";%s%s%s\n", note ? " /* " : "", note ? note : "",
		     note ? " */" : "");
		if (size >= 0)
			emit(g, &g->text, "_Static_assert(sizeof(%s) == %lld, \"%s: size\");\n",
			     name, (long long)size, name);
		emit(g, &g->text, "%s%s", asserts.ptr ? asserts.ptr : "",
		     funcs.ptr ? funcs.ptr : "");
		guard_close(g, &gd);
	}
	g->where = saved;
	g->state[id] = ST_DONE;
	cmn_buf__free(&asserts);
	cmn_buf__free(&funcs);
	return g->err;
}

static int deps_kind(struct btfgen_wasm *g, __u32 id);

static int deps(struct btfgen_wasm *g, __u32 id)
{
	int err;

	if (g->depth >= MAX_DEPTH)
		return fail(g, -ELOOP, "types nest deeper than %d levels", MAX_DEPTH);
	g->depth++;
	err = deps_kind(g, id);
	g->depth--;
	return err;
}

static int deps_kind(struct btfgen_wasm *g, __u32 id)
{
	const struct btf_type *t;

	id = skip_mods(g, id);
	t = tby(g, id);
	if (g->err)
		return g->err;
	if (!t)
		return fail(g, -EINVAL, "type id %u is not in the BTF", id);
	switch (btf_kind(t)) {
	case BTF_KIND_ARRAY:
		return deps(g, btf_array(t)->type);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return *tname(g, t) ? def_composite(g, id) : members_deps(g, t);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return def_enum(g, id);
	case BTF_KIND_TYPEDEF:
		return is_libc_name(tname(g, t)) ? deps(g, t->type) : def_typedef(g, id);
	default:
		return 0; /* ints, floats, pointers: nothing to define */
	}
}

/* ---- public API -------------------------------------------------------- */

struct btfgen_wasm *btfgen_wasm__new(const struct btf *btf, const char *origin)
{
	struct btfgen_wasm *g = calloc(1, sizeof(*g));

	if (!g)
		goto err;
	g->btf = btf;
	g->n_types = btf__type_cnt(btf);
	g->origin = cmn_strdup(origin ? origin : "BTF");
	g->state = calloc(g->n_types ? g->n_types : 1, 1);
	if (!g->origin || !g->state)
		goto err_free;
	return g;
err_free:
	btfgen_wasm__free(g);
err:
	errno = ENOMEM;
	return NULL;
}

void btfgen_wasm__set_quiet(struct btfgen_wasm *g, bool quiet)
{
	g->quiet = quiet;
}

void btfgen_wasm__free(struct btfgen_wasm *g)
{
	if (!g)
		return;
	free(g->origin);
	free(g->state);
	cmn_buf__free(&g->text);
	free(g);
}

const char *btfgen_wasm__text(const struct btfgen_wasm *g)
{
	return g->text.ptr ? g->text.ptr : "";
}

int btfgen_wasm__add_struct(struct btfgen_wasm *g, const char *name)
{
	static const __u32 kinds[] = {BTF_KIND_STRUCT, BTF_KIND_UNION, BTF_KIND_TYPEDEF};
	__s32 id = -1;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]) && id < 0; i++)
		id = btf__find_by_name_kind(g->btf, name, kinds[i]);
	if (id < 0) {
		bool fwd = btf__find_by_name_kind(g->btf, name, BTF_KIND_FWD) >= 0;

		if (!g->quiet)
			pr_warn("%s: struct '%s' is %s in the object's BTF (is it used by the BPF "
				"program, "
				"e.g. as a ring buffer or map value type?)\n",
				g->origin, name, fwd ? "only forward-declared" : "not defined");
		return -ENOENT;
	}
	return deps(g, (__u32)id);
}

int btfgen_wasm__add_type(struct btfgen_wasm *g, __u32 id)
{
	return deps(g, id);
}

int btfgen_wasm__decl(struct btfgen_wasm *g, __u32 id, const char *name, struct cmn_buf *out)
{
	unsigned counter = 0;
	struct wctx c = {"", NULL, &counter};
	const char *note = NULL;

	return emit_decl(g, &c, id, name, out, 0, "", 0, &note);
}

static int cmp_wmem(const void *a, const void *b)
{
	const struct wmem *x = a, *y = b;

	return x->bit_off < y->bit_off ? -1 : x->bit_off > y->bit_off;
}

/* The non-static variables of a DATASEC as a member list, by offset. */
static int datasec_members(struct btfgen_wasm *g, const struct btf_type *sec, struct wmem **out,
			   size_t *n)
{
	const struct btf_var_secinfo *vi = btf_var_secinfos(sec);
	struct wmem *v = calloc(btf_vlen(sec) ? btf_vlen(sec) : 1, sizeof(*v));

	if (!v)
		return fail(g, -ENOMEM, "out of memory");
	*n = 0;
	for (__u16 i = 0; i < btf_vlen(sec); i++) {
		const struct btf_type *var = tby(g, vi[i].type);

		if (!var || !btf_is_var(var) || btf_var(var)->linkage == BTF_VAR_STATIC)
			continue;
		v[*n].name = tname(g, var);
		v[*n].type = var->type;
		v[*n].bit_off = vi[i].offset * 8;
		(*n)++;
	}
	qsort(v, *n, sizeof(*v), cmp_wmem);
	*out = v;
	return 0;
}

int btfgen_wasm__add_datasec(struct btfgen_wasm *g, const char *sec_name, const char *struct_name)
{
	__s32 id = btf__find_by_name_kind(g->btf, sec_name, BTF_KIND_DATASEC);
	struct cmn_buf asserts = {0}, spelling = {0};
	const struct btf_type *sec;
	struct wmem *v = NULL;
	unsigned counter = 0;
	size_t n = 0;

	if (id < 0) {
		pr_warn("%s: no section '%s' in the object's BTF\n", g->origin, sec_name);
		return -ENOENT;
	}
	sec = tby(g, (__u32)id);
	if (datasec_members(g, sec, &v, &n))
		return g->err;
	for (size_t i = 0; i < n && !g->err; i++)
		deps(g, v[i].type);
	emit(g, &spelling, "struct %s", struct_name);
	if (!g->err) {
		struct wctx c = {spelling.ptr, &asserts, &counter};
		const char *saved = g->where;

		struct guard gd = {0};

		g->where = sec_name;
		guard_open(g, &gd, "STRUCT", struct_name);
		emit(g, &g->text, "struct %s {\n", struct_name);
		body_struct(g, &c, &g->text, 1, "", 0, v, n, sec->size);
		emit(g, &g->text,
		     "} __attribute__((packed));\n_Static_assert(sizeof(%s) == %u, \"%s: "
		     "size\");\n%s",
		     spelling.ptr, sec->size, spelling.ptr, asserts.ptr ? asserts.ptr : "");
		guard_close(g, &gd);
		g->where = saved;
	}
	free(v);
	cmn_buf__free(&asserts);
	cmn_buf__free(&spelling);
	return g->err;
}

int btfgen_wasm__header(const struct btf *btf, const char *origin, char *const *structs, size_t n,
			const char *guard, struct cmn_buf *out)
{
	struct btfgen_wasm *g = btfgen_wasm__new(btf, origin);
	struct cmn_buf h = {0};
	int err = 0;

	if (!g)
		return -errno;
	for (size_t i = 0; i < n && !err; i++)
		err = btfgen_wasm__add_struct(g, structs[i]);
	if (err)
		goto out;
	cmn_buf__printf(
	    &h,
	    "/* generated by ecc, do not edit */\n"
	    "/*\n * Wasm-safe (wasm32) declarations of the types in %s, laid out\n"
	    " * exactly as in the BPF object's BTF: packed, explicit padding, pointers\n"
	    " * and long as 64-bit integers. The asserts prove each layout.\n */\n"
	    "#ifndef %s\n#define %s\n\n#include <stddef.h>\n#include <stdint.h>\n\n",
	    origin, guard, guard);
	cmn_buf__puts(&h, btfgen_wasm__text(g));
	err = cmn_buf__printf(&h, "#endif /* %s */\n", guard);
	if (err)
		goto out;
	cmn_buf__free(out);
	*out = h;
	h = (struct cmn_buf){0};
out:
	cmn_buf__free(&h);
	btfgen_wasm__free(g);
	return err;
}
