// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::qr - a freestanding QR Code (model 2) encoder for kernel and host.
///
/// * Versions 1-40, error correction L/M/Q/H, numeric / alphanumeric / byte
///   segments (any number, mixed), plus "packed" numeric segments that carry
///   binary data as decimal digits the way drm_panic does (see panic.h).
/// * Picks the smallest version that fits (optionally within [min, max]).
/// * Mask chosen by the ISO/IEC 18004 penalty rules, or fixed.
/// * No allocation, no exceptions, no RTTI, no floating point, no recursion,
///   no statics needing dynamic initialisation; stack use well under 1 KiB.
///   All memory is two caller-supplied buffers: the image and a scratch
///   buffer for the data + ECC codewords (sizes: see kImageBytes*,
///   kScratchBytes, image_bytes(), scratch_bytes()).
///
/// Image layout (see Layout): 1 bit per module, rows top to bottom, modules
/// left to right, most significant bit first within each byte.
///   Layout::packed:     module (x, y) is bit number i = y * width + x of the
///                       image, i.e. byte i / 8, mask 0x80 >> (i % 8).
///                       ceil(width^2 / 8) bytes, at most 3917.
///   Layout::row_padded: each row starts on a byte boundary, stride =
///                       ceil(width / 8); byte y * stride + x / 8, mask
///                       0x80 >> (x % 8). At most 23 * 177 = 4071 bytes. This
///                       is the layout of the kernel's drm_panic_qr_generate().
/// Polarity::dark_is_one stores dark modules as 1 (the default);
/// Polarity::light_is_one stores light modules as 1, as the kernel's encoder
/// does (drm_panic blits 1-bits in the foreground colour). Code::module()
/// always answers "is this module dark", whatever the polarity. Bits past the
/// last module (row padding, last byte) are always 0.
#pragma once

#include <cstddef>
#include <cstdint>

#include <kcxx/qr/spec.h>

namespace kcxx::qr {

// ---------------------------------------------------------------------------
// Buffer sizes
// ---------------------------------------------------------------------------

/// Worst-case image size (version 40) for Layout::packed: ceil(177*177/8).
inline constexpr std::size_t kImageBytesPacked =
	(spec::kMaxWidth * spec::kMaxWidth + 7) / 8; // 3917
/// Worst-case image size (version 40) for Layout::row_padded: 23 * 177.
inline constexpr std::size_t kImageBytesRowPadded =
	(spec::kMaxWidth + 7) / 8 * spec::kMaxWidth; // 4071
/// Worst-case image size for any layout.
inline constexpr std::size_t kImageBytes = kImageBytesRowPadded;
/// Worst-case scratch size: all codewords (data + ECC) of version 40.
inline constexpr std::size_t kScratchBytes = 3706;
static_assert(kImageBytesPacked == 3917 && kImageBytesRowPadded == 4071);
static_assert(kScratchBytes == spec::total_codewords(spec::kMaxVersion));

/// How the image stores the modules: packed (bit after bit, rows not
/// aligned) or row_padded (each row starts on a byte, as drm_panic draws).
enum class Layout : std::uint8_t { packed, row_padded };
/// Which modules are stored as 1 bits: the dark ones, or the light ones (drm_panic).
enum class Polarity : std::uint8_t { dark_is_one, light_is_one };

/// Bytes of image needed for version `v` (1-40) in `layout`.
constexpr std::size_t image_bytes(unsigned v, Layout layout)
{
	const std::size_t w = spec::width(v);
	return layout == Layout::packed ? (w * w + 7) / 8 : (w + 7) / 8 * w;
}
/// Bytes of scratch needed for version `v` (1-40).
constexpr std::size_t scratch_bytes(unsigned v)
{
	return spec::total_codewords(v);
}

// ---------------------------------------------------------------------------
// Spans (pointer + size; the library never keeps them past a call)
// ---------------------------------------------------------------------------

/// Input bytes the encoder reads during one call (never kept).
struct Bytes {
	/// The first byte.
	const std::uint8_t *data = nullptr;
	/// The number of bytes.
	std::size_t size = 0;
	constexpr Bytes() = default;
	/// @{
	/// The 'n' bytes at 'd'.
	constexpr Bytes(const std::uint8_t *d, std::size_t n) : data(d), size(n) {}
	Bytes(const void *d, std::size_t n) : data(static_cast<const std::uint8_t *>(d)), size(n) {}
	Bytes(const char *d, std::size_t n)
	    : data(reinterpret_cast<const std::uint8_t *>(d)), size(n)
	{
	}
	/// @}
};

/// Bytes of a NUL-terminated string (without the NUL); empty for nullptr.
inline Bytes cstr(const char *s)
{
	std::size_t n = 0;
	if (s)
		while (s[n])
			++n;
	return Bytes(s, n);
}

/// An output buffer the encoder writes during one call (never kept).
struct Buffer {
	/// The first byte.
	std::uint8_t *data = nullptr;
	/// The number of bytes.
	std::size_t size = 0;
	constexpr Buffer() = default;
	/// The 'n' bytes at 'd'.
	constexpr Buffer(std::uint8_t *d, std::size_t n) : data(d), size(n) {}
	/// The whole array 'a'.
	template <std::size_t N> constexpr Buffer(std::uint8_t (&a)[N]) : data(a), size(N) {}
};

// ---------------------------------------------------------------------------
// Segments
// ---------------------------------------------------------------------------

/// How binary data is turned into decimal digits for a numeric segment.
enum class Packing : std::uint8_t {
	/// Linux 6.14+ (URL parameter `z=`), FIDO v2.2 scheme: each 7 bytes, read
	/// as a little-endian integer, become 17 digits; a trailing chunk of k
	/// bytes becomes {0,3,5,8,10,13,15}[k] digits.
	fido,
	/// Linux 6.12/6.13 (URL parameter `zl=`): each 13 bits (MSB first) become
	/// 4 digits; the trailing k bits become 1, 2, 3, 4 digits for k in 1-3,
	/// 4-6, 7-9, 10-12 (see docs/qr.md for the one difference to 6.12).
	legacy13,
};

/// Decimal digits produced by packing `n` bytes.
constexpr std::size_t packed_digit_count(std::size_t n, Packing p)
{
	if (p == Packing::fido) {
		constexpr std::uint8_t tail[7] = {0, 3, 5, 8, 10, 13, 15};
		return 17 * (n / 7) + tail[n % 7];
	}
	constexpr std::uint8_t tail[13] = {0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
	const std::size_t bits = 8 * n;
	return 4 * (bits / 13) + tail[bits % 13];
}

/// One segment of the QR payload. A Segment only points at the caller's
/// data; it must stay valid until encode() returns.
class Segment {
public:
	/// What the segment holds, which decides its mode and how it is packed.
	enum class Kind : std::uint8_t { numeric, alphanumeric, byte, byte_parts, packed };

	constexpr Segment() = default;

	/// Digits '0'-'9' in numeric mode (3 digits per 10 bits).
	static constexpr Segment numeric(const char *digits, std::size_t n)
	{
		return Segment(Kind::numeric, digits, n);
	}
	/// "0-9A-Z $%*+-./:" in alphanumeric mode (2 characters per 11 bits).
	static constexpr Segment alphanumeric(const char *text, std::size_t n)
	{
		return Segment(Kind::alphanumeric, text, n);
	}
	/// Arbitrary bytes in byte mode.
	static constexpr Segment bytes(Bytes b) { return Segment(Kind::byte, b.data, b.size); }
	/// The 'n' bytes at 'd', in byte mode.
	static Segment bytes(const void *d, std::size_t n) { return bytes(Bytes(d, n)); }
	/// One byte-mode segment made of the concatenation of `n` pieces
	/// (no copy is made; `parts` must stay valid until encode() returns).
	static constexpr Segment byte_parts(const Bytes *parts, std::size_t n)
	{
		return Segment(Kind::byte_parts, parts, n);
	}
	/// Binary data packed into decimal digits, in numeric mode.
	static constexpr Segment packed(Bytes b, Packing p)
	{
		Segment s(Kind::packed, b.data, b.size);
		s.packing_ = p;
		return s;
	}

	/// What the segment holds.
	constexpr Kind kind() const { return kind_; }
	/// How a packed segment's bytes become digits (Kind::packed only).
	constexpr Packing packing() const { return packing_; }
	/// The QR mode the segment is written in.
	constexpr Mode mode() const
	{
		switch (kind_) {
		case Kind::numeric:
		case Kind::packed:
			return Mode::numeric;
		case Kind::alphanumeric:
			return Mode::alphanumeric;
		default:
			return Mode::byte;
		}
	}
	/// Input units: characters, bytes, or parts (for byte_parts).
	constexpr std::size_t size() const { return size_; }
	/// The input: characters, bytes, or the parts (for byte_parts).
	constexpr const void *data() const { return ptr_; }

private:
	constexpr Segment(Kind k, const void *p, std::size_t n) : ptr_(p), size_(n), kind_(k) {}

	const void *ptr_ = nullptr;
	std::size_t size_ = 0;
	Kind kind_ = Kind::byte;
	Packing packing_ = Packing::fido;
};

/// Index of `c` in the alphanumeric character set, or -1.
constexpr int alphanumeric_index(std::uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	switch (c) {
	case ' ':
		return 36;
	case '$':
		return 37;
	case '%':
		return 38;
	case '*':
		return 39;
	case '+':
		return 40;
	case '-':
		return 41;
	case '.':
		return 42;
	case '/':
		return 43;
	case ':':
		return 44;
	default:
		return -1;
	}
}

/// Bits taken by `chars` characters (count-indicator value) of mode `m`,
/// excluding the mode indicator and the count indicator.
constexpr std::size_t payload_bits(Mode m, std::size_t chars)
{
	switch (m) {
	case Mode::numeric: {
		constexpr std::uint8_t tail[3] = {0, 4, 7};
		return 10 * (chars / 3) + tail[chars % 3];
	}
	case Mode::alphanumeric:
		return 11 * (chars / 2) + 6 * (chars % 2);
	case Mode::byte:
		return 8 * chars;
	}
	return 0;
}

/// Largest number of characters of mode `m` that one segment can hold in a
/// symbol of version `v` at level `e` (the ISO capacity tables).
constexpr std::size_t max_chars(unsigned v, Ecc e, Mode m)
{
	const std::size_t cap = spec::data_bits(v, e);
	const unsigned cc = spec::char_count_bits(m, v);
	if (cap < 4 + cc)
		return 0;
	const std::size_t room = cap - 4 - cc;
	std::size_t n = 0;
	switch (m) {
	case Mode::numeric:
		n = 3 * (room / 10) + (room % 10 >= 7 ? 2 : room % 10 >= 4 ? 1 : 0);
		break;
	case Mode::alphanumeric:
		n = 2 * (room / 11) + (room % 11 >= 6 ? 1 : 0);
		break;
	case Mode::byte:
		n = room / 8;
		break;
	}
	const std::size_t limit = (std::size_t{1} << cc) - 1;
	return n < limit ? n : limit;
}

// ---------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------

/// Why encode() failed (Error::none: it did not).
enum class Error : std::uint8_t {
	none = 0,
	/// The segments do not fit in max_version at the requested level.
	data_too_long,
	/// The image buffer is smaller than image_bytes(version, layout).
	image_buffer_too_small,
	/// The scratch buffer is smaller than scratch_bytes(version).
	scratch_buffer_too_small,
	/// A numeric / alphanumeric segment holds a character its mode cannot
	/// encode (Result::segment / Result::offset say where).
	invalid_character,
	/// Bad options (version range, mask), a null pointer with a non-zero
	/// size, or overlapping image / scratch / input buffers.
	invalid_argument,
};

/// The enumerator's name, for messages.
constexpr const char *error_name(Error e)
{
	switch (e) {
	case Error::none:
		return "none";
	case Error::data_too_long:
		return "data_too_long";
	case Error::image_buffer_too_small:
		return "image_buffer_too_small";
	case Error::scratch_buffer_too_small:
		return "scratch_buffer_too_small";
	case Error::invalid_character:
		return "invalid_character";
	case Error::invalid_argument:
		return "invalid_argument";
	}
	return "unknown";
}

/// A view of an encoded symbol in the caller's image buffer.
class Code {
public:
	constexpr Code() = default;

	/// The QR version, 1-40.
	constexpr unsigned version() const { return version_; }
	/// Width (= height) in modules, without quiet zone: 4 * version + 17.
	constexpr unsigned width() const { return width_; }
	/// The error-correction level (possibly boosted above the requested one).
	constexpr Ecc ecc() const { return ecc_; }
	/// Mask pattern 0-7 that was applied.
	constexpr unsigned mask() const { return mask_; }
	/// How the image stores the modules.
	constexpr Layout layout() const { return layout_; }
	/// Which modules are stored as 1 bits.
	constexpr Polarity polarity() const { return polarity_; }
	/// Bytes per row for Layout::row_padded; 0 for Layout::packed.
	constexpr std::size_t stride() const
	{
		return layout_ == Layout::row_padded ? (width_ + 7u) / 8u : 0;
	}
	/// Bytes of the image buffer that hold the symbol.
	constexpr std::size_t size_bytes() const
	{
		return width_ ? image_bytes(version_, layout_) : 0;
	}
	/// The image: size_bytes() bytes in the caller's buffer.
	constexpr const std::uint8_t *data() const { return image_; }

	/// True if module (x, y) is dark; (0, 0) is the top-left corner. Outside
	/// the symbol (the quiet zone) every module is light.
	constexpr bool module(unsigned x, unsigned y) const
	{
		if (x >= width_ || y >= width_)
			return false;
		std::size_t byte;
		unsigned bit;
		if (layout_ == Layout::packed) {
			const std::size_t i = std::size_t{y} * width_ + x;
			byte = i / 8;
			bit = static_cast<unsigned>(i % 8);
		} else {
			byte = std::size_t{y} * ((width_ + 7u) / 8u) + x / 8;
			bit = x % 8;
		}
		const bool one = (image_[byte] >> (7 - bit)) & 1;
		return one != (polarity_ == Polarity::light_is_one);
	}

private:
	friend struct CodeAccess;
	const std::uint8_t *image_ = nullptr;
	std::uint8_t version_ = 0;
	std::uint8_t width_ = 0;
	std::uint8_t mask_ = 0;
	Ecc ecc_ = Ecc::L;
	Layout layout_ = Layout::packed;
	Polarity polarity_ = Polarity::dark_is_one;
};

/// What encode() returns: the Code, or the Error and where it was found.
struct [[nodiscard]] Result {
	/// Error::none on success.
	Error error = Error::none;
	/// @{
	/// For Error::invalid_character: index of the segment and offset of
	/// the first character its mode cannot encode.
	std::size_t segment = 0;
	std::size_t offset = 0;
	/// @}
	/// Valid only when error == Error::none.
	Code code;

	/// @{
	/// Whether encode() succeeded.
	constexpr bool ok() const { return error == Error::none; }
	constexpr explicit operator bool() const { return ok(); }
	/// @}
};

/// Options::mask value: pick the mask with the lowest penalty score.
inline constexpr std::uint8_t kAutoMask = 0xFF;

/// How encode() builds the symbol.
struct Options {
	/// The lowest error-correction level to use.
	Ecc ecc = Ecc::L;
	/// @{
	/// Smallest and largest version to consider (1 <= min <= max <= 40).
	std::uint8_t min_version = 1;
	std::uint8_t max_version = 40;
	/// @}
	/// 0-7 to force a mask pattern, kAutoMask to pick the one with the lowest
	/// ISO/IEC 18004 penalty score.
	std::uint8_t mask = kAutoMask;
	/// Raise the ECC level above `ecc` while the data still fits the chosen
	/// version (never makes the symbol bigger).
	bool boost_ecc = false;
	/// How the image stores the modules.
	Layout layout = Layout::packed;
	/// Which modules are stored as 1 bits.
	Polarity polarity = Polarity::dark_is_one;
};

/// The options matching the kernel's drm_panic QR encoder: level L, mask 0,
/// row-padded layout, light modules stored as 1.
constexpr Options kernel_compatible_options()
{
	Options o;
	o.ecc = Ecc::L;
	o.mask = 0;
	o.layout = Layout::row_padded;
	o.polarity = Polarity::light_is_one;
	return o;
}

// ---------------------------------------------------------------------------
// Implementation details
// ---------------------------------------------------------------------------

struct CodeAccess {
	static constexpr Code make(const std::uint8_t *image, unsigned version, unsigned mask,
				   Ecc e, Layout l, Polarity p)
	{
		Code c;
		c.image_ = image;
		c.version_ = static_cast<std::uint8_t>(version);
		c.width_ = static_cast<std::uint8_t>(spec::width(version));
		c.mask_ = static_cast<std::uint8_t>(mask);
		c.ecc_ = e;
		c.layout_ = l;
		c.polarity_ = p;
		return c;
	}
};

namespace detail {

/// Longest input of any single segment that could possibly fit a symbol
/// (7089 digits in numeric mode); anything longer is rejected before any
/// arithmetic could overflow.
inline constexpr std::size_t kMaxSegmentUnits = 7089;
/// Marker for "does not fit".
inline constexpr std::size_t kTooMany = ~std::size_t{0};

/// Call `emit(digit)` (digit 0-9) for every decimal digit of `n` packed bytes.
template <typename Emit> constexpr void for_each_packed_digit(const std::uint8_t *data,
							      std::size_t n, Packing p, Emit &&emit)
{
	if (p == Packing::fido) {
		for (std::size_t off = 0; off < n; off += 7) {
			const unsigned k = static_cast<unsigned>(n - off < 7 ? n - off : 7);
			const unsigned d =
				static_cast<unsigned>(packed_digit_count(k, Packing::fido));
			// Little-endian k-byte integer; limb[k-1] is the most significant.
			// Long division by 10 on bytes: no 64-bit division (no libgcc
			// helpers on 32-bit kernels).
			std::uint8_t limb[7] = {};
			for (unsigned i = 0; i < k; ++i)
				limb[i] = data[off + i];
			std::uint8_t digits[17] = {};
			for (unsigned j = 0; j < d; ++j) {
				unsigned rem = 0;
				for (unsigned i = k; i-- > 0;) {
					const unsigned cur = rem * 256 + limb[i];
					limb[i] = static_cast<std::uint8_t>(cur / 10);
					rem = cur % 10;
				}
				digits[d - 1 - j] = static_cast<std::uint8_t>(rem);
			}
			for (unsigned j = 0; j < d; ++j)
				emit(digits[j]);
		}
		return;
	}
	// legacy13: 13 bits at a time, most significant bit first.
	const std::size_t total = 8 * n;
	for (std::size_t pos = 0; pos < total;) {
		const unsigned k = static_cast<unsigned>(total - pos < 13 ? total - pos : 13);
		unsigned v = 0;
		for (unsigned i = 0; i < k; ++i, ++pos)
			v = (v << 1) | ((data[pos / 8] >> (7 - pos % 8)) & 1u);
		const unsigned d = k == 13 ? 4 : (k + 2) / 3; // 10^d >= 2^k
		constexpr unsigned pow10[5] = {1, 10, 100, 1000, 10000};
		for (unsigned j = d; j-- > 0;)
			emit(static_cast<std::uint8_t>(v / pow10[j] % 10));
	}
}

/// Count-indicator value of a segment (characters / bytes / digits), or
/// kTooMany when it is longer than anything a symbol can hold.
inline std::size_t char_count(const Segment &s)
{
	switch (s.kind()) {
	case Segment::Kind::byte_parts: {
		const Bytes *parts = static_cast<const Bytes *>(s.data());
		std::size_t total = 0;
		for (std::size_t i = 0; i < s.size(); ++i) {
			if (parts[i].size > kMaxSegmentUnits)
				return kTooMany;
			total += parts[i].size;
			if (total > kMaxSegmentUnits)
				return kTooMany;
		}
		return total;
	}
	case Segment::Kind::packed:
		if (s.size() > kMaxSegmentUnits)
			return kTooMany;
		return packed_digit_count(s.size(), s.packing());
	default:
		return s.size() > kMaxSegmentUnits ? kTooMany : s.size();
	}
}

/// Bits of all segments in version `v`, or kTooMany.
inline std::size_t total_bits(const Segment *segs, std::size_t n, unsigned v, std::size_t limit)
{
	std::size_t bits = 0;
	for (std::size_t i = 0; i < n; ++i) {
		const std::size_t cc = char_count(segs[i]);
		if (cc == kTooMany)
			return kTooMany;
		const Mode m = segs[i].mode();
		const unsigned ccb = spec::char_count_bits(m, v);
		if (cc >= (std::size_t{1} << ccb))
			return kTooMany;
		bits += 4 + ccb + payload_bits(m, cc);
		if (bits > limit)
			return kTooMany;
	}
	return bits;
}

inline bool overlaps(const void *a, std::size_t an, const void *b, std::size_t bn)
{
	if (an == 0 || bn == 0)
		return false;
	const auto pa = reinterpret_cast<std::uintptr_t>(a);
	const auto pb = reinterpret_cast<std::uintptr_t>(b);
	return pa <= pb ? pb - pa < an : pa - pb < bn; // no overflow for any length
}

/// Appends bits MSB first into a zeroed buffer.
struct BitWriter {
	std::uint8_t *buf;
	std::size_t pos;

	void put(std::uint32_t value, unsigned nbits)
	{
		for (unsigned i = nbits; i-- > 0; ++pos)
			if ((value >> i) & 1u)
				buf[pos / 8] |= static_cast<std::uint8_t>(0x80u >> (pos % 8));
	}
};

struct DigitSink {
	BitWriter *w;
	unsigned acc = 0;
	unsigned count = 0;

	void push(unsigned digit)
	{
		acc = acc * 10 + digit;
		if (++count == 3) {
			w->put(acc, 10);
			acc = count = 0;
		}
	}
	void flush()
	{
		if (count)
			w->put(acc, count == 1 ? 4 : 7);
		acc = count = 0;
	}
};

inline void write_segment(BitWriter &w, const Segment &s, unsigned v, std::size_t cc)
{
	const Mode m = s.mode();
	w.put(static_cast<unsigned>(m), 4);
	w.put(static_cast<std::uint32_t>(cc), spec::char_count_bits(m, v));
	switch (s.kind()) {
	case Segment::Kind::numeric: {
		const auto *p = static_cast<const std::uint8_t *>(s.data());
		DigitSink sink{&w};
		for (std::size_t i = 0; i < s.size(); ++i)
			sink.push(p[i] - '0');
		sink.flush();
		break;
	}
	case Segment::Kind::packed: {
		DigitSink sink{&w};
		for_each_packed_digit(static_cast<const std::uint8_t *>(s.data()), s.size(),
				      s.packing(), [&sink](std::uint8_t d) { sink.push(d); });
		sink.flush();
		break;
	}
	case Segment::Kind::alphanumeric: {
		const auto *p = static_cast<const std::uint8_t *>(s.data());
		std::size_t i = 0;
		for (; i + 1 < s.size(); i += 2)
			w.put(static_cast<unsigned>(alphanumeric_index(p[i]) * 45 +
						    alphanumeric_index(p[i + 1])),
			      11);
		if (i < s.size())
			w.put(static_cast<unsigned>(alphanumeric_index(p[i])), 6);
		break;
	}
	case Segment::Kind::byte: {
		const auto *p = static_cast<const std::uint8_t *>(s.data());
		for (std::size_t i = 0; i < s.size(); ++i)
			w.put(p[i], 8);
		break;
	}
	case Segment::Kind::byte_parts: {
		const Bytes *parts = static_cast<const Bytes *>(s.data());
		for (std::size_t j = 0; j < s.size(); ++j)
			for (std::size_t i = 0; i < parts[j].size; ++i)
				w.put(parts[j].data[i], 8);
		break;
	}
	}
}

/// Block structure of one (version, level).
struct Blocks {
	unsigned nblocks;
	unsigned nshort;     // blocks with short_data data codewords; the rest have one more
	unsigned short_data; // data codewords in a short block
	unsigned ecc;	     // ECC codewords per block
	unsigned data_total; // all data codewords
	unsigned total;	     // all codewords

	constexpr Blocks(unsigned v, Ecc e)
	    : nblocks(spec::num_blocks(v, e)), nshort(nblocks - spec::total_codewords(v) % nblocks),
	      short_data(spec::total_codewords(v) / nblocks - spec::ecc_per_block(v, e)),
	      ecc(spec::ecc_per_block(v, e)), data_total(spec::data_codewords(v, e)),
	      total(spec::total_codewords(v))
	{
	}

	constexpr unsigned data_start(unsigned b) const
	{
		return b * short_data + (b > nshort ? b - nshort : 0);
	}
	constexpr unsigned data_len(unsigned b) const { return short_data + (b >= nshort ? 1 : 0); }

	/// Offset in the scratch buffer of the i-th codeword in transmission
	/// (interleaved) order.
	constexpr unsigned interleaved(unsigned i) const
	{
		if (i < nblocks * short_data)
			return data_start(i % nblocks) + i / nblocks;
		if (i < data_total) {
			const unsigned b = nshort + (i - nblocks * short_data);
			return data_start(b) + short_data;
		}
		const unsigned e = i - data_total;
		return data_total + (e % nblocks) * ecc + e / nblocks;
	}
};

/// Reed-Solomon ECC of every block, written after the data codewords.
inline void compute_ecc(std::uint8_t *cw, const Blocks &bl)
{
	std::uint8_t gen[spec::kMaxEccPerBlock] = {};
	const unsigned deg = bl.ecc;
	// Generator polynomial prod (x - 2^i), i < deg, monic term omitted;
	// gen[0] is the coefficient of x^(deg-1).
	gen[deg - 1] = 1;
	std::uint8_t root = 1;
	for (unsigned i = 0; i < deg; ++i) {
		for (unsigned j = 0; j < deg; ++j) {
			gen[j] = spec::gf_mul(gen[j], root);
			if (j + 1 < deg)
				gen[j] ^= gen[j + 1];
		}
		root = spec::gf_mul(root, 2);
	}
	for (unsigned b = 0; b < bl.nblocks; ++b) {
		const std::uint8_t *data = cw + bl.data_start(b);
		std::uint8_t *rem = cw + bl.data_total + b * deg;
		for (unsigned i = 0; i < deg; ++i)
			rem[i] = 0;
		for (unsigned i = 0, n = bl.data_len(b); i < n; ++i) {
			const std::uint8_t factor = data[i] ^ rem[0];
			for (unsigned j = 0; j + 1 < deg; ++j)
				rem[j] = rem[j + 1] ^ spec::gf_mul(gen[j], factor);
			rem[deg - 1] = spec::gf_mul(gen[deg - 1], factor);
		}
	}
}

/// The module grid in the caller's image buffer (1 = dark while drawing).
struct Canvas {
	std::uint8_t *buf;
	unsigned size;
	unsigned stride; // 0 = packed
	unsigned version;
	unsigned nalign;
	std::uint8_t align[spec::kMaxAlignments];
	bool inverted = false; // stored bit 1 = light (only for reading finished codes)

	constexpr void locate(unsigned x, unsigned y, std::size_t &byte, std::uint8_t &bit) const
	{
		if (stride == 0) {
			const std::size_t i = std::size_t{y} * size + x;
			byte = i / 8;
			bit = static_cast<std::uint8_t>(0x80u >> (i % 8));
		} else {
			byte = std::size_t{y} * stride + x / 8;
			bit = static_cast<std::uint8_t>(0x80u >> (x % 8));
		}
	}
	bool get(unsigned x, unsigned y) const
	{
		std::size_t byte;
		std::uint8_t bit;
		locate(x, y, byte, bit);
		return ((buf[byte] & bit) != 0) != inverted;
	}
	void set(unsigned x, unsigned y, bool dark)
	{
		std::size_t byte;
		std::uint8_t bit;
		locate(x, y, byte, bit);
		if (dark)
			buf[byte] |= bit;
		else
			buf[byte] &= static_cast<std::uint8_t>(~bit);
	}
	void flip(unsigned x, unsigned y)
	{
		std::size_t byte;
		std::uint8_t bit;
		locate(x, y, byte, bit);
		buf[byte] ^= bit;
	}

	/// Index of the alignment centre within 2 modules of c, or -1.
	int align_index(unsigned c) const
	{
		for (unsigned i = 0; i < nalign; ++i)
			if (c + 2 >= align[i] && c <= align[i] + 2u)
				return static_cast<int>(i);
		return -1;
	}
	bool is_align_corner(int ix, int iy) const
	{
		const int last = static_cast<int>(nalign) - 1;
		return (ix == 0 && iy == 0) || (ix == 0 && iy == last) || (ix == last && iy == 0);
	}

	/// Function modules: finders + separators + format info, timing,
	/// alignment, version info. Everything else carries data.
	bool is_function(unsigned x, unsigned y) const
	{
		const unsigned s = size;
		if (x <= 8 && y <= 8)
			return true;
		if (x >= s - 8 && y <= 8)
			return true;
		if (x <= 8 && y >= s - 8)
			return true;
		if (x == 6 || y == 6)
			return true;
		if (version >= 7) {
			if (x >= s - 11 && x < s - 8 && y < 6)
				return true;
			if (y >= s - 11 && y < s - 8 && x < 6)
				return true;
		}
		if (nalign == 0)
			return false;
		const int ix = align_index(x);
		if (ix < 0)
			return false;
		const int iy = align_index(y);
		if (iy < 0)
			return false;
		return !is_align_corner(ix, iy);
	}

	void draw_function_patterns()
	{
		const unsigned s = size;
		// Finders (the separators stay light).
		const unsigned cx[3] = {3, s - 4, 3};
		const unsigned cy[3] = {3, 3, s - 4};
		for (unsigned f = 0; f < 3; ++f)
			for (int dy = -3; dy <= 3; ++dy)
				for (int dx = -3; dx <= 3; ++dx) {
					const int ax = dx < 0 ? -dx : dx, ay = dy < 0 ? -dy : dy;
					const int dist = ax > ay ? ax : ay;
					set(static_cast<unsigned>(static_cast<int>(cx[f]) + dx),
					    static_cast<unsigned>(static_cast<int>(cy[f]) + dy),
					    dist != 2);
				}
		// Timing patterns.
		for (unsigned i = 8; i < s - 8; ++i) {
			set(i, 6, i % 2 == 0);
			set(6, i, i % 2 == 0);
		}
		// Alignment patterns.
		for (unsigned i = 0; i < nalign; ++i)
			for (unsigned j = 0; j < nalign; ++j) {
				if (is_align_corner(static_cast<int>(i), static_cast<int>(j)))
					continue;
				for (int dy = -2; dy <= 2; ++dy)
					for (int dx = -2; dx <= 2; ++dx) {
						const int ax = dx < 0 ? -dx : dx,
							  ay = dy < 0 ? -dy : dy;
						set(static_cast<unsigned>(align[i] + dx),
						    static_cast<unsigned>(align[j] + dy),
						    (ax > ay ? ax : ay) != 1);
					}
			}
		// Version information.
		if (version >= 7) {
			const std::uint32_t bits = spec::version_bits(version);
			for (unsigned i = 0; i < 18; ++i) {
				const bool dark = (bits >> i) & 1u;
				const unsigned a = s - 11 + i % 3, b = i / 3;
				set(a, b, dark);
				set(b, a, dark);
			}
		}
		// The dark module.
		set(8, s - 8, true);
	}

	void draw_format(Ecc e, unsigned mask)
	{
		const unsigned bits = spec::format_bits(e, mask);
		const unsigned s = size;
		auto bit = [bits](unsigned i) { return ((bits >> i) & 1u) != 0; };
		for (unsigned i = 0; i < 6; ++i)
			set(8, i, bit(i));
		set(8, 7, bit(6));
		set(8, 8, bit(7));
		set(7, 8, bit(8));
		for (unsigned i = 9; i < 15; ++i)
			set(14 - i, 8, bit(i));
		for (unsigned i = 0; i < 8; ++i)
			set(s - 1 - i, 8, bit(i));
		for (unsigned i = 8; i < 15; ++i)
			set(8, s - 15 + i, bit(i));
	}

	/// Zig-zag placement of the interleaved codewords; remainder bits light.
	void draw_codewords(const std::uint8_t *cw, const Blocks &bl)
	{
		const unsigned s = size;
		const std::size_t nbits = std::size_t{bl.total} * 8;
		std::size_t i = 0;
		unsigned byte = 0;
		for (int right = static_cast<int>(s) - 1; right >= 1; right -= 2) {
			if (right == 6)
				right = 5;
			const bool upward = ((right + 1) & 2) == 0;
			for (unsigned vert = 0; vert < s; ++vert) {
				const unsigned y = upward ? s - 1 - vert : vert;
				for (unsigned j = 0; j < 2; ++j) {
					const unsigned x = static_cast<unsigned>(right) - j;
					if (is_function(x, y) || i >= nbits)
						continue;
					if (i % 8 == 0)
						byte = cw[bl.interleaved(
							static_cast<unsigned>(i / 8))];
					set(x, y, (byte >> (7 - i % 8)) & 1u);
					++i;
				}
			}
		}
	}

	static constexpr bool mask_bit(unsigned m, unsigned x, unsigned y)
	{
		switch (m) {
		case 0:
			return (x + y) % 2 == 0;
		case 1:
			return y % 2 == 0;
		case 2:
			return x % 3 == 0;
		case 3:
			return (x + y) % 3 == 0;
		case 4:
			return (x / 3 + y / 2) % 2 == 0;
		case 5:
			return x * y % 2 + x * y % 3 == 0;
		case 6:
			return (x * y % 2 + x * y % 3) % 2 == 0;
		default:
			return ((x + y) % 2 + x * y % 3) % 2 == 0;
		}
	}

	/// XOR the data modules with mask m (applying it twice undoes it).
	void apply_mask(unsigned m)
	{
		for (unsigned y = 0; y < size; ++y)
			for (unsigned x = 0; x < size; ++x)
				if (mask_bit(m, x, y) && !is_function(x, y))
					flip(x, y);
	}

	// --- ISO/IEC 18004 section 7.8.3 penalty score --------------------------

	/// Run-length history for the finder-like (1:1:3:1:1 with 4 light
	/// modules on one side) rule; the area outside the symbol counts as light.
	struct RunHistory {
		unsigned h[7] = {};
		unsigned size;

		void add(unsigned run)
		{
			if (h[0] == 0)
				run += size; // first run of the line: add the light border
			for (unsigned i = 6; i > 0; --i)
				h[i] = h[i - 1];
			h[0] = run;
		}
		unsigned count_patterns() const
		{
			const unsigned n = h[1];
			const bool core =
				n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n;
			return (core && h[0] >= n * 4 && h[6] >= n ? 1u : 0u) +
			       (core && h[6] >= n * 4 && h[0] >= n ? 1u : 0u);
		}
		unsigned terminate(bool dark_run, unsigned run)
		{
			if (dark_run) {
				add(run);
				run = 0;
			}
			run += size; // the light border after the line
			add(run);
			return count_patterns();
		}
	};

	unsigned line_penalty(bool rows) const
	{
		unsigned score = 0;
		for (unsigned a = 0; a < size; ++a) {
			bool run_dark = false;
			unsigned run = 0;
			RunHistory hist{{}, size};
			for (unsigned b = 0; b < size; ++b) {
				const bool dark = rows ? get(b, a) : get(a, b);
				if (dark == run_dark) {
					++run;
					if (run == 5)
						score += 3;
					else if (run > 5)
						++score;
				} else {
					hist.add(run);
					if (!run_dark)
						score += hist.count_patterns() * 40;
					run_dark = dark;
					run = 1;
				}
			}
			score += hist.terminate(run_dark, run) * 40;
		}
		return score;
	}

	unsigned penalty() const
	{
		unsigned score = line_penalty(true) + line_penalty(false);
		// 2x2 blocks of one colour.
		for (unsigned y = 0; y + 1 < size; ++y) {
			bool l0 = get(0, y), l1 = get(0, y + 1);
			for (unsigned x = 0; x + 1 < size; ++x) {
				const bool r0 = get(x + 1, y), r1 = get(x + 1, y + 1);
				if (l0 == r0 && l0 == l1 && l0 == r1)
					score += 3;
				l0 = r0;
				l1 = r1;
			}
		}
		// Proportion of dark modules: 10 points per full 5% away from 50%.
		unsigned dark = 0;
		for (unsigned y = 0; y < size; ++y)
			for (unsigned x = 0; x < size; ++x)
				dark += get(x, y);
		const unsigned total = size * size; // odd, so never exactly 50%
		const unsigned diff =
			dark * 20 > total * 10 ? dark * 20 - total * 10 : total * 10 - dark * 20;
		const unsigned k = (diff + total - 1) / total - 1;
		return score + k * 10;
	}

	/// Convert to light_is_one: invert every module bit, leave padding 0.
	void invert_modules()
	{
		if (stride == 0) {
			const std::size_t nbits = std::size_t{size} * size;
			for (std::size_t i = 0; i < nbits / 8; ++i)
				buf[i] = static_cast<std::uint8_t>(~buf[i]);
			if (nbits % 8)
				buf[nbits / 8] ^= static_cast<std::uint8_t>(0xFF00u >> (nbits % 8));
		} else {
			for (unsigned y = 0; y < size; ++y) {
				std::uint8_t *row = buf + std::size_t{y} * stride;
				for (unsigned i = 0; i < size / 8; ++i)
					row[i] = static_cast<std::uint8_t>(~row[i]);
				if (size % 8)
					row[size / 8] ^=
						static_cast<std::uint8_t>(0xFF00u >> (size % 8));
			}
		}
	}
};

} // namespace detail

/// Penalty score (ISO/IEC 18004 section 7.8.3: N1=3, N2=3, N3=40, N4=10)
/// of a finished symbol, as the automatic mask selection computes it.
inline unsigned penalty_score(const Code &c)
{
	// Read-only use of the canvas; polarity does not matter for the score.
	detail::Canvas cv{const_cast<std::uint8_t *>(c.data()),
			  c.width(),
			  static_cast<unsigned>(c.stride()),
			  c.version(),
			  0,
			  {},
			  c.polarity() == Polarity::light_is_one};
	return cv.penalty();
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

/// Smallest version in [opt.min_version, opt.max_version] that holds the
/// segments at opt.ecc, or 0 if none (no validation of characters, a
/// min_version of 0 counts as 1).
inline unsigned fit_version(const Segment *segs, std::size_t nsegs, const Options &opt)
{
	const unsigned first = opt.min_version ? opt.min_version : spec::kMinVersion;
	for (unsigned v = first; v <= opt.max_version && v <= spec::kMaxVersion; ++v) {
		const std::size_t cap = spec::data_bits(v, opt.ecc);
		if (detail::total_bits(segs, nsegs, v, cap) != detail::kTooMany)
			return v;
	}
	return 0;
}

/// Encodes `nsegs` segments into a QR symbol drawn in `image`, using
/// `scratch` for the codewords.
///
/// `image` needs image_bytes(version, opt.layout) bytes (kImageBytesPacked /
/// kImageBytesRowPadded for any version) and `scratch` scratch_bytes(version)
/// bytes (kScratchBytes for any version), where version is the one chosen.
/// Segment data may live inside `image` (it is consumed into `scratch`
/// before the image is drawn, as the kernel's encoder allows) but must not
/// overlap `scratch`; `image` and `scratch` must not overlap.
inline Result encode(const Segment *segs, std::size_t nsegs, Buffer image, Buffer scratch,
		     const Options &opt = {})
{
	Result r;
	auto fail = [&r](Error e) {
		r.error = e;
		return r;
	};
	if (opt.min_version < spec::kMinVersion || opt.max_version > spec::kMaxVersion ||
	    opt.min_version > opt.max_version || (opt.mask > 7 && opt.mask != kAutoMask) ||
	    static_cast<unsigned>(opt.ecc) > 3 ||
	    static_cast<unsigned>(opt.layout) > static_cast<unsigned>(Layout::row_padded) ||
	    static_cast<unsigned>(opt.polarity) > static_cast<unsigned>(Polarity::light_is_one))
		return fail(Error::invalid_argument);
	if ((nsegs && !segs) || !image.data || !scratch.data ||
	    detail::overlaps(image.data, image.size, scratch.data, scratch.size))
		return fail(Error::invalid_argument);

	// Validate the segments: pointers, characters, no overlap with scratch.
	for (std::size_t i = 0; i < nsegs; ++i) {
		const Segment &s = segs[i];
		if (s.size() && !s.data())
			return fail(Error::invalid_argument);
		if (s.kind() == Segment::Kind::byte_parts) {
			const Bytes *parts = static_cast<const Bytes *>(s.data());
			for (std::size_t j = 0; j < s.size(); ++j)
				if ((parts[j].size && !parts[j].data) ||
				    detail::overlaps(parts[j].data, parts[j].size, scratch.data,
						     scratch.size))
					return fail(Error::invalid_argument);
			continue;
		}
		if (detail::overlaps(s.data(), s.size(), scratch.data, scratch.size))
			return fail(Error::invalid_argument);
		if (s.kind() != Segment::Kind::numeric && s.kind() != Segment::Kind::alphanumeric)
			continue;
		const auto *p = static_cast<const std::uint8_t *>(s.data());
		for (std::size_t j = 0; j < s.size(); ++j) {
			const bool okc = s.kind() == Segment::Kind::numeric
						 ? (p[j] >= '0' && p[j] <= '9')
						 : alphanumeric_index(p[j]) >= 0;
			if (!okc) {
				r.segment = i;
				r.offset = j;
				return fail(Error::invalid_character);
			}
		}
	}

	const unsigned v = fit_version(segs, nsegs, opt);
	if (v == 0)
		return fail(Error::data_too_long);
	Ecc ecc = opt.ecc;
	const std::size_t used = detail::total_bits(segs, nsegs, v, spec::data_bits(v, ecc));
	if (opt.boost_ecc)
		for (unsigned e = static_cast<unsigned>(ecc) + 1; e <= 3; ++e)
			if (used <= spec::data_bits(v, static_cast<Ecc>(e)))
				ecc = static_cast<Ecc>(e);

	if (image.size < image_bytes(v, opt.layout))
		return fail(Error::image_buffer_too_small);
	if (scratch.size < scratch_bytes(v))
		return fail(Error::scratch_buffer_too_small);

	// 1. Data codewords: segments, terminator, bit padding, pad bytes.
	const detail::Blocks bl(v, ecc);
	std::uint8_t *cw = scratch.data;
	for (unsigned i = 0; i < bl.data_total; ++i)
		cw[i] = 0;
	detail::BitWriter w{cw, 0};
	for (std::size_t i = 0; i < nsegs; ++i)
		detail::write_segment(w, segs[i], v, detail::char_count(segs[i]));
	const std::size_t cap = std::size_t{bl.data_total} * 8;
	w.pos += (cap - w.pos < 4 ? cap - w.pos : 4); // terminator (zeros)
	w.pos = (w.pos + 7) / 8 * 8;
	for (std::size_t i = w.pos / 8, k = 0; i < bl.data_total; ++i, ++k)
		cw[i] = (k % 2 == 0) ? 0xEC : 0x11;

	// 2. Error correction codewords.
	detail::compute_ecc(cw, bl);

	// 3. The symbol.
	detail::Canvas cv{image.data,
			  spec::width(v),
			  opt.layout == Layout::packed ? 0u : (spec::width(v) + 7) / 8,
			  v,
			  0,
			  {},
			  false};
	cv.nalign = spec::alignment_positions(v, cv.align);
	const std::size_t nbytes = image_bytes(v, opt.layout);
	for (std::size_t i = 0; i < nbytes; ++i)
		image.data[i] = 0;
	cv.draw_function_patterns();
	cv.draw_codewords(cw, bl);

	unsigned mask = opt.mask;
	if (mask == kAutoMask) {
		unsigned best = ~0u;
		for (unsigned m = 0; m < 8; ++m) {
			cv.apply_mask(m);
			cv.draw_format(ecc, m);
			const unsigned score = cv.penalty();
			if (score < best) {
				best = score;
				mask = m;
			}
			cv.apply_mask(m);
		}
	}
	cv.apply_mask(mask);
	cv.draw_format(ecc, mask);
	if (opt.polarity == Polarity::light_is_one)
		cv.invert_modules();

	r.code = CodeAccess::make(image.data, v, mask, ecc, opt.layout, opt.polarity);
	return r;
}

/// The same, for an array of segments.
template <std::size_t N> inline Result encode(const Segment (&segs)[N], Buffer image,
					      Buffer scratch, const Options &opt = {})
{
	return encode(segs, N, image, scratch, opt);
}

} // namespace kcxx::qr
