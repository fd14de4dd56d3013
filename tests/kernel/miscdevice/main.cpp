// SPDX-License-Identifier: GPL-2.0
//
// kcxx_misc_devices: misc devices that test kcxx::miscdevice's defaults and
// lifetime rules from user space (tests/userspace/kcxx_test_devices.h,
// misc_test framework).
#include <kcxx/box.h>
#include <kcxx/ioctl.h>
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>
#include <kcxx/span.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

namespace {

using kcxx::File;
using kcxx::Result;
using kcxx::Span;
using kcxx::u8;
using kcxx::miscdevice::Registration;

// Read only, and nothing else: no llseek (not seekable: ESPIPE), no write
// (EINVAL from the VFS), no ioctl (ENOTTY), no poll (the default mask).
class StreamFile {
public:
	static Result<StreamFile> open(File &) { return StreamFile(); }

	Result<void> read(File &, kcxx::UserSliceWriter &out, kcxx::i64 &) const
	{
		static constexpr u8 text[] = {'s', 't', 'r', 'e', 'a', 'm', '\n'};
		return out.write_slice(Span<const u8>(text).first(out.len()));
	}
};

// noop_llseek: lseek succeeds and the position stays where it is.
class NoopSeekFile {
public:
	static constexpr kcxx::miscdevice::Seek seek = kcxx::miscdevice::Seek::noop;
	static Result<NoopSeekFile> open(File &) { return NoopSeekFile(); }
	Result<void> read(File &, kcxx::UserSliceWriter &, kcxx::i64 &) const { return {}; }
};

// One open file at a time: open() fails with EBUSY while one is open.
class ExclusiveFile {
public:
	struct Shared {
		kcxx::Mutex<bool> open{KCXX_LOCK_CLASS("kcxx_misc_devices.exclusive"), false};
	};

	static Result<ExclusiveFile> open(Shared &shared, File &)
	{
		auto is_open = shared.open.lock();
		if (*is_open)
			return kcxx::code::EBUSY;
		*is_open = true;
		return ExclusiveFile(shared);
	}

	ExclusiveFile(ExclusiveFile &&other) : shared_(std::exchange(other.shared_, nullptr)) {}

	~ExclusiveFile()
	{
		if (shared_)
			*shared_->open.lock() = false;
	}

private:
	explicit ExclusiveFile(Shared &shared) : shared_(&shared) {}
	Shared *shared_;
};

// A device that /dev/kcxx-test-control creates and destroys.
class VictimFile {
public:
	static Result<VictimFile> open(File &) { return VictimFile(); }

	Result<void> read(File &, kcxx::UserSliceWriter &out, kcxx::i64 &) const
	{
		static constexpr u8 v[] = {'V', 'V', 'V', 'V'};
		return out.write_slice(Span<const u8>(v).first(out.len()));
	}
};

constexpr auto CREATE_VICTIM = kcxx::ioctl::Io('t', 1);
constexpr auto DESTROY_VICTIM = kcxx::ioctl::Io('t', 2);

// Creates and destroys /dev/kcxx-test-victim.  Destroying it while a file
// is open on it waits until that file is closed.
class ControlFile {
public:
	struct Shared {
		kcxx::Mutex<kcxx::Vec<kcxx::Box<Registration<VictimFile>>>> victims{
			KCXX_LOCK_CLASS("kcxx_misc_devices.victims")};
	};

	static Result<ControlFile> open(Shared &shared, File &) { return ControlFile(shared); }

	Result<long> ioctl(File &, kcxx::ioctl::Request request) const
	{
		using namespace kcxx::ioctl;
		return request.dispatch(
			handle<CREATE_VICTIM>([&]() -> Result<void> {
				auto victims = shared_->victims.lock();
				if (victims->size())
					return kcxx::code::EEXIST;
				TRY(victims->try_push(TRY(Registration<VictimFile>::try_new(
							      kcxx::GFP_KERNEL, {.name = "kcxx-test-victim"})),
						      kcxx::GFP_KERNEL));
				return {};
			}),
			handle<DESTROY_VICTIM>([&]() -> Result<void> {
				auto victim = [&] { return shared_->victims.lock()->pop(); }();
				if (!victim)
					return kcxx::code::ENOENT;
				// The Box dies here, outside the lock: it
				// deregisters and waits for the open files.
				return {};
			}));
	}

private:
	explicit ControlFile(Shared &shared) : shared_(&shared) {}
	Shared *shared_;
};

class MiscDevices {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_misc_devices",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "Misc devices that test kcxx::miscdevice from user space",
	};

	static Result<MiscDevices> init()
	{
		constexpr kcxx::u16 mode = 0666;
		auto stream = TRY(Registration<StreamFile>::try_new(kcxx::GFP_KERNEL,
								   {.name = "kcxx-test-stream", .mode = mode}));
		auto noop = TRY(Registration<NoopSeekFile>::try_new(kcxx::GFP_KERNEL,
								   {.name = "kcxx-test-noop", .mode = mode}));
		auto exclusive = TRY(Registration<ExclusiveFile>::try_new(
			kcxx::GFP_KERNEL, {.name = "kcxx-test-exclusive", .mode = mode}));
		auto control = TRY(Registration<ControlFile>::try_new(
			kcxx::GFP_KERNEL, {.name = "kcxx-test-control", .mode = mode}));
		return MiscDevices(std::move(stream), std::move(noop), std::move(exclusive),
				   std::move(control));
	}

	MiscDevices(MiscDevices &&) = default;

private:
	MiscDevices(kcxx::Box<Registration<StreamFile>> stream, kcxx::Box<Registration<NoopSeekFile>> noop,
		    kcxx::Box<Registration<ExclusiveFile>> exclusive,
		    kcxx::Box<Registration<ControlFile>> control)
		: stream_(std::move(stream)), noop_(std::move(noop)), exclusive_(std::move(exclusive)),
		  control_(std::move(control))
	{
	}

	kcxx::Box<Registration<StreamFile>> stream_;
	kcxx::Box<Registration<NoopSeekFile>> noop_;
	kcxx::Box<Registration<ExclusiveFile>> exclusive_;
	kcxx::Box<Registration<ControlFile>> control_;
};

} // namespace

KCXX_MODULE(MiscDevices);
