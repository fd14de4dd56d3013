// SPDX-License-Identifier: GPL-2.0
// a PCI driver's system sleep hooks change its state (must not compile:
// hooks that are not const would write plain members while the interrupt
// handler and the files read them)
#include <kcxx/box.h>
#include <kcxx/pci/driver.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>

namespace {
class RuleTest {
public:
	struct IdInfo {};
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		{kcxx::pci::DeviceId::vendor_device(0x1b36, 0x0005), {}},
	};
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<kcxx::Box<RuleTest>> probe(const kcxx::pci::CoreDevice &, const IdInfo &)
	{
		return kcxx::Box<RuleTest>::try_new(kcxx::GFP_KERNEL);
	}

	kcxx::Result<void> suspend(const kcxx::pci::BoundDevice &)
	{
		asleep_ = true;
		return {};
	}
	kcxx::Result<void> resume(const kcxx::pci::BoundDevice &)
	{
		asleep_ = false;
		return {};
	}

private:
	bool asleep_ = false;
};
} // namespace
KCXX_MODULE_PCI_DRIVER(RuleTest);
