// SPDX-License-Identifier: GPL-2.0
//
// cpl031: the ARM PrimeCell PL031 real-time clock, as the kernel's C
// rtc-pl031 drives the ARM variant (not the ST ones): a 32-bit seconds
// counter (DR, loaded through LR), a match register (MR) whose match raises
// the alarm interrupt (RIS/MIS bit 0, masked by IMSC, cleared by ICR).
//
// The driver holds the registers in an Arc shared by the RTC class
// operations and the interrupt handler; both reach them with the bound
// device they are called with (Devres::access(), no guard).  The RTC and
// its operations are device-managed; the interrupt is freed by remove
// (destroying the driver object), before the RTC is unregistered - the
// same order as rtc-pl031.
#include <kcxx/amba/driver.h>
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/io/mem.h>
#include <kcxx/irq/registration.h>
#include <kcxx/option.h>
#include <kcxx/result.h>
#include <kcxx/rtc/device.h>
#include <kcxx/rtc/time.h>
#include <kcxx/sync/arc.h>
#include <kcxx/types.h>

namespace {

using kcxx::Result;
using kcxx::u32;

// The registers of the ARM variant (rtc-pl031.c).
constexpr unsigned long RTC_DR = 0x00;	 // data (the counter)
constexpr unsigned long RTC_MR = 0x04;	 // match
constexpr unsigned long RTC_LR = 0x08;	 // load
constexpr unsigned long RTC_CR = 0x0c;	 // control
constexpr unsigned long RTC_IMSC = 0x10; // interrupt mask set/clear
constexpr unsigned long RTC_RIS = 0x14;	 // raw interrupt status
constexpr unsigned long RTC_MIS = 0x18;	 // masked interrupt status
constexpr unsigned long RTC_ICR = 0x1c;	 // interrupt clear
constexpr u32 RTC_CR_EN = 1u << 0;	 // counter enable
constexpr u32 RTC_BIT_AI = 1u << 0;	 // alarm interrupt

using Registers = kcxx::io::IoMem<0x20>;

struct Shared {
	kcxx::Devres<Registers> regs;
};

// The RTC class operations (rtc-pl031's arm_pl031 ops).
struct Ops {
	kcxx::Arc<Shared> shared;

	Result<kcxx::rtc::Time> read_time(const kcxx::BoundDevice &dev) const
	{
		const Registers *r = TRY(shared->regs.access(dev));
		return kcxx::rtc::Time::from_seconds(r->read32<RTC_DR>());
	}

	Result<void> set_time(const kcxx::BoundDevice &dev, const kcxx::rtc::Time &t) const
	{
		const Registers *r = TRY(shared->regs.access(dev));
		// The core checked the time against the range (0 - U32_MAX).
		r->write32<RTC_LR>(static_cast<u32>(t.to_seconds()));
		return {};
	}

	Result<kcxx::rtc::WakeAlarm> read_alarm(const kcxx::BoundDevice &dev) const
	{
		const Registers *r = TRY(shared->regs.access(dev));
		kcxx::rtc::WakeAlarm alarm{};
		alarm.time = kcxx::rtc::Time::from_seconds(r->read32<RTC_MR>());
		alarm.pending = (r->read32<RTC_RIS>() & RTC_BIT_AI) ? 1 : 0;
		alarm.enabled = (r->read32<RTC_IMSC>() & RTC_BIT_AI) ? 1 : 0;
		return alarm;
	}

	Result<void> set_alarm(const kcxx::BoundDevice &dev, const kcxx::rtc::WakeAlarm &alarm) const
	{
		const Registers *r = TRY(shared->regs.access(dev));
		r->write32<RTC_MR>(static_cast<u32>(alarm.time.to_seconds()));
		return alarm_irq_enable(dev, alarm.enabled != 0);
	}

	Result<void> alarm_irq_enable(const kcxx::BoundDevice &dev, bool enabled) const
	{
		const Registers *r = TRY(shared->regs.access(dev));
		// Clear any pending alarm interrupt.
		r->write32<RTC_ICR>(RTC_BIT_AI);
		u32 imsc = r->read32<RTC_IMSC>();
		r->write32<RTC_IMSC>(enabled ? imsc | RTC_BIT_AI : imsc & ~RTC_BIT_AI);
		return {};
	}
};

// The alarm interrupt: acknowledged, reported to the RTC core.
struct AlarmIrq {
	kcxx::Arc<Shared> shared;
	kcxx::Devres<kcxx::rtc::Device> rtc;

	kcxx::irq::Return handle(const kcxx::BoundDevice &dev) const
	{
		auto r = shared->regs.access(dev);
		if (r.is_error())
			return kcxx::irq::Return::none;
		if (!(r.value()->read32<RTC_MIS>() & RTC_BIT_AI))
			return kcxx::irq::Return::none;
		r.value()->write32<RTC_ICR>(RTC_BIT_AI);
		if (auto device = rtc.access(dev); device.is_ok())
			device.value()->update_irq(1, kcxx::rtc::Event::alarm);
		return kcxx::irq::Return::handled;
	}
};

using AlarmRegistration = kcxx::irq::Registration<AlarmIrq>;

class Pl031 {
public:
	struct IdInfo {};
	static constexpr kcxx::amba::IdEntry<IdInfo> ids[] = {
		// The ARM variant (rtc-pl031's arm_pl031).
		{{.id = 0x00041031, .mask = 0x000fffff}, {}},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "cpl031",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "ARM AMBA PL031 RTC driver in C++ (kcxx)",
	};

	static Result<kcxx::Box<Pl031>> probe(const kcxx::amba::CoreDevice &adev, const IdInfo &)
	{
		const kcxx::CoreDevice &dev = adev.device();
		auto regs = TRY(adev.iomap<0x20>("cpl031"));
		{
			const Registers *r = TRY(regs.access(dev));
			r->write32<RTC_CR>(r->read32<RTC_CR>() | RTC_CR_EN);
		}
		auto shared = TRY(kcxx::Arc<Shared>::try_new(kcxx::GFP_KERNEL, std::move(regs)));

		// No interrupt: no alarm (as rtc-pl031).
		auto irq = adev.irq_request(0);
		auto alarm = irq.is_ok() ? kcxx::rtc::Alarm::with_irq : kcxx::rtc::Alarm::none;
		auto rtc = TRY(kcxx::rtc::Device::register_device<Ops>(
			dev, kcxx::GFP_KERNEL, kcxx::rtc::Range{0, 0xffffffffull}, alarm, shared.clone()));

		dev_info(dev, "PL031 RTC, periphid %#x%s\n", adev.periphid(),
			 irq.is_ok() ? "" : ", no interrupt: no alarm");
		if (!irq.is_ok())
			return kcxx::Box<Pl031>::try_new(kcxx::GFP_KERNEL, kcxx::Option<AlarmRegistration>());
		auto registration = TRY(AlarmRegistration::try_new(irq.value(), kcxx::irq::Flags::none, "cpl031",
								   kcxx::GFP_KERNEL,
								   AlarmIrq{shared.clone(), std::move(rtc)}));
		return kcxx::Box<Pl031>::try_new(kcxx::GFP_KERNEL, kcxx::Option(std::move(registration)));
	}

	explicit Pl031(kcxx::Option<AlarmRegistration> irq) : irq_(std::move(irq)) {}

private:
	// Freed by remove: no handler runs once the driver object is gone.
	kcxx::Option<AlarmRegistration> irq_;
};

} // namespace

KCXX_MODULE_AMBA_DRIVER(Pl031);
