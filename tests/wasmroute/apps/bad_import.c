/* An app that imports a function no wasm-bpf runtime provides. */
__attribute__((import_module("env"), import_name("host_secret"))) int host_secret(void);

int main(void)
{
	return host_secret();
}
