// SPDX-License-Identifier: MIT
/*
 * The ELF half of rtmin_elf__check: header, section table, string tables,
 * the symbol table and relocation sections. Everything libbpf 1.1 indexes
 * with a value from the file is range-checked here first, because libbpf
 * dereferences the results of elf_strptr()/elf_getdata() without checking
 * them in several places.
 */
#include "rtmin_elfcheck.h"
#include "rtmin_check_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifndef EM_BPF
#define EM_BPF 247
#endif

/*
 * A NOBITS section (.bss) is not backed by the file, so its size is not
 * bounded by the package size cap; libbpf mmaps and the kernel allocates a
 * map of that size. Far beyond any real program's .bss.
 */
#define MAX_NOBITS_SIZE (256ull << 20)

int rtmin_ck__fail(struct rtmin_ck *c, const char *fmt, ...)
{
	va_list ap;

	if (c->err && c->err_len) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->err_len, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

void rtmin_ck__shdr(const struct rtmin_ck *c, size_t i, Elf64_Shdr *out)
{
	memcpy(out, c->data + c->shoff + i * sizeof(Elf64_Shdr), sizeof(*out));
}

/* Name of a section whose sh_name was checked in check_sections(). */
static const char *sec_name(const struct rtmin_ck *c, const Elf64_Shdr *sh)
{
	return c->shstr + sh->sh_name;
}

bool rtmin_ck__sec_size(const struct rtmin_ck *c, const char *name, uint64_t *size)
{
	Elf64_Shdr sh;
	size_t i;

	for (i = 1; i < c->shnum; i++) {
		rtmin_ck__shdr(c, i, &sh);
		if (strcmp(sec_name(c, &sh), name) == 0) {
			*size = sh.sh_size;
			return true;
		}
	}
	return false;
}

/* True when [off, off+size) lies inside a buffer of `len` bytes. */
static bool in_bounds(uint64_t off, uint64_t size, uint64_t len)
{
	return off <= len && size <= len - off;
}

static int check_ehdr(struct rtmin_ck *c, Elf64_Ehdr *eh)
{
	static const uint8_t host_data =
		__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB : ELFDATA2MSB;

	if (c->len < sizeof(*eh))
		return rtmin_ck__fail(c, "ELF: %zu bytes is too short for an ELF header", c->len);
	memcpy(eh, c->data, sizeof(*eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return rtmin_ck__fail(c, "ELF: bad magic (not an ELF file)");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return rtmin_ck__fail(c, "ELF: not a 64-bit object (class %u)", eh->e_ident[EI_CLASS]);
	if (eh->e_ident[EI_DATA] != host_data)
		return rtmin_ck__fail(c, "ELF: byte order %u differs from this host's", eh->e_ident[EI_DATA]);
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return rtmin_ck__fail(c, "ELF: unknown version");
	if (eh->e_type != ET_REL)
		return rtmin_ck__fail(c, "ELF: type %u is not a relocatable object", eh->e_type);
	if (eh->e_machine != EM_BPF)
		return rtmin_ck__fail(c, "ELF: machine %u is not BPF (247)", eh->e_machine);
	if (eh->e_ehsize < sizeof(*eh))
		return rtmin_ck__fail(c, "ELF: header size %u too small", eh->e_ehsize);
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return rtmin_ck__fail(c, "ELF: section header size %u, want %zu",
				      eh->e_shentsize, sizeof(Elf64_Shdr));
	/* 0 and SHN_XINDEX mean extended numbering, which clang never writes. */
	if (eh->e_shnum == 0 || eh->e_shnum >= SHN_LORESERVE)
		return rtmin_ck__fail(c, "ELF: unsupported section count %u", eh->e_shnum);
	if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= eh->e_shnum)
		return rtmin_ck__fail(c, "ELF: section name table index %u out of range (%u sections)",
				      eh->e_shstrndx, eh->e_shnum);
	if (eh->e_shoff % 8 ||
	    !in_bounds(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), c->len))
		return rtmin_ck__fail(c, "ELF: section table at %llu (%u entries) outside the %zu-byte file",
				      (unsigned long long)eh->e_shoff, eh->e_shnum, c->len);
	if (eh->e_phnum != 0)
		return rtmin_ck__fail(c, "ELF: a relocatable BPF object has no program headers");
	c->shnum = eh->e_shnum;
	c->shoff = eh->e_shoff;
	return 0;
}

/* A string table: inside the file, non-empty and NUL-terminated. */
static int check_strtab(struct rtmin_ck *c, size_t idx, const char *what)
{
	Elf64_Shdr sh;

	rtmin_ck__shdr(c, idx, &sh);
	if (sh.sh_type != SHT_STRTAB)
		return rtmin_ck__fail(c, "ELF: %s (section %zu) is not a string table", what, idx);
	if (sh.sh_size == 0 || c->data[sh.sh_offset + sh.sh_size - 1] != '\0')
		return rtmin_ck__fail(c, "ELF: %s (section %zu) is empty or not NUL-terminated", what, idx);
	return 0;
}

static int check_sections(struct rtmin_ck *c, const Elf64_Ehdr *eh)
{
	Elf64_Shdr sh;
	size_t i;
	int err;

	for (i = 0; i < c->shnum; i++) {
		rtmin_ck__shdr(c, i, &sh);
		/* SHT_NULL too: a section is found by name whatever its type */
		if (sh.sh_type == SHT_NOBITS && sh.sh_size > MAX_NOBITS_SIZE)
			return rtmin_ck__fail(c, "ELF: section %zu is %llu bytes of zeros (more than %llu)",
					      i, (unsigned long long)sh.sh_size, MAX_NOBITS_SIZE);
		if (sh.sh_type != SHT_NOBITS && !in_bounds(sh.sh_offset, sh.sh_size, c->len))
			return rtmin_ck__fail(c, "ELF: section %zu data [%llu, +%llu) outside the %zu-byte file",
					      i, (unsigned long long)sh.sh_offset,
					      (unsigned long long)sh.sh_size, c->len);
		if (sh.sh_link >= c->shnum)
			return rtmin_ck__fail(c, "ELF: section %zu links to section %u of %zu",
					      i, sh.sh_link, c->shnum);
	}
	err = check_strtab(c, eh->e_shstrndx, "section name table");
	if (err)
		return err;
	rtmin_ck__shdr(c, eh->e_shstrndx, &sh);
	c->shstr = (const char *)c->data + sh.sh_offset;
	c->shstr_len = sh.sh_size;
	for (i = 0; i < c->shnum; i++) {
		rtmin_ck__shdr(c, i, &sh);
		if (sh.sh_name >= c->shstr_len)
			return rtmin_ck__fail(c, "ELF: section %zu name offset %u past the name table (%llu bytes)",
					      i, sh.sh_name, (unsigned long long)c->shstr_len);
		if ((sh.sh_flags & SHF_EXECINSTR) && sh.sh_size % 8)
			return rtmin_ck__fail(c, "ELF: code section %s is %llu bytes, not whole instructions",
					      sec_name(c, &sh), (unsigned long long)sh.sh_size);
	}
	return 0;
}

/* Check one symbol of the symbol table against the string table and sections. */
static int check_sym(struct rtmin_ck *c, const Elf64_Sym *s, size_t i, uint64_t strsz)
{
	Elf64_Shdr target;

	if (s->st_name >= strsz)
		return rtmin_ck__fail(c, "ELF: symbol %zu name offset %u past the string table", i, s->st_name);
	if (s->st_shndx == SHN_UNDEF || s->st_shndx == SHN_ABS || s->st_shndx == SHN_COMMON)
		return 0;
	if (s->st_shndx >= c->shnum)
		return rtmin_ck__fail(c, "ELF: symbol %zu in section %u of %zu", i, s->st_shndx, c->shnum);
	rtmin_ck__shdr(c, s->st_shndx, &target);
	if (!in_bounds(s->st_value, s->st_size, target.sh_size))
		return rtmin_ck__fail(c, "ELF: symbol %zu [%llu, +%llu) outside its section %s (%llu bytes)",
				      i, (unsigned long long)s->st_value,
				      (unsigned long long)s->st_size, sec_name(c, &target),
				      (unsigned long long)target.sh_size);
	return 0;
}

static int check_symtab(struct rtmin_ck *c, size_t idx, size_t *nsyms)
{
	Elf64_Shdr sh, str;
	Elf64_Sym sym;
	size_t i;
	int err;

	rtmin_ck__shdr(c, idx, &sh);
	if (sh.sh_entsize != sizeof(Elf64_Sym) || sh.sh_size % sizeof(Elf64_Sym))
		return rtmin_ck__fail(c, "ELF: symbol table entry size %llu / size %llu is not Elf64_Sym",
				      (unsigned long long)sh.sh_entsize, (unsigned long long)sh.sh_size);
	err = check_strtab(c, sh.sh_link, "symbol string table");
	if (err)
		return err;
	rtmin_ck__shdr(c, sh.sh_link, &str);
	*nsyms = sh.sh_size / sizeof(Elf64_Sym);
	for (i = 0; i < *nsyms; i++) {
		memcpy(&sym, c->data + sh.sh_offset + i * sizeof(sym), sizeof(sym));
		err = check_sym(c, &sym, i, str.sh_size);
		if (err)
			return err;
	}
	return 0;
}

static int check_rel(struct rtmin_ck *c, size_t idx, size_t symtab, size_t nsyms)
{
	Elf64_Shdr sh, target;
	Elf64_Rel rel;
	size_t i, n;

	rtmin_ck__shdr(c, idx, &sh);
	if (sh.sh_entsize != sizeof(Elf64_Rel) || sh.sh_size % sizeof(Elf64_Rel))
		return rtmin_ck__fail(c, "ELF: relocation section %s has entry size %llu, want %zu",
				      sec_name(c, &sh), (unsigned long long)sh.sh_entsize,
				      sizeof(Elf64_Rel));
	if (sh.sh_link != symtab)
		return rtmin_ck__fail(c, "ELF: relocation section %s does not link to the symbol table",
				      sec_name(c, &sh));
	if (sh.sh_info == 0 || sh.sh_info >= c->shnum)
		return rtmin_ck__fail(c, "ELF: relocation section %s applies to section %u of %zu",
				      sec_name(c, &sh), sh.sh_info, c->shnum);
	rtmin_ck__shdr(c, sh.sh_info, &target);
	n = sh.sh_size / sizeof(Elf64_Rel);
	for (i = 0; i < n; i++) {
		memcpy(&rel, c->data + sh.sh_offset + i * sizeof(rel), sizeof(rel));
		if (ELF64_R_SYM(rel.r_info) >= nsyms)
			return rtmin_ck__fail(c, "ELF: relocation %zu of %s names symbol %llu of %zu",
					      i, sec_name(c, &sh),
					      (unsigned long long)ELF64_R_SYM(rel.r_info), nsyms);
		if (!in_bounds(rel.r_offset, (target.sh_flags & SHF_EXECINSTR) ? 8 : 1, target.sh_size) ||
		    ((target.sh_flags & SHF_EXECINSTR) && rel.r_offset % 8))
			return rtmin_ck__fail(c, "ELF: relocation %zu of %s at offset %llu outside %s",
					      i, sec_name(c, &sh), (unsigned long long)rel.r_offset,
					      sec_name(c, &target));
	}
	return 0;
}

/* Find the one symbol table (libbpf refuses several), then check relocations. */
static int check_symbols(struct rtmin_ck *c)
{
	size_t i, symtab = 0, nsyms = 0;
	Elf64_Shdr sh;
	int err;

	for (i = 1; i < c->shnum; i++) {
		rtmin_ck__shdr(c, i, &sh);
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		if (symtab)
			return rtmin_ck__fail(c, "ELF: more than one symbol table");
		symtab = i;
	}
	if (!symtab)
		return rtmin_ck__fail(c, "ELF: no symbol table");
	err = check_symtab(c, symtab, &nsyms);
	if (err)
		return err;
	for (i = 1; i < c->shnum; i++) {
		rtmin_ck__shdr(c, i, &sh);
		if (sh.sh_type == SHT_RELA)
			return rtmin_ck__fail(c, "ELF: RELA section %s (BPF objects use REL)",
					      sec_name(c, &sh));
		if (sh.sh_type == SHT_REL && (err = check_rel(c, i, symtab, nsyms)))
			return err;
	}
	return 0;
}

/* Locate a section by name and return its bytes (NULL when absent). */
static const uint8_t *sec_data(const struct rtmin_ck *c, const char *name, size_t *size)
{
	Elf64_Shdr sh;
	size_t i;

	for (i = 1; i < c->shnum; i++) {
		rtmin_ck__shdr(c, i, &sh);
		if (sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL &&
		    strcmp(sec_name(c, &sh), name) == 0) {
			*size = sh.sh_size;
			return c->data + sh.sh_offset;
		}
	}
	return NULL;
}

int rtmin_elf__check(const void *data, size_t len, char *err, size_t err_len)
{
	struct rtmin_ck c = { .data = data, .len = len, .err = err, .err_len = err_len };
	const uint8_t *btf, *ext;
	size_t btf_len = 0, ext_len = 0;
	Elf64_Ehdr eh;
	int ret;

	if (err && err_len)
		err[0] = '\0';
	if (!data)
		return rtmin_ck__fail(&c, "ELF: no data");
	ret = check_ehdr(&c, &eh);
	if (!ret)
		ret = check_sections(&c, &eh);
	if (!ret)
		ret = check_symbols(&c);
	if (ret)
		return ret;
	btf = sec_data(&c, ".BTF", &btf_len);
	ext = sec_data(&c, ".BTF.ext", &ext_len);
	if (!btf && ext)
		return rtmin_ck__fail(&c, "ELF: .BTF.ext without .BTF");
	if (!btf)
		return 0;
	return rtmin_btf__check(&c, btf, btf_len, ext, ext_len);
}

bool rtmin_elf__has_btf(const void *data, size_t len)
{
	struct rtmin_ck c = { .data = data, .len = len };
	size_t btf_len = 0;
	Elf64_Ehdr eh;

	/* the section table is walked again: sec_data() needs it set up */
	if (!data || check_ehdr(&c, &eh) || check_sections(&c, &eh))
		return false;
	return sec_data(&c, ".BTF", &btf_len) && btf_len > 0;
}

int rtmin_btf__check_raw(const void *data, size_t len, char *err, size_t err_len)
{
	/* no ELF: DATASEC sizes and .BTF.ext sections are not looked up */
	struct rtmin_ck c = { .data = data, .len = len, .err = err, .err_len = err_len };

	if (err && err_len)
		err[0] = '\0';
	if (!data)
		return rtmin_ck__fail(&c, "BTF: no data");
	return rtmin_btf__check(&c, data, len, NULL, 0);
}
