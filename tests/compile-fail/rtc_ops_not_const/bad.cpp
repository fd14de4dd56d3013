// SPDX-License-Identifier: GPL-2.0
// RTC class operations that change their own state unlocked (must not
// compile: they run while the driver's interrupt handler does, so what
// they change needs a lock or an atomic; the operations are const)
// The catalog compiles each case alone with the reference module's command,
// without this directory's Kbuild (kcxx-helpers := rtc): say it here.
#ifndef KCXX_HELPERS_rtc
#define KCXX_HELPERS_rtc 1
#endif
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/rtc/device.h>

using namespace kcxx;

struct Ops {
	long long offset = 0;
	Result<rtc::Time> read_time(const BoundDevice &) { return rtc::Time::from_seconds(offset); }
	Result<void> set_time(const BoundDevice &, const rtc::Time &t)
	{
		offset = t.to_seconds();
		return {};
	}
};

[[gnu::used]] static Result<Devres<rtc::Device>> add(const CoreDevice &dev)
{
	return rtc::Device::register_device<Ops>(dev, GFP_KERNEL, rtc::Range{0, 0xffffffff}, rtc::Alarm::none);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
