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

struct sg_table *kcxx_helper_sg_table_alloc(unsigned int nents, gfp_t gfp)
{
	struct sg_table *table = kzalloc(sizeof(*table), gfp);

	if (!table)
		return NULL;
	if (sg_alloc_table(table, nents, gfp)) {
		kfree(table);
		return NULL;
	}
	return table;
}

void kcxx_helper_sg_table_free(struct sg_table *table)
{
	sg_free_table(table);
	kfree(table);
}

struct scatterlist *kcxx_helper_sg_table_first(struct sg_table *table)
{
	return table->sgl;
}

unsigned int kcxx_helper_sg_table_dma_nents(struct sg_table *table)
{
	return table->nents;
}

void kcxx_helper_sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int length)
{
	sg_set_buf(sg, buf, length);
}

dma_addr_t kcxx_helper_sg_dma_address(struct scatterlist *sg)
{
	return sg_dma_address(sg);
}

unsigned int kcxx_helper_sg_dma_len(struct scatterlist *sg)
{
	return sg_dma_len(sg);
}

int kcxx_helper_dma_map_sgtable(struct device *dev, struct sg_table *table, int dir)
{
	return dma_map_sgtable(dev, table, (enum dma_data_direction)dir, 0);
}

void kcxx_helper_dma_unmap_sgtable(struct device *dev, struct sg_table *table, int dir)
{
	dma_unmap_sgtable(dev, table, (enum dma_data_direction)dir, 0);
}

void kcxx_helper_dma_sync_sgtable_for_cpu(struct device *dev, struct sg_table *table, int dir)
{
	dma_sync_sgtable_for_cpu(dev, table, (enum dma_data_direction)dir);
}

void kcxx_helper_dma_sync_sgtable_for_device(struct device *dev, struct sg_table *table, int dir)
{
	dma_sync_sgtable_for_device(dev, table, (enum dma_data_direction)dir);
}

unsigned int kcxx_helper_dma_get_max_seg_size(struct device *dev)
{
	return dma_get_max_seg_size(dev);
}

unsigned int kcxx_helper_rq_dma_map(struct device *dev, struct request *rq,
				    struct scatterlist *sgl, unsigned int max, int dir,
				    unsigned int *nents)
{
	unsigned int segments = blk_rq_nr_phys_segments(rq);
	int mapped;

	if (!segments || segments > max || !blk_rq_bytes(rq))
		return 0;
	sg_init_table(sgl, segments);
	mapped = blk_rq_map_sg(rq->q, rq, sgl);
	if (mapped <= 0)
		return 0;
	*nents = mapped;
	return dma_map_sg_attrs(dev, sgl, mapped, (enum dma_data_direction)dir,
				DMA_ATTR_NO_WARN);
}

int kcxx_helper_rq_dma_map_bvec(struct device *dev, struct request *rq, int dir,
				unsigned long long *addr, unsigned int *len)
{
	struct bio_vec bv;
	dma_addr_t dma;

	if (blk_rq_nr_phys_segments(rq) != 1 || !rq->bio || (rq->rq_flags & RQF_SPECIAL_PAYLOAD))
		return 0;
	bv = req_bvec(rq);
	/* One segment may still be several bvecs: then the scatterlist. */
	if (!bv.bv_len || bv.bv_len != blk_rq_bytes(rq))
		return 0;
	dma = dma_map_bvec(dev, &bv, (enum dma_data_direction)dir, DMA_ATTR_NO_WARN);
	if (dma_mapping_error(dev, dma))
		return 0;
	*addr = dma;
	*len = bv.bv_len;
	return 1;
}

void kcxx_helper_rq_dma_unmap_bvec(struct device *dev, unsigned long long addr, unsigned int len,
				   int dir)
{
	dma_unmap_page(dev, addr, len, (enum dma_data_direction)dir);
}

void kcxx_helper_rq_dma_unmap(struct device *dev, struct scatterlist *sgl,
			      unsigned int nents, int dir)
{
	dma_unmap_sg(dev, sgl, nents, (enum dma_data_direction)dir);
}

int kcxx_helper_dma_set_max_seg_size(struct device *dev, unsigned int size)
{
	if (!dev->dma_parms)
		return -EIO;
	dma_set_max_seg_size(dev, size);
	return 0;
}
