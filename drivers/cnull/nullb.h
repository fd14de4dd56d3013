// SPDX-License-Identifier: GPL-2.0
//
// cnull: a powered-on null block device (null_blk's struct nullb) and its
// I/O path (the blk-mq driver type), and the module-wide registry of disks.
#pragma once

#include <kcxx/block/mq.h>
#include <kcxx/box.h>
#include <kcxx/result.h>
#include <kcxx/str.h>
#include <kcxx/string_builder.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/time.h>
#include <kcxx/vec.h>

#include "config.h"
#include "storage.h"

namespace cnull {

namespace mq = kcxx::block::mq;

// The I/O path of one device: what blk-mq calls.  Immutable after
// creation except for the stored data, which is behind its mutex.
class NullQueue {
public:
	// Per request (the PDU): the status the completion reports.
	struct RequestData {
		kcxx::block::Status status = kcxx::block::Status::ok();
	};
	// irqmode=2 completes each request from its own hrtimer.
	static constexpr bool request_timers = true;
	// poll_queues: polled requests complete when blk-mq polls.
	static constexpr bool poll_queues = true;

	explicit NullQueue(const Config &config);

	mq::QueueStatus queue_rq(mq::Request<NullQueue> rq, bool last) const;
	static void complete(mq::Request<NullQueue> rq);
	mq::TimeoutAction timeout(mq::RequestRef<NullQueue> rq) const;

private:
	kcxx::block::Status handle_memory_backed(mq::Request<NullQueue> &rq) const;

	const u32 irqmode_;
	const bool memory_backed_;
	const kcxx::Duration completion_;
	kcxx::Mutex<Storage> storage_;
};

// A device that is up: disk /dev/<name> on its own tag set.  Destroying it
// deletes the disk (waiting for I/O in flight), then frees the tag set,
// then the queue and its data - the reverse of the member order.
class Nullb {
public:
	[[nodiscard]] static kcxx::Result<Nullb> create(const Config &config, kcxx::CStr name, u32 index,
							const kcxx::block::Major &major);

	Nullb(Nullb &&) = default;

	// The index claimed in the DiskTable (the disk's minor number).
	[[nodiscard]] u32 index() const { return index_; }

	// Resizes the live device's hardware queues (null_blk's
	// nullb_update_nr_hw_queues()): EINVAL for no submit queue, more than
	// the CPUs, or more poll queues than the module parameter.
	[[nodiscard]] kcxx::Result<void> set_queues(u32 submit, u32 poll) const;
	[[nodiscard]] u32 poll_queues() const { return tags_->nr_poll_queues(); }

private:
	Nullb(u32 index, kcxx::Box<NullQueue> queue, kcxx::Box<mq::TagSet<NullQueue>> tags,
	      kcxx::block::GenDisk disk)
		: index_(index), queue_(std::move(queue)), tags_(std::move(tags)), disk_(std::move(disk))
	{
	}

	u32 index_;
	kcxx::Box<NullQueue> queue_;
	kcxx::Box<mq::TagSet<NullQueue>> tags_;
	kcxx::block::GenDisk disk_;
};

// Which disk indexes (minor numbers, 'cnull<index>' names) and names are
// in use: null_blk's IDA and nullb_list.  Only under Registry::lock.
class DiskTable {
public:
	static constexpr unsigned long name_size = KCXX_DISK_NAME_LEN;

	// Claims the lowest free index for 'name' (EEXIST if a disk has it).
	[[nodiscard]] kcxx::Result<u32> claim(kcxx::CStr name);
	void release(u32 index);
	[[nodiscard]] bool contains(kcxx::CStr name) const;
	// The name of a claimed index.
	[[nodiscard]] kcxx::CStr name_of(u32 index) const { return entries_[index].name.as_cstr(); }

private:
	struct Entry {
		bool used = false;
		kcxx::StringBuilder<name_size> name;
	};
	kcxx::Vec<Entry> entries_;
};

// The module's block major and disk table, shared by the devices made at
// load time and those made through configfs.
struct Registry {
	kcxx::block::Major major;
	// null_blk's global 'lock': serialises power changes and attribute stores.
	kcxx::Mutex<DiskTable> disks;

	explicit Registry(kcxx::block::Major &&m) : major(std::move(m)), disks(KCXX_LOCK_CLASS("cnull.disks")) {}
};

// Powers a device on: validates 'config' (fixing what null_blk fixes),
// claims an index and the name (or 'cnull<index>' if name is empty), and
// creates the disk.  Call with registry.disks locked ('table').
[[nodiscard]] kcxx::Result<Nullb> power_on(const Registry &registry, DiskTable &table, Config &config,
					   kcxx::CStr name);

} // namespace cnull
