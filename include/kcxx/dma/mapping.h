// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::dma::SingleMapping<Dir, Buffer>: a kmalloc'ed buffer mapped for
/// streaming DMA (dma_map_single()), owned by the mapping while it is mapped.
///
///     kcxx::Vec<u8> frame = ...;                              // filled by the CPU
///     auto m = TRY(kcxx::dma::SingleMapping<kcxx::dma::ToDevice>::map(dev, std::move(frame)));
///     regs.write64<REG_ADDR>(m.dma_address().value());       // the device reads it
///     ...                                                     // transfer done
///     kcxx::Vec<u8> back = std::move(m).unmap();              // the CPU's again
///
/// Design:
///  - The direction is a type (ToDevice, FromDevice, Bidirectional): the
///    DMA API's direction is fixed for the life of a mapping, and what the
///    CPU may do with the buffer follows from it.
///  - The mapping owns the buffer (a Vec<T> over kmalloc, T a dma::Pod) for
///    as long as it is mapped: nobody can free, grow (reallocate) or touch
///    the buffer behind the device's back.  unmap() && gives it back; the
///    destructor unmaps (and frees) a mapping that was not unmapped.  A
///    moved Vec keeps its storage, so the mapping may move.
///  - While mapped the contents are reached only through the mapping, one
///    element at a time (volatile, index checked), and only as the direction
///    allows: read() for FromDevice/Bidirectional (after sync_for_cpu()),
///    write() for ToDevice/Bidirectional (then sync_for_device()).
///    sync_for_cpu() exists only where the device writes (FromDevice,
///    Bidirectional); sync_for_device() in every direction (giving a
///    FromDevice buffer back to the device for the next transfer).
///  - unmap() consumes the mapping: using it afterwards, or unmapping it
///    twice, is a use of an unmapped mapping.  When the compiler can prove
///    it (the common case, 'auto b = std::move(m).unmap(); m.dma_address()'),
///    the build fails with "use of a kcxx::dma::SingleMapping after
///    unmap()", as for a moved-from Box (kcxx/box.h); otherwise it panics.
///  - vmalloc'ed memory cannot be mapped with dma_map_single(): a Vec over
///    another allocator does not compile.
///  - Mapping needs a bound device (BoundDevice).  The mapping holds a
///    reference to the struct device; unmap it before the driver is unbound
///    (DMA-API debug reports a streaming mapping left over at unbind), or
///    keep it in a Devres.
///
/// INVARIANT: if mapped_, buffer_ holds size_ > 0 bytes of kmalloc'ed
/// memory that is mapped with dma_map_single() for dev_ in direction Dir at
/// bus address handle_, and only this object unmaps it; if not mapped_
/// (unmapped or moved from), buffer_ is empty and nothing is mapped.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#include <kcxx/allocator.h>
#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/device.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

namespace kcxx::dma {

/// The direction of a streaming mapping (enum dma_data_direction): the
/// device reads the buffer.
struct ToDevice {
	/// The enum dma_data_direction value.
	static constexpr int raw = KCXX_DMA_TO_DEVICE;
};
/// The device writes the buffer; the CPU reads it once it is unmapped.
struct FromDevice {
	/// The enum dma_data_direction value.
	static constexpr int raw = KCXX_DMA_FROM_DEVICE;
};
/// The device reads and writes the buffer.
struct Bidirectional {
	/// The enum dma_data_direction value.
	static constexpr int raw = KCXX_DMA_BIDIRECTIONAL;
};

template <typename D>
concept Direction = std::same_as<D, ToDevice> || std::same_as<D, FromDevice> || std::same_as<D, Bidirectional>;

/// Whether the device writes the buffer (the CPU must sync before reading),
/// and whether it reads it (what the CPU writes goes to the device).
template <typename D> concept DeviceWrites = std::same_as<D, FromDevice> || std::same_as<D, Bidirectional>;
template <typename D> concept DeviceReads = std::same_as<D, ToDevice> || std::same_as<D, Bidirectional>;

namespace detail {
/// Never defined: a call that survives optimisation fails the build.
[[gnu::error("kcxx: use of a kcxx::dma::SingleMapping after unmap() (the compiler proved it unmapped here)")]] void
mapping_used_after_unmap();

template <typename B> struct MappableBuffer : std::false_type {};
template <typename T> struct MappableBuffer<Vec<T, alloc::Kmalloc>> : std::true_type {
	using Element = T;
};
} // namespace detail

/// A kmalloc'ed buffer mapped for streaming DMA (dma_map_single()), owned by
/// the mapping while it is mapped (see kcxx/dma/mapping.h).
template <typename Dir, typename Buffer = Vec<u8>> class SingleMapping {
	static_assert(Direction<Dir>, "kcxx: a DMA direction is dma::ToDevice, dma::FromDevice or dma::Bidirectional");
	static_assert(detail::MappableBuffer<Buffer>::value,
		      "kcxx: dma_map_single() maps a kcxx::Vec<T> over kmalloc (not vmalloc: its pages are not "
		      "contiguous in physical memory)");
	using T = typename detail::MappableBuffer<Buffer>::Element;
	static_assert(Pod<T>,
		      "kcxx: DMA memory holds what the device wrote: its type must accept every bit "
		      "pattern and have no padding (integers, and structs and arrays of them; no bool, "
		      "enum or pointer)");

public:
	/// dma_map_single() of the buffer's elements (size(), not capacity()).
	/// -EINVAL for an empty buffer, -ENOMEM if the mapping fails; the
	/// buffer is freed then.
	[[nodiscard]] static Result<SingleMapping> map(const BoundDevice &dev, Buffer buffer)
	{
		unsigned long bytes = buffer.size() * sizeof(T);
		if (bytes == 0)
			return code::EINVAL;
		int mapped = 0;
		// SAFETY: a bound device; the buffer is kmalloc'ed (static_assert
		// above), 'bytes' long, and stays allocated and untouched by
		// anyone else while mapped (this object owns it); unmapped by
		// unmap() or the destructor with the same size and direction.
		bindings::kcxx_dma_addr_t handle =
			bindings::kcxx_helper_dma_map_single(dev.as_raw(), buffer.data(), bytes, Dir::raw, &mapped);
		if (!mapped)
			return code::ENOMEM;
		return SingleMapping(DeviceRef(dev), std::move(buffer), handle, bytes);
	}

	/// Takes over other's mapping and buffer; other is left empty.
	SingleMapping(SingleMapping &&other)
		: dev_(std::move(other.dev_)), buffer_(std::move(other.buffer_)), handle_(other.handle_),
		  size_(other.size_), mapped_(std::exchange(other.mapped_, false))
	{
	}
	SingleMapping(const SingleMapping &) = delete;
	SingleMapping &operator=(const SingleMapping &) = delete;
	SingleMapping &operator=(SingleMapping &&) = delete;

	~SingleMapping()
	{
		if (mapped_)
			release();
	}

	/// Unmaps and gives the buffer back to the CPU (what the device wrote
	/// is visible).  The mapping is empty afterwards.
	[[nodiscard, gnu::always_inline]] Buffer unmap() &&
	{
		check();
		release();
		mapped_ = false;
		return std::move(buffer_);
	}

	/// The bus address of element 0, to program into the device.
	[[nodiscard, gnu::always_inline]] Address dma_address() const
	{
		check();
		return Address(handle_);
	}
	/// The mapped length in bytes.
	[[nodiscard, gnu::always_inline]] unsigned long size_bytes() const
	{
		check();
		return size_;
	}

	/// The CPU takes the buffer back from the device, to read what it
	/// wrote (dma_sync_single_for_cpu()).
	[[gnu::always_inline]] void sync_for_cpu() const
		requires DeviceWrites<Dir>
	{
		check();
		// SAFETY: mapped for this device with this size and direction
		// (INVARIANT).
		bindings::kcxx_helper_dma_sync_single_for_cpu(dev_.get().as_raw(), handle_, size_, Dir::raw);
	}

	/// The device gets the buffer back (dma_sync_single_for_device()): what
	/// the CPU wrote becomes visible to it, or (FromDevice) it may write the
	/// buffer again.
	[[gnu::always_inline]] void sync_for_device() const
	{
		check();
		// SAFETY: as sync_for_cpu().
		bindings::kcxx_helper_dma_sync_single_for_device(dev_.get().as_raw(), handle_, size_, Dir::raw);
	}

	/// Element 'index', read once (after sync_for_cpu()); -EINVAL past the
	/// end.
	[[nodiscard, gnu::always_inline]] Result<T> read(unsigned long index) const
		requires DeviceWrites<Dir>
	{
		check();
		if (index >= buffer_.size()) [[unlikely]]
			return code::EINVAL;
		return detail::load(buffer_.data() + index);
	}

	/// Stores 'value' at 'index' (then sync_for_device()); -EINVAL past
	/// the end.
	[[nodiscard, gnu::always_inline]] Result<void> write(unsigned long index, const T &value)
		requires DeviceReads<Dir>
	{
		check();
		if (index >= buffer_.size()) [[unlikely]]
			return code::EINVAL;
		detail::store(buffer_.data() + index, value);
		return {};
	}

private:
	SingleMapping(DeviceRef dev, Buffer buffer, bindings::kcxx_dma_addr_t handle, unsigned long size)
		: dev_(std::move(dev)), buffer_(std::move(buffer)), handle_(handle), size_(size), mapped_(true)
	{
	}

	/// Fails the build if the compiler can prove the mapping unmapped;
	/// panics if it is at run time.
	[[gnu::always_inline]] void check() const
	{
		if (__builtin_constant_p(mapped_) && !mapped_)
			detail::mapping_used_after_unmap();
		if (!mapped_) [[unlikely]]
			panic("use of an unmapped dma::SingleMapping");
	}

	void release()
	{
		// SAFETY: mapped by map() for this device with this size and
		// direction (INVARIANT), unmapped once: the callers clear
		// mapped_ (unmap()) or are the destructor.  The DeviceRef keeps
		// the struct device alive until after this call.
		bindings::kcxx_helper_dma_unmap_single(dev_.get().as_raw(), handle_, size_, Dir::raw);
	}

	DeviceRef dev_;
	Buffer buffer_;
	bindings::kcxx_dma_addr_t handle_;
	unsigned long size_;
	bool mapped_;
};

} // namespace kcxx::dma
