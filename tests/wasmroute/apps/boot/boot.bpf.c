// SPDX-License-Identifier: MIT
/* Wasm route test object: ring buffer events, .rodata flags of several
 * types, .bss counters, and programs of each attach kind (by section, xdp
 * with an interface, tc which the wasm_bpf ABI cannot attach). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "boot.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

const volatile unsigned long long min_duration_ns = 0;
const volatile bool verbose = false;
const volatile char name_filter[8] = "";
const volatile pid_t target_pid = 0;
int counter = 0;
unsigned long long seen;
int data_knob = 5; /* .data: has bytes in the ELF, patched like .rodata */

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct event *e;
	__u64 id = bpf_get_current_pid_tgid();

	if (target_pid && (id >> 32) != target_pid)
		return 0;
	if (data_knob == 12345)
		return 0;
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = id >> 32;
	e->exit_event = verbose;
	e->duration_ns = min_duration_ns;
	e->delta = -1;
	e->task = (void *)0;
	e->kind = K_EXEC;
	e->pos.x = 7;
	e->pos.y = -2;
	e->flags_lo = 5;
	e->signed_bits = -3;
	e->as_u32 = 0x00020001;
	e->hist[0].x = 1;
	e->hist[0].y = 0;
	e->hist[1].x = 0;
	e->hist[1].y = -5;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	seen++;
	counter++;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("tc")
int tc_pass(struct __sk_buff *skb)
{
	return 0;
}
