// SPDX-License-Identifier: GPL-2.0
/// \file
/// riscv64's fences, as arch/riscv/include/asm/barrier.h defines them for
/// 6.12: for kcxx/sync/barrier.h fence rw,rw / r,r / w,w;
/// smp_load_acquire() a load and fence r,rw, smp_store_release() fence rw,w
/// and a store (RVWMO's mapping, the kernel's __smp_load_acquire() and
/// __smp_store_release()); smp_mb__{before,after}_atomic() are the generic
/// smp_mb().  The mandatory mb(), wmb(), rmb() (fence iorw,iorw / ow,ow /
/// ir,ir: device accesses are ordered too) for kcxx/dma/barrier.h, and
/// dma_rmb()/dma_wmb(), which riscv defines as the generic ones:
/// rmb()/wmb().  Included by kcxx/sync/barrier.h only.
#pragma once

namespace kcxx::detail::arch {

[[gnu::always_inline]] inline void compiler_barrier()
{
	asm volatile("" ::: "memory");
}

[[gnu::always_inline]] inline void smp_mb()
{
	asm volatile("fence rw, rw" ::: "memory");
}

[[gnu::always_inline]] inline void smp_rmb()
{
	asm volatile("fence r, r" ::: "memory");
}

[[gnu::always_inline]] inline void smp_wmb()
{
	asm volatile("fence w, w" ::: "memory");
}

[[gnu::always_inline]] inline void smp_mb__before_atomic()
{
	smp_mb();
}

[[gnu::always_inline]] inline void smp_mb__after_atomic()
{
	smp_mb();
}

// READ_ONCE(); fence r,rw (a volatile load of a native-size scalar is one
// lb/lh/lw/ld; never a call).
template <typename T> [[nodiscard, gnu::always_inline]] inline T load_acquire(const T &x)
{
	T value = *static_cast<const volatile T *>(&x);
	asm volatile("fence r, rw" ::: "memory");
	return value;
}

// fence rw,w; WRITE_ONCE().
template <typename T> [[gnu::always_inline]] inline void store_release(T &x, T value)
{
	asm volatile("fence rw, w" ::: "memory");
	*static_cast<volatile T *>(&x) = value;
}

// mb(), wmb(), rmb(): the device (I/O) accesses are in the fence's sets
// (asm/barrier.h's __mb(), __wmb(), __rmb()).
[[gnu::always_inline]] inline void mb()
{
	asm volatile("fence iorw, iorw" ::: "memory");
}

[[gnu::always_inline]] inline void wmb()
{
	asm volatile("fence ow, ow" ::: "memory");
}

[[gnu::always_inline]] inline void rmb()
{
	asm volatile("fence ir, ir" ::: "memory");
}

// dma_rmb(), dma_wmb(): riscv's asm/barrier.h has no __dma_rmb/__dma_wmb,
// so asm-generic/barrier.h makes them rmb() and wmb().
[[gnu::always_inline]] inline void dma_rmb()
{
	rmb();
}

[[gnu::always_inline]] inline void dma_wmb()
{
	wmb();
}

// cpu_relax(): a long-latency div, then pause (Zihintpause, encoded as
// the kernel's RISCV_PAUSE: g++-12's assembler has no mnemonic for it),
// as asm/vdso/processor.h.
[[gnu::always_inline]] inline void cpu_relax()
{
	int dummy;
	asm volatile("div %0, %0, zero" : "=r"(dummy));
	asm volatile(".4byte 0x100000f" ::: "memory");
}

} // namespace kcxx::detail::arch
