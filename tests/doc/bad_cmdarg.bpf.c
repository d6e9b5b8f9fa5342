// SPDX-License-Identifier: MIT
/* Fixture: the @cmdarg JSON breaks on line 7. */
#include <linux/types.h>

/// The pid.
/// @cmdarg {"default": 0,
///   "short": 'p'}
const volatile int pid = 0;
