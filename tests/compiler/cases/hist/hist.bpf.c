// SPDX-License-Identifier: MIT
/* Test program: a log2 histogram of run-queue latency per CPU, sampled. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define MAX_SLOTS 26

struct hist {
	u32 slots[MAX_SLOTS];
};

/// Record latency in milliseconds instead of microseconds
const volatile bool targ_ms = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} start SEC(".maps");

/// @sample {"interval": 1000, "type": "log2_hist",
///          "unit": "usecs", "clear_map": false}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

static u32 log2l(u64 v)
{
	u32 r = 0;

	while (v > 1 && r < MAX_SLOTS - 1) {
		v >>= 1;
		r++;
	}
	return r;
}

SEC("tp/sched/sched_wakeup")
int handle_wakeup(struct trace_event_raw_sched_wakeup_template *ctx)
{
	u32 pid = ctx->pid;
	u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &pid, &ts, BPF_ANY);
	return 0;
}

SEC("tp/sched/sched_switch")
int handle_switch(struct trace_event_raw_sched_switch *ctx)
{
	static struct hist zero;
	u32 pid = ctx->next_pid, key = 0;
	struct hist *h;
	u64 *tsp, delta;

	tsp = bpf_map_lookup_elem(&start, &pid);
	if (!tsp)
		return 0;
	delta = (bpf_ktime_get_ns() - *tsp) / (targ_ms ? 1000000 : 1000);
	bpf_map_update_elem(&hists, &key, &zero, BPF_NOEXIST);
	h = bpf_map_lookup_elem(&hists, &key);
	if (h)
		__sync_fetch_and_add(&h->slots[log2l(delta)], 1);
	bpf_map_delete_elem(&start, &pid);
	return 0;
}

/// @brief Run-queue latency as a histogram
/// @description Samples the histogram every second.
char LICENSE[] SEC("license") = "GPL";
