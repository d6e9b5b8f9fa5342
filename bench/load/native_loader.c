// SPDX-License-Identifier: MIT
/*
 * The native baseline of the load benchmark: open a BPF object with libbpf,
 * load it, attach every program, print "all attached", detach and exit.
 *   native_loader OBJ OBJ_NAME
 */
#include <bpf/libbpf.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	struct bpf_link *links[64];
	struct bpf_program *p;
	struct bpf_object *obj;
	int n = 0, i, rc = 1;

	if (argc != 3)
		return 2;
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = argv[2]);
	obj = bpf_object__open_file(argv[1], &opts);
	if (!obj || bpf_object__load(obj))
		goto out;
	bpf_object__for_each_program(p, obj) {
		if (n == 64 || !(links[n] = bpf_program__attach(p)))
			goto detach;
		n++;
	}
	printf("all %d programs attached\n", n);
	rc = 0;
detach:
	for (i = n - 1; i >= 0; i--)
		bpf_link__destroy(links[i]);
out:
	bpf_object__close(obj);
	return rc;
}
