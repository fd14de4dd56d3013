// SPDX-License-Identifier: GPL-2.0
// kcxx::Atomic<T>, read_once/write_once, acquire/release and fences.
#include <limits>

#include <kcxx/sync/atomic.h>
#include <kcxx/sync/barrier.h>

#include "suites.h"
#include "thread.h"

using namespace kcxx;

namespace {

constinit Atomic<int> global_counter{5};

void load_and_store(test::Context &t)
{
	Atomic<int> a{3};
	KCXX_EXPECT_EQ(t, a.load(), 3);
	a.store(4);
	KCXX_EXPECT_EQ(t, a.load(order::acquire), 4);
	a.store(-5, order::release);
	KCXX_EXPECT_EQ(t, a.load(order::relaxed), -5);
	KCXX_EXPECT_EQ(t, global_counter.load(), 5); // constant-initialised global
}

void fetch_operations_return_the_old_value(test::Context &t)
{
	Atomic<unsigned int> a{0xf0};
	KCXX_EXPECT_EQ(t, a.fetch_add(0x10), 0xf0U);
	KCXX_EXPECT_EQ(t, a.fetch_sub(0x20, order::relaxed), 0x100U);
	KCXX_EXPECT_EQ(t, a.fetch_or(0x0f, order::acquire), 0xe0U);
	KCXX_EXPECT_EQ(t, a.fetch_and(0x3c, order::release), 0xefU);
	KCXX_EXPECT_EQ(t, a.fetch_xor(0xff), 0x2cU);
	KCXX_EXPECT_EQ(t, a.load(), 0xd3U);
}

void return_operations_give_the_new_value(test::Context &t)
{
	Atomic<long> a{10};
	KCXX_EXPECT_EQ(t, a.add_return(5), 15L);
	KCXX_EXPECT_EQ(t, a.sub_return(20, order::relaxed), -5L);
	a.inc();
	a.add(7);
	a.sub(2);
	a.dec();
	KCXX_EXPECT_EQ(t, a.load(), 0L);
}

void exchange_and_compare_exchange(test::Context &t)
{
	Atomic<int> a{1};
	KCXX_EXPECT_EQ(t, a.exchange(2), 1);
	int expected = 2;
	KCXX_EXPECT(t, a.compare_exchange(expected, 3));
	KCXX_EXPECT_EQ(t, a.load(), 3);
	expected = 7;
	KCXX_EXPECT(t, !a.compare_exchange(expected, 8, order::acquire));
	KCXX_EXPECT_EQ(t, expected, 3); // a failure loads the current value
	KCXX_EXPECT_EQ(t, a.load(), 3);
}

void dec_and_test_reports_zero(test::Context &t)
{
	Atomic<int> users{2};
	KCXX_EXPECT(t, !users.dec_and_test());
	KCXX_EXPECT(t, users.dec_and_test());
	KCXX_EXPECT_EQ(t, users.load(), 0);
}

void sixty_four_bit_values(test::Context &t)
{
	Atomic<unsigned long> a{std::numeric_limits<unsigned long>::max() - 1};
	a.inc();
	KCXX_EXPECT_EQ(t, a.load(), std::numeric_limits<unsigned long>::max());
	a.inc(); // wraps, as atomic_long_t does
	KCXX_EXPECT_EQ(t, a.load(), 0UL);
	Atomic<long long> b{1LL << 40};
	KCXX_EXPECT_EQ(t, b.add_return(1LL << 40), 1LL << 41);
}

void pointers(test::Context &t)
{
	int x = 1, y = 2;
	Atomic<int *> p;
	KCXX_EXPECT(t, p.load() == nullptr);
	p.store(&x, order::release);
	KCXX_EXPECT(t, p.load(order::acquire) == &x);
	KCXX_EXPECT(t, p.exchange(&y) == &x);
	int *expected = &x;
	KCXX_EXPECT(t, !p.compare_exchange(expected, nullptr));
	KCXX_EXPECT(t, expected == &y);
	KCXX_EXPECT(t, p.compare_exchange(expected, &x));
	KCXX_EXPECT_EQ(t, *p.load(), 1);
}

void read_once_and_write_once(test::Context &t)
{
	int flag = 0;
	unsigned char byte = 1;
	long *pointer = nullptr;
	long target = 5;
	write_once(flag, 3);
	write_once(byte, 200);
	write_once(pointer, &target);
	KCXX_EXPECT_EQ(t, read_once(flag), 3);
	KCXX_EXPECT_EQ(t, read_once(byte), 200);
	KCXX_EXPECT_EQ(t, *read_once(pointer), 5L);
	smp_store_release(flag, 4);
	KCXX_EXPECT_EQ(t, smp_load_acquire(flag), 4);
	smp_mb();
	smp_rmb();
	smp_wmb();
}

// Message passing: data written before a release store is seen by the
// reader whose acquire load sees the store.  (x86 is TSO, so this checks
// the compiler side: nothing is reordered or cached in a register.)
void message_passing_between_threads(test::Context &t)
{
	constexpr int messages = 2000;
	struct Slot {
		int data[4];
		int sequence;
	} slot{};
	int errors = 0;
	test::Thread writer([&] {
		for (int i = 1; i <= messages; ++i) {
			while (smp_load_acquire(slot.sequence) != 2 * i - 2)
				test::relax(); // until the reader took the previous one
			for (int &d : slot.data)
				d = i;
			smp_store_release(slot.sequence, 2 * i - 1);
		}
	});
	KCXX_ASSERT_OK(t, writer.start("kcxx-writer"));
	for (int i = 1; i <= messages; ++i) {
		while (smp_load_acquire(slot.sequence) != 2 * i - 1)
			test::relax();
		for (int d : slot.data)
			if (d != i)
				++errors;
		smp_store_release(slot.sequence, 2 * i);
	}
	writer.join();
	KCXX_EXPECT_EQ(t, errors, 0);
}

// Two threads, 100000 fetch_add()s each: an exact total.
void concurrent_increments_are_exact(test::Context &t)
{
	constexpr int rounds = 100000;
	Atomic<long> counter{0};
	Atomic<int> relaxed_counter{0};
	auto work = [&] {
		for (int i = 0; i < rounds; ++i) {
			(void)counter.fetch_add(1);
			relaxed_counter.inc();
		}
	};
	test::Thread a(work);
	test::Thread b(work);
	KCXX_ASSERT_OK(t, a.start("kcxx-atomic-a"));
	KCXX_ASSERT_OK(t, b.start("kcxx-atomic-b"));
	a.join();
	b.join();
	KCXX_EXPECT_EQ(t, counter.load(), 2L * rounds);
	KCXX_EXPECT_EQ(t, relaxed_counter.load(), 2 * rounds);
}

constexpr test::Case cases[] = {
	KCXX_CASE(load_and_store),
	KCXX_CASE(fetch_operations_return_the_old_value),
	KCXX_CASE(return_operations_give_the_new_value),
	KCXX_CASE(exchange_and_compare_exchange),
	KCXX_CASE(dec_and_test_reports_zero),
	KCXX_CASE(sixty_four_bit_values),
	KCXX_CASE(pointers),
	KCXX_CASE(read_once_and_write_once),
	KCXX_CASE(message_passing_between_threads),
	KCXX_CASE(concurrent_increments_are_exact),
};

} // namespace

constinit const test::Suite atomic_suite{"kcxx_atomic", cases};
