// SPDX-License-Identifier: MIT
/*
 * String processing over 2 MiB of generated text: word counting, a naive
 * substring search, case folding and an FNV-1a hash of every word.
 */
#include "bench.h"

#define LEN (2 << 20)
static char text[LEN + 1];

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int count_matches(const char *s, int n, const char *pat, int m)
{
	int hits = 0;

	for (int i = 0; i + m <= n; i++) {
		int k = 0;
		while (k < m && s[i + k] == pat[k])
			k++;
		hits += k == m;
	}
	return hits;
}

static unsigned hash_words(const char *s, int n, int *words)
{
	unsigned h = 2166136261u, total = 0;
	int in_word = 0;

	for (int i = 0; i < n; i++) {
		char c = s[i];
		if (is_alpha(c)) {
			h = (h ^ (unsigned char)(c | 0x20)) * 16777619u;
			in_word = 1;
		} else if (in_word) {
			total += h;
			h = 2166136261u;
			in_word = 0;
			(*words)++;
		}
	}
	return total;
}

BENCH_EXPORT("run") int run(void)
{
	static const char syll[][4] = { "ka", "to", "ri", "new", "bpf", "ma", "the", "x" };
	unsigned x = 42;
	int words = 0, i = 0;

	while (i < LEN - 8) {
		x = x * 1664525u + 1013904223u;
		const char *p = syll[(x >> 24) & 7];
		while (*p && i < LEN)
			text[i++] = (x & 0x10000) ? (char)(*p++ - 32) : *p++;
		if ((x >> 20) % 3 == 0)
			text[i++] = ' ';
	}
	text[i] = 0;
	unsigned h = hash_words(text, i, &words);
	for (int k = 0; k < i; k++)
		if (text[k] >= 'A' && text[k] <= 'Z')
			text[k] += 32;
	int hits = count_matches(text, i, "bpfnew", 6) + count_matches(text, i, "kato", 4);
	return (int)(h ^ (unsigned)words * 7919u ^ (unsigned)hits);
}
