// SPDX-License-Identifier: GPL-2.0
// a guard of a lock that dies at the end of the statement (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

[[gnu::used]] static int peek()
{
	auto guard = Mutex<int>(KCXX_LOCK_CLASS(), 5).lock(); // the Mutex is a temporary
	return *guard;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
