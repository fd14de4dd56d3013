// SPDX-License-Identifier: GPL-2.0
// a BindingLock made in probe or remove, from the CoreDevice (builds)
#include <kcxx/binding_lock.h>
#include <kcxx/device.h>
#include <kcxx/gfp.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/lock_class.h>

// Probe or remove: the framework ends the lock before the devres actions.
[[gnu::used]] static kcxx::Result<kcxx::BindingLock<>> make(const kcxx::CoreDevice &dev)
{
	return kcxx::BindingLock<>::try_new(dev, KCXX_LOCK_CLASS("rule_test.unit"), kcxx::GFP_KERNEL);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
