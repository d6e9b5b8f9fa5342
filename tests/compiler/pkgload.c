// SPDX-License-Identifier: MIT
/*
 * pkgload PACKAGE MAP: the kernel accepts what ecc packaged. As a runtime
 * would: decode the package, open the object under meta's obj_name, load
 * it, attach every program; then exec /bin/true and expect, in ring buffer
 * MAP, an event whose `pid` and `comm` members (found by name through
 * export_types[0]'s BTF type id, not by fixed offsets) are the child's.
 * pkgload PACKAGE: only load the object (the verifier accepts every program).
 * Exit 77 (skip, with the reason printed) without root or kernel BTF.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "common.h"
#include "pkgdecode.h"

#define SKIP 77
#define TRACEFS "/sys/kernel/tracing"

struct layout {
	__u32 pid_off, comm_off, size;
	pid_t want_pid;
	int found;
	int seen;
};

static int on_event(void *ctx, void *data, size_t len)
{
	struct layout *l = ctx;
	char comm[17] = {0};
	int pid;

	l->seen++;
	if (len < l->size)
		return 0;
	memcpy(&pid, (char *)data + l->pid_off, sizeof(pid));
	memcpy(comm, (char *)data + l->comm_off, 16);
	if (pid == l->want_pid && strcmp(comm, "true") == 0)
		l->found = 1;
	return 0;
}

/* Offsets of members `pid` and `comm` of the export struct, from the object's BTF. */
static int find_layout(const struct btf *btf, int type_id, struct layout *l)
{
	const struct btf_type *t = btf__type_by_id(btf, type_id);
	const struct btf_member *m;
	int found = 0;
	__u16 i;

	if (!t || !btf_is_struct(t))
		return -ENOENT;
	l->size = t->size;
	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++) {
		const char *n = btf__name_by_offset(btf, m->name_off);

		if (strcmp(n, "pid") == 0 && (found |= 1))
			l->pid_off = btf_member_bit_offset(t, i) / 8;
		if (strcmp(n, "comm") == 0 && (found |= 2))
			l->comm_off = btf_member_bit_offset(t, i) / 8;
	}
	return found == 3 ? 0 : -ENOENT;
}

static int check_env(void)
{
	if (geteuid() != 0) {
		printf("SKIP: loading BPF programs needs root\n");
		return SKIP;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
		printf("SKIP: the kernel has no BTF (/sys/kernel/btf/vmlinux)\n");
		return SKIP;
	}
	/* Tracepoints attach through tracefs; mount it once if nobody did. */
	if (access(TRACEFS "/events", F_OK) != 0 &&
	    mount("nodev", TRACEFS, "tracefs", 0, NULL) != 0 && errno != EBUSY) {
		printf("SKIP: cannot mount tracefs at " TRACEFS ": %s\n", strerror(errno));
		return SKIP;
	}
	return 0;
}

struct links {
	struct bpf_link **ptr;
	size_t cnt, cap;
};

static int attach_all(struct bpf_object *obj, struct links *l)
{
	struct bpf_program *prog;
	struct bpf_link *link;

	bpf_object__for_each_program(prog, obj)
	{
		link = bpf_program__attach(prog);
		if (!link) {
			fprintf(stderr, "pkgload: cannot attach %s (%s): %s\n",
				bpf_program__name(prog), bpf_program__section_name(prog),
				strerror(errno));
			return -1;
		}
		if (cmn_array_grow((void **)&l->ptr, &l->cap, l->cnt + 1, sizeof(*l->ptr))) {
			bpf_link__destroy(link);
			return -1;
		}
		l->ptr[l->cnt++] = link;
	}
	return 0;
}

static void detach_all(struct links *l)
{
	while (l->cnt)
		bpf_link__destroy(l->ptr[--l->cnt]);
	free(l->ptr);
}

/* Exec /bin/true and poll the ring buffer until its event shows up (3 s at most). */
static int trigger_and_poll(struct ring_buffer *rb, struct layout *l)
{
	time_t end = time(NULL) + 3;
	pid_t child = fork();

	if (child == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	if (child < 0)
		return -1;
	l->want_pid = child;
	waitpid(child, NULL, 0);
	while (!l->found && time(NULL) < end)
		ring_buffer__poll(rb, 100);
	return l->found ? 0 : -1;
}

static int run(const cJSON *pkg, void *elf, size_t len, const char *map_name)
{
	const cJSON *meta = cJSON_GetObjectItem(pkg, "meta");
	const char *obj_name = cJSON_GetStringValue(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(meta, "bpf_skel"), "obj_name"));
	const cJSON *et = cJSON_GetArrayItem(cJSON_GetObjectItem(meta, "export_types"), 0);
	const cJSON *tid = cJSON_GetObjectItem(et, "type_id");
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = obj_name);
	struct layout l = {0};
	struct links links = {0};
	struct ring_buffer *rb = NULL;
	struct bpf_object *obj;
	struct bpf_map *map;
	int rc = 1;

	obj = bpf_object__open_mem(elf, len, &opts);
	if (!obj || (map_name && !cJSON_IsNumber(tid))) {
		fprintf(stderr, "pkgload: cannot open the object or no export type\n");
		return 1;
	}
	if (bpf_object__load(obj)) {
		fprintf(stderr, "pkgload: the kernel refused the object: %s\n", strerror(errno));
		goto out;
	}
	if (!map_name) {
		printf("ok: %s loaded\n", obj_name);
		rc = 0;
		goto out;
	}
	map = bpf_object__find_map_by_name(obj, map_name);
	if (!map || find_layout(bpf_object__btf(obj), (int)tid->valuedouble, &l) ||
	    attach_all(obj, &links))
		goto out;
	rb = ring_buffer__new(bpf_map__fd(map), on_event, &l, NULL);
	if (!rb || trigger_and_poll(rb, &l)) {
		fprintf(stderr,
			"pkgload: no event for pid %d with comm \"true\" (%d events seen)\n",
			l.want_pid, l.seen);
		goto out;
	}
	printf("ok: %s loaded and attached; event pid=%d comm=true decoded via export type %s\n",
	       obj_name, l.want_pid, cJSON_GetStringValue(cJSON_GetObjectItem(et, "name")));
	rc = 0;
out:
	ring_buffer__free(rb);
	detach_all(&links);
	bpf_object__close(obj);
	return rc;
}

int main(int argc, char **argv)
{
	cJSON *pkg;
	void *elf;
	size_t len = 0;
	int rc;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: pkgload PACKAGE [RINGBUF_MAP]\n");
		return 2;
	}
	rc = check_env();
	if (rc)
		return rc;
	pkg = load_package(argv[1]);
	elf = pkg ? decode_object(pkg, &len) : NULL;
	rc = elf && !pkg_problems ? run(pkg, elf, len, argc == 3 ? argv[2] : NULL) : 1;
	free(elf);
	cJSON_Delete(pkg);
	return rc;
}
