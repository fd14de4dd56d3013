// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::qr::PanicLog: the end of the kernel log as a drm_panic-style QR
/// code (drivers/gpu/drm/drm_panic.c), built without allocating, for a kmsg
/// dumper; and draw_centered(), which draws a code on a 32-bpp span or any
/// canvas with width(), height(), fill() and fill_rect().
///
///     auto log = TRY(kcxx::qr::PanicLog::try_new(kcxx::GFP_KERNEL, "https://..."));
///     ...                                       // in the dumper: no sleeping
///     kcxx::Result<kcxx::qr::PanicSummary> s = log.build(40);
///     if (s.is_ok())
///         kcxx::qr::draw_centered(s->code, canvas);
///
/// With a URL the log is compressed with zlib as drm_panic does (level 6,
/// window bits 12, memory level 4), the oldest lines dropped until it fits,
/// and encoded as `<url>?a=<arch>&v=<release>&z=<digits>` (Linux 6.14+
/// packing; arch and release percent-encoded). With an empty URL the raw
/// log goes into one byte segment. Every buffer (log, compressed data, QR
/// image and scratch, zlib workspace) is allocated by try_new().
///
/// A PanicLog is not reentrant: one build() at a time.
#pragma once

#include <cstddef>
#include <utility>

#include <kcxx/box.h>
#include <kcxx/gfp.h>
#include <kcxx/kmsg_dump.h>
#include <kcxx/print.h>
#include <kcxx/qr/panic.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/utsname.h>
#include <kcxx/zlib.h>

namespace kcxx::qr {

/// What one QR code of the log holds.
struct PanicSummary {
	/// The symbol (points into the PanicLog's image buffer).
	Code code;
	/// Log bytes in the code.
	std::size_t log_bytes;
	/// Log bytes read, before lines were dropped to fit.
	std::size_t captured_bytes;
	/// Compressed bytes (0 in raw mode).
	std::size_t compressed_bytes;
};

/// The kernel log as a drm_panic-style QR code (see the file comment).
///
/// INVARIANT: buf_ and deflate_ are valid; buf_->url is NUL-terminated.
class PanicLog {
public:
	/// The newest log considered (before lines are dropped to fit).
	static constexpr std::size_t kLogBytes = 16384;
	/// kmsg_dump_get_buffer() chunk (a record is at most about 1 KiB).
	static constexpr std::size_t kChunkBytes = 4096;
	/// Compressed data: more than version 40 holds (2956 data codewords).
	static constexpr std::size_t kCompressedBytes = 4096;
	/// Longest URL (bytes, without the NUL).
	static constexpr std::size_t kMaxUrl = 255;

	/// Allocates every buffer and copies `url` (empty: raw mode) and the
	/// kernel's arch and release.  Log lines whose message (after the
	/// timestamp) starts with `drop_prefix` (a string that outlives the
	/// PanicLog, or null) are left out of the code.  EINVAL if the URL is
	/// longer than kMaxUrl.  Sleeps.
	[[nodiscard]] static kcxx::Result<PanicLog> try_new(Gfp flags, const char *url,
						      const char *drop_prefix = nullptr)
	{
		std::size_t n = 0;
		while (url[n])
			++n;
		if (n > kMaxUrl)
			return code::EINVAL;
		auto buf = TRY(Box<Buffers>::try_new(flags));
		for (std::size_t i = 0; i <= n; ++i)
			buf->url[i] = url[i];
		url_escape(utsname::machine(), buf->arch);
		url_escape(utsname::release(), buf->release);
		// drm_panic's compression parameters.
		auto deflate = TRY(zlib::Deflate::try_new(flags, 6, 12, 4));
		return PanicLog(std::move(buf), std::move(deflate), drop_prefix);
	}

	/// Takes over other's buffers.
	PanicLog(PanicLog &&) = default;
	PanicLog(const PanicLog &) = delete;
	PanicLog &operator=(const PanicLog &) = delete;

	/// The URL copied at try_new() (empty: raw mode).
	[[nodiscard]] const char *url() const { return buf_->url; }

	/// Builds the QR code of the log as it is now, at most version
	/// `max_version` (1-40).  Never sleeps or allocates.  ENOSPC if not
	/// even the URL fits, EINVAL if the encoder fails.
	kcxx::Result<PanicSummary> build(unsigned max_version)
	{
		Options options = kernel_compatible_options();
		options.max_version = static_cast<std::uint8_t>(max_version);
		Buffer image(buf_->image, sizeof(buf_->image));
		Buffer scratch(buf_->scratch, sizeof(buf_->scratch));
		PanicSummary s{};

		if (!url()[0]) {
			// Raw mode (drm_panic without a URL): the newest lines
			// that fit, as they are.
			std::size_t cap = raw_max_data_size(max_version, Ecc::L);
			s.log_bytes = s.captured_bytes = capture(cap < kLogBytes ? cap : kLogBytes);
			qr::Result r = encode_raw(Bytes(buf_->log, s.log_bytes), image, scratch, options);
			if (!r)
				return encode_error(r);
			s.code = r.code;
			return s;
		}

		PanicUrl u{cstr(url()), cstr(buf_->arch), cstr(buf_->release)};
		std::size_t max_data =
			panic_max_data_size(max_version, Ecc::L, panic_prefix_length(u), u.packing);
		if (max_data == 0) {
			pr_err("the URL does not fit a version %u QR code\n", max_version);
			return code::ENOSPC;
		}
		if (max_data > kCompressedBytes)
			max_data = kCompressedBytes;
		s.captured_bytes = capture(kLogBytes);
		std::size_t start = TRY(fit(s.captured_bytes, max_data));
		s.log_bytes = s.captured_bytes - start;
		s.compressed_bytes = TRY(deflate_.compress(buf_->log + start, s.log_bytes,
							   buf_->compressed, max_data));
		qr::Result r = encode_panic(u, Bytes(buf_->compressed, s.compressed_bytes), image,
					    scratch, options);
		if (!r)
			return encode_error(r);
		s.code = r.code;
		return s;
	}

private:
	// Everything build() writes.
	struct Buffers {
		char log[kLogBytes];
		char chunk[kChunkBytes];
		u8 compressed[kCompressedBytes];
		u8 image[kImageBytes];
		u8 scratch[kScratchBytes];
		char url[kMaxUrl + 1];
		// utsname values (at most 64 characters), percent-encoded.
		char arch[3 * 64 + 1];
		char release[3 * 64 + 1];
	};

	PanicLog(Box<Buffers> buf, zlib::Deflate deflate, const char *drop_prefix)
		: buf_(std::move(buf)), deflate_(std::move(deflate)), drop_prefix_(drop_prefix)
	{
	}

	// Copies s to out, percent-encoding every byte but A-Z a-z 0-9 - . _ ~:
	// Debian's release "6.12.117+deb12-amd64" has a '+', which a query
	// string reads as a space.  (drm_panic puts utsname values in unescaped.)
	template <std::size_t N> static void url_escape(const char *s, char (&out)[N])
	{
		constexpr char hex[] = "0123456789ABCDEF";
		std::size_t o = 0;
		for (; *s; ++s) {
			unsigned char c = static_cast<unsigned char>(*s);
			bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				     (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
				     c == '~';
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

	static bool starts_with(const char *s, std::size_t n, const char *prefix)
	{
		for (std::size_t i = 0; prefix[i]; ++i)
			if (i >= n || s[i] != prefix[i])
				return false;
		return true;
	}

	static kcxx::Error encode_error(const qr::Result &r)
	{
		pr_err("QR encoder: %s\n", error_name(r.error));
		return code::EINVAL;
	}

	// Copies the newest log into buf_->log (oldest line first, whole
	// lines, at most cap bytes), leaving out the lines that start with
	// drop_prefix_; returns its length.  kmsg_dump_get_buffer() returns
	// chunks from the newest backwards: they are stacked from the end of
	// the buffer, then moved to its start.
	std::size_t capture(std::size_t cap)
	{
		char *out = buf_->log;
		char *chunk = buf_->chunk;
		std::size_t filled = 0; // at out[cap - filled, cap)
		KmsgIter it;
		std::size_t len = 0;
		while (filled < cap && it.get_buffer(chunk, kChunkBytes, &len) && len) {
			if (drop_prefix_)
				len = drop_lines(chunk, len);
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

	// Removes the lines that start (after the timestamp) with
	// drop_prefix_; returns the new length.
	std::size_t drop_lines(char *text, std::size_t len) const
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
			bool drop = msg < end && starts_with(text + msg, end - msg, drop_prefix_);
			if (!drop) {
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
			if (n.error() == code::ENOSPC)
				return false;
			return n.error();
		};
		if (TRY(fits(0)))
			return std::size_t{0};
		if (!TRY(fits(len)))
			return code::ENOSPC; // not even an empty stream
		std::size_t lo = 0, hi = len; // !fits(line_start(lo)), fits(line_start(hi))
		while (hi - lo > 1) {
			std::size_t mid = lo + (hi - lo) / 2;
			if (TRY(fits(line_start(mid))))
				hi = mid;
			else
				lo = mid;
		}
		return line_start(hi);
	}

	Box<Buffers> buf_;
	zlib::Deflate deflate_;
	const char *drop_prefix_;
};

/// A 32-bpp framebuffer span (XRGB8888 or BGRX8888: the code is drawn in
/// black, 0, and white, all bits set, the same in both), e.g. the scanout
/// buffer in a mapping of video memory.  Drawing is clipped to width x
/// height.
///
/// INVARIANT: pixels is null or points to height lines of stride bytes,
/// writable, each with width 32-bit pixels (stride >= 4 * width).
class Span32 {
public:
	/// An empty span: draws nothing.
	Span32() = default;

	/// The caller guarantees the INVARIANT for (pixels, width, height,
	/// stride): use it on a mapping that the caller has bounds-checked
	/// (drm/panic.h).
	Span32(u8 *pixels, unsigned width, unsigned height, unsigned stride)
		: pixels_(pixels), width_(width), height_(height), stride_(stride)
	{
	}

	/// The width in pixels.
	[[nodiscard]] unsigned width() const { return width_; }
	/// The height in pixels.
	[[nodiscard]] unsigned height() const { return height_; }

	/// Fills the part of [x, x + w) x [y, y + h) that is in the span,
	/// black (white = false) or white.
	void fill_rect(unsigned x, unsigned y, unsigned w, unsigned h, bool white)
	{
		if (!pixels_ || x >= width_ || y >= height_)
			return;
		if (w > width_ - x)
			w = width_ - x;
		if (h > height_ - y)
			h = height_ - y;
		const u32 pixel = white ? 0xffffffffu : 0;
		for (unsigned row = y; row < y + h; ++row) {
			u32 *p = reinterpret_cast<u32 *>(pixels_ + static_cast<std::size_t>(row) * stride_) + x;
			for (unsigned col = 0; col < w; ++col)
				p[col] = pixel;
		}
	}
	/// Fills the span.
	void fill(bool white) { fill_rect(0, 0, width_, height_, white); }

private:
	u8 *pixels_ = nullptr;
	unsigned width_ = 0;
	unsigned height_ = 0;
	unsigned stride_ = 0;
};

/// Draws `code` centred on `canvas` with a light quiet zone of
/// `quiet_zone` modules, as large as the canvas allows, the rest of the
/// canvas dark (as samples/qr_panic and drm_panic's QR screen).  `dark`
/// and `light` are the canvas's colours (kcxx::Rgb, or bool for Span32).
/// Returns the scale (pixels per module), 0 if the code does not fit.
template <typename Canvas, typename Color>
unsigned draw_centered(const Code &code, Canvas &canvas, Color dark, Color light,
		       unsigned quiet_zone = 4)
{
	const unsigned n = code.width() + 2 * quiet_zone;
	const unsigned side = canvas.width() < canvas.height() ? canvas.width() : canvas.height();
	const unsigned scale = side / n;
	if (scale == 0)
		return 0;
	const unsigned x0 = (canvas.width() - n * scale) / 2;
	const unsigned y0 = (canvas.height() - n * scale) / 2;
	canvas.fill(dark);
	canvas.fill_rect(x0, y0, n * scale, n * scale, light);
	for (unsigned y = 0; y < code.width(); ++y)
		for (unsigned x = 0; x < code.width(); ++x)
			if (code.module(x, y))
				canvas.fill_rect(x0 + (x + quiet_zone) * scale,
						 y0 + (y + quiet_zone) * scale, scale, scale, dark);
	return scale;
}

} // namespace kcxx::qr
