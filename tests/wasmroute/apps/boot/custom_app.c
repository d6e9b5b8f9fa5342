// SPDX-License-Identifier: MIT
/*
 * A user app for boot.bpf.c, written as a user would: the skeleton's typed
 * views and handles and the Wasm-safe event struct. It is also a test
 * guest: it prints what it checks, and exits 0 only when the .bss value it
 * set reached the kernel and an event carried the .rodata values it set.
 */
#include <stdio.h>
#include <string.h>
#include "boot_bpf.skel.h"
#include "boot.wasm.h"

_Static_assert(sizeof(struct event) == 128, "event as on the BPF side");
_Static_assert(offsetof(struct event, pos.y) == 80, "nested struct after an enum");
_Static_assert(offsetof(struct event, duration_ns) == 16, "after the hole");

struct seen {
	int events;
	int good;
};

static int on_event(void *ctx, void *data, int size)
{
	const struct event *e = data;
	struct seen *s = ctx;

	s->events++;
	printf("event size=%d comm=%s duration_ns=%llu exit_event=%d delta=%lld\n", size, e->comm,
	       (unsigned long long)e->duration_ns, e->exit_event, (long long)e->delta);
	if (size == (int)sizeof(*e) && e->duration_ns == 1000 && e->exit_event && e->delta == -1)
		s->good++;
	return 0;
}

/* What the guest set before load reached the kernel's maps. */
static int check_maps(struct boot_bpf *skel)
{
	struct boot_bpf__bss bss;
	struct boot_bpf__data data;
	uint32_t key = 0;
	int err = ecc_bpf_map__lookup_elem(skel->maps.bss->fd, &key, &bss);
	int err2 = ecc_bpf_map__lookup_elem(skel->maps.data->fd, &key, &data);

	printf("bss lookup=%d counter=%d\n", err, err ? -1 : bss.counter);
	printf("data lookup=%d knob=%d\n", err2, err2 ? -1 : data.data_knob);
	return !err && bss.counter == 5 && !err2 && data.data_knob == 9 ? 0 : -1;
}

int main(void)
{
	struct boot_bpf *skel = boot_bpf__open();
	struct seen seen = {0};
	struct ecc_bpf_buffer *b;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!skel)
		return 1;
	skel->rodata->min_duration_ns = 1000;
	skel->rodata->verbose = 1;
	skel->bss->counter = 5;
	skel->data->data_knob = 9;
	skel->progs.tc_pass->autoattach = false;
	skel->progs.xdp_pass->target = "lo";
	err = boot_bpf__load(skel);
	err = err ?: check_maps(skel);
	err = err ?: boot_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "failed: %s\n", skel->skel.errmsg);
		boot_bpf__destroy(skel);
		return 1;
	}
	printf("attached\n");
	b = ecc_bpf_buffer__new(&skel->skel.obj, skel->maps.rb->fd, on_event, &seen, 4096);
	for (int i = 0; b && i < 50 && !seen.good; i++)
		ecc_bpf_buffer__poll(b, 100);
	ecc_bpf_buffer__free(b);
	boot_bpf__destroy(skel);
	printf("events=%d good=%d\n", seen.events, seen.good);
	return seen.good ? 0 : 1;
}
