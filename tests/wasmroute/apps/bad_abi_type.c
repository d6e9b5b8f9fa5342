/* An app that declares a wasm_bpf import with the wrong Wasm type. */
__attribute__((import_module("wasm_bpf"), import_name("wasm_close_bpf_object")))
int close_obj(int handle); /* the ABI says (i64) -> i32 */

int main(void)
{
	return close_obj(1);
}
