// SPDX-License-Identifier: MIT
/*
 * Layout tests of the Wasm-safe header generator.
 *
 * For each case: compile a .bpf.c with clang -target bpf to get BTF,
 * generate the Wasm-safe header, and compile it for wasm32 together with a
 * second set of asserts written here by an independent walk over the BTF
 * (every member offset and size, nested members included). The compile
 * proves the wasm32 layout equals the BPF one. Cases: tests/wasmroute/layout
 * (purpose-made hard cases) and every examples/X/X.h next to X.bpf.c.
 * Negative checks show the asserts can fail: the naive header (as eunomia's
 * generator would pass it through) and a mutated generated header are
 * rejected for wasm32.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btfgen_wasm.h"
#include "common.h"
#include "tassert.h"

static struct cmn_buf logbuf; /* the test's log hook target */

static void capture(enum cmn_log_level level, const char *msg)
{
	cmn_buf__puts(&logbuf, msg);
}

static char *path_join(const char *a, const char *b)
{
	return cmn_asprintf("%s/%s", a, b);
}

static int write_str(const char *path, const char *s)
{
	return cmn_write_file_atomic(path, s, strlen(s), 0644);
}

/* Run argv; 0 when it exited 0, else its status (stderr kept in *err_out). */
static int run(char *const argv[], char **err_out)
{
	struct cmn_proc_result r = {0};
	int err = cmn_proc_run(argv, CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL, &r);

	if (err)
		return err;
	err = r.status;
	if (err && !err_out)
		fprintf(stderr, "%s", r.err ? r.err : "");
	if (err_out) {
		*err_out = r.err;
		r.err = NULL;
	}
	cmn_proc_result__free(&r);
	return err;
}

static int compile_bpf(const char *tmp, const char *src, const char *incdir, const char *obj)
{
	char *inc1 = cmn_asprintf("-I%s", tmp), *inc2 = cmn_asprintf("-I%s", incdir);
	char *argv[] = {"clang",     "-g",	  "-O2",
			"-target",   "bpf",	  "-D__TARGET_ARCH_x86",
			inc1,	     inc2,	  "-I/usr/include/x86_64-linux-gnu",
			"-c",	     (char *)src, "-o",
			(char *)obj, NULL};
	int err = run(argv, NULL);

	free(inc1);
	free(inc2);
	return err;
}

/* -fsyntax-only for wasm32 against Debian's wasi-libc; 0 when it compiles. */
static int compile_wasm(const char *src, char **err_out)
{
	char *argv[] = {"clang",	  "--target=wasm32-wasi",
			"--sysroot=/usr", "-nostdlibinc",
			"-isystem",	  "/usr/include/wasm32-wasi",
			"-fsyntax-only",  "-Wall",
			(char *)src,	  NULL};

	return run(argv, err_out);
}

/* ---- the independent walk --------------------------------------------- */

static __u32 resolve(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t) || btf_is_type_tag(t))) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	return id;
}

static void walk(const struct btf *btf, const char *spell, __u32 id, const char *path, __u32 base,
		 struct cmn_buf *out);

static void walk_member(const struct btf *btf, const char *spell, const char *path, __u32 off,
			__u32 mtype, const char *name, struct cmn_buf *out)
{
	__u32 rid = resolve(btf, mtype);
	const struct btf_type *rt = btf__type_by_id(btf, rid);
	struct cmn_buf p = {0};

	if (!*name) {
		walk(btf, spell, rid, path, off, out);
		return;
	}
	cmn_buf__printf(&p, "%s%s", path, name);
	cmn_buf__printf(out, "_Static_assert(offsetof(%s, %s) == %u, \"check %s.%s offset\");\n",
			spell, p.ptr, off, spell, p.ptr);
	cmn_buf__printf(out,
			"_Static_assert(sizeof(((%s *)0)->%s) == %lld, \"check %s.%s size\");\n",
			spell, p.ptr, (long long)btf__resolve_size(btf, mtype), spell, p.ptr);
	while (rt && btf_is_array(rt)) {
		cmn_buf__puts(&p, "[0]");
		rid = resolve(btf, btf_array(rt)->type);
		rt = btf__type_by_id(btf, rid);
	}
	if (rt && btf_is_composite(rt)) {
		cmn_buf__puts(&p, ".");
		walk(btf, spell, rid, p.ptr, off, out);
	}
	cmn_buf__free(&p);
}

static void walk(const struct btf *btf, const char *spell, __u32 id, const char *path, __u32 base,
		 struct cmn_buf *out)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const struct btf_member *m;

	if (!t || !btf_is_composite(t))
		return;
	m = btf_members(t);
	for (__u16 i = 0; i < btf_vlen(t); i++) {
		if (btf_member_bitfield_size(t, i))
			continue; /* no offsetof for bitfields: the size asserts cover them */
		walk_member(btf, spell, path, base + btf_member_bit_offset(t, i) / 8, m[i].type,
			    btf__name_by_offset(btf, m[i].name_off), out);
	}
}

static int check_asserts(const struct btf *btf, char *const *structs, size_t n, struct cmn_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		__s32 id = btf__find_by_name_kind(btf, structs[i], BTF_KIND_STRUCT);
		const char *kw = "struct";
		char *spell;

		if (id < 0) {
			id = btf__find_by_name_kind(btf, structs[i], BTF_KIND_UNION);
			kw = "union";
		}
		if (id < 0)
			return -ENOENT;
		spell = cmn_asprintf("%s %s", kw, structs[i]);
		cmn_buf__printf(out, "_Static_assert(sizeof(%s) == %u, \"check %s size\");\n",
				spell, btf__type_by_id(btf, id)->size, spell);
		walk(btf, spell, (__u32)id, "", 0, out);
		free(spell);
	}
	return 0;
}

/* ---- one case ---------------------------------------------------------- */

static const char *libc_includes =
    "#include <stdio.h>\n#include <stdlib.h>\n#include <stdbool.h>\n#include <string.h>\n"
    "#include <sys/types.h>\n#include <time.h>\n#include <stddef.h>\n#include <stdint.h>\n";

/* Generate the header for `structs` of obj, then compile it with both sets of asserts. */
static void check_case(const char *tmp, const char *name, const char *obj, char *const *structs,
		       size_t n)
{
	struct btf *btf = btf__parse(obj, NULL);
	struct cmn_buf h1 = {0}, h2 = {0}, tu = {0}, chk = {0};
	char *hpath = path_join(tmp, "gen.wasm.h"), *tpath = path_join(tmp, "tu.c");

	T_TRUE(btf != NULL);
	if (!btf)
		goto out;
	T_EQ_INT(0, btfgen_wasm__header(btf, name, structs, n, "GEN_WASM_H", &h1));
	T_EQ_INT(0, btfgen_wasm__header(btf, name, structs, n, "GEN_WASM_H", &h2));
	T_TRUE(h1.ptr && h2.ptr && !strcmp(h1.ptr, h2.ptr)); /* deterministic */
	T_TRUE(h1.ptr && !strncmp(h1.ptr, "/* generated by ecc, do not edit */\n", 36));
	T_EQ_INT(0, check_asserts(btf, structs, n, &chk));
	if (!h1.ptr || !chk.ptr)
		goto out;
	write_str(hpath, h1.ptr);
	/* included twice: the guards must hold; libc headers first must not clash */
	cmn_buf__printf(&tu, "%s#include \"gen.wasm.h\"\n#include \"gen.wasm.h\"\n%s",
			libc_includes, chk.ptr);
	write_str(tpath, tu.ptr);
	if (compile_wasm(tpath, NULL))
		T_FAIL_AT("case %s: generated header fails the wasm32 layout check", name);
	else
		t_pass++;
out:
	btf__free(btf);
	cmn_buf__free(&h1);
	cmn_buf__free(&h2);
	cmn_buf__free(&tu);
	cmn_buf__free(&chk);
	free(hpath);
	free(tpath);
}

/*
 * A .bpf.c that includes `inc` and keeps each type in the BTF with a global;
 * kinds[i] is "struct" or "union".
 */
static char *keep_source(const char *tmp, const char *inc, char *const *kinds, char *const *structs,
			 size_t n)
{
	struct cmn_buf s = {0};
	char *path = path_join(tmp, "keep.bpf.c");

	cmn_buf__printf(&s, "#include \"%s\"\n", inc);
	for (size_t i = 0; i < n; i++)
		cmn_buf__printf(&s, "%s %s __ecc_keep_%zu;\n", kinds ? kinds[i] : "struct",
				structs[i], i);
	write_str(path, s.ptr);
	cmn_buf__free(&s);
	return path;
}

static char *const hard_structs[] = {"ptr_mid",	   "longs",	"nested",   "enums",
				     "bits",	   "char_tail", "typedefs", "with_union",
				     "empty_tail", "top_union", "sbits"};
static char *const hard_kinds[] = {"struct", "struct", "struct", "struct", "struct", "struct",
				   "struct", "struct", "struct", "union",  "struct"};
#define N_HARD (sizeof(hard_structs) / sizeof(hard_structs[0]))

/*
 * The generated header of the hard cases, byte for byte against the golden
 * file (ECC_UPDATE_GOLDEN=1 rewrites it after a deliberate change).
 */
static void check_golden(const char *obj)
{
	char *golden = path_join(ECC_SOURCE_DIR, "tests/wasmroute/layout/hard.wasm.h.golden");
	struct btf *btf = btf__parse(obj, NULL);
	struct cmn_buf h = {0};
	char *want = NULL;
	size_t len = 0;

	T_TRUE(btf && !btfgen_wasm__header(btf, "hard.o", hard_structs, N_HARD, "HARD_WASM_H", &h));
	if (h.ptr && getenv("ECC_UPDATE_GOLDEN"))
		cmn_write_file_atomic(golden, h.ptr, h.cnt, 0644);
	T_EQ_INT(0, cmn_read_file(golden, 1 << 20, &want, &len));
	if (h.ptr && want && (len != h.cnt || memcmp(want, h.ptr, len)))
		T_FAIL_AT("generated header differs from %s (ECC_UPDATE_GOLDEN=1 to accept)",
			  golden);
	else if (h.ptr && want)
		t_pass++;
	free(want);
	free(golden);
	cmn_buf__free(&h);
	btf__free(btf);
}

static void test_hard_cases(const char *tmp)
{
	char *inc = path_join(ECC_SOURCE_DIR, "tests/wasmroute/layout/hard.h");
	char *src = keep_source(tmp, inc, hard_kinds, hard_structs, N_HARD);
	char *obj = path_join(tmp, "hard.o");

	T_EQ_INT(0, compile_bpf(tmp, src, tmp, obj));
	check_case(tmp, "hard.o", obj, hard_structs, N_HARD);
	check_golden(obj);
	free(inc);
	free(src);
	free(obj);
}

/*
 * Bitfield getters against real bytes: a native program fills the structs of
 * hard.h (x86_64 lays bitfields out as BPF does: both little-endian SysV)
 * and reads them back through the generated header's getters.
 */
static const char bits_fill[] =
    "#include <string.h>\n#include \"hard.h\"\n"
    "void fill(unsigned char *b, unsigned char *sb)\n{\n"
    "\tstruct bits x = {0};\n\tstruct sbits y = {0};\n"
    "\tx.a = 5; x.b = 17; x.c = 0xabcde; x.after = 'q'; x.wide = 0x12345678abULL;\n"
    "\tx.rest = 0x123456; x.flag = 1;\n"
    "\ty.s3 = -3; y.s40 = -123456789012LL; y.u1 = 1; y.tail = -7;\n"
    "\ty.inner.in5 = -16; y.inner.in9 = 300;\n"
    "\tmemcpy(b, &x, sizeof(x));\n\tmemcpy(sb, &y, sizeof(y));\n}\n";

static const char bits_check[] =
    "#include <stdio.h>\n#include <string.h>\n#include \"gen.wasm.h\"\n"
    "void fill(unsigned char *b, unsigned char *sb);\n"
    "#define CHECK(e, v) if ((long long)(e) != (long long)(v)) { printf(\"%s\\n\", #e); bad++; }\n"
    "int main(void)\n{\n\tstruct bits x;\n\tstruct sbits y;\n\tint bad = 0;\n"
    "\tfill((unsigned char *)&x, (unsigned char *)&y);\n"
    "\tCHECK(bits__a(&x), 5) CHECK(bits__b(&x), 17) CHECK(bits__c(&x), 0xabcde)\n"
    "\tCHECK(x.after, 'q') CHECK(bits__wide(&x), 0x12345678abLL) CHECK(bits__rest(&x), 0x123456)\n"
    "\tCHECK(bits__flag(&x), 1)\n"
    "\tCHECK(sbits__s3(&y), -3) CHECK(sbits__s40(&y), -123456789012LL) CHECK(sbits__u1(&y), 1)\n"
    "\tCHECK(y.tail, -7) CHECK(sbits__inner_in5(&y), -16) CHECK(sbits__inner_in9(&y), 300)\n"
    "\treturn bad;\n}\n";

static void test_bit_getters(const char *tmp)
{
	char *obj = path_join(tmp, "hard.o"), *fill = path_join(tmp, "fill.c");
	char *chk = path_join(tmp, "check.c"), *exe = path_join(tmp, "bits-check");
	char *hdr = path_join(tmp, "gen.wasm.h");
	char *inc = cmn_asprintf("-I%s/tests/wasmroute/layout", ECC_SOURCE_DIR);
	char *cc[] = {"clang", "-O1", "-Wall", inc, fill, chk, "-o", exe, NULL};
	char *run_argv[] = {exe, NULL};
	struct btf *btf = btf__parse(obj, NULL);
	struct cmn_buf h = {0};

	T_TRUE(btf && !btfgen_wasm__header(btf, "hard.o", hard_structs, N_HARD, "GEN_WASM_H", &h));
	if (!h.ptr)
		goto out;
	write_str(hdr, h.ptr);
	write_str(fill, bits_fill);
	write_str(chk, bits_check);
	T_EQ_INT(0, run(cc, NULL));
	T_EQ_INT(0, run(run_argv, NULL)); /* its status is the number of wrong getters */
out:
	cmn_buf__free(&h);
	btf__free(btf);
	free(obj), free(fill), free(chk), free(exe), free(hdr), free(inc);
}

/*
 * The checker must be able to fail: the header as written for BPF, compiled
 * for wasm32 unchanged (what a pass-through generator gives), and the
 * generated header with one padding member removed.
 */
static void test_checker_catches_bad_layouts(const char *tmp)
{
	char *inc = path_join(ECC_SOURCE_DIR, "tests/wasmroute/layout/hard.h");
	char *obj = path_join(tmp, "hard.o"), *tpath = path_join(tmp, "bad.c");
	struct btf *btf = btf__parse(obj, NULL);
	struct cmn_buf chk = {0}, tu = {0}, h = {0};
	char *errtext = NULL, *pad;

	T_TRUE(btf != NULL);
	if (!btf)
		goto out;
	check_asserts(btf, hard_structs, 1, &chk); /* ptr_mid */
	cmn_buf__printf(&tu, "#include <stddef.h>\n#include \"%s\"\n%s", inc, chk.ptr);
	write_str(tpath, tu.ptr);
	T_TRUE(compile_wasm(tpath, &errtext) != 0);
	T_TRUE(errtext && strstr(errtext, "check struct ptr_mid"));
	free(errtext);
	errtext = NULL;

	T_EQ_INT(0, btfgen_wasm__header(btf, "hard.o", hard_structs, 1, "BAD_H", &h));
	pad = h.ptr ? strstr(h.ptr, "\tuint8_t __pad0[7];\n") : NULL;
	T_TRUE(pad != NULL);
	if (pad) {
		memmove(pad, pad + 20, strlen(pad + 20) + 1);
		write_str(tpath, h.ptr);
		T_TRUE(compile_wasm(tpath, &errtext) != 0);
		T_TRUE(errtext && strstr(errtext, "struct ptr_mid: offset of p"));
	}
out:
	free(errtext);
	btf__free(btf);
	cmn_buf__free(&chk);
	cmn_buf__free(&tu);
	cmn_buf__free(&h);
	free(inc);
	free(obj);
	free(tpath);
}

/*
 * Two generated headers may both define a type (export header + skeleton):
 * the same layout twice compiles, two different layouts under one name fail.
 */
static void test_duplicate_definitions(const char *tmp)
{
	char *obj = path_join(tmp, "hard.o"), *other_c = path_join(tmp, "other.bpf.c");
	char *other_o = path_join(tmp, "other.o"), *tu = path_join(tmp, "dup.c");
	char *ha = path_join(tmp, "a.wasm.h"), *hb = path_join(tmp, "b.wasm.h");
	char *hc = path_join(tmp, "c.wasm.h");
	char *const one[] = {"ptr_mid"}, *const two[] = {"longs", "ptr_mid"};
	struct btf *btf = btf__parse(obj, NULL), *btf2 = NULL;
	struct cmn_buf a = {0}, b = {0}, c = {0};
	char *errtext = NULL;

	write_str(other_c, "struct ptr_mid { int x; char *p; };\nstruct ptr_mid keep;\n");
	T_EQ_INT(0, compile_bpf(tmp, other_c, tmp, other_o));
	btf2 = btf__parse(other_o, NULL);
	T_TRUE(btf && btf2);
	if (!btf || !btf2)
		goto out;
	T_EQ_INT(0, btfgen_wasm__header(btf, "hard.o", one, 1, "A_H", &a));
	T_EQ_INT(0, btfgen_wasm__header(btf, "hard.o", two, 2, "B_H", &b));
	T_EQ_INT(0, btfgen_wasm__header(btf2, "other.o", one, 1, "C_H", &c));
	if (!a.ptr || !b.ptr || !c.ptr)
		goto out;
	write_str(ha, a.ptr);
	write_str(hb, b.ptr);
	write_str(hc, c.ptr);
	write_str(tu, "#include \"a.wasm.h\"\n#include \"b.wasm.h\"\n");
	T_EQ_INT(0, compile_wasm(tu, NULL));
	write_str(tu, "#include \"a.wasm.h\"\n#include \"c.wasm.h\"\n");
	T_TRUE(compile_wasm(tu, &errtext) != 0);
	T_TRUE(errtext && strstr(errtext, "ECC_WASM_DEF_STRUCT_ptr_mid: defined twice with "
					  "different layouts"));
out:
	free(errtext);
	btf__free(btf);
	btf__free(btf2);
	cmn_buf__free(&a);
	cmn_buf__free(&b);
	cmn_buf__free(&c);
	free(obj), free(other_c), free(other_o), free(tu), free(ha), free(hb), free(hc);
}

static void test_unknown_struct(const char *tmp)
{
	char *obj = path_join(tmp, "hard.o");
	struct btf *btf = btf__parse(obj, NULL);
	char *const names[] = {"ptr_mid", "no_such_event"};
	struct cmn_buf h = {0};
	cmn_print_fn old;

	T_TRUE(btf != NULL);
	if (btf) {
		cmn_buf__free(&logbuf);
		old = cmn_set_print(capture);
		T_EQ_INT(-ENOENT, btfgen_wasm__header(btf, "hard.o", names, 2, "X_H", &h));
		cmn_set_print(old);
		T_TRUE(h.ptr == NULL); /* nothing half-written */
		T_TRUE(logbuf.ptr && strstr(logbuf.ptr, "'no_such_event'") &&
		       strstr(logbuf.ptr, "hard.o"));
	}
	if (btf) {
		/* a quiet generator fails the same way without a word */
		struct btfgen_wasm *g = btfgen_wasm__new(btf, "hard.o");

		cmn_buf__free(&logbuf);
		old = cmn_set_print(capture);
		btfgen_wasm__set_quiet(g, true);
		T_EQ_INT(-ENOENT, btfgen_wasm__add_struct(g, "no_such_event"));
		T_EQ_INT(-EINVAL, btfgen_wasm__add_type(g, 0xffffff));
		cmn_set_print(old);
		T_TRUE(logbuf.ptr == NULL);
		btfgen_wasm__free(g);
	}
	btf__free(btf);
	free(obj);
}

/* DATASEC views: globals with holes, a static one skipped, at their offsets. */
static const char datasec_src[] =
    "typedef unsigned long long u64;\n"
    "const volatile char flag = 1;\n"
    "const volatile u64 min_ns = 5;\n"
    "const volatile int pid = 0;\n"
    "static const volatile long hidden = 3;\n"
    "const volatile char comm[5] = \"abc\";\n"
    "const volatile void *ptr = 0;\n"
    "char bss_c;\n"
    "long bss_l;\n"
    "int use(void) { return flag + min_ns + pid + hidden + comm[0] + (long)ptr; }\n";

static void datasec_checks(const struct btf *btf, const char *sec, const char *view,
			   struct cmn_buf *out)
{
	__s32 id = btf__find_by_name_kind(btf, sec, BTF_KIND_DATASEC);
	const struct btf_type *t = btf__type_by_id(btf, id);
	const struct btf_var_secinfo *vi = btf_var_secinfos(t);

	cmn_buf__printf(out, "_Static_assert(sizeof(struct %s) == %u, \"check %s\");\n", view,
			t->size, view);
	for (__u16 i = 0; i < btf_vlen(t); i++) {
		const struct btf_type *v = btf__type_by_id(btf, vi[i].type);
		const char *n = btf__name_by_offset(btf, v->name_off);

		if (btf_var(v)->linkage == BTF_VAR_STATIC)
			continue;
		cmn_buf__printf(out,
				"_Static_assert(offsetof(struct %s, %s) == %u && sizeof(((struct "
				"%s *)0)->%s) == %u, \"check %s.%s\");\n",
				view, n, vi[i].offset, view, n, vi[i].size, view, n);
	}
}

static void test_datasec(const char *tmp)
{
	char *src = path_join(tmp, "ds.bpf.c"), *obj = path_join(tmp, "ds.o");
	char *tpath = path_join(tmp, "ds.c");
	struct bpf_object *bo = NULL;
	struct btfgen_wasm *g = NULL;
	struct cmn_buf tu = {0};
	const struct btf *btf;

	write_str(src, datasec_src);
	T_EQ_INT(0, compile_bpf(tmp, src, tmp, obj));
	bo = bpf_object__open_file(obj, NULL);
	T_TRUE(bo != NULL);
	if (!bo)
		goto out;
	btf = bpf_object__btf(bo);
	g = btfgen_wasm__new(btf, "ds.o");
	T_EQ_INT(0, btfgen_wasm__add_datasec(g, ".rodata", "ds_rodata"));
	T_EQ_INT(0, btfgen_wasm__add_datasec(g, ".bss", "ds_bss"));
	T_EQ_INT(-ENOENT, btfgen_wasm__add_datasec(g, ".data", "ds_data"));
	T_TRUE(strstr(btfgen_wasm__text(g), "hidden") == NULL);
	T_TRUE(strstr(btfgen_wasm__text(g), "uint64_t ptr; /* pointer */") != NULL);
	cmn_buf__printf(&tu, "%s%s", libc_includes, btfgen_wasm__text(g));
	datasec_checks(btf, ".rodata", "ds_rodata", &tu);
	datasec_checks(btf, ".bss", "ds_bss", &tu);
	write_str(tpath, tu.ptr);
	T_EQ_INT(0, compile_wasm(tpath, NULL));
out:
	btfgen_wasm__free(g);
	bpf_object__close(bo);
	cmn_buf__free(&tu);
	free(src);
	free(obj);
	free(tpath);
}

/* Struct tags defined in a header: lines starting "struct NAME {". */
static size_t header_structs(const char *path, char **names, size_t max)
{
	char *text = NULL, *line, *save = NULL;
	size_t len, n = 0;

	if (cmn_read_file(path, 1 << 20, &text, &len))
		return 0;
	for (line = strtok_r(text, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[128];

		if (sscanf(line, "struct %127[A-Za-z0-9_] {", name) == 1 && strchr(line, '{'))
			names[n++] = cmn_strdup(name);
	}
	free(text);
	return n;
}

static bool make_vmlinux_h(const char *tmp)
{
	char *argv[] = {"bpftool", "btf", "dump", "file", "/sys/kernel/btf/vmlinux",
			"format",  "c",	  NULL};
	struct cmn_proc_result r = {0};
	char *path = path_join(tmp, "vmlinux.h");
	bool ok = false;

	if (!cmn_proc_run(argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_STDIN_NULL, &r) && !r.status)
		ok = !cmn_write_file_atomic(path, r.out, r.out_len, 0644);
	cmn_proc_result__free(&r);
	free(path);
	return ok;
}

static void test_one_example(const char *tmp, const char *dir, const char *name)
{
	char *h = cmn_asprintf("%s/%s.h", dir, name), *c = cmn_asprintf("%s/%s.bpf.c", dir, name);
	char *obj = cmn_asprintf("%s/%s.o", tmp, name), *structs[32], *src;
	size_t n;

	if (!cmn_file_exists(h) || !cmn_file_exists(c))
		goto out_paths;
	n = header_structs(h, structs, 32);
	if (!n) {
		printf("skip: %s defines no struct\n", h);
		goto out_paths;
	}
	src = keep_source(tmp, c, NULL, structs, n);
	if (compile_bpf(tmp, src, dir, obj))
		T_FAIL_AT("example %s: BPF compile failed", name);
	else
		check_case(tmp, name, obj, structs, n);
	printf("example %s: %zu structs checked\n", name, n);
	for (size_t i = 0; i < n; i++)
		free(structs[i]);
	free(src);
out_paths:
	free(h);
	free(c);
	free(obj);
}

static void test_examples(const char *tmp)
{
	char *root = path_join(ECC_SOURCE_DIR, "examples");
	DIR *d = opendir(root);
	struct dirent *e;
	int seen = 0;

	if (!d || !make_vmlinux_h(tmp)) {
		printf("skip: examples layout check (%s)\n",
		       d ? "cannot dump /sys/kernel/btf/vmlinux" : "no examples/ directory");
		goto out;
	}
	while ((e = readdir(d))) {
		char *dir;

		if (e->d_name[0] == '.')
			continue;
		dir = cmn_asprintf("%s/%s", root, e->d_name);
		if (cmn_is_dir(dir)) {
			test_one_example(tmp, dir, e->d_name);
			seen++;
		}
		free(dir);
	}
	if (!seen)
		printf("skip: examples/ has no example yet\n");
out:
	if (d)
		closedir(d);
	free(root);
}

int main(void)
{
	char *tmp = cmn_mkdtemp("ecc-test-btfgen-wasm");

	T_TRUE(tmp != NULL);
	if (!tmp)
		TEST_MAIN_END();
	test_hard_cases(tmp);
	test_bit_getters(tmp);
	test_checker_catches_bad_layouts(tmp);
	test_unknown_struct(tmp);
	test_duplicate_definitions(tmp);
	test_datasec(tmp);
	test_examples(tmp);
	cmn_rm_rf(tmp);
	free(tmp);
	cmn_buf__free(&logbuf);
	TEST_MAIN_END();
}
