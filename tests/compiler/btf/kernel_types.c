// SPDX-License-Identifier: MIT
/*
 * The kernel types the compiler tests and examples use, so that their
 * goldens do not depend on the running kernel. Compiled once into
 * kernel_types.btf (see README.md); ecc's tests pass it with --btf.
 * UAPI definitions come from the system's linux/ headers; kernel-internal
 * structs are trimmed copies written here with the fields the programs read
 * (CO-RE relocates by field name, so a subset is enough).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/perf_event.h>

typedef __u32 __wsum;
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef long unsigned int size_t;
typedef _Bool bool;
/* enum { false, true } is added by mkfixture (unused anonymous enums leave no BTF). */

/* x86-64 kernel pt_regs (bpf_tracing.h reads di/si/... with vmlinux.h). */
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long orig_ax, ip, cs, flags, sp, ss;
};

/* linux/bpf_perf_event.h would bring UAPI pt_regs (rdi...); the kernel's is above. */
typedef struct pt_regs bpf_user_pt_regs_t;
struct bpf_perf_event_data {
	bpf_user_pt_regs_t regs;
	__u64 sample_period;
	__u64 addr;
};

struct mm_struct {
	unsigned long start_code, end_code, start_data, end_data;
};

struct task_struct {
	unsigned int __state;
	int prio;
	pid_t pid;
	pid_t tgid;
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct mm_struct *mm;
	int exit_code;
	u64 start_time;
	char comm[16];
};

struct trace_entry {
	unsigned short type;
	unsigned char flags;
	unsigned char preempt_count;
	int pid;
};

struct trace_event_raw_sched_process_exec {
	struct trace_entry ent;
	u32 __data_loc_filename;
	pid_t pid;
	pid_t old_pid;
	char __data[0];
};

struct trace_event_raw_sched_process_template {
	struct trace_entry ent;
	char comm[16];
	pid_t pid;
	int prio;
	char __data[0];
};

struct trace_event_raw_sched_switch {
	struct trace_entry ent;
	char prev_comm[16];
	pid_t prev_pid;
	int prev_prio;
	long prev_state;
	char next_comm[16];
	pid_t next_pid;
	int next_prio;
	char __data[0];
};

struct trace_event_raw_sched_wakeup_template {
	struct trace_entry ent;
	char comm[16];
	pid_t pid;
	int prio;
	int target_cpu;
	char __data[0];
};

struct trace_event_raw_signal_generate {
	struct trace_entry ent;
	int sig;
	int errno;
	int code;
	char comm[16];
	pid_t pid;
	int group;
	int result;
	char __data[0];
};

struct trace_event_raw_sys_enter {
	struct trace_entry ent;
	long id;
	unsigned long args[6];
	char __data[0];
};

struct trace_event_raw_sys_exit {
	struct trace_entry ent;
	long id;
	long ret;
	char __data[0];
};

/*
 * One global that embeds every type above, so each reaches BTF complete
 * (a struct only pointed to from a global's members becomes a forward decl).
 */
struct ecc_fixture_types {
	u8 a; u16 b; u32 c; u64 d; s8 e; s16 f; s32 g; s64 h;
	pid_t i; uid_t j; gid_t k; size_t l; bool m;
	__u8 u8_; __u16 u16_; __u32 u32_; __u64 u64_; __s8 s8_; __s16 s16_; __s32 s32_; __s64 s64_;
	__be16 be16; __be32 be32; __be64 be64; __le16 le16; __le32 le32; __le64 le64;
	__sum16 sum16; __wsum wsum;
	struct pt_regs regs;
	struct task_struct task;
	struct trace_event_raw_sched_process_exec exec;
	struct trace_event_raw_sched_process_template exit;
	struct trace_event_raw_sched_switch sw;
	struct trace_event_raw_sched_wakeup_template wakeup;
	struct trace_event_raw_signal_generate signal_generate;
	struct trace_event_raw_sys_enter sys_enter;
	struct trace_event_raw_sys_exit sys_exit;
	struct xdp_md xdp;
	struct __sk_buff skb;
	struct ethhdr eth;
	struct iphdr ip;
	struct ipv6hdr ip6;
	struct tcphdr tcp;
	struct udphdr udp;
	struct bpf_perf_event_data perf;
	struct bpf_raw_tracepoint_args raw_tp;
	struct bpf_spin_lock lock;
	struct bpf_sock sk;
	enum bpf_map_type map_type;
	enum bpf_prog_type prog_type;
	enum bpf_attach_type attach_type;
	enum bpf_func_id func_id;
	enum xdp_action xdp_action;
	enum bpf_ret_code ret_code;
	enum perf_event_sample_format sample_format;
	enum perf_type_id perf_type;
	enum perf_sw_ids sw_ids;
	enum bpf_adj_room_mode adj_room;
	int flags_any;
};

struct ecc_fixture_types ecc_fixture_types;

