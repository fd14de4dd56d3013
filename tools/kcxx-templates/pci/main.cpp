// SPDX-License-Identifier: GPL-2.0
//
// @NAME@: a PCI driver for QEMU's pci-testdev (-device pci-testdev,
// 1b36:0005).  Its BAR0 starts with four registers - TEST (0x0, u8),
// OFFSET (0x4, u32), DATA (0x8, u8), COUNT (0xc, u32): writing a test
// index to TEST starts that test, and each write of DATA at OFFSET then
// increments COUNT.  Probe maps BAR0, runs test 0 once and logs COUNT
// ("@NAME@ 0000:01:00.0: data-match count: 1"); it keeps the mapping
// until remove.
//
// Made by 'kcxx new @NAME@ --template pci'.  Only kcxx's safe types: the
// BAR's size is a compile-time constant, so each constant register offset
// is checked when this file compiles; an offset the device supplies is
// checked at run time (try_write8).  The mapping is a Devres: revoked when
// the device is unbound, whatever still holds it.  samples/pci_testdev and
// drivers/edu in kcxx go further (docs/device-model.md).
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/driver.h>
#include <kcxx/types.h>

namespace {

using kcxx::Box;
using kcxx::Result;
using kcxx::u32;
using kcxx::u8;

// The registers, and the end of what the driver uses (the BAR is larger).
struct Regs {
	static constexpr unsigned long TEST = 0x0;
	static constexpr unsigned long OFFSET = 0x4;
	static constexpr unsigned long DATA = 0x8;
	static constexpr unsigned long COUNT = 0xc;
	static constexpr unsigned long END = 0x10;
};

using Bar0 = kcxx::pci::Bar<Regs::END>;

class Driver {
public:
	using IdInfo = u8; // the test each device runs
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		{kcxx::pci::DeviceId::vendor_device(0x1b36, 0x0005), 0},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "@NAME@",
		.license = "GPL",
		.author = "@NAME@'s authors",
		.description = "@NAME@: a PCI driver for QEMU's pci-testdev",
	};

	static Result<Box<Driver>> probe(const kcxx::pci::CoreDevice &pdev, const IdInfo &test)
	{
		TRY(pdev.enable_mem());
		auto driver = TRY(Box<Driver>::try_new(kcxx::GFP_KERNEL, kcxx::DeviceRef(pdev.device()),
						       TRY(Bar0::map(pdev, 0, "@NAME@")), test));
		// Inside probe the device is bound: the BAR is reachable.
		const Bar0 *bar = TRY(driver->bar_.access(pdev.device()));
		dev_info(pdev.device(), "data-match count: %u\n", TRY(run_test(test, *bar)));
		return driver;
	}

	Driver(kcxx::DeviceRef pdev, kcxx::Devres<Bar0> bar, u8 test)
		: pdev_(std::move(pdev)), bar_(std::move(bar)), test_(test)
	{
	}

	// remove: the BAR is still mapped here (unbind revokes it after).
	~Driver()
	{
		if (auto bar = bar_.try_access())
			(*bar)->write8<Regs::TEST>(test_); // back to a fresh test
		dev_info(pdev_.get(), "removed\n");
	}

private:
	static Result<u32> run_test(u8 test, const Bar0 &bar)
	{
		bar.write8<Regs::TEST>(test);
		unsigned long offset = bar.read32<Regs::OFFSET>();
		u8 data = bar.read8<Regs::DATA>();
		// The device supplies the offset: checked at run time.
		TRY(bar.try_write8(data, offset));
		return bar.read32<Regs::COUNT>();
	}

	kcxx::DeviceRef pdev_;
	kcxx::Devres<Bar0> bar_;
	u8 test_;
};

} // namespace

KCXX_MODULE_PCI_DRIVER(Driver);
