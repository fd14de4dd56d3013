// SPDX-License-Identifier: GPL-2.0
//
// cnull: a device's configuration - null_blk's struct nullb_device fields
// that cnull implements, with the same names, units and defaults (the
// module parameters give the defaults; configfs changes them per device).
#pragma once

#include <kcxx/error.h>
#include <kcxx/print.h>
#include <kcxx/result.h>
#include <kcxx/topology.h>
#include <kcxx/types.h>

namespace cnull {

using kcxx::u32;
using kcxx::u64;

// null_blk's historic queue modes: only blk-mq exists today.
enum QueueMode : u32 { queue_mode_bio = 0, queue_mode_rq = 1, queue_mode_mq = 2 };
// How a request is completed (null_blk's irqmode).
enum IrqMode : u32 { irq_none = 0, irq_softirq = 1, irq_timer = 2 };

struct Config {
	unsigned long size = 250 * 1024; // MiB (null_blk: gb * 1024)
	unsigned long completion_nsec = 10000;
	u32 submit_queues = 1;
	u32 poll_queues = 1; // IOPOLL queues, after the submit queues
	u32 home_node = ~0U; // NUMA_NO_NODE as null_blk's uint attribute shows it
	u32 queue_mode = queue_mode_mq;
	u32 blocksize = 512;
	u32 irqmode = irq_softirq;
	u32 hw_queue_depth = 64;
	u32 index = 0;
	bool blocking = false;
	bool memory_backed = false;
	bool discard = false;

	// null_validate_conf(): fixes what null_blk fixes and refuses what it
	// refuses (EINVAL), before a device is powered on.
	[[nodiscard]] kcxx::Result<void> validate()
	{
		if (queue_mode == queue_mode_rq) {
			pr_err("legacy IO path is no longer available\n");
			return kcxx::code::EINVAL;
		}
		if (queue_mode == queue_mode_bio) {
			pr_err("BIO-based IO path is no longer available, using blk-mq instead.\n");
			queue_mode = queue_mode_mq;
		}
		// blk_validate_block_size(): a power of two in [512, PAGE_SIZE].
		// null_blk on 6.12 leaves the check to the queue limits, where 0
		// means the default (512); 6.1's null_blk refuses 0.
		const bool default_size = blocksize == 0 && KCXX_LINUX_VERSION_CODE >= KCXX_KERNEL_VERSION(6, 11, 0);
		if (!default_size &&
		    (blocksize < 512 || blocksize > KCXX_PAGE_SIZE || (blocksize & (blocksize - 1))))
			return kcxx::code::EINVAL;
		if (submit_queues > kcxx::nr_cpu_ids())
			submit_queues = kcxx::nr_cpu_ids();
		else if (submit_queues == 0)
			submit_queues = 1;
		// Poll queues only up to the module's (null_validate_conf()).
		if (poll_queues > max_poll_queues())
			poll_queues = max_poll_queues();
		if (irqmode > irq_timer)
			irqmode = irq_timer;
		// null_config_discard(): discard needs the memory backing.
		if (discard && !memory_backed) {
			discard = false;
			pr_info("discard option is ignored without memory backing\n");
		}
		// Memory-backed I/O allocates (and sleeps) in queue_rq.
		if (memory_backed)
			blocking = true;
		return {};
	}

	// The NUMA node for allocations: NUMA_NO_NODE unless a valid online node.
	[[nodiscard]] int numa_node() const
	{
		return home_node < kcxx::nr_online_nodes() ? static_cast<int>(home_node) : KCXX_NUMA_NO_NODE;
	}
	// The configuration a new device starts from: the module parameters
	// (main.cpp), as null_alloc_dev() copies null_blk's.
	[[nodiscard]] static Config from_params();
	// The poll_queues module parameter: a device's upper bound.
	[[nodiscard]] static u32 max_poll_queues();

	[[nodiscard]] u64 capacity_sectors() const { return (static_cast<u64>(size) << 20) >> 9; }
};

} // namespace cnull
