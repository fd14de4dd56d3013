// SPDX-License-Identifier: GPL-2.0
/// \file
/// Access to user-space memory: user pointers that cannot be dereferenced,
/// and UserSlice, which splits into a reader and a writer (as Rust-for-Linux's
/// kernel::uaccess).
///
///     // read(2): copy up to 'count' bytes of the device to user space
///     kcxx::UserSliceWriter out = kcxx::UserSlice(buf, count).writer();
///     TRY(out.write_slice(bytes));              // -EFAULT if it does not fit
///
///     // an ioctl argument: a struct that user space passes by pointer
///     kcxx::UserSliceReader in = kcxx::UserSlice(kcxx::UserPtr<Config>(arg)).reader();
///     Config config = TRY(in.read<Config>());   // one copy, then it is ours
///
/// What it guarantees:
///  - A user address is a number, never a pointer: UserAddress and UserPtr<T>
///    have no dereference (a compile error says why), so a stray access to
///    user memory (SMAP fault, or worse: a kernel address from user space)
///    cannot be written.  Every access is a _copy_{from,to}_user() call, which
///    checks the range (access_ok) and handles faults: a bad address is
///    -EFAULT, never an oops.
///  - Every copy is checked against what remains of the slice (-EFAULT when
///    it does not fit, as Rust does), and against the kernel object it copies
///    into or out of (the compile-time object size check of the kernel's
///    copy_{from,to}_user(), and hardened usercopy when the kernel has it).
///  - Each user byte is read at most once: the reader only moves forward,
///    cannot be copied, and a UserSlice gives out one reader (reader() needs
///    an rvalue: std::move(slice).reader()).  A driver that needs a value
///    twice keeps its copy; it cannot fetch the bytes again after validating
///    them (no double fetch, no TOCTOU).
///  - Only types for which every bit pattern is valid are read from user
///    space (no bool, enum or pointer: FromUser), and only types without
///    padding bytes are written to it (no kernel stack or heap contents leak
///    through padding: ToUser).  Class types are checked as far as C++20 can
///    see: trivially copyable, no padding for ToUser; their members' types
///    are the author's responsibility, as a Rust FromBytes derive would be.
///
/// The copy functions are always inlined, as the kernel's copy_{from,to}_user
/// are, so the compiler sees the kernel object a copy targets and its size.
///
/// A failed copy reports -EFAULT and does not advance: a driver returns the
/// error (what a kernel developer expects from read(2), write(2), ioctl(2)).
///
/// Reading or writing past the end of a slice is checked at run time
/// (-EFAULT), and at compile time wherever the compiler can prove it, as the
/// kernel's FORTIFY_SOURCE does: a fixed-size read from a slice of known
/// length that cannot fit (a u64 from a UserPtr<u32> slice) does not build.
#pragma once

#include <type_traits>
#include <utility>

#if defined(__x86_64__)
#include <kcxx/arch/x86/uaccess.h>
#elif defined(__aarch64__)
#include <kcxx/arch/arm64/uaccess.h>
#elif defined(__riscv) && __riscv_xlen == 64
#include <kcxx/arch/riscv/uaccess.h>
#else
#error "kcxx/uaccess.h: no get_user()/put_user() for this architecture (kcxx/arch/<arch>/uaccess.h)"
#endif
#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

namespace kcxx {

namespace uaccess_detail {

template <typename> inline constexpr bool always_false = false;

/// Reached only when the compiler proves a copy overflows a kernel object of
/// known size: the kernel's __bad_copy_{from,to}() in C++.
[[gnu::error("kcxx: copy destination size is too small")]] void bad_copy_to();
[[gnu::error("kcxx: copy source size is too small")]] void bad_copy_from();

/// Reached only when the compiler proves that a read or write needs more
/// bytes than the slice has left (FORTIFY_SOURCE style: __builtin_constant_p
/// after inlining).  Otherwise the check is at run time: -EFAULT.
[[gnu::error("kcxx: reading past the end of a UserSlice: the compiler proved that fewer bytes "
	     "remain than this read needs (at run time it would fail with -EFAULT)")]] void
read_past_end();
[[gnu::error("kcxx: writing past the end of a UserSlice: the compiler proved that less room "
	     "remains than this write needs (at run time it would fail with -EFAULT)")]] void
write_past_end();

inline constexpr unsigned long int_max = 0x7fffffffUL;

/// What check_copy_size() (include/linux/thread_info.h) does before every
/// copy_{from,to}_user(): the copy must fit the kernel object when its size
/// is known, may not exceed INT_MAX, and goes through hardened usercopy
/// (__check_object_size, for sizes not known at compile time).
[[gnu::always_inline]] inline bool check_copy_size(const void *object, unsigned long n,
						   bool is_source)
{
	const unsigned long size = __builtin_object_size(object, 0);
	if (size != static_cast<unsigned long>(-1) && size < n) [[unlikely]] {
		if (!__builtin_constant_p(n))
			// SAFETY: only reports (WARN) the overflow; nothing
			// is copied.
			bindings::__copy_overflow(static_cast<int>(size), n);
		else if (is_source)
			bad_copy_from();
		else
			bad_copy_to();
		return false;
	}
	if (n > int_max) [[unlikely]]
		return false;
	if constexpr (KCXX_CONFIG_HARDENED_USERCOPY) {
		if (!__builtin_constant_p(n))
			// SAFETY: object..object+n is the kernel memory the
			// caller is about to copy; the function only inspects
			// which slab/stack/text object it lies in and BUGs on
			// a span that crosses object bounds.
			bindings::__check_object_size(object, n, is_source);
	}
	return true;
}

/// Copies n bytes from user address 'from' to kernel memory 'to'.  True if
/// all n bytes were copied.
[[gnu::always_inline]] inline bool copy_from_user(void *to, unsigned long from, unsigned long n)
{
	if (!check_copy_size(to, n, false))
		return false;
	// SAFETY: 'to' is n bytes of kernel memory the caller owns (checked
	// above where the compiler can see it); 'from' is an untrusted user
	// address, which _copy_from_user checks with access_ok() and reads
	// with fault handling.  On a fault it zeroes the rest of 'to' and
	// reports the bytes left, so 'to' is never left uninitialized.
	return bindings::_copy_from_user(to, reinterpret_cast<const void *>(from), n) == 0;
}

/// Copies n bytes of kernel memory 'from' to user address 'to'.
[[gnu::always_inline]] inline bool copy_to_user(unsigned long to, const void *from, unsigned long n)
{
	if (!check_copy_size(from, n, true))
		return false;
	// SAFETY: 'from' is n readable bytes of kernel memory (checked
	// above); 'to' is an untrusted user address, checked by
	// _copy_to_user with access_ok() and written with fault handling.
	return bindings::_copy_to_user(reinterpret_cast<void *>(to), from, n) == 0;
}

/// A scalar of 1, 2, 4 or 8 bytes: one get_user()/put_user() (a single
/// access with fault handling) instead of a general copy, as C does for
/// scalar arguments.
template <typename T> concept SingleAccess = std::is_integral_v<T> &&
	(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);

/// get_user(): true if the value was read.  One access with fault
/// handling, as the architecture's get_user() (kcxx/arch/ARCH/uaccess.h).
template <SingleAccess T> [[gnu::always_inline]] inline bool get_user(T &value, unsigned long from)
{
	// SAFETY: 'from' is an untrusted user address; the architecture's
	// get_user() checks it against the user address limit and reads it
	// with fault handling, and 'value' is written only on success.
	return kcxx::detail::arch::get_user<T>(value, from);
}

/// put_user(): true if the value was written.
template <SingleAccess T> [[gnu::always_inline]] inline bool put_user(T value, unsigned long to)
{
	// SAFETY: 'to' is an untrusted user address; the architecture's
	// put_user() checks it and writes it with fault handling.
	return kcxx::detail::arch::put_user<T>(value, to);
}

template <typename T> struct ElementOf {
	using type = T;
};
template <typename T, unsigned long N> struct ElementOf<T[N]> {
	using type = typename ElementOf<T>::type;
};

} // namespace uaccess_detail

/// A type that may be filled from user-controlled bytes: every bit pattern
/// must be a valid value.  bool, enums and pointers have invalid (or, for
/// pointers, dangerous) values and are refused; so are arrays of them.
template <typename T> concept FromUser = std::is_trivially_copyable_v<T> &&
	!std::is_const_v<T> && !std::is_volatile_v<T> &&
	!std::is_same_v<std::remove_cv_t<typename uaccess_detail::ElementOf<T>::type>, bool> &&
	!std::is_enum_v<typename uaccess_detail::ElementOf<T>::type> &&
	!std::is_pointer_v<typename uaccess_detail::ElementOf<T>::type> &&
	!std::is_member_pointer_v<typename uaccess_detail::ElementOf<T>::type> &&
	!std::is_null_pointer_v<typename uaccess_detail::ElementOf<T>::type>;

/// A type that may be copied to user space as it is: no padding bytes (they
/// would carry stale kernel memory to user space) and no pointers (a kernel
/// address defeats KASLR).
template <typename T> concept ToUser = std::is_trivially_copyable_v<std::remove_cv_t<T>> &&
	std::has_unique_object_representations_v<std::remove_cv_t<T>> &&
	!std::is_pointer_v<typename uaccess_detail::ElementOf<std::remove_cv_t<T>>::type>;

/// A contiguous run of objects a copy can target: anything with data() and
/// size() (kcxx's containers and spans), or a built-in array.
template <typename R> concept ContiguousObjects = requires(R &range) {
	{ range.data() } -> std::convertible_to<const volatile void *>;
	{ range.size() } -> std::convertible_to<unsigned long>;
	requires std::is_pointer_v<decltype(range.data())>;
};

/// A user-space address.  It is only a number: it has no dereference, and
/// nothing in kcxx turns it into a C++ pointer except the copy functions,
/// which check and fault-handle every access.
///
/// INVARIANT: none on the value: any number is a valid UserAddress, because
/// nothing trusts it.
class UserAddress {
public:
	constexpr UserAddress() = default;
	/// The user address 'value'.
	explicit constexpr UserAddress(unsigned long value) : value_(value) {}
	/// A 'char __user *' from a file operation (read/write buffers).
	explicit UserAddress(const volatile void *user_pointer)
		: value_(reinterpret_cast<unsigned long>(user_pointer))
	{
	}

	/// The address as a number.
	[[nodiscard]] constexpr unsigned long value() const { return value_; }
	/// Whether the address is 0.
	[[nodiscard]] constexpr bool is_null() const { return value_ == 0; }

	/// The address 'bytes' further on (wrapping, like pointer arithmetic
	/// on user addresses in C; the copy functions check the result).
	[[nodiscard]] constexpr UserAddress offset(unsigned long bytes) const
	{
		return UserAddress(value_ + bytes);
	}

	/// Equal when the addresses are.
	friend constexpr bool operator==(UserAddress, UserAddress) = default;

	/// A user address is not a kernel pointer.
	template <typename U = void> void operator*() const
	{
		static_assert(uaccess_detail::always_false<U>,
			      "kcxx: a user address cannot be dereferenced: copy the bytes with "
			      "kcxx::UserSlice (reader()/writer()), which checks the address and "
			      "handles faults");
	}

private:
	unsigned long value_ = 0;
};

/// A typed user-space pointer (a 'T __user *'): documents what the user
/// memory holds, and cannot be dereferenced.
///
/// INVARIANT: as UserAddress: none on the value.
template <typename T> class UserPtr {
public:
	/// The type pointed to.
	using ElementType = T;

	constexpr UserPtr() = default;
	/// A pointer to T at 'address'.
	explicit constexpr UserPtr(UserAddress address) : address_(address) {}
	/// The ioctl argument, or any other address user space passed as a
	/// number.
	explicit constexpr UserPtr(unsigned long address) : address_(address) {}

	/// The address.
	[[nodiscard]] constexpr UserAddress address() const { return address_; }
	/// Whether the address is 0.
	[[nodiscard]] constexpr bool is_null() const { return address_.is_null(); }

	/// The pointer 'count' elements further on (wrapping).
	[[nodiscard]] constexpr UserPtr offset(unsigned long count) const
	{
		return UserPtr(address_.offset(count * sizeof(T)));
	}

	/// Equal when the addresses are.
	friend constexpr bool operator==(UserPtr, UserPtr) = default;

	/// @{
	/// The three ways C dereferences a pointer, each refused with the
	/// reason.  (Templates, so the error names the line that uses them.)
	template <typename U = T> U &operator*() const
	{
		static_assert(uaccess_detail::always_false<U>,
			      "kcxx: a user pointer cannot be dereferenced: user memory is read and "
			      "written only through kcxx::UserSlice(ptr).reader()/writer(), which "
			      "checks the address and handles faults");
		return *static_cast<U *>(nullptr);
	}
	template <typename U = T> U *operator->() const
	{
		static_assert(uaccess_detail::always_false<U>,
			      "kcxx: a user pointer cannot be dereferenced: user memory is read and "
			      "written only through kcxx::UserSlice(ptr).reader()/writer(), which "
			      "checks the address and handles faults");
		return nullptr;
	}
	template <typename U = T> U &operator[](unsigned long) const
	{
		static_assert(uaccess_detail::always_false<U>,
			      "kcxx: a user pointer cannot be dereferenced: user memory is read and "
			      "written only through kcxx::UserSlice(ptr).reader()/writer(), which "
			      "checks the address and handles faults");
		return *static_cast<U *>(nullptr);
	}
	/// @}

private:
	UserAddress address_;
};

class UserSliceReader;
class UserSliceWriter;

/// A range of user memory: an address and a length in bytes.  It is turned
/// into exactly one reader or one writer, or one of each (reader_writer(),
/// for a buffer that is read and then written back, like an _IOWR ioctl).
///
/// INVARIANT: none on the values (user space chose them; every copy checks
/// them).  A moved-from UserSlice has length 0, so a reader made from it
/// again reads nothing.
class UserSlice {
public:
	/// The 'length' bytes at 'address'; nothing is checked until a copy is made.
	constexpr UserSlice(UserAddress address, unsigned long length)
		: address_(address), length_(length)
	{
	}
	/// The read(2)/write(2) buffer of a file operation.
	UserSlice(const volatile void *user_buffer, unsigned long length)
		: address_(user_buffer), length_(length)
	{
	}
	/// 'count' objects of type T at 'ptr' (the length saturates on
	/// overflow: such a slice can only fail its copies).
	template <typename T>
	explicit constexpr UserSlice(UserPtr<T> ptr, unsigned long count = 1)
		: address_(ptr.address()), length_(0)
	{
		if (__builtin_mul_overflow(count, sizeof(T), &length_))
			length_ = static_cast<unsigned long>(-1);
	}

	/// Takes over other's range; other is left empty (length 0).
	UserSlice(UserSlice &&other)
		: address_(other.address_), length_(std::exchange(other.length_, 0))
	{
	}
	UserSlice(const UserSlice &) = delete;
	UserSlice &operator=(const UserSlice &) = delete;
	UserSlice &operator=(UserSlice &&) = delete;

	/// The length in bytes.
	[[nodiscard]] constexpr unsigned long len() const { return length_; }
	/// Whether the length is 0.
	[[nodiscard]] constexpr bool is_empty() const { return length_ == 0; }
	/// The first address.
	[[nodiscard]] constexpr UserAddress address() const { return address_; }
	/// access_ok(): whether the whole range lies in user address space.
	/// Only a range check: a copy may still fault.  For a driver that must
	/// refuse a bad address before it starts work it cannot undo.
	[[nodiscard]] bool in_user_space() const
	{
		// SAFETY: a pure range comparison, no access.
		return bindings::kcxx_helper_access_ok(address_.value(), length_);
	}

	/// The reader of these bytes.  Consumes the slice.
	[[nodiscard]] UserSliceReader reader() &&;
	/// The writer of these bytes.  Consumes the slice.
	[[nodiscard]] UserSliceWriter writer() &&;
	struct ReaderWriter;
	/// One reader and one writer of the same bytes.  Consumes the slice.
	[[nodiscard]] ReaderWriter reader_writer() &&;

	/// @{
	/// reader()/writer() on a slice that stays usable would let a driver
	/// make a second reader of the same bytes and fetch them twice.
	template <typename U = void> UserSliceReader reader() &;
	template <typename U = void> UserSliceWriter writer() &;
	/// @}

private:
	UserAddress address_;
	unsigned long length_;
};

/// Reads a UserSlice front to back, each byte at most once.
///
/// INVARIANT: [address_, address_ + length_) is the part of the user range
/// not read yet; reads only move address_ forward.  Not copyable, so no two
/// readers cover the same bytes.
class UserSliceReader {
public:
	/// Takes over other's bytes; other is left empty.
	UserSliceReader(UserSliceReader &&other)
		: address_(other.address_), length_(std::exchange(other.length_, 0))
	{
	}
	UserSliceReader(const UserSliceReader &) = delete;
	UserSliceReader &operator=(const UserSliceReader &) = delete;
	UserSliceReader &operator=(UserSliceReader &&) = delete;

	/// The bytes left to read.
	[[nodiscard]] unsigned long len() const { return length_; }
	/// Whether no byte is left to read.
	[[nodiscard]] bool is_empty() const { return length_ == 0; }

	/// Skips n bytes without reading them; -EFAULT if fewer are left.
	Result<void> skip(unsigned long n)
	{
		if (n > length_)
			return code::EFAULT;
		advance(n);
		return {};
	}

	/// Reads one T (sizeof(T) bytes); -EFAULT if fewer are left or the
	/// address is bad.
	template <typename T> [[nodiscard, gnu::always_inline]] Result<T> read()
	{
		static_assert(FromUser<T>,
			      "kcxx: UserSliceReader::read<T>: T must accept every bit pattern user "
			      "space may send (trivially copyable; no bool, enum or pointer)");
		if (__builtin_constant_p(sizeof(T) > length_) && sizeof(T) > length_)
			uaccess_detail::read_past_end();
		if (sizeof(T) > length_)
			return code::EFAULT;
		// Every byte of 'value' is written by the copy (zeroed on a
		// fault), and 'value' is only returned on success.
		T value;
		if constexpr (uaccess_detail::SingleAccess<T>) {
			if (!uaccess_detail::get_user(value, address_.value()))
				return code::EFAULT;
		} else if (!uaccess_detail::copy_from_user(&value, address_.value(), sizeof(T))) {
			return code::EFAULT;
		}
		advance(sizeof(T));
		return value;
	}

	/// Fills all of 'destination' (an array, or a range with data() and
	/// size()); -EFAULT if fewer bytes are left or the address is bad.
	template <typename R> [[gnu::always_inline]] Result<void> read_slice(R &&destination)
	{
		auto [data, bytes] = span_of(destination);
		using Element = std::remove_pointer_t<decltype(data)>;
		static_assert(FromUser<Element>,
			      "kcxx: UserSliceReader::read_slice: the elements must accept every bit "
			      "pattern user space may send (trivially copyable; no bool, enum or "
			      "pointer)");
		if (__builtin_constant_p(bytes > length_) && bytes > length_)
			uaccess_detail::read_past_end();
		if (bytes > length_)
			return code::EFAULT;
		if (bytes == 0)
			return {};
		if (!uaccess_detail::copy_from_user(data, address_.value(), bytes))
			return code::EFAULT;
		advance(bytes);
		return {};
	}

	/// Appends every byte left to 'out' (Rust's read_all()): a bounce
	/// buffer of the user's data, kmalloc'ed with 'flags' and not zeroed
	/// first (the copy writes every byte).  -EFAULT if the address is bad
	/// (nothing appended, nothing read), -ENOMEM.
	template <typename A> [[nodiscard, gnu::always_inline]] Result<void> read_all(Vec<u8, A> &out, Gfp flags)
	{
		unsigned long n = length_;
		TRY(kcxx::detail::VecAccess::append(out, n, flags, [&](u8 *space, unsigned long count) -> Result<void> {
			if (count && !uaccess_detail::copy_from_user(space, address_.value(), count))
				return code::EFAULT;
			return {};
		}));
		advance(n);
		return {};
	}

	/// @{
	/// A reader only reads: writing goes through a UserSliceWriter.
	template <typename... A> void write(A &&...)
	{
		static_assert(uaccess_detail::always_false<A...>,
			      "kcxx: a UserSliceReader cannot write to user memory: take a "
			      "UserSliceWriter (UserSlice::writer() or reader_writer())");
	}
	template <typename... A> void write_slice(A &&...)
	{
		static_assert(uaccess_detail::always_false<A...>,
			      "kcxx: a UserSliceReader cannot write to user memory: take a "
			      "UserSliceWriter (UserSlice::writer() or reader_writer())");
	}
	/// @}

private:
	friend class UserSlice;
	UserSliceReader(UserAddress address, unsigned long length)
		: address_(address), length_(length)
	{
	}

	template <typename R> [[gnu::always_inline]] static auto span_of(R &range)
	{
		using Plain = std::remove_reference_t<R>;
		if constexpr (std::is_array_v<Plain>) {
			static_assert(std::rank_v<Plain> == 1, "kcxx: pass a one-dimensional array");
			struct Span {
				std::remove_extent_t<Plain> *data;
				unsigned long bytes;
			};
			return Span{range, sizeof(range)};
		} else {
			static_assert(ContiguousObjects<Plain>,
				      "kcxx: read_slice needs an array or a range with data() and size()");
			using Pointer = decltype(range.data());
			static_assert(!std::is_const_v<std::remove_pointer_t<Pointer>>,
				      "kcxx: read_slice needs a writable destination");
			struct Span {
				Pointer data;
				unsigned long bytes;
			};
			unsigned long bytes;
			if (__builtin_mul_overflow(static_cast<unsigned long>(range.size()),
						   sizeof(*range.data()), &bytes))
				bytes = static_cast<unsigned long>(-1);
			return Span{range.data(), bytes};
		}
	}

	void advance(unsigned long n)
	{
		address_ = address_.offset(n);
		length_ -= n;
	}

	UserAddress address_;
	unsigned long length_;
};

/// Writes a UserSlice front to back.
///
/// INVARIANT: [address_, address_ + length_) is the part of the user range
/// not written yet; writes only move address_ forward.  Not copyable.
class UserSliceWriter {
public:
	/// Takes over other's room; other is left empty.
	UserSliceWriter(UserSliceWriter &&other)
		: address_(other.address_), length_(std::exchange(other.length_, 0))
	{
	}
	UserSliceWriter(const UserSliceWriter &) = delete;
	UserSliceWriter &operator=(const UserSliceWriter &) = delete;
	UserSliceWriter &operator=(UserSliceWriter &&) = delete;

	/// The room left.
	[[nodiscard]] unsigned long len() const { return length_; }
	/// Whether no room is left.
	[[nodiscard]] bool is_empty() const { return length_ == 0; }

	/// Writes one T; -EFAULT if it does not fit or the address is bad.
	template <typename T> [[gnu::always_inline]] Result<void> write(const T &value)
	{
		static_assert(ToUser<T>,
			      "kcxx: UserSliceWriter::write: T must have no padding bytes (they would "
			      "leak kernel memory to user space) and must not be a pointer");
		if (__builtin_constant_p(sizeof(T) > length_) && sizeof(T) > length_)
			uaccess_detail::write_past_end();
		if (sizeof(T) > length_)
			return code::EFAULT;
		if constexpr (uaccess_detail::SingleAccess<T>) {
			if (!uaccess_detail::put_user(value, address_.value()))
				return code::EFAULT;
		} else if (!uaccess_detail::copy_to_user(address_.value(), &value, sizeof(T))) {
			return code::EFAULT;
		}
		advance(sizeof(T));
		return {};
	}

	/// Writes all of 'source' (an array, or a range with data() and
	/// size()); -EFAULT if it does not fit or the address is bad.
	template <typename R> [[gnu::always_inline]] Result<void> write_slice(const R &source)
	{
		const void *data;
		unsigned long bytes;
		if constexpr (std::is_array_v<R>) {
			static_assert(std::rank_v<R> == 1, "kcxx: pass a one-dimensional array");
			static_assert(ToUser<std::remove_extent_t<R>>,
				      "kcxx: UserSliceWriter::write_slice: the elements must have no "
				      "padding bytes and must not be pointers");
			data = source;
			bytes = sizeof(source);
		} else {
			static_assert(ContiguousObjects<const R>,
				      "kcxx: write_slice needs an array or a range with data() and size()");
			static_assert(ToUser<std::remove_pointer_t<decltype(source.data())>>,
				      "kcxx: UserSliceWriter::write_slice: the elements must have no "
				      "padding bytes and must not be pointers");
			data = source.data();
			if (__builtin_mul_overflow(static_cast<unsigned long>(source.size()),
						   sizeof(*source.data()), &bytes))
				return code::EFAULT;
		}
		if (__builtin_constant_p(bytes > length_) && bytes > length_)
			uaccess_detail::write_past_end();
		if (bytes > length_)
			return code::EFAULT;
		if (bytes == 0)
			return {};
		if (!uaccess_detail::copy_to_user(address_.value(), data, bytes))
			return code::EFAULT;
		advance(bytes);
		return {};
	}

private:
	friend class UserSlice;
	UserSliceWriter(UserAddress address, unsigned long length)
		: address_(address), length_(length)
	{
	}

	void advance(unsigned long n)
	{
		address_ = address_.offset(n);
		length_ -= n;
	}

	UserAddress address_;
	unsigned long length_;
};

/// INVARIANT: reader and writer cover the same user range (an _IOWR
/// argument: read once, then written back).
struct UserSlice::ReaderWriter {
	/// Reads the argument.
	UserSliceReader reader;
	/// Writes it back.
	UserSliceWriter writer;
};

inline UserSliceReader UserSlice::reader() &&
{
	return UserSliceReader(address_, std::exchange(length_, 0));
}

inline UserSliceWriter UserSlice::writer() &&
{
	return UserSliceWriter(address_, std::exchange(length_, 0));
}

inline UserSlice::ReaderWriter UserSlice::reader_writer() &&
{
	const unsigned long length = std::exchange(length_, 0);
	return ReaderWriter{UserSliceReader(address_, length), UserSliceWriter(address_, length)};
}

/// Does not compile: reader() consumes the slice (std::move(slice).reader()).
template <typename U> UserSliceReader UserSlice::reader() &
{
	static_assert(uaccess_detail::always_false<U>,
		      "kcxx: reader() consumes the UserSlice (std::move(slice).reader()): a second "
		      "reader of the same user bytes would fetch them twice (double fetch, TOCTOU)");
	return std::move(*this).reader();
}

/// Does not compile: writer() consumes the slice (std::move(slice).writer()).
template <typename U> UserSliceWriter UserSlice::writer() &
{
	static_assert(uaccess_detail::always_false<U>,
		      "kcxx: writer() consumes the UserSlice (std::move(slice).writer())");
	return std::move(*this).writer();
}

} // namespace kcxx
