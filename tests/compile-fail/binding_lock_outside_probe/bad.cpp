// SPDX-License-Identifier: GPL-2.0
// a BindingLock made outside probe/remove, from a device that is merely
// bound (must not compile: only a CoreDevice, in a bus callback whose
// framework ends the lock before the binding's devres actions, makes one;
// one made elsewhere would say "bound" while they run)
#include <kcxx/binding_lock.h>
#include <kcxx/device.h>
#include <kcxx/gfp.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/lock_class.h>

// An interrupt handler or a sleep callback: the device is bound, but no
// framework will end a lock made here.
[[gnu::used]] static kcxx::Result<kcxx::BindingLock<>> make(const kcxx::BoundDevice &dev)
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
