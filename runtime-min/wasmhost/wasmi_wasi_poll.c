/* SPDX-License-Identifier: MIT */
/*
 * WASI poll_oneoff: clock subscriptions (relative or absolute) and fd
 * read/write readiness, waited for in one interruptible ppoll().
 *
 * Layouts (wasm32, from the witx spec): a subscription is 48 bytes
 * (userdata u64 @0, tag u8 @8, clock: id u32 @16, timeout u64 @24,
 * precision u64 @32, flags u16 @40; fd_readwrite: fd u32 @16); an event is
 * 32 bytes (userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16,
 * flags u16 @24).
 */
#define _GNU_SOURCE
#include "wasmi_app.h"
#include "wasmi_wasi_int.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#define SUB_SIZE 48u
#define EVENT_SIZE 32u
#define POLL_MAX_SUBS 4096u
#define EVTYPE_CLOCK 0
#define EVTYPE_FD_READ 1
#define EVTYPE_FD_WRITE 2
#define SUBCLOCK_ABSTIME 1
#define EVRW_HANGUP 1

struct poll_sub {
	uint64_t userdata;
	uint8_t type;
	uint16_t error; /* known before waiting (bad fd, bad clock) */
	int64_t rel_ns; /* clocks: time left when the wait starts */
	int pfd;	/* fds: index in the pollfd array, -1 otherwise */
};

static int64_t now_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void read_sub(struct wasmi_wasi *w, const uint8_t *raw, struct poll_sub *s,
		     struct pollfd *pfds, size_t *npfd)
{
	uint32_t id, fd;
	uint64_t timeout;
	uint16_t flags;
	clockid_t cid;
	struct wasmi_wasi_fd *slot;

	memset(s, 0, sizeof(*s));
	memcpy(&s->userdata, raw, 8);
	s->type = raw[8];
	s->pfd = -1;
	if (s->type == EVTYPE_CLOCK) {
		memcpy(&id, raw + 16, 4);
		memcpy(&timeout, raw + 24, 8);
		memcpy(&flags, raw + 40, 2);
		if (wasi_clock_id(id, &cid)) {
			s->error = WASI_EINVAL;
			return;
		}
		if (timeout > INT64_MAX)
			timeout = INT64_MAX;
		s->rel_ns =
		    (flags & SUBCLOCK_ABSTIME) ? (int64_t)timeout - now_ns(cid) : (int64_t)timeout;
		if (s->rel_ns < 0)
			s->rel_ns = 0;
		return;
	}
	if (s->type != EVTYPE_FD_READ && s->type != EVTYPE_FD_WRITE) {
		s->error = WASI_EINVAL;
		return;
	}
	memcpy(&fd, raw + 16, 4);
	slot = wasmi_wasi__fd(w, fd);
	if (!slot) {
		s->error = WASI_EBADF;
		return;
	}
	s->pfd = (int)*npfd;
	pfds[*npfd].fd = slot->host;
	pfds[*npfd].events = s->type == EVTYPE_FD_READ ? POLLIN : POLLOUT;
	pfds[*npfd].revents = 0;
	(*npfd)++;
}

static void put_event(uint8_t *ev, const struct poll_sub *s, uint16_t error, uint64_t nbytes,
		      uint16_t flags)
{
	memset(ev, 0, EVENT_SIZE);
	memcpy(ev, &s->userdata, 8);
	memcpy(ev + 8, &error, 2);
	ev[10] = s->type;
	memcpy(ev + 16, &nbytes, 8);
	memcpy(ev + 24, &flags, 2);
}

/* The events of one wait, written to out; their count. */
static uint32_t collect(struct poll_sub *subs, uint32_t n, struct pollfd *pfds, int ready,
			int64_t elapsed, uint8_t *out)
{
	uint32_t i, cnt = 0;
	int avail;

	for (i = 0; i < n; i++) {
		struct poll_sub *s = &subs[i];
		short rev = s->pfd >= 0 ? pfds[s->pfd].revents : 0;

		if (s->error) {
			put_event(out + cnt++ * EVENT_SIZE, s, s->error, 0, 0);
		} else if (s->pfd >= 0 && rev) {
			avail = 0;
			if (s->type == EVTYPE_FD_READ && ioctl(pfds[s->pfd].fd, FIONREAD, &avail))
				avail = 0;
			put_event(out + cnt++ * EVENT_SIZE, s, rev & POLLNVAL ? WASI_EBADF : 0,
				  avail < 0 ? 0 : (uint64_t)avail, rev & POLLHUP ? EVRW_HANGUP : 0);
		}
	}
	/* Clocks fire only when nothing else did, like a timed-out wait. */
	for (i = 0; i < n && cnt == 0 && ready == 0; i++)
		if (subs[i].type == EVTYPE_CLOCK && subs[i].rel_ns <= elapsed)
			put_event(out + cnt++ * EVENT_SIZE, &subs[i], 0, 0, 0);
	return cnt;
}

/* Shortest clock wait, or -1 when there is no clock; 0 when an error is known. */
static int64_t wait_ns(const struct poll_sub *subs, uint32_t n)
{
	int64_t t = -1;
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (subs[i].error)
			return 0;
		if (subs[i].type == EVTYPE_CLOCK && (t < 0 || subs[i].rel_ns < t))
			t = subs[i].rel_ns;
	}
	return t;
}

enum wasmi_status wasi_poll_oneoff(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_app *app = user;
	uint32_t n = a[2].i32, i, cnt = 0, e = WASI_ESUCCESS;
	const uint8_t *raw;
	uint8_t *out;
	struct poll_sub *subs = NULL;
	struct pollfd *pfds = NULL;
	size_t npfd = 0;
	int64_t start, timeout, elapsed;
	int ready;

	if (n == 0 || n > POLL_MAX_SUBS)
		return wasi_ret(r, WASI_EINVAL);
	raw = wasmi_instance__mem(in, a[0].i32, n * SUB_SIZE);
	out = wasmi_instance__mem(in, a[1].i32, n * EVENT_SIZE);
	if (!raw || !out || !wasmi_instance__mem(in, a[3].i32, 4))
		return wasi_ret(r, WASI_EFAULT);
	subs = calloc(n, sizeof(*subs));
	pfds = calloc(n, sizeof(*pfds));
	if (!subs || !pfds) {
		e = WASI_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		read_sub(&app->wasi, raw + i * SUB_SIZE, &subs[i], pfds, &npfd);
	timeout = wait_ns(subs, n);
	start = now_ns(CLOCK_MONOTONIC);
	ready = wasmi_wait(app->signal, pfds, npfd, timeout);
	if (ready < 0) {
		e = wasmi_wasi_errno(-ready);
		goto out;
	}
	elapsed = now_ns(CLOCK_MONOTONIC) - start;
	/* ppoll may round a timeout down by a tick; a timed-out wait fires the clock. */
	if (ready == 0 && timeout >= 0 && elapsed < timeout)
		elapsed = timeout;
	cnt = collect(subs, n, pfds, ready, elapsed, out);
	wasi_put_u32(in, a[3].i32, cnt);
out:
	free(subs);
	free(pfds);
	return wasi_ret(r, e);
}
