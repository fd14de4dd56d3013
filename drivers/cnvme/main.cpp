// SPDX-License-Identifier: GPL-2.0
//
// cnvme: an NVMe driver in C++ on kcxx's device model, for QEMU's
// -device nvme (1b36:0010) or any controller of the NVMe class, with
// Debian's C nvme driver as the oracle (issue 13).
//
// What it does so far - controller bring-up:
//  - resets the controller, checks its capabilities (the NVM command set,
//    4 KiB pages), sets up the admin queue pair in coherent DMA memory,
//    enables it and waits for it to be ready (CAP.TO);
//  - allocates an MSI-X vector (MSI or INTx if the controller has none)
//    and completes admin commands by interrupt;
//  - identifies the controller and shows what user-space tools read in
//    sysfs: model, serial, firmware_rev (as the C driver's
//    /sys/class/nvme/nvmeN/), and the number of namespaces;
//  - shuts the controller down (CC.SHN) at remove.
// Namespaces, I/O queues and blk-mq come next.
//
// The driver sees only safe kcxx types: the registers, the queues and the
// identify buffer are Devres or coherent allocations; offsets are checked
// at compile time (doorbells, whose stride the controller gives, at run
// time); the interrupt handler is const and reaches the shared admin state
// through atomics.
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/devres.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/file.h>
#include <kcxx/ioctl.h>
#include <kcxx/io/poll.h>
#include <kcxx/irq/registration.h>
#include <kcxx/miscdevice.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/driver.h>
#include <kcxx/string_builder.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sysfs.h>
#include <kcxx/time.h>
#include <kcxx/topology.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>
#include <kcxx/uaccess.h>

#include "nvme.h"

namespace {

using kcxx::Arc;
using kcxx::Box;
using kcxx::Devres;
using kcxx::Result;
using kcxx::u16;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;
using kcxx::code::EFAULT;
using kcxx::code::EINVAL;
using kcxx::code::EIO;
using kcxx::code::ENODEV;
using kcxx::code::EPERM;
using kcxx::code::ETIMEDOUT;
namespace nvme = cnvme::nvme;

// The registers and the admin queue's doorbells (3.1; with a doorbell
// stride of 4 the I/O queues' follow at 0x1008 on).
constexpr unsigned long REGS_SIZE = 0x2000;
constexpr u32 ADMIN_DEPTH = 32;
constexpr unsigned int ADMIN_TIMEOUT_S = 10;
constexpr unsigned int SHUTDOWN_TIMEOUT_S = 5;
// Entries per I/O queue (QEMU's controller takes up to 2048).
constexpr u32 IO_DEPTH = 64;

using Registers = kcxx::pci::Bar<REGS_SIZE>;
using SubmissionRing = kcxx::dma::CoherentAllocation<nvme::Command>;
using CompletionRing = kcxx::dma::CoherentAllocation<nvme::Completion>;
// The data buffer of admin commands (identify, passthrough): one page,
// what PRP1 alone describes.
using DataBuffer = kcxx::dma::CoherentAllocation<u8>;
constexpr unsigned long DATA_SIZE = 4096;

// What a finished admin command answered.
struct AdminAnswer {
	u32 status; // the status field, 0: success
	u32 result; // dword 0
};

// The submitter's side of the admin queue, behind the submit lock.
struct AdminSubmitState {
	u32 tail = 0;	   // the next free slot (and command id)
	bool gone = false; // remove began (or a command timed out): no more commands
};

// The admin queue pair: one command at a time (the submit lock); the
// interrupt handler consumes the completion ring.  Shared by the driver,
// its interrupt handler and the open files of its character device (which
// outlive the binding: then every command is -ENODEV).
//
// INVARIANT: regs, sq, cq and data belong to the controller this queue was
// made for, whose AQA/ASQ/ACQ point at sq and cq; cq_head and cq_phase are
// written only by the interrupt handler (one at a time: the kernel does not
// run a handler of the same IRQ concurrently with itself); the controller
// writes 'data' only while a command that points at it runs, under the
// submit lock.
struct AdminQueue {
	Devres<Registers> regs;
	Devres<SubmissionRing> sq;
	Devres<CompletionRing> cq;
	Devres<DataBuffer> data;
	u32 sq_doorbell;
	u32 cq_doorbell;
	kcxx::Mutex<AdminSubmitState> submit;
	kcxx::Completion done;		 // a completion was consumed
	kcxx::Atomic<u32> cq_head{0};
	kcxx::Atomic<u32> cq_phase{1};
	kcxx::Atomic<u32> last_id{0xffff}; // the last completion's command id,
	kcxx::Atomic<u32> last_status{0};  // status field and
	kcxx::Atomic<u32> last_result{0};  // result (dword 0)
	kcxx::Atomic<u64> interrupts{0};

	AdminQueue(Devres<Registers> r, Devres<SubmissionRing> s, Devres<CompletionRing> c, Devres<DataBuffer> d,
		   u32 stride)
		: regs(std::move(r)), sq(std::move(s)), cq(std::move(c)), data(std::move(d)),
		  sq_doorbell(nvme::reg::DOORBELLS), cq_doorbell(nvme::reg::DOORBELLS + stride),
		  submit(KCXX_LOCK_CLASS("cnvme.admin_submit"))
	{
	}

	// Runs one admin command and waits for its completion (the caller
	// holds the submit lock and reached the registers and the ring).
	// -ETIMEDOUT: the controller did not answer in ADMIN_TIMEOUT_S; it is
	// then disabled (it may no longer write memory the command pointed
	// to) and the queue is gone for good.
	Result<AdminAnswer> run(kcxx::MutexGuard<AdminSubmitState> &state, const Registers &r,
				const SubmissionRing &ring, nvme::Command command) const
	{
		if (state->gone)
			return ENODEV;
		u32 id = state->tail; // the slot is the command id: one in flight
		command.cdw0 = (command.cdw0 & 0xffff) | (id << 16);
		done.reinit_for_waiter();
		TRY(ring.write(id, command));
		state->tail = (id + 1) % ADMIN_DEPTH;
		TRY(r.try_write32(state->tail, sq_doorbell));
		kcxx::Jiffies deadline = kcxx::Jiffies::now() + kcxx::Jiffies::from_secs(ADMIN_TIMEOUT_S);
		while (last_id.load(kcxx::order::Acquire{}) != id) {
			kcxx::Jiffies now = kcxx::Jiffies::now();
			if (!now.before(deadline) || !done.wait_timeout((deadline - now).to_timeout())) {
				state->gone = true;
				r.write32<nvme::reg::CC>(0);
				pr_warn("cnvme: admin command 0x%02x timed out: controller disabled\n",
					command.cdw0 & 0xff);
				return ETIMEDOUT;
			}
		}
		last_id.store(0xffff);
		return AdminAnswer{last_status.load(), last_result.load()};
	}
};

// The admin queue's interrupt: consumes every new completion (its phase
// tag flipped by the controller), rings the completion doorbell, wakes the
// submitter.
struct AdminHandler {
	Arc<AdminQueue> queue;

	kcxx::irq::Return handle(const kcxx::BoundDevice &dev) const
	{
		const AdminQueue &q = *queue;
		Result<const Registers *> regs = q.regs.access(dev);
		Result<const CompletionRing *> cq = q.cq.access(dev);
		if (regs.is_error() || cq.is_error()) [[unlikely]]
			return kcxx::irq::Return::none;
		u32 head = q.cq_head.load();
		u32 phase = q.cq_phase.load();
		bool consumed = false;
		for (;;) {
			// The status (with the phase tag) first: the rest of the
			// entry is valid once it has flipped.
			Result<u16> status = cq.value()->read_field(head, &nvme::Completion::status);
			if (status.is_error() || (status.value() & 1) != phase)
				break;
			u32 result = cq.value()->read_field(head, &nvme::Completion::result).value_or(0);
			u16 id = cq.value()->read_field(head, &nvme::Completion::command_id).value_or(0xffff);
			q.last_status.store(status.value() >> 1);
			q.last_result.store(result);
			q.last_id.store(id, kcxx::order::Release{});
			consumed = true;
			if (++head == ADMIN_DEPTH) {
				head = 0;
				phase ^= 1;
			}
		}
		if (!consumed)
			return kcxx::irq::Return::none;
		q.cq_head.store(head);
		q.cq_phase.store(phase);
		(void)regs.value()->try_write32(head, q.cq_doorbell);
		(void)q.interrupts.fetch_add(1);
		q.done.complete();
		return kcxx::irq::Return::handled;
	}
};

// One I/O queue pair (qid 1, 2, ...: a submission and a completion ring),
// with an MSI-X vector of its own.  Created at probe and deleted at remove;
// idle until the block layer drives it (issue 13), so its interrupt only
// acknowledges what completes.
//
// INVARIANT: sq and cq belong to the controller of the AdminQueue the
// handler holds, which created the pair with this id; cq_head and cq_phase
// are written only by the interrupt handler.
struct IoQueue {
	Devres<SubmissionRing> sq;
	Devres<CompletionRing> cq;
	u16 id;
	u32 cq_doorbell;
	kcxx::Atomic<u32> cq_head{0};
	kcxx::Atomic<u32> cq_phase{1};
	kcxx::Atomic<u64> completions{0};

	IoQueue(Devres<SubmissionRing> s, Devres<CompletionRing> c, u16 qid, u32 stride)
		: sq(std::move(s)), cq(std::move(c)), id(qid), cq_doorbell(nvme::reg::DOORBELLS + (2 * qid + 1) * stride)
	{
	}
};

struct IoHandler {
	Arc<IoQueue> queue;
	Arc<AdminQueue> admin; // the registers

	kcxx::irq::Return handle(const kcxx::BoundDevice &dev) const
	{
		const IoQueue &q = *queue;
		Result<const Registers *> regs = admin->regs.access(dev);
		Result<const CompletionRing *> cq = q.cq.access(dev);
		if (regs.is_error() || cq.is_error()) [[unlikely]]
			return kcxx::irq::Return::none;
		u32 head = q.cq_head.load();
		u32 phase = q.cq_phase.load();
		u64 consumed = 0;
		for (;;) {
			Result<u16> status = cq.value()->read_field(head, &nvme::Completion::status);
			if (status.is_error() || (status.value() & 1) != phase)
				break;
			++consumed;
			if (++head == IO_DEPTH) {
				head = 0;
				phase ^= 1;
			}
		}
		if (!consumed)
			return kcxx::irq::Return::none;
		q.cq_head.store(head);
		q.cq_phase.store(phase);
		(void)regs.value()->try_write32(head, q.cq_doorbell);
		(void)q.completions.fetch_add(consumed);
		return kcxx::irq::Return::handled;
	}
};

// A queue pair and its interrupt (the name outlives the registration).
struct IoQueuePair {
	Arc<IoQueue> queue;
	Box<kcxx::StringBuilder<32>> irq_name;
	kcxx::irq::Registration<IoHandler> irq;
};

// An admin command from probe or remove, with the submit lock held:
// reaches the registers and the ring through guards (remove has no proof
// of binding at hand).
Result<AdminAnswer> admin_command(kcxx::MutexGuard<AdminSubmitState> &state, const AdminQueue &q,
				  const nvme::Command &command)
{
	auto regs = q.regs.try_access();
	auto ring = q.sq.try_access();
	if (!regs || !ring)
		return ENODEV;
	return q.run(state, **regs, **ring, command);
}

// The user ABI of Linux's NVMe controller character device
// (include/uapi/linux/nvme_ioctl.h), which nvme-cli speaks: an admin
// command and its answer.
struct Passthru {
	u8 opcode;
	u8 flags;
	u16 rsvd1;
	u32 nsid;
	u32 cdw2;
	u32 cdw3;
	u64 metadata;
	u64 addr;
	u32 metadata_len;
	u32 data_len;
	u32 cdw10;
	u32 cdw11;
	u32 cdw12;
	u32 cdw13;
	u32 cdw14;
	u32 cdw15;
	u32 timeout_ms;
	u32 result;
};
static_assert(sizeof(Passthru) == 72);
struct Passthru64 {
	u8 opcode;
	u8 flags;
	u16 rsvd1;
	u32 nsid;
	u32 cdw2;
	u32 cdw3;
	u64 metadata;
	u64 addr;
	u32 metadata_len;
	u32 data_len;
	u32 cdw10;
	u32 cdw11;
	u32 cdw12;
	u32 cdw13;
	u32 cdw14;
	u32 cdw15;
	u32 timeout_ms;
	u32 rsvd2;
	u64 result;
};
static_assert(sizeof(Passthru64) == 80);
constexpr auto ADMIN_CMD = kcxx::ioctl::ReadWrite<Passthru>('N', 0x41);
constexpr auto ADMIN64_CMD = kcxx::ioctl::ReadWrite<Passthru64>('N', 0x47);

// Admin commands user space may not send: they would let the controller
// reach memory the driver does not own, or take the queues the driver
// runs (create/delete I/O queues, the doorbell buffer, Set Features' host
// memory buffer), or wait without bound (asynchronous event requests).
// The C driver sends anything root asks; cnvme answers -EPERM.
bool admin_command_refused(u8 opcode, u32 cdw10)
{
	switch (opcode) {
	case 0x00: // Delete I/O Submission Queue
	case 0x01: // Create I/O Submission Queue
	case 0x04: // Delete I/O Completion Queue
	case 0x05: // Create I/O Completion Queue
	case 0x0c: // Asynchronous Event Request
	case 0x7c: // Doorbell Buffer Config
		return true;
	case 0x09: // Set Features: Host Memory Buffer (FID 0x0d)
		return (cdw10 & 0xff) == 0x0d;
	default:
		return false;
	}
}

// One open file of /dev/cnvme-<pci name>: admin passthrough.  It holds
// the admin queue, not the driver: after unbind its commands are -ENODEV.
class ControllerFile {
public:
	using Shared = Arc<AdminQueue>;

	static Result<ControllerFile> open(Arc<AdminQueue> &queue, kcxx::File &)
	{
		return ControllerFile(queue.clone());
	}

	Result<long> ioctl(kcxx::File &, kcxx::ioctl::Request request) const
	{
		using namespace kcxx::ioctl;
		return request.dispatch(
			handle<ADMIN_CMD>([&](In<Passthru> in, Out<Passthru> out) -> Result<long> {
				Passthru cmd = TRY(std::move(in).read());
				long status = TRY(passthrough(cmd));
				TRY(std::move(out).write(cmd));
				return status;
			}),
			handle<ADMIN64_CMD>([&](In<Passthru64> in, Out<Passthru64> out) -> Result<long> {
				Passthru64 cmd = TRY(std::move(in).read());
				long status = TRY(passthrough(cmd));
				TRY(std::move(out).write(cmd));
				return status;
			}));
	}

private:
	explicit ControllerFile(Arc<AdminQueue> queue) : queue_(std::move(queue)) {}

	// Runs 'cmd' as the C driver does (nvme_user_cmd()): its data through
	// the admin data buffer (one page: data_len up to 4096), its result
	// back in cmd.result, and the command's NVMe status (positive, 0 for
	// success) as the ioctl's value.  -EINVAL for flags, metadata or a
	// data length the driver does not take; -EPERM for a refused command.
	template <typename Cmd> Result<long> passthrough(Cmd &cmd) const
	{
		if (cmd.flags || cmd.rsvd1 || cmd.metadata || cmd.metadata_len || cmd.data_len > DATA_SIZE)
			return EINVAL;
		if (admin_command_refused(cmd.opcode, cmd.cdw10))
			return EPERM;
		// Data direction: opcode bits 1:0 (host to controller 01,
		// controller to host 10, both 11).
		bool to_controller = (cmd.opcode & 1) && cmd.data_len;
		bool from_controller = (cmd.opcode & 2) && cmd.data_len;
		if (cmd.data_len && !to_controller && !from_controller)
			return EINVAL;
		kcxx::UserSlice user(kcxx::UserAddress(cmd.addr), cmd.data_len);
		if (cmd.data_len && !user.in_user_space())
			return EFAULT;

		const AdminQueue &q = *queue_;
		auto state = q.submit.lock();
		auto regs = q.regs.try_access();
		auto ring = q.sq.try_access();
		auto data = q.data.try_access();
		if (!regs || !ring || !data)
			return ENODEV;
		const DataBuffer &buffer = **data;
		if (to_controller) {
			auto reader = kcxx::UserSlice(kcxx::UserAddress(cmd.addr), cmd.data_len).reader();
			TRY(buffer.copy_from_user(reader, 0, cmd.data_len));
		} else if (from_controller) {
			// What the controller does not write must not be an
			// earlier command's data.
			for (u32 i = 0; i < cmd.data_len; ++i)
				TRY(buffer.write(i, 0));
		}
		nvme::Command command{};
		command.cdw0 = cmd.opcode;
		command.nsid = cmd.nsid;
		command.cdw2 = cmd.cdw2;
		command.cdw3 = cmd.cdw3;
		command.prp1 = cmd.data_len ? buffer.dma_address().value() : 0;
		command.cdw10 = cmd.cdw10;
		command.cdw11 = cmd.cdw11;
		command.cdw12 = cmd.cdw12;
		command.cdw13 = cmd.cdw13;
		command.cdw14 = cmd.cdw14;
		command.cdw15 = cmd.cdw15;
		AdminAnswer answer = TRY(q.run(state, **regs, **ring, command));
		if (from_controller && answer.status == 0) {
			auto writer = kcxx::UserSlice(kcxx::UserAddress(cmd.addr), cmd.data_len).writer();
			TRY(buffer.copy_to_user(writer, 0, cmd.data_len));
		}
		cmd.result = answer.result;
		return static_cast<long>(answer.status);
	}

	Arc<AdminQueue> queue_;
};

// A register of a controller that is no longer there (surprise removal)
// reads as all ones.
constexpr u32 REMOVED = 0xffffffff;

// CC.EN = 0 and wait for CSTS.RDY = 0: the controller stops using every
// queue (and any memory they point to).  -ENODEV if it is gone.
Result<void> disable(const Registers &r, nvme::Capabilities cap)
{
	r.write32<nvme::reg::CC>(r.read32<nvme::reg::CC>() & ~nvme::CC_ENABLE);
	u32 csts = TRY(kcxx::io::read_poll_timeout(
		[&] { return r.read32<nvme::reg::CSTS>(); },
		[](u32 s) { return s == REMOVED || !(s & nvme::CSTS_READY); }, 100,
		kcxx::Jiffies::from_msecs(cap.ready_timeout_ms() + 500)));
	if (csts == REMOVED)
		return ENODEV;
	return {};
}

Result<void> enable(const Registers &r, nvme::Capabilities cap)
{
	r.write32<nvme::reg::CC>(nvme::CC_ENABLE | nvme::CC_IOSQES | nvme::CC_IOCQES);
	u32 csts = TRY(kcxx::io::read_poll_timeout(
		[&] { return r.read32<nvme::reg::CSTS>(); },
		[](u32 s) { return (s & nvme::CSTS_READY) || (s & nvme::CSTS_FATAL); }, 100,
		kcxx::Jiffies::from_msecs(cap.ready_timeout_ms() + 500)));
	if (csts & nvme::CSTS_FATAL)
		return EIO;
	return {};
}

// An ASCII field of the identify data as the C driver shows it in sysfs
// ("%.*s" of the whole field: its space padding kept, up to a NUL).
template <unsigned long N>
Result<void> copy_string(const kcxx::dma::CoherentAllocation<u8> &data, nvme::Field field,
			 kcxx::StringBuilder<N> &out)
{
	static_assert(N > 40, "room for the longest field (the model, 40 bytes)");
	for (unsigned long i = 0; i < field.length; ++i) {
		u8 c = TRY(data.read(field.offset + i));
		if (c == 0)
			break;
		TRY(out.append_char(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?'));
	}
	return {};
}

// What Identify Controller says that the driver shows (sysfs) or uses.
struct Identity {
	kcxx::StringBuilder<48> model;
	kcxx::StringBuilder<48> serial;
	kcxx::StringBuilder<48> firmware;
	u32 namespaces = 0; // NN: the most namespaces the controller may have
};

// Identify Controller, through the admin queue (probe: 'dev' is bound).
Result<Box<Identity>> identify(const kcxx::BoundDevice &dev, const AdminQueue &q)
{
	const Registers *r = TRY(q.regs.access(dev));
	const SubmissionRing *ring = TRY(q.sq.access(dev));
	const DataBuffer &data = *TRY(q.data.access(dev));
	auto state = q.submit.lock();
	nvme::Command command{};
	command.cdw0 = nvme::ADMIN_IDENTIFY;
	command.prp1 = data.dma_address().value();
	command.cdw10 = nvme::IDENTIFY_CONTROLLER;
	AdminAnswer answer = TRY(q.run(state, *r, *ring, command));
	if (answer.status) {
		dev_err(dev, "identify failed: status 0x%x\n", answer.status);
		return EIO;
	}
	auto id = TRY(Box<Identity>::try_new(kcxx::GFP_KERNEL));
	TRY(copy_string(data, nvme::ID_MODEL, id->model));
	TRY(copy_string(data, nvme::ID_SERIAL, id->serial));
	TRY(copy_string(data, nvme::ID_FIRMWARE, id->firmware));
	for (unsigned long i = 0; i < nvme::ID_NAMESPACES.length; ++i)
		id->namespaces |= static_cast<u32>(TRY(data.read(nvme::ID_NAMESPACES.offset + i))) << (8 * i);
	return id;
}

// Asks the controller for an I/O queue pair per interrupt vector beyond the
// admin queue's (Set Features, Number of Queues), and creates as many as it
// grants, each on its own vector (probe: 'pdev' is bound).  Fewer than two
// vectors: no I/O queues.  On an error the caller disables the
// controller, which deletes every queue it has.
Result<kcxx::Vec<IoQueuePair>> create_io_queues(const kcxx::pci::CoreDevice &pdev, const Arc<AdminQueue> &admin,
						u32 stride, unsigned int vectors)
{
	const kcxx::BoundDevice &dev = pdev.device();
	unsigned long room = TRY(admin->regs.access(dev))->mapped_size();
	u32 wanted = vectors > 1 ? vectors - 1 : 0;
	// Each queue's doorbells must lie in BAR0.
	while (wanted > 0 && nvme::reg::DOORBELLS + (2 * wanted + 2) * static_cast<unsigned long>(stride) > room)
		--wanted;
	// Room for every pair up front: a push cannot fail after the
	// controller created the queue.
	auto pairs = TRY(kcxx::Vec<IoQueuePair>::try_with_capacity(wanted ? wanted : 1, kcxx::GFP_KERNEL));
	if (wanted == 0)
		return pairs;
	auto state = admin->submit.lock();
	nvme::Command features{};
	features.cdw0 = nvme::ADMIN_SET_FEATURES;
	features.cdw10 = nvme::FEATURE_NUMBER_OF_QUEUES;
	features.cdw11 = ((wanted - 1) << 16) | (wanted - 1);
	AdminAnswer answer = TRY(admin_command(state, *admin, features));
	if (answer.status) {
		dev_warn(dev, "set features (number of queues) failed: status 0x%x; no I/O queues\n", answer.status);
		return pairs;
	}
	u32 granted_sq = (answer.result & 0xffff) + 1, granted_cq = (answer.result >> 16) + 1;
	u32 count = wanted < granted_sq ? wanted : granted_sq;
	count = count < granted_cq ? count : granted_cq;
	for (u32 qid = 1; qid <= count; ++qid) {
		auto sq = TRY(Devres<SubmissionRing>::try_new(dev, kcxx::GFP_KERNEL,
							    TRY(SubmissionRing::alloc(dev, IO_DEPTH, kcxx::GFP_KERNEL))));
		auto cq = TRY(Devres<CompletionRing>::try_new(dev, kcxx::GFP_KERNEL,
							    TRY(CompletionRing::alloc(dev, IO_DEPTH, kcxx::GFP_KERNEL))));
		u64 sq_address = TRY(sq.access(dev))->dma_address().value();
		u64 cq_address = TRY(cq.access(dev))->dma_address().value();
		auto queue = TRY(Arc<IoQueue>::try_new(kcxx::GFP_KERNEL, std::move(sq), std::move(cq),
						       static_cast<u16>(qid), stride));
		auto name = TRY(Box<kcxx::StringBuilder<32>>::try_new(kcxx::GFP_KERNEL));
		TRY(name->append("cnvme-"));
		TRY(name->append(dev.name()));
		TRY(name->appendf<"q%u">(qid));
		auto irq = TRY(kcxx::irq::Registration<IoHandler>::try_new(
			TRY(pdev.irq_request(qid)), kcxx::irq::Flags::none, name->as_cstr().c_str(), kcxx::GFP_KERNEL,
			IoHandler{queue.clone(), admin.clone()}));

		nvme::Command create_cq{};
		create_cq.cdw0 = nvme::ADMIN_CREATE_CQ;
		create_cq.prp1 = cq_address;
		create_cq.cdw10 = ((IO_DEPTH - 1) << 16) | qid;
		create_cq.cdw11 = (qid << 16) | nvme::CQ_INTERRUPTS_ENABLED | nvme::QUEUE_CONTIGUOUS;
		answer = TRY(admin_command(state, *admin, create_cq));
		if (answer.status) {
			dev_err(dev, "creating completion queue %u failed: status 0x%x\n", qid, answer.status);
			return EIO;
		}
		nvme::Command create_sq{};
		create_sq.cdw0 = nvme::ADMIN_CREATE_SQ;
		create_sq.prp1 = sq_address;
		create_sq.cdw10 = ((IO_DEPTH - 1) << 16) | qid;
		create_sq.cdw11 = (qid << 16) | nvme::QUEUE_CONTIGUOUS;
		answer = TRY(admin_command(state, *admin, create_sq));
		if (answer.status) {
			dev_err(dev, "creating submission queue %u failed: status 0x%x\n", qid, answer.status);
			return EIO;
		}
		TRY(pairs.try_push(IoQueuePair{std::move(queue), std::move(name), std::move(irq)}, kcxx::GFP_KERNEL));
	}
	return pairs;
}

// Deletes the I/O queues, newest first, each submission queue before its
// completion queue (5.6, 5.7).  Errors are not fatal: the shutdown that
// follows stops the controller anyway.
Result<void> delete_io_queues(kcxx::MutexGuard<AdminSubmitState> &state, const AdminQueue &admin,
			      const kcxx::Vec<IoQueuePair> &pairs)
{
	for (unsigned long i = pairs.size(); i-- > 0;) {
		u32 qid = pairs[i].queue->id;
		nvme::Command command{};
		command.cdw0 = nvme::ADMIN_DELETE_SQ;
		command.cdw10 = qid;
		TRY(admin_command(state, admin, command));
		command.cdw0 = nvme::ADMIN_DELETE_CQ;
		TRY(admin_command(state, admin, command));
	}
	return {};
}

// The driver object of one bound controller.
class Cnvme {
	// sysfs: /sys/bus/pci/devices/<name>/model, serial, firmware_rev (as
	// /sys/class/nvme/nvmeN/ of the C driver), namespaces, admin_interrupts.
	Result<void> show_model(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(identity_->model.as_cstr().c_str());
		return {};
	}
	Result<void> show_serial(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(identity_->serial.as_cstr().c_str());
		return {};
	}
	Result<void> show_firmware_rev(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(identity_->firmware.as_cstr().c_str());
		return {};
	}
	Result<void> show_namespaces(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%u\n">(identity_->namespaces);
		return {};
	}
	Result<void> show_io_queues(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%lu\n">(io_.size());
		return {};
	}
	Result<void> show_admin_interrupts(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(admin_->interrupts.load());
		return {};
	}

public:
	struct IdInfo {};
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		// PCI_CLASS_STORAGE_EXPRESS, programming interface 2 (NVMe).
		{kcxx::pci::DeviceId::with_class(0x010802, 0xffffff), {}},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "cnvme",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "NVMe driver in C++",
	};
	static constexpr kcxx::sysfs::Attribute<Cnvme> attributes[] = {
		{"model", &Cnvme::show_model},
		{"serial", &Cnvme::show_serial},
		{"firmware_rev", &Cnvme::show_firmware_rev},
		{"namespaces", &Cnvme::show_namespaces},
		{"admin_interrupts", &Cnvme::show_admin_interrupts},
		{"io_queues", &Cnvme::show_io_queues},
	};

	static Result<Box<Cnvme>> probe(const kcxx::pci::CoreDevice &pdev, const IdInfo &)
	{
		const kcxx::BoundDevice &dev = pdev.device();
		TRY(pdev.enable_mem());
		pdev.set_master();
		TRY(pdev.set_dma_mask<64>());
		auto regs = TRY(Registers::map(pdev, 0, "cnvme"));
		const Registers *r = TRY(regs.access(dev));

		nvme::Capabilities cap{r->read64<nvme::reg::CAP>()};
		u32 version = r->read32<nvme::reg::VS>();
		if (!cap.nvm_command_set() || cap.min_page_shift() > 12 || cap.max_queue_entries() < 2) {
			dev_err(dev, "unsupported controller (CAP 0x%llx)\n", cap.raw);
			return ENODEV;
		}
		u32 stride = cap.doorbell_stride();
		if (nvme::reg::DOORBELLS + 2 * stride > r->mapped_size()) {
			dev_err(dev, "doorbell stride %u beyond BAR0\n", stride);
			return ENODEV;
		}
		TRY(disable(*r, cap));

		u32 depth = ADMIN_DEPTH <= cap.max_queue_entries() ? ADMIN_DEPTH : cap.max_queue_entries();
		if (depth != ADMIN_DEPTH)
			return ENODEV; // (QEMU offers 2048; a smaller one is not handled yet)
		auto sq = TRY(Devres<SubmissionRing>::try_new(dev, kcxx::GFP_KERNEL,
							    TRY(SubmissionRing::alloc(dev, depth, kcxx::GFP_KERNEL))));
		auto cq = TRY(Devres<CompletionRing>::try_new(dev, kcxx::GFP_KERNEL,
							    TRY(CompletionRing::alloc(dev, depth, kcxx::GFP_KERNEL))));
		auto data = TRY(Devres<DataBuffer>::try_new(dev, kcxx::GFP_KERNEL,
							  TRY(DataBuffer::alloc(dev, DATA_SIZE, kcxx::GFP_KERNEL))));
		r->write32<nvme::reg::AQA>(((depth - 1) << 16) | (depth - 1));
		r->write64<nvme::reg::ASQ>(TRY(sq.access(dev))->dma_address().value());
		r->write64<nvme::reg::ACQ>(TRY(cq.access(dev))->dma_address().value());

		using kcxx::pci::IrqTypes;
		// Vector 0 for the admin queue, one per CPU for the I/O queues
		// if the controller has that many (MSI-X); with fewer than two
		// vectors there are no I/O queues.
		unsigned int vectors = TRY(
			pdev.alloc_irq_vectors(1, 1 + kcxx::nr_cpu_ids(), IrqTypes::msix | IrqTypes::msi | IrqTypes::intx));
		auto admin = TRY(Arc<AdminQueue>::try_new(kcxx::GFP_KERNEL, std::move(regs), std::move(sq),
							  std::move(cq), std::move(data), stride));
		auto name = TRY(Box<kcxx::StringBuilder<32>>::try_new(kcxx::GFP_KERNEL));
		TRY(name->append("cnvme-"));
		TRY(name->append(dev.name()));
		TRY(name->append("q0"));
		auto irq = TRY(kcxx::irq::Registration<AdminHandler>::try_new(
			TRY(pdev.irq_request(0)), kcxx::irq::Flags::shared, name->as_cstr().c_str(), kcxx::GFP_KERNEL,
			AdminHandler{admin.clone()}));

		TRY(enable(*r, cap));
		// 'admin' stays here until the end: 'r' points into its
		// registers, which live as long as a handle to them does.
		Result<Box<Cnvme>> controller = finish_probe(pdev, admin.clone(), std::move(name), std::move(irq), cap,
							     version, vectors);
		if (controller.is_error())
			// The controller may still write the queues and the
			// data buffer: stop it before they go.
			(void)disable(*r, cap);
		return controller;
	}

	// With the controller enabled: identify it, then make its character
	// device (last: user space reaches an identified controller only).
	static Result<Box<Cnvme>> finish_probe(const kcxx::pci::CoreDevice &pdev, Arc<AdminQueue> admin,
					       Box<kcxx::StringBuilder<32>> irq_name,
					       kcxx::irq::Registration<AdminHandler> irq, nvme::Capabilities cap,
					       u32 version, unsigned int vectors)
	{
		const kcxx::BoundDevice &dev = pdev.device();
		auto identity = TRY(identify(dev, *admin));
		auto io = TRY(create_io_queues(pdev, admin, cap.doorbell_stride(), vectors));
		auto file_name = TRY(Box<kcxx::StringBuilder<32>>::try_new(kcxx::GFP_KERNEL));
		TRY(file_name->append("cnvme-"));
		TRY(file_name->append(dev.name()));
		auto misc = TRY(kcxx::miscdevice::Registration<ControllerFile>::try_new(
			kcxx::GFP_KERNEL, {.name = file_name->as_cstr().c_str(), .mode = 0600}, admin.clone()));
		dev_info(dev, "NVMe %u.%u controller identified, %u namespace(s) at most, %lu I/O queue(s), /dev/%s\n",
			 version >> 16, (version >> 8) & 0xff, identity->namespaces, io.size(),
			 file_name->as_cstr().c_str());
		return Box<Cnvme>::try_new(kcxx::GFP_KERNEL, std::move(admin), std::move(irq_name), std::move(irq), cap,
					   std::move(identity), std::move(io), std::move(file_name), std::move(misc));
	}

	Cnvme(Arc<AdminQueue> admin, Box<kcxx::StringBuilder<32>> irq_name,
	      kcxx::irq::Registration<AdminHandler> irq, nvme::Capabilities cap, Box<Identity> identity,
	      kcxx::Vec<IoQueuePair> io, Box<kcxx::StringBuilder<32>> file_name,
	      Box<kcxx::miscdevice::Registration<ControllerFile>> misc)
		: admin_(std::move(admin)), irq_name_(std::move(irq_name)), irq_(std::move(irq)), cap_(cap),
		  identity_(std::move(identity)), io_(std::move(io)), file_name_(std::move(file_name)),
		  misc_(std::move(misc))
	{
	}

	// remove: a normal shutdown (CC.SHN), so that the controller has
	// flushed what it cached; then unbind frees the vectors, the queues
	// and the registers.
	~Cnvme()
	{
		{
			// The I/O queues go first (submission before completion
			// queue, 5.7); then no new command from an open file (one
			// in flight has finished: the lock).
			auto state = admin_->submit.lock();
			(void)delete_io_queues(state, *admin_, io_);
			state->gone = true;
		}
		auto guard = admin_->regs.try_access();
		if (!guard)
			return;
		const Registers &r = **guard;
		r.write32<nvme::reg::CC>((r.read32<nvme::reg::CC>() & ~nvme::CC_SHN_MASK) | nvme::CC_SHN_NORMAL);
		Result<u32> shst = kcxx::io::read_poll_timeout(
			[&] { return r.read32<nvme::reg::CSTS>(); },
			[](u32 s) { return s == REMOVED || (s & nvme::CSTS_SHST_MASK) == nvme::CSTS_SHST_COMPLETE; }, 100,
			kcxx::Jiffies::from_secs(SHUTDOWN_TIMEOUT_S));
		if (shst.is_error())
			pr_warn("cnvme: the controller did not complete its shutdown\n");
		if (shst.is_ok() && shst.value() == REMOVED)
			return; // surprise removal: nothing to shut down
		(void)disable(r, cap_);
	}

private:
	Arc<AdminQueue> admin_;
	Box<kcxx::StringBuilder<32>> irq_name_; // the IRQ's name: destroyed after irq_
	kcxx::irq::Registration<AdminHandler> irq_;
	nvme::Capabilities cap_;
	Box<Identity> identity_;
	kcxx::Vec<IoQueuePair> io_;
	Box<kcxx::StringBuilder<32>> file_name_; // the device's name: destroyed after misc_
	Box<kcxx::miscdevice::Registration<ControllerFile>> misc_; // destroyed first
};

} // namespace

KCXX_MODULE_PCI_DRIVER(Cnvme);
