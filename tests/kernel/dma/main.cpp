// SPDX-License-Identifier: GPL-2.0
//
// kcxx_dma_test: streaming DMA mappings (dma::SingleMapping, dma::SgMapping)
// moving real data through QEMU's edu device (1234:11e8).
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
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/dma/sg_table.h>
#include <kcxx/io/poll.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/driver.h>
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
	const kcxx::BoundDevice &dev;
	const Registers &regs;
};
const Bound *bound = nullptr;

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
constexpr const kcxx::test::Suite *suites[] = {&single_suite, &sg_suite, &invalid_suite};

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
		kcxx::test::Totals totals = kcxx::test::run_all(suites, info.name);
		bound = nullptr;
		dev_info(pdev.device(), "dma tests done: %lu failed\n", totals.failed);
		return kcxx::Box<DmaTest>::try_new(kcxx::GFP_KERNEL);
	}
};

} // namespace

KCXX_MODULE_PCI_DRIVER(DmaTest);
