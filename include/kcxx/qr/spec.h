// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::qr::spec - the numbers of ISO/IEC 18004 (QR Code model 2) that the
/// encoder needs: symbol sizes, codeword counts, error-correction block
/// structure, alignment pattern positions, format and version information,
/// GF(256) arithmetic.
///
/// Freestanding: only \<cstddef\>/\<cstdint\>; everything is constexpr and every
/// table is constant-initialised (no dynamic initialisation, no guards).
#pragma once

#include <cstddef>
#include <cstdint>

namespace kcxx::qr {

/// Error-correction level. The numeric values index the tables below; they
/// are NOT the two bits written into the format information.
enum class Ecc : std::uint8_t { L = 0, M = 1, Q = 2, H = 3 };

/// Mode indicators (4 bits) of the segment modes this encoder writes.
enum class Mode : std::uint8_t { numeric = 0x1, alphanumeric = 0x2, byte = 0x4 };

namespace spec {

/// The smallest QR version.
inline constexpr unsigned kMinVersion = 1;
/// The largest QR version.
inline constexpr unsigned kMaxVersion = 40;
/// The width of a version-40 symbol, in modules (4 * 40 + 17).
inline constexpr unsigned kMaxWidth = 177;    // 4 * 40 + 17
/// The most alignment pattern positions per axis (versions 35-40).
inline constexpr unsigned kMaxAlignments = 7; // per axis, version 35-40
/// The most error-correction codewords per block (any version and level).
inline constexpr unsigned kMaxEccPerBlock = 30;

/// Width (= height) in modules of a symbol of version `v` (1-40).
constexpr unsigned width(unsigned v)
{
	return 4 * v + 17;
}

/// ISO/IEC 18004:2015 table 9: error-correction codewords per block, and
/// number of blocks, indexed [ecc][version] (index 0 unused).
inline constexpr std::uint8_t kEccPerBlock[4][41] = {
	{0,  7,	 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
	 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0,  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
	 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
	{0,  13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
	 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0,  17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
	 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
};
/// Error-correction blocks per symbol, indexed [ecc][version] (table 9;
/// index 0 unused).
inline constexpr std::uint8_t kNumBlocks[4][41] = {
	{0, 1, 1, 1,  1,  1,  2,  2,  2,  2,  4,  4,  4,  4,  4,  6,  6,  6,  6,  7, 8,
	 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
	{0,  1,	 1,  1,	 2,  2,	 4,  4,	 4,  5,	 5,  5,	 8,  9,	 9,  10, 10, 11, 13, 14, 16,
	 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
	{0,  1,	 1,  2,	 2,  4,	 4,  6,	 6,  8,	 8,  8,	 10, 12, 16, 12, 17, 16, 18, 21, 20,
	 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
	{0,  1,	 1,  2,	 4,  4,	 4,  5,	 6,  8,	 8,  11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
	 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
};

/// Number of alignment patterns per axis (0 for version 1).
constexpr unsigned alignment_count(unsigned v)
{
	return v < 2 ? 0 : v / 7 + 2;
}

/// Modules available for data + ECC codewords + remainder bits.
constexpr unsigned raw_data_modules(unsigned v)
{
	unsigned n = (16 * v + 128) * v + 64;
	if (v >= 2) {
		const unsigned a = alignment_count(v);
		n -= (25 * a - 10) * a - 55;
		if (v >= 7)
			n -= 36;
	}
	return n;
}

/// Total codewords (data + ECC) of a version; 3706 for version 40.
constexpr unsigned total_codewords(unsigned v)
{
	return raw_data_modules(v) / 8;
}
/// Remainder bits after the last codeword (0, 3, 4 or 7).
constexpr unsigned remainder_bits(unsigned v)
{
	return raw_data_modules(v) % 8;
}

/// Error-correction codewords per block for version v and level e.
constexpr unsigned ecc_per_block(unsigned v, Ecc e)
{
	return kEccPerBlock[static_cast<unsigned>(e)][v];
}
/// Error-correction blocks for version v and level e.
constexpr unsigned num_blocks(unsigned v, Ecc e)
{
	return kNumBlocks[static_cast<unsigned>(e)][v];
}
/// Data codewords of a version at an error-correction level.
constexpr unsigned data_codewords(unsigned v, Ecc e)
{
	return total_codewords(v) - ecc_per_block(v, e) * num_blocks(v, e);
}
/// Data capacity in bits (mode/count headers + payload + terminator).
constexpr unsigned data_bits(unsigned v, Ecc e)
{
	return data_codewords(v, e) * 8;
}

/// Width of the character-count indicator of `m` in version `v`.
constexpr unsigned char_count_bits(Mode m, unsigned v)
{
	const unsigned g = v <= 9 ? 0 : (v <= 26 ? 1 : 2);
	switch (m) {
	case Mode::numeric:
		return 10 + 2 * g;
	case Mode::alphanumeric:
		return 9 + 2 * g;
	case Mode::byte:
		return g == 0 ? 8 : 16;
	}
	return 16;
}

/// Alignment pattern centre coordinates (same list for x and y). Writes
/// alignment_count(v) entries to `out` (room for kMaxAlignments) and
/// returns the count.
constexpr unsigned alignment_positions(unsigned v, std::uint8_t *out)
{
	const unsigned n = alignment_count(v);
	if (n == 0)
		return 0;
	const unsigned step = (v == 32) ? 26 : (v * 4 + n * 2 + 1) / (n * 2 - 2) * 2;
	out[0] = 6;
	unsigned pos = width(v) - 7;
	for (unsigned i = n - 1; i >= 1; --i, pos -= step)
		out[i] = static_cast<std::uint8_t>(pos);
	return n;
}

/// The two format-information bits of an ECC level (L=01, M=00, Q=11, H=10).
constexpr unsigned ecc_format_bits(Ecc e)
{
	constexpr std::uint8_t bits[4] = {1, 0, 3, 2};
	return bits[static_cast<unsigned>(e)];
}

/// 15-bit format information (BCH(15,5), masked with 0x5412).
constexpr std::uint16_t format_bits(Ecc e, unsigned mask)
{
	const unsigned data = (ecc_format_bits(e) << 3) | (mask & 7);
	unsigned rem = data;
	for (int i = 0; i < 10; ++i)
		rem = (rem << 1) ^ ((rem >> 9) * 0x537);
	return static_cast<std::uint16_t>(((data << 10) | (rem & 0x3FF)) ^ 0x5412);
}

/// 18-bit version information (BCH(18,6)); only for versions 7-40.
constexpr std::uint32_t version_bits(unsigned v)
{
	std::uint32_t rem = v;
	for (int i = 0; i < 12; ++i)
		rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
	return (static_cast<std::uint32_t>(v) << 12) | (rem & 0xFFF);
}

/// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D).
struct GfTables {
	/// exp[i] = alpha^i, doubled so that a sum of two logs needs no modulo.
	std::uint8_t exp[512];
	/// log[x] for x != 0 (log[0] unused).
	std::uint8_t log[256];
};

/// Computes the tables at compile time.
constexpr GfTables make_gf_tables()
{
	GfTables t{};
	unsigned x = 1;
	for (unsigned i = 0; i < 255; ++i) {
		t.exp[i] = static_cast<std::uint8_t>(x);
		t.log[x] = static_cast<std::uint8_t>(i);
		x <<= 1;
		if (x & 0x100)
			x ^= 0x11D;
	}
	for (unsigned i = 255; i < 512; ++i)
		t.exp[i] = t.exp[i - 255];
	return t;
}

/// The GF(256) tables, constant-initialised.
inline constexpr GfTables kGf = make_gf_tables();

/// The product of a and b in GF(256).
constexpr std::uint8_t gf_mul(std::uint8_t a, std::uint8_t b)
{
	if (a == 0 || b == 0)
		return 0;
	return kGf.exp[kGf.log[a] + kGf.log[b]];
}

// Self-checks against well-known values.
static_assert(width(40) == kMaxWidth);
static_assert(total_codewords(1) == 26 && total_codewords(40) == 3706);
static_assert(data_codewords(1, Ecc::L) == 19 && data_codewords(1, Ecc::H) == 9);
static_assert(data_codewords(40, Ecc::L) == 2956 && data_codewords(40, Ecc::H) == 1276);
static_assert(format_bits(Ecc::L, 0) == 0x77C4 && format_bits(Ecc::L, 7) == 0x6976);
static_assert(format_bits(Ecc::M, 0) == 0x5412);
static_assert(version_bits(7) == 0x07C94 && version_bits(40) == 0x28C69);
static_assert(remainder_bits(2) == 7 && remainder_bits(14) == 3 && remainder_bits(21) == 4);

} // namespace spec
} // namespace kcxx::qr
