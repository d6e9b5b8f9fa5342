// SPDX-License-Identifier: MIT
/* Fixture for test_ecc_doc: every place a doc comment can go. */
#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "basic.h"

/// Process ID to trace
/// (0 traces every process).
/// @cmdarg {"default": 0, "short": "p",
///          "long": "pid"}
const volatile int target_pid = 0;

const volatile bool undocumented = false;

/**
 * Minimum duration, in nanoseconds.
 * @value 5
 */
const volatile unsigned long long min_ns = 5;

// A plain comment is not documentation.
const volatile __u32 plain_comment = 1;

/// Events to user space.
/// @export struct event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

/// @sample {"interval": 1000, "type": "log2_hist",
///          "unit": "usecs"}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct hist);
} hists SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} undocumented_map SEC(".maps");

/** A map whose struct has a tag: the comment is found all the same. */
struct tagged_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tagged SEC(".maps");

const volatile int trailing = 0; ///< Documented after the declaration.

/// Documents the macro below, not the variable after it.
#define UNRELATED 1
const volatile int after_define = UNRELATED;

/// Pass every packet.
/// @ifindex 1
/// @flags 0
SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

// plain comment
SEC("tp/sched/sched_process_exec")
int no_doc(void *ctx)
{
	return 0;
}

/// Made by a macro: libclang attaches no comment here.
/// @note from BPF_PROG
SEC("raw_tp/sched_switch")
int BPF_PROG(on_switch, bool preempt)
{
	return 0;
}

/// A helper, not a program: no section, not listed.
static __always_inline int helper(void)
{
	return 1;
}

/// @brief A fixture
/// @version 0.1
/// @details Two
/// lines.
char LICENSE[] SEC("license") = "GPL";
