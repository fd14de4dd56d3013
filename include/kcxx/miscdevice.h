// SPDX-License-Identifier: GPL-2.0
/// \file
/// Misc character devices (/dev/\<name\>, major 10) whose file operations are
/// the methods of a C++ type, bound at compile time.
///
///     class Session {                      // one per open file
///     public:
///         struct Shared { ... };           // optional: one per device
///         static kcxx::Result<Session> open(kcxx::miscdevice::SharedRef<Shared> shared,
///                                           kcxx::File &file);
///         // or, to build it in place (it then need not be movable):
///         // static kcxx::Result<kcxx::Box<Session>> open(Shared &, kcxx::File &);
///         // or, to hold a reference to a shared Session (below):
///         // static kcxx::Result<kcxx::Arc<Session>> open(..., kcxx::File &);
///         ~Session();                      // release
///
///         // Each of these is optional; all are const (see below).
///         kcxx::Result<void> read(kcxx::File &, kcxx::UserSliceWriter &out, kcxx::i64 &pos) const;
///         kcxx::Result<void> write(kcxx::File &, kcxx::UserSliceReader &in, kcxx::i64 &pos) const;
///         kcxx::Result<long> ioctl(kcxx::File &, kcxx::ioctl::Request request) const;
///         kcxx::PollMask poll(kcxx::File &, kcxx::PollTable &table) const;
///         kcxx::Result<kcxx::i64> llseek(kcxx::File &, kcxx::i64 offset, kcxx::Whence) const;
///     };
///
///     auto device = TRY(kcxx::miscdevice::Registration<Session>::try_new(
///             kcxx::GFP_KERNEL, {.name = "kcxx-misc", .mode = 0666}, shared-constructor-args...));
///     // /dev/kcxx-misc exists until 'device' (a Box) is destroyed.
///
/// What the framework guarantees and does:
///  - The file_operations table is a constant in .rodata, built at compile
///    time at the member offsets the C compiler computed for the target
///    kernel (the struct differs between 6.1 and 6.12); .owner is this
///    module, so the module cannot unload while a file is open.  Only the
///    operations the type defines are set; the kernel calls the C++
///    functions directly (no helper hop).
///  - open: the object returned by T::open() is moved into a framework-owned
///    heap block kept in file->private_data; release destroys it.  The driver
///    never sees private_data, struct file or any raw pointer.  An open()
///    that returns kcxx::Result<kcxx::Box<T>> builds T in place
///    (Box<T>::try_new(GFP_KERNEL, args...)) and the framework keeps that
///    Box: T is never moved, so it may hold a Mutex, a SpinLock or a
///    CondVar of its own (per-open state that changes, without a Box
///    inside T).
///  - An open() that returns kcxx::Result<kcxx::Arc<T>> makes the file hold
///    a reference to a T that others may share (Rust's MiscDevice with
///    'type Ptr = Arc<T>'): a device's state that every open file, the
///    driver and its interrupt handler use, say.  private_data is then the
///    Arc's own pointer (into_raw(), checked once at open: an empty Arc is
///    -EINVAL), release drops the reference, and each operation reaches the
///    T through a kcxx::ArcBorrow made from private_data: no per-open block,
///    no load of it, no check of a moved-from Arc per call.  The T's shared
///    data, if it declares any, must then be an Arc too (a file that holds
///    its own reference cannot keep a plain Shared alive).
///  - read/write get a UserSliceWriter/Reader over exactly the user buffer,
///    and the file position (a scratch position for stream files).  The
///    byte count returned to user space is what the slice actually copied,
///    so a driver cannot report bytes it did not transfer.  An error is
///    returned as it is (a driver returns -EFAULT, -EAGAIN, -ERESTARTSYS...).
///  - ioctl: unlocked_ioctl gets a kcxx::ioctl::Request (dispatch it with
///    typed handlers, kcxx/ioctl.h); compat_ioctl is compat_ptr_ioctl, so
///    32-bit processes reach the same handlers.  A negative success value
///    is a driver bug: WARN and -EINVAL.
///  - llseek: the type's llseek() if it has one (File::seek() gives the
///    kernel's generic semantics); otherwise the file is not seekable
///    (nonseekable_open(): lseek, pread and pwrite fail with -ESPIPE), or,
///    with 'static constexpr kcxx::miscdevice::Seek seek = Seek::noop',
///    noop_llseek.  llseek is never left null: on 6.12 a null llseek behind
///    misc_open()'s replace_fops() would be called.
///  - File operations can run concurrently on one open file (threads, fork),
///    so they are const: per-open state that changes needs a lock (a
///    non-const operation does not compile, with a message saying so).
///  - Shared data lives in the registration, constructed in place (it may
///    hold locks and wait queues).  open() gets it as a SharedRef<Shared>:
///    const (what changes is behind its own locks or atomics, as open files
///    use it concurrently) and valid for as long as the file is open, which
///    the registration guarantees (below); only the framework makes one.
///    (An open(Shared &, File &) still builds: the older form, mutable, with
///    the lifetime left to the driver's care.)  With 'using Shared = kcxx::Arc<X>', the
///    open files hold references of their own (open() clones it into the
///    T) and the registration's destructor only deregisters: files opened
///    before stay usable, against whatever X says (a device driver's X
///    reports -ENODEV once its device is gone).  Otherwise open
///    files refer to it; destroying the registration first deregisters the device (no new opens, and opens in
///    flight have finished: misc_open() holds misc_mtx, as misc_deregister()
///    does) and then waits until every open file is released, so a file
///    never outlives the data it refers to.
#pragma once

#include <concepts>
#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/sync/arc.h>
#include <kcxx/bug.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/file.h>
#include <kcxx/gfp.h>
#include <kcxx/ioctl.h>
#include <kcxx/kernel_layout.h>
#include <kcxx/poll.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

namespace kcxx::bindings {

/// struct miscdevice (include/linux/miscdevice.h), identical on 6.1 and 6.12,
/// mirrored field by field and checked against the C compiler's layout.
struct miscdevice {
	int minor;
	const char *name;
	const file_operations *fops;
	list_head list;
	void *parent;
	void *this_device;
	const void *const *groups;
	const char *nodename;
	kcxx_umode_t mode;
};
static_assert(sizeof(miscdevice) == KCXX_SIZEOF_miscdevice);
static_assert(alignof(miscdevice) == KCXX_ALIGNOF_miscdevice);
static_assert(__builtin_offsetof(miscdevice, minor) == KCXX_OFFSETOF_miscdevice_minor);
static_assert(__builtin_offsetof(miscdevice, name) == KCXX_OFFSETOF_miscdevice_name);
static_assert(__builtin_offsetof(miscdevice, fops) == KCXX_OFFSETOF_miscdevice_fops);
static_assert(__builtin_offsetof(miscdevice, list) == KCXX_OFFSETOF_miscdevice_list);
static_assert(__builtin_offsetof(miscdevice, parent) == KCXX_OFFSETOF_miscdevice_parent);
static_assert(__builtin_offsetof(miscdevice, this_device) == KCXX_OFFSETOF_miscdevice_this_device);
static_assert(__builtin_offsetof(miscdevice, groups) == KCXX_OFFSETOF_miscdevice_groups);
static_assert(__builtin_offsetof(miscdevice, nodename) == KCXX_OFFSETOF_miscdevice_nodename);
static_assert(__builtin_offsetof(miscdevice, mode) == KCXX_OFFSETOF_miscdevice_mode);

} // namespace kcxx::bindings

namespace kcxx::miscdevice {

/// How a device without an llseek() method seeks.
enum class Seek {
	none, // not seekable: lseek/pread/pwrite fail with -ESPIPE (default)
	noop, // noop_llseek: lseek succeeds and the position never moves
};

/// INVARIANT: none (plain parameters; try_new() validates the name).
struct Options {
	/// The device name (/dev/\<name\>), copied into the registration.
	const char *name;
	/// The device node's permissions; 0 keeps the driver core's 0600.
	u16 mode = 0;
};

template <typename T> class Registration;

namespace detail {
template <typename T> struct Operations;
} // namespace detail

/// How an open file reaches its device's shared data: open() gets one,
/// and the per-open object keeps it.  Read-only: file operations run
/// concurrently with each other and with every other open file, so what
/// they change in the shared data is behind its own locks or atomics
/// (Mutex::lock(), CondVar::notify_all(), Atomic::inc() are const).  The
/// lifetime is the framework's to guarantee: only it makes a SharedRef, for
/// a file it opens, and each SharedRef is counted: the registration waits,
/// after deregistering, until every one is gone before the data goes.  So
/// a SharedRef may go wherever the driver takes it - into the per-open
/// object, an Arc that outlives the file, a work item - and the data stays
/// as long as it does (a SharedRef kept forever keeps the registration's
/// destruction waiting forever: to outlive the device, share an Arc and
/// keep a clone of it instead).  Not copyable (one per open file);
/// movable, the moved-from one still referring to the same data (and
/// counted until it is destroyed).
///
/// INVARIANT: shared_ points to the Shared of a live Registration, and
/// references_ to its reference count, in which this SharedRef counts one:
/// the Registration waits, before its destruction, for that count to drop
/// to zero.
template <typename S> class SharedRef {
public:
	SharedRef(const SharedRef &) = delete;
	SharedRef &operator=(const SharedRef &) = delete;
	/// Another reference to the same data (the moved-from one still refers to it).
	SharedRef(SharedRef &&other) : SharedRef(*other.shared_, other.references_) {}
	SharedRef &operator=(SharedRef &&) = delete;
	~SharedRef()
	{
		if (__atomic_sub_fetch(references_, 1, __ATOMIC_SEQ_CST) == 0)
			// SAFETY: wake_up_var() only hashes the address to
			// find waiters; it does not touch the count, so it is
			// fine if the registration has already seen 0 and gone.
			bindings::wake_up_var(references_);
	}

	/// @{
	/// The shared data (const: its own locks guard what changes).
	[[nodiscard]] const S &get() const { return *shared_; }
	const S &operator*() const { return *shared_; }
	const S *operator->() const { return shared_; }
	/// @}

private:
	template <typename> friend struct detail::Operations;
	/// Made in open(), under misc_mtx, which the registration's
	/// misc_deregister() takes before it waits for the count; or from
	/// a SharedRef, which counts one until this one counts too.
	SharedRef(const S &shared, int *references) : shared_(&shared), references_(references)
	{
		__atomic_add_fetch(references_, 1, __ATOMIC_RELAXED);
	}

	const S *shared_;
	int *references_;
};

namespace detail {

using kcxx::detail::FileAccess;

struct NoShared {};

template <typename T> struct SharedOf {
	using type = NoShared;
};
template <typename T>
	requires requires { typename T::Shared; }
struct SharedOf<T> {
	using type = typename T::Shared;
};

template <typename T> using Shared = typename SharedOf<T>::type;

template <typename S> struct IsArc : std::false_type {};
template <typename U> struct IsArc<Arc<U>> : std::true_type {};

/// Shared data held in an Arc: every open file holds its own reference (T
/// keeps the clone open() gave it), so files may outlive the registration
/// and its destructor does not wait for them (a device driver's remove
/// cannot wait for user space to close its files) - unless a file keeps
/// the SharedRef itself, which the destructor waits for.
template <typename T> concept SharesByArc = requires { typename T::Shared; } && IsArc<typename T::Shared>::value;

template <typename T> concept DeclaresShared = requires { typename T::Shared; };

/// open: with the shared data if the type declares it - as a SharedRef
/// (const, the lifetime guaranteed), or as a plain 'Shared &' (the older
/// form, which lets open() change it and leaves the lifetime to a comment).
/// It returns the T (moved into the framework's per-file block) or a Box<T>
/// (T built in place by Box::try_new(), never moved: it may hold a lock).
template <typename R, typename T> concept OpenResult = std::same_as<R, Result<T>> || std::same_as<R, Result<Box<T>>>;
template <typename T, typename R> concept OpensWithSharedRefAs = DeclaresShared<T> &&
	requires(SharedRef<Shared<T>> &&shared, File &file) {
		{ T::open(std::move(shared), file) } -> std::same_as<R>;
	};
template <typename T, typename R> concept OpensWithSharedAs = DeclaresShared<T> &&
	requires(Shared<T> &shared, File &file) {
		{ T::open(shared, file) } -> std::same_as<R>;
	};
template <typename T, typename R> concept OpensAloneAs = !DeclaresShared<T> && requires(File &file) {
	{ T::open(file) } -> std::same_as<R>;
};
template <typename T, typename R> concept OpensAs =
	OpensWithSharedRefAs<T, R> || OpensWithSharedAs<T, R> || OpensAloneAs<T, R>;
template <typename T> concept OpensWithSharedRef = OpensWithSharedRefAs<T, Result<T>> ||
	OpensWithSharedRefAs<T, Result<Box<T>>> || OpensWithSharedRefAs<T, Result<Arc<T>>>;
template <typename T> concept OpensWithShared = DeclaresShared<T> &&
	(OpensAs<T, Result<T>> || OpensAs<T, Result<Box<T>>> || OpensAs<T, Result<Arc<T>>>);
template <typename T> concept OpensAlone = !DeclaresShared<T> &&
	(OpensAs<T, Result<T>> || OpensAs<T, Result<Box<T>>> || OpensAs<T, Result<Arc<T>>>);
template <typename T> concept OpensBoxed = OpensAs<T, Result<Box<T>>>;
template <typename T> concept OpensArc = OpensAs<T, Result<Arc<T>>>;

/// Whether the registration counts T's open files and waits for them: when
/// a file's state refers to the registration (its FileState), unless the
/// shared data is an Arc (then each file holds its own reference).
template <typename T> concept CountsFiles = !SharesByArc<T> && !OpensArc<T>;

/// Which operations a type names, and whether it defines them right.
template <typename T> concept NamesRead = requires { &T::read; };
template <typename T> concept NamesWrite = requires { &T::write; };
template <typename T> concept NamesIoctl = requires { &T::ioctl; };
template <typename T> concept NamesPoll = requires { &T::poll; };
template <typename T> concept NamesLlseek = requires { &T::llseek; };

template <typename T> concept HasRead = requires(const T &t, File &f, UserSliceWriter &out, i64 &pos) {
	{ t.read(f, out, pos) } -> std::same_as<Result<void>>;
};
template <typename T> concept HasWrite = requires(const T &t, File &f, UserSliceReader &in, i64 &pos) {
	{ t.write(f, in, pos) } -> std::same_as<Result<void>>;
};
template <typename T> concept HasIoctl = requires(const T &t, File &f, ioctl::Request request) {
	{ t.ioctl(f, request) } -> std::same_as<Result<long>>;
};
template <typename T> concept HasPoll = requires(const T &t, File &f, PollTable &table) {
	{ t.poll(f, table) } -> std::same_as<PollMask>;
};
template <typename T> concept HasLlseek = requires(const T &t, File &f, i64 offset, Whence whence) {
	{ t.llseek(f, offset, whence) } -> std::same_as<Result<i64>>;
};

template <typename T> constexpr Seek seek_policy()
{
	if constexpr (requires { T::seek; })
		return T::seek;
	else
		return Seek::none;
}

template <typename T> constexpr bool check_driver_type()
{
	static_assert(!std::is_reference_v<T> && !std::is_const_v<T>);
	static_assert(OpensWithShared<T> || OpensAlone<T>,
		      "kcxx: a misc device type needs 'static kcxx::Result<T> open(kcxx::File &)', "
		      "or 'static kcxx::Result<T> open(kcxx::miscdevice::SharedRef<Shared>, "
		      "kcxx::File &)' when it declares 'using Shared = ...' (or a nested struct "
		      "Shared); either may return kcxx::Result<kcxx::Box<T>> instead, T then built "
		      "in place, or kcxx::Result<kcxx::Arc<T>>, the file then holding a reference");
	static_assert(!OpensArc<T> || !DeclaresShared<T> || SharesByArc<T>,
		      "kcxx: an open() that returns kcxx::Result<kcxx::Arc<T>> needs its shared data "
		      "to be an Arc as well ('using Shared = kcxx::Arc<...>'): the registration does "
		      "not wait for files that hold references of their own");
	static_assert(OpensBoxed<T> || OpensArc<T> || std::is_move_constructible_v<T>,
		      "kcxx: the object open() returns moves into the framework's per-file block: "
		      "T must be move constructible, or open() returns kcxx::Result<kcxx::Box<T>> "
		      "(T built in place by Box<T>::try_new(), never moved: it may hold a lock)");
	static_assert(!NamesRead<T> || HasRead<T>,
		      "kcxx: misc device read must be 'kcxx::Result<void> read(kcxx::File &, "
		      "kcxx::UserSliceWriter &, kcxx::i64 &pos) const': file operations run "
		      "concurrently on one open file, so they are const (state that changes goes "
		      "behind a lock)");
	static_assert(!NamesWrite<T> || HasWrite<T>,
		      "kcxx: misc device write must be 'kcxx::Result<void> write(kcxx::File &, "
		      "kcxx::UserSliceReader &, kcxx::i64 &pos) const': file operations run "
		      "concurrently on one open file, so they are const (state that changes goes "
		      "behind a lock)");
	static_assert(!NamesIoctl<T> || HasIoctl<T>,
		      "kcxx: misc device ioctl must be 'kcxx::Result<long> ioctl(kcxx::File &, "
		      "kcxx::ioctl::Request) const': file operations run concurrently on one open "
		      "file, so they are const (state that changes goes behind a lock)");
	static_assert(!NamesPoll<T> || HasPoll<T>,
		      "kcxx: misc device poll must be 'kcxx::PollMask poll(kcxx::File &, "
		      "kcxx::PollTable &) const'");
	static_assert(!NamesLlseek<T> || HasLlseek<T>,
		      "kcxx: misc device llseek must be 'kcxx::Result<kcxx::i64> llseek(kcxx::File &, "
		      "kcxx::i64 offset, kcxx::Whence) const'");
	return true;
}

/// What file->private_data points to while a file is open.
///
/// INVARIANT: registration is the device the file was opened on; it stays
/// alive until this block is released (Registration waits for that).
template <typename T> struct FileState {
	/// What open() returned: the T, or the Box it built the T in.
	using Held = std::conditional_t<OpensBoxed<T>, Box<T>, T>;
	Held held;
	Registration<T> *registration;

	FileState(Held &&opened, Registration<T> *owner) : held(std::move(opened)), registration(owner) {}

	const T &object() const
	{
		if constexpr (OpensBoxed<T>)
			return *held;
		else
			return held;
	}
};

/// One pointer-sized slot of struct file_operations (kcxx/kernel_layout.h).
union FopsSlot {
	const void *unused;
	bindings::module *owner;
	bindings::kcxx_loff_t (*llseek)(bindings::file *, bindings::kcxx_loff_t, int);
	bindings::kcxx_ssize_t (*read)(bindings::file *, char *, unsigned long, bindings::kcxx_loff_t *);
	bindings::kcxx_ssize_t (*write)(bindings::file *, const char *, unsigned long,
					 bindings::kcxx_loff_t *);
	bindings::kcxx_poll_t (*poll)(bindings::file *, bindings::poll_table_struct *);
	long (*ioctl)(bindings::file *, unsigned int, unsigned long);
	int (*open)(bindings::inode *, bindings::file *);
};

using FopsTable = kcxx::detail::OpsTable<FopsSlot, KCXX_SIZEOF_file_operations, KCXX_ALIGNOF_file_operations>;
static_assert(sizeof(FopsTable) == KCXX_SIZEOF_file_operations);

/// The C-ABI entry points the kernel calls for files of a T device.
///
/// INVARIANT: none of its own (static functions); each relies on the VFS
/// calling it only between a successful open and the release of the file,
/// when private_data holds that file's FileState<T>.
template <typename T> struct Operations {
	using State = FileState<T>;

	static State &state(bindings::file *file)
	{
		static_assert(!OpensArc<T>);
		// SAFETY: after a successful open, private_data holds the
		// FileState that open() created, until release frees it;
		// the VFS calls no other operation outside that window.
		return *static_cast<State *>(FileAccess::private_data(file));
	}

	/// The T of an open file, for its operations.
	[[gnu::always_inline]] static const T &object(bindings::file *file)
	{
		if constexpr (OpensArc<T>)
			// SAFETY: after a successful open, private_data is
			// the non-null into_raw() pointer of the Arc<T> that
			// open() returned, whose reference release gives
			// back; the VFS calls no other operation outside that
			// window.
			return *kcxx::detail::ArcBorrowAccess::borrow_raw<T>(FileAccess::private_data(file));
		else
			return state(file).object();
	}

	static int open(bindings::inode *inode, bindings::file *raw)
	{
		// misc_open() put our struct miscdevice in private_data
		// before calling this (drivers/char/misc.c).
		auto *misc = static_cast<bindings::miscdevice *>(FileAccess::private_data(raw));
		Registration<T> *registration = Registration<T>::from_misc(misc);
		if constexpr (!HasLlseek<T> && seek_policy<T>() == Seek::none) {
			// SAFETY: the inode and file of this open call.
			int err = bindings::nonseekable_open(inode, raw);
			if (err)
				return err;
		}
		File file = FileAccess::make(raw);
		// Result<T>, Result<Box<T>> or Result<Arc<T>> (OpensAs).
		auto opened = [&] {
			if constexpr (OpensWithSharedRef<T>)
				return T::open(SharedRef<Shared<T>>(registration->shared(), &registration->references_),
					       file);
			else if constexpr (DeclaresShared<T>)
				return T::open(registration->shared(), file);
			else
				return T::open(file);
		}();
		if (opened.is_error())
			return opened.error().to_errno();
		if constexpr (OpensArc<T>) {
			const T *held = std::move(opened).value().into_raw();
			if (!held) [[unlikely]] {
				warn("kcxx: a misc device's open() returned an empty (moved-from) Arc");
				return code::EINVAL.to_errno();
			}
			FileAccess::private_data(raw) = const_cast<T *>(held);
		} else {
			auto state = Box<State>::try_new(GFP_KERNEL, std::move(opened).value(), registration);
			if (state.is_error())
				return state.error().to_errno();
			if constexpr (CountsFiles<T>)
				registration->file_opened();
			FileAccess::private_data(raw) = std::move(state).value().into_raw();
		}
		return 0;
	}

	static int release(bindings::inode *, bindings::file *raw)
	{
		if constexpr (OpensArc<T>) {
			// SAFETY: private_data holds the reference open() took
			// (object()); it is given back exactly once, here.
			(void)Arc<T>::from_raw(static_cast<const T *>(FileAccess::private_data(raw)));
		} else {
			Registration<T> *registration;
			{
				Box<State> owned = Box<State>::from_raw(&state(raw));
				registration = owned->registration;
			} // T is destroyed before the registration may go.
			if constexpr (CountsFiles<T>)
				registration->file_released();
		}
		return 0;
	}

	static bindings::kcxx_ssize_t read(bindings::file *raw, char *buffer, unsigned long count,
					   bindings::kcxx_loff_t *ppos)
	{
		const T &object = Operations::object(raw);
		File file = FileAccess::make(raw);
		UserSliceWriter out = UserSlice(buffer, count).writer();
		i64 stream_position = 0;
		Result<void> result = object.read(file, out, ppos ? *ppos : stream_position);
		if (result.is_error())
			return result.error().to_errno();
		return static_cast<long>(count - out.len());
	}

	static bindings::kcxx_ssize_t write(bindings::file *raw, const char *buffer, unsigned long count,
					    bindings::kcxx_loff_t *ppos)
	{
		const T &object = Operations::object(raw);
		File file = FileAccess::make(raw);
		UserSliceReader in = UserSlice(buffer, count).reader();
		i64 stream_position = 0;
		Result<void> result = object.write(file, in, ppos ? *ppos : stream_position);
		if (result.is_error())
			return result.error().to_errno();
		return static_cast<long>(count - in.len());
	}

	static long unlocked_ioctl(bindings::file *raw, unsigned int command, unsigned long argument)
	{
		const T &object = Operations::object(raw);
		File file = FileAccess::make(raw);
		// The handler's Result is a temporary, not a named variable: GCC
		// 12 keeps the -ftrivial-auto-var-init zeroing of a named one
		// (two stores on every call) even once it has split the Result
		// into registers (bench/README.md, edu).
		return ioctl_return(object.ioctl(file, ioctl::Request(command, argument)));
	}

	[[gnu::always_inline]] static long ioctl_return(Result<long> &&result)
	{
		if (result.is_error())
			return result.error().to_errno();
		if (result.value() < 0) [[unlikely]] {
			warn("kcxx: an ioctl handler returned a negative value as success");
			return code::EINVAL.to_errno();
		}
		return result.value();
	}

	static bindings::kcxx_poll_t poll(bindings::file *raw, bindings::poll_table_struct *table)
	{
		const T &object = Operations::object(raw);
		File file = FileAccess::make(raw);
		PollTable poll_table = kcxx::detail::PollTableAccess::make(raw, table);
		return object.poll(file, poll_table).bits();
	}

	static bindings::kcxx_loff_t llseek(bindings::file *raw, bindings::kcxx_loff_t offset, int whence)
	{
		const T &object = Operations::object(raw);
		File file = FileAccess::make(raw);
		Result<i64> result = object.llseek(file, offset, static_cast<Whence>(whence));
		if (result.is_error())
			return result.error().to_errno();
		return result.value();
	}

	static consteval FopsTable make_table()
	{
		FopsTable table{};
		table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_owner)].owner = &bindings::__this_module;
		table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_open)].open = &open;
		table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_release)].open = &release;
		if constexpr (HasLlseek<T>)
			table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_llseek)].llseek = &llseek;
		else
			// With Seek::none, nonseekable_open() clears
			// FMODE_LSEEK and the VFS never calls it.
			table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_llseek)].llseek = &bindings::noop_llseek;
		if constexpr (HasRead<T>)
			table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_read)].read = &read;
		if constexpr (HasWrite<T>)
			table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_write)].write = &write;
		if constexpr (HasPoll<T>)
			table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_poll)].poll = &poll;
		if constexpr (HasIoctl<T>) {
			table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_unlocked_ioctl)].ioctl = &unlocked_ioctl;
			table.slots[FopsTable::slot(KCXX_OFFSETOF_fops_compat_ioctl)].ioctl = &bindings::compat_ptr_ioctl;
		}
		return table;
	}

	static_assert(check_driver_type<T>());
};

/// The file_operations of T: constant-initialized, in .rodata.
template <typename T> inline constexpr FopsTable fops_table = Operations<T>::make_table();

/// The registration's struct miscdevice and the way back to its owner.
/// Standard layout, 'misc' first: a struct miscdevice * from the kernel is
/// a MiscNode *.
///
/// INVARIANT: owner is the Registration<T> that contains this node.
struct MiscNode {
	bindings::miscdevice misc;
	void *owner;
};
static_assert(std::is_standard_layout_v<MiscNode>);

} // namespace detail

/// A registered misc device whose open files are T objects.  Not movable:
/// the kernel links its struct miscdevice into the misc list; try_new()
/// builds it in place in a Box.
///
/// INVARIANT: while registered_, node_.misc is in the kernel's misc list
/// with name_ and fops_table<T>; references_ counts the files open on
/// it whose FileState points here (detail::CountsFiles) and every
/// SharedRef to shared_; the destructor deregisters and then waits for
/// references_ to reach 0 before anything is freed.
template <typename T> class Registration {
	struct Token {};

public:
	/// What the registration shares with its open files: the driver's data and
	/// the bookkeeping that keeps it alive until the last file is released.
	using SharedData = detail::Shared<T>;
	/// The longest device name, in bytes.
	static constexpr unsigned long max_name = 64;

	/// Registers /dev/<options.name>; 'args' construct the shared data in
	/// place.  -EINVAL for an empty or too long name; the kernel's errors
	/// (-EBUSY, -EEXIST, ...) as they are.
	template <typename... Args>
	[[nodiscard]] static Result<Box<Registration>> try_new(Gfp flags, const Options &options,
								Args &&...args)
	{
		static_assert(detail::check_driver_type<T>());
		if (!options.name || !options.name[0])
			return code::EINVAL;
		unsigned long length = 0;
		while (options.name[length])
			if (++length >= max_name)
				return code::EINVAL;
		auto registration =
			TRY(Box<Registration>::try_new(flags, Token{}, options, std::forward<Args>(args)...));
		TRY(registration->register_device());
		return registration;
	}

	/// Built only by try_new() (Token is private).
	template <typename... Args>
	Registration(Token, const Options &options, Args &&...args)
		: shared_(std::forward<Args>(args)...)
	{
		unsigned long i = 0;
		for (; options.name[i] && i + 1 < max_name; ++i)
			name_[i] = options.name[i];
		name_[i] = '\0';
		node_.misc.minor = KCXX_MISC_DYNAMIC_MINOR;
		node_.misc.name = name_;
		node_.misc.fops = reinterpret_cast<const bindings::file_operations *>(
			&detail::fops_table<T>);
		node_.misc.mode = options.mode;
		node_.owner = this;
	}

	Registration(const Registration &) = delete;
	Registration &operator=(const Registration &) = delete;

	~Registration()
	{
		if (!registered_)
			return;
		// SAFETY: registered by register_device() (INVARIANT).
		// Afterwards no open can start, and none is in flight: both
		// misc_open() and misc_deregister() hold misc_mtx.
		bindings::misc_deregister(&node_.misc);
		if (__atomic_load_n(&references_, __ATOMIC_ACQUIRE) != 0)
			// SAFETY: waits on the address of our own counter,
			// which the last release or SharedRef decrements to 0
			// and wakes.
			bindings::kcxx_helper_wait_var_zero(&references_);
	}

	/// The data every open file of this device shares.
	[[nodiscard]] SharedData &shared() { return shared_; }

	/// The minor number the kernel assigned.
	[[nodiscard]] int minor() const { return node_.misc.minor; }
	/// The device name (/dev/\<name\>).
	[[nodiscard]] const char *name() const { return name_; }
	/// The device the misc core created (/sys/class/misc/\<name\>), for
	/// dev_info() and friends: valid as long as this registration.
	[[nodiscard]] Device &device() const
	{
		// SAFETY: misc_register() succeeded (try_new() returns only
		// registered objects) and set this_device, which lives until
		// misc_deregister() in our destructor.
		return Device::from_raw(static_cast<bindings::device *>(node_.misc.this_device));
	}

private:
	friend struct detail::Operations<T>;

	static Registration *from_misc(bindings::miscdevice *misc)
	{
		// SAFETY: the misc core hands our fops only the miscdevice
		// we registered with them, which is node_.misc of a live
		// Registration (it deregisters before it dies), the first
		// member of the standard-layout MiscNode.
		return static_cast<Registration *>(reinterpret_cast<detail::MiscNode *>(misc)->owner);
	}

	Result<void> register_device()
	{
		// SAFETY: node_.misc is fully initialized, lives in this
		// Box-pinned object until the destructor deregisters it, and
		// its name and fops table outlive it.
		int err = bindings::misc_register(&node_.misc);
		if (err)
			return Error::from_errno(err);
		registered_ = true;
		return {};
	}

	/// Called under misc_mtx (inside misc_open()).
	void file_opened() { __atomic_add_fetch(&references_, 1, __ATOMIC_RELAXED); }

	void file_released()
	{
		if (__atomic_sub_fetch(&references_, 1, __ATOMIC_SEQ_CST) == 0)
			// SAFETY: wake_up_var() only hashes the address to
			// find waiters; it does not touch the counter, so it is
			// fine if the waiter has already seen 0 and gone on.
			bindings::wake_up_var(&references_);
	}

	detail::MiscNode node_{};
	char name_[max_name] = {};
	int references_ = 0;
	bool registered_ = false;
	SharedData shared_;
};

} // namespace kcxx::miscdevice
