// SPDX-License-Identifier: GPL-2.0
//
// kcxx_bench: kcxx's abstractions against hand-written kernel C doing the
// same work, measured in the same boot (bench/README.md).
//
// Loaded by insmod (bench/vm/bench.sh), it runs one KTAP case per
// benchmark.  A case maps a page of user memory in the insmod process (the
// source of the user copies), runs each side's loop once to warm up, then
// 'reps' repetitions: each with fresh fixtures (bench_c.c's and
// bench_cxx.cpp's), timing both loops back to back, alternating which goes
// first; a repetition during which the task was switched out is run again.
// It prints one line per repetition and the summary
//
//   kcxx-bench: NAME ops=N reps=R c_ps=MEDIAN cxx_ps=MEDIAN c_min=.. c_max=..
//               cxx_min=.. cxx_max=.. discarded=N switched=N
//
// in picoseconds per operation (ktime_get_ns() around the call, divided by
// the operations).  A case fails when a loop fails or when the two sides'
// checksums differ (then they did not do the same work).
//
// This runner is harness, not the thing measured: it calls the C side's
// functions (bench.h) directly.
#include <utility>

#include <kcxx/box.h>
#include <kcxx/gfp.h>
#include <kcxx/module_param.h>
#include <kcxx/print.h>
#include <kcxx/test.h>
#include <kcxx/test_user_memory.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>
#include <kcxx/vec.h>

#include "bench.h"
#include "bench_cxx.h"

KCXX_MODULE_PARAM_RANGE(reps, unsigned int, 5, 1, 101, 0444,
			"Measurements of each side per benchmark (the median is reported)");
KCXX_MODULE_PARAM_RANGE(scale, unsigned int, 100, 1, 100000, 0444,
			"Operations per measurement, in percent of the defaults");

namespace {

using namespace kcxx;
using kcxx_bench::CxxFixture;

struct Pair {
	const char *name;
	u64 ops;	// per measurement at scale=100
	u64 unit;	// ops is a multiple of this
	u64 (*c)(kcxx_bench_c *f, u64 ops);
	u64 (*cxx)(CxxFixture &f, u64 ops);
};

// A measurement takes 5-12 ms of guest time under -icount.
constexpr Pair pairs[] = {
	{"mutex_lock_unlock", 200000, 1, kcxx_bench_c_mutex, kcxx_bench::cxx_mutex},
	{"spin_lock_unlock", 400000, 1, kcxx_bench_c_spinlock, kcxx_bench::cxx_spinlock},
	{"vec_push_reserved", 1024 * 1024, KCXX_BENCH_VEC_LEN, kcxx_bench_c_vec_push_reserved,
	 kcxx_bench::cxx_vec_push_reserved},
	{"vec_push_grow", 512 * 1024, KCXX_BENCH_VEC_LEN, kcxx_bench_c_vec_push_grow,
	 kcxx_bench::cxx_vec_push_grow},
	{"arc_clone_drop", 600000, 1, kcxx_bench_c_arc_clone_drop, kcxx_bench::cxx_arc_clone_drop},
	{"user_copy_64", 100000, 1, kcxx_bench_c_user_copy_64, kcxx_bench::cxx_user_copy_64},
	{"user_copy_4k", 10000, 1, kcxx_bench_c_user_copy_4k, kcxx_bench::cxx_user_copy_4k},
};

// The C fixture, freed when it goes out of scope.
//
// INVARIANT: f_ is null or a fixture from kcxx_bench_c_new(), freed once.
class CFixture {
public:
	explicit CFixture(UserAddress user) : f_(kcxx_bench_c_new(user.value())) {}
	CFixture(CFixture &&other) : f_(std::exchange(other.f_, nullptr)) {}
	~CFixture() { kcxx_bench_c_free(f_); }
	CFixture(const CFixture &) = delete;
	CFixture &operator=(const CFixture &) = delete;
	CFixture &operator=(CFixture &&) = delete;

	[[nodiscard]] kcxx_bench_c *get() const { return f_; }

private:
	kcxx_bench_c *f_;
};

// Both sides' fixtures, reading the same user buffer.
struct Fixtures {
	CFixture c;
	Box<CxxFixture> cxx;

	// Allocated in the order the sides will run: neither side always
	// gets the first (or second) of two same-sized allocations.
	static Result<Fixtures> try_new(UserAddress user, bool c_first)
	{
		if (c_first) {
			CFixture c(user);
			if (!c.get())
				return code::ENOMEM;
			return Fixtures{std::move(c), TRY(CxxFixture::try_new(user))};
		}
		auto cxx = TRY(CxxFixture::try_new(user));
		CFixture c(user);
		if (!c.get())
			return code::ENOMEM;
		return Fixtures{std::move(c), std::move(cxx)};
	}
};

// One timed call of a loop.
struct Measurement {
	u64 ps;		// picoseconds per operation
	u64 checksum;
	u64 switches;	// context switches of this task during the call
};

template <typename F> Measurement measure(F &&run, u64 ops)
{
	const u64 switches = kcxx_bench_context_switches();
	const u64 start = kcxx_bench_clock_ns();
	const u64 checksum = run();
	const u64 end = kcxx_bench_clock_ns();
	return {(end - start) * 1000 / ops, checksum, kcxx_bench_context_switches() - switches};
}

// A repetition during which either side was switched out (it then timed
// another task too: mutex_lock() and krealloc() are preemption points) is
// run again, up to this many times in all.
constexpr unsigned int max_attempts = 5;

void sort(Vec<u64> &v)
{
	for (unsigned long i = 1; i < v.size(); ++i)
		for (unsigned long j = i; j > 0 && v[j - 1] > v[j]; --j) {
			const u64 tmp = v[j];
			v[j] = v[j - 1];
			v[j - 1] = tmp;
		}
}

u64 median(const Vec<u64> &sorted)
{
	const unsigned long n = sorted.size();
	return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

// The user memory both sides read: one page with a byte pattern, written
// (and so faulted in) before any measurement.
Result<test::UserMemory> user_buffer()
{
	static_assert(KCXX_BENCH_USER_BYTES == KCXX_PAGE_SIZE);
	auto mem = TRY(test::UserMemory::map(1, test::UserMemory::read_write));
	u8 pattern[256];
	for (unsigned int i = 0; i < sizeof(pattern); ++i)
		pattern[i] = static_cast<u8>(i * 7 + 1);
	UserSliceWriter out = UserSlice(mem.address(), KCXX_BENCH_USER_BYTES).writer();
	for (unsigned int i = 0; i < KCXX_BENCH_USER_BYTES / sizeof(pattern); ++i)
		TRY(out.write_slice(pattern));
	return mem;
}

void run_pair(test::Context &t, const Pair &p)
{
	const unsigned int n = reps.get();
	u64 ops = p.ops * scale.get() / 100;
	ops = ops < p.unit ? p.unit : ops / p.unit * p.unit;

	auto mem = KCXX_ASSERT_TRY(t, user_buffer());
	auto c_ps = KCXX_ASSERT_TRY(t, Vec<u64>::try_with_capacity(n, GFP_KERNEL));
	auto cxx_ps = KCXX_ASSERT_TRY(t, Vec<u64>::try_with_capacity(n, GFP_KERNEL));

	// Warm-up (first calls: QEMU translates the code, slab caches fill,
	// the user page gets its TLB entry): not counted.
	{
		auto f = KCXX_ASSERT_TRY(t, Fixtures::try_new(mem.address(), true));
		const u64 warm_c = p.c(f.c.get(), ops), warm_cxx = p.cxx(*f.cxx, ops);
		KCXX_ASSERT(t, warm_c != KCXX_BENCH_FAILED);
		KCXX_ASSERT(t, warm_cxx != KCXX_BENCH_FAILED);
		KCXX_EXPECT_EQ(t, warm_cxx, warm_c);
	}

	unsigned int discarded = 0, switched = 0;
	for (unsigned int r = 0; r < n; ++r) {
		// Alternate which side goes first.  Fresh fixtures every
		// repetition: under plain TCG an access costs more or less
		// depending on where its page falls in QEMU's software TLB, so
		// neither side keeps one layout (under -icount only
		// instructions count, and the layout does not matter).
		const bool c_first = r % 2 == 0;
		auto f = KCXX_ASSERT_TRY(t, Fixtures::try_new(mem.address(), c_first));
		CxxFixture &fx = *f.cxx;
		auto run_c = [&] { return p.c(f.c.get(), ops); };
		auto run_cxx = [&] { return p.cxx(fx, ops); };

		Measurement mc, mx;
		for (unsigned int attempt = 1;; ++attempt) {
			if (c_first) {
				mc = measure(run_c, ops);
				mx = measure(run_cxx, ops);
			} else {
				mx = measure(run_cxx, ops);
				mc = measure(run_c, ops);
			}
			KCXX_ASSERT(t, mc.checksum != KCXX_BENCH_FAILED);
			KCXX_ASSERT(t, mx.checksum != KCXX_BENCH_FAILED);
			KCXX_EXPECT_EQ(t, mx.checksum, mc.checksum);
			if ((mc.switches == 0 && mx.switches == 0) || attempt == max_attempts)
				break;
			++discarded;
		}
		if (mc.switches || mx.switches)
			++switched;
		pr_info("kcxx-bench-rep: %s %u c_ps=%llu cxx_ps=%llu c_switches=%llu cxx_switches=%llu\n",
			p.name, r, mc.ps, mx.ps, mc.switches, mx.switches);
		KCXX_ASSERT_OK(t, c_ps.push_within_capacity(mc.ps));
		KCXX_ASSERT_OK(t, cxx_ps.push_within_capacity(mx.ps));
	}
	sort(c_ps);
	sort(cxx_ps);
	pr_info("kcxx-bench: %s ops=%llu reps=%u c_ps=%llu cxx_ps=%llu c_min=%llu c_max=%llu "
		"cxx_min=%llu cxx_max=%llu discarded=%u switched=%u\n",
		p.name, ops, n, median(c_ps), median(cxx_ps), c_ps[0], c_ps[n - 1], cxx_ps[0],
		cxx_ps[n - 1], discarded, switched);
}

void mutex_lock_unlock(test::Context &t) { run_pair(t, pairs[0]); }
void spin_lock_unlock(test::Context &t) { run_pair(t, pairs[1]); }
void vec_push_reserved(test::Context &t) { run_pair(t, pairs[2]); }
void vec_push_grow(test::Context &t) { run_pair(t, pairs[3]); }
void arc_clone_drop(test::Context &t) { run_pair(t, pairs[4]); }
void user_copy_64(test::Context &t) { run_pair(t, pairs[5]); }
void user_copy_4k(test::Context &t) { run_pair(t, pairs[6]); }

constexpr test::Case cases[] = {
	KCXX_CASE(mutex_lock_unlock),
	KCXX_CASE(spin_lock_unlock),
	KCXX_CASE(vec_push_reserved),
	KCXX_CASE(vec_push_grow),
	KCXX_CASE(arc_clone_drop),
	KCXX_CASE(user_copy_64),
	KCXX_CASE(user_copy_4k),
};
static_assert(sizeof(cases) / sizeof(cases[0]) == sizeof(pairs) / sizeof(pairs[0]));

constinit const test::Suite bench_suite{"kcxx_bench", cases};
constexpr const test::Suite *suites[] = {&bench_suite};

} // namespace

KCXX_TEST_MODULE("kcxx_bench", "kcxx abstractions against the same work in kernel C", suites);
