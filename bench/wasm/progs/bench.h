/* SPDX-License-Identifier: MIT */
/* Freestanding benchmark programs: built for wasm32 (exported) and the host. */
#ifndef BENCH_H
#define BENCH_H
#ifdef __wasm__
#define BENCH_EXPORT(name) __attribute__((export_name(name)))
#else
#define BENCH_EXPORT(name)
#endif
#endif
