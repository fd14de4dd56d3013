// SPDX-License-Identifier: GPL-2.0
//
// cnull: the I/O path and device creation (null_blk's null_queue_rq(),
// null_handle_cmd(), null_add_dev()).
#include <kcxx/print.h>

#include "nullb.h"

namespace cnull {

using kcxx::Result;
using kcxx::block::Op;
using kcxx::block::Status;

NullQueue::NullQueue(const Config &config)
	: irqmode_(config.irqmode), memory_backed_(config.memory_backed),
	  completion_(kcxx::Duration::from_ns(static_cast<kcxx::s64>(config.completion_nsec))),
	  storage_(KCXX_LOCK_CLASS("cnull.storage"))
{
}

mq::QueueStatus NullQueue::queue_rq(mq::Request<NullQueue> rq, bool) const
{
	Status status = Status::ok();
	if (memory_backed_)
		status = handle_memory_backed(rq);

	// On a poll queue: completed when blk-mq polls (null_poll()),
	// whatever the irqmode.
	if (rq.is_polled()) [[unlikely]] {
		rq.data().status = status;
		std::move(rq).complete_on_poll();
		return mq::QueueStatus::queued();
	}

	// Complete inline, by softirq or by timer (nullb_complete_cmd()).
	switch (irqmode_) {
	case irq_none:
		std::move(rq).end(status);
		break;
	case irq_softirq:
		rq.data().status = status;
		std::move(rq).complete();
		break;
	default:
		rq.data().status = status;
		std::move(rq).complete_after(completion_);
		break;
	}
	return mq::QueueStatus::queued();
}

void NullQueue::complete(mq::Request<NullQueue> rq)
{
	const Status status = rq.data().status;
	std::move(rq).end(status);
}

mq::TimeoutAction NullQueue::timeout(mq::RequestRef<NullQueue> rq) const
{
	// As null_blk: report it; the request's completion (its timer or
	// softirq) ends it with the timeout status.
	pr_info("request at sector %llu timed out\n", rq.sector());
	rq.data().status = Status::timeout();
	return mq::TimeoutAction::done;
}

Status NullQueue::handle_memory_backed(mq::Request<NullQueue> &rq) const
{
	switch (rq.op()) {
	case Op::read: {
		auto storage = storage_.lock();
		kcxx::u64 sector = rq.sector();
		(void)rq.for_each_segment([&](kcxx::Span<kcxx::u8> segment) -> Result<void> {
			storage->read(sector, segment);
			sector += segment.size() >> Storage::sector_shift;
			return {};
		});
		return Status::ok();
	}
	case Op::write: {
		auto storage = storage_.lock();
		kcxx::u64 sector = rq.sector();
		auto written = rq.for_each_segment([&](kcxx::Span<kcxx::u8> segment) -> Result<void> {
			TRY(storage->write(sector, segment));
			sector += segment.size() >> Storage::sector_shift;
			return {};
		});
		return written.is_error() ? Status::from_error(written.error()) : Status::ok();
	}
	case Op::discard:
		storage_.lock()->discard(rq.sector(), rq.sectors());
		return Status::ok();
	case Op::flush:
		return Status::ok(); // no volatile cache
	default:
		return Status::notsupp();
	}
}

Result<Nullb> Nullb::create(const Config &config, kcxx::CStr name, u32 index, const kcxx::block::Major &major)
{
	auto queue = TRY(kcxx::Box<NullQueue>::try_new(kcxx::GFP_KERNEL, config));
	auto tags = TRY(mq::TagSet<NullQueue>::try_new(kcxx::GFP_KERNEL,
						       {
							       .nr_hw_queues = config.submit_queues,
							       .queue_depth = config.hw_queue_depth,
							       .numa_node = config.numa_node(),
							       .timeout_jiffies = 5 * KCXX_HZ,
							       .should_merge = true,
							       .blocking = config.blocking,
							       // A disk with poll_queues=0 and one
							       // submit queue gets no scheduler
							       // either (null_blk gets mq-deadline).
							       .no_sched_by_default = true,
							       // null_blk's default poll queue: two
							       // hardware queues, so blk-mq completes
							       // on the submitting CPU (tag_set.h).
							       .nr_poll_queues = config.poll_queues,
						       },
						       *queue));
	kcxx::block::GenDiskBuilder builder;
	// blocksize 0 is allowed on 6.11+ only (Config::validate()): the
	// block layer's default then, as for null_blk's zeroed queue_limits.
	const u32 block_size = config.blocksize ? config.blocksize : 512;
	builder.capacity_sectors(config.capacity_sectors())
		.logical_block_size(block_size)
		.physical_block_size(block_size)
		.rotational(false)
		// A new device holds no partition table (and init can fail
		// after a disk is added: GenDiskBuilder::scan_partitions()).
		.scan_partitions(false);
	if (config.discard) // only with memory_backed (Config::validate())
		builder.max_discard_sectors(~0U >> 9);
	auto disk = TRY(builder.build(name, *tags, major, static_cast<int>(index)));
	return Nullb(index, std::move(queue), std::move(tags), std::move(disk));
}

Result<void> Nullb::set_queues(u32 submit, u32 poll) const
{
	if (submit == 0 || submit > kcxx::nr_cpu_ids() || poll > Config::max_poll_queues())
		return kcxx::code::EINVAL;
	return tags_->update_nr_hw_queues(submit, poll);
}

Result<u32> DiskTable::claim(kcxx::CStr name)
{
	if (contains(name))
		return kcxx::code::EEXIST;
	u32 index = 0;
	while (index < entries_.size() && entries_[index].used)
		++index;
	if (index == entries_.size())
		TRY(entries_.try_push(Entry{}, kcxx::GFP_KERNEL));
	Entry &entry = entries_[index];
	entry.name.clear();
	if (name.is_empty())
		TRY(entry.name.appendf<"cnull%u">(index));
	else
		TRY(entry.name.append(name));
	entry.used = true;
	return index;
}

void DiskTable::release(u32 index)
{
	if (index < entries_.size())
		entries_[index].used = false;
}

bool DiskTable::contains(kcxx::CStr name) const
{
	for (const Entry &entry : entries_)
		if (entry.used && entry.name.as_cstr() == name)
			return true;
	return false;
}

Result<Nullb> power_on(const Registry &registry, DiskTable &table, Config &config, kcxx::CStr name)
{
	TRY(config.validate());
	const u32 index = TRY(table.claim(name));
	auto device = Nullb::create(config, table.name_of(index), index, registry.major);
	if (device.is_error()) {
		table.release(index);
		return device.error();
	}
	config.index = index;
	pr_info("disk %s created\n", table.name_of(index));
	return device;
}

} // namespace cnull
