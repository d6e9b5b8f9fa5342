// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF side of the wasm_bpf host tests: on every open of a file whose
 * name starts with "wasmi_trigger", emit an event to a ring buffer and to a
 * perf event array, and count it in a hash map. Both open syscalls are
 * hooked: the WASI host opens with openat2, other processes with openat.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#include "probe_event.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

/* Never written: polling it can only time out. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} quiet SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} pb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, u32);
	__type(value, u64);
} counts SEC(".maps");

/* Per-CPU values: user space sees one 8-byte slot per possible CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} pcpu SEC(".maps");

const volatile u32 probe_magic = PROBE_MAGIC; /* .rodata */
u32 opens_seen = 0;			      /* .bss */

static const char prefix[] = "wasmi_trigger";

static int on_open(void *ctx, const char *filename)
{
	struct probe_event e = {};
	u32 key = PROBE_COUNT_KEY;
	u64 one = 1, *cnt;
	int i;

	if (bpf_probe_read_user_str(e.filename, sizeof(e.filename), filename) < 0)
		return 0;
	for (i = 0; i < sizeof(prefix) - 1; i++)
		if (e.filename[i] != prefix[i])
			return 0;
	opens_seen++;
	cnt = bpf_map_lookup_elem(&counts, &key);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
	e.pid = bpf_get_current_pid_tgid() >> 32;
	e.magic = probe_magic;
	e.seq = opens_seen;
	bpf_get_current_comm(e.comm, sizeof(e.comm));
	bpf_ringbuf_output(&rb, &e, sizeof(e), 0);
	bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}

SEC("tp/syscalls/sys_enter_openat")
int handle_openat(struct trace_event_raw_sys_enter *ctx)
{
	return on_open(ctx, (const char *)ctx->args[1]);
}

SEC("tp/syscalls/sys_enter_openat2")
int handle_openat2(struct trace_event_raw_sys_enter *ctx)
{
	return on_open(ctx, (const char *)ctx->args[1]);
}

/* Never attached by the tracepoint tests: the cgroup grant checks use it. */
SEC("cgroup_skb/egress")
int egress_allow(struct __sk_buff *skb)
{
	return 1;
}

/* Attached by interface name in a private network namespace only. */
SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}
