// SPDX-License-Identifier: MIT
/*
 * wasmi_invoke: call one exported function of a module without WASI.
 *   wasmi_invoke MODULE.wasm FUNC [ARG...]
 * Arguments are parsed by the export's type (integers in C syntax, floats
 * as decimals); each result is printed as "TYPE:VALUE". Used by the engine
 * tests and bench/wasm. Exit: 0 ok, 1 load/link error or trap, 2 usage.
 */
#include "common.h"
#include "wasmi.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALS 32

static int parse_arg(char t, const char *s, union wasmi_value *v)
{
	char *end;

	errno = 0;
	switch (t) {
	case 'i': v->i32 = (uint32_t)strtoll(s, &end, 0); break;
	case 'I': v->i64 = (uint64_t)strtoll(s, &end, 0); break;
	case 'f': v->f32 = strtof(s, &end); break;
	case 'F': v->f64 = strtod(s, &end); break;
	default: return -1;
	}
	return (*s && !*end && !errno) ? 0 : -1;
}

static void print_result(char t, const union wasmi_value *v)
{
	switch (t) {
	case 'i': printf("i32:%" PRIu32 "\n", v->i32); break;
	case 'I': printf("i64:%" PRIu64 "\n", v->i64); break;
	case 'f': printf("f32:%.9g\n", v->f32); break;
	case 'F': printf("f64:%.17g\n", v->f64); break;
	default: printf("ref:%" PRIu64 "\n", v->ref); break;
	}
}

static int call(struct wasmi_instance *in, const char *fn, int argc, char **argv)
{
	union wasmi_value args[MAX_VALS], res[MAX_VALS];
	const char *sig = wasmi_instance__export_sig(in, fn);
	size_t np, nr;

	if (!sig) {
		fprintf(stderr, "wasmi_invoke: no exported function \"%s\"\n", fn);
		return 1;
	}
	np = (size_t)(strchr(sig, ':') - sig);
	nr = strlen(sig) - np - 1;
	if ((size_t)argc != np || np > MAX_VALS || nr > MAX_VALS) {
		fprintf(stderr, "wasmi_invoke: %s takes %zu arguments (type %s), got %d\n", fn, np,
			sig, argc);
		return 2;
	}
	for (size_t i = 0; i < np; i++) {
		if (parse_arg(sig[i], argv[i], &args[i])) {
			fprintf(stderr, "wasmi_invoke: argument %zu: bad value \"%s\" for type %c\n",
				i + 1, argv[i], sig[i]);
			return 2;
		}
	}
	if (wasmi_instance__call(in, fn, args, np, res, nr) != WASMI_OK) {
		fprintf(stderr, "wasmi_invoke: trap: %s\n", wasmi_instance__trap_message(in));
		return 1;
	}
	for (size_t i = 0; i < nr; i++)
		print_result(sig[np + 1 + i], &res[i]);
	return 0;
}

int main(int argc, char **argv)
{
	struct wasmi_error err = { "" };
	struct wasmi_module *m = NULL;
	struct wasmi_instance *in = NULL;
	char *data = NULL;
	size_t len;
	int ret = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODULE.wasm FUNC [ARG...]\n", argv[0]);
		return 2;
	}
	ret = cmn_read_file(argv[1], 256u << 20, &data, &len);
	if (ret) {
		fprintf(stderr, "wasmi_invoke: cannot read %s: %s\n", argv[1], strerror(-ret));
		return 1;
	}
	ret = 1;
	m = wasmi_module__new((const uint8_t *)data, len, &err);
	if (!m) {
		fprintf(stderr, "wasmi_invoke: %s: %s\n", argv[1], err.msg);
		goto out;
	}
	in = wasmi_instance__new(m, NULL, NULL, 0, &err);
	if (!in) {
		fprintf(stderr, "wasmi_invoke: %s: %s\n", argv[1], err.msg);
		goto out;
	}
	ret = call(in, argv[2], argc - 3, argv + 3);
out:
	wasmi_instance__free(in);
	wasmi_module__free(m);
	free(data);
	return ret;
}
