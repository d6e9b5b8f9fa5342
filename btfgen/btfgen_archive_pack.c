// SPDX-License-Identifier: MIT
/*
 * btfgen_archive__pack: walk a btfhub-archive tree, tailor every kernel BTF
 * to one object with `bpftool gen min_core_btf` on a small thread pool, and
 * pack the results with the package into a reproducible tar.
 *
 * Threads rather than fork: each worker only spawns bpftool (posix_spawn via
 * cmn_proc_run) and decompresses with libarchive, both safe per thread, and
 * the shared state is one queue index and one counter under a mutex.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"
#include "btfgen_archive.h"

/* Progress lines are printed for runs of at least this many kernels. */
#define PROGRESS_MIN_KERNELS 20
#define XZ_SUFFIX ".btf.tar.xz"
#define BTF_SUFFIX ".btf"

struct kernel_job {
	char *src; /* the input file under the archive dir */
	char *rel; /* <distro>/<version>/<arch>/<kernel>.btf */
	char *out; /* the tailored BTF in the temp dir */
	bool xz;
};

struct pack_ctx {
	const struct btfgen_archive_opts *opts;
	char *tmpdir;
	char *bpftool;
	struct kernel_job *jobs;
	size_t cnt;
	size_t cap;
	pthread_mutex_t lock;
	size_t next; /* next job to hand out */
	size_t done;
	int err; /* first failure; stops handing out jobs */
};

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

static int add_job(struct pack_ctx *c, const char *src, const char *rel_dir, const char *name)
{
	struct kernel_job *j;
	bool xz = has_suffix(name, XZ_SUFFIX);
	int err, keep = (int)(strlen(name) - (xz ? strlen(".tar.xz") : 0));

	err = cmn_array_grow((void **)&c->jobs, &c->cap, c->cnt + 1, sizeof(*c->jobs));
	if (err)
		return err;
	j = &c->jobs[c->cnt];
	memset(j, 0, sizeof(*j));
	j->src = cmn_strdup(src);
	j->rel = cmn_asprintf("%s/%.*s", rel_dir, keep, name);
	j->xz = xz;
	if (!j->src || !j->rel) {
		free(j->src);
		free(j->rel);
		return -ENOMEM;
	}
	c->cnt++;
	return 0;
}

/*
 * Depth 0..2 are <distro>, <version>, <arch> directories; depth 3 holds the
 * kernel files. The fixed depth also bounds symlink loops.
 */
static int walk(struct pack_ctx *c, const char *dir, const char *rel, int depth)
{
	struct dirent *de;
	DIR *d;
	int err = 0;

	d = opendir(dir);
	if (!d) {
		err = -errno;
		pr_warn("btfgen: cannot read directory %s: %s\n", dir, strerror(-err));
		return err;
	}
	while (!err && (errno = 0, de = readdir(d))) {
		char *path, *sub = NULL;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path = cmn_asprintf("%s/%s", dir, de->d_name);
		if (!path) {
			err = -ENOMEM;
			break;
		}
		if (stat(path, &st) < 0) {
			pr_debug("btfgen: skipping %s: %s\n", path, strerror(errno));
		} else if (depth < 3 && S_ISDIR(st.st_mode)) {
			sub =
			    *rel ? cmn_asprintf("%s/%s", rel, de->d_name) : cmn_strdup(de->d_name);
			err = sub ? walk(c, path, sub, depth + 1) : -ENOMEM;
		} else if (depth == 3 && S_ISREG(st.st_mode) &&
			   (has_suffix(de->d_name, BTF_SUFFIX) ||
			    has_suffix(de->d_name, XZ_SUFFIX))) {
			err = add_job(c, path, rel, de->d_name);
		} else {
			pr_debug(
			    "btfgen: ignoring %s (not <distro>/<version>/<arch>/<kernel>.btf)\n",
			    path);
		}
		free(sub);
		free(path);
	}
	if (!err && errno) {
		err = -errno;
		pr_warn("btfgen: cannot read directory %s: %s\n", dir, strerror(-err));
	}
	closedir(d);
	return err;
}

static int job_cmp(const void *a, const void *b)
{
	const struct kernel_job *x = a, *y = b;
	int r = strcmp(x->rel, y->rel);

	/* plain .btf before .btf.tar.xz of the same kernel: the plain one wins */
	return r ? r : (int)x->xz - (int)y->xz;
}

static void job_free(struct kernel_job *j)
{
	free(j->src);
	free(j->rel);
	free(j->out);
}

/* Sort by tar name and drop a .btf.tar.xz shadowed by the same kernel's .btf. */
static void sort_jobs(struct pack_ctx *c)
{
	size_t i, w = 0;

	if (c->cnt > 1)
		qsort(c->jobs, c->cnt, sizeof(*c->jobs), job_cmp);
	for (i = 0; i < c->cnt; i++) {
		if (w && strcmp(c->jobs[w - 1].rel, c->jobs[i].rel) == 0) {
			pr_info("btfgen: %s: using the plain .btf next to it\n", c->jobs[i].src);
			job_free(&c->jobs[i]);
			continue;
		}
		c->jobs[w++] = c->jobs[i];
	}
	c->cnt = w;
}

/* bpftool from the option, else PATH, else /usr/sbin (root's tools). */
/* bpftool from the options, else $PATH, else Debian's /usr/sbin (not in a user's PATH). */
static char *find_bpftool(const char *given)
{
	char *found;

	if (given)
		return cmn_strdup(given);
	found = cmn_which("bpftool");
	if (!found && access("/usr/sbin/bpftool", X_OK) == 0)
		return cmn_strdup("/usr/sbin/bpftool");
	return found;
}

/* Run bpftool on one kernel; the message names the kernel file. */
static int run_bpftool(struct pack_ctx *c, struct kernel_job *j, const char *in)
{
	char *argv[] = {c->bpftool, "gen",  "min_core_btf",
			(char *)in, j->out, (char *)c->opts->bpf_obj_path,
			NULL};
	struct cmn_proc_result res;
	int err;

	err = cmn_proc_run(argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL,
			   &res);
	if (err) {
		pr_warn("btfgen: cannot run %s: %s\n", c->bpftool, strerror(-err));
		return err;
	}
	if (res.status != 0 || !cmn_file_exists(j->out)) {
		pr_warn("btfgen: bpftool gen min_core_btf failed for %s (exit %d): %s", j->src,
			res.status, res.err && *res.err ? res.err : "no output\n");
		err = -EINVAL;
	}
	cmn_proc_result__free(&res);
	return err;
}

static int process_job(struct pack_ctx *c, size_t idx)
{
	struct kernel_job *j = &c->jobs[idx];
	char *in = NULL;
	int err;

	j->out = cmn_asprintf("%s/out-%zu.btf", c->tmpdir, idx);
	if (!j->out)
		return -ENOMEM;
	if (j->xz) {
		in = cmn_asprintf("%s/in-%zu.btf", c->tmpdir, idx);
		if (!in)
			return -ENOMEM;
		err = btfgen_archive__extract_xz(j->src, in);
		if (err)
			goto out;
	}
	err = run_bpftool(c, j, in ? in : j->src);
out:
	if (in)
		unlink(in); /* inputs are large: do not keep hundreds of them */
	free(in);
	return err;
}

static void report_progress(struct pack_ctx *c, size_t idx)
{
	size_t step = c->cnt / 10 ? c->cnt / 10 : 1;

	if (c->opts->verbose)
		pr_info("btfgen: [%zu/%zu] %s\n", c->done, c->cnt, c->jobs[idx].rel);
	else if (c->cnt >= PROGRESS_MIN_KERNELS && (c->done % step == 0 || c->done == c->cnt))
		pr_warn("btfgen: %zu/%zu kernels done\n", c->done, c->cnt);
}

static void *worker(void *arg)
{
	struct pack_ctx *c = arg;
	size_t idx;
	int err;

	for (;;) {
		pthread_mutex_lock(&c->lock);
		if (c->err || c->next >= c->cnt) {
			pthread_mutex_unlock(&c->lock);
			return NULL;
		}
		idx = c->next++;
		pthread_mutex_unlock(&c->lock);

		err = process_job(c, idx);

		pthread_mutex_lock(&c->lock);
		if (err && !c->err)
			c->err = err;
		if (!err) {
			c->done++;
			report_progress(c, idx);
		}
		pthread_mutex_unlock(&c->lock);
	}
}

static int run_pool(struct pack_ctx *c)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = c->opts->jobs > 0 ? (size_t)c->opts->jobs : (ncpu > 0 ? (size_t)ncpu : 1);
	pthread_t *th;
	size_t i, started = 0;
	int err = 0;

	if (n > c->cnt)
		n = c->cnt;
	th = calloc(n, sizeof(*th));
	if (!th)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		err = -pthread_create(&th[i], NULL, worker, c);
		if (err)
			break;
		started++;
	}
	if (!started)
		worker(c); /* could not start any thread: do the work here */
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	free(th);
	return c->err;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int write_tar(struct pack_ctx *c)
{
	const struct btfgen_archive_opts *o = c->opts;
	struct btfgen_tar *t = btfgen_tar__new();
	size_t i;
	int err;

	if (!t)
		return -ENOMEM;
	err = btfgen_tar__add_file(t, "package.json", o->package_json);
	if (!err)
		err = btfgen_tar__add_file(t, base_name(o->bpf_obj_path), o->bpf_obj_path);
	for (i = 0; i < c->cnt && !err; i++) {
		char *name = cmn_asprintf(BTFGEN_ARCHIVE_TREE "/%s", c->jobs[i].rel);

		err = name ? btfgen_tar__add_file(t, name, c->jobs[i].out) : -ENOMEM;
		free(name);
	}
	if (!err)
		err = btfgen_tar__write(t, o->out_tar);
	btfgen_tar__free(t);
	return err;
}

static bool is_elf(const char *path)
{
	unsigned char magic[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = read(fd, magic, 4) == 4 && !memcmp(magic,
						"\x7f"
						"ELF",
						4);
	close(fd);
	return ok;
}

static int check_inputs(const struct btfgen_archive_opts *o)
{
	if (o && !o->archive_dir) {
		pr_warn("btfgen: --btfgen needs --btfhub-archive DIR (a btfhub-archive tree)\n");
		return -EINVAL;
	}
	if (!o || !o->bpf_obj_path || !o->package_json || !o->out_tar) {
		pr_warn("btfgen: object, package.json, archive dir and output are all required\n");
		return -EINVAL;
	}
	if (!cmn_file_exists(o->bpf_obj_path)) {
		pr_warn("btfgen: BPF object %s not found\n", o->bpf_obj_path);
		return -ENOENT;
	}
	if (!is_elf(o->bpf_obj_path)) {
		pr_warn("btfgen: %s is not an ELF object (give the compiled .bpf.o)\n",
			o->bpf_obj_path);
		return -EINVAL;
	}
	if (!cmn_file_exists(o->package_json)) {
		pr_warn("btfgen: package %s not found\n", o->package_json);
		return -ENOENT;
	}
	if (!cmn_is_dir(o->archive_dir)) {
		pr_warn("btfgen: btfhub archive directory %s not found\n", o->archive_dir);
		return -ENOENT;
	}
	return 0;
}

static int collect(struct pack_ctx *c)
{
	const char *dir = c->opts->archive_dir;
	int err;

	err = walk(c, dir, "", 0);
	if (err)
		return err;
	sort_jobs(c);
	if (!c->cnt) {
		pr_warn("btfgen: no kernel BTF (<distro>/<version>/<arch>/<kernel>.btf or "
			".btf.tar.xz) under %s\n",
			dir);
		return -ENOENT;
	}
	return 0;
}

int btfgen_archive__pack(const struct btfgen_archive_opts *opts)
{
	struct pack_ctx c = {.opts = opts};
	size_t i;
	int err;

	err = check_inputs(opts);
	if (err)
		return err;
	pthread_mutex_init(&c.lock, NULL);
	err = collect(&c);
	if (err)
		goto out;
	c.bpftool = find_bpftool(opts->bpftool_bin);
	if (!c.bpftool) {
		err = -errno;
		pr_warn("btfgen: bpftool not found in PATH or /usr/sbin (install bpftool)\n");
		goto out;
	}
	c.tmpdir = cmn_mkdtemp("ecc-btfgen");
	if (!c.tmpdir) {
		err = -errno;
		pr_warn("btfgen: cannot create a temporary directory: %s\n", strerror(-err));
		goto out;
	}
	pr_info("btfgen: tailoring %zu kernel BTF files to %s\n", c.cnt, opts->bpf_obj_path);
	err = run_pool(&c);
	if (!err)
		err = write_tar(&c);
out:
	if (c.tmpdir)
		cmn_rm_rf(c.tmpdir);
	free(c.tmpdir);
	free(c.bpftool);
	for (i = 0; i < c.cnt; i++)
		job_free(&c.jobs[i]);
	free(c.jobs);
	pthread_mutex_destroy(&c.lock);
	return err;
}
