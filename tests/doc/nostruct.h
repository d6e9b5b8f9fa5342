/* SPDX-License-Identifier: MIT */
/* Fixture: declares types but defines no struct. */
struct only_declared;
typedef int pid_like_t;
enum color { RED, GREEN };
