// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::block::GenDisk: a block device (struct gendisk) on a blk-mq tag set,
/// added to the system while the object lives; kcxx::block::Major: a block
/// major number registered under a name (register_blkdev()).
///
///     auto major = TRY(kcxx::block::Major::try_new("cnull"));   // /proc/devices
///     auto disk = TRY(kcxx::block::GenDiskBuilder()
///                         .capacity_sectors(2 * 1024 * 1024)      // 1 GiB
///                         .logical_block_size(4096)
///                         .physical_block_size(4096)
///                         .rotational(false)
///                         .build("cnull0", *tags, major, 0));     // /dev/cnull0
///     // ~GenDisk: del_gendisk() (waits for I/O in flight), put_disk()
///
/// The 6.1/6.12 differences (limits given to blk_mq_alloc_disk() or set on
/// the queue afterwards, rotational as a queue flag or a feature) are in the
/// bindings (kcxx_helper_blk_mq_alloc_disk()).  Invalid limits (a block size
/// that is not a power of two in [512, PAGE_SIZE], a physical block smaller
/// than the logical one, a name too long for DISK_NAME_LEN) are -EINVAL on
/// both kernels.
///
/// A disk may live in a parent device's sysfs directory (parent(); NVMe's
/// disks are children of their controller's device, where nvme-cli looks
/// for them), and may answer ioctls of its own (build() with an
/// Arc<H> handler): the block layer handles its generic ones (BLKGETSIZE64,
/// BLKRRPART...) and hands the rest to H::ioctl(kcxx::ioctl::Request) const.
/// The handler is the disk's until the disk is released, which may be
/// after the GenDisk is gone: a process that opened the disk before
/// del_gendisk() can still call ioctl() until it closes it.  So the disk
/// holds its own reference to H (released at .free_disk), and H answers
/// on its own once the device behind it is gone (-ENODEV), as a misc
/// device's Arc-shared data does.
///
/// INVARIANT (GenDisk): disk_ is null (moved from) or a disk allocated on a
/// live tag set and added (add_disk() succeeded); the destructor deletes and
/// releases it.  The disk's file operations pin this module while it is open.
#pragma once

#include <concepts>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/block/tag_set.h>
#include <kcxx/box.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/ioctl.h>
#include <kcxx/sync/arc.h>
#include <kcxx/result.h>
#include <kcxx/str.h>
#include <kcxx/types.h>

namespace kcxx::block {

namespace detail {

/// What a disk's ioctls reach: the C side's kcxx_disk_ioctl (first, so
/// that its address is this object's) and the handler it points to.
template <typename H> struct DiskIoctlTarget {
	bindings::kcxx_disk_ioctl raw;
	Arc<H> handler;

	explicit DiskIoctlTarget(Arc<H> h) : raw{&ioctl, &release, nullptr}, handler(std::move(h))
	{
		raw.data = const_cast<H *>(&*handler);
	}

	static int ioctl(void *data, unsigned int command, unsigned long argument)
	{
		// SAFETY: 'data' is the H this target holds a reference to;
		// the block layer calls only while the disk is alive, and the
		// target goes only when the disk is released.
		const H &handler = *static_cast<const H *>(data);
		Result<long> result = handler.ioctl(ioctl::Request(command, argument));
		if (result.is_error())
			return result.error().to_errno();
		if (result.value() < 0 || result.value() > 0x7fffffff) {
			bindings::kcxx_helper_warn("kcxx: a disk ioctl returned a value out of range");
			return code::EINVAL.to_errno();
		}
		return static_cast<int>(result.value());
	}

	static void release(bindings::kcxx_disk_ioctl *self)
	{
		// SAFETY: 'self' is the raw of a DiskIoctlTarget that build()
		// gave to the disk with into_raw(); .free_disk runs once.
		(void)Box<DiskIoctlTarget>::from_raw(reinterpret_cast<DiskIoctlTarget *>(self));
	}
};

template <typename H> concept DiskIoctlHandler = requires(const H &h, ioctl::Request request) {
	{ h.ioctl(request) } -> std::same_as<Result<long>>;
};

} // namespace detail

/// A block major number, registered for its lifetime.
///
/// INVARIANT: major_ > 0 is registered under name_ (a string with static
/// storage), or major_ == 0 (moved from).
class Major {
public:
	/// Registers a major number for 'name' (register_blkdev() with 0: the kernel
	/// picks it); 'name' is a string literal, so it outlives the registration.
	template <unsigned long N> [[nodiscard]] static Result<Major> try_new(const char (&name)[N])
	{
		static_assert(N >= 2 && N <= 16, "kcxx: a block major name has 1 to 15 characters");
		// SAFETY: name is a string literal (static storage), as
		// register_blkdev() keeps the pointer.
		int major = bindings::kcxx_helper_register_blkdev(name);
		if (major < 0)
			return Error::from_errno(major);
		return Major(major, name);
	}

	/// Takes over other's registration; other is left empty.
	Major(Major &&other) : major_(std::exchange(other.major_, 0)), name_(other.name_) {}
	Major &operator=(Major &&) = delete;
	Major(const Major &) = delete;
	Major &operator=(const Major &) = delete;
	~Major()
	{
		if (major_) {
			// SAFETY: registered in try_new under name_.
			bindings::unregister_blkdev(static_cast<unsigned int>(major_), name_);
		}
	}

	/// The major number.
	[[nodiscard]] int number() const { return major_; }

private:
	Major(int major, const char *name) : major_(major), name_(name) {}
	int major_;
	const char *name_;
};

/// A block device (struct gendisk) on a blk-mq tag set, added to the system
/// while the object lives and removed when it is destroyed.
class GenDisk {
public:
	/// Takes over other's disk; other is left empty.
	GenDisk(GenDisk &&other)
		: disk_(std::exchange(other.disk_, nullptr)), data_(std::exchange(other.data_, nullptr)),
		  drop_data_(other.drop_data_)
	{
	}
	GenDisk &operator=(GenDisk &&) = delete;
	GenDisk(const GenDisk &) = delete;
	GenDisk &operator=(const GenDisk &) = delete;

	~GenDisk()
	{
		if (disk_) {
			// SAFETY: added (INVARIANT); del_gendisk() stops new I/O
			// and waits for I/O in flight, so no queue_rq runs after
			// it; put_disk() drops our reference (the disk lives on
			// while user space holds it open, without calling us).
			bindings::del_gendisk(disk_);
			bindings::put_disk(disk_);
		}
		// No request reaches the disk's data after del_gendisk().
		if (data_)
			drop_data_(data_);
	}

private:
	friend class GenDiskBuilder;
	explicit GenDisk(bindings::gendisk *disk) : disk_(disk) {}
	bindings::gendisk *disk_;
	void *data_ = nullptr; // the D::DiskData, owned (a Box's)
	void (*drop_data_)(void *) = nullptr;
};

/// Collects a disk's parameters; build() allocates and adds it.
class GenDiskBuilder {
public:
	/// The size of the disk, in 512-byte sectors.
	GenDiskBuilder &capacity_sectors(u64 sectors)
	{
		params_.capacity_sectors = sectors;
		return *this;
	}
	/// The smallest unit the disk addresses, in bytes (512 to 4096).
	GenDiskBuilder &logical_block_size(u32 bytes)
	{
		params_.logical_block_size = bytes;
		return *this;
	}
	/// The unit the disk writes without a read-modify-write, in bytes.
	GenDiskBuilder &physical_block_size(u32 bytes)
	{
		params_.physical_block_size = bytes;
		return *this;
	}
	/// Whether the disk is a rotating one (the I/O schedulers care).
	GenDiskBuilder &rotational(bool rotational)
	{
		params_.rotational = rotational;
		return *this;
	}
	/// Largest request in 512-byte sectors; 0: the block layer's default.
	GenDiskBuilder &max_hw_sectors(u32 sectors)
	{
		params_.max_hw_sectors = sectors;
		return *this;
	}
	/// Accept discard requests of up to 'sectors' (0: no discard).
	GenDiskBuilder &max_discard_sectors(u32 sectors)
	{
		params_.max_discard_sectors = sectors;
		return *this;
	}

	/// Accept write-zeroes requests of up to 'sectors' (0: none).
	GenDiskBuilder &max_write_zeroes_sectors(u32 sectors)
	{
		params_.max_write_zeroes_sectors = sectors;
		return *this;
	}
	/// Most data segments in one request (0: the block layer's default).
	GenDiskBuilder &max_segments(u16 segments)
	{
		params_.max_segments = segments;
		return *this;
	}
	/// Hardware that describes data by pages (NVMe PRPs): every segment
	/// but the first starts, and every one but the last ends, on a
	/// (mask + 1) boundary; the block layer splits requests to make it so.
	GenDiskBuilder &virt_boundary_mask(unsigned long mask)
	{
		params_.virt_boundary_mask = mask;
		return *this;
	}
	/// Data buffers aligned to (mask + 1) bytes (0: the default, 511).
	GenDiskBuilder &dma_alignment(u32 mask)
	{
		params_.dma_alignment = mask;
		return *this;
	}
	/// A volatile write cache (the block layer sends flushes), and
	/// whether forced unit access is honoured.
	GenDiskBuilder &write_cache(bool cache, bool fua)
	{
		params_.write_cache = cache;
		params_.fua = fua;
		return *this;
	}

	/// The disk's sysfs directory goes in 'dev's (default: none,
	/// /sys/devices/virtual/block).  The driver core keeps a reference to
	/// it; destroy the disk before the parent is unregistered.
	GenDiskBuilder &parent(const Device &dev)
	{
		parent_ = dev.as_raw();
		return *this;
	}

	/// Whether add_disk() reads the partition table (default: yes).  A
	/// disk that starts empty (a RAM or null disk) has none to find, and
	/// skipping the scan matters to a module whose init can still fail
	/// after adding it: on 6.12 the scan opens the disk as a file whose
	/// release is deferred to the end of the init_module() call, by which
	/// time a failed module's code (the disk's fops) is freed - a use
	/// after free that KASAN reports.  Later rescans (BLKRRPART) work.
	GenDiskBuilder &scan_partitions(bool scan)
	{
		scan_partitions_ = scan;
		return *this;
	}

	/// Allocates the disk on 'tags' and adds it as /dev/\<name\> with dev_t
	/// (major, first_minor).  The tag set must outlive the disk.
	template <typename D>
	[[nodiscard]] Result<GenDisk> build(CStr name, const mq::TagSet<D> &tags, const Major &major,
					    int first_minor)
	{
		params_.major = major.number();
		params_.first_minor = first_minor;
		return add(name, tags);
	}
	/// With a dynamic dev_t (the block layer's extended major, room for
	/// partitions, as NVMe disks have), for a tag set whose D gives each
	/// disk data of its own (D::DiskData), which its requests reach
	/// (Request::disk()); the disk owns it.
	template <typename D>
		requires mq::detail::UsesDiskData<D>
	[[nodiscard]] Result<GenDisk> build(CStr name, const mq::TagSet<D> &tags, Box<typename D::DiskData> data)
	{
		params_.major = 0;
		params_.first_minor = 0;
		using Data = typename D::DiskData;
		Data *raw = std::move(data).into_raw();
		Result<GenDisk> disk = add(name, tags, raw);
		if (disk.is_error()) {
			(void)Box<Data>::from_raw(raw);
			return disk;
		}
		disk.value().data_ = raw;
		disk.value().drop_data_ = [](void *p) { (void)Box<Data>::from_raw(static_cast<Data *>(p)); };
		return disk;
	}
	/// As above, with 'handler' answering the disk's ioctls (see the file
	/// comment) until the disk is released.
	template <typename D, typename H>
		requires mq::detail::UsesDiskData<D>
	[[nodiscard]] Result<GenDisk> build(CStr name, const mq::TagSet<D> &tags, Box<typename D::DiskData> data,
					    Arc<H> handler)
	{
		static_assert(detail::DiskIoctlHandler<H>,
			      "kcxx: a disk's ioctl handler has 'kcxx::Result<long> ioctl(kcxx::ioctl::Request) const': "
			      "ioctls run concurrently on every open file of the disk, so what they change is behind "
			      "its own lock or atomic");
		auto target = TRY(Box<detail::DiskIoctlTarget<H>>::try_new(GFP_KERNEL, std::move(handler)));
		ioctl_ = &target->raw;
		Result<GenDisk> disk = build(name, tags, std::move(data));
		ioctl_ = nullptr;
		// Added: the disk owns the target now (released at .free_disk).
		if (disk.is_ok())
			(void)std::move(target).into_raw();
		return disk;
	}

private:
	template <typename D> Result<GenDisk> add(CStr name, const mq::TagSet<D> &tags, void *queuedata = nullptr)
	{
		params_.name = name.c_str();
		// SAFETY: the tag set is allocated (TagSet INVARIANT); the
		// parameters are copied by the helper; name is copied into
		// the disk.
		bindings::gendisk *disk = bindings::kcxx_helper_blk_mq_alloc_disk(tags.raw(), &params_, queuedata);
		long value = reinterpret_cast<long>(disk);
		if (value >= -KCXX_MAX_ERRNO && value < 0)
			return Error::from_errno(static_cast<int>(value));
		// SAFETY: disk was just allocated; on failure add_disk()
		// leaves it (and the ioctl target) to us to put.  The parent is
		// a live device (Device INVARIANT), referenced by the driver
		// core from here on.
		int err = bindings::kcxx_helper_device_add_disk(parent_, disk, scan_partitions_, ioctl_);
		if (err) {
			bindings::put_disk(disk);
			return Error::from_errno(err);
		}
		return GenDisk(disk);
	}

	bindings::kcxx_disk_params params_ = {
		.name = nullptr,
		.capacity_sectors = 0,
		.logical_block_size = 512,
		.physical_block_size = 512,
		.max_hw_sectors = 0,
		.max_discard_sectors = 0,
		.max_write_zeroes_sectors = 0,
		.max_segments = 0,
		.virt_boundary_mask = 0,
		.dma_alignment = 0,
		.major = 0,
		.first_minor = 0,
		.rotational = false,
		.write_cache = false,
		.fua = false,
	};
	bool scan_partitions_ = true;
	bindings::device *parent_ = nullptr;
	bindings::kcxx_disk_ioctl *ioctl_ = nullptr; // build(..., handler) only
};

} // namespace kcxx::block
