/* SPDX-License-Identifier: MIT */
/*
 * wasm_bpf_buffer_poll: wait for records on a ring buffer or perf event
 * array map of the guest's object, copy each into guest memory (at most
 * max_size bytes) and call the guest's callback through table 0 with
 * (ctx, data, size actually copied).
 *
 * Each polled fd gets its own libbpf buffer, created on first use and kept
 * until the object is closed. The wait is an interruptible ppoll() on the
 * buffer's epoll fd: a pending SIGINT/SIGTERM returns -EINTR. A trap or
 * exit inside the callback stops consumption and ends the host call with
 * that status.
 */
#define _GNU_SOURCE
#include "wasmi_bpf_int.h"

#include "common.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#define PERF_BUFFER_PAGES 64

struct wasmi_bpf_poll_call {
	struct wasmi_instance *in;
	uint32_t func;
	uint32_t ctx;
	uint32_t data;
	uint32_t max_size;
	int count;
	enum wasmi_status st;
};

void wasmi_bpf_buf__free(struct wasmi_bpf_buf *buf)
{
	if (!buf)
		return;
	ring_buffer__free(buf->rb);
	perf_buffer__free(buf->pb);
	free(buf);
}

/* Copy one record and run the guest's callback: its return value, or -ECANCELED. */
static int deliver(struct wasmi_bpf_poll_call *c, const void *rec, size_t size)
{
	union wasmi_value args[3], res[1];
	void *dst;
	uint32_t n;

	if (!c || c->st != WASMI_OK)
		return -ECANCELED;
	n = size < c->max_size ? (uint32_t)size : c->max_size;
	/* Re-fetched for each record: the callback may have grown memory. */
	dst = wasmi_instance__mem(c->in, c->data, n);
	if (!dst) {
		c->st = wasmi_instance__trapf(c->in, "wasm_bpf_buffer_poll: data buffer gone");
		return -ECANCELED;
	}
	memcpy(dst, rec, n);
	args[0].i32 = c->ctx;
	args[1].i32 = c->data;
	args[2].i32 = n;
	c->st = wasmi_instance__call_table(c->in, c->func, "iii:i", args, res);
	if (c->st != WASMI_OK)
		return -ECANCELED;
	c->count++;
	return (int32_t)res[0].i32 < 0 ? (int32_t)res[0].i32 : 0;
}

static int on_ring_sample(void *ctx, void *data, size_t size)
{
	struct wasmi_bpf_buf *buf = ctx;

	return deliver(buf->cur, data, size);
}

static void on_perf_sample(void *ctx, int cpu, void *data, __u32 size)
{
	struct wasmi_bpf_buf *buf = ctx;

	deliver(buf->cur, data, size);
}

static void on_perf_lost(void *ctx, int cpu, __u64 cnt)
{
	pr_debug("wasm_bpf_buffer_poll: %llu records lost on cpu %d\n", (unsigned long long)cnt,
		 cpu);
}

/* The buffer of fd in o, created on first use. NULL + errno. */
static struct wasmi_bpf_buf *buf_get(struct wasmi_bpf_obj *o, struct bpf_map *map, int fd)
{
	struct wasmi_bpf_buf *buf;
	size_t i;

	for (i = 0; i < o->nbufs; i++)
		if (o->bufs[i]->fd == fd)
			return o->bufs[i];
	if (cmn_array_grow((void **)&o->bufs, &o->bufs_cap, o->nbufs + 1, sizeof(*o->bufs)))
		return NULL;
	buf = calloc(1, sizeof(*buf));
	if (!buf)
		return NULL;
	buf->fd = fd;
	if (bpf_map__type(map) == BPF_MAP_TYPE_RINGBUF)
		buf->rb = ring_buffer__new(fd, on_ring_sample, buf, NULL);
	else if (bpf_map__type(map) == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
		buf->pb = perf_buffer__new(fd, PERF_BUFFER_PAGES, on_perf_sample, on_perf_lost, buf,
					   NULL);
	else
		errno = EINVAL;
	if (!buf->rb && !buf->pb) {
		int err = errno;

		free(buf);
		errno = err;
		return NULL;
	}
	o->bufs[o->nbufs++] = buf;
	return buf;
}

static int poll_buf(volatile int *signal, struct wasmi_bpf_buf *buf, int timeout_ms)
{
	struct pollfd p = {.events = POLLIN};
	int ret;

	p.fd = buf->rb ? ring_buffer__epoll_fd(buf->rb) : perf_buffer__epoll_fd(buf->pb);
	ret = wasmi_wait(signal, &p, 1, timeout_ms < 0 ? -1 : (int64_t)timeout_ms * 1000000);
	if (ret < 0)
		return ret;
	/* Consume whatever is there, also after a timeout: harmless and never misses. */
	ret = buf->rb ? ring_buffer__consume(buf->rb) : perf_buffer__consume(buf->pb);
	return ret < 0 ? ret : 0;
}

enum wasmi_status wasmi_bpf_buffer_poll(struct wasmi_instance *in, void *user,
					const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_app *app = user;
	struct wasmi_bpf_obj *o = wasmi_bpf__obj(&app->bpf, a[0].i64);
	struct wasmi_bpf_poll_call call = {
	    .in = in,
	    .func = a[2].i32,
	    .ctx = a[3].i32,
	    .data = a[4].i32,
	    .max_size = a[5].i32,
	    .st = WASMI_OK,
	};
	struct wasmi_bpf_buf *buf;
	struct bpf_map *map;
	int ret;

	if (!wasmi_instance__mem(in, call.data, call.max_size)) {
		r[0].i32 = (uint32_t)-EFAULT;
		return WASMI_OK;
	}
	if (!o) {
		r[0].i32 = (uint32_t)-EINVAL;
		return WASMI_OK;
	}
	/* The fd may belong to another of the guest's objects: its buffer lives there. */
	o = wasmi_bpf__map_owner(&app->bpf, (int)a[1].i32, &map);
	if (!o) {
		pr_info("wasm_bpf_buffer_poll: fd %d is no map of the guest's objects\n",
			(int)a[1].i32);
		r[0].i32 = (uint32_t)-EBADF;
		return WASMI_OK;
	}
	buf = buf_get(o, map, (int)a[1].i32);
	if (!buf) {
		r[0].i32 = (uint32_t)-errno;
		return WASMI_OK;
	}
	if (buf->cur) { /* polled again from its own callback */
		r[0].i32 = (uint32_t)-EBUSY;
		return WASMI_OK;
	}
	buf->cur = &call;
	ret = poll_buf(app->signal, buf, (int32_t)a[6].i32);
	buf->cur = NULL;
	if (call.st != WASMI_OK)
		return call.st;
	r[0].i32 = (uint32_t)(ret < 0 ? ret : call.count);
	return WASMI_OK;
}
