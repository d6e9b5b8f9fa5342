// SPDX-License-Identifier: MIT
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "untagged.h"

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
