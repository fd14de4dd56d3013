// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::dma::CoherentAllocation<T>: an array of T in memory that the CPU
/// and a device share (dma_alloc_coherent(), Rust's CoherentAllocation).
///
///     auto ring = TRY(kcxx::dma::CoherentAllocation<Descriptor>::alloc(dev, 64, GFP_KERNEL));
///     TRY(ring.write(0, Descriptor{...}));           // volatile store, index checked
///     u32 len = TRY(ring.read_field(0, &Descriptor::length));
///     device.write64<REG_RING>(ring.dma_address().value());
///
/// Design:
///  - The device may write any bit pattern at any time, so T must accept
///    every bit pattern (dma::Pod: integers and structs or arrays of them, no
///    bool, enum or pointer) and have no padding (which the device would
///    read).
///  - The memory is never a plain C++ object: no T & or T * to it is handed
///    out, so the compiler can never cache a value the device has changed
///    or drop a store the device must see.  Every access is a read or write
///    of one element or one field, volatile (scalars) or fenced by compiler
///    barriers (aggregates), with the index checked against the count.
///  - Bulk copies between user memory and the buffer (copy_from_user(),
///    copy_to_user()), and between kernel memory and the buffer (copy_in()
///    from a Span, copy_out() appending to a Vec: a bounce buffer filled
///    or emptied outside the driver's lock), check the range first and are
///    fenced by compiler barriers; that is what a bounce buffer needs and
///    all it gets.
///  - Allocation needs a bound device (BoundDevice).  The allocation holds a
///    reference to the struct device and frees itself with it when
///    destroyed; keep it in a Devres so that it is freed at unbind at the
///    latest (DMA-API debug reports coherent memory a driver still holds
///    after unbind).
///
/// INVARIANT: cpu_ is null (moved from) or count_ elements of T allocated
/// with dma_alloc_attrs() for dev_ at bus address handle_, freed by the
/// destructor only.
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/span.h>
#include <kcxx/uaccess.h>
#include <kcxx/vec.h>

namespace kcxx::dma {

/// A type the device and the CPU may both write: every bit pattern is a
/// valid value and there are no padding bytes.
template <typename T> concept Pod = FromUser<T> && ToUser<T>;

/// A bus address, as the device sees memory (dma_addr_t).
///
/// INVARIANT: none (a number for the device).
class Address {
public:
	/// An address for the device, 'value'.
	constexpr explicit Address(u64 value) : value_(value) {}
	/// The address as the device's registers take it.
	[[nodiscard]] constexpr u64 value() const { return value_; }
	/// The address 'bytes' further.
	[[nodiscard]] constexpr Address offset(u64 bytes) const { return Address(value_ + bytes); }

private:
	u64 value_;
};

namespace detail {

[[gnu::always_inline]] inline void compiler_barrier() { asm volatile("" : : : "memory"); }

/// One read or write of memory the device may access at any time: volatile
/// for a scalar (one access of its width, never cached or dropped by the
/// compiler); for an aggregate, a copy fenced by compiler barriers.  Every
/// DMA buffer type (coherent, single and scatter-gather mappings) goes
/// through these two.
template <typename U> [[gnu::always_inline]] inline U load(const U *p)
{
	if constexpr (std::is_scalar_v<U>) {
		return *static_cast<const volatile U *>(p);
	} else {
		U value;
		compiler_barrier();
		__builtin_memcpy(&value, p, sizeof(U));
		compiler_barrier();
		return value;
	}
}

template <typename U> [[gnu::always_inline]] inline void store(U *p, const U &value)
{
	if constexpr (std::is_scalar_v<U>) {
		*static_cast<volatile U *>(p) = value;
	} else {
		compiler_barrier();
		__builtin_memcpy(p, &value, sizeof(U));
		compiler_barrier();
	}
}

} // namespace detail

/// An array of T in memory that the CPU and a device share
/// (dma_alloc_coherent()); freed when destroyed (see kcxx/dma/coherent.h).
template <typename T> class CoherentAllocation {
	static_assert(Pod<T>,
		      "kcxx: DMA memory holds what the device wrote: its type must accept every bit "
		      "pattern and have no padding (integers, and structs and arrays of them; no bool, "
		      "enum or pointer)");

public:
	/// dma_alloc_coherent() of 'count' elements, zeroed.  -EINVAL for 0
	/// or an overflowing size; -ENOMEM.
	[[nodiscard]] static Result<CoherentAllocation> alloc(const BoundDevice &dev, unsigned long count, Gfp gfp)
	{
		unsigned long bytes;
		if (count == 0 || __builtin_mul_overflow(count, sizeof(T), &bytes))
			return code::EINVAL;
		bindings::kcxx_dma_addr_t handle = 0;
		// SAFETY: a bound device (its DMA mask set in probe); the
		// memory is freed by the destructor with the same size.
		void *cpu = bindings::dma_alloc_attrs(dev.as_raw(), bytes, &handle,
						      gfp.bits() | KCXX___GFP_ZERO, 0);
		if (!cpu)
			return code::ENOMEM;
		return CoherentAllocation(DeviceRef(dev), static_cast<T *>(cpu), handle, count);
	}

	/// Takes over other's memory; other is left empty.
	CoherentAllocation(CoherentAllocation &&other)
		: dev_(std::move(other.dev_)), cpu_(std::exchange(other.cpu_, nullptr)), handle_(other.handle_),
		  count_(std::exchange(other.count_, 0))
	{
	}
	CoherentAllocation(const CoherentAllocation &) = delete;
	CoherentAllocation &operator=(const CoherentAllocation &) = delete;
	CoherentAllocation &operator=(CoherentAllocation &&) = delete;

	~CoherentAllocation()
	{
		if (cpu_)
			// SAFETY: allocated by alloc() for this device with
			// this size (INVARIANT); the DeviceRef keeps the
			// struct device alive until after this call.
			bindings::dma_free_attrs(dev_.get().as_raw(), count_ * sizeof(T), cpu_, handle_, 0);
	}

	/// The number of elements.
	[[nodiscard]] unsigned long count() const { return count_; }
	/// The size in bytes.
	[[nodiscard]] unsigned long size_bytes() const { return count_ * sizeof(T); }

	/// The bus address of element 0, to program into the device.
	[[nodiscard]] Address dma_address() const { return Address(handle_); }
	/// The bus address of element 'index'; -EINVAL past the end.
	[[nodiscard]] Result<Address> dma_address_of(unsigned long index) const
	{
		if (index >= count_)
			return code::EINVAL;
		return Address(handle_ + index * sizeof(T));
	}

	/// Element 'index', read once; -EINVAL past the end.
	[[nodiscard]] Result<T> read(unsigned long index) const
	{
		if (index >= count_) [[unlikely]]
			return code::EINVAL;
		return detail::load(&cpu_[index]);
	}

	/// Stores 'value' at 'index'; -EINVAL past the end.
	[[nodiscard]] Result<void> write(unsigned long index, const T &value) const
	{
		if (index >= count_) [[unlikely]]
			return code::EINVAL;
		detail::store(&cpu_[index], value);
		return {};
	}

	/// One field of element 'index': read_field(i, &Descriptor::length).
	template <typename F, typename C = T>
		requires std::is_class_v<C>
	[[nodiscard]] Result<F> read_field(unsigned long index, F C::*field) const
	{
		if (index >= count_) [[unlikely]]
			return code::EINVAL;
		return detail::load(&(cpu_[index].*field));
	}

	/// Writes one field of element 'index': write_field(i, &Descriptor::length, n).
	/// EINVAL for an index out of range.
	template <typename F, typename C = T>
		requires std::is_class_v<C>
	[[nodiscard]] Result<void> write_field(unsigned long index, F C::*field, const F &value) const
	{
		if (index >= count_) [[unlikely]]
			return code::EINVAL;
		detail::store(&(cpu_[index].*field), value);
		return {};
	}

	/// Copies 'count' elements from user memory into [first, first +
	/// count); -EINVAL for a range outside the allocation, -EFAULT.
	[[nodiscard]] Result<void> copy_from_user(UserSliceReader &reader, unsigned long first, unsigned long count) const
	{
		TRY(check_range(first, count));
		detail::compiler_barrier();
		Result<void> result = reader.read_slice(Range{cpu_ + first, count});
		detail::compiler_barrier();
		return result;
	}

	/// Copies [first, first + count) to user memory; -EINVAL, -EFAULT.
	[[nodiscard]] Result<void> copy_to_user(UserSliceWriter &writer, unsigned long first, unsigned long count) const
	{
		TRY(check_range(first, count));
		detail::compiler_barrier();
		Result<void> result = writer.write_slice(ConstRange{cpu_ + first, count});
		detail::compiler_barrier();
		return result;
	}

	/// Copies all of 'source' into [first, first + source.size());
	/// -EINVAL for a range outside the allocation.
	[[nodiscard]] Result<void> copy_in(unsigned long first, Span<const T> source) const
	{
		TRY(check_range(first, source.size()));
		detail::compiler_barrier();
		__builtin_memcpy(cpu_ + first, source.data(), source.size() * sizeof(T));
		detail::compiler_barrier();
		return {};
	}

	/// Appends [first, first + count) to 'out' (allocating with 'flags'
	/// if it has no room: reserve it first to copy under a lock without
	/// allocating); -EINVAL for a range outside the allocation, -ENOMEM.
	template <typename A>
	[[nodiscard]] Result<void> copy_out(unsigned long first, unsigned long count, Vec<T, A> &out, Gfp flags) const
	{
		TRY(check_range(first, count));
		return kcxx::detail::VecAccess::append(out, count, flags, [&](T *space, unsigned long n) -> Result<void> {
			detail::compiler_barrier();
			__builtin_memcpy(space, cpu_ + first, n * sizeof(T));
			detail::compiler_barrier();
			return {};
		});
	}

private:
	/// A range over DMA memory for the user copies only (never returned).
	struct Range {
		T *first;
		unsigned long n;
		T *data() { return first; }
		unsigned long size() const { return n; }
	};
	struct ConstRange {
		const T *first;
		unsigned long n;
		const T *data() const { return first; }
		unsigned long size() const { return n; }
	};

	CoherentAllocation(DeviceRef dev, T *cpu, bindings::kcxx_dma_addr_t handle, unsigned long count)
		: dev_(std::move(dev)), cpu_(cpu), handle_(handle), count_(count)
	{
	}

	Result<void> check_range(unsigned long first, unsigned long count) const
	{
		if (first > count_ || count > count_ - first)
			return code::EINVAL;
		return {};
	}

	DeviceRef dev_;
	T *cpu_;
	bindings::kcxx_dma_addr_t handle_;
	unsigned long count_;
};

} // namespace kcxx::dma
