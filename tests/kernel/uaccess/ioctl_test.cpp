// SPDX-License-Identifier: GPL-2.0
// kcxx::ioctl: command encoding (the kernel's _IOC), decoding, and the typed
// dispatch against real user memory.
#include <kcxx/ioctl.h>
#include <kcxx/test_user_memory.h>
#include <kcxx/types.h>

#include "suites.h"

using namespace kcxx;
using namespace kcxx::ioctl;
using test::UserMemory;

namespace {

struct Pair {
	u32 a;
	u32 b;
};

constexpr auto GET = Read<u64>('t', 1);
constexpr auto SET = Write<u64>('t', 2);
constexpr auto SWAP = ReadWrite<Pair>('t', 3);
constexpr auto RESET = Io('t', 4);
constexpr auto ADD = Io('t', 5);
constexpr auto FAIL = Read<u32>('t', 6);

// The x86 (asm-generic) encoding, spelled out: dir << 30 | size << 16 |
// type << 8 | nr.
static_assert(GET.value == ((2U << 30) | (8U << 16) | ('t' << 8) | 1));
static_assert(SET.value == ((1U << 30) | (8U << 16) | ('t' << 8) | 2));
static_assert(SWAP.value == ((3U << 30) | (8U << 16) | ('t' << 8) | 3));
static_assert(RESET.value == (('t' << 8) | 4));

// The device the handlers act on.
struct Device {
	u64 value = 0;

	Result<long> ioctl(Request request)
	{
		return request.dispatch(
			handle<GET>([&](Out<u64> out) { return std::move(out).write(value); }),
			handle<SET>([&](In<u64> in) -> Result<void> {
				value = TRY(std::move(in).read());
				return {};
			}),
			handle<SWAP>([&](In<Pair> in, Out<Pair> out) -> Result<long> {
				Pair p = TRY(std::move(in).read());
				TRY(std::move(out).write(Pair{p.b, p.a}));
				return 1;
			}),
			handle<RESET>([&]() -> Result<void> {
				value = 0;
				return {};
			}),
			handle<ADD>([&](unsigned long amount) -> Result<long> {
				value += amount;
				return static_cast<long>(value);
			}),
			handle<FAIL>([&](Out<u32>) -> Result<long> { return code::EBUSY; }));
	}
};

void decodes_fields(test::Context &t)
{
	KCXX_EXPECT(t, direction(GET.value) == Direction::read);
	KCXX_EXPECT(t, direction(SET.value) == Direction::write);
	KCXX_EXPECT(t, direction(SWAP.value) == Direction::read_write);
	KCXX_EXPECT(t, direction(RESET.value) == Direction::none);
	KCXX_EXPECT_EQ(t, type(SWAP.value), static_cast<u32>('t'));
	KCXX_EXPECT_EQ(t, number(SWAP.value), 3U);
	KCXX_EXPECT_EQ(t, size(SWAP.value), static_cast<u32>(sizeof(Pair)));
	KCXX_EXPECT_EQ(t, size(RESET.value), 0U);
}

void matches_kernel_macros(test::Context &t)
{
	// The same values the C compiler computed with _IOR/_IOW/_IOWR/_IO
	// (also asserted at compile time in kcxx/ioctl.h).
	KCXX_EXPECT_EQ(t, Read<u64>('k', 1).value, static_cast<u32>(KCXX_IOC_EXAMPLE_IOR_K_1_U64));
	KCXX_EXPECT_EQ(t, Write<u32>('k', 2).value, static_cast<u32>(KCXX_IOC_EXAMPLE_IOW_K_2_U32));
	KCXX_EXPECT_EQ(t, ReadWrite<u8[24]>('k', 3).value,
		       static_cast<u32>(KCXX_IOC_EXAMPLE_IOWR_K_3_24));
	KCXX_EXPECT_EQ(t, Io('k', 4).value, static_cast<u32>(KCXX_IOC_EXAMPLE_IO_K_4));
}

void write_then_read_through_user_memory(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	Device dev;
	KCXX_ASSERT_OK(t, UserSlice(mem.address(), 8).writer().write(u64{0xabcdef}));
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, dev.ioctl(Request(SET.value, mem.address().value()))), 0L);
	KCXX_EXPECT_EQ(t, dev.value, 0xabcdefULL);

	dev.value = 99;
	auto out = mem.address().offset(64);
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, dev.ioctl(Request(GET.value, out.value()))), 0L);
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, UserSlice(out, 8).reader().read<u64>()), 99ULL);
}

void read_write_command_round_trips(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	Device dev;
	KCXX_ASSERT_OK(t, UserSlice(mem.address(), sizeof(Pair)).writer().write(Pair{1, 2}));
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, dev.ioctl(Request(SWAP.value, mem.address().value()))), 1L);
	Pair p = KCXX_ASSERT_TRY(t, UserSlice(mem.address(), sizeof(Pair)).reader().read<Pair>());
	KCXX_EXPECT_EQ(t, p.a, 2U);
	KCXX_EXPECT_EQ(t, p.b, 1U);
}

void value_commands(test::Context &t)
{
	Device dev;
	dev.value = 5;
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, dev.ioctl(Request(ADD.value, 7))), 12L);
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, dev.ioctl(Request(RESET.value, 0))), 0L);
	KCXX_EXPECT_EQ(t, dev.value, 0ULL);
}

void unknown_command_is_enotty(test::Context &t)
{
	Device dev;
	auto r = dev.ioctl(Request(Read<u64>('t', 99).value, 0));
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::ENOTTY);
	// The right number with the wrong size is another command.
	auto wrong_size = dev.ioctl(Request(Read<u32>('t', 1).value, 0));
	KCXX_ASSERT(t, wrong_size.is_error());
	KCXX_EXPECT(t, wrong_size.error() == code::ENOTTY);
	auto none = Request(GET.value, 0).dispatch();
	KCXX_EXPECT(t, none.is_error() && none.error() == code::ENOTTY);
}

void bad_argument_pointer_is_efault(test::Context &t)
{
	Device dev;
	u64 kernel_object = 0;
	for (unsigned long arg : {0UL, reinterpret_cast<unsigned long>(&kernel_object), 0xfffffffffffff000UL}) {
		auto get = dev.ioctl(Request(GET.value, arg));
		KCXX_EXPECT(t, get.is_error() && get.error() == code::EFAULT);
		auto set = dev.ioctl(Request(SET.value, arg));
		KCXX_EXPECT(t, set.is_error() && set.error() == code::EFAULT);
	}
	KCXX_EXPECT_EQ(t, kernel_object, 0ULL);
}

void handler_error_reaches_caller(test::Context &t)
{
	Device dev;
	auto r = dev.ioctl(Request(FAIL.value, 0));
	KCXX_EXPECT(t, r.is_error() && r.error() == code::EBUSY);
}

constexpr test::Case cases[] = {
	KCXX_CASE(decodes_fields),
	KCXX_CASE(matches_kernel_macros),
	KCXX_CASE(write_then_read_through_user_memory),
	KCXX_CASE(read_write_command_round_trips),
	KCXX_CASE(value_commands),
	KCXX_CASE(unknown_command_is_enotty),
	KCXX_CASE(bad_argument_pointer_is_efault),
	KCXX_CASE(handler_error_reaches_caller),
};

} // namespace

constinit const test::Suite ioctl_suite{"kcxx_ioctl", cases};
