/* SPDX-License-Identifier: MIT */
/*
 * btfgen_wasm: Wasm-safe (wasm32, ILP32) C declarations of types taken from
 * a BPF object's BTF (LP64), so that a Wasm guest and the BPF side agree on
 * every byte of the structs they exchange.
 *
 * Rules of the output:
 * - every struct/union is __attribute__((packed)) and carries explicit
 *   padding members (`__pad<N>`) wherever the BPF layout has holes,
 *   including tail padding, so sizes and offsets do not depend on wasm32
 *   alignment;
 * - pointers, `long` and `unsigned long` become int64_t/uint64_t;
 * - nested structs, unions, arrays and enums are kept (anonymous ones
 *   inline); enums keep their real size (a fixed-width integer member when
 *   that size is not 4);
 * - typedefs are kept, except libc names whose definition differs on
 *   wasm32 or that the guest's libc defines (size_t, ssize_t, uintptr_t,
 *   intptr_t, ptrdiff_t, off_t, bool, ...): those are expanded to the
 *   fixed-width type;
 * - a run of bitfields becomes one storage member covering their bytes,
 *   with a comment naming the fields and their bit positions, and a static
 *   inline getter per field, <tag>__<field>(const T *), sign-extended for
 *   signed fields (not for bitfields inside arrays of structs);
 * - every definition is wrapped in its own `#ifndef ECC_WASM_DEF_...` guard
 *   (so the export header and a skeleton can both carry a type) whose value
 *   is a hash of the definition: another layout under the same name is a
 *   compile error, not a silent skip; each is followed by _Static_asserts on
 *   the size and on every member's offset and size.
 *
 * Ownership: a struct btfgen_wasm borrows the BTF (keep it alive until
 * __free). Text is accumulated inside it in dependency order and read with
 * btfgen_wasm__text().
 * Errors: 0 or a negative errno with one message logged naming the struct,
 * member and origin (usually the object file). Constructors return NULL and
 * set errno. Output is deterministic for a given BTF and request order.
 */
#ifndef BTFGEN_WASM_H
#define BTFGEN_WASM_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "common.h"

struct btf;
struct btfgen_wasm;

/*
 * A generator over `btf`. `origin` names the source in messages (e.g. the
 * object's file name); it is copied.
 */
struct btfgen_wasm *btfgen_wasm__new(const struct btf *btf, const char *origin);
void btfgen_wasm__free(struct btfgen_wasm *g);

/* Quiet: failures are only returned, not logged (for trial generations). */
void btfgen_wasm__set_quiet(struct btfgen_wasm *g, bool quiet);

/*
 * Emit the definition of the struct or union tagged `name` (or, failing
 * that, the typedef `name`) and everything it uses by value, each once.
 * -ENOENT when no such type is defined (a forward declaration alone is
 * -ENOENT too), -EINVAL when a member cannot be represented.
 */
int btfgen_wasm__add_struct(struct btfgen_wasm *g, const char *name);

/* Emit what type `id` needs by value (for variables, e.g. of a datasec). */
int btfgen_wasm__add_type(struct btfgen_wasm *g, __u32 id);

/*
 * Emit `struct <struct_name>`: a packed view of the DATASEC `sec_name`
 * (".rodata", ".bss", ".data") with its non-static variables at their BTF
 * offsets, padding elsewhere, and the asserts. The BTF must have been fixed
 * up by libbpf (bpf_object__open) so the section's size and offsets are set.
 * -ENOENT when the BTF has no such DATASEC.
 */
int btfgen_wasm__add_datasec(struct btfgen_wasm *g, const char *sec_name, const char *struct_name);

/*
 * Append to `out` the declaration of a variable `name` of type `id` in its
 * Wasm-safe spelling (e.g. "uint64_t comm[4]"), without ';'. Types used by
 * value must have been added.
 */
int btfgen_wasm__decl(struct btfgen_wasm *g, __u32 id, const char *name, struct cmn_buf *out);

/* The definitions emitted so far (borrowed, NUL-terminated, never NULL). */
const char *btfgen_wasm__text(const struct btfgen_wasm *g);

/*
 * A whole header: the banner, an include guard named `guard`, <stdint.h>
 * and <stddef.h>, then the definitions of `structs` (and their
 * dependencies). Written to `out` only on success.
 */
int btfgen_wasm__header(const struct btf *btf, const char *origin, char *const *structs, size_t n,
			const char *guard, struct cmn_buf *out);

#endif /* BTFGEN_WASM_H */
