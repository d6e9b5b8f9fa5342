/* SPDX-License-Identifier: MIT */
/* Private to skelgen_wasm*.c: the opened object and helpers they share. */
#ifndef SKELGEN_WASM_INT_H
#define SKELGEN_WASM_INT_H

#include <stdint.h>
#include <bpf/libbpf.h>
#include "common.h"
#include "skelgen_wasm.h"

/* The three sections a guest gets typed views of, in this order. */
#define SKELGEN_WASM_N_SECS 3

struct skelgen_wasm_sec {
	const char *name;	/* ".rodata", ".data", ".bss" */
	bool in_elf;		/* an ELF section of that name exists */
	bool progbits;		/* has bytes in the file (not NOBITS) */
	uint64_t file_off, size;
	bool view;		/* a BTF DATASEC and an internal map exist: the guest gets a view */
	int index;		/* position in the skeleton's datasec table, -1 if none */
};

struct skelgen_wasm {
	char *obj_path;
	char *obj_name;
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

#endif /* SKELGEN_WASM_INT_H */
