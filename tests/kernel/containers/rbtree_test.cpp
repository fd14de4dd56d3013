// SPDX-License-Identifier: GPL-2.0
// kcxx::RBTree<K, V>: an ordered map over the kernel's rbtree, whose
// inserts consume nodes reserved beforehand.
#include <kcxx/rbtree.h>
#include <kcxx/sync/context.h>
#include <kcxx/sync/spinlock.h>
#include <kcxx/vec.h>

#include "suites.h"

using namespace kcxx;

namespace {

// kmalloc, counting every allocation: to show that insert() allocates
// nothing.
struct CountingKmalloc {
	static inline unsigned long allocations = 0;
	static constexpr bool can_reallocate = false;
	template <unsigned long Align> static Result<void *> allocate(unsigned long size, Gfp flags)
	{
		++allocations;
		return alloc::Kmalloc::allocate<Align>(size, flags);
	}
	static void free(const void *p) { alloc::Kmalloc::free(p); }
};

struct Value {
	static inline int alive = 0;
	long v;
	explicit Value(long x) : v(x) { ++alive; }
	Value(Value &&o) : v(o.v) { ++alive; }
	~Value() { --alive; }
};

using Tree = RBTree<unsigned int, long>;

// A fixed permutation of 0..n-1 (n prime, 7 generates the group mod n).
unsigned int permuted(unsigned int i, unsigned int n) { return (i * 7919U) % n; }

void insert_find_and_size(test::Context &t)
{
	Tree tree;
	KCXX_EXPECT(t, tree.is_empty() && tree.find(1) == nullptr);
	for (unsigned int k : {50U, 20U, 80U, 10U, 30U}) {
		auto slot = KCXX_ASSERT_TRY(t, Tree::try_reserve_node(GFP_KERNEL));
		KCXX_EXPECT(t, tree.insert(std::move(slot), k, k * 100L).is_none());
	}
	KCXX_EXPECT_EQ(t, tree.size(), 5UL);
	KCXX_ASSERT(t, tree.find(30) != nullptr);
	KCXX_EXPECT_EQ(t, *tree.find(30), 3000L);
	KCXX_EXPECT(t, tree.find(31) == nullptr);
	KCXX_EXPECT(t, tree.contains(80) && !tree.contains(0));
	*tree.find(10) = -1; // values are mutable in place
	KCXX_EXPECT_EQ(t, *tree.find(10), -1L);
}

void iterates_in_key_order(test::Context &t)
{
	constexpr unsigned int n = 1009; // prime
	Tree tree;
	for (unsigned int i = 0; i < n; ++i) {
		unsigned int k = permuted(i, n);
		auto r = tree.try_insert(k, static_cast<long>(k) * 2, GFP_KERNEL);
		KCXX_ASSERT_OK(t, r);
	}
	KCXX_EXPECT_EQ(t, tree.size(), static_cast<unsigned long>(n));
	unsigned int expected = 0;
	bool ordered = true;
	for (auto [key, value] : tree) {
		ordered = ordered && key == expected && value == static_cast<long>(key) * 2;
		++expected;
	}
	KCXX_EXPECT(t, ordered && expected == n);
	KCXX_EXPECT_EQ(t, *tree.first_key(), 0U);
	KCXX_EXPECT_EQ(t, *tree.last_key(), n - 1);
}

void insert_replaces_and_returns_the_old_node(test::Context &t)
{
	RBTree<int, Value> tree;
	Value::alive = 0;
	{
		auto a = KCXX_ASSERT_TRY(t, (RBTree<int, Value>::try_reserve_node(GFP_KERNEL)));
		KCXX_EXPECT(t, tree.insert(std::move(a), 5, Value(1)).is_none());
		auto b = KCXX_ASSERT_TRY(t, (RBTree<int, Value>::try_reserve_node(GFP_KERNEL)));
		auto old = tree.insert(std::move(b), 5, Value(2));
		KCXX_ASSERT(t, old.has_value());
		KCXX_EXPECT_EQ(t, old->key(), 5);
		KCXX_EXPECT_EQ(t, old->value().v, 1L);
		KCXX_EXPECT_EQ(t, tree.size(), 1UL);
		KCXX_EXPECT_EQ(t, tree.find(5)->v, 2L);
		KCXX_EXPECT_EQ(t, Value::alive, 2); // the old one lives until 'old' drops
	}
	KCXX_EXPECT_EQ(t, Value::alive, 1);
	tree.clear();
	KCXX_EXPECT_EQ(t, Value::alive, 0);
	KCXX_EXPECT(t, tree.is_empty());
}

void remove_returns_the_value(test::Context &t)
{
	Tree tree;
	for (unsigned int k = 0; k < 20; ++k)
		KCXX_ASSERT_OK(t, tree.try_insert(k, k + 1000L, GFP_KERNEL));
	Option<long> v = tree.remove(7);
	KCXX_ASSERT(t, v.has_value());
	KCXX_EXPECT_EQ(t, *v, 1007L);
	KCXX_EXPECT(t, tree.remove(7).is_none());
	KCXX_EXPECT(t, tree.remove(100).is_none());
	KCXX_EXPECT_EQ(t, tree.size(), 19UL);
	// Remove every even key; the rest stay in order.
	for (unsigned int k = 0; k < 20; k += 2)
		(void)tree.remove(k);
	unsigned int expected = 1;
	bool ordered = true;
	for (auto [key, value] : tree) {
		if (expected == 7) // removed first
			expected += 2;
		ordered = ordered && key == expected;
		expected += 2;
	}
	KCXX_EXPECT(t, ordered);
	KCXX_EXPECT_EQ(t, tree.size(), 9UL);
}

void insert_never_allocates(test::Context &t)
{
	using Counted = RBTree<unsigned int, long, CountingKmalloc>;
	constexpr unsigned int n = 64;
	Counted tree;
	Vec<Counted::ReservedNode> slots;
	KCXX_ASSERT_OK(t, slots.try_reserve(n, GFP_KERNEL));
	CountingKmalloc::allocations = 0;
	for (unsigned int i = 0; i < n; ++i)
		KCXX_ASSERT_OK(t, slots.push_within_capacity(KCXX_ASSERT_TRY(t, Counted::try_reserve_node(GFP_KERNEL))));
	KCXX_EXPECT_EQ(t, CountingKmalloc::allocations, static_cast<unsigned long>(n));
	// The part that could run under a spinlock: consumes reservations
	// only.
	CountingKmalloc::allocations = 0;
	for (unsigned int i = 0; i < n; ++i) {
		Option<Counted::ReservedNode> slot = slots.pop();
		(void)tree.insert(std::move(*slot), permuted(i, 67), i);
	}
	KCXX_EXPECT_EQ(t, CountingKmalloc::allocations, 0UL);
	KCXX_EXPECT_EQ(t, tree.size(), static_cast<unsigned long>(n));
}

void insert_under_a_spinlock(test::Context &t)
{
	using Counted = RBTree<unsigned int, long, CountingKmalloc>;
	SpinLock<Counted> tree{KCXX_LOCK_CLASS("kcxx_rbtree_test")};
	bool atomic = true;
	unsigned long allocations = 0;
	for (unsigned int i = 0; i < 32; ++i) {
		// Allocate where sleeping is allowed ...
		auto slot = KCXX_ASSERT_TRY(t, Counted::try_reserve_node(GFP_KERNEL));
		CountingKmalloc::allocations = 0;
		{
			// ... insert with the lock held: nothing may sleep here.
			auto guard = tree.lock();
			atomic = atomic && in_atomic();
			(void)guard->insert(std::move(slot), permuted(i, 37), i);
		}
		allocations += CountingKmalloc::allocations;
	}
	KCXX_EXPECT(t, atomic || !in_atomic_sees_locks());
	KCXX_EXPECT_EQ(t, allocations, 0UL);
	// Take a node out under the lock; it is freed after the lock is dropped.
	Option<Counted::OwnedNode> taken = [&] {
		auto guard = tree.lock();
		KCXX_EXPECT_EQ(t, guard->size(), 32UL);
		KCXX_EXPECT(t, guard->find(permuted(5, 37)) && *guard->find(permuted(5, 37)) == 5);
		return guard->remove_node(permuted(5, 37));
	}();
	KCXX_EXPECT(t, taken.has_value() && taken->value() == 5);
	KCXX_EXPECT(t, !in_atomic());
}

void removed_node_becomes_a_reservation(test::Context &t)
{
	using Counted = RBTree<unsigned int, long, CountingKmalloc>;
	Counted tree;
	KCXX_ASSERT_OK(t, tree.try_insert(1, 10, GFP_KERNEL));
	CountingKmalloc::allocations = 0;
	Option<Counted::OwnedNode> node = tree.remove_node(1);
	KCXX_ASSERT(t, node.has_value());
	KCXX_EXPECT_EQ(t, node->key(), 1U);
	Counted::ReservedNode slot = std::move(*node).into_reservation();
	(void)tree.insert(std::move(slot), 2, 20); // the same memory, no allocation
	KCXX_EXPECT_EQ(t, CountingKmalloc::allocations, 0UL);
	KCXX_EXPECT_EQ(t, *tree.find(2), 20L);
	KCXX_EXPECT(t, tree.remove_node(1).is_none());
}

void unused_reservations_and_tree_are_freed(test::Context &t)
{
	Value::alive = 0;
	{
		RBTree<int, Value> tree;
		auto unused = KCXX_ASSERT_TRY(t, (RBTree<int, Value>::try_reserve_node(GFP_ATOMIC)));
		for (int i = 0; i < 50; ++i)
			KCXX_ASSERT_OK(t, tree.try_insert(i, Value(i), GFP_KERNEL));
		KCXX_EXPECT_EQ(t, Value::alive, 50);
		// Moving a tree moves its root only; nodes stay put.
		RBTree<int, Value> moved(std::move(tree));
		KCXX_EXPECT(t, tree.is_empty() && moved.size() == 50);
		KCXX_EXPECT_EQ(t, moved.find(49)->v, 49L);
	}
	KCXX_EXPECT_EQ(t, Value::alive, 0); // the destructor freed every node
}

void reservation_failure_is_enomem(test::Context &t)
{
	struct Huge {
		char bytes[KCXX_KMALLOC_MAX_SIZE * 2];
	};
	auto r = RBTree<int, Huge>::try_reserve_node(GFP_KERNEL | GFP_NOWARN);
	KCXX_EXPECT(t, r.is_error() && r.error() == code::ENOMEM);
}

constexpr test::Case cases[] = {
	KCXX_CASE(insert_find_and_size),
	KCXX_CASE(iterates_in_key_order),
	KCXX_CASE(insert_replaces_and_returns_the_old_node),
	KCXX_CASE(remove_returns_the_value),
	KCXX_CASE(insert_never_allocates),
	KCXX_CASE(insert_under_a_spinlock),
	KCXX_CASE(removed_node_becomes_a_reservation),
	KCXX_CASE(unused_reservations_and_tree_are_freed),
	KCXX_CASE(reservation_failure_is_enomem),
};

} // namespace

constinit const test::Suite rbtree_suite{"kcxx_rbtree", cases};
