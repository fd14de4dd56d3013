// SPDX-License-Identifier: GPL-2.0
//
// cnvme: recovery - a command that times out is aborted (Abort, 5.1); if
// it times out again, or the controller reports a fatal status, the
// controller is reset (7.3.2): dispatch stops, the controller is disabled,
// the requests it held are given back to blk-mq to be sent again (each at
// most max_retries times, then failed), the admin and I/O queues are set
// up afresh, dispatch resumes.  The same reset runs on NVME_IOCTL_RESET
// (`nvme reset /dev/cnvme-<pci>`), as the C driver's.
//
// The reset runs in a work item (Reset): the timeout handler and the
// ioctl only schedule it.  The work reaches the block side (BlockCore: the
// IoPath and its tag set) through a handle the driver object attaches at
// probe and detaches at remove, before it tears the block side down: a
// reset never runs on a half-removed controller, and one scheduled too
// late finds nothing attached and does nothing.
#pragma once

#include <kcxx/option.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/workqueue.h>

#include "io_path.h"

namespace cnvme {

// The block side of a controller with I/O queues: the blk-mq driver and its
// tag set (destroyed in that reverse order).  The disks on the tag set
// belong to the driver object, which deletes them first.
struct BlockCore {
	Box<IoPath> path; // outlives the tag set (its D)
	Box<mq::TagSet<IoPath>> tags;
};

// The controller's reset work.  Shared by the IoPath (its timeout handler
// schedules it), the controller's open files (the reset ioctl) and the
// driver object.
//
// INVARIANT: 'target' is the controller's block side while it is bound and
// its disks exist (attach() at probe, detach() first thing at remove); the
// work runs only while it is attached, and detach() waits for a running
// reset to end.
class Reset : public kcxx::Work<Reset> {
public:
	Reset() : target_(KCXX_LOCK_CLASS("cnvme.reset")) {}

	void attach(Arc<BlockCore> core) const { target_.lock()->emplace(std::move(core)); }

	// No reset from now on: one scheduled is cancelled, one running
	// finishes first.  Process context.
	void detach() const
	{
		kcxx::Option<Arc<BlockCore>> core;
		{
			auto target = target_.lock();
			if (*target)
				core.emplace(std::move(**target));
			target->reset();
		}
		(void)cancel();
	}

	// Schedules a reset ('self' is this work's own handle); false if
	// none can run any more (detached).
	static bool schedule(const Arc<Reset> &self)
	{
		auto target = self->target_.lock();
		if (!*target)
			return false;
		(**target)->path->mark_resetting();
		(void)kcxx::queue_work(kcxx::system_wq(), self.clone());
		return true;
	}

	// Schedules a reset and waits for it: its result (-ENODEV: detached).
	static Result<void> run_now(const Arc<Reset> &self)
	{
		if (!schedule(self))
			return ENODEV;
		(void)self->flush();
		int error = self->last_error_.load();
		return error ? kcxx::Error::from_errno(error) : Result<void>{};
	}

	static void run(Arc<Reset> self)
	{
		kcxx::Option<Arc<BlockCore>> core;
		{
			auto target = self->target_.lock();
			if (*target)
				core.emplace((**target).clone());
		}
		if (!core)
			return;
		Result<void> done = (*core)->path->reset(*(*core)->tags);
		self->last_error_.store(done.is_error() ? done.error().to_errno() : 0);
	}

private:
	kcxx::Mutex<kcxx::Option<Arc<BlockCore>>> target_;
	kcxx::Atomic<int> last_error_{0};
};

// Probe's: detaches the reset when the probe fails after attach() (the
// block side would otherwise live on in a cycle with its reset), after
// the disks made meanwhile are gone.  Disarmed once the driver object
// owns everything.
struct DetachOnError {
	const Reset &reset;
	bool armed = true;
	explicit DetachOnError(const Reset &r) : reset(r) {}
	DetachOnError(const DetachOnError &) = delete;
	DetachOnError &operator=(const DetachOnError &) = delete;
	~DetachOnError()
	{
		if (armed)
			reset.detach();
	}
};

inline mq::TimeoutAction IoPath::timeout(mq::RequestRef<IoPath> rq) const
{
	// Given up: its requests have failed (or are failing) already; a
	// reset scheduled or running takes care of this one.
	if (is_dead() || is_resetting())
		return mq::TimeoutAction::reset_timer;
	const u32 hw = rq.hw_queue();
	const IoQueue &q = *queues_[hw];
	u32 csts = REMOVED;
	if (auto regs = admin_->regs.try_access())
		csts = (*regs)->read32<nvme::reg::CSTS>();
	if (csts == REMOVED) {
		dev_err(device_.get(), "I/O timed out and the controller is gone: given up\n");
		give_up();
		return mq::TimeoutAction::done;
	}
	kcxx::Option<u16> id = q.in_flight.command_id(rq.tag());
	if (!id) // completing right now: not the controller's any more
		return mq::TimeoutAction::reset_timer;
	if (!(csts & nvme::CSTS_FATAL) && !rq.data().abort_sent) {
		rq.data().abort_sent = true;
		dev_warn(device_.get(), "I/O tag %u (command %04x) QID %u timed out, aborting\n", rq.tag(), *id, q.id);
		nvme::Command abort{};
		abort.cdw0 = nvme::ADMIN_ABORT;
		abort.cdw10 = (static_cast<u32>(*id) << 16) | q.id;
		auto state = admin_->submit.lock();
		Result<AdminAnswer> answer = admin_command(state, *admin_, abort);
		if (answer.is_ok() && !answer.value().status)
			return mq::TimeoutAction::reset_timer;
		// No abort: reset at once.
	}
	if (csts & nvme::CSTS_FATAL)
		dev_err(device_.get(), "controller fatal status (CSTS 0x%x): resetting the controller\n", csts);
	else
		dev_warn(device_.get(), "I/O tag %u QID %u timed out again: resetting the controller\n", rq.tag(),
			 q.id);
	if (Reset::schedule(reset_))
		return mq::TimeoutAction::reset_timer;
	dev_err(device_.get(), "I/O timed out and no reset can run: controller given up\n");
	give_up();
	return mq::TimeoutAction::done;
}

inline Result<void> IoPath::reset(const mq::TagSet<IoPath> &tags) const
{
	if (is_dead())
		return EIO;
	tags.quiesce(); // no queue_rq() runs from here on
	// No admin command either (passthrough, an abort) until the queues
	// are back: none would reach a disabled controller.
	auto state = admin_->submit.lock();
	// Whatever went wrong: the controller is given up, and what waits in
	// blk-mq is failed by queue_rq().
	auto fail = [&](const char *what) -> Result<void> {
		dev_err(device_.get(), "controller reset failed (%s): controller given up\n", what);
		give_up();
		resetting_.store(0, kcxx::order::Release{});
		tags.unquiesce();
		return EIO;
	};
	auto guard = admin_->regs.try_access();
	if (!guard)
		return fail("unbound");
	const Registers &r = **guard;
	const nvme::Capabilities cap{r.read64<nvme::reg::CAP>()};
	// Register doorbells until the controller is told again where the
	// shadow doorbells are (a reset forgets them).
	for (unsigned long i = 0; i < queues_.size(); ++i)
		queues_[i]->shadow_on.store(0, kcxx::order::Release{});
	if (disable(r, cap).is_error())
		return fail("disable");
	// The controller touches no queue now; its handlers finish what
	// they were doing, then nothing consumes the rings.
	for (unsigned long i = 0; i < interrupts_.size(); ++i)
		interrupts_[i].wait();
	unsigned int retried = 0, failed = 0;
	const unsigned int retries = max_retries.get();
	for (unsigned long i = 0; i < queues_.size(); ++i)
		(void)queues_[i]->in_flight.cancel([&](mq::MappedRequest<IoPath> &&lost) {
			mq::Request<IoPath> rq = std::move(lost).unmap();
			if (rq.data().retries < retries) {
				++rq.data().retries;
				++retried;
				std::move(rq).retry();
			} else {
				++failed;
				std::move(rq).end(Status::ioerr());
			}
		});
	{
		if (admin_->restart(state, r).is_error())
			return fail("admin queue");
		if (enable(r, cap).is_error())
			return fail("enable");
		Result<u32> granted = request_queue_count(state, *admin_, static_cast<u32>(queues_.size()));
		if (granted.is_error() || granted.value() < queues_.size())
			return fail("number of queues");
		for (unsigned long i = 0; i < queues_.size(); ++i) {
			const IoQueue &q = *queues_[i];
			if (q.restart().is_error())
				return fail("I/O queue");
			if (create_queue_pair(state, *admin_, q, shared_vector_ ? 0 : q.id).is_error())
				return fail("I/O queue creation");
		}
		if (queues_.size() && queues_[0]->shadow) {
			Result<bool> configured = configure_shadow_doorbells(state, *admin_, **queues_[0]->shadow);
			if (configured.is_error())
				return fail("doorbell buffer config");
			for (unsigned long i = 0; configured.value() && i < queues_.size(); ++i)
				queues_[i]->shadow_on.store(1, kcxx::order::Release{});
		}
	}
	(void)resets_.fetch_add(1);
	dev_info(device_.get(), "controller reset: %u request(s) sent again, %u failed after %u tries\n", retried,
		 failed, retries + 1);
	resetting_.store(0, kcxx::order::Release{});
	tags.unquiesce();
	return {};
}

} // namespace cnvme
