// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the package reader: any bytes as a package (JSON,
 * YAML, or a tar). Whatever is accepted is validated (libbpf opens the
 * checked object in process) and its flags are built and parsed, so a crash
 * anywhere on that path is found.
 */
#include "rtmin_int.h"

#include <stdint.h>
#include <stdio.h>

static void quiet(enum cmn_log_level level, const char *msg)
{
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static char *argv[] = { "--pid", "1", "-x", "--comm=abc", "--disable-flag" };
	struct rtmin_pkg *pkg;
	struct bpf_object *obj;
	struct rtmin_flags *f;
	FILE *null = fopen("/dev/null", "w");

	cmn_set_print(quiet);
	pkg = rtmin_pkg__open_mem("fuzz.json", data, len);
	if (pkg && null) {
		rtmin_validate(pkg, null);
		obj = rtmin_pkg__open_obj(pkg, NULL);
		f = obj ? rtmin_flags__new(pkg, obj) : NULL;
		if (f) {
			rtmin_flags__parse(f, 5, argv);
			rtmin_flags__help(f, null);
			rtmin_flags__apply(f, obj);
		}
		rtmin_flags__free(f);
		bpf_object__close(obj);
	}
	rtmin_pkg__close(pkg);
	if (null)
		fclose(null);
	return 0;
}
