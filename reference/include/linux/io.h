/*
 * MMIO accessors.  Register windows in the model are ordinary memory,
 * and physical addresses of CPU memory equal their virtual addresses.
 */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <linux/types.h>
#include <linux/compiler.h>

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 *)addr;
}

static inline void writel(u32 val, volatile void __iomem *addr)
{
	*(volatile u32 *)addr = val;
}

static inline u64 readq(const volatile void __iomem *addr)
{
	return *(const volatile u64 *)addr;
}

static inline void writeq(u64 val, volatile void __iomem *addr)
{
	*(volatile u64 *)addr = val;
}

#define readl_relaxed(a)	readl(a)
#define writel_relaxed(v, a)	writel(v, a)

static inline phys_addr_t virt_to_phys(const volatile void *addr)
{
	return (phys_addr_t)(uintptr_t)addr;
}

static inline void *phys_to_virt(phys_addr_t addr)
{
	return (void *)(uintptr_t)addr;
}

/* The model's register windows are memory: ioremap is the identity. */
static inline void __iomem *ioremap(phys_addr_t addr, size_t size)
{
	(void)size;
	return (void __iomem *)(uintptr_t)addr;
}

static inline void iounmap(volatile void __iomem *addr)
{
	(void)addr;
}

#endif /* _LINUX_IO_H */
