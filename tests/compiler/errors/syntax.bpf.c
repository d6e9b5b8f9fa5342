// SPDX-License-Identifier: MIT
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	return undeclared_thing + 1;
}

char LICENSE[] SEC("license") = "GPL";
