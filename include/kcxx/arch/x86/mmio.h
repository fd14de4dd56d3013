// SPDX-License-Identifier: GPL-2.0
/// \file
/// x86-64's MMIO accessors for kcxx/io/mmio.h, as arch/x86/include/asm/io.h
/// builds readX()/writeX() for 6.1 and 6.12: one 'mov' of exactly the
/// access's width; the ordered ones also a compiler barrier (the "memory"
/// clobber; x86 orders uncached accesses among themselves and against DMA
/// memory), the _relaxed ones none.  Included by kcxx/io/mmio.h only.
#pragma once

namespace kcxx::detail::arch {

/// One read of sizeof(U) bytes at 'addr' (readX(), or readX_relaxed()
/// when not 'ordered').
///
/// SAFETY (both): the callers are Mmio's accessors, which pass an address
/// inside a live uncached mapping, aligned to sizeof(U).
template <typename U> [[gnu::always_inline]] inline U mmio_read(const volatile void *addr, bool ordered)
{
	U value;
	if (ordered)
		asm volatile("mov %1, %0" : "=r"(value) : "m"(*static_cast<const volatile U *>(addr)) : "memory");
	else
		asm volatile("mov %1, %0" : "=r"(value) : "m"(*static_cast<const volatile U *>(addr)));
	return value;
}

/// One write of sizeof(U) bytes at 'addr' (writeX(), or writeX_relaxed()).
template <typename U> [[gnu::always_inline]] inline void mmio_write(U value, volatile void *addr, bool ordered)
{
	if (ordered)
		asm volatile("mov %0, %1" : : "r"(value), "m"(*static_cast<volatile U *>(addr)) : "memory");
	else
		asm volatile("mov %0, %1" : : "r"(value), "m"(*static_cast<volatile U *>(addr)));
}

} // namespace kcxx::detail::arch
