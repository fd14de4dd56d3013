// SPDX-License-Identifier: GPL-2.0
//
// cbochs: a DRM/KMS driver for QEMU's bochs display adapters
// (-device bochs-display, -vga std: PCI 1234:1111), in C++ on kcxx's DRM
// abstractions (include/kcxx/drm/).  The counterpart of the kernel's C
// bochs.ko (drivers/gpu/drm/tiny/bochs.c) as Debian's 6.1 and 6.12 build
// it: the same registers, modes and behaviour, so that one can be checked
// against the other (tests/vm/cbochs.sh).
//
// The device: BAR0 is video memory (VRAM), BAR2 a 4 KiB MMIO window with
// the EDID blob (0x000-0x3ff), the VGA I/O ports 0x3c0-0x3df (at 0x400),
// the 16-bit Bochs DISPI registers (at 0x500) and QEMU's extension
// registers (at 0x600: their size, then the framebuffer's byte order).
// bochs.ko also drives the I/O port interface of old stdvga devices
// without BAR2 (ports 0x1ce/0x1cf); cbochs needs BAR2.
// Module parameters as bochs.ko's: defx and defy (the preferred mode
// without an EDID), modeset (0: the module does not load; -1: not under
// the kernel's nomodeset; drm::check_modeset()).
//
// DRM: dumb buffers and the console are GEM VRAM objects in BAR0; the
// primary plane's framebuffer is pinned there and shown by pointing the
// DISPI virtual screen at it (X/Y offset, virtual width): a page flip is
// three register writes.  Modes: the EDID's (QEMU's default EDID), or
// without one every standard mode up to 8192x8192 with defx x defy
// preferred; modes need half the VRAM at most (room for a flip).  The
// fbdev console (32 bpp) comes up at probe.
//
// Panic screen (PanicScreen): when the kernel panics, a kmsg dumper
// registered at probe draws the end of the kernel log as kcxx's
// drm_panic-style QR code (kcxx::qr::PanicLog, as samples/qr_panic) on the
// buffer being scanned out, at the VRAM offset the last plane update set
// and no larger than that framebuffer (drm::Scanout), through a
// write-combining mapping of the VRAM BAR made at probe (drm::PanicVram):
// nothing is allocated, no lock taken, nothing sleeps.
//
// Hardware access goes through the BAR2 Devres: after unbind (when user
// space may still hold the DRM device open and the DRM core may still
// call the pipe) it finds no registers, where bochs.ko checks
// drm_dev_enter().
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/device.h>
#include <kcxx/devres.h>
#include <kcxx/kmsg_dump.h>
#include <kcxx/drm/connector.h>
#include <kcxx/drm/device.h>
#include <kcxx/drm/driver.h>
#include <kcxx/drm/fbdev.h>
#include <kcxx/drm/gem_vram.h>
#include <kcxx/drm/mode.h>
#include <kcxx/drm/mode_config.h>
#include <kcxx/drm/panic.h>
#include <kcxx/drm/panic_scanout.h>
#include <kcxx/drm/plane.h>
#include <kcxx/module_param.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/driver.h>
#include <kcxx/print.h>
#include <kcxx/qr/kmsg_panic.h>
#include <kcxx/result.h>
#include <kcxx/span.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/types.h>

KCXX_MODULE_PARAM(defx, int, 1024, 0444, "default x resolution");
KCXX_MODULE_PARAM(defy, int, 768, 0444, "default y resolution");
// As bochs.ko's (drm_module_pci_driver_if_modeset()): 0 keeps the driver
// off, -1 follows the kernel's nomodeset, anything else turns it on.
KCXX_MODULE_PARAM(modeset, int, -1, 0444, "enable/disable kernel modesetting");

namespace {

using kcxx::Box;
using kcxx::Result;
using kcxx::u16;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;
namespace drm = kcxx::drm;

// BAR2.
namespace reg {
constexpr unsigned long EDID_END = 0x400;    // the EDID blob: 0x000 up to here
constexpr unsigned long QEXT_SIZE = 0x600;   // QEMU extension registers: their size
constexpr unsigned long QEXT_ENDIAN = 0x604; // framebuffer byte order
constexpr unsigned long END = 0x608;

// A VGA I/O port (0x3c0-0x3df) in the window.
constexpr unsigned long vga(unsigned long ioport) { return ioport - 0x3c0 + 0x400; }
constexpr unsigned long VGA_ATT_W = vga(0x3c0);
constexpr unsigned long VGA_MIS_W = vga(0x3c2);
constexpr unsigned long VGA_IS1_RC = vga(0x3da);
constexpr u8 VGA_MIS_COLOR = 0x01;

// A DISPI register (16 bits) in the window.
constexpr unsigned long dispi(unsigned int index) { return 0x500 + (index << 1); }
constexpr unsigned long ID = dispi(0x0);
constexpr unsigned long XRES = dispi(0x1);
constexpr unsigned long YRES = dispi(0x2);
constexpr unsigned long BPP = dispi(0x3);
constexpr unsigned long ENABLE = dispi(0x4);
constexpr unsigned long BANK = dispi(0x5);
constexpr unsigned long VIRT_WIDTH = dispi(0x6);
constexpr unsigned long VIRT_HEIGHT = dispi(0x7);
constexpr unsigned long X_OFFSET = dispi(0x8);
constexpr unsigned long Y_OFFSET = dispi(0x9);
constexpr unsigned long VIDEO_MEMORY_64K = dispi(0xa);

constexpr u16 DISPI_ID0 = 0xb0c0;
constexpr u16 DISPI_ENABLED = 0x01;
constexpr u16 DISPI_LFB_ENABLED = 0x40;

constexpr u32 QEXT_LE = 0x1e1e1e1e;
constexpr u32 QEXT_BE = 0xbebebebe;
} // namespace reg

using Mmio = kcxx::pci::Bar<reg::END>;

constexpr unsigned long EDID_LENGTH = 128;
constexpr u32 BITS_PER_PIXEL = 32;

// The driver's state for the DRM device (drm/simple_pipe.h): lives until
// the DRM device's release, reaches the registers through the Devres.
class Hw {
public:
	Hw(drm::Vram vram, kcxx::Devres<Mmio> mmio, unsigned long qext_size)
		: mmio_(std::move(mmio)), vram_(vram), fb_size_(vram.size), qext_size_(qext_size)
	{
	}

	// enable: the mode, then the plane (bochs_hw_setmode(), bochs_plane_update()).
	void setmode(const drm::Mode &mode) const
	{
		auto regs = mmio_.try_access();
		if (!regs)
			return; // unbound
		const Mmio &m = **regs;
		u32 xres = static_cast<u32>(mode.hdisplay());
		u32 yres = static_cast<u32>(mode.vdisplay());
		u32 stride = xres * (BITS_PER_PIXEL / 8);
		if (!stride)
			return;
		u32 yres_virtual = static_cast<u32>(fb_size_ / stride);
		stride_.store(stride);
		scanout_.set_mode(xres, yres);

		blank(m, false);
		m.write16<reg::ENABLE>(0);
		m.write16<reg::BPP>(BITS_PER_PIXEL);
		m.write16<reg::XRES>(static_cast<u16>(xres));
		m.write16<reg::YRES>(static_cast<u16>(yres));
		m.write16<reg::BANK>(0);
		m.write16<reg::VIRT_WIDTH>(static_cast<u16>(xres));
		m.write16<reg::VIRT_HEIGHT>(static_cast<u16>(yres_virtual));
		m.write16<reg::X_OFFSET>(0);
		m.write16<reg::Y_OFFSET>(0);
		m.write16<reg::ENABLE>(reg::DISPI_ENABLED | reg::DISPI_LFB_ENABLED);
	}

	void blank() const
	{
		scanout_.set_mode(0, 0); // nothing shown: no panic screen
		if (auto regs = mmio_.try_access())
			blank(**regs, true);
	}

	// Shows the plane's framebuffer: the virtual screen starts at its
	// first pixel (bochs_hw_setbase()), in its byte order.
	void plane_update(const drm::PlaneState &plane) const
	{
		auto fb = plane.framebuffer();
		if (!fb || !stride_.load())
			return; // no framebuffer, or no mode yet
		Result<u64> addr = fb->scanout_offset();
		u32 stride = fb->pitch();
		if (!addr || !stride)
			return;
		auto regs = mmio_.try_access();
		if (!regs)
			return;
		const Mmio &m = **regs;

		stride_.store(stride);
		u64 offset = addr.value() + static_cast<u64>(plane.crtc_y()) * stride +
			     static_cast<u64>(plane.crtc_x()) * (BITS_PER_PIXEL / 8);
		u32 vy = static_cast<u32>(offset / stride);
		u32 vx = static_cast<u32>((offset % stride) * 8 / BITS_PER_PIXEL);
		u32 vwidth = stride * 8 / BITS_PER_PIXEL;
		scanout_.set_framebuffer(addr.value(), stride, fb->width(), fb->height(),
					 static_cast<u32>(plane.crtc_x()), static_cast<u32>(plane.crtc_y()));
		m.write16<reg::VIRT_WIDTH>(static_cast<u16>(vwidth));
		m.write16<reg::X_OFFSET>(static_cast<u16>(vx));
		m.write16<reg::Y_OFFSET>(static_cast<u16>(vy));

		if (qext_size_ < 8)
			return;
		if (fb->format() == drm::format::XRGB8888)
			m.write32<reg::QEXT_ENDIAN>(reg::QEXT_LE);
		else if (fb->format() == drm::format::BGRX8888)
			m.write32<reg::QEXT_ENDIAN>(reg::QEXT_BE);
	}

	// Block 'block' of the EDID blob (bochs_get_edid_block()).
	Result<void> read_edid(kcxx::Span<u8> buf, unsigned int block) const
	{
		unsigned long start = static_cast<unsigned long>(block) * EDID_LENGTH;
		if (start + buf.size() > reg::EDID_END)
			return kcxx::code::EINVAL;
		auto regs = mmio_.try_access();
		if (!regs)
			return kcxx::code::ENODEV;
		for (unsigned long i = 0; i < buf.size(); i++)
			buf.data()[i] = TRY((**regs).try_read8(start + i));
		return {};
	}

	[[nodiscard]] u64 fb_size() const { return fb_size_; }
	[[nodiscard]] const drm::Vram &vram() const { return vram_; }

	// What the display shows now, as the last mode set, plane update or
	// blank left it: the framebuffer and the mode's window of it (0 x 0
	// if nothing).  Read at panic (drm/panic_scanout.h: a whole one even
	// if a commit was stopped halfway).
	[[nodiscard]] drm::Scanout scanout() const { return scanout_.load(); }

private:
	// Blanks or unblanks through the VGA attribute controller (bochs_hw_blank()).
	static void blank(const Mmio &m, bool blank)
	{
		m.write8<reg::VGA_MIS_W>(reg::VGA_MIS_COLOR); // colour mode, so VGA_IS1_RC works
		(void)m.read8<reg::VGA_IS1_RC>();              // resets the attribute flip-flop
		m.write8<reg::VGA_ATT_W>(blank ? 0 : 0x20);
	}

	kcxx::Devres<Mmio> mmio_;
	drm::Vram vram_;
	u64 fb_size_;
	unsigned long qext_size_;
	// The scanout's bytes per line; 0 until a mode is set (as bochs.ko's
	// bochs->stride).  Written by the pipe's callbacks: an atomic, since
	// they get Hw const.
	kcxx::Atomic<u32> stride_{0};
	// The scanout (scanout()): set by setmode(), plane_update() and
	// blank(), which the DRM core calls one at a time (one CRTC).
	drm::ScanoutCell scanout_;
};

// The panic screen: when the kernel panics, the end of the kernel log as
// kcxx's drm_panic-style QR code (kcxx::qr::PanicLog, as samples/qr_panic)
// on the scanout buffer, through a VRAM mapping made at probe.  Every
// buffer is allocated at probe: the dumper neither allocates nor sleeps,
// and takes no lock (the scanout comes from Hw's drm::ScanoutCell).  Lives
// in a Box, so its address is stable for the dumper that points to it.
class PanicScreen {
public:
	PanicScreen(const Hw &hw, kcxx::qr::PanicLog log, drm::PanicVram vram)
		: hw_(hw), log_(std::move(log)), vram_(std::move(vram))
	{
	}
	PanicScreen(const PanicScreen &) = delete;
	PanicScreen &operator=(const PanicScreen &) = delete;

	// The kmsg dumper (registered for panics only; other CPUs are stopped).
	void kmsg_dump(kcxx::KmsgDumpReason reason)
	{
		if (reason != kcxx::KmsgDumpReason::panic)
			return;
		// The mode's window of the framebuffer shown, no larger than
		// that framebuffer, in the VRAM mapping.
		drm::Scanout::Window s = hw_.scanout().window();
		kcxx::qr::Span32 screen = vram_.span32(s.offset, s.width, s.height, s.pitch);
		if (!screen.width()) {
			pr_emerg("no panic screen: no scanout\n");
			return;
		}
		// In the log before it is read: the code ends with this line.
		pr_info("panic: making a QR code of the kernel log\n");
		kcxx::Result<kcxx::qr::PanicSummary> r = log_.build(kcxx::qr::spec::kMaxVersion);
		if (r.is_error()) {
			pr_emerg("no QR code on this panic: %pe\n", r.error());
			return;
		}
		unsigned scale = kcxx::qr::draw_centered(r->code, screen, false, true);
		vram_.flush();
		// tests/vm/cbochs_panic.sh's screendump waits for this line.
		pr_info("drew a QR code (panic): version %u, %u modules, scale %u, %zu of %zu log bytes, %zu compressed bytes, on %ux%u at 0x%llx\n",
			r->code.version(), r->code.width(), scale, r->log_bytes, r->captured_bytes,
			r->compressed_bytes, s.width, s.height,
			static_cast<unsigned long long>(s.offset));
	}

private:
	const Hw &hw_; // the DRM device's data: outlives this (see ~Cbochs())
	kcxx::qr::PanicLog log_;
	drm::PanicVram vram_;
};

// The public decoder page, as drm_panic's default (CONFIG_DRM_PANIC_SCREEN_QR_CODE_URL).
constexpr char kPanicUrl[] = "https://kdj0c.github.io/panic_report/";

// The panic screen and its dumper, made at probe.
struct Panic {
	Box<PanicScreen> screen;
	kcxx::KmsgDumper dumper; // declared last, destroyed first: it points to screen

	static Result<Panic> try_new(const Hw &hw)
	{
		auto log = TRY(kcxx::qr::PanicLog::try_new(kcxx::GFP_KERNEL, kPanicUrl));
		auto vram = TRY(drm::PanicVram::try_map(hw.vram()));
		auto screen = TRY(Box<PanicScreen>::try_new(kcxx::GFP_KERNEL, hw, std::move(log),
							    std::move(vram)));
		auto dumper = TRY(kcxx::KmsgDumper::try_register(kcxx::GFP_KERNEL, *screen,
								 kcxx::KmsgDumpReason::panic));
		return Panic{std::move(screen), std::move(dumper)};
	}
};

enum class Variant : u8 { qemu_stdvga, simics, unknown };

constexpr u16 PCI_SUBVENDOR_ID_REDHAT_QUMRANET = 0x1af4;
constexpr u16 PCI_SUBDEVICE_ID_QEMU = 0x1100;

class Cbochs {
public:
	using IdInfo = Variant;
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		{kcxx::pci::DeviceId::vendor_device_sub(0x1234, 0x1111, PCI_SUBVENDOR_ID_REDHAT_QUMRANET,
							PCI_SUBDEVICE_ID_QEMU),
		 Variant::qemu_stdvga},
		{kcxx::pci::DeviceId::vendor_device(0x1234, 0x1111), Variant::unknown},
		{kcxx::pci::DeviceId::vendor_device(0x4321, 0x1111), Variant::simics},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "cbochs",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "DRM driver for the bochs dispi vga interface (qemu stdvga), in C++",
	};

	// DRM (drm/simple_pipe.h).
	using Data = Hw;
	static constexpr drm::DriverInfo drm_info{
		.name = "cbochs",
		.desc = "bochs dispi vga interface (qemu stdvga), in C++",
		.date = "20261206",
		.major = 1,
		.minor = 0,
	};
	static constexpr drm::ModeConfig mode_config{
		.max_width = 8192,
		.max_height = 8192,
		.preferred_depth = 24,
		.prefer_host_byte_order = true,
		.connector_type = drm::ConnectorType::Virtual,
	};
	static constexpr u32 formats[] = {drm::format::XRGB8888, drm::format::BGRX8888};

	static int get_modes(const Hw &, drm::Connector &connector)
	{
		int count = connector.add_edid_modes();
		if (!count) {
			count = connector.add_modes_noedid(8192, 8192);
			connector.set_preferred_mode(defx.get(), defy.get());
		}
		return count;
	}
	static void enable(const Hw &hw, const drm::Mode &mode, const drm::PlaneState &plane)
	{
		hw.setmode(mode);
		hw.plane_update(plane);
	}
	static void disable(const Hw &hw) { hw.blank(); }
	static void update(const Hw &hw, const drm::PlaneState &plane) { hw.plane_update(plane); }
	static Result<void> read_edid_block(const Hw &hw, kcxx::Span<u8> buf, unsigned int block)
	{
		return hw.read_edid(buf, block);
	}

	static Result<Box<Cbochs>> probe(const kcxx::pci::CoreDevice &pdev, const IdInfo &)
	{
		TRY(pdev.enable());
		auto mmio = TRY(Mmio::map(pdev, 2, "cbochs"));

		u16 id;
		u64 mem;
		unsigned long qext_size = 0;
		{
			// Only while 'mmio' is ours (it moves into the DRM device below).
			const Mmio *m = TRY(mmio.access(pdev.device()));
			id = m->read16<reg::ID>();
			mem = static_cast<u64>(m->read16<reg::VIDEO_MEMORY_64K>()) * 64 * 1024;
			if ((id & 0xfff0) != reg::DISPI_ID0) {
				dev_err(pdev.device(), "ID mismatch\n");
				return kcxx::code::ENODEV;
			}
			if (pdev.revision() >= 2) {
				qext_size = m->read32<reg::QEXT_SIZE>();
				if (qext_size < 4 || qext_size > m->mapped_size())
					qext_size = 0;
				else if (qext_size >= 8)
					m->write32<reg::QEXT_ENDIAN>(reg::QEXT_LE);
			}
		}
		dev_info(pdev.device(), "Found bochs VGA, ID 0x%x.\n", static_cast<unsigned int>(id));

		auto registration = TRY(drm::Registration<Cbochs>::try_new(
			pdev, drm::VramBar{.bar = 0, .min_size = 4 << 20, .max_size = mem}, std::move(mmio),
			qext_size));
		dev_info(pdev.device(), "Framebuffer size %llu kB, qemu ext regs %lu bytes.\n",
			 static_cast<unsigned long long>(registration.data().fb_size() / 1024), qext_size);
		// The panic screen: its buffers and the VRAM mapping now.  The
		// display works without it (as drm_panic is optional).
		Result<Panic> panic = Panic::try_new(registration.data());
		if (panic.is_error())
			dev_warn(pdev.device(), "no panic screen: %pe\n", panic.error());
		drm::fbdev::setup(registration, BITS_PER_PIXEL);
		return Box<Cbochs>::try_new(kcxx::GFP_KERNEL, kcxx::DeviceRef(pdev.device()),
					    std::move(registration), std::move(panic));
	}

	Cbochs(kcxx::DeviceRef pdev, drm::Registration<Cbochs> registration, Result<Panic> panic)
		: pdev_(std::move(pdev)), drm_(std::move(registration)), panic_(std::move(panic))
	{
	}

	// remove: the panic dumper is unregistered (waiting for a dump that
	// runs) and the panic screen and its VRAM mapping go (panic_, before
	// the DRM device whose data it reads), the DRM device is unplugged
	// (drm_), then unbind revokes BAR2.
	~Cbochs() = default;

private:
	kcxx::DeviceRef pdev_;
	drm::Registration<Cbochs> drm_;
	Result<Panic> panic_; // last: destroyed first
};

} // namespace

KCXX_PCI_DEVICE_TABLE(Cbochs);

namespace {

// The module: the PCI driver, registered unless the modeset parameter (or
// the kernel's nomodeset) says no - then the module does not load
// (ENODEV), as bochs.ko.
class CbochsModule {
public:
	static constexpr kcxx::ModuleInfo info = Cbochs::info;

	static Result<CbochsModule> init()
	{
		TRY(drm::check_modeset(modeset.get()));
		return CbochsModule(TRY(kcxx::pci::Registration<Cbochs>::try_new(kcxx::GFP_KERNEL)));
	}

	explicit CbochsModule(Box<kcxx::pci::Registration<Cbochs>> registration)
		: registration_(std::move(registration))
	{
	}

private:
	Box<kcxx::pci::Registration<Cbochs>> registration_;
};

} // namespace

KCXX_MODULE(CbochsModule);
