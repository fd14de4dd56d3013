// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Vec<T>: a growable array on the kernel heap (Rust-for-Linux's KVec).
///
///     kcxx::Vec<int> v;                              // no allocation yet
///     TRY(v.try_push(1, kcxx::GFP_KERNEL));          // growth takes GFP flags
///     TRY(v.try_reserve(100, kcxx::GFP_KERNEL));     // ... and can fail
///     for (int &x : v) ...
///     if (int *p = v.at(7)) ...                      // bounds-checked access
///     kcxx::Option<int> last = v.pop();
///
/// - Every operation that may allocate takes Gfp flags and returns a Result:
///   ENOMEM when the allocator fails, EOVERFLOW when a size computation
///   would overflow (checked with kcxx/overflow.h, never wraps).
///   push_within_capacity() never allocates, for atomic context after a
///   try_reserve() made outside it.
/// - No implicit copy: a Vec moves; try_clone(flags) copies explicitly.
/// - at(i) returns a pointer, null when i is out of bounds.  operator[] has
///   the precondition i < size(): built with KCXX_DEBUG it is checked (a
///   kernel WARNING, then the access is clamped to the last element, or a
///   panic if there is none); otherwise it is unchecked, like a C array.
/// - Growth moves the elements: pointers and references into a Vec (and
///   iterators) are valid until the next operation that may allocate or
///   removes elements.  A trivially copyable T grows with krealloc (in place
///   when the slab object has room); any other T is moved element by
///   element into a new allocation.
///
/// The allocator is a parameter (kcxx/allocator.h): Vec<T> uses kmalloc;
/// VVec<T> uses vmalloc, for buffers of megabytes (sleeping context only).
///
/// INVARIANT: len_ <= cap_; ptr_ is null exactly when cap_ == 0, otherwise
/// it points to memory from A for cap_ elements (cap_ * sizeof(T) fits in a
/// long) whose first len_ elements are alive.
#pragma once

#include <initializer_list>
#include <limits>
#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/allocator.h>
#include <kcxx/bug.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/option.h>
#include <kcxx/overflow.h>
#include <kcxx/result.h>

namespace kcxx {

namespace detail {
struct VecAccess;
} // namespace detail

/// A growable array of T on the kernel heap: every growth takes GFP flags
/// and can fail; the elements are freed with the Vec (see kcxx/vec.h).
template <typename T, typename A = alloc::Kmalloc> class Vec {
	friend struct detail::VecAccess;

	static_assert(!std::is_reference_v<T> && !std::is_const_v<T>, "Vec<T> holds mutable objects");
	static_assert(std::is_move_constructible_v<T>,
		      "kcxx::Vec moves its elements when it grows: T must be move constructible "
		      "(objects that must not move, such as list links and locks, go in a Box)");

	/// The most bytes a Vec allocates: pointer differences must fit a long.
	static constexpr unsigned long max_bytes = std::numeric_limits<long>::max();
	/// The first allocation of a growing Vec, as Rust's RawVec does.
	static constexpr unsigned long min_capacity = sizeof(T) == 1 ? 8 : sizeof(T) <= 1024 ? 4 : 1;

public:
	/// The element type.
	using value_type = T;
	/// The allocator policy (kcxx/allocator.h).
	using Allocator = A;

	constexpr Vec() = default;

	/// An empty Vec with room for exactly 'capacity' elements.
	[[nodiscard]] static Result<Vec> try_with_capacity(unsigned long capacity, Gfp flags)
	{
		Vec v;
		if (capacity)
			TRY(v.reallocate(capacity, flags));
		return v;
	}

	/// Takes over other's elements; other is left empty.
	Vec(Vec &&other)
		: ptr_(std::exchange(other.ptr_, nullptr)), len_(std::exchange(other.len_, 0)),
		  cap_(std::exchange(other.cap_, 0))
	{
	}
	/// Frees this Vec's elements and takes over other's.
	Vec &operator=(Vec &&other)
	{
		if (this != &other) {
			release();
			ptr_ = std::exchange(other.ptr_, nullptr);
			len_ = std::exchange(other.len_, 0);
			cap_ = std::exchange(other.cap_, 0);
		}
		return *this;
	}
	/// No implicit copy: an allocation must be explicit (try_clone).
	Vec(const Vec &) = delete;
	Vec &operator=(const Vec &) = delete;

	~Vec() { release(); }

	/// A copy of every element, in a new allocation of exactly size().
	[[nodiscard]] Result<Vec> try_clone(Gfp flags) const requires std::is_copy_constructible_v<T>
	{
		Vec copy = TRY(try_with_capacity(len_, flags));
		for (unsigned long i = 0; i < len_; ++i)
			copy.construct_at_end(ptr_[i]);
		return copy;
	}

	/// The number of elements.
	[[nodiscard]] unsigned long size() const { return len_; }
	/// The number of elements that fit without growing.
	[[nodiscard]] unsigned long capacity() const { return cap_; }
	/// Whether there is no element.
	[[nodiscard]] bool is_empty() const { return len_ == 0; }

	/// Makes room for at least 'additional' more elements (maybe more, so
	/// that repeated pushes stay amortised O(1)).
	[[nodiscard]] Result<void> try_reserve(unsigned long additional, Gfp flags)
	{
		unsigned long needed = TRY(checked_add(len_, additional));
		if (needed <= cap_)
			return {};
		return grow(needed, flags);
	}

	/// Appends 'value', growing with 'flags' if the Vec is full.  On
	/// failure the Vec is unchanged and 'value' is dropped.
	[[nodiscard]] Result<void> try_push(T value, Gfp flags)
	{
		// 'cap_ + 1', not 'len_ + 1' (equal here): growth then depends on
		// the capacity only, so in a push loop GCC keeps one counter for
		// the length instead of also carrying len_ + 1 in a register for
		// the rare grow() - one instruction less per push, the loop C
		// compiles to for 'if (len == cap) grow; data[len++] = v'
		// (bench/README.md).
		if (len_ == cap_)
			TRY(grow(cap_ + 1, flags));
		construct_at_end(std::move(value));
		return {};
	}

	/// Appends 'value' without allocating: ENOSPC if the Vec is full.  For
	/// atomic context, after a try_reserve() made where sleeping is allowed.
	[[nodiscard]] Result<void> push_within_capacity(T value)
	{
		if (len_ == cap_)
			return code::ENOSPC;
		construct_at_end(std::move(value));
		return {};
	}

	/// Inserts 'value' before index 'index' (== size() appends); EINVAL if
	/// index > size().
	[[nodiscard]] Result<void> try_insert(unsigned long index, T value, Gfp flags)
	{
		if (index > len_)
			return code::EINVAL;
		if (len_ == cap_)
			TRY(grow(len_ + 1, flags));
		for (unsigned long i = len_; i > index; --i)
			relocate(ptr_ + i - 1, ptr_ + i);
		::new (ptr_ + index) T(std::move(value));
		++len_;
		return {};
	}

	/// Appends a copy of each element of 'values'.  On failure nothing
	/// was appended.
	[[nodiscard]] Result<void> try_extend(std::initializer_list<T> values, Gfp flags)
		requires std::is_copy_constructible_v<T>
	{
		TRY(try_reserve(values.size(), flags));
		for (const T &value : values)
			construct_at_end(value);
		return {};
	}

	/// Grows to 'n' elements, the new ones copies of 'value', or truncates.
	[[nodiscard]] Result<void> try_resize(unsigned long n, const T &value, Gfp flags)
		requires std::is_copy_constructible_v<T>
	{
		if (n <= len_) {
			truncate(n);
			return {};
		}
		TRY(try_reserve(n - len_, flags));
		while (len_ < n)
			construct_at_end(value);
		return {};
	}

	/// The last element, removed; none if the Vec is empty.
	[[nodiscard]] Option<T> pop()
	{
		if (len_ == 0)
			return none;
		--len_;
		return take(ptr_ + len_);
	}

	/// The element at 'index', removed (the later ones shift down); none if
	/// index >= size().
	[[nodiscard]] Option<T> remove(unsigned long index)
	{
		if (index >= len_)
			return none;
		Option<T> removed = take(ptr_ + index);
		for (unsigned long i = index + 1; i < len_; ++i)
			relocate(ptr_ + i, ptr_ + i - 1);
		--len_;
		return removed;
	}

	/// The element at 'index', removed and replaced by the last one (O(1),
	/// order not kept); none if index >= size().
	[[nodiscard]] Option<T> swap_remove(unsigned long index)
	{
		if (index >= len_)
			return none;
		Option<T> removed = take(ptr_ + index);
		--len_;
		if (index != len_)
			relocate(ptr_ + len_, ptr_ + index);
		return removed;
	}

	/// Destroys the elements from index 'n' on; keeps the allocation.
	void truncate(unsigned long n)
	{
		while (len_ > n) {
			--len_;
			ptr_[len_].~T();
		}
	}
	/// Destroys every element; the capacity stays.
	void clear() { truncate(0); }

	/// @{
	/// Bounds-checked access: null when index >= size().
	[[nodiscard]] T *at(unsigned long index) { return index < len_ ? ptr_ + index : nullptr; }
	[[nodiscard]] const T *at(unsigned long index) const { return index < len_ ? ptr_ + index : nullptr; }
	/// @}
	/// @{
	/// The first element, or nullptr if empty.
	[[nodiscard]] T *first() { return at(0); }
	[[nodiscard]] const T *first() const { return at(0); }
	/// @}
	/// @{
	/// The last element, or nullptr if empty.
	[[nodiscard]] T *last() { return len_ ? ptr_ + len_ - 1 : nullptr; }
	[[nodiscard]] const T *last() const { return len_ ? ptr_ + len_ - 1 : nullptr; }
	/// @}

	/// @{
	/// Precondition: index < size() (checked with KCXX_DEBUG, see above).
	T &operator[](unsigned long index) { return ptr_[checked_index(index)]; }
	const T &operator[](unsigned long index) const { return ptr_[checked_index(index)]; }
	/// @}

	/// @{
	/// The first element's address (nullptr before the first allocation).
	[[nodiscard]] T *data() { return ptr_; }
	[[nodiscard]] const T *data() const { return ptr_; }
	/// @}
	/// @{
	/// Iteration over the elements, in order.
	T *begin() { return ptr_; }
	T *end() { return ptr_ + len_; }
	const T *begin() const { return ptr_; }
	const T *end() const { return ptr_ + len_; }
	/// @}

private:
	unsigned long checked_index(unsigned long index) const
	{
#ifdef KCXX_DEBUG
		if (index >= len_) [[unlikely]] {
			if (len_ == 0)
				panic("kcxx::Vec index out of bounds (empty Vec)");
			warn("kcxx::Vec index out of bounds: clamped to the last element");
			return len_ - 1;
		}
#endif
		return index;
	}

	template <typename U> void construct_at_end(U &&value)
	{
		// SAFETY (callers): len_ < cap_, so ptr_ + len_ is allocated
		// and holds no live object.
		::new (ptr_ + len_) T(std::forward<U>(value));
		++len_;
	}

	/// Moves the live object at 'from' into the free slot 'to'.
	static void relocate(T *from, T *to)
	{
		::new (to) T(std::move(*from));
		from->~T();
	}

	/// The live object at 'slot' as an Option; the slot is left free.
	static Option<T> take(T *slot)
	{
		Option<T> value(std::move(*slot));
		slot->~T();
		return value;
	}

	/// Grows to hold at least 'needed' > cap_ elements: doubling (or the
	/// minimum first allocation) when that fits, else exactly 'needed'.
	Result<void> grow(unsigned long needed, Gfp flags)
	{
		unsigned long target = needed;
		unsigned long doubled, bytes;
		if (mul_fits(cap_, 2UL, &doubled) && doubled > target)
			target = doubled;
		if (target < min_capacity)
			target = min_capacity;
		// Amortised growth never asks for more than the allocator can
		// give (kmalloc warns above KMALLOC_MAX_SIZE), nor overflows.
		if (!mul_fits(target, sizeof(T), &bytes) || bytes > amortized_limit())
			target = needed;
		return reallocate(target, flags);
	}

	static constexpr unsigned long amortized_limit()
	{
		if constexpr (std::is_same_v<A, alloc::Kmalloc>)
			return KCXX_KMALLOC_MAX_SIZE;
		else
			return max_bytes;
	}

	/// Moves the elements into an allocation for exactly 'capacity' >=
	/// len_ elements.
	Result<void> reallocate(unsigned long capacity, Gfp flags)
	{
		unsigned long bytes = TRY(checked_mul(capacity, static_cast<unsigned long>(sizeof(T))));
		if (bytes > max_bytes)
			return code::EOVERFLOW;
		if constexpr (A::can_reallocate && std::is_trivially_copyable_v<T>) {
			// A trivially copyable T may move as bytes: krealloc
			// keeps the old block on failure and frees it on
			// success.  The first block is a plain allocation
			// (krealloc(NULL) would also call kfree(NULL)).
			void *memory = ptr_ ? TRY(A::template reallocate<alignof(T)>(ptr_, bytes, flags))
					    : TRY(A::template allocate<alignof(T)>(bytes, flags));
			ptr_ = static_cast<T *>(memory);
		} else {
			void *memory = TRY(A::template allocate<alignof(T)>(bytes, flags));
			T *fresh = static_cast<T *>(memory);
			for (unsigned long i = 0; i < len_; ++i)
				relocate(ptr_ + i, fresh + i);
			// SAFETY: the old block came from A and holds no
			// live object any more (INVARIANT; null is ignored).
			A::free(ptr_);
			ptr_ = fresh;
		}
		cap_ = capacity;
		return {};
	}

	void release()
	{
		clear();
		// A moved-from or never-allocated Vec (a Result's temporary,
		// say) calls nothing: kfree(NULL) is a call all the same.
		if (ptr_)
			// SAFETY: ptr_ came from A (INVARIANT); every element
			// was destroyed by clear().
			A::free(ptr_);
		ptr_ = nullptr;
		cap_ = 0;
	}

	T *ptr_ = nullptr;
	unsigned long len_ = 0;
	unsigned long cap_ = 0;
};

namespace detail {
/// For the frameworks' bulk copies into a Vec from memory the compiler does
/// not see as objects (user memory: UserSliceReader::read_all(); DMA
/// memory: CoherentAllocation::copy_out()): the space past the end is
/// reserved, filled whole by 'copy', and only then counted.
struct VecAccess {
	/// Appends 'count' elements that 'copy(space, count)' writes, every
	/// byte of them, into reserved space; it returns Result<void>.  On
	/// any failure the Vec holds what it held before (and maybe more
	/// capacity).  T must accept every bit pattern: what the copy wrote
	/// is its value.
	template <typename T, typename A, typename Copy>
	[[nodiscard, gnu::always_inline]] static Result<void> append(Vec<T, A> &vec, unsigned long count, Gfp flags,
								     Copy &&copy)
	{
		static_assert(std::is_trivially_copyable_v<T>, "kcxx: a bulk copy fills trivially copyable elements");
		if (count > vec.cap_ - vec.len_) // no call when there is room (reserved before)
			TRY(vec.try_reserve(count, flags));
		TRY(copy(vec.ptr_ + vec.len_, count));
		vec.len_ += count;
		return {};
	}
};
} // namespace detail

/// A Vec over kmalloc (the default).
template <typename T> using KVec = Vec<T, alloc::Kmalloc>;
/// A Vec over vmalloc, for arrays of megabytes (only where sleeping is allowed).
template <typename T> using VVec = Vec<T, alloc::Vmalloc>;

} // namespace kcxx
