// SPDX-License-Identifier: GPL-2.0
// an interrupt handler changing plain shared state (the correct twin)
#include <kcxx/irq/registration.h>
#include <kcxx/module.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/types.h>

using namespace kcxx;

// const: shared state changes through an atomic (or SpinLockIrq).
struct Handler {
	Atomic<u64> count{0};
	irq::Return handle() const
	{
		(void)count.fetch_add(1);
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
