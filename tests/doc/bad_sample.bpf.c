// SPDX-License-Identifier: MIT
/* Fixture: a @sample without a valid interval (line 9). */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int x;

/// @sample {"interval": 0, "type": "log2_hist"}
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u32);
} hists SEC(".maps");
