// SPDX-License-Identifier: MIT
/*
 * Printing what the program exports through ring buffers and perf event
 * arrays, decoded with the export type's BTF layout (spec section 5): JSON
 * lines with -j, else a plain table with a TIME column. A map without an
 * export type prints each record's size and bytes in hex. Records of the
 * wrong size are counted and reported once; output never stops for them.
 */
#include "rtmin_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One output column: a struct member or an export_config custom member. */
enum col_fast {
	COL_GENERIC,	/* rtmin_fmt__value */
	COL_INT,	/* 1/2/4/8-byte integer or bool, read directly */
	COL_CHARS,	/* char[N], a string */
};

struct col {
	const char *name;	/* borrowed from BTF or the meta */
	uint32_t type_id;
	uint32_t off;		/* bytes into the record */
	bool bitfield;		/* printed as "?" in the table (JSON has it) */
	/* the per-event fast path, worked out once from BTF */
	enum col_fast fast;
	uint32_t size;		/* COL_INT: bytes; COL_CHARS: N */
	bool is_signed, is_bool;
	char *key;		/* "name": as JSON, with the comma before it */
	size_t key_len;
};

struct exp_map {
	struct rtmin_export *e;
	const char *name;	/* borrowed from libbpf */
	uint32_t type_id;	/* the struct, or 0: custom columns or hex */
	size_t size;		/* bytes a record must have */
	struct col *cols;
	size_t ncols, cap;
	bool custom;		/* export_config.custom_members */
	bool has_bitfield;	/* JSON through rtmin_fmt__value, not the columns */
	uint64_t bad;		/* records of the wrong size */
};

struct rtmin_export {
	const struct rtmin_pkg *pkg;
	const struct btf *btf;
	bool json;
	bool header;		/* meta.print_header (default true) */
	FILE *out;
	struct exp_map **maps;	/* each allocated alone: libbpf keeps pointers */
	size_t n, cap;
	struct ring_buffer *rb;
	struct perf_buffer **pb;
	size_t npb, pb_cap;
	struct cmn_buf line;
	uint64_t lost;
	const struct exp_map *header_map;	/* whose header was printed last */
	time_t last_sec;
	char tbuf[16];
};

/* The struct an export_types[] entry names, found by name in our BTF. */
static uint32_t export_type_id(const struct rtmin_export *e, const cJSON *et)
{
	const char *name = rtmin_meta__str(et, "name");
	long id = rtmin_meta__int(et, "type_id", 0);
	const struct btf_type *t;
	int found;

	if (!name || !e->btf)
		return 0;
	found = btf__find_by_name_kind(e->btf, name, BTF_KIND_STRUCT);
	if (found > 0)
		return (uint32_t)found;
	t = id > 0 ? btf__type_by_id(e->btf, (uint32_t)id) : NULL;
	if (t && btf_is_struct(t) && strcmp(btf__name_by_offset(e->btf, t->name_off), name) == 0)
		return (uint32_t)id;
	return 0;
}

/* Which fast path a column's type takes. */
static void col_fast_path(const struct btf *btf, struct col *c)
{
	const struct btf_type *t = rtmin_btf__skip(btf, c->type_id, NULL), *et;
	const char *en;

	if (!t || c->bitfield)
		return;
	if (btf_is_int(t) && (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8) &&
	    btf_int_offset(t) == 0 && btf_int_bits(t) == t->size * 8) {
		c->fast = COL_INT;
		c->size = t->size;
		c->is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
		c->is_bool = btf_int_encoding(t) & BTF_INT_BOOL;
	} else if (btf_is_array(t) && (et = rtmin_btf__skip(btf, btf_array(t)->type, NULL)) &&
		   btf_is_int(et) && et->size == 1 && (en = btf__name_by_offset(btf, et->name_off)) &&
		   ((btf_int_encoding(et) & BTF_INT_CHAR) || strcmp(en, "char") == 0)) {
		c->fast = COL_CHARS;
		c->size = btf_array(t)->nelems;
	}
}

static int add_col(struct rtmin_export *e, struct exp_map *m, const char *name, uint32_t id,
		   uint32_t off, bool bf)
{
	struct cmn_buf key = { 0 };
	struct col *c;

	if (cmn_array_grow((void **)&m->cols, &m->cap, m->ncols + 1, sizeof(*m->cols)))
		return -ENOMEM;
	if (m->ncols)
		cmn_buf__append(&key, ",", 1);
	rtmin_fmt__json_str(&key, name, (size_t)-1);
	if (cmn_buf__append(&key, ":", 1))
		return -ENOMEM;
	c = &m->cols[m->ncols++];
	*c = (struct col){ .name = name, .type_id = id, .off = off, .bitfield = bf };
	c->key = cmn_buf__steal(&key, &c->key_len);
	m->has_bitfield |= bf;
	col_fast_path(e->btf, c);
	return 0;
}

static void put_u64(struct cmn_buf *b, uint64_t v, bool neg)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	if (neg)
		tmp[--i] = '-';
	cmn_buf__append(b, tmp + i, sizeof(tmp) - (size_t)i);
}

/* One column's value; 0 or -EINVAL when it does not fit the record. */
static int col_value(struct rtmin_export *e, const struct col *c, const uint8_t *d, size_t len,
		     enum rtmin_fmt_mode mode)
{
	struct cmn_buf *b = &e->line;
	uint64_t u = 0;
	int64_t sv;

	if (c->off > len || len - c->off < (c->fast == COL_GENERIC ? 0 : c->size))
		return -EINVAL;
	d += c->off;
	switch (c->fast) {
	case COL_INT:
		memcpy(&u, d, c->size);	/* little endian host */
		if (c->is_bool)
			return cmn_buf__puts(b, u ? "true" : "false");
		if (c->is_signed && c->size < 8 && (u >> (c->size * 8 - 1)) & 1)
			u |= ~0ULL << (c->size * 8);
		sv = (int64_t)u;
		put_u64(b, c->is_signed && sv < 0 ? 0 - u : u, c->is_signed && sv < 0);
		return 0;
	case COL_CHARS:
		if (mode == RTMIN_FMT_JSON)
			rtmin_fmt__json_str(b, (const char *)d, c->size);
		else
			cmn_buf__append(b, d, strnlen((const char *)d, c->size));
		return 0;
	default:
		return rtmin_fmt__value(b, e->btf, c->type_id, d, len - c->off, mode);
	}
}

/* export_config.custom_members: [{name, offset, btf_type_id}] as columns. */
static int custom_cols(const struct rtmin_export *e, struct exp_map *m, const cJSON *list)
{
	const cJSON *it;
	int err;

	cJSON_ArrayForEach(it, list) {
		const char *name = rtmin_meta__str(it, "name");
		long off = rtmin_meta__int(it, "offset", -1), id = rtmin_meta__int(it, "btf_type_id", 0);
		__s64 sz = id > 0 && e->btf ? btf__resolve_size(e->btf, (uint32_t)id) : -1;

		if (!name || off < 0 || off > (1 << 20) || sz < 0) {
			pr_warn("map '%s': export_config.custom_members entry '%s' has no usable "
				"offset/btf_type_id\n", m->name, name ? name : "?");
			return -EINVAL;
		}
		err = add_col((struct rtmin_export *)e, m, name, (uint32_t)id, (uint32_t)off, false);
		if (err)
			return err;
		if ((size_t)(off + sz) > m->size)
			m->size = (size_t)(off + sz);
	}
	m->custom = m->ncols > 0;
	return 0;
}

/* Which type decodes map `m` (0: hex), and whether it exports at all. */
static bool map_type(const struct rtmin_export *e, const char *map, uint32_t *id,
		     const cJSON **custom)
{
	const cJSON *types = cJSON_GetObjectItemCaseSensitive(e->pkg->meta, "export_types");
	const cJSON *mm, *cfg;

	*custom = NULL;
	*id = cJSON_GetArraySize(types) > 0 ? export_type_id(e, cJSON_GetArrayItem(types, 0)) : 0;
	if (!rtmin_meta__bool(e->pkg->meta, "enable_multiple_export_types", false))
		return true;
	mm = rtmin_meta__find(e->pkg, "maps", map);
	cfg = cJSON_GetObjectItemCaseSensitive(mm, "export_config");
	if (cJSON_IsString(cfg))
		return strcmp(cfg->valuestring, "default") == 0;
	if (cJSON_IsObject(cfg) && cJSON_GetObjectItemCaseSensitive(cfg, "btf_type_id")) {
		long want = rtmin_meta__int(cfg, "btf_type_id", 0);
		const struct btf_type *t = e->btf ? btf__type_by_id(e->btf, (uint32_t)want) : NULL;

		*id = t && btf_is_struct(t) ? (uint32_t)want : 0;
		return true;
	}
	if (cJSON_IsObject(cfg) && cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(cfg, "custom_members"))) {
		*custom = cJSON_GetObjectItemCaseSensitive(cfg, "custom_members");
		*id = 0;
		return true;
	}
	return false;	/* "no_export" or absent */
}

static const char *now_text(struct rtmin_export *e)
{
	time_t now = time(NULL);
	struct tm tm;

	if (now != e->last_sec) {
		e->last_sec = now;
		localtime_r(&now, &tm);
		strftime(e->tbuf, sizeof(e->tbuf), "%H:%M:%S", &tm);
	}
	return e->tbuf;
}

static int col_width(const char *name)
{
	int n = (int)strlen(name);

	return n < 7 ? 7 : n;
}

static void print_header(struct rtmin_export *e, const struct exp_map *m)
{
	size_t i;

	fprintf(e->out, "%-8s ", "TIME");
	for (i = 0; i < m->ncols; i++) {
		const char *n = m->cols[i].name;
		int w = col_width(n), k;

		for (k = 0; n[k]; k++)
			fputc(toupper((unsigned char)n[k]), e->out);
		if (i + 1 < m->ncols)
			fprintf(e->out, "%*s", w - k + 1, "");
	}
	fputc('\n', e->out);
	e->header_map = m;
}

static void plain_row(struct rtmin_export *e, const struct exp_map *m, const uint8_t *d, size_t len)
{
	struct cmn_buf *b = &e->line;
	size_t i;

	if (e->header_map != m && e->header)
		print_header(e, m);
	cmn_buf__printf(b, "%-8s ", now_text(e));
	for (i = 0; i < m->ncols; i++) {
		const struct col *c = &m->cols[i];
		size_t start = b->cnt;
		int w = col_width(c->name);

		if (c->bitfield || col_value(e, c, d, len, RTMIN_FMT_PLAIN))
			cmn_buf__puts(b, "?");
		if (b->cnt - start < (size_t)w)
			cmn_buf__printf(b, "%*s", (int)(w - (b->cnt - start)), "");
		cmn_buf__append(b, " ", 1);
	}
	while (b->cnt && b->ptr[b->cnt - 1] == ' ')
		b->cnt--;
}

/* A record as JSON through its columns (precomputed keys, fast values). */
static int cols_json(struct rtmin_export *e, const struct exp_map *m, const uint8_t *d, size_t len)
{
	size_t i;

	cmn_buf__append(&e->line, "{", 1);
	for (i = 0; i < m->ncols; i++) {
		cmn_buf__append(&e->line, m->cols[i].key, m->cols[i].key_len);
		if (col_value(e, &m->cols[i], d, len, RTMIN_FMT_JSON))
			return -EINVAL;
	}
	cmn_buf__append(&e->line, "}", 1);
	return 0;
}

static void hex_row(struct rtmin_export *e, const uint8_t *d, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	if (e->json)
		cmn_buf__printf(&e->line, "{\"size\":%zu,\"data\":\"", len);
	else
		cmn_buf__printf(&e->line, "%-8s size=%zu data=", now_text(e), len);
	for (i = 0; i < len; i++) {
		char two[2] = { hex[d[i] >> 4], hex[d[i] & 15] };

		cmn_buf__append(&e->line, two, 2);
	}
	if (e->json)
		cmn_buf__puts(&e->line, "\"}");
}

static int handle_record(struct exp_map *m, const void *data, size_t len)
{
	struct rtmin_export *e = m->e;

	e->line.cnt = 0;
	if (!m->type_id && !m->custom) {
		hex_row(e, data, len);
	} else if (len < m->size || len >= m->size + 8) {
		/* perf records may carry up to 7 bytes of padding; anything else is wrong */
		if (m->bad++ == 0)
			pr_warn("map '%s': a %zu-byte record does not match the %zu-byte export type; "
				"skipping such records\n", m->name, len, m->size);
		return 0;
	} else if (e->json && !m->has_bitfield) {
		if (cols_json(e, m, data, m->size))
			return 0;
	} else if (e->json) {
		if (rtmin_fmt__value(&e->line, e->btf, m->type_id, data, m->size, RTMIN_FMT_JSON))
			return 0;
	} else {
		plain_row(e, m, data, m->size);
	}
	cmn_buf__append(&e->line, "\n", 1);
	fwrite(e->line.ptr, 1, e->line.cnt, e->out);
	return 0;
}

static int on_ring(void *ctx, void *data, size_t len)
{
	return handle_record(ctx, data, len);
}

static void on_perf(void *ctx, int cpu, void *data, __u32 len)
{
	handle_record(ctx, data, len);
}

static void on_lost(void *ctx, int cpu, __u64 cnt)
{
	((struct exp_map *)ctx)->e->lost += cnt;
}

static int add_map(struct rtmin_export *e, struct bpf_map *map, int pages)
{
	const cJSON *custom;
	struct exp_map *m;
	struct perf_buffer *pb;
	uint32_t id, i;
	int err;

	if (!map_type(e, bpf_map__name(map), &id, &custom))
		return 0;
	if (cmn_array_grow((void **)&e->maps, &e->cap, e->n + 1, sizeof(*e->maps)))
		return -ENOMEM;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	e->maps[e->n++] = m;
	*m = (struct exp_map){ .e = e, .name = bpf_map__name(map), .type_id = id };
	if (custom && (err = custom_cols(e, m, custom)))
		return err;
	if (id) {
		const struct btf_type *t = btf__type_by_id(e->btf, id);
		const struct btf_member *mem = btf_members(t);

		m->size = (size_t)btf__resolve_size(e->btf, id);
		for (i = 0; i < btf_vlen(t); i++, mem++)
			if ((err = add_col(e, m, btf__name_by_offset(e->btf, mem->name_off), mem->type,
					   btf_member_bit_offset(t, i) / 8,
					   btf_member_bitfield_size(t, i) || btf_member_bit_offset(t, i) % 8)))
				return err;
	} else if (!m->custom) {
		pr_warn("map '%s' has no export type: printing each record's size and bytes\n", m->name);
	}
	if (bpf_map__type(map) == BPF_MAP_TYPE_RINGBUF) {
		if (!e->rb)
			e->rb = ring_buffer__new(bpf_map__fd(map), on_ring, m, NULL);
		else if (ring_buffer__add(e->rb, bpf_map__fd(map), on_ring, m))
			return -errno;
		return e->rb ? 0 : -errno;
	}
	if (cmn_array_grow((void **)&e->pb, &e->pb_cap, e->npb + 1, sizeof(*e->pb)))
		return -ENOMEM;
	pb = perf_buffer__new(bpf_map__fd(map), pages, on_perf, on_lost, m, NULL);
	if (!pb)
		return -errno;
	e->pb[e->npb++] = pb;
	return 0;
}

struct rtmin_export *rtmin_export__new(const struct rtmin_pkg *pkg, struct bpf_object *obj,
				       const struct rtmin_run_opts *opts, FILE *out)
{
	struct rtmin_export *e = calloc(1, sizeof(*e));
	int pages = (int)rtmin_meta__int(pkg->meta, "perf_buffer_pages", 64), err = 0;
	struct bpf_map *map;

	if (!e)
		return NULL;
	e->pkg = pkg;
	e->btf = bpf_object__btf(obj);
	e->json = opts->json;
	e->header = rtmin_meta__bool(pkg->meta, "print_header", true);
	e->out = out;
	if (pages <= 0 || (pages & (pages - 1)))
		pages = 64;
	bpf_object__for_each_map(map, obj) {
		enum bpf_map_type t = bpf_map__type(map);

		if (t == BPF_MAP_TYPE_RINGBUF || t == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			err = add_map(e, map, pages);
		if (err) {
			pr_warn("map '%s': cannot read it: %s\n", bpf_map__name(map), strerror(-err));
			rtmin_export__free(e);
			errno = -err;
			return NULL;
		}
	}
	return e;
}

bool rtmin_export__active(const struct rtmin_export *e)
{
	return e && e->n > 0;
}

int rtmin_export__poll(struct rtmin_export *e, int timeout_ms)
{
	size_t i;
	int err = 0;

	if (e->rb)
		err = ring_buffer__poll(e->rb, e->npb ? 0 : timeout_ms);
	for (i = 0; i < e->npb && err >= 0; i++)
		err = perf_buffer__poll(e->pb[i], i == 0 ? timeout_ms : 0);
	fflush(e->out);
	return err == -EINTR ? 0 : (err < 0 ? err : 0);
}

void rtmin_export__free(struct rtmin_export *e)
{
	size_t i;

	if (!e)
		return;
	if (e->rb)
		ring_buffer__consume(e->rb);
	for (i = 0; i < e->npb; i++)
		perf_buffer__consume(e->pb[i]);
	fflush(e->out);
	for (i = 0; i < e->n; i++)
		if (e->maps[i]->bad)
			pr_warn("map '%s': %llu records of the wrong size were skipped\n",
				e->maps[i]->name, (unsigned long long)e->maps[i]->bad);
	if (e->lost)
		pr_warn("%llu perf samples were lost (raise perf_buffer_pages)\n",
			(unsigned long long)e->lost);
	ring_buffer__free(e->rb);
	for (i = 0; i < e->npb; i++)
		perf_buffer__free(e->pb[i]);
	free(e->pb);
	for (i = 0; i < e->n; i++) {
		size_t k;

		for (k = 0; k < e->maps[i]->ncols; k++)
			free(e->maps[i]->cols[k].key);
		free(e->maps[i]->cols);
		free(e->maps[i]);
	}
	free(e->maps);
	cmn_buf__free(&e->line);
	free(e);
}
