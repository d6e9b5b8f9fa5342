// SPDX-License-Identifier: MIT
/* A user app for boot.bpf.c: the skeleton's typed views, map handles and
 * the Wasm-safe event struct, as a user would write them. */
#include <stdio.h>
#include "boot_bpf.skel.h"
#include "boot.wasm.h"

_Static_assert(sizeof(struct event) == 64, "event as on the BPF side");
_Static_assert(offsetof(struct event, duration_ns) == 16, "after the hole");

static int on_event(void *ctx, void *data, int size)
{
	const struct event *e = data;

	printf("%d %s %llu\n", e->pid, e->comm, (unsigned long long)e->task);
	return 0;
}

int main(void)
{
	struct boot_bpf *skel = boot_bpf__open();
	struct ecc_bpf_buffer *b;

	if (!skel)
		return 1;
	skel->rodata->min_duration_ns = 1000;
	skel->rodata->verbose = 1;
	skel->bss->counter = 5;
	skel->progs.tc_pass->autoattach = false;
	skel->progs.xdp_pass->target = "lo";
	if (boot_bpf__load(skel) || boot_bpf__attach(skel)) {
		fprintf(stderr, "%s\n", skel->skel.errmsg);
		boot_bpf__destroy(skel);
		return 1;
	}
	b = ecc_bpf_buffer__new(&skel->skel.obj, skel->maps.rb->fd, on_event, NULL, 4096);
	for (int i = 0; b && i < 10; i++)
		ecc_bpf_buffer__poll(b, 100);
	ecc_bpf_buffer__free(b);
	boot_bpf__destroy(skel);
	return 0;
}
