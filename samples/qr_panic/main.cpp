// SPDX-License-Identifier: GPL-2.0
//
// qr_panic: when the kernel panics, the end of the kernel log becomes a QR
// code in drm_panic's format (drivers/gpu/drm/drm_panic.c), drawn on the
// firmware framebuffer and printed on the console as text.
//
//  - The log comes from a kmsg dumper (kmsg_dump_rewind/get_buffer), newest
//    records first, without the text QR codes this module printed before.
//  - With a URL (parameter 'url', default the public decoder page) it is
//    compressed with zlib as drm_panic does (level 6, window bits 12, memory
//    level 4), the oldest lines dropped until it fits 'max_version', and
//    encoded as <url>?a=<arch>&v=<release>&z=<digits> (Linux 6.14+ packing);
//    tools/panic-qr/decode or the decoder page turn it back into the log.
//    With url= (empty) the raw log goes into one byte segment.
//  - The log capture, compression and encoding are kcxx::qr::PanicLog
//    (include/kcxx/qr/kmsg_panic.h), shared with drivers/cbochs.
//  - Every buffer (log, compressed data, QR image and scratch, zlib
//    workspace) is allocated and the framebuffer is mapped at load: the
//    panic path neither allocates nor sleeps.
//  - 'echo 1 > /sys/kernel/debug/kcxx_qr_panic/trigger' draws the same QR
//    code without panicking (tests, demos).
//
// Parameters: url (string, set at load), max_version (1-40), enabled (bool).
#include <cstddef>
#include <utility>

#include <kcxx/box.h>
#include <kcxx/debugfs.h>
#include <kcxx/firmware_fb.h>
#include <kcxx/kmsg_dump.h>
#include <kcxx/module.h>
#include <kcxx/module_param.h>
#include <kcxx/print.h>
#include <kcxx/qr/kmsg_panic.h>
#include <kcxx/qr/qr.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

KCXX_MODULE_PARAM_STRING(url, "https://kdj0c.github.io/panic_report/", 0444,
			 "Base URL of the QR code (default: the public decoder page; empty: the raw log in a byte segment)");
KCXX_MODULE_PARAM_RANGE(max_version, unsigned int, 40, 1, 40, 0644,
			"Largest QR code version (1-40)");
KCXX_MODULE_PARAM(enabled, bool, true, 0644, "Draw the QR code on panic and on the debugfs trigger");

namespace {


// Light modules around the symbol, on the screen and in the text.
constexpr unsigned kQuietZone = 4;
// One text line: a glyph (3 bytes of UTF-8) per module column, a '|' on
// each side, the NUL.
constexpr unsigned kMaxTextColumns = kcxx::qr::spec::kMaxWidth + 2 * kQuietZone;
constexpr std::size_t kTextLineBytes = 3 * kMaxTextColumns + 3;
// Lines of the text QR code start with this (after the module prefix), so
// that the next capture can leave them out of the log.
constexpr char kTextTag[] = "qr_panic: |";

constexpr kcxx::Rgb kBlack{0, 0, 0};
constexpr kcxx::Rgb kWhite{255, 255, 255};

// The text QR code's line, written by the panic path, allocated at load.
struct TextLine {
	char text[kTextLineBytes];
};

// The state the dumper and the debugfs file share; lives in a Box, so its
// address is stable for the registrations that point to it.
//
// INVARIANT: text_ is valid; busy_ is true while a debugfs trigger uses the
// buffers.
class QrPanic {
public:
	QrPanic(kcxx::qr::PanicLog log, kcxx::Box<TextLine> text,
		kcxx::Result<kcxx::FirmwareFramebuffer> fb)
		: log_(std::move(log)), text_(std::move(text)), fb_(std::move(fb)), busy_(false)
	{
	}

	QrPanic(const QrPanic &) = delete;
	QrPanic &operator=(const QrPanic &) = delete;

	[[nodiscard]] const kcxx::Result<kcxx::FirmwareFramebuffer> &framebuffer() const { return fb_; }
	// The 'url' parameter, copied at load (see make_log()).
	[[nodiscard]] const char *url_text() const { return log_.url(); }

	// 'url' is 0444, so it is set only while the module loads: the copy
	// the PanicLog makes then is what the panic path uses (reading the
	// parameter needs its mutex, which may sleep).
	static kcxx::Result<kcxx::qr::PanicLog> make_log()
	{
		return ::url.with_value([&](kcxx::CStr s) -> kcxx::Result<kcxx::qr::PanicLog> {
			if (s.size() > kcxx::qr::PanicLog::kMaxUrl) {
				pr_err("url is longer than %zu bytes\n", kcxx::qr::PanicLog::kMaxUrl);
				return kcxx::code::EINVAL;
			}
			return kcxx::qr::PanicLog::try_new(kcxx::GFP_KERNEL, s.c_str(), kTextTag);
		});
	}

	// The kmsg dumper (registered for panics only).  Other CPUs are
	// stopped: a trigger that was drawing there never resumes, so the
	// buffers are taken without looking at busy_.
	void kmsg_dump(kcxx::KmsgDumpReason reason)
	{
		if (reason != kcxx::KmsgDumpReason::panic)
			return;
		if (!::enabled.get()) {
			pr_emerg("disabled (enabled=0): no QR code on this panic\n");
			return;
		}
		kcxx::Result<void> r = show("panic");
		if (r.is_error())
			pr_emerg("no QR code on this panic: %pe\n", r.error());
	}

	// /sys/kernel/debug/kcxx_qr_panic/trigger: "1" draws the QR code.
	kcxx::Result<void> trigger(const char *text, std::size_t len)
	{
		if (!(len == 1 || (len == 2 && text[1] == '\n')) || text[0] != '1')
			return kcxx::code::EINVAL;
		if (!::enabled.get())
			return kcxx::code::EPERM;
		if (__atomic_exchange_n(&busy_, true, __ATOMIC_ACQUIRE))
			return kcxx::code::EBUSY;
		kcxx::Result<void> r = show("trigger");
		__atomic_store_n(&busy_, false, __ATOMIC_RELEASE);
		return r;
	}

private:
	// Builds the QR code of the log now, draws it, prints it.
	kcxx::Result<void> show(const char *why)
	{
		// In the log before it is read: the code ends with this line.
		pr_info("%s: making a QR code of the kernel log\n", why);
		kcxx::qr::PanicSummary s = TRY(log_.build(::max_version.get()));
		draw(s.code);
		// The harness takes its screendump when it sees this line.
		pr_info("drew a QR code (%s): version %u, %u modules, %zu of %zu log bytes, %zu compressed bytes, %s\n",
			why, s.code.version(), s.code.width(), s.log_bytes, s.captured_bytes,
			s.compressed_bytes, url_text()[0] ? "url" : "raw");
		print_text(s.code);
		return {};
	}

	// Centered, with a light quiet zone, as large as the screen allows.
	void draw(const kcxx::qr::Code &code)
	{
		if (fb_.is_error())
			return;
		kcxx::qr::draw_centered(code, fb_.value(), kBlack, kWhite, kQuietZone);
		fb_.value().flush();
	}

	// Two module rows per line; a glyph is light (for a dark terminal),
	// like 'qrencode -t UTF8': U+2588 both light, U+2580 upper, U+2584
	// lower, space both dark.
	void print_text(const kcxx::qr::Code &code)
	{
		const int q = static_cast<int>(kQuietZone);
		const int n = static_cast<int>(code.width()) + 2 * q;
		auto light = [&](int x, int y) {
			if (y >= n)
				return false; // below the last row: the terminal
			return !code.module(static_cast<unsigned>(x - q), static_cast<unsigned>(y - q));
		};
		pr_info("the QR code as text (version %u, %d x %d characters, a block is a light module):\n",
			code.version(), n, (n + 1) / 2);
		for (int y = 0; y < n; y += 2) {
			char *p = text_->text;
			for (int x = 0; x < n; ++x) {
				bool top = light(x, y), bottom = light(x, y + 1);
				if (!top && !bottom) {
					*p++ = ' ';
					continue;
				}
				*p++ = '\xe2';
				*p++ = '\x96';
				*p++ = top && bottom ? '\x88' : top ? '\x80' : '\x84';
			}
			*p++ = '|';
			*p = '\0';
			pr_info("|%s\n", text_->text);
		}
	}

	kcxx::qr::PanicLog log_;
	kcxx::Box<TextLine> text_;
	kcxx::Result<kcxx::FirmwareFramebuffer> fb_;
	bool busy_;
};

class QrPanicModule {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "qr_panic",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "The kernel log as a drm_panic-style QR code on the firmware framebuffer at panic",
	};

	static kcxx::Result<QrPanicModule> init()
	{
		auto log = TRY(QrPanic::make_log());
		auto text = TRY(kcxx::Box<TextLine>::try_new(kcxx::GFP_KERNEL));
		auto fb = kcxx::FirmwareFramebuffer::try_map();
		auto core = TRY(kcxx::Box<QrPanic>::try_new(kcxx::GFP_KERNEL, std::move(log),
							    std::move(text), std::move(fb)));
		auto dumper = TRY(kcxx::KmsgDumper::try_register(kcxx::GFP_KERNEL, *core,
								 kcxx::KmsgDumpReason::panic));
		auto dir = kcxx::debugfs::Dir::try_create("kcxx_qr_panic");
		if (dir.is_ok())
			TRY(dir->create_write_file<&QrPanic::trigger>(kcxx::GFP_KERNEL, "trigger", 0200,
								      *core));
		else
			pr_warn("no debugfs trigger: %pe\n", dir.error());

		if (core->framebuffer().is_ok()) {
			const kcxx::FirmwareFramebuffer &f = core->framebuffer().value();
			pr_info("ready: framebuffer %ux%u, %u bits per pixel; %s%s; max_version %u%s\n",
				f.width(), f.height(), f.depth(), core->url_text()[0] ? "url " : "raw log",
				core->url_text(), ::max_version.get(),
				::enabled.get() ? "" : " (disabled)");
		} else {
			pr_info("ready: no framebuffer (%pe), text only; %s%s; max_version %u%s\n",
				core->framebuffer().error(), core->url_text()[0] ? "url " : "raw log",
				core->url_text(), ::max_version.get(),
				::enabled.get() ? "" : " (disabled)");
		}
		return QrPanicModule(std::move(core), std::move(dumper), std::move(dir));
	}

	QrPanicModule(QrPanicModule &&) = default;

private:
	QrPanicModule(kcxx::Box<QrPanic> core, kcxx::KmsgDumper dumper,
		      kcxx::Result<kcxx::debugfs::Dir> dir)
		: core_(std::move(core)), dumper_(std::move(dumper)), dir_(std::move(dir))
	{
	}

	// Declared first, destroyed last: the registrations below point to it.
	kcxx::Box<QrPanic> core_;
	kcxx::KmsgDumper dumper_;
	kcxx::Result<kcxx::debugfs::Dir> dir_;
};

} // namespace

KCXX_MODULE(QrPanicModule);
