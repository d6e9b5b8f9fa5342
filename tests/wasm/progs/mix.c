// SPDX-License-Identifier: MIT
/*
 * Real compiler output for the engine: each exported function computes a
 * checksum over one kind of code (floats, 64-bit math, switch tables,
 * function pointers, block copies, recursion). Built for wasm32 and for
 * the host; the test compares the two.
 */
#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(#name)))
#else
#define EXPORT(name)
#endif

typedef unsigned long long u64;
typedef unsigned int u32;

static u32 seed = 1;
static u32 rnd(void)
{
	seed = seed * 1664525u + 1013904223u;
	return seed >> 8;
}

EXPORT(floats) u32 floats(void)
{
	double acc = 0.5;
	float f = 1.25f;
	u32 h = 0;

	seed = 7;
	for (int i = 0; i < 20000; i++) {
		double x = (double)(rnd() % 10000) / 37.0 - 100.0;
		acc = acc * 0.999 + __builtin_sqrt(x * x + 1.0) - (x < 0 ? -x : x) / 3.0;
		f = f * 0.5f + (float)x / 7.0f;
		h = h * 31 + (u32)(int)(acc * 1000.0) + (u32)(int)(f * 100.0f);
		h ^= (u32)(long long)__builtin_floor(x) + (u32)(int)__builtin_trunc(x * 2.5);
	}
	return h;
}

EXPORT(int64) u64 int64(void)
{
	u64 a = 0x123456789abcdefull, h = 0;

	seed = 9;
	for (int i = 0; i < 20000; i++) {
		u64 b = ((u64)rnd() << 32 | rnd()) | 1;
		long long s = (long long)(a ^ b);
		h += a / b + a % b + (u64)(s / (long long)(b | 3)) + (u64)(s >> (i & 63));
		h ^= (a << (b & 63)) | (a >> (64 - (b & 63) % 64));
		h = h * 0x9e3779b97f4a7c15ull + (u64)__builtin_popcountll(a) +
		    (u64)__builtin_clzll(b) + (u64)__builtin_ctzll(b);
		a = a * 6364136223846793005ull + b;
	}
	return h;
}

static u32 classify(u32 x)
{
	switch (x % 13) {
	case 0: return x * 3;
	case 1: return x ^ 0x55;
	case 2: return x + 17;
	case 3: return x >> 2;
	case 4: return ~x;
	case 5: return x * x;
	case 6: return x - 99;
	case 7: return x | 0x100;
	case 8: return x & 0xff;
	case 9: return x << 3;
	case 10: return x / 7;
	case 11: return x % 1000;
	default: return 42;
	}
}

EXPORT(switches) u32 switches(void)
{
	u32 h = 0;

	seed = 11;
	for (int i = 0; i < 50000; i++)
		h = h * 33 + classify(rnd());
	return h;
}

typedef u32 (*op_fn)(u32, u32);
static u32 op_add(u32 a, u32 b) { return a + b; }
static u32 op_mul(u32 a, u32 b) { return a * b + 1; }
static u32 op_xor(u32 a, u32 b) { return a ^ (b << 1); }
static u32 op_sub(u32 a, u32 b) { return a - b; }

EXPORT(pointers) u32 pointers(void)
{
	static op_fn ops[] = { op_add, op_mul, op_xor, op_sub };
	u32 h = 5;

	seed = 13;
	for (int i = 0; i < 50000; i++)
		h = ops[rnd() & 3](h, rnd());
	return h;
}

struct rec {
	u32 a[13];
	unsigned char tail[7];
};

EXPORT(copies) u32 copies(void)
{
	static struct rec buf[64];
	u32 h = 0;

	seed = 17;
	for (int i = 0; i < 64; i++)
		for (int k = 0; k < 13; k++)
			buf[i].a[k] = rnd();
	for (int round = 0; round < 2000; round++) {
		int from = rnd() % 64, to = rnd() % 64;
		buf[to] = buf[from];
		buf[to].tail[round % 7] = (unsigned char)round;
		__builtin_memset(buf[from].a, round & 0xff, sizeof(u32) * 3);
		h = h * 7 + buf[to].a[round % 13] + buf[to].tail[3];
	}
	return h;
}

static u32 ack(u32 m, u32 n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

EXPORT(recursion) u32 recursion(void)
{
	return ack(2, 300) * 1000 + ack(3, 5);
}

EXPORT(signs) u32 signs(void)
{
	u32 h = 0;

	seed = 19;
	for (int i = 0; i < 30000; i++) {
		int x = (int)rnd() - (1 << 23);
		signed char c = (signed char)x;
		short s = (short)x;
		long long w = x;
		h = h * 3 + (u32)(c / 3) + (u32)(s % 7) + (u32)(w * -5 >> 3) + (u32)(x < -5) +
		    (u32)((unsigned)x >= 100u);
	}
	return h;
}
