// SPDX-License-Identifier: GPL-2.0
//
// kcxx_platform_test: platform drivers (platform/driver.h, platform/device.h,
// platform/registration.h) and memory resources mapped as bounds-checked
// MMIO (io/mem.h).
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
// its device tree node on arm64 (and maps it), by its ACPI ID on x86.
//
// After the cases the module keeps the driver registered and one device,
// kcxx_ptest_other.4, whose name matches no table: the script binds it
// through driver_override (probe then gets no IdInfo) and unbinds it.
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/io/mem.h>
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
// or the ACPI table; on arm64 the registers are mapped and the signature
// read (selector 0 at 0x8, big-endian; "QEMU" from the data register).
struct FwRecord {
	int probes;
	int removes;
	int info;
	int map_error;
	bool signature_ok;
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

	static Result<kcxx::Box<FwCfgDriver>> probe(const platform::CoreDevice &pdev, const IdInfo *id)
	{
		++fw_record.probes;
		fw_record.info = id ? id->value : -1;
		auto regs = pdev.iomap<0x10>(0, "kcxx_ptest_fwcfg");
		if (regs.is_error()) {
			fw_record.map_error = regs.error().to_errno();
			return kcxx::Box<FwCfgDriver>::try_new(kcxx::GFP_KERNEL, kcxx::Option<kcxx::Devres<Window>>());
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

	explicit FwCfgDriver(kcxx::Option<kcxx::Devres<Window>> regs) : regs_(std::move(regs)) {}
	~FwCfgDriver() { ++fw_record.removes; }

private:
	kcxx::Option<kcxx::Devres<Window>> regs_;
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
	fw_record = FwRecord{.info = -2, .map_error = 1};
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
		}
	}
	KCXX_EXPECT_EQ(t, fw_record.removes, 1);
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
