// SPDX-License-Identifier: MIT
/*
 * syslat: a histogram of system call latency, from the raw tracepoints at
 * every syscall's entry and exit. Every second the runtime prints the
 * histogram (BCC style) and clears it.
 *
 *   ecc syslat.bpf.c syslat.h
 *   sudo ecli run package.json --syscall 0      # read() only
 *   sudo ecli run package.json --per-process    # one histogram per process
 */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "syslat.h"

/// Measure only this process ID (0 measures every process).
/// @cmdarg {"default": 0, "short": "p", "long": "pid"}
const volatile pid_t target_pid = 0;

/// Measure only this system call number (-1 measures all of them).
/// @cmdarg {"default": -1, "short": "s", "long": "syscall"}
const volatile int target_syscall = -1;

/// One histogram per process ID instead of one for everything.
/// @cmdarg {"default": false, "short": "P", "long": "per-process"}
const volatile bool per_process = false;

/* When the current syscall of each thread started. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} start SEC(".maps");

/// Latency in microseconds, keyed by process ID (0: all processes).
/// @sample {"interval": 1000, "type": "log2_hist", "unit": "usecs",
///          "clear_map": true}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

/* The power-of-two slot of v: a bounded loop the verifier accepts (5.3+). */
static __always_inline u32 slot_of(u64 v)
{
	u32 slot = 0;

	while (v > 1 && slot < MAX_SLOTS - 1) {
		v >>= 1;
		slot++;
	}
	return slot;
}

/// Every syscall entry: note the time, per thread.
SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	u64 pid_tgid = bpf_get_current_pid_tgid();
	u32 tid = (u32)pid_tgid;
	u64 ts;

	if (target_pid && (pid_t)(pid_tgid >> 32) != target_pid)
		return 0;
	if (target_syscall >= 0 && id != target_syscall)
		return 0;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
	return 0;
}

/// Every syscall exit: count the time since the entry in its slot.
SEC("raw_tp/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	u64 pid_tgid = bpf_get_current_pid_tgid(), *tsp, delta_us;
	u32 tid = (u32)pid_tgid, key;
	struct hist zero = {}, *h;

	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return 0; /* filtered out, or entered before we attached */
	delta_us = (bpf_ktime_get_ns() - *tsp) / 1000;
	bpf_map_delete_elem(&start, &tid);

	key = per_process ? (u32)(pid_tgid >> 32) : 0;
	h = bpf_map_lookup_elem(&hists, &key);
	if (!h) {
		bpf_map_update_elem(&hists, &key, &zero, BPF_NOEXIST);
		h = bpf_map_lookup_elem(&hists, &key);
		if (!h)
			return 0;
	}
	__sync_fetch_and_add(&h->slots[slot_of(delta_us)], 1);
	return 0;
}

/// @brief Summarize system call latency as a histogram.
/// @details Every second, prints how long system calls took, in power-of-two
/// buckets of microseconds, for all processes or per process.
/// @version 0.1
char LICENSE[] SEC("license") = "Dual MIT/GPL";
