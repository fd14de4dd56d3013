// SPDX-License-Identifier: GPL-2.0
/// \file
/// The kernel's allocators as kcxx allocator policies, for Box<T, A> and
/// Vec<T, A> (as Rust-for-Linux's Kmalloc, Vmalloc):
///
///     kcxx::alloc::Kmalloc  the slab allocator: physically contiguous, any
///                           context the GFP flags allow, up to
///                           KMALLOC_MAX_SIZE; grows in place with krealloc.
///     kcxx::alloc::Vmalloc  virtually contiguous pages: for large buffers
///                           (megabytes), only where sleeping is allowed.
///
/// Every allocation takes explicit GFP flags and returns a Result: ENOMEM
/// when the allocator fails, EINVAL for flags the allocator cannot honour
/// (Vmalloc with flags that forbid sleeping; a compile error when the
/// compiler can see the flags, which is the usual case).  Sizes are computed by the caller with
/// kcxx/overflow.h and are never zero.
///
/// An allocator is a type with static members:
///
///     template <unsigned long Align> Result<void *> allocate(size, Gfp)
///     template <unsigned long Align> Result<void *> reallocate(p, size, Gfp)
///                                    (only when can_reallocate: the old block
///                                    stays valid on failure, its bytes move)
///     void free(const void *)
#pragma once

#include <bit>

#include <kcxx/bindings.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>

namespace kcxx::alloc {

namespace detail {

/// Whether 'flags' allow the allocator to sleep (direct reclaim), as
/// vmalloc needs: GFP_KERNEL, GFP_NOIO and GFP_NOFS do, GFP_ATOMIC and
/// GFP_NOWAIT do not.
constexpr bool may_sleep(Gfp flags)
{
	return (flags.bits() & KCXX___GFP_DIRECT_RECLAIM) != 0;
}

/// Never defined: a call that survives optimisation fails the build.
[[gnu::error("kcxx: vmalloc with GFP flags that do not allow sleeping (GFP_ATOMIC, GFP_NOWAIT): "
	     "vmalloc may sleep; use kmalloc (Box, Vec) in atomic context")]] void
vmalloc_flags_do_not_allow_sleeping();

} // namespace detail

/// INVARIANT: none (stateless); memory from allocate()/reallocate() is
/// returned to free() of the same allocator.
class Kmalloc {
public:
	/// The allocator's name, for messages.
	static constexpr const char *name = "kmalloc";
	/// Whether reallocate() exists (krealloc(): grows in place when it can).
	static constexpr bool can_reallocate = true;

	/// Allocates 'size' bytes aligned to Align: ENOMEM when the allocator fails.
	template <unsigned long Align> [[nodiscard]] static Result<void *> allocate(unsigned long size, Gfp flags)
	{
		unsigned long bytes = TRY(request_size<Align>(size));
		// SAFETY: kmalloc takes any size and flags and returns null or
		// at least 'bytes' bytes aligned to Align (request_size).
		void *memory = bindings::kcxx_kmalloc_symbol(bytes, flags.bits());
		if (!memory)
			return code::ENOMEM;
		return memory;
	}

	/// Resizes what allocate() returned to 'size' bytes, keeping its bytes; on
	/// failure the old block stays valid.  ENOMEM.
	template <unsigned long Align>
	[[nodiscard]] static Result<void *> reallocate(void *old, unsigned long size, Gfp flags)
	{
		unsigned long bytes = TRY(request_size<Align>(size));
		// SAFETY: 'old' came from kmalloc/krealloc (the caller's
		// invariant); on failure krealloc leaves it allocated and
		// untouched, on success it has moved the bytes and freed it.
		// A power-of-two request keeps the alignment (request_size).
		void *memory = bindings::kcxx_krealloc_symbol(old, bytes, flags.bits());
		if (!memory)
			return code::ENOMEM;
		return memory;
	}

	/// Frees what allocate() or reallocate() returned (null: nothing).
	static void free(const void *memory)
	{
		// SAFETY: memory came from allocate/reallocate (or is null,
		// which kfree ignores).
		bindings::kfree(memory);
	}

	/// kmalloc aligns every object to ARCH_KMALLOC_MINALIGN and objects of
	/// a power-of-two size to that size (documented in slab.h): an
	/// over-aligned request is rounded up to a power of two.
	template <unsigned long Align> [[nodiscard]] static constexpr Result<unsigned long> request_size(unsigned long size)
	{
		static_assert(std::has_single_bit(Align) && Align <= KCXX_PAGE_SIZE,
			      "kcxx: kmalloc aligns to at most a page");
		if (Align <= KCXX_ARCH_KMALLOC_MINALIGN)
			return size;
		if (size > (1UL << 63))
			return code::EOVERFLOW;
		return std::bit_ceil(size < Align ? Align : size);
	}
};

/// INVARIANT: none (stateless), as Kmalloc.
class Vmalloc {
public:
	/// The allocator's name, for messages.
	static constexpr const char *name = "vmalloc";
	/// Whether reallocate() exists: not for vmalloc.
	static constexpr bool can_reallocate = false;

	/// Allocates 'size' bytes aligned to Align: ENOMEM when the allocator fails,
	/// EINVAL for flags that forbid sleeping (a compile error when they are constant).
	template <unsigned long Align>
	[[nodiscard, gnu::always_inline]] static Result<void *> allocate(unsigned long size, Gfp flags)
	{
		static_assert(std::has_single_bit(Align) && Align <= KCXX_PAGE_SIZE,
			      "kcxx: vmalloc aligns to a page");
		// vmalloc maps pages and may sleep whatever the flags say:
		// flags that forbid sleeping are a build error when the
		// compiler sees them (they are almost always constants),
		// else EINVAL.
		// (A call inside __builtin_constant_p would fold to 0 early.)
		const bool sleeps = detail::may_sleep(flags);
		if (__builtin_constant_p(sleeps) && !sleeps)
			detail::vmalloc_flags_do_not_allow_sleeping();
		if (!sleeps)
			return code::EINVAL;
		// SAFETY: __vmalloc takes sleeping flags (checked above) and
		// a non-zero size (the caller's rule); it returns null or
		// page-aligned memory of at least 'size' bytes.
		void *memory = bindings::kcxx_vmalloc_symbol(size, flags.bits());
		if (!memory)
			return code::ENOMEM;
		return memory;
	}

	/// Frees what allocate() returned (null: nothing).
	static void free(const void *memory)
	{
		// SAFETY: memory came from allocate (or is null, which vfree
		// ignores).  vfree may sleep: so may the owner's destructor.
		bindings::vfree(memory);
	}
};

} // namespace kcxx::alloc
