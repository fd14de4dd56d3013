// SPDX-License-Identifier: GPL-2.0
// a Devres used after it was moved (must not compile)
#include <kcxx/devres.h>
#include <kcxx/device.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

using namespace kcxx;

[[gnu::used]] static Result<u32> caller(const BoundDevice &dev)
{
	auto number = TRY(Devres<u32>::try_new(dev, GFP_KERNEL, 7u));
	auto taken = std::move(number);
	auto guard = number.try_access(); // number is empty
	if (!guard)
		return code::ENODEV;
	return **guard;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
