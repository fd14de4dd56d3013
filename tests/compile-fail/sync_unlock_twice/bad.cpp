// SPDX-License-Identifier: GPL-2.0
// unlocking a lock twice (explicit unlock, then the guard again) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/spinlock.h>

using namespace kcxx;

[[gnu::used]] static int bump(const SpinLock<int> &lock)
{
	auto guard = lock.lock();
	int value = ++*guard;
	guard.unlock(); // and the guard unlocks again at the end of scope
	return value;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
