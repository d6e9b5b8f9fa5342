/* SPDX-License-Identifier: MIT */
/*
 * ecc_doc: doc comments and export-header structs through libclang's C API.
 *
 * Only declarations whose expansion location is in the main file count, so
 * vmlinux.h and libbpf's headers never contribute. The text of a comment
 * is handed to ecc_doc_text (no libclang there, so it can be fuzzed).
 *
 * Where libclang does not attach a comment we find it ourselves from the
 * main file's comment tokens, with clang's own rule (nothing but whitespace
 * and attribute text without `;{}#` between comment and declaration):
 *   - `struct {...} name SEC(".maps")`: the comment belongs to the
 *     anonymous struct, not the variable; we take the struct's;
 *   - `SEC("...") int BPF_PROG(name, ...)`: a declaration made by a macro
 *     gets no comment from libclang at all.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <clang-c/Index.h>

#include "common.h"
#include "ecc_doc.h"
#include "ecc_doc_text.h"

/* A comment token of the main file, by byte offsets. */
struct doc_cmt {
	unsigned int begin, end, line;
};

struct doc_parse {
	const char *path;
	CXTranslationUnit tu;
	CXFile main_file;
	const char *text; /* the main file's bytes (owned by the TU) */
	size_t text_len;
	struct doc_cmt *cmts; /* loaded on first need */
	size_t n_cmts, cap_cmts;
	bool cmts_loaded;
	cJSON *out;
	int err;
};

/* The sections of ecc_doc__parse_source's tree, indexed by ecc_doc_kind. */
static const char *const section_names[] = {
    [ECC_DOC_GLOBAL] = "globals",
    [ECC_DOC_MAP] = "maps",
    [ECC_DOC_PROG] = "progs",
    [ECC_DOC_LICENSE] = "doc",
};

/* ---- translation units ------------------------------------------------- */

static const char *cx_error_text(enum CXErrorCode code)
{
	switch (code) {
	case CXError_Crashed:
		return "libclang crashed";
	case CXError_InvalidArguments:
		return "invalid arguments to libclang";
	case CXError_ASTReadError:
		return "a precompiled header could not be read";
	default:
		return "libclang could not parse it";
	}
}

/* Log (with -v) what clang found wrong; the compile reports it to the user. */
static void log_diagnostics(CXTranslationUnit tu)
{
	unsigned int i, n = clang_getNumDiagnostics(tu);

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXString s =
			    clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());

			pr_debug("doc parse: %s\n", clang_getCString(s));
			clang_disposeString(s);
		}
		clang_disposeDiagnostic(d);
	}
}

/* Parse `path` with `args` plus `extra`; returns 0 or a negative errno. */
static int open_tu(CXIndex idx, const char *path, char *const *args, int n_args,
		   const char *const *extra, int n_extra, CXTranslationUnit *tu)
{
	const char **argv = calloc((size_t)n_args + (size_t)n_extra + 1, sizeof(*argv));
	enum CXErrorCode code;
	int i;

	*tu = NULL;
	if (!argv)
		return -ENOMEM;
	for (i = 0; i < n_args; i++)
		argv[i] = args[i];
	for (i = 0; i < n_extra; i++)
		argv[n_args + i] = extra[i];
	code = clang_parseTranslationUnit2(
	    idx, path, argv, n_args + n_extra, NULL, 0,
	    CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing, tu);
	free(argv);
	if (code != CXError_Success || !*tu) {
		pr_warn("%s: %s\n", path, cx_error_text(code));
		return -EINVAL;
	}
	log_diagnostics(*tu);
	return 0;
}

static int check_readable(const char *path, const char *what)
{
	if (path && cmn_is_dir(path)) {
		pr_warn("%s: %s is a directory, not a file\n", path, what);
		return -EISDIR;
	}
	if (!path || !cmn_file_exists(path)) {
		pr_warn("%s: %s not found\n", path ? path : "(null)", what);
		return -ENOENT;
	}
	return 0;
}

/* ---- cursors ------------------------------------------------------------- */

static bool in_file(CXCursor c, CXFile file)
{
	CXFile f = NULL;

	clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
	return f && clang_File_isEqual(f, file);
}

/* The line a declaration starts on (`typedef`, not the name after the body). */
static unsigned int cursor_line(CXCursor c)
{
	unsigned int line = 0;

	clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(c)), NULL, &line, NULL,
				   NULL);
	return line;
}

/* A copy of a CXString (NULL when empty); disposes of it. */
static char *take_string(CXString s)
{
	const char *c = clang_getCString(s);
	char *dup = c && *c ? cmn_strdup(c) : NULL;

	clang_disposeString(s);
	return dup;
}

/*
 * The tag of a struct cursor, or NULL when it has none. clang 14 spells an
 * unnamed struct as "", later versions as "struct (unnamed at f:l:c)".
 */
static char *tag_name(CXCursor c)
{
	char *s = take_string(clang_getCursorSpelling(c));

	if (s && (strchr(s, ' ') || strchr(s, '('))) {
		free(s);
		s = NULL;
	}
	return s;
}

/*
 * The section of a declaration, from its printed form (libclang exposes a
 * section attribute only as an unexposed attribute without its argument).
 * Returns a malloc'd string or NULL when there is none.
 */
static char *section_of(CXCursor c)
{
	static const char marker[] = "__attribute__((section(\"";
	CXPrintingPolicy pp = clang_getCursorPrintingPolicy(c);
	char *text, *p, *q, *sec = NULL;

	clang_PrintingPolicy_setProperty(pp, CXPrintingPolicy_TerseOutput, 1);
	text = take_string(clang_getCursorPrettyPrinted(c, pp));
	clang_PrintingPolicy_dispose(pp);
	p = text ? strstr(text, marker) : NULL;
	if (p) {
		p += sizeof(marker) - 1;
		for (q = p; *q && *q != '"'; q++)
			if (*q == '\\' && q[1])
				q++;
		sec = strndup(p, (size_t)(q - p));
	}
	free(text);
	return sec;
}

/* ---- comments ------------------------------------------------------------ */

static unsigned int loc_offset(CXSourceLocation loc, unsigned int *line)
{
	unsigned int off = 0;

	clang_getExpansionLocation(loc, NULL, line, NULL, &off);
	return off;
}

/* Every comment token of the main file, in order (done once per parse). */
static int load_comments(struct doc_parse *p)
{
	CXSourceRange all;
	CXToken *toks = NULL;
	unsigned int i, n = 0;
	int err = 0;

	p->cmts_loaded = true;
	if (!p->text)
		return 0;
	all = clang_getRange(clang_getLocationForOffset(p->tu, p->main_file, 0),
			     clang_getLocationForOffset(p->tu, p->main_file, p->text_len));
	clang_tokenize(p->tu, all, &toks, &n);
	for (i = 0; i < n && !err; i++) {
		CXSourceRange r;
		struct doc_cmt *c;

		if (clang_getTokenKind(toks[i]) != CXToken_Comment)
			continue;
		err = cmn_array_grow((void **)&p->cmts, &p->cap_cmts, p->n_cmts + 1,
				     sizeof(*p->cmts));
		if (err)
			break;
		r = clang_getTokenExtent(p->tu, toks[i]);
		c = &p->cmts[p->n_cmts++];
		c->begin = loc_offset(clang_getRangeStart(r), &c->line);
		c->end = loc_offset(clang_getRangeEnd(r), NULL);
	}
	clang_disposeTokens(p->tu, toks, n);
	return err;
}

static bool is_doc_comment(const char *s, size_t len)
{
	return len >= 3 && (strncmp(s, "///", 3) == 0 || strncmp(s, "//!", 3) == 0 ||
			    (len >= 4 && (strncmp(s, "/**", 3) == 0 || strncmp(s, "/*!", 3) == 0) &&
			     strncmp(s, "/**/", 4) != 0));
}

/* Only whitespace (with at most `max_nl` newlines) in text[a, b)? */
static bool only_space(const char *text, unsigned int a, unsigned int b, int max_nl)
{
	for (; a < b; a++) {
		if (text[a] == '\n' && --max_nl < 0)
			return false;
		if (text[a] != ' ' && text[a] != '\t' && text[a] != '\n' && text[a] != '\r')
			return false;
	}
	return true;
}

/*
 * The doc comment right before byte `decl` of the main file: nothing but
 * text without `;{}#` (such as a SEC("...") line) may lie between, as in
 * clang's own rule. Consecutive `///` lines are merged into one comment.
 */
static int comment_before(struct doc_parse *p, unsigned int decl, char **raw, unsigned int *line)
{
	const char *t = p->text;
	struct cmn_buf b = {0};
	size_t i, first;
	unsigned int a;

	*raw = NULL;
	if (!p->cmts_loaded && load_comments(p))
		return -ENOMEM;
	for (i = p->n_cmts; i > 0 && p->cmts[i - 1].end > decl; i--)
		;
	if (i == 0 ||
	    !is_doc_comment(t + p->cmts[i - 1].begin, p->cmts[i - 1].end - p->cmts[i - 1].begin))
		return 0;
	for (a = p->cmts[i - 1].end; a < decl; a++)
		if (!t[a] || strchr(";{}#", t[a]))
			return 0;
	first = i - 1;
	while (first > 0 && t[p->cmts[first].begin + 1] == '/' &&
	       t[p->cmts[first - 1].begin + 1] == '/' &&
	       only_space(t, p->cmts[first - 1].end, p->cmts[first].begin, 1) &&
	       is_doc_comment(t + p->cmts[first - 1].begin,
			      p->cmts[first - 1].end - p->cmts[first - 1].begin))
		first--;
	*line = p->cmts[first].line;
	for (; first < i; first++) {
		if (cmn_buf__append(&b, t + p->cmts[first].begin,
				    p->cmts[first].end - p->cmts[first].begin) ||
		    cmn_buf__puts(&b, first + 1 < i ? "\n" : "")) {
			cmn_buf__free(&b);
			return -ENOMEM;
		}
	}
	*raw = cmn_buf__steal(&b, NULL);
	return 0;
}

/* libclang's comment for `c` (and the line it starts on), or NULL. */
static char *clang_comment(CXCursor c, unsigned int *line)
{
	char *raw = take_string(clang_Cursor_getRawCommentText(c));

	if (raw)
		loc_offset(clang_getRangeStart(clang_Cursor_getCommentRange(c)), line);
	return raw;
}

/* The doc comment of a declaration, wherever it was attached. */
static int find_comment(struct doc_parse *p, CXCursor c, char **raw, unsigned int *line)
{
	CXCursor type_decl;
	char *tag;

	*line = 0;
	*raw = clang_comment(c, line);
	if (*raw)
		return 0;
	if (clang_getCursorKind(c) == CXCursor_VarDecl) {
		/* `struct {...} name SEC(".maps")`: the comment is the struct's */
		type_decl = clang_getTypeDeclaration(clang_getCursorType(c));
		tag = clang_Cursor_isNull(type_decl) ? NULL : tag_name(type_decl);
		if (!clang_Cursor_isNull(type_decl) && !tag && in_file(type_decl, p->main_file))
			*raw = clang_comment(type_decl, line);
		free(tag);
		if (*raw)
			return 0;
	}
	return comment_before(p, loc_offset(clang_getRangeStart(clang_getCursorExtent(c)), NULL),
			      raw, line);
}

/* ---- the source's declarations ------------------------------------------ */

/* Which section a declaration's doc goes to, or -1 when it has none. */
static int classify(CXCursor c, const char *name)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	char *sec;
	int what = -1;

	if (kind != CXCursor_VarDecl && kind != CXCursor_FunctionDecl)
		return -1;
	sec = section_of(c);
	if (kind == CXCursor_FunctionDecl)
		what = sec ? ECC_DOC_PROG : -1;
	else if (sec && (strcmp(sec, ".maps") == 0 || strcmp(sec, "maps") == 0))
		what = ECC_DOC_MAP;
	else if (strcmp(name, "LICENSE") == 0 || (sec && strcmp(sec, "license") == 0))
		what = ECC_DOC_LICENSE;
	else
		what = ECC_DOC_GLOBAL;
	free(sec);
	return what;
}

/* ---- flag defaults against the variable's type -------------------------- */

enum val_kind { VK_OTHER, VK_BOOL, VK_INT, VK_UINT, VK_FLOAT, VK_STRING };

static const struct {
	enum CXTypeKind type;
	enum val_kind kind;
} type_kinds[] = {
    {CXType_Bool, VK_BOOL},    {CXType_Char_S, VK_INT},	      {CXType_SChar, VK_INT},
    {CXType_Short, VK_INT},    {CXType_Int, VK_INT},	      {CXType_Long, VK_INT},
    {CXType_LongLong, VK_INT}, {CXType_Enum, VK_INT},	      {CXType_Char_U, VK_UINT},
    {CXType_UChar, VK_UINT},   {CXType_UShort, VK_UINT},      {CXType_UInt, VK_UINT},
    {CXType_ULong, VK_UINT},   {CXType_ULongLong, VK_UINT},   {CXType_Float, VK_FLOAT},
    {CXType_Double, VK_FLOAT}, {CXType_LongDouble, VK_FLOAT},
};

static enum val_kind kind_of(CXType t)
{
	for (size_t i = 0; i < sizeof(type_kinds) / sizeof(type_kinds[0]); i++)
		if (type_kinds[i].type == t.kind)
			return type_kinds[i].kind;
	return VK_OTHER;
}

/* 2^bits as a double (no libm: ecc_core does not link it). */
static double pow2(int bits)
{
	double r = 1;

	while (bits-- > 0)
		r *= 2;
	return r;
}

/*
 * The number a default stands for: eunomia's runtime also takes integers
 * written as decimal strings ("42"), so we do too.
 */
static bool number_of(const cJSON *v, double *out)
{
	const char *s = cJSON_GetStringValue(v);
	char *end;

	if (cJSON_IsNumber(v)) {
		*out = v->valuedouble;
		return true;
	}
	if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	*out = *s == '-' ? (double)strtoll(s, &end, 10) : (double)strtoull(s, &end, 10);
	return !*end && errno == 0;
}

static const char *int_misfit(const cJSON *v, enum val_kind k, long long bytes)
{
	int bits = (int)bytes * 8;
	double lo = k == VK_UINT ? 0 : -pow2(bits - 1);
	double hi = k == VK_UINT ? pow2(bits) - 1 : pow2(bits - 1) - 1;
	double n;

	if (!number_of(v, &n))
		return "must be a whole number";
	if (n < lo || n > hi)
		return "is out of the type's range";
	/* in range, so the cast below is defined (u64 max rounds to 2^64) */
	if (n < pow2(63) && n != (double)(long long)n)
		return "must be a whole number";
	return NULL;
}

/* Why `v` cannot be the initial value of a variable of type `t`, or NULL. */
static const char *value_misfit(const cJSON *v, CXType t)
{
	CXType elem = clang_getArrayElementType(t);
	enum val_kind k = kind_of(t);
	long long bytes = clang_Type_getSizeOf(t);

	if (t.kind == CXType_ConstantArray && kind_of(elem) != VK_OTHER &&
	    clang_Type_getSizeOf(elem) == 1) {
		if (!cJSON_IsString(v))
			return "must be a string";
		return (long long)strlen(v->valuestring) < clang_getArraySize(t)
			   ? NULL
			   : "is too long for the array";
	}
	if (k == VK_BOOL) /* eunomia's runtime rejects 0/1 here */
		return cJSON_IsBool(v) ? NULL : "must be true or false";
	if (k == VK_FLOAT)
		return cJSON_IsNumber(v) ? NULL : "must be a number";
	if (k == VK_OTHER || bytes <= 0 || bytes > 8)
		return NULL; /* structs, pointers, 128-bit: not a flag we can check */
	return int_misfit(v, k, bytes);
}

/* A global's @cmdarg default and @value must fit the variable. */
static int check_global_values(struct doc_parse *p, CXCursor c, const char *name, const cJSON *obj)
{
	const cJSON *vals[] = {
	    cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(obj, "cmdarg"),
					     "default"),
	    cJSON_GetObjectItemCaseSensitive(obj, "value"),
	};
	static const char *const what[] = {"@cmdarg \"default\"", "@value"};
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	const char *why;
	char *type, *text;

	if (clang_isInvalidDeclaration(c))
		return 0; /* e.g. an unknown type: the compile reports the real error */
	for (size_t i = 0; i < 2; i++) {
		if (!vals[i] || !(why = value_misfit(vals[i], t)))
			continue;
		type = take_string(clang_getTypeSpelling(clang_getCursorType(c)));
		text = cJSON_PrintUnformatted(vals[i]);
		pr_warn("%s:%u: %s %s for %s %s: it %s\n", p->path, cursor_line(c), what[i],
			text ? text : "", type ? type : "", name, why);
		free(type);
		free(text);
		return -EINVAL;
	}
	return 0;
}

/* Parse one comment into an object and file it under its section. */
static int add_doc(struct doc_parse *p, CXCursor c, enum ecc_doc_kind what, const char *name,
		   const char *raw, unsigned int line)
{
	const char *key = what == ECC_DOC_LICENSE ? NULL : name;
	cJSON *sec = cJSON_GetObjectItemCaseSensitive(p->out, section_names[what]);
	cJSON *obj = cJSON_CreateObject();
	int err;

	if (!obj)
		return -ENOMEM;
	err = ecc_doc_text__parse(raw, what, p->path, line, obj);
	if (!err && what == ECC_DOC_GLOBAL)
		err = check_global_values(p, c, name, obj);
	if (err || !obj->child) { /* an empty comment adds nothing */
		cJSON_Delete(obj);
		return err;
	}
	if (!key) { /* LICENSE: the object is the section itself */
		cJSON_DeleteItemFromObjectCaseSensitive(p->out, section_names[what]);
		cJSON_AddItemToObject(p->out, section_names[what], obj);
		return 0;
	}
	if (!sec) {
		sec = cJSON_AddObjectToObject(p->out, section_names[what]);
		if (!sec) {
			cJSON_Delete(obj);
			return -ENOMEM;
		}
	}
	cJSON_AddItemToObject(sec, key, obj);
	return 0;
}

static bool already_done(struct doc_parse *p, int what, const char *name)
{
	cJSON *sec = cJSON_GetObjectItemCaseSensitive(p->out, section_names[what]);

	return what == ECC_DOC_LICENSE ? sec != NULL
				       : cJSON_GetObjectItemCaseSensitive(sec, name) != NULL;
}

static int visit_decl(struct doc_parse *p, CXCursor c)
{
	char *name = take_string(clang_getCursorSpelling(c)), *raw = NULL;
	unsigned int line = 0;
	int what, err = 0;

	if (!name)
		return 0;
	what = classify(c, name);
	/* BPF_PROG and friends declare a program twice: the first one counts */
	if (what >= 0 && !already_done(p, what, name)) {
		err = find_comment(p, c, &raw, &line);
		if (!err && raw)
			err = add_doc(p, c, what, name, raw, line);
	}
	free(raw);
	free(name);
	return err;
}

static enum CXChildVisitResult source_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct doc_parse *p = data;

	if (!in_file(c, p->main_file))
		return CXChildVisit_Continue;
	p->err = visit_decl(p, c);
	return p->err ? CXChildVisit_Break : CXChildVisit_Continue;
}

int ecc_doc__parse_source(const char *path, char *const *clang_args, int n_args, cJSON **out)
{
	struct doc_parse p = {.path = path};
	CXIndex idx;
	int err;

	*out = NULL;
	err = check_readable(path, "source file");
	if (err)
		return err;
	p.out = cJSON_CreateObject();
	idx = clang_createIndex(1, 0);
	if (!p.out || !idx) {
		err = -ENOMEM;
		goto out;
	}
	err = open_tu(idx, path, clang_args, n_args, NULL, 0, &p.tu);
	if (err)
		goto out;
	p.main_file = clang_getFile(p.tu, path);
	p.text = p.main_file ? clang_getFileContents(p.tu, p.main_file, &p.text_len) : NULL;
	if (!p.text) {
		pr_warn("%s: libclang could not read it\n", path);
		err = -EIO;
		goto out;
	}
	clang_visitChildren(clang_getTranslationUnitCursor(p.tu), source_visitor, &p);
	err = p.err;
	if (!err) {
		*out = p.out;
		p.out = NULL;
	}
out:
	free(p.cmts);
	cJSON_Delete(p.out);
	if (p.tu)
		clang_disposeTranslationUnit(p.tu);
	if (idx)
		clang_disposeIndex(idx);
	return err;
}

/* ---- the export header's structs ------------------------------------------ */

struct header_scan {
	const char *path;
	CXFile main_file;
	char **names;
	size_t cnt, cap;
	int err;
};

static bool has_name(const struct header_scan *h, const char *name)
{
	for (size_t i = 0; i < h->cnt; i++)
		if (strcmp(h->names[i], name) == 0)
			return true;
	return false;
}

/* `typedef struct {...} name`: runtimes match export types by struct tag. */
static int check_typedef(struct header_scan *h, CXCursor c)
{
	CXCursor decl = clang_getTypeDeclaration(clang_getTypedefDeclUnderlyingType(c));
	char *tag, *name;

	if (clang_getCursorKind(decl) != CXCursor_StructDecl || !in_file(decl, h->main_file) ||
	    !clang_isCursorDefinition(decl))
		return 0;
	tag = tag_name(decl);
	if (tag) {
		free(tag);
		return 0;
	}
	name = take_string(clang_getCursorSpelling(c));
	pr_warn("%s:%u: typedef struct { ... } %s has no struct tag; runtimes find export "
		"types by struct name, so give it one: typedef struct %s { ... } %s;\n",
		h->path, cursor_line(c), name ? name : "", name ? name : "NAME",
		name ? name : "NAME");
	free(name);
	return -EINVAL;
}

static int add_struct(struct header_scan *h, CXCursor c)
{
	char *tag;

	if (!clang_isCursorDefinition(c))
		return 0; /* `struct foo;` declares, defines nothing */
	tag = tag_name(c);
	if (!tag || has_name(h, tag)) {
		free(tag); /* unnamed: judged at its typedef, if any */
		return 0;
	}
	if (cmn_array_grow((void **)&h->names, &h->cap, h->cnt + 1, sizeof(*h->names))) {
		free(tag);
		return -ENOMEM;
	}
	h->names[h->cnt++] = tag;
	return 0;
}

static enum CXChildVisitResult header_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct header_scan *h = data;

	if (!in_file(c, h->main_file))
		return CXChildVisit_Continue;
	if (clang_getCursorKind(c) == CXCursor_StructDecl)
		h->err = add_struct(h, c);
	else if (clang_getCursorKind(c) == CXCursor_TypedefDecl)
		h->err = check_typedef(h, c);
	return h->err ? CXChildVisit_Break : CXChildVisit_Continue;
}

int ecc_doc__header_structs(const char *header, char *const *clang_args, int n_args, char ***names,
			    size_t *cnt)
{
	struct header_scan h = {.path = header};
	CXTranslationUnit tu = NULL;
	CXIndex idx;
	int err;

	*names = NULL;
	*cnt = 0;
	err = check_readable(header, "export header");
	if (err)
		return err;
	idx = clang_createIndex(1, 0);
	if (!idx)
		return -ENOMEM;
	err = open_tu(idx, header, clang_args, n_args, NULL, 0, &tu);
	if (err)
		goto out;
	h.main_file = clang_getFile(tu, header);
	if (!h.main_file) {
		pr_warn("%s: libclang could not read it\n", header);
		err = -EIO;
		goto out;
	}
	clang_visitChildren(clang_getTranslationUnitCursor(tu), header_visitor, &h);
	err = h.err;
	if (!err && !h.cnt) {
		pr_warn("%s: defines no struct; the export header must define the struct(s) "
			"the program sends to user space\n",
			header);
		err = -EINVAL;
	}
	if (!err) {
		*names = h.names;
		*cnt = h.cnt;
		h.names = NULL;
		h.cnt = 0;
	}
out:
	ecc_doc__free_names(h.names, h.cnt);
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
	return err;
}

void ecc_doc__free_names(char **names, size_t cnt)
{
	for (size_t i = 0; i < cnt; i++)
		free(names[i]);
	free(names);
}
