// SPDX-License-Identifier: MIT
/*
 * Runs the WebAssembly spec suite (wast2json output) against wasmi.
 *   spec_runner DIR [NAME...]
 * DIR holds one folder per .wast file: NAME/NAME.json plus its modules.
 * Prints per-file and total counts, then "N passed, N failed, N skipped".
 * Text-format modules (.wat, only used by assert_malformed) are skipped,
 * counted and listed. Exit: 0 all passed, 1 failures, 77 when DIR is absent
 * (CTest's skip code).
 */
#include "common.h"
#include "wasmi.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const uint8_t spectest_wasm[];
extern const size_t spectest_wasm_len;

#define MAX_VALS 64

struct named {
	char *name;
	struct wasmi_instance *in;
};

struct counts {
	long passed, failed, skipped;
};

/* Everything one .json file creates; freed together at its end. */
struct file_ctx {
	const char *dir;
	const char *file;
	struct wasmi_module **mods;
	size_t nmods, capmods;
	struct wasmi_instance **insts;
	size_t ninsts, capinsts;
	struct named *names;	/* "$name" -> instance */
	size_t nnames, capnames;
	struct named *regs;	/* registered: import module name -> instance */
	size_t nregs, capregs;
	struct wasmi_instance *cur;
	struct counts c;
	struct cmn_buf wat_list;
	int line;
};

static void fail(struct file_ctx *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct file_ctx *f, const char *fmt, ...)
{
	va_list ap;

	f->c.failed++;
	fprintf(stderr, "  FAIL %s:%d: ", f->file, f->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int keep_module(struct file_ctx *f, struct wasmi_module *m)
{
	if (cmn_array_grow((void **)&f->mods, &f->capmods, f->nmods + 1, sizeof(*f->mods)))
		return -1;
	f->mods[f->nmods++] = m;
	return 0;
}

static int keep_instance(struct file_ctx *f, struct wasmi_instance *in)
{
	if (cmn_array_grow((void **)&f->insts, &f->capinsts, f->ninsts + 1, sizeof(*f->insts)))
		return -1;
	f->insts[f->ninsts++] = in;
	return 0;
}

static int add_named(struct named **arr, size_t *n, size_t *cap, const char *name,
		     struct wasmi_instance *in)
{
	for (size_t i = 0; i < *n; i++) {
		if (!strcmp((*arr)[i].name, name)) {
			(*arr)[i].in = in;
			return 0;
		}
	}
	if (cmn_array_grow((void **)arr, cap, *n + 1, sizeof(**arr)))
		return -1;
	(*arr)[*n].name = cmn_strdup(name);
	(*arr)[(*n)++].in = in;
	return 0;
}

static struct wasmi_instance *find_named(struct named *arr, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(arr[i].name, name))
			return arr[i].in;
	return NULL;
}

static int resolve(void *user, const char *module, const char *name, int kind,
		   struct wasmi_extern *out)
{
	struct file_ctx *f = user;
	struct wasmi_instance *in = find_named(f->regs, f->nregs, module);

	if (!in || wasmi_instance__export_extern(in, name, out))
		return -1;
	return 0;
}

/* Load NAME.N.wasm; on failure *why says whether decoding or linking failed. */
static struct wasmi_module *load_module(struct file_ctx *f, const char *filename,
					struct wasmi_error *err)
{
	char path[4096];
	char *data = NULL;
	size_t len = 0;
	struct wasmi_module *m;

	snprintf(path, sizeof(path), "%s/%s", f->dir, filename);
	if (cmn_read_file(path, 64u << 20, &data, &len)) {
		snprintf(err->msg, sizeof(err->msg), "cannot read %.200s", filename);
		return NULL;
	}
	m = wasmi_module__new((const uint8_t *)data, len, err);
	free(data);
	return m;
}

static struct wasmi_instance *instantiate(struct file_ctx *f, struct wasmi_module *m,
					  struct wasmi_error *err)
{
	struct wasmi_config cfg = { 0 };
	struct wasmi_instance *partial = NULL, *in;

	in = wasmi_instance__new_linked(m, &cfg, NULL, 0, resolve, f, &partial, err);
	if (partial)
		keep_instance(f, partial); /* its functions may sit in shared tables */
	if (in)
		keep_instance(f, in);
	return in;
}

static void cmd_module(struct file_ctx *f, const cJSON *cmd)
{
	const cJSON *fn = cJSON_GetObjectItem(cmd, "filename");
	const cJSON *name = cJSON_GetObjectItem(cmd, "name");
	struct wasmi_error err = { "" };
	struct wasmi_module *m;
	struct wasmi_instance *in;

	f->cur = NULL;
	m = load_module(f, fn->valuestring, &err);
	if (!m) {
		fail(f, "module %s: %s", fn->valuestring, err.msg);
		return;
	}
	keep_module(f, m);
	in = instantiate(f, m, &err);
	if (!in) {
		fail(f, "module %s: %s", fn->valuestring, err.msg);
		return;
	}
	f->cur = in;
	if (cJSON_IsString(name))
		add_named(&f->names, &f->nnames, &f->capnames, name->valuestring, in);
	f->c.passed++;
}

static void cmd_register(struct file_ctx *f, const cJSON *cmd)
{
	const cJSON *as = cJSON_GetObjectItem(cmd, "as");
	const cJSON *name = cJSON_GetObjectItem(cmd, "name");
	struct wasmi_instance *in = f->cur;

	if (cJSON_IsString(name))
		in = find_named(f->names, f->nnames, name->valuestring);
	if (!in) {
		fail(f, "register: no such module");
		return;
	}
	add_named(&f->regs, &f->nregs, &f->capregs, as->valuestring, in);
}

/* ---- values ------------------------------------------------------------- */

struct val {
	char type; /* i I f F r(funcref) e(externref) */
	uint64_t bits;
	int nan; /* expected only: 1 canonical, 2 arithmetic */
	bool any; /* expected ref without a value */
};

static int parse_val(const cJSON *j, struct val *v)
{
	static const struct { const char *name; char letter; } types[] = {
		{ "i32", 'i' }, { "i64", 'I' }, { "f32", 'f' }, { "f64", 'F' },
		{ "funcref", 'r' }, { "externref", 'e' },
	};
	const cJSON *t = cJSON_GetObjectItem(j, "type"), *val = cJSON_GetObjectItem(j, "value");

	memset(v, 0, sizeof(*v));
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (cJSON_IsString(t) && !strcmp(t->valuestring, types[i].name))
			v->type = types[i].letter;
	if (!v->type)
		return -1;
	if (!cJSON_IsString(val)) {
		v->any = true;
		return 0;
	}
	if (!strcmp(val->valuestring, "nan:canonical"))
		v->nan = 1;
	else if (!strcmp(val->valuestring, "nan:arithmetic"))
		v->nan = 2;
	else if (!strcmp(val->valuestring, "null"))
		v->bits = 0;
	else
		v->bits = strtoull(val->valuestring, NULL, 10);
	/* externref n is stored as n + 1 so that 0 stays null */
	if ((v->type == 'e' || v->type == 'r') && strcmp(val->valuestring, "null"))
		v->bits++;
	return 0;
}

static bool nan_matches(char type, uint64_t bits, int nan)
{
	if (type == 'f') {
		uint32_t b = (uint32_t)bits;
		if ((b & 0x7f800000u) != 0x7f800000u || !(b & 0x7fffffu))
			return false;
		return nan == 1 ? (b & 0x7fffffu) == 0x400000u : (b & 0x400000u) != 0;
	}
	if ((bits & 0x7ff0000000000000ull) != 0x7ff0000000000000ull || !(bits & 0xfffffffffffffull))
		return false;
	return nan == 1 ? (bits & 0xfffffffffffffull) == 0x8000000000000ull :
			  (bits & 0x8000000000000ull) != 0;
}

static bool val_matches(const struct val *want, uint64_t got)
{
	if (want->type == 'i' || want->type == 'f')
		got &= 0xffffffffu;
	if (want->nan)
		return nan_matches(want->type, got, want->nan);
	if (want->any)
		return got != 0;
	if (want->type == 'r' && want->bits)
		return got != 0; /* a function reference: any non-null one */
	return got == want->bits;
}

/* ---- actions ------------------------------------------------------------ */

/*
 * cJSON ends strings at an escaped NUL, so run_file() turns each "\u0000"
 * escape into a raw 0xff byte (never part of UTF-8) before parsing; here
 * the name gets its NUL bytes back.
 */
static size_t unescape_name(const char *field, char *out, size_t cap, bool *had_nul)
{
	size_t n = strlen(field);

	*had_nul = false;
	if (n >= cap)
		n = cap - 1;
	for (size_t i = 0; i < n; i++) {
		out[i] = (uint8_t)field[i] == 0xff ? '\0' : field[i];
		*had_nul |= (uint8_t)field[i] == 0xff;
	}
	out[n] = '\0';
	return n;
}

/* Replace every JSON "\u0000" escape (not "\\u0000") by a 0xff byte, in place. */
static size_t mark_nul_escapes(char *json, size_t len)
{
	size_t w = 0;

	for (size_t r = 0; r < len; r++) {
		if (json[r] == '\\' && r + 1 < len && json[r + 1] == '\\') {
			json[w++] = json[r++];
			json[w++] = json[r];
			continue;
		}
		if (json[r] == '\\' && len - r >= 6 && !memcmp(json + r, "\\u0000", 6)) {
			json[w++] = (char)0xff;
			r += 5;
			continue;
		}
		json[w++] = json[r];
	}
	return w;
}

/* Run an action; returns the status, results in out[] (count in *nout). */
static enum wasmi_status do_action(struct file_ctx *f, const cJSON *act, int nexpect,
				   uint64_t *out, size_t *nout, struct wasmi_instance **who)
{
	const cJSON *type = cJSON_GetObjectItem(act, "type");
	const cJSON *modname = cJSON_GetObjectItem(act, "module");
	char field[1024];
	bool had_nul;
	size_t flen = unescape_name(cJSON_GetObjectItem(act, "field")->valuestring, field,
				    sizeof(field), &had_nul);
	struct wasmi_instance *in = f->cur;
	union wasmi_value args[MAX_VALS], res[MAX_VALS];
	const cJSON *a;
	size_t nargs = 0;
	const char *sig, *colon;

	if (cJSON_IsString(modname))
		in = find_named(f->names, f->nnames, modname->valuestring);
	*who = in;
	*nout = 0;
	if (!in)
		return -1;
	if (!strcmp(type->valuestring, "get")) {
		if (wasmi_instance__global(in, field, &res[0], NULL))
			return -1;
		out[0] = res[0].i64;
		*nout = 1;
		return WASMI_OK;
	}
	cJSON_ArrayForEach(a, cJSON_GetObjectItem(act, "args")) {
		struct val v;
		if (nargs >= MAX_VALS || parse_val(a, &v))
			return -1;
		args[nargs++].i64 = v.bits;
	}
	/* the result count comes from the export's type, or for names the
	 * engine's C-string calls cannot express, from the expected results */
	sig = had_nul ? NULL : wasmi_instance__export_sig(in, field);
	if (!sig && !had_nul)
		return -1;
	colon = sig ? strchr(sig, ':') : NULL;
	*nout = sig ? strlen(colon + 1) : (size_t)nexpect;
	if (*nout > MAX_VALS || (!sig && nexpect < 0))
		return -1;
	enum wasmi_status st = wasmi_instance__call_n(in, field, flen, args, nargs, res, *nout);
	for (size_t i = 0; i < *nout; i++)
		out[i] = res[i].i64;
	return st;
}

static void cmd_assert_return(struct file_ctx *f, const cJSON *cmd)
{
	uint64_t out[MAX_VALS];
	size_t nout, i = 0;
	struct wasmi_instance *in;
	const cJSON *e, *exp = cJSON_GetObjectItem(cmd, "expected");
	int st = do_action(f, cJSON_GetObjectItem(cmd, "action"), cJSON_GetArraySize(exp), out,
			   &nout, &in);

	if (st != WASMI_OK) {
		fail(f, "assert_return: %s", st < 0 ? "cannot run the action" :
					     wasmi_instance__trap_message(in));
		return;
	}
	if ((size_t)cJSON_GetArraySize(exp) != nout) {
		fail(f, "assert_return: %zu results, expected %d", nout, cJSON_GetArraySize(exp));
		return;
	}
	cJSON_ArrayForEach(e, exp) {
		struct val v;
		if (parse_val(e, &v) || !val_matches(&v, out[i])) {
			fail(f, "assert_return: result %zu is 0x%" PRIx64 ", expected %s", i, out[i],
			     cJSON_GetStringValue(cJSON_GetObjectItem(e, "value")));
			return;
		}
		i++;
	}
	f->c.passed++;
}

/* The trap's kind is the message before " in function". */
static bool trap_text_matches(const char *msg, const char *want)
{
	const char *cut = strstr(msg, " in function");
	size_t n = cut ? (size_t)(cut - msg) : strlen(msg);

	return n && (!strncmp(want, msg, n) || !strncmp(msg, want, strlen(want)));
}

static void cmd_assert_trap(struct file_ctx *f, const cJSON *cmd)
{
	uint64_t out[MAX_VALS];
	size_t nout;
	struct wasmi_instance *in;
	const char *text = cJSON_GetObjectItem(cmd, "text")->valuestring;
	int st = do_action(f, cJSON_GetObjectItem(cmd, "action"),
			   cJSON_GetArraySize(cJSON_GetObjectItem(cmd, "expected")), out, &nout, &in);

	if (st != WASMI_TRAP) {
		fail(f, "expected trap \"%s\", got %s", text, st < 0 ? "no action" : "no trap");
		return;
	}
	if (!trap_text_matches(wasmi_instance__trap_message(in), text)) {
		fail(f, "expected trap \"%s\", got \"%s\"", text, wasmi_instance__trap_message(in));
		return;
	}
	f->c.passed++;
}

static void cmd_action(struct file_ctx *f, const cJSON *cmd)
{
	uint64_t out[MAX_VALS];
	size_t nout;
	struct wasmi_instance *in;
	int st = do_action(f, cJSON_GetObjectItem(cmd, "action"),
			   cJSON_GetArraySize(cJSON_GetObjectItem(cmd, "expected")), out, &nout, &in);

	if (st != WASMI_OK) {
		fail(f, "action: %s", st < 0 ? "cannot run" : wasmi_instance__trap_message(in));
		return;
	}
	f->c.passed++;
}

/* assert_invalid/malformed (must not load), unlinkable/uninstantiable (must not instantiate). */
static void cmd_assert_module(struct file_ctx *f, const cJSON *cmd, bool must_load)
{
	const char *fn = cJSON_GetObjectItem(cmd, "filename")->valuestring;
	const cJSON *mt = cJSON_GetObjectItem(cmd, "module_type");
	const char *type = cJSON_GetObjectItem(cmd, "type")->valuestring;
	struct wasmi_error err = { "" };
	struct wasmi_module *m;

	if (cJSON_IsString(mt) && !strcmp(mt->valuestring, "text")) {
		f->c.skipped++;
		cmn_buf__printf(&f->wat_list, " %s", fn);
		return;
	}
	m = load_module(f, fn, &err);
	if (!must_load) {
		if (m) {
			fail(f, "%s: %s loaded (expected \"%s\")", type, fn,
			     cJSON_GetObjectItem(cmd, "text")->valuestring);
			wasmi_module__free(m);
			return;
		}
		f->c.passed++;
		return;
	}
	if (!m) {
		fail(f, "%s: %s does not load: %s", type, fn, err.msg);
		return;
	}
	keep_module(f, m);
	if (instantiate(f, m, &err)) {
		fail(f, "%s: %s instantiated", type, fn);
		return;
	}
	f->c.passed++;
}

static void run_command(struct file_ctx *f, const cJSON *cmd)
{
	const char *type = cJSON_GetObjectItem(cmd, "type")->valuestring;

	f->line = (int)cJSON_GetNumberValue(cJSON_GetObjectItem(cmd, "line"));
	if (!strcmp(type, "module"))
		cmd_module(f, cmd);
	else if (!strcmp(type, "register"))
		cmd_register(f, cmd);
	else if (!strcmp(type, "action"))
		cmd_action(f, cmd);
	else if (!strcmp(type, "assert_return"))
		cmd_assert_return(f, cmd);
	else if (!strcmp(type, "assert_trap") || !strcmp(type, "assert_exhaustion"))
		cmd_assert_trap(f, cmd);
	else if (!strcmp(type, "assert_invalid") || !strcmp(type, "assert_malformed"))
		cmd_assert_module(f, cmd, false);
	else if (!strcmp(type, "assert_unlinkable") || !strcmp(type, "assert_uninstantiable"))
		cmd_assert_module(f, cmd, true);
	else
		fail(f, "unknown command %s", type);
}

static void free_ctx(struct file_ctx *f)
{
	/* importers first: instances are freed in reverse creation order */
	for (size_t i = f->ninsts; i-- > 0;)
		wasmi_instance__free(f->insts[i]);
	for (size_t i = 0; i < f->nmods; i++)
		wasmi_module__free(f->mods[i]);
	for (size_t i = 0; i < f->nnames; i++)
		free(f->names[i].name);
	for (size_t i = 0; i < f->nregs; i++)
		free(f->regs[i].name);
	free(f->mods);
	free(f->insts);
	free(f->names);
	free(f->regs);
	cmn_buf__free(&f->wat_list);
}

static int add_spectest(struct file_ctx *f)
{
	struct wasmi_error err = { "" };
	struct wasmi_module *m = wasmi_module__new(spectest_wasm, spectest_wasm_len, &err);
	struct wasmi_instance *in;

	if (!m || keep_module(f, m)) {
		fprintf(stderr, "spectest module: %s\n", err.msg);
		wasmi_module__free(m);
		return -1;
	}
	in = wasmi_instance__new(m, NULL, NULL, 0, &err);
	if (!in || keep_instance(f, in)) {
		fprintf(stderr, "spectest instance: %s\n", err.msg);
		return -1;
	}
	return add_named(&f->regs, &f->nregs, &f->capregs, "spectest", in);
}

static int run_file(const char *root, const char *name, struct counts *total)
{
	char dir[4096], path[4200];
	char *json = NULL;
	size_t len;
	cJSON *doc, *cmd;
	struct file_ctx f = { .dir = dir, .file = name };

	snprintf(dir, sizeof(dir), "%s/%s", root, name);
	snprintf(path, sizeof(path), "%s/%s.json", dir, name);
	if (cmn_read_file(path, 256u << 20, &json, &len))
		return 0; /* not a test folder */
	len = mark_nul_escapes(json, len);
	doc = cJSON_ParseWithLength(json, len);
	free(json);
	if (!doc) {
		fprintf(stderr, "%s: invalid JSON\n", path);
		total->failed++;
		return -1;
	}
	if (add_spectest(&f) == 0) {
		cJSON_ArrayForEach(cmd, cJSON_GetObjectItem(doc, "commands"))
			run_command(&f, cmd);
	} else {
		f.c.failed++;
	}
	printf("%-28s %6ld passed, %4ld failed, %4ld skipped\n", name, f.c.passed, f.c.failed,
	       f.c.skipped);
	if (f.wat_list.cnt)
		printf("  skipped text-format modules:%s\n", f.wat_list.ptr);
	total->passed += f.c.passed, total->failed += f.c.failed, total->skipped += f.c.skipped;
	cJSON_Delete(doc);
	free_ctx(&f);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	struct counts total = { 0 };
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *d;

	if (argc < 2) {
		fprintf(stderr, "usage: %s SPEC_DIR [NAME...]\n", argv[0]);
		return 2;
	}
	d = opendir(argv[1]);
	if (!d) {
		printf("skipping the spec suite: %s is not a readable directory (%m)\n", argv[1]);
		printf("0 passed, 0 failed, 0 skipped\n");
		return 77;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || cmn_array_grow((void **)&names, &cap, n + 1, sizeof(*names)))
			continue;
		names[n++] = cmn_strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		bool wanted = argc == 2;
		for (int k = 2; k < argc; k++)
			wanted |= !strcmp(argv[k], names[i]);
		if (wanted)
			run_file(argv[1], names[i], &total);
		free(names[i]);
	}
	free(names);
	printf("total: %ld passed, %ld failed, %ld skipped\n", total.passed, total.failed,
	       total.skipped);
	printf("%ld passed, %ld failed, %ld skipped\n", total.passed, total.failed, total.skipped);
	return total.failed ? 1 : 0;
}
