// SPDX-License-Identifier: GPL-2.0
// kcxx::Box<T>: fallible allocation with explicit GFP flags, single owner.
#include <kcxx/box.h>

#include "suites.h"

using namespace kcxx;

namespace {

struct Counted {
	static inline int alive = 0;
	int a;
	long b;
	Counted(int x, long y) : a(x), b(y) { ++alive; }
	~Counted() { --alive; }
};

// Larger than KMALLOC_MAX_SIZE: the slab allocator must refuse it.
struct TooLarge {
	char bytes[KCXX_KMALLOC_MAX_SIZE * 2];
};

struct alignas(64) CacheLine {
	char bytes[64];
};

void constructs_in_place(test::Context &t)
{
	auto box = Box<Counted>::try_new(GFP_KERNEL, 7, 9000000000L);
	KCXX_ASSERT_OK(t, box);
	KCXX_EXPECT_EQ(t, (*box)->a, 7);
	KCXX_EXPECT_EQ(t, (*box)->b, 9000000000L);
}

void destroys_and_frees_once(test::Context &t)
{
	Counted::alive = 0;
	{
		auto box = Box<Counted>::try_new(GFP_KERNEL, 1, 2);
		KCXX_ASSERT_OK(t, box);
		KCXX_EXPECT_EQ(t, Counted::alive, 1);
	}
	KCXX_EXPECT_EQ(t, Counted::alive, 0);
}

void move_transfers_ownership(test::Context &t)
{
	Counted::alive = 0;
	{
		auto first = KCXX_ASSERT_TRY(t, Box<Counted>::try_new(GFP_KERNEL, 3, 4));
		Counted *raw = first.get();
		Box<Counted> second = static_cast<Box<Counted> &&>(first);
		KCXX_EXPECT(t, first.get() == nullptr);
		KCXX_EXPECT(t, second.get() == raw);
		Box<Counted> third = KCXX_ASSERT_TRY(t, Box<Counted>::try_new(GFP_KERNEL, 5, 6));
		KCXX_EXPECT_EQ(t, Counted::alive, 2);
		third = static_cast<Box<Counted> &&>(second); // frees third's object
		KCXX_EXPECT_EQ(t, Counted::alive, 1);
		KCXX_EXPECT(t, third.get() == raw);
	}
	KCXX_EXPECT_EQ(t, Counted::alive, 0);
}

void into_raw_and_from_raw_round_trip(test::Context &t)
{
	Counted::alive = 0;
	Counted *raw;
	{
		auto box = KCXX_ASSERT_TRY(t, Box<Counted>::try_new(GFP_KERNEL, 8, 9));
		raw = static_cast<Box<Counted> &&>(box).into_raw();
	}
	KCXX_EXPECT_EQ(t, Counted::alive, 1); // ownership left the Box
	{
		Box<Counted> back = Box<Counted>::from_raw(raw);
		KCXX_EXPECT_EQ(t, back->a, 8);
	}
	KCXX_EXPECT_EQ(t, Counted::alive, 0);
}

void allocation_failure_is_enomem(test::Context &t)
{
	// The request is beyond what kmalloc can ever satisfy, so the real
	// allocator fails it; GFP_NOWARN keeps the kernel quiet about it.
	auto box = Box<TooLarge>::try_new(GFP_KERNEL | GFP_NOWARN);
	KCXX_ASSERT(t, box.is_error());
	KCXX_EXPECT(t, box.error() == code::ENOMEM);
}

void atomic_allocation(test::Context &t)
{
	auto box = Box<Counted>::try_new(GFP_ATOMIC, 1, 1);
	KCXX_ASSERT_OK(t, box);
	KCXX_EXPECT_EQ(t, (*box)->a, 1);
}

void over_aligned_types_are_aligned(test::Context &t)
{
	for (int i = 0; i < 16; ++i) {
		auto box = KCXX_ASSERT_TRY(t, Box<CacheLine>::try_new(GFP_KERNEL));
		KCXX_EXPECT_EQ(t, reinterpret_cast<unsigned long>(box.get()) % 64, 0UL);
	}
}

void gfp_flags_come_from_the_kernel(test::Context &t)
{
	KCXX_EXPECT(t, GFP_KERNEL.bits() != 0);
	KCXX_EXPECT(t, (GFP_KERNEL | GFP_ZERO).contains(GFP_ZERO));
	KCXX_EXPECT(t, !GFP_ATOMIC.contains(GFP_KERNEL));
	KCXX_EXPECT(t, GFP_NOWAIT.bits() != GFP_ATOMIC.bits());
}

constexpr test::Case cases[] = {
	KCXX_CASE(constructs_in_place),
	KCXX_CASE(destroys_and_frees_once),
	KCXX_CASE(move_transfers_ownership),
	KCXX_CASE(into_raw_and_from_raw_round_trip),
	KCXX_CASE(allocation_failure_is_enomem),
	KCXX_CASE(atomic_allocation),
	KCXX_CASE(over_aligned_types_are_aligned),
	KCXX_CASE(gfp_flags_come_from_the_kernel),
};

} // namespace

constinit const test::Suite box_suite{"kcxx_box", cases};
