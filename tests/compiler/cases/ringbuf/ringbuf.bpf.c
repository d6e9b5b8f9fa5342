// SPDX-License-Identifier: MIT
/* Test program: exec events through a ring buffer, documented arguments. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "ringbuf.h"

/// Only report this process id (0: every process)
/// @cmdarg {"short": "p", "long": "pid",
///          "help": "trace this pid only"}
const volatile pid_t target_pid = 0;

/// Report only processes of this uid
const volatile u32 target_uid = 0;

/// @description Skip processes whose name is not this
const volatile char comm_filter[TASK_COMM_LEN] = {};

/// Print root processes too
/// @value true
const volatile bool with_root = true;

/// Minimum age in nanoseconds
const volatile unsigned long long min_age_ns = 0;

/// Events seen so far (a .bss counter)
unsigned long long seen = 0;

static int internal_counter;

/// @export struct exec_event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct exec_event *e;
	pid_t pid = bpf_get_current_pid_tgid() >> 32;

	if (target_pid && pid != target_pid)
		return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->uid = (u32)bpf_get_current_uid_gid();
	e->ts = bpf_ktime_get_ns();
	e->is_root = e->uid == 0;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	seen++;
	internal_counter++;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// @brief Trace exec() with its parent and uid
/// @version 0.1
/// @details A test program for ecc's golden files.
char LICENSE[] SEC("license") = "Dual BSD/GPL";
