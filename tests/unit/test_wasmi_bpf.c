/* SPDX-License-Identifier: MIT */
/*
 * wasm_bpf host functions against the fake engine: hostile arguments for
 * every import (any user), then as root the real thing with
 * tests/wasmhost/bpf/probe.bpf.o: load from guest memory, attach to a
 * tracepoint, trigger it, poll the ring buffer and the perf buffer through
 * table callbacks, map_operate on a hash map and .rodata, ownership checks.
 *   test_wasmi_bpf PROBE.bpf.o
 */
#define _GNU_SOURCE
#include "fake_engine.h"
#include "probe_event.h"
#include "wasmi_app.h"

#include "common.h"
#include "tassert.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdlib.h>
#include <linux/magic.h>
#include <sys/mount.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#define MEM_SIZE (16u * 65536u)
#define BAD 0xfffffff0u
#define OBJ_OFF 65536u
#define DATA_OFF 8192u
#define SKIP_CODE 77

/*
 * Other tests may trigger the same tracepoints at the same time (ctest -j):
 * every object sees every matching open, so only our own events are checked.
 */
struct seen {
	int n;	  /* callbacks */
	int mine; /* events of this process for wasmi_trigger_unit */
	uint64_t handle;
	int close_rc;
	unsigned last_seq; /* records repeat a seq only if a copy went astray */
	int dup_seq;
	uint32_t ctx, data, size;
	struct probe_event ev;
};

static struct wasmi_app app;

/*
 * Stands in for libbpf's bpf_object__open_mem (the host code is compiled
 * into this executable, so this definition wins): with crash_open set it
 * dies as libbpf 1.1 does on some corrupt objects the structural check
 * might not foresee.
 */
static volatile int crash_open;

struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
					const struct bpf_object_open_opts *opts)
{
	struct bpf_object *(*real)(const void *, size_t, const struct bpf_object_open_opts *);

	if (crash_open)
		raise(SIGSEGV);
	real = (struct bpf_object * (*)(const void *, size_t, const struct bpf_object_open_opts *))
	    dlsym(RTLD_NEXT, "bpf_object__open_mem");
	return real ? real(obj_buf, obj_buf_sz, opts) : NULL;
}

static long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
static volatile int sig;

static int32_t B(struct wasmi_instance *in, const char *name, const uint64_t *v, int n,
		 enum wasmi_status *st)
{
	union wasmi_value args[8], res[1];
	size_t i;
	int k;

	for (i = 0; i < wasmi_bpf_nfuncs; i++)
		if (strcmp(wasmi_bpf_funcs[i].name, name) == 0)
			break;
	if (i == wasmi_bpf_nfuncs ||
	    (int)(strchr(wasmi_bpf_funcs[i].sig, ':') - wasmi_bpf_funcs[i].sig) != n)
		abort();
	for (k = 0; k < n; k++) {
		if (wasmi_bpf_funcs[i].sig[k] == 'I')
			args[k].i64 = v[k];
		else
			args[k].i32 = (uint32_t)v[k];
	}
	res[0].i64 = 0;
	*st = wasmi_bpf_funcs[i].fn(in, &app, args, res);
	return strchr(wasmi_bpf_funcs[i].sig, ':')[1] == 'I' ? (int32_t)res[0].i64
							     : (int32_t)res[0].i32;
}

static int32_t call(struct wasmi_instance *in, const char *name, const uint64_t *v, int n)
{
	enum wasmi_status st;
	int32_t r = B(in, name, v, n, &st);

	if (st != WASMI_OK)
		T_FAIL_AT("%s: status %d (%s)", name, st, in->trap);
	return r;
}

#define C(in, name, ...)                                                                           \
	call((in), (name), (const uint64_t[]){__VA_ARGS__},                                        \
	     (int)(sizeof((const uint64_t[]){__VA_ARGS__}) / sizeof(uint64_t)))

static uint32_t gstr(struct wasmi_instance *in, uint32_t off, const char *s)
{
	memcpy(in->mem + off, s, strlen(s) + 1);
	return off;
}

static enum wasmi_status record(struct wasmi_instance *in, const union wasmi_value *a,
				union wasmi_value *r)
{
	struct seen *s = in->test_ctx;

	s->n++;
	s->ctx = a[0].i32;
	s->data = a[1].i32;
	s->size = a[2].i32;
	if (a[2].i32 >= sizeof(s->ev)) {
		struct probe_event ev;

		memcpy(&ev, in->mem + a[1].i32, sizeof(ev));
		if (ev.pid == (unsigned)getpid() && !strcmp(ev.filename, "wasmi_trigger_unit")) {
			s->dup_seq += s->mine && ev.seq == s->last_seq;
			s->last_seq = ev.seq;
			s->ev = ev;
			s->mine++;
		}
	}
	r[0].i32 = 0;
	return WASMI_OK;
}

static enum wasmi_status trapping(struct wasmi_instance *in, const union wasmi_value *a,
				  union wasmi_value *r)
{
	return wasmi_instance__trapf(in, "unreachable in function cb");
}

/* Moves linear memory (as memory.grow may) before recording the record. */
static enum wasmi_status moving(struct wasmi_instance *in, const union wasmi_value *a,
				union wasmi_value *r)
{
	uint8_t *moved = malloc(in->mem_size);

	memcpy(moved, in->mem, in->mem_size);
	free(in->mem);
	in->mem = moved;
	return record(in, a, r);
}

/* Tries to close the object whose buffer is being polled. */
static enum wasmi_status closing(struct wasmi_instance *in, const union wasmi_value *a,
				 union wasmi_value *r)
{
	struct seen *s = in->test_ctx;
	enum wasmi_status st;

	s->close_rc = B(in, "wasm_close_bpf_object", (const uint64_t[]){s->handle}, 1, &st);
	r[0].i32 = 0;
	return st;
}

static void test_hostile(struct wasmi_instance *in)
{
	/* every import with pointers out of range: an error, never a crash */
	T_EQ_INT(0, C(in, "wasm_load_bpf_object", BAD, 100));
	T_EQ_INT(0, C(in, "wasm_load_bpf_object", 0, 0xffffffffu));
	T_EQ_INT(0, C(in, "wasm_load_bpf_object", 0, 0));
	/* garbage bytes are refused by the ELF check before libbpf */
	memset(in->mem + OBJ_OFF, 0x7f, 4096);
	T_EQ_INT(0, C(in, "wasm_load_bpf_object", OBJ_OFF, 4096));
	T_EQ_INT(-EFAULT, C(in, "wasm_attach_bpf_program", 1, BAD, 0));
	T_EQ_INT(-EFAULT, C(in, "wasm_attach_bpf_program", 1, gstr(in, 100, "p"), BAD));
	T_EQ_INT(-EINVAL, C(in, "wasm_attach_bpf_program", 1, gstr(in, 100, "p"), 0));
	T_EQ_INT(-EINVAL, C(in, "wasm_attach_bpf_program", 0x100000001ull, 100, 0));
	/* a string running off the end of memory */
	memset(in->mem + MEM_SIZE - 8, 'x', 8);
	T_EQ_INT(-EFAULT, C(in, "wasm_attach_bpf_program", 1, MEM_SIZE - 8, 0));
	T_EQ_INT(-EFAULT, C(in, "wasm_bpf_map_fd_by_name", 1, MEM_SIZE - 8));
	T_EQ_INT(-EINVAL, C(in, "wasm_bpf_map_fd_by_name", 1, gstr(in, 100, "rb")));
	T_EQ_INT(-EBADF, C(in, "wasm_bpf_map_operate", 0, 1, 0, 0, 0, 0));
	T_EQ_INT(-EBADF, C(in, "wasm_bpf_map_operate", 1, 1, BAD, BAD, BAD, 0));
	T_EQ_INT(-EFAULT, C(in, "wasm_bpf_buffer_poll", 1, 3, 1, 0, BAD, 16, 0));
	T_EQ_INT(-EFAULT, C(in, "wasm_bpf_buffer_poll", 1, 3, 1, 0, 0, 0xffffffffu, 0));
	T_EQ_INT(-EINVAL, C(in, "wasm_bpf_buffer_poll", 1, 3, 1, 0, 0, 16, 0));
	T_EQ_INT(-EINVAL, C(in, "wasm_close_bpf_object", 1));
	T_EQ_INT(-EINVAL, C(in, "wasm_close_bpf_object", 0));
	T_EQ_INT(-EINVAL, C(in, "wasm_close_bpf_object", ~0ull));
}

static int mount_tracefs(void)
{
	if (access("/sys/kernel/tracing/events/syscalls", F_OK) == 0)
		return 0;
	if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) && errno != EBUSY)
		return -errno;
	return access("/sys/kernel/tracing/events/syscalls", F_OK) ? -errno : 0;
}

/* bpffs at /sys/fs/bpf (mounted when missing); false when unavailable. */
static bool mountpoint_or_mount_bpffs(void)
{
	struct statfs sfs;

	if (statfs("/sys/fs/bpf", &sfs) == 0 && sfs.f_type == BPF_FS_MAGIC)
		return true;
	if (mount("bpf", "/sys/fs/bpf", "bpf", 0, NULL))
		return false;
	return statfs("/sys/fs/bpf", &sfs) == 0 && sfs.f_type == BPF_FS_MAGIC;
}

static void trigger(const char *dir)
{
	/* relative to the directory: the probe matches the name as passed */
	int dfd = open(dir, O_PATH | O_DIRECTORY);
	int fd = openat(dfd, "wasmi_trigger_unit", O_CREAT | O_RDWR, 0644);

	T_TRUE(fd >= 0);
	if (fd >= 0)
		close(fd);
	close(dfd);
}

static void test_maps(struct wasmi_instance *in, uint64_t h)
{
	int counts = C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "counts"));
	int rodata = C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, ".rodata"));
	uint32_t key = 7;
	uint64_t val = 100;
	int own;

	T_TRUE(counts > 2);
	T_TRUE(rodata > 2);
	/* internal maps by section suffix whatever the prefix */
	T_EQ_INT(rodata, C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "probe_bp.rodata")));
	T_TRUE(C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "other.bss")) > 2);
	T_EQ_INT(-ENOENT, C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "nomap")));
	memcpy(in->mem + 200, &key, 4);
	memcpy(in->mem + 208, &val, 8);
	T_EQ_INT(0, C(in, "wasm_bpf_map_operate", counts, 2, 200, 208, 0, 0));
	memset(in->mem + 216, 0, 8);
	T_EQ_INT(0, C(in, "wasm_bpf_map_operate", counts, 1, 200, 216, 0, 0));
	T_EQ_MEM(&val, in->mem + 216, 8);
	/* get_next_key from NULL starts at the first key */
	memset(in->mem + 230, 0xff, 4);
	T_EQ_INT(0, C(in, "wasm_bpf_map_operate", counts, 4, 0, 0, 230, 0));
	T_TRUE(memcmp(in->mem + 230, "\xff\xff\xff\xff", 4) != 0);
	/* key/value bounds use the map's real sizes (4 and 8) */
	T_EQ_INT(-EFAULT, C(in, "wasm_bpf_map_operate", counts, 1, MEM_SIZE - 3, 216, 0, 0));
	T_EQ_INT(-EFAULT, C(in, "wasm_bpf_map_operate", counts, 1, 200, MEM_SIZE - 7, 0, 0));
	T_EQ_INT(-EFAULT, C(in, "wasm_bpf_map_operate", counts, 2, 200, BAD, 0, 0));
	T_EQ_INT(-EFAULT, C(in, "wasm_bpf_map_operate", counts, 4, 200, 0, BAD, 0));
	T_EQ_INT(-EINVAL, C(in, "wasm_bpf_map_operate", counts, 9, 200, 216, 0, 0));
	T_EQ_INT(0, C(in, "wasm_bpf_map_operate", counts, 3, 200, 0, 0, 0));
	T_EQ_INT(-ENOENT, C(in, "wasm_bpf_map_operate", counts, 1, 200, 216, 0, 0));
	/* a per-CPU value is one 8-byte slot per possible CPU: all of it is checked */
	{
		int pcpu = C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "pcpu"));
		uint32_t vs = 8u * (uint32_t)libbpf_num_possible_cpus();

		memset(in->mem + 200, 0, 4);
		T_EQ_INT(0, C(in, "wasm_bpf_map_operate", pcpu, 1, 200, MEM_SIZE - vs, 0, 0));
		T_EQ_INT(-EFAULT,
			 C(in, "wasm_bpf_map_operate", pcpu, 1, 200, MEM_SIZE - vs + 1, 0, 0));
	}
	/* .rodata holds probe_magic */
	memset(in->mem + 200, 0, 4);
	T_EQ_INT(0, C(in, "wasm_bpf_map_operate", rodata, 1, 200, 300, 0, 0));
	T_EQ_INT(PROBE_MAGIC, *(uint32_t *)(in->mem + 300));
	/* a map the guest did not load is refused even though the fd is real */
	own = bpf_map_create(BPF_MAP_TYPE_HASH, "notguest", 4, 8, 4, NULL);
	T_TRUE(own >= 0);
	T_EQ_INT(-EBADF, C(in, "wasm_bpf_map_operate", own, 1, 200, 216, 0, 0));
	T_EQ_INT(-EBADF, C(in, "wasm_bpf_buffer_poll", h, own, 1, 0, DATA_OFF, 128, 0));
	close(own);
	/* polling a map that is no buffer */
	T_EQ_INT(-EINVAL, C(in, "wasm_bpf_buffer_poll", h, counts, 1, 0, DATA_OFF, 128, 0));
}

static void test_poll(struct wasmi_instance *in, uint64_t h, const char *dir)
{
	int rb = C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "rb"));
	int pb = C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "pb"));
	int quiet = C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "quiet"));
	long t0;
	struct seen s = {0};
	enum wasmi_status st;
	int n;

	in->test_ctx = &s;
	in->table[1] = record;
	in->table[2] = trapping;
	T_EQ_INT(0, C(in, "wasm_attach_bpf_program", h, gstr(in, 100, "handle_openat"), 0));
	T_EQ_INT(0, C(in, "wasm_attach_bpf_program", h, gstr(in, 100, "handle_openat2"),
		      gstr(in, 200, "")));
	T_EQ_INT(-ENOENT, C(in, "wasm_attach_bpf_program", h, gstr(in, 100, "nope"), 0));
	/* a timeout returns 0, after the time asked for */
	t0 = mono_ms();
	T_EQ_INT(0, C(in, "wasm_bpf_buffer_poll", h, quiet, 1, 0x77, DATA_OFF, 200, 50));
	T_TRUE(mono_ms() - t0 >= 45);
	/* a perf buffer exists from its first poll on (events before are dropped) */
	T_TRUE(C(in, "wasm_bpf_buffer_poll", h, pb, 1, 0x78, DATA_OFF, 200, 0) >= 0);
	/* drain what other tests' opens may have left in the ring buffer */
	T_TRUE(C(in, "wasm_bpf_buffer_poll", h, rb, 1, 0x78, DATA_OFF, 200, 0) >= 0);
	memset(&s, 0, sizeof(s));
	trigger(dir);
	n = C(in, "wasm_bpf_buffer_poll", h, rb, 1, 0x77, DATA_OFF, 200, 1000);
	T_TRUE(n >= 1);
	T_EQ_INT(n, s.n);
	T_EQ_INT(1, s.mine);
	T_EQ_INT(0x77, s.ctx);
	T_EQ_INT(DATA_OFF, s.data);
	T_EQ_INT(sizeof(struct probe_event), s.size);
	T_EQ_INT(getpid(), s.ev.pid);
	T_EQ_INT(PROBE_MAGIC, s.ev.magic);
	T_EQ_STR("wasmi_trigger_unit", s.ev.filename);
	/* the perf buffer got the same record; its buffer is separate */
	s.n = 0;
	s.mine = 0;
	memset(&s.ev, 0, sizeof(s.ev));
	n = C(in, "wasm_bpf_buffer_poll", h, pb, 1, 0x78, DATA_OFF, 200, 1000);
	T_TRUE(n >= 1);
	T_EQ_INT(n, s.n);
	T_EQ_INT(1, s.mine);
	T_EQ_STR("wasmi_trigger_unit", s.ev.filename);
	/* truncation: the callback is told the size really copied */
	trigger(dir);
	memset(in->mem + DATA_OFF, 0xee, 64);
	n = C(in, "wasm_bpf_buffer_poll", h, rb, 1, 0, DATA_OFF, 10, 1000);
	T_TRUE(n >= 1);
	T_EQ_INT(10, s.size);
	T_EQ_INT(0xee, in->mem[DATA_OFF + 10]);
	/* a trapping callback ends the host call with the trap */
	trigger(dir);
	B(in, "wasm_bpf_buffer_poll", (const uint64_t[]){h, rb, 2, 0, DATA_OFF, 200, 1000}, 7, &st);
	T_EQ_INT(WASMI_TRAP, st);
	/* a bad table index is a clean trap */
	trigger(dir);
	B(in, "wasm_bpf_buffer_poll", (const uint64_t[]){h, rb, 5, 0, DATA_OFF, 200, 1000}, 7, &st);
	T_EQ_INT(WASMI_TRAP, st);
	/* memory moving under the host between records: each copy lands in the new one */
	in->table[3] = moving;
	memset(&s, 0, sizeof(s));
	trigger(dir);
	trigger(dir);
	n = C(in, "wasm_bpf_buffer_poll", h, rb, 3, 0, DATA_OFF, 200, 1000);
	T_TRUE(n >= 2);
	T_EQ_INT(2, s.mine);
	T_EQ_INT(0, s.dup_seq);
	/* closing the object from its own poll's callback is refused */
	in->table[4] = closing;
	memset(&s, 0, sizeof(s));
	s.handle = h;
	trigger(dir);
	T_TRUE(C(in, "wasm_bpf_buffer_poll", h, rb, 4, 0, DATA_OFF, 200, 1000) >= 1);
	T_EQ_INT(-EBUSY, s.close_rc);
	/* a pending signal makes the poll return -EINTR at once */
	sig = 2;
	T_EQ_INT(-EINTR, C(in, "wasm_bpf_buffer_poll", h, rb, 1, 0, DATA_OFF, 200, 5000));
	sig = 0;
}

/*
 * An object with a map pinned by name must not load: libbpf would pin it in
 * the host's bpffs, or hand the guest a map another program pinned there.
 */
static void test_pinned_refused(struct wasmi_instance *in, const char *path)
{
	const char *pin = "/sys/fs/bpf/wasmi_pinned";
	char *bytes = NULL;
	size_t len = 0;

	if (!mountpoint_or_mount_bpffs()) {
		printf("note: no bpffs at /sys/fs/bpf: pinning test skipped\n");
		return;
	}
	unlink(pin);
	T_EQ_INT(0, cmn_read_file(path, 1 << 24, &bytes, &len));
	T_TRUE(len < MEM_SIZE - OBJ_OFF);
	if (!bytes || len >= MEM_SIZE - OBJ_OFF)
		goto out;
	memcpy(in->mem + OBJ_OFF, bytes, len);
	T_EQ_INT(0, C(in, "wasm_load_bpf_object", OBJ_OFF, len));
	T_EQ_INT(-1, access(pin, F_OK));
	unlink(pin); /* left by a host that pinned it */
out:
	free(bytes);
}

int main(int argc, char **argv)
{
	struct wasmi_instance *in = fake_instance__new(MEM_SIZE);
	char *bytes = NULL, *dir = NULL;
	size_t len;
	int64_t h;
	int counts;

	app.signal = &sig;
	test_hostile(in);
	if (argc < 2) {
		T_FAIL_AT("usage: test_wasmi_bpf PROBE.bpf.o");
		TEST_MAIN_END();
	}
	if (geteuid() != 0) {
		printf("SKIP: loading BPF needs root (the hostile-argument part ran: %d passed, %d "
		       "failed)\n",
		       t_pass, t_fail);
		return t_fail ? 1 : SKIP_CODE;
	}
	if (mount_tracefs()) {
		printf("SKIP: tracefs is not available at /sys/kernel/tracing\n");
		return t_fail ? 1 : SKIP_CODE;
	}
	if (argc > 2)
		test_pinned_refused(in, argv[2]);
	T_EQ_INT(0, cmn_read_file(argv[1], 1 << 24, &bytes, &len));
	T_TRUE(len < MEM_SIZE - OBJ_OFF);
	memcpy(in->mem + OBJ_OFF, bytes, len);
	/* a libbpf crash while opening refuses the object; the host lives on */
	crash_open = 1;
	T_EQ_INT(0, C(in, "wasm_load_bpf_object", OBJ_OFF, len));
	crash_open = 0;
	h = C(in, "wasm_load_bpf_object", OBJ_OFF, len);
	T_TRUE(h > 0);
	if (h <= 0)
		goto out;
	/* the guest's bytes are copied: scribbling on them later changes nothing */
	memset(in->mem + OBJ_OFF, 0, len);
	dir = cmn_mkdtemp("wasmi-bpf");
	test_maps(in, (uint64_t)h);
	test_poll(in, (uint64_t)h, dir);
	counts = C(in, "wasm_bpf_map_fd_by_name", h, gstr(in, 100, "counts"));
	T_EQ_INT(0, C(in, "wasm_close_bpf_object", h));
	T_EQ_INT(-EINVAL, C(in, "wasm_close_bpf_object", h));
	T_EQ_INT(-EBADF, C(in, "wasm_bpf_map_operate", counts, 1, 200, 216, 0, 0));
	/* handles are slots of the host's table (reused), never host pointers */
	memcpy(in->mem + OBJ_OFF, bytes, len);
	T_EQ_INT(1, C(in, "wasm_load_bpf_object", OBJ_OFF, len));
	T_EQ_INT(2, C(in, "wasm_load_bpf_object", OBJ_OFF, len));
	/* a map of another of the guest's objects may be polled through any handle */
	T_EQ_INT(0, C(in, "wasm_bpf_buffer_poll", 1,
		      C(in, "wasm_bpf_map_fd_by_name", 2, gstr(in, 100, "quiet")), 1, 0, DATA_OFF,
		      200, 0));
	T_EQ_INT(0, C(in, "wasm_close_bpf_object", 1));
	/* a guest cannot pile up objects without bound */
	{
		int k, got = 0;

		for (k = 0; k < 70; k++)
			got += C(in, "wasm_load_bpf_object", OBJ_OFF, len) > 0;
		T_EQ_INT(64, got + 1); /* slot 2 was still open */
		T_EQ_INT(0, C(in, "wasm_load_bpf_object", OBJ_OFF, len));
	}
out:
	wasmi_bpf__fini(&app.bpf);
	if (dir)
		cmn_rm_rf(dir);
	free(dir);
	free(bytes);
	fake_instance__free(in);
	TEST_MAIN_END();
}
