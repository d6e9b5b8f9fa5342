// SPDX-License-Identifier: MIT
/* ecc: parse the command line, run one compilation, map failures to exit codes. */
#include <stdio.h>
#include "common.h"
#include "ecc.h"

static const int exit_for_fail[] = {
    [ECC_FAIL_NONE] = ECC_EXIT_OK,
    [ECC_FAIL_INPUT] = ECC_EXIT_INPUT,
    [ECC_FAIL_COMPILER] = ECC_EXIT_COMPILER,
    [ECC_FAIL_INTERNAL] = ECC_EXIT_INTERNAL,
};

int main(int argc, char **argv)
{
	enum ecc_fail fail = ECC_FAIL_NONE;
	struct ecc_opts o;
	int r;

	r = ecc_cli__parse(argc, argv, &o);
	if (r < 0) {
		ecc_opts__free(&o);
		return ECC_EXIT_USAGE;
	}
	if (r == ECC_CLI_DONE) {
		ecc_opts__free(&o);
		return ECC_EXIT_OK;
	}
	if (o.verbose)
		cmn_set_verbosity(CMN_INFO);
	cmn_route_libbpf_print();
	ecc_run(&o, &fail);
	ecc_opts__free(&o);
	return exit_for_fail[fail];
}
