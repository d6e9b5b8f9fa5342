// SPDX-License-Identifier: MIT
/*
 * cJSON <-> YAML through libyaml. The parser walks libyaml's event stream
 * with an explicit stack of open containers, so deep input cannot overflow
 * the C stack; the emitter recurses over a cJSON tree we built ourselves.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"
#include "common_yaml.h"
#include <yaml.h> /* libyaml */

#define YAML_MAX_DEPTH 256

/* ---- parser ----------------------------------------------------------- */

struct yp_frame {
	cJSON *node; /* open object or array */
	char *key;   /* pending key inside a mapping, NULL when expecting one */
};

struct yp_state {
	struct yp_frame stack[YAML_MAX_DEPTH];
	int depth;
	cJSON *root;
	int docs;
};

static bool yp_is(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(s, *words) == 0)
			return true;
	return false;
}

/* A plain scalar in the YAML 1.2 core schema; quoted scalars stay strings. */
static cJSON *yp_scalar(const yaml_event_t *ev)
{
	static const char *const nulls[] = {"null", "Null", "NULL", "~", "", NULL};
	static const char *const trues[] = {"true", "True", "TRUE", NULL};
	static const char *const falses[] = {"false", "False", "FALSE", NULL};
	const char *s = (const char *)ev->data.scalar.value;
	char *end;
	double d;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return cJSON_CreateString(s);
	if (yp_is(s, nulls))
		return cJSON_CreateNull();
	if (yp_is(s, trues))
		return cJSON_CreateTrue();
	if (yp_is(s, falses))
		return cJSON_CreateFalse();
	errno = 0;
	d = strtod(s, &end);
	if (*s && !*end && errno != ERANGE && isfinite(d) && strchr("+-.0123456789", *s))
		return cJSON_CreateNumber(d);
	return cJSON_CreateString(s);
}

/* Attach a finished value to the innermost open container (or the root). */
static int yp_attach(struct yp_state *st, cJSON *v, const yaml_event_t *ev)
{
	struct yp_frame *f;

	if (!v)
		return -ENOMEM;
	if (!st->depth) {
		if (st->root) {
			cJSON_Delete(v);
			return -EINVAL;
		}
		st->root = v;
		return 0;
	}
	f = &st->stack[st->depth - 1];
	if (cJSON_IsArray(f->node)) {
		cJSON_AddItemToArray(f->node, v);
		return 0;
	}
	if (!f->key) {
		/* A mapping key: only scalars are keys. */
		if (!cJSON_IsString(v) && !cJSON_IsNumber(v) && !cJSON_IsBool(v) &&
		    !cJSON_IsNull(v)) {
			cJSON_Delete(v);
			pr_warn("yaml: line %zu: only scalar mapping keys are supported\n",
				(size_t)ev->start_mark.line + 1);
			return -EINVAL;
		}
		f->key = cmn_strdup(
		    ev->type == YAML_SCALAR_EVENT ? (const char *)ev->data.scalar.value : "");
		cJSON_Delete(v);
		if (!f->key)
			return -ENOMEM;
		/* Unique keys (YAML requires it): readers must not disagree on a value. */
		if (cJSON_GetObjectItemCaseSensitive(f->node, f->key)) {
			pr_warn("yaml: line %zu: duplicate key '%s'\n",
				(size_t)ev->start_mark.line + 1, f->key);
			return -EINVAL;
		}
		return 0;
	}
	cJSON_AddItemToObject(f->node, f->key, v);
	free(f->key);
	f->key = NULL;
	return 0;
}

static int yp_open(struct yp_state *st, cJSON *node, const yaml_event_t *ev)
{
	int err;

	if (!node)
		return -ENOMEM;
	if (st->depth >= YAML_MAX_DEPTH) {
		cJSON_Delete(node);
		pr_warn("yaml: line %zu: nesting deeper than %d\n", (size_t)ev->start_mark.line + 1,
			YAML_MAX_DEPTH);
		return -E2BIG;
	}
	if (st->depth && cJSON_IsObject(st->stack[st->depth - 1].node) &&
	    !st->stack[st->depth - 1].key) {
		cJSON_Delete(node);
		pr_warn("yaml: line %zu: only scalar mapping keys are supported\n",
			(size_t)ev->start_mark.line + 1);
		return -EINVAL;
	}
	st->stack[st->depth].node = node;
	st->stack[st->depth].key = NULL;
	st->depth++;
	/* Attach at open time so the tree owns it even if parsing fails later. */
	if (st->depth == 1) {
		err = st->root ? -EINVAL : 0;
		if (!err)
			st->root = node;
		else
			cJSON_Delete(node);
		return err;
	}
	{
		struct yp_frame *parent = &st->stack[st->depth - 2];

		if (cJSON_IsArray(parent->node)) {
			cJSON_AddItemToArray(parent->node, node);
		} else {
			cJSON_AddItemToObject(parent->node, parent->key, node);
			free(parent->key);
			parent->key = NULL;
		}
	}
	return 0;
}

static int yp_event(struct yp_state *st, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (++st->docs > 1) {
			pr_warn("yaml: line %zu: more than one document\n",
				(size_t)ev->start_mark.line + 1);
			return -EINVAL;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		pr_warn("yaml: line %zu: aliases are not supported\n",
			(size_t)ev->start_mark.line + 1);
		return -EINVAL;
	case YAML_SCALAR_EVENT:
		return yp_attach(st, yp_scalar(ev), ev);
	case YAML_SEQUENCE_START_EVENT:
		return yp_open(st, cJSON_CreateArray(), ev);
	case YAML_MAPPING_START_EVENT:
		return yp_open(st, cJSON_CreateObject(), ev);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (!st->depth)
			return -EINVAL;
		st->depth--;
		return 0;
	default:
		return 0;
	}
}

int cmn_yaml_parse(const char *text, size_t len, cJSON **out)
{
	struct yp_state *st;
	yaml_parser_t parser;
	yaml_event_t ev;
	int err = 0, i;
	bool done = false;

	*out = NULL;
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	if (!yaml_parser_initialize(&parser)) {
		free(st);
		return -ENOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && !err) {
		if (!yaml_parser_parse(&parser, &ev)) {
			pr_warn("yaml: line %zu column %zu: %s\n",
				(size_t)parser.problem_mark.line + 1,
				(size_t)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "syntax error");
			err = -EINVAL;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		err = yp_event(st, &ev);
		yaml_event_delete(&ev);
	}
	for (i = 0; i < st->depth; i++)
		free(st->stack[i].key);
	if (!err && !st->root) {
		pr_warn("yaml: empty document\n");
		err = -EINVAL;
	}
	if (err)
		cJSON_Delete(st->root);
	else
		*out = st->root;
	yaml_parser_delete(&parser);
	free(st);
	return err;
}

/* ---- emitter ---------------------------------------------------------- */

struct ye_ctx {
	yaml_emitter_t em;
	struct cmn_buf buf;
	int err;
};

static int ye_write(void *data, unsigned char *bytes, size_t size)
{
	struct ye_ctx *c = data;

	if (cmn_buf__append(&c->buf, bytes, size)) {
		c->err = -ENOMEM;
		return 0;
	}
	return 1;
}

static int ye_emit(struct ye_ctx *c, yaml_event_t *ev)
{
	if (!yaml_emitter_emit(&c->em, ev))
		return c->err ? c->err : -EIO;
	return 0;
}

static int ye_scalar(struct ye_ctx *c, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
					  style))
		return -ENOMEM;
	return ye_emit(c, &ev);
}

/* Numbers: integers without a fraction, others with enough digits to round-trip. */
static void ye_number_text(double d, char *out, size_t cap)
{
	if (d == 0 && signbit(d))
		snprintf(out, cap, "-0"); /* %lld would lose the sign */
	/* Range first: converting an out-of-range double to an integer is undefined. */
	else if (fabs(d) < 9007199254740992.0 && d == (double)(long long)d)
		snprintf(out, cap, "%lld", (long long)d);
	else
		snprintf(out, cap, "%.17g", d);
}

static int ye_node(struct ye_ctx *c, const cJSON *n, int depth);

static int ye_container(struct ye_ctx *c, const cJSON *n, int depth)
{
	bool is_map = cJSON_IsObject(n);
	const cJSON *it;
	yaml_event_t ev;
	int err, ok;

	ok = is_map
		 ? yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)
		 : yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
							YAML_BLOCK_SEQUENCE_STYLE);
	if (!ok)
		return -ENOMEM;
	err = ye_emit(c, &ev);
	cJSON_ArrayForEach(it, n)
	{
		if (err)
			return err;
		if (is_map)
			err = ye_scalar(c, it->string, YAML_ANY_SCALAR_STYLE);
		if (!err)
			err = ye_node(c, it, depth + 1);
	}
	if (err)
		return err;
	ok = is_map ? yaml_mapping_end_event_initialize(&ev)
		    : yaml_sequence_end_event_initialize(&ev);
	return ok ? ye_emit(c, &ev) : -ENOMEM;
}

static int ye_node(struct ye_ctx *c, const cJSON *n, int depth)
{
	char num[64];

	if (depth > YAML_MAX_DEPTH)
		return -E2BIG;
	if (cJSON_IsObject(n) || cJSON_IsArray(n))
		return ye_container(c, n, depth);
	if (cJSON_IsString(n))
		return ye_scalar(c, n->valuestring, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	if (cJSON_IsNumber(n)) {
		ye_number_text(n->valuedouble, num, sizeof(num));
		return ye_scalar(c, num, YAML_PLAIN_SCALAR_STYLE);
	}
	if (cJSON_IsBool(n))
		return ye_scalar(c, cJSON_IsTrue(n) ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
	return ye_scalar(c, "null", YAML_PLAIN_SCALAR_STYLE);
}

static int ye_document(struct ye_ctx *c, const cJSON *root)
{
	yaml_event_t ev;
	int err;

	if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING))
		return -ENOMEM;
	err = ye_emit(c, &ev);
	if (!err && !yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1))
		err = -ENOMEM;
	if (!err)
		err = ye_emit(c, &ev);
	if (!err)
		err = ye_node(c, root, 0);
	if (!err && !yaml_document_end_event_initialize(&ev, 1))
		err = -ENOMEM;
	if (!err)
		err = ye_emit(c, &ev);
	if (!err && !yaml_stream_end_event_initialize(&ev))
		err = -ENOMEM;
	if (!err)
		err = ye_emit(c, &ev);
	return err;
}

int cmn_yaml_emit(const cJSON *root, char **out, size_t *out_len)
{
	struct ye_ctx c = {0};
	int err;

	*out = NULL;
	*out_len = 0;
	if (!yaml_emitter_initialize(&c.em))
		return -ENOMEM;
	yaml_emitter_set_output(&c.em, ye_write, &c);
	yaml_emitter_set_unicode(&c.em, 1);
	yaml_emitter_set_width(&c.em, -1);
	err = ye_document(&c, root);
	if (!err && !yaml_emitter_flush(&c.em))
		err = c.err ? c.err : -EIO;
	yaml_emitter_delete(&c.em);
	if (!err && !c.buf.ptr)
		err = cmn_buf__puts(&c.buf, "");
	if (err) {
		cmn_buf__free(&c.buf);
		return err;
	}
	*out = cmn_buf__steal(&c.buf, out_len);
	return 0;
}
