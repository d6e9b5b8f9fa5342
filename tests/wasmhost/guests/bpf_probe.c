/* SPDX-License-Identifier: MIT */
/*
 * An app.wasm the way ecc --wasm builds them: the BPF object (probe.bpf.o)
 * is embedded; load it, attach both tracepoints, trigger them by opening
 * /data/wasmi_trigger_guest, poll the ring buffer and the perf buffer, and
 * print each decoded event. Then map_operate on the hash map and .rodata,
 * the cgroup grant checks (argv[1..]: cgroup v2 dirs to attach to), and
 * close. Other modes: "badcb" polls with a callback index that is no
 * function (a clean trap); "wait" polls forever (ended by SIGINT); "xdp"
 * attaches to interfaces by name (run it in a private network namespace).
 */
#include <stdio.h>
#include <string.h>

#include "probe_bpf.h"
#include "probe_event.h"
#include "wasm_bpf_abi.h"

static int on_event(void *ctx, void *data, unsigned int size)
{
	const struct probe_event *e = data;

	if (size < sizeof(*e)) {
		printf("event src=%s size=%u (truncated)\n", (const char *)ctx, size);
		return 0;
	}
	printf("event src=%s size=%u pid=%u magic=%#x file=%s comm=%.16s\n", (const char *)ctx,
	       size, e->pid, e->magic, e->filename, e->comm);
	return 0;
}

static void trigger(void)
{
	FILE *f = fopen("/data/wasmi_trigger_guest", "w");

	if (f)
		fclose(f);
	else
		printf("cannot open the trigger file\n");
}

static void maps(uint64_t obj)
{
	int counts = wasm_bpf_map_fd_by_name(obj, "counts");
	int rodata = wasm_bpf_map_fd_by_name(obj, "probe_bpf.rodata");
	uint32_t key = 1, next = 0;
	uint64_t val = 0;
	unsigned char ro[64];

	printf("count_lookup=%d ", wasm_bpf_map_operate(counts, 1, &key, &val, 0, 0));
	printf("count=%llu\n", (unsigned long long)val);
	key = 7;
	val = 4242;
	printf("update=%d\n", wasm_bpf_map_operate(counts, 2, &key, &val, 0, 0));
	val = 0;
	printf("lookup=%d key7=%llu\n", wasm_bpf_map_operate(counts, 1, &key, &val, 0, 0),
	       (unsigned long long)val);
	printf("next_from_null=%d ", wasm_bpf_map_operate(counts, 4, 0, 0, &next, 0));
	printf("first_key_ok=%d\n", next == 1 || next == 7);
	printf("delete=%d\n", wasm_bpf_map_operate(counts, 3, &key, 0, 0, 0));
	printf("lookup_deleted=%d\n", wasm_bpf_map_operate(counts, 1, &key, &val, 0, 0));
	key = 0;
	printf("rodata_lookup=%d ", wasm_bpf_map_operate(rodata, 1, &key, ro, 0, 0));
	printf("magic=%#x\n", *(unsigned int *)ro);
	printf("foreign_fd=%d\n", wasm_bpf_map_operate(0, 1, &key, &val, 0, 0));
}

/* Modes that end the run from inside a poll. */
static int special(uint64_t obj, int rb, const char *mode)
{
	static char buf[256];

	if (strcmp(mode, "xdp") == 0) {
		printf("xdp_lo=%d\n", wasm_attach_bpf_program(obj, "xdp_pass", "lo"));
		printf("xdp_missing=%d\n", wasm_attach_bpf_program(obj, "xdp_pass", "nosuchif0"));
		printf("close=%d\n", wasm_close_bpf_object(obj));
		return 0;
	}
	if (strcmp(mode, "badcb") == 0) {
		trigger();
		printf("polling with a bad callback\n");
		return wasm_bpf_buffer_poll(obj, rb, 9999, 0, buf, sizeof(buf), 2000);
	}
	printf("ready\n");
	for (;;)
		printf("wait_polled=%d\n",
		       wasm_bpf_buffer_poll(obj, rb, SAMPLE_FUNC(on_event), (uint32_t) "wait", buf,
					    sizeof(buf), 1000));
}

int main(int argc, char **argv)
{
	static char buf[256];
	uint64_t obj;
	int rb, pb, i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	obj = wasm_load_bpf_object(probe_bpf_o, (int)probe_bpf_o_len);
	if (!obj) {
		printf("load failed\n");
		return 1;
	}
	printf("loaded\n");
	printf("attach_openat=%d\n", wasm_attach_bpf_program(obj, "handle_openat", 0));
	printf("attach_openat2=%d\n", wasm_attach_bpf_program(obj, "handle_openat2", ""));
	printf("attach_missing=%d\n", wasm_attach_bpf_program(obj, "no_such_prog", 0));
	rb = wasm_bpf_map_fd_by_name(obj, "rb");
	pb = wasm_bpf_map_fd_by_name(obj, "pb");
	printf("fds_ok=%d\n", rb > 0 && pb > 0 && rb != pb);
	if (argc > 1 &&
	    (!strcmp(argv[1], "badcb") || !strcmp(argv[1], "wait") || !strcmp(argv[1], "xdp")))
		return special(obj, rb, argv[1]);
	/* the perf buffer exists from its first poll on */
	wasm_bpf_buffer_poll(obj, pb, SAMPLE_FUNC(on_event), (uint32_t) "pb", buf, sizeof(buf), 0);
	trigger();
	printf("rb_polled=%d\n", wasm_bpf_buffer_poll(obj, rb, SAMPLE_FUNC(on_event),
						      (uint32_t) "rb", buf, sizeof(buf), 2000));
	printf("pb_polled=%d\n", wasm_bpf_buffer_poll(obj, pb, SAMPLE_FUNC(on_event),
						      (uint32_t) "pb", buf, sizeof(buf), 2000) > 0);
	trigger();
	printf("small_polled=%d\n", wasm_bpf_buffer_poll(obj, rb, SAMPLE_FUNC(on_event),
							 (uint32_t) "small", buf, 8, 2000));
	maps(obj);
	printf("cgroup_ungranted=%d\n",
	       wasm_attach_bpf_program(obj, "egress_allow", "/sys/fs/cgroup"));
	for (i = 1; i < argc; i++)
		printf("cgroup_granted[%d]=%d\n", i,
		       wasm_attach_bpf_program(obj, "egress_allow", argv[i]));
	printf("close=%d\n", wasm_close_bpf_object(obj));
	printf("close_again=%d\n", wasm_close_bpf_object(obj));
	return 0;
}
