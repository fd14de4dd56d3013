// SPDX-License-Identifier: GPL-2.0
// a memory resource made up by the driver, mapped (must not compile: only
// bus code makes an io::Resource, from what firmware or the device's
// registrar described; a driver could otherwise map any physical address)
#include <kcxx/devres.h>
#include <kcxx/io/mem.h>
#include <kcxx/module.h>
#include <kcxx/platform/device.h>
#include <kcxx/result.h>

using namespace kcxx;

[[gnu::used]] static Result<Devres<io::IoMem<0x100>>> map(const platform::CoreDevice &pdev)
{
	io::Resource res(0xfed00000, 0x1000);
	return io::IoMem<0x100>::map(pdev.device(), res, "rule_test");
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
