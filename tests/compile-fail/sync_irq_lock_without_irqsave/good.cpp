// SPDX-License-Identifier: GPL-2.0
// taking a lock shared with an interrupt handler without disabling interrupts (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/spinlock_irq.h>

using namespace kcxx;

[[gnu::used]] static int from_process_context(const SpinLockIrq<int> &shared_with_irq)
{
	return ++*shared_with_irq.lock(); // spin_lock_irqsave()
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
