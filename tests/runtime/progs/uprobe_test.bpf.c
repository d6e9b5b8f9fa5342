// SPDX-License-Identifier: GPL-2.0
/* uprobe on rtmin_trigger's rtmin_target_func (found through PATH). */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "uprobe_test.h"

/// Events, one per call.
/// @export struct uprobe_event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

SEC("uprobe/rtmin_trigger:rtmin_target_func")
int BPF_KPROBE(on_target, int arg)
{
	struct uprobe_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->arg = arg;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
