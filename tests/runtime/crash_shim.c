// SPDX-License-Identifier: MIT
/*
 * LD_PRELOAD shim for the crash-containment test: bpf_object__open_mem
 * dies with SIGSEGV, standing in for a libbpf crash that the structural
 * check did not foresee. ecli must report it and exit 1, not crash.
 */
#include <signal.h>
#include <stddef.h>

struct bpf_object;
struct bpf_object_open_opts;

struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
					const struct bpf_object_open_opts *opts)
{
	raise(SIGSEGV);
	return NULL;
}
