// SPDX-License-Identifier: MIT
/* Test program: .data and .kconfig internal maps next to .rodata. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern int LINUX_KERNEL_VERSION __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig __weak;

/// Added to every count
const volatile int step = 1;

/// Execs counted (starts at 5: a .data variable)
int counter = 5;

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	if (LINUX_KERNEL_VERSION && CONFIG_BPF_SYSCALL)
		counter += step;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
