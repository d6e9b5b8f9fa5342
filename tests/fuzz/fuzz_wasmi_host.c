// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: any WASI or wasm_bpf host function, any arguments, any
 * memory contents. The host must answer with an errno, never read or write
 * outside guest memory (ASan) and never crash. Runs against the fake engine
 * (tests/wasmhost/fake_engine.c).
 *
 * Input: byte 0 picks the function, the next 8 bytes per parameter are its
 * arguments (small values are common so fds and lengths hit real cases),
 * the rest is copied to the start of guest memory. stdio is /dev/null and
 * a signal is marked pending, so nothing blocks. wasm_load_bpf_object is
 * left to fuzz_rtmin_elfcheck (it would load programs into the kernel).
 */
#define _GNU_SOURCE
#include "fake_engine.h"
#include "wasmi_app.h"

#include "common.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MEM_SIZE 65536u

static char *fuzz_dir;

static void quiet(enum cmn_log_level level, const char *msg)
{
}

static void cleanup(void)
{
	cmn_rm_rf(fuzz_dir);
}

static void setup_once(void)
{
	char *p;

	if (fuzz_dir)
		return;
	cmn_set_print(quiet);
	fuzz_dir = cmn_mkdtemp("fuzz-wasmi-host");
	if (!fuzz_dir)
		abort();
	atexit(cleanup);
	p = cmn_asprintf("%s/f.txt", fuzz_dir);
	cmn_write_file_atomic(p, "data\n", 5, 0644);
	free(p);
}

static uint64_t arg(const uint8_t **p, size_t *left, char type)
{
	uint64_t v = 0;

	if (*left >= 8) {
		memcpy(&v, *p, 8);
		*p += 8;
		*left -= 8;
	}
	/* Half of the time keep the value small: a real fd, offset or length. */
	if (v & 1)
		v = (v >> 1) % 128;
	return type == 'I' ? v : (uint32_t)v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	size_t nfuncs = wasmi_wasi_nfuncs + wasmi_bpf_nfuncs, left = len, i;
	const struct wasmi_host_func *f;
	union wasmi_value args[12], res[2];
	struct wasmi_instance *in;
	struct wasmi_app app;
	volatile int sig = 1;
	const uint8_t *p = data;
	char *argv[] = {"fuzz.wasm", "x"};
	int k;

	setup_once();
	if (len < 1)
		return 0;
	i = data[0] % nfuncs;
	p++;
	left--;
	f = i < wasmi_wasi_nfuncs ? &wasmi_wasi_funcs[i] : &wasmi_bpf_funcs[i - wasmi_wasi_nfuncs];
	if (!strcmp(f->name, "wasm_load_bpf_object"))
		return 0;
	memset(&app, 0, sizeof(app));
	app.signal = &sig;
	if (wasmi_wasi__init(&app.wasi, 2, argv, &sig) ||
	    wasmi_wasi__preopen(&app.wasi, fuzz_dir, "/d"))
		abort();
	/* owned, so wasmi_wasi__fini closes them wherever fd_renumber moved them */
	for (k = 0; k < 3; k++) {
		app.wasi.fds[k].host = open("/dev/null", O_RDWR);
		app.wasi.fds[k].own = true;
	}
	for (k = 0; f->sig[k] != ':'; k++) {
		args[k].i64 = arg(&p, &left, f->sig[k]);
	}
	in = fake_instance__new(MEM_SIZE);
	memcpy(in->mem, p, left < MEM_SIZE ? left : MEM_SIZE);
	f->fn(in, &app, args, res);
	wasmi_bpf__fini(&app.bpf);
	wasmi_wasi__fini(&app.wasi);
	fake_instance__free(in);
	return 0;
}
