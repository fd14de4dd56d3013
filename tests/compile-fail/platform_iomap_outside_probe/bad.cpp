// SPDX-License-Identifier: GPL-2.0
// a platform device's registers mapped outside probe (must not compile:
// iomap() needs the CoreDevice of probe; a reset path with only a bound
// device would map again without the device lock, racing remove)
#include <kcxx/devres.h>
#include <kcxx/io/mem.h>
#include <kcxx/module.h>
#include <kcxx/platform/device.h>
#include <kcxx/result.h>

using namespace kcxx;

[[gnu::used]] static Result<Devres<io::IoMem<0x100>>> remap(const platform::BoundDevice &pdev)
{
	return pdev.iomap<0x100>(0, "rule_test");
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
