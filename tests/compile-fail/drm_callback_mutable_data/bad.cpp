// SPDX-License-Identifier: GPL-2.0
// a DRM driver's page flip writes its state through a mutable Data (must
// not compile: the DRM core calls get_modes() and the pipe's commits at the
// same time, and after unbind; Data is const, shared state an atomic)
// The catalog compiles each case alone with the reference module's command,
// without this directory's Kbuild (kcxx-helpers := drm): say it here.
#ifndef KCXX_HELPERS_drm
#define KCXX_HELPERS_drm 1
#endif
#include <kcxx/box.h>
#include <kcxx/devres.h>
#include <kcxx/drm/device.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/driver.h>
#include <kcxx/result.h>

namespace {
namespace drm = kcxx::drm;

struct Hw {
	Hw(drm::Vram, kcxx::Devres<kcxx::pci::Bar<0x10>> regs) : regs(std::move(regs)) {}
	kcxx::Devres<kcxx::pci::Bar<0x10>> regs;
	kcxx::u32 pitch = 0;
};

class RuleTest {
public:
	struct IdInfo {};
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		{kcxx::pci::DeviceId::vendor_device(0x1234, 0x1111), {}},
	};
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};

	using Data = Hw;
	static constexpr drm::DriverInfo drm_info{.name = "rule_test", .desc = "test", .date = "20261206"};
	static constexpr drm::ModeConfig mode_config{.max_width = 4096, .max_height = 4096};
	static constexpr kcxx::u32 formats[] = {drm::format::XRGB8888};

	static int get_modes(const Hw &, drm::Connector &c) { return c.add_modes_noedid(1024, 768); }
	static void enable(const Hw &, const drm::Mode &, const drm::PlaneState &) {}
	static void disable(const Hw &) {}
	static void update(Hw &hw, const drm::PlaneState &plane)
	{
		if (auto fb = plane.framebuffer())
			hw.pitch = fb->pitch();
	}

	static kcxx::Result<kcxx::Box<RuleTest>> probe(const kcxx::pci::CoreDevice &pdev, const IdInfo &)
	{
		TRY(pdev.enable());
		auto regs = TRY(kcxx::pci::Bar<0x10>::map(pdev, 2, "rule_test"));
		auto reg = TRY(drm::Registration<RuleTest>::try_new(pdev, drm::VramBar{.bar = 0}, std::move(regs)));
		return kcxx::Box<RuleTest>::try_new(kcxx::GFP_KERNEL, std::move(reg));
	}
	explicit RuleTest(drm::Registration<RuleTest> reg) : reg_(std::move(reg)) {}

private:
	drm::Registration<RuleTest> reg_;
};
} // namespace
KCXX_MODULE_PCI_DRIVER(RuleTest);
