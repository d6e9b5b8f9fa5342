// SPDX-License-Identifier: GPL-2.0
/* A small object with most things libbpf parses: BTF maps, a ring buffer,
 * .rodata/.bss/.data globals, two programs, a subprogram call, CO-RE
 * relocations. The mutation test corrupts it thousands of times. It needs no
 * vmlinux.h so the test builds anywhere clang can target BPF. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct {
	int pid;
	int tgid;
	char comm[16];
} __attribute__((preserve_access_index));

struct event {
	int pid;
	unsigned long long ts;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, int);
	__type(value, long);
} counts SEC(".maps");

const volatile int target_pid = 0;
const volatile char label[8] = "x";
unsigned long long hits = 0;
int scale = 3;

static __attribute__((noinline)) int bump(int key)
{
	long one = 1, *v = bpf_map_lookup_elem(&counts, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
	return key * scale;
}

SEC("tp/syscalls/sys_enter_openat")
int on_open(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct event *e;
	int pid = BPF_CORE_READ(t, tgid);

	if (target_pid && pid != target_pid)
		return 0;
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid;
	e->ts = bpf_ktime_get_ns();
	bpf_probe_read_kernel_str(e->comm, sizeof(e->comm), t->comm);
	bpf_ringbuf_submit(e, 0);
	hits++;
	return bump(pid & 7);
}

SEC("raw_tp/sched_switch")
int on_switch(void *ctx)
{
	return bump(label[0]);
}

char LICENSE[] SEC("license") = "GPL";
