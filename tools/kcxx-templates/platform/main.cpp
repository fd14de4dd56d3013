// SPDX-License-Identifier: GPL-2.0
//
// @NAME@: a platform driver for QEMU's fw_cfg ("firmware configuration"),
// the device QEMU's firmware describes on every machine: on x86 (pc, q35)
// an ACPI device QEMU0002 with 12 I/O ports, on arm64 (virt) a device tree
// node "qemu,fw-cfg-mmio" with a memory resource.  Writing a key to its
// selector register selects an item, whose bytes its data register then
// returns one at a time: key 0x0000 is the signature "QEMU", key 0x0001 a
// feature bitmap (little-endian u32; bit 0: this interface, bit 1: DMA).
// Probe claims the registers, reads both and logs them ("@NAME@
// QEMU0002:00: signature QEMU, features 0x3"); the device's sysfs
// attributes 'signature' and 'features' read them again from the device.
//
// Made by 'kcxx new @NAME@ --template platform'.  Only kcxx's safe types:
// the resources come from the platform bus (what ACPI or the device tree
// described), each window's size is a compile-time constant so each
// register offset is checked when this file compiles, and the windows are
// Devres: revoked when the device is unbound, whatever still holds them.
// Selecting and reading is a sequence, so the registers sit in a Mutex.
// tests/kernel/platform and drivers/cpl031 in kcxx go further
// (docs/device-model.md).
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/devres.h>
#include <kcxx/io/mem.h>
#include <kcxx/io/port.h>
#include <kcxx/option.h>
#include <kcxx/platform/driver.h>
#include <kcxx/span.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sysfs.h>
#include <kcxx/types.h>

namespace {

using kcxx::Box;
using kcxx::Devres;
using kcxx::Option;
using kcxx::Result;
using kcxx::u16;
using kcxx::u32;
using kcxx::u8;

// The two register layouts, and the end of what the driver uses.
struct PortRegs { // x86: I/O ports
	static constexpr unsigned long SELECTOR = 0x0; // u16, little-endian
	static constexpr unsigned long DATA = 0x1;     // u8
	static constexpr unsigned long END = 0x2;
};
struct MmioRegs { // arm64: memory-mapped
	static constexpr unsigned long DATA = 0x0;     // u8
	static constexpr unsigned long SELECTOR = 0x8; // u16, big-endian
	static constexpr unsigned long END = 0x10;
};
using Ports = kcxx::io::IoPort<PortRegs::END>;
using Window = kcxx::io::IoMem<MmioRegs::END>;

constexpr u16 KEY_SIGNATURE = 0x0000;
constexpr u16 KEY_FEATURES = 0x0001;

// fw_cfg's registers, whichever way the firmware described them.
class FwCfg {
public:
	static Result<FwCfg> claim(const kcxx::platform::CoreDevice &pdev, bool mmio)
	{
		if (mmio)
			return FwCfg(Option<Devres<Ports>>(), TRY(pdev.iomap<MmioRegs::END>(0, "@NAME@")));
		return FwCfg(TRY(pdev.ioport_map<PortRegs::END>(0, "@NAME@")), Option<Devres<Window>>());
	}

	// Selects 'key' and reads the first out.size() bytes of its item;
	// -ENODEV once the device is unbound.
	Result<void> read(u16 key, kcxx::Span<u8> out) const
	{
		if (ports_) {
			auto ports = ports_->try_access();
			if (!ports)
				return kcxx::code::ENODEV;
			(*ports)->write16<PortRegs::SELECTOR>(key);
			for (u8 &byte : out)
				byte = (*ports)->read8<PortRegs::DATA>();
			return {};
		}
		auto window = window_->try_access();
		if (!window)
			return kcxx::code::ENODEV;
		(*window)->write16<MmioRegs::SELECTOR>(__builtin_bswap16(key)); // big-endian
		for (u8 &byte : out)
			byte = (*window)->read8<MmioRegs::DATA>();
		return {};
	}

	FwCfg(Option<Devres<Ports>> ports, Option<Devres<Window>> window)
		: ports_(std::move(ports)), window_(std::move(window))
	{
	}

private:
	Option<Devres<Ports>> ports_;
	Option<Devres<Window>> window_;
};

class Driver {
	Result<void> show_signature(kcxx::sysfs::Buffer &out) const
	{
		u8 sig[4];
		TRY(regs_.lock()->read(KEY_SIGNATURE, sig));
		out.emit<"%c%c%c%c\n">(sig[0], sig[1], sig[2], sig[3]);
		return {};
	}

	Result<void> show_features(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%#x\n">(TRY(features()));
		return {};
	}

	Result<u32> features() const
	{
		u8 bytes[4];
		TRY(regs_.lock()->read(KEY_FEATURES, bytes));
		return bytes[0] | bytes[1] << 8 | bytes[2] << 16 | static_cast<u32>(bytes[3]) << 24;
	}

public:
	struct IdInfo {
		bool mmio; // the registers are a memory resource (else I/O ports)
	};
	static constexpr kcxx::platform::AcpiId<IdInfo> acpi_ids[] = {{"QEMU0002", {false}}};
	static constexpr kcxx::platform::OfId<IdInfo> of_ids[] = {{"qemu,fw-cfg-mmio", {true}}};
	static constexpr kcxx::ModuleInfo info{
		.name = "@NAME@",
		.license = "GPL",
		.author = "@NAME@'s authors",
		.description = "@NAME@: a platform driver for QEMU's fw_cfg",
	};
	static constexpr kcxx::sysfs::Attribute<Driver> attributes[] = {
		{"signature", &Driver::show_signature},
		{"features", &Driver::show_features},
	};

	static Result<Box<Driver>> probe(const kcxx::platform::CoreDevice &pdev, const IdInfo *id)
	{
		if (!id) // bound through driver_override: which layout is unknown
			return kcxx::code::ENODEV;
		auto driver = TRY(Box<Driver>::try_new(kcxx::GFP_KERNEL, TRY(FwCfg::claim(pdev, id->mmio))));
		u8 sig[4];
		TRY(driver->regs_.lock()->read(KEY_SIGNATURE, sig));
		if (sig[0] != 'Q' || sig[1] != 'E' || sig[2] != 'M' || sig[3] != 'U')
			return kcxx::code::ENODEV;
		dev_info(pdev.device(), "signature QEMU, features %#x\n", TRY(driver->features()));
		return driver;
	}

	explicit Driver(FwCfg regs) : regs_(KCXX_LOCK_CLASS("@NAME@.regs"), std::move(regs)) {}

private:
	kcxx::Mutex<FwCfg> regs_;
};

} // namespace

KCXX_MODULE_PLATFORM_DRIVER(Driver);
