/* SPDX-License-Identifier: MIT */
/*
 * `ecli run app.wasm`: option parsing, signals, and running a WASI command
 * module (or one export with --invoke) on the wasmi engine.
 *
 * Exit codes are decided here only: the guest's exit status, 255 for a
 * trap (as the eunomia runtime does), 128+signal after SIGINT/SIGTERM
 * unless the guest exited first, 2 for usage errors, 1 when the module
 * cannot be loaded or instantiated.
 */
#define _GNU_SOURCE
#include "wasmi_cli.h"
#include "wasmi_app.h"
#include "wasmi_cli_int.h"

#include "common.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WASMI_CLI_MAX_MODULE (256u << 20)
#define WASMI_CLI_DEFAULT_MEM_MIB 1024u

/*
 * The pending signal number. A signal handler can only reach static
 * storage; it is also the engine's interrupt word, so a running module
 * traps on its next back-edge.
 */
static volatile int wasmi_cli_signal;

struct cli_opts {
	char **dirs;
	size_t ndirs;
	char **envs; /* NAME=VALUE given with --env */
	size_t nenvs;
	uint32_t max_mem_mib;
	uint32_t max_depth;
	const char *invoke;
	const char *module;
	int nargs; /* guest args after the module path */
	char **args;
};

static void usage(void)
{
	fprintf(stderr,
		"usage: ecli run [-v] [--dir HOST[:GUEST]]... [--env NAME=VALUE]...\n"
		"                [--max-memory MiB] [--max-call-depth N] app.wasm [ARGS...]\n"
		"       ecli run --invoke FUNC module.wasm [ARGS...]\n"
		"  --dir             grant a host directory (seen by the guest as GUEST)\n"
		"  --env             set a variable for the guest (none from the host)\n"
		"  --max-memory      linear memory cap in MiB (default %u)\n"
		"  --max-call-depth  frames before a stack-exhaustion trap\n"
		"  --invoke          call one export without WASI, print its results\n"
		"  -v, --verbose     libbpf's messages (twice: debug)\n",
		WASMI_CLI_DEFAULT_MEM_MIB);
}

static int parse_u32(const char *opt, const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || errno || s[0] == '-' || v < min || v > max) {
		pr_warn("%s: '%s' is not a number in %u..%u\n", opt, s, min, max);
		return -EINVAL;
	}
	*out = (uint32_t)v;
	return 0;
}

/* An option that takes a value: "--opt V" or "--opt=V". NULL if not this one. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *err)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		pr_warn("%s needs a value\n", name);
		*err = -EINVAL;
		return NULL;
	}
	return argv[++*i];
}

static int opt_dir(struct cli_opts *o, const char *v)
{
	o->dirs[o->ndirs++] = (char *)v;
	return 0;
}

static int opt_env(struct cli_opts *o, const char *v)
{
	if (!strchr(v, '=') || v[0] == '=') {
		pr_warn("--env: '%s' is not NAME=VALUE\n", v);
		return -EINVAL;
	}
	o->envs[o->nenvs++] = (char *)v;
	return 0;
}

static int opt_max_memory(struct cli_opts *o, const char *v)
{
	return parse_u32("--max-memory", v, 1, 4096, &o->max_mem_mib);
}

static int opt_max_depth(struct cli_opts *o, const char *v)
{
	return parse_u32("--max-call-depth", v, 1, 10000000, &o->max_depth);
}

static int opt_invoke(struct cli_opts *o, const char *v)
{
	o->invoke = v;
	return 0;
}

static int opt_verbose(struct cli_opts *o, const char *v)
{
	cmn_set_verbosity(cmn_verbosity() == CMN_WARN ? CMN_INFO : CMN_DEBUG);
	return 0;
}

static const struct {
	const char *name;
	int (*set)(struct cli_opts *o, const char *v);
	bool flag; /* takes no value */
} cli_options[] = {
    {"--dir", opt_dir, false},
    {"--env", opt_env, false},
    {"--max-memory", opt_max_memory, false},
    {"--max-call-depth", opt_max_depth, false},
    {"--invoke", opt_invoke, false},
    {"-v", opt_verbose, true},
    {"--verbose", opt_verbose, true},
};

/* One option at argv[*i] (its value may be the next word). 0 or -EINVAL. */
static int parse_opt(int argc, char **argv, int *i, struct cli_opts *o)
{
	const char *v;
	size_t k;
	int err = 0;

	for (k = 0; k < sizeof(cli_options) / sizeof(cli_options[0]); k++) {
		if (cli_options[k].flag) {
			if (strcmp(argv[*i], cli_options[k].name) == 0)
				return cli_options[k].set(o, NULL);
			continue;
		}
		v = opt_value(argc, argv, i, cli_options[k].name, &err);
		if (err)
			return err;
		if (v)
			return cli_options[k].set(o, v);
	}
	pr_warn("run: unknown option '%s'\n", argv[*i]);
	return -EINVAL;
}

static int parse_opts(int argc, char **argv, struct cli_opts *o)
{
	int i, err;

	o->max_mem_mib = WASMI_CLI_DEFAULT_MEM_MIB;
	o->dirs = calloc(argc, sizeof(*o->dirs));
	o->envs = calloc(argc, sizeof(*o->envs));
	if (!o->dirs || !o->envs)
		return -ENOMEM;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		err = parse_opt(argc, argv, &i, o);
		if (err)
			return err;
	}
	if (i >= argc) {
		pr_warn("run: no module given\n");
		return -EINVAL;
	}
	o->module = argv[i];
	o->args = argv + i + 1;
	o->nargs = argc - i - 1;
	return 0;
}

static void on_signal(int sig)
{
	wasmi_cli_signal = sig;
}

/* The --dir grants and --env variables. */
static int grant_dirs(struct wasmi_app *app, const struct cli_opts *o)
{
	size_t i;
	int err;

	for (i = 0; i < o->ndirs; i++) {
		char *host = cmn_strdup(o->dirs[i]);
		char *colon;

		if (!host)
			return -ENOMEM;
		colon = strchr(host, ':');
		if (colon)
			*colon = '\0';
		err = wasmi_wasi__preopen(&app->wasi, host, colon ? colon + 1 : NULL);
		free(host);
		if (err)
			return err;
	}
	for (i = 0; i < o->nenvs; i++)
		if (wasmi_wasi__add_env(&app->wasi, o->envs[i]))
			return -ENOMEM;
	return 0;
}

static bool has_func_export(const struct wasmi_module *m, const char *want)
{
	size_t i, n = wasmi_module__export_cnt(m);
	const char *name;
	uint32_t idx;
	int kind;

	for (i = 0; i < n; i++)
		if (!wasmi_module__export(m, i, &name, &kind, &idx) && kind == 0 &&
		    strcmp(name, want) == 0)
			return true;
	return false;
}

static void install_signals(struct sigaction *old_int, struct sigaction *old_term)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: blocking host calls see EINTR */
	sigaction(SIGINT, &sa, old_int);
	sigaction(SIGTERM, &sa, old_term);
}

static int status_to_exit(struct wasmi_instance *in, enum wasmi_status st)
{
	if (st == WASMI_EXIT)
		return wasmi_instance__exit_code(in) & 0xff;
	if (st == WASMI_OK) /* the guest returned before the signal stopped it */
		return 0;
	if (wasmi_cli_signal)
		return 128 + wasmi_cli_signal;
	fprintf(stderr, "ecli: trap: %s\n", wasmi_instance__trap_message(in));
	return 255;
}

/* Run _start with WASI and wasm_bpf; returns the exit code. */
static int run_command(struct wasmi_module *m, const struct cli_opts *o,
		       const struct wasmi_config *cfg)
{
	struct wasmi_host_func *funcs = NULL;
	struct wasmi_instance *in = NULL;
	struct wasmi_error werr = {{0}};
	struct wasmi_app app;
	enum wasmi_status st;
	char **gargv;
	size_t nfuncs;
	int i, code = 1;

	memset(&app, 0, sizeof(app));
	app.signal = &wasmi_cli_signal;
	gargv = calloc((size_t)o->nargs + 1, sizeof(*gargv));
	if (!gargv)
		return 1;
	gargv[0] = (char *)o->module;
	for (i = 0; i < o->nargs; i++)
		gargv[i + 1] = o->args[i];
	if (wasmi_wasi__init(&app.wasi, (size_t)o->nargs + 1, gargv, &wasmi_cli_signal))
		goto out;
	if (grant_dirs(&app, o))
		goto out;
	if (!has_func_export(m, "_start")) {
		pr_warn("%s: no _start to run (a library module? use --invoke FUNC)\n", o->module);
		goto out;
	}
	funcs = wasmi_app__imports(&app, &nfuncs);
	if (!funcs)
		goto out;
	in = wasmi_instance__new(m, cfg, funcs, nfuncs, &werr);
	if (!in) {
		pr_warn("%s: %s\n", o->module, werr.msg);
		goto out;
	}
	st = wasmi_instance__call(in, "_start", NULL, 0, NULL, 0);
	code = status_to_exit(in, st);
out:
	/* Guest output went straight to the host fds; now detach and close. */
	fflush(stdout);
	wasmi_bpf__fini(&app.bpf);
	wasmi_instance__free(in);
	wasmi_wasi__fini(&app.wasi);
	free(funcs);
	free(gargv);
	return code;
}

static int run_module(const struct cli_opts *o)
{
	struct wasmi_error werr = {{0}};
	struct sigaction old_int, old_term;
	struct wasmi_config cfg;
	struct wasmi_module *m = NULL;
	size_t len;
	char *bytes = NULL;
	int err, code;

	err = cmn_read_file(o->module, WASMI_CLI_MAX_MODULE, &bytes, &len);
	if (err) {
		pr_warn("%s: %s\n", o->module, strerror(-err));
		return 1;
	}
	m = wasmi_module__new((const uint8_t *)bytes, len, &werr);
	if (!m) {
		pr_warn("%s: %s\n", o->module, werr.msg);
		free(bytes);
		return 1;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.max_memory_pages = o->max_mem_mib * 16;
	cfg.max_call_depth = o->max_depth;
	cfg.interrupt = &wasmi_cli_signal;
	wasmi_cli_signal = 0;
	install_signals(&old_int, &old_term);
	if (o->invoke)
		code = wasmi_cli__invoke(m, &cfg, (const uint8_t *)bytes, len, o->module, o->invoke,
					 o->nargs, o->args, &wasmi_cli_signal);
	else
		code = run_command(m, o, &cfg);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	wasmi_module__free(m);
	free(bytes);
	return code;
}

int wasmi_cli__run(int argc, char **argv)
{
	struct cli_opts o;
	int code;

	memset(&o, 0, sizeof(o));
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage();
		return 0;
	}
	if (parse_opts(argc, argv, &o)) {
		usage();
		free(o.dirs);
		free(o.envs);
		return 2;
	}
	cmn_route_libbpf_print();
	code = run_module(&o);
	free(o.dirs);
	free(o.envs);
	return code;
}
