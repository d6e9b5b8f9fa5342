/* SPDX-License-Identifier: MIT */
/*
 * ecc_doc through libclang on the fixtures in tests/doc/, then on a real
 * vmlinux.h, plain and precompiled (skipped, with the reason, when this
 * machine has no kernel BTF or no bpftool).
 * With EXAMPLES_DIR, also checks that every example is fully documented:
 * a LICENSE @brief, a description and @cmdarg on every flag, an export
 * header that defines the struct its @export names.
 * Usage: test_ecc_doc FIXTURE_DIR MULTIARCH_INCLUDE_DIR [EXAMPLES_DIR]
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"
#include "ecc_doc.h"
#include "tassert.h"

static char last_msg[2048];

static void capture(enum cmn_log_level level, const char *msg)
{
	if (level == CMN_WARN)
		snprintf(last_msg, sizeof(last_msg), "%s", msg);
}

static const char *fixtures, *multiarch_inc;

static char *fixture(const char *name)
{
	return cmn_asprintf("%s/%s", fixtures, name);
}

static const cJSON *at(const cJSON *obj, const char *a, const char *b)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(obj, a);

	return b ? cJSON_GetObjectItemCaseSensitive(o, b) : o;
}

static const char *str_at(const cJSON *obj, const char *a, const char *b)
{
	return cJSON_GetStringValue(at(obj, a, b));
}

static void check_message(const char *a, const char *b)
{
	if (strstr(last_msg, a) && (!b || strstr(last_msg, b)))
		t_pass++;
	else
		T_FAIL_AT("message \"%s\" lacks \"%s\"%s%s", last_msg, a, b ? " / " : "",
			  b ? b : "");
}

static char *fixture_args[] = {"-target", "bpf", "-D__TARGET_ARCH_x86", NULL, NULL};

static void test_basic_source(void)
{
	char *path = fixture("basic.bpf.c");
	cJSON *doc = NULL;
	const cJSON *g, *m, *p, *d;
	int err = ecc_doc__parse_source(path, fixture_args, 4, &doc);

	T_EQ_INT(0, err);
	g = at(doc, "globals", NULL);
	m = at(doc, "maps", NULL);
	p = at(doc, "progs", NULL);
	d = at(doc, "doc", NULL);
	T_EQ_STR("Process ID to trace (0 traces every process).",
		 str_at(g, "target_pid", "description"));
	T_EQ_STR("pid", str_at(at(g, "target_pid", "cmdarg"), "long", NULL));
	T_EQ_STR("p", str_at(at(g, "target_pid", "cmdarg"), "short", NULL));
	T_EQ_STR("Minimum duration, in nanoseconds.", str_at(g, "min_ns", "description"));
	T_EQ_INT(5, at(g, "min_ns", "value") ? at(g, "min_ns", "value")->valueint : -1);
	T_TRUE(at(g, "undocumented", NULL) == NULL);
	T_TRUE(at(g, "plain_comment", NULL) == NULL);
	T_TRUE(at(g, "LICENSE", NULL) == NULL);
	T_EQ_STR("Documented after the declaration.", str_at(g, "trailing", "description"));
	T_TRUE(at(g, "after_define", NULL) == NULL);
	T_EQ_INT(3, cJSON_GetArraySize(g));

	T_EQ_STR("struct event", str_at(m, "rb", "export"));
	T_EQ_STR("Events to user space.", str_at(m, "rb", "description"));
	T_EQ_INT(1000, at(at(m, "hists", "sample"), "interval", NULL)
			   ? at(at(m, "hists", "sample"), "interval", NULL)->valueint
			   : -1);
	T_EQ_STR("usecs", str_at(at(m, "hists", "sample"), "unit", NULL));
	T_EQ_STR("A map whose struct has a tag: the comment is found all the same.",
		 str_at(m, "tagged", "description"));
	T_EQ_INT(3, cJSON_GetArraySize(m));

	T_EQ_STR("Pass every packet.", str_at(p, "xdp_pass", "description"));
	T_TRUE(cJSON_IsNumber(at(p, "xdp_pass", "ifindex")));
	T_TRUE(cJSON_IsNumber(at(p, "xdp_pass", "flags")));
	T_EQ_STR("from BPF_PROG", str_at(p, "on_switch", "note"));
	T_TRUE(at(p, "no_doc", NULL) == NULL);
	T_TRUE(at(p, "helper", NULL) == NULL && at(g, "helper", NULL) == NULL);
	T_EQ_INT(2, cJSON_GetArraySize(p));

	T_EQ_STR("A fixture", str_at(d, "brief", NULL));
	T_EQ_STR("0.1", str_at(d, "version", NULL));
	T_EQ_STR("Two lines.", str_at(d, "details", NULL));
	cJSON_Delete(doc);
	free(path);
}

static void expect_source_error(const char *name, int want, const char *a, const char *b)
{
	char *path = fixture(name);
	cJSON *doc = (cJSON *)1;
	int err;

	last_msg[0] = '\0';
	err = ecc_doc__parse_source(path, fixture_args, 4, &doc);
	T_EQ_INT(want, err);
	T_TRUE(doc == NULL);
	check_message(a, b);
	free(path);
}

static void test_source_errors(void)
{
	expect_source_error("bad_cmdarg.bpf.c", -EINVAL, "bad_cmdarg.bpf.c:7:", "@cmdarg");
	expect_source_error("bad_sample.bpf.c", -EINVAL, "bad_sample.bpf.c:9:", "\"interval\"");
	expect_source_error("missing.bpf.c", -ENOENT, "missing.bpf.c", "not found");
	expect_source_error(".", -EISDIR, "/.:", "is a directory");
}

/* ---- flag defaults must fit their variable ---------------------------------- */

static const struct {
	const char *decl;  /* the declaration, after its doc comment */
	const char *doc;   /* the doc comment's key line */
	const char *fails; /* NULL: accepted; else part of the message */
} default_cases[] = {
    {"const volatile _Bool b = 0;", "@cmdarg {\"default\": false}", NULL},
    {"const volatile _Bool b = 0;", "@cmdarg {\"default\": \"yes\"}", "true or false"},
    /* a declaration clang rejects (unknown type) is left to the compile */
    {"const volatile boolean b = 0;", "@cmdarg {\"default\": false}", NULL},
    {"const volatile int i = 0;", "@cmdarg {\"default\": -1}", NULL},
    {"const volatile int i = 0;", "@cmdarg {\"default\": 2147483648}", "out of the type's range"},
    {"const volatile int i = 0;", "@cmdarg {\"default\": 1.5}", "whole number"},
    {"const volatile int i = 0;", "@cmdarg {\"default\": \"3\"}", NULL},
    {"const volatile int i = 0;", "@cmdarg {\"default\": \"-3\"}", NULL},
    {"const volatile int i = 0;", "@cmdarg {\"default\": \"three\"}", "whole number"},
    {"const volatile int i = 0;", "@cmdarg {\"default\": \"3 \"}", "whole number"},
    {"const volatile unsigned char c = 0;", "@cmdarg {\"default\": \"256\"}", "range"},
    {"const volatile _Bool b = 0;", "@cmdarg {\"default\": 1}", "true or false"},
    {"const volatile unsigned int u = 0;", "@cmdarg {\"default\": 4294967295}", NULL},
    {"const volatile unsigned int u = 0;", "@cmdarg {\"default\": -1}", "range"},
    {"typedef int pid_t;\nconst volatile pid_t p = 0;", "@cmdarg {\"default\": 0}", NULL},
    {"const volatile char s[16] = \"\";", "@cmdarg {\"default\": \"\"}", NULL},
    {"const volatile char s[16] = \"\";", "@cmdarg {\"default\": \"0123456789abcdef\"}",
     "too long"},
    {"const volatile char s[16] = \"\";", "@cmdarg {\"default\": 5}", "must be a string"},
    {"const volatile unsigned long long q = 0;", "@cmdarg {\"default\": 18446744073709551615}",
     NULL},
    {"const volatile unsigned long long q = 0;", "@cmdarg {\"default\": -1}", "range"},
    {"const volatile unsigned char c = 0;", "@cmdarg {\"default\": 256}", "range"},
    {"const volatile double d = 0;", "@cmdarg {\"default\": 0.5}", NULL},
    {"enum e { A, B };\nconst volatile enum e v = A;", "@cmdarg {\"default\": 1}", NULL},
    {"const volatile int i = 0;", "@value \"x\"", "@value \"x\" for"},
    {"struct s { int a; };\nstruct s g;", "@value {\"a\": 1}", NULL},
};

static void test_defaults(void)
{
	char *dir = cmn_mkdtemp("ecc-doc-defaults"), *path = NULL, *text = NULL;
	cJSON *doc = NULL;
	int err;

	T_TRUE(dir != NULL);
	for (size_t i = 0; dir && i < sizeof(default_cases) / sizeof(default_cases[0]); i++) {
		path = cmn_asprintf("%s/case%zu.bpf.c", dir, i);
		text = cmn_asprintf("/// A flag.\n/// %s\n%s\n", default_cases[i].doc,
				    default_cases[i].decl);
		T_EQ_INT(0, cmn_write_file_atomic(path, text, strlen(text), 0644));
		last_msg[0] = '\0';
		err = ecc_doc__parse_source(path, fixture_args, 4, &doc);
		if (!default_cases[i].fails) {
			if (err)
				T_FAIL_AT("case %zu (%s): rejected: %s", i, default_cases[i].doc,
					  last_msg);
			else
				t_pass++;
		} else {
			T_EQ_INT(-EINVAL, err);
			check_message(":3: ", default_cases[i].fails);
		}
		cJSON_Delete(doc);
		doc = NULL;
		free(path);
		free(text);
	}
	if (dir)
		cmn_rm_rf(dir);
	free(dir);
}

static void test_header(void)
{
	char *path = fixture("basic.h"), **names = NULL;
	size_t cnt = 0;
	int err = ecc_doc__header_structs(path, fixture_args, 4, &names, &cnt);

	T_EQ_INT(0, err);
	T_EQ_INT(3, cnt);
	if (cnt == 3) {
		T_EQ_STR("event", names[0]);
		T_EQ_STR("hist", names[1]);
		T_EQ_STR("event2", names[2]);
	}
	ecc_doc__free_names(names, cnt);
	free(path);
}

static void expect_header_error(const char *name, int want, const char *a, const char *b)
{
	char *path = fixture(name), **names = (char **)1;
	size_t cnt = 7;
	int err;

	last_msg[0] = '\0';
	err = ecc_doc__header_structs(path, fixture_args, 4, &names, &cnt);
	T_EQ_INT(want, err);
	T_TRUE(names == NULL && cnt == 0);
	check_message(a, b);
	free(path);
}

static void test_header_errors(void)
{
	expect_header_error("untagged.h", -EINVAL,
			    "untagged.h:7:", "typedef struct event_t { ... } event_t");
	expect_header_error("nostruct.h", -EINVAL, "nostruct.h", "defines no struct");
	expect_header_error("missing.h", -ENOENT, "missing.h", "not found");
	expect_header_error(".", -EISDIR, "/.:", "is a directory");
}

/* ---- the examples: fully documented ---------------------------------------- */

static void check_example_doc(const char *name, const cJSON *doc, char **structs, size_t cnt)
{
	const cJSON *g, *m;
	const char *exp;
	bool found;

	if (!str_at(doc, "doc", "brief"))
		T_FAIL_AT("%s: no @brief on LICENSE", name);
	cJSON_ArrayForEach(g, at(doc, "globals", NULL))
	{
		if (!str_at(g, "description", NULL) || !cJSON_IsObject(at(g, "cmdarg", NULL)))
			T_FAIL_AT("%s: flag %s lacks a description or @cmdarg", name, g->string);
		else
			t_pass++;
	}
	cJSON_ArrayForEach(m, at(doc, "maps", NULL))
	{
		exp = str_at(m, "export", NULL);
		if (!exp)
			continue;
		found = false;
		for (size_t i = 0; i < cnt; i++)
			found |=
			    strncmp(exp, "struct ", 7) == 0 && strcmp(exp + 7, structs[i]) == 0;
		if (!found)
			T_FAIL_AT("%s: map %s exports '%s', not defined in its header", name,
				  m->string, exp);
		else
			t_pass++;
	}
}

static void check_example(const char *dir, const char *name, const char *inc)
{
	char *src = cmn_asprintf("%s/%s/%s.bpf.c", dir, name, name);
	char *hdr = cmn_asprintf("%s/%s/%s.h", dir, name, name);
	char *args[] = {"-target", "bpf", "-D__TARGET_ARCH_x86", "-g", "-O2", (char *)inc};
	char **structs = NULL;
	size_t cnt = 0;
	cJSON *doc = NULL;

	if (ecc_doc__parse_source(src, args, 6, &doc) ||
	    ecc_doc__header_structs(hdr, args, 6, &structs, &cnt))
		T_FAIL_AT("example %s: %s", name, last_msg);
	else
		check_example_doc(name, doc, structs, cnt);
	cJSON_Delete(doc);
	ecc_doc__free_names(structs, cnt);
	free(src);
	free(hdr);
}

static void test_examples(const char *examples, const char *inc)
{
	DIR *d = opendir(examples);
	struct dirent *de;
	int n = 0;

	if (!d) {
		T_FAIL_AT("cannot open %s", examples);
		return;
	}
	while ((de = readdir(d))) {
		char *src = cmn_asprintf("%s/%s/%s.bpf.c", examples, de->d_name, de->d_name);

		if (de->d_name[0] != '.' && src && cmn_file_exists(src)) {
			check_example(examples, de->d_name, inc);
			n++;
		}
		free(src);
	}
	closedir(d);
	printf("examples checked: %d\n", n);
	T_TRUE(n > 0);
}

/* ---- a real vmlinux.h, plain and precompiled ------------------------------ */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run(char *const argv[], const char *out_path)
{
	struct cmn_proc_result r = {0};
	int err = cmn_proc_run(
	    argv, CMN_PROC_CAPTURE_OUT | CMN_PROC_CAPTURE_ERR | CMN_PROC_STDIN_NULL, &r);

	if (!err && r.status != 0) {
		fprintf(stderr, "%s failed: %s\n", argv[0], r.err ? r.err : "");
		err = -EIO;
	}
	if (!err && out_path)
		err = cmn_write_file_atomic(out_path, r.out, r.out_len, 0644);
	cmn_proc_result__free(&r);
	return err;
}

static const char vmlinux_prog[] =
    "#include \"vmlinux.h\"\n"
    "#include <bpf/bpf_helpers.h>\n"
    "#include \"ev.h\"\n"
    "/// Only this pid.\n/// @cmdarg {\"short\": \"p\"}\n"
    "const volatile pid_t pid = 0;\n"
    "/// @export struct ev\n"
    "struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); }"
    " rb SEC(\".maps\");\n"
    "/// On exec.\nSEC(\"tp/sched/sched_process_exec\")\n"
    "int on_exec(struct trace_event_raw_sched_process_exec *ctx) { return 0; }\n"
    "char LICENSE[] SEC(\"license\") = \"GPL\";\n";

static void check_vmlinux_doc(const char *src, char **args, int n, const char *what)
{
	cJSON *doc = NULL;
	double t0 = now();
	int err = ecc_doc__parse_source(src, args, n, &doc);

	printf("doc parse with vmlinux.h (%s): %.3f s\n", what, now() - t0);
	T_EQ_INT(0, err);
	T_EQ_STR("Only this pid.", str_at(at(doc, "globals", "pid"), "description", NULL));
	T_EQ_STR("struct ev", str_at(at(doc, "maps", "rb"), "export", NULL));
	T_EQ_STR("On exec.", str_at(at(doc, "progs", "on_exec"), "description", NULL));
	cJSON_Delete(doc);
}

static void check_vmlinux_header(const char *hdr, char **args, int n)
{
	char **names = NULL;
	size_t cnt = 0;

	T_EQ_INT(0, ecc_doc__header_structs(hdr, args, n, &names, &cnt));
	T_EQ_INT(1, cnt);
	if (cnt == 1)
		T_EQ_STR("ev", names[0]);
	ecc_doc__free_names(names, cnt);
}

static void test_examples(const char *examples, const char *inc);

static void test_vmlinux(const char *examples)
{
	char *dir = NULL, *vml = NULL, *pch = NULL, *src = NULL, *hdr = NULL, *inc = NULL;
	char *dump[] = {"bpftool", "btf", "dump", "file", "/sys/kernel/btf/vmlinux",
			"format",  "c",	  NULL};

	if (!cmn_file_exists("/sys/kernel/btf/vmlinux")) {
		printf("SKIP vmlinux.h parse: no /sys/kernel/btf/vmlinux on this machine\n");
		return;
	}
	dir = cmn_mkdtemp("ecc-doc-test");
	T_TRUE(dir != NULL);
	if (!dir)
		return;
	vml = cmn_asprintf("%s/vmlinux.h", dir);
	pch = cmn_asprintf("%s/vmlinux.h.pch", dir);
	src = cmn_asprintf("%s/ev.bpf.c", dir);
	hdr = cmn_asprintf("%s/ev.h", dir);
	inc = cmn_asprintf("-I%s", dir);
	if (run(dump, vml)) {
		printf("SKIP vmlinux.h parse: bpftool could not dump the kernel BTF\n");
		goto out;
	}
	T_EQ_INT(0, cmn_write_file_atomic(src, vmlinux_prog, strlen(vmlinux_prog), 0644));
	T_EQ_INT(0, cmn_write_file_atomic(hdr, "struct ev { int pid; };\n", 24, 0644));
	{
		char *plain[] = {"-target", "bpf", "-D__TARGET_ARCH_x86", "-g", "-O2", inc};
		char *mk[] = {"clang", "-target", "bpf", "-D__TARGET_ARCH_x86",
			      "-g",    "-O2",	  "-x",	 "c-header",
			      vml,     "-o",	  pch,	 NULL};
		char *with_pch[] = {
		    "-target", "bpf", "-D__TARGET_ARCH_x86", "-g", "-O2", "-include-pch", pch, inc};

		check_vmlinux_doc(src, plain, 6, "plain -I");
		check_vmlinux_header(hdr, plain, 6);
		if (examples)
			test_examples(examples, inc);
		if (run(mk, NULL)) {
			printf("SKIP precompiled vmlinux.h: clang could not build it\n");
			goto out;
		}
		check_vmlinux_doc(src, with_pch, 8, "-include-pch");
		check_vmlinux_header(hdr, with_pch, 8);
	}
out:
	if (dir)
		cmn_rm_rf(dir);
	free(dir);
	free(vml);
	free(pch);
	free(src);
	free(hdr);
	free(inc);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s FIXTURE_DIR MULTIARCH_INCLUDE_DIR\n", argv[0]);
		return 2;
	}
	fixtures = argv[1];
	multiarch_inc = argv[2];
	fixture_args[3] = cmn_asprintf("-I%s", multiarch_inc);
	cmn_set_print(capture);
	test_basic_source();
	test_source_errors();
	test_defaults();
	test_header();
	test_header_errors();
	test_vmlinux(argc > 3 ? argv[3] : NULL);
	free(fixture_args[3]);
	TEST_MAIN_END();
}
