/* SPDX-License-Identifier: MIT */
/*
 * wasmi internals shared by the decoder, validator/compiler, runtime and
 * interpreter. Not a public header: only files of runtime-min/wasm include it.
 *
 * A decoded module keeps a private copy of the binary; function bodies, data
 * segments and names point into it. wasmi_module__new() then validates every
 * body and compiles it into an instruction stream of 64-bit cells (handler
 * address followed by immediates) with branch targets and stack slots
 * resolved, so the interpreter never looks at Wasm bytes again.
 */
#ifndef WASMI_INTERNAL_H
#define WASMI_INTERNAL_H

#include "wasmi.h"

#include <stdio.h>

#define WASMI_PAGE 65536u
#define WASMI_MAX_PAGES 65536u
#define WASMI_DEFAULT_CALL_DEPTH 20000u
#define WASMI_DEFAULT_VALUE_STACK (1u << 20)
/* Implementation limits that keep allocation sizes sane on hostile input. */
#define WASMI_MAX_LOCALS 50000u
#define WASMI_MAX_TABLE 10000000u
/*
 * Host->guest re-entries (wasmi_instance__call_table from a host function)
 * recurse on the native stack; under ASan one level of the interpreter takes
 * tens of KiB, and 200 levels overflowed an 8 MiB stack. Real hosts nest two
 * or three deep (a buffer poll calling its callback).
 */
#define WASMI_MAX_NESTED_RUNS 64u

enum wasmi_kind { WK_FUNC = 0, WK_TABLE = 1, WK_MEM = 2, WK_GLOBAL = 3 };

struct wasmi_functype {
	uint32_t nparams;
	uint32_t nresults;
	uint8_t *types; /* params then results */
	char *sig;	/* "PARAMS:RESULTS" in wasmi_host_func letters; r/e for refs */
};

struct wasmi_limits {
	uint32_t min;
	uint32_t max;
	bool has_max;
};

/* A constant expression (globals, segment offsets and items). */
enum wasmi_cexpr_kind { CE_CONST, CE_GLOBAL, CE_REFNULL, CE_REFFUNC };
struct wasmi_cexpr {
	uint8_t kind;
	uint8_t type; /* value type it produces */
	uint32_t index;
	uint64_t bits;
};

struct wasmi_import {
	char *module;
	char *name;
	uint8_t kind;
	uint32_t index; /* index in its kind's space */
};

struct wasmi_export {
	char *name;
	uint32_t name_len; /* names may hold NUL bytes */
	uint8_t kind;
	uint32_t index;
};

struct wasmi_tabletype {
	uint8_t elem;
	struct wasmi_limits lim;
};

struct wasmi_globaltype {
	uint8_t type;
	bool mut;
	bool imported;
	struct wasmi_cexpr init;
};

enum wasmi_seg_mode { SEG_ACTIVE, SEG_PASSIVE, SEG_DECLARATIVE };

struct wasmi_elem {
	uint8_t mode;
	uint8_t type;
	uint32_t table;
	struct wasmi_cexpr offset;
	uint32_t cnt;
	struct wasmi_cexpr *items;
};

struct wasmi_data {
	uint8_t mode;
	uint32_t mem;
	struct wasmi_cexpr offset;
	const uint8_t *bytes;
	uint32_t len;
};

/* One compiled cell of the instruction stream. */
union wasmi_cell {
	const void *h;
	uint64_t u64;
	int64_t i64;
	uint32_t u32;
	float f32;
	double f64;
	struct {
		uint32_t lo, hi;
	} p;
	const struct wasmi_code *code;
};

/* A function defined by the module, after compilation. */
struct wasmi_code {
	const uint8_t *body; /* the code entry in the binary (locals + expr) */
	size_t body_len;
	uint32_t type;
	uint32_t index;	  /* in the function index space */
	uint32_t nparams;
	uint32_t nresults;
	uint32_t nlocals; /* params included */
	uint32_t max_slots; /* locals + highest operand stack */
	union wasmi_cell *cells;
	size_t ncells;
};

struct wasmi_module {
	uint8_t *bytes;
	size_t len;

	struct wasmi_functype *types;
	uint32_t ntypes;
	struct wasmi_import *imports;
	uint32_t nimports;
	uint32_t *func_types; /* type index of every function (imports first) */
	uint32_t nfuncs;
	uint32_t nfunc_imports;
	struct wasmi_tabletype *tables;
	uint32_t ntables;
	uint32_t ntable_imports;
	struct wasmi_limits *mems;
	uint32_t nmems;
	uint32_t nmem_imports;
	struct wasmi_globaltype *globals;
	uint32_t nglobals;
	uint32_t nglobal_imports;
	struct wasmi_export *exports;
	uint32_t nexports;
	bool has_start;
	uint32_t start;
	struct wasmi_elem *elems;
	uint32_t nelems;
	struct wasmi_data *datas;
	uint32_t ndatas;
	bool has_datacount;
	uint32_t datacount;
	struct wasmi_code *codes; /* nfuncs - nfunc_imports of them */
	char **func_names;	  /* from the name section; may be NULL */
	bool *func_declared;	  /* may appear in ref.func */
	bool compiled;
};

/* ---- decoder (decode.c) ---------------------------------------------- */

struct wasmi_reader {
	const uint8_t *p;
	const uint8_t *end;
	const uint8_t *base;
	struct wasmi_error *err;
};

int wasmi_rd_u8(struct wasmi_reader *r, uint8_t *v);
int wasmi_rd_u32(struct wasmi_reader *r, uint32_t *v);
int wasmi_rd_s32(struct wasmi_reader *r, int32_t *v);
int wasmi_rd_s33(struct wasmi_reader *r, int64_t *v);
int wasmi_rd_s64(struct wasmi_reader *r, int64_t *v);
int wasmi_rd_fixed(struct wasmi_reader *r, void *out, size_t n);
int wasmi_errf(struct wasmi_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool wasmi_is_valtype(uint8_t t);
bool wasmi_utf8_valid(const uint8_t *s, size_t n);
bool wasmi_is_reftype(uint8_t t);
const char *wasmi_valtype_name(uint8_t t);
const struct wasmi_functype *wasmi_module__func_type(const struct wasmi_module *m, uint32_t f);
/* Display name of function f: export or name-section name, else "#f". */
void wasmi_module__func_name(const struct wasmi_module *m, uint32_t f, char *buf, size_t len);

/* ---- validator/compiler (validate.c) ---------------------------------- */

int wasmi_compile_func(struct wasmi_module *m, struct wasmi_code *c, struct wasmi_error *err);
int wasmi_validate_module(struct wasmi_module *m, struct wasmi_error *err);

/* ---- runtime objects (instance.c) ------------------------------------ */

struct wasmi_memory {
	uint8_t *data;
	uint64_t size; /* bytes */
	uint32_t max_pages;
};

struct wasmi_table {
	uint64_t *elems; /* struct wasmi_func * as integers, 0 = null; or externref bits */
	uint32_t size;
	uint32_t max;
	bool has_max;
	uint8_t type;
};

struct wasmi_global {
	uint64_t val;
	uint8_t type;
	bool mut;
};

/* A function instance: a compiled body of some instance, or a host function. */
struct wasmi_func {
	const struct wasmi_functype *type;
	struct wasmi_instance *owner;
	const struct wasmi_code *code; /* NULL for host functions */
	wasmi_host_fn host;
	void *user;
	uint32_t index;
};

/* One value stack slot: every value takes one, whatever its type. */
union wasmi_slot {
	uint64_t u64;
	uint32_t u32;
	float f32;
	double f64;
};

/* A saved call frame of the interpreter. */
struct wasmi_frame {
	const union wasmi_cell *ip;
	union wasmi_slot *fp;
	const struct wasmi_code *code;
};

struct wasmi_instance {
	const struct wasmi_module *mod;
	struct wasmi_config cfg;
	struct wasmi_func *own_funcs;
	struct wasmi_func **funcs;
	struct wasmi_table **tables;
	struct wasmi_memory **mems;
	struct wasmi_global **globals;
	bool *elem_dropped;
	bool *data_dropped;
	uint64_t **elem_vals; /* evaluated items of each element segment */
	struct wasmi_table *own_tables;
	struct wasmi_memory *own_mems;
	struct wasmi_global *own_globals;

	union wasmi_slot *stack;
	union wasmi_slot *stack_end;
	union wasmi_slot *sp; /* top of the used value stack (host calls nest above) */
	struct wasmi_frame *frames;
	uint32_t nframes_max;
	uint32_t depth; /* frames in use across nested runs */
	uint32_t nested;
	volatile int *interrupt;
	int no_interrupt;

	int exit_code;
	bool exited;
	char trap[300];
};

/* ---- interpreter (interp.c) ------------------------------------------ */

/* The handler address table, indexed by enum wasmi_op. */
const void *const *wasmi_interp_labels(void);
/*
 * Run f with its arguments already at args[0..nparams) of in's value stack
 * (args must be in->sp + 1); results land at args[0..nresults).
 */
enum wasmi_status wasmi_interp_call(struct wasmi_instance *in, const struct wasmi_func *f,
				    union wasmi_slot *args);
enum wasmi_status wasmi_trap(struct wasmi_instance *in, uint32_t func, const char *what);
int wasmi_mem_grow(struct wasmi_instance *in, struct wasmi_memory *mem, uint32_t delta,
		   uint32_t *old);
int wasmi_table_grow(struct wasmi_table *t, uint32_t delta, uint64_t init, uint32_t *old);
/* Call f (any kind) with args/results arrays, from outside the loop. */
enum wasmi_status wasmi_invoke(struct wasmi_instance *in, const struct wasmi_func *f,
			       const union wasmi_value *args, union wasmi_value *results);

#include "wasmi_ops.h"

#endif /* WASMI_INTERNAL_H */
