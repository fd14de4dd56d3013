// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Arc<T>: a T on the kernel heap shared by reference counting (a
/// refcount_t), freed when the last Arc goes away (Rust's Arc, the kernel's
/// kref pattern).
///
///     auto dev = TRY(kcxx::Arc<Device>::try_new(GFP_KERNEL, args...));
///     kcxx::Arc<Device> other = dev.clone();    // refcount_inc()
///     other->stats.lock()->opens++;             // shared access is const
///     // the last ~Arc: refcount_dec_and_test(), ~Device(), kfree()
///
/// Design:
///  - try_new() allocates with explicit GFP flags and can fail (Result),
///    and builds the T in place after the counter, so a T that must not move
///    (Mutex, CondVar, Completion members) lives in an Arc as it is.
///  - Copies are explicit: clone().  The copy constructor is deleted, so a
///    reference is never taken by accident (passing an Arc by value to a
///    function that only looks at it, a range-for over Arcs by value); each
///    one is an atomic read-modify-write on a shared cache line, and a
///    leaked one keeps the object alive for ever.  Moving an Arc is free
///    and implicit.
///  - Shared access is const: operator-> and operator* give a const T.  Data
///    that threads change through an Arc is in interior-mutable types whose
///    const operations are thread-safe (Mutex, SpinLock, Atomic, CondVar,
///    Completion), as in Rust.  Writing a plain member through an Arc -
///    a data race between the holders - does not compile.  UniqueArc<T>
///    gives mutable access while there is only one reference.
///  - Raw pointers enter only by explicit adoption: into_raw() gives up a
///    reference as a pointer (for C: a private_data field), from_raw() takes
///    it back.  A pointer that did not come from into_raw() cannot become an
///    Arc: there is no constructor from T *.
///  - A moved-from Arc is empty; using it panics, and is a build error where
///    the compiler can prove it empty (as for Box).
///  - A borrowed reference, ArcBorrow<T> (Rust's ArcBorrow), is never
///    empty: borrow() checks the Arc once, and a framework that keeps an
///    into_raw() pointer (a file's private_data, say) makes one without any
///    check; reaching the T through it costs no test.  It does not own a
///    reference: whoever hands one out keeps the object alive while it is
///    used.  clone() turns it into an Arc.
///  - No weak references.
///  - The counter is a kcxx::Refcount (refcount.h): the kernel's saturation
///    semantics, inline, without a helper call.
///  - An Arc points to the start of its allocation (the Refcount), not to
///    the T: the counter is then at offset 0 and the T at a small positive
///    offset, as in a C struct that begins with its refcount_t, and
///    clone()/drop address both off one register.  (Pointing to the T put
///    the counter at a negative offset, and GCC spent an extra 'lea' per
///    clone and drop on it: bench/README.md.)
///
/// INVARIANT: ptr_ is null (moved from) or points to the start of a Kmalloc
/// allocation whose first bytes are the Refcount and which holds a live T at
/// value_offset; this Arc owns one of the references that Refcount counts.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/allocator.h>
#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>
#include <kcxx/sync/refcount.h>

namespace kcxx {

namespace detail {
/// Never defined: a call that survives optimisation fails the build.
[[gnu::error("kcxx: use of a moved-from kcxx::Arc (the compiler proved it empty here)")]] void
arc_used_after_move();
} // namespace detail

template <typename T> class UniqueArc;
template <typename T> class ArcBorrow;

namespace detail {
struct ArcBorrowAccess;
} // namespace detail

/// A T on the kernel heap shared by reference counting (a refcount_t), freed
/// when the last Arc goes away; the T is reached as const (see kcxx/sync/arc.h).
template <typename T> class Arc {
	static_assert(!std::is_array_v<T> && !std::is_reference_v<T>, "Arc<T> holds one object");

	/// The allocation: the Refcount, then the T at the first offset
	/// aligned for it.
	static constexpr unsigned long value_offset =
		alignof(T) > sizeof(Refcount) ? alignof(T) : sizeof(Refcount);
	static constexpr unsigned long allocation_align =
		alignof(T) > alignof(Refcount) ? alignof(T) : alignof(Refcount);

public:
	/// Allocates with 'flags' and builds T(args...) in place, with one
	/// reference: this Arc.
	template <typename... Args>
	[[nodiscard]] static Result<Arc> try_new(Gfp flags, Args &&...args)
	{
		void *memory = TRY(alloc::Kmalloc::allocate<allocation_align>(value_offset + sizeof(T), flags));
		// SAFETY: memory holds value_offset + sizeof(T) bytes aligned
		// for both the Refcount and the T (the allocator's contract),
		// and nothing else owns it.
		Refcount *refs = ::new (memory) Refcount(1);
		::new (static_cast<char *>(memory) + value_offset) T(std::forward<Args>(args)...);
		return Arc(refs);
	}

	/// Takes back the reference that into_raw() gave out as 'raw'.
	[[nodiscard]] static Arc from_raw(const T *raw) { return Arc(raw ? refcount_of(raw) : nullptr); }

	/// Takes over other's reference; other is left empty.
	Arc(Arc &&other) : ptr_(std::exchange(other.ptr_, nullptr)) {}
	/// Drops this Arc's reference, if any, and takes over other's.
	Arc &operator=(Arc &&other)
	{
		if (this != &other) {
			release();
			ptr_ = std::exchange(other.ptr_, nullptr);
		}
		return *this;
	}
	/// Copies are explicit: clone().
	Arc(const Arc &) = delete;
	Arc &operator=(const Arc &) = delete;

	~Arc() { release(); }

	/// A new reference to the same object (refcount_inc()).
	[[nodiscard]] Arc clone() const
	{
		Refcount *refs = checked();
		refs->inc();
		return Arc(refs);
	}

	/// @{
	/// The object; a moved-from Arc panics.
	const T &operator*() const { return *value_of(checked()); }
	const T *operator->() const { return value_of(checked()); }
	/// @}
	/// The object's address, or nullptr if the Arc is empty (moved from).
	[[nodiscard]] const T *get() const { return ptr_ ? value_of(ptr_) : nullptr; }

	/// A borrowed reference, valid while this Arc keeps its reference:
	/// checked once here (a moved-from Arc panics), never again.
	[[nodiscard]] ArcBorrow<T> borrow() const & { return ArcBorrow<T>(checked()); }
	/// A borrow of a temporary would outlive its reference.
	ArcBorrow<T> borrow() const && = delete;

	/// Gives up this reference as a pointer: hand it back to from_raw()
	/// exactly once, or the object leaks.
	[[nodiscard]] const T *into_raw() &&
	{
		Refcount *refs = std::exchange(ptr_, nullptr);
		return refs ? value_of(refs) : nullptr;
	}

	/// Whether both refer to the same object.
	[[nodiscard]] static bool ptr_eq(const Arc &a, const Arc &b) { return a.ptr_ == b.ptr_; }

	/// The number of references right now (a snapshot, for diagnostics
	/// and tests).
	[[nodiscard]] int strong_count() const { return checked()->read(); }

private:
	friend class UniqueArc<T>;
	friend class ArcBorrow<T>;
	friend struct detail::ArcBorrowAccess;

	explicit Arc(Refcount *refs) : ptr_(refs) {}

	/// The value of the allocation that starts with 'refs' (INVARIANT).
	[[gnu::always_inline]] static T *value_of(Refcount *refs)
	{
		return std::launder(reinterpret_cast<T *>(reinterpret_cast<char *>(refs) + value_offset));
	}

	/// The Refcount value_offset bytes before 'value' (INVARIANT).
	static Refcount *refcount_of(const T *value)
	{
		return std::launder(reinterpret_cast<Refcount *>(
			reinterpret_cast<char *>(const_cast<T *>(value)) - value_offset));
	}

	[[gnu::always_inline]] Refcount *checked() const
	{
		Refcount *p = ptr_;
		if (__builtin_constant_p(p == nullptr) && p == nullptr)
			detail::arc_used_after_move();
		if (!p) [[unlikely]]
			panic("use of a moved-from Arc");
		return p;
	}

	void release()
	{
		Refcount *p = std::exchange(ptr_, nullptr);
		if (p && p->dec_and_test()) {
			value_of(p)->~T();
			// SAFETY: that was the last reference, so nothing else
			// can reach the allocation, which came from Kmalloc.
			alloc::Kmalloc::free(p);
		}
	}

	Refcount *ptr_;
};

/// kcxx::ArcBorrow<T>: a borrowed reference to a T that an Arc keeps alive
/// (Rust's ArcBorrow): never empty, so reaching the T costs no check, and
/// clone() makes a new Arc from it.  It owns no reference: Arc::borrow()
/// makes one that is valid while that Arc holds its reference, and a
/// framework that keeps an into_raw() pointer (a file's private_data) makes
/// one for as long as it keeps that pointer (detail::ArcBorrowAccess).
/// Copyable, as a reference is.
///
/// INVARIANT: ptr_ is not null: it points to the start of an Arc allocation
/// (the Refcount, then a live T) on which a reference is held for as long as
/// this borrow is used.
template <typename T> class ArcBorrow {
public:
	/// @{
	/// The object (no check: a borrow is never empty).
	[[gnu::always_inline]] const T &operator*() const { return *Arc<T>::value_of(ptr_); }
	[[gnu::always_inline]] const T *operator->() const { return Arc<T>::value_of(ptr_); }
	[[nodiscard, gnu::always_inline]] const T *get() const { return Arc<T>::value_of(ptr_); }
	/// @}

	/// A new reference to the object (refcount_inc()).
	[[nodiscard]] Arc<T> clone() const
	{
		ptr_->inc();
		return Arc<T>(ptr_);
	}

private:
	friend class Arc<T>;
	friend struct detail::ArcBorrowAccess;

	[[gnu::always_inline]] explicit ArcBorrow(Refcount *refs) : ptr_(refs) {}

	Refcount *ptr_;
};

namespace detail {
/// For frameworks that keep a reference as an into_raw() pointer (in a C
/// struct's void * field) and hand borrows of it to driver code.
struct ArcBorrowAccess {
	/// The borrow of 'raw', a non-null pointer that Arc::into_raw() gave
	/// out and whose reference the caller keeps for as long as the borrow
	/// is used (not checked: that is the point).
	template <typename T> [[gnu::always_inline]] static ArcBorrow<T> borrow_raw(const void *raw)
	{
		return ArcBorrow<T>(Arc<T>::refcount_of(static_cast<const T *>(raw)));
	}
};
} // namespace detail

/// kcxx::UniqueArc<T>: an Arc<T> whose reference is the only one, so it
/// gives mutable access - for finishing an object's set-up before it is
/// shared (share() turns it into an Arc).
///
/// INVARIANT: arc_ is null (moved from or shared) or holds the only
/// reference to its object.
template <typename T> class UniqueArc {
public:
	/// Allocates with 'flags' and builds the T from 'args': the only reference.
	template <typename... Args>
	[[nodiscard]] static Result<UniqueArc> try_new(Gfp flags, Args &&...args)
	{
		return UniqueArc(TRY(Arc<T>::try_new(flags, std::forward<Args>(args)...)));
	}

	/// Takes over other's reference; other is left empty.
	UniqueArc(UniqueArc &&) = default;
	/// Takes over other's reference; other is left empty.
	UniqueArc &operator=(UniqueArc &&) = default;
	UniqueArc(const UniqueArc &) = delete;
	UniqueArc &operator=(const UniqueArc &) = delete;

	/// @{
	/// The object, mutable: no one else holds a reference.
	T &operator*() const { return *Arc<T>::value_of(arc_.checked()); }
	T *operator->() const { return Arc<T>::value_of(arc_.checked()); }
	/// @}

	/// Shares the object: from now on only const access, through Arcs.
	[[nodiscard]] Arc<T> share() && { return std::move(arc_); }

private:
	explicit UniqueArc(Arc<T> &&arc) : arc_(std::move(arc)) {}

	Arc<T> arc_;
};

} // namespace kcxx
