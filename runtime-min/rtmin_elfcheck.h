/* SPDX-License-Identifier: MIT */
/*
 * rtmin_elfcheck: a structural check of an untrusted BPF ELF object before
 * libbpf sees it (prefix rtmin_elf_).
 *
 * libbpf 1.1 trusts the ELF it opens: a corrupt section table, string table
 * offset, symbol index or BTF type record can crash bpf_object__open_mem.
 * This module walks everything libbpf will read (ELF header, section table,
 * string tables, symbol table, relocation sections, .BTF header and every
 * type record, .BTF.ext info records) and refuses anything out of bounds or
 * inconsistent. It does not allocate beyond a small work array, never reads
 * outside [data, data+len), and needs no libbpf or libelf.
 *
 * Errors: 0 when the object passed, else -EINVAL with a one-line reason in
 * err (always NUL-terminated when err_len > 0). Nothing is logged.
 * Ownership: data is borrowed and never modified.
 */
#ifndef RTMIN_ELFCHECK_H
#define RTMIN_ELFCHECK_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Check that `data` (len bytes) is a well-formed 64-bit BPF ELF object of
 * this host's byte order whose .BTF and .BTF.ext sections (when present)
 * are well-formed. Returns 0, -EINVAL (structure: reason in err) or
 * -ENOMEM (work array for the BTF type walk).
 */
int rtmin_elf__check(const void *data, size_t len, char *err, size_t err_len);

/*
 * True when an object that passed rtmin_elf__check() has a non-empty .BTF
 * section (packages need one: export types, flags and maps are read from it).
 */
bool rtmin_elf__has_btf(const void *data, size_t len);

/*
 * The same BTF checks on a raw BTF blob (a vmlinux BTF file, tailored BTF
 * from an archive): header, every type record, string offsets, type ids,
 * reference cycles. 0, -EINVAL with the reason in err, or -ENOMEM.
 */
int rtmin_btf__check_raw(const void *data, size_t len, char *err, size_t err_len);

#endif /* RTMIN_ELFCHECK_H */
