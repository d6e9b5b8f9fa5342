// SPDX-License-Identifier: GPL-2.0
/* Two ring buffers carrying different structs, plus an enum field, a
 * pid filter flag and a program that cannot attach here (a kprobe). */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "tworb_test.h"

/// Report only this process (0: all).
/// @cmdarg {"default": 0, "short": "p", "long": "pid"}
const volatile int target_pid = 0;

/// Open events.
/// @export struct open_event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} opens SEC(".maps");

/// Exec events.
/// @export struct exec_event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} execs SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	int pid = bpf_get_current_pid_tgid() >> 32;
	struct open_event *e;

	if (target_pid && pid != target_pid)
		return 0;
	e = bpf_ringbuf_reserve(&opens, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	e->kind = (ctx->args[2] & 3) ? OPEN_WRITE : OPEN_READ;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_probe_read_user_str(e->filename, sizeof(e->filename), (const char *)ctx->args[1]);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	int pid = bpf_get_current_pid_tgid() >> 32;
	struct exec_event *e;

	if (target_pid && pid != target_pid)
		return 0;
	e = bpf_ringbuf_reserve(&execs, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->ts = bpf_ktime_get_ns();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/* kprobes load but cannot attach on this kernel: ecli reports it and runs the rest */
SEC("kprobe/do_nanosleep")
int on_nanosleep(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
