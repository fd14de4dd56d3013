// SPDX-License-Identifier: GPL-2.0
// a guard of a lock that dies at the end of the statement (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

[[gnu::used]] static int peek()
{
	Mutex<int> lock(KCXX_LOCK_CLASS(), 5);
	auto guard = lock.lock();
	return *guard;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
