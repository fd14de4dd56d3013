// SPDX-License-Identifier: GPL-2.0
// taking a lock shared with an interrupt handler without disabling interrupts (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/spinlock_irq.h>

using namespace kcxx;

[[gnu::used]] static int bump(const SpinLock<int> &lock) // knows only spin_lock()
{
	return ++*lock.lock();
}

[[gnu::used]] static int from_process_context(const SpinLockIrq<int> &shared_with_irq)
{
	return bump(shared_with_irq); // would deadlock when the IRQ comes
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
