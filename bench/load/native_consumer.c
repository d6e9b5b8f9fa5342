// SPDX-License-Identifier: MIT
/*
 * The hand-written baseline of the decode benchmark: the same object's ring
 * buffer read with libbpf and each struct bench_event printed as one JSON
 * line with printf, for SECS seconds.
 *   native_consumer OBJ SECS
 */
#include <bpf/libbpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "progs/bench_events.h"

static int on_event(void *ctx, void *data, size_t len)
{
	const struct bench_event *e = data;

	if (len < sizeof(*e))
		return 0;
	printf("{\"pid\":%d,\"cpu\":%u,\"seq\":%llu,\"ts\":%llu,\"comm\":\"%.16s\"}\n", e->pid, e->cpu,
	       e->seq, e->ts, e->comm);
	return 0;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "bench_events_bpf");
	struct ring_buffer *rb = NULL;
	struct bpf_program *p;
	struct bpf_link *link = NULL;
	struct bpf_object *obj;
	struct timespec t0, t;
	double secs;

	if (argc != 3)
		return 2;
	secs = atof(argv[2]);
	obj = bpf_object__open_file(argv[1], &opts);
	if (!obj || bpf_object__load(obj))
		return 1;
	p = bpf_object__next_program(obj, NULL);
	link = bpf_program__attach(p);
	rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "events")), on_event,
			      NULL, NULL);
	if (!link || !rb)
		return 1;
	fprintf(stderr, "all 1 programs attached\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		ring_buffer__poll(rb, 100);
		fflush(stdout);
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 < secs);
	ring_buffer__consume(rb);
	fflush(stdout);
	ring_buffer__free(rb);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}
