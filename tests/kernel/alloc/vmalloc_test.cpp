// SPDX-License-Identifier: GPL-2.0
// vmalloc-backed VBox<T> and VVec<T>: buffers of megabytes.
#include <kcxx/box.h>
#include <kcxx/vec.h>

#include "suites.h"

using namespace kcxx;

namespace {

constexpr unsigned long eight_mib = 8UL << 20;

// Far beyond what kmalloc can give (KMALLOC_MAX_SIZE is 4 MiB on x86-64).
struct Frame {
	unsigned char pixels[eight_mib];
};
static_assert(sizeof(Frame) > KCXX_KMALLOC_MAX_SIZE);

void vbox_holds_8_mib(test::Context &t)
{
	auto frame = KCXX_ASSERT_TRY(t, VBox<Frame>::try_new(GFP_KERNEL)); // value-initialised: zeroed
	KCXX_EXPECT_EQ(t, reinterpret_cast<unsigned long>(frame.get()) % KCXX_PAGE_SIZE, 0UL);
	bool zero = true;
	for (unsigned long i = 0; i < eight_mib; i += 4093)
		zero = zero && frame->pixels[i] == 0;
	KCXX_EXPECT(t, zero);
	frame->pixels[0] = 1;
	frame->pixels[eight_mib - 1] = 2; // the last byte is ours
	KCXX_EXPECT_EQ(t, frame->pixels[0] + frame->pixels[eight_mib - 1], 3);
}

void kmalloc_box_cannot_hold_it(test::Context &t)
{
	auto frame = Box<Frame>::try_new(GFP_KERNEL | GFP_NOWARN);
	KCXX_EXPECT(t, frame.is_error() && frame.error() == code::ENOMEM);
}

void vvec_grows_to_8_mib(test::Context &t)
{
	VVec<unsigned int> v;
	const unsigned long n = eight_mib / sizeof(unsigned int);
	for (unsigned long i = 0; i < n; ++i)
		KCXX_ASSERT_OK(t, v.try_push(static_cast<unsigned int>(i), GFP_KERNEL));
	KCXX_EXPECT_EQ(t, v.size(), n);
	KCXX_EXPECT(t, v.capacity() * sizeof(unsigned int) >= eight_mib);
	bool ok = true;
	for (unsigned long i = 0; i < n; i += 997)
		ok = ok && v[i] == i;
	KCXX_EXPECT(t, ok && *v.last() == n - 1);
}

void vvec_with_capacity_exact(test::Context &t)
{
	auto v = KCXX_ASSERT_TRY(t, VVec<char>::try_with_capacity(eight_mib, GFP_KERNEL));
	KCXX_EXPECT_EQ(t, v.capacity(), eight_mib);
	KCXX_ASSERT_OK(t, v.try_resize(eight_mib, 'k', GFP_KERNEL));
	KCXX_EXPECT_EQ(t, v[eight_mib - 1], 'k');
	KCXX_EXPECT(t, v.push_within_capacity('x').error() == code::ENOSPC);
}

// Flags the compiler cannot see through: with constant GFP_ATOMIC the
// calls below would not compile (tests/compile-fail/vmalloc_atomic_flags).
Gfp opaque(Gfp flags)
{
	unsigned int bits = flags.bits();
	asm("" : "+r"(bits));
	return Gfp(bits);
}

void vmalloc_refuses_atomic_flags(test::Context &t)
{
	// vmalloc may sleep: GFP_ATOMIC/GFP_NOWAIT are refused, not tried.
	auto a = VBox<int>::try_new(opaque(GFP_ATOMIC), 1);
	KCXX_EXPECT(t, a.is_error() && a.error() == code::EINVAL);
	VVec<int> v;
	KCXX_EXPECT(t, v.try_push(1, opaque(GFP_NOWAIT)).error() == code::EINVAL);
	KCXX_EXPECT(t, v.try_push(1, GFP_NOIO).is_ok()); // sleeping, without I/O
}

void vmalloc_impossible_size_is_enomem(test::Context &t)
{
	// 1 TiB: more pages than the machine has.
	auto v = VVec<char>::try_with_capacity(1UL << 40, GFP_KERNEL | GFP_NOWARN);
	KCXX_EXPECT(t, v.is_error() && v.error() == code::ENOMEM);
}

constexpr test::Case cases[] = {
	KCXX_CASE(vbox_holds_8_mib),
	KCXX_CASE(kmalloc_box_cannot_hold_it),
	KCXX_CASE(vvec_grows_to_8_mib),
	KCXX_CASE(vvec_with_capacity_exact),
	KCXX_CASE(vmalloc_refuses_atomic_flags),
	KCXX_CASE(vmalloc_impossible_size_is_enomem),
};

} // namespace

constinit const test::Suite vmalloc_suite{"kcxx_vmalloc", cases};
