/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: block devices and blk-mq (include/kcxx/block/).
 *
 * Hot path (per request): C++ calls the exported blk_mq_start_request(),
 * blk_mq_end_request() and blk_mq_complete_request() directly and reads
 * the request's fields (sector, length, operation) and its driver data
 * (the PDU right after struct request) at offsets from bindings/layout.c,
 * as the kernel's static inline accessors do: no helper hop.
 *
 * Cold path (setup and teardown) goes through helpers, which also absorb
 * the 6.1/6.12 differences:
 *  - the tag set is filled in by kcxx_helper_blk_mq_alloc_tag_set() from a
 *    plain parameter block (struct blk_mq_tag_set grew and moved fields);
 *  - disks: 6.1 has blk_mq_alloc_disk(set, queuedata) and sets limits
 *    and queue flags on the live queue afterwards (blk_queue_*()); 6.12
 *    takes a struct queue_limits (logical/physical block size, features
 *    such as BLK_FEAT_ROTATIONAL) in blk_mq_alloc_disk(set, lim, queuedata)
 *    and validates it.  kcxx_helper_blk_mq_alloc_disk() takes one
 *    struct kcxx_disk_params for both;
 *  - ->queue_rqs() takes a 'struct request **' list on 6.1 and a
 *    'struct rq_list *' (head and tail) on 6.12; C++ walks either through
 *    request->rq_next (offset from layout.c);
 *  - rq_for_each_segment() is a macro over bio and bvec iterators:
 *    kcxx_helper_rq_segments() hands out the next single-page segments
 *    (kernel virtual address and length) a batch at a time.
 */
#ifndef KCXX_BINDINGS_BLOCK_H
#define KCXX_BINDINGS_BLOCK_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(request);
KCXX_OPAQUE_STRUCT(gendisk);
KCXX_OPAQUE_STRUCT(blk_mq_tag_set);
KCXX_OPAQUE_STRUCT(blk_mq_hw_ctx);
KCXX_OPAQUE_STRUCT(blk_mq_ops);
KCXX_OPAQUE_STRUCT(req_iterator);
KCXX_KERNEL_TYPE(kcxx_blk_status_t, blk_status_t, unsigned char);
KCXX_KERNEL_TYPE(kcxx_sector_t, sector_t, unsigned long long);

/* block/blk-mq.c, exported (GPL). */
void blk_mq_start_request(struct request *rq);
void blk_mq_end_request(struct request *rq, kcxx_blk_status_t error);
void blk_mq_complete_request(struct request *rq);
void blk_mq_requeue_request(struct request *rq, bool kick_requeue_list);
void blk_mq_free_tag_set(struct blk_mq_tag_set *set);
void blk_mq_update_nr_hw_queues(struct blk_mq_tag_set *set, int nr_hw_queues);
/* block/genhd.c, exported. */
void del_gendisk(struct gendisk *disk);
void put_disk(struct gendisk *disk);
void unregister_blkdev(unsigned int major, const char *name);
/* block/blk-core.c, exported: -errno to BLK_STS_*. */
kcxx_blk_status_t errno_to_blk_status(int errno_value);

/* What a tag set is made of (struct blk_mq_tag_set, BLK_MQ_F_* flags). */
struct kcxx_tag_set_params {
	const struct blk_mq_ops *ops;
	void *driver_data;
	unsigned int nr_hw_queues;
	unsigned int queue_depth;
	unsigned int cmd_size;
	int numa_node;
	unsigned int timeout_jiffies;	/* 0: the block layer's default (30 s) */
	bool should_merge;
	bool blocking;
	bool no_sched;
	bool no_sched_by_default;	/* BLK_MQ_F_NO_SCHED_BY_DEFAULT */
	/*
	 * Poll queues (HCTX_TYPE_POLL), after the nr_hw_queues default ones:
	 * with any, the set has 3 maps (default, read, poll) and its ops
	 * must have ->map_queues and ->poll.
	 */
	unsigned int nr_poll_queues;
};
/* Zeroes *set, fills it in and calls blk_mq_alloc_tag_set(): 0 or -errno. */
int kcxx_helper_blk_mq_alloc_tag_set(struct blk_mq_tag_set *set,
				     const struct kcxx_tag_set_params *params);

/* What a disk is made of (queue limits and struct gendisk fields). */
struct kcxx_disk_params {
	const char *name;		/* at most DISK_NAME_LEN - 1 bytes */
	kcxx_sector_t capacity_sectors;	/* in 512-byte sectors */
	unsigned int logical_block_size;
	unsigned int physical_block_size;
	unsigned int max_hw_sectors;	/* 0: the block layer's default */
	unsigned int max_discard_sectors;	/* 0: no discard */
	unsigned int max_write_zeroes_sectors;	/* 0: no write zeroes */
	unsigned short max_segments;	/* 0: the block layer's default */
	/* Hardware DMA: segments split at (mask + 1) boundaries (NVMe's PRPs); 0: none. */
	unsigned long virt_boundary_mask;
	unsigned int dma_alignment;	/* a mask; 0: the block layer's default */
	int major;			/* 0 with first_minor 0: a dynamic dev_t */
	int first_minor;
	bool rotational;
	bool write_cache;	/* a volatile write cache: flushes are sent */
	bool fua;		/* forced unit access is honoured */
};
/*
 * Allocates a disk and its request queue on 'set', with 'queuedata', the
 * limits and the gendisk fields of 'params' (fops: .owner = this module):
 * the disk or an ERR_PTR (-EINVAL for limits the block layer refuses).
 */
struct gendisk *kcxx_helper_blk_mq_alloc_disk(struct blk_mq_tag_set *set,
					      const struct kcxx_disk_params *params,
					      void *queuedata);
/*
 * add_disk(): 0 or -errno; on failure the caller still owns the disk
 * (put_disk).  Without 'scan_partitions' the first partition scan is
 * skipped (GD_SUPPRESS_PART_SCAN during add_disk; later rescans work).
 */
int kcxx_helper_add_disk(struct gendisk *disk, bool scan_partitions);
/*
 * What a disk's ioctls reach (include/kcxx/block/gen_disk.h): the disk's
 * block_device_operations (one table for every kcxx disk) call
 * ioctl(data, cmd, arg) for a command the block layer does not handle
 * itself (32-bit callers through blkdev_compat_ptr_ioctl()), and, when
 * the disk is released (.free_disk: the last reference gone, after
 * del_gendisk() and the last close), release(self).  The disk keeps it
 * in its private_data; a disk without one answers -ENOTTY.
 */
struct kcxx_disk_ioctl {
	int (*ioctl)(void *data, unsigned int cmd, unsigned long arg);
	void (*release)(struct kcxx_disk_ioctl *self);
	void *data;
};
/*
 * device_add_disk(parent, disk, NULL) as kcxx_helper_add_disk() does
 * add_disk(), with 'target' (may be NULL) as the disk's ioctl target: the
 * disk lives in parent's sysfs directory (NULL: /sys/devices/virtual).
 * On failure the caller still owns the disk and the target: release()
 * is called only for a disk that was added.
 */
int kcxx_helper_device_add_disk(struct device *parent, struct gendisk *disk, bool scan_partitions,
				struct kcxx_disk_ioctl *target);
/*
 * ->map_queues for a set made with poll queues: 'submit' default queues,
 * no read queues, then 'poll' poll queues (null_blk's null_map_queues()).
 */
void kcxx_helper_blk_mq_map_queues(struct blk_mq_tag_set *set,
				   unsigned int submit, unsigned int poll);
/*
 * ->map_queues for hardware queues that each have an interrupt vector of
 * their own, vectors first_vector, first_vector + 1, ... of 'dev' spread
 * over the CPUs (pci_alloc_irq_vectors_affinity()): each CPU submits to the
 * queue whose interrupt it takes (blk_mq_pci_map_queues(); the default
 * spread for a device that is not PCI).
 */
void kcxx_helper_blk_mq_map_queues_irq(struct blk_mq_tag_set *set, struct device *dev,
				       unsigned int first_vector);
/*
 * A batch of finished requests ended together (struct io_comp_batch,
 * DEFINE_IO_COMP_BATCH: zeroed storage of KCXX_SIZEOF_io_comp_batch bytes;
 * its list head at offset 0, requests linked through rq_next):
 * blk_mq_add_to_batch() (a static inline) says whether 'rq' joined it;
 * blk_mq_end_request_batch() (exported) ends them all.
 */
KCXX_OPAQUE_STRUCT(io_comp_batch);
bool kcxx_helper_blk_mq_add_to_batch(struct request *rq, struct io_comp_batch *iob,
				     void (*complete)(struct io_comp_batch *));
void blk_mq_end_request_batch(struct io_comp_batch *iob);
/*
 * Every queue of a tag set stops dispatching (blk_mq_quiesce_tagset() on
 * 6.12; each queue of set->tag_list on 6.1), and waits until no
 * ->queue_rq() runs; unquiesce restarts them.  May sleep.
 */
void kcxx_helper_blk_mq_quiesce_tagset(struct blk_mq_tag_set *set);
void kcxx_helper_blk_mq_unquiesce_tagset(struct blk_mq_tag_set *set);
/*
 * A started request the driver gave up on without ending it (its device
 * was reset): marked prepared (RQF_DONTPREP: it goes back to dispatch,
 * bypassing the I/O scheduler) and requeued, the requeue list kicked.
 * Request::is_retry() reads that flag through the layout.
 */
void kcxx_helper_blk_mq_requeue_retry(struct request *rq);
/* The request was submitted for polling (REQ_POLLED): it is on a poll queue. */
bool kcxx_helper_rq_is_polled(const struct request *rq);
/* The tag set of a request's queue / of a hardware context's queue. */
struct blk_mq_tag_set *kcxx_helper_rq_tag_set(const struct request *rq);
struct blk_mq_tag_set *kcxx_helper_hctx_tag_set(const struct blk_mq_hw_ctx *hctx);
/* register_blkdev(0, name): the dynamic major or -errno. */
int kcxx_helper_register_blkdev(const char *name);

/* One single-page piece of a request's data, mapped in the kernel. */
struct kcxx_segment {
	void *data;
	unsigned int len;
};
/* rq_for_each_segment(): start at the request's first bio. */
void kcxx_helper_rq_iter_init(struct request *rq, struct req_iterator *iter);
/* The next segments, at most 'max' of them: their number, 0 at the end. */
unsigned int kcxx_helper_rq_segments(struct req_iterator *iter,
				     struct kcxx_segment *segments,
				     unsigned int max);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_BLOCK_H */
