// SPDX-License-Identifier: GPL-2.0
// kcxx::Arc<T>, UniqueArc<T>, Refcount: counts, freeing, raw pointers,
// threads, and the kernel's refcount_t semantics.
#include <kcxx/print.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sync/refcount.h>

#include "suites.h"
#include "thread.h"

using namespace kcxx;

namespace {

struct Counted {
	static inline constinit Atomic<int> alive{0};
	int a;
	long b;
	Counted(int x, long y) : a(x), b(y) { alive.inc(); }
	~Counted() { alive.dec(); }
};

struct alignas(64) CacheLine {
	Atomic<long> hits;
};

struct TooLarge {
	char bytes[KCXX_KMALLOC_MAX_SIZE * 2];
};

void try_new_builds_in_place(test::Context &t)
{
	auto arc = KCXX_ASSERT_TRY(t, Arc<Counted>::try_new(GFP_KERNEL, 7, 9000000000L));
	KCXX_EXPECT_EQ(t, arc->a, 7);
	KCXX_EXPECT_EQ(t, (*arc).b, 9000000000L);
	KCXX_EXPECT_EQ(t, arc.strong_count(), 1);
}

void clone_and_drop_count_references(test::Context &t)
{
	auto first = KCXX_ASSERT_TRY(t, Arc<Counted>::try_new(GFP_KERNEL, 1, 2));
	{
		Arc<Counted> second = first.clone();
		KCXX_EXPECT_EQ(t, first.strong_count(), 2);
		KCXX_EXPECT(t, Arc<Counted>::ptr_eq(first, second));
		{
			Arc<Counted> third = second.clone();
			KCXX_EXPECT_EQ(t, first.strong_count(), 3);
		}
		KCXX_EXPECT_EQ(t, first.strong_count(), 2);
	}
	KCXX_EXPECT_EQ(t, first.strong_count(), 1);
}

void last_reference_destroys_and_frees(test::Context &t)
{
	int before = Counted::alive.load();
	{
		auto first = KCXX_ASSERT_TRY(t, Arc<Counted>::try_new(GFP_KERNEL, 1, 2));
		auto second = first.clone();
		KCXX_EXPECT_EQ(t, Counted::alive.load(), before + 1);
		{
			Arc<Counted> dropped = static_cast<Arc<Counted> &&>(first);
		}
		KCXX_EXPECT_EQ(t, Counted::alive.load(), before + 1); // second still holds it
	}
	KCXX_EXPECT_EQ(t, Counted::alive.load(), before);
}

void move_keeps_the_count(test::Context &t)
{
	auto first = KCXX_ASSERT_TRY(t, Arc<Counted>::try_new(GFP_KERNEL, 3, 4));
	const Counted *raw = first.get();
	Arc<Counted> second = static_cast<Arc<Counted> &&>(first);
	KCXX_EXPECT(t, first.get() == nullptr);
	KCXX_EXPECT(t, second.get() == raw);
	KCXX_EXPECT_EQ(t, second.strong_count(), 1);
	auto other = KCXX_ASSERT_TRY(t, Arc<Counted>::try_new(GFP_KERNEL, 5, 6));
	int before = Counted::alive.load();
	other = static_cast<Arc<Counted> &&>(second); // drops other's object
	KCXX_EXPECT_EQ(t, Counted::alive.load(), before - 1);
	KCXX_EXPECT(t, other.get() == raw);
}

void into_raw_and_from_raw_round_trip(test::Context &t)
{
	int before = Counted::alive.load();
	const Counted *raw;
	{
		auto arc = KCXX_ASSERT_TRY(t, Arc<Counted>::try_new(GFP_KERNEL, 8, 9));
		auto keep = arc.clone();
		raw = static_cast<Arc<Counted> &&>(arc).into_raw();
		KCXX_EXPECT_EQ(t, keep.strong_count(), 2); // the raw pointer holds one
	}
	KCXX_EXPECT_EQ(t, Counted::alive.load(), before + 1);
	{
		Arc<Counted> back = Arc<Counted>::from_raw(raw);
		KCXX_EXPECT_EQ(t, back->a, 8);
		KCXX_EXPECT_EQ(t, back.strong_count(), 1);
	}
	KCXX_EXPECT_EQ(t, Counted::alive.load(), before);
}

void borrow_reaches_and_clones(test::Context &t)
{
	int before = Counted::alive.load();
	{
		auto arc = KCXX_ASSERT_TRY(t, Arc<Counted>::try_new(GFP_KERNEL, 11, 12));
		ArcBorrow<Counted> borrowed = arc.borrow();
		ArcBorrow<Counted> copy = borrowed; // a reference: copyable, owns nothing
		KCXX_EXPECT(t, borrowed.get() == arc.get());
		KCXX_EXPECT_EQ(t, borrowed->a, 11);
		KCXX_EXPECT_EQ(t, (*copy).b, 12L);
		KCXX_EXPECT_EQ(t, arc.strong_count(), 1); // a borrow is no reference
		{
			Arc<Counted> cloned = copy.clone();
			KCXX_EXPECT(t, Arc<Counted>::ptr_eq(arc, cloned));
			KCXX_EXPECT_EQ(t, arc.strong_count(), 2);
		}
		KCXX_EXPECT_EQ(t, arc.strong_count(), 1);
		// A framework's borrow of an into_raw() pointer it keeps (a
		// file's private_data): the same object, the same count.
		const Counted *raw = arc.clone().into_raw();
		ArcBorrow<Counted> from_raw = detail::ArcBorrowAccess::borrow_raw<Counted>(raw);
		KCXX_EXPECT(t, from_raw.get() == raw);
		KCXX_EXPECT_EQ(t, from_raw->a, 11);
		KCXX_EXPECT_EQ(t, arc.strong_count(), 2);
		(void)Arc<Counted>::from_raw(raw);
		KCXX_EXPECT_EQ(t, arc.strong_count(), 1);
	}
	KCXX_EXPECT_EQ(t, Counted::alive.load(), before);
}

void over_aligned_values_are_aligned(test::Context &t)
{
	for (int i = 0; i < 8; ++i) {
		auto arc = KCXX_ASSERT_TRY(t, Arc<CacheLine>::try_new(GFP_KERNEL));
		KCXX_EXPECT_EQ(t, reinterpret_cast<unsigned long>(arc.get()) % 64, 0UL);
		arc->hits.inc();
		KCXX_EXPECT_EQ(t, arc->hits.load(), 1L);
	}
}

void allocation_failure_is_enomem(test::Context &t)
{
	auto arc = Arc<TooLarge>::try_new(GFP_KERNEL | GFP_NOWARN);
	KCXX_ASSERT(t, arc.is_error());
	KCXX_EXPECT(t, arc.error() == code::ENOMEM);
}

void unique_arc_is_mutable_until_shared(test::Context &t)
{
	auto unique = KCXX_ASSERT_TRY(t, UniqueArc<Counted>::try_new(GFP_KERNEL, 1, 1));
	unique->a = 10; // only reference: mutable access
	(*unique).b = 20;
	Arc<Counted> shared = static_cast<UniqueArc<Counted> &&>(unique).share();
	KCXX_EXPECT_EQ(t, shared->a, 10);
	KCXX_EXPECT_EQ(t, shared->b, 20L);
	KCXX_EXPECT_EQ(t, shared.strong_count(), 1);
}

// Each thread takes its own reference; the object dies with the last one,
// whichever thread drops it.
void references_across_threads(test::Context &t)
{
	int before = Counted::alive.load();
	{
		auto mine = KCXX_ASSERT_TRY(t, Arc<Counted>::try_new(GFP_KERNEL, 0, 0));
		Arc<Counted> for_a = mine.clone();
		Arc<Counted> for_b = mine.clone();
		Atomic<int> seen{0};
		test::Thread a([&] {
			Arc<Counted> local = static_cast<Arc<Counted> &&>(for_a);
			seen.add(local->a + 1);
		});
		test::Thread b([&] {
			Arc<Counted> local = static_cast<Arc<Counted> &&>(for_b);
			seen.add(local->a + 1);
		});
		KCXX_ASSERT_OK(t, a.start("kcxx-arc-a"));
		KCXX_ASSERT_OK(t, b.start("kcxx-arc-b"));
		a.join();
		b.join();
		KCXX_EXPECT_EQ(t, seen.load(), 2);
		KCXX_EXPECT_EQ(t, mine.strong_count(), 1);
		KCXX_EXPECT_EQ(t, Counted::alive.load(), before + 1);
	}
	KCXX_EXPECT_EQ(t, Counted::alive.load(), before);
}

// kcxx::Refcount is the kernel's refcount_t: same counts, same result, step
// by step against the kernel's own static inlines (through helpers).
void refcount_matches_the_kernels(test::Context &t)
{
	Refcount ours(1);
	Refcount theirs(1); // same layout as refcount_t
	auto *c = reinterpret_cast<bindings::refcount_struct *>(&theirs);
	for (int i = 0; i < 100; ++i) {
		ours.inc();
		bindings::kcxx_helper_refcount_inc(c);
	}
	KCXX_EXPECT_EQ(t, ours.read(), 101);
	KCXX_EXPECT_EQ(t, theirs.read(), 101);
	for (int i = 0; i < 100; ++i) {
		bool a = ours.dec_and_test();
		bool b = bindings::kcxx_helper_refcount_dec_and_test(c);
		KCXX_EXPECT_EQ(t, a, b);
		KCXX_EXPECT(t, !a);
	}
	KCXX_EXPECT(t, ours.dec_and_test());
	KCXX_EXPECT(t, bindings::kcxx_helper_refcount_dec_and_test(c));
	KCXX_EXPECT_EQ(t, ours.read(), theirs.read());
}

// The inline refcount against a helper call per operation: reports ns per
// inc + dec_and_test pair (no pass/fail on speed: TCG timing is noisy).
void refcount_inline_versus_helper(test::Context &t)
{
	constexpr int rounds = 200000;
	Refcount ours(1);
	Refcount theirs(1);
	auto *c = reinterpret_cast<bindings::refcount_struct *>(&theirs);
	long long start = test::now_ns();
	for (int i = 0; i < rounds; ++i) {
		ours.inc();
		if (ours.dec_and_test())
			break;
	}
	long long inline_ns = test::now_ns() - start;
	start = test::now_ns();
	for (int i = 0; i < rounds; ++i) {
		bindings::kcxx_helper_refcount_inc(c);
		if (bindings::kcxx_helper_refcount_dec_and_test(c))
			break;
	}
	long long helper_ns = test::now_ns() - start;
	pr_info("refcount inc+dec_and_test: inline %lld ps, helper %lld ps per pair\n",
		inline_ns * 1000 / rounds, helper_ns * 1000 / rounds);
	KCXX_EXPECT_EQ(t, ours.read(), 1);
	KCXX_EXPECT_EQ(t, theirs.read(), 1);
}

constexpr test::Case cases[] = {
	KCXX_CASE(try_new_builds_in_place),
	KCXX_CASE(clone_and_drop_count_references),
	KCXX_CASE(last_reference_destroys_and_frees),
	KCXX_CASE(move_keeps_the_count),
	KCXX_CASE(into_raw_and_from_raw_round_trip),
	KCXX_CASE(borrow_reaches_and_clones),
	KCXX_CASE(over_aligned_values_are_aligned),
	KCXX_CASE(allocation_failure_is_enomem),
	KCXX_CASE(unique_arc_is_mutable_until_shared),
	KCXX_CASE(references_across_threads),
	KCXX_CASE(refcount_matches_the_kernels),
	KCXX_CASE(refcount_inline_versus_helper),
};

} // namespace

constinit const test::Suite arc_suite{"kcxx_arc", cases};
