// SPDX-License-Identifier: MIT
/*
 * A test driver for the Wasm route without the rest of ecc: calls
 * ecc_wasm__build / __gen_app / __write_header on an object compiled by the
 * test script, and checks a .wasm file with the same module check.
 *
 *   wasm_driver build OBJ NAME OUT_DIR [-H HEADER STRUCT...] [-a APP] [-s SYSROOT] [-m META]
 *   wasm_driver gen-app OBJ NAME OUT_DIR [-H HEADER STRUCT...] [-m META]
 *   wasm_driver header OBJ OUT STRUCT...
 *   wasm_driver check FILE.wasm
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "ecc_wasm.h"
#include "ecc_wasm_int.h"

static int usage(void)
{
	fprintf(stderr, "usage: wasm_driver build|gen-app OBJ NAME OUT_DIR [-H HEADER STRUCT...] "
			"[-a APP] [-s SYSROOT] [-m META]\n"
			"       wasm_driver header OBJ OUT STRUCT...\n"
			"       wasm_driver check FILE.wasm\n");
	return 2;
}

static cJSON *read_meta(const char *path)
{
	char *text = NULL;
	size_t len;
	cJSON *j;

	if (cmn_read_file(path, 1 << 24, &text, &len))
		return NULL;
	j = cJSON_Parse(text);
	free(text);
	return j;
}

/* Options after OBJ NAME OUT_DIR. */
static int parse_opts(int argc, char **argv, struct ecc_wasm_opts *o, cJSON **meta)
{
	for (int i = 5; i < argc; i++) {
		if (!strcmp(argv[i], "-H") && i + 1 < argc) {
			o->export_header = argv[++i];
			o->export_structs = &argv[i + 1];
			while (i + 1 < argc && argv[i + 1][0] != '-') {
				o->n_export_structs++;
				i++;
			}
		} else if (!strcmp(argv[i], "-a") && i + 1 < argc) {
			o->app_src = argv[++i];
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			o->wasi_sysroot = argv[++i];
		} else if (!strcmp(argv[i], "-m") && i + 1 < argc) {
			*meta = read_meta(argv[++i]);
			if (!*meta)
				return -EINVAL;
			o->meta = *meta;
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

static int check_file(const char *path)
{
	char *bytes = NULL;
	size_t len;
	int err = cmn_read_file(path, 1 << 28, &bytes, &len);

	if (!err)
		err = ecc_wasm__check_module((const uint8_t *)bytes, len, path);
	free(bytes);
	return err;
}

int main(int argc, char **argv)
{
	struct ecc_wasm_opts o = {0};
	cJSON *meta = NULL;
	int err;

	if (argc >= 3 && !strcmp(argv[1], "check"))
		return check_file(argv[2]) ? 1 : 0;
	if (argc >= 4 && !strcmp(argv[1], "header"))
		return ecc_wasm__write_header(argv[2], &argv[4], (size_t)(argc - 4), argv[3]) ? 1
											      : 0;
	if (argc < 5)
		return usage();
	o.bpf_obj_path = argv[2];
	o.obj_name = argv[3];
	o.out_dir = argv[4];
	o.clang_bin = "clang";
	o.verbose = getenv("ECC_VERBOSE") != NULL;
	if (o.verbose)
		cmn_set_verbosity(CMN_INFO);
	if (parse_opts(argc, argv, &o, &meta))
		return usage();
	if (!strcmp(argv[1], "build"))
		err = ecc_wasm__build(&o);
	else if (!strcmp(argv[1], "gen-app"))
		err = ecc_wasm__gen_app(&o);
	else
		return usage();
	cJSON_Delete(meta);
	return err ? 1 : 0;
}
