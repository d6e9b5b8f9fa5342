// SPDX-License-Identifier: GPL-2.0
/* Sections libbpf 1.1 does not know (validate test input). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("tcx/ingress") int tcx_prog(struct __sk_buff *skb) { return 0; }
SEC("uprobe.multi//bin/true:main") int multi_prog(void *ctx) { return 0; }
SEC("tp/syscalls/sys_enter_getpid") int ok_prog(void *ctx) { return 0; }
char LICENSE[] SEC("license") = "GPL";
