// SPDX-License-Identifier: GPL-2.0
/// \file
/// arm64's MMIO accessors for kcxx/io/mmio.h, as arch/arm64/include/asm/io.h
/// builds readX()/writeX() for 6.1 and 6.12:
///   readX_relaxed():  ldr{b,h,} - patched to ldar{b,h,} at module load on
///                     CPUs with the device-load-acquire erratum (Falkor;
///                     the same alternative the kernel's __raw_readX() has);
///   readX():          the same, then __iormb(): dma_rmb() (dmb oshld) and a
///                     control dependency on the value read (eor; cbnz), so
///                     that later reads of DMA memory, and a udelay()'s
///                     counter read, come after it;
///   writeX_relaxed(): str{b,h,};
///   writeX():         dma_wmb() (dmb oshst) first, so that earlier writes
///                     to DMA memory reach the device before the register
///                     write that tells it to look.
/// The registers are little-endian, as the CPU is in Debian's kernels
/// (le32_to_cpu() is the identity).  Included by kcxx/io/mmio.h only.
#pragma once

#include <kcxx/arch/arm64/barrier.h>
#include <kcxx/bindings.h>

/// The alternative of asm/alternative-macros.h's ALTERNATIVE(): OLD in
/// line, NEW in subsection 1, and an entry in .altinstructions (struct
/// alt_instr: offsets of both, the cpucap, both lengths) that the module
/// loader applies (module_finalize(), apply_alternatives_module()) on CPUs
/// with the cpucap.  The layout checks struct alt_instr's shape.
#define KCXX_ARM64_STR2(x) #x
#define KCXX_ARM64_STR(x) KCXX_ARM64_STR2(x)
#define KCXX_ARM64_ALTERNATIVE(oldinstr, newinstr, cpucap)      \
	"661:\n\t" oldinstr "\n"                                \
	"662:\n"                                                \
	".pushsection .altinstructions,\"a\"\n"                 \
	" .word 661b - .\n"                                     \
	" .word 663f - .\n"                                     \
	" .hword " KCXX_ARM64_STR(cpucap) "\n"                  \
	" .byte 662b-661b\n"                                    \
	" .byte 664f-663f\n"                                    \
	".popsection\n"                                         \
	".subsection 1\n"                                       \
	"663:\n\t" newinstr "\n"                                \
	"664:\n\t"                                              \
	".org . - (664b-663b) + (662b-661b)\n\t"                \
	".org . - (662b-661b) + (664b-663b)\n\t"                \
	".previous\n"

namespace kcxx::detail::arch {

// s32 orig_offset, s32 alt_offset, u16 cpucap (6.1: cpufeature), u8
// orig_len, u8 alt_len.
static_assert(KCXX_SIZEOF_alt_instr == 12 && KCXX_OFFSETOF_alt_instr_orig_offset == 0 &&
	      KCXX_OFFSETOF_alt_instr_alt_offset == 4 &&
	      KCXX_OFFSETOF_alt_instr_orig_len == 10 && KCXX_OFFSETOF_alt_instr_alt_len == 11,
	      "kcxx: struct alt_instr is not the one KCXX_ARM64_ALTERNATIVE writes");

#define KCXX_ARM64_DEVICE_LOAD(old, acquire)                                                   \
	KCXX_ARM64_ALTERNATIVE(old, acquire, KCXX_ARM64_WORKAROUND_DEVICE_LOAD_ACQUIRE)

/// One read of sizeof(U) bytes at 'addr' (readX(), or readX_relaxed()
/// when not 'ordered').
///
/// SAFETY (both): the callers are Mmio's accessors, which pass an address
/// inside a live device mapping, aligned to sizeof(U).
template <typename U> [[gnu::always_inline]] inline U mmio_read(const volatile void *addr, bool ordered)
{
	U value;
	if constexpr (sizeof(U) == 1)
		asm volatile(KCXX_ARM64_DEVICE_LOAD("ldrb %w0, [%1]", "ldarb %w0, [%1]") : "=r"(value) : "r"(addr));
	else if constexpr (sizeof(U) == 2)
		asm volatile(KCXX_ARM64_DEVICE_LOAD("ldrh %w0, [%1]", "ldarh %w0, [%1]") : "=r"(value) : "r"(addr));
	else if constexpr (sizeof(U) == 4)
		asm volatile(KCXX_ARM64_DEVICE_LOAD("ldr %w0, [%1]", "ldar %w0, [%1]") : "=r"(value) : "r"(addr));
	else
		asm volatile(KCXX_ARM64_DEVICE_LOAD("ldr %0, [%1]", "ldar %0, [%1]") : "=r"(value) : "r"(addr));
	if (ordered) {
		unsigned long tmp;
		dma_rmb();
		asm volatile("eor %0, %1, %1\n\tcbnz %0, ."
			     : "=r"(tmp)
			     : "r"(static_cast<unsigned long>(value))
			     : "memory");
	}
	return value;
}

#undef KCXX_ARM64_DEVICE_LOAD

/// One write of sizeof(U) bytes at 'addr' (writeX(), or writeX_relaxed()).
template <typename U> [[gnu::always_inline]] inline void mmio_write(U value, volatile void *addr, bool ordered)
{
	volatile U *ptr = static_cast<volatile U *>(addr);
	if (ordered)
		dma_wmb();
	if constexpr (sizeof(U) == 1)
		asm volatile("strb %w0, %1" : : "rZ"(value), "Qo"(*ptr));
	else if constexpr (sizeof(U) == 2)
		asm volatile("strh %w0, %1" : : "rZ"(value), "Qo"(*ptr));
	else if constexpr (sizeof(U) == 4)
		asm volatile("str %w0, %1" : : "rZ"(value), "Qo"(*ptr));
	else
		asm volatile("str %x0, %1" : : "rZ"(value), "Qo"(*ptr));
}

} // namespace kcxx::detail::arch

#undef KCXX_ARM64_ALTERNATIVE
#undef KCXX_ARM64_STR
#undef KCXX_ARM64_STR2
