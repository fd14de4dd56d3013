// SPDX-License-Identifier: GPL-2.0
// kcxx::UserSlice, UserSliceReader, UserSliceWriter against real user memory
// mapped in the loading process (kcxx/test_user_memory.h).
#include <kcxx/compiler.h>
#include <kcxx/test_user_memory.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>
#include <kcxx/vec.h>

#include "suites.h"

using namespace kcxx;
using test::UserMemory;

namespace {

// A range with data() and size(), as kcxx's containers and spans have.
struct Bytes {
	u8 *ptr;
	unsigned long count;
	u8 *data() const { return ptr; }
	unsigned long size() const { return count; }
};

struct Record {
	u32 id;
	u32 flags;
	u64 value;
};
static_assert(ToUser<Record> && FromUser<Record>);

// What the concepts accept: compile-time facts, checked here once.
struct Padded {
	u8 small;
	u64 big;
};
enum class Colour : u8 { red };
static_assert(!ToUser<Padded>, "padding would leak kernel memory");
static_assert(FromUser<Padded>);
static_assert(!FromUser<bool> && !FromUser<Colour> && !FromUser<int *> && !FromUser<bool[4]>);
static_assert(!ToUser<int *> && ToUser<u8[3]> && ToUser<Record>);
static_assert(!std::is_copy_constructible_v<UserSliceReader>);
static_assert(!std::is_copy_constructible_v<UserSliceWriter>);
static_assert(!std::is_copy_constructible_v<UserSlice>);

// A read the compiler cannot see into: where it could prove a read past
// the end, the build would fail (the FORTIFY-style check in uaccess.h),
// and these cases test the run-time check.
[[KCXX_NOIPA]] Result<u32> opaque_read_u32(UserSliceReader &reader)
{
	return reader.read<u32>();
}

void write_then_read_round_trip(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	const Record out{7, 0x55, 0x1122334455667788ULL};
	{
		UserSliceWriter w = UserSlice(mem.address(), sizeof(Record)).writer();
		KCXX_ASSERT_OK(t, w.write(out));
		KCXX_EXPECT_EQ(t, w.len(), 0UL);
		KCXX_EXPECT(t, w.is_empty());
	}
	UserSliceReader r = UserSlice(mem.address(), sizeof(Record)).reader();
	Record in = KCXX_ASSERT_TRY(t, r.read<Record>());
	KCXX_EXPECT_EQ(t, in.id, 7U);
	KCXX_EXPECT_EQ(t, in.flags, 0x55U);
	KCXX_EXPECT_EQ(t, in.value, 0x1122334455667788ULL);
	KCXX_EXPECT(t, r.is_empty());
}

void reader_advances_and_never_rereads(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	u32 values[4] = {10, 20, 30, 40};
	KCXX_ASSERT_OK(t, UserSlice(mem.address(), sizeof(values)).writer().write_slice(values));

	UserSliceReader r = UserSlice(mem.address(), sizeof(values)).reader();
	KCXX_EXPECT_EQ(t, r.len(), 16UL);
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, r.read<u32>()), 10U);
	KCXX_EXPECT_EQ(t, r.len(), 12UL);
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, r.read<u32>()), 20U);
	KCXX_ASSERT_OK(t, r.skip(4));
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, r.read<u32>()), 40U);
	KCXX_EXPECT(t, r.is_empty());
}

void read_past_the_end_is_efault_and_keeps_position(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	UserSliceReader r = UserSlice(mem.address(), test::opaque(6UL)).reader();
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, r.read<u32>()), 0U);
	auto past = r.read<u32>(); // 2 bytes left
	KCXX_ASSERT(t, past.is_error());
	KCXX_EXPECT(t, past.error() == code::EFAULT);
	KCXX_EXPECT_EQ(t, r.len(), 2UL);
	KCXX_EXPECT(t, r.skip(3).is_error());
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, r.read<u16>()), static_cast<u16>(0));
}

void write_past_the_end_is_efault(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	UserSliceWriter w = UserSlice(mem.address(), test::opaque(7UL)).writer();
	KCXX_ASSERT_OK(t, w.write(u32{1}));
	auto r = w.write(u32{2});
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::EFAULT);
	KCXX_EXPECT_EQ(t, w.len(), 3UL);
	u8 three[3] = {1, 2, 3};
	KCXX_ASSERT_OK(t, w.write_slice(three));
	KCXX_EXPECT(t, w.is_empty());
}

void read_slice_fills_whole_destination(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	u8 pattern[64];
	for (unsigned i = 0; i < sizeof(pattern); ++i)
		pattern[i] = static_cast<u8>(i * 3);
	KCXX_ASSERT_OK(t, UserSlice(mem.address(), 64).writer().write_slice(pattern));

	u8 storage[48] = {};
	UserSliceReader r = UserSlice(mem.address(), test::opaque(64UL)).reader();
	KCXX_ASSERT_OK(t, r.read_slice(Bytes{storage, 48}));
	KCXX_EXPECT_EQ(t, storage[47], static_cast<u8>(47 * 3));
	KCXX_EXPECT_EQ(t, r.len(), 16UL);
	// 32 bytes do not fit in the 16 left: nothing is copied.
	u8 again[32] = {};
	KCXX_EXPECT(t, r.read_slice(again).is_error());
	KCXX_EXPECT_EQ(t, again[0], static_cast<u8>(0));
	KCXX_EXPECT_EQ(t, r.len(), 16UL);
	u8 empty_storage[1];
	KCXX_ASSERT_OK(t, r.read_slice(Bytes{empty_storage, 0}));
	KCXX_EXPECT_EQ(t, r.len(), 16UL);
}

void unmapped_address_is_efault(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(2, UserMemory::read_write));
	KCXX_ASSERT_OK(t, mem.unmap_page(1));
	auto r = UserSlice(mem.page(1), 8).reader().read<u64>();
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::EFAULT);
	auto w = UserSlice(mem.page(1), 8).writer().write(u64{1});
	KCXX_ASSERT(t, w.is_error());
	KCXX_EXPECT(t, w.error() == code::EFAULT);
}

// read_all(): every byte left, appended to a Vec (a bounce buffer); a fault
// appends nothing and reads nothing (the reader keeps its position).
void read_all_appends_every_byte_left(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(2, UserMemory::read_write));
	u8 pattern[100];
	for (unsigned int i = 0; i < sizeof(pattern); ++i)
		pattern[i] = static_cast<u8>(i * 3 + 1);
	KCXX_ASSERT_OK(t, UserSlice(mem.page(0), sizeof(pattern)).writer().write_slice(pattern));
	Vec<u8> out;
	KCXX_ASSERT_OK(t, out.try_push(0xee, GFP_KERNEL)); // appended after what is there
	UserSliceReader r = UserSlice(mem.page(0), sizeof(pattern)).reader();
	KCXX_ASSERT_OK(t, r.skip(10));
	KCXX_ASSERT_OK(t, r.read_all(out, GFP_KERNEL));
	KCXX_EXPECT_EQ(t, r.len(), 0UL);
	KCXX_ASSERT(t, out.size() == 91);
	KCXX_EXPECT_EQ(t, out[0], u8{0xee});
	unsigned long wrong = 0;
	for (unsigned int i = 10; i < sizeof(pattern); ++i)
		wrong += out[i - 9] != pattern[i];
	KCXX_EXPECT_EQ(t, wrong, 0UL);
	// Nothing left: appends nothing, succeeds.
	KCXX_ASSERT_OK(t, r.read_all(out, GFP_KERNEL));
	KCXX_EXPECT(t, out.size() == 91);
	// Across into an unmapped page: -EFAULT, the Vec and the reader as
	// they were.
	KCXX_ASSERT_OK(t, mem.unmap_page(1));
	UserSliceReader across = UserSlice(mem.page(1).offset(static_cast<unsigned long>(-8)), 16).reader();
	auto faulted = across.read_all(out, GFP_KERNEL);
	KCXX_ASSERT(t, faulted.is_error());
	KCXX_EXPECT(t, faulted.error() == code::EFAULT);
	KCXX_EXPECT(t, out.size() == 91);
	KCXX_EXPECT_EQ(t, across.len(), 16UL);
}

void copy_across_into_unmapped_page_is_efault(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(2, UserMemory::read_write));
	KCXX_ASSERT_OK(t, mem.unmap_page(1));
	// The last 4 bytes of the mapped page and 4 of the hole.
	UserAddress straddle = mem.page(1).offset(static_cast<unsigned long>(-4));
	UserSliceReader r = UserSlice(straddle, 8).reader();
	auto v = r.read<u64>();
	KCXX_ASSERT(t, v.is_error());
	KCXX_EXPECT(t, v.error() == code::EFAULT);
	KCXX_EXPECT_EQ(t, r.len(), 8UL); // a failed copy does not advance
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, r.read<u32>()), 0U);
	KCXX_EXPECT(t, UserSlice(straddle, 8).writer().write(u64{5}).is_error());
}

void kernel_address_is_efault(test::Context &t)
{
	u64 kernel_object = 0x1234;
	UserAddress kernel(&kernel_object);
	auto r = UserSlice(kernel, 8).reader().read<u64>();
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::EFAULT);
	KCXX_EXPECT(t, UserSlice(kernel, 8).writer().write(u64{0xdead}).is_error());
	KCXX_EXPECT_EQ(t, kernel_object, 0x1234ULL);
}

void null_address_is_efault(test::Context &t)
{
	KCXX_EXPECT(t, UserSlice(UserAddress(), 4).reader().read<u32>().is_error());
	KCXX_EXPECT(t, UserSlice(UserAddress(), 4).writer().write(u32{1}).is_error());
}

void read_only_mapping_reads_but_refuses_writes(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_only));
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, UserSlice(mem.address(), 8).reader().read<u64>()), 0ULL);
	auto w = UserSlice(mem.address(), 8).writer().write(u64{1});
	KCXX_ASSERT(t, w.is_error());
	KCXX_EXPECT(t, w.error() == code::EFAULT);
}

void reader_writer_cover_the_same_bytes(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	KCXX_ASSERT_OK(t, UserSlice(mem.address(), 8).writer().write(u64{41}));
	auto [reader, writer] = UserSlice(mem.address(), 8).reader_writer();
	u64 v = KCXX_ASSERT_TRY(t, reader.read<u64>());
	KCXX_ASSERT_OK(t, writer.write(v + 1));
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, UserSlice(mem.address(), 8).reader().read<u64>()), 42ULL);
}

void moved_from_slices_are_empty(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(1, UserMemory::read_write));
	UserSlice slice(mem.address(), 16);
	UserSliceReader first = static_cast<UserSlice &&>(slice).reader();
	KCXX_EXPECT_EQ(t, slice.len(), 0UL);
	// A second reader from the consumed slice reads nothing.
	UserSliceReader second = static_cast<UserSlice &&>(slice).reader();
	KCXX_EXPECT(t, opaque_read_u32(second).is_error());
	UserSliceReader moved = static_cast<UserSliceReader &&>(first);
	KCXX_EXPECT_EQ(t, first.len(), 0UL);
	KCXX_EXPECT_EQ(t, moved.len(), 16UL);
	KCXX_EXPECT(t, opaque_read_u32(first).is_error());
}

void typed_pointers_and_lengths(test::Context &t)
{
	UserPtr<Record> p(0x10000UL);
	KCXX_EXPECT_EQ(t, p.offset(2).address().value(), 0x10000UL + 2 * sizeof(Record));
	KCXX_EXPECT_EQ(t, UserSlice(p).len(), sizeof(Record));
	KCXX_EXPECT_EQ(t, UserSlice(p, 3).len(), 3 * sizeof(Record));
	// A count whose byte length overflows saturates: every copy fails.
	KCXX_EXPECT_EQ(t, UserSlice(p, ~0UL / 2).len(), ~0UL);
	KCXX_EXPECT(t, UserPtr<u8>().is_null());
}

void large_copies_cross_pages(test::Context &t)
{
	auto mem = KCXX_ASSERT_TRY(t, UserMemory::map(3, UserMemory::read_write));
	static u8 source[2 * 4096 + 100];
	static u8 sink[2 * 4096 + 100];
	for (unsigned long i = 0; i < sizeof(source); ++i)
		source[i] = static_cast<u8>(i ^ (i >> 8));
	UserAddress start = mem.address().offset(1000);
	KCXX_ASSERT_OK(t, UserSlice(start, sizeof(source)).writer().write_slice(source));
	KCXX_ASSERT_OK(t, UserSlice(start, sizeof(sink)).reader().read_slice(sink));
	bool same = true;
	for (unsigned long i = 0; i < sizeof(sink); ++i)
		same = same && sink[i] == source[i];
	KCXX_EXPECT(t, same);
}

constexpr test::Case cases[] = {
	KCXX_CASE(write_then_read_round_trip),
	KCXX_CASE(reader_advances_and_never_rereads),
	KCXX_CASE(read_past_the_end_is_efault_and_keeps_position),
	KCXX_CASE(write_past_the_end_is_efault),
	KCXX_CASE(read_slice_fills_whole_destination),
	KCXX_CASE(unmapped_address_is_efault),
	KCXX_CASE(copy_across_into_unmapped_page_is_efault),
	KCXX_CASE(read_all_appends_every_byte_left),
	KCXX_CASE(kernel_address_is_efault),
	KCXX_CASE(null_address_is_efault),
	KCXX_CASE(read_only_mapping_reads_but_refuses_writes),
	KCXX_CASE(reader_writer_cover_the_same_bytes),
	KCXX_CASE(moved_from_slices_are_empty),
	KCXX_CASE(typed_pointers_and_lengths),
	KCXX_CASE(large_copies_cross_pages),
};

} // namespace

constinit const test::Suite user_slice_suite{"kcxx_user_slice", cases};
