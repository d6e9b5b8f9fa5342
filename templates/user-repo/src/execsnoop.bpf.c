// SPDX-License-Identifier: MIT
/*
 * execsnoop: one event per exec(), with the program's file name.
 * Replace this with your own program; keep the pair src/NAME.bpf.c +
 * src/NAME.h and the workflow compiles it into dist/NAME/package.json.
 */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "execsnoop.h"

/// Report only programs started by this user ID (-1: any user).
/// @cmdarg {"default": -1, "short": "u", "long": "uid"}
const volatile int target_uid = -1;

/// Exec events, one `struct exec_event` each.
/// @export struct exec_event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 128 * 1024);
} events SEC(".maps");

/// A process replaced its program image.
SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	u32 uid = (u32)bpf_get_current_uid_gid();
	struct task_struct *task;
	struct exec_event *e;

	if (target_uid >= 0 && uid != (u32)target_uid)
		return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	task = (struct task_struct *)bpf_get_current_task();
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->uid = uid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_probe_read_kernel_str(e->filename, sizeof(e->filename),
				  (void *)ctx + (ctx->__data_loc_filename & 0xFFFF));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// @brief Trace exec() calls.
/// @version 0.1
char LICENSE[] SEC("license") = "Dual MIT/GPL";
