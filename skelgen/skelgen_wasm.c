// SPDX-License-Identifier: MIT
/*
 * The Wasm skeleton's values: object bytes, maps, programs with their
 * attach kind, datasec views. See skelgen_wasm.h.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btfgen_wasm.h"
#include "skelgen_wasm_int.h"

#define MAX_OBJ_SIZE (256u << 20)

/*
 * How the wasm_bpf host attaches a program: by section (libbpf's
 * auto-attach), or with a target for xdp and cgroup programs. First match
 * of the SEC() prefix wins; anything not listed attaches by section.
 */
static const struct {
	const char *pfx;
	bool exact;
	enum skelgen_wasm_attach kind;
} attach_table[] = {
    {"xdp/cpumap", false, SKELGEN_WASM_ATTACH_NONE},
    {"xdp/devmap", false, SKELGEN_WASM_ATTACH_NONE},
    {"xdp.frags/cpumap", false, SKELGEN_WASM_ATTACH_NONE},
    {"xdp.frags/devmap", false, SKELGEN_WASM_ATTACH_NONE},
    {"xdp", false, SKELGEN_WASM_ATTACH_XDP},
    {"cgroup", false, SKELGEN_WASM_ATTACH_CGROUP},
    {"sockops", false, SKELGEN_WASM_ATTACH_CGROUP},
    {"tc", false, SKELGEN_WASM_ATTACH_NONE},
    {"classifier", false, SKELGEN_WASM_ATTACH_NONE},
    {"action", false, SKELGEN_WASM_ATTACH_NONE},
    {"perf_event", false, SKELGEN_WASM_ATTACH_NONE},
    {"socket", false, SKELGEN_WASM_ATTACH_NONE},
    {"sk_skb", false, SKELGEN_WASM_ATTACH_NONE},
    {"sk_msg", false, SKELGEN_WASM_ATTACH_NONE},
    {"sk_lookup", false, SKELGEN_WASM_ATTACH_NONE},
    {"sk_reuseport", false, SKELGEN_WASM_ATTACH_NONE},
    {"flow_dissector", false, SKELGEN_WASM_ATTACH_NONE},
    {"lirc_mode2", false, SKELGEN_WASM_ATTACH_NONE},
    {"lwt_", false, SKELGEN_WASM_ATTACH_NONE},
    {"struct_ops", false, SKELGEN_WASM_ATTACH_NONE},
    {"syscall", false, SKELGEN_WASM_ATTACH_NONE},
    /* probes whose SEC() names no function or binary cannot auto-attach */
    {"kprobe", true, SKELGEN_WASM_ATTACH_NONE},
    {"kretprobe", true, SKELGEN_WASM_ATTACH_NONE},
    {"uprobe", true, SKELGEN_WASM_ATTACH_NONE},
    {"uretprobe", true, SKELGEN_WASM_ATTACH_NONE},
    {"usdt", true, SKELGEN_WASM_ATTACH_NONE},
};

enum skelgen_wasm_attach skelgen_wasm__attach_kind(const char *sec)
{
	for (size_t i = 0; i < sizeof(attach_table) / sizeof(attach_table[0]); i++) {
		const char *p = attach_table[i].pfx;

		if (attach_table[i].exact ? !strcmp(sec, p) : !strncmp(sec, p, strlen(p)))
			return attach_table[i].kind;
	}
	return SKELGEN_WASM_ATTACH_AUTO;
}

/* ---- vars -------------------------------------------------------------- */

void skelgen_wasm_vars__free(struct skelgen_wasm_vars *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->cnt; i++) {
		free(v->ptr[i].key);
		free(v->ptr[i].value);
	}
	free(v->ptr);
	*v = (struct skelgen_wasm_vars){0};
}

/* Takes ownership of value (NULL value: -ENOMEM from a failed builder). */
int skelgen_wasm__add_var(struct skelgen_wasm_vars *v, const char *key, char *value)
{
	char *k = cmn_strdup(key);

	if (!value || !k ||
	    cmn_array_grow((void **)&v->ptr, &v->cap, v->cnt + 1, sizeof(*v->ptr))) {
		free(k);
		free(value);
		return -ENOMEM;
	}
	v->ptr[v->cnt++] = (struct skelgen_wasm_var){k, value};
	return 0;
}

int skelgen_wasm__c_str(struct cmn_buf *b, const char *s)
{
	int err = cmn_buf__puts(b, "\"");

	for (; *s && !err; s++) {
		if (*s == '"' || *s == '\\')
			err = cmn_buf__printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			err = cmn_buf__printf(b, "\\%03o", (unsigned char)*s);
		else
			err = cmn_buf__append(b, s, 1);
	}
	return err ? err : cmn_buf__puts(b, "\"");
}

int skelgen_wasm__add_fmt(struct skelgen_wasm_vars *v, const char *key, const char *fmt, ...)
{
	struct cmn_buf b = {0};
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = cmn_buf__vprintf(&b, fmt, ap);
	va_end(ap);
	if (err)
		return err;
	return skelgen_wasm__add_var(v, key, cmn_buf__steal(&b, NULL));
}

/* ---- opening ----------------------------------------------------------- */

static void sec_init(struct skelgen_wasm *s)
{
	static const char *const names[SKELGEN_WASM_N_SECS] = {".rodata", ".data", ".bss"};

	for (int i = 0; i < SKELGEN_WASM_N_SECS; i++)
		s->secs[i] = (struct skelgen_wasm_sec){.name = names[i], .index = -1};
}

/* File offsets and sizes of .rodata/.data/.bss from the ELF section headers. */
static int read_sections(struct skelgen_wasm *s)
{
	Elf *elf;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	int err = 0;

	elf_version(EV_CURRENT);
	elf = elf_memory(s->bytes, s->len);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx)) {
		pr_warn("%s: not an ELF object: %s\n", s->obj_path, elf_errmsg(-1));
		err = -EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(elf, shstrndx, sh.sh_name)))
			continue;
		for (int i = 0; i < SKELGEN_WASM_N_SECS; i++) {
			if (strcmp(name, s->secs[i].name))
				continue;
			s->secs[i].in_elf = true;
			s->secs[i].progbits = sh.sh_type != SHT_NOBITS;
			s->secs[i].file_off = sh.sh_offset;
			s->secs[i].size = sh.sh_size;
			if (s->secs[i].progbits && sh.sh_offset + sh.sh_size > s->len)
				err = -EINVAL;
		}
	}
	if (err)
		pr_warn("%s: a data section lies outside the file\n", s->obj_path);
out:
	elf_end(elf);
	return err;
}

/* A view for each section with a DATASEC of the same size and an internal map. */
static int plan_views(struct skelgen_wasm *s)
{
	int next = 0;

	for (int i = 0; i < SKELGEN_WASM_N_SECS; i++) {
		struct skelgen_wasm_sec *d = &s->secs[i];
		__s32 id = btf__find_by_name_kind(s->btf, d->name, BTF_KIND_DATASEC);
		const struct btf_type *t = id > 0 ? btf__type_by_id(s->btf, id) : NULL;

		if (!t || !d->in_elf)
			continue;
		if (t->size != d->size) {
			pr_warn("%s: section %s is %llu bytes but its BTF says %u\n", s->obj_path,
				d->name, (unsigned long long)d->size, t->size);
			return -EINVAL;
		}
		d->view = true;
		d->index = next++;
	}
	return 0;
}

/* obj_name as a C identifier: other characters become '_', a leading digit gets '_'. */
static char *c_ident(const char *name)
{
	char *id = cmn_asprintf("%s%s", name[0] >= '0' && name[0] <= '9' ? "_" : "", name);

	for (char *c = id; c && *c; c++)
		if (!(*c == '_' || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9')))
			*c = '_';
	return id;
}

struct skelgen_wasm *skelgen_wasm__open(const char *obj_path, const char *obj_name)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = obj_name);
	struct skelgen_wasm *s = calloc(1, sizeof(*s));
	int err = -ENOMEM;

	if (!s)
		goto err;
	sec_init(s);
	s->obj_path = cmn_strdup(obj_path);
	s->obj_name = cmn_strdup(obj_name);
	s->ident = c_ident(obj_name);
	if (!s->obj_path || !s->obj_name || !s->ident)
		goto err_free;
	err = cmn_read_file(obj_path, MAX_OBJ_SIZE, &s->bytes, &s->len);
	if (err) {
		pr_warn("%s: cannot read the BPF object: %s\n", obj_path, strerror(-err));
		goto err_free;
	}
	err = read_sections(s);
	if (err)
		goto err_free;
	s->obj = bpf_object__open_mem(s->bytes, s->len, &opts);
	if (!s->obj) {
		err = -errno;
		pr_warn("%s: libbpf cannot open the BPF object: %s\n", obj_path, strerror(-err));
		goto err_free;
	}
	s->btf = bpf_object__btf(s->obj);
	err = -EINVAL;
	if (!s->btf) {
		pr_warn("%s: the BPF object has no BTF (compile it with -g)\n", obj_path);
		goto err_free;
	}
	err = plan_views(s);
	if (err)
		goto err_free;
	return s;
err_free:
	skelgen_wasm__free(s);
err:
	errno = -err;
	return NULL;
}

void skelgen_wasm__free(struct skelgen_wasm *s)
{
	if (!s)
		return;
	bpf_object__close(s->obj);
	free(s->bytes);
	free(s->obj_path);
	free(s->obj_name);
	free(s->ident);
	free(s);
}

const struct btf *skelgen_wasm__btf(const struct skelgen_wasm *s)
{
	return s->btf;
}

size_t skelgen_wasm__prog_cnt(const struct skelgen_wasm *s)
{
	struct bpf_program *p;
	size_t n = 0;

	bpf_object__for_each_program(p, s->obj) n++;
	return n;
}

int skelgen_wasm__prog(const struct skelgen_wasm *s, size_t i, const char **name, const char **sec)
{
	struct bpf_program *p;

	bpf_object__for_each_program(p, s->obj)
	{
		if (i-- == 0) {
			*name = bpf_program__name(p);
			*sec = bpf_program__section_name(p);
			return 0;
		}
	}
	return -ENOENT;
}
