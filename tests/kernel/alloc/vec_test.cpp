// SPDX-License-Identifier: GPL-2.0
// kcxx::Vec<T>: fallible growth with explicit GFP flags, bounds-checked
// access, no implicit copies.
#include <kcxx/vec.h>

#include <limits>

#include "suites.h"

using namespace kcxx;

namespace {

// Counts live objects, to catch leaks and double destruction.  Not
// trivially copyable: a Vec of it grows by moving element by element.
struct Tracked {
	static inline int alive = 0;
	int v;
	explicit Tracked(int x) : v(x) { ++alive; }
	Tracked(Tracked &&o) : v(o.v) { ++alive; o.v = -1; }
	Tracked(const Tracked &o) : v(o.v) { ++alive; }
	~Tracked() { --alive; }
};

struct alignas(64) Wide {
	unsigned char bytes[64];
};

void push_grows_and_keeps_order(test::Context &t)
{
	Vec<int> v;
	KCXX_EXPECT_EQ(t, v.capacity(), 0UL); // no allocation until needed
	KCXX_EXPECT(t, v.data() == nullptr);
	for (int i = 0; i < 1000; ++i)
		KCXX_ASSERT_OK(t, v.try_push(i * 3, GFP_KERNEL));
	KCXX_EXPECT_EQ(t, v.size(), 1000UL);
	KCXX_EXPECT(t, v.capacity() >= 1000);
	bool in_order = true;
	int expected = 0;
	for (int x : v) {
		in_order = in_order && x == expected;
		expected += 3;
	}
	KCXX_EXPECT(t, in_order);
}

void growth_is_amortised(test::Context &t)
{
	Vec<long> v;
	unsigned long reallocations = 0, last_capacity = 0;
	for (long i = 0; i < 4096; ++i) {
		KCXX_ASSERT_OK(t, v.try_push(i, GFP_KERNEL));
		if (v.capacity() != last_capacity) {
			++reallocations;
			last_capacity = v.capacity();
		}
	}
	KCXX_EXPECT(t, reallocations <= 12); // doubling: log2(4096) + 1
}

void with_capacity_and_reserve(test::Context &t)
{
	auto v = KCXX_ASSERT_TRY(t, (Vec<int>::try_with_capacity(37, GFP_KERNEL)));
	KCXX_EXPECT_EQ(t, v.capacity(), 37UL);
	KCXX_EXPECT_EQ(t, v.size(), 0UL);
	int *before = v.data();
	for (int i = 0; i < 37; ++i)
		KCXX_ASSERT_OK(t, v.try_push(i, GFP_KERNEL));
	KCXX_EXPECT(t, v.data() == before); // no reallocation within capacity
	KCXX_ASSERT_OK(t, v.try_reserve(100, GFP_KERNEL));
	KCXX_EXPECT(t, v.capacity() >= 137);
	KCXX_EXPECT_EQ(t, *v.at(36), 36);
}

void push_within_capacity_never_allocates(test::Context &t)
{
	Vec<int> v;
	KCXX_EXPECT(t, v.push_within_capacity(1).error() == code::ENOSPC);
	KCXX_ASSERT_OK(t, v.try_reserve(2, GFP_KERNEL));
	KCXX_EXPECT(t, v.push_within_capacity(1).is_ok());
	KCXX_EXPECT(t, v.push_within_capacity(2).is_ok());
	while (v.size() < v.capacity())
		KCXX_ASSERT_OK(t, v.push_within_capacity(0));
	KCXX_EXPECT(t, v.push_within_capacity(3).error() == code::ENOSPC);
}

void impossible_size_is_enomem(test::Context &t)
{
	// More than kmalloc can ever give: the real allocator refuses;
	// GFP_NOWARN keeps it quiet.  The Vec is unchanged.
	Vec<char> v;
	KCXX_ASSERT_OK(t, v.try_push('x', GFP_KERNEL));
	auto r = v.try_reserve(KCXX_KMALLOC_MAX_SIZE * 2, GFP_KERNEL | GFP_NOWARN);
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::ENOMEM);
	KCXX_EXPECT_EQ(t, v.size(), 1UL);
	KCXX_EXPECT_EQ(t, *v.at(0), 'x');
	auto w = Vec<Tracked>::try_with_capacity(KCXX_KMALLOC_MAX_SIZE, GFP_KERNEL | GFP_NOWARN);
	KCXX_EXPECT(t, w.is_error() && w.error() == code::ENOMEM);
}

void size_overflow_is_eoverflow(test::Context &t)
{
	constexpr unsigned long huge = std::numeric_limits<unsigned long>::max();
	auto a = Vec<long>::try_with_capacity(huge / sizeof(long) + 1, GFP_KERNEL | GFP_NOWARN);
	KCXX_EXPECT(t, a.is_error() && a.error() == code::EOVERFLOW);
	// Beyond LONG_MAX bytes: refused before any allocator sees it.
	auto b = Vec<char>::try_with_capacity(huge / 2 + 1, GFP_KERNEL | GFP_NOWARN);
	KCXX_EXPECT(t, b.is_error() && b.error() == code::EOVERFLOW);
	Vec<int> v;
	KCXX_ASSERT_OK(t, v.try_push(1, GFP_KERNEL));
	auto c = v.try_reserve(huge, GFP_KERNEL | GFP_NOWARN); // len + additional wraps
	KCXX_EXPECT(t, c.is_error() && c.error() == code::EOVERFLOW);
	KCXX_EXPECT_EQ(t, v.size(), 1UL);
}

void at_is_bounds_checked(test::Context &t)
{
	Vec<int> v;
	KCXX_EXPECT(t, v.at(0) == nullptr);
	KCXX_EXPECT(t, v.first() == nullptr && v.last() == nullptr);
	KCXX_ASSERT_OK(t, v.try_extend({10, 20, 30}, GFP_KERNEL));
	KCXX_EXPECT_EQ(t, *v.at(2), 30);
	KCXX_EXPECT(t, v.at(3) == nullptr);
	KCXX_EXPECT(t, v.at(std::numeric_limits<unsigned long>::max()) == nullptr);
	KCXX_EXPECT_EQ(t, *v.first(), 10);
	KCXX_EXPECT_EQ(t, *v.last(), 30);
	v[1] = 21; // in bounds: the KCXX_DEBUG check passes silently
	KCXX_EXPECT_EQ(t, v[1], 21);
	const Vec<int> &cv = v;
	KCXX_EXPECT_EQ(t, *cv.at(1), 21);
}

void pop_truncate_clear(test::Context &t)
{
	Tracked::alive = 0;
	{
		Vec<Tracked> v;
		for (int i = 0; i < 10; ++i)
			KCXX_ASSERT_OK(t, v.try_push(Tracked(i), GFP_KERNEL));
		KCXX_EXPECT_EQ(t, Tracked::alive, 10);
		Option<Tracked> last = v.pop();
		KCXX_ASSERT(t, last.has_value());
		KCXX_EXPECT_EQ(t, last->v, 9);
		KCXX_EXPECT_EQ(t, v.size(), 9UL);
		v.truncate(4);
		KCXX_EXPECT_EQ(t, v.size(), 4UL);
		KCXX_EXPECT_EQ(t, Tracked::alive, 5); // 4 in v, 1 in 'last'
		unsigned long capacity = v.capacity();
		v.clear();
		KCXX_EXPECT(t, v.is_empty());
		KCXX_EXPECT_EQ(t, v.capacity(), capacity); // clear keeps the memory
		KCXX_EXPECT(t, v.pop().is_none());
	}
	KCXX_EXPECT_EQ(t, Tracked::alive, 0);
}

// An Option moved from is empty (option.h): its value has one owner, and a
// moved-from object is not destroyed twice nor left to be used.
void option_move_leaves_the_source_empty(test::Context &t)
{
	Tracked::alive = 0;
	{
		Option<Tracked> first(Tracked(7));
		KCXX_EXPECT_EQ(t, Tracked::alive, 1);
		Option<Tracked> second(std::move(first));
		KCXX_EXPECT(t, first.is_none());
		KCXX_ASSERT(t, second.has_value());
		KCXX_EXPECT_EQ(t, second->v, 7);
		KCXX_EXPECT_EQ(t, Tracked::alive, 1);
		Option<Tracked> third(std::move(first)); // moving an empty one
		KCXX_EXPECT(t, third.is_none());
	}
	KCXX_EXPECT_EQ(t, Tracked::alive, 0);
}

void non_trivial_elements_move_on_growth(test::Context &t)
{
	Tracked::alive = 0;
	{
		Vec<Tracked> v;
		for (int i = 0; i < 100; ++i)
			KCXX_ASSERT_OK(t, v.try_push(Tracked(i), GFP_KERNEL));
		KCXX_EXPECT_EQ(t, Tracked::alive, 100); // moved-from copies were destroyed
		bool ok = true;
		for (unsigned long i = 0; i < v.size(); ++i)
			ok = ok && v[i].v == static_cast<int>(i);
		KCXX_EXPECT(t, ok);
	}
	KCXX_EXPECT_EQ(t, Tracked::alive, 0);
}

void insert_remove_swap_remove(test::Context &t)
{
	Vec<int> v;
	KCXX_ASSERT_OK(t, v.try_extend({1, 2, 4, 5}, GFP_KERNEL));
	KCXX_ASSERT_OK(t, v.try_insert(2, 3, GFP_KERNEL));
	KCXX_ASSERT_OK(t, v.try_insert(0, 0, GFP_KERNEL));
	KCXX_ASSERT_OK(t, v.try_insert(6, 6, GFP_KERNEL)); // at the end
	KCXX_EXPECT(t, v.try_insert(8, 9, GFP_KERNEL).error() == code::EINVAL);
	bool in_order = v.size() == 7;
	for (unsigned long i = 0; in_order && i < v.size(); ++i)
		in_order = v[i] == static_cast<int>(i);
	KCXX_EXPECT(t, in_order);
	KCXX_EXPECT_EQ(t, v.remove(0).value_or(-1), 0);
	KCXX_EXPECT_EQ(t, *v.at(0), 1);
	KCXX_EXPECT_EQ(t, v.swap_remove(0).value_or(-1), 1);
	KCXX_EXPECT_EQ(t, *v.at(0), 6); // the last element took its place
	KCXX_EXPECT(t, v.remove(99).is_none());
	KCXX_EXPECT_EQ(t, v.size(), 5UL);
}

void move_transfers_the_buffer(test::Context &t)
{
	Vec<int> a;
	KCXX_ASSERT_OK(t, a.try_extend({7, 8, 9}, GFP_KERNEL));
	int *buffer = a.data();
	Vec<int> b(static_cast<Vec<int> &&>(a));
	KCXX_EXPECT(t, b.data() == buffer);
	KCXX_EXPECT_EQ(t, b.size(), 3UL);
	KCXX_EXPECT(t, a.is_empty() && a.capacity() == 0 && a.data() == nullptr);
	// A moved-from Vec is empty and usable again.
	KCXX_ASSERT_OK(t, a.try_push(1, GFP_KERNEL));
	b = static_cast<Vec<int> &&>(a); // frees b's old buffer
	KCXX_EXPECT_EQ(t, b.size(), 1UL);
}

void clone_is_explicit_and_deep(test::Context &t)
{
	Vec<int> a;
	KCXX_ASSERT_OK(t, a.try_resize(5, 42, GFP_KERNEL));
	Vec<int> b = KCXX_ASSERT_TRY(t, a.try_clone(GFP_KERNEL));
	KCXX_EXPECT(t, b.data() != a.data());
	KCXX_EXPECT_EQ(t, b.size(), 5UL);
	b[0] = 1;
	KCXX_EXPECT_EQ(t, a[0], 42);
	KCXX_ASSERT_OK(t, a.try_resize(2, 0, GFP_KERNEL)); // shrinks
	KCXX_EXPECT_EQ(t, a.size(), 2UL);
}

void over_aligned_elements(test::Context &t)
{
	Vec<Wide> v;
	const Wide zero{};
	for (unsigned long n = 1; n <= 40; n += 3) {
		KCXX_ASSERT_OK(t, v.try_resize(n, zero, GFP_KERNEL));
		KCXX_EXPECT_EQ(t, reinterpret_cast<unsigned long>(v.data()) % 64, 0UL);
	}
}

void atomic_context_flags(test::Context &t)
{
	Vec<int> v;
	KCXX_ASSERT_OK(t, v.try_reserve(16, GFP_ATOMIC));
	KCXX_ASSERT_OK(t, v.try_push(1, GFP_NOWAIT));
	KCXX_EXPECT(t, v.capacity() >= 16);
}

constexpr test::Case cases[] = {
	KCXX_CASE(push_grows_and_keeps_order),
	KCXX_CASE(growth_is_amortised),
	KCXX_CASE(with_capacity_and_reserve),
	KCXX_CASE(push_within_capacity_never_allocates),
	KCXX_CASE(impossible_size_is_enomem),
	KCXX_CASE(size_overflow_is_eoverflow),
	KCXX_CASE(at_is_bounds_checked),
	KCXX_CASE(pop_truncate_clear),
	KCXX_CASE(option_move_leaves_the_source_empty),
	KCXX_CASE(non_trivial_elements_move_on_growth),
	KCXX_CASE(insert_remove_swap_remove),
	KCXX_CASE(move_transfers_the_buffer),
	KCXX_CASE(clone_is_explicit_and_deep),
	KCXX_CASE(over_aligned_elements),
	KCXX_CASE(atomic_context_flags),
};

} // namespace

constinit const test::Suite vec_suite{"kcxx_vec", cases};
