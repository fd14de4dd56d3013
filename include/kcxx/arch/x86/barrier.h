// SPDX-License-Identifier: GPL-2.0
/// \file
/// x86-64's fences, as arch/x86/include/asm/barrier.h defines them for 6.1
/// and 6.12: the CPU-to-CPU ones for kcxx/sync/barrier.h (x86 is TSO: only
/// smp_mb() is an instruction), the mandatory ones (mb(), wmb(), rmb(),
/// which also order accesses to device memory) for kcxx/dma/barrier.h, and
/// dma_rmb()/dma_wmb() (compiler barriers).  Included by kcxx/sync/barrier.h
/// only.
#pragma once

namespace kcxx::detail::arch {

[[gnu::always_inline]] inline void compiler_barrier()
{
	asm volatile("" ::: "memory");
}

[[gnu::always_inline]] inline void smp_mb()
{
	asm volatile("lock; addl $0,-4(%%rsp)" ::: "memory", "cc");
}

[[gnu::always_inline]] inline void smp_rmb()
{
	compiler_barrier();
}

[[gnu::always_inline]] inline void smp_wmb()
{
	compiler_barrier();
}

// The kernel's are empty on x86 because its atomics are asm with a "memory"
// clobber; kcxx::Atomic's relaxed operations are __atomic builtins, which
// need the compiler barrier.
[[gnu::always_inline]] inline void smp_mb__before_atomic()
{
	compiler_barrier();
}

[[gnu::always_inline]] inline void smp_mb__after_atomic()
{
	compiler_barrier();
}

// READ_ONCE() then a compiler barrier.
template <typename T> [[nodiscard, gnu::always_inline]] inline T load_acquire(const T &x)
{
	T value = *static_cast<const volatile T *>(&x);
	compiler_barrier();
	return value;
}

// A compiler barrier then WRITE_ONCE().
template <typename T> [[gnu::always_inline]] inline void store_release(T &x, T value)
{
	compiler_barrier();
	*static_cast<volatile T *>(&x) = value;
}

// mb(), wmb(), rmb(): ordering that device memory (MMIO, DMA) sees too.
[[gnu::always_inline]] inline void mb()
{
	asm volatile("mfence" ::: "memory");
}

[[gnu::always_inline]] inline void wmb()
{
	asm volatile("sfence" ::: "memory");
}

[[gnu::always_inline]] inline void rmb()
{
	asm volatile("lfence" ::: "memory");
}

// dma_rmb(), dma_wmb(): ordering of the CPU's accesses to coherent DMA
// memory (TSO: compiler barriers).
[[gnu::always_inline]] inline void dma_rmb()
{
	compiler_barrier();
}

[[gnu::always_inline]] inline void dma_wmb()
{
	compiler_barrier();
}

// cpu_relax(): rep; nop.
[[gnu::always_inline]] inline void cpu_relax()
{
	asm volatile("pause" ::: "memory");
}

} // namespace kcxx::detail::arch
