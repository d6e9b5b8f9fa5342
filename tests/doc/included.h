/* SPDX-License-Identifier: MIT */
/* Fixture: included by basic.h; its struct is not basic.h's own. */
#ifndef INCLUDED_H
#define INCLUDED_H
struct from_elsewhere {
	int x;
};
#endif
