// SPDX-License-Identifier: GPL-2.0
// moving a lock the kernel has linked into its lists (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/box.h>

using namespace kcxx;

[[gnu::used]] static int relocate()
{
	Mutex<int> here(KCXX_LOCK_CLASS(), 1);
	Mutex<int> there(std::move(here)); // waiters would point at 'here'
	return *there.lock();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
