// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::dma::wmb(), kcxx::dma::mb(): ordering of CPU accesses to memory a
/// device reads, as the kernel's wmb() and mb() (arch/x86/include/asm/
/// barrier.h: sfence, mfence).  A driver that shares a structure with its
/// device in coherent memory and then reads back what the device wrote
/// (NVMe's shadow doorbells: write the doorbell value, then read the
/// controller's event index) needs the full barrier between the two; the
/// smp_*() barriers order CPUs only.
#pragma once

#ifndef __x86_64__
#error "kcxx/dma/barrier.h: the fences are written for x86-64"
#endif

namespace kcxx::dma {

/// Earlier stores (to memory and to device registers) are visible before
/// later ones.
[[gnu::always_inline]] inline void wmb()
{
	asm volatile("sfence" ::: "memory");
}

/// Earlier loads and stores complete before later ones.
[[gnu::always_inline]] inline void mb()
{
	asm volatile("mfence" ::: "memory");
}

} // namespace kcxx::dma
