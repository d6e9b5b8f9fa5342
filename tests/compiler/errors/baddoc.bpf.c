// SPDX-License-Identifier: MIT
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/// The pid to trace
/// @cmdarg {"short": "p", "long": }
const volatile int target_pid = 0;

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	return target_pid;
}

char LICENSE[] SEC("license") = "GPL";
