// SPDX-License-Identifier: GPL-2.0
//
// kcxx_pci_testdev: a PCI driver sample for QEMU's pci-testdev
// (-device pci-testdev, 1b36:0005), the C++ counterpart of Rust-for-Linux's
// samples/rust/rust_driver_pci.rs, step for step.
//
// The device (QEMU's hw/misc/pci-testdev.c): BAR0 is a 4 KiB memory window
// whose first bytes are a header - TEST (0x0, u8), OFFSET (0x4, u32),
// DATA (0x8, u8), COUNT (0xc, u32).  Writing a test index to TEST starts
// that test and sets COUNT to 0; a write of DATA to the test's OFFSET then
// increments COUNT.  Test 0 is "no-eventfd" on MMIO: OFFSET 0x800, DATA 0xfa.
//
// Probe enables the device's memory space, maps BAR0 with a compile-time
// size of 0x10 (every constant register offset below is checked against it
// when this file compiles), starts the test of the matched ID's TestIndex,
// writes DATA at the OFFSET the device supplies (a run-time offset: checked
// at run time, try_write8()) and logs COUNT:
//     kcxx_pci_testdev 0000:01:00.0: pci-testdev data-match count: 1
// Remove resets the device by starting the test again (the Rust sample's
// unbind()) and logs.
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

// pci-testdev's tests (iotest_test[] in QEMU); each ID table entry says
// which one to run.
enum class TestIndex : u8 {
	no_eventfd = 0,
};

constexpr kcxx::u16 PCI_VENDOR_ID_REDHAT = 0x1b36;
constexpr kcxx::u16 PCI_DEVICE_ID_REDHAT_TEST = 0x0005;

class SampleDriver {
public:
	using IdInfo = TestIndex;
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		{kcxx::pci::DeviceId::vendor_device(PCI_VENDOR_ID_REDHAT, PCI_DEVICE_ID_REDHAT_TEST),
		 TestIndex::no_eventfd},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_pci_testdev",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "C++ PCI driver sample for QEMU's pci-testdev",
	};

	static Result<Box<SampleDriver>> probe(const kcxx::pci::CoreDevice &pdev, const IdInfo &index)
	{
		dev_info(pdev.device(), "Probe kcxx PCI driver sample (PCI ID: 0x%04x, 0x%04x).\n",
			 pdev.vendor_id(), pdev.device_id());

		TRY(pdev.enable_mem());
		pdev.set_master();

		auto driver = TRY(Box<SampleDriver>::try_new(kcxx::GFP_KERNEL, kcxx::DeviceRef(pdev.device()),
							      TRY(Bar0::map(pdev, 0, "kcxx_pci_testdev")), index));

		// Inside probe the device is bound: no guard needed.
		const Bar0 *bar = TRY(driver->bar_.access(pdev.device()));
		dev_info(pdev.device(), "pci-testdev data-match count: %u\n", TRY(testdev(index, *bar)));
		return driver;
	}

	SampleDriver(kcxx::DeviceRef pdev, kcxx::Devres<Bar0> bar, TestIndex index)
		: pdev_(std::move(pdev)), bar_(std::move(bar)), index_(index)
	{
	}

	// remove (and the Rust sample's unbind()): the BAR is still mapped
	// here - unbind revokes it after remove - so reset the device by
	// starting the test again.
	~SampleDriver()
	{
		if (auto bar = bar_.try_access())
			(*bar)->write8<Regs::TEST>(static_cast<u8>(index_));
		dev_info(pdev_.get(), "Remove kcxx PCI driver sample.\n");
	}

private:
	static Result<u32> testdev(TestIndex index, const Bar0 &bar)
	{
		// Select the test.
		bar.write8<Regs::TEST>(static_cast<u8>(index));

		unsigned long offset = bar.read32<Regs::OFFSET>();
		u8 data = bar.read8<Regs::DATA>();

		// Write 'data' to 'offset' to increase COUNT by one.  The
		// offset comes from the device, so it is checked at run time
		// against the mapped BAR (-EINVAL outside it): try_write8.
		TRY(bar.try_write8(data, offset));

		return bar.read32<Regs::COUNT>();
	}

	kcxx::DeviceRef pdev_;
	kcxx::Devres<Bar0> bar_;
	TestIndex index_;
};

} // namespace

KCXX_MODULE_PCI_DRIVER(SampleDriver);
