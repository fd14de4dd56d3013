// SPDX-License-Identifier: GPL-2.0
// a guard returned from the function that owns its lock (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

[[gnu::used]] static MutexGuard<int> take()
{
	Mutex<int> lock(KCXX_LOCK_CLASS(), 0); // dies when take() returns
	return lock.lock();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
