/* SPDX-License-Identifier: MIT */
/*
 * Runs the hand-written guests under `ecli run` (wasmi_run) and checks
 * what they print, their exit status and what they did to the file system.
 *   test_wasmi_guests SCENARIO WASMI_RUN GUEST_DIR
 * (scenario "ecli" takes the ecli binary in place of WASMI_RUN)
 * Exit 77 = skipped (reason printed).
 */
#define _GNU_SOURCE
#include "common.h"
#include "tassert.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SKIP 77
#define RUN_TIMEOUT_MS 30000

struct run {
	int status; /* exit code, or 128 + signal */
	pid_t pid;
	struct cmn_buf out;
	struct cmn_buf err;
	long ms; /* from the signal to the exit */
};

static const char *runner, *gdir;

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void child(int in, int out, int err, char *const argv[])
{
	dup2(in, 0);
	dup2(out, 1);
	dup2(err, 2);
	execv(argv[0], argv);
	_exit(127);
}

/* Pump the child's output; send signo once it printed "ready". */
static void pump(struct run *r, int out, int err, int signo)
{
	struct pollfd p[2] = {{.fd = out, .events = POLLIN}, {.fd = err, .events = POLLIN}};
	long start = now_ms(), sent = 0;
	char buf[4096];
	int open_fds = 2, i;
	ssize_t n;

	while (open_fds > 0 && now_ms() - start < RUN_TIMEOUT_MS) {
		if (poll(p, 2, 200) < 0 && errno != EINTR)
			break;
		for (i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP)))
				continue;
			n = read(p[i].fd, buf, sizeof(buf));
			if (n <= 0) {
				p[i].fd = -1;
				open_fds--;
				continue;
			}
			cmn_buf__append(i ? &r->err : &r->out, buf, (size_t)n);
		}
		if (signo && !sent && r->out.ptr && strstr(r->out.ptr, "ready\n")) {
			usleep(200000); /* let it get into its loop or sleep */
			kill(r->pid, signo);
			sent = now_ms();
		}
	}
	if (open_fds > 0) {
		fprintf(stderr, "timeout: killing the guest\n");
		kill(r->pid, SIGKILL);
	}
	r->ms = sent ? now_ms() - sent : 0;
}

static int run(struct run *r, const char *stdin_text, int signo, char *const argv[])
{
	int in[2], out[2], err[2], st;

	memset(r, 0, sizeof(*r));
	/* CLOEXEC: the child must not hold the write end of its own stdin */
	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		return -errno;
	r->pid = fork();
	if (r->pid == 0)
		child(in[0], out[1], err[1], argv);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	if (stdin_text && write(in[1], stdin_text, strlen(stdin_text)) < 0)
		perror("write");
	close(in[1]);
	pump(r, out[0], err[0], signo);
	close(out[0]);
	close(err[0]);
	waitpid(r->pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	cmn_buf__puts(&r->out, "");
	cmn_buf__puts(&r->err, "");
	if (r->status != 0)
		fprintf(stderr, "[status %d] stderr: %s\n", r->status, r->err.ptr);
	return 0;
}

static void run_free(struct run *r)
{
	cmn_buf__free(&r->out);
	cmn_buf__free(&r->err);
}

static char *guest(const char *name)
{
	return cmn_asprintf("%s/%s.wasm", gdir, name);
}

/* Does text contain this exact line? */
static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line))) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return true;
		p++;
	}
	return false;
}

#define T_LINE(text, line)                                                                         \
	do {                                                                                       \
		if (has_line((text), (line)))                                                      \
			t_pass++;                                                                  \
		else                                                                               \
			T_FAIL_AT("no line \"%s\" in:\n%s", (line), (text));                       \
	} while (0)

#define T_HAS(text, sub)                                                                           \
	do {                                                                                       \
		if (strstr((text), (sub)))                                                         \
			t_pass++;                                                                  \
		else                                                                               \
			T_FAIL_AT("no \"%s\" in:\n%s", (sub), (text));                             \
	} while (0)

/* The integer after "prefix" at the start of a line, or LLONG_MIN. */
static long long value_after(const char *text, const char *prefix)
{
	const char *p = text;
	size_t n = strlen(prefix);

	while ((p = strstr(p, prefix))) {
		if (p == text || p[-1] == '\n')
			return strtoll(p + n, NULL, 0);
		p++;
	}
	return -0x7fffffffffffffffLL;
}

#define ARGV(...) ((char *const[]){(char *)runner, __VA_ARGS__, NULL})

static int t_hello(void)
{
	struct run r, r2;
	char *g = guest("hello");

	run(&r, NULL, 0, ARGV(g, "a", "b c"));
	T_EQ_INT(0, r.status);
	T_LINE(r.out.ptr, "hello from wasm");
	T_HAS(r.out.ptr, "argv[0]=");
	T_TRUE(strstr(r.out.ptr, g) != NULL); /* argv[0] is the module path */
	T_LINE(r.out.ptr, "argv[1]=a");
	T_LINE(r.out.ptr, "argv[2]=b c");
	T_LINE(r.out.ptr, "environ=0"); /* no host environment by default */
	run_free(&r);
	run(&r, NULL, 0, ARGV("--env", "A=1", "--env=B=x=y", g));
	T_EQ_INT(0, r.status);
	T_LINE(r.out.ptr, "env: A=1");
	T_LINE(r.out.ptr, "env: B=x=y");
	T_LINE(r.out.ptr, "environ=2");
	run_free(&r);
	/* clocks and poll_oneoff: the guest measures its own sleep */
	run(&r, NULL, 0, ARGV(g, "sleep", "60"));
	T_TRUE(value_after(r.out.ptr, "slept_ms=") >= 59);
	T_TRUE(value_after(r.out.ptr, "slept_ms=") < 2000);
	run_free(&r);
	/* random_get: 16 bytes, different on each run */
	run(&r, NULL, 0, ARGV(g, "random"));
	run(&r2, NULL, 0, ARGV(g, "random"));
	T_HAS(r.out.ptr, "random=");
	T_TRUE(strstr(r.out.ptr, "random=") && strstr(r2.out.ptr, "random=") &&
	       strncmp(strstr(r.out.ptr, "random="), strstr(r2.out.ptr, "random="), 39) != 0);
	run_free(&r);
	run_free(&r2);
	/* the memory cap holds; under it the same allocation works */
	run(&r, NULL, 0, ARGV("--max-memory", "16", g, "alloc", "64"));
	T_EQ_INT(0, r.status);
	T_LINE(r.out.ptr, "alloc failed");
	run_free(&r);
	run(&r, NULL, 0, ARGV("--max-memory", "128", g, "alloc", "64"));
	T_LINE(r.out.ptr, "alloc ok");
	run_free(&r);
	free(g);
	return 0;
}

static int t_exit_code(void)
{
	char *g = guest("hello"), *bad = cmn_asprintf("%s/../CMakeCache.txt", gdir);
	struct run r;

	run(&r, NULL, 0, ARGV(g, "exit", "42"));
	T_EQ_INT(42, r.status);
	run_free(&r);
	run(&r, NULL, 0, ARGV("--max-memory", "lots", g));
	T_EQ_INT(2, r.status);
	T_HAS(r.err.ptr, "--max-memory");
	run_free(&r);
	run(&r, NULL, 0, ARGV("--bogus", g));
	T_EQ_INT(2, r.status);
	T_HAS(r.err.ptr, "--bogus");
	run_free(&r);
	run(&r, NULL, 0, ARGV("--dir"));
	T_EQ_INT(2, r.status);
	run_free(&r);
	run(&r, NULL, 0, ARGV("--env", "NOVALUE", g));
	T_EQ_INT(2, r.status);
	T_HAS(r.err.ptr, "NOVALUE");
	run_free(&r);
	free(bad);
	/* a module without _start (a library): named, exit 1 */
	bad = guest("calc");
	run(&r, NULL, 0, ARGV(bad));
	T_EQ_INT(1, r.status);
	T_HAS(r.err.ptr, "_start");
	run_free(&r);
	free(bad);
	bad = cmn_asprintf("%s/../CMakeCache.txt", gdir);
	run(&r, NULL, 0, ARGV("/nonexistent/app.wasm"));
	T_EQ_INT(1, r.status);
	T_HAS(r.err.ptr, "/nonexistent/app.wasm");
	run_free(&r);
	run(&r, NULL, 0, ARGV("--dir", "/nonexistent-grant", g));
	T_EQ_INT(1, r.status);
	T_HAS(r.err.ptr, "/nonexistent-grant");
	run_free(&r);
	/* not a Wasm module: the engine's message, exit 1, no crash */
	run(&r, NULL, 0, ARGV(bad));
	T_EQ_INT(1, r.status);
	T_HAS(r.err.ptr, "CMakeCache.txt");
	run_free(&r);
	free(g);
	free(bad);
	return 0;
}

static int t_stdin(void)
{
	char *g = guest("hello");
	struct run r;

	run(&r, "line one\nline two\n", 0, ARGV(g, "cat", "stderr"));
	T_EQ_INT(0, r.status);
	T_LINE(r.out.ptr, "stdin: line one");
	T_LINE(r.out.ptr, "stdin: line two");
	T_LINE(r.err.ptr, "to stderr");
	run_free(&r);
	free(g);
	return 0;
}

static int t_unknown_import(void)
{
	char *g = guest("unknown_import");
	struct run r;

	static const char *const named[] = {
	    "wasm_bpf.wasm_close_bpf_object", /* right name, wrong type */
	    "wasi_snapshot_preview1.fd_magic",
	    "wasm_bpf.wasm_bpf_teleport",
	};
	char name[32];
	size_t i;

	run(&r, NULL, 0, ARGV(g));
	T_EQ_INT(1, r.status);
	T_HAS(r.err.ptr, "env.mystery_function");
	run_free(&r);
	free(g);
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		snprintf(name, sizeof(name), "bad_sig%zu", i + 1);
		g = guest(name);
		run(&r, NULL, 0, ARGV(g));
		T_EQ_INT(1, r.status);
		T_HAS(r.err.ptr, named[i]);
		run_free(&r);
		free(g);
	}
	return 0;
}

static void put(const char *dir, const char *name, const char *text)
{
	char *p = cmn_asprintf("%s/%s", dir, name);

	T_EQ_INT(0, cmn_write_file_atomic(p, text, strlen(text), 0644));
	free(p);
}

static int t_sandbox(void)
{
	char *root = cmn_mkdtemp("wasmi-sandbox"), *grant, *spec, *p, *data = NULL;
	char *g = guest("files");
	struct run r;
	size_t len;

	grant = cmn_asprintf("%s/grant", root);
	p = cmn_asprintf("%s/sub", grant);
	cmn_mkdir_p(p, 0755);
	free(p);
	put(grant, "in.txt", "granted text\n");
	put(root, "outside.txt", "secret\n");
	p = cmn_asprintf("%s/link_out", grant);
	T_EQ_INT(0, symlink("/etc/passwd", p));
	free(p);
	p = cmn_asprintf("%s/link_up", grant);
	T_EQ_INT(0, symlink("../outside.txt", p));
	free(p);
	spec = cmn_asprintf("%s:/data", grant);
	run(&r, NULL, 0, ARGV("--dir", spec, g));
	T_EQ_INT(0, r.status);
	T_LINE(r.out.ptr, "read: granted text");
	T_LINE(r.out.ptr, "size: 13");
	T_LINE(r.out.ptr, "listed in.txt type=file");
	T_LINE(r.out.ptr, "listed sub type=dir");
	T_TRUE(!strstr(r.out.ptr, "ESCAPED"));
	T_HAS(r.out.ptr, "denied /data/../outside.txt");
	T_HAS(r.out.ptr, "denied /etc/passwd");
	T_HAS(r.out.ptr, "denied /data/link_out");
	T_HAS(r.out.ptr, "denied /data/link_up");
	T_LINE(r.out.ptr, "denied /data/../created.txt");
	T_LINE(r.out.ptr, "mkdir=0");
	T_LINE(r.out.ptr, "rename=0");
	T_LINE(r.out.ptr, "mkdir_out=denied");
	T_LINE(r.out.ptr, "rename_out=denied");
	T_LINE(r.out.ptr, "unlink_out=denied");
	T_LINE(r.out.ptr, "unlink_link=0");
	run_free(&r);
	p = cmn_asprintf("%s/outside.txt", root);
	T_TRUE(cmn_file_exists(p)); /* neither unlinked nor replaced */
	free(p);
	p = cmn_asprintf("%s/escdir", root);
	T_TRUE(!cmn_is_dir(p));
	free(p);
	p = cmn_asprintf("%s/made/moved.txt", grant);
	T_EQ_INT(0, cmn_read_file(p, 4096, &data, &len));
	T_EQ_STR("written by the guest\n", data);
	free(p);
	free(data);
	p = cmn_asprintf("%s/created.txt", root);
	T_TRUE(!cmn_file_exists(p));
	free(p);
	/* with -v the refusals are explained on stderr */
	put(grant, "out.txt", "again\n");
	run(&r, NULL, 0, ARGV("-v", "--dir", spec, g));
	T_HAS(r.err.ptr, "sandbox: '../outside.txt' leads outside the --dir grants");
	run_free(&r);
	/* without a grant nothing is visible */
	run(&r, NULL, 0, ARGV(g));
	T_EQ_INT(1, r.status);
	T_HAS(r.out.ptr, "cannot read /data/in.txt");
	run_free(&r);
	cmn_rm_rf(root);
	free(root);
	free(grant);
	free(spec);
	free(g);
	return 0;
}

/* A directory larger than wasi-libc's readdir buffer: cookies must resume right. */
static int t_bigdir(void)
{
	char *dir = cmn_mkdtemp("wasmi-bigdir"), *spec = cmn_asprintf("%s:/big", dir);
	char *g = guest("lsdir"), name[64], *expect;
	unsigned long names = 3; /* "." and ".." */
	struct run r;
	int i;

	for (i = 0; i < 600; i++) {
		/* names of varied length so entries straddle buffer ends */
		snprintf(name, sizeof(name), "f%d_%.*s", i, i % 40,
			 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		put(dir, name, "");
		names += strlen(name);
	}
	run(&r, NULL, 0, ARGV("--dir", spec, g, "/big"));
	T_EQ_INT(0, r.status);
	expect = cmn_asprintf("entries=602 names=%lu", names);
	T_LINE(r.out.ptr, expect);
	free(expect);
	run_free(&r);
	cmn_rm_rf(dir);
	free(dir);
	free(spec);
	free(g);
	return 0;
}

static int t_hostile(void)
{
	static const char *const expect[] = {
	    "args_sizes_get=21",
	    "args_get=21",
	    "environ_sizes_get=21",
	    "environ_get=21",
	    "clock_time_get=21",
	    "clock_res_get=21",
	    "fd_write_iovs=21",
	    "fd_write_buf=21",
	    "fd_write_len=21",
	    "fd_write_ret=21",
	    "fd_read=21",
	    "fd_fdstat_get=21",
	    "fd_filestat_get=21",
	    "fd_seek=21",
	    "fd_prestat_get=21",
	    "fd_prestat_dir_name=21",
	    "path_open=21",
	    "path_open_len=21",
	    "path_open_ret=21",
	    "path_filestat_get=21",
	    "path_filestat_get_path=21",
	    "random_get=21",
	    "poll_oneoff=21",
	    "path_unlink_file=21",
	    "sock_shutdown=52",
	    "load=0",
	    "load_len=0",
	    "attach=-14",
	    "map_fd_by_name=-14",
	    "map_operate=-9",
	    "buffer_poll=-14",
	    "close=-22",
	    "done",
	};
	char *dir = cmn_mkdtemp("wasmi-hostile"), *spec = cmn_asprintf("%s:/data", dir);
	char *g = guest("hostile");
	struct run r;
	size_t i;

	put(dir, "in.txt", "x");
	run(&r, NULL, 0, ARGV("--dir", spec, g));
	T_EQ_INT(0, r.status);
	for (i = 0; i < sizeof(expect) / sizeof(expect[0]); i++)
		T_LINE(r.out.ptr, expect[i]);
	run_free(&r);
	cmn_rm_rf(dir);
	free(dir);
	free(spec);
	free(g);
	return 0;
}

static int t_signal(int signo, const char *mode)
{
	char *g = guest("spin");
	struct run r;

	if (mode)
		run(&r, NULL, signo, ARGV(g, (char *)mode));
	else
		run(&r, NULL, signo, ARGV(g));
	T_EQ_INT(128 + signo, r.status);
	T_LINE(r.out.ptr, "ready"); /* output written before the signal survives */
	T_TRUE(r.ms < 5000);
	T_TRUE(!strstr(r.err.ptr, "trap")); /* an interrupt is not reported as a trap */
	run_free(&r);
	free(g);
	return 0;
}

static int t_invoke(void)
{
	char *g = guest("calc");
	struct run r;

	run(&r, NULL, 0, ARGV("--invoke", "add", g, "2", "-5"));
	T_EQ_INT(0, r.status);
	T_EQ_STR("-3\n", r.out.ptr);
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "add", g, "010", "0x10"));
	T_EQ_STR("26\n", r.out.ptr); /* decimal unless 0x: no octal surprise */
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "add", g, "4294967295", "1"));
	T_EQ_STR("0\n", r.out.ptr); /* i32 wraps as the unsigned spelling says */
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "add", g, "4294967296", "1"));
	T_EQ_INT(1, r.status); /* out of i32 range */
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "fib", g, "20"));
	T_EQ_STR("6765\n", r.out.ptr);
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke=scale", g, "1.5", "3"));
	T_EQ_STR("4.5\n", r.out.ptr);
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "deep", g, "100"));
	T_EQ_STR("100\n", r.out.ptr);
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "divide", g, "1", "0"));
	T_EQ_INT(255, r.status);
	T_HAS(r.err.ptr, "trap");
	run_free(&r);
	run(&r, NULL, 0, ARGV("--max-call-depth", "50", "--invoke", "deep", g, "1000"));
	T_EQ_INT(255, r.status);
	T_HAS(r.err.ptr, "trap");
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "add", g, "1"));
	T_EQ_INT(1, r.status);
	T_HAS(r.err.ptr, "takes 2 argument");
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "add", g, "x", "1"));
	T_EQ_INT(1, r.status);
	T_HAS(r.err.ptr, "'x'");
	run_free(&r);
	run(&r, NULL, 0, ARGV("--invoke", "nosuch", g));
	T_EQ_INT(1, r.status);
	T_HAS(r.err.ptr, "nosuch");
	run_free(&r);
	free(g);
	return 0;
}

static int mount_tracefs(void)
{
	if (access("/sys/kernel/tracing/events/syscalls", F_OK) == 0)
		return 0;
	if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) && errno != EBUSY)
		return -errno;
	return access("/sys/kernel/tracing/events/syscalls", F_OK) ? -errno : 0;
}

static void check_bpf_output(const char *out, pid_t pid, bool cgroup)
{
	char *line;

	T_LINE(out, "loaded");
	T_LINE(out, "attach_openat=0");
	T_LINE(out, "attach_openat2=0");
	T_LINE(out, "attach_missing=-2");
	T_LINE(out, "fds_ok=1");
	/* decoded fields: our child's pid, the probe's .rodata magic, the file it opened */
	line = cmn_asprintf("event src=rb size=96 pid=%d magic=0x5eed1234 "
			    "file=wasmi_trigger_guest comm=wasmi_run",
			    (int)pid);
	T_LINE(out, line);
	free(line);
	/* a perf raw sample is padded to 8 bytes after its u32 size: 96 -> 100 */
	line = cmn_asprintf("event src=pb size=100 pid=%d magic=0x5eed1234 "
			    "file=wasmi_trigger_guest comm=wasmi_run",
			    (int)pid);
	T_LINE(out, line);
	free(line);
	T_TRUE(value_after(out, "rb_polled=") >= 1);
	T_LINE(out, "pb_polled=1");
	T_LINE(out, "event src=small size=8 (truncated)");
	T_TRUE(value_after(out, "small_polled=") >= 1);
	T_HAS(out, "count_lookup=0 count=");
	T_TRUE(value_after(out, "count_lookup=0 count=") >= 2);
	T_LINE(out, "update=0");
	T_LINE(out, "lookup=0 key7=4242");
	T_LINE(out, "next_from_null=0 first_key_ok=1");
	T_LINE(out, "delete=0");
	T_LINE(out, "lookup_deleted=-2");
	T_LINE(out, "rodata_lookup=0 magic=0x5eed1234");
	T_LINE(out, "foreign_fd=-9");
	T_LINE(out, "cgroup_ungranted=-13");
	if (cgroup) {
		T_LINE(out, "cgroup_granted[1]=0");   /* the guest's name for the grant */
		T_LINE(out, "cgroup_granted[2]=0");   /* its host path */
		T_LINE(out, "cgroup_granted[3]=-13"); /* climbing out of the grant */
		T_LINE(out, "cgroup_granted[4]=-13"); /* the host dir holding the grant */
	}
	T_LINE(out, "close=0");
	T_LINE(out, "close_again=-22");
}

static int bpf_preflight(const char *g);

static int t_bpf_e2e(void)
{
	char *dir, *spec, *cg = NULL, *cgspec = NULL, *parent, *child, *g = guest("bpf_probe");
	bool cgroup;
	struct run r;

	if (bpf_preflight(g)) {
		free(g);
		return SKIP;
	}
	dir = cmn_mkdtemp("wasmi-bpf-e2e");
	spec = cmn_asprintf("%s:/data", dir);
	/* A cgroup v2 hierarchy of our own (/sys/fs/cgroup is v1 here), granted as /cg. */
	cg = cmn_mkdtemp("wasmi-cg2");
	cgroup = mount("none", cg, "cgroup2", 0, NULL) == 0;
	if (!cgroup)
		printf("note: cannot mount cgroup2 (%s): granted cgroup attach not tested\n",
		       strerror(errno));
	/* Attach below the root, in a child cgroup no process belongs to. */
	child = cmn_asprintf("%s/wasmi_test", cg);
	if (cgroup && mkdir(child, 0755) && errno != EEXIST)
		cgroup = false;
	cgspec = cmn_asprintf("%s:/cg", child);
	parent = cmn_strdup(child);
	*strrchr(parent, '/') = '\0';
	if (cgroup)
		run(&r, NULL, 0,
		    ARGV("--dir", spec, "--dir", cgspec, g, "/cg", child, "/cg/..", parent));
	else
		run(&r, NULL, 0, ARGV("--dir", spec, g));
	T_EQ_INT(0, r.status);
	check_bpf_output(r.out.ptr, r.pid, cgroup);
	run_free(&r);
	if (cgroup) {
		rmdir(child);
		umount2(cg, MNT_DETACH);
	}
	rmdir(cg);
	free(child);
	cmn_rm_rf(dir);
	free(dir);
	free(spec);
	free(cg);
	free(cgspec);
	free(parent);
	free(g);
	return 0;
}

static int bpf_preflight(const char *g)
{
	if (geteuid() != 0) {
		printf("SKIP: loading BPF needs root\n");
		return SKIP;
	}
	if (!cmn_file_exists(g)) {
		printf("SKIP: %s was not built (no BTF or bpftool)\n", g);
		return SKIP;
	}
	if (mount_tracefs()) {
		printf("SKIP: tracefs is not available at /sys/kernel/tracing\n");
		return SKIP;
	}
	return 0;
}

/* A callback index that is no function: a clean trap naming it, exit 255. */
static int t_bpf_badcb(void)
{
	char *g = guest("bpf_probe"), *dir, *spec;
	struct run r;

	if (bpf_preflight(g)) {
		free(g);
		return SKIP;
	}
	dir = cmn_mkdtemp("wasmi-bpf-badcb");
	spec = cmn_asprintf("%s:/data", dir);
	run(&r, NULL, 0, ARGV("--dir", spec, g, "badcb"));
	T_EQ_INT(255, r.status);
	T_LINE(r.out.ptr, "polling with a bad callback");
	T_HAS(r.err.ptr, "trap");
	run_free(&r);
	cmn_rm_rf(dir);
	free(dir);
	free(spec);
	free(g);
	return 0;
}

/* SIGINT while the guest waits in buffer_poll: -EINTR, then exit 130. */
static int t_bpf_sigint(void)
{
	char *g = guest("bpf_probe"), *dir, *spec;
	struct run r;

	if (bpf_preflight(g)) {
		free(g);
		return SKIP;
	}
	dir = cmn_mkdtemp("wasmi-bpf-sigint");
	spec = cmn_asprintf("%s:/data", dir);
	run(&r, NULL, SIGINT, ARGV("--dir", spec, g, "wait"));
	T_EQ_INT(130, r.status);
	T_LINE(r.out.ptr, "ready");
	T_TRUE(r.ms < 900); /* not waiting out the 1 s poll timeout */
	run_free(&r);
	cmn_rm_rf(dir);
	free(dir);
	free(spec);
	free(g);
	return 0;
}

/* The same module through ecli's dispatcher (runner = ecli): `ecli run app.wasm`. */
static int t_ecli(void)
{
	char *hello = guest("hello"), *spin = guest("spin"), *calc = guest("calc");
	struct run r;

	run(&r, NULL, 0, ARGV("run", hello, "x", "exit", "5"));
	T_EQ_INT(5, r.status);
	T_LINE(r.out.ptr, "hello from wasm");
	T_LINE(r.out.ptr, "argv[1]=x");
	run_free(&r);
	run(&r, NULL, 0, ARGV("run", "--invoke", "add", calc, "40", "2"));
	T_EQ_INT(0, r.status);
	T_EQ_STR("42\n", r.out.ptr);
	run_free(&r);
	run(&r, NULL, SIGINT, ARGV("run", spin));
	T_EQ_INT(130, r.status);
	T_LINE(r.out.ptr, "ready");
	run_free(&r);
	free(hello);
	free(spin);
	free(calc);
	return 0;
}

/* XDP attach by interface name, in a private network namespace (unshare -n). */
static int t_bpf_xdp(void)
{
	char *g = guest("bpf_probe"), *dir, *spec;
	const char *unshare = "/usr/bin/unshare";
	struct run r;

	if (bpf_preflight(g)) {
		free(g);
		return SKIP;
	}
	if (!cmn_file_exists(unshare)) {
		printf("SKIP: %s not found\n", unshare);
		free(g);
		return SKIP;
	}
	dir = cmn_mkdtemp("wasmi-bpf-xdp");
	spec = cmn_asprintf("%s:/data", dir);
	run(&r, NULL, 0,
	    (char *const[]){(char *)unshare, "-n", (char *)runner, "--dir", spec, g, "xdp", NULL});
	T_EQ_INT(0, r.status);
	T_LINE(r.out.ptr, "xdp_lo=0");
	T_LINE(r.out.ptr, "xdp_missing=-19");
	T_LINE(r.out.ptr, "close=0");
	run_free(&r);
	cmn_rm_rf(dir);
	free(dir);
	free(spec);
	free(g);
	return 0;
}

struct scenario {
	const char *name;
	int (*fn)(void);
};

static int t_sigint(void)
{
	return t_signal(SIGINT, NULL);
}
static int t_sigterm(void)
{
	return t_signal(SIGTERM, NULL);
}
static int t_sigint_sleep(void)
{
	return t_signal(SIGINT, "sleep");
}

static const struct scenario scenarios[] = {
    {"hello", t_hello},		{"exit_code", t_exit_code},
    {"stdin", t_stdin},		{"unknown_import", t_unknown_import},
    {"sandbox", t_sandbox},	{"hostile", t_hostile},
    {"bigdir", t_bigdir},	{"sigint", t_sigint},
    {"sigterm", t_sigterm},	{"sigint_sleep", t_sigint_sleep},
    {"invoke", t_invoke},	{"bpf_e2e", t_bpf_e2e},
    {"bpf_badcb", t_bpf_badcb}, {"bpf_sigint", t_bpf_sigint},
    {"bpf_xdp", t_bpf_xdp},	{"ecli", t_ecli},
};

int main(int argc, char **argv)
{
	size_t i;
	int ret;

	if (argc != 4) {
		fprintf(stderr, "usage: %s SCENARIO WASMI_RUN GUEST_DIR\n", argv[0]);
		return 2;
	}
	runner = argv[2];
	gdir = argv[3];
	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		if (strcmp(scenarios[i].name, argv[1]) != 0)
			continue;
		ret = scenarios[i].fn();
		if (ret == SKIP)
			return SKIP;
		TEST_MAIN_END();
	}
	fprintf(stderr, "unknown scenario %s\n", argv[1]);
	return 2;
}
