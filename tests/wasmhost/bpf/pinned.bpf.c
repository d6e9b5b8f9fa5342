// SPDX-License-Identifier: GPL-2.0
/*
 * A guest's object that asks libbpf to pin a map by name in the host's
 * bpffs (and so to reuse whatever map is pinned there): the wasm_bpf host
 * must refuse it.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, u32);
	__type(value, u64);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} wasmi_pinned SEC(".maps");

SEC("tp/syscalls/sys_enter_getppid")
int on_getppid(void *ctx)
{
	u32 k = 0;
	u64 *v = bpf_map_lookup_elem(&wasmi_pinned, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}
