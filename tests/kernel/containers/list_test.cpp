// SPDX-License-Identifier: GPL-2.0
// kcxx::List<T, Tag>: an owning intrusive list over struct list_head.
#include <kcxx/box.h>
#include <kcxx/list.h>
#include <kcxx/sync/context.h>
#include <kcxx/sync/spinlock.h>

#include "suites.h"

using namespace kcxx;

namespace {

struct ByArrival {};
struct ByPriority {};

// An item that can sit in two kinds of list.
struct Request : ListLinks<ByArrival>, ListLinks<ByPriority> {
	static inline int alive = 0;
	int id;
	explicit Request(int i) : id(i) { ++alive; }
	~Request() { --alive; }
};

using Queue = List<Request, ByArrival>;

Box<Request> make(test::Context &t, int id)
{
	auto r = Box<Request>::try_new(GFP_KERNEL, id);
	if (r.is_error()) {
		t.fail(__FILE__, __LINE__, "Box<Request>::try_new");
		panic("test allocation failed");
	}
	return std::move(r).value();
}

// The ids front to back, as one number: 1,2,3 -> 123.
long digits(Queue &q)
{
	long n = 0;
	for (Request &r : q)
		n = n * 10 + r.id;
	return n;
}

void push_back_front_and_iterate(test::Context &t)
{
	Queue q;
	KCXX_EXPECT(t, q.is_empty());
	q.push_back(make(t, 2));
	q.push_back(make(t, 3));
	q.push_front(make(t, 1));
	KCXX_EXPECT_EQ(t, q.size(), 3UL);
	KCXX_EXPECT_EQ(t, digits(q), 123L);
	KCXX_EXPECT_EQ(t, q.front()->id, 1);
	KCXX_EXPECT_EQ(t, q.back()->id, 3);
	const Queue &cq = q;
	int sum = 0;
	for (const Request &r : cq)
		sum += r.id;
	KCXX_EXPECT_EQ(t, sum, 6);
}

void insertion_takes_ownership(test::Context &t)
{
	Queue q;
	Box<Request> r = make(t, 7);
	Request *raw = r.get();
	q.push_back(std::move(r));
	// The caller has nothing left to insert a second time.
	KCXX_EXPECT(t, r.is_empty());
	KCXX_EXPECT(t, q.contains(*raw));
	KCXX_EXPECT(t, static_cast<ListLinks<ByArrival> &>(*raw).is_linked());
	KCXX_EXPECT(t, !static_cast<ListLinks<ByPriority> &>(*raw).is_linked());
}

void pop_gives_ownership_back(test::Context &t)
{
	Request::alive = 0;
	{
		Queue q;
		for (int i = 1; i <= 4; ++i)
			q.push_back(make(t, i));
		Option<Box<Request>> first = q.pop_front();
		KCXX_ASSERT(t, first.has_value());
		KCXX_EXPECT_EQ(t, (*first)->id, 1);
		KCXX_EXPECT(t, !static_cast<ListLinks<ByArrival> &>(**first).is_linked());
		Option<Box<Request>> last = q.pop_back();
		KCXX_EXPECT_EQ(t, (*last)->id, 4);
		KCXX_EXPECT_EQ(t, q.size(), 2UL);
		KCXX_EXPECT_EQ(t, Request::alive, 4); // popped items live in their Boxes
		// A popped item can go back in: it is in no list any more.
		q.push_back(std::move(*first));
		KCXX_EXPECT_EQ(t, digits(q), 231L);
	}
	KCXX_EXPECT_EQ(t, Request::alive, 0);
	Queue empty;
	KCXX_EXPECT(t, empty.pop_front().is_none() && empty.pop_back().is_none());
	KCXX_EXPECT(t, empty.front() == nullptr && empty.back() == nullptr);
}

void remove_checks_membership(test::Context &t)
{
	Queue a, b;
	a.push_back(make(t, 1));
	a.push_back(make(t, 2));
	b.push_back(make(t, 3));
	Request &in_b = *b.front();
	// Not in a: refused, nothing changes.
	KCXX_EXPECT(t, a.remove(in_b).is_none());
	KCXX_EXPECT_EQ(t, a.size(), 2UL);
	KCXX_EXPECT(t, b.contains(in_b) && !a.contains(in_b));
	// An item that is in no list at all.
	Box<Request> loose = make(t, 9);
	KCXX_EXPECT(t, a.remove(*loose).is_none());
	// In a: removed from the middle of the chain, ownership back.
	Request &second = *a.back();
	Option<Box<Request>> got = a.remove(second);
	KCXX_ASSERT(t, got.has_value());
	KCXX_EXPECT_EQ(t, (*got)->id, 2);
	KCXX_EXPECT_EQ(t, digits(a), 1L);
	KCXX_EXPECT(t, a.remove(**got).is_none()); // removed once only
}

void remove_if_and_clear_drop_items(test::Context &t)
{
	Request::alive = 0;
	Queue q;
	for (int i = 1; i <= 9; ++i)
		q.push_back(make(t, i));
	unsigned long removed = q.remove_if([](const Request &r) { return r.id % 2 == 0; });
	KCXX_EXPECT_EQ(t, removed, 4UL);
	KCXX_EXPECT_EQ(t, digits(q), 13579L);
	KCXX_EXPECT_EQ(t, Request::alive, 5);
	q.clear();
	KCXX_EXPECT(t, q.is_empty() && q.size() == 0);
	KCXX_EXPECT_EQ(t, Request::alive, 0);
}

void destructor_drops_items(test::Context &t)
{
	Request::alive = 0;
	{
		Queue q;
		for (int i = 0; i < 100; ++i)
			q.push_front(make(t, i % 10));
		KCXX_EXPECT_EQ(t, Request::alive, 100);
	}
	KCXX_EXPECT_EQ(t, Request::alive, 0);
}

void tags_are_separate_lists(test::Context &t)
{
	Queue arrivals;
	List<Request, ByPriority> urgent;
	arrivals.push_back(make(t, 1));
	arrivals.push_back(make(t, 2));
	// Move an item from one kind of list to the other.
	Option<Box<Request>> r = arrivals.pop_front();
	KCXX_ASSERT(t, r.has_value());
	Request *raw = r->get();
	urgent.push_back(std::move(*r));
	KCXX_EXPECT(t, urgent.contains(*raw) && !arrivals.contains(*raw));
	KCXX_EXPECT(t, static_cast<ListLinks<ByPriority> &>(*raw).is_linked());
	KCXX_EXPECT(t, !static_cast<ListLinks<ByArrival> &>(*raw).is_linked());
	KCXX_EXPECT_EQ(t, urgent.size() + arrivals.size(), 2UL);
}

void queue_under_a_spinlock(test::Context &t)
{
	Request::alive = 0;
	{
		SpinLock<Queue> queue{KCXX_LOCK_CLASS("kcxx_list_test")};
		bool atomic = true;
		for (int i = 1; i <= 5; ++i) {
			Box<Request> r = make(t, i); // allocated before the lock
			auto guard = queue.lock();
			atomic = atomic && in_atomic();
			guard->push_back(std::move(r)); // links only
		}
		Option<Box<Request>> first = [&] {
			auto guard = queue.lock();
			return guard->pop_front();
		}();
		KCXX_EXPECT(t, atomic || !in_atomic_sees_locks());
		KCXX_ASSERT(t, first.has_value());
		KCXX_EXPECT_EQ(t, (*first)->id, 1);
		KCXX_EXPECT_EQ(t, digits(*queue.lock()), 2345L);
	}
	KCXX_EXPECT_EQ(t, Request::alive, 0);
}

constexpr test::Case cases[] = {
	KCXX_CASE(push_back_front_and_iterate),
	KCXX_CASE(insertion_takes_ownership),
	KCXX_CASE(pop_gives_ownership_back),
	KCXX_CASE(remove_checks_membership),
	KCXX_CASE(remove_if_and_clear_drop_items),
	KCXX_CASE(destructor_drops_items),
	KCXX_CASE(tags_are_separate_lists),
	KCXX_CASE(queue_under_a_spinlock),
};

} // namespace

constinit const test::Suite list_suite{"kcxx_list", cases};
