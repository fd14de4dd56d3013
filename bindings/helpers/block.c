// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for block devices and blk-mq (kcxx_bindings/block.h). */

/*
 * Segments are handed to C++ as kernel virtual addresses: every page has
 * one without highmem (x86_64).  A highmem kernel would need
 * kmap_local_page() per segment instead.
 */
#ifdef CONFIG_HIGHMEM
#error "kcxx block segments assume no highmem (page_address() of any page)"
#endif

/*
 * C++ places ->poll and ->map_queues in its constant blk_mq_ops by their
 * neighbours' offsets (include/kcxx/block/tag_set.h): checked here, against
 * this kernel's struct.
 */
static_assert(offsetof(struct blk_mq_ops, poll) + sizeof(void *) ==
	      offsetof(struct blk_mq_ops, complete));
static_assert(offsetof(struct blk_mq_ops, map_queues) ==
	      offsetof(struct blk_mq_ops, exit_request) + 3 * sizeof(void *));

int kcxx_helper_blk_mq_alloc_tag_set(struct blk_mq_tag_set *set,
				     const struct kcxx_tag_set_params *params)
{
	memset(set, 0, sizeof(*set));
	set->ops = params->ops;
	set->driver_data = params->driver_data;
	set->nr_hw_queues = params->nr_hw_queues;
	set->nr_maps = 1;
	if (params->nr_poll_queues) {
		if (!params->ops->poll || !params->ops->map_queues)
			return -EINVAL;
		set->nr_hw_queues += params->nr_poll_queues;
		set->nr_maps = HCTX_TYPE_POLL + 1;
	}
	set->queue_depth = params->queue_depth;
	set->cmd_size = params->cmd_size;
	set->numa_node = params->numa_node;
	set->timeout = params->timeout_jiffies;
	if (params->should_merge)
		set->flags |= BLK_MQ_F_SHOULD_MERGE;
	if (params->blocking)
		set->flags |= BLK_MQ_F_BLOCKING;
	if (params->no_sched)
		set->flags |= BLK_MQ_F_NO_SCHED;
	if (params->no_sched_by_default)
		set->flags |= BLK_MQ_F_NO_SCHED_BY_DEFAULT;
	return blk_mq_alloc_tag_set(set);
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
typedef blk_mode_t kcxx_blk_mode_t;
#else
typedef fmode_t kcxx_blk_mode_t;
#endif

static int kcxx_helper_blk_ioctl(struct block_device *bdev, kcxx_blk_mode_t mode, unsigned int cmd,
				 unsigned long arg)
{
	struct kcxx_disk_ioctl *target = bdev->bd_disk->private_data;

	if (!target)
		return -ENOTTY;
	return target->ioctl(target->data, cmd, arg);
}

static void kcxx_helper_blk_free_disk(struct gendisk *disk)
{
	struct kcxx_disk_ioctl *target = disk->private_data;

	disk->private_data = NULL;
	if (target)
		target->release(target);
}

static const struct block_device_operations kcxx_helper_blk_fops = {
	.owner = THIS_MODULE,
	.ioctl = kcxx_helper_blk_ioctl,
	.compat_ioctl = blkdev_compat_ptr_ioctl,
	.free_disk = kcxx_helper_blk_free_disk,
};

struct gendisk *kcxx_helper_blk_mq_alloc_disk(struct blk_mq_tag_set *set,
					      const struct kcxx_disk_params *params,
					      void *queuedata)
{
	struct gendisk *disk;

	if (blk_validate_block_size(params->logical_block_size) ||
	    blk_validate_block_size(params->physical_block_size) ||
	    params->physical_block_size < params->logical_block_size)
		return ERR_PTR(-EINVAL);
	if (strlen(params->name) >= DISK_NAME_LEN)
		return ERR_PTR(-EINVAL);

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
	{
		struct queue_limits lim = {
			.logical_block_size = params->logical_block_size,
			.physical_block_size = params->physical_block_size,
			.max_hw_sectors = params->max_hw_sectors,
			.max_segments = params->max_segments,
			.virt_boundary_mask = params->virt_boundary_mask,
			.dma_alignment = params->dma_alignment,
			.max_write_zeroes_sectors = params->max_write_zeroes_sectors,
		};

		if (params->max_discard_sectors)
			lim.max_hw_discard_sectors = params->max_discard_sectors;
		if (params->rotational)
			lim.features |= BLK_FEAT_ROTATIONAL;
		if (params->write_cache)
			lim.features |= BLK_FEAT_WRITE_CACHE;
		if (params->write_cache && params->fua)
			lim.features |= BLK_FEAT_FUA;
		disk = blk_mq_alloc_disk(set, &lim, queuedata);
		if (IS_ERR(disk))
			return disk;
	}
#else
	{
		struct request_queue *q;

		disk = blk_mq_alloc_disk(set, queuedata);
		if (IS_ERR(disk))
			return disk;
		q = disk->queue;
		blk_queue_logical_block_size(q, params->logical_block_size);
		blk_queue_physical_block_size(q, params->physical_block_size);
		if (params->max_hw_sectors)
			blk_queue_max_hw_sectors(q, params->max_hw_sectors);
		if (params->max_discard_sectors) {
			q->limits.discard_granularity = params->logical_block_size;
			blk_queue_max_discard_sectors(q, params->max_discard_sectors);
		}
		if (params->max_segments)
			blk_queue_max_segments(q, params->max_segments);
		if (params->virt_boundary_mask)
			blk_queue_virt_boundary(q, params->virt_boundary_mask);
		if (params->dma_alignment)
			blk_queue_dma_alignment(q, params->dma_alignment);
		if (params->max_write_zeroes_sectors)
			blk_queue_max_write_zeroes_sectors(q, params->max_write_zeroes_sectors);
		blk_queue_write_cache(q, params->write_cache, params->write_cache && params->fua);
		if (params->rotational) {
			blk_queue_flag_clear(QUEUE_FLAG_NONROT, q);
		} else {
			blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
			blk_queue_flag_clear(QUEUE_FLAG_ADD_RANDOM, q);
		}
	}
#endif
	disk->major = params->major;
	disk->first_minor = params->first_minor;
	disk->minors = params->major ? 1 : 0;
	disk->fops = &kcxx_helper_blk_fops;
	strscpy_pad(disk->disk_name, params->name, DISK_NAME_LEN);
	set_capacity(disk, params->capacity_sectors);
	return disk;
}

int kcxx_helper_device_add_disk(struct device *parent, struct gendisk *disk, bool scan_partitions,
				struct kcxx_disk_ioctl *target)
{
	int ret;

	/* Before the disk is added: its partition scan opens it. */
	disk->private_data = target;
	if (!scan_partitions)
		set_bit(GD_SUPPRESS_PART_SCAN, &disk->state);
	ret = device_add_disk(parent, disk, NULL);
	if (!scan_partitions)
		clear_bit(GD_SUPPRESS_PART_SCAN, &disk->state);
	/* Not added: .free_disk will not run, the caller keeps the target. */
	if (ret)
		disk->private_data = NULL;
	return ret;
}

int kcxx_helper_add_disk(struct gendisk *disk, bool scan_partitions)
{
	return kcxx_helper_device_add_disk(NULL, disk, scan_partitions, NULL);
}

void kcxx_helper_blk_mq_map_queues(struct blk_mq_tag_set *set,
				   unsigned int submit, unsigned int poll)
{
	unsigned int i, qoff;

	for (i = 0, qoff = 0; i < set->nr_maps; i++) {
		struct blk_mq_queue_map *map = &set->map[i];

		switch (i) {
		case HCTX_TYPE_DEFAULT:
			map->nr_queues = submit;
			break;
		case HCTX_TYPE_READ:
			map->nr_queues = 0;
			continue;
		case HCTX_TYPE_POLL:
			map->nr_queues = poll;
			break;
		}
		map->queue_offset = qoff;
		qoff += map->nr_queues;
		/*
		 * An empty map (poll_queues set to 0 on a live disk) is left
		 * alone: blk-mq sends its type to the default queues, and
		 * 6.1's blk_mq_map_queues() divides by nr_queues (null_blk
		 * on 6.1 dies there).
		 */
		if (map->nr_queues)
			blk_mq_map_queues(map);
	}
}

bool kcxx_helper_rq_is_polled(const struct request *rq)
{
	return rq->cmd_flags & REQ_POLLED;
}

struct blk_mq_tag_set *kcxx_helper_rq_tag_set(const struct request *rq)
{
	return rq->q->tag_set;
}

struct blk_mq_tag_set *kcxx_helper_hctx_tag_set(const struct blk_mq_hw_ctx *hctx)
{
	return hctx->queue->tag_set;
}

int kcxx_helper_register_blkdev(const char *name)
{
	return register_blkdev(0, name);
}

void kcxx_helper_rq_iter_init(struct request *rq, struct req_iterator *iter)
{
	iter->bio = rq->bio;
	if (iter->bio)
		iter->iter = iter->bio->bi_iter;
}

unsigned int kcxx_helper_rq_segments(struct req_iterator *iter,
				     struct kcxx_segment *segments,
				     unsigned int max)
{
	unsigned int n = 0;

	while (n < max && iter->bio) {
		struct bio_vec bv;

		if (!iter->iter.bi_size) {
			iter->bio = iter->bio->bi_next;
			if (iter->bio)
				iter->iter = iter->bio->bi_iter;
			continue;
		}
		/* bio_for_each_segment(): single-page segments. */
		bv = bio_iter_iovec(iter->bio, iter->iter);
		segments[n].data = page_address(bv.bv_page) + bv.bv_offset;
		segments[n].len = bv.bv_len;
		n++;
		bio_advance_iter_single(iter->bio, &iter->iter, bv.bv_len);
	}
	return n;
}

void kcxx_helper_blk_mq_map_queues_irq(struct blk_mq_tag_set *set, struct device *dev,
				       unsigned int first_vector)
{
	struct blk_mq_queue_map *map = &set->map[HCTX_TYPE_DEFAULT];

	if (dev_is_pci(dev))
		blk_mq_pci_map_queues(map, to_pci_dev(dev), first_vector);
	else
		blk_mq_map_queues(map);
}

static_assert(offsetof(struct io_comp_batch, req_list) == 0);

bool kcxx_helper_blk_mq_add_to_batch(struct request *rq, struct io_comp_batch *iob,
				     void (*complete)(struct io_comp_batch *))
{
	return blk_mq_add_to_batch(rq, iob, 0, complete);
}

void kcxx_helper_blk_mq_quiesce_tagset(struct blk_mq_tag_set *set)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	blk_mq_quiesce_tagset(set);
#else
	struct request_queue *q;

	mutex_lock(&set->tag_list_lock);
	list_for_each_entry(q, &set->tag_list, tag_set_list)
		blk_mq_quiesce_queue(q);
	mutex_unlock(&set->tag_list_lock);
#endif
}

void kcxx_helper_blk_mq_unquiesce_tagset(struct blk_mq_tag_set *set)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	blk_mq_unquiesce_tagset(set);
#else
	struct request_queue *q;

	mutex_lock(&set->tag_list_lock);
	list_for_each_entry(q, &set->tag_list, tag_set_list)
		blk_mq_unquiesce_queue(q);
	mutex_unlock(&set->tag_list_lock);
#endif
}

void kcxx_helper_blk_mq_requeue_retry(struct request *rq)
{
	rq->rq_flags |= RQF_DONTPREP;
	blk_mq_requeue_request(rq, true);
}
