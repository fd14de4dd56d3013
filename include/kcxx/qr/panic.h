// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::qr - drm_panic compatible payloads.
///
/// The kernel's panic QR code (drivers/gpu/drm/drm_panic_qr.rs) holds two
/// segments: the URL prefix
///     `<url>?a=<arch>&v=<release>&z=`        (Linux 6.14+, Packing::fido)
///     `<url>?a=<arch>&v=<release>&zl=`       (Linux 6.12/6.13, Packing::legacy13)
/// in byte mode, then the zlib-compressed kernel log packed into decimal
/// digits in numeric mode. UrlForm::fragment writes `<url>#?a=...` instead,
/// which keeps the parameters out of the HTTP request; the public decoder
/// page accepts both. Without a URL the kernel puts the raw log into one
/// byte segment (encode_raw()).
///
/// The prefix is gathered from the caller's pieces (Segment::byte_parts), so
/// no buffer is needed to build it.
#pragma once

#include <cstddef>
#include <cstdint>

#include <kcxx/qr/encoder.h>

namespace kcxx::qr {

/// Where the parameters go in the URL: the query string, or a fragment that
/// keeps them out of the HTTP request.
enum class UrlForm : std::uint8_t {
	query,	  ///< `<url>?a=<arch>&v=<release>&z=<digits>`
	fragment, ///< `<url>#?a=<arch>&v=<release>&z=<digits>`
};

/// The pieces of a drm_panic URL prefix (see the file comment).
struct PanicUrl {
	Bytes url;     ///< base URL, e.g. "https://kdj0c.github.io/panic_report/"
	Bytes arch;    ///< utsname()->machine, e.g. "x86_64"
	Bytes release; ///< utsname()->release, e.g. "6.14.0"
	/// How the log is packed into digits: as Linux 6.14+ (fido) or 6.12/6.13.
	Packing packing = Packing::fido;
	/// Where the parameters go (query or fragment).
	UrlForm form = UrlForm::query;
};

/// Length of the byte-mode prefix for the given piece lengths.
constexpr std::size_t panic_prefix_length(std::size_t url_len, std::size_t arch_len,
					  std::size_t release_len, Packing p, UrlForm f)
{
	// "?a=" + "&v=" + "&z=" (+1 for "zl", +1 for "#")
	return url_len + arch_len + release_len + 9 + (p == Packing::legacy13 ? 1 : 0) +
	       (f == UrlForm::fragment ? 1 : 0);
}
/// The same, for the pieces in 'u'.
inline std::size_t panic_prefix_length(const PanicUrl &u)
{
	return panic_prefix_length(u.url.size, u.arch.size, u.release.size, u.packing, u.form);
}

/// Largest compressed-data length (bytes) that fits a symbol of `version`
/// at level `ecc` after a byte-mode prefix of `prefix_len` bytes, with the
/// data packed as `packing`. Exact (unlike the kernel's 39/40 estimate in
/// drm_panic_qr_max_data_size()). 0 if the version is out of range or not
/// even the prefix fits.
constexpr std::size_t panic_max_data_size(unsigned version, Ecc ecc, std::size_t prefix_len,
					  Packing packing)
{
	if (version < spec::kMinVersion || version > spec::kMaxVersion)
		return 0;
	if (prefix_len > detail::kMaxSegmentUnits)
		return 0;
	const unsigned ccb = spec::char_count_bits(Mode::byte, version);
	const unsigned ccn = spec::char_count_bits(Mode::numeric, version);
	if (prefix_len >= (std::size_t{1} << ccb))
		return 0;
	const std::size_t cap = spec::data_bits(version, ecc);
	const std::size_t fixed = 4 + ccb + 8 * prefix_len + 4 + ccn;
	if (fixed > cap)
		return 0;
	const std::size_t room = cap - fixed;
	const std::size_t digit_limit = (std::size_t{1} << ccn) - 1;
	auto fits = [&](std::size_t n) {
		const std::size_t d = packed_digit_count(n, packing);
		return d <= digit_limit && payload_bits(Mode::numeric, d) <= room;
	};
	std::size_t lo = 0, hi = 4096; // fits(lo), !fits(hi)
	while (hi - lo > 1) {
		const std::size_t mid = lo + (hi - lo) / 2;
		if (fits(mid))
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/// Same, from the lengths of the URL pieces.
constexpr std::size_t panic_max_data_size(unsigned version, Ecc ecc, std::size_t url_len,
					  std::size_t arch_len, std::size_t release_len,
					  Packing packing, UrlForm form = UrlForm::query)
{
	return panic_max_data_size(
		version, ecc, panic_prefix_length(url_len, arch_len, release_len, packing, form),
		packing);
}

/// Largest raw (no URL, one byte segment) payload for `version` at `ecc`.
constexpr std::size_t raw_max_data_size(unsigned version, Ecc ecc)
{
	if (version < spec::kMinVersion || version > spec::kMaxVersion)
		return 0;
	return max_chars(version, ecc, Mode::byte);
}

/// Writes the packed decimal digits of `data` to `out` (no NUL). Returns
/// false (writing nothing) if out_size < packed_digit_count(data.size).
inline bool pack_digits(Bytes data, Packing packing, char *out, std::size_t out_size)
{
	const std::size_t n = packed_digit_count(data.size, packing);
	if (n > out_size || (n && !out) || (data.size && !data.data))
		return false;
	std::size_t i = 0;
	detail::for_each_packed_digit(data.data, data.size, packing, [&](std::uint8_t d) {
		out[i++] = static_cast<char>('0' + d);
	});
	return true;
}

/// Encodes `<url>?a=<arch>&v=<release>&z=` + packed `data` (see file
/// comment). Buffers as for encode(); `data` may live in `image`. For a
/// kernel-identical symbol pass kernel_compatible_options().
inline Result encode_panic(const PanicUrl &u, Bytes data, Buffer image, Buffer scratch,
			   const Options &opt = {})
{
	const bool legacy = u.packing == Packing::legacy13;
	const Bytes parts[6] = {
		u.url,	   u.form == UrlForm::fragment ? Bytes("#?a=", 4) : Bytes("?a=", 3),
		u.arch,	   Bytes("&v=", 3),
		u.release, legacy ? Bytes("&zl=", 4) : Bytes("&z=", 3),
	};
	const Segment segs[2] = {Segment::byte_parts(parts, 6), Segment::packed(data, u.packing)};
	return encode(segs, image, scratch, opt);
}

/// Encodes `data` as a single byte segment (the kernel's mode without URL).
inline Result encode_raw(Bytes data, Buffer image, Buffer scratch, const Options &opt = {})
{
	const Segment segs[1] = {Segment::bytes(data)};
	return encode(segs, image, scratch, opt);
}

} // namespace kcxx::qr
