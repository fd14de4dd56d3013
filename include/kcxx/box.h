// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Box<T>: a T on the kernel heap, owned by exactly one Box.
///
/// Allocation takes explicit GFP flags and can fail (Result); the Box frees
/// the object when it is destroyed.  Ownership moves, never copies; handing
/// the pointer to C and taking it back are explicit (into_raw / from_raw).
///
/// The allocator is a parameter (kcxx/allocator.h): Box<T> and KBox<T> use
/// kmalloc, VBox<T> vmalloc, for objects of megabytes (only where sleeping
/// is allowed).
///
/// Use after move: a moved-from Box is empty, and dereferencing it panics.
/// When the compiler can prove at a dereference that the Box is empty (the
/// common case: 'auto b = std::move(a); a->x'), the build fails instead, with
/// "use of a moved-from kcxx::Box" (the technique of the kernel's
/// FORTIFY_SOURCE: __builtin_constant_p after inlining, so it needs the
/// kernel's -O2).  Where the compiler cannot prove it, the runtime check
/// remains.
///
/// INVARIANT: ptr_ is null (moved-from) or points to a live T that was
/// constructed in memory from A, and no other Box owns it.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/allocator.h>
#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>

namespace kcxx {

namespace detail {
/// Never defined: a call that survives optimisation fails the build.
[[gnu::error("kcxx: use of a moved-from kcxx::Box (the compiler proved it empty here)")]] void
box_used_after_move();

/// Panics if 'p' is null; fails the build if the compiler can prove it is.
template <typename T> [[gnu::always_inline]] inline T *box_checked(T *p)
{
	if (__builtin_constant_p(p == nullptr) && p == nullptr)
		box_used_after_move();
	if (!p) [[unlikely]]
		panic("use of a moved-from Box");
	return p;
}
} // namespace detail

/// A T on the kernel heap, owned by exactly one Box; freed by its allocator A
/// when the Box is destroyed (see kcxx/box.h).
template <typename T, typename A = alloc::Kmalloc> class Box {
	static_assert(!std::is_array_v<T>, "Box<T[]> is not supported: use kcxx::Vec<T>");

public:
	/// The allocator policy (kcxx/allocator.h).
	using Allocator = A;

	/// Allocates with 'flags' and constructs T(args...) in place.  Inlined,
	/// so that the allocator's compile-time checks see constant flags.
	template <typename... Args>
	[[nodiscard, gnu::always_inline]] static Result<Box> try_new(Gfp flags, Args &&...args)
	{
		void *memory = TRY(A::template allocate<alignof(T)>(sizeof(T), flags));
		// SAFETY: memory holds sizeof(T) bytes aligned for T (the
		// allocator's contract) and nothing else owns it.
		return Box(::new (memory) T(std::forward<Args>(args)...));
	}

	/// Takes back ownership of a pointer that into_raw() gave out.
	[[nodiscard]] static Box from_raw(T *raw) { return Box(raw); }

	/// Takes over other's object; other is left empty.
	Box(Box &&other) : ptr_(std::exchange(other.ptr_, nullptr)) {}
	/// Frees this Box's object, if any, and takes over other's.
	Box &operator=(Box &&other)
	{
		if (this != &other) {
			reset();
			ptr_ = std::exchange(other.ptr_, nullptr);
		}
		return *this;
	}
	Box(const Box &) = delete;
	Box &operator=(const Box &) = delete;

	~Box() { reset(); }

	/// Gives up ownership: the caller must hand the pointer back to
	/// from_raw() exactly once.
	[[nodiscard]] T *into_raw() && { return std::exchange(ptr_, nullptr); }

	/// @{
	/// The object; a moved-from Box panics (or fails the build when the compiler
	/// sees it is empty).
	[[gnu::always_inline]] T &operator*() const { return *detail::box_checked(ptr_); }
	[[gnu::always_inline]] T *operator->() const { return detail::box_checked(ptr_); }
	/// @}
	/// The object's address, or nullptr if the Box is empty (moved from).
	[[nodiscard]] T *get() const { return ptr_; }
	/// Whether the Box is empty (moved from, or given away with into_raw()).
	[[nodiscard]] bool is_empty() const { return ptr_ == nullptr; }

private:
	explicit Box(T *ptr) : ptr_(ptr) {}

	void reset()
	{
		if (T *p = std::exchange(ptr_, nullptr)) {
			p->~T();
			// SAFETY: p came from A (INVARIANT) and is no longer
			// reachable from any Box.
			A::free(p);
		}
	}

	T *ptr_;
};

/// A Box over kmalloc (the default).
template <typename T> using KBox = Box<T, alloc::Kmalloc>;
/// A Box over vmalloc, for objects of megabytes (only where sleeping is allowed).
template <typename T> using VBox = Box<T, alloc::Vmalloc>;

} // namespace kcxx
