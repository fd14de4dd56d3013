// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::dma::wmb(), kcxx::dma::mb(): ordering of CPU accesses to memory a
/// device reads, as the kernel's wmb() and mb() (the architecture's
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

} // namespace kcxx::dma
