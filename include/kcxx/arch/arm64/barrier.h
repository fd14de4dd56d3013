// SPDX-License-Identifier: GPL-2.0
/// \file
/// arm64's fences, as arch/arm64/include/asm/barrier.h defines them for 6.1
/// and 6.12: for kcxx/sync/barrier.h dmb ish / ishld / ishst, and the
/// load-acquire and store-release instructions (ldar, stlr) for
/// smp_load_acquire()/smp_store_release(); smp_mb__{before,after}_atomic()
/// are the generic smp_mb().  The mandatory mb(), wmb(), rmb() (dsb sy / st
/// / ld: device memory sees them too) for kcxx/dma/barrier.h, and
/// dma_rmb()/dma_wmb() (dmb oshld / oshst) for the MMIO accessors
/// (kcxx/arch/arm64/mmio.h).  Included by kcxx/sync/barrier.h only.
#pragma once

namespace kcxx::detail::arch {

[[gnu::always_inline]] inline void compiler_barrier()
{
	asm volatile("" ::: "memory");
}

[[gnu::always_inline]] inline void smp_mb()
{
	asm volatile("dmb ish" ::: "memory");
}

[[gnu::always_inline]] inline void smp_rmb()
{
	asm volatile("dmb ishld" ::: "memory");
}

[[gnu::always_inline]] inline void smp_wmb()
{
	asm volatile("dmb ishst" ::: "memory");
}

[[gnu::always_inline]] inline void smp_mb__before_atomic()
{
	smp_mb();
}

[[gnu::always_inline]] inline void smp_mb__after_atomic()
{
	smp_mb();
}

// ldar{b,h,} (GCC's acquire load of a native-size scalar is one ldar; never
// a call).
template <typename T> [[nodiscard, gnu::always_inline]] inline T load_acquire(const T &x)
{
	T value;
	__atomic_load(&x, &value, __ATOMIC_ACQUIRE);
	return value;
}

// stlr{b,h,}.
template <typename T> [[gnu::always_inline]] inline void store_release(T &x, T value)
{
	__atomic_store(&x, &value, __ATOMIC_RELEASE);
}

// mb(), wmb(), rmb(): dsb, which completes the accesses, device memory's
// included (asm/barrier.h's __mb(), __wmb(), __rmb()).
[[gnu::always_inline]] inline void mb()
{
	asm volatile("dsb sy" ::: "memory");
}

[[gnu::always_inline]] inline void wmb()
{
	asm volatile("dsb st" ::: "memory");
}

[[gnu::always_inline]] inline void rmb()
{
	asm volatile("dsb ld" ::: "memory");
}

// dma_rmb(), dma_wmb(): outer-shareable dmb, the domain devices are in
// (asm/barrier.h's __dma_rmb(), __dma_wmb()).
[[gnu::always_inline]] inline void dma_rmb()
{
	asm volatile("dmb oshld" ::: "memory");
}

[[gnu::always_inline]] inline void dma_wmb()
{
	asm volatile("dmb oshst" ::: "memory");
}

// cpu_relax(): yield, as asm/vdso/processor.h.
[[gnu::always_inline]] inline void cpu_relax()
{
	asm volatile("yield" ::: "memory");
}

} // namespace kcxx::detail::arch
