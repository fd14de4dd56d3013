// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for the DMA API (kcxx_bindings/dma.h). */

dma_addr_t kcxx_helper_dma_map_single(struct device *dev, void *cpu_addr, size_t size, int dir,
				      int *mapped)
{
	dma_addr_t addr = dma_map_single(dev, cpu_addr, size, (enum dma_data_direction)dir);

	*mapped = !dma_mapping_error(dev, addr);
	return *mapped ? addr : 0;
}

void kcxx_helper_dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size, int dir)
{
	dma_unmap_single(dev, addr, size, (enum dma_data_direction)dir);
}

void kcxx_helper_dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size, int dir)
{
	dma_sync_single_for_cpu(dev, addr, size, (enum dma_data_direction)dir);
}

void kcxx_helper_dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
					    int dir)
{
	dma_sync_single_for_device(dev, addr, size, (enum dma_data_direction)dir);
}
