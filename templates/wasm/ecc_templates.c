// SPDX-License-Identifier: MIT
/* Lookup of embedded files and the @@KEY@@ substitution helper. */
#include <errno.h>
#include <string.h>
#include "ecc_templates.h"

const char *ecc_tpl__get(const char *name, size_t *len)
{
	for (size_t i = 0; i < ecc_tpl_n_files; i++) {
		if (!strcmp(ecc_tpl_files[i].name, name)) {
			if (len)
				*len = ecc_tpl_files[i].len;
			return ecc_tpl_files[i].data;
		}
	}
	errno = ENOENT;
	return NULL;
}

static bool is_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Length of a marker's key at p (after "@@"), 0 when p does not start one. */
static size_t key_len(const char *p)
{
	size_t n = 0;

	while (is_key_char(p[n]))
		n++;
	return n && p[n] == '@' && p[n + 1] == '@' ? n : 0;
}

int ecc_tpl__render(const char *name, const char *tpl, const struct ecc_tpl_var *vars, size_t n,
		    struct cmn_buf *out)
{
	const char *p = tpl, *m;
	int err = 0;

	while (!err && (m = strstr(p, "@@"))) {
		size_t kl = key_len(m + 2), i;

		err = cmn_buf__append(out, p, (size_t)(m - p) + (kl ? 0 : 2));
		if (!kl) {
			p = m + 2;
			continue;
		}
		for (i = 0; i < n; i++)
			if (strlen(vars[i].key) == kl && !strncmp(vars[i].key, m + 2, kl))
				break;
		if (i == n) {
			pr_warn("template %s: no value for @@%.*s@@\n", name, (int)kl, m + 2);
			return -EINVAL;
		}
		if (!err)
			err = cmn_buf__puts(out, vars[i].value);
		p = m + 2 + kl + 2;
	}
	return err ? err : cmn_buf__puts(out, p);
}
