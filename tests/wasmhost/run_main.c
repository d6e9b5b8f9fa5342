/* SPDX-License-Identifier: MIT */
/*
 * wasmi_run: `ecli run` for Wasm modules as a standalone program, so the
 * host tests do not depend on the rest of ecli.
 *   wasmi_run [run options] module.wasm [ARGS...]
 */
#include "wasmi_cli.h"

int main(int argc, char **argv)
{
	argv[0] = "run";
	return wasmi_cli__run(argc, argv);
}
