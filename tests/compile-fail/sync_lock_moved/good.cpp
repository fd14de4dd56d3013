// SPDX-License-Identifier: GPL-2.0
// moving a lock the kernel has linked into its lists (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/box.h>

using namespace kcxx;

[[gnu::used]] static int relocate()
{
	// Built in place where it will live, and never moved.
	auto there = Box<Mutex<int>>::try_new(GFP_KERNEL, KCXX_LOCK_CLASS(), 1);
	if (there.is_error())
		return there.error().to_errno();
	return *(*there)->lock();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
