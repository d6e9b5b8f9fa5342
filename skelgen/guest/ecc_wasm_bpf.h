/* SPDX-License-Identifier: MIT */
/*
 * ecc_wasm_bpf.h: the guest side of the wasm-bpf ABI, header-only, for C
 * programs compiled to wasm32-wasi that load and talk to an eBPF object.
 *
 * - The six `wasm_bpf` host functions are declared with their exact Wasm
 *   types (module "wasm_bpf"); their C names carry an ecc_ prefix so this
 *   header can sit beside other declarations of the same imports.
 * - A libbpf-like layer over them: objects (load from bytes in guest
 *   memory, attach a program by function name, map fds by name, close),
 *   map operations, and ring/perf buffer polling with a callback.
 * - The runtime support of the skeletons `ecc --wasm` generates
 *   (struct ecc_skel): the embedded ELF copied and patched in guest memory
 *   (.rodata/.data values before load), .bss written with a map update after
 *   load, then programs attached.
 *
 * Errors: functions return 0 (or a count/fd) on success and a negative errno
 * on failure, as libbpf does; skeleton functions also leave a message in
 * skel->errmsg naming the program or map concerned.
 * Internal maps (.rodata/.bss/.data) have runtime-dependent names: ask for
 * them by section name (".bss"); the host matches an exact name first, then
 * the section suffix.
 *
 * Build: clang --target=wasm32-wasi --sysroot=/usr -nostdlibinc
 *   -isystem /usr/include/wasm32-wasi -O2 -Wl,--export-table -Wl,--strip-debug
 */
#ifndef ECC_WASM_BPF_H
#define ECC_WASM_BPF_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef __wasm__
#error "ecc_wasm_bpf.h is for wasm32 guests (clang --target=wasm32-wasi)"
#endif

#define ECC_WASM_BPF_IMPORT(n) __attribute__((import_module("wasm_bpf"), import_name(n)))

/* A guest callback: a table index in Wasm, type (i32 i32 i32) -> i32. */
typedef int (*ecc_wasm_sample_fn)(void *ctx, void *data, int size);

/* (i32 i32) -> i64: a non-zero object handle, 0 on failure. */
uint64_t ecc_wasm_load_bpf_object(const void *obj_buf, int obj_buf_sz)
    ECC_WASM_BPF_IMPORT("wasm_load_bpf_object");
/* (i64 i32 i32) -> i32 */
int ecc_wasm_attach_bpf_program(uint64_t obj, const char *name, const char *attach_target)
    ECC_WASM_BPF_IMPORT("wasm_attach_bpf_program");
/* (i64 i32 i32 i32 i32 i32 i32) -> i32 */
int ecc_wasm_bpf_buffer_poll(uint64_t obj, int fd, ecc_wasm_sample_fn sample_func, void *ctx,
			     void *data, int max_size, int timeout_ms)
    ECC_WASM_BPF_IMPORT("wasm_bpf_buffer_poll");
/* (i64 i32) -> i32 */
int ecc_wasm_bpf_map_fd_by_name(uint64_t obj, const char *name)
    ECC_WASM_BPF_IMPORT("wasm_bpf_map_fd_by_name");
/* (i32 i32 i32 i32 i32 i64) -> i32 */
int ecc_wasm_bpf_map_operate(int fd, int cmd, void *key, void *value, void *next_key,
			     uint64_t flags) ECC_WASM_BPF_IMPORT("wasm_bpf_map_operate");
/* (i64) -> i32 */
int ecc_wasm_close_bpf_object(uint64_t obj) ECC_WASM_BPF_IMPORT("wasm_close_bpf_object");

/* map_operate commands: the kernel's BPF_MAP_* numbers */
enum {
	ECC_BPF_MAP_LOOKUP_ELEM = 1,
	ECC_BPF_MAP_UPDATE_ELEM = 2,
	ECC_BPF_MAP_DELETE_ELEM = 3,
	ECC_BPF_MAP_GET_NEXT_KEY = 4,
};

/* update flags, as in the kernel */
enum { ECC_BPF_ANY = 0, ECC_BPF_NOEXIST = 1, ECC_BPF_EXIST = 2 };

/* ---- objects ----------------------------------------------------------- */

struct ecc_bpf_object {
	uint64_t handle; /* 0 when not loaded */
};

/* Load the ELF at buf (in guest memory, read by the host during the call). */
static inline int ecc_bpf_object__load(struct ecc_bpf_object *o, const void *buf, size_t sz)
{
	if (!o || !buf || sz > INT32_MAX)
		return -EINVAL;
	o->handle = ecc_wasm_load_bpf_object(buf, (int)sz);
	return o->handle ? 0 : -EINVAL;
}

/*
 * Attach program `prog` (its function name); target NULL/"" = by section.
 * No target is passed as a null pointer: some runtimes treat "" as a target.
 */
static inline int ecc_bpf_object__attach(const struct ecc_bpf_object *o, const char *prog,
					 const char *target)
{
	if (!o || !o->handle || !prog)
		return -EINVAL;
	return ecc_wasm_attach_bpf_program(o->handle, prog, target && *target ? target : NULL);
}

/* The fd of map `name` (".rodata"/".bss"/".data" for internal maps). */
static inline int ecc_bpf_object__map_fd(const struct ecc_bpf_object *o, const char *name)
{
	if (!o || !o->handle || !name)
		return -EINVAL;
	return ecc_wasm_bpf_map_fd_by_name(o->handle, name);
}

static inline int ecc_bpf_object__close(struct ecc_bpf_object *o)
{
	int err = 0;

	if (o && o->handle) {
		err = ecc_wasm_close_bpf_object(o->handle);
		o->handle = 0;
	}
	return err;
}

/* ---- maps -------------------------------------------------------------- */

static inline int ecc_bpf_map__lookup_elem(int fd, const void *key, void *value)
{
	return ecc_wasm_bpf_map_operate(fd, ECC_BPF_MAP_LOOKUP_ELEM, (void *)key, value, NULL, 0);
}

static inline int ecc_bpf_map__update_elem(int fd, const void *key, const void *value,
					   uint64_t flags)
{
	return ecc_wasm_bpf_map_operate(fd, ECC_BPF_MAP_UPDATE_ELEM, (void *)key, (void *)value,
					NULL, flags);
}

static inline int ecc_bpf_map__delete_elem(int fd, const void *key)
{
	return ecc_wasm_bpf_map_operate(fd, ECC_BPF_MAP_DELETE_ELEM, (void *)key, NULL, NULL, 0);
}

/* key NULL starts from the first key; -ENOENT after the last one. */
static inline int ecc_bpf_map__get_next_key(int fd, const void *key, void *next_key)
{
	return ecc_wasm_bpf_map_operate(fd, ECC_BPF_MAP_GET_NEXT_KEY, (void *)key, NULL, next_key,
					0);
}

/* ---- ring buffer / perf event array polling ---------------------------- */

struct ecc_bpf_buffer {
	uint64_t obj;
	int fd;
	ecc_wasm_sample_fn fn;
	void *ctx;
	void *data; /* one record is copied here before fn is called */
	int size;
};

/* A poller for the ring buffer or perf event array map `fd`. NULL + errno. */
static inline struct ecc_bpf_buffer *ecc_bpf_buffer__new(const struct ecc_bpf_object *o, int fd,
							 ecc_wasm_sample_fn fn, void *ctx,
							 size_t max_size)
{
	struct ecc_bpf_buffer *b;

	if (!o || !o->handle || fd < 0 || !fn || !max_size || max_size > INT32_MAX) {
		errno = EINVAL;
		return NULL;
	}
	b = calloc(1, sizeof(*b));
	if (!b || !(b->data = malloc(max_size))) {
		free(b);
		errno = ENOMEM;
		return NULL;
	}
	b->obj = o->handle;
	b->fd = fd;
	b->fn = fn;
	b->ctx = ctx;
	b->size = (int)max_size;
	return b;
}

/* Records consumed (each passed to the callback), 0 on timeout, or -errno. */
static inline int ecc_bpf_buffer__poll(struct ecc_bpf_buffer *b, int timeout_ms)
{
	if (!b)
		return -EINVAL;
	return ecc_wasm_bpf_buffer_poll(b->obj, b->fd, b->fn, b->ctx, b->data, b->size, timeout_ms);
}

static inline void ecc_bpf_buffer__free(struct ecc_bpf_buffer *b)
{
	if (!b)
		return;
	free(b->data);
	free(b);
}

/* ---- skeleton support -------------------------------------------------- */

/* How a program can be attached through the ABI (decided by ecc from SEC()). */
enum ecc_attach_kind {
	ECC_ATTACH_AUTO = 0,   /* by its section name, no target */
	ECC_ATTACH_XDP = 1,    /* needs an interface name */
	ECC_ATTACH_CGROUP = 2, /* needs a cgroup path */
	ECC_ATTACH_NONE = 3,   /* the ABI cannot attach it (tc, perf_event, socket, ...) */
};

struct ecc_skel_map {
	const char *name;    /* the map's name in the object */
	const char *section; /* ".rodata"/".bss"/".data" for internal maps, else NULL */
	uint32_t type;	     /* BPF_MAP_TYPE_* */
	uint32_t value_size;
	int fd; /* after load; -1 before */
};

struct ecc_skel_prog {
	const char *name; /* function name */
	const char *sec;  /* full SEC() string */
	enum ecc_attach_kind kind;
	const char *target; /* set by the app for XDP/CGROUP programs */
	bool autoattach;    /* ecc_skel__attach() attaches it (default true) */
	bool attached;
};

struct ecc_skel_datasec {
	const char *section; /* ".rodata", ".data", ".bss" */
	uint32_t size;
	int64_t file_off; /* offset of the section's bytes in the ELF, -1 for .bss */
	void *view;	  /* the typed view's bytes */
	bool owned;	  /* view allocated (not inside the ELF copy) */
};

struct ecc_skel {
	const char *name;
	const unsigned char *elf_src;
	size_t elf_sz;
	unsigned char *elf; /* a private copy, patched before load */
	struct ecc_skel_map *maps;
	size_t n_maps;
	struct ecc_skel_prog *progs;
	size_t n_progs;
	struct ecc_skel_datasec *secs;
	size_t n_secs;
	struct ecc_bpf_object obj;
	char errmsg[192];
};

static inline int ecc_skel__fail(struct ecc_skel *s, int err, const char *what, const char *name)
{
	snprintf(s->errmsg, sizeof(s->errmsg), "%s: %s '%s': %s", s->name, what, name,
		 strerror(err < 0 ? -err : err));
	return err < 0 ? err : -err;
}

/* Copy the embedded ELF and point the .rodata/.data views into the copy. */
static inline int ecc_skel__open(struct ecc_skel *s)
{
	s->elf = malloc(s->elf_sz);
	if (!s->elf)
		return ecc_skel__fail(s, -ENOMEM, "open", "object");
	memcpy(s->elf, s->elf_src, s->elf_sz);
	for (size_t i = 0; i < s->n_secs; i++) {
		struct ecc_skel_datasec *d = &s->secs[i];

		d->owned = !(d->file_off >= 0 && (uint64_t)d->file_off + d->size <= s->elf_sz);
		d->view = d->owned ? calloc(1, d->size ? d->size : 1) : s->elf + d->file_off;
		if (!d->view)
			return ecc_skel__fail(s, -ENOMEM, "open", d->section);
	}
	for (size_t i = 0; i < s->n_maps; i++)
		s->maps[i].fd = -1;
	return 0;
}

static inline bool ecc_skel__all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		if (c[i])
			return false;
	return true;
}

/* .bss has no bytes in the ELF: write what the guest set with a map update. */
static inline int ecc_skel__write_bss(struct ecc_skel *s)
{
	for (size_t i = 0; i < s->n_secs; i++) {
		struct ecc_skel_datasec *d = &s->secs[i];
		uint32_t key = 0;
		int fd, err;

		if (d->file_off >= 0 || ecc_skel__all_zero(d->view, d->size))
			continue;
		fd = ecc_bpf_object__map_fd(&s->obj, d->section);
		if (fd < 0)
			return ecc_skel__fail(s, fd, "find map of section", d->section);
		err = ecc_bpf_map__update_elem(fd, &key, d->view, ECC_BPF_ANY);
		if (err)
			return ecc_skel__fail(s, err, "write initial values of", d->section);
	}
	return 0;
}

/* Load the (patched) object, look up every map's fd, write .bss. */
static inline int ecc_skel__load(struct ecc_skel *s)
{
	int err = ecc_bpf_object__load(&s->obj, s->elf, s->elf_sz);

	if (err) {
		snprintf(s->errmsg, sizeof(s->errmsg),
			 "%s: the runtime could not load the BPF object (its log says why)",
			 s->name);
		return err;
	}
	for (size_t i = 0; i < s->n_maps; i++) {
		struct ecc_skel_map *m = &s->maps[i];
		int fd = ecc_bpf_object__map_fd(&s->obj, m->name);

		if (fd < 0 && m->section)
			fd = ecc_bpf_object__map_fd(&s->obj, m->section);
		m->fd = fd; /* an internal map the runtime cannot name stays -1 */
	}
	return ecc_skel__write_bss(s);
}

/* Attach every program marked autoattach that the ABI can attach. */
static inline int ecc_skel__attach(struct ecc_skel *s)
{
	for (size_t i = 0; i < s->n_progs; i++) {
		struct ecc_skel_prog *p = &s->progs[i];
		int err;

		if (!p->autoattach || p->attached)
			continue;
		if (p->kind == ECC_ATTACH_NONE)
			return ecc_skel__fail(s, -EOPNOTSUPP, "cannot attach program", p->name);
		if (p->kind != ECC_ATTACH_AUTO && (!p->target || !*p->target))
			return ecc_skel__fail(
			    s, -EINVAL, "no target (interface or cgroup) for program", p->name);
		err = ecc_bpf_object__attach(&s->obj, p->name, p->target);
		if (err)
			return ecc_skel__fail(s, err, "attach program", p->name);
		p->attached = true;
	}
	return 0;
}

static inline void ecc_skel__destroy(struct ecc_skel *s)
{
	if (!s)
		return;
	ecc_bpf_object__close(&s->obj);
	for (size_t i = 0; i < s->n_secs; i++) {
		struct ecc_skel_datasec *d = &s->secs[i];

		if (d->owned)
			free(d->view);
		d->view = NULL;
	}
	free(s->elf);
	s->elf = NULL;
}

#endif /* ECC_WASM_BPF_H */
