// SPDX-License-Identifier: MIT
/*
 * opensnoop: every openat() with the file name, through a perf event array
 * (the per-CPU buffers older kernels have, before the ring buffer of 5.8).
 *
 *   ecc opensnoop.bpf.c opensnoop.h
 *   sudo ecli run package.json --uid 1000
 */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "opensnoop.h"

/// Report only files opened by this user ID (-1, the default, reports all).
/// @cmdarg {"default": -1, "short": "u", "long": "uid"}
const volatile int target_uid = -1;

/// openat() events, one `struct open_event` each, from every CPU.
/// @export struct open_event
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} events SEC(".maps");

/// On entry to openat(dfd, filename, flags, mode).
SEC("tp/syscalls/sys_enter_openat")
int trace_openat(struct trace_event_raw_sys_enter *ctx)
{
	/* a perf event is copied out of this stack buffer, unlike a ring
	 * buffer record which is written in place */
	struct open_event e = {};
	u32 uid = (u32)bpf_get_current_uid_gid();

	if (target_uid >= 0 && uid != (u32)target_uid)
		return 0;
	e.pid = bpf_get_current_pid_tgid() >> 32;
	e.uid = uid;
	e.flags = (int)ctx->args[2];
	bpf_get_current_comm(&e.comm, sizeof(e.comm));
	bpf_probe_read_user_str(&e.filename, sizeof(e.filename), (const char *)ctx->args[1]);
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}

/// @brief Trace openat() calls with the file name and flags.
/// @version 0.1
char LICENSE[] SEC("license") = "Dual MIT/GPL";
