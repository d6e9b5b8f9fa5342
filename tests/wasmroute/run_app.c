// SPDX-License-Identifier: MIT
/* `ecli run` for the Wasm route's tests: the engine's run command alone. */
#include "wasmi_cli.h"

int main(int argc, char **argv)
{
	argv[0] = "run";
	return wasmi_cli__run(argc, argv);
}
