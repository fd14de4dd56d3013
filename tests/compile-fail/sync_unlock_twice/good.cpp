// SPDX-License-Identifier: GPL-2.0
// unlocking a lock twice (explicit unlock, then the guard again) (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/spinlock.h>

using namespace kcxx;

[[gnu::used]] static int bump(const SpinLock<int> &lock)
{
	int value;
	{
		auto guard = lock.lock();
		value = ++*guard;
	} // the only unlock
	return value;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
