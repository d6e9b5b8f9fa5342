/* SPDX-License-Identifier: MIT */
/* Helpers shared by the WASI host function files (wasmi_wasi*.c). */
#ifndef WASMI_WASI_INT_H
#define WASMI_WASI_INT_H

#include "wasmi.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Store a WASI errno as the function's result. */
enum wasmi_status wasi_ret(union wasmi_value *res, uint32_t e);
/* Store a little-endian value at off; false when out of bounds. */
bool wasi_put_u32(struct wasmi_instance *in, uint32_t off, uint32_t v);
bool wasi_put_u64(struct wasmi_instance *in, uint32_t off, uint64_t v);
/* WASI clock id -> host clock; a WASI errno. */
int wasi_clock_id(uint32_t id, clockid_t *out);

/* wasmi_wasi_path.c */
enum wasmi_status wasi_fd_advise(struct wasmi_instance *in, void *user, const union wasmi_value *a,
				 union wasmi_value *r);
enum wasmi_status wasi_fd_allocate(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_fd_filestat_set_times(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_fd_renumber(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_path_filestat_set_times(struct wasmi_instance *in, void *user,
					       const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_path_readlink(struct wasmi_instance *in, void *user,
				     const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_fd_datasync(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_fd_filestat_set_size(struct wasmi_instance *in, void *user,
					    const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_fd_sync(struct wasmi_instance *in, void *user, const union wasmi_value *a,
			       union wasmi_value *r);
enum wasmi_status wasi_path_create_directory(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_path_remove_directory(struct wasmi_instance *in, void *user,
					     const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_path_rename(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_path_unlink_file(struct wasmi_instance *in, void *user,
					const union wasmi_value *a, union wasmi_value *r);
enum wasmi_status wasi_fd_readdir(struct wasmi_instance *in, void *user, const union wasmi_value *a,
				  union wasmi_value *r);
enum wasmi_status wasi_poll_oneoff(struct wasmi_instance *in, void *user,
				   const union wasmi_value *a, union wasmi_value *r);

#endif /* WASMI_WASI_INT_H */
