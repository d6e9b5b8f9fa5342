/* SPDX-License-Identifier: MIT */
/*
 * The internal instruction set, as X-macro tables shared by the validator
 * (which reads the Wasm opcode and operand types from them) and the
 * interpreter (which expands each entry into one small handler). Numeric
 * entries carry their body: `a` (and `b`) are the operands, `r` the result,
 * TRAP(msg) leaves with a trap. Types name a slot member: I32 u32, I64 u64,
 * F32 f32, F64 f64. 0xfcNN opcodes are the 0xfc-prefixed ones.
 */
#ifndef WASMI_OPS_H
#define WASMI_OPS_H

#define WASMI_NUMERIC_OPS(UN, BIN)                                                     \
	UN(I32_EQZ, 0x45, I32, I32, r = a == 0)                                        \
	BIN(I32_EQ, 0x46, I32, I32, r = a == b)                                        \
	BIN(I32_NE, 0x47, I32, I32, r = a != b)                                        \
	BIN(I32_LT_S, 0x48, I32, I32, r = (int32_t)a < (int32_t)b)                     \
	BIN(I32_LT_U, 0x49, I32, I32, r = a < b)                                       \
	BIN(I32_GT_S, 0x4a, I32, I32, r = (int32_t)a > (int32_t)b)                     \
	BIN(I32_GT_U, 0x4b, I32, I32, r = a > b)                                       \
	BIN(I32_LE_S, 0x4c, I32, I32, r = (int32_t)a <= (int32_t)b)                    \
	BIN(I32_LE_U, 0x4d, I32, I32, r = a <= b)                                      \
	BIN(I32_GE_S, 0x4e, I32, I32, r = (int32_t)a >= (int32_t)b)                    \
	BIN(I32_GE_U, 0x4f, I32, I32, r = a >= b)                                      \
	UN(I64_EQZ, 0x50, I64, I32, r = a == 0)                                        \
	BIN(I64_EQ, 0x51, I64, I32, r = a == b)                                        \
	BIN(I64_NE, 0x52, I64, I32, r = a != b)                                        \
	BIN(I64_LT_S, 0x53, I64, I32, r = (int64_t)a < (int64_t)b)                     \
	BIN(I64_LT_U, 0x54, I64, I32, r = a < b)                                       \
	BIN(I64_GT_S, 0x55, I64, I32, r = (int64_t)a > (int64_t)b)                     \
	BIN(I64_GT_U, 0x56, I64, I32, r = a > b)                                       \
	BIN(I64_LE_S, 0x57, I64, I32, r = (int64_t)a <= (int64_t)b)                    \
	BIN(I64_LE_U, 0x58, I64, I32, r = a <= b)                                      \
	BIN(I64_GE_S, 0x59, I64, I32, r = (int64_t)a >= (int64_t)b)                    \
	BIN(I64_GE_U, 0x5a, I64, I32, r = a >= b)                                      \
	BIN(F32_EQ, 0x5b, F32, I32, r = a == b)                                        \
	BIN(F32_NE, 0x5c, F32, I32, r = a != b)                                        \
	BIN(F32_LT, 0x5d, F32, I32, r = a < b)                                         \
	BIN(F32_GT, 0x5e, F32, I32, r = a > b)                                         \
	BIN(F32_LE, 0x5f, F32, I32, r = a <= b)                                        \
	BIN(F32_GE, 0x60, F32, I32, r = a >= b)                                        \
	BIN(F64_EQ, 0x61, F64, I32, r = a == b)                                        \
	BIN(F64_NE, 0x62, F64, I32, r = a != b)                                        \
	BIN(F64_LT, 0x63, F64, I32, r = a < b)                                         \
	BIN(F64_GT, 0x64, F64, I32, r = a > b)                                         \
	BIN(F64_LE, 0x65, F64, I32, r = a <= b)                                        \
	BIN(F64_GE, 0x66, F64, I32, r = a >= b)                                        \
	UN(I32_CLZ, 0x67, I32, I32, r = a ? (uint32_t)__builtin_clz(a) : 32)            \
	UN(I32_CTZ, 0x68, I32, I32, r = a ? (uint32_t)__builtin_ctz(a) : 32)            \
	UN(I32_POPCNT, 0x69, I32, I32, r = (uint32_t)__builtin_popcount(a))             \
	BIN(I32_ADD, 0x6a, I32, I32, r = a + b)                                        \
	BIN(I32_SUB, 0x6b, I32, I32, r = a - b)                                        \
	BIN(I32_MUL, 0x6c, I32, I32, r = a * b)                                        \
	BIN(I32_DIV_S, 0x6d, I32, I32, TRAP_IF(wi_i32_div_s(a, b, &r)))                \
	BIN(I32_DIV_U, 0x6e, I32, I32, TRAP_IF(b == 0 ? WT_DIV0 : (r = a / b, 0)))      \
	BIN(I32_REM_S, 0x6f, I32, I32, TRAP_IF(wi_i32_rem_s(a, b, &r)))                \
	BIN(I32_REM_U, 0x70, I32, I32, TRAP_IF(b == 0 ? WT_DIV0 : (r = a % b, 0)))      \
	BIN(I32_AND, 0x71, I32, I32, r = a & b)                                        \
	BIN(I32_OR, 0x72, I32, I32, r = a | b)                                         \
	BIN(I32_XOR, 0x73, I32, I32, r = a ^ b)                                        \
	BIN(I32_SHL, 0x74, I32, I32, r = a << (b & 31))                                \
	BIN(I32_SHR_S, 0x75, I32, I32, r = (uint32_t)((int32_t)a >> (b & 31)))         \
	BIN(I32_SHR_U, 0x76, I32, I32, r = a >> (b & 31))                              \
	BIN(I32_ROTL, 0x77, I32, I32, r = (a << (b & 31)) | (a >> ((32 - b) & 31)))    \
	BIN(I32_ROTR, 0x78, I32, I32, r = (a >> (b & 31)) | (a << ((32 - b) & 31)))    \
	UN(I64_CLZ, 0x79, I64, I64, r = a ? (uint64_t)__builtin_clzll(a) : 64)          \
	UN(I64_CTZ, 0x7a, I64, I64, r = a ? (uint64_t)__builtin_ctzll(a) : 64)          \
	UN(I64_POPCNT, 0x7b, I64, I64, r = (uint64_t)__builtin_popcountll(a))           \
	BIN(I64_ADD, 0x7c, I64, I64, r = a + b)                                        \
	BIN(I64_SUB, 0x7d, I64, I64, r = a - b)                                        \
	BIN(I64_MUL, 0x7e, I64, I64, r = a * b)                                        \
	BIN(I64_DIV_S, 0x7f, I64, I64, TRAP_IF(wi_i64_div_s(a, b, &r)))                \
	BIN(I64_DIV_U, 0x80, I64, I64, TRAP_IF(b == 0 ? WT_DIV0 : (r = a / b, 0)))      \
	BIN(I64_REM_S, 0x81, I64, I64, TRAP_IF(wi_i64_rem_s(a, b, &r)))                \
	BIN(I64_REM_U, 0x82, I64, I64, TRAP_IF(b == 0 ? WT_DIV0 : (r = a % b, 0)))      \
	BIN(I64_AND, 0x83, I64, I64, r = a & b)                                        \
	BIN(I64_OR, 0x84, I64, I64, r = a | b)                                         \
	BIN(I64_XOR, 0x85, I64, I64, r = a ^ b)                                        \
	BIN(I64_SHL, 0x86, I64, I64, r = a << (b & 63))                                \
	BIN(I64_SHR_S, 0x87, I64, I64, r = (uint64_t)((int64_t)a >> (b & 63)))         \
	BIN(I64_SHR_U, 0x88, I64, I64, r = a >> (b & 63))                              \
	BIN(I64_ROTL, 0x89, I64, I64, r = (a << (b & 63)) | (a >> ((64 - b) & 63)))    \
	BIN(I64_ROTR, 0x8a, I64, I64, r = (a >> (b & 63)) | (a << ((64 - b) & 63)))    \
	UN(F32_ABS, 0x8b, F32, F32, r = wi_f32_abs(a))                                 \
	UN(F32_NEG, 0x8c, F32, F32, r = wi_f32_neg(a))                                 \
	UN(F32_CEIL, 0x8d, F32, F32, r = wi_f32_ceil(a))                           \
	UN(F32_FLOOR, 0x8e, F32, F32, r = wi_f32_floor(a))                         \
	UN(F32_TRUNC, 0x8f, F32, F32, r = wi_f32_trunc(a))                         \
	UN(F32_NEAREST, 0x90, F32, F32, r = wi_f32_nearest(a))                        \
	UN(F32_SQRT, 0x91, F32, F32, r = __builtin_sqrtf(a))                           \
	BIN(F32_ADD, 0x92, F32, F32, r = a + b)                                        \
	BIN(F32_SUB, 0x93, F32, F32, r = a - b)                                        \
	BIN(F32_MUL, 0x94, F32, F32, r = a * b)                                        \
	BIN(F32_DIV, 0x95, F32, F32, r = a / b)                                        \
	BIN(F32_MIN, 0x96, F32, F32, r = wi_f32_min(a, b))                             \
	BIN(F32_MAX, 0x97, F32, F32, r = wi_f32_max(a, b))                             \
	BIN(F32_COPYSIGN, 0x98, F32, F32, r = wi_f32_copysign(a, b))                   \
	UN(F64_ABS, 0x99, F64, F64, r = wi_f64_abs(a))                                 \
	UN(F64_NEG, 0x9a, F64, F64, r = wi_f64_neg(a))                                 \
	UN(F64_CEIL, 0x9b, F64, F64, r = wi_f64_ceil(a))                            \
	UN(F64_FLOOR, 0x9c, F64, F64, r = wi_f64_floor(a))                          \
	UN(F64_TRUNC, 0x9d, F64, F64, r = wi_f64_trunc(a))                          \
	UN(F64_NEAREST, 0x9e, F64, F64, r = wi_f64_nearest(a))                         \
	UN(F64_SQRT, 0x9f, F64, F64, r = __builtin_sqrt(a))                            \
	BIN(F64_ADD, 0xa0, F64, F64, r = a + b)                                        \
	BIN(F64_SUB, 0xa1, F64, F64, r = a - b)                                        \
	BIN(F64_MUL, 0xa2, F64, F64, r = a * b)                                        \
	BIN(F64_DIV, 0xa3, F64, F64, r = a / b)                                        \
	BIN(F64_MIN, 0xa4, F64, F64, r = wi_f64_min(a, b))                             \
	BIN(F64_MAX, 0xa5, F64, F64, r = wi_f64_max(a, b))                             \
	BIN(F64_COPYSIGN, 0xa6, F64, F64, r = wi_f64_copysign(a, b))                   \
	UN(I32_WRAP_I64, 0xa7, I64, I32, r = (uint32_t)a)                              \
	UN(I32_TRUNC_F32_S, 0xa8, F32, I32, TRAP_IF(wi_trunc_i32_s(a, &r)))            \
	UN(I32_TRUNC_F32_U, 0xa9, F32, I32, TRAP_IF(wi_trunc_i32_u(a, &r)))            \
	UN(I32_TRUNC_F64_S, 0xaa, F64, I32, TRAP_IF(wi_trunc_i32_s(a, &r)))            \
	UN(I32_TRUNC_F64_U, 0xab, F64, I32, TRAP_IF(wi_trunc_i32_u(a, &r)))            \
	UN(I64_EXTEND_I32_S, 0xac, I32, I64, r = (uint64_t)(int64_t)(int32_t)a)        \
	UN(I64_EXTEND_I32_U, 0xad, I32, I64, r = (uint64_t)a)                          \
	UN(I64_TRUNC_F32_S, 0xae, F32, I64, TRAP_IF(wi_trunc_i64_s(a, &r)))            \
	UN(I64_TRUNC_F32_U, 0xaf, F32, I64, TRAP_IF(wi_trunc_i64_u(a, &r)))            \
	UN(I64_TRUNC_F64_S, 0xb0, F64, I64, TRAP_IF(wi_trunc_i64_s(a, &r)))            \
	UN(I64_TRUNC_F64_U, 0xb1, F64, I64, TRAP_IF(wi_trunc_i64_u(a, &r)))            \
	UN(F32_CONVERT_I32_S, 0xb2, I32, F32, r = (float)(int32_t)a)                   \
	UN(F32_CONVERT_I32_U, 0xb3, I32, F32, r = (float)a)                            \
	UN(F32_CONVERT_I64_S, 0xb4, I64, F32, r = (float)(int64_t)a)                   \
	UN(F32_CONVERT_I64_U, 0xb5, I64, F32, r = (float)a)                            \
	UN(F32_DEMOTE_F64, 0xb6, F64, F32, r = (float)a)                               \
	UN(F64_CONVERT_I32_S, 0xb7, I32, F64, r = (double)(int32_t)a)                  \
	UN(F64_CONVERT_I32_U, 0xb8, I32, F64, r = (double)a)                           \
	UN(F64_CONVERT_I64_S, 0xb9, I64, F64, r = (double)(int64_t)a)                  \
	UN(F64_CONVERT_I64_U, 0xba, I64, F64, r = (double)a)                           \
	UN(F64_PROMOTE_F32, 0xbb, F32, F64, r = (double)a)                             \
	UN(I32_EXTEND8_S, 0xc0, I32, I32, r = (uint32_t)(int32_t)(int8_t)a)            \
	UN(I32_EXTEND16_S, 0xc1, I32, I32, r = (uint32_t)(int32_t)(int16_t)a)          \
	UN(I64_EXTEND8_S, 0xc2, I64, I64, r = (uint64_t)(int64_t)(int8_t)a)            \
	UN(I64_EXTEND16_S, 0xc3, I64, I64, r = (uint64_t)(int64_t)(int16_t)a)          \
	UN(I64_EXTEND32_S, 0xc4, I64, I64, r = (uint64_t)(int64_t)(int32_t)a)          \
	UN(I32_TRUNC_SAT_F32_S, 0xfc00, F32, I32, r = wi_sat_i32_s(a))                 \
	UN(I32_TRUNC_SAT_F32_U, 0xfc01, F32, I32, r = wi_sat_i32_u(a))                 \
	UN(I32_TRUNC_SAT_F64_S, 0xfc02, F64, I32, r = wi_sat_i32_s(a))                 \
	UN(I32_TRUNC_SAT_F64_U, 0xfc03, F64, I32, r = wi_sat_i32_u(a))                 \
	UN(I64_TRUNC_SAT_F32_S, 0xfc04, F32, I64, r = wi_sat_i64_s(a))                 \
	UN(I64_TRUNC_SAT_F32_U, 0xfc05, F32, I64, r = wi_sat_i64_u(a))                 \
	UN(I64_TRUNC_SAT_F64_S, 0xfc06, F64, I64, r = wi_sat_i64_s(a))                 \
	UN(I64_TRUNC_SAT_F64_U, 0xfc07, F64, I64, r = wi_sat_i64_u(a))

/* LOAD(name, opcode, result type, memory C type, slot member) */
#define WASMI_MEM_OPS(LOAD, STORE)                                                     \
	LOAD(I32_LOAD, 0x28, I32, uint32_t, u32)                                       \
	LOAD(I64_LOAD, 0x29, I64, uint64_t, u64)                                       \
	LOAD(F32_LOAD, 0x2a, F32, uint32_t, u32)                                       \
	LOAD(F64_LOAD, 0x2b, F64, uint64_t, u64)                                       \
	LOAD(I32_LOAD8_S, 0x2c, I32, int8_t, u32)                                      \
	LOAD(I32_LOAD8_U, 0x2d, I32, uint8_t, u32)                                     \
	LOAD(I32_LOAD16_S, 0x2e, I32, int16_t, u32)                                    \
	LOAD(I32_LOAD16_U, 0x2f, I32, uint16_t, u32)                                   \
	LOAD(I64_LOAD8_S, 0x30, I64, int8_t, u64)                                      \
	LOAD(I64_LOAD8_U, 0x31, I64, uint8_t, u64)                                     \
	LOAD(I64_LOAD16_S, 0x32, I64, int16_t, u64)                                    \
	LOAD(I64_LOAD16_U, 0x33, I64, uint16_t, u64)                                   \
	LOAD(I64_LOAD32_S, 0x34, I64, int32_t, u64)                                    \
	LOAD(I64_LOAD32_U, 0x35, I64, uint32_t, u64)                                   \
	STORE(I32_STORE, 0x36, I32, uint32_t, u32)                                     \
	STORE(I64_STORE, 0x37, I64, uint64_t, u64)                                     \
	STORE(F32_STORE, 0x38, F32, uint32_t, u32)                                     \
	STORE(F64_STORE, 0x39, F64, uint64_t, u64)                                     \
	STORE(I32_STORE8, 0x3a, I32, uint8_t, u32)                                     \
	STORE(I32_STORE16, 0x3b, I32, uint16_t, u32)                                   \
	STORE(I64_STORE8, 0x3c, I64, uint8_t, u64)                                     \
	STORE(I64_STORE16, 0x3d, I64, uint16_t, u64)                                   \
	STORE(I64_STORE32, 0x3e, I64, uint32_t, u64)

/*
 * Everything else, by name only, with its cells after the handler. Operands
 * are slots relative to the frame pointer; (a, b) is one cell holding two
 * 32-bit halves (lo, hi). Targets are cell offsets relative to the cell
 * holding them. Binary numeric ops are (dst, a), b and their _I forms
 * (dst, a), immediate; unary ones (dst, a).
 */
#define WASMI_OTHER_OPS(X)                                                             \
	X(UNREACHABLE)		/* */                                                   \
	X(BR)			/* target */                                            \
	X(BR_IF)		/* cond, target */                                      \
	X(BR_UNLESS)		/* cond, target */                                      \
	X(BR_MOVE)		/* target, (dst, src), n */                             \
	X(BR_IF_MOVE)		/* cond, target, (dst, src), n */                       \
	X(BR_TABLE)		/* idx, n, then n+1 x (target, (dst, src), count) */    \
	X(RETURN)		/* (src, n) */                                          \
	X(CALL)			/* struct wasmi_code *, base */                         \
	X(CALL_IMPORT)		/* function index, base */                              \
	X(CALL_INDIRECT)	/* (type, table), (idx, base) */                        \
	X(SELECT)		/* (dst, a), (b, cond) */                               \
	X(MOV)			/* (dst, src) */                                        \
	X(CONST)		/* dst, 64-bit value */                                 \
	X(GLOBAL_GET)		/* (dst, global) */                                     \
	X(GLOBAL_SET)		/* (global, src) */                                     \
	X(MEMORY_SIZE)		/* dst */                                               \
	X(MEMORY_GROW)		/* (dst, delta) */                                      \
	X(MEMORY_INIT)		/* (d, s), (n, segment) */                              \
	X(DATA_DROP)		/* segment */                                           \
	X(MEMORY_COPY)		/* (d, s), n */                                         \
	X(MEMORY_FILL)		/* (d, val), n */                                       \
	X(REF_IS_NULL)		/* (dst, a) */                                          \
	X(REF_FUNC)		/* (dst, function) */                                   \
	X(TABLE_GET)		/* (dst, i), table */                                   \
	X(TABLE_SET)		/* (i, val), table */                                   \
	X(TABLE_SIZE)		/* (dst, table) */                                      \
	X(TABLE_GROW)		/* (dst, init), (n, table) */                           \
	X(TABLE_FILL)		/* (i, val), (n, table) */                              \
	X(TABLE_COPY)		/* (d, s), n, (dst table, src table) */                 \
	X(TABLE_INIT)		/* (d, s), n, (table, segment) */                       \
	X(ELEM_DROP)		/* segment */                                           \
	X(BR_I32_EQZ)		/* (dst, a), target: branch when a == 0 */

/* i32 compares fused with a following br_if / if: (dst, a), b or imm, target. */
#define WASMI_BR_CMP_OPS(X)                                                            \
	X(EQ, a == b)                                                                  \
	X(NE, a != b)                                                                  \
	X(LT_S, (int32_t)a < (int32_t)b)                                               \
	X(LT_U, a < b)                                                                 \
	X(GT_S, (int32_t)a > (int32_t)b)                                               \
	X(GT_U, a > b)                                                                 \
	X(LE_S, (int32_t)a <= (int32_t)b)                                              \
	X(LE_U, a <= b)                                                                \
	X(GE_S, (int32_t)a >= (int32_t)b)                                              \
	X(GE_U, a >= b)

#define WASMI_OP_ENUM_UN(name, ...) OP_##name,
#define WASMI_OP_ENUM_BIN(name, ...) OP_##name, OP_##name##_I,
#define WASMI_OP_ENUM_X(name) OP_##name,
#define WASMI_OP_ENUM_BRC(name, expr) OP_BR_I32_##name, OP_BR_I32_##name##_I,
enum wasmi_op {
	WASMI_NUMERIC_OPS(WASMI_OP_ENUM_UN, WASMI_OP_ENUM_BIN)
	WASMI_MEM_OPS(WASMI_OP_ENUM_UN, WASMI_OP_ENUM_UN)
	WASMI_OTHER_OPS(WASMI_OP_ENUM_X)
	WASMI_BR_CMP_OPS(WASMI_OP_ENUM_BRC)
	OP__COUNT
};

/* Trap kinds; the messages are the spec's. */
#define WASMI_TRAPS(X)                                                                 \
	X(WT_NONE, "")                                                                 \
	X(WT_UNREACHABLE, "unreachable")                                               \
	X(WT_DIV0, "integer divide by zero")                                           \
	X(WT_OVERFLOW, "integer overflow")                                             \
	X(WT_CONV, "invalid conversion to integer")                                    \
	X(WT_MEM_OOB, "out of bounds memory access")                                   \
	X(WT_TABLE_OOB, "out of bounds table access")                                  \
	X(WT_UNDEF_ELEM, "undefined element")                                          \
	X(WT_UNINIT_ELEM, "uninitialized element")                                     \
	X(WT_SIG, "indirect call type mismatch")                                       \
	X(WT_EXHAUSTED, "call stack exhausted")                                        \
	X(WT_INTERRUPTED, "interrupted")

#define WASMI_TRAP_ENUM(name, msg) name,
enum wasmi_trap_kind { WASMI_TRAPS(WASMI_TRAP_ENUM) WT__COUNT };

const char *wasmi_trap_name(int kind);

#endif /* WASMI_OPS_H */
