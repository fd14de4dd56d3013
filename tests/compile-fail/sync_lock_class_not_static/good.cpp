// SPDX-License-Identifier: GPL-2.0
// a lockdep key outside static storage (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

[[gnu::used]] static int make()
{
	Mutex<int> lock(KCXX_LOCK_CLASS("static key"), 0);
	return *lock.lock();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
