// SPDX-License-Identifier: GPL-2.0
// the device's own memory resource, from its bus, mapped (builds)
#include <kcxx/devres.h>
#include <kcxx/io/mem.h>
#include <kcxx/module.h>
#include <kcxx/platform/device.h>
#include <kcxx/result.h>

using namespace kcxx;

[[gnu::used]] static Result<Devres<io::IoMem<0x100>>> map(const platform::CoreDevice &pdev)
{
	io::Resource res = TRY(pdev.mem_resource(0));
	return io::IoMem<0x100>::map(pdev.device(), res, "rule_test");
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
