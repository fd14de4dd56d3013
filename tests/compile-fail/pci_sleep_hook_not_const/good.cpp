// SPDX-License-Identifier: GPL-2.0
// a PCI driver's system sleep hooks change its state (the correct twin:
// const hooks, the state an atomic)
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

	// The interrupt handler and the files may run meanwhile: the state
	// they share is an atomic.
	kcxx::Result<void> suspend(const kcxx::pci::BoundDevice &) const
	{
		asleep_.store(1);
		return {};
	}
	kcxx::Result<void> resume(const kcxx::pci::BoundDevice &) const
	{
		asleep_.store(0);
		return {};
	}

private:
	kcxx::Atomic<int> asleep_{0};
};
} // namespace
KCXX_MODULE_PCI_DRIVER(RuleTest);
