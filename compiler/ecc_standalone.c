// SPDX-License-Identifier: MIT
/*
 * ecc -s: copy the ecli stub and append the package and its trailer. The
 * whole executable is assembled in memory (the stub is a few MB) and written
 * with cmn_write_file_atomic, so a failure never leaves a half-written
 * executable that would later be reported as a truncated package.
 */
#include <elf.h>
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "rtmin_standalone.h"
#include "ecc_standalone.h"

/* The stub is ecli linked mostly statically: a few MB, far below this. */
#define STUB_MAX_SIZE (512u << 20)
#define STUB_NAME "ecli-standalone"

/* ecli-standalone in the directory of the running ecc, or NULL. */
static char *next_to_self(void)
{
	char *self = cmn_realpath("/proc/self/exe");
	char *path = NULL;

	if (self)
		path = cmn_asprintf("%s/%s", dirname(self), STUB_NAME);
	free(self);
	return path;
}

char *ecc_standalone__find_stub(void)
{
	const char *env = getenv("ECC_STANDALONE_STUB");
	const char *built = NULL;
	char *near;

	if (env && *env) {
		if (cmn_file_exists(env) && !cmn_is_dir(env))
			return cmn_strdup(env);
		pr_warn("ecc: ECC_STANDALONE_STUB=%s: no such file (it names the ecli-standalone "
			"stub to embed the package in)\n",
			env);
		errno = ENOENT;
		return NULL;
	}
#ifdef ECC_STANDALONE_STUB_PATH
	built = ECC_STANDALONE_STUB_PATH;
	if (cmn_file_exists(built) && !cmn_is_dir(built))
		return cmn_strdup(built);
#endif
	near = next_to_self();
	if (near && cmn_file_exists(near) && !cmn_is_dir(near))
		return near;
	pr_warn("ecc: no ecli standalone stub found: looked at $ECC_STANDALONE_STUB (unset)%s%s, "
		"%s; build the ecli_standalone target or set ECC_STANDALONE_STUB\n",
		built ? ", " : "", built ? built : "", near ? near : STUB_NAME " next to ecc");
	free(near);
	errno = ENOENT;
	return NULL;
}

/* The stub must be an ELF file that does not carry a package already. */
static int check_stub(const char *stub, const char *data, size_t len)
{
	struct rtmin_standalone *s = NULL;
	int found;

	if (len < SELFMAG || memcmp(data, ELFMAG, SELFMAG) != 0) {
		pr_warn("ecc: stub %s is not an ELF executable\n", stub);
		return -EINVAL;
	}
	found = rtmin_standalone__open_file(stub, &s);
	rtmin_standalone__close(s);
	if (found > 0) {
		pr_warn("ecc: stub %s already carries a package (it is a standalone executable, "
			"not the ecli-standalone stub)\n",
			stub);
		return -EINVAL;
	}
	return found;
}

/* Read the package and the stub; both are checked before anything is written. */
static int read_inputs(const char *package, const char *stub, char **pkg, size_t *pkg_len,
		       char **bin, size_t *bin_len)
{
	int err;

	err = cmn_read_file(package, RTMIN_STANDALONE_MAX_PAYLOAD, pkg, pkg_len);
	if (err) {
		pr_warn("ecc: cannot read package %s: %s\n", package,
			err == -EFBIG ? "larger than 256 MiB" : strerror(-err));
		return err;
	}
	if (*pkg_len == 0) {
		pr_warn("ecc: package %s is empty\n", package);
		return -EINVAL;
	}
	err = cmn_read_file(stub, STUB_MAX_SIZE, bin, bin_len);
	if (err) {
		pr_warn("ecc: cannot read stub %s: %s\n", stub, strerror(-err));
		return err;
	}
	return check_stub(stub, *bin, *bin_len);
}

static int assemble(const char *bin, size_t bin_len, const char *pkg, size_t pkg_len,
		    struct cmn_buf *out)
{
	unsigned char trailer[RTMIN_STANDALONE_TRAILER_SIZE];
	int err;

	err = rtmin_standalone__encode_trailer(pkg, pkg_len, trailer);
	err = err ?: cmn_buf__append(out, bin, bin_len);
	err = err ?: cmn_buf__append(out, pkg, pkg_len);
	err = err ?: cmn_buf__append(out, trailer, sizeof(trailer));
	return err;
}

int ecc_standalone__write(const char *package_json, const char *stub, const char *out_path)
{
	char *found = NULL, *pkg = NULL, *bin = NULL;
	size_t pkg_len = 0, bin_len = 0;
	struct cmn_buf out = {0};
	int err;

	if (!stub) {
		found = ecc_standalone__find_stub();
		if (!found)
			return -ENOENT;
		stub = found;
	}
	err = read_inputs(package_json, stub, &pkg, &pkg_len, &bin, &bin_len);
	if (err)
		goto out;
	err = assemble(bin, bin_len, pkg, pkg_len, &out);
	if (err) {
		pr_warn("ecc: cannot assemble %s: %s\n", out_path, strerror(-err));
		goto out;
	}
	err = cmn_write_file_atomic(out_path, out.ptr, out.cnt, 0755);
	if (err)
		pr_warn("ecc: cannot write %s: %s\n", out_path, strerror(-err));
	else
		pr_info("ecc: wrote %s (stub %s)\n", out_path, stub);
out:
	cmn_buf__free(&out);
	free(bin);
	free(pkg);
	free(found);
	return err;
}
