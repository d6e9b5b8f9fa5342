// SPDX-License-Identifier: MIT
/* Growable arrays and text buffers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

int cmn_array_grow(void **ptr, size_t *cap, size_t need, size_t elem_size)
{
	size_t new_cap;
	void *p;

	if (need <= *cap)
		return 0;
	new_cap = *cap ? *cap : 16;
	while (new_cap < need) {
		if (new_cap > SIZE_MAX / 2)
			return -ENOMEM;
		new_cap *= 2;
	}
	if (elem_size && new_cap > SIZE_MAX / elem_size)
		return -ENOMEM;
	p = realloc(*ptr, new_cap * elem_size);
	if (!p)
		return -ENOMEM;
	*ptr = p;
	*cap = new_cap;
	return 0;
}

int cmn_buf__append(struct cmn_buf *b, const void *data, size_t len)
{
	int err;

	if (len > SIZE_MAX - b->cnt - 1)
		return -ENOMEM;
	err = cmn_array_grow((void **)&b->ptr, &b->cap, b->cnt + len + 1, 1);
	if (err)
		return err;
	if (len)
		memcpy(b->ptr + b->cnt, data, len);
	b->cnt += len;
	b->ptr[b->cnt] = '\0';
	return 0;
}

int cmn_buf__puts(struct cmn_buf *b, const char *s)
{
	return cmn_buf__append(b, s, strlen(s));
}

int cmn_buf__vprintf(struct cmn_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, err;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -EINVAL;
	err = cmn_array_grow((void **)&b->ptr, &b->cap, b->cnt + (size_t)n + 1, 1);
	if (err)
		return err;
	vsnprintf(b->ptr + b->cnt, (size_t)n + 1, fmt, ap);
	b->cnt += (size_t)n;
	return 0;
}

int cmn_buf__printf(struct cmn_buf *b, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = cmn_buf__vprintf(b, fmt, ap);
	va_end(ap);
	return err;
}

char *cmn_buf__steal(struct cmn_buf *b, size_t *len)
{
	char *p = b->ptr;

	if (!p)
		p = calloc(1, 1);
	if (len)
		*len = b->cnt;
	b->ptr = NULL;
	b->cnt = b->cap = 0;
	return p;
}

void cmn_buf__free(struct cmn_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->cnt = b->cap = 0;
}

char *cmn_strdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		errno = ENOMEM;
	return p;
}

char *cmn_asprintf(const char *fmt, ...)
{
	struct cmn_buf b = {0};
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = cmn_buf__vprintf(&b, fmt, ap);
	va_end(ap);
	if (err) {
		cmn_buf__free(&b);
		errno = -err;
		return NULL;
	}
	return cmn_buf__steal(&b, NULL);
}
