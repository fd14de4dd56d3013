// SPDX-License-Identifier: GPL-2.0
//
// /dev/kcxx-misc: a misc device holding a buffer of 'capacity' bytes (a
// module parameter, 4 KiB by default), in C++.
//
// The C++ counterpart of Rust's rust_misc_device sample, grown into a small
// device a kernel developer would recognise (user interface: uapi/kcxx_misc.h):
//
//  - read/write/lseek/pread/pwrite like a small file: the data has a size
//    (at most the capacity); reads at or past the end return 0; a write past the
//    end extends the data (the gap reads as zeros); a write at or past the
//    capacity is -ENOSPC and one that crosses it is short, as for a block
//    device; lseek follows generic_file_llseek_size() (-EINVAL below 0 or
//    past the capacity).
//  - A read of the empty buffer waits, interruptibly, until a writer (or
//    SET_SIZE) puts data in; with O_NONBLOCK it is -EAGAIN.
//  - poll: EPOLLIN when there is data, EPOLLOUT when there is room.
//  - ioctls, each typed by its command: GET_SIZE, SET_SIZE (-EFBIG beyond
//    the capacity), CLEAR, GET_CAPACITY, GET_STATS, XCHG (read-write).
//
// All the state is one kcxx::Mutex<Buffer>, shared by every open file, and a
// kcxx::PollCondVar that every change notifies (blocked readers and pollers).
// The driver sees no raw pointer, no struct file and no C: the shared
// Device through a SharedRef (const, its lifetime the registration's to
// guarantee), the buffer through the lock guard, user memory through
// UserSlice, the file through kcxx::File.
#include <kcxx/ioctl.h>
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>
#include <kcxx/module_param.h>
#include <kcxx/poll.h>
#include <kcxx/print.h>
#include <kcxx/span.h>
#include <kcxx/sync/condvar.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

namespace {

using kcxx::code::EAGAIN;
using kcxx::code::EFBIG;
using kcxx::code::EINVAL;
using kcxx::code::ENOSPC;
using kcxx::code::ERESTARTSYS;
using kcxx::i64;
using kcxx::Result;
using kcxx::Span;
using kcxx::u64;
using kcxx::u8;

KCXX_MODULE_PARAM_RANGE(capacity, unsigned long, 4096, 1, 1UL << 20, 0444,
			"Buffer size in bytes (1 to 1048576; default 4096)");

// The commands of uapi/kcxx_misc.h; each number carries its argument type.
struct Stats {
	u64 size;
	u64 capacity;
	u64 bytes_read;
	u64 bytes_written;
	u64 open_files;
};
struct Xchg {
	u64 offset;
	u8 value;
	u8 old;
	u8 reserved[6];
};
constexpr char IOC_TYPE = 'x';
constexpr auto GET_SIZE = kcxx::ioctl::Read<u64>(IOC_TYPE, 1);
constexpr auto SET_SIZE = kcxx::ioctl::Write<u64>(IOC_TYPE, 2);
constexpr auto CLEAR = kcxx::ioctl::Io(IOC_TYPE, 3);
constexpr auto GET_CAPACITY = kcxx::ioctl::Read<u64>(IOC_TYPE, 4);
constexpr auto GET_STATS = kcxx::ioctl::Read<Stats>(IOC_TYPE, 5);
constexpr auto XCHG = kcxx::ioctl::ReadWrite<Xchg>(IOC_TYPE, 6);

// INVARIANT: data.size() is the capacity and never changes; size <=
// capacity, and data[size..capacity) are zero, so the data grows (a write
// past the end, SET_SIZE) with zeros and never with bytes that were
// truncated away.
struct Buffer {
	kcxx::VVec<u8> data;
	u64 size = 0;
	u64 bytes_read = 0;
	u64 bytes_written = 0;
	u64 open_files = 0;

	explicit Buffer(kcxx::VVec<u8> &&zeroed) : data(std::move(zeroed)) {}

	u64 capacity() const { return data.size(); }

	void resize(u64 new_size)
	{
		for (u8 &byte : Span<u8>(data).window(new_size, size > new_size ? size - new_size : 0))
			byte = 0;
		size = new_size;
	}
};

// What every open file of the device shares (the registration owns it).
struct Device {
	explicit Device(kcxx::VVec<u8> &&zeroed)
		: buffer(KCXX_LOCK_CLASS("kcxx_misc.buffer"), std::move(zeroed))
	{
	}

	kcxx::Mutex<Buffer> buffer;
	// Notified on every change of the buffer: blocked readers and pollers.
	kcxx::PollCondVar changed{KCXX_LOCK_CLASS("kcxx_misc.changed")};
};

// One open file of /dev/kcxx-misc.  It reaches the Device every file
// shares through a SharedRef: read-only (the buffer changes only behind
// its mutex) and alive as long as this file is open, which the
// registration guarantees.  Built in place (open() returns a Box): never
// moved, so the release below runs exactly once per open.
class MiscFile {
public:
	using Shared = Device;

	static Result<kcxx::Box<MiscFile>> open(kcxx::miscdevice::SharedRef<Device> device, kcxx::File &)
	{
		return kcxx::Box<MiscFile>::try_new(kcxx::GFP_KERNEL, std::move(device));
	}

	explicit MiscFile(kcxx::miscdevice::SharedRef<Device> &&device) : device_(std::move(device))
	{
		device_->buffer.lock()->open_files++;
	}
	MiscFile(const MiscFile &) = delete;
	MiscFile &operator=(const MiscFile &) = delete;

	// release
	~MiscFile() { device_->buffer.lock()->open_files--; }

	Result<void> read(kcxx::File &file, kcxx::UserSliceWriter &out, i64 &pos) const
	{
		if (out.is_empty())
			return {};
		auto buffer = device_->buffer.lock_interruptible();
		if (buffer.is_error())
			return ERESTARTSYS;
		while (buffer->size == 0) {
			if (file.is_nonblocking())
				return EAGAIN;
			TRY(device_->changed.wait_interruptible(buffer.guard()));
		}
		// Clamped to the data: empty at or past the end (EOF).
		Span<const u8> bytes = Span<const u8>(buffer->data).first(buffer->size).window(pos, out.len());
		TRY(out.write_slice(bytes));
		pos += bytes.size();
		buffer->bytes_read += bytes.size();
		return {};
	}

	Result<void> write(kcxx::File &, kcxx::UserSliceReader &in, i64 &pos) const
	{
		if (in.is_empty())
			return {};
		auto buffer = device_->buffer.lock_interruptible();
		if (buffer.is_error())
			return ERESTARTSYS;
		if (static_cast<u64>(pos) >= buffer->capacity())
			return ENOSPC;
		Span<u8> room = Span<u8>(buffer->data).window(pos, in.len());
		if (Result<void> copied = in.read_slice(room); copied.is_error()) {
			// Part of the range may hold user bytes: whatever lies
			// past the size goes back to zero (INVARIANT).
			for (u8 &byte : room.skip(buffer->size > static_cast<u64>(pos) ? buffer->size - pos : 0))
				byte = 0;
			return copied.error();
		}
		pos += room.size();
		if (static_cast<u64>(pos) > buffer->size)
			buffer->size = pos;
		buffer->bytes_written += room.size();
		device_->changed.notify_all();
		return {};
	}

	Result<long> ioctl(kcxx::File &, kcxx::ioctl::Request request) const
	{
		using namespace kcxx::ioctl;
		return request.dispatch(
			handle<GET_SIZE>([&](Out<u64> out) -> Result<void> {
				u64 size = TRY(snapshot()).size;
				return std::move(out).write(size);
			}),
			handle<SET_SIZE>([&](In<u64> in) -> Result<void> {
				u64 size = TRY(std::move(in).read());
				{
					auto buffer = device_->buffer.lock_interruptible();
					if (buffer.is_error())
						return ERESTARTSYS;
					if (size > buffer->capacity())
						return EFBIG;
					buffer->resize(size);
				}
				device_->changed.notify_all();
				return {};
			}),
			handle<CLEAR>([&]() -> Result<void> {
				{
					auto buffer = device_->buffer.lock_interruptible();
					if (buffer.is_error())
						return ERESTARTSYS;
					buffer->resize(0);
				}
				device_->changed.notify_all();
				return {};
			}),
			handle<GET_CAPACITY>([&](Out<u64> out) -> Result<void> {
				return std::move(out).write(TRY(snapshot()).capacity);
			}),
			handle<GET_STATS>([&](Out<Stats> out) -> Result<void> {
				return std::move(out).write(TRY(snapshot()));
			}),
			handle<XCHG>([&](In<Xchg> in, Out<Xchg> out) -> Result<void> {
				Xchg x = TRY(std::move(in).read());
				for (u8 reserved : x.reserved)
					if (reserved)
						return EINVAL;
				{
					auto buffer = device_->buffer.lock_interruptible();
					if (buffer.is_error())
						return ERESTARTSYS;
					u8 *byte = Span<u8>(buffer->data).first(buffer->size).at(x.offset);
					if (!byte)
						return EINVAL;
					x.old = *byte;
					*byte = x.value;
				}
				return std::move(out).write(x);
			}));
	}

	kcxx::PollMask poll(kcxx::File &file, kcxx::PollTable &table) const
	{
		// Register first: a change after the check below wakes us.
		table.register_wait(file, device_->changed);
		auto buffer = device_->buffer.lock();
		kcxx::PollMask mask;
		if (buffer->size > 0)
			mask |= kcxx::EPOLLIN | kcxx::EPOLLRDNORM;
		if (buffer->size < buffer->capacity())
			mask |= kcxx::EPOLLOUT | kcxx::EPOLLWRNORM;
		return mask;
	}

	Result<i64> llseek(kcxx::File &file, i64 offset, kcxx::Whence whence) const
	{
		Stats now = TRY(snapshot());
		return file.seek(offset, whence, now.capacity, now.size);
	}

private:
	// The counters, read under the lock; copied out after it is released.
	Result<Stats> snapshot() const
	{
		auto buffer = device_->buffer.lock_interruptible();
		if (buffer.is_error())
			return ERESTARTSYS;
		return Stats{buffer->size, buffer->capacity(), buffer->bytes_read,
			     buffer->bytes_written, buffer->open_files};
	}

	kcxx::miscdevice::SharedRef<Device> device_;
};

class MiscModule {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_misc",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "A misc device with a buffer: read/write/seek, blocking reads, poll, typed ioctls",
	};

	static Result<MiscModule> init()
	{
		// The parameter is read-only (0444): read once, here.
		unsigned long bytes = capacity.get();
		kcxx::VVec<u8> zeroed;
		TRY(zeroed.try_resize(bytes, 0, kcxx::GFP_KERNEL));
		auto registration = TRY(kcxx::miscdevice::Registration<MiscFile>::try_new(
			kcxx::GFP_KERNEL, {.name = "kcxx-misc", .mode = 0666}, std::move(zeroed)));
		pr_info("/dev/%s: minor %d, %lu bytes\n", registration->name(), registration->minor(),
			bytes);
		return MiscModule(std::move(registration));
	}

	MiscModule(MiscModule &&) = default;

private:
	explicit MiscModule(kcxx::Box<kcxx::miscdevice::Registration<MiscFile>> registration)
		: registration_(std::move(registration))
	{
	}

	// Destroying it removes /dev/kcxx-misc (and waits for open files,
	// though the module cannot unload while any is open).
	kcxx::Box<kcxx::miscdevice::Registration<MiscFile>> registration_;
};

} // namespace

KCXX_MODULE(MiscModule);
