// SPDX-License-Identifier: GPL-2.0
//
// kcxx::Box<T>: a T on the kernel heap (kmalloc), owned by exactly one Box.
//
// Allocation takes explicit GFP flags and can fail (Result); the Box frees
// the object when it is destroyed.  Ownership moves, never copies; handing
// the pointer to C and taking it back are explicit (into_raw / from_raw).
//
// INVARIANT: ptr_ is null (moved-from) or points to a live T that was
// constructed in memory from kmalloc, and no other Box owns it.
#pragma once

#include <bit>
#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/bug.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>

namespace kcxx {

template <typename T> class Box {
	static_assert(!std::is_array_v<T>, "Box<T[]> is not supported");

	// kmalloc aligns every object to ARCH_KMALLOC_MINALIGN and objects
	// of a power-of-two size to that size: an over-aligned T gets a
	// power-of-two allocation.
	static constexpr unsigned long allocation_size =
		alignof(T) <= KCXX_ARCH_KMALLOC_MINALIGN ? sizeof(T) : std::bit_ceil(sizeof(T));

public:
	// Allocates with 'flags' and constructs T(args...) in place.
	template <typename... Args>
	[[nodiscard]] static Result<Box> try_new(Gfp flags, Args &&...args)
	{
		// SAFETY: kmalloc returns null or allocation_size bytes, which
		// hold a T and are aligned for it (see allocation_size).
		void *memory = bindings::kcxx_kmalloc_symbol(allocation_size, flags.bits());
		if (!memory)
			return code::ENOMEM;
		return Box(::new (memory) T(std::forward<Args>(args)...));
	}

	// Takes back ownership of a pointer that into_raw() gave out.
	[[nodiscard]] static Box from_raw(T *raw) { return Box(raw); }

	Box(Box &&other) : ptr_(std::exchange(other.ptr_, nullptr)) {}
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

	// Gives up ownership: the caller must hand the pointer back to
	// from_raw() exactly once.
	[[nodiscard]] T *into_raw() && { return std::exchange(ptr_, nullptr); }

	T &operator*() const { return *checked(); }
	T *operator->() const { return checked(); }
	[[nodiscard]] T *get() const { return ptr_; }

private:
	explicit Box(T *ptr) : ptr_(ptr) {}

	T *checked() const
	{
		if (!ptr_)
			panic("use of a moved-from Box");
		return ptr_;
	}

	void reset()
	{
		if (T *p = std::exchange(ptr_, nullptr)) {
			p->~T();
			// SAFETY: p came from kmalloc (INVARIANT) and is
			// no longer reachable from any Box.
			bindings::kfree(p);
		}
	}

	T *ptr_;
};

} // namespace kcxx
