/* SPDX-License-Identifier: MIT */
/*
 * wasmi_cli: `ecli run` for Wasm modules.
 *   ecli run [-v] [--dir HOST[:GUEST]]... [--env NAME=VALUE]... [--max-memory MiB]
 *            [--max-call-depth N] app.wasm [ARGS...]
 *   ecli run --invoke FUNC module.wasm [ARGS...]
 * The guest sees only the --dir grants and the --env variables (no host
 * environment); see README.md in this directory for the sandbox.
 * ecli's dispatcher calls this when the file to run starts with "\0asm" or
 * --invoke is given. argv[0] is "run"; the rest are run's arguments as the
 * user gave them. Returns the process exit code (guest's exit status, 255
 * on a trap, 130/143 on SIGINT/SIGTERM, 2 on usage errors, 1 when the
 * module cannot be loaded or instantiated).
 */
#ifndef WASMI_CLI_H
#define WASMI_CLI_H

int wasmi_cli__run(int argc, char **argv);

#endif /* WASMI_CLI_H */
