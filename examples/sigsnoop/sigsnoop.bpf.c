// SPDX-License-Identifier: MIT
/*
 * sigsnoop: signals as they are generated, with one flag of each type a
 * runtime can turn into a command-line option: bool, int, u32, pid_t,
 * char[N] and unsigned long long. Each `@cmdarg` names the option; its
 * "default" is the value the variable has when the flag is not given.
 *
 *   ecc sigsnoop.bpf.c sigsnoop.h
 *   sudo ecli run package.json --signal 9 --failed-only
 *   sudo ecli run package.json --comm bash
 */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include "sigsnoop.h"

/// Report only signals whose delivery did not succeed.
/// @cmdarg {"default": false, "short": "x", "long": "failed-only"}
const volatile bool failed_only = false;

/// Report only this signal number (0 reports every signal).
/// @cmdarg {"default": 0, "short": "s", "long": "signal"}
const volatile int target_signal = 0;

/// Report only signals sent by this user ID (4294967295: any user).
/// @cmdarg {"default": 4294967295, "short": "u", "long": "uid"}
const volatile u32 target_uid = 4294967295U;

/// Report only signals sent by this process ID (0: any process).
/// @cmdarg {"default": 0, "short": "p", "long": "pid"}
const volatile pid_t target_pid = 0;

/// Report only signals sent by processes with this command name (at most
/// 15 characters; empty: any command).
/// @cmdarg {"default": "", "short": "c", "long": "comm"}
const volatile char target_comm[TASK_COMM_LEN] = "";

/// Report only signals sent from this cgroup (its ID, as in `stat -c %i`
/// of the cgroup v2 directory; 0: any cgroup).
/// @cmdarg {"default": 0, "long": "cgroup-id"}
const volatile unsigned long long target_cgroup_id = 0;

/// Generated signals, one `struct signal_event` each.
/// @export struct signal_event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

/* Does the sender's name equal target_comm? (An empty filter matches.) */
static __always_inline bool comm_matches(const char *comm)
{
	int i;

	if (!target_comm[0])
		return true;
	for (i = 0; i < TASK_COMM_LEN; i++) {
		if (comm[i] != target_comm[i])
			return false;
		if (!comm[i])
			return true;
	}
	return true;
}

/// A signal is generated (kill, tgkill, a fault, a timer...).
SEC("tp/signal/signal_generate")
int on_signal_generate(struct trace_event_raw_signal_generate *ctx)
{
	u64 pid_tgid = bpf_get_current_pid_tgid();
	u32 uid = (u32)bpf_get_current_uid_gid();
	struct signal_event *e;
	char comm[TASK_COMM_LEN];

	if (failed_only && ctx->result == 0)
		return 0;
	if (target_signal && ctx->sig != target_signal)
		return 0;
	if (target_uid != 4294967295U && uid != target_uid)
		return 0;
	if (target_pid && (pid_t)(pid_tgid >> 32) != target_pid)
		return 0;
	if (target_cgroup_id && bpf_get_current_cgroup_id() != target_cgroup_id)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	if (!comm_matches(comm))
		return 0;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = pid_tgid >> 32;
	e->target_pid = ctx->pid;
	e->sig = ctx->sig;
	e->result = ctx->result;
	e->uid = uid;
	__builtin_memcpy(e->comm, comm, sizeof(e->comm));
	bpf_probe_read_kernel_str(e->target_comm, sizeof(e->target_comm), ctx->comm);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// @brief Trace signals: who sent which signal to whom, and whether it
/// was delivered.
/// @version 0.1
char LICENSE[] SEC("license") = "Dual MIT/GPL";
