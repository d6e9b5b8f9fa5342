// SPDX-License-Identifier: MIT
/* Module lifetime and introspection (part of wasmi_decoder). */
#include "wasmi_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void wasmi_module__free(struct wasmi_module *m)
{
	if (!m)
		return;
	for (uint32_t i = 0; m->types && i < m->ntypes; i++) {
		free(m->types[i].types);
		free(m->types[i].sig);
	}
	for (uint32_t i = 0; m->imports && i < m->nimports; i++) {
		free(m->imports[i].module);
		free(m->imports[i].name);
	}
	for (uint32_t i = 0; m->exports && i < m->nexports; i++)
		free(m->exports[i].name);
	for (uint32_t i = 0; m->elems && i < m->nelems; i++)
		free(m->elems[i].items);
	for (uint32_t i = 0; m->codes && i < m->nfuncs - m->nfunc_imports; i++)
		free(m->codes[i].cells);
	for (uint32_t i = 0; m->func_names && i < m->nfuncs; i++)
		free(m->func_names[i]);
	free(m->func_names);
	free(m->func_declared);
	free(m->codes);
	free(m->datas);
	free(m->elems);
	free(m->exports);
	free(m->globals);
	free(m->mems);
	free(m->tables);
	free(m->func_types);
	free(m->imports);
	free(m->types);
	free(m->bytes);
	free(m);
}

size_t wasmi_module__import_cnt(const struct wasmi_module *m)
{
	return m ? m->nimports : 0;
}

const struct wasmi_functype *wasmi_module__func_type(const struct wasmi_module *m, uint32_t f)
{
	return &m->types[m->func_types[f]];
}

int wasmi_module__import(const struct wasmi_module *m, size_t i, const char **module,
			 const char **name, int *kind, char *sig, size_t sig_len)
{
	const struct wasmi_import *im;

	if (!m || i >= m->nimports)
		return -EINVAL;
	im = &m->imports[i];
	if (module)
		*module = im->module;
	if (name)
		*name = im->name;
	if (kind)
		*kind = im->kind;
	if (sig && sig_len) {
		sig[0] = '\0';
		if (im->kind == WK_FUNC && m->func_types[im->index] < m->ntypes)
			snprintf(sig, sig_len, "%s", wasmi_module__func_type(m, im->index)->sig);
	}
	return 0;
}

size_t wasmi_module__export_cnt(const struct wasmi_module *m)
{
	return m ? m->nexports : 0;
}

int wasmi_module__export(const struct wasmi_module *m, size_t i, const char **name, int *kind,
			 uint32_t *index)
{
	if (!m || i >= m->nexports)
		return -EINVAL;
	if (name)
		*name = m->exports[i].name;
	if (kind)
		*kind = m->exports[i].kind;
	if (index)
		*index = m->exports[i].index;
	return 0;
}

void wasmi_module__func_name(const struct wasmi_module *m, uint32_t f, char *buf, size_t len)
{
	for (uint32_t i = 0; i < m->nexports; i++) {
		if (m->exports[i].kind == WK_FUNC && m->exports[i].index == f) {
			snprintf(buf, len, "%s", m->exports[i].name);
			return;
		}
	}
	if (m->func_names && f < m->nfuncs && m->func_names[f]) {
		snprintf(buf, len, "%s", m->func_names[f]);
		return;
	}
	if (f < m->nfunc_imports) {
		for (uint32_t i = 0; i < m->nimports; i++) {
			if (m->imports[i].kind == WK_FUNC && m->imports[i].index == f) {
				snprintf(buf, len, "%s.%s", m->imports[i].module, m->imports[i].name);
				return;
			}
		}
	}
	snprintf(buf, len, "#%u", f);
}
