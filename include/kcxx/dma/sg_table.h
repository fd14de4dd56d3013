// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::dma::SgMapping<Dir, T>: kmalloc'ed chunks mapped for streaming DMA
/// as one scatter-gather table (sg_alloc_table(), sg_set_buf(),
/// dma_map_sgtable()), owned by the mapping while it is mapped.
///
///     auto m = TRY(kcxx::dma::SgMapping<kcxx::dma::FromDevice>::alloc(dev, 3, 1024, GFP_KERNEL));
///     for (kcxx::dma::Segment s : m.segments())              // bus address, length
///         program_descriptor(s.address.value(), s.length);
///     ...                                                     // transfer done
///     kcxx::Vec<kcxx::Vec<u8>> chunks = std::move(m).unmap(); // the CPU's again
///
/// Design (as dma::SingleMapping, kcxx/dma/mapping.h):
///  - The direction is a type (ToDevice, FromDevice, Bidirectional);
///    sync_for_cpu() and read() exist only where the device writes,
///    write() only where it reads, sync_for_device() always.
///  - The mapping owns the memory (a Vec of kmalloc'ed Vec<T> chunks, one
///    scatterlist entry per chunk) while it is mapped: nobody can free,
///    grow or touch it behind the device's back.  unmap() && gives the
///    chunks back; the destructor unmaps (and frees) a mapping that was not
///    unmapped.  The mapping may move (moved Vecs keep their storage).
///  - What the device is told is an iteration over the mapped DMA segments
///    as (dma::Address, length) pairs - after dma_map_sgtable(), which may
///    merge entries behind an IOMMU, so there may be fewer segments than
///    chunks.  No CPU pointer to the mapped memory is handed out: while
///    mapped the contents are reached one element at a time (volatile,
///    chunk and index checked), as the direction allows.
///  - unmap() consumes the mapping: a later use, or a second unmap(), that
///    the compiler can prove fails the build ("use of a
///    kcxx::dma::SgMapping after unmap()"); otherwise it panics.
///  - map() refuses (-EINVAL) no chunks, an empty chunk, a chunk longer than
///    the device's largest DMA segment (dma_get_max_seg_size(); DMA-API
///    debug reports a longer one) and element counts whose byte size
///    overflows; alloc() the same for its sizes.
///  - Mapping needs a bound device (BoundDevice).  The mapping holds a
///    reference to the struct device; unmap it before the driver is unbound
///    (DMA-API debug reports a streaming mapping left over at unbind), or
///    keep it in a Devres.
///
/// INVARIANT: if mapped_, table_ is a table of chunks_.size() > 0 entries,
/// entry i describing all size() elements of chunks_[i] (each kmalloc'ed,
/// non-empty), mapped with dma_map_sgtable() for dev_ in direction Dir,
/// bytes_ long in all, and only this object unmaps and frees it; if not
/// mapped_ (unmapped or moved from), table_ is null and chunks_ empty.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#include <kcxx/allocator.h>
#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/device.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

namespace kcxx::dma {

/// One mapped DMA segment, as the device sees it.
struct Segment {
	/// The address the device uses.
	Address address;
	/// The length in bytes.
	unsigned int length;
};

namespace detail {
/// Never defined: a call that survives optimisation fails the build.
[[gnu::error("kcxx: use of a kcxx::dma::SgMapping after unmap() (the compiler proved it unmapped here)")]] void
sg_mapping_used_after_unmap();
} // namespace detail

/// The mapped segments of an SgMapping (a range for 'for').  Valid while the
/// mapping is mapped; it only yields numbers for the device.
///
/// INVARIANT: sg_ is null or an entry of a mapped table with left_ > 0
/// mapped segments from it on.
class SegmentIterator {
public:
	/// The segment at this position.
	[[nodiscard]] Segment operator*() const
	{
		// SAFETY: a mapped entry (INVARIANT).
		return Segment{Address(bindings::kcxx_helper_sg_dma_address(sg_)),
			       bindings::kcxx_helper_sg_dma_len(sg_)};
	}
	/// Moves to the next mapped segment.
	SegmentIterator &operator++()
	{
		// SAFETY: as above; sg_next() of the last entry is not used.
		--left_;
		sg_ = left_ ? bindings::sg_next(sg_) : nullptr;
		return *this;
	}
	/// Equal at the same position (counted from the end).
	[[nodiscard]] bool operator==(const SegmentIterator &other) const { return left_ == other.left_; }

private:
	template <typename, typename> friend class SgMapping;
	friend class Segments;
	SegmentIterator(bindings::scatterlist *sg, unsigned int left) : sg_(left ? sg : nullptr), left_(left) {}
	bindings::scatterlist *sg_;
	unsigned int left_;
};

/// The mapped segments of an SgMapping, as the device sees them (fewer than
/// the chunks when the IOMMU merged some).
class Segments {
public:
	/// The first segment.
	[[nodiscard]] SegmentIterator begin() const { return first_; }
	/// Past the last segment.
	[[nodiscard]] SegmentIterator end() const { return SegmentIterator(nullptr, 0); }
	/// The number of mapped segments.
	[[nodiscard]] unsigned int size() const { return count_; }

private:
	template <typename, typename> friend class SgMapping;
	Segments(bindings::scatterlist *sg, unsigned int count) : first_(sg, count), count_(count) {}
	SegmentIterator first_;
	unsigned int count_;
};

/// Kmalloc'ed chunks of T mapped for streaming DMA as one scatter-gather
/// table, owned by the mapping while it is mapped (see kcxx/dma/sg_table.h).
template <typename Dir, typename T = u8> class SgMapping {
	static_assert(Direction<Dir>, "kcxx: a DMA direction is dma::ToDevice, dma::FromDevice or dma::Bidirectional");
	static_assert(Pod<T>,
		      "kcxx: DMA memory holds what the device wrote: its type must accept every bit "
		      "pattern and have no padding (integers, and structs and arrays of them; no bool, "
		      "enum or pointer)");

public:
	/// The memory: kmalloc'ed chunks (not vmalloc: a chunk's pages must
	/// be contiguous for sg_set_buf()).
	using Chunk = Vec<T, alloc::Kmalloc>;
	/// The chunks, as map() takes them and unmap() gives them back.
	using Chunks = Vec<Chunk, alloc::Kmalloc>;

	/// Maps every element of every chunk, one table entry per chunk.
	/// -EINVAL (see the header comment), -ENOMEM, or what
	/// dma_map_sgtable() answers; the chunks are freed then.
	[[nodiscard]] static Result<SgMapping> map(const BoundDevice &dev, Chunks chunks, Gfp gfp = GFP_KERNEL)
	{
		unsigned long count = chunks.size();
		if (count == 0 || count > 0xffffffffUL)
			return code::EINVAL;
		// SAFETY: a bound device.
		unsigned long max_segment = bindings::kcxx_helper_dma_get_max_seg_size(dev.as_raw());
		unsigned long total = 0;
		for (const Chunk &chunk : chunks) {
			unsigned long bytes;
			if (chunk.size() == 0 || __builtin_mul_overflow(chunk.size(), sizeof(T), &bytes) ||
			    bytes > max_segment || __builtin_add_overflow(total, bytes, &total))
				return code::EINVAL;
		}
		// SAFETY: freed by release() or below.
		bindings::sg_table *table =
			bindings::kcxx_helper_sg_table_alloc(static_cast<unsigned int>(count), gfp.bits());
		if (!table)
			return code::ENOMEM;
		bindings::scatterlist *sg = bindings::kcxx_helper_sg_table_first(table);
		for (unsigned long i = 0; i < count; ++i) {
			// SAFETY: the table has 'count' entries, walked in
			// order; each chunk is kmalloc'ed (Chunk's allocator)
			// and at most max_segment (an unsigned int) bytes long.
			bindings::kcxx_helper_sg_set_buf(sg, chunks[i].data(),
							 static_cast<unsigned int>(chunks[i].size() * sizeof(T)));
			if (i + 1 < count)
				sg = bindings::sg_next(sg);
		}
		// SAFETY: every entry describes a chunk that this object owns
		// and nobody else touches while mapped; unmapped once by
		// release() with the same direction.
		if (int err = bindings::kcxx_helper_dma_map_sgtable(dev.as_raw(), table, Dir::raw)) {
			bindings::kcxx_helper_sg_table_free(table);
			return Error::from_errno(err);
		}
		return SgMapping(DeviceRef(dev), std::move(chunks), table, total);
	}

	/// 'count' zeroed chunks of 'elements' elements each, mapped.
	/// -EINVAL for 0 or sizes that overflow, -ENOMEM.
	[[nodiscard]] static Result<SgMapping> alloc(const BoundDevice &dev, unsigned long count, unsigned long elements,
						     Gfp gfp)
	{
		unsigned long bytes, total;
		if (count == 0 || elements == 0 || __builtin_mul_overflow(elements, sizeof(T), &bytes) ||
		    __builtin_mul_overflow(bytes, count, &total) || count > 0xffffffffUL)
			return code::EINVAL;
		// SAFETY: a bound device.
		if (bytes > bindings::kcxx_helper_dma_get_max_seg_size(dev.as_raw()))
			return code::EINVAL;
		Chunks chunks = TRY(Chunks::try_with_capacity(count, gfp));
		for (unsigned long i = 0; i < count; ++i) {
			Chunk chunk = TRY(Chunk::try_with_capacity(elements, gfp));
			TRY(chunk.try_resize(elements, T{}, gfp));
			TRY(chunks.push_within_capacity(std::move(chunk)));
		}
		return map(dev, std::move(chunks), gfp);
	}

	/// Takes over other's mapping and chunks; other is left empty.
	SgMapping(SgMapping &&other)
		: dev_(std::move(other.dev_)), chunks_(std::move(other.chunks_)),
		  table_(std::exchange(other.table_, nullptr)), bytes_(other.bytes_),
		  mapped_(std::exchange(other.mapped_, false))
	{
	}
	SgMapping(const SgMapping &) = delete;
	SgMapping &operator=(const SgMapping &) = delete;
	SgMapping &operator=(SgMapping &&) = delete;

	~SgMapping()
	{
		if (mapped_)
			release();
	}

	/// Unmaps and gives the chunks back to the CPU (what the device wrote
	/// is visible).  The mapping is empty afterwards.
	[[nodiscard, gnu::always_inline]] Chunks unmap() &&
	{
		check();
		release();
		mapped_ = false;
		table_ = nullptr;
		return std::move(chunks_);
	}

	/// The mapped DMA segments, to program into the device.
	[[nodiscard, gnu::always_inline]] Segments segments() const
	{
		check();
		// SAFETY: mapped (INVARIANT).
		return Segments(bindings::kcxx_helper_sg_table_first(table_),
				bindings::kcxx_helper_sg_table_dma_nents(table_));
	}

	/// All mapped bytes, over every segment.
	[[nodiscard, gnu::always_inline]] unsigned long size_bytes() const
	{
		check();
		return bytes_;
	}
	/// The number of chunks mapped.
	[[nodiscard, gnu::always_inline]] unsigned long chunk_count() const
	{
		check();
		return chunks_.size();
	}

	/// The CPU takes the memory back from the device, to read what it
	/// wrote (dma_sync_sgtable_for_cpu()).
	[[gnu::always_inline]] void sync_for_cpu() const
		requires DeviceWrites<Dir>
	{
		check();
		// SAFETY: mapped for this device in this direction (INVARIANT).
		bindings::kcxx_helper_dma_sync_sgtable_for_cpu(dev_.get().as_raw(), table_, Dir::raw);
	}

	/// The device gets the memory back (dma_sync_sgtable_for_device()).
	[[gnu::always_inline]] void sync_for_device() const
	{
		check();
		// SAFETY: as sync_for_cpu().
		bindings::kcxx_helper_dma_sync_sgtable_for_device(dev_.get().as_raw(), table_, Dir::raw);
	}

	/// Element 'index' of chunk 'chunk', read once (after sync_for_cpu());
	/// -EINVAL outside.
	[[nodiscard, gnu::always_inline]] Result<T> read(unsigned long chunk, unsigned long index) const
		requires DeviceWrites<Dir>
	{
		check();
		if (chunk >= chunks_.size() || index >= chunks_[chunk].size()) [[unlikely]]
			return code::EINVAL;
		return detail::load(chunks_[chunk].data() + index);
	}

	/// Stores 'value' at 'index' of chunk 'chunk' (then
	/// sync_for_device()); -EINVAL outside.
	[[nodiscard, gnu::always_inline]] Result<void> write(unsigned long chunk, unsigned long index,
							      const T &value) const
		requires DeviceReads<Dir>
	{
		check();
		if (chunk >= chunks_.size() || index >= chunks_[chunk].size()) [[unlikely]]
			return code::EINVAL;
		// The chunk's storage is not const: the Vec only owns it.
		detail::store(const_cast<T *>(chunks_[chunk].data()) + index, value);
		return {};
	}

private:
	SgMapping(DeviceRef dev, Chunks chunks, bindings::sg_table *table, unsigned long bytes)
		: dev_(std::move(dev)), chunks_(std::move(chunks)), table_(table), bytes_(bytes), mapped_(true)
	{
	}

	/// Fails the build if the compiler can prove the mapping unmapped;
	/// panics if it is at run time.
	[[gnu::always_inline]] void check() const
	{
		if (__builtin_constant_p(mapped_) && !mapped_)
			detail::sg_mapping_used_after_unmap();
		if (!mapped_) [[unlikely]]
			panic("use of an unmapped dma::SgMapping");
	}

	void release()
	{
		// SAFETY: mapped by map() for this device in this direction
		// (INVARIANT), unmapped and freed once: the callers clear
		// mapped_ (unmap()) or are the destructor.  The DeviceRef
		// keeps the struct device alive until after this call; the
		// chunks are freed after the unmap (by the caller or with
		// chunks_).
		bindings::kcxx_helper_dma_unmap_sgtable(dev_.get().as_raw(), table_, Dir::raw);
		bindings::kcxx_helper_sg_table_free(table_);
	}

	DeviceRef dev_;
	Chunks chunks_;
	bindings::sg_table *table_;
	unsigned long bytes_;
	bool mapped_;
};

} // namespace kcxx::dma
