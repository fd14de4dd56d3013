/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: memory-mapped I/O accessors (asm/io.h), for
 * include/kcxx/io/.
 *
 * On x86-64, readb()..writeq() are single 'mov' instructions with a
 * compiler barrier, which C++ emits itself with the same inline asm
 * (include/kcxx/io/mmio.h), so the hot path has no helper hop.  Other
 * architectures add barriers (arm64: a DMA read barrier after a read); until
 * kcxx has its own inline versions for them, these helpers are the
 * fallback.
 */
#ifndef KCXX_BINDINGS_IO_H
#define KCXX_BINDINGS_IO_H

KCXX_BINDINGS_BEGIN

unsigned char kcxx_helper_readb(const volatile void *addr);
unsigned short kcxx_helper_readw(const volatile void *addr);
unsigned int kcxx_helper_readl(const volatile void *addr);
unsigned long long kcxx_helper_readq(const volatile void *addr);
void kcxx_helper_writeb(unsigned char value, volatile void *addr);
void kcxx_helper_writew(unsigned short value, volatile void *addr);
void kcxx_helper_writel(unsigned int value, volatile void *addr);
void kcxx_helper_writeq(unsigned long long value, volatile void *addr);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_IO_H */
