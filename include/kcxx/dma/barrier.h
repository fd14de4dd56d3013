// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::dma::wmb(), kcxx::dma::mb(), kcxx::dma::coherent_rmb(): ordering of
/// CPU accesses to memory a device reads or writes, as the kernel's wmb(),
/// mb() and dma_rmb() (the architecture's
/// asm/barrier.h, in kcxx/arch/ARCH/barrier.h: x86-64 sfence, mfence; arm64
/// dsb st, dsb sy).  A driver that shares a structure with its device in
/// coherent memory and then reads back what the device wrote (NVMe's shadow
/// doorbells: write the doorbell value, then read the controller's event
/// index) needs the full barrier between the two; the smp_*() barriers
/// order CPUs only.
#pragma once

#include <kcxx/sync/barrier.h>

namespace kcxx::dma {

/// Earlier stores (to memory and to device registers) are visible before
/// later ones.
[[gnu::always_inline]] inline void wmb()
{
	kcxx::detail::arch::wmb();
}

/// Earlier loads and stores complete before later ones.
[[gnu::always_inline]] inline void mb()
{
	kcxx::detail::arch::mb();
}

/// Loads from coherent memory the device writes, in order: a load before
/// this (a completion's phase tag, a descriptor's ownership bit) is done
/// before any load after it (the rest of that entry, which the device
/// wrote first).  The kernel's dma_rmb(): a compiler barrier on x86-64,
/// dmb oshld on arm64, fence r,r on riscv.
[[gnu::always_inline]] inline void coherent_rmb()
{
	kcxx::detail::arch::dma_rmb();
}

} // namespace kcxx::dma
