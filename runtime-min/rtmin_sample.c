// SPDX-License-Identifier: MIT
/*
 * Maps with a `sample` key, printed every `interval` ms: log2_hist (the
 * BCC-style histogram of a `slots` array, per key), linear_hist (one row per
 * slot) and default_kv (every key and value decoded with BTF). With -j each
 * entry is one line {"key": ..., "value": ...}.
 *
 * clear_map: when true, every key is deleted right after it is printed, so
 * each interval shows only what happened during it; otherwise counts are
 * cumulative since the start.
 */
#include "rtmin_int.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum smp_kind { SMP_LOG2, SMP_LINEAR, SMP_KV };

struct smp_map {
	struct bpf_map *map;
	enum smp_kind kind;
	uint64_t interval, next;
	const char *unit;
	bool clear;
	uint32_t key_id, val_id;
	uint32_t slots_off, slots_cnt, slot_size;	/* log2/linear */
};

struct rtmin_sample {
	const struct btf *btf;
	bool json;
	FILE *out;
	struct smp_map *m;
	size_t n, cap;
	struct cmn_buf b;
};

static const struct {
	const char *name;
	enum smp_kind kind;
} kinds[] = {
	{ "log2_hist", SMP_LOG2 },
	{ "linear_hist", SMP_LINEAR },
	{ "default_kv", SMP_KV },
};

uint64_t rtmin_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Find the `slots` array in the value struct of a histogram map. */
static int find_slots(const struct rtmin_sample *s, struct smp_map *m, const char *name)
{
	const struct btf_type *t = rtmin_btf__skip(s->btf, m->val_id, NULL), *at;
	const struct btf_member *mem;
	unsigned i;

	for (i = 0, mem = t && btf_is_struct(t) ? btf_members(t) : NULL; mem && i < btf_vlen(t);
	     i++, mem++) {
		if (strcmp(btf__name_by_offset(s->btf, mem->name_off), "slots"))
			continue;
		at = rtmin_btf__skip(s->btf, mem->type, NULL);
		if (!at || !btf_is_array(at))
			break;
		m->slots_off = btf_member_bit_offset(t, i) / 8;
		m->slots_cnt = btf_array(at)->nelems;
		m->slot_size = (uint32_t)btf__resolve_size(s->btf, btf_array(at)->type);
		if (m->slot_size == 4 || m->slot_size == 8)
			return 0;
		break;
	}
	pr_warn("map '%s': a histogram needs a value struct with a 'slots' array of u32 or u64: "
		"not printed\n",
		name);
	return -EINVAL;
}

static int add_sample(struct rtmin_sample *s, struct bpf_object *obj, const cJSON *mm)
{
	const cJSON *smp = cJSON_GetObjectItemCaseSensitive(mm, "sample");
	const char *name = rtmin_meta__str(mm, "name"), *type = rtmin_meta__str(smp, "type");
	struct bpf_map *map = name ? bpf_object__find_map_by_name(obj, name) : NULL;
	struct smp_map *m;
	size_t i;
	long iv;

	if (!map) {
		pr_warn("sample map '%s' is not in the object: not printed\n", name ? name : "?");
		return -EINVAL;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (type && strcmp(type, kinds[i].name) == 0)
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0])) {
		pr_warn("map '%s': unknown sample type '%s' (log2_hist, linear_hist, default_kv): "
			"not printed\n",
			name, type ? type : "(none)");
		return -EINVAL;
	}
	if (cmn_array_grow((void **)&s->m, &s->cap, s->n + 1, sizeof(*s->m)))
		return -ENOMEM;
	m = &s->m[s->n];
	memset(m, 0, sizeof(*m));
	m->map = map;
	m->kind = kinds[i].kind;
	iv = rtmin_meta__int(smp, "interval", 1000);
	if (iv <= 0 || iv > 3600L * 1000) {
		pr_warn("map '%s': sample interval %ld ms is out of range 1..3600000; using 1000\n",
			name, iv);
		iv = 1000;
	}
	m->interval = (uint64_t)iv;
	m->unit = rtmin_meta__str(smp, "unit") ? rtmin_meta__str(smp, "unit") : "value";
	m->clear = rtmin_meta__bool(smp, "clear_map", false);
	m->key_id = bpf_map__btf_key_type_id(map);
	m->val_id = bpf_map__btf_value_type_id(map);
	if (m->kind != SMP_KV && find_slots(s, m, name))
		return -EINVAL;
	m->next = rtmin_now_ms() + m->interval;
	s->n++;
	return 0;
}

struct rtmin_sample *rtmin_sample__new(const struct rtmin_pkg *pkg, struct bpf_object *obj,
				       const struct rtmin_run_opts *opts, FILE *out)
{
	struct rtmin_sample *s = calloc(1, sizeof(*s));
	const cJSON *mm;
	int err;

	if (!s)
		return NULL;
	s->btf = bpf_object__btf(obj);
	s->json = opts->json;
	s->out = out;
	cJSON_ArrayForEach(mm, cJSON_GetObjectItemCaseSensitive(pkg->skel, "maps")) {
		if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(mm, "sample")))
			continue;
		err = add_sample(s, obj, mm);
		if (err == -EINVAL)	/* reported; the rest of the program still runs */
			continue;
		if (err) {
			rtmin_sample__free(s);
			errno = -err;
			return NULL;
		}
	}
	return s;
}

size_t rtmin_sample__count(const struct rtmin_sample *s)
{
	return s ? s->n : 0;
}

static uint64_t slot(const struct smp_map *m, const uint8_t *val, uint32_t i)
{
	uint32_t v32;
	uint64_t v64;

	if (m->slot_size == 4) {
		memcpy(&v32, val + m->slots_off + i * 4, 4);
		return v32;
	}
	memcpy(&v64, val + m->slots_off + i * 8, 8);
	return v64;
}

static void stars(FILE *out, uint64_t val, uint64_t max, int width)
{
	int n = max ? (int)((val < max ? val : max) * (uint64_t)width / max) : 0, i;

	for (i = 0; i < width; i++)
		fputc(i < n ? '*' : ' ', out);
}

static void print_hist(struct rtmin_sample *s, const struct smp_map *m, const uint8_t *val)
{
	uint64_t max = 0, v, low, high;
	int last = -1, i, w;
	bool wide;

	for (i = 0; i < (int)m->slots_cnt; i++) {
		v = slot(m, val, (uint32_t)i);
		if (v)
			last = i;
		if (v > max)
			max = v;
	}
	if (last < 0)
		return;
	wide = last > 32;
	w = wide ? 20 : 10;
	if (m->kind == SMP_LINEAR)
		fprintf(s->out, "     %-13s : count    distribution\n", m->unit);
	else
		fprintf(s->out, "%*s%-*s : count    distribution\n", wide ? 15 : 5, "", wide ? 29 : 19,
			m->unit);
	for (i = 0; i <= last; i++) {
		v = slot(m, val, (uint32_t)i);
		if (m->kind == SMP_LINEAR) {
			fprintf(s->out, "        %-10d : %-8llu |", i, (unsigned long long)v);
		} else {
			/* slot i holds [2^i, 2^(i+1)-1]; the 64th slot ends at UINT64_MAX
			 * (no shift by 64) */
			low = i >= 64 ? UINT64_MAX : 1ULL << i;
			high = i >= 63 ? UINT64_MAX : (1ULL << (i + 1)) - 1;
			if (low == high)
				low -= 1;
			fprintf(s->out, "%*llu -> %-*llu : %-8llu |", w, (unsigned long long)low, w,
				(unsigned long long)high, (unsigned long long)v);
		}
		stars(s->out, v, max, wide ? 20 : 40);
		fputs("|\n", s->out);
	}
}

static void print_entry(struct rtmin_sample *s, const struct smp_map *m, const uint8_t *key,
			const uint8_t *val, uint32_t ksz, uint32_t vsz)
{
	struct cmn_buf *b = &s->b;

	b->cnt = 0;
	if (s->json || m->kind == SMP_KV) {
		cmn_buf__puts(b, s->json ? "{\"key\":" : "key = ");
		if (!m->key_id || rtmin_fmt__value(b, s->btf, m->key_id, key, ksz, RTMIN_FMT_JSON))
			cmn_buf__puts(b, "null");
		cmn_buf__puts(b, s->json ? ",\"value\":" : "  value = ");
		if (!m->val_id || rtmin_fmt__value(b, s->btf, m->val_id, val, vsz, RTMIN_FMT_JSON))
			cmn_buf__puts(b, "null");
		cmn_buf__puts(b, s->json ? "}\n" : "\n");
		fwrite(b->ptr, 1, b->cnt, s->out);
		return;
	}
	if (m->key_id && !rtmin_fmt__value(b, s->btf, m->key_id, key, ksz, RTMIN_FMT_JSON) &&
	    ksz > 0)
		fprintf(s->out, "key = %s\n", b->ptr);
	print_hist(s, m, val);
}

/* Delete a key; array maps cannot delete, so their value is zeroed. */
static void clear_key(int fd, const void *key, uint32_t vsz)
{
	void *zero;

	if (bpf_map_delete_elem(fd, key) == 0 || errno != EINVAL)
		return;
	zero = calloc(1, vsz);
	if (zero)
		bpf_map_update_elem(fd, key, zero, BPF_EXIST);
	free(zero);
}

/* Print (and maybe clear) every entry of one sample map. */
static void dump_map(struct rtmin_sample *s, const struct smp_map *m)
{
	uint32_t ksz = bpf_map__key_size(m->map), vsz = bpf_map__value_size(m->map);
	int fd = bpf_map__fd(m->map), n = 0;
	uint8_t *key = calloc(1, ksz + 1), *next = calloc(1, ksz + 1), *val = calloc(1, vsz + 1);
	bool first = true;
	char tbuf[16];
	time_t now = time(NULL);
	struct tm tm;

	if (!key || !next || !val)
		goto out;
	if (!s->json) {
		localtime_r(&now, &tm);
		strftime(tbuf, sizeof(tbuf), "%H:%M:%S", &tm);
		fprintf(s->out, "%s %s\n", tbuf, bpf_map__name(m->map));
	}
	while (bpf_map_get_next_key(fd, first ? NULL : key, next) == 0 && n++ < 1 << 20) {
		first = false;
		if (m->clear && n > 1)
			clear_key(fd, key, vsz);
		memcpy(key, next, ksz);
		if (bpf_map_lookup_elem(fd, key, val) == 0 &&
		    (m->kind == SMP_KV || m->slots_off + (uint64_t)m->slots_cnt * m->slot_size <= vsz))
			print_entry(s, m, key, val, ksz, vsz);
	}
	if (m->clear && !first)
		clear_key(fd, key, vsz);
	fflush(s->out);
out:
	free(key);
	free(next);
	free(val);
}

void rtmin_sample__tick(struct rtmin_sample *s, uint64_t now_ms)
{
	size_t i;

	for (i = 0; s && i < s->n; i++) {
		if (now_ms < s->m[i].next)
			continue;
		dump_map(s, &s->m[i]);
		s->m[i].next = now_ms + s->m[i].interval;
	}
}

void rtmin_sample__free(struct rtmin_sample *s)
{
	if (!s)
		return;
	free(s->m);
	cmn_buf__free(&s->b);
	free(s);
}
