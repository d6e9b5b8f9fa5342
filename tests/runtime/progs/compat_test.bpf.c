// SPDX-License-Identifier: GPL-2.0
/* The shape the eunomia-bpf ecc compiles: a ring buffer of struct event, a
 * few const volatile flags of common types, and the dummy pointer variable
 * it adds to .bss so the export struct lands in BTF. Its package.json is
 * written by hand in tests/runtime/compat/ (that ecc cannot run here). */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>

struct event {
	int pid;
	unsigned int flags;
	char comm[16];
	char filename[64];
};

const volatile pid_t pid_target = 0;
const volatile bool targ_failed = false;
const volatile char name_filter[16] = "";
const volatile unsigned long long min_ns = 0;

struct event *__eunomia_dummy_event_ptr __attribute__((unused));

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int tracepoint__syscalls__sys_enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	int pid = bpf_get_current_pid_tgid() >> 32, i;
	struct event *e;
	char comm[16];

	if (pid_target && pid != pid_target)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	for (i = 0; i < 16 && name_filter[i]; i++)
		if (comm[i] != name_filter[i])
			return 0;
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	e->flags = (unsigned int)ctx->args[2];
	__builtin_memcpy(e->comm, comm, sizeof(comm));
	bpf_probe_read_user_str(e->filename, sizeof(e->filename), (const char *)ctx->args[1]);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
