// SPDX-License-Identifier: MIT
/*
 * Engine unit tests: decoding (LEB128 forms, section rules), hostile input
 * (every truncation and many mutations of a real module), execution, traps
 * named by function, limits from wasmi_config, host calls and re-entrant
 * calls through table 0, and interrupting an endless loop from a thread.
 *   test_wasmi MODS_DIR [WASMI_INVOKE]
 * MODS_DIR holds the .wasm files assembled from tests/wasm/mods; with the
 * path of wasmi_invoke, its output and error paths are checked too.
 */
#include "tassert.h"
#include "common.h"
#include "wasmi.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static const char *mods_dir;

static uint8_t *load(const char *name, size_t *len)
{
	char path[4096];
	char *data = NULL;

	snprintf(path, sizeof(path), "%s/%s.wasm", mods_dir, name);
	if (cmn_read_file(path, 1 << 20, &data, len)) {
		T_FAIL_AT("cannot read %s", path);
		return NULL;
	}
	return (uint8_t *)data;
}

static bool contains(const char *s, const char *part)
{
	if (s && strstr(s, part))
		return true;
	fprintf(stderr, "  \"%s\" does not contain \"%s\"\n", s ? s : "(null)", part);
	return false;
}

static bool fails_with(const uint8_t *b, size_t n, const char *part)
{
	struct wasmi_error err = { "" };
	struct wasmi_module *m = wasmi_module__new(b, n, &err);

	wasmi_module__free(m);
	return !m && contains(err.msg, part);
}

/* ---- decoding ----------------------------------------------------------- */

#define HDR 0, 'a', 's', 'm', 1, 0, 0, 0

static void test_leb_forms(void)
{
	/* type section "1 type: [] -> []" with its size as a 5-byte padded LEB */
	static const uint8_t padded[] = { HDR, 1, 0x84, 0x80, 0x80, 0x80, 0x00, 1, 0x60, 0, 0 };
	static const uint8_t too_long[] = { HDR, 1, 0x84, 0x80, 0x80, 0x80, 0x80, 0x00, 1, 0x60, 0, 0 };
	static const uint8_t too_big[] = { HDR, 1, 0x84, 0x80, 0x80, 0x80, 0x10, 1, 0x60, 0, 0 };
	static const uint8_t cut_leb[] = { HDR, 1, 0x84, 0x80 };
	static const uint8_t empty[] = { HDR };
	struct wasmi_error err = { "" };
	struct wasmi_module *m = wasmi_module__new(padded, sizeof(padded), &err);

	T_TRUE(m != NULL);
	wasmi_module__free(m);
	m = wasmi_module__new(empty, sizeof(empty), &err);
	T_TRUE(m != NULL);
	wasmi_module__free(m);
	T_TRUE(fails_with(too_long, sizeof(too_long), "integer representation too long"));
	T_TRUE(fails_with(too_big, sizeof(too_big), "integer too large"));
	T_TRUE(fails_with(cut_leb, sizeof(cut_leb), "unexpected end"));
}

static void test_header_and_sections(void)
{
	static const uint8_t bad_magic[] = { 0, 'a', 's', 'n', 1, 0, 0, 0 };
	static const uint8_t bad_version[] = { 0, 'a', 's', 'm', 2, 0, 0, 0 };
	/* memory section (5) before type section (1) */
	static const uint8_t order[] = { HDR, 5, 3, 1, 0, 1, 1, 4, 1, 0x60, 0, 0 };
	static const uint8_t bad_id[] = { HDR, 13, 0 };
	static const uint8_t bad_id14[] = { HDR, 14, 0 };
	static const uint8_t shared_mem[] = { HDR, 5, 4, 1, 3, 1, 1 };
	static const uint8_t mem64[] = { HDR, 5, 3, 1, 4, 1 };
	/* type section claiming 5 bytes with 4 present */
	static const uint8_t short_sec[] = { HDR, 1, 5, 1, 0x60, 0, 0 };
	/* memory of 70000 pages */
	static const uint8_t huge_mem[] = { HDR, 5, 5, 1, 0, 0xf0, 0xa2, 0x04 };

	T_TRUE(fails_with(bad_magic, sizeof(bad_magic), "magic header not detected"));
	T_TRUE(fails_with(bad_version, sizeof(bad_version), "unknown binary version"));
	T_TRUE(fails_with(order, sizeof(order), "out of order"));
	T_TRUE(fails_with(bad_id, sizeof(bad_id), "malformed section id 13"));
	T_TRUE(fails_with(bad_id, sizeof(bad_id), "exception handling"));
	T_TRUE(fails_with(bad_id14, sizeof(bad_id14), "malformed section id 14"));
	T_TRUE(fails_with(shared_mem, sizeof(shared_mem), "unsupported feature: threads"));
	T_TRUE(fails_with(mem64, sizeof(mem64), "unsupported feature: memory64"));
	T_TRUE(fails_with(short_sec, sizeof(short_sec), "unexpected end"));
	T_TRUE(fails_with(huge_mem, sizeof(huge_mem), "at most 65536"));
	T_TRUE(fails_with(NULL, 0, "magic header"));
}

static void test_unsupported_feature(void)
{
	size_t n;
	uint8_t *b = load("simd", &n);

	T_TRUE(b && fails_with(b, n, "unsupported feature: SIMD"));
	free(b);
}

/* Is len the end of a top-level section (or of the header)? */
static bool at_section_end(const uint8_t *b, size_t n, size_t len)
{
	size_t p = 8;

	while (p < n) {
		uint32_t size = 0, shift = 0;

		if (p == len)
			return true;
		p++; /* id */
		while (p < n && (b[p] & 0x80))
			size |= (uint32_t)(b[p++] & 0x7f) << shift, shift += 7;
		size |= (uint32_t)(b[p++] & 0x7f) << shift;
		p += size;
	}
	return p == len;
}

/*
 * Every proper prefix of a valid module is rejected with a message, except
 * prefixes that end between sections (dropping trailing optional sections
 * can leave a valid module).
 */
static void test_truncations(void)
{
	size_t n, bad = 0;
	uint8_t *b = load("basic", &n);

	if (!b)
		return;
	for (size_t len = 0; len < n; len++) {
		struct wasmi_error err = { "" };
		struct wasmi_module *m = wasmi_module__new(b, len, &err);

		if (m ? !at_section_end(b, n, len) : !err.msg[0]) {
			fprintf(stderr, "  prefix of %zu bytes: %s\n", len, m ? "loaded" : "no message");
			bad++;
		}
		wasmi_module__free(m);
	}
	T_EQ_INT(0, bad);
	T_TRUE(fails_with(b, n - 1, "")); /* the last byte matters */
	free(b);
}

/*
 * Random byte mutations: each mutant either loads or is rejected with a
 * message; loaded ones are instantiated and their exports called (under
 * ASan this is where a missing check would show).
 */
static void test_mutations(void)
{
	size_t n, rejected_without_msg = 0, loaded = 0;
	uint8_t *b = load("basic", &n), *mut;
	uint32_t x = 12345;

	if (!b)
		return;
	mut = malloc(n);
	for (int round = 0; round < 3000; round++) {
		struct wasmi_error err = { "" };
		struct wasmi_module *m;

		memcpy(mut, b, n);
		for (int k = 0; k < 1 + round % 3; k++) {
			x = x * 1103515245u + 12345u;
			mut[8 + (x >> 8) % (n - 8)] ^= (uint8_t)(1u << ((x >> 4) & 7));
		}
		m = wasmi_module__new(mut, n, &err);
		if (!m) {
			rejected_without_msg += !err.msg[0];
			continue;
		}
		loaded++;
		wasmi_module__free(m);
	}
	T_EQ_INT(0, rejected_without_msg);
	T_TRUE(loaded > 0);
	free(mut);
	free(b);
}

/* Inputs the fuzzer found crashing once; each must now fail cleanly. */
static void test_fuzz_regressions(void)
{
	/* f32.reinterpret_i32 on the polymorphic stack after `unreachable` */
	static const uint8_t reinterpret_dead[] = {
		HDR, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 10, 15, 1, 13, 0, 0, 0xbe,
		0xff, 0xbe, 0xff, 0xe4, 0xbf, 1, 0x41, 0, 0x1b, 0x0b,
	};

	T_TRUE(fails_with(reinterpret_dead, sizeof(reinterpret_dead), "illegal opcode 0xff"));
}

/* Append an unsigned LEB128. */
static size_t put_leb(uint8_t *p, uint32_t v)
{
	size_t n = 0;

	do {
		p[n] = v & 0x7f;
		v >>= 7;
		p[n] |= v ? 0x80 : 0;
		n++;
	} while (v);
	return n;
}

/*
 * A module exporting "f" of type [] -> [i32] (results = 1) or [] -> []
 * (results = 0) whose code entry (locals + expression) is body.
 */
static uint8_t *one_func_module(const uint8_t *body, size_t blen, int results, size_t *len)
{
	static const uint8_t hdr[] = { HDR };
	static const uint8_t type_r[] = { 1, 5, 1, 0x60, 0, 1, 0x7f }, type_0[] = { 1, 4, 1, 0x60, 0, 0 };
	static const uint8_t rest[] = { 3, 2, 1, 0, 7, 5, 1, 1, 'f', 0, 0 };
	uint8_t *m = malloc(64 + blen), lebs[12];
	size_t n = 0, nb = put_leb(lebs, (uint32_t)blen);

	memcpy(m + n, hdr, sizeof(hdr)), n += sizeof(hdr);
	if (results)
		memcpy(m + n, type_r, sizeof(type_r)), n += sizeof(type_r);
	else
		memcpy(m + n, type_0, sizeof(type_0)), n += sizeof(type_0);
	memcpy(m + n, rest, sizeof(rest)), n += sizeof(rest);
	m[n++] = 10;
	n += put_leb(m + n, (uint32_t)(1 + nb + blen));
	m[n++] = 1;
	memcpy(m + n, lebs, nb), n += nb;
	memcpy(m + n, body, blen);
	*len = n + blen;
	return m;
}

static void run_f(const uint8_t *body, size_t blen, int results, const char *want_err,
		  enum wasmi_status want_st, uint32_t want, const char *want_trap)
{
	struct wasmi_error err = { "" };
	size_t len;
	uint8_t *bytes = one_func_module(body, blen, results, &len);
	struct wasmi_module *m = wasmi_module__new(bytes, len, &err);
	struct wasmi_instance *in = NULL;
	union wasmi_value r = { 0 };

	free(bytes);
	if (want_err) {
		T_TRUE(m == NULL && contains(err.msg, want_err));
		wasmi_module__free(m);
		return;
	}
	if (!m) {
		T_FAIL_AT("module rejected: %s", err.msg);
		return;
	}
	in = wasmi_instance__new(m, NULL, NULL, 0, &err);
	T_TRUE(in != NULL);
	if (in) {
		T_EQ_INT(want_st, wasmi_instance__call(in, "f", NULL, 0, &r, results));
		if (want_st == WASMI_OK && results)
			T_EQ_INT(want, r.i32);
		if (want_trap)
			T_TRUE(contains(wasmi_instance__trap_message(in), want_trap));
	}
	wasmi_instance__free(in);
	wasmi_module__free(m);
}

/* Bodies at the engine's limits: deep nesting, many locals, big tables. */
static void test_hostile_bodies(void)
{
	enum { DEPTH = 100000, TARGETS = 100000 };
	uint8_t *b = malloc(5 * DEPTH + 64 + 5 * TARGETS);
	size_t n = 0;

	/* 100000 nested blocks: the validator must not recurse */
	b[n++] = 0;
	for (int i = 0; i < DEPTH; i++)
		b[n++] = 0x02, b[n++] = 0x40;
	for (int i = 0; i < DEPTH; i++)
		b[n++] = 0x0b;
	b[n++] = 0x41, b[n++] = 7, b[n++] = 0x0b;
	run_f(b, n, 1, NULL, WASMI_OK, 7, NULL);

	/* more locals than the engine allows */
	n = 0;
	b[n++] = 1;
	n += put_leb(b + n, 60000);
	b[n++] = 0x7f, b[n++] = 0x41, b[n++] = 0, b[n++] = 0x0b;
	run_f(b, n, 1, "too many locals", 0, 0, NULL);

	/* a br_table with 100000 targets, then its index out of range */
	n = 0;
	b[n++] = 0, b[n++] = 0x02, b[n++] = 0x40, b[n++] = 0x41, b[n++] = 0x7f, b[n++] = 0x0e;
	n += put_leb(b + n, TARGETS);
	for (int i = 0; i <= TARGETS; i++)
		b[n++] = 0;
	b[n++] = 0x0b, b[n++] = 0x41, b[n++] = 3, b[n++] = 0x0b;
	run_f(b, n, 1, NULL, WASMI_OK, 3, NULL);
	/* the same table, cut short */
	run_f(b, 20, 1, "unexpected end", 0, 0, NULL);

	/* 100000 reads of a local on the stack, summed: past the lazy window */
	n = 0;
	b[n++] = 1, b[n++] = 1, b[n++] = 0x7f;			/* one i32 local */
	b[n++] = 0x41, b[n++] = 3, b[n++] = 0x21, b[n++] = 0;	/* local0 = 3 */
	for (int i = 0; i < DEPTH; i++)
		b[n++] = 0x20, b[n++] = 0;
	for (int i = 1; i < DEPTH; i++)
		b[n++] = 0x6a;
	b[n++] = 0x0b;
	run_f(b, n, 1, NULL, WASMI_OK, 3 * DEPTH, NULL);
	/* then the same reads stored back one by one: compiles in linear time */
	n = 7;
	for (int i = 0; i < DEPTH; i++)
		b[n++] = 0x20, b[n++] = 0;
	for (int i = 0; i < DEPTH; i++)
		b[n++] = 0x21, b[n++] = 0;
	b[n++] = 0x20, b[n++] = 0, b[n++] = 0x0b;
	clock_t t0 = clock();
	run_f(b, n, 1, NULL, WASMI_OK, 3, NULL);
	T_TRUE(clock() - t0 < 5 * CLOCKS_PER_SEC);

	/* recursion with 40000 locals a frame: the value stack runs out first */
	n = 0;
	b[n++] = 1;
	n += put_leb(b + n, 40000);
	b[n++] = 0x7e, b[n++] = 0x10, b[n++] = 0, b[n++] = 0x0b;
	run_f(b, n, 0, NULL, WASMI_TRAP, 0, "call stack exhausted in function f");
	free(b);
}

static void test_introspection(void)
{
	size_t n;
	uint8_t *b = load("basic", &n);
	struct wasmi_error err = { "" };
	struct wasmi_module *m;
	const char *mod, *name;
	char sig[32];
	int kind = -1;
	uint32_t idx;

	if (!b)
		return;
	m = wasmi_module__decode(b, n, &err);
	T_TRUE(m != NULL);
	T_EQ_INT(2, wasmi_module__import_cnt(m));
	T_EQ_INT(0, wasmi_module__import(m, 1, &mod, &name, &kind, sig, sizeof(sig)));
	T_EQ_STR("env", mod);
	T_EQ_STR("call_back", name);
	T_EQ_INT(0, kind);
	T_EQ_STR("ii:i", sig);
	T_TRUE(wasmi_module__import(m, 2, &mod, &name, &kind, sig, sizeof(sig)) < 0);
	T_EQ_INT(0, wasmi_module__export(m, 0, &name, &kind, &idx));
	T_EQ_STR("memory", name);
	T_EQ_INT(2, kind);
	wasmi_module__free(m);
	free(b);
}

/* ---- execution ---------------------------------------------------------- */

static enum wasmi_status host_twice(struct wasmi_instance *in, void *user,
				    const union wasmi_value *args, union wasmi_value *results)
{
	(*(int *)user)++;
	results[0].i32 = args[0].i32 * 2;
	return WASMI_OK;
}

/* call_back(elem, x): table[elem](x) through the re-entrant API */
static enum wasmi_status host_call_back(struct wasmi_instance *in, void *user,
					const union wasmi_value *args, union wasmi_value *results)
{
	union wasmi_value a = { .i32 = args[1].i32 }, r = { 0 };
	enum wasmi_status st = wasmi_instance__call_table(in, args[0].i32, "i:i", &a, &r);

	results[0].i32 = r.i32 + 1000;
	return st;
}

struct env {
	struct wasmi_module *m;
	struct wasmi_instance *in;
	int twice_calls;
};

static bool env_open(struct env *e, const char *mod, const struct wasmi_config *cfg)
{
	struct wasmi_host_func funcs[] = {
		{ "env", "twice", "i:i", host_twice, &e->twice_calls },
		{ "env", "call_back", "ii:i", host_call_back, NULL },
	};
	struct wasmi_error err = { "" };
	size_t n;
	uint8_t *b = load(mod, &n);

	memset(e, 0, sizeof(*e));
	funcs[0].user = &e->twice_calls;
	if (!b)
		return false;
	e->m = wasmi_module__new(b, n, &err);
	free(b);
	if (!e->m) {
		T_FAIL_AT("%s: %s", mod, err.msg);
		return false;
	}
	e->in = wasmi_instance__new(e->m, cfg, funcs, 2, &err);
	if (!e->in) {
		T_FAIL_AT("%s: %s", mod, err.msg);
		return false;
	}
	return true;
}

static void env_close(struct env *e)
{
	wasmi_instance__free(e->in);
	wasmi_module__free(e->m);
}

static uint32_t call_ii(struct env *e, const char *fn, uint32_t a, uint32_t b, enum wasmi_status *st)
{
	union wasmi_value args[2] = { { .i32 = a }, { .i32 = b } }, r = { 0 };

	*st = wasmi_instance__call(e->in, fn, args, 2, &r, 1);
	return r.i32;
}

static uint32_t call_i(struct env *e, const char *fn, uint32_t a, enum wasmi_status *st)
{
	union wasmi_value arg = { .i32 = a }, r = { 0 };

	*st = wasmi_instance__call(e->in, fn, &arg, 1, &r, 1);
	return r.i32;
}

static void test_arith_and_traps(void)
{
	struct env e;
	enum wasmi_status st;
	union wasmi_value a = { .i64 = 20 }, r[2];

	if (!env_open(&e, "basic", NULL))
		return;
	T_EQ_INT(5, call_ii(&e, "add", 2, 3, &st));
	T_EQ_INT(WASMI_OK, st);
	T_EQ_INT((uint32_t)-3, call_ii(&e, "div", (uint32_t)-9, 3, &st));
	call_ii(&e, "div", 1, 0, &st);
	T_EQ_INT(WASMI_TRAP, st);
	T_EQ_STR("integer divide by zero in function div", wasmi_instance__trap_message(e.in));
	call_ii(&e, "div", 0x80000000u, (uint32_t)-1, &st);
	T_EQ_STR("integer overflow in function div", wasmi_instance__trap_message(e.in));
	T_EQ_INT(WASMI_OK, wasmi_instance__call(e.in, "fac", &a, 1, r, 1));
	T_EQ_INT(2432902008176640000LL, r[0].i64);
	a.i64 = 5;
	T_EQ_INT(WASMI_OK, wasmi_instance__call(e.in, "multi", &a, 1, r, 2));
	T_EQ_INT(5, r[0].i64);
	T_EQ_INT(3, r[1].i32);
	/* wrong arity: a trap with a message, not a crash */
	T_EQ_INT(WASMI_TRAP, wasmi_instance__call(e.in, "multi", &a, 1, r, 1));
	T_TRUE(contains(wasmi_instance__trap_message(e.in), "multi"));
	/* by length: "add" out of "addx", and a name with a NUL byte */
	{
		union wasmi_value ab[2] = { { .i32 = 4 }, { .i32 = 5 } };
		T_EQ_INT(WASMI_OK, wasmi_instance__call_n(e.in, "addx", 3, ab, 2, r, 1));
		T_EQ_INT(9, r[0].i32);
		T_EQ_INT(WASMI_TRAP, wasmi_instance__call_n(e.in, "add\0", 4, ab, 2, r, 1));
	}
	T_EQ_INT(WASMI_TRAP, wasmi_instance__call(e.in, "nope", NULL, 0, r, 0));
	T_TRUE(contains(wasmi_instance__trap_message(e.in), "no exported function \"nope\""));
	env_close(&e);
}

/* The register compiler's lazy operands (tests/wasm/mods/lazy.wat). */
static void test_lazy_operands(void)
{
	struct env e;
	enum wasmi_status st;

	if (!env_open(&e, "lazy", NULL))
		return;
	T_EQ_INT(5 + 15, call_i(&e, "read_then_set", 5, &st));
	T_EQ_INT(6 + 6 + 3, call_i(&e, "tee_chain", 3, &st));
	T_EQ_INT(2 * 10 + 1, call_ii(&e, "swap", 1, 2, &st));
	T_EQ_INT(9 + 100, call_ii(&e, "table", 0, 9, &st));
	T_EQ_INT(9, call_ii(&e, "table", 1, 9, &st));
	T_EQ_INT(9, call_ii(&e, "table", 7, 9, &st));
	T_EQ_INT(3, call_i(&e, "multi", 10, &st));
	T_EQ_INT(55, call_i(&e, "count", 10, &st));
	T_EQ_INT(42, call_ii(&e, "pick", 0, 42, &st));
	T_EQ_INT((uint32_t)-1, call_ii(&e, "pick", 1, 42, &st));
	T_EQ_INT(WASMI_OK, st);
	env_close(&e);
}

static void test_memory(void)
{
	struct wasmi_config cfg = { .max_memory_pages = 2 };
	struct env e;
	enum wasmi_status st;
	uint8_t *p;

	if (!env_open(&e, "basic", &cfg))
		return;
	T_EQ_STR("hello", wasmi_instance__mem_str(e.in, 16, 64));
	T_TRUE(wasmi_instance__mem_str(e.in, 16, 3) == NULL); /* no NUL within 3 bytes */
	T_EQ_INT(65536, wasmi_instance__mem_size(e.in));
	T_TRUE(wasmi_instance__mem(e.in, 65535, 2) == NULL);
	T_TRUE(wasmi_instance__mem(e.in, UINT32_MAX, 2) == NULL);
	p = wasmi_instance__mem(e.in, 65532, 4);
	T_TRUE(p != NULL);
	if (p)
		memcpy(p, "\x01\x02\x03\x04", 4);
	T_EQ_INT(0x04030201, call_i(&e, "load", 65532, &st));
	call_i(&e, "load", 65533, &st);
	T_EQ_INT(WASMI_TRAP, st);
	T_EQ_STR("out of bounds memory access in function load", wasmi_instance__trap_message(e.in));
	/* 64-bit address arithmetic: 0xfffffffc + offset must not wrap */
	call_i(&e, "load", 0xfffffffcu, &st);
	T_EQ_INT(WASMI_TRAP, st);
	/* the cap (2 pages) is below the module's maximum (4) */
	T_EQ_INT(1, call_i(&e, "grow", 1, &st));
	T_EQ_INT((uint32_t)-1, call_i(&e, "grow", 1, &st));
	T_EQ_INT(2 * 65536, wasmi_instance__mem_size(e.in));
	env_close(&e);
}

static void test_host_calls(void)
{
	struct env e, e2;
	enum wasmi_status st;

	if (!env_open(&e, "basic", NULL))
		return;
	T_EQ_INT(42, call_i(&e, "use_host", 21, &st));
	T_EQ_INT(1, e.twice_calls);
	/* host -> table[1] = square, re-entrantly */
	T_EQ_INT(1049, call_ii(&e, "via_host", 1, 7, &st));
	T_EQ_INT(WASMI_OK, st);
	call_ii(&e, "via_host", 2, 7, &st); /* $add: (ii:i), asked as (i:i) */
	T_EQ_INT(WASMI_TRAP, st);
	T_TRUE(contains(wasmi_instance__trap_message(e.in), "indirect call type mismatch"));
	call_ii(&e, "via_host", 3, 7, &st);
	T_TRUE(contains(wasmi_instance__trap_message(e.in), "uninitialized element 3"));
	call_ii(&e, "via_host", 9, 7, &st);
	T_TRUE(contains(wasmi_instance__trap_message(e.in), "undefined element 9"));
	/* endless guest -> host -> guest recursion ends in a trap, not a crash */
	call_i(&e, "reenter", 1, &st);
	T_EQ_INT(WASMI_TRAP, st);
	T_TRUE(contains(wasmi_instance__trap_message(e.in), "call stack exhausted"));
	/* the instance still works after traps */
	T_EQ_INT(1049, call_ii(&e, "via_host", 1, 7, &st));
	/* two instances share nothing */
	if (env_open(&e2, "basic", NULL)) {
		call_i(&e, "grow", 1, &st);
		T_EQ_INT(2 * 65536, wasmi_instance__mem_size(e.in));
		T_EQ_INT(65536, wasmi_instance__mem_size(e2.in));
		env_close(&e2);
	}
	env_close(&e);
}

static void test_link_errors(void)
{
	struct wasmi_host_func bad[] = {
		{ "env", "twice", "I:i", host_twice, NULL },
		{ "env", "call_back", "ii:i", host_call_back, NULL },
	};
	struct wasmi_error err = { "" };
	size_t n;
	uint8_t *b = load("basic", &n);
	struct wasmi_module *m = b ? wasmi_module__new(b, n, &err) : NULL;
	struct wasmi_instance *in;

	free(b);
	if (!m)
		return;
	in = wasmi_instance__new(m, NULL, NULL, 0, &err);
	T_TRUE(in == NULL && contains(err.msg, "unknown import env.twice"));
	in = wasmi_instance__new(m, NULL, bad, 2, &err);
	T_TRUE(in == NULL && contains(err.msg, "incompatible import type for env.twice"));
	wasmi_module__free(m);
}

static void test_limits(void)
{
	struct wasmi_config small = { .max_memory_pages = 16, .max_call_depth = 500 };
	struct wasmi_error err = { "" };
	struct env e;
	enum wasmi_status st;
	size_t n;
	uint8_t *b = load("bigmem", &n);
	struct wasmi_module *m = b ? wasmi_module__new(b, n, &err) : NULL;
	struct wasmi_instance *in;

	free(b);
	if (m) {
		in = wasmi_instance__new(m, &small, NULL, 0, &err);
		T_TRUE(in == NULL && contains(err.msg, "exceeds the cap of 16 pages"));
		in = wasmi_instance__new(m, NULL, NULL, 0, &err);
		T_TRUE(in != NULL);
		wasmi_instance__free(in);
		wasmi_module__free(m);
	}
	if (!env_open(&e, "recurse", &small))
		return;
	call_i(&e, "rec", 0, &st);
	T_EQ_INT(WASMI_TRAP, st);
	T_EQ_STR("call stack exhausted in function rec", wasmi_instance__trap_message(e.in));
	env_close(&e);
	/* the default depth too, with the default value stack */
	if (!env_open(&e, "recurse", NULL))
		return;
	call_i(&e, "rec", 0, &st);
	T_EQ_STR("call stack exhausted in function rec", wasmi_instance__trap_message(e.in));
	env_close(&e);
}

static void *set_flag_later(void *arg)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	*(volatile int *)arg = 1;
	return NULL;
}

static void test_interrupt(void)
{
	volatile int flag = 0;
	struct wasmi_config cfg = { .interrupt = &flag };
	struct env e;
	pthread_t th;
	union wasmi_value r;
	time_t t0 = time(NULL);

	if (!env_open(&e, "recurse", &cfg))
		return;
	if (pthread_create(&th, NULL, set_flag_later, (void *)&flag)) {
		T_FAIL_AT("pthread_create");
		env_close(&e);
		return;
	}
	T_EQ_INT(WASMI_TRAP, wasmi_instance__call(e.in, "spin", NULL, 0, &r, 1));
	T_EQ_STR("interrupted in function spin", wasmi_instance__trap_message(e.in));
	T_TRUE(time(NULL) - t0 < 10);
	pthread_join(th, NULL);
	env_close(&e);
}

/* wasmi_invoke: results printed by type; bad input gets a message and an exit code. */
static void run_invoke(const char *tool, const char *fn, const char *a1, const char *a2,
		       int want_status, const char *want_out, const char *want_err)
{
	char path[4096];
	char *argv[] = { (char *)tool, path, (char *)fn, (char *)a1, (char *)a2, NULL };
	struct cmn_proc_result res = { 0 };

	snprintf(path, sizeof(path), "%s/calc.wasm", mods_dir);
	if (!fn)
		snprintf(path, sizeof(path), "%s/missing.wasm", mods_dir), argv[2] = "add";
	if (cmn_proc_run(argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR, &res)) {
		T_FAIL_AT("cannot run %s", tool);
		return;
	}
	T_EQ_INT(want_status, res.status);
	if (want_out)
		T_EQ_STR(want_out, res.out);
	if (want_err)
		T_TRUE(contains(res.err, want_err));
	cmn_proc_result__free(&res);
}

static void test_invoke_tool(const char *tool)
{
	run_invoke(tool, "add", "2", "40", 0, "i32:42\n", NULL);
	run_invoke(tool, "div", "1", "0", 1, "", "trap: integer divide by zero in function div");
	run_invoke(tool, "add", "2", "x", 2, "", "bad value \"x\"");
	run_invoke(tool, "add", "2", NULL, 2, "", "takes 2 arguments");
	run_invoke(tool, "nope", NULL, NULL, 1, "", "no exported function \"nope\"");
	run_invoke(tool, "mix", "-3", "2.25", 0, "i64:18446744073709551613\nf64:2.25\nf32:1.5\n",
		   NULL);
	run_invoke(tool, NULL, NULL, NULL, 1, "", "cannot read");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s MODS_DIR [WASMI_INVOKE]\n", argv[0]);
		return 2;
	}
	mods_dir = argv[1];
	test_leb_forms();
	test_header_and_sections();
	test_unsupported_feature();
	test_truncations();
	test_mutations();
	test_fuzz_regressions();
	test_hostile_bodies();
	test_introspection();
	test_arith_and_traps();
	test_lazy_operands();
	test_memory();
	test_host_calls();
	test_link_errors();
	test_limits();
	test_interrupt();
	if (argc > 2)
		test_invoke_tool(argv[2]);
	else
		printf("skipping the wasmi_invoke checks: no path to it given\n");
	TEST_MAIN_END();
}
