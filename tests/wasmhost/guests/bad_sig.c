/* SPDX-License-Identifier: MIT */
/*
 * Imports real host names with the wrong types, or a name the module does
 * not have: instantiation must fail naming the import. Which one is chosen
 * at compile time (-DBAD_CASE=1..3), one module per case.
 */
#if BAD_CASE == 1
/* wasm_close_bpf_object is (i64) -> i32 */
__attribute__((import_module("wasm_bpf"), import_name("wasm_close_bpf_object"))) int
bad(int handle);
#elif BAD_CASE == 2
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_magic"))) int bad(int);
#else
__attribute__((import_module("wasm_bpf"), import_name("wasm_bpf_teleport"))) int bad(int);
#endif

int main(void)
{
	return bad(1);
}
