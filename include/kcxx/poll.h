// SPDX-License-Identifier: GPL-2.0
//
// poll(2)/select(2)/epoll support for file operations: the readiness mask
// and the poll table a poll operation registers its wait queues with.
//
//   kcxx::PollMask poll(kcxx::File &file, kcxx::PollTable &table) const
//   {
//       table.register_wait(file, shared_.changed);  // a kcxx::CondVar
//       auto state = shared_.state.lock();
//       kcxx::PollMask mask;
//       if (state->size > 0)
//           mask |= kcxx::EPOLLIN | kcxx::EPOLLRDNORM;
//       ...
//       return mask;
//   }
//
// Register before looking at the state: a wake-up between the check and
// the registration would otherwise be lost (the kernel's rule for ->poll).
// Any queue that kcxx can wait on can be registered: a type opts in with a
// specialization of kcxx::detail::WaitQueueOf (kcxx's CondVar does).
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/file.h>
#include <kcxx/types.h>

namespace kcxx {

// A set of EPOLL* readiness bits.
//
// INVARIANT: none beyond the bits (any combination is a valid mask).
class PollMask {
public:
	constexpr PollMask() = default;
	explicit constexpr PollMask(u32 bits) : bits_(bits) {}

	[[nodiscard]] constexpr u32 bits() const { return bits_; }
	[[nodiscard]] constexpr bool contains(PollMask other) const
	{
		return (bits_ & other.bits_) == other.bits_;
	}

	friend constexpr PollMask operator|(PollMask a, PollMask b) { return PollMask(a.bits_ | b.bits_); }
	constexpr PollMask &operator|=(PollMask other)
	{
		bits_ |= other.bits_;
		return *this;
	}
	friend constexpr bool operator==(PollMask, PollMask) = default;

private:
	u32 bits_ = 0;
};

// The kernel's EPOLL* bits (include/uapi/linux/eventpoll.h).
inline constexpr PollMask EPOLLIN{KCXX_EPOLLIN};
inline constexpr PollMask EPOLLPRI{KCXX_EPOLLPRI};
inline constexpr PollMask EPOLLOUT{KCXX_EPOLLOUT};
inline constexpr PollMask EPOLLERR{KCXX_EPOLLERR};
inline constexpr PollMask EPOLLHUP{KCXX_EPOLLHUP};
inline constexpr PollMask EPOLLRDNORM{KCXX_EPOLLRDNORM};
inline constexpr PollMask EPOLLWRNORM{KCXX_EPOLLWRNORM};

namespace detail {

// Specialized by every kcxx type that has a wait queue poll may register
// with: 'static bindings::wait_queue_head *get(Q &)'.
template <typename Q> struct WaitQueueOf;

template <typename Q> concept PollableQueue = requires(Q &queue) {
	{ WaitQueueOf<Q>::get(queue) } -> std::same_as<bindings::wait_queue_head *>;
};

struct PollTableAccess;

} // namespace detail

// The poll table of one poll call, lent to a driver's poll operation.
//
// INVARIANT: file_ is the live struct file of the call; table_ is the
// kernel's poll_table for it (possibly null: the kernel passes null when it
// only wants the mask).  Not copyable: it lives for the one call.
class PollTable {
public:
	PollTable(const PollTable &) = delete;
	PollTable &operator=(const PollTable &) = delete;

	// Adds 'queue' to the queues whose wake-up makes the poller re-check
	// this file (poll_wait()).  The queue must outlive every poller: kcxx
	// guarantees it for queues in the registration's shared data, which
	// outlives every open file (an epoll entry goes away with its file).
	template <typename Q> void register_wait(const File &, Q &queue)
	{
		static_assert(detail::PollableQueue<Q>,
			      "kcxx: PollTable::register_wait needs a kcxx wait queue (a CondVar)");
		// SAFETY: file_ and table_ come from the kernel's ->poll call
		// (INVARIANT); the queue is a live, initialized wait queue
		// head that outlives the file (see above).
		bindings::kcxx_helper_poll_wait(file_, detail::WaitQueueOf<Q>::get(queue), table_);
	}

private:
	friend struct detail::PollTableAccess;
	PollTable(bindings::file *file, bindings::poll_table_struct *table) : file_(file), table_(table)
	{
	}

	bindings::file *file_;
	bindings::poll_table_struct *table_;
};

namespace detail {

struct PollTableAccess {
	static PollTable make(bindings::file *file, bindings::poll_table_struct *table)
	{
		return PollTable(file, table);
	}
};

} // namespace detail
} // namespace kcxx
