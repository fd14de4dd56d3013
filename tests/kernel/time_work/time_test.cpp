// SPDX-License-Identifier: GPL-2.0
// kcxx::Duration, Ktime, Jiffies, now(): arithmetic, saturation, conversions.
#include <kcxx/time.h>

#include "util.h"
#include "suites.h"

using namespace kcxx;

namespace {

constexpr s64 s64_max = detail::time_max;

// Most of it is constexpr: checked by the compiler on both kernels.
static_assert(Duration::from_ms(3).as_ns() == 3000000);
static_assert(Duration::from_secs(2) == Duration::from_ms(2000));
static_assert(Duration::from_us(1) < Duration::from_ms(1));
static_assert((Ktime::from_ns(10) + Duration::from_ns(5)).as_ns() == 15);

void duration_units_and_truncation(test::Context &t)
{
	KCXX_EXPECT_EQ(t, Duration::from_us(7).as_ns(), 7000LL);
	KCXX_EXPECT_EQ(t, Duration::from_secs(3).as_ms(), 3000LL);
	KCXX_EXPECT_EQ(t, Duration::from_ns(1999999).as_ms(), 1LL);
	KCXX_EXPECT_EQ(t, Duration::from_ns(-1999999).as_ms(), -1LL); // towards zero
	KCXX_EXPECT_EQ(t, Duration::from_ms(1500).as_secs(), 1LL);
	KCXX_EXPECT_EQ(t, (Duration::from_ms(5) - Duration::from_ms(7)).as_ms(), -2LL);
	KCXX_EXPECT_EQ(t, (Duration::from_ms(6) / 4).as_us(), 1500LL);
	KCXX_EXPECT_EQ(t, (Duration::from_ms(2) * 3).as_ms(), 6LL);
}

void duration_saturates(test::Context &t)
{
	KCXX_EXPECT(t, Duration::from_secs(s64_max) == Duration::max());
	KCXX_EXPECT(t, Duration::from_secs(-s64_max) == Duration::min());
	KCXX_EXPECT(t, Duration::max() + Duration::from_ns(1) == Duration::max());
	KCXX_EXPECT(t, Duration::min() - Duration::from_ns(1) == Duration::min());
	KCXX_EXPECT(t, Duration::min() + Duration::from_ns(-1) == Duration::min());
	KCXX_EXPECT(t, Duration::max() * 2 == Duration::max());
	KCXX_EXPECT(t, Duration::max() * -2 == Duration::min());
	KCXX_EXPECT(t, Duration::min() / -1 == Duration::max());
	Duration d = Duration::max();
	d += Duration::from_secs(1);
	KCXX_EXPECT(t, d == Duration::max());
}

void duration_checked_arithmetic(test::Context &t)
{
	auto sum = Duration::from_ms(1).checked_add(Duration::from_ms(2));
	KCXX_ASSERT(t, sum.has_value());
	KCXX_EXPECT_EQ(t, sum->as_ms(), 3LL);
	KCXX_EXPECT(t, Duration::max().checked_add(Duration::from_ns(1)).is_none());
	KCXX_EXPECT(t, Duration::min().checked_sub(Duration::from_ns(1)).is_none());
	KCXX_EXPECT(t, Duration::max().checked_mul(2).is_none());
	KCXX_EXPECT(t, Duration::from_ns(4).checked_mul(-2).has_value());
}

void ktime_saturates_at_zero_and_never(test::Context &t)
{
	KCXX_EXPECT_EQ(t, Ktime::from_ns(-5).as_ns(), 0LL);
	KCXX_EXPECT_EQ(t, (Ktime::from_ns(10) - Duration::from_ns(20)).as_ns(), 0LL);
	KCXX_EXPECT(t, (Ktime::from_ns(10) + Duration::max()).is_never());
	KCXX_EXPECT(t, (Ktime::never() + Duration::from_secs(1)).is_never());
	KCXX_EXPECT_EQ(t, Ktime::never().as_ns(), static_cast<s64>(KCXX_KTIME_MAX));
	KCXX_EXPECT(t, Ktime::from_ns(10).checked_sub(Duration::from_ns(11)).is_none());
	KCXX_EXPECT(t, Ktime::never().checked_add(Duration::from_ns(1)).is_none());
	auto later = Ktime::from_ns(10).checked_add(Duration::from_ns(5));
	KCXX_ASSERT(t, later.has_value());
	KCXX_EXPECT_EQ(t, later->as_ns(), 15LL);
}

void ktime_differences_and_order(test::Context &t)
{
	Ktime a = Ktime::from_ns(1000);
	Ktime b = Ktime::from_ns(4000);
	KCXX_EXPECT(t, a < b && b > a && a != b && a <= a);
	KCXX_EXPECT_EQ(t, (b - a).as_ns(), 3000LL);
	KCXX_EXPECT_EQ(t, (a - b).as_ns(), -3000LL);
	KCXX_EXPECT_EQ(t, (Ktime::never() - Ktime::from_ns(0)).as_ns(), s64_max);
}

void now_is_monotonic(test::Context &t)
{
	Ktime first = now();
	test::msleep(5);
	Ktime second = now();
	KCXX_EXPECT(t, first.as_ns() > 0);
	// msleep() counts jiffies, so it bounds no span of ktime (a vCPU the
	// host stalled catches up on ticks in a burst): only that time passed.
	KCXX_EXPECT(t, second > first);
}

// Jiffies::from_msecs() calls __msecs_to_jiffies(); C's msecs_to_jiffies()
// is inline for constants: the two agree, on both kernels.
void jiffies_match_the_kernels_conversions(test::Context &t)
{
	static constinit const unsigned int values[] = {0, 1, 3, 4, 5, 999, 1000, 1001, 123456,
							 0x7fffffffU, 0x80000000U, 0xffffffffU};
	for (unsigned int ms : values) {
		KCXX_EXPECT_EQ(t, Jiffies::from_msecs(ms).raw(), bindings::kcxx_helper_msecs_to_jiffies(ms));
		KCXX_EXPECT_EQ(t, Jiffies::from_usecs(ms).raw(), bindings::kcxx_helper_usecs_to_jiffies(ms));
	}
	KCXX_EXPECT_EQ(t, Jiffies::from_msecs(1000).raw(), Jiffies::hz);
	KCXX_EXPECT_EQ(t, Jiffies::from_msecs(0xffffffffU).raw(), Jiffies::max_offset);
}

void jiffies_round_trip(test::Context &t)
{
	KCXX_EXPECT_EQ(t, Jiffies::from_raw(Jiffies::hz).to_msecs(), 1000U);
	KCXX_EXPECT_EQ(t, Jiffies::from_raw(Jiffies::hz).to_usecs(), 1000000U);
	KCXX_EXPECT(t, Jiffies::from_msecs(1).raw() >= 1); // rounds up
	KCXX_EXPECT_EQ(t, Jiffies::from_duration(Duration::from_secs(2)).raw(), 2 * Jiffies::hz);
	KCXX_EXPECT_EQ(t, Jiffies::from_duration(Duration::from_ns(-5)).raw(), 0UL);
	KCXX_EXPECT_EQ(t, Jiffies::from_msecs(20).to_timeout().jiffies(),
		       static_cast<long>(Jiffies::from_msecs(20).raw()));
	KCXX_EXPECT(t, Jiffies::from_raw(~0UL).to_timeout().is_forever());
}

void jiffies_order_is_wrap_safe(test::Context &t)
{
	Jiffies before_wrap = Jiffies::from_raw(~0UL - 2);
	Jiffies after_wrap = before_wrap + Jiffies::from_raw(5);
	KCXX_EXPECT_EQ(t, after_wrap.raw(), 2UL);
	KCXX_EXPECT(t, after_wrap.after(before_wrap));
	KCXX_EXPECT(t, before_wrap.before(after_wrap));
	KCXX_EXPECT(t, !before_wrap.after(before_wrap));
	KCXX_EXPECT_EQ(t, (after_wrap - before_wrap).raw(), 5UL);

	Jiffies start = Jiffies::now();
	test::msleep(20);
	KCXX_EXPECT(t, Jiffies::now().after(start));
}

constexpr test::Case cases[] = {
	KCXX_CASE(duration_units_and_truncation),
	KCXX_CASE(duration_saturates),
	KCXX_CASE(duration_checked_arithmetic),
	KCXX_CASE(ktime_saturates_at_zero_and_never),
	KCXX_CASE(ktime_differences_and_order),
	KCXX_CASE(now_is_monotonic),
	KCXX_CASE(jiffies_match_the_kernels_conversions),
	KCXX_CASE(jiffies_round_trip),
	KCXX_CASE(jiffies_order_is_wrap_safe),
};

} // namespace

constinit const test::Suite time_suite{"kcxx_time", cases};
