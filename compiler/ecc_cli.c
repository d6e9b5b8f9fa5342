// SPDX-License-Identifier: MIT
/*
 * The command line: one table drives parsing and --help. Spellings follow
 * eunomia's ecc (`-a -DFOO`, `-a=-DFOO`, `--additional-cflags=-DFOO`) so its
 * users' scripts keep working.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "ecc.h"

enum opt_kind {
	OPT_BOOL, /* sets a bool field */
	OPT_STR,  /* sets a const char * field (argv borrowed) */
	OPT_LIST, /* appends to a struct ecc_strv field */
	OPT_HELP,
	OPT_VERSION,
	OPT_IGNORED, /* accepted (with its argument) and ignored with a notice */
	OPT_LATER,   /* recognised, not available */
};

struct opt_def {
	char sh;	 /* short letter or 0 */
	const char *lng; /* long name without dashes */
	enum opt_kind kind;
	size_t off;	     /* field in struct ecc_opts */
	const char *metavar; /* NULL: takes no argument */
	const char *help;
};

#define F(field) offsetof(struct ecc_opts, field)

#ifdef ECC_HAVE_WASM
#define WASM_KIND(k) k
#else
#define WASM_KIND(k) OPT_LATER
#endif
#ifdef ECC_HAVE_BTFGEN
#define BTFGEN_KIND(k) k
#else
#define BTFGEN_KIND(k) OPT_LATER
#endif

static const struct opt_def opt_table[] = {
    {'o', "output-path", OPT_STR, F(out_dir), "DIR",
     "where outputs go (default: the source's directory; created if missing)"},
    {'v', "verbose", OPT_BOOL, F(verbose), NULL, "print every step and the exact compiler command"},
    {'y', "yaml", OPT_BOOL, F(yaml), NULL, "write skel and package as YAML instead of JSON"},
    {'a', "additional-cflags", OPT_LIST, F(cflags), "FLAG",
     "one extra clang flag (repeatable; also used for doc comments)"},
    {'I', NULL, OPT_LIST, F(incdirs), "DIR", "add an include directory (repeatable)"},
    {'c', "clang-bin", OPT_STR, F(clang_bin), "PATH", "clang to compile with (default: clang)"},
    {'l', "llvm-strip-bin", OPT_STR, F(strip_bin), "PATH",
     "llvm-strip to strip debug info with (default: llvm-strip)"},
    {'n', "no-generate-package-json", OPT_BOOL, F(no_package), NULL,
     "write the object and skel only"},
    {0, "header-only", OPT_BOOL, F(header_only), NULL,
     "SOURCE is a header: compile its structs into an object + skel"},
    {0, "target-arch", OPT_STR, F(target_arch), "ARCH",
     "defines __TARGET_ARCH_ARCH (default: the host's, e.g. x86)"},
    {0, "btf", OPT_STR, F(btf_path), "FILE",
     "kernel BTF to generate vmlinux.h from (default: /sys/kernel/btf/vmlinux)"},
    {0, "no-pch", OPT_BOOL, F(no_pch), NULL, "do not use a precompiled vmlinux.h"},
    {0, "wasm", WASM_KIND(OPT_BOOL), F(wasm), NULL, "also build app.wasm (Wasm route)"},
    {0, "app", WASM_KIND(OPT_STR), F(app), "FILE", "the Wasm app source (with --wasm)"},
    {0, "wasi-sysroot", WASM_KIND(OPT_STR), F(wasi_sysroot), "DIR", "WASI sysroot for --wasm"},
    {0, "gen-wasm-app", WASM_KIND(OPT_BOOL), F(gen_wasm_app), NULL,
     "write a default app.c for the Wasm route"},
    {'b', "btfgen", BTFGEN_KIND(OPT_BOOL), F(btfgen), NULL,
     "pack tailored BTF for kernels without BTF"},
    {0, "btfhub-archive", BTFGEN_KIND(OPT_STR), F(btfhub_archive), "DIR",
     "btfhub-archive tree for --btfgen"},
    {'s', "standalone", OPT_BOOL, F(standalone), NULL,
     "also write <name>, an executable with the package and ecli built in"},
    {0, "subskeleton", OPT_LATER, 0, NULL, "(eunomia) not available yet"},
    {0, "wasm-header", OPT_LATER, 0, NULL, "(eunomia) not available yet"},
    {'w', "workspace-path", OPT_IGNORED, 0, "DIR", "accepted and ignored (no workspace)"},
    {'h', "help", OPT_HELP, 0, NULL, "print this help"},
    {'V', "version", OPT_VERSION, 0, NULL, "print the version"},
};

#define N_OPTS (sizeof(opt_table) / sizeof(opt_table[0]))

void ecc_cli__usage(FILE *f)
{
	char left[64];
	size_t i;

	fprintf(f, "Usage: ecc [OPTIONS] SOURCE [EXPORT_HEADER]\n\n"
		   "Compile a .bpf.c (and the header declaring the structs it exports) into\n"
		   "<name>.bpf.o, <name>.skel.json and package.json for ecli/eunomia runtimes.\n\n"
		   "Options:\n");
	for (i = 0; i < N_OPTS; i++) {
		const struct opt_def *d = &opt_table[i];

		snprintf(left, sizeof(left), "%s%c%s%s%s%s%s", d->sh ? "-" : "   ",
			 d->sh ? d->sh : ' ', d->sh && d->lng ? ", " : "", d->lng ? "--" : "",
			 d->lng ? d->lng : "", d->metavar ? " " : "", d->metavar ? d->metavar : "");
		fprintf(f, "  %-34s %s%s\n", left, d->help,
			d->kind == OPT_LATER && !strstr(d->help, "not available")
			    ? " (not available in this build)"
			    : "");
	}
	fprintf(f, "\nExit codes:\n"
		   "  0  success\n"
		   "  1  input error (missing source/header, header without structs, bad doc\n"
		   "     comment, output path that cannot be a directory)\n"
		   "  2  usage error (unknown option, missing argument)\n"
		   "  3  compiler error (clang's diagnostics are shown unchanged)\n"
		   "  4  internal error (a tool missing, out of memory, I/O)\n"
		   "\nEnvironment: ECC_CACHE_DIR (default $XDG_CACHE_HOME/ecc or ~/.cache/ecc)\n"
		   "caches vmlinux.h, its precompiled form and clang's include dirs.\n");
}

static const struct opt_def *find_long(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < N_OPTS; i++)
		if (opt_table[i].lng && strlen(opt_table[i].lng) == len &&
		    strncmp(opt_table[i].lng, name, len) == 0)
			return &opt_table[i];
	return NULL;
}

static const struct opt_def *find_short(char c)
{
	size_t i;

	for (i = 0; i < N_OPTS; i++)
		if (opt_table[i].sh == c)
			return &opt_table[i];
	return NULL;
}

static int apply(const struct opt_def *d, const char *arg, struct ecc_opts *o)
{
	char *base = (char *)o;

	switch (d->kind) {
	case OPT_BOOL:
		*(bool *)(base + d->off) = true;
		return ECC_CLI_RUN;
	case OPT_STR:
		*(const char **)(base + d->off) = arg;
		return ECC_CLI_RUN;
	case OPT_LIST:
		return ecc_strv__push((struct ecc_strv *)(base + d->off), arg);
	case OPT_HELP:
		ecc_cli__usage(stdout);
		return ECC_CLI_DONE;
	case OPT_VERSION:
		printf("ecc %s\n", ecc_version());
		return ECC_CLI_DONE;
	case OPT_IGNORED:
		pr_warn("ecc: note: --%s is accepted and ignored (ecc has no workspace)\n", d->lng);
		return ECC_CLI_RUN;
	case OPT_LATER:
	default:
		pr_warn("ecc: option %s%s is not available in this build\n", d->lng ? "--" : "-",
			d->lng ? d->lng : (char[]){d->sh, 0});
		return -EINVAL;
	}
}

/*
 * One option at argv[*i]: `--name`, `--name=V`, `--name V`, `-x`, `-x=V`,
 * `-xV`, `-x V`. Advances *i past a separate argument.
 */
static int parse_one(int argc, char **argv, int *i, struct ecc_opts *o)
{
	const char *a = argv[*i], *val = NULL;
	const struct opt_def *d;
	const char *eq;

	if (a[1] == '-') {
		eq = strchr(a + 2, '=');
		d = find_long(a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
		if (eq)
			val = eq + 1;
	} else {
		d = find_short(a[1]);
		if (d && a[2])
			val = a[2] == '=' ? a + 3 : a + 2;
	}
	if (!d) {
		pr_warn("ecc: unknown option '%s' (see ecc --help)\n", a);
		return -EINVAL;
	}
	if (!d->metavar && val) {
		pr_warn("ecc: option '%s' takes no value\n", a);
		return -EINVAL;
	}
	if (d->metavar && !val) {
		if (*i + 1 >= argc) {
			pr_warn("ecc: option '%s' needs a %s argument\n", a, d->metavar);
			return -EINVAL;
		}
		val = argv[++*i];
	}
	return apply(d, val, o);
}

static int positional(const char *a, struct ecc_opts *o)
{
	if (!o->source)
		o->source = a;
	else if (!o->header)
		o->header = a;
	else {
		pr_warn("ecc: unexpected argument '%s': only SOURCE and EXPORT_HEADER are taken\n",
			a);
		return -EINVAL;
	}
	return 0;
}

int ecc_cli__parse(int argc, char **argv, struct ecc_opts *o)
{
	bool only_pos = false;
	int i, r;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!only_pos && strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		r = (!only_pos && a[0] == '-' && a[1]) ? parse_one(argc, argv, &i, o)
						       : positional(a, o);
		if (r)
			return r;
	}
	if (!o->source) {
		pr_warn("ecc: missing SOURCE (usage: ecc [OPTIONS] SOURCE [EXPORT_HEADER])\n");
		return -EINVAL;
	}
	if (o->header_only && o->header) {
		pr_warn("ecc: --header-only takes one header, not '%s' too\n", o->header);
		return -EINVAL;
	}
	/* Options of a route that is not taken would be dropped without a word. */
	if ((o->app || o->wasi_sysroot) && !o->wasm) {
		pr_warn("ecc: %s is used only with --wasm (add --wasm to build app.wasm)\n",
			o->app ? "--app" : "--wasi-sysroot");
		return -EINVAL;
	}
	if (o->btfhub_archive && !o->btfgen)
		pr_warn("ecc: note: --btfhub-archive is ignored without -b/--btfgen\n");
	if (o->standalone && (o->no_package || o->header_only)) {
		pr_warn("ecc: -s/--standalone embeds the package: not with %s\n",
			o->no_package ? "-n/--no-generate-package-json" : "--header-only");
		return -EINVAL;
	}
	return ECC_CLI_RUN;
}

void ecc_opts__free(struct ecc_opts *o)
{
	ecc_strv__free(&o->cflags);
	ecc_strv__free(&o->incdirs);
}

int ecc_strv__push_owned(struct ecc_strv *v, char *s)
{
	int err;

	if (!s)
		return -ENOMEM;
	err = cmn_array_grow((void **)&v->ptr, &v->cap, v->cnt + 2, sizeof(*v->ptr));
	if (err) {
		free(s);
		return err;
	}
	v->ptr[v->cnt++] = s;
	v->ptr[v->cnt] = NULL; /* always NULL-terminated: usable as an argv */
	return 0;
}

int ecc_strv__push(struct ecc_strv *v, const char *s)
{
	return ecc_strv__push_owned(v, cmn_strdup(s));
}

void ecc_strv__free(struct ecc_strv *v)
{
	size_t i;

	for (i = 0; i < v->cnt; i++)
		free(v->ptr[i]);
	free(v->ptr);
	v->ptr = NULL;
	v->cnt = v->cap = 0;
}
