// SPDX-License-Identifier: GPL-2.0
/* fentry and lsm programs (EPERM on kernels under lockdown) next to a
 * tracepoint: ecli reports the ones that cannot load and runs the rest. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("fentry/do_nanosleep")
int BPF_PROG(on_fentry)
{
	return 0;
}

SEC("lsm/file_open")
int BPF_PROG(on_lsm, struct file *file)
{
	return 0;
}

SEC("tp/syscalls/sys_enter_getpid")
int on_getpid(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
