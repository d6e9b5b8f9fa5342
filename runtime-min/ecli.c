// SPDX-License-Identifier: MIT
/*
 * ecli: run or validate a package made by ecc (or by the eunomia-bpf ecc).
 *
 *   ecli run [-j] [-v] [--duration S] [--ifname N] [--ifindex I] [--cgroup P]
 *            [--freq HZ] [--btf FILE] PACKAGE [--] [PROGRAM FLAGS...]
 *   ecli run app.wasm [ARGS...]            (handed to the Wasm host)
 *   ecli validate PACKAGE
 *   ecli help | --help, ecli version | --version
 *
 * Exit codes are decided here only: 0 success, 1 runtime failure, 2 usage.
 */
#include "rtmin.h"
#include "rtmin_standalone.h"
#include "common.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>

#ifdef ECLI_HAVE_WASM
#include "wasmi_cli.h"
#endif

#ifndef ECLI_VERSION
#define ECLI_VERSION "0.0.0"
#endif

static const char usage_text[] =
	"Usage: ecli <command> [ARGS]\n"
	"\n"
	"Commands:\n"
	"  run [OPTIONS] PACKAGE [--] [PROGRAM FLAGS]  load, attach and print a package\n"
	"      PACKAGE: package.json, package.yaml, an ecc --btfgen .tar, - (stdin),\n"
	"      or a Wasm module (app.wasm)\n"
	"      -j, --json          print events as JSON lines (default: a table)\n"
	"      -v, --verbose       show libbpf messages and verifier logs\n"
	"      --duration SECS     stop cleanly after SECS seconds\n"
	"      --ifname NAME       interface for xdp, tc and socket programs\n"
	"      --ifindex N         interface index for xdp, tc and socket programs\n"
	"      --cgroup PATH       cgroup for cgroup programs (default: cgroup2 root)\n"
	"      --freq HZ           sampling rate of perf_event programs (default 49)\n"
	"      --btf FILE          kernel BTF to use instead of the running kernel's\n"
	"      PACKAGE --help      print the program's own flags\n"
	"  validate PACKAGE        check a package without loading it\n"
	"  help                    this text\n"
	"  version                 print the version\n"
	"\n"
	"Notes:\n"
	"  SIGINT/SIGTERM (or --duration) flush the output, detach every program and\n"
	"  remove only what ecli created (a clsact qdisc that existed before stays).\n"
	"  tc filters are netlink state, not links: after a SIGKILL they stay until\n"
	"  `tc filter del dev IF ingress|egress` removes them; everything else goes\n"
	"  with the process. Sample maps with clear_map show per-interval counts\n"
	"  (keys deleted after each print); without it counts are cumulative.\n";

static int cmd_help(int argc, char **argv)
{
	fputs(usage_text, stdout);
	return 0;
}

static int cmd_version(int argc, char **argv)
{
#ifdef ECLI_STANDALONE
	const char *variant = ", standalone stub";
#else
	const char *variant = "";
#endif
	printf("ecli %s (libbpf %u.%u%s)\n", ECLI_VERSION, libbpf_major_version(),
	       libbpf_minor_version(), variant);
	return 0;
}

static int parse_num(const char *flag, const char *v, double lo, double hi, double *out)
{
	char *end;

	if (!v) {
		pr_warn("%s needs a value\n", flag);
		return -EINVAL;
	}
	*out = strtod(v, &end);
	if (end == v || *end || *out < lo || *out > hi) {
		pr_warn("%s: '%s' is not a number in %.15g..%.15g\n", flag, v, lo, hi);
		return -EINVAL;
	}
	return 0;
}

enum opt_kind { OPT_BOOL, OPT_STR, OPT_NUM, OPT_INT };

/* ecli's own options of `run`: name, alias, kind, field, range. */
static const struct {
	const char *name, *alias;
	enum opt_kind kind;
	size_t off;
	double lo, hi;
} run_opts[] = {
	{ "--json", "-j", OPT_BOOL, offsetof(struct rtmin_run_opts, json) },
	{ "--verbose", "-v", OPT_BOOL, offsetof(struct rtmin_run_opts, verbose) },
	{ "--duration", NULL, OPT_NUM, offsetof(struct rtmin_run_opts, duration), 0, 1e7 },
	{ "--ifname", NULL, OPT_STR, offsetof(struct rtmin_run_opts, ifname) },
	{ "--ifindex", NULL, OPT_INT, offsetof(struct rtmin_run_opts, ifindex), 1, 1 << 30 },
	{ "--cgroup", NULL, OPT_STR, offsetof(struct rtmin_run_opts, cgroup) },
	{ "--freq", NULL, OPT_INT, offsetof(struct rtmin_run_opts, freq), 1, 100000 },
	{ "--btf", NULL, OPT_STR, offsetof(struct rtmin_run_opts, btf) },
};

#define RUN_OPTS_CNT (sizeof(run_opts) / sizeof(run_opts[0]))

/* Index of ecli's own `run` option `a` in run_opts, or RUN_OPTS_CNT. */
static size_t find_run_option(const char *a)
{
	size_t k;

	for (k = 0; k < RUN_OPTS_CNT; k++)
		if (!strcmp(a, run_opts[k].name) || (run_opts[k].alias && !strcmp(a, run_opts[k].alias)))
			break;
	return k;
}

/* One ecli option of `run` at argv[*i]; advances *i past its value. */
static int run_option(struct rtmin_run_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *val;
	char *field = (char *)o;
	size_t k;
	double d;

	k = find_run_option(a);
	if (k == RUN_OPTS_CNT) {
		pr_warn("run: unknown option '%s' (ecli's options go before the package; see ecli --help)\n", a);
		return -EINVAL;
	}
	field += run_opts[k].off;
	if (run_opts[k].kind == OPT_BOOL)
		return *(bool *)field = true, 0;
	val = ++(*i) < argc ? argv[*i] : NULL;
	if (run_opts[k].kind == OPT_STR) {
		if (!val)
			pr_warn("%s needs a value\n", a);
		return val ? (*(const char **)field = val, 0) : -EINVAL;
	}
	if (parse_num(a, val, run_opts[k].lo, run_opts[k].hi, &d))
		return -EINVAL;
	if (run_opts[k].kind == OPT_INT)
		*(int *)field = (int)d;
	else
		*(double *)field = d;
	return 0;
}

/* True when argv[i] is one of run's options that takes a value. */
static bool takes_value(const char *arg)
{
	size_t k;

	for (k = 0; k < sizeof(run_opts) / sizeof(run_opts[0]); k++)
		if (!strcmp(arg, run_opts[k].name))
			return run_opts[k].kind != OPT_BOOL;
	return false;
}

/*
 * Wasm when the first argument naming an existing file starts with "\0asm",
 * or --invoke is given. Values of ecli's own options (--btf FILE) are not
 * that file.
 */
static bool is_wasm_run(int argc, char **argv)
{
	char head[4];
	int i, fd;
	ssize_t n;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--invoke") == 0)
			return true;
		if (takes_value(argv[i])) {
			i++;
			continue;
		}
		if (argv[i][0] == '-' || !cmn_file_exists(argv[i]) || cmn_is_dir(argv[i]))
			continue;
		fd = open(argv[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return false;
		n = read(fd, head, sizeof(head));
		close(fd);
		return n == 4 && memcmp(head, "\0asm", 4) == 0;
	}
	return false;
}

static bool is_run_option(const char *a)
{
	return find_run_option(a) < RUN_OPTS_CNT;
}

/*
 * argv[0] is "run" (or the standalone executable's name). `embedded` is the
 * package of a standalone executable: it is not on the command line, ecli's
 * options are read while they are known and the rest are program flags.
 */
static int run_package(int argc, char **argv, const char *embedded)
{
	struct rtmin_run_opts o = { .freq = 49 };
	struct rtmin_pkg *pkg;
	const char *path;
	int i, rc;

	for (i = 1; i < argc && argv[i][0] == '-' && strcmp(argv[i], "-") != 0; i++) {
		if (embedded && !is_run_option(argv[i]))
			break;
		if (run_option(&o, argc, argv, &i))
			return 2;
	}
	if (!embedded && i >= argc) {
		pr_warn("run: no package given (ecli run PACKAGE)\n");
		return 2;
	}
	path = embedded ? embedded : argv[i++];
	if (o.verbose)
		cmn_set_verbosity(CMN_DEBUG);
	cmn_route_libbpf_print();
	pkg = rtmin_pkg__open(path);
	if (!pkg)
		return 1;
	rc = rtmin_run__main(pkg, &o, argc - i, argv + i);
	rtmin_pkg__close(pkg);
	return rc;
}

static int cmd_run(int argc, char **argv)
{
	if (is_wasm_run(argc, argv)) {
#ifdef ECLI_HAVE_WASM
		return wasmi_cli__run(argc, argv);
#else
		pr_warn("Wasm modules are not supported in this build\n");
		return 1;
#endif
	}
	return run_package(argc, argv, NULL);
}

static const char standalone_usage_text[] =
	"\n"
	"Runtime options (before the program's flags; -- ends them):\n"
	"  -j, --json          print events as JSON lines (default: a table)\n"
	"  -v, --verbose       show libbpf messages and verifier logs\n"
	"  --duration SECS     stop cleanly after SECS seconds\n"
	"  --ifname NAME       interface for xdp, tc and socket programs\n"
	"  --ifindex N         interface index for xdp, tc and socket programs\n"
	"  --cgroup PATH       cgroup for cgroup programs (default: cgroup2 root)\n"
	"  --freq HZ           sampling rate of perf_event programs (default 49)\n"
	"  --btf FILE          kernel BTF to use instead of the running kernel's\n";

static bool asks_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

/* A standalone executable (ecc -s): run the package appended to it. */
static int run_embedded(int argc, char **argv, bool *done)
{
	struct rtmin_standalone *sa = NULL;
	int rc;

	rc = rtmin_standalone__payload(&sa);
	*done = rc != 0;
	if (rc <= 0)
		return rc < 0 ? 1 : 0;
	rc = run_package(argc, argv, rtmin_standalone__path(sa));
	rtmin_standalone__close(sa);
	if (rc == 0 && asks_help(argc, argv))
		fputs(standalone_usage_text, stdout);
	return rc;
}

static int cmd_validate(int argc, char **argv)
{
	struct rtmin_pkg *pkg;
	int err;

	if (argc != 2) {
		pr_warn("validate: expected one package (ecli validate PACKAGE)\n");
		return 2;
	}
	cmn_route_libbpf_print();
	pkg = rtmin_pkg__open(argv[1]);
	if (!pkg)
		return 1;
	err = rtmin_validate(pkg, stdout);
	rtmin_pkg__close(pkg);
	return err ? 1 : 0;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "run", cmd_run },
	{ "validate", cmd_validate },
	{ "help", cmd_help },
	{ "--help", cmd_help },
	{ "-h", cmd_help },
	{ "version", cmd_version },
	{ "--version", cmd_version },
	{ "-V", cmd_version },
};

int main(int argc, char **argv)
{
	bool embedded;
	size_t i;
	int rc;

	rc = run_embedded(argc, argv, &embedded);
	if (embedded)
		return rc;
	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	pr_warn("ecli: unknown command '%s' (try ecli --help)\n", argv[1]);
	return 2;
}
