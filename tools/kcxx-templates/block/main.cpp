// SPDX-License-Identifier: GPL-2.0
//
// @NAME@: a RAM disk, /dev/@NAME@, on kcxx's blk-mq abstraction.  Its size
// is the module parameter size_mib (1-256 MiB, default 16); the data lives
// in one vmalloc'ed buffer behind a spin lock, lost at rmmod.
//
//   dd if=/dev/zero of=/dev/@NAME@ bs=4k count=1; mkfs.ext4 /dev/@NAME@
//
// Made by 'kcxx new @NAME@ --template block'.  Only kcxx's safe types:
// requests come as kcxx::block::mq::Request (ended exactly once: it is
// moved into end()), their data as spans of bytes.  drivers/cnull in kcxx
// is a larger driver on the same abstraction (docs/block.md).
#include <kcxx/block/mq.h>
#include <kcxx/box.h>
#include <kcxx/module.h>
#include <kcxx/module_param.h>
#include <kcxx/print.h>
#include <kcxx/span.h>
#include <kcxx/sync/spinlock.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

namespace {

namespace mq = kcxx::block::mq;
using kcxx::Result;
using kcxx::Span;
using kcxx::u64;
using kcxx::u8;
using kcxx::block::Op;
using kcxx::block::Status;

KCXX_MODULE_PARAM_RANGE(size_mib, unsigned int, 16, 1, 256, 0444, "Disk size in MiB (1-256, default 16)");

constexpr unsigned int sector_shift = 9;

// What blk-mq calls: one per disk.  queue_rq runs concurrently on every
// CPU that submits I/O, so it is const; the data is behind its lock.
class RamDisk {
public:
	struct RequestData {}; // nothing per request

	explicit RamDisk(kcxx::VVec<u8> &&zeroed) : data_(KCXX_LOCK_CLASS("@NAME@.data"), std::move(zeroed)) {}

	mq::QueueStatus queue_rq(mq::Request<RamDisk> rq, bool) const
	{
		const Status status = transfer(rq);
		std::move(rq).end(status);
		return mq::QueueStatus::queued();
	}

private:
	Status transfer(mq::Request<RamDisk> &rq) const
	{
		const Op op = rq.op();
		if (op == Op::flush)
			return Status::ok(); // RAM has no volatile cache
		if (op != Op::read && op != Op::write)
			return Status::notsupp();
		auto data = data_.lock();
		u64 offset = rq.sector() << sector_shift;
		Result<void> done = rq.for_each_segment([&](Span<u8> segment) -> Result<void> {
			// The block layer keeps requests within the capacity;
			// the window would be short otherwise (an I/O error).
			Span<u8> here = Span<u8>(*data).window(offset, segment.size());
			if (here.size() != segment.size())
				return kcxx::code::EIO;
			if (op == Op::write)
				here.copy_from(segment);
			else
				segment.copy_from(here);
			offset += segment.size();
			return {};
		});
		return done.is_error() ? Status::ioerr() : Status::ok();
	}

	kcxx::SpinLock<kcxx::VVec<u8>> data_;
};

// The disk: its major, the RamDisk, the tag set and the gendisk.  Destroyed
// in reverse order of the members: the disk first (it waits for I/O in
// flight), then the tag set, the RamDisk and the major.
class Module {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "@NAME@",
		.license = "GPL",
		.author = "@NAME@'s authors",
		.description = "@NAME@: a RAM disk",
	};

	static Result<Module> init()
	{
		const u64 bytes = u64(size_mib.get()) << 20;
		kcxx::VVec<u8> zeroed;
		TRY(zeroed.try_resize(bytes, 0, kcxx::GFP_KERNEL));
		auto major = TRY(kcxx::block::Major::try_new("@NAME@"));
		auto disk = TRY(kcxx::Box<RamDisk>::try_new(kcxx::GFP_KERNEL, std::move(zeroed)));
		auto tags = TRY(mq::TagSet<RamDisk>::try_new(kcxx::GFP_KERNEL, {.nr_hw_queues = 1, .queue_depth = 64},
							     *disk));
		auto gendisk = TRY(kcxx::block::GenDiskBuilder()
					   .capacity_sectors(bytes >> sector_shift)
					   .logical_block_size(512)
					   .physical_block_size(4096)
					   .rotational(false)
					   .build("@NAME@", *tags, major, 0));
		pr_info("/dev/@NAME@: %u MiB\n", size_mib.get());
		return Module(std::move(major), std::move(disk), std::move(tags), std::move(gendisk));
	}

	Module(Module &&) = default;

private:
	Module(kcxx::block::Major major, kcxx::Box<RamDisk> disk, kcxx::Box<mq::TagSet<RamDisk>> tags,
	       kcxx::block::GenDisk gendisk)
		: major_(std::move(major)), disk_(std::move(disk)), tags_(std::move(tags)), gendisk_(std::move(gendisk))
	{
	}

	kcxx::block::Major major_;
	kcxx::Box<RamDisk> disk_;
	kcxx::Box<mq::TagSet<RamDisk>> tags_;
	kcxx::block::GenDisk gendisk_;
};

} // namespace

KCXX_MODULE(Module);
