// SPDX-License-Identifier: GPL-2.0
/// \file
/// riscv64's MMIO accessors for kcxx/io/mmio.h, as
/// arch/riscv/include/asm/mmio.h builds readX()/writeX() for 6.12:
///   readX_relaxed():  lb/lh/lw/ld (__raw_readX());
///   readX():          the same, then __io_ar(): fence i,ir - later reads,
///                     of DMA memory too, and a udelay()'s counter read come
///                     after the device read;
///   writeX_relaxed(): sb/sh/sw/sd;
///   writeX():         __io_bw(): fence w,o first, so that earlier writes to
///                     DMA memory reach the device before the register write
///                     that tells it to look; then, where the kernel calls
///                     mmiowb_set_pending() (a per-CPU flag that makes the
///                     next spin_unlock() issue mmiowb(): fence o,w), the
///                     fence o,w itself, right after the write: the same
///                     order (the device write before the lock's release,
///                     and before every later write), without the kernel's
///                     per-CPU state; one more fence per ordered write.
/// The registers are little-endian, as the CPU is (le32_to_cpu() is the
/// identity).  Included by kcxx/io/mmio.h only.
#pragma once

namespace kcxx::detail::arch {

/// One read of sizeof(U) bytes at 'addr' (readX(), or readX_relaxed()
/// when not 'ordered').
///
/// SAFETY (both): the callers are Mmio's accessors, which pass an address
/// inside a live device mapping, aligned to sizeof(U).
template <typename U> [[gnu::always_inline]] inline U mmio_read(const volatile void *addr, bool ordered)
{
	U value;
	if constexpr (sizeof(U) == 1)
		asm volatile("lbu %0, 0(%1)" : "=r"(value) : "r"(addr));
	else if constexpr (sizeof(U) == 2)
		asm volatile("lhu %0, 0(%1)" : "=r"(value) : "r"(addr));
	else if constexpr (sizeof(U) == 4)
		asm volatile("lw %0, 0(%1)" : "=r"(value) : "r"(addr));
	else
		asm volatile("ld %0, 0(%1)" : "=r"(value) : "r"(addr));
	if (ordered)
		asm volatile("fence i, ir" ::: "memory");
	return value;
}

/// One write of sizeof(U) bytes at 'addr' (writeX(), or writeX_relaxed()).
template <typename U> [[gnu::always_inline]] inline void mmio_write(U value, volatile void *addr, bool ordered)
{
	if (ordered)
		asm volatile("fence w, o" ::: "memory");
	if constexpr (sizeof(U) == 1)
		asm volatile("sb %z0, 0(%1)" : : "rJ"(value), "r"(addr));
	else if constexpr (sizeof(U) == 2)
		asm volatile("sh %z0, 0(%1)" : : "rJ"(value), "r"(addr));
	else if constexpr (sizeof(U) == 4)
		asm volatile("sw %z0, 0(%1)" : : "rJ"(value), "r"(addr));
	else
		asm volatile("sd %z0, 0(%1)" : : "rJ"(value), "r"(addr));
	if (ordered)
		asm volatile("fence o, w" ::: "memory");
}

} // namespace kcxx::detail::arch
