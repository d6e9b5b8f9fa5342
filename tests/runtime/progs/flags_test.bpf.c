// SPDX-License-Identifier: GPL-2.0
/* Globals of every kind ecli turns into flags (unit test input: opened with
 * libbpf, never loaded, so the test needs no root). */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

enum color { RED = 1, GREEN = 2, BLUE = -3 };
typedef int my_pid_t;
typedef __u32 u32_alias;
struct opaque;

const volatile __u8 v_u8 = 1;
const volatile __s8 v_s8 = -1;
const volatile __u16 v_u16 = 0;
const volatile short v_s16 = 0;
const volatile u32_alias v_u32 = 7;
const volatile int v_s32 = 0;
const volatile __u64 v_u64 = 0;
const volatile long long v_s64 = 0;
const volatile _Bool v_bool = 1;
const volatile _Bool v_flag = 0;
const volatile float v_f32 = 0;
const volatile double v_f64 = 0;
const volatile char v_str[8] = "abc";
const volatile enum color v_enum = GREEN;
const volatile my_pid_t v_pid = 0;
int v_data = 5;
unsigned long long v_bss;
struct opaque *__eunomia_dummy_opaque_ptr;

SEC("tp/syscalls/sys_enter_getpid")
int use_all(void *ctx)
{
	return v_u8 + v_s8 + v_u16 + v_s16 + v_u32 + v_s32 + v_u64 + v_s64 + v_bool + v_flag +
	       v_str[0] + v_enum + v_pid + v_data + v_bss +
	       (__eunomia_dummy_opaque_ptr != 0);
}

char LICENSE[] SEC("license") = "GPL";
