// SPDX-License-Identifier: GPL-2.0
/// \file
/// poll(2)/select(2)/epoll support for file operations: the readiness mask
/// and the poll table a poll operation registers its wait queues with.
///
///     kcxx::PollMask poll(kcxx::File &file, kcxx::PollTable &table) const
///     {
///         table.register_wait(file, shared_.changed);  // a kcxx::PollCondVar
///         auto state = shared_.state.lock();
///         kcxx::PollMask mask;
///         if (state->size > 0)
///             mask |= kcxx::EPOLLIN | kcxx::EPOLLRDNORM;
///         ...
///         return mask;
///     }
///
/// Register before looking at the state: a wake-up between the check and
/// the registration would otherwise be lost (the kernel's rule for ->poll).
///
/// The queue is a kcxx::PollCondVar: a CondVar (wait/notify as usual) whose
/// destructor first wakes any poller still queued on it with POLLFREE and
/// waits for an RCU grace period, as the kernel requires of a polled wait
/// queue that may die before the files polled on it (Rust's PollCondVar).
/// So an epoll entry can never point into freed memory, whatever owns the
/// queue; a plain CondVar cannot be registered.
#pragma once

#include <concepts>

#include <kcxx/bindings.h>
#include <kcxx/file.h>
#include <kcxx/sync/condvar.h>
#include <kcxx/types.h>

namespace kcxx {

/// A set of EPOLL* readiness bits.
///
/// INVARIANT: none beyond the bits (any combination is a valid mask).
class PollMask {
public:
	constexpr PollMask() = default;
	/// A mask of the given EPOLL* bits.
	explicit constexpr PollMask(u32 bits) : bits_(bits) {}

	/// The bits, as poll() returns them.
	[[nodiscard]] constexpr u32 bits() const { return bits_; }
	/// Whether every bit of 'other' is set here.
	[[nodiscard]] constexpr bool contains(PollMask other) const
	{
		return (bits_ & other.bits_) == other.bits_;
	}

	/// The bits of both.
	friend constexpr PollMask operator|(PollMask a, PollMask b) { return PollMask(a.bits_ | b.bits_); }
	/// Adds the bits of 'other'.
	constexpr PollMask &operator|=(PollMask other)
	{
		bits_ |= other.bits_;
		return *this;
	}
	/// Equal when the bits are.
	friend constexpr bool operator==(PollMask, PollMask) = default;

private:
	u32 bits_ = 0;
};

/// The kernel's EPOLL* bits (include/uapi/linux/eventpoll.h).
inline constexpr PollMask EPOLLIN{KCXX_EPOLLIN};
/// EPOLLPRI: urgent data to read.
inline constexpr PollMask EPOLLPRI{KCXX_EPOLLPRI};
/// EPOLLOUT: writing will not block.
inline constexpr PollMask EPOLLOUT{KCXX_EPOLLOUT};
/// EPOLLERR: an error condition.
inline constexpr PollMask EPOLLERR{KCXX_EPOLLERR};
/// EPOLLHUP: hang up (the other end is gone).
inline constexpr PollMask EPOLLHUP{KCXX_EPOLLHUP};
/// EPOLLRDNORM: normal data to read.
inline constexpr PollMask EPOLLRDNORM{KCXX_EPOLLRDNORM};
/// EPOLLWRNORM: normal data may be written.
inline constexpr PollMask EPOLLWRNORM{KCXX_EPOLLWRNORM};

namespace detail {

/// CondVar's wait queue head (a friend of CondVar).  INVARIANT: none
/// (a static accessor).
template <> struct WaitQueueOf<CondVar> {
	static bindings::wait_queue_head *get(const CondVar &queue) { return queue.wait_.get(); }
};

struct PollTableAccess;

} // namespace detail

/// A condition variable that poll() may register pollers with.
///
/// INVARIANT: as CondVar's; in addition no poller is queued on it once its
/// destructor has run (POLLFREE wake-up, then an RCU grace period, which
/// every epoll entry removal waits for).
class PollCondVar : public CondVar {
public:
	using CondVar::CondVar;

	~PollCondVar()
	{
		// SAFETY: the wait queue head is initialised (CondVar's
		// INVARIANT).  __wake_up_pollfree() wakes every entry with
		// POLLFREE, which makes epoll detach it; synchronize_rcu()
		// waits until no epoll code can still be looking at the
		// queue.  May sleep: a PollCondVar dies in process context
		// (module exit, release).
		bindings::__wake_up_pollfree(detail::WaitQueueOf<CondVar>::get(*this));
		bindings::synchronize_rcu();
	}
};

/// The poll table of one poll call, lent to a driver's poll operation.
///
/// INVARIANT: file_ is the live struct file of the call; table_ is the
/// kernel's poll_table for it (possibly null: the kernel passes null when it
/// only wants the mask).  Not copyable: it lives for the one call.
class PollTable {
public:
	PollTable(const PollTable &) = delete;
	PollTable &operator=(const PollTable &) = delete;

	/// Adds 'queue' to the queues whose notification makes the poller
	/// re-check this file (poll_wait()).
	void register_wait(const File &, const PollCondVar &queue)
	{
		// SAFETY: file_ and table_ come from the kernel's ->poll call
		// (INVARIANT); the queue is an initialised wait queue head
		// that detaches its pollers before it dies (PollCondVar).
		bindings::kcxx_helper_poll_wait(file_, detail::WaitQueueOf<CondVar>::get(queue), table_);
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

/// INVARIANT: none (a factory for the framework's poll trampoline).
struct PollTableAccess {
	static PollTable make(bindings::file *file, bindings::poll_table_struct *table)
	{
		return PollTable(file, table);
	}
};

} // namespace detail
} // namespace kcxx
