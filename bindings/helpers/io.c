// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: MMIO accessors for architectures without C++ inline ones. */

unsigned char kcxx_helper_readb(const volatile void *addr)
{
	return readb((const volatile void __iomem *)addr);
}

unsigned short kcxx_helper_readw(const volatile void *addr)
{
	return readw((const volatile void __iomem *)addr);
}

unsigned int kcxx_helper_readl(const volatile void *addr)
{
	return readl((const volatile void __iomem *)addr);
}

unsigned long long kcxx_helper_readq(const volatile void *addr)
{
	return readq((const volatile void __iomem *)addr);
}

void kcxx_helper_writeb(unsigned char value, volatile void *addr)
{
	writeb(value, (volatile void __iomem *)addr);
}

void kcxx_helper_writew(unsigned short value, volatile void *addr)
{
	writew(value, (volatile void __iomem *)addr);
}

void kcxx_helper_writel(unsigned int value, volatile void *addr)
{
	writel(value, (volatile void __iomem *)addr);
}

void kcxx_helper_writeq(unsigned long long value, volatile void *addr)
{
	writeq(value, (volatile void __iomem *)addr);
}
