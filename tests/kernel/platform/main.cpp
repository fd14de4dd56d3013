// SPDX-License-Identifier: GPL-2.0
//
// kcxx_platform_test: platform drivers (platform/driver.h, platform/device.h,
// platform/registration.h) and memory resources mapped as bounds-checked
// MMIO (io/mem.h), I/O port resources (io/port.h).
//
// The cases register platform devices (kcxx::platform::DeviceRegistration)
// and a kcxx platform driver (PlatformTestDriver), and check what its probe
// and remove saw.  The devices' memory resource is QEMU's edu BAR 0
// (mem_start: tests/vm/platform.sh reads it from sysfs; no driver holds
// the PCI device), so a mapping reads real registers: edu's ID register
// (0x010000ed) and its liveness register (reads back the complement of
// what was written).  Without mem_start the MMIO cases are skipped.
//
// A second driver binds to QEMU's fw_cfg, which the firmware describes: by
// its device tree node on arm64 (and maps its memory resource), by its ACPI
// ID on x86 (and maps its I/O ports), and reads its signature.
//
// After the cases the module keeps the driver registered and one device,
// kcxx_ptest_other.4, whose name matches no table: the script binds it
// through driver_override (probe then gets no IdInfo) and unbinds it.
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/io/mem.h>
#include <kcxx/io/port.h>
#include <kcxx/module.h>
#include <kcxx/module_param.h>
#include <kcxx/option.h>
#include <kcxx/platform/driver.h>
#include <kcxx/platform/registration.h>
#include <kcxx/result.h>
#include <kcxx/sysfs.h>
#include <kcxx/test.h>
#include <kcxx/types.h>

namespace {

using kcxx::Result;
using kcxx::u32;
using kcxx::u64;
using kcxx::test::Context;
namespace platform = kcxx::platform;

KCXX_MODULE_PARAM(mem_start, unsigned long, 0, 0444, "Physical address of QEMU edu's BAR 0 (0: no MMIO cases)");

constexpr unsigned long WINDOW = 0x100;
constexpr unsigned long RESOURCE_SIZE = 0x1000;
constexpr u32 EDU_ID = 0x010000ed;
constexpr unsigned int TEST_IRQ = 7;
using Registers = kcxx::io::IoMem<WINDOW>;

// What the driver's probe and remove saw (the cases run one at a time, in
// the module's init).
struct Record {
	int probes;
	int removes;
	int last_error;	  // the probe's, 0 if it succeeded
	int info;	  // the matched entry's value, -1 for none
	int irq_error;	  // irq_request(0)'s, 0 if it succeeded
	unsigned int irq; // its number
	u32 id_register;
	bool liveness_ok;
	unsigned long mapped;
	int beyond_error; // try_read32() at the mapping's end
	int last_word_error;
};
Record record;

class PlatformTestDriver {
	Result<void> show_matched(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%d\n">(info_);
		return {};
	}

public:
	struct IdInfo {
		int value;
	};
	static constexpr platform::NameId<IdInfo> ids[] = {{"kcxx_ptest", {7}}, {"kcxx_ptest_b", {8}}};
	static constexpr platform::OfId<IdInfo> of_ids[] = {{"kcxx,platform-test", {9}}};
	static constexpr platform::AcpiId<IdInfo> acpi_ids[] = {{"KCXX0001", {10}}};
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_ptest",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "kcxx platform drivers and memory resources (test)",
	};
	static constexpr kcxx::sysfs::Attribute<PlatformTestDriver> attributes[] = {
		{"matched", &PlatformTestDriver::show_matched},
	};

	static Result<kcxx::Box<PlatformTestDriver>> probe(const platform::CoreDevice &pdev, const IdInfo *id)
	{
		++record.probes;
		record.info = id ? id->value : -1;
		auto irq = pdev.irq_request(0);
		record.irq_error = irq.is_ok() ? 0 : irq.error().to_errno();
		record.irq = irq.is_ok() ? irq.value().irq() : 0;
		auto regs = pdev.iomap<WINDOW>(0, "kcxx_ptest");
		if (regs.is_error()) {
			record.last_error = regs.error().to_errno();
			return regs.error();
		}
		const Registers *r = TRY(regs.value().access(pdev.device()));
		record.id_register = r->read32<0x00>();
		r->write32<0x04>(0x12345678);
		record.liveness_ok = r->read32<0x04>() == ~0x12345678u;
		record.mapped = r->mapped_size();
		auto beyond = r->try_read32(r->mapped_size());
		record.beyond_error = beyond.is_ok() ? 0 : beyond.error().to_errno();
		auto last = r->try_read32(r->mapped_size() - 4);
		record.last_word_error = last.is_ok() ? 0 : last.error().to_errno();
		record.last_error = 0;
		dev_info(pdev.device(), "bound, entry %d\n", record.info);
		return kcxx::Box<PlatformTestDriver>::try_new(kcxx::GFP_KERNEL, std::move(regs).value(), record.info);
	}

	PlatformTestDriver(kcxx::Devres<Registers> regs, int info) : regs_(std::move(regs)), info_(info) {}
	~PlatformTestDriver() { ++record.removes; }

private:
	kcxx::Devres<Registers> regs_;
	int info_;
};

// A device the firmware describes: QEMU's fw_cfg, a device tree node
// "qemu,fw-cfg-mmio" with a memory resource on arm64 virt, an ACPI device
// QEMU0002 with I/O ports on x86 (Debian builds its driver, qemu_fw_cfg,
// as a module, which the test VMs do not load).  Matched through the OF
// or the ACPI table; the registers are mapped and the signature read
// (key 0 selected, "QEMU" from the data register): on arm64 memory,
// selector at 0x8 (big-endian), data at 0x0; on x86 12 ports, selector
// at +0, data at +1 - and there the ports' bounds and ownership are
// checked too.
struct FwRecord {
	int probes;
	int removes;
	int info;
	int map_error;	      // iomap()'s
	int port_error;	      // ioport_map()'s (x86)
	int port_again_error; // the same ports requested again while held
	int port_large_error; // a window larger than the resource
	int beyond_error;     // try_read8() at the end of the ports
	int last_port_error;  // try_read8() of the last port
	unsigned long ports;  // the number of ports requested
	bool signature_ok;
	u32 features;	      // key 1, little-endian
};
FwRecord fw_record;

class FwCfgDriver {
public:
	struct IdInfo {
		int value;
	};
	static constexpr platform::OfId<IdInfo> of_ids[] = {{"qemu,fw-cfg-mmio", {11}}};
	static constexpr platform::AcpiId<IdInfo> acpi_ids[] = {{"QEMU0002", {12}}};
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_ptest_fwcfg",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "kcxx platform driver matched by the firmware (test)",
	};
	using Window = kcxx::io::IoMem<0x10>;
	using Ports = kcxx::io::IoPort<2>;

	static int error_of(const auto &result) { return result.is_ok() ? 0 : result.error().to_errno(); }

	static Result<kcxx::Box<FwCfgDriver>> probe(const platform::CoreDevice &pdev, const IdInfo *id)
	{
		++fw_record.probes;
		fw_record.info = id ? id->value : -1;
		auto regs = pdev.iomap<0x10>(0, "kcxx_ptest_fwcfg");
		if (regs.is_error()) {
			fw_record.map_error = regs.error().to_errno();
			return probe_ports(pdev);
		}
		const Window *r = TRY(regs.value().access(pdev.device()));
		r->write16<0x8>(0);
		fw_record.signature_ok = r->read8<0>() == 'Q' && r->read8<0>() == 'E' && r->read8<0>() == 'M' &&
					 r->read8<0>() == 'U';
		fw_record.map_error = 0;
		dev_info(pdev.device(), "entry %d, signature %s\n", fw_record.info,
			 fw_record.signature_ok ? "QEMU" : "wrong");
		return kcxx::Box<FwCfgDriver>::try_new(kcxx::GFP_KERNEL, kcxx::Option(std::move(regs).value()));
	}

	// x86: the ports.
	static Result<kcxx::Box<FwCfgDriver>> probe_ports(const platform::CoreDevice &pdev)
	{
		auto ports = pdev.ioport_map<2>(0, "kcxx_ptest_fwcfg");
		fw_record.port_error = error_of(ports);
		if (ports.is_error())
			return kcxx::Box<FwCfgDriver>::try_new(kcxx::GFP_KERNEL, kcxx::Option<kcxx::Devres<Window>>());
		fw_record.port_again_error = error_of(pdev.ioport_map<2>(0, "kcxx_ptest_fwcfg"));
		fw_record.port_large_error = error_of(pdev.ioport_map<0x100>(0, "kcxx_ptest_fwcfg"));
		const Ports *p = TRY(ports.value().access(pdev.device()));
		fw_record.ports = p->mapped_size();
		fw_record.beyond_error = error_of(p->try_read8(p->mapped_size()));
		fw_record.last_port_error = error_of(p->try_read8(p->mapped_size() - 1));
		p->write16<0x0>(0);
		fw_record.signature_ok = p->read8<1>() == 'Q' && p->read8<1>() == 'E' && p->read8<1>() == 'M' &&
					 p->read8<1>() == 'U';
		p->write16<0x0>(1);
		u32 features = 0;
		for (unsigned int i = 0; i < 4; ++i)
			features |= static_cast<u32>(p->read8<1>()) << (8 * i);
		fw_record.features = features;
		dev_info(pdev.device(), "entry %d, ports, signature %s, features %#x\n", fw_record.info,
			 fw_record.signature_ok ? "QEMU" : "wrong", features);
		return kcxx::Box<FwCfgDriver>::try_new(kcxx::GFP_KERNEL, kcxx::Option<kcxx::Devres<Window>>(),
						       kcxx::Option(std::move(ports).value()));
	}

	explicit FwCfgDriver(kcxx::Option<kcxx::Devres<Window>> regs,
			     kcxx::Option<kcxx::Devres<Ports>> ports = kcxx::Option<kcxx::Devres<Ports>>())
		: regs_(std::move(regs)), ports_(std::move(ports))
	{
	}
	~FwCfgDriver() { ++fw_record.removes; }

private:
	kcxx::Option<kcxx::Devres<Window>> regs_;
	kcxx::Option<kcxx::Devres<Ports>> ports_;
};

} // namespace

KCXX_PLATFORM_DEVICE_TABLES(PlatformTestDriver);
KCXX_PLATFORM_DEVICE_TABLES(FwCfgDriver);

namespace {

using Driver = platform::Registration<PlatformTestDriver>;

void reset() { record = Record{.last_error = 1, .info = -2}; }

Result<platform::DeviceRegistration> add_device(const char *name, int id, u64 start, u64 size)
{
	const platform::ResourceSpec res[] = {platform::ResourceSpec::mem(start, size)};
	return platform::DeviceRegistration::try_new(name, id, res);
}

void binds_by_name_and_maps(Context &t)
{
	if (!mem_start.get())
		return t.skip("no mem_start");
	reset();
	auto driver = KCXX_ASSERT_TRY(t, Driver::try_new(kcxx::GFP_KERNEL));
	KCXX_EXPECT_EQ(t, record.probes, 0);
	{
		auto dev = KCXX_ASSERT_TRY(t, add_device("kcxx_ptest", 0, mem_start.get(), RESOURCE_SIZE));
		KCXX_EXPECT_EQ(t, record.probes, 1);
		KCXX_EXPECT_EQ(t, record.last_error, 0);
		KCXX_EXPECT_EQ(t, record.info, 7);
		KCXX_EXPECT_EQ(t, record.id_register, EDU_ID);
		KCXX_EXPECT(t, record.liveness_ok);
		KCXX_EXPECT_EQ(t, record.mapped, RESOURCE_SIZE);
		KCXX_EXPECT_EQ(t, record.beyond_error, -22);
		KCXX_EXPECT_EQ(t, record.last_word_error, 0);
		KCXX_EXPECT_EQ(t, record.irq_error, -6); // no IRQ resource: -ENXIO
		KCXX_EXPECT_EQ(t, record.removes, 0);
	}
	// The device's unregistration unbound it.
	KCXX_EXPECT_EQ(t, record.removes, 1);
}

void second_entry_of_the_table(Context &t)
{
	if (!mem_start.get())
		return t.skip("no mem_start");
	reset();
	auto driver = KCXX_ASSERT_TRY(t, Driver::try_new(kcxx::GFP_KERNEL));
	auto dev = KCXX_ASSERT_TRY(t, add_device("kcxx_ptest_b", 0, mem_start.get(), RESOURCE_SIZE));
	KCXX_EXPECT_EQ(t, record.probes, 1);
	KCXX_EXPECT_EQ(t, record.info, 8);
}

void region_held_by_another_binding(Context &t)
{
	if (!mem_start.get())
		return t.skip("no mem_start");
	reset();
	auto driver = KCXX_ASSERT_TRY(t, Driver::try_new(kcxx::GFP_KERNEL));
	auto a = KCXX_ASSERT_TRY(t, add_device("kcxx_ptest", 1, mem_start.get(), RESOURCE_SIZE));
	KCXX_EXPECT_EQ(t, record.last_error, 0);
	auto b = KCXX_ASSERT_TRY(t, add_device("kcxx_ptest", 2, mem_start.get(), RESOURCE_SIZE));
	KCXX_EXPECT_EQ(t, record.probes, 2);
	KCXX_EXPECT_EQ(t, record.last_error, -16); // -EBUSY: a's mapping holds the range
	KCXX_EXPECT_EQ(t, record.removes, 0);
	// a goes first: b's resource, the same range, was inserted above
	// a's, and deleting b first would take a's (and its mapping's
	// region) out of the resource tree with it (release_resource()).
	{
		auto gone = std::move(a);
	}
	KCXX_EXPECT_EQ(t, record.removes, 1);
}

void resource_smaller_than_the_window(Context &t)
{
	if (!mem_start.get())
		return t.skip("no mem_start");
	reset();
	auto driver = KCXX_ASSERT_TRY(t, Driver::try_new(kcxx::GFP_KERNEL));
	auto dev = KCXX_ASSERT_TRY(t, add_device("kcxx_ptest", 3, mem_start.get(), WINDOW / 2));
	KCXX_EXPECT_EQ(t, record.probes, 1);
	KCXX_EXPECT_EQ(t, record.last_error, -22);
	KCXX_EXPECT_EQ(t, record.removes, 0);
}

void no_resources(Context &t)
{
	reset();
	auto driver = KCXX_ASSERT_TRY(t, Driver::try_new(kcxx::GFP_KERNEL));
	auto dev = KCXX_ASSERT_TRY(t, platform::DeviceRegistration::try_new("kcxx_ptest", 5, {}));
	KCXX_EXPECT_EQ(t, record.probes, 1);
	KCXX_EXPECT_EQ(t, record.last_error, -22); // no memory resource
	KCXX_EXPECT_EQ(t, record.irq_error, -6);
}

void irq_resource(Context &t)
{
	reset();
	auto driver = KCXX_ASSERT_TRY(t, Driver::try_new(kcxx::GFP_KERNEL));
	const platform::ResourceSpec res[] = {platform::ResourceSpec::irq(TEST_IRQ)};
	auto dev = KCXX_ASSERT_TRY(t, platform::DeviceRegistration::try_new("kcxx_ptest", 6, res));
	KCXX_EXPECT_EQ(t, record.probes, 1);
	KCXX_EXPECT_EQ(t, record.irq_error, 0);
	KCXX_EXPECT_EQ(t, record.irq, TEST_IRQ);
}

void driver_unregistration_removes(Context &t)
{
	if (!mem_start.get())
		return t.skip("no mem_start");
	reset();
	auto driver = KCXX_ASSERT_TRY(t, Driver::try_new(kcxx::GFP_KERNEL));
	auto dev = KCXX_ASSERT_TRY(t, add_device("kcxx_ptest", 7, mem_start.get(), RESOURCE_SIZE));
	KCXX_EXPECT_EQ(t, record.last_error, 0);
	{
		auto gone = std::move(driver);
	}
	KCXX_EXPECT_EQ(t, record.removes, 1);
	// The range is free again: another binding maps it.
	auto again = KCXX_ASSERT_TRY(t, Driver::try_new(kcxx::GFP_KERNEL));
	KCXX_EXPECT_EQ(t, record.probes, 2);
	KCXX_EXPECT_EQ(t, record.last_error, 0);
}

void matched_by_the_firmware(Context &t)
{
	fw_record = FwRecord{.info = -2, .map_error = 1, .port_error = 1};
	{
		auto driver = KCXX_ASSERT_TRY(t, platform::Registration<FwCfgDriver>::try_new(kcxx::GFP_KERNEL));
		if (fw_record.probes == 0)
			return t.skip("no unbound qemu,fw-cfg-mmio or QEMU0002 device");
		KCXX_EXPECT_EQ(t, fw_record.probes, 1);
		if (fw_record.info == 11) { // the device tree (arm64)
			KCXX_EXPECT_EQ(t, fw_record.map_error, 0);
			KCXX_EXPECT(t, fw_record.signature_ok);
		} else { // ACPI (x86): I/O ports, no memory resource
			KCXX_EXPECT_EQ(t, fw_record.info, 12);
			KCXX_EXPECT_EQ(t, fw_record.map_error, -22);
			KCXX_EXPECT_EQ(t, fw_record.port_error, 0);
			KCXX_EXPECT(t, fw_record.signature_ok);
			KCXX_EXPECT_EQ(t, fw_record.features & 1u, 1u); // the traditional interface
			KCXX_EXPECT_EQ(t, fw_record.ports, 12ul);
			KCXX_EXPECT_EQ(t, fw_record.port_again_error, -16); // -EBUSY: held by the first
			KCXX_EXPECT_EQ(t, fw_record.port_large_error, -22); // 12 ports < 0x100
			KCXX_EXPECT_EQ(t, fw_record.beyond_error, -22);
			KCXX_EXPECT_EQ(t, fw_record.last_port_error, 0);
		}
	}
	KCXX_EXPECT_EQ(t, fw_record.removes, 1);
	if (fw_record.info != 12)
		return;
	// The unbinding released the ports: a new binding requests them again.
	fw_record.port_error = 1;
	fw_record.signature_ok = false;
	auto again = KCXX_ASSERT_TRY(t, platform::Registration<FwCfgDriver>::try_new(kcxx::GFP_KERNEL));
	KCXX_EXPECT_EQ(t, fw_record.probes, 2);
	KCXX_EXPECT_EQ(t, fw_record.port_error, 0);
	KCXX_EXPECT(t, fw_record.signature_ok);
}

// A device registered with a port resource: mem_resource() finds none,
// port_resource() finds it (its range as registered).
struct PortRecord {
	int probes;
	int mem_error;
	int port_error;
	u64 start;
	u64 size;
};
PortRecord port_record;

class PortSpecDriver {
public:
	struct IdInfo {
		int value;
	};
	static constexpr platform::NameId<IdInfo> ids[] = {{"kcxx_ptest_port", {13}}};
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_ptest_port",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "kcxx platform driver of a port resource (test)",
	};

	static Result<kcxx::Box<PortSpecDriver>> probe(const platform::CoreDevice &pdev, const IdInfo *)
	{
		++port_record.probes;
		auto mem = pdev.mem_resource(0);
		port_record.mem_error = mem.is_ok() ? 0 : mem.error().to_errno();
		auto port = pdev.port_resource(0);
		port_record.port_error = port.is_ok() ? 0 : port.error().to_errno();
		if (port.is_ok()) {
			port_record.start = port.value().start();
			port_record.size = port.value().size();
		}
		return kcxx::Box<PortSpecDriver>::try_new(kcxx::GFP_KERNEL);
	}
};

} // namespace

KCXX_PLATFORM_DEVICE_TABLES(PortSpecDriver);

namespace {

void port_resource_of_a_registered_device(Context &t)
{
	port_record = PortRecord{.mem_error = 1, .port_error = 1};
	auto driver = KCXX_ASSERT_TRY(t, platform::Registration<PortSpecDriver>::try_new(kcxx::GFP_KERNEL));
	// Ports no device of QEMU's uses (nothing is accessed).
	const platform::ResourceSpec res[] = {platform::ResourceSpec::ports(0xcf0, 4)};
	auto dev = KCXX_ASSERT_TRY(t, platform::DeviceRegistration::try_new("kcxx_ptest_port", 0, res));
	KCXX_EXPECT_EQ(t, port_record.probes, 1);
	KCXX_EXPECT_EQ(t, port_record.mem_error, -22);
	KCXX_EXPECT_EQ(t, port_record.port_error, 0);
	KCXX_EXPECT_EQ(t, port_record.start, 0xcf0ull);
	KCXX_EXPECT_EQ(t, port_record.size, 4ull);
}

void bad_registrations(Context &t)
{
	const platform::ResourceSpec empty[] = {platform::ResourceSpec::mem(0x1000, 0)};
	auto r = platform::DeviceRegistration::try_new("kcxx_ptest", 8, empty);
	KCXX_EXPECT(t, r.is_error() && r.error().to_errno() == -22);
	const platform::ResourceSpec wraps[] = {platform::ResourceSpec::mem(~0ull - 10, 0x100)};
	auto w = platform::DeviceRegistration::try_new("kcxx_ptest", 8, wraps);
	KCXX_EXPECT(t, w.is_error() && w.error().to_errno() == -22);
}

constexpr kcxx::test::Case cases[] = {
	KCXX_CASE(binds_by_name_and_maps),
	KCXX_CASE(second_entry_of_the_table),
	KCXX_CASE(region_held_by_another_binding),
	KCXX_CASE(resource_smaller_than_the_window),
	KCXX_CASE(no_resources),
	KCXX_CASE(irq_resource),
	KCXX_CASE(driver_unregistration_removes),
	KCXX_CASE(matched_by_the_firmware),
	KCXX_CASE(port_resource_of_a_registered_device),
	KCXX_CASE(bad_registrations),
};
constinit const kcxx::test::Suite suite{"kcxx_platform_driver", cases};
constexpr const kcxx::test::Suite *suites[] = {&suite};

class PlatformTest {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_platform_test",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "kcxx platform drivers and memory resources (KTAP)",
	};

	static Result<PlatformTest> init()
	{
		(void)kcxx::test::run_all(suites, info.name);
		// For the script: the driver, and a device that matches no
		// table (bound by driver_override), on the page after the
		// cases' (no mapping of it: it is not bound yet).
		auto driver = TRY(Driver::try_new(kcxx::GFP_KERNEL));
		u64 start = mem_start.get() ? mem_start.get() + RESOURCE_SIZE : 0;
		auto other = start ? TRY(add_device("kcxx_ptest_other", 4, start, RESOURCE_SIZE))
				   : TRY(platform::DeviceRegistration::try_new("kcxx_ptest_other", 4, {}));
		return PlatformTest(std::move(driver), std::move(other));
	}

	PlatformTest(PlatformTest &&) = default;

private:
	PlatformTest(kcxx::Box<Driver> driver, platform::DeviceRegistration other)
		: other_(std::move(other)), driver_(std::move(driver))
	{
	}
	// Destroyed first: the device goes, then the driver.
	platform::DeviceRegistration other_;
	kcxx::Box<Driver> driver_;
};

} // namespace

KCXX_MODULE(PlatformTest);
