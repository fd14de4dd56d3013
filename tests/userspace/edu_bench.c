// SPDX-License-Identifier: GPL-2.0
// kcxx-arch: x86_64 (its clock is the TSC: rdtsc; tests/userspace/build leaves it out elsewhere)
/*
 * edu_bench C_DEVICE CXX_DEVICE [REPS] [SCALE] [LABEL]
 *
 * The edu benchmark of tools/bench/edu (bench/README.md, "edu"): the same
 * ioctls (drivers/edu/uapi/kcxx_edu.h) on the C reference driver's device
 * and on kcxx_edu's, timed in pairs: each repetition measures C and C++
 * back to back, C first in even repetitions and C++ first in odd ones.
 * Prints one line per repetition and measure,
 *
 *   edu-bench-rep: LABEL/NAME REP c_ps=N cxx_ps=N
 *
 * (picoseconds per operation), and a summary line per measure,
 *
 *   edu-bench: LABEL/NAME ops=N reps=N c_ps=MEDIAN cxx_ps=MEDIAN
 *
 * Measures: liveness, factorial_poll, factorial_irq, raise_irq: guest
 * CLOCK_MONOTONIC per ioctl.  dma_{to,from}_{4,4095}: each transfer
 * waits for the device's 100 ms timer on QEMU's virtual clock, so
 *   .cpu     CLOCK_THREAD_CPUTIME_ID per ioctl: the calling thread's
 *            instructions in user space and in the kernel (the driver
 *            before it sleeps and after it wakes up);
 *   .after   (only when the guest's TSC is QEMU's virtual clock in ns:
 *            -icount shift=0) ns from the device's timer to the return of
 *            the ioctl: the interrupt, the handler, the wake-up and the
 *            way back.  Each transfer starts in the first half of a
 *            virtual millisecond; QEMU arms the timer at the start of that
 *            millisecond + 100 ms (timer_mod() of a ms timer), so that
 *            instant is known exactly.
 *   .total   CLOCK_MONOTONIC per ioctl (dominated by the 100 ms).
 * Every result is checked (the factorial, ~liveness, the DMA data) and
 * must be the same on both devices.  SCALE: percent of the default
 * operations per measurement.  EDU_BENCH_SKIP: a list of names (or parts)
 * of benchmarks not to run (tools/bench/edu skips factorial under
 * -icount).  Exit status 1 on any failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#include "kcxx_edu.h"

#define MAX_REPS 201

static int reps = 11, scale = 100, use_tsc;
static const char *label = "edu";
static unsigned char out_buf[KCXX_EDU_BUFFER_SIZE], in_buf[KCXX_EDU_BUFFER_SIZE];

static uint64_t now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static void die(const char *what, const char *dev)
{
	printf("edu-bench: FAIL %s on %s: %s\n", what, dev, strerror(errno));
	exit(1);
}

struct dev {
	const char *path;
	int fd;
};

/* One measurement: 'ops' operations on one device; per-op ps per measure. */
enum { M_TIME, M_CPU, M_AFTER, M_COUNT };

typedef void (*op_fn)(struct dev *d, unsigned int i, uint64_t *after);

static void op_liveness(struct dev *d, unsigned int i, uint64_t *after)
{
	__u32 v = 0x5a5a0000u + i;

	if (ioctl(d->fd, KCXX_EDU_LIVENESS, &v))
		die("LIVENESS", d->path);
	if (v != ~(0x5a5a0000u + i)) {
		printf("edu-bench: FAIL LIVENESS on %s: 0x%x\n", d->path, v);
		exit(1);
	}
}

static void factorial(struct dev *d, __u32 flags)
{
	struct kcxx_edu_factorial f = { .input = 5, .flags = flags };

	if (ioctl(d->fd, KCXX_EDU_FACTORIAL, &f))
		die("FACTORIAL", d->path);
	if (f.result != 120) {
		printf("edu-bench: FAIL FACTORIAL on %s: 5! = %u\n", d->path, f.result);
		exit(1);
	}
}

static void op_factorial_poll(struct dev *d, unsigned int i, uint64_t *after)
{
	factorial(d, 0);
}

static void op_factorial_irq(struct dev *d, unsigned int i, uint64_t *after)
{
	factorial(d, KCXX_EDU_FACT_IRQ);
}

static void op_raise_irq(struct dev *d, unsigned int i, uint64_t *after)
{
	__u32 bits = 0x10000u << (i & 7);

	if (ioctl(d->fd, KCXX_EDU_RAISE_IRQ, &bits))
		die("RAISE_IRQ", d->path);
}

/*
 * Starts a transfer in the first half of a virtual millisecond (guest TSC
 * = QEMU's virtual clock in ns under -icount shift=0): the device's timer
 * then fires at the start of that millisecond + 100 ms.
 */
static void dma(struct dev *d, unsigned long cmd, __u32 length, uint64_t *after)
{
	struct kcxx_edu_dma r = { .offset = 0, .length = length };
	uint64_t t0, t1;

	r.user_address = (uintptr_t)(cmd == KCXX_EDU_DMA_TO_DEVICE ? out_buf : in_buf);
	if (use_tsc)
		while ((t0 = __rdtsc()) % 1000000 >= 500000)
			;
	t0 = __rdtsc();
	if (ioctl(d->fd, cmd, &r))
		die(cmd == KCXX_EDU_DMA_TO_DEVICE ? "DMA_TO_DEVICE" : "DMA_FROM_DEVICE", d->path);
	t1 = __rdtsc();
	if (use_tsc)
		*after += t1 - (t0 / 1000000 * 1000000 + 100000000);
}

static void op_dma_to_4(struct dev *d, unsigned int i, uint64_t *after)
{
	dma(d, KCXX_EDU_DMA_TO_DEVICE, 4, after);
}

static void op_dma_to_4095(struct dev *d, unsigned int i, uint64_t *after)
{
	dma(d, KCXX_EDU_DMA_TO_DEVICE, KCXX_EDU_BUFFER_SIZE, after);
}

static void op_dma_from_4(struct dev *d, unsigned int i, uint64_t *after)
{
	dma(d, KCXX_EDU_DMA_FROM_DEVICE, 4, after);
	if (memcmp(in_buf, out_buf, 4)) {
		printf("edu-bench: FAIL DMA data on %s\n", d->path);
		exit(1);
	}
}

static void op_dma_from_4095(struct dev *d, unsigned int i, uint64_t *after)
{
	dma(d, KCXX_EDU_DMA_FROM_DEVICE, KCXX_EDU_BUFFER_SIZE, after);
	if (memcmp(in_buf, out_buf, KCXX_EDU_BUFFER_SIZE)) {
		printf("edu-bench: FAIL DMA data on %s\n", d->path);
		exit(1);
	}
}

static void measure(struct dev *d, op_fn op, unsigned int ops, uint64_t ps[M_COUNT])
{
	uint64_t after = 0, t0, c0, t1, c1;
	unsigned int i;

	c0 = now(CLOCK_THREAD_CPUTIME_ID);
	t0 = now(CLOCK_MONOTONIC);
	for (i = 0; i < ops; i++)
		op(d, i, &after);
	t1 = now(CLOCK_MONOTONIC);
	c1 = now(CLOCK_THREAD_CPUTIME_ID);
	ps[M_TIME] = (t1 - t0) * 1000 / ops;
	ps[M_CPU] = (c1 - c0) * 1000 / ops;
	ps[M_AFTER] = after * 1000 / ops;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct bench {
	const char *name;
	op_fn op;
	unsigned int ops;	/* per measurement at scale 100 */
	int dma;		/* report .cpu, .after, .total instead of the time */
};

static const struct bench benches[] = {
	{ "liveness", op_liveness, 2000, 0 },
	{ "factorial_poll", op_factorial_poll, 200, 0 },
	{ "factorial_irq", op_factorial_irq, 200, 0 },
	{ "raise_irq", op_raise_irq, 1000, 0 },
	{ "dma_to_4", op_dma_to_4, 3, 1 },
	{ "dma_to_4095", op_dma_to_4095, 3, 1 },
	{ "dma_from_4", op_dma_from_4, 3, 1 },
	{ "dma_from_4095", op_dma_from_4095, 3, 1 },
};

static void report(const char *name, const char *suffix, unsigned int ops,
		   uint64_t (*v)[2][M_COUNT], int m)
{
	uint64_t c[MAX_REPS], x[MAX_REPS];
	int r;

	for (r = 0; r < reps; r++) {
		printf("edu-bench-rep: %s/%s%s %d c_ps=%llu cxx_ps=%llu\n", label, name, suffix, r,
		       (unsigned long long)v[r][0][m], (unsigned long long)v[r][1][m]);
		c[r] = v[r][0][m];
		x[r] = v[r][1][m];
	}
	printf("edu-bench: %s/%s%s ops=%u reps=%d c_ps=%llu cxx_ps=%llu\n", label, name, suffix,
	       ops, reps, (unsigned long long)median(c, reps), (unsigned long long)median(x, reps));
}

/* Whether 'name' contains one of the comma-separated words of 'list'. */
static int skipped(const char *list, const char *name)
{
	char words[256], *w, *save;

	if (!list)
		return 0;
	snprintf(words, sizeof(words), "%s", list);
	for (w = strtok_r(words, ",", &save); w; w = strtok_r(NULL, ",", &save))
		if (*w && strstr(name, w))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static uint64_t v[MAX_REPS][2][M_COUNT];
	struct dev devs[2];
	const char *skip;
	unsigned int b, i;
	int r, k;

	if (argc < 3) {
		fprintf(stderr, "usage: edu_bench C_DEVICE CXX_DEVICE [REPS] [SCALE] [LABEL]\n");
		return 2;
	}
	if (argc > 3)
		reps = atoi(argv[3]);
	if (argc > 4)
		scale = atoi(argv[4]);
	if (argc > 5)
		label = argv[5];
	if (reps < 1 || reps > MAX_REPS || scale < 1) {
		fprintf(stderr, "edu_bench: REPS 1-%d, SCALE >= 1\n", MAX_REPS);
		return 2;
	}
	/* -icount shift=0: 1 TSC tick per instruction = 1 virtual ns. */
	use_tsc = getenv("EDU_BENCH_ICOUNT") != NULL;
	skip = getenv("EDU_BENCH_SKIP");
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (k = 0; k < 2; k++) {
		devs[k].path = argv[1 + k];
		devs[k].fd = open(devs[k].path, O_RDWR);
		if (devs[k].fd < 0)
			die("open", devs[k].path);
	}
	for (i = 0; i < sizeof(out_buf); i++)
		out_buf[i] = (unsigned char)(i * 7 + 3);

	for (b = 0; b < sizeof(benches) / sizeof(benches[0]); b++) {
		const struct bench *be = &benches[b];
		unsigned int ops = be->ops * scale / 100;
		uint64_t warm[M_COUNT];

		if (!ops)
			ops = 1;
		if (skipped(skip, be->name))
			continue;
		/* Warm-up: one measurement per side, discarded. */
		for (k = 0; k < 2; k++)
			measure(&devs[k], be->op, ops, warm);
		for (r = 0; r < reps; r++) {
			int first = r % 2;	/* 0: C first (even reps) */

			measure(&devs[first], be->op, ops, v[r][first]);
			measure(&devs[!first], be->op, ops, v[r][!first]);
		}
		if (!be->dma) {
			report(be->name, "", ops, v, M_TIME);
			continue;
		}
		report(be->name, ".cpu", ops, v, M_CPU);
		if (use_tsc)
			report(be->name, ".after", ops, v, M_AFTER);
		report(be->name, ".total", ops, v, M_TIME);
	}
	return 0;
}
