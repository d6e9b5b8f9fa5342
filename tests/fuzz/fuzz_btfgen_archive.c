/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the ecli side of tailored BTF archives: any bytes as
 * the tar, read as on a kernel without BTF (forced) with a fixed os-release
 * and uname, so a matching btfhub-archive/ entry is extracted. Besides not
 * crashing: a successful open has a NUL-terminated package of the length it
 * reports, and a tailored BTF file that exists until close.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rtmin_btfarchive.h"

/* The os-release fixture: written once, removed at exit. */
static char *fixture_dir;
static char *os_release_path;

static void remove_fixture(void)
{
	if (fixture_dir)
		cmn_rm_rf(fixture_dir);
}

static void quiet(enum cmn_log_level level, const char *msg)
{
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char text[] = "ID=ubuntu\nVERSION_ID=\"20.04\"\n";
	cmn_set_print(quiet);
	fixture_dir = cmn_mkdtemp("fuzz-btfarchive");
	if (!fixture_dir)
		abort();
	atexit(remove_fixture);
	os_release_path = cmn_asprintf("%s/os-release", fixture_dir);
	if (!os_release_path ||
	    cmn_write_file_atomic(os_release_path, text, sizeof(text) - 1, 0644))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rtmin_btfarchive_opts o = {
	    .force_tailored = true,
	    .os_release = os_release_path,
	    .uname_machine = "x86_64",
	    .uname_release = "5.4.0-fake-1",
	};
	struct rtmin_btfarchive *a;
	const char *pkg, *btf;
	char sec[64];
	size_t len = 0, n = size < sizeof(sec) - 1 ? size : sizeof(sec) - 1;

	memcpy(sec, data, n);
	sec[n] = '\0';
	(void)rtmin_btfarchive__prog_needs_full_btf(sec);
	(void)rtmin_btfarchive__is_archive(data, size);

	a = rtmin_btfarchive__open_mem(data, size, "fuzz.tar", &o);
	if (!a)
		return 0;
	pkg = rtmin_btfarchive__package(a, &len);
	if (!pkg || pkg[len] != '\0')
		abort();
	btf = rtmin_btfarchive__btf_path(a);
	if (!btf || !rtmin_btfarchive__is_tailored(a) || !cmn_file_exists(btf))
		abort();
	rtmin_btfarchive__close(a);
	return 0;
}
