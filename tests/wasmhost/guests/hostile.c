/* SPDX-License-Identifier: MIT */
/*
 * Calls every pointer-taking host import with out-of-range pointers and
 * lengths and prints "name=result" for each; the run must go on to "done".
 * Expects a preopen at fd 3 (run with --dir).
 */
#include <stdint.h>
#include <stdio.h>
#include <wasi/api.h>

#include "wasm_bpf_abi.h"

#define BAD ((void *)(uintptr_t)0xfffffff0u)
#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

/* wasi-libc's wrappers take C strings and strlen() them: declare the raw imports. */
WASI(path_open)
int raw_path_open(int fd, int dirflags, const char *path, int len, int oflags, int64_t base,
		  int64_t inh, int fdflags, int *opened);
WASI(path_filestat_get)
int raw_path_filestat_get(int fd, int flags, const char *path, int len, void *buf);
WASI(path_unlink_file) int raw_path_unlink_file(int fd, const char *path, int len);
#define R(name, expr) printf("%s=%d\n", name, (int)(expr))

int main(void)
{
	static char ok[64] = "hostile";
	__wasi_ciovec_t iov = {(const uint8_t *)BAD, 10};
	__wasi_ciovec_t big = {(const uint8_t *)ok, 0x7fffffff};
	__wasi_size_t n;
	uint32_t key = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	R("args_sizes_get", __wasi_args_sizes_get(BAD, BAD));
	R("args_get", __wasi_args_get(BAD, BAD));
	R("environ_sizes_get", __wasi_environ_sizes_get(BAD, BAD));
	R("environ_get", __wasi_environ_get(BAD, BAD));
	R("clock_time_get", __wasi_clock_time_get(1, 0, BAD));
	R("clock_res_get", __wasi_clock_res_get(1, BAD));
	R("fd_write_iovs", __wasi_fd_write(1, BAD, 1, &n));
	R("fd_write_buf", __wasi_fd_write(1, &iov, 1, &n));
	R("fd_write_len", __wasi_fd_write(1, &big, 1, &n));
	R("fd_write_ret", __wasi_fd_write(1, (__wasi_ciovec_t *)&iov, 0, BAD));
	R("fd_read", __wasi_fd_read(0, BAD, 1, &n));
	R("fd_fdstat_get", __wasi_fd_fdstat_get(1, BAD));
	R("fd_filestat_get", __wasi_fd_filestat_get(1, BAD));
	R("fd_seek", __wasi_fd_seek(1, 0, 0, BAD));
	R("fd_prestat_get", __wasi_fd_prestat_get(3, BAD));
	R("fd_prestat_dir_name", __wasi_fd_prestat_dir_name(3, BAD, 4));
	R("path_open", raw_path_open(3, 0, BAD, 5, 0, 2, 0, 0, (int *)ok));
	R("path_open_len", raw_path_open(3, 0, ok, 0x7fffffff, 0, 2, 0, 0, (int *)ok));
	R("path_open_ret", raw_path_open(3, 0, "in.txt", 6, 0, 2, 0, 0, BAD));
	R("path_filestat_get", raw_path_filestat_get(3, 0, "x", 1, BAD));
	R("path_filestat_get_path", raw_path_filestat_get(3, 0, BAD, 1, ok));
	R("random_get", __wasi_random_get(BAD, 16));
	R("poll_oneoff", __wasi_poll_oneoff(BAD, BAD, 1, BAD));
	R("path_unlink_file", raw_path_unlink_file(3, BAD, 1));
	R("sock_shutdown", __wasi_sock_shutdown(3, 0));
	R("load", wasm_load_bpf_object(BAD, 100));
	R("load_len", wasm_load_bpf_object(ok, 0x7fffffff));
	R("attach", wasm_attach_bpf_program(1, BAD, 0));
	R("map_fd_by_name", wasm_bpf_map_fd_by_name(1, BAD));
	R("map_operate", wasm_bpf_map_operate(0, 1, &key, BAD, 0, 0));
	R("buffer_poll", wasm_bpf_buffer_poll(1, 3, 1, 0, BAD, 16, 0));
	R("close", wasm_close_bpf_object(12345));
	printf("done\n");
	return 0;
}
