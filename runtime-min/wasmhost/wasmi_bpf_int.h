/* SPDX-License-Identifier: MIT */
/* The guest's BPF objects, shared by wasmi_bpf.c and wasmi_bpf_poll.c. */
#ifndef WASMI_BPF_INT_H
#define WASMI_BPF_INT_H

#include "wasmi_app.h"

#include <bpf/libbpf.h>

struct wasmi_bpf_poll_call;

/* One polled map: a ring buffer or a perf buffer (one per fd). */
struct wasmi_bpf_buf {
	int fd;
	struct ring_buffer *rb;
	struct perf_buffer *pb;
	struct wasmi_bpf_poll_call *cur; /* the poll running now, else NULL */
};

struct wasmi_bpf_obj {
	struct bpf_object *obj;
	void *elf; /* our copy of the guest's bytes; libbpf reads it while open */
	struct bpf_link **links;
	size_t nlinks;
	size_t links_cap;
	struct wasmi_bpf_buf **bufs; /* pointers: libbpf keeps each as its ctx */
	size_t nbufs;
	size_t bufs_cap;
};

/* The object of a guest handle (index + 1), or NULL. */
struct wasmi_bpf_obj *wasmi_bpf__obj(struct wasmi_bpf *b, uint64_t handle);
/* The map with this fd in o, or NULL. */
struct bpf_map *wasmi_bpf_obj__map_by_fd(struct wasmi_bpf_obj *o, int fd);
/* The guest's object owning map fd (and the map), or NULL: host fds of
 * anything else are refused. */
struct wasmi_bpf_obj *wasmi_bpf__map_owner(struct wasmi_bpf *b, int fd, struct bpf_map **map);

enum wasmi_status wasmi_bpf_buffer_poll(struct wasmi_instance *in, void *user,
					const union wasmi_value *a, union wasmi_value *r);
void wasmi_bpf_buf__free(struct wasmi_bpf_buf *buf);

#endif /* WASMI_BPF_INT_H */
