// SPDX-License-Identifier: GPL-2.0
/* A task iterator: one line per task whose comm matches the flag. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/// Print only tasks with this command name.
const volatile char comm[16] = "rtmin_trigger";

SEC("iter/task")
int dump_task(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;
	int i;

	if (!task)
		return 0;
	for (i = 0; i < 16; i++) {
		if (task->comm[i] != comm[i])
			return 0;
		if (!comm[i])
			break;
	}
	BPF_SEQ_PRINTF(seq, "task pid=%d comm=%s\n", task->tgid, task->comm);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
