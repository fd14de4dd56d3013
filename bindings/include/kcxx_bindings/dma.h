/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: the DMA API (include/linux/dma-mapping.h), for
 * include/kcxx/dma/.
 *
 * Coherent allocations and mask setting are exported functions.
 * dma_map_single(), dma_mapping_error() and the sync calls are static
 * inlines (on 6.12 the sync calls skip the out-of-line call when the
 * device needs no sync), so they get helpers; mapping is not the hot path
 * the bounds checks are.
 */
#ifndef KCXX_BINDINGS_DMA_H
#define KCXX_BINDINGS_DMA_H

KCXX_BINDINGS_BEGIN

KCXX_KERNEL_TYPE(kcxx_dma_addr_t, dma_addr_t, unsigned long long);

/* kernel/dma/mapping.c, exported. */
void *dma_alloc_attrs(struct device *dev, kcxx_size_t size, kcxx_dma_addr_t *dma_handle,
		      kcxx_gfp_t flag, unsigned long attrs);
void dma_free_attrs(struct device *dev, kcxx_size_t size, void *cpu_addr,
		    kcxx_dma_addr_t dma_handle, unsigned long attrs);
int dma_set_mask(struct device *dev, unsigned long long mask);
int dma_set_coherent_mask(struct device *dev, unsigned long long mask);

/*
 * dma_map_single(): 0 and *mapped = false on a mapping error (checked with
 * dma_mapping_error(), which DMA-API debug wants to see called).
 */
kcxx_dma_addr_t kcxx_helper_dma_map_single(struct device *dev, void *cpu_addr,
					   kcxx_size_t size, int dir, int *mapped);
void kcxx_helper_dma_unmap_single(struct device *dev, kcxx_dma_addr_t addr, kcxx_size_t size,
				  int dir);
void kcxx_helper_dma_sync_single_for_cpu(struct device *dev, kcxx_dma_addr_t addr,
					 kcxx_size_t size, int dir);
void kcxx_helper_dma_sync_single_for_device(struct device *dev, kcxx_dma_addr_t addr,
					    kcxx_size_t size, int dir);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_DMA_H */
