/* SPDX-License-Identifier: MIT */
/*
 * check_files: the checks the Docker/CI-template tests make on files, so the
 * shell tests need no jq or python.
 *
 *   check_files workflow FILE            a GitHub Actions workflow: valid YAML
 *                                        (libyaml) of the expected shape
 *   check_files workflow-run FILE ID     print the `run` script of step ID
 *   check_files workflow-env FILE KEY    print the workflow-level env KEY
 *   check_files package FILE [STRUCT]    a package.json: object decodes to
 *                                        an ELF of bpf_object_size bytes;
 *                                        export_types[0] is STRUCT if given
 * Exit 0 when the check passes, 1 with a message naming what is wrong.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "common_yaml.h"

static cJSON *load_yaml(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	cJSON *root = NULL;

	if (cmn_read_file(path, 1 << 20, &text, &len)) {
		fprintf(stderr, "%s: cannot read\n", path);
		return NULL;
	}
	if (cmn_yaml_parse(text, len, &root))
		fprintf(stderr, "%s: not valid YAML\n", path);
	free(text);
	return root;
}

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static int bad(const char *path, const char *what, const char *name)
{
	fprintf(stderr, "%s: %s%s%s\n", path, what, name ? " " : "", name ? name : "");
	return 1;
}

/* One step: a mapping with exactly one of `run` and `uses`. */
static int check_step(const char *path, const char *job, int i, const cJSON *step)
{
	bool run = cJSON_IsString(get(step, "run")), uses = cJSON_IsString(get(step, "uses"));

	if (!cJSON_IsObject(step) || run == uses) {
		fprintf(stderr, "%s: job %s, step %d: needs exactly one of run/uses\n", path, job,
			i + 1);
		return 1;
	}
	return 0;
}

static int check_workflow(const char *path, const cJSON *root)
{
	const cJSON *jobs = get(root, "jobs"), *env = get(root, "env"), *job, *step;
	int errs = 0, i;

	if (!cJSON_IsObject(root))
		return bad(path, "the top level is not a mapping", NULL);
	if (!cJSON_IsString(get(root, "name")))
		errs += bad(path, "has no name", NULL);
	if (!get(root, "on"))
		errs += bad(path, "has no trigger (on:)", NULL);
	if (!cJSON_IsString(get(env, "ECC_REPO")) || !cJSON_IsString(get(env, "ECC_REF")))
		errs += bad(path, "env must set ECC_REPO and ECC_REF", NULL);
	if (!cJSON_IsObject(jobs) || !jobs->child)
		return errs + bad(path, "has no jobs", NULL);
	cJSON_ArrayForEach(job, jobs)
	{
		if (!cJSON_IsString(get(job, "runs-on")))
			errs += bad(path, "a job has no runs-on:", job->string);
		if (!cJSON_IsArray(get(job, "steps")) || !get(job, "steps")->child) {
			errs += bad(path, "a job has no steps:", job->string);
			continue;
		}
		i = 0;
		cJSON_ArrayForEach(step, get(job, "steps")) errs +=
		    check_step(path, job->string, i++, step);
	}
	return errs ? 1 : 0;
}

static int workflow_run(const char *path, const cJSON *root, const char *id)
{
	const cJSON *job, *step;

	cJSON_ArrayForEach(job, get(root, "jobs")) cJSON_ArrayForEach(step, get(job, "steps"))
	{
		const char *sid = cJSON_GetStringValue(get(step, "id"));

		if (sid && strcmp(sid, id) == 0 && cJSON_IsString(get(step, "run"))) {
			fputs(get(step, "run")->valuestring, stdout);
			return 0;
		}
	}
	return bad(path, "has no run step with id", id);
}

static int workflow_env(const char *path, const cJSON *root, const char *key)
{
	const cJSON *v = get(get(root, "env"), key);

	if (!cJSON_IsString(v))
		return bad(path, "env has no string", key);
	printf("%s\n", v->valuestring);
	return 0;
}

static int check_object(const char *path, const cJSON *pkg)
{
	const char *b64 = cJSON_GetStringValue(get(pkg, "bpf_object"));
	const cJSON *size = get(pkg, "bpf_object_size");
	void *zdata = NULL, *elf = NULL;
	size_t zlen = 0, elf_len = 0;
	int ret = 1;

	if (!b64 || !cJSON_IsNumber(size))
		return bad(path, "lacks bpf_object or bpf_object_size", NULL);
	if (cmn_base64_decode(b64, strlen(b64), &zdata, &zlen))
		ret = bad(path, "bpf_object is not base64", NULL);
	else if (cmn_zlib_inflate(zdata, zlen, 64 << 20, &elf, &elf_len))
		ret = bad(path, "bpf_object is not a zlib stream", NULL);
	else if ((double)elf_len != size->valuedouble)
		ret = bad(path, "bpf_object_size does not match the object", NULL);
	else if (elf_len < 4 || memcmp(elf, "\177ELF", 4) != 0)
		ret = bad(path, "bpf_object is not an ELF file", NULL);
	else
		ret = 0;
	free(zdata);
	free(elf);
	return ret;
}

static int check_package(const char *path, const char *want_struct)
{
	char *text = NULL;
	size_t len = 0;
	cJSON *pkg;
	const cJSON *meta, *first;
	int ret;

	if (cmn_read_file(path, 256 << 20, &text, &len))
		return bad(path, "cannot read", NULL);
	pkg = cJSON_ParseWithLength(text, len);
	free(text);
	if (!pkg)
		return bad(path, "is not JSON", NULL);
	ret = check_object(path, pkg);
	meta = get(pkg, "meta");
	if (!ret && !cJSON_IsString(get(get(meta, "bpf_skel"), "obj_name")))
		ret = bad(path, "has no meta.bpf_skel.obj_name", NULL);
	first = cJSON_GetArrayItem(get(meta, "export_types"), 0);
	if (!ret && want_struct &&
	    !(cJSON_GetStringValue(get(first, "name")) &&
	      strcmp(get(first, "name")->valuestring, want_struct) == 0))
		ret = bad(path, "export_types[0] is not struct", want_struct);
	cJSON_Delete(pkg);
	return ret;
}

int main(int argc, char **argv)
{
	cJSON *root;
	int ret;

	if (argc >= 3 && strcmp(argv[1], "package") == 0)
		return check_package(argv[2], argc > 3 ? argv[3] : NULL);
	if (argc < 3 || strncmp(argv[1], "workflow", 8) != 0) {
		fprintf(stderr, "usage: %s workflow|workflow-run|workflow-env|package FILE [ARG]\n",
			argv[0]);
		return 2;
	}
	root = load_yaml(argv[2]);
	if (!root)
		return 1;
	if (strcmp(argv[1], "workflow") == 0)
		ret = check_workflow(argv[2], root);
	else if (strcmp(argv[1], "workflow-run") == 0 && argc > 3)
		ret = workflow_run(argv[2], root, argv[3]);
	else if (strcmp(argv[1], "workflow-env") == 0 && argc > 3)
		ret = workflow_env(argv[2], root, argv[3]);
	else
		ret = 2;
	cJSON_Delete(root);
	return ret;
}
