// SPDX-License-Identifier: MIT
/* ecc's option table: eunomia spellings, lists, positional args, usage errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "common.h"
#include "ecc.h"
#include "tassert.h"

static char last_msg[512];

static void capture(enum cmn_log_level level, const char *msg)
{
	snprintf(last_msg, sizeof(last_msg), "%s", msg);
}

#define PARSE(o, ...)                                                                              \
	({                                                                                         \
		char *argv_[] = {"ecc", __VA_ARGS__, NULL};                                        \
		last_msg[0] = '\0';                                                                \
		ecc_cli__parse((int)(sizeof(argv_) / sizeof(argv_[0])) - 1, argv_, (o));           \
	})

static void test_spellings(void)
{
	struct ecc_opts o;

	T_EQ_INT(ECC_CLI_RUN, PARSE(&o, "-a", "-DA", "-a=-DB", "--additional-cflags=-DC",
				    "--additional-cflags", "-DD", "x.bpf.c", "x.h"));
	T_EQ_INT(4, o.cflags.cnt);
	if (o.cflags.cnt == 4) {
		T_EQ_STR("-DA", o.cflags.ptr[0]);
		T_EQ_STR("-DB", o.cflags.ptr[1]);
		T_EQ_STR("-DC", o.cflags.ptr[2]);
		T_EQ_STR("-DD", o.cflags.ptr[3]);
	}
	T_EQ_STR("x.bpf.c", o.source);
	T_EQ_STR("x.h", o.header);
	ecc_opts__free(&o);

	T_EQ_INT(ECC_CLI_RUN,
		 PARSE(&o, "-I", "inc1", "-Iinc2", "-o", "out", "-y", "-v", "-n", "--btf", "k.btf",
		       "--target-arch", "arm64", "-c", "clang-19", "--", "-weird-name.bpf.c"));
	T_EQ_INT(2, o.incdirs.cnt);
	T_EQ_STR("inc2", o.incdirs.cnt == 2 ? o.incdirs.ptr[1] : NULL);
	T_EQ_STR("out", o.out_dir);
	T_TRUE(o.yaml && o.verbose && o.no_package);
	T_EQ_STR("k.btf", o.btf_path);
	T_EQ_STR("arm64", o.target_arch);
	T_EQ_STR("clang-19", o.clang_bin);
	T_EQ_STR("-weird-name.bpf.c", o.source);
	ecc_opts__free(&o);

	T_EQ_INT(ECC_CLI_RUN, PARSE(&o, "-w", "/ws", "x.bpf.c"));
	T_TRUE(strstr(last_msg, "ignored") != NULL);
	ecc_opts__free(&o);
}

static void test_errors(void)
{
	struct ecc_opts o;

	T_EQ_INT(-EINVAL, PARSE(&o, "--bogus", "x.bpf.c"));
	T_TRUE(strstr(last_msg, "--bogus") != NULL);
	ecc_opts__free(&o);
	T_EQ_INT(-EINVAL, PARSE(&o, "x.bpf.c", "-o"));
	T_TRUE(strstr(last_msg, "needs a DIR") != NULL);
	ecc_opts__free(&o);
	T_EQ_INT(-EINVAL, PARSE(&o, "-y=1", "x.bpf.c"));
	T_TRUE(strstr(last_msg, "takes no value") != NULL);
	ecc_opts__free(&o);
	T_EQ_INT(-EINVAL, PARSE(&o, "--header-only", "a.h", "b.h"));
	ecc_opts__free(&o);
	T_EQ_INT(-EINVAL, PARSE(&o, "-v"));
	T_TRUE(strstr(last_msg, "missing SOURCE") != NULL);
	ecc_opts__free(&o);
	T_EQ_INT(-EINVAL, PARSE(&o, "--wasm-header", "x.bpf.c"));
	T_TRUE(strstr(last_msg, "not available") != NULL);
	ecc_opts__free(&o);
#ifdef ECC_HAVE_WASM
	/* an option of the Wasm route without --wasm is not silently dropped */
	T_EQ_INT(-EINVAL, PARSE(&o, "--app", "app.c", "x.bpf.c"));
	T_TRUE(strstr(last_msg, "only with --wasm") != NULL);
	ecc_opts__free(&o);
	T_EQ_INT(-EINVAL, PARSE(&o, "--gen-wasm-app", "--wasi-sysroot", "/d", "x.bpf.c"));
	T_TRUE(strstr(last_msg, "--wasi-sysroot") != NULL);
	ecc_opts__free(&o);
	T_EQ_INT(ECC_CLI_RUN, PARSE(&o, "--wasm", "--app", "app.c", "x.bpf.c"));
	ecc_opts__free(&o);
#endif
#ifdef ECC_HAVE_BTFGEN
	T_EQ_INT(ECC_CLI_RUN, PARSE(&o, "--btfhub-archive", "/a", "x.bpf.c"));
	T_TRUE(strstr(last_msg, "ignored without -b") != NULL);
	ecc_opts__free(&o);
#endif
}

int main(void)
{
	struct ecc_opts o;
	FILE *saved = stdout;

	cmn_set_print(capture);
	test_spellings();
	test_errors();
	stdout = fopen("/dev/null", "w");
	T_EQ_INT(ECC_CLI_DONE, PARSE(&o, "--help"));
	T_EQ_INT(ECC_CLI_DONE, PARSE(&o, "-V"));
	fclose(stdout);
	stdout = saved;
	ecc_opts__free(&o);
	TEST_MAIN_END();
}
