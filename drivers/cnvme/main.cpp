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
#include <kcxx/io/poll.h>
#include <kcxx/irq/registration.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/driver.h>
#include <kcxx/string_builder.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sysfs.h>
#include <kcxx/time.h>
#include <kcxx/types.h>

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
using kcxx::code::EIO;
using kcxx::code::ENODEV;
using kcxx::code::ETIMEDOUT;
namespace nvme = cnvme::nvme;

// The registers and the admin queue's doorbells (3.1; with a doorbell
// stride of 4 the I/O queues' follow at 0x1008 on).
constexpr unsigned long REGS_SIZE = 0x2000;
constexpr u32 ADMIN_DEPTH = 32;
constexpr unsigned int ADMIN_TIMEOUT_S = 10;
constexpr unsigned int SHUTDOWN_TIMEOUT_S = 5;

using Registers = kcxx::pci::Bar<REGS_SIZE>;
using SubmissionRing = kcxx::dma::CoherentAllocation<nvme::Command>;
using CompletionRing = kcxx::dma::CoherentAllocation<nvme::Completion>;

// The admin queue pair: one command at a time (the submit lock); the
// interrupt handler consumes the completion ring.
//
// INVARIANT: regs, sq and cq belong to the controller this queue was made
// for, whose AQA/ASQ/ACQ point at sq and cq; cq_head and cq_phase are
// written only by the interrupt handler (one at a time: the kernel does not
// run a handler of the same IRQ concurrently with itself).
struct AdminQueue {
	Devres<Registers> regs;
	Devres<SubmissionRing> sq;
	Devres<CompletionRing> cq;
	u32 sq_doorbell;
	u32 cq_doorbell;
	kcxx::Mutex<u32> sq_tail;	 // the submit lock; the next free slot
	kcxx::Completion done;		 // a completion was consumed
	kcxx::Atomic<u32> cq_head{0};
	kcxx::Atomic<u32> cq_phase{1};
	kcxx::Atomic<u32> last_id{0xffff}; // the last completion's command id,
	kcxx::Atomic<u32> last_status{0};  // status field and
	kcxx::Atomic<u32> last_result{0};  // result (dword 0)
	kcxx::Atomic<u64> interrupts{0};

	AdminQueue(Devres<Registers> r, Devres<SubmissionRing> s, Devres<CompletionRing> c, u32 stride)
		: regs(std::move(r)), sq(std::move(s)), cq(std::move(c)),
		  sq_doorbell(nvme::reg::DOORBELLS), cq_doorbell(nvme::reg::DOORBELLS + stride),
		  sq_tail(KCXX_LOCK_CLASS("cnvme.admin_submit"), 0)
	{
	}

	// Runs one admin command and waits for its completion: its result
	// (dword 0), -EIO for an error status, -ETIMEDOUT.  'dev' proves the
	// controller bound (probe).
	Result<u32> run(const kcxx::BoundDevice &dev, nvme::Command command) const
	{
		const Registers *r = TRY(regs.access(dev));
		const SubmissionRing *ring = TRY(sq.access(dev));
		auto tail = sq_tail.lock();
		u32 id = *tail; // the slot is the command id: one in flight
		command.cdw0 = (command.cdw0 & 0xffff) | (id << 16);
		done.reinit_for_waiter();
		TRY(ring->write(id, command));
		*tail = (id + 1) % ADMIN_DEPTH;
		TRY(r->try_write32(*tail, sq_doorbell));
		kcxx::Jiffies deadline = kcxx::Jiffies::now() + kcxx::Jiffies::from_secs(ADMIN_TIMEOUT_S);
		while (last_id.load(kcxx::order::Acquire{}) != id) {
			kcxx::Jiffies now = kcxx::Jiffies::now();
			if (!now.before(deadline) || !done.wait_timeout((deadline - now).to_timeout()))
				return ETIMEDOUT;
		}
		last_id.store(0xffff);
		if (u32 status = last_status.load()) {
			dev_warn(dev, "admin command 0x%02x failed: status 0x%x\n", command.cdw0 & 0xff, status);
			return EIO;
		}
		return last_result.load();
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

// CC.EN = 0 and wait for CSTS.RDY = 0: the controller stops using every
// queue (and any memory they point to).
Result<void> disable(const Registers &r, nvme::Capabilities cap)
{
	r.write32<nvme::reg::CC>(r.read32<nvme::reg::CC>() & ~nvme::CC_ENABLE);
	TRY(kcxx::io::read_poll_timeout([&] { return r.read32<nvme::reg::CSTS>(); },
					[](u32 csts) { return !(csts & nvme::CSTS_READY); }, 100,
					kcxx::Jiffies::from_msecs(cap.ready_timeout_ms() + 500)));
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

// The driver object of one bound controller.
class Cnvme {
	// sysfs: /sys/bus/pci/devices/<name>/model, serial, firmware_rev (as
	// /sys/class/nvme/nvmeN/ of the C driver), namespaces, admin_interrupts.
	Result<void> show_model(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(model_.as_cstr().c_str());
		return {};
	}
	Result<void> show_serial(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(serial_.as_cstr().c_str());
		return {};
	}
	Result<void> show_firmware_rev(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(firmware_.as_cstr().c_str());
		return {};
	}
	Result<void> show_namespaces(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%u\n">(namespaces_);
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
		r->write32<nvme::reg::AQA>(((depth - 1) << 16) | (depth - 1));
		r->write64<nvme::reg::ASQ>(TRY(sq.access(dev))->dma_address().value());
		r->write64<nvme::reg::ACQ>(TRY(cq.access(dev))->dma_address().value());

		using kcxx::pci::IrqTypes;
		TRY(pdev.alloc_irq_vectors(1, 1, IrqTypes::msix | IrqTypes::msi | IrqTypes::intx));
		auto admin = TRY(Arc<AdminQueue>::try_new(kcxx::GFP_KERNEL, std::move(regs), std::move(sq),
							  std::move(cq), stride));
		auto name = TRY(Box<kcxx::StringBuilder<32>>::try_new(kcxx::GFP_KERNEL));
		TRY(name->append("cnvme-"));
		TRY(name->append(dev.name()));
		TRY(name->append("q0"));
		auto irq = TRY(kcxx::irq::Registration<AdminHandler>::try_new(
			TRY(pdev.irq_request(0)), kcxx::irq::Flags::shared, name->as_cstr().c_str(), kcxx::GFP_KERNEL,
			AdminHandler{admin.clone()}));

		TRY(enable(*r, cap));
		auto controller = TRY(Box<Cnvme>::try_new(kcxx::GFP_KERNEL, std::move(admin), std::move(irq),
							  std::move(name), cap));
		if (Result<void> identified = controller->identify(dev); identified.is_error()) {
			// The controller may still write the identify buffer:
			// stop it before the buffer goes.
			(void)disable(*r, cap);
			return identified.error();
		}
		dev_info(dev, "NVMe %u.%u controller identified, %u namespace(s) at most\n", version >> 16,
			 (version >> 8) & 0xff, controller->namespaces_);
		return controller;
	}

	Cnvme(Arc<AdminQueue> admin, kcxx::irq::Registration<AdminHandler> irq,
	      Box<kcxx::StringBuilder<32>> irq_name, nvme::Capabilities cap)
		: admin_(std::move(admin)), irq_name_(std::move(irq_name)), irq_(std::move(irq)), cap_(cap)
	{
	}

	// remove: a normal shutdown (CC.SHN), so that the controller has
	// flushed what it cached; then unbind frees the vectors, the queues
	// and the registers.
	~Cnvme()
	{
		auto guard = admin_->regs.try_access();
		if (!guard)
			return;
		const Registers &r = **guard;
		r.write32<nvme::reg::CC>((r.read32<nvme::reg::CC>() & ~nvme::CC_SHN_MASK) | nvme::CC_SHN_NORMAL);
		Result<u32> shst = kcxx::io::read_poll_timeout(
			[&] { return r.read32<nvme::reg::CSTS>(); },
			[](u32 s) { return (s & nvme::CSTS_SHST_MASK) == nvme::CSTS_SHST_COMPLETE; }, 100,
			kcxx::Jiffies::from_secs(SHUTDOWN_TIMEOUT_S));
		if (shst.is_error())
			pr_warn("cnvme: the controller did not complete its shutdown\n");
		(void)disable(r, cap_);
	}

private:
	Result<void> identify(const kcxx::BoundDevice &dev)
	{
		auto data = TRY(kcxx::dma::CoherentAllocation<u8>::alloc(dev, nvme::IDENTIFY_SIZE, kcxx::GFP_KERNEL));
		nvme::Command command{};
		command.cdw0 = nvme::ADMIN_IDENTIFY;
		command.prp1 = data.dma_address().value();
		command.cdw10 = nvme::IDENTIFY_CONTROLLER;
		TRY(admin_->run(dev, command));
		TRY(copy_string(data, nvme::ID_MODEL, model_));
		TRY(copy_string(data, nvme::ID_SERIAL, serial_));
		TRY(copy_string(data, nvme::ID_FIRMWARE, firmware_));
		for (unsigned long i = 0; i < nvme::ID_NAMESPACES.length; ++i)
			namespaces_ |= static_cast<u32>(TRY(data.read(nvme::ID_NAMESPACES.offset + i))) << (8 * i);
		return {};
	}

	Arc<AdminQueue> admin_;
	Box<kcxx::StringBuilder<32>> irq_name_; // the IRQ's name: destroyed after irq_
	kcxx::irq::Registration<AdminHandler> irq_;
	nvme::Capabilities cap_;
	kcxx::StringBuilder<48> model_;
	kcxx::StringBuilder<48> serial_;
	kcxx::StringBuilder<48> firmware_;
	u32 namespaces_ = 0;
};

} // namespace

KCXX_MODULE_PCI_DRIVER(Cnvme);
