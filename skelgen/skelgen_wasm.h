/* SPDX-License-Identifier: MIT */
/*
 * skelgen_wasm: what a Wasm guest needs to know about one BPF object, as
 * the values of the @@KEY@@ markers of templates/wasm/skel.h.in (the Wasm
 * skeleton) and templates/wasm/app.c.in (the default app). The caller
 * renders them (ecc_tpl__render); this module reads the object.
 *
 * The skeleton embeds the object's bytes, describes its maps and programs
 * (with how the wasm_bpf ABI can attach each, from its SEC()), and gives
 * Wasm-safe views (btfgen_wasm) of .rodata/.data/.bss. For .rodata/.data
 * the file offset of the section's bytes is computed here, so the guest
 * patches its copy of the ELF without an ELF parser.
 *
 * Ownership: a struct skelgen_wasm owns the object bytes and the libbpf
 * object it opened; variables returned in a struct skelgen_wasm_vars are
 * owned by it (free with skelgen_wasm_vars__free).
 * Errors: 0 or a negative errno with one message naming the object,
 * section, map or struct; constructors return NULL and set errno.
 */
#ifndef SKELGEN_WASM_H
#define SKELGEN_WASM_H

#include <stddef.h>
#include <cJSON.h>

struct btf;
struct skelgen_wasm;

struct skelgen_wasm_var {
	char *key;
	char *value;
};

struct skelgen_wasm_vars {
	struct skelgen_wasm_var *ptr;
	size_t cnt;
	size_t cap;
};

void skelgen_wasm_vars__free(struct skelgen_wasm_vars *v);

/* How the wasm_bpf ABI attaches a program (same numbers as the guest SDK's). */
enum skelgen_wasm_attach {
	SKELGEN_WASM_ATTACH_AUTO = 0,	/* by section name */
	SKELGEN_WASM_ATTACH_XDP = 1,	/* with an interface name */
	SKELGEN_WASM_ATTACH_CGROUP = 2, /* with a cgroup path */
	SKELGEN_WASM_ATTACH_NONE = 3,	/* not through this ABI */
};

/* Classify a SEC() string (table of section prefixes). */
enum skelgen_wasm_attach skelgen_wasm__attach_kind(const char *sec);

/*
 * Read and open the object at obj_path with libbpf under obj_name (so
 * internal map names are libbpf's for that name). NULL + errno, with a
 * message, when the file cannot be read, is not a BPF object or has no BTF.
 */
struct skelgen_wasm *skelgen_wasm__open(const char *obj_path, const char *obj_name);
void skelgen_wasm__free(struct skelgen_wasm *s);

/* The object's BTF (fixed up by libbpf; borrowed). */
const struct btf *skelgen_wasm__btf(const struct skelgen_wasm *s);

/* Number of programs, and program i's name and SEC() string (borrowed). */
size_t skelgen_wasm__prog_cnt(const struct skelgen_wasm *s);
int skelgen_wasm__prog(const struct skelgen_wasm *s, size_t i, const char **name, const char **sec);

/* Values for templates/wasm/skel.h.in (appended to v). */
int skelgen_wasm__skel_vars(struct skelgen_wasm *s, struct skelgen_wasm_vars *v);

/*
 * Values for templates/wasm/app.c.in. event_struct: the struct printed for
 * each record of the first ring buffer / perf event array map (NULL: none).
 * meta: the package meta, for option names and help (may be NULL).
 * skel_header: the file name the app includes.
 */
int skelgen_wasm__app_vars(struct skelgen_wasm *s, const char *event_struct, const cJSON *meta,
			   const char *skel_header, struct skelgen_wasm_vars *v);

#endif /* SKELGEN_WASM_H */
