// SPDX-License-Identifier: GPL-2.0
// an interrupt handler changing plain shared state (must not compile)
#include <kcxx/irq/registration.h>
#include <kcxx/module.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/types.h>

using namespace kcxx;

// Runs on any CPU, concurrently with the driver's ioctls reading 'count'
// (and with itself on a shared line): a data race.
struct Handler {
	u64 count = 0;
	irq::Return handle()
	{
		++count;
		return irq::Return::handled;
	}
};

[[gnu::used]] static Result<irq::Registration<Handler>> request(const pci::BoundDevice &pdev)
{
	return irq::Registration<Handler>::try_new(TRY(pdev.irq_request(0)), irq::Flags::shared, "rule_test",
						   GFP_KERNEL);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
