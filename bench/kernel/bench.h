/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark pairs: each operation written twice, in kernel C
 * (bench_c.c) and with kcxx's safe API (bench_cxx.cpp), behind the same
 * signature so that the runner (main.cpp) calls and times both the same
 * way:
 *
 *	u64 loop(struct fixture *f, u64 ops);
 *
 * runs 'ops' operations and returns a checksum that depends only on the
 * work done (the runner checks that C and C++ agree, so neither loop can
 * have been optimised into something else), or KCXX_BENCH_FAILED when an
 * allocation or a copy failed.
 *
 * This header is read as C by bench_c.c and as C++ by the runner: no kernel
 * headers, only built-in types.
 */
#ifndef KCXX_BENCH_H
#define KCXX_BENCH_H

#define KCXX_BENCH_FAILED (~0ULL)

/*
 * Every loop, C and C++: a function of its own, never inlined into the
 * runner, alone in a page-aligned section (KCXX_BENCH_LOOP(c_mutex)).
 * Under plain TCG a loop whose body crosses a page boundary runs measurably
 * slower (QEMU links translated blocks directly only within a guest page),
 * so where a loop happened to land would decide part of the wall-clock
 * ratio.  A section per loop rather than an aligned function: GAS pads
 * between functions of one section with a jump over nops, which objtool
 * (6.1) reports as unreachable.
 */
#define KCXX_BENCH_LOOP(name) \
	__attribute__((__noinline__, __aligned__(4096), __section__(".text.kcxx_bench." #name)))

/* Elements per Vec (and per C array) in the push benchmarks. */
#define KCXX_BENCH_VEC_LEN 1024
/* Bytes of the user buffer the copy benchmarks read from. */
#define KCXX_BENCH_USER_BYTES 4096

#ifdef __cplusplus
extern "C" {
#endif

struct kcxx_bench_c;

/*
 * The C fixture: a mutex, a spinlock, an array with room for
 * KCXX_BENCH_VEC_LEN u64, a refcounted object, and the destination buffers
 * of the user copies, which read from 'user_buffer' (an address in the
 * current process, KCXX_BENCH_USER_BYTES long).  NULL when out of memory.
 */
struct kcxx_bench_c *kcxx_bench_c_new(unsigned long user_buffer);
void kcxx_bench_c_free(struct kcxx_bench_c *f);

unsigned long long kcxx_bench_c_mutex(struct kcxx_bench_c *f, unsigned long long ops);
unsigned long long kcxx_bench_c_spinlock(struct kcxx_bench_c *f, unsigned long long ops);
unsigned long long kcxx_bench_c_vec_push_reserved(struct kcxx_bench_c *f, unsigned long long ops);
unsigned long long kcxx_bench_c_vec_push_grow(struct kcxx_bench_c *f, unsigned long long ops);
unsigned long long kcxx_bench_c_arc_clone_drop(struct kcxx_bench_c *f, unsigned long long ops);
unsigned long long kcxx_bench_c_user_copy_64(struct kcxx_bench_c *f, unsigned long long ops);
unsigned long long kcxx_bench_c_user_copy_4k(struct kcxx_bench_c *f, unsigned long long ops);

/*
 * The runner's clock: ktime_get_ns() (CLOCK_MONOTONIC).  Under QEMU's
 * -icount shift=0,sleep=off every guest clock (TSC, HPET, the kernel's
 * timekeeping on either) advances exactly 1 ns per guest instruction.
 */
unsigned long long kcxx_bench_clock_ns(void);

/*
 * How often the current task has given up the CPU (voluntary and
 * involuntary context switches): a measurement during which it changed
 * also timed whatever ran in between.
 */
unsigned long long kcxx_bench_context_switches(void);

#ifdef __cplusplus
}
#endif

#endif /* KCXX_BENCH_H */
