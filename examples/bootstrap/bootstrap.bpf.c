// SPDX-License-Identifier: MIT
/*
 * bootstrap: one event per process start (exec) and per process exit, sent
 * to user space through a ring buffer.
 *
 *   ecc bootstrap.bpf.c bootstrap.h      # -> package.json
 *   sudo ecli run package.json -p 1234   # only pid 1234
 *   sudo ecli run -j package.json -d 100000000   # exits after >= 100 ms, JSON
 *
 * Everything the runtime needs comes from this file: the doc comments
 * (`///`) become the help text and flags, `struct event` from bootstrap.h
 * becomes the output columns.
 */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "bootstrap.h"

/*
 * `const volatile` globals live in .rodata: the runtime turns each into a
 * command-line flag and writes the value before the program is loaded, so
 * the verifier sees a constant and prunes the branches it disables.
 */

/// Report only processes that ran at least this long (in nanoseconds);
/// with a minimum set, exec events are not reported. 0 reports everything.
/// @cmdarg {"default": 0, "short": "d", "long": "min-duration-ns"}
const volatile unsigned long long min_duration_ns = 0;

/// Report only this process ID (0 reports every process).
/// @cmdarg {"default": 0, "short": "p", "long": "pid"}
const volatile pid_t target_pid = 0;

/* When each live process started: filled on exec, consumed on exit. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, pid_t);
	__type(value, u64);
} exec_start SEC(".maps");

/// Exec and exit events for user space, one `struct event` each.
/// @export struct event
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

/// A new program image: remember when, and report it.
SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task;
	unsigned int fname_off;
	struct event *e;
	pid_t pid;
	u64 ts;

	pid = bpf_get_current_pid_tgid() >> 32;
	if (target_pid && pid != target_pid)
		return 0;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&exec_start, &pid, &ts, BPF_ANY);
	if (min_duration_ns)
		return 0;

	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0; /* buffer full: drop rather than block the kernel */
	task = (struct task_struct *)bpf_get_current_task();
	e->exit_event = false;
	e->pid = pid;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->exit_code = 0;
	e->duration_ns = 0;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	/* the file name is stored after the fixed fields: __data_loc's low
	 * 16 bits give its offset from the start of the record */
	fname_off = ctx->__data_loc_filename & 0xFFFF;
	bpf_probe_read_kernel_str(&e->filename, sizeof(e->filename), (void *)ctx + fname_off);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// A process ends: report how long it ran and its exit code.
SEC("tp/sched/sched_process_exit")
int handle_exit(struct trace_event_raw_sched_process_template *ctx)
{
	struct task_struct *task;
	u64 id, *start_ts, duration_ns = 0;
	struct event *e;
	pid_t pid, tid;

	id = bpf_get_current_pid_tgid();
	pid = id >> 32;
	tid = (u32)id;
	if (pid != tid)
		return 0; /* a thread ended, not the process */
	if (target_pid && pid != target_pid)
		return 0;

	start_ts = bpf_map_lookup_elem(&exec_start, &pid);
	if (start_ts)
		duration_ns = bpf_ktime_get_ns() - *start_ts;
	else if (min_duration_ns)
		return 0; /* started before we did: its run time is unknown */
	bpf_map_delete_elem(&exec_start, &pid);
	if (min_duration_ns && duration_ns < min_duration_ns)
		return 0;

	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	task = (struct task_struct *)bpf_get_current_task();
	e->exit_event = true;
	e->duration_ns = duration_ns;
	e->pid = pid;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->exit_code = (BPF_CORE_READ(task, exit_code) >> 8) & 0xff;
	e->filename[0] = '\0';
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/// @brief Trace process starts and exits.
/// @details One line per exec() with the new program's file name, and one
/// per process exit with its exit code and how long it ran. Filter by
/// process with -p and by minimum run time with -d.
/// @version 0.1
char LICENSE[] SEC("license") = "Dual MIT/GPL";
