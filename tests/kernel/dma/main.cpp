// SPDX-License-Identifier: GPL-2.0
//
// kcxx_dma_test: streaming DMA mappings (dma::SingleMapping, dma::SgMapping)
// moving real data through QEMU's edu device (1234:11e8), and the
// resources a BindingLock owns (binding_lock.h), which need a probe.
//
// The module is a kcxx PCI driver for edu; its probe runs the KTAP suites
// with the bound device (printk KTAP on every kernel: the cases need the
// device, which a KUnit thread would not have), then keeps nothing but the
// device enabled.  Bind it alone (tests/vm/dma.sh loads no other edu
// driver) or with driver_override.
//
// The edu DMA engine: 0x80 source, 0x88 destination, 0x90 count, 0x98
// command (1 start - also "running" -, 2 direction edu -> RAM, 4 interrupt);
// the device's buffer is at device address 0x40000, and a transfer must not
// reach its last byte (QEMU 7.2 aborts): offset + length <= 4095.  A transfer
// completes after 100 ms of QEMU virtual time; the cases poll the command
// register (no interrupt).
#include <kcxx/binding_lock.h>
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/dma/sg_table.h>
#include <kcxx/io/poll.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/driver.h>
#include <kcxx/span.h>
#include <kcxx/test.h>
#include <kcxx/time.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

namespace {

using kcxx::Result;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;
using kcxx::Vec;
using kcxx::test::Context;
namespace dma = kcxx::dma;

constexpr unsigned long REG_DMA_SRC = 0x80;
constexpr unsigned long REG_DMA_DST = 0x88;
constexpr unsigned long REG_DMA_COUNT = 0x90;
constexpr unsigned long REG_DMA_CMD = 0x98;
constexpr unsigned long REGS_SIZE = 0x100;
constexpr u64 DMA_START = 0x1;
constexpr u64 DMA_FROM_DEVICE = 0x2;
constexpr u64 DEVICE_BUFFER = 0x40000;
constexpr u32 DEVICE_BUFFER_LIMIT = 4095;
constexpr unsigned int DMA_MASK_BITS = 28;

using Registers = kcxx::pci::Bar<REGS_SIZE>;

// What the running cases use: set by probe for the duration of the suites.
struct Bound {
	const kcxx::CoreDevice &dev;
	const Registers &regs;
};
const Bound *bound = nullptr;

// The probes so far, and a Devres the first one made and the second one
// checks: one of an earlier binding of the device (tests/vm/dma.sh binds
// the driver twice).
int probes = 0;
kcxx::Devres<u32> *kept = nullptr;

// One transfer between bus address 'ram' and the device's buffer at
// 'offset', polled to completion (at most 10 s).
Result<void> edu_dma(const Registers &regs, dma::Address ram, u32 offset, u32 length, bool to_device)
{
	if (length == 0 || offset > DEVICE_BUFFER_LIMIT || length > DEVICE_BUFFER_LIMIT - offset)
		return kcxx::code::EINVAL;
	if (ram.value() + length > (1ULL << DMA_MASK_BITS))
		return kcxx::code::EINVAL;
	auto command = [&] { return regs.read64<REG_DMA_CMD>(); };
	auto idle = [](u64 v) { return !(v & DMA_START); };
	TRY(kcxx::io::read_poll_timeout(command, idle, 1000, kcxx::Jiffies::from_secs(10)));
	u64 device = DEVICE_BUFFER + offset;
	regs.write64<REG_DMA_SRC>(to_device ? ram.value() : device);
	regs.write64<REG_DMA_DST>(to_device ? device : ram.value());
	regs.write64<REG_DMA_COUNT>(length);
	regs.write64<REG_DMA_CMD>(DMA_START | (to_device ? 0 : DMA_FROM_DEVICE));
	TRY(kcxx::io::read_poll_timeout(command, idle, 1000, kcxx::Jiffies::from_secs(10)));
	return {};
}

u8 pattern(u32 seed, unsigned long i) { return static_cast<u8>((i * 7 + seed) ^ (i >> 8)); }

Result<Vec<u8>> filled(unsigned long n, u8 value)
{
	Vec<u8> v;
	TRY(v.try_resize(n, value, kcxx::GFP_KERNEL));
	return v;
}

// A patterned buffer to the device through SingleMapping<ToDevice>, back
// through SingleMapping<FromDevice> into a buffer of other bytes; what the
// CPU gets back after unmap() is the pattern.
void single_round_trip(Context &t)
{
	constexpr u32 OFFSET = 100, LENGTH = 3000;
	Vec<u8> out = KCXX_ASSERT_TRY(t, filled(LENGTH, 0));
	for (unsigned long i = 0; i < LENGTH; ++i)
		out[i] = pattern(1, i);

	auto to = KCXX_ASSERT_TRY(t, dma::SingleMapping<dma::ToDevice>::map(bound->dev, std::move(out)));
	KCXX_EXPECT_EQ(t, to.size_bytes(), static_cast<unsigned long>(LENGTH));
	KCXX_ASSERT_OK(t, edu_dma(bound->regs, to.dma_address(), OFFSET, LENGTH, true));
	out = std::move(to).unmap();
	KCXX_EXPECT_EQ(t, out.size(), static_cast<unsigned long>(LENGTH));

	Vec<u8> in = KCXX_ASSERT_TRY(t, filled(LENGTH, 0xaa));
	auto from = KCXX_ASSERT_TRY(t, dma::SingleMapping<dma::FromDevice>::map(bound->dev, std::move(in)));
	KCXX_ASSERT_OK(t, edu_dma(bound->regs, from.dma_address(), OFFSET, LENGTH, false));
	// Read through the mapping after a sync, then give it back.
	from.sync_for_cpu();
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, from.read(0)), pattern(1, 0));
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, from.read(LENGTH - 1)), pattern(1, LENGTH - 1));
	KCXX_EXPECT(t, from.read(LENGTH).is_error());
	from.sync_for_device();
	in = std::move(from).unmap();

	KCXX_ASSERT(t, in.size() == LENGTH);
	unsigned long wrong = 0;
	for (unsigned long i = 0; i < LENGTH; ++i)
		wrong += in[i] != pattern(1, i);
	KCXX_EXPECT_EQ(t, wrong, 0UL);
}

// A ToDevice mapping written element by element while mapped, then synced
// for the device: the device reads what the CPU wrote.
void single_write_while_mapped(Context &t)
{
	constexpr u32 OFFSET = 0, LENGTH = 256;
	Vec<u32> words;
	KCXX_ASSERT_OK(t, words.try_resize(LENGTH / 4, 0u, kcxx::GFP_KERNEL));
	using ToWords = dma::SingleMapping<dma::ToDevice, Vec<u32>>;
	using FromWords = dma::SingleMapping<dma::FromDevice, Vec<u32>>;
	auto to = KCXX_ASSERT_TRY(t, ToWords::map(bound->dev, std::move(words)));
	for (u32 i = 0; i < LENGTH / 4; ++i)
		KCXX_ASSERT_OK(t, to.write(i, 0x01020304u * (i + 1)));
	KCXX_EXPECT(t, to.write(LENGTH / 4, 0).is_error());
	to.sync_for_device();
	KCXX_ASSERT_OK(t, edu_dma(bound->regs, to.dma_address(), OFFSET, LENGTH, true));
	words = std::move(to).unmap();

	Vec<u32> back;
	KCXX_ASSERT_OK(t, back.try_resize(LENGTH / 4, 0u, kcxx::GFP_KERNEL));
	auto from = KCXX_ASSERT_TRY(t, FromWords::map(bound->dev, std::move(back)));
	KCXX_ASSERT_OK(t, edu_dma(bound->regs, from.dma_address(), OFFSET, LENGTH, false));
	back = std::move(from).unmap();
	unsigned long wrong = 0;
	for (u32 i = 0; i < LENGTH / 4; ++i)
		wrong += back[i] != 0x01020304u * (i + 1);
	KCXX_EXPECT_EQ(t, wrong, 0UL);
}

// Chunks of 512, 1024 and 2048 bytes (3584 in all).
constexpr unsigned long SG_CHUNKS[] = {512, 1024, 2048};

Result<dma::SgMapping<dma::ToDevice>::Chunks> sg_chunks(bool patterned, u32 seed)
{
	using Chunks = dma::SgMapping<dma::ToDevice>::Chunks;
	Chunks chunks = TRY(Chunks::try_with_capacity(3, kcxx::GFP_KERNEL));
	unsigned long at = 0;
	for (unsigned long size : SG_CHUNKS) {
		Vec<u8> chunk = TRY(filled(size, 0x55));
		if (patterned)
			for (unsigned long i = 0; i < size; ++i)
				chunk[i] = pattern(seed, at + i);
		at += size;
		TRY(chunks.push_within_capacity(std::move(chunk)));
	}
	return chunks;
}

// One DMA per mapped segment, at consecutive offsets of the device's
// buffer; answers the number of segments.
template <typename Mapping> Result<unsigned int> dma_segments(const Mapping &m, bool to_device)
{
	u32 offset = 0;
	unsigned int n = 0;
	for (dma::Segment s : m.segments()) {
		TRY(edu_dma(bound->regs, s.address, offset, s.length, to_device));
		offset += s.length;
		++n;
	}
	if (offset != m.size_bytes())
		return kcxx::code::EIO;
	return n;
}

// The same round trip through scatter-gather mappings of 3 chunks, one
// transfer per segment; the mapping moves on the way.
void sg_round_trip(Context &t)
{
	auto to = KCXX_ASSERT_TRY(
		t, dma::SgMapping<dma::ToDevice>::map(bound->dev, KCXX_ASSERT_TRY(t, sg_chunks(true, 3))));
	KCXX_EXPECT_EQ(t, to.size_bytes(), 3584UL);
	KCXX_EXPECT_EQ(t, to.chunk_count(), 3UL);
	KCXX_EXPECT(t, to.segments().size() >= 2);
	auto moved = std::move(to);
	unsigned int n = KCXX_ASSERT_TRY(t, dma_segments(moved, true));
	KCXX_EXPECT(t, n >= 2);
	auto back_out = std::move(moved).unmap();
	KCXX_EXPECT_EQ(t, back_out.size(), 3UL);

	auto from = KCXX_ASSERT_TRY(
		t, dma::SgMapping<dma::FromDevice>::map(bound->dev, KCXX_ASSERT_TRY(t, sg_chunks(false, 0))));
	n = KCXX_ASSERT_TRY(t, dma_segments(from, false));
	KCXX_EXPECT(t, n >= 2);
	from.sync_for_cpu();
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, from.read(1, 0)), pattern(3, 512));
	KCXX_EXPECT(t, from.read(3, 0).is_error());
	KCXX_EXPECT(t, from.read(0, 512).is_error());
	from.sync_for_device();
	auto chunks = std::move(from).unmap();

	KCXX_ASSERT(t, chunks.size() == 3);
	unsigned long at = 0, wrong = 0;
	for (unsigned long c = 0; c < 3; ++c) {
		KCXX_ASSERT(t, chunks[c].size() == SG_CHUNKS[c]);
		for (unsigned long i = 0; i < SG_CHUNKS[c]; ++i)
			wrong += chunks[c][i] != pattern(3, at + i);
		at += SG_CHUNKS[c];
	}
	KCXX_EXPECT_EQ(t, wrong, 0UL);
}

// SgMapping<Bidirectional>::alloc(): zeroed chunks, patterned by write()
// while mapped and sent to the device; cleared by the CPU, then filled
// again by the device, and read back through the mapping after
// sync_for_cpu().
void sg_bidirectional(Context &t)
{
	auto m = KCXX_ASSERT_TRY(t, dma::SgMapping<dma::Bidirectional>::alloc(bound->dev, 4, 256, kcxx::GFP_KERNEL));
	KCXX_EXPECT_EQ(t, m.size_bytes(), 1024UL);
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, m.read(3, 255)), static_cast<u8>(0));
	for (unsigned long c = 0; c < 4; ++c)
		for (unsigned long i = 0; i < 256; ++i)
			KCXX_ASSERT_OK(t, m.write(c, i, pattern(9, c * 256 + i)));
	m.sync_for_device();
	KCXX_ASSERT_TRY(t, dma_segments(m, true));
	m.sync_for_cpu();
	for (unsigned long c = 0; c < 4; ++c)
		for (unsigned long i = 0; i < 256; ++i)
			KCXX_ASSERT_OK(t, m.write(c, i, 0));
	m.sync_for_device();
	KCXX_ASSERT_TRY(t, dma_segments(m, false));
	m.sync_for_cpu();
	unsigned long wrong = 0;
	for (unsigned long c = 0; c < 4; ++c)
		for (unsigned long i = 0; i < 256; ++i)
			wrong += KCXX_ASSERT_TRY(t, m.read(c, i)) != pattern(9, c * 256 + i);
	KCXX_EXPECT_EQ(t, wrong, 0UL);
	// Not unmapped: the destructor unmaps (DMA-API debug would report a
	// leak at unbind otherwise).
}

// Zero-length and overflowing requests answer -EINVAL; nothing is mapped.
void invalid_requests(Context &t)
{
	using kcxx::code::EINVAL;
	using Sg = dma::SgMapping<dma::FromDevice>;
	auto single = dma::SingleMapping<dma::FromDevice>::map(bound->dev, Vec<u8>());
	KCXX_ASSERT(t, single.is_error());
	KCXX_EXPECT_EQ(t, single.error(), EINVAL);

	auto none = Sg::map(bound->dev, Sg::Chunks());
	KCXX_ASSERT(t, none.is_error());
	KCXX_EXPECT_EQ(t, none.error(), EINVAL);

	// One empty chunk among full ones.
	Sg::Chunks chunks = KCXX_ASSERT_TRY(t, Sg::Chunks::try_with_capacity(2, kcxx::GFP_KERNEL));
	KCXX_ASSERT_OK(t, chunks.push_within_capacity(KCXX_ASSERT_TRY(t, filled(64, 0))));
	KCXX_ASSERT_OK(t, chunks.push_within_capacity(Vec<u8>()));
	auto empty_chunk = Sg::map(bound->dev, std::move(chunks));
	KCXX_ASSERT(t, empty_chunk.is_error());
	KCXX_EXPECT_EQ(t, empty_chunk.error(), EINVAL);

	auto zero_count = Sg::alloc(bound->dev, 0, 64, kcxx::GFP_KERNEL);
	KCXX_ASSERT(t, zero_count.is_error());
	KCXX_EXPECT_EQ(t, zero_count.error(), EINVAL);
	auto zero_elements = Sg::alloc(bound->dev, 2, 0, kcxx::GFP_KERNEL);
	KCXX_ASSERT(t, zero_elements.is_error());
	KCXX_EXPECT_EQ(t, zero_elements.error(), EINVAL);
	// count * bytes wraps around.
	auto overflow = Sg::alloc(bound->dev, ~0UL / 2 + 2, 2, kcxx::GFP_KERNEL);
	KCXX_ASSERT(t, overflow.is_error());
	KCXX_EXPECT_EQ(t, overflow.error(), EINVAL);
	using Sg64 = dma::SgMapping<dma::FromDevice, u64>;
	auto overflow_elements = Sg64::alloc(bound->dev, 1, ~0UL / 4, kcxx::GFP_KERNEL);
	KCXX_ASSERT(t, overflow_elements.is_error());
	KCXX_EXPECT_EQ(t, overflow_elements.error(), EINVAL);
	// A chunk longer than the device's largest DMA segment (64 KiB for
	// PCI).
	auto too_long = Sg::alloc(bound->dev, 1, (1UL << 20) + 1, kcxx::GFP_KERNEL);
	KCXX_ASSERT(t, too_long.is_error());
	KCXX_EXPECT_EQ(t, too_long.error(), EINVAL);
}

// BindingLock<Rs...>: the Devres it takes over are reached through its
// guard with no compare - the same objects access(dev) reaches -, through
// access<R>(dev) with one, and through devres<R>() without a proof.
struct Marker {
	u32 value;
};
using TwoResources = kcxx::BindingLock<u32, Marker>;

void binding_lock_owns_its_resources(Context &t)
{
	auto number = KCXX_ASSERT_TRY(t, kcxx::Devres<u32>::try_new(bound->dev, kcxx::GFP_KERNEL, 7u));
	auto marker = KCXX_ASSERT_TRY(t, kcxx::Devres<Marker>::try_new(bound->dev, kcxx::GFP_KERNEL, Marker{9}));
	const u32 *value = KCXX_ASSERT_TRY(t, number.access(bound->dev));
	auto lock = KCXX_ASSERT_TRY(t, TwoResources::try_new(bound->dev, KCXX_LOCK_CLASS("kcxx_dma_test.lock"),
							     kcxx::GFP_KERNEL, std::move(number),
							     std::move(marker)));
	KCXX_EXPECT(t, lock.is_bound());
	{
		auto guard = lock.lock();
		KCXX_ASSERT(t, static_cast<bool>(guard));
		KCXX_EXPECT(t, &guard.get<u32>() == value); // the object itself, not a copy
		KCXX_EXPECT(t, &guard.get<0>() == value);
		KCXX_EXPECT_EQ(t, guard.get<u32>(), 7u);
		KCXX_EXPECT_EQ(t, guard.get<Marker>().value, 9u);
		KCXX_EXPECT_EQ(t, guard.get<1>().value, 9u);
		KCXX_EXPECT(t, guard.device().as_raw() == bound->dev.as_raw());
	}
	KCXX_EXPECT(t, KCXX_ASSERT_TRY(t, lock.access<u32>(bound->dev)) == value);
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, lock.access<1>(bound->dev))->value, 9u);
	{
		auto guard = lock.devres<Marker>().try_access();
		KCXX_ASSERT(t, static_cast<bool>(guard));
		KCXX_EXPECT_EQ(t, (*guard)->value, 9u);
	}
	// A move takes a reference: both handles lock the same lock.
	TwoResources other = std::move(lock);
	KCXX_EXPECT(t, lock.is_bound() && other.is_bound());
	auto guard = other.lock();
	KCXX_EXPECT(t, static_cast<bool>(guard) && &guard.get<u32>() == value);
}

// A moved-from Devres is empty (devres.h): no guard, access(dev) -EINVAL,
// as after unbind; the handle it moved to reaches the T.  (Used where the
// compiler sees the move, the build fails instead: the safety catalog's
// devres_use_after_move.)
void devres_moved_from_reaches_nothing(Context &t)
{
	auto number = KCXX_ASSERT_TRY(t, kcxx::Devres<u32>::try_new(bound->dev, kcxx::GFP_KERNEL, 3u));
	auto taken = std::move(number);
	const kcxx::Devres<u32> *empty = kcxx::test::opaque(&number);
	KCXX_EXPECT(t, !empty->try_access());
	auto refused = empty->access(bound->dev);
	KCXX_ASSERT(t, refused.is_error());
	KCXX_EXPECT_EQ(t, refused.error(), kcxx::code::EINVAL);
	KCXX_EXPECT_EQ(t, *KCXX_ASSERT_TRY(t, taken.access(bound->dev)), 3u);
	auto guard = taken.try_access();
	KCXX_EXPECT(t, static_cast<bool>(guard) && **guard == 3u);
}

// try_new() takes a Devres over only if it is of the binding in progress:
// an empty one is -EINVAL, and a refused call leaves every handle with the
// caller.
void binding_lock_refuses_empty_resources(Context &t)
{
	auto number = KCXX_ASSERT_TRY(t, kcxx::Devres<u32>::try_new(bound->dev, kcxx::GFP_KERNEL, 1u));
	auto taken = std::move(number); // 'number' is empty now
	auto refused = kcxx::BindingLock<u32, u32>::try_new(bound->dev, KCXX_LOCK_CLASS("kcxx_dma_test.lock"),
							    kcxx::GFP_KERNEL, std::move(taken), std::move(number));
	KCXX_ASSERT(t, refused.is_error());
	KCXX_EXPECT_EQ(t, refused.error(), kcxx::code::EINVAL);
	KCXX_EXPECT_EQ(t, *KCXX_ASSERT_TRY(t, taken.access(bound->dev)), 1u); // still the caller's
	auto lock = KCXX_ASSERT_TRY(t, kcxx::BindingLock<u32>::try_new(
					       bound->dev, KCXX_LOCK_CLASS("kcxx_dma_test.lock"), kcxx::GFP_KERNEL,
					       std::move(taken)));
	auto guard = lock.lock();
	KCXX_EXPECT(t, static_cast<bool>(guard) && guard.get<u32>() == 1u);
}

// The second probe: a Devres the first binding made (its devres action
// ran at that unbind) is neither reachable with this binding's proof nor
// taken over by a lock of this binding.
void binding_lock_refuses_an_earlier_binding(Context &t)
{
	KCXX_ASSERT(t, kept != nullptr);
	auto reached = kept->access(bound->dev);
	KCXX_ASSERT(t, reached.is_error());
	KCXX_EXPECT_EQ(t, reached.error(), kcxx::code::EINVAL);
	auto refused = kcxx::BindingLock<u32>::try_new(bound->dev, KCXX_LOCK_CLASS("kcxx_dma_test.lock"),
						       kcxx::GFP_KERNEL, std::move(*kept));
	KCXX_ASSERT(t, refused.is_error());
	KCXX_EXPECT_EQ(t, refused.error(), kcxx::code::EINVAL);
	KCXX_EXPECT(t, !kept->try_access()); // revoked by the earlier unbind
}

// CoherentAllocation's bulk copies with kernel memory (a bounce buffer):
// copy_in() from a Span, copy_out() appending to a Vec; a range outside the
// allocation is -EINVAL and changes nothing.
void coherent_bulk_copies(Context &t)
{
	using Buffer = dma::CoherentAllocation<u8>;
	auto buffer = KCXX_ASSERT_TRY(t, Buffer::alloc(bound->dev, 64, kcxx::GFP_KERNEL));
	u8 in[16];
	for (unsigned int i = 0; i < sizeof(in); ++i)
		in[i] = static_cast<u8>(0xa0 + i);
	KCXX_ASSERT_OK(t, buffer.copy_in(40, kcxx::Span<const u8>(in)));
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, buffer.read(40)), u8{0xa0});
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, buffer.read(55)), u8{0xaf});
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, buffer.read(56)), u8{0}); // no further
	auto past = buffer.copy_in(50, kcxx::Span<const u8>(in));
	KCXX_ASSERT(t, past.is_error());
	KCXX_EXPECT_EQ(t, past.error(), kcxx::code::EINVAL);
	KCXX_EXPECT_EQ(t, KCXX_ASSERT_TRY(t, buffer.read(50)), u8{0xaa}); // unchanged

	Vec<u8> out = KCXX_ASSERT_TRY(t, Vec<u8>::try_with_capacity(16, kcxx::GFP_KERNEL));
	KCXX_ASSERT_OK(t, buffer.copy_out(38, 4, out, kcxx::GFP_KERNEL)); // within the room: no allocation
	KCXX_ASSERT(t, out.size() == 4);
	KCXX_EXPECT(t, out[0] == 0 && out[1] == 0 && out[2] == 0xa0 && out[3] == 0xa1);
	KCXX_ASSERT_OK(t, buffer.copy_out(44, 20, out, kcxx::GFP_KERNEL)); // grows
	KCXX_ASSERT(t, out.size() == 24);
	KCXX_EXPECT(t, out[4] == 0xa4 && out[15] == 0xaf && out[16] == 0 && out[23] == 0);
	auto outside = buffer.copy_out(60, 8, out, kcxx::GFP_KERNEL);
	KCXX_ASSERT(t, outside.is_error());
	KCXX_EXPECT_EQ(t, outside.error(), kcxx::code::EINVAL);
	KCXX_EXPECT(t, out.size() == 24);
	KCXX_EXPECT(t, buffer.copy_out(65, 0, out, kcxx::GFP_KERNEL).is_error());
}

constexpr kcxx::test::Case coherent_cases[] = {
	KCXX_CASE(coherent_bulk_copies),
};

constexpr kcxx::test::Case binding_lock_cases[] = {
	KCXX_CASE(binding_lock_owns_its_resources),
	KCXX_CASE(binding_lock_refuses_empty_resources),
	KCXX_CASE(devres_moved_from_reaches_nothing),
};
constexpr kcxx::test::Case rebind_cases[] = {
	KCXX_CASE(binding_lock_refuses_an_earlier_binding),
};

constexpr kcxx::test::Case single_cases[] = {
	KCXX_CASE(single_round_trip),
	KCXX_CASE(single_write_while_mapped),
};
constexpr kcxx::test::Case sg_cases[] = {
	KCXX_CASE(sg_round_trip),
	KCXX_CASE(sg_bidirectional),
};
constexpr kcxx::test::Case invalid_cases[] = {
	KCXX_CASE(invalid_requests),
};
constinit const kcxx::test::Suite single_suite{"kcxx_dma_single_mapping", single_cases};
constinit const kcxx::test::Suite sg_suite{"kcxx_dma_sg_mapping", sg_cases};
constinit const kcxx::test::Suite invalid_suite{"kcxx_dma_invalid_requests", invalid_cases};
constinit const kcxx::test::Suite coherent_suite{"kcxx_dma_coherent_bulk_copies", coherent_cases};
constinit const kcxx::test::Suite binding_lock_suite{"kcxx_binding_lock", binding_lock_cases};
constinit const kcxx::test::Suite rebind_suite{"kcxx_binding_lock_rebind", rebind_cases};
constexpr const kcxx::test::Suite *suites[] = {&single_suite, &sg_suite, &invalid_suite, &coherent_suite,
					       &binding_lock_suite};
constexpr const kcxx::test::Suite *rebind_suites[] = {&rebind_suite};

class DmaTest {
public:
	struct IdInfo {};
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		{kcxx::pci::DeviceId::vendor_device(0x1234, 0x11e8), {}},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_dma_test",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "kcxx streaming DMA mappings through QEMU's edu device (KTAP)",
	};

	static Result<kcxx::Box<DmaTest>> probe(const kcxx::pci::CoreDevice &pdev, const IdInfo &)
	{
		TRY(pdev.enable());
		pdev.set_master();
		TRY(pdev.set_dma_mask<DMA_MASK_BITS>());
		auto regs = TRY(Registers::map(pdev, 0, "kcxx_dma_test"));
		const Registers *r = TRY(regs.access(pdev.device()));
		Bound b{pdev.device(), *r};
		bound = &b;
		if (probes++ == 0) {
			kcxx::test::Totals totals = kcxx::test::run_all(suites, info.name);
			bound = nullptr;
			dev_info(pdev.device(), "dma tests done: %lu failed\n", totals.failed);
			// For the next binding (tests/vm/dma.sh rebinds).
			auto devres = TRY(kcxx::Devres<u32>::try_new(pdev.device(), kcxx::GFP_KERNEL, 5u));
			kept = TRY(kcxx::Box<kcxx::Devres<u32>>::try_new(kcxx::GFP_KERNEL, std::move(devres)))
				       .into_raw();
		} else {
			kcxx::test::Totals totals = kcxx::test::run_all(rebind_suites, info.name);
			bound = nullptr;
			dev_info(pdev.device(), "rebind tests done: %lu failed\n", totals.failed);
			if (kept)
				(void)kcxx::Box<kcxx::Devres<u32>>::from_raw(kept);
			kept = nullptr;
		}
		return kcxx::Box<DmaTest>::try_new(kcxx::GFP_KERNEL);
	}
};

} // namespace

KCXX_MODULE_PCI_DRIVER(DmaTest);
