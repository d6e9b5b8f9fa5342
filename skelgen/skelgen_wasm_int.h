/* SPDX-License-Identifier: MIT */
/* Private to skelgen_wasm*.c: the opened object and helpers they share. */
#ifndef SKELGEN_WASM_INT_H
#define SKELGEN_WASM_INT_H

#include <stdint.h>
#include <linux/types.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "common.h"
#include "skelgen_wasm.h"

/* The three sections a guest gets typed views of, in this order. */
#define SKELGEN_WASM_N_SECS 3

struct skelgen_wasm_sec {
	const char *name; /* ".rodata", ".data", ".bss" */
	bool in_elf;	  /* an ELF section of that name exists */
	bool progbits;	  /* has bytes in the file (not NOBITS) */
	uint64_t file_off, size;
	bool view; /* a BTF DATASEC and an internal map exist: the guest gets a view */
	int index; /* position in the skeleton's datasec table, -1 if none */
};

struct skelgen_wasm {
	char *obj_path;
	char *obj_name;
	char *ident; /* obj_name as a C identifier: the skeleton's struct name */
	char *bytes;
	size_t len;
	struct bpf_object *obj;
	const struct btf *btf;
	struct skelgen_wasm_sec secs[SKELGEN_WASM_N_SECS];
};

int skelgen_wasm__add_var(struct skelgen_wasm_vars *v, const char *key, char *value);
int skelgen_wasm__add_fmt(struct skelgen_wasm_vars *v, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Append s as a C string literal (quotes and escapes). */
int skelgen_wasm__c_str(struct cmn_buf *b, const char *s);

/* Field tables of the default app (skelgen_wasm_fields.c). */
struct skelgen_wasm_fields {
	const struct btf *btf;
	struct cmn_buf aux; /* nested struct and enum tables, in dependency order */
	int n_aux;
	int depth;
};

/*
 * Append the rows for type `id` to rows: the named members of a struct or
 * union, or one row called scalar_name for any other type.
 */
void skelgen_wasm_fields__rows(struct skelgen_wasm_fields *f, __u32 id, const char *scalar_name,
			       struct cmn_buf *rows);
const struct btf_type *skelgen_wasm__resolve(const struct btf *btf, __u32 id);
bool skelgen_wasm__char_array(const struct btf *btf, const struct btf_type *t);
bool skelgen_wasm__signed(const struct btf_type *t);

#endif /* SKELGEN_WASM_INT_H */
