// SPDX-License-Identifier: GPL-2.0
//
// kcxx_edu: a driver for QEMU's "edu" teaching device (-device edu,
// 1234:11e8; QEMU's docs/specs/edu.rst), in C++ on kcxx's device model.
//
// What the device does and how this driver uses it:
//  - identification (0x00) and a liveness check (0x04 reads back ~value);
//  - factorial (0x08), polled through the status register or completed by
//    an interrupt (status bit 0x80);
//  - DMA between RAM and its 4 KiB buffer (device address 0x40000), through
//    a coherent DMA buffer, completed by an interrupt; user memory is
//    copied to and from a kmalloc'ed bounce buffer outside the device's
//    lock, as the C reference does;
//  - interrupts raised on request (0x60) and acknowledged (0x64), by MSI or
//    INTx (module parameter use_msi);
//  - system sleep: suspend refuses a busy device, resume checks it answers.
// User space reaches it through /dev/kcxx_edu-<pci name> with the ioctls
// of uapi/kcxx_edu.h, the same ABI as the C reference driver in
// reference/ (the tests run against both), and sysfs attributes.
//
// The driver sees only safe kcxx types.  What makes it safe:
//  - Every hardware resource (the register BAR, the DMA buffer, the
//    interrupt line) is a Devres: unbind revokes it.  The registers and the
//    buffer belong to the unit lock, a BindingLock: its guard proves the
//    device still bound (unbind ends it before revoking anything) and hands
//    them out, and once unbound an ioctl on a file opened before answers
//    -ENODEV instead of touching a device that is not ours any more.  The
//    interrupt handler gets the same proof from its registration.
//  - Register offsets are checked at compile time against the BAR window;
//    user-supplied DMA offsets and lengths are checked before the device
//    sees them (an out-of-range DMA would abort QEMU).
//  - The state shared with the interrupt handler and the files is an Arc of
//    thread-safe members (the unit lock, Completion, Atomic); the handler
//    and the file operations are const.  Each open file holds a reference
//    to it (the misc device's open() returns an Arc<State>).
#include <kcxx/binding_lock.h>
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/devres.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/file.h>
#include <kcxx/io/poll.h>
#include <kcxx/ioctl.h>
#include <kcxx/irq/registration.h>
#include <kcxx/miscdevice.h>
#include <kcxx/module_param.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/driver.h>
#include <kcxx/print.h>
#include <kcxx/string_builder.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sysfs.h>
#include <kcxx/time.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>
#include <kcxx/vec.h>

#include <type_traits>

namespace {

using kcxx::Arc;
using kcxx::Box;
using kcxx::Devres;
using kcxx::Result;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;
using kcxx::code::EBUSY;
using kcxx::code::EFAULT;
using kcxx::code::EINVAL;
using kcxx::code::EIO;
using kcxx::code::ENODEV;
using kcxx::code::ETIMEDOUT;

KCXX_MODULE_PARAM(use_msi, bool, true, 0444, "Complete by MSI if the device offers it (default), else by INTx");

// The registers (edu.rst).  Below 0x80 every access is 32 bits wide.
constexpr unsigned long REGS_SIZE = 0x100;
constexpr unsigned long REG_ID = 0x00;
constexpr unsigned long REG_LIVENESS = 0x04;
constexpr unsigned long REG_FACTORIAL = 0x08;
constexpr unsigned long REG_STATUS = 0x20;
constexpr unsigned long REG_IRQ_STATUS = 0x24;
constexpr unsigned long REG_IRQ_RAISE = 0x60;
constexpr unsigned long REG_IRQ_ACK = 0x64;
constexpr unsigned long REG_DMA_SRC = 0x80;
constexpr unsigned long REG_DMA_DST = 0x88;
constexpr unsigned long REG_DMA_COUNT = 0x90;
constexpr unsigned long REG_DMA_CMD = 0x98;

constexpr u32 STATUS_COMPUTING = 0x01;
constexpr u32 STATUS_IRQ_ON_FACTORIAL = 0x80;
constexpr u32 IRQ_FACTORIAL = 0x001;
constexpr u32 IRQ_DMA = 0x100;
constexpr u64 DMA_START = 0x1; // also "running" while the transfer lasts
constexpr u64 DMA_FROM_DEVICE = 0x2;
constexpr u64 DMA_IRQ = 0x4;
constexpr u64 DEVICE_BUFFER = 0x40000;
// The device's buffer is 4096 bytes, but QEMU 7.2 aborts on a transfer
// that reaches its last byte (uapi/kcxx_edu.h): transfers stay below 4095.
constexpr u32 BUFFER_SIZE = 4095;
constexpr u32 BUFFER_ALLOCATED = 4096;
constexpr unsigned int DMA_MASK_BITS = 28;

// Every wait for the device is bounded (uapi: ETIMEDOUT after 10 s).
constexpr unsigned int DEVICE_TIMEOUT_S = 10;

// The user ABI (uapi/kcxx_edu.h); each command carries its argument type.
struct Info {
	u32 card_id;
	u32 irq_mode;
	u32 buffer_size;
	u32 dma_mask_bits;
};
struct Factorial {
	u32 input;
	u32 flags;
	u32 result;
	u32 reserved;
};
struct Dma {
	u64 user_address;
	u32 offset;
	u32 length;
};
struct Stats {
	u64 interrupts;
	u64 factorials;
	u64 dma_to_device;
	u64 dma_from_device;
	u64 dma_bytes;
};
constexpr u32 IRQ_MODE_INTX = 0;
constexpr u32 IRQ_MODE_MSI = 1;
constexpr u32 FACTORIAL_IRQ = 0x1;
constexpr char IOC_TYPE = 'E';
constexpr auto GET_INFO = kcxx::ioctl::Read<Info>(IOC_TYPE, 1);
constexpr auto LIVENESS = kcxx::ioctl::ReadWrite<u32>(IOC_TYPE, 2);
constexpr auto FACTORIAL = kcxx::ioctl::ReadWrite<Factorial>(IOC_TYPE, 3);
constexpr auto DMA_TO_DEVICE = kcxx::ioctl::Write<Dma>(IOC_TYPE, 4);
constexpr auto DMA_FROM_DEVICE_CMD = kcxx::ioctl::Write<Dma>(IOC_TYPE, 5);
constexpr auto RAISE_IRQ = kcxx::ioctl::Write<u32>(IOC_TYPE, 6);
constexpr auto GET_STATS = kcxx::ioctl::Read<Stats>(IOC_TYPE, 7);

using Registers = kcxx::pci::Bar<REGS_SIZE>;
using Buffer = kcxx::dma::CoherentAllocation<u8>;

// What one operation on the device sees: the registers and the buffer,
// alive while it runs, and no other operation running.
struct Session {
	const Registers &regs;
	const Buffer &buffer;
};

// The unit lock: it serialises the device's single factorial unit and DMA
// engine, and owns the registers and the buffer (binding_lock.h).
using Unit = kcxx::BindingLock<Registers, Buffer>;

// Everything the driver, its open files and its interrupt handler share;
// also what an open file of /dev/kcxx_edu-<pci name> is (each holds a
// reference: after unbind its ioctls answer -ENODEV).
//
// INVARIANT: unit belongs to the binding of the device this state was made
// for, and is unbound from the start of remove on.
struct State {
	Unit unit;
	u32 card_id;
	u32 irq_mode;
	// "kcxx_edu-<pci name>": the misc device and the interrupt's name.
	kcxx::StringBuilder<64> name;
	kcxx::Completion factorial_done;
	kcxx::Completion dma_done;
	kcxx::Completion raised_done;
	kcxx::Atomic<u32> raised{0};   // RAISE_IRQ bits the handler saw
	kcxx::Atomic<u64> interrupts{0};
	kcxx::Atomic<u64> suspends{0}; // system sleep cycles (sysfs)
	kcxx::Atomic<u64> resumes{0};
	kcxx::Atomic<u64> factorials{0};
	kcxx::Atomic<u64> dma_to_device{0};
	kcxx::Atomic<u64> dma_from_device{0};
	kcxx::Atomic<u64> dma_bytes{0};

	State(Unit u, u32 id, u32 mode, kcxx::CStr device_name) : unit(std::move(u)), card_id(id), irq_mode(mode)
	{
		// A PCI name is 12 characters: it fits.
		(void)name.append("kcxx_edu-");
		(void)name.append(device_name);
	}

	// Runs 'operation' with the device to itself, or -ENODEV once the
	// device is unbound.  The unit lock's guard proves it bound and
	// hands out the registers and the buffer, which it owns: no guards,
	// no compares.
	template <typename Operation>
	[[gnu::always_inline]] auto with_device(Operation operation) const -> std::invoke_result_t<Operation, Session>
	{
		auto bound = unit.lock();
		if (!bound)
			return ENODEV;
		return operation(Session{bound.get<Registers>(), bound.get<Buffer>()});
	}

	// The same for an operation that needs only the registers.
	template <typename Operation>
	auto with_registers(Operation operation) const -> std::invoke_result_t<Operation, const Registers &>
	{
		auto bound = unit.lock();
		if (!bound)
			return ENODEV;
		return operation(bound.get<Registers>());
	}

	// Waits for the interrupt that ends an operation - the interrupt
	// first, so that it has been handled (and counted) when the ioctl
	// returns - until 'finished()' says the device is done, at most
	// DEVICE_TIMEOUT_S.  A completion left over from an earlier
	// operation that timed out only makes us look again.
	// Handled: 'finished()' itself says that the interrupt was handled
	// (the handler recorded it), so it is looked at before waiting.
	template <bool Handled = false, typename Finished>
	Result<void> wait_for(const kcxx::Completion &done, Finished finished, const char *what) const
	{
		kcxx::Jiffies deadline = kcxx::Jiffies::now() + kcxx::Jiffies::from_secs(DEVICE_TIMEOUT_S);
		if (Handled && finished())
			return {};
		for (;;) {
			kcxx::Jiffies now = kcxx::Jiffies::now();
			if (!now.before(deadline) || !done.wait_timeout((deadline - now).to_timeout())) {
				pr_warn("%s: %s: no answer in %u s\n", name.as_cstr(), what, DEVICE_TIMEOUT_S);
				return ETIMEDOUT;
			}
			if (finished())
				return {};
		}
	}

	// Forgets completions left over from earlier operations (a late
	// interrupt after a timeout), so the next wait really waits.  We are
	// its only waiter (the unit lock); wait_for() checks the device's
	// state itself, so a racing complete() cannot mislead it.
	static void drain(const kcxx::Completion &done) { done.reinit_for_waiter(); }

	// Waits until the device is idle ('busy' clear in the register that
	// 'read' reads): an earlier operation that timed out may still run,
	// and the device ignores a command written meanwhile.
	template <typename Read, typename Value> static Result<void> wait_idle(Read read, Value busy)
	{
		TRY(kcxx::io::read_poll_timeout(read, [&](Value v) { return !(v & busy); }, 20,
						kcxx::Jiffies::from_secs(DEVICE_TIMEOUT_S)));
		return {};
	}

	Result<u32> liveness(u32 value) const
	{
		return with_registers([&](const Registers &regs) -> Result<u32> {
			regs.write32<REG_LIVENESS>(value);
			return regs.read32<REG_LIVENESS>();
		});
	}

	Result<u32> factorial(u32 input, bool by_interrupt) const
	{
		return with_registers(
			[&](const Registers &regs) -> Result<u32> { return factorial(regs, input, by_interrupt); });
	}

	Result<u32> factorial(const Registers &regs, u32 input, bool by_interrupt) const
	{
		auto status = [&] { return regs.read32<REG_STATUS>(); };
		TRY(wait_idle(status, STATUS_COMPUTING));
		regs.write32<REG_STATUS>(by_interrupt ? STATUS_IRQ_ON_FACTORIAL : 0);
		drain(factorial_done);
		regs.write32<REG_FACTORIAL>(input);
		if (by_interrupt)
			TRY(wait_for(factorial_done, [&] { return !(status() & STATUS_COMPUTING); }, "factorial"));
		else
			TRY(wait_idle(status, STATUS_COMPUTING));
		(void)factorials.fetch_add(1);
		return regs.read32<REG_FACTORIAL>();
	}

	// One transfer between the DMA buffer and the device's buffer, at
	// the same offset in both.  'fill' runs once the DMA engine is idle
	// (a transfer that timed out may still be writing the DMA buffer) and
	// before the transfer starts: it puts the data there (to the device).
	template <typename Fill>
	Result<void> dma(Session s, u32 offset, u32 length, bool to_device, Fill fill) const
	{
		kcxx::dma::Address ram = s.buffer.dma_address().offset(offset);
		u64 device = DEVICE_BUFFER + offset;
		auto command = [&] { return s.regs.read64<REG_DMA_CMD>(); };
		TRY(wait_idle(command, DMA_START));
		TRY(fill());
		drain(dma_done);
		s.regs.write64<REG_DMA_SRC>(to_device ? ram.value() : device);
		s.regs.write64<REG_DMA_DST>(to_device ? device : ram.value());
		s.regs.write64<REG_DMA_COUNT>(length);
		s.regs.write64<REG_DMA_CMD>(DMA_START | DMA_IRQ | (to_device ? 0 : DMA_FROM_DEVICE));
		TRY(wait_for(dma_done, [&] { return !(command() & DMA_START); }, "DMA"));
		(void)(to_device ? dma_to_device : dma_from_device).fetch_add(1);
		(void)dma_bytes.fetch_add(length);
		return {};
	}

	// User memory is copied to and from a bounce buffer outside the unit
	// lock, as edu_ref does: a fault there (userfaultfd, FUSE) must not
	// hold up other users of the device, nor unbind (which takes the
	// lock first).
	[[gnu::always_inline]] Result<void> copy_to_device(const Dma &request) const
	{
		TRY(check_range(request));
		auto user = kcxx::UserSlice(kcxx::UserAddress(request.user_address), request.length);
		if (!user.in_user_space())
			return EFAULT;
		kcxx::Vec<u8> bounce;
		TRY(std::move(user).reader().read_all(bounce, kcxx::GFP_KERNEL));
		return with_device([&](Session s) -> Result<void> {
			return dma(s, request.offset, request.length, true,
				   [&] { return s.buffer.copy_in(request.offset, bounce); });
		});
	}

	[[gnu::always_inline]] Result<void> copy_from_device(const Dma &request) const
	{
		TRY(check_range(request));
		// A transfer cannot be undone: refuse an address outside user
		// space before it starts (one inside may still fault later).
		auto user = kcxx::UserSlice(kcxx::UserAddress(request.user_address), request.length);
		if (!user.in_user_space())
			return EFAULT;
		auto bounce = TRY(kcxx::Vec<u8>::try_with_capacity(request.length, kcxx::GFP_KERNEL));
		// Inlined, as edu_ref's one function: a call of its own would
		// cost the return path a frame (bench/README.md, edu).
		TRY(with_device([&](Session s) __attribute__((always_inline)) -> Result<void> {
			TRY(dma(s, request.offset, request.length, false, [] { return Result<void>(); }));
			// Into the room reserved above: nothing is allocated
			// under the lock.
			return s.buffer.copy_out(request.offset, request.length, bounce, kcxx::GFP_KERNEL);
		}));
		auto writer = std::move(user).writer();
		return writer.write_slice(bounce);
	}

	static Result<void> check_range(const Dma &request)
	{
		if (request.length == 0 || request.offset > BUFFER_SIZE || request.length > BUFFER_SIZE - request.offset)
			return EINVAL;
		return {};
	}

	Result<void> raise(u32 bits) const
	{
		if (bits == 0 || (bits & (IRQ_FACTORIAL | IRQ_DMA)))
			return EINVAL;
		return with_registers([&](const Registers &regs) -> Result<void> {
			raised.store(0);
			drain(raised_done);
			regs.write32<REG_IRQ_RAISE>(bits);
			return wait_for<true>(raised_done, [this, bits] { return (raised.load() & bits) == bits; },
					      "raised interrupt");
		});
	}

	// System sleep.  Suspend waits for the operation in flight (the unit
	// lock) and refuses (-EBUSY: the system stays awake) while the device
	// still computes or transfers (an operation that timed out).  Resume
	// checks that the device answers; the PCI core restored its config
	// space and MSI.  'dev' proves the device bound (the PM core calls
	// only then, never during remove).
	Result<void> suspend(const kcxx::BoundDevice &dev) const
	{
		auto unit_held = unit.lock();
		const Registers *r = TRY(unit.access<Registers>(dev));
		if ((r->read32<REG_STATUS>() & STATUS_COMPUTING) || (r->read64<REG_DMA_CMD>() & DMA_START))
			return EBUSY;
		(void)suspends.fetch_add(1);
		return {};
	}

	Result<void> resume(const kcxx::BoundDevice &dev) const
	{
		auto unit_held = unit.lock();
		const Registers *r = TRY(unit.access<Registers>(dev));
		r->write32<REG_LIVENESS>(0x5a5aa5a5);
		if (r->read32<REG_LIVENESS>() != ~0x5a5aa5a5u)
			return EIO;
		(void)resumes.fetch_add(1);
		return {};
	}

	Result<Stats> stats() const
	{
		return with_registers([&](const Registers &) -> Result<Stats> {
			return Stats{interrupts.load(), factorials.load(), dma_to_device.load(),
				     dma_from_device.load(), dma_bytes.load()};
		});
	}

	// The file operations of /dev/kcxx_edu-<pci name> (miscdevice.h): an
	// open file holds a reference to this State, which its operations
	// reach through private_data with no check (an ArcBorrow).
	using Shared = Arc<State>;

	static Result<Arc<State>> open(kcxx::miscdevice::SharedRef<Arc<State>> shared, kcxx::File &)
	{
		return shared->clone();
	}

	Result<long> ioctl(kcxx::File &, kcxx::ioctl::Request request) const;

private:
	// The commands whose arguments are 16-byte structs, and those that
	// wait 100 ms for the device anyway, are functions of their own, as
	// C's compiler makes of edu_ref's edu_dma(): a 16-byte value held in
	// registers makes GCC set up a frame pointer in the function that
	// holds it (it might need a 16-byte-aligned stack slot), which would
	// cost every command 3 instructions (bench/README.md, edu).
	[[gnu::noinline]] Result<void> factorial_command(kcxx::ioctl::In<Factorial> in,
							 kcxx::ioctl::Out<Factorial> out) const;
	[[gnu::noinline]] Result<void> dma_command(kcxx::ioctl::In<Dma> in, bool to_device) const;
	[[gnu::noinline]] Result<void> info_command(kcxx::ioctl::Out<Info> out) const;
	[[gnu::noinline]] Result<void> stats_command(kcxx::ioctl::Out<Stats> out) const;
};

// The interrupt handler: acknowledges what the device raised and wakes the
// operation waiting for it.  const: it shares State with everyone.
struct Handler {
	Arc<State> state;

	// 'dev' proves the device bound, so the registers are reached
	// without a guard.  (-EINVAL from access(): another device's proof,
	// which cannot happen: not ours.)
	kcxx::irq::Return handle(const kcxx::BoundDevice &dev) const
	{
		return acknowledge(dev).value_or(kcxx::irq::Return::none);
	}

	Result<kcxx::irq::Return> acknowledge(const kcxx::BoundDevice &dev) const
	{
		const State &s = *state;
		const Registers *regs = TRY(s.unit.access<Registers>(dev));
		u32 status = regs->read32<REG_IRQ_STATUS>();
		if (!status)
			return kcxx::irq::Return::none; // a shared INTx line: not ours
		regs->write32<REG_IRQ_ACK>(status);
		(void)s.interrupts.fetch_add(1);
		if (status & IRQ_FACTORIAL)
			s.factorial_done.complete();
		if (status & IRQ_DMA)
			s.dma_done.complete();
		if (u32 raised = status & ~(IRQ_FACTORIAL | IRQ_DMA)) {
			(void)s.raised.fetch_or(raised);
			s.raised_done.complete();
		}
		return kcxx::irq::Return::handled;
	}
};

inline Result<long> State::ioctl(kcxx::File &, kcxx::ioctl::Request request) const
{
	using namespace kcxx::ioctl;
	if (!unit.is_bound()) [[unlikely]] // before any other check (uapi)
		return ENODEV;
	// The dispatch tests the commands in this order: the ones a program
	// repeats (LIVENESS, RAISE_IRQ) first.  The others run out of line
	// (below).
	return request.dispatch(
		handle<LIVENESS>([&](In<u32> in, Out<u32> out) -> Result<void> {
			u32 value = TRY(std::move(in).read());
			return std::move(out).write(TRY(liveness(value)));
		}),
		handle<RAISE_IRQ>([&](In<u32> in) -> Result<void> { return raise(TRY(std::move(in).read())); }),
		handle<FACTORIAL>([&](In<Factorial> in, Out<Factorial> out) {
			return factorial_command(std::move(in), std::move(out));
		}),
		handle<DMA_TO_DEVICE>([&](In<Dma> in) { return dma_command(std::move(in), true); }),
		handle<DMA_FROM_DEVICE_CMD>([&](In<Dma> in) { return dma_command(std::move(in), false); }),
		handle<GET_INFO>([&](Out<Info> out) { return info_command(std::move(out)); }),
		handle<GET_STATS>([&](Out<Stats> out) { return stats_command(std::move(out)); }));
}

Result<void> State::factorial_command(kcxx::ioctl::In<Factorial> in, kcxx::ioctl::Out<Factorial> out) const
{
	Factorial f = TRY(std::move(in).read());
	if ((f.flags & ~FACTORIAL_IRQ) || f.reserved)
		return EINVAL;
	f.result = TRY(factorial(f.input, f.flags & FACTORIAL_IRQ));
	return std::move(out).write(f);
}

Result<void> State::dma_command(kcxx::ioctl::In<Dma> in, bool to_device) const
{
	Dma request = TRY(std::move(in).read());
	return to_device ? copy_to_device(request) : copy_from_device(request);
}

Result<void> State::info_command(kcxx::ioctl::Out<Info> out) const
{
	// Constant data: no device access (unbound was checked before).
	return std::move(out).write(Info{card_id, irq_mode, BUFFER_SIZE, DMA_MASK_BITS});
}

Result<void> State::stats_command(kcxx::ioctl::Out<Stats> out) const
{
	return std::move(out).write(TRY(stats()));
}

// The driver object of one bound device: built whole by probe(),
// destroyed by remove.
class Edu {
	// sysfs: /sys/bus/pci/devices/<name>/card_id, interrupts, suspends,
	// resumes.
	Result<void> show_card_id(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"0x%08x\n">(state_->card_id);
		return {};
	}

	Result<void> show_interrupts(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(state_->interrupts.load());
		return {};
	}

	Result<void> show_suspends(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(state_->suspends.load());
		return {};
	}

	Result<void> show_resumes(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(state_->resumes.load());
		return {};
	}

public:
	struct IdInfo {};
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		{kcxx::pci::DeviceId::vendor_device(0x1234, 0x11e8), {}},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_edu",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "Driver for QEMU's edu PCI device, in C++",
	};
	static constexpr kcxx::sysfs::Attribute<Edu> attributes[] = {
		{"card_id", &Edu::show_card_id},
		{"interrupts", &Edu::show_interrupts},
		{"suspends", &Edu::show_suspends},
		{"resumes", &Edu::show_resumes},
	};

	static Result<Box<Edu>> probe(const kcxx::pci::CoreDevice &pdev, const IdInfo &)
	{
		TRY(pdev.enable());
		pdev.set_master();
		TRY(pdev.set_dma_mask<DMA_MASK_BITS>());
		auto regs = TRY(Registers::map(pdev, 0, "kcxx_edu"));
		u32 card_id = TRY(regs.access(pdev.device()))->read32<REG_ID>();
		auto buffer = TRY(Devres<Buffer>::try_new(
			pdev.device(), kcxx::GFP_KERNEL,
			TRY(Buffer::alloc(pdev.device(), BUFFER_ALLOCATED, kcxx::GFP_KERNEL))));

		u32 irq_mode = IRQ_MODE_INTX;
		kcxx::irq::Flags flags = kcxx::irq::Flags::shared;
		if (use_msi.get() && pdev.alloc_irq_vectors(1, 1, kcxx::pci::IrqTypes::msi).is_ok()) {
			irq_mode = IRQ_MODE_MSI;
			flags = kcxx::irq::Flags::none;
		} else {
			TRY(pdev.alloc_irq_vectors(1, 1, kcxx::pci::IrqTypes::intx));
		}

		auto unit = TRY(Unit::try_new(pdev.device(), KCXX_LOCK_CLASS("kcxx_edu.unit"), kcxx::GFP_KERNEL,
					      std::move(regs), std::move(buffer)));
		auto state = TRY(Arc<State>::try_new(kcxx::GFP_KERNEL, std::move(unit), card_id, irq_mode,
						     pdev.device().name()));
		// The name lives in the State, which the handler keeps alive.
		const char *name = state->name.as_cstr().c_str();
		auto irq = TRY(kcxx::irq::Registration<Handler>::try_new(TRY(pdev.irq_request(0)), flags, name,
									  kcxx::GFP_KERNEL, Handler{state.clone()}));
		auto misc = TRY(kcxx::miscdevice::Registration<State>::try_new(
			kcxx::GFP_KERNEL, {.name = name, .mode = 0666}, state.clone()));

		dev_info(pdev.device(), "card %08x, %s, /dev/%s\n", card_id,
			 irq_mode == IRQ_MODE_MSI ? "MSI" : "INTx", misc->name());
		return Box<Edu>::try_new(kcxx::GFP_KERNEL, std::move(state), std::move(irq), std::move(misc));
	}

	// System sleep (pci/driver.h): the device lock is held, the driver
	// bound.
	Result<void> suspend(const kcxx::pci::BoundDevice &dev) const { return state_->suspend(dev.device()); }
	Result<void> resume(const kcxx::pci::BoundDevice &dev) const { return state_->resume(dev.device()); }

	Edu(Arc<State> state, kcxx::irq::Registration<Handler> irq,
	    Box<kcxx::miscdevice::Registration<State>> misc)
		: state_(std::move(state)), irq_(std::move(irq)), misc_(std::move(misc))
	{
	}

	// remove: the framework has ended the unit lock's binding already
	// (an operation in flight finished first, its interrupt still
	// registered; every later one answers -ENODEV).  The members go: the
	// misc device (open files stay, answering -ENODEV), the interrupt;
	// unbind then revokes the registers and the buffer.
	~Edu() = default;

private:
	Arc<State> state_;
	kcxx::irq::Registration<Handler> irq_;
	Box<kcxx::miscdevice::Registration<State>> misc_;
};

} // namespace

KCXX_MODULE_PCI_DRIVER(Edu);
