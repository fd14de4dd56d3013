// SPDX-License-Identifier: GPL-2.0
//
// @NAME@: a misc device, /dev/@NAME@, that keeps the last message written
// to it (at most 256 bytes) and counts the writes.
//
//   echo hello > /dev/@NAME@; cat /dev/@NAME@        # hello
//   ioctl(fd, @NAME_UPPER@_GET_WRITES, &n)           # uapi/@NAME@.h
//
// Made by 'kcxx new @NAME@ --template misc'.  Only kcxx's safe types: the
// message sits behind a kcxx::Mutex, user memory is reached through
// UserSlice readers and writers, ioctls are typed by their command.
// docs/uaccess-ioctl-miscdevice.md in kcxx tells the rest.
#include <kcxx/ioctl.h>
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>
#include <kcxx/print.h>
#include <kcxx/span.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/types.h>

namespace {

using kcxx::code::ERESTARTSYS;
using kcxx::i64;
using kcxx::Result;
using kcxx::Span;
using kcxx::u64;
using kcxx::u8;

// uapi/@NAME@.h defines the same command for user space: _IOR('k', 1, __u64).
constexpr auto GET_WRITES = kcxx::ioctl::Read<u64>('k', 1);

// INVARIANT: size <= sizeof(bytes).
struct Message {
	u8 bytes[256] = {};
	u64 size = 0;
	u64 writes = 0;
};

// One per device, shared by every open file; built in place by the
// registration, so it may hold a lock.
struct State {
	State() : message(KCXX_LOCK_CLASS("@NAME@.message")) {}
	kcxx::Mutex<Message> message;
};

// One open file of /dev/@NAME@.  File operations may run concurrently on
// one open file, so they are const; what changes is behind the lock.
class OpenFile {
public:
	using Shared = State;

	// The shared State comes as a SharedRef: read-only (what changes is
	// behind its lock) and alive while this file is open.
	static Result<OpenFile> open(kcxx::miscdevice::SharedRef<State> state, kcxx::File &)
	{
		return OpenFile(std::move(state));
	}

	// read(): the message from the file position on; 0 (end of file) past it.
	Result<void> read(kcxx::File &, kcxx::UserSliceWriter &out, i64 &pos) const
	{
		auto message = state_->message.lock_interruptible();
		if (message.is_error())
			return ERESTARTSYS;
		Span<const u8> bytes = Span<const u8>(message->bytes).first(message->size).window(pos, out.len());
		TRY(out.write_slice(bytes));
		pos += bytes.size();
		return {};
	}

	// write(): replaces the message (a longer one is cut at 256 bytes).
	Result<void> write(kcxx::File &, kcxx::UserSliceReader &in, i64 &) const
	{
		auto message = state_->message.lock_interruptible();
		if (message.is_error())
			return ERESTARTSYS;
		Span<u8> room = Span<u8>(message->bytes).first(in.len());
		TRY(in.read_slice(room));
		message->size = room.size();
		message->writes++;
		return {};
	}

	Result<long> ioctl(kcxx::File &, kcxx::ioctl::Request request) const
	{
		using namespace kcxx::ioctl;
		return request.dispatch(handle<GET_WRITES>([&](Out<u64> out) -> Result<void> {
			u64 writes = state_->message.lock()->writes;
			return std::move(out).write(writes);
		}));
	}

	Result<i64> llseek(kcxx::File &file, i64 offset, kcxx::Whence whence) const
	{
		u64 size = state_->message.lock()->size;
		return file.seek(offset, whence, 256, size);
	}

private:
	explicit OpenFile(kcxx::miscdevice::SharedRef<State> &&state) : state_(std::move(state)) {}

	kcxx::miscdevice::SharedRef<State> state_;
};

class Module {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "@NAME@",
		.license = "GPL",
		.author = "@NAME@'s authors",
		.description = "@NAME@: a misc device that keeps a message",
	};

	static Result<Module> init()
	{
		auto registration = TRY(kcxx::miscdevice::Registration<OpenFile>::try_new(
			kcxx::GFP_KERNEL, {.name = "@NAME@", .mode = 0666}));
		pr_info("/dev/%s is ready\n", registration->name());
		return Module(std::move(registration));
	}

	Module(Module &&) = default;

private:
	explicit Module(kcxx::Box<kcxx::miscdevice::Registration<OpenFile>> registration)
		: registration_(std::move(registration))
	{
	}

	// Destroying it (at rmmod) removes /dev/@NAME@.
	kcxx::Box<kcxx::miscdevice::Registration<OpenFile>> registration_;
};

} // namespace

KCXX_MODULE(Module);
