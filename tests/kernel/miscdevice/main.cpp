// SPDX-License-Identifier: GPL-2.0
//
// kcxx_misc_devices: misc devices that test kcxx::miscdevice's defaults and
// lifetime rules from user space (tests/userspace/kcxx_test_devices.h,
// misc_test framework).
#include <kcxx/box.h>
#include <kcxx/ioctl.h>
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>
#include <kcxx/parse.h>
#include <kcxx/read_buffer.h>
#include <kcxx/span.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/string_builder.h>
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
// (open(Shared &, File &): the older form, still accepted.)
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
constexpr auto CREATE_SHARED = kcxx::ioctl::Io('t', 3);
constexpr auto DESTROY_SHARED = kcxx::ioctl::Io('t', 4);
constexpr auto SHARED_DESTROYED = kcxx::ioctl::Io('t', 5);

// /dev/kcxx-test-shared, which the control device creates and destroys:
// open() returns an Arc, so each open file holds a reference to the one
// SharedFile the registration was made with (private_data is the Arc's
// pointer, the operations reach it through an ArcBorrow).  Destroying the
// registration does not wait for the open files; the last reference,
// registration's or file's, destroys the SharedFile (counted in
// 'destroyed', which SHARED_DESTROYED returns).
class SharedFile {
public:
	using Shared = kcxx::Arc<SharedFile>;
	static inline constinit kcxx::Atomic<long> destroyed{0};

	static Result<kcxx::Arc<SharedFile>> open(kcxx::miscdevice::SharedRef<Shared> shared, File &)
	{
		return shared->clone();
	}

	SharedFile() = default;
	SharedFile(const SharedFile &) = delete;
	SharedFile &operator=(const SharedFile &) = delete;
	~SharedFile() { destroyed.inc(); }

	// "S<n>\n", whole, at every read: the reads so far on any open file of
	// the device, this one included (state shared by every file).
	Result<void> read(File &, kcxx::UserSliceWriter &out, kcxx::i64 &) const
	{
		kcxx::StringBuilder<32> text;
		TRY(text.appendf<"S%ld\n">(reads_.fetch_add(1) + 1));
		kcxx::i64 from_start = 0;
		return kcxx::read_from_buffer(out, from_start, text);
	}

private:
	mutable kcxx::Atomic<long> reads_{0};
};

// /dev/kcxx-test-keeper, which the control device creates and destroys: its
// shared data is an Arc, so the registration does not wait for open files
// as such (each could hold its own reference), but each open file keeps
// the SharedRef that open() got instead of a clone of the Arc: a reference
// into the registration.  Destroying the registration waits until the last
// SharedRef is gone (miscdevice.h, SharedRef); read() reaches the shared
// data through it ("K\n").
class KeeperFile {
public:
	struct Data {
		u8 tag = 'K';
	};
	using Shared = kcxx::Arc<Data>;

	static Result<kcxx::Arc<KeeperFile>> open(kcxx::miscdevice::SharedRef<Shared> shared, File &)
	{
		return kcxx::Arc<KeeperFile>::try_new(kcxx::GFP_KERNEL, std::move(shared));
	}

	explicit KeeperFile(kcxx::miscdevice::SharedRef<Shared> &&shared) : shared_(std::move(shared)) {}

	Result<void> read(File &, kcxx::UserSliceWriter &out, kcxx::i64 &pos) const
	{
		const u8 text[] = {(*shared_)->tag, '\n'};
		return kcxx::read_from_buffer(out, pos, Span<const u8>(text));
	}

private:
	kcxx::miscdevice::SharedRef<Shared> shared_;
};

constexpr auto CREATE_KEEPER = kcxx::ioctl::Io('t', 6);
constexpr auto DESTROY_KEEPER = kcxx::ioctl::Io('t', 7);

// Creates and destroys /dev/kcxx-test-victim.  Destroying it while a file
// is open on it waits until that file is closed.  Its shared data comes
// as a SharedRef (const; the Mutex is what changes the list).
class ControlFile {
public:
	struct Shared {
		kcxx::Mutex<kcxx::Vec<kcxx::Box<Registration<VictimFile>>>> victims{
			KCXX_LOCK_CLASS("kcxx_misc_devices.victims")};
		kcxx::Mutex<kcxx::Vec<kcxx::Box<Registration<SharedFile>>>> shared{
			KCXX_LOCK_CLASS("kcxx_misc_devices.shared")};
		kcxx::Mutex<kcxx::Vec<kcxx::Box<Registration<KeeperFile>>>> keepers{
			KCXX_LOCK_CLASS("kcxx_misc_devices.keepers")};
	};

	static Result<ControlFile> open(kcxx::miscdevice::SharedRef<Shared> shared, File &)
	{
		return ControlFile(std::move(shared));
	}

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
			}),
			handle<CREATE_SHARED>([&]() -> Result<void> {
				auto devices = shared_->shared.lock();
				if (devices->size())
					return kcxx::code::EEXIST;
				auto data = TRY(kcxx::Arc<SharedFile>::try_new(kcxx::GFP_KERNEL));
				TRY(devices->try_push(TRY(Registration<SharedFile>::try_new(
							      kcxx::GFP_KERNEL,
							      {.name = "kcxx-test-shared", .mode = 0666},
							      std::move(data))),
						      kcxx::GFP_KERNEL));
				return {};
			}),
			handle<DESTROY_SHARED>([&]() -> Result<void> {
				// Deregisters and drops the registration's
				// reference; open files keep theirs (no wait).
				auto device = [&] { return shared_->shared.lock()->pop(); }();
				if (!device)
					return kcxx::code::ENOENT;
				return {};
			}),
			handle<SHARED_DESTROYED>([&]() -> Result<long> { return SharedFile::destroyed.load(); }),
			handle<CREATE_KEEPER>([&]() -> Result<void> {
				auto keepers = shared_->keepers.lock();
				if (keepers->size())
					return kcxx::code::EEXIST;
				auto data = TRY(kcxx::Arc<KeeperFile::Data>::try_new(kcxx::GFP_KERNEL));
				TRY(keepers->try_push(TRY(Registration<KeeperFile>::try_new(
							      kcxx::GFP_KERNEL,
							      {.name = "kcxx-test-keeper", .mode = 0666},
							      std::move(data))),
						      kcxx::GFP_KERNEL));
				return {};
			}),
			handle<DESTROY_KEEPER>([&]() -> Result<void> {
				// Outside the lock: waits for the files'
				// SharedRefs.
				auto keeper = [&] { return shared_->keepers.lock()->pop(); }();
				if (!keeper)
					return kcxx::code::ENOENT;
				return {};
			}));
	}

private:
	explicit ControlFile(kcxx::miscdevice::SharedRef<Shared> &&shared) : shared_(std::move(shared)) {}
	kcxx::miscdevice::SharedRef<Shared> shared_;
};

// Built in place: open() returns a Box, so the per-open object holds a lock
// of its own and is neither copyable nor movable.  write() parses a number
// (kcxx::parse_from_user, as kstrtoll_from_user()) and adds it to this
// open file's sum; read() gives "MODE SUM\n" as a small file
// (kcxx::read_from_buffer), MODE being how the file was opened: r, w or rw
// (File::is_readable/is_writable), then n for O_NONBLOCK.
class InPlaceFile {
public:
	static constexpr kcxx::miscdevice::Seek seek = kcxx::miscdevice::Seek::noop;

	static Result<kcxx::Box<InPlaceFile>> open(File &file)
	{
		return kcxx::Box<InPlaceFile>::try_new(kcxx::GFP_KERNEL, file.is_readable(), file.is_writable());
	}

	InPlaceFile(bool readable, bool writable)
		: sum_(KCXX_LOCK_CLASS("kcxx_misc_devices.sum"), 0),
		  mode_(readable && writable ? kcxx::CStr("rw")
			: readable	    ? kcxx::CStr("r")
			: writable	    ? kcxx::CStr("w")
					    : kcxx::CStr("-"))
	{
	}
	InPlaceFile(const InPlaceFile &) = delete;
	InPlaceFile &operator=(const InPlaceFile &) = delete;

	Result<void> read(File &file, kcxx::UserSliceWriter &out, kcxx::i64 &pos) const
	{
		kcxx::StringBuilder<64> text;
		TRY(text.appendf<"%s%s %lld\n">(mode_, file.is_nonblocking() ? kcxx::CStr("n") : kcxx::CStr(""),
						 *sum_.lock()));
		return kcxx::read_from_buffer(out, pos, text);
	}

	Result<void> write(File &, kcxx::UserSliceReader &in, kcxx::i64 &) const
	{
		long long value = TRY(kcxx::parse_from_user<long long>(in));
		*sum_.lock() += value;
		return {};
	}

private:
	kcxx::Mutex<long long> sum_;
	kcxx::CStr mode_;
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
		auto in_place = TRY(Registration<InPlaceFile>::try_new(
			kcxx::GFP_KERNEL, {.name = "kcxx-test-inplace", .mode = mode}));
		return MiscDevices(std::move(stream), std::move(noop), std::move(exclusive),
				   std::move(control), std::move(in_place));
	}

	MiscDevices(MiscDevices &&) = default;

private:
	MiscDevices(kcxx::Box<Registration<StreamFile>> stream, kcxx::Box<Registration<NoopSeekFile>> noop,
		    kcxx::Box<Registration<ExclusiveFile>> exclusive,
		    kcxx::Box<Registration<ControlFile>> control, kcxx::Box<Registration<InPlaceFile>> in_place)
		: stream_(std::move(stream)), noop_(std::move(noop)), exclusive_(std::move(exclusive)),
		  control_(std::move(control)), in_place_(std::move(in_place))
	{
	}

	kcxx::Box<Registration<StreamFile>> stream_;
	kcxx::Box<Registration<NoopSeekFile>> noop_;
	kcxx::Box<Registration<ExclusiveFile>> exclusive_;
	kcxx::Box<Registration<ControlFile>> control_;
	kcxx::Box<Registration<InPlaceFile>> in_place_;
};

} // namespace

KCXX_MODULE(MiscDevices);
