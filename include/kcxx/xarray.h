// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::XArray<T>: a sparse array of owned objects (Box<T>) indexed by an
/// unsigned long, on the kernel's XArray (include/linux/xarray.h).
///
///     kcxx::XArray<Page> pages;
///     TRY(pages.store(index, TRY(kcxx::Box<Page>::try_new(GFP_NOIO)), GFP_NOIO));
///     if (Page *p = pages.get(index)) ...      // borrowed
///     kcxx::Option<kcxx::Box<Page>> old = pages.remove(index);
///     // ~XArray frees every object left in it
///
/// The XArray owns what is stored in it: store() takes a Box and frees the
/// object it replaces, remove() gives the Box back, the destructor frees
/// the rest.  get() lends a pointer, valid until the entry is removed or
/// replaced: like the kernel's users, keep the XArray behind a lock that
/// every writer takes (e.g. Mutex<XArray<T>> or a member of locked data),
/// and use the pointer only while holding it.  Methods that change the
/// array are non-const, so that the lock guard is the way to them.
///
/// INVARIANT: xa_ is an initialised struct xarray whose every entry is a
/// pointer from Box<T>::into_raw(), owned by the array.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/option.h>
#include <kcxx/result.h>
#include <kcxx/sync/kernel_struct.h>

namespace kcxx {

/// A sparse array of owned objects (Box<T>) indexed by an unsigned long, on
/// the kernel's XArray (see kcxx/xarray.h).
template <typename T> class XArray {
public:
	XArray()
	{
		// SAFETY: xa_ is storage for a struct xarray at a fixed address.
		bindings::kcxx_helper_xa_init(xa_.get());
	}
	XArray(const XArray &) = delete;
	XArray &operator=(const XArray &) = delete;
	XArray(XArray &&) = delete;
	XArray &operator=(XArray &&) = delete;

	~XArray() { clear(); }

	/// The object at 'index', or null.
	[[nodiscard]] T *get(unsigned long index) const
	{
		// SAFETY: xa_ is initialised; entries are T objects (INVARIANT).
		return static_cast<T *>(bindings::xa_load(xa_.get(), index));
	}

	/// Stores 'value' at 'index', freeing what was there.  -ENOMEM (or
	/// -EINVAL) when the array cannot grow: 'value' is freed then.
	[[nodiscard]] Result<void> store(unsigned long index, Box<T> value, Gfp flags)
	{
		T *raw = std::move(value).into_raw();
		// SAFETY: xa_ is initialised; raw is an owned object that the
		// array owns from now on (or gives back on error).
		void *old = bindings::xa_store(xa_.get(), index, raw, flags.bits());
		if (int err = error_of(old)) {
			(void)Box<T>::from_raw(raw);
			return Error::from_errno(err);
		}
		if (old)
			(void)Box<T>::from_raw(static_cast<T *>(old));
		return {};
	}

	/// Takes the object at 'index' out of the array.
	[[nodiscard]] Option<Box<T>> remove(unsigned long index)
	{
		// SAFETY: xa_ is initialised; the entry was owned by the array.
		void *old = bindings::xa_erase(xa_.get(), index);
		if (!old)
			return none;
		return Box<T>::from_raw(static_cast<T *>(old));
	}

	/// Frees every object.
	void clear()
	{
		unsigned long index = 0;
		// SAFETY: xa_ is initialised; xa_find() returns present entries
		// from 'index' on and updates it.
		while (void *entry = bindings::xa_find(xa_.get(), &index, ~0UL, KCXX_XA_PRESENT)) {
			(void)bindings::xa_erase(xa_.get(), index);
			(void)Box<T>::from_raw(static_cast<T *>(entry));
		}
		// SAFETY: empty now; frees the internal nodes.
		bindings::xa_destroy(xa_.get());
	}

private:
	/// xa_err(): an XArray error entry is an internal entry (low bits 10)
	/// at or above xa_mk_internal(-MAX_ERRNO); its errno is entry >> 2.
	static int error_of(void *entry)
	{
		const long value = reinterpret_cast<long>(entry);
		if ((value & 3) == 2 && static_cast<unsigned long>(value) >=
						  static_cast<unsigned long>((-static_cast<long>(KCXX_MAX_ERRNO) << 2) | 2))
			return static_cast<int>(value >> 2);
		return 0;
	}

	kcxx::detail::KernelStruct<bindings::xarray, KCXX_SIZEOF_xarray, KCXX_ALIGNOF_xarray> xa_;
};

} // namespace kcxx
