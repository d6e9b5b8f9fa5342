// SPDX-License-Identifier: MIT
/* The one print hook every module logs through. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "common.h"

/* The hook and verbosity are the single piece of process-wide state
 * (see conventions: the log hook is the exception). */
static cmn_print_fn print_hook;
static enum cmn_log_level verbosity = CMN_WARN;

static void default_print(enum cmn_log_level level, const char *msg)
{
	if (level <= verbosity)
		fputs(msg, stderr);
}

cmn_print_fn cmn_set_print(cmn_print_fn fn)
{
	cmn_print_fn old = print_hook;

	print_hook = fn;
	return old;
}

void cmn_set_verbosity(enum cmn_log_level level)
{
	verbosity = level;
}

enum cmn_log_level cmn_verbosity(void)
{
	return verbosity;
}

void cmn_vlog(enum cmn_log_level level, const char *fmt, va_list ap)
{
	int saved = errno;
	char small[512];
	char *msg = small;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small)) {
		msg = malloc((size_t)n + 1);
		if (msg)
			vsnprintf(msg, (size_t)n + 1, fmt, cp);
		else
			msg = small; /* truncated, better than nothing */
	}
	va_end(cp);
	if (n >= 0)
		(print_hook ? print_hook : default_print)(level, msg);
	if (msg != small)
		free(msg);
	errno = saved;
}

void cmn_log(enum cmn_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmn_vlog(level, fmt, ap);
	va_end(ap);
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	cmn_vlog(level == LIBBPF_WARN ? CMN_INFO : CMN_DEBUG, fmt, ap);
	return 0;
}

void cmn_route_libbpf_print(void)
{
	libbpf_set_print(libbpf_print);
}
