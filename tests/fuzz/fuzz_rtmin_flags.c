// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for program-flag parsing: the input is split at NUL bytes
 * into a command line and parsed against the flags of a real object whose
 * globals cover every kind ecli accepts (all integer widths and signs, bool,
 * float, double, char[N], enum, typedefs; tests/runtime/progs/flags_test.bpf.c).
 * Accepted values are written into the object's sections, so a bad bound or
 * an overflowing copy is found by ASan/UBSan. The object path comes from
 * $ECC_FUZZ_FLAGS_OBJ or the build's default.
 */
#include "rtmin_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

#ifndef FLAGS_OBJ_DEFAULT
#define FLAGS_OBJ_DEFAULT ""
#endif

#define MAX_ARGS 64

static struct rtmin_pkg *pkg;

static void quiet(enum cmn_log_level level, const char *msg)
{
}

static int no_libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

/* A package around the object: flags come from its BTF, meta adds nothing. */
static struct rtmin_pkg *make_pkg(const char *obj_path)
{
	static const char meta[] = "{\"bpf_skel\":{\"obj_name\":\"flags_test_bpf\"},\"export_types\":[]}";
	char *obj = NULL, *b64 = NULL, *text = NULL;
	struct rtmin_pkg *p = NULL;
	size_t len, zlen, blen;
	void *z = NULL;

	if (cmn_read_file(obj_path, 1 << 24, &obj, &len) || cmn_zlib_compress(obj, len, &z, &zlen) ||
	    cmn_base64_encode(z, zlen, &b64, &blen))
		goto out;
	text = cmn_asprintf("{\"bpf_object\":\"%s\",\"bpf_object_size\":%zu,\"meta\":%s}", b64, len,
			    meta);
	if (text)
		p = rtmin_pkg__open_mem("flags_test.json", text, strlen(text));
out:
	free(obj);
	free(z);
	free(b64);
	free(text);
	return p;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("ECC_FUZZ_FLAGS_OBJ");

	if (!path || !*path)
		path = FLAGS_OBJ_DEFAULT;
	cmn_set_print(quiet);
	libbpf_set_print(no_libbpf_print);
	/* --help in an input prints the program's help; keep the log readable */
	if (!freopen("/dev/null", "w", stdout))
		abort();
	pkg = make_pkg(path);
	if (!pkg) {
		fprintf(stderr, "fuzz_rtmin_flags: cannot make a package from '%s' "
				"(set ECC_FUZZ_FLAGS_OBJ to flags_test.bpf.o)\n", path);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char *buf, *args[MAX_ARGS];
	struct rtmin_flags *f = NULL;
	struct bpf_object *obj;
	size_t i, start = 0;
	int n = 0;

	buf = malloc(len + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, len);
	buf[len] = '\0';
	for (i = 0; i <= len && n < MAX_ARGS; i++) {
		if (buf[i] != '\0')
			continue;
		args[n++] = buf + start;
		start = i + 1;
	}
	obj = rtmin_pkg__open_obj(pkg, NULL);
	if (obj)
		f = rtmin_flags__new(pkg, obj);
	if (f && rtmin_flags__parse(f, n, args) == 0)
		rtmin_flags__apply(f, obj);
	rtmin_flags__free(f);
	bpf_object__close(obj);
	free(buf);
	return 0;
}
