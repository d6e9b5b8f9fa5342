/* SPDX-License-Identifier: MIT */
/*
 * The text of one doc comment -> cJSON keys (rules in ecc_doc_text.h).
 * No libclang here: the fuzz target links this file alone with common.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "ecc_doc_text.h"

struct doc_ctx {
	const char *file;
	enum ecc_doc_kind kind;
	cJSON *obj;
	struct cmn_buf desc; /* description paragraphs collected so far */
	bool desc_break;     /* an empty line was seen after the last text */
};

/* One key being collected: its name, its value lines joined by '\n'. */
struct doc_key {
	char *name;
	struct cmn_buf val;
	unsigned int line;
};

/* ---- comment markers ------------------------------------------------- */

static char *trim_right(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static char *skip_space(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/*
 * Strip the markers of one line of a comment. *in_block tracks whether we
 * are inside a slash-star comment, so a leading '*' is only a decoration
 * there, and a closing marker only ends one there.
 */
static char *strip_markers(char *s, bool *in_block)
{
	s = trim_right(skip_space(s));
	if (!*in_block && s[0] == '/' && s[1] == '/') {
		s += 2;
		if (*s == '/' || *s == '!')
			s++;
		if (*s == '<') /* trailing member doc: `int x; ///< text` */
			s++;
		return skip_space(s);
	}
	if (!*in_block && s[0] == '/' && s[1] == '*') {
		*in_block = true;
		s += 2;
		while (*s == '*' && s[1] != '/')
			s++;
		if (*s == '!' || *s == '<')
			s++;
	} else if (*in_block && *s == '*' && s[1] != '/') {
		while (*s == '*' && s[1] != '/')
			s++;
	}
	if (*in_block) {
		size_t n = strlen(s);

		if (n >= 2 && s[n - 2] == '*' && s[n - 1] == '/') {
			s[n - 2] = '\0';
			*in_block = false;
			while (n > 2 && s[n - 3] == '*') /* a run of stars before the end */
				s[--n - 2] = '\0';
		}
	}
	return trim_right(skip_space(s));
}

/* ---- description paragraphs ------------------------------------------ */

/* Lines of a paragraph joined by a space, paragraphs and list items by a newline. */
/* `- item`, `* item`, `1. item`, `2) item`: a list item keeps its own line. */
static bool is_list_item(const char *s)
{
	if ((*s == '-' || *s == '*' || *s == '+') && s[1] == ' ')
		return true;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	return (*s == '.' || *s == ')') && s[1] == ' ';
}

static int para_add_line(struct cmn_buf *b, bool *brk, const char *text)
{
	int err;

	if (!*text) {
		*brk = b->cnt > 0;
		return 0;
	}
	if (b->cnt) {
		err = cmn_buf__puts(b, *brk || is_list_item(text) ? "\n" : " ");
		if (err)
			return err;
	}
	*brk = false;
	return cmn_buf__puts(b, text);
}

/* Feed every '\n'-separated line of `text` through para_add_line. */
static int para_add_text(struct cmn_buf *b, bool *brk, const char *text)
{
	char *copy = cmn_strdup(text), *line, *save = NULL;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	/* strtok_r would merge empty lines, which mark paragraph breaks */
	for (line = copy; line && !err; line = save) {
		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		err = para_add_line(b, brk, trim_right(skip_space(line)));
	}
	free(copy);
	return err;
}

static cJSON *para_string(const char *text)
{
	struct cmn_buf b = {0};
	bool brk = false;
	cJSON *s = NULL;

	if (para_add_text(&b, &brk, text) == 0)
		s = cJSON_CreateString(b.ptr ? b.ptr : "");
	cmn_buf__free(&b);
	return s;
}

/* ---- value checks ------------------------------------------------------ */

static bool is_uint(const cJSON *v, double max)
{
	/* max is below 2^63, so the cast is defined once the range holds */
	return cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= max &&
	       v->valuedouble == (double)(long long)v->valuedouble;
}

static bool opt_string(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return !v || cJSON_IsString(v);
}

static bool in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* Each check returns NULL when the value is fine, else what is wrong. */
typedef const char *(*doc_check_fn)(const cJSON *v);

static const char *check_cmdarg(const cJSON *v)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(v, "short");
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(v, "long");
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(v, "default");

	if (!cJSON_IsObject(v))
		return "must be a JSON object such as "
		       "{\"default\": 0, \"long\": \"pid\", \"short\": \"p\", \"help\": \"...\"}";
	if (s && (!cJSON_IsString(s) || strlen(s->valuestring) != 1))
		return "\"short\" must be a one-character string";
	if (l && (!cJSON_IsString(l) || !*l->valuestring || strchr(l->valuestring, ' ')))
		return "\"long\" must be a non-empty string without spaces";
	if (!opt_string(v, "help"))
		return "\"help\" must be a string";
	if (d && (cJSON_IsObject(d) || cJSON_IsArray(d)))
		return "\"default\" must be a number, string or boolean";
	return NULL;
}

static const char *check_sample(const cJSON *v)
{
	static const char *const types[] = {"log2_hist", "linear_hist", "default_kv", NULL};
	const cJSON *iv = cJSON_GetObjectItemCaseSensitive(v, "interval");
	const cJSON *ty = cJSON_GetObjectItemCaseSensitive(v, "type");
	const cJSON *cm = cJSON_GetObjectItemCaseSensitive(v, "clear_map");

	if (!cJSON_IsObject(v))
		return "must be a JSON object such as {\"interval\": 1000, \"type\": "
		       "\"log2_hist\"}";
	if (!is_uint(iv, 4294967295.0) || iv->valuedouble < 1)
		return "needs \"interval\": a whole number of milliseconds > 0";
	/* no type is eunomia's default_kv; a given one must be known */
	if (ty && !in_list(cJSON_GetStringValue(ty), types))
		return "\"type\" must be one of \"log2_hist\", \"linear_hist\", \"default_kv\"";
	if (!opt_string(v, "unit"))
		return "\"unit\" must be a string";
	if (cm && !cJSON_IsBool(cm))
		return "\"clear_map\" must be true or false";
	return NULL;
}

static const char *check_tchook(const cJSON *v)
{
	static const char *const points[] = {"BPF_TC_INGRESS", "BPF_TC_EGRESS", "BPF_TC_CUSTOM",
					     NULL};
	const cJSON *ap = cJSON_GetObjectItemCaseSensitive(v, "attach_point");
	const cJSON *ifx = cJSON_GetObjectItemCaseSensitive(v, "ifindex");

	if (!cJSON_IsObject(v))
		return "must be a JSON object such as "
		       "{\"ifindex\": 1, \"attach_point\": \"BPF_TC_INGRESS\"}";
	if (ap && !in_list(cJSON_GetStringValue(ap), points))
		return "\"attach_point\" must be \"BPF_TC_INGRESS\", \"BPF_TC_EGRESS\" or "
		       "\"BPF_TC_CUSTOM\"";
	if (ifx && !is_uint(ifx, 2147483647.0))
		return "\"ifindex\" must be a whole number >= 0";
	return NULL;
}

static const char *check_tcopts(const cJSON *v)
{
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(v, "handle");
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(v, "priority");

	if (!cJSON_IsObject(v))
		return "must be a JSON object such as {\"handle\": 1, \"priority\": 1}";
	if ((h && !is_uint(h, 4294967295.0)) || (p && !is_uint(p, 4294967295.0)))
		return "\"handle\" and \"priority\" must be whole numbers >= 0";
	return NULL;
}

static const char *check_object(const cJSON *v)
{
	return cJSON_IsObject(v) ? NULL : "must be a JSON object";
}

static const char *check_ifindex(const cJSON *v)
{
	return is_uint(v, 2147483647.0) ? NULL : "must be a whole number >= 0 (an interface index)";
}

static const char *check_flags(const cJSON *v)
{
	return is_uint(v, 4294967295.0) ? NULL : "must be a whole number >= 0";
}

/* Keys whose value must be JSON of a given shape. */
static const struct {
	const char *key;
	doc_check_fn check;
} checked_keys[] = {
    {"cmdarg", check_cmdarg}, {"sample", check_sample},	 {"tchook", check_tchook},
    {"tcopts", check_tcopts}, {"xdpopts", check_object}, {"ifindex", check_ifindex},
    {"flags", check_flags},
};

/* Keys that are always strings (the eunomia loader rejects numbers there). */
static const char *const string_keys[] = {"brief", "details", "version", NULL};

static doc_check_fn find_check(const char *key)
{
	for (size_t i = 0; i < sizeof(checked_keys) / sizeof(checked_keys[0]); i++)
		if (strcmp(checked_keys[i].key, key) == 0)
			return checked_keys[i].check;
	return NULL;
}

/* ---- keys -------------------------------------------------------------- */

static unsigned int line_at(const char *text, const char *pos, unsigned int first)
{
	for (; text < pos && *text; text++)
		if (*text == '\n')
			first++;
	return first;
}

/*
 * JSON when `val` is one JSON value, possibly followed by text on later
 * lines (returned in *rest for the description). NULL when it is not JSON;
 * *err_pos then says where parsing stopped.
 */
static cJSON *parse_json(const char *val, const char **rest, const char **err_pos)
{
	const char *end = NULL, *p;
	cJSON *j;

	*rest = NULL;
	j = cJSON_ParseWithOpts(val, &end, false);
	if (!j) {
		*err_pos = end ? end : val;
		return NULL;
	}
	for (p = end; *p == ' ' || *p == '\t' || *p == '\r'; p++)
		;
	if (*p == '\n')
		*rest = p;
	else if (*p) {
		*err_pos = p; /* more on the same line: not one JSON value */
		cJSON_Delete(j);
		return NULL;
	}
	return j;
}

static int set_key(cJSON *obj, const char *key, cJSON *v)
{
	if (!v)
		return -ENOMEM;
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
	else
		cJSON_AddItemToObject(obj, key, v);
	return 0;
}

static int value_error(struct doc_ctx *c, const struct doc_key *k, unsigned int line,
		       const char *what, const char *val)
{
	const char *v = val;
	size_t n;

	while (isspace((unsigned char)*v))
		v++;
	if (!*v)
		v = "nothing";
	n = strcspn(v, "\n");
	pr_warn("%s:%u: @%s %s (got: %.*s%s)\n", c->file, line, k->name, what,
		(int)(n > 60 ? 60 : n), v, n > 60 || v[n] ? " ..." : "");
	return -EINVAL;
}

static const char *val_start(const char *v)
{
	while (isspace((unsigned char)*v))
		v++;
	return v;
}

/* A finished `@key value`: decide JSON or string, check, store. */
static int key_flush(struct doc_ctx *c, struct doc_key *k)
{
	const char *val = k->val.ptr ? k->val.ptr : "", *rest = NULL, *err_pos = val, *why;
	doc_check_fn check = find_check(k->name);
	cJSON *v = NULL;
	int err;

	if (strcmp(k->name, "description") == 0) {
		if (c->desc.cnt)
			c->desc_break = true;
		return para_add_text(&c->desc, &c->desc_break, val);
	}
	if (in_list(k->name, string_keys))
		return set_key(c->obj, k->name, para_string(val));
	if (!check && !*val_start(val)) /* a bare `@key` is a flag, as in eunomia */
		return set_key(c->obj, k->name, cJSON_CreateTrue());
	v = parse_json(val, &rest, &err_pos);
	if (!v && check)
		return value_error(c, k, line_at(val, err_pos, k->line), "is not valid JSON", val);
	if (!v)
		return set_key(c->obj, k->name, para_string(val));
	why = check ? check(v) : NULL;
	if (why) {
		err = value_error(c, k, k->line, why, val);
		cJSON_Delete(v);
		return err;
	}
	err = set_key(c->obj, k->name, v);
	if (!err && rest)
		err = para_add_text(&c->desc, &c->desc_break, rest);
	return err;
}

/* `@name` followed by the end or a blank starts a key; returns the name's length. */
static size_t key_name_len(const char *s)
{
	size_t n = 1;

	if (s[0] != '@' || !(isalpha((unsigned char)s[1]) || s[1] == '_'))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	return s[n] == '\0' || isspace((unsigned char)s[n]) ? n - 1 : 0;
}

static int key_start(struct doc_key *k, const char *text, size_t n, unsigned int line)
{
	k->name = strndup(text + 1, n);
	k->line = line;
	if (!k->name)
		return -ENOMEM;
	return cmn_buf__puts(&k->val, text + 1 + n);
}

static void key_reset(struct doc_key *k)
{
	free(k->name);
	k->name = NULL;
	cmn_buf__free(&k->val);
}

/* One stripped line: starts a key, continues one, or is description text. */
static int take_line(struct doc_ctx *c, struct doc_key *k, const char *text, unsigned int line)
{
	size_t n = key_name_len(text);
	int err = 0;

	if (n) {
		if (k->name)
			err = key_flush(c, k);
		key_reset(k);
		return err ? err : key_start(k, text, n, line);
	}
	if (k->name) {
		err = cmn_buf__puts(&k->val, "\n");
		return err ? err : cmn_buf__puts(&k->val, text);
	}
	return para_add_line(&c->desc, &c->desc_break, text);
}

int ecc_doc_text__parse(const char *raw, enum ecc_doc_kind kind, const char *file,
			unsigned int line, cJSON *obj)
{
	struct doc_ctx c = {.file = file ? file : "<input>", .kind = kind, .obj = obj};
	struct doc_key k = {0};
	char *copy = cmn_strdup(raw ? raw : ""), *cur, *next;
	bool in_block = false;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	for (cur = copy; cur && !err; cur = next, line++) {
		next = strchr(cur, '\n');
		if (next)
			*next++ = '\0';
		err = take_line(&c, &k, strip_markers(cur, &in_block), line);
	}
	if (!err && k.name)
		err = key_flush(&c, &k);
	if (!err && c.desc.cnt)
		err = set_key(obj, "description", cJSON_CreateString(c.desc.ptr));
	key_reset(&k);
	cmn_buf__free(&c.desc);
	free(copy);
	return err;
}
