/* SPDX-License-Identifier: MIT */
/*
 * wasmi: a small embeddable WebAssembly interpreter (prefix wasmi_).
 *
 * Life of a module:
 *   struct wasmi_module *m = wasmi_module__new(bytes, len, &err);  decode + validate
 *   struct wasmi_instance *in = wasmi_instance__new(m, &cfg, imports, n_imports, &err);
 *   wasmi_instance__call(in, "_start", args, nargs, results, nresults);
 *   wasmi_instance__free(in); wasmi_module__free(m);
 *
 * Ownership: a module owns a copy of nothing it does not need; an instance
 * borrows its module (free the instance first). Host functions receive the
 * instance and a user pointer; they own nothing of the engine's.
 *
 * Errors: constructors return NULL and fill a struct wasmi_error with a
 * message that names the section/function/offset. Calls return
 * WASMI_OK, or WASMI_TRAP with wasmi_instance__trap_message() set, or
 * WASMI_EXIT when a host function asked the instance to stop
 * (wasmi_instance__exit(), e.g. WASI proc_exit).
 *
 * No global state: several instances may live in one process.
 *
 * Libraries: wasmi_decoder holds the decoder and the introspection calls
 * (wasmi_module__decode, __import*, __export*, __free); wasmi adds the
 * validator, instances and the interpreter (wasmi_module__new and the rest).
 *
 * Features: the MVP plus sign extension, non-trapping float-to-int, bulk
 * memory, multi-value, mutable globals and reference types. SIMD, threads,
 * memory64, exceptions and tail calls are rejected at load, named.
 */
#ifndef WASMI_H
#define WASMI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum wasmi_valtype {
	WASMI_I32 = 0x7f,
	WASMI_I64 = 0x7e,
	WASMI_F32 = 0x7d,
	WASMI_F64 = 0x7c,
	WASMI_FUNCREF = 0x70,
	WASMI_EXTERNREF = 0x6f,
};

/* One value; references are an index + 1 (0 is null) or a host value. */
union wasmi_value {
	uint32_t i32;
	uint64_t i64;
	float f32;
	double f64;
	uint64_t ref;
};

struct wasmi_error {
	char msg[256];
};

enum wasmi_status {
	WASMI_OK = 0,
	WASMI_TRAP = 1,
	WASMI_EXIT = 2,
};

struct wasmi_instance;
struct wasmi_module;

/*
 * A host function. args holds the parameters in order; write the results
 * into results. Return WASMI_OK, or WASMI_TRAP after wasmi_instance__trapf(),
 * or WASMI_EXIT after wasmi_instance__exit().
 */
typedef enum wasmi_status (*wasmi_host_fn)(struct wasmi_instance *in, void *user,
					   const union wasmi_value *args,
					   union wasmi_value *results);

/*
 * One importable host function. sig is "PARAMS:RESULTS" with one letter per
 * value: i=i32 I=i64 f=f32 F=f64 (r=funcref e=externref), e.g. "iii:i",
 * "Iii:i", ":" (none).
 */
struct wasmi_host_func {
	const char *module;
	const char *name;
	const char *sig;
	wasmi_host_fn fn;
	void *user;
};

struct wasmi_config {
	uint32_t max_memory_pages;  /* cap on linear memory (64 KiB pages); 0 = 65536 */
	uint32_t max_call_depth;    /* frames before "call stack exhausted"; 0 = default */
	uint32_t max_value_stack;   /* slots; 0 = default */
	/* Checked on loop back-edges and calls; when it reads non-zero the
	 * module traps with "interrupted". May be NULL. */
	volatile int *interrupt;
	/* Imports that match no host function: when true, instantiation fails
	 * naming the import (module.name); there is no lenient mode. */
};

/* ---- modules ---------------------------------------------------------- */

/* Decode and validate. The bytes are not referenced after return. */
struct wasmi_module *wasmi_module__new(const uint8_t *bytes, size_t len, struct wasmi_error *err);
void wasmi_module__free(struct wasmi_module *m);

/* Introspection, e.g. for ecc's import check and the spec runner. */
size_t wasmi_module__import_cnt(const struct wasmi_module *m);
/* kind: 0 func, 1 table, 2 memory, 3 global. sig as in wasmi_host_func for funcs. */
int wasmi_module__import(const struct wasmi_module *m, size_t i, const char **module,
			 const char **name, int *kind, char *sig, size_t sig_len);
size_t wasmi_module__export_cnt(const struct wasmi_module *m);
int wasmi_module__export(const struct wasmi_module *m, size_t i, const char **name, int *kind,
			 uint32_t *index);

/*
 * Decode only (no validation of function bodies, no compilation): enough for
 * the import/export introspection below, e.g. for ecc's check of app.wasm.
 * Part of the wasmi_decoder library; wasmi_module__new() needs wasmi.
 */
struct wasmi_module *wasmi_module__decode(const uint8_t *bytes, size_t len, struct wasmi_error *err);

/* ---- instances -------------------------------------------------------- */

/*
 * Linking modules together (the spec runner's `register`): an entity one
 * instance exports, borrowed from it. The exporting instance must outlive
 * every instance linked against it.
 */
struct wasmi_extern {
	int kind;  /* 0 func, 1 table, 2 memory, 3 global */
	void *ptr; /* engine object, opaque */
};

/* Look up an export of a live instance; 0, or -ENOENT. */
int wasmi_instance__export_extern(struct wasmi_instance *in, const char *name,
				  struct wasmi_extern *out);

/*
 * Resolve one import that matches no host function: fill *out and return 0,
 * or return non-zero for "unknown import". Types are checked by the engine.
 */
typedef int (*wasmi_resolve_fn)(void *user, const char *module, const char *name, int kind,
				struct wasmi_extern *out);

/*
 * wasmi_instance__new() with a resolver for imports from other instances.
 * Host functions in `funcs` are tried first. Instantiation failures (unknown
 * or incompatible import, segment out of bounds, a trap in the start
 * function) return NULL with err naming the cause. When the failure comes
 * after segments were applied, this instance's functions may already sit in
 * imported tables: then, if partial is not NULL, *partial receives the
 * instance, which the caller must keep alive as long as those tables (and
 * free later); otherwise it is freed.
 */
struct wasmi_instance *wasmi_instance__new_linked(const struct wasmi_module *m,
						  const struct wasmi_config *cfg,
						  const struct wasmi_host_func *funcs,
						  size_t n_funcs, wasmi_resolve_fn resolve,
						  void *resolve_user, struct wasmi_instance **partial,
						  struct wasmi_error *err);


struct wasmi_instance *wasmi_instance__new(const struct wasmi_module *m,
					   const struct wasmi_config *cfg,
					   const struct wasmi_host_func *funcs, size_t n_funcs,
					   struct wasmi_error *err);
void wasmi_instance__free(struct wasmi_instance *in);

/* Call an exported function by name. Arity is checked against nargs/nresults. */
enum wasmi_status wasmi_instance__call(struct wasmi_instance *in, const char *export_name,
				       const union wasmi_value *args, size_t nargs,
				       union wasmi_value *results, size_t nresults);

/* Same, for an export name of name_len bytes (names may hold NUL bytes). */
enum wasmi_status wasmi_instance__call_n(struct wasmi_instance *in, const char *name,
					 size_t name_len, const union wasmi_value *args,
					 size_t nargs, union wasmi_value *results, size_t nresults);

/*
 * Call the function at index `elem` of table 0 (from a host function, while
 * the instance is running: buffer polling calls guest callbacks this way).
 * sig is checked against the element's type; a null/out-of-range element or
 * a wrong type traps with a message.
 */
enum wasmi_status wasmi_instance__call_table(struct wasmi_instance *in, uint32_t elem,
					     const char *sig, const union wasmi_value *args,
					     union wasmi_value *results);

/* Trap/exit from a host function (then return the status it gives). */
enum wasmi_status wasmi_instance__trapf(struct wasmi_instance *in, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum wasmi_status wasmi_instance__exit(struct wasmi_instance *in, int code);
int wasmi_instance__exit_code(const struct wasmi_instance *in);
/* The last trap's message: "<trap> in function <name or index>". */
const char *wasmi_instance__trap_message(const struct wasmi_instance *in);

/*
 * Memory 0, bounds-checked: a pointer to [off, off+len) or NULL when any
 * byte of it lies outside linear memory (hosts then return -EFAULT).
 * Pointers are invalidated by memory.grow (including during call_table).
 */
void *wasmi_instance__mem(struct wasmi_instance *in, uint32_t off, uint32_t len);
uint32_t wasmi_instance__mem_size(const struct wasmi_instance *in);
/* A NUL-terminated string at off, entirely inside memory, at most max bytes. */
const char *wasmi_instance__mem_str(struct wasmi_instance *in, uint32_t off, uint32_t max);

/* Result and parameter types of an exported function, as a sig string
 * ("PARAMS:RESULTS", r = funcref, e = externref); NULL if no such export. */
const char *wasmi_instance__export_sig(const struct wasmi_instance *in, const char *export_name);

/* The module an instance was made from (borrowed). */
const struct wasmi_module *wasmi_instance__module(const struct wasmi_instance *in);

/* Exported globals, for the spec runner. */
int wasmi_instance__global(struct wasmi_instance *in, const char *export_name,
			   union wasmi_value *v, enum wasmi_valtype *type);

#endif /* WASMI_H */
