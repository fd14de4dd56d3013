/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the user-space test programs (misc_test, edu_test) share: a
 * monotonic clock, a sleep that survives signals, a kernel address for
 * EFAULT cases, memory that faults on access, and the fuzzers' random
 * numbers.  Header-only (static functions), like ktap.h.
 */
#ifndef KCXX_TEST_UTIL_H
#define KCXX_TEST_UTIL_H

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* An address in the kernel's half: every copy to or from it is EFAULT. */
#define KERNEL_ADDRESS ((void *)0xffffffff81000000UL)

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * Three pages: [mapped] readable and writable, [unmapped] faults on any
 * access, [read_only] faults on write.  A buffer that ends in 'mapped' and
 * runs into 'unmapped' makes a copy fault part way.
 */
struct bad_memory {
	char *mapped;
	char *unmapped;
	char *read_only;
};

static inline void bad_memory_init(struct bad_memory *m)
{
	long page = sysconf(_SC_PAGESIZE);
	char *three = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memset(three, 0, 3 * page);
	mprotect(three + page, page, PROT_NONE);
	mprotect(three + 2 * page, page, PROT_READ);
	m->mapped = three;
	m->unmapped = three + page;
	m->read_only = three + 2 * page;
}

/* The fuzzers' generator (xorshift64*): seed rng_state, then rnd(). */
static uint64_t rng_state;

static inline uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

/* 0 .. n-1 (0 for n == 0). */
static inline uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

#endif /* KCXX_TEST_UTIL_H */
