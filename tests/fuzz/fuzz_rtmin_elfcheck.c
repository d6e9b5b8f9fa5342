// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: rtmin_elf__check must never read out of bounds, and
 * whatever it accepts must open in libbpf without crashing (bpf_object__open_mem
 * runs in this process, so a crash there is found as one).
 */
#include "rtmin_elfcheck.h"

#include <bpf/libbpf.h>
#include <stdint.h>
#include <stdlib.h>

static int silent(enum libbpf_print_level l, const char *f, va_list ap)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "fuzz");
	struct bpf_object *obj;
	char err[256];

	libbpf_set_print(silent);
	if (rtmin_elf__check(data, len, err, sizeof(err)))
		return 0;
	obj = bpf_object__open_mem(data, len, &opts);
	bpf_object__close(obj);
	return 0;
}
