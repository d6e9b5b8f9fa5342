// SPDX-License-Identifier: MIT
/*
 * A Wasm guest testing the guest SDK's own logic (no kernel needed): argument
 * checks before any host call, the skeleton's ELF copy and views, and the
 * attach rules for programs the ABI cannot attach or that lack a target.
 * Exit status: the number of failed checks.
 */
#include <stdio.h>
#include "ecc_wasm_bpf.h"

static int pass, fail;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (cond) {                                                                        \
			pass++;                                                                    \
		} else {                                                                           \
			fail++;                                                                    \
			printf("FAIL line %d: %s\n", __LINE__, #cond);                             \
		}                                                                                  \
	} while (0)

static int cb(void *ctx, void *data, int size)
{
	return 0;
}

static void test_arguments(void)
{
	struct ecc_bpf_object none = {0};

	CHECK(ecc_bpf_object__load(NULL, "x", 1) == -EINVAL);
	CHECK(ecc_bpf_object__attach(&none, "p", NULL) == -EINVAL);
	CHECK(ecc_bpf_object__map_fd(&none, "rb") == -EINVAL);
	CHECK(ecc_bpf_object__close(&none) == 0);
	errno = 0;
	CHECK(ecc_bpf_buffer__new(&none, 3, cb, NULL, 64) == NULL && errno == EINVAL);
	CHECK(ecc_bpf_buffer__poll(NULL, 10) == -EINVAL);
	ecc_bpf_buffer__free(NULL);
}

static const unsigned char fake_elf[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

static void test_views(void)
{
	struct ecc_skel_datasec secs[] = {
	    {".rodata", 4, 4, NULL, false},
	    {".bss", 8, -1, NULL, false},
	    {".data", 8, 12, NULL, false}, /* past the end: gets its own zeroed buffer */
	};
	struct ecc_skel s = {.name = "t",
			     .elf_src = fake_elf,
			     .elf_sz = sizeof(fake_elf),
			     .secs = secs,
			     .n_secs = 3};
	unsigned char *ro;

	CHECK(ecc_skel__open(&s) == 0);
	ro = secs[0].view;
	CHECK(ro == s.elf + 4 && ro[0] == 5 && !secs[0].owned);
	ro[0] = 99; /* what skel->rodata->x = ... does */
	CHECK(s.elf[4] == 99 && fake_elf[4] == 5);
	CHECK(secs[1].owned && ecc_skel__all_zero(secs[1].view, 8));
	CHECK(secs[2].owned && ecc_skel__all_zero(secs[2].view, 8));
	((unsigned char *)secs[1].view)[3] = 1;
	CHECK(!ecc_skel__all_zero(secs[1].view, 8));
	ecc_skel__destroy(&s);
	CHECK(s.elf == NULL && secs[0].view == NULL && secs[1].view == NULL);
	ecc_skel__destroy(NULL);
}

static void test_attach_rules(void)
{
	struct ecc_skel_prog progs[] = {
	    {"tc_prog", "tc", ECC_ATTACH_NONE, NULL, true, false},
	};
	struct ecc_skel_prog xdp[] = {
	    {"xdp_prog", "xdp", ECC_ATTACH_XDP, NULL, true, false},
	};
	struct ecc_skel s = {.name = "t", .progs = progs, .n_progs = 1};

	CHECK(ecc_skel__attach(&s) == -EOPNOTSUPP);
	CHECK(strstr(s.errmsg, "'tc_prog'") != NULL);
	progs[0].autoattach = false; /* what the default app does */
	CHECK(ecc_skel__attach(&s) == 0);
	s.progs = xdp;
	CHECK(ecc_skel__attach(&s) == -EINVAL);
	CHECK(strstr(s.errmsg, "no target") && strstr(s.errmsg, "'xdp_prog'"));
}

int main(void)
{
	test_arguments();
	test_views();
	test_attach_rules();
	printf("sdk: %d passed, %d failed\n", pass, fail);
	return fail;
}
