// SPDX-License-Identifier: MIT
/*
 * ecc --btfgen: the driver's entry into btfgen_archive, which does the work
 * (walk, bpftool pool, reproducible tar); kept here so the driver only sees
 * its own options struct.
 */
#include "ecc_btfgen.h"
#include "btfgen_archive.h"

int ecc_btfgen__pack(const struct ecc_btfgen_opts *o)
{
	struct btfgen_archive_opts ao = {
	    .bpf_obj_path = o->bpf_obj_path,
	    .package_json = o->package_json,
	    .archive_dir = o->archive_dir,
	    .out_tar = o->out_tar,
	    .bpftool_bin = o->bpftool_bin,
	    .jobs = o->jobs,
	    .verbose = o->verbose,
	};

	return btfgen_archive__pack(&ao);
}
