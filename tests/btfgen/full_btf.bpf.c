// SPDX-License-Identifier: MIT
/* One program tailored BTF can serve (a tracepoint with CO-RE reads) and one
 * it cannot (tp_btf: its target is found by BTF id in the kernel's BTF). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

int seen_pid;

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	seen_pid = BPF_CORE_READ(task, tgid);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(handle_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	seen_pid = BPF_CORE_READ(next, pid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
