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

/*
 * Scatter-gather streaming mappings (include/kcxx/dma/sg_table.h).  The
 * struct sg_table is allocated by the helper (C++ holds a pointer only);
 * sg_alloc_table(), sg_free_table() and sg_next() are exported,
 * dma_map_sgtable() too (its helper only names the direction), the rest are
 * static inlines or macros (sg_set_buf(), sg_dma_address(), sg_dma_len(),
 * dma_unmap_sgtable(), the sync calls, dma_get_max_seg_size()).
 */
KCXX_OPAQUE_STRUCT(sg_table);
KCXX_OPAQUE_STRUCT(scatterlist);

struct scatterlist *sg_next(struct scatterlist *sg);

/* kzalloc + sg_alloc_table() of 'nents' entries; NULL on failure. */
struct sg_table *kcxx_helper_sg_table_alloc(unsigned int nents, kcxx_gfp_t gfp);
/* sg_free_table() + kfree() of a table from kcxx_helper_sg_table_alloc(). */
void kcxx_helper_sg_table_free(struct sg_table *table);
/* The first entry (table->sgl). */
struct scatterlist *kcxx_helper_sg_table_first(struct sg_table *table);
/* The number of DMA segments after dma_map_sgtable() (table->nents). */
unsigned int kcxx_helper_sg_table_dma_nents(struct sg_table *table);
void kcxx_helper_sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int length);
kcxx_dma_addr_t kcxx_helper_sg_dma_address(struct scatterlist *sg);
unsigned int kcxx_helper_sg_dma_len(struct scatterlist *sg);
/* dma_map_sgtable(): 0 or a negative errno. */
int kcxx_helper_dma_map_sgtable(struct device *dev, struct sg_table *table, int dir);
void kcxx_helper_dma_unmap_sgtable(struct device *dev, struct sg_table *table, int dir);
void kcxx_helper_dma_sync_sgtable_for_cpu(struct device *dev, struct sg_table *table, int dir);
void kcxx_helper_dma_sync_sgtable_for_device(struct device *dev, struct sg_table *table, int dir);
unsigned int kcxx_helper_dma_get_max_seg_size(struct device *dev);
/*
 * dma_set_max_seg_size() (an int on 6.1, void with a WARN on 6.12): 0, or
 * -EIO for a device without DMA parameters.
 */
int kcxx_helper_dma_set_max_seg_size(struct device *dev, unsigned int size);

/*
 * A block request's data mapped for DMA (include/kcxx/block/request_dma.h):
 * blk_rq_map_sg() into 'sgl', an array of 'max' entries (not chained), then
 * dma_map_sg().  0 for a request with no data or with more physical
 * segments than 'max' (the array's bound: nothing is written then), and
 * when the mapping fails; otherwise the number of DMA segments (entries
 * 0..n-1 hold their bus address and length: KCXX_OFFSETOF_scatterlist_*)
 * and *nents the entries mapped, for kcxx_helper_rq_dma_unmap().
 */
unsigned int kcxx_helper_rq_dma_map(struct device *dev, struct request *rq,
				    struct scatterlist *sgl, unsigned int max, int dir,
				    unsigned int *nents);
/*
 * The fast path of a request with one physical segment (one bio of one
 * bvec, the whole request: as the C nvme driver's nvme_map_data() checks
 * with blk_rq_nr_phys_segments() and req_bvec()): dma_map_bvec(), no
 * scatterlist.  1 with *addr and *len the segment; 0 for any other
 * request (nothing mapped: the caller takes the scatterlist path) and when
 * the mapping fails.  Unmapped by kcxx_helper_rq_dma_unmap_bvec().
 */
int kcxx_helper_rq_dma_map_bvec(struct device *dev, struct request *rq, int dir,
				unsigned long long *addr, unsigned int *len);
void kcxx_helper_rq_dma_unmap_bvec(struct device *dev, unsigned long long addr, unsigned int len,
				   int dir);
void kcxx_helper_rq_dma_unmap(struct device *dev, struct scatterlist *sgl,
			      unsigned int nents, int dir);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_DMA_H */
