// SPDX-License-Identifier: GPL-2.0
/* One record of every integer width and sign per openat() by rtmin_trigger:
 * checks the decoders' fast path at the limits of each type. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "ints_test.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int on_open(void *ctx)
{
	static const char want[] = "rtmin_trigger";
	struct ints_event *e;
	char comm[16];
	int i;

	bpf_get_current_comm(comm, sizeof(comm));
	for (i = 0; i < (int)sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->s8 = -128;
	e->u8 = 255;
	e->s16 = -32768;
	e->u16 = 65535;
	e->s32 = -2147483647 - 1;
	e->u32 = 4294967295u;
	e->s64 = -9223372036854775807LL - 1;
	e->u64 = 18446744073709551615ULL;
	e->flag = 1;
	e->minus_one = -1;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
