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
#include <kcxx/qr/qr.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/utsname.h>
#include <kcxx/zlib.h>

KCXX_MODULE_PARAM_STRING(url, "https://kdj0c.github.io/panic_report/", 0444,
			 "Base URL of the QR code (default: the public decoder page; empty: the raw log in a byte segment)");
KCXX_MODULE_PARAM_RANGE(max_version, unsigned int, 40, 1, 40, 0644,
			"Largest QR code version (1-40)");
KCXX_MODULE_PARAM(enabled, bool, true, 0644, "Draw the QR code on panic and on the debugfs trigger");

namespace {

using kcxx::u8;

// drm_panic's compression parameters.
constexpr int kLevel = 6;
constexpr int kWindowBits = 12;
constexpr int kMemLevel = 4;

// The newest log that is considered (before lines are dropped to fit).
constexpr std::size_t kLogBytes = 16384;
// kmsg_dump_get_buffer() chunk (a record is at most about 1 KiB).
constexpr std::size_t kChunkBytes = 4096;
// Compressed data: more than version 40 holds (2956 data codewords).
constexpr std::size_t kCompressedBytes = 4096;
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

// Everything the panic path writes, allocated at load.
struct Buffers {
	char log[kLogBytes];
	char chunk[kChunkBytes];
	u8 compressed[kCompressedBytes];
	u8 image[kcxx::qr::kImageBytes];
	u8 scratch[kcxx::qr::kScratchBytes];
	char text[kTextLineBytes];
	char url[256];
	// utsname values (at most 64 characters), percent-encoded.
	char arch[3 * 64 + 1];
	char release[3 * 64 + 1];
};

// What one QR code holds.
struct Summary {
	kcxx::qr::Code code;
	std::size_t log_bytes;	      // log in the code
	std::size_t captured_bytes;   // log read, before lines were dropped
	std::size_t compressed_bytes; // 0 in raw mode
};

// Copies s to out, percent-encoding every byte but A-Z a-z 0-9 - . _ ~:
// Debian's release "6.12.117+deb12-amd64" has a '+', which a query string
// reads as a space.  (drm_panic puts utsname values in unescaped.)
template <std::size_t N> void url_escape(const char *s, char (&out)[N])
{
	constexpr char hex[] = "0123456789ABCDEF";
	std::size_t o = 0;
	for (; *s; ++s) {
		unsigned char c = static_cast<unsigned char>(*s);
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
		if (o + (plain ? 1 : 3) >= N)
			break;
		if (plain) {
			out[o++] = static_cast<char>(c);
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
}

bool starts_with(const char *s, std::size_t n, const char *prefix)
{
	for (std::size_t i = 0; prefix[i]; ++i)
		if (i >= n || s[i] != prefix[i])
			return false;
	return true;
}

// The state the dumper and the debugfs file share; lives in a Box, so its
// address is stable for the registrations that point to it.
//
// INVARIANT: buf_ and deflate_ are valid; busy_ is true while a debugfs
// trigger uses the buffers.
class QrPanic {
public:
	QrPanic(kcxx::Box<Buffers> buf, kcxx::zlib::Deflate deflate,
		kcxx::Result<kcxx::FirmwareFramebuffer> fb)
		: buf_(std::move(buf)), deflate_(std::move(deflate)), fb_(std::move(fb)), busy_(false)
	{
		url_escape(kcxx::utsname::machine(), buf_->arch);
		url_escape(kcxx::utsname::release(), buf_->release);
	}

	QrPanic(const QrPanic &) = delete;
	QrPanic &operator=(const QrPanic &) = delete;

	[[nodiscard]] const kcxx::Result<kcxx::FirmwareFramebuffer> &framebuffer() const { return fb_; }
	// The 'url' parameter, copied at load (see copy_url()).
	[[nodiscard]] const char *url_text() const { return buf_->url; }

	// 'url' is 0444, so it is set only while the module loads: a copy
	// made then is what the panic path uses (reading the parameter needs
	// its mutex, which may sleep).
	static kcxx::Result<void> copy_url(Buffers &buf)
	{
		return ::url.with_value([&](kcxx::CStr s) -> kcxx::Result<void> {
			if (s.size() >= sizeof(buf.url)) {
				pr_err("url is longer than %zu bytes\n", sizeof(buf.url) - 1);
				return kcxx::code::EINVAL;
			}
			for (unsigned long i = 0; i <= s.size(); ++i)
				buf.url[i] = s.c_str()[i];
			return {};
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
		Summary s = TRY(build(::max_version.get()));
		draw(s.code);
		// The harness takes its screendump when it sees this line.
		pr_info("drew a QR code (%s): version %u, %u modules, %zu of %zu log bytes, %zu compressed bytes, %s\n",
			why, s.code.version(), s.code.width(), s.log_bytes, s.captured_bytes,
			s.compressed_bytes, url_text()[0] ? "url" : "raw");
		print_text(s.code);
		return {};
	}

	kcxx::Result<Summary> build(unsigned version)
	{
		using namespace kcxx::qr;
		Options options = kernel_compatible_options();
		options.max_version = static_cast<std::uint8_t>(version);
		Buffer image(buf_->image, sizeof(buf_->image));
		Buffer scratch(buf_->scratch, sizeof(buf_->scratch));
		Summary s{};

		if (!url_text()[0]) {
			// Raw mode (drm_panic without a URL): the newest lines
			// that fit, as they are.
			std::size_t cap = raw_max_data_size(version, Ecc::L);
			s.log_bytes = s.captured_bytes = capture(cap < kLogBytes ? cap : kLogBytes);
			kcxx::qr::Result r = encode_raw(Bytes(buf_->log, s.log_bytes), image, scratch, options);
			if (!r)
				return encode_error(r);
			s.code = r.code;
			return s;
		}

		PanicUrl u{cstr(url_text()), cstr(buf_->arch), cstr(buf_->release)};
		std::size_t max_data = panic_max_data_size(version, Ecc::L, panic_prefix_length(u),
							   u.packing);
		if (max_data == 0) {
			pr_err("the URL does not fit a version %u QR code\n", version);
			return kcxx::code::ENOSPC;
		}
		if (max_data > kCompressedBytes)
			max_data = kCompressedBytes;
		s.captured_bytes = capture(kLogBytes);
		std::size_t start = TRY(fit(s.captured_bytes, max_data));
		s.log_bytes = s.captured_bytes - start;
		s.compressed_bytes = TRY(deflate_.compress(buf_->log + start, s.log_bytes,
							   buf_->compressed, max_data));
		kcxx::qr::Result r = encode_panic(u, Bytes(buf_->compressed, s.compressed_bytes),
						  image, scratch, options);
		if (!r)
			return encode_error(r);
		s.code = r.code;
		return s;
	}

	static kcxx::Error encode_error(const kcxx::qr::Result &r)
	{
		pr_err("QR encoder: %s\n", kcxx::qr::error_name(r.error));
		return kcxx::code::EINVAL;
	}

	// Copies the newest log into buf_->log (oldest line first, whole
	// lines, at most cap bytes), leaving out the text QR codes printed
	// before; returns its length.  kmsg_dump_get_buffer() returns chunks
	// from the newest backwards: they are stacked from the end of the
	// buffer, then moved to its start.
	std::size_t capture(std::size_t cap)
	{
		char *out = buf_->log;
		char *chunk = buf_->chunk;
		std::size_t filled = 0; // at out[cap - filled, cap)
		kcxx::KmsgIter it;
		std::size_t len = 0;
		while (filled < cap && it.get_buffer(chunk, kChunkBytes, &len) && len) {
			len = drop_text_lines(chunk, len);
			std::size_t start = 0;
			if (len > cap - filled) {
				// Only the newest whole lines that still fit.
				start = len - (cap - filled);
				while (start < len && chunk[start - 1] != '\n')
					++start;
			}
			__builtin_memmove(out + cap - filled - (len - start), chunk + start, len - start);
			filled += len - start;
			if (start)
				break;
		}
		__builtin_memmove(out, out + cap - filled, filled);
		return filled;
	}

	// Removes the lines that start (after the timestamp) with kTextTag;
	// returns the new length.
	static std::size_t drop_text_lines(char *text, std::size_t len)
	{
		std::size_t out = 0;
		for (std::size_t i = 0; i < len;) {
			std::size_t end = i;
			while (end < len && text[end] != '\n')
				++end;
			if (end < len)
				++end; // keep the newline
			std::size_t msg = i;
			if (text[i] == '[') {
				while (msg < end && text[msg] != ']')
					++msg;
				msg += 2; // "] "
			}
			bool ours = msg < end && starts_with(text + msg, end - msg, kTextTag);
			if (!ours) {
				if (out != i)
					__builtin_memmove(text + out, text + i, end - i);
				out += end - i;
			}
			i = end;
		}
		return out;
	}

	// The offset of the oldest line to keep so that the log from there
	// compresses into max_data bytes: as few lines dropped as possible.
	// drm_panic drops one line per attempt; this bisects over line
	// starts (about 14 attempts for 16 KiB), assuming that a shorter
	// suffix never compresses to more.
	kcxx::Result<std::size_t> fit(std::size_t len, std::size_t max_data)
	{
		const char *log = buf_->log;
		auto line_start = [&](std::size_t p) {
			while (p > 0 && p < len && log[p - 1] != '\n')
				++p;
			return p;
		};
		auto fits = [&](std::size_t start) -> kcxx::Result<bool> {
			kcxx::Result<std::size_t> n =
				deflate_.compress(log + start, len - start, buf_->compressed, max_data);
			if (n.is_ok())
				return true;
			if (n.error() == kcxx::code::ENOSPC)
				return false;
			return n.error();
		};
		if (TRY(fits(0)))
			return std::size_t{0};
		if (!TRY(fits(len)))
			return kcxx::code::ENOSPC; // not even an empty stream
		std::size_t lo = 0, hi = len;  // !fits(line_start(lo)), fits(line_start(hi))
		while (hi - lo > 1) {
			std::size_t mid = lo + (hi - lo) / 2;
			if (TRY(fits(line_start(mid))))
				hi = mid;
			else
				lo = mid;
		}
		return line_start(hi);
	}

	// Centered, with a light quiet zone, as large as the screen allows.
	void draw(const kcxx::qr::Code &code)
	{
		if (fb_.is_error())
			return;
		kcxx::FirmwareFramebuffer &fb = fb_.value();
		const unsigned n = code.width() + 2 * kQuietZone;
		const unsigned side = fb.width() < fb.height() ? fb.width() : fb.height();
		const unsigned scale = side / n;
		if (scale == 0)
			return;
		const unsigned x0 = (fb.width() - n * scale) / 2;
		const unsigned y0 = (fb.height() - n * scale) / 2;
		fb.fill(kBlack);
		fb.fill_rect(x0, y0, n * scale, n * scale, kWhite);
		for (unsigned y = 0; y < code.width(); ++y)
			for (unsigned x = 0; x < code.width(); ++x)
				if (code.module(x, y))
					fb.fill_rect(x0 + (x + kQuietZone) * scale,
						     y0 + (y + kQuietZone) * scale, scale, scale, kBlack);
		fb.flush();
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
			char *p = buf_->text;
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
			pr_info("|%s\n", buf_->text);
		}
	}

	kcxx::Box<Buffers> buf_;
	kcxx::zlib::Deflate deflate_;
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
		auto buffers = TRY(kcxx::Box<Buffers>::try_new(kcxx::GFP_KERNEL));
		TRY(QrPanic::copy_url(*buffers));
		auto deflate = TRY(kcxx::zlib::Deflate::try_new(kcxx::GFP_KERNEL, kLevel, kWindowBits,
								 kMemLevel));
		auto fb = kcxx::FirmwareFramebuffer::try_map();
		auto core = TRY(kcxx::Box<QrPanic>::try_new(kcxx::GFP_KERNEL, std::move(buffers),
							    std::move(deflate), std::move(fb)));
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
