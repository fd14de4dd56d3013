// SPDX-License-Identifier: GPL-2.0
//
// kcxx_pci_pm_test: the system sleep hooks of a kcxx PCI driver
// (pci/driver.h), on QEMU's pci-testdev.  suspend() answers what the
// module parameter suspend_error says (0: success, else that errno), and
// both hooks count their calls in sysfs (suspends, resumes) with the
// errors suspend() returned, so tests/vm/pci_testdev.sh can check that
// the PM core called them in pairs, that an error aborts the system's
// suspend with that errno, and that a device whose suspend failed is not
// resumed.
#include <kcxx/box.h>
#include <kcxx/error.h>
#include <kcxx/module_param.h>
#include <kcxx/pci/driver.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sysfs.h>
#include <kcxx/types.h>

namespace {

using kcxx::Result;
using kcxx::u64;

KCXX_MODULE_PARAM_RANGE(suspend_error, int, 0, 0, 4095, 0644,
			"The errno suspend() answers (positive, 0: success)");

class PmTest {
	// sysfs: /sys/bus/pci/devices/<name>/suspends, resumes, failed_suspends;
	// long_text and failing test kcxx::sysfs itself (truncation, errors).
	Result<void> show_suspends(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(suspends_.load());
		return {};
	}
	Result<void> show_resumes(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(resumes_.load());
		return {};
	}
	Result<void> show_failed_suspends(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(failed_suspends_.load());
		return {};
	}
	// More than a page (100 lines of 64 bytes): the read ends at the
	// page's last byte but one, as sysfs_emit_at() does.
	Result<void> show_long_text(kcxx::sysfs::Buffer &out) const
	{
		for (int i = 0; i < 100; ++i)
			out.emit<"%02d %060d\n">(i, 0);
		return {};
	}
	// A show() that fails: the read gets its errno.
	Result<void> show_failing(kcxx::sysfs::Buffer &) const { return kcxx::code::EIO; }

public:
	struct IdInfo {};
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		{kcxx::pci::DeviceId::vendor_device(0x1b36, 0x0005), {}},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_pci_pm_test",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "kcxx PCI system sleep hooks on QEMU's pci-testdev (test)",
	};
	static constexpr kcxx::sysfs::Attribute<PmTest> attributes[] = {
		{"suspends", &PmTest::show_suspends},
		{"resumes", &PmTest::show_resumes},
		{"failed_suspends", &PmTest::show_failed_suspends},
		{"long_text", &PmTest::show_long_text},
		{"failing", &PmTest::show_failing},
	};

	static Result<kcxx::Box<PmTest>> probe(const kcxx::pci::CoreDevice &, const IdInfo &)
	{
		return kcxx::Box<PmTest>::try_new(kcxx::GFP_KERNEL);
	}

	Result<void> suspend(const kcxx::pci::BoundDevice &) const
	{
		if (int err = suspend_error.get()) {
			(void)failed_suspends_.fetch_add(1);
			return kcxx::Error::from_errno(-err);
		}
		(void)suspends_.fetch_add(1);
		return {};
	}

	Result<void> resume(const kcxx::pci::BoundDevice &) const
	{
		(void)resumes_.fetch_add(1);
		return {};
	}

private:
	kcxx::Atomic<u64> suspends_{0};
	kcxx::Atomic<u64> resumes_{0};
	kcxx::Atomic<u64> failed_suspends_{0};
};

} // namespace

KCXX_MODULE_PCI_DRIVER(PmTest);
