// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::io::Mmio<SIZE>: a window of memory-mapped device registers whose
/// accesses are checked against its size (Rust's Io<SIZE>).
///
///     bar.write32<0x04>(0x1234);               // offset checked at compile time
///     u32 id = bar.read32<0x00>();
///     auto v = TRY(bar.try_read32(offset));    // offset known at run time: -EINVAL
///     bar.write32_relaxed<0x20>(0x80);         // no ordering against DMA memory
///
/// SIZE is the size the driver needs, a compile-time constant: an access
/// with a constant offset that is out of [0, SIZE) or not aligned to its
/// width does not compile.  The mapping may be larger than SIZE (a BAR
/// rounded up to a power of two): the try_ accessors check against the
/// mapped size, known at run time.  Making a window of SIZE bytes over a
/// smaller mapping fails when the mapping is made (pci::Bar::map()).
///
/// Ordering: read\<N\>()/write\<N\>() are readl()/writel(): ordered against
/// each other and against the CPU's accesses to DMA memory (x86-64: a plain
/// 'mov' with a compiler barrier; arm64: ldr then dmb oshld, dmb oshst then
/// str - kcxx/arch/ARCH/mmio.h).  The _relaxed variants are
/// readl_relaxed()/writel_relaxed(): ordered against other MMIO to the same
/// device only.  Each access is one instruction of exactly its width, never
/// split, merged or elided by the compiler.
///
/// Mmio does not own the mapping: pci::Bar does, and is the object a driver
/// holds (inside a Devres, which stops every access at unbind).  An Mmio is
/// never a free-standing object: it cannot be copied out of its owner, and
/// only an owner deriving from it (from_raw(), set_mapping() are protected)
/// gives it a mapping.
///
/// INVARIANT: base_ is the start of a live uncached mapping of at least
/// size_ bytes, size_ >= SIZE, for as long as the Mmio is used (its owner,
/// e.g. pci::Bar, guarantees it).
#pragma once

#if defined(__x86_64__)
#include <kcxx/arch/x86/mmio.h>
#elif defined(__aarch64__)
#include <kcxx/arch/arm64/mmio.h>
#elif defined(__riscv) && __riscv_xlen == 64
#include <kcxx/arch/riscv/mmio.h>
#else
#error "kcxx/io/mmio.h: no MMIO accessors for this architecture (kcxx/arch/<arch>/mmio.h)"
#endif
#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::io {

namespace detail {

template <typename U> constexpr bool offset_in_window(unsigned long offset, unsigned long size)
{
	return offset <= size && size - offset >= sizeof(U);
}

template <typename U> constexpr bool offset_aligned(unsigned long offset) { return offset % sizeof(U) == 0; }

template <typename U> constexpr bool offset_valid(unsigned long offset, unsigned long size)
{
	return offset_aligned<U>(offset) && offset_in_window<U>(offset, size);
}

/// One access of exactly sizeof(U) bytes, as the architecture's asm/io.h
/// does it (kcxx/arch/ARCH/mmio.h).
///
/// SAFETY (both): the callers are Mmio's accessors, which pass an address
/// inside the live mapping (Mmio's INVARIANT, the offset checked at compile
/// or run time) and aligned to sizeof(U).
template <typename U> [[gnu::always_inline]] inline U raw_read(const volatile void *addr, bool ordered)
{
	return kcxx::detail::arch::mmio_read<U>(addr, ordered);
}

template <typename U> [[gnu::always_inline]] inline void raw_write(U value, volatile void *addr, bool ordered)
{
	kcxx::detail::arch::mmio_write<U>(value, addr, ordered);
}

} // namespace detail

/// A window of SIZE bytes of memory-mapped device registers whose accesses are
/// checked against SIZE at compile time (see kcxx/io/mmio.h).
template <unsigned long SIZE> class Mmio {
public:
	/// The size the registers' offsets are checked against at compile time.
	static constexpr unsigned long size = SIZE;

	/// Not copyable (nor movable): a copy of the window would outlive its
	/// owner (a Bar in a Devres) and reach the registers after unbind.
	Mmio(const Mmio &) = delete; // kcxx: a register window is reached through its owner (Devres: try_access()), never copied
	Mmio &operator=(const Mmio &) = delete;

	/// The start of the mapping, for its owner to unmap it.
	[[nodiscard]] void *base_for_owner() const { return const_cast<u8 *>(base_); }

	/// The size of the mapping (>= SIZE).
	[[nodiscard]] unsigned long mapped_size() const { return size_; }

#define KCXX_MMIO_ACCESSORS(bits, U)                                                                 \
	template <unsigned long OFFSET> [[nodiscard, gnu::always_inline]] U read##bits() const        \
	{                                                                                             \
		static_assert(detail::offset_in_window<U>(OFFSET, SIZE),                              \
			      "kcxx: MMIO read" #bits " at an offset outside the window");             \
		static_assert(detail::offset_aligned<U>(OFFSET),                                      \
			      "kcxx: MMIO read" #bits " at an offset not aligned to " #bits " bits");   \
		return detail::raw_read<U>(base_ + OFFSET, true);                                     \
	}                                                                                             \
	template <unsigned long OFFSET> [[nodiscard, gnu::always_inline]] U read##bits##_relaxed() const \
	{                                                                                             \
		static_assert(detail::offset_in_window<U>(OFFSET, SIZE),                              \
			      "kcxx: MMIO read" #bits " at an offset outside the window");             \
		static_assert(detail::offset_aligned<U>(OFFSET),                                      \
			      "kcxx: MMIO read" #bits " at an offset not aligned to " #bits " bits");   \
		return detail::raw_read<U>(base_ + OFFSET, false);                                    \
	}                                                                                             \
	template <unsigned long OFFSET> [[gnu::always_inline]] void write##bits(U value) const        \
	{                                                                                             \
		static_assert(detail::offset_in_window<U>(OFFSET, SIZE),                              \
			      "kcxx: MMIO write" #bits " at an offset outside the window");            \
		static_assert(detail::offset_aligned<U>(OFFSET),                                      \
			      "kcxx: MMIO write" #bits " at an offset not aligned to " #bits " bits");  \
		detail::raw_write<U>(value, base_ + OFFSET, true);                                    \
	}                                                                                             \
	template <unsigned long OFFSET> [[gnu::always_inline]] void write##bits##_relaxed(U value) const \
	{                                                                                             \
		static_assert(detail::offset_in_window<U>(OFFSET, SIZE),                              \
			      "kcxx: MMIO write" #bits " at an offset outside the window");            \
		static_assert(detail::offset_aligned<U>(OFFSET),                                      \
			      "kcxx: MMIO write" #bits " at an offset not aligned to " #bits " bits");  \
		detail::raw_write<U>(value, base_ + OFFSET, false);                                   \
	}                                                                                             \
	[[nodiscard]] Result<U> try_read##bits(unsigned long offset) const                           \
	{                                                                                             \
		if (!detail::offset_valid<U>(offset, size_)) [[unlikely]]                             \
			return code::EINVAL;                                                          \
		return detail::raw_read<U>(base_ + offset, true);                                     \
	}                                                                                             \
	[[nodiscard]] Result<void> try_write##bits(U value, unsigned long offset) const               \
	{                                                                                             \
		if (!detail::offset_valid<U>(offset, size_)) [[unlikely]]                             \
			return code::EINVAL;                                                          \
		detail::raw_write<U>(value, base_ + offset, true);                                    \
		return {};                                                                            \
	}

	KCXX_MMIO_ACCESSORS(8, u8)
	KCXX_MMIO_ACCESSORS(16, u16)
	KCXX_MMIO_ACCESSORS(32, u32)
	KCXX_MMIO_ACCESSORS(64, u64)
#undef KCXX_MMIO_ACCESSORS

protected:
	/// For the owners of a mapping, which derive from the window: 'base'
	/// maps 'mapped_size' >= SIZE bytes for as long as the Mmio is used.
	[[nodiscard]] static Mmio from_raw(void *base, unsigned long mapped_size)
	{
		return Mmio(static_cast<volatile u8 *>(base), mapped_size);
	}

	/// For owners that derive from the window (pci::Bar): unmapped until
	/// set_mapping().
	Mmio() : base_(nullptr), size_(0) {}
	/// Sets the mapping the accessors use: 'base', 'mapped_size' bytes (>= SIZE).
	void set_mapping(void *base, unsigned long mapped_size)
	{
		base_ = static_cast<volatile u8 *>(base);
		size_ = mapped_size;
	}

private:
	Mmio(volatile u8 *base, unsigned long mapped_size) : base_(base), size_(mapped_size) {}

	volatile u8 *base_;
	unsigned long size_;
};

} // namespace kcxx::io
