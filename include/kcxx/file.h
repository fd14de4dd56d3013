// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::File: the open file a file operation runs on (a borrowed struct
/// file), and the lseek helpers with the kernel's semantics.
///
/// A driver never holds a struct file: the framework that calls its file
/// operations (kcxx/miscdevice.h) lends it a File for the duration of one
/// call.  What a driver may ask:
///
///     if (file.is_nonblocking()) return kcxx::code::EAGAIN;     // O_NONBLOCK
///     if (!file.is_writable()) return kcxx::code::EBADF;        // opened O_RDONLY
///     return file.seek(offset, whence, capacity, size);         // llseek
///
/// The per-open state the framework keeps in file->private_data is the
/// driver's own object, never reachable through File.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/kernel_layout.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx {

/// lseek's whence (include/uapi/linux/fs.h); the VFS rejects any other value
/// before it calls the driver.
enum class Whence : int {
	set = KCXX_SEEK_SET,
	current = KCXX_SEEK_CUR,
	end = KCXX_SEEK_END,
	data = KCXX_SEEK_DATA,
	hole = KCXX_SEEK_HOLE,
};

namespace detail {
struct FileAccess;
} // namespace detail

/// INVARIANT: file_ points to a struct file the VFS keeps alive for the whole
/// file operation this File was made for; a File never outlives that call
/// (not copyable, not movable, made only by the framework).
class File {
public:
	File(const File &) = delete;
	File &operator=(const File &) = delete;

	/// The open flags (f_flags).  fcntl(F_SETFL) may change some of them
	/// at any time, so this reads them once (READ_ONCE).
	[[nodiscard]] u32 flags() const
	{
		static_assert(KCXX_SIZEOF_file_f_flags == sizeof(u32));
		// SAFETY: f_flags is a field of the live struct file
		// (INVARIANT) at the offset the C compiler computed; it is
		// read atomically because fcntl() may store it concurrently.
		return __atomic_load_n(reinterpret_cast<const u32 *>(
					       reinterpret_cast<const char *>(file_) +
					       KCXX_OFFSETOF_file_f_flags),
				       __ATOMIC_RELAXED);
	}

	/// O_NONBLOCK: the caller does not want to wait.
	[[nodiscard]] bool is_nonblocking() const { return flags() & KCXX_O_NONBLOCK; }

	/// @{
	/// Opened for reading (O_RDONLY, O_RDWR: FMODE_READ) or writing
	/// (O_WRONLY, O_RDWR: FMODE_WRITE).  The VFS itself refuses a read()
	/// on a file not open for reading (EBADF), and a write() likewise; an
	/// ioctl or poll may ask.
	[[nodiscard]] bool is_readable() const { return mode() & KCXX_FMODE_READ; }
	[[nodiscard]] bool is_writable() const { return mode() & KCXX_FMODE_WRITE; }
	/// @}

	/// lseek over a file whose data ends at 'eof' and which may grow to
	/// 'max_size': the kernel's generic_file_llseek_size().  SEEK_SET/
	/// CUR/END move the position (-EINVAL if it would be negative or beyond
	/// max_size), SEEK_DATA/SEEK_HOLE treat [0, eof) as data (-ENXIO at or
	/// past eof).  Returns the new position.
	Result<i64> seek(i64 offset, Whence whence, i64 max_size, i64 eof) const
	{
		// SAFETY: the live struct file (INVARIANT); the function
		// updates f_pos under the file's own locking.
		return from_position(bindings::generic_file_llseek_size(
			file_, offset, static_cast<int>(whence), max_size, eof));
	}

	/// lseek within a file of exactly 'size' bytes: fixed_size_llseek().
	Result<i64> seek_fixed_size(i64 offset, Whence whence, i64 size) const
	{
		// SAFETY: as in seek().
		return from_position(
			bindings::fixed_size_llseek(file_, offset, static_cast<int>(whence), size));
	}

private:
	friend struct detail::FileAccess;
	explicit File(bindings::file *file) : file_(file) {}

	/// f_mode: set at open and not changed afterwards for a file a driver
	/// sees (only open paths and a few file systems set bits in it).
	[[nodiscard]] u32 mode() const
	{
		static_assert(KCXX_SIZEOF_file_f_mode == sizeof(u32));
		// SAFETY: f_mode is a field of the live struct file
		// (INVARIANT) at the offset the C compiler computed.
		return *reinterpret_cast<const u32 *>(reinterpret_cast<const char *>(file_) +
						      KCXX_OFFSETOF_file_f_mode);
	}

	static Result<i64> from_position(long long position)
	{
		if (position < 0)
			return Error::from_errno(static_cast<int>(position));
		return position;
	}

	bindings::file *file_;
};

namespace detail {

/// The frameworks' (not the drivers') access to struct file.
///
/// INVARIANT: none (static functions only); callers pass a struct file the
/// VFS keeps alive for the current file operation.
struct FileAccess {
	static File make(bindings::file *file) { return File(file); }
	static bindings::file *raw(const File &file) { return file.file_; }

	/// file->private_data, at the offset the C compiler computed.
	static void *&private_data(bindings::file *file)
	{
		// SAFETY: private_data is a 'void *' field of the live struct
		// file at KCXX_OFFSETOF_file_private_data; the file's owner
		// (misc_open(), then the framework) is the only writer.
		return kernel_field<void *>(file, KCXX_OFFSETOF_file_private_data);
	}
};

} // namespace detail
} // namespace kcxx
