// SPDX-License-Identifier: MIT
/* base64 and zlib streams, as the package format uses them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "common.h"

static const char b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int cmn_base64_encode(const void *in, size_t len, char **out, size_t *out_len)
{
	const unsigned char *s = in;
	size_t n = (len + 2) / 3 * 4, i, o = 0;
	char *d;

	if (len > (SIZE_MAX - 1) / 4 * 3)
		return -ENOMEM;
	d = malloc(n + 1);
	if (!d)
		return -ENOMEM;
	for (i = 0; i + 2 < len; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];

		d[o++] = b64_alphabet[v >> 18];
		d[o++] = b64_alphabet[(v >> 12) & 63];
		d[o++] = b64_alphabet[(v >> 6) & 63];
		d[o++] = b64_alphabet[v & 63];
	}
	if (i < len) {
		uint32_t v = (uint32_t)s[i] << 16;

		if (i + 1 < len)
			v |= (uint32_t)s[i + 1] << 8;
		d[o++] = b64_alphabet[v >> 18];
		d[o++] = b64_alphabet[(v >> 12) & 63];
		d[o++] = i + 1 < len ? b64_alphabet[(v >> 6) & 63] : '=';
		d[o++] = '=';
	}
	d[o] = '\0';
	*out = d;
	if (out_len)
		*out_len = o;
	return 0;
}

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int cmn_base64_decode(const char *in, size_t len, void **out, size_t *out_len)
{
	unsigned char *d;
	size_t i, o = 0, pad = 0;

	if (len % 4)
		return -EINVAL;
	if (len && in[len - 1] == '=')
		pad++;
	if (len > 1 && in[len - 2] == '=')
		pad++;
	d = malloc(len / 4 * 3 + 1);
	if (!d)
		return -ENOMEM;
	for (i = 0; i < len; i += 4) {
		int v[4], k;
		uint32_t w;

		for (k = 0; k < 4; k++) {
			bool is_pad = i + 4 == len && k >= 4 - (int)pad;

			v[k] = is_pad ? 0 : b64_value((unsigned char)in[i + k]);
			if (v[k] < 0)
				goto err_inval;
		}
		w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
		d[o++] = (unsigned char)(w >> 16);
		if (!(i + 4 == len && pad == 2))
			d[o++] = (unsigned char)(w >> 8);
		if (!(i + 4 == len && pad >= 1))
			d[o++] = (unsigned char)w;
	}
	*out = d;
	*out_len = o;
	return 0;
err_inval:
	free(d);
	return -EINVAL;
}

int cmn_zlib_compress(const void *in, size_t len, void **out, size_t *out_len)
{
	uLongf n = compressBound((uLong)len);
	Bytef *d;

	d = malloc(n ? n : 1);
	if (!d)
		return -ENOMEM;
	if (compress2(d, &n, in, (uLong)len, Z_BEST_COMPRESSION) != Z_OK) {
		free(d);
		return -EINVAL;
	}
	*out = d;
	*out_len = n;
	return 0;
}

int cmn_zlib_inflate(const void *in, size_t len, size_t cap, void **out, size_t *out_len)
{
	struct cmn_buf b = {0};
	unsigned char chunk[65536];
	z_stream zs = {0};
	int ret, err = 0;

	if (inflateInit(&zs) != Z_OK)
		return -ENOMEM;
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)len;
	if ((size_t)zs.avail_in != len) {
		err = -EFBIG;
		goto out;
	}
	do {
		size_t have;

		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		ret = inflate(&zs, Z_NO_FLUSH);
		if (ret != Z_OK && ret != Z_STREAM_END) {
			err = ret == Z_MEM_ERROR ? -ENOMEM : -EINVAL;
			goto out;
		}
		have = sizeof(chunk) - zs.avail_out;
		if (b.cnt + have > cap) {
			err = -EFBIG;
			goto out;
		}
		err = cmn_buf__append(&b, chunk, have);
		if (err)
			goto out;
		/* no progress and no end: the stream is truncated */
		if (ret == Z_OK && have == 0 && zs.avail_in == 0) {
			err = -EINVAL;
			goto out;
		}
	} while (ret != Z_STREAM_END);
	if (zs.avail_in != 0)
		err = -EINVAL; /* trailing garbage after the stream */
out:
	inflateEnd(&zs);
	if (err) {
		cmn_buf__free(&b);
		return err;
	}
	*out = cmn_buf__steal(&b, out_len);
	return *out ? 0 : -ENOMEM;
}
