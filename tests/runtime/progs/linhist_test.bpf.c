// SPDX-License-Identifier: GPL-2.0
/* A linear histogram sample map, cleared after each interval: the length of
 * each file name rtmin_trigger opens (slot = length & 15). */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

struct lens {
	__u32 slots[16];
};

/// @sample {"interval": 400, "type": "linear_hist", "unit": "name length", "clear_map": true}
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);	/* cleared by zeroing: arrays cannot delete */
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct lens);
} name_lens SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int count_len(struct trace_event_raw_sys_enter *ctx)
{
	static const char want[] = "rtmin_trigger";
	struct lens zero = {}, *l;
	char comm[16], name[64];
	__u32 key = 0;
	long n;
	int i;

	bpf_get_current_comm(comm, sizeof(comm));
	for (i = 0; i < (int)sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	n = bpf_probe_read_user_str(name, sizeof(name), (const char *)ctx->args[1]);
	if (n <= 0)
		return 0;
	l = bpf_map_lookup_elem(&name_lens, &key);
	if (!l) {
		bpf_map_update_elem(&name_lens, &key, &zero, BPF_NOEXIST);
		l = bpf_map_lookup_elem(&name_lens, &key);
		if (!l)
			return 0;
	}
	__sync_fetch_and_add(&l->slots[(n - 1) & 15], 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
