// SPDX-License-Identifier: MIT
/*
 * Attaching every loaded program, by section prefix (a table). libbpf's
 * bpf_program__attach covers tracepoints, raw/BTF tracepoints and uprobes;
 * targets libbpf cannot guess are handled here: xdp and tc on an interface,
 * socket filters on a raw packet socket, cgroup programs on a cgroup,
 * perf_event programs on every CPU, iterators read once and printed.
 *
 * Teardown removes only what we created: links, our tc filter, the clsact
 * qdisc only when bpf_tc_hook_create made it (EEXIST means it was there).
 * tc filters are netlink state, not links: a SIGKILLed ecli leaves them.
 */
#define _GNU_SOURCE
#include "rtmin_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/perf_event.h>
#include <mntent.h>
#include <net/if.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <bpf/bpf.h>

enum item_kind { IT_LINK, IT_TC, IT_SOCK, IT_XDP };

struct item {
	enum item_kind kind;
	struct bpf_link *link;
	int fd;			/* socket (IT_SOCK) */
	struct bpf_tc_hook hook;	/* IT_TC */
	struct bpf_tc_opts tc;
	bool hook_created;
	int ifindex;		/* IT_XDP with flags */
	uint32_t xdp_flags;
};

struct rtmin_attach {
	const struct rtmin_pkg *pkg;
	const struct rtmin_run_opts *opts;
	FILE *out;
	struct item *it;
	size_t cnt, cap;
	size_t attached;	/* programs */
	int cgroup_fd;
};

typedef int (*attach_fn)(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta);

static void detach_one(struct item *it);

static struct item *new_item(struct rtmin_attach *a, enum item_kind kind)
{
	struct item *it;

	if (cmn_array_grow((void **)&a->it, &a->cap, a->cnt + 1, sizeof(*a->it)))
		return NULL;
	it = &a->it[a->cnt++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->fd = -1;
	return it;
}

static int add_link(struct rtmin_attach *a, struct bpf_link *link)
{
	struct item *it;
	int err;

	if (!link)
		return -errno;
	it = new_item(a, IT_LINK);
	if (!it) {
		err = -ENOMEM;
		bpf_link__destroy(link);
		return err;
	}
	it->link = link;
	return 0;
}

/* --ifindex, --ifname, the doc key, else `def`. */
static int pick_ifindex(struct rtmin_attach *a, long doc, int def)
{
	if (a->opts->ifindex > 0)
		return a->opts->ifindex;
	if (a->opts->ifname) {
		unsigned idx = if_nametoindex(a->opts->ifname);

		if (!idx) {
			pr_warn("--ifname %s: no such interface\n", a->opts->ifname);
			return -ENODEV;
		}
		return (int)idx;
	}
	return doc > 0 ? (int)doc : def;
}

static int attach_xdp(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta)
{
	int ifindex = pick_ifindex(a, rtmin_meta__int(meta, "ifindex", 1), 1);
	uint32_t flags = (uint32_t)rtmin_meta__int(meta, "flags", 0);
	struct item *it;
	int err;

	if (ifindex < 0)
		return ifindex;
	/* A link detaches itself even on SIGKILL; flags need the netlink API. */
	if (!flags)
		return add_link(a, bpf_program__attach_xdp(p, ifindex));
	err = bpf_xdp_attach(ifindex, bpf_program__fd(p), flags, NULL);
	if (err)
		return err;
	it = new_item(a, IT_XDP);
	if (!it) {
		bpf_xdp_detach(ifindex, flags, NULL);
		return -ENOMEM;
	}
	it->ifindex = ifindex;
	it->xdp_flags = flags;
	return 0;
}

static enum bpf_tc_attach_point tc_point(const cJSON *hook, const char *sec, int *err)
{
	const char *ap = rtmin_meta__str(hook, "attach_point");

	*err = 0;
	if (ap && strcmp(ap, "BPF_TC_EGRESS") == 0)
		return BPF_TC_EGRESS;
	if (ap && strcmp(ap, "BPF_TC_CUSTOM") == 0)
		*err = -EOPNOTSUPP;
	if (!ap && strstr(sec, "egress"))
		return BPF_TC_EGRESS;
	return BPF_TC_INGRESS;
}

/*
 * tc: our clsact hook (created unless it exists: then it is not ours to
 * remove) and our filter. The item is kept only when the filter is in.
 */
static int attach_tc(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta)
{
	const cJSON *hook = cJSON_GetObjectItemCaseSensitive(meta, "tchook");
	const cJSON *tcopts = cJSON_GetObjectItemCaseSensitive(meta, "tcopts");
	struct item t = { .kind = IT_TC, .fd = -1 }, *it;
	int err, ifindex = pick_ifindex(a, rtmin_meta__int(hook, "ifindex", 1), 1);

	if (ifindex < 0)
		return ifindex;
	t.hook.sz = sizeof(t.hook);
	t.hook.ifindex = ifindex;
	t.hook.attach_point = tc_point(hook, bpf_program__section_name(p), &err);
	if (err) {
		pr_warn("program '%s': tc attach point BPF_TC_CUSTOM is not supported\n",
			bpf_program__name(p));
		return err;
	}
	err = bpf_tc_hook_create(&t.hook);
	if (err && err != -EEXIST)
		return err;
	t.hook_created = !err;
	t.tc.sz = sizeof(t.tc);
	t.tc.handle = (uint32_t)rtmin_meta__int(tcopts, "handle", 1);
	t.tc.priority = (uint32_t)rtmin_meta__int(tcopts, "priority", 1);
	t.tc.prog_fd = bpf_program__fd(p);
	err = bpf_tc_attach(&t.hook, &t.tc);
	if (!err && !(it = new_item(a, IT_TC))) {
		detach_one(&t);
		return -ENOMEM;
	}
	if (err) {
		if (t.hook_created) {
			t.hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
			bpf_tc_hook_destroy(&t.hook);
		}
		return err;
	}
	*it = t;
	return 0;
}

static int attach_socket(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	int fd, prog_fd = bpf_program__fd(p), err, ifindex = pick_ifindex(a, 0, 0);
	struct item *it;

	if (ifindex < 0)
		return ifindex;
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (fd < 0)
		return -errno;
	sll.sll_ifindex = ifindex;	/* 0: every interface */
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) ||
	    setsockopt(fd, SOL_SOCKET, SO_ATTACH_BPF, &prog_fd, sizeof(prog_fd))) {
		err = -errno;
		close(fd);
		return err;
	}
	it = new_item(a, IT_SOCK);
	if (!it) {
		close(fd);
		return -ENOMEM;
	}
	it->fd = fd;
	return 0;
}

/* --cgroup, else the first cgroup v2 mount. */
static int cgroup_fd(struct rtmin_attach *a)
{
	struct mntent *m;
	char *path = NULL;
	FILE *f;

	if (a->cgroup_fd >= 0)
		return a->cgroup_fd;
	if (a->opts->cgroup) {
		path = cmn_strdup(a->opts->cgroup);
	} else if ((f = setmntent("/proc/self/mounts", "r"))) {
		while (!path && (m = getmntent(f)))
			if (strcmp(m->mnt_type, "cgroup2") == 0)
				path = cmn_strdup(m->mnt_dir);
		endmntent(f);
	}
	if (!path) {
		pr_warn("no cgroup v2 mount found: pass --cgroup PATH\n");
		return -ENOENT;
	}
	a->cgroup_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (a->cgroup_fd < 0)
		pr_warn("cgroup %s: %s\n", path, strerror(errno));
	free(path);
	return a->cgroup_fd < 0 ? -errno : a->cgroup_fd;
}

static int attach_cgroup(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta)
{
	int fd = cgroup_fd(a);

	if (fd < 0)
		return fd;
	return add_link(a, bpf_program__attach_cgroup(p, fd));
}

static int perf_open(int cpu, int freq, bool hw)
{
	struct perf_event_attr attr = {
		.size = sizeof(attr),
		.type = hw ? PERF_TYPE_HARDWARE : PERF_TYPE_SOFTWARE,
		.config = hw ? PERF_COUNT_HW_CPU_CYCLES : PERF_COUNT_SW_CPU_CLOCK,
		.freq = 1,
		.sample_freq = (uint64_t)freq,
	};

	return (int)syscall(__NR_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

/* Every CPU at --freq; the software cpu-clock when there is no hardware counter. */
static int attach_perf(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta)
{
	int ncpu = libbpf_num_possible_cpus(), cpu, fd, err, n = 0;
	bool hw = true;

	if (ncpu < 0)
		return ncpu;
	for (cpu = 0; cpu < ncpu; cpu++) {
		fd = hw ? perf_open(cpu, a->opts->freq, true) : -1;
		if (fd < 0 && hw && (errno == ENOENT || errno == EOPNOTSUPP || errno == EINVAL)) {
			hw = false;
			pr_info("no hardware cycle counter: using the software cpu-clock\n");
		}
		if (fd < 0)
			fd = perf_open(cpu, a->opts->freq, false);
		if (fd < 0) {
			if (errno == ENODEV)	/* offline CPU */
				continue;
			return -errno;
		}
		err = add_link(a, bpf_program__attach_perf_event(p, fd));
		if (err) {
			close(fd);
			return err;
		}
		n++;
	}
	return n ? 0 : -ENODEV;
}

/* Run an iterator once and print what it writes. */
static int attach_iter(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta)
{
	struct bpf_link *link = bpf_program__attach_iter(p, NULL);
	char buf[4096];
	ssize_t n;
	int fd, err = 0;

	if (!link)
		return -errno;
	fd = bpf_iter_create(bpf_link__fd(link));
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, a->out);
	if (n < 0)
		err = -errno;
	fflush(a->out);
	close(fd);
out:
	bpf_link__destroy(link);
	return err;
}

/* The first executable PATH entry holding `name`; caller frees. */
static char *search_path(const char *name, size_t len)
{
	const char *path = getenv("PATH"), *p, *end;
	char *cand;

	for (p = path; p && *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		cand = cmn_asprintf("%.*s/%.*s", (int)(end - p), p, (int)len, name);
		if (cand && access(cand, X_OK) == 0)
			return cand;
		free(cand);
	}
	return NULL;
}

/*
 * uprobe/BINARY:FUNC with a bare BINARY name: libbpf 1.1 wants a path, so
 * look the name up in PATH like a shell would. Paths go to libbpf as is.
 */
static int attach_uprobe(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta)
{
	const char *sec = bpf_program__section_name(p), *bin = strchr(sec, '/'), *colon;
	LIBBPF_OPTS(bpf_uprobe_opts, uo);
	char *path, *func;
	int err;

	bin = bin ? bin + 1 : NULL;
	colon = bin ? strchr(bin, ':') : NULL;
	if (!bin || !colon || memchr(bin, '/', (size_t)(colon - bin)) || strchr(colon, '+'))
		return add_link(a, bpf_program__attach(p));
	path = search_path(bin, (size_t)(colon - bin));
	if (!path) {
		pr_warn("program '%s': '%.*s' is not found in PATH\n", bpf_program__name(p),
			(int)(colon - bin), bin);
		return -ENOENT;
	}
	func = cmn_strdup(colon + 1);
	uo.func_name = func;
	uo.retprobe = strncmp(sec, "uretprobe", 9) == 0;
	err = add_link(a, bpf_program__attach_uprobe_opts(p, -1, path, 0, &uo));
	free(func);
	free(path);
	return err;
}

static int attach_auto(struct rtmin_attach *a, struct bpf_program *p, const cJSON *meta)
{
	return add_link(a, bpf_program__attach(p));
}

/* Section prefix -> how to attach; first match wins, the last is the default. */
static const struct {
	const char *prefix;
	attach_fn fn;
} attach_table[] = {
	{ "xdp", attach_xdp },
	{ "tc", attach_tc },
	{ "classifier", attach_tc },
	{ "socket", attach_socket },
	{ "cgroup", attach_cgroup },
	{ "sockops", attach_cgroup },
	{ "perf_event", attach_perf },
	{ "iter/", attach_iter },
	{ "iter.s/", attach_iter },
	{ "uprobe", attach_uprobe },
	{ "uretprobe", attach_uprobe },
	{ "", attach_auto },
};

struct rtmin_attach *rtmin_attach__new(const struct rtmin_pkg *pkg,
				       const struct rtmin_run_opts *opts, FILE *out)
{
	struct rtmin_attach *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->pkg = pkg;
	a->opts = opts;
	a->out = out;
	a->cgroup_fd = -1;
	return a;
}

int rtmin_attach__all(struct rtmin_attach *a, struct rtmin_loaded *l)
{
	struct bpf_program *p;
	size_t i, k = 0;
	int err;

	bpf_object__for_each_program(p, l->obj) {
		const char *sec = bpf_program__section_name(p);
		struct rtmin_prog_status *st = &l->st[k++];

		if (!bpf_program__autoload(p) || st->reason)
			continue;
		for (i = 0; strncmp(sec, attach_table[i].prefix, strlen(attach_table[i].prefix)); i++)
			;
		err = attach_table[i].fn(a, p, rtmin_meta__find(a->pkg, "progs", bpf_program__name(p)));
		if (err == -ENOMEM)
			return err;
		if (err) {
			st->reason = cmn_asprintf("cannot attach (%s): %s", sec, strerror(-err));
			pr_warn("%s: program '%s' %s\n", a->pkg->path, st->name,
				st->reason ? st->reason : "cannot attach");
			continue;
		}
		pr_info("attached program '%s' (%s)\n", st->name, sec);
		a->attached++;
	}
	return 0;
}

size_t rtmin_attach__count(const struct rtmin_attach *a)
{
	return a ? a->attached : 0;
}

size_t rtmin_attach__persistent(const struct rtmin_attach *a)
{
	return a ? a->cnt : 0;
}

static void detach_one(struct item *it)
{
	switch (it->kind) {
	case IT_LINK:
		bpf_link__destroy(it->link);
		break;
	case IT_SOCK:
		close(it->fd);
		break;
	case IT_XDP:
		bpf_xdp_detach(it->ifindex, it->xdp_flags, NULL);
		break;
	case IT_TC:
		it->tc.flags = it->tc.prog_fd = it->tc.prog_id = 0;
		bpf_tc_detach(&it->hook, &it->tc);
		if (it->hook_created) {
			it->hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
			bpf_tc_hook_destroy(&it->hook);
		}
		break;
	}
}

void rtmin_attach__free(struct rtmin_attach *a)
{
	size_t i;

	if (!a)
		return;
	for (i = a->cnt; i > 0; i--)
		detach_one(&a->it[i - 1]);
	if (a->cgroup_fd >= 0)
		close(a->cgroup_fd);
	free(a->it);
	free(a);
}
