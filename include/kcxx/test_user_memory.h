// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::test::UserMemory: anonymous user memory in the current process, for
/// in-kernel tests of user-memory access (kcxx/uaccess.h).
///
/// A test module's suites run in its init function, in the context of the
/// process that loads it (insmod), which has a user address space (on a
/// KUnit kernel each case runs in a kthread to which KUnit attaches one): a test
/// maps pages there, copies to and from them through UserSlice exactly as a
/// file operation would, and unmaps them (or part of them, to test faults).
///
///     auto mem = KCXX_ASSERT_TRY(t, test::UserMemory::map(2, test::UserMemory::read_write));
///     UserSlice(mem.address(), 8).writer().write(u64{42});
///     mem.unmap_page(1);     // the second page now faults: -EFAULT
#pragma once

#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/uaccess.h>

namespace kcxx::test {

/// INVARIANT: [address_, address_ + pages_ * PAGE_SIZE) was mapped by map()
/// in the current process, except the pages unmap_page() removed; it is
/// unmapped when the object dies (pages_ == 0 after a move).
class UserMemory {
public:
	/// Protection for map(): pages user space may only read.
	static constexpr unsigned long read_only = KCXX_PROT_READ;
	/// Protection for map(): pages user space may read and write.
	static constexpr unsigned long read_write = KCXX_PROT_READ | KCXX_PROT_WRITE;
	/// Protection for map(): pages user space may not touch (every access faults).
	static constexpr unsigned long no_access = KCXX_PROT_NONE;

	/// Maps 'pages' zeroed anonymous pages with protection 'prot'.
	static Result<UserMemory> map(unsigned long pages, unsigned long prot)
	{
		// SAFETY: an anonymous private mapping of the current process
		// at an address the kernel chooses: it touches no existing
		// mapping.  Module init runs in the loading process (insmod),
		// which has an mm; a KUnit case gets one from KUnit.
		unsigned long address =
			bindings::kcxx_helper_vm_mmap_anonymous(pages * KCXX_PAGE_SIZE, prot);
		if (address >= static_cast<unsigned long>(-KCXX_MAX_ERRNO))
			return Error::from_errno(static_cast<int>(static_cast<long>(address)));
		return UserMemory(address, pages);
	}

	/// Takes over other's pages; other is left empty.
	UserMemory(UserMemory &&other)
		: address_(other.address_), pages_(std::exchange(other.pages_, 0))
	{
	}
	UserMemory(const UserMemory &) = delete;
	UserMemory &operator=(const UserMemory &) = delete;
	UserMemory &operator=(UserMemory &&) = delete;

	~UserMemory()
	{
		if (pages_)
			// SAFETY: the range this object mapped (INVARIANT);
			// unmapping a hole that unmap_page() made is a no-op.
			(void)bindings::vm_munmap(address_, pages_ * KCXX_PAGE_SIZE);
	}

	/// The first byte of the mapping.
	[[nodiscard]] UserAddress address() const { return UserAddress(address_); }
	/// The first byte of page 'index' of the mapping.
	[[nodiscard]] UserAddress page(unsigned long index) const
	{
		return UserAddress(address_ + index * KCXX_PAGE_SIZE);
	}
	/// The mapping's size in bytes.
	[[nodiscard]] unsigned long size() const { return pages_ * KCXX_PAGE_SIZE; }

	/// Unmaps page 'index': accesses to it fault from now on.
	Result<void> unmap_page(unsigned long index)
	{
		if (index >= pages_)
			return code::EINVAL;
		// SAFETY: one page of this object's own mapping.
		int err = bindings::vm_munmap(address_ + index * KCXX_PAGE_SIZE, KCXX_PAGE_SIZE);
		if (err)
			return Error::from_errno(err);
		return {};
	}

private:
	UserMemory(unsigned long address, unsigned long pages) : address_(address), pages_(pages) {}

	unsigned long address_;
	unsigned long pages_;
};

/// 'value', hidden from the optimizer: for tests of run-time checks that the
/// compiler would reject at compile time where it can prove them (reading
/// past the end of a UserSlice of constant length).
template <typename T> [[gnu::always_inline]] inline T opaque(T value)
{
	asm volatile("" : "+r"(value));
	return value;
}

} // namespace kcxx::test
