// SPDX-License-Identifier: MIT
/* Wasm route test object: a cgroup program, attached through the ABI with
 * the cgroup path the default app takes from --cgroup. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} egress_packets SEC(".maps");

SEC("cgroup_skb/egress")
int count_egress(struct __sk_buff *skb)
{
	u32 key = 0;
	u64 *n = bpf_map_lookup_elem(&egress_packets, &key);

	if (n)
		__sync_fetch_and_add(n, 1);
	return 1;
}
