// SPDX-License-Identifier: MIT
/* Fills the first and the last slot of a 64-slot log2 histogram on any exec. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "hist64.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	static const struct hist zero;
	u32 key = 0;
	struct hist *h;

	bpf_map_update_elem(&hists, &key, &zero, BPF_NOEXIST);
	h = bpf_map_lookup_elem(&hists, &key);
	if (!h)
		return 0;
	h->slots[0] = 1;
	h->slots[63] = 2;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
