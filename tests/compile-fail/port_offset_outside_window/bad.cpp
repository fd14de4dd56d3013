// SPDX-License-Identifier: GPL-2.0
// an I/O port access at a constant offset beyond the ports' window (must not compile)
#include <kcxx/devres.h>
#include <kcxx/io/port.h>
#include <kcxx/module.h>
#include <kcxx/result.h>

using namespace kcxx;

// The device's registers: a window of 2 ports (fw_cfg's selector and data).
using Ports = io::IoPort<2>;

[[gnu::used]] static Result<void> select(const Devres<Ports> &ports)
{
	auto guard = ports.try_access();
	if (!guard)
		return code::ENODEV;
	(*guard)->write8<0x2>(1); // one past the last port
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
