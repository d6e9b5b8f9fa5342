/* SPDX-License-Identifier: MIT */
/*
 * The wasm_bpf host ABI (shared/spec/wasm-bpf-abi.md) on libbpf: load an
 * ELF out of guest memory, attach programs, find maps, operate on them,
 * close. Buffer polling is in wasmi_bpf_poll.c.
 *
 * Trust: the ELF bytes are untrusted and pass the structural check of
 * runtime-min/rtmin_elfcheck before libbpf sees them. Handles are indices
 * into the app's own table; map fds are accepted only when they belong to
 * one of the guest's objects; a cgroup path must lie inside a --dir grant.
 * Guest mistakes are answered with a negative errno (0 for a failed load,
 * whose result is a handle), logged at debug level only.
 */
#define _GNU_SOURCE
#include "wasmi_bpf_int.h"

#include "common.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef WASMI_APP_HAVE_ELFCHECK
#include "rtmin_elfcheck.h"
#endif

#define BPF_NAME_MAX 512u
/* Objects one guest may hold open at once (each pins kernel memory). */
#define BPF_MAX_OBJECTS 64u
#define BPF_PATH_MAX 4096u

static const char *const internal_suffixes[] = {".rodata", ".bss", ".data"};

struct wasmi_bpf_obj *wasmi_bpf__obj(struct wasmi_bpf *b, uint64_t handle)
{
	if (handle == 0 || handle > b->cnt)
		return NULL;
	return b->objs[handle - 1];
}

struct bpf_map *wasmi_bpf_obj__map_by_fd(struct wasmi_bpf_obj *o, int fd)
{
	struct bpf_map *map;

	if (fd < 0)
		return NULL;
	bpf_object__for_each_map(map, o->obj) if (bpf_map__fd(map) == fd) return map;
	return NULL;
}

static void obj_free(struct wasmi_bpf_obj *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->nbufs; i++)
		wasmi_bpf_buf__free(o->bufs[i]);
	free(o->bufs);
	for (i = 0; i < o->nlinks; i++)
		bpf_link__destroy(o->links[i]);
	free(o->links);
	bpf_object__close(o->obj);
	free(o->elf);
	free(o);
}

void wasmi_bpf__fini(struct wasmi_bpf *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->cnt; i++)
		obj_free(b->objs[i]);
	free(b->objs);
	memset(b, 0, sizeof(*b));
}

/*
 * Defence in depth behind rtmin_elf__check, as ecli does for packages: the
 * first libbpf open of the guest's bytes happens in a child, so a libbpf
 * crash the check did not foresee refuses the object instead of killing the
 * host. 0, or -EINVAL (logged) when the child died or exited non-zero
 * (sanitizers turn a crash into an exit status).
 */
static int probe_open(const void *elf, size_t len)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 0; /* cannot fork: the structural check stands alone */
	if (pid == 0) {
		LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "wasm_app");

		libbpf_set_print(NULL);
		alarm(60);
		bpf_object__close(bpf_object__open_mem(elf, len, &opts));
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 0;
	if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) {
		pr_warn("wasm_load_bpf_object: rejected object: libbpf crashed opening it\n");
		return -EINVAL;
	}
	return 0;
}

/*
 * A map with `pinning` would be pinned in the host's bpffs, or worse, reuse
 * a map someone else pinned there under that name: outside the sandbox
 * either way. 0, or -EPERM (logged) when some map asks for a pin.
 */
static int refuse_pinned_maps(struct bpf_object *obj)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj)
	{
		if (!bpf_map__pin_path(map))
			continue;
		pr_warn("wasm_load_bpf_object: map '%s' asks to be pinned at %s: a guest cannot "
			"use the host's bpffs (remove its pinning attribute)\n",
			bpf_map__name(map), bpf_map__pin_path(map));
		return -EPERM;
	}
	return 0;
}

/* Copy the guest's ELF, check it, open and load it. NULL on failure (logged). */
static struct wasmi_bpf_obj *obj_load(const void *bytes, size_t len)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "wasm_app");
	struct wasmi_bpf_obj *o;
	char why[256] = "";
	int err;

	o = calloc(1, sizeof(*o));
	if (!o || !(o->elf = malloc(len ? len : 1)))
		goto err_free;
	memcpy(o->elf, bytes, len);
#ifdef WASMI_APP_HAVE_ELFCHECK
	err = rtmin_elf__check(o->elf, len, why, sizeof(why));
	if (err) {
		pr_warn("wasm_load_bpf_object: rejected object: %s\n",
			err == -EINVAL ? why : strerror(-err));
		goto err_free;
	}
#else
	/* Built without runtime-min's ELF check: libbpf 1.1 must not see untrusted bytes. */
	(void)why;
	(void)err;
	pr_warn("wasm_load_bpf_object: this build has no ELF check; refusing the object\n");
	goto err_free;
#endif
	if (probe_open(o->elf, len))
		goto err_free;
	o->obj = bpf_object__open_mem(o->elf, len, &opts);
	if (!o->obj) {
		pr_warn("wasm_load_bpf_object: cannot open the object: %s\n", strerror(errno));
		goto err_free;
	}
	if (refuse_pinned_maps(o->obj))
		goto err_free;
	err = bpf_object__load(o->obj);
	if (err) {
		pr_warn("wasm_load_bpf_object: load failed: %s (run with -v for libbpf's log)\n",
			strerror(-err));
		goto err_free;
	}
	return o;

err_free:
	obj_free(o);
	return NULL;
}

static enum wasmi_status bpf_load(struct wasmi_instance *in, void *user, const union wasmi_value *a,
				  union wasmi_value *r)
{
	struct wasmi_bpf *b = &((struct wasmi_app *)user)->bpf;
	const void *bytes = wasmi_instance__mem(in, a[0].i32, a[1].i32);
	struct wasmi_bpf_obj *o;
	size_t i;

	r[0].i64 = 0;
	if (!bytes || a[1].i32 == 0) {
		pr_debug("wasm_load_bpf_object: bad buffer %u+%u\n", a[0].i32, a[1].i32);
		return WASMI_OK;
	}
	for (i = 0; i < b->cnt && b->objs[i]; i++)
		;
	if (i >= BPF_MAX_OBJECTS) {
		pr_warn("wasm_load_bpf_object: more than %u objects open\n", BPF_MAX_OBJECTS);
		return WASMI_OK;
	}
	if (i == b->cnt && cmn_array_grow((void **)&b->objs, &b->cap, b->cnt + 1, sizeof(*b->objs)))
		return WASMI_OK;
	o = obj_load(bytes, a[1].i32);
	if (!o)
		return WASMI_OK;
	if (i == b->cnt)
		b->cnt++;
	b->objs[i] = o;
	r[0].i64 = i + 1;
	return WASMI_OK;
}

static enum wasmi_status bpf_close(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_bpf *b = &((struct wasmi_app *)user)->bpf;
	struct wasmi_bpf_obj *o = wasmi_bpf__obj(b, a[0].i64);
	size_t i;

	if (!o) {
		r[0].i32 = (uint32_t)-EINVAL;
		return WASMI_OK;
	}
	/* Closed from a callback of its own buffer poll: libbpf is still inside it. */
	for (i = 0; i < o->nbufs; i++) {
		if (o->bufs[i]->cur) {
			r[0].i32 = (uint32_t)-EBUSY;
			return WASMI_OK;
		}
	}
	obj_free(o);
	b->objs[a[0].i64 - 1] = NULL;
	r[0].i32 = 0;
	return WASMI_OK;
}

static bool is_cgroup_prog(enum bpf_prog_type t)
{
	static const enum bpf_prog_type types[] = {
	    BPF_PROG_TYPE_CGROUP_SKB,	    BPF_PROG_TYPE_CGROUP_SOCK,
	    BPF_PROG_TYPE_SOCK_OPS,	    BPF_PROG_TYPE_CGROUP_DEVICE,
	    BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_PROG_TYPE_CGROUP_SYSCTL,
	    BPF_PROG_TYPE_CGROUP_SOCKOPT,
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i] == t)
			return true;
	return false;
}

/* The rest of path after prefix + "/" (or "" when equal), else NULL. */
static const char *under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);

	while (n > 1 && prefix[n - 1] == '/')
		n--;
	if (strncmp(path, prefix, n) != 0)
		return NULL;
	if (path[n] == '\0')
		return path + n;
	if (path[n] == '/' || (n == 1 && prefix[0] == '/'))
		return path + n + (path[n] == '/');
	return NULL;
}

/*
 * Open a cgroup directory named by the guest: a host path inside a --dir
 * grant, or a guest path under a preopen's name. The final open happens
 * beneath the grant (RESOLVE_BENEATH), so a symlink cannot lead out.
 */
static int open_granted_dir(struct wasmi_wasi *w, const char *target)
{
	char *real = cmn_realpath(target);
	const char *rest;
	size_t i;
	int fd = -EACCES, e;

	/* Try each grant the path falls under until one opens it. */
	for (i = 0; i < w->cnt && fd == -EACCES; i++) {
		struct wasmi_wasi_fd *s = &w->fds[i];

		if (s->host < 0 || !s->preopen)
			continue;
		rest = real && s->host_path ? under(real, s->host_path) : NULL;
		if (!rest)
			rest = under(target, s->preopen);
		if (!rest)
			continue;
		e = wasmi_wasi__resolve(w, (uint32_t)i, rest, strlen(rest), true,
					O_RDONLY | O_DIRECTORY, 0, &fd);
		if (e)
			fd = e == WASI_ENOTCAPABLE ? -EACCES : -ENOENT;
	}
	free(real);
	return fd;
}

static struct bpf_link *attach_to(struct wasmi_app *app, struct bpf_program *prog,
				  const char *target)
{
	enum bpf_prog_type t = bpf_program__type(prog);
	struct bpf_link *link;
	unsigned ifindex;
	int fd;

	if (!target || !*target)
		return bpf_program__attach(prog);
	if (t == BPF_PROG_TYPE_XDP) {
		ifindex = if_nametoindex(target);
		if (!ifindex) {
			errno = ENODEV;
			return NULL;
		}
		return bpf_program__attach_xdp(prog, (int)ifindex);
	}
	if (!is_cgroup_prog(t)) {
		errno = EINVAL;
		return NULL;
	}
	fd = open_granted_dir(&app->wasi, target);
	if (fd < 0) {
		pr_warn("wasm_attach_bpf_program: cgroup %s is not inside a --dir grant\n", target);
		errno = -fd;
		return NULL;
	}
	link = bpf_program__attach_cgroup(prog, fd);
	close(fd);
	return link;
}

static enum wasmi_status bpf_attach(struct wasmi_instance *in, void *user,
				    const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_app *app = user;
	struct wasmi_bpf_obj *o = wasmi_bpf__obj(&app->bpf, a[0].i64);
	const char *name = wasmi_instance__mem_str(in, a[1].i32, BPF_NAME_MAX);
	const char *target = NULL;
	struct bpf_program *prog;
	struct bpf_link *link;
	int err;

	if (a[2].i32 && !(target = wasmi_instance__mem_str(in, a[2].i32, BPF_PATH_MAX)))
		err = -EFAULT;
	else if (!name)
		err = -EFAULT;
	else if (!o)
		err = -EINVAL;
	else if (!(prog = bpf_object__find_program_by_name(o->obj, name)))
		err = -ENOENT;
	else if (cmn_array_grow((void **)&o->links, &o->links_cap, o->nlinks + 1,
				sizeof(*o->links)))
		err = -ENOMEM;
	else if (!(link = attach_to(app, prog, target)))
		err = -errno;
	else {
		o->links[o->nlinks++] = link;
		err = 0;
	}
	if (err && err != -EFAULT && name)
		pr_debug("wasm_attach_bpf_program %s: %s\n", name, strerror(-err));
	r[0].i32 = (uint32_t)err;
	return WASMI_OK;
}

static struct bpf_map *map_by_suffix(struct bpf_object *obj, const char *name)
{
	struct bpf_map *map;
	size_t i, n = strlen(name), sn;

	for (i = 0; i < sizeof(internal_suffixes) / sizeof(internal_suffixes[0]); i++) {
		sn = strlen(internal_suffixes[i]);
		if (n < sn || strcmp(name + n - sn, internal_suffixes[i]) != 0)
			continue;
		bpf_object__for_each_map(map, obj)
		{
			const char *m = bpf_map__name(map);
			size_t mn = strlen(m);

			if (bpf_map__is_internal(map) && mn >= sn &&
			    strcmp(m + mn - sn, internal_suffixes[i]) == 0)
				return map;
		}
	}
	return NULL;
}

static enum wasmi_status bpf_map_fd_by_name(struct wasmi_instance *in, void *user,
					    const union wasmi_value *a, union wasmi_value *r)
{
	struct wasmi_bpf_obj *o = wasmi_bpf__obj(&((struct wasmi_app *)user)->bpf, a[0].i64);
	const char *name = wasmi_instance__mem_str(in, a[1].i32, BPF_NAME_MAX);
	struct bpf_map *map = NULL;
	int ret;

	if (!name)
		ret = -EFAULT;
	else if (!o)
		ret = -EINVAL;
	else if (!(map = bpf_object__find_map_by_name(o->obj, name)) &&
		 !(map = map_by_suffix(o->obj, name)))
		ret = -ENOENT;
	else
		ret = bpf_map__fd(map);
	r[0].i32 = (uint32_t)ret;
	return WASMI_OK;
}

struct wasmi_bpf_obj *wasmi_bpf__map_owner(struct wasmi_bpf *b, int fd, struct bpf_map **map)
{
	size_t i;

	for (i = 0; i < b->cnt; i++)
		if (b->objs[i] && (*map = wasmi_bpf_obj__map_by_fd(b->objs[i], fd)))
			return b->objs[i];
	*map = NULL;
	return NULL;
}

static uint32_t value_size(const struct bpf_map *map)
{
	uint32_t vs = bpf_map__value_size(map);
	int ncpu;

	switch (bpf_map__type(map)) {
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		ncpu = libbpf_num_possible_cpus();
		if (ncpu <= 0 || (uint64_t)((vs + 7) & ~7u) * (uint64_t)ncpu > UINT32_MAX)
			return UINT32_MAX; /* no guest buffer can be this large */
		return ((vs + 7) & ~7u) * (uint32_t)ncpu;
	default:
		return vs;
	}
}

static int map_operate(struct wasmi_instance *in, struct bpf_map *map, uint32_t cmd,
		       uint32_t key_off, uint32_t val_off, uint32_t next_off, uint64_t flags)
{
	uint32_t ks = bpf_map__key_size(map), vs = value_size(map);
	int fd = bpf_map__fd(map);
	void *key = NULL, *val = NULL, *next;

	/* get_next_key from a NULL key starts at the first key. */
	if (ks && !(cmd == 4 && key_off == 0) && !(key = wasmi_instance__mem(in, key_off, ks)))
		return -EFAULT;
	switch (cmd) {
	case 1: /* BPF_MAP_LOOKUP_ELEM */
		if (!(val = wasmi_instance__mem(in, val_off, vs)))
			return -EFAULT;
		return bpf_map_lookup_elem_flags(fd, key, val, flags);
	case 2: /* BPF_MAP_UPDATE_ELEM */
		if (!(val = wasmi_instance__mem(in, val_off, vs)))
			return -EFAULT;
		return bpf_map_update_elem(fd, key, val, flags);
	case 3: /* BPF_MAP_DELETE_ELEM */
		return bpf_map_delete_elem(fd, key);
	case 4: /* BPF_MAP_GET_NEXT_KEY */
		if (!(next = wasmi_instance__mem(in, next_off, ks)) && ks)
			return -EFAULT;
		return bpf_map_get_next_key(fd, key, next);
	default:
		return -EINVAL;
	}
}

static enum wasmi_status bpf_map_operate(struct wasmi_instance *in, void *user,
					 const union wasmi_value *a, union wasmi_value *r)
{
	struct bpf_map *map;
	int ret;

	if (!wasmi_bpf__map_owner(&((struct wasmi_app *)user)->bpf, (int)a[0].i32, &map)) {
		pr_info("wasm_bpf_map_operate: fd %d is no map of the guest's objects\n",
			(int)a[0].i32);
		ret = -EBADF;
	} else
		ret = map_operate(in, map, a[1].i32, a[2].i32, a[3].i32, a[4].i32, a[5].i64);
	r[0].i32 = (uint32_t)ret;
	return WASMI_OK;
}

#define BPF(name, sig, fn)                                                                         \
	{                                                                                          \
		"wasm_bpf", name, sig, fn, NULL                                                    \
	}

const struct wasmi_host_func wasmi_bpf_funcs[] = {
    BPF("wasm_load_bpf_object", "ii:I", bpf_load),
    BPF("wasm_attach_bpf_program", "Iii:i", bpf_attach),
    BPF("wasm_bpf_buffer_poll", "Iiiiiii:i", wasmi_bpf_buffer_poll),
    BPF("wasm_bpf_map_fd_by_name", "Ii:i", bpf_map_fd_by_name),
    BPF("wasm_bpf_map_operate", "iiiiiI:i", bpf_map_operate),
    BPF("wasm_close_bpf_object", "I:i", bpf_close),
};

const size_t wasmi_bpf_nfuncs = sizeof(wasmi_bpf_funcs) / sizeof(wasmi_bpf_funcs[0]);
