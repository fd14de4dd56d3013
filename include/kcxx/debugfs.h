// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::debugfs::Dir: a directory in debugfs and the files in it.
///
///     class Demo {
///     public:
///         kcxx::Result<void> trigger(const char *text, size_t len);  // process context
///     };
///     auto dir = TRY(kcxx::debugfs::Dir::try_create(kcxx::GFP_KERNEL, "demo"));
///     TRY(dir.create_write_file<&Demo::trigger>(kcxx::GFP_KERNEL, "trigger", 0200, demo));
///
/// 'echo 1 > /sys/kernel/debug/demo/trigger' then calls demo.trigger("1\\n", 2);
/// its error becomes write(2)'s.  Writes longer than kMaxWrite bytes fail
/// with EINVAL before the handler runs.
///
/// The Dir owns its files: dropping it removes the directory with everything
/// in it, waiting for file operations in progress to finish, and only then
/// frees the files' state.  Each handler object must outlive the Dir.
///
/// INVARIANT: dentry_ is null (moved from) or a debugfs directory this Dir
/// created and has not removed; files_ lists the trampolines of the files
/// created in it, each from Box::into_raw, each handed to debugfs.
#pragma once

#include <concepts>
#include <cstddef>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>

namespace kcxx::debugfs {

/// The longest write() a debugfs file of a Dir accepts, in bytes; longer
/// writes fail before the handler runs.
inline constexpr std::size_t kMaxWrite = KCXX_DEBUGFS_WRITE_MAX;

namespace detail {

/// An ERR_PTR() from debugfs, or the dentry.
inline Result<bindings::dentry *> check(bindings::dentry *d)
{
	unsigned long v = reinterpret_cast<unsigned long>(d);
	if (!d)
		return code::ENOMEM;
	if (v >= static_cast<unsigned long>(-KCXX_MAX_ERRNO))
		return Error::from_errno(static_cast<int>(static_cast<long>(v)));
	return d;
}

/// The handler debugfs calls; first member, so the C pointer converts back.
struct WriteTrampoline {
	bindings::kcxx_debugfs_write_handler handler;
	void *target;
	WriteTrampoline *next;
};
static_assert(__builtin_offsetof(WriteTrampoline, handler) == 0);

} // namespace detail

/// A directory in debugfs and the files in it; removed with everything in it
/// when the Dir is destroyed.
class Dir {
public:
	/// Creates /sys/kernel/debug/\<name\>.  EEXIST if it exists, ENODEV if
	/// debugfs is not available.
	[[nodiscard]] static Result<Dir> try_create(const char *name)
	{
		// SAFETY: name is NUL-terminated; a null parent is the root.
		return Dir(TRY(detail::check(bindings::debugfs_create_dir(name, nullptr))));
	}

	/// Creates a write-only file 'name' in this directory whose writes
	/// call (target.*Method)(text, len): text is the written bytes,
	/// NUL-terminated, len <= kMaxWrite.  'target' must outlive the Dir.
	template <auto Method, typename T>
	[[nodiscard]] Result<void> create_write_file(Gfp flags, const char *name, unsigned short mode,
						     T &target)
		requires requires(T &t, const char *s, std::size_t n) {
			{ (t.*Method)(s, n) } -> std::same_as<Result<void>>;
		}
	{
		if (!dentry_)
			return code::EINVAL;
		auto trampoline = TRY(Box<detail::WriteTrampoline>::try_new(
			flags, detail::WriteTrampoline{{&write<T, Method>}, &target, files_}));
		// SAFETY: the trampoline stays allocated until the directory
		// (and with it this file) is removed in ~Dir, and 'target'
		// outlives the Dir (the caller's contract); name is
		// NUL-terminated; dentry_ is a live directory (INVARIANT).
		bindings::dentry *file = TRY(detail::check(bindings::kcxx_helper_debugfs_create_write_file(
			name, mode, dentry_, &trampoline->handler)));
		(void)file; // removed with the directory
		files_ = std::move(trampoline).into_raw();
		return {};
	}

	/// Takes over other's directory and files; other is left empty.
	Dir(Dir &&other) : dentry_(other.dentry_), files_(other.files_)
	{
		other.dentry_ = nullptr;
		other.files_ = nullptr;
	}
	Dir(const Dir &) = delete;
	Dir &operator=(const Dir &) = delete;
	Dir &operator=(Dir &&) = delete;

	~Dir()
	{
		if (dentry_) {
			// SAFETY: dentry_ is ours (INVARIANT); debugfs_remove()
			// removes the files in it and waits for their
			// operations in progress, so no trampoline is in use
			// afterwards.
			bindings::debugfs_remove(dentry_);
		}
		while (files_) {
			detail::WriteTrampoline *next = files_->next;
			// Takes back what create_write_file() gave debugfs.
			(void)Box<detail::WriteTrampoline>::from_raw(files_);
			files_ = next;
		}
	}

private:
	explicit Dir(bindings::dentry *dentry) : dentry_(dentry), files_(nullptr) {}

	template <typename T, auto Method>
	static int write(bindings::kcxx_debugfs_write_handler *handler, const char *text,
			 bindings::kcxx_size_t len)
	{
		// handler is the first member of a WriteTrampoline (see above).
		auto *trampoline = reinterpret_cast<detail::WriteTrampoline *>(handler);
		T &target = *static_cast<T *>(trampoline->target);
		Result<void> result = (target.*Method)(text, len);
		return result.to_errno();
	}

	bindings::dentry *dentry_;
	detail::WriteTrampoline *files_;
};

} // namespace kcxx::debugfs
