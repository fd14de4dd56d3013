// SPDX-License-Identifier: GPL-2.0
/// \file
/// Interrupt handlers (Rust's irq::Registration, ThreadedRegistration).
///
///     struct Handler {
///         kcxx::Arc<State> state;                 // what it shares with the driver
///         // hard interrupt context; 'dev' proves the device is bound
///         kcxx::irq::Return handle(const kcxx::BoundDevice &dev) const {
///             const Regs *regs = ...state->regs.access(dev)...;   // no guard needed
///             ...; return kcxx::irq::Return::handled;
///         }
///     };
///     auto irq = TRY(kcxx::irq::Registration<Handler>::try_new(
///             TRY(pdev.irq_request(0)), kcxx::irq::Flags::shared, "edu", GFP_KERNEL,
///             Handler{state.clone()}));
///
/// What the types guarantee:
///  - The handler object lives at a fixed heap address (the registration is
///    a handle to it, so it may move) and outlives its request_irq(): the
///    IRQ is freed before the handler is destroyed.  free_irq() waits for
///    a running handler to return.
///  - The IRQ is freed at the latest at unbind of the device it belongs to
///    (a devres action), even if the handle lives on - in an Arc shared with
///    open files, say: after unbind no handler of this driver runs for that
///    device.  Dropping the handle earlier frees it then.
///  - handle() is const: interrupt handlers run concurrently with the rest
///    of the driver (and, for a shared line, with themselves on another CPU),
///    so the state they reach must be safe for concurrent use - Atomic,
///    SpinLockIrq, Completion, a Devres guard.  A handler that changes plain
///    member state does not compile.
///  - The handler is called with the device it was registered for, as a
///    BoundDevice (Rust's Handler::handle(&self, &Device<Bound>)): the IRQ
///    is freed at unbind at the latest, so while a handler runs its device
///    is bound, and Devres::access(dev) reaches the device's registers with
///    no guard and no atomic.  handle() without the argument works too.
///  - Threaded: handle() runs in hard interrupt context and returns
///    Return::wake_thread to have handle_threaded() run in a kernel thread,
///    where it may sleep.
///
/// INVARIANT (Registration, ThreadedRegistration): handler_ is null (moved
/// from) or the heap Slot (the H and its device) that line_'s IRQ was
/// requested with, and line_ is
/// destroyed (freeing the IRQ) before handler_ (declaration order).
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/irq/request.h>
#include <kcxx/result.h>

namespace kcxx::irq {

/// irqreturn_t.
enum class Return : int {
	none = KCXX_IRQ_NONE,		 // not ours (a shared line)
	handled = KCXX_IRQ_HANDLED,
	wake_thread = KCXX_IRQ_WAKE_THREAD, // threaded handlers only
};

/// request_irq() flags a driver may choose.
enum class Flags : unsigned long {
	none = 0,
	shared = KCXX_IRQF_SHARED, // the line may be shared (INTx)
};

template <typename H> concept HandlesWithDevice = requires(const H &h, const BoundDevice &dev) {
	{ h.handle(dev) } -> std::same_as<Return>;
};
template <typename H> concept HandlesAlone = requires(const H &h) {
	{ h.handle() } -> std::same_as<Return>;
};
template <typename H> concept Handler = HandlesWithDevice<H> || HandlesAlone<H>;

template <typename H> concept ThreadedHandlesWithDevice = requires(const H &h, const BoundDevice &dev) {
	{ h.handle_threaded(dev) } -> std::same_as<Return>;
};
template <typename H> concept ThreadedHandlesAlone = requires(const H &h) {
	{ h.handle_threaded() } -> std::same_as<Return>;
};
template <typename H> concept ThreadedHandler = Handler<H> && (ThreadedHandlesWithDevice<H> || ThreadedHandlesAlone<H>);

namespace detail {

template <typename H> constexpr bool check_handler()
{
	static_assert(Handler<H>,
		      "kcxx: an interrupt handler needs 'kcxx::irq::Return handle(const kcxx::BoundDevice &) "
		      "const' (or handle() const): it runs "
		      "concurrently with the rest of the driver, so it may change only state that is "
		      "safe to share (Atomic, SpinLockIrq, Completion), never a plain member");
	return true;
}

/// The requested line: freeing it is what the devres action or the
/// handle's destructor does.  The request is made in the constructor, once
/// the devres block exists, so a requested line always has an owner;
/// 'error' says whether it succeeded.
///
/// INVARIANT: if error is 0, irq is requested with cookie 'cookie' until
/// destruction.
struct Line {
	unsigned int irq;
	void *cookie;
	int error;

	Line(unsigned int number, bindings::kcxx_irq_handler_t hard, bindings::kcxx_irq_handler_t thread,
	     unsigned long flags, const char *name, void *data)
		: irq(number), cookie(data)
	{
		// SAFETY: 'data' is the handler object, which lives at a fixed
		// address until after this Line is destroyed (INVARIANT of
		// the registration); 'name' outlives the registration (the
		// caller's contract, see try_new()).
		error = bindings::request_threaded_irq(number, hard, thread, flags, name, data);
	}
	Line(const Line &) = delete;
	Line &operator=(const Line &) = delete;
	~Line()
	{
		if (error == 0)
			// SAFETY: requested with this cookie (INVARIANT);
			// free_irq() waits for a running handler.
			(void)bindings::free_irq(irq, cookie);
	}
};

/// What the IRQ is requested with: the handler and its device.
///
/// INVARIANT: device was bound when the slot was made; the IRQ requested
/// with this slot is freed at the latest when that binding ends.
template <typename H> struct Slot {
	H handler;
	bindings::device *device;

	template <typename... Args>
	explicit Slot(bindings::device *dev, Args &&...args) : handler(std::forward<Args>(args)...), device(dev)
	{
	}
};

template <typename H> int hard_handler(int, void *data)
{
	// SAFETY: 'data' is the Slot this IRQ was requested with, alive
	// until after free_irq() (INVARIANT of the registration); the IRQ is
	// freed by unbind at the latest, so while this runs the device is
	// bound (INVARIANT of Slot).
	const auto *slot = static_cast<const Slot<H> *>(data);
	if constexpr (HandlesWithDevice<H>)
		return static_cast<int>(
			slot->handler.handle(kcxx::detail::DeviceContextAccess::bound(slot->device)));
	else
		return static_cast<int>(slot->handler.handle());
}

template <typename H> int thread_handler(int, void *data)
{
	// SAFETY: as hard_handler(): free_irq() also waits for the thread.
	const auto *slot = static_cast<const Slot<H> *>(data);
	if constexpr (ThreadedHandlesWithDevice<H>)
		return static_cast<int>(
			slot->handler.handle_threaded(kcxx::detail::DeviceContextAccess::bound(slot->device)));
	else
		return static_cast<int>(slot->handler.handle_threaded());
}

template <typename H>
Result<Devres<Line>> request(const Request &request, Flags flags, const char *name, Gfp gfp, const Slot<H> *slot,
			     bindings::kcxx_irq_handler_t thread)
{
	if (!name)
		return code::EINVAL;
	auto line = TRY(Devres<Line>::try_new(request.device(), gfp, request.irq(), &hard_handler<H>,
					      thread,
					      static_cast<unsigned long>(flags), name, const_cast<Slot<H> *>(slot)));
	const Line *requested = TRY(line.access(request.device()));
	if (requested->error)
		return Error::from_errno(requested->error);
	return line;
}

} // namespace detail

/// Waits for the running handlers of one interrupt line to return
/// (synchronize_irq()): after a device was told to stop interrupting, what
/// its handler was doing is finished.  A copyable number; waiting on a line
/// that was freed meanwhile (or reused by another device) only waits for
/// whatever runs there: harmless.
class Synchronizer {
public:
	Synchronizer() = default;
	/// Waits until every handler running on the line has returned (synchronize_irq()).
	void wait() const
	{
		if (irq_)
			// SAFETY: synchronize_irq() accepts any number (an
			// unknown one returns at once); process context.
			bindings::synchronize_irq(irq_);
	}

private:
	template <typename> friend class Registration;
	explicit Synchronizer(unsigned int irq) : irq_(irq) {}
	unsigned int irq_ = 0;
};

/// A handler registered on an interrupt line (see the top of this file).
template <typename H> class Registration {
	static_assert(detail::check_handler<H>());

public:
	/// Builds the H from 'args' and registers it on 'request'.  'name'
	/// (shown in /proc/interrupts) must outlive the registration: a string
	/// literal or the device's name.
	template <typename... Args>
	[[nodiscard]] static Result<Registration> try_new(const Request &request, Flags flags, const char *name,
							  Gfp gfp, Args &&...args)
	{
		auto handler = TRY(Box<detail::Slot<H>>::try_new(gfp, request.device().as_raw(),
								  std::forward<Args>(args)...));
		auto line = TRY(detail::request(request, flags, name, gfp, &*handler, nullptr));
		return Registration(std::move(handler), std::move(line));
	}

	/// Takes over other's registration; the handler stays registered where
	/// it is (in a Box, which the interrupt line points to).
	Registration(Registration &&) = default;
	Registration(const Registration &) = delete;
	Registration &operator=(const Registration &) = delete;

	/// The handler object (const: the interrupt may run at any moment).
	[[nodiscard]] const H &handler() const { return handler_->handler; }

	/// What waits for this line's running handlers (none once the line
	/// was freed at unbind).
	[[nodiscard]] Synchronizer synchronizer() const
	{
		auto line = line_.try_access();
		return line && (*line)->error == 0 ? Synchronizer((*line)->irq) : Synchronizer();
	}

private:
	Registration(Box<detail::Slot<H>> handler, Devres<detail::Line> line)
		: handler_(std::move(handler)), line_(std::move(line))
	{
	}

	Box<detail::Slot<H>> handler_;
	Devres<detail::Line> line_; // after handler_: destroyed first
};

/// A handler with a thread part (see the top of this file).
template <typename H> class ThreadedRegistration {
	static_assert(detail::check_handler<H>());
	static_assert(ThreadedHandler<H>,
		      "kcxx: a threaded interrupt handler also needs 'kcxx::irq::Return handle_threaded() const'");

public:
	/// Builds the H from 'args' and registers it, with its thread part, on
	/// 'request'.  'name' must outlive the registration.
	template <typename... Args>
	[[nodiscard]] static Result<ThreadedRegistration> try_new(const Request &request, Flags flags,
								  const char *name, Gfp gfp, Args &&...args)
	{
		auto handler = TRY(Box<detail::Slot<H>>::try_new(gfp, request.device().as_raw(),
								  std::forward<Args>(args)...));
		auto line = TRY(detail::request(request, flags, name, gfp, &*handler, &detail::thread_handler<H>));
		return ThreadedRegistration(std::move(handler), std::move(line));
	}

	/// Takes over other's registration; the handler stays where it is (in a Box).
	ThreadedRegistration(ThreadedRegistration &&) = default;
	ThreadedRegistration(const ThreadedRegistration &) = delete;
	ThreadedRegistration &operator=(const ThreadedRegistration &) = delete;

	/// The handler, shared with the interrupt and its thread (const).
	[[nodiscard]] const H &handler() const { return handler_->handler; }

private:
	ThreadedRegistration(Box<detail::Slot<H>> handler, Devres<detail::Line> line)
		: handler_(std::move(handler)), line_(std::move(line))
	{
	}

	Box<detail::Slot<H>> handler_;
	Devres<detail::Line> line_;
};

} // namespace kcxx::irq
