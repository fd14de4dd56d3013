// kcxx::qr unit tests: no external tools needed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "qr_test_util.h"

using namespace kcxx::qr;
using namespace qrtest;

namespace {

constexpr Ecc kAllEcc[4] = {Ecc::L, Ecc::M, Ecc::Q, Ecc::H};

struct Buffers {
	std::vector<std::uint8_t> image = std::vector<std::uint8_t>(kImageBytes);
	std::vector<std::uint8_t> scratch = std::vector<std::uint8_t>(kScratchBytes);
	Buffer img() { return Buffer(image.data(), image.size()); }
	Buffer scr() { return Buffer(scratch.data(), scratch.size()); }
};

std::vector<std::vector<bool>> grid(const Code &c)
{
	std::vector<std::vector<bool>> g(c.width(), std::vector<bool>(c.width()));
	for (unsigned y = 0; y < c.width(); ++y)
		for (unsigned x = 0; x < c.width(); ++x)
			g[y][x] = c.module(x, y);
	return g;
}

} // namespace

// --- ISO/IEC 18004 numbers -------------------------------------------------

TEST(QrSpec, AlignmentPositionsMatchStandardTable)
{
	// ISO/IEC 18004:2015 Annex E, table E.1.
	const std::vector<std::vector<int>> table = {
		{},
		{6, 18},
		{6, 22},
		{6, 26},
		{6, 30},
		{6, 34},
		{6, 22, 38},
		{6, 24, 42},
		{6, 26, 46},
		{6, 28, 50},
		{6, 30, 54},
		{6, 32, 58},
		{6, 34, 62},
		{6, 26, 46, 66},
		{6, 26, 48, 70},
		{6, 26, 50, 74},
		{6, 30, 54, 78},
		{6, 30, 56, 82},
		{6, 30, 58, 86},
		{6, 34, 62, 90},
		{6, 28, 50, 72, 94},
		{6, 26, 50, 74, 98},
		{6, 30, 54, 78, 102},
		{6, 28, 54, 80, 106},
		{6, 32, 58, 84, 110},
		{6, 30, 58, 86, 114},
		{6, 34, 62, 90, 118},
		{6, 26, 50, 74, 98, 122},
		{6, 30, 54, 78, 102, 126},
		{6, 26, 52, 78, 104, 130},
		{6, 30, 56, 82, 108, 134},
		{6, 34, 60, 86, 112, 138},
		{6, 30, 58, 86, 114, 142},
		{6, 34, 62, 90, 118, 146},
		{6, 30, 54, 78, 102, 126, 150},
		{6, 24, 50, 76, 102, 128, 154},
		{6, 28, 54, 80, 106, 132, 158},
		{6, 32, 58, 84, 110, 136, 162},
		{6, 26, 54, 82, 110, 138, 166},
		{6, 30, 58, 86, 114, 142, 170},
	};
	for (unsigned v = 1; v <= 40; ++v) {
		std::uint8_t pos[spec::kMaxAlignments] = {};
		const unsigned n = spec::alignment_positions(v, pos);
		ASSERT_EQ(n, table[v - 1].size()) << "version " << v;
		for (unsigned i = 0; i < n; ++i)
			EXPECT_EQ(pos[i], table[v - 1][i]) << "version " << v;
	}
}

TEST(QrSpec, FormatInformation)
{
	// Level L, masks 0-7 (ISO/IEC 18004 Annex C, table C.1).
	const std::uint16_t l[8] = {0x77C4, 0x72F3, 0x7DAA, 0x789D, 0x662F, 0x6318, 0x6C41, 0x6976};
	for (unsigned m = 0; m < 8; ++m)
		EXPECT_EQ(spec::format_bits(Ecc::L, m), l[m]);
	EXPECT_EQ(spec::format_bits(Ecc::H, 0), 0x1689);
	EXPECT_EQ(spec::format_bits(Ecc::Q, 7), 0x2BED);
	// BCH(15,5): any two of the 32 codes differ in at least 7 bits.
	std::vector<unsigned> codes;
	for (Ecc e : kAllEcc)
		for (unsigned m = 0; m < 8; ++m)
			codes.push_back(spec::format_bits(e, m));
	for (size_t i = 0; i < codes.size(); ++i)
		for (size_t j = i + 1; j < codes.size(); ++j)
			EXPECT_GE(__builtin_popcount(codes[i] ^ codes[j]), 7);
}

TEST(QrSpec, VersionInformation)
{
	EXPECT_EQ(spec::version_bits(7), 0x07C94u);
	EXPECT_EQ(spec::version_bits(8), 0x085BCu);
	EXPECT_EQ(spec::version_bits(21), 0x15683u);
	EXPECT_EQ(spec::version_bits(40), 0x28C69u);
	for (unsigned a = 7; a <= 40; ++a) {
		EXPECT_EQ(spec::version_bits(a) >> 12, a);
		for (unsigned b = a + 1; b <= 40; ++b)
			EXPECT_GE(__builtin_popcount(spec::version_bits(a) ^ spec::version_bits(b)),
				  8);
	}
}

TEST(QrSpec, CodewordCounts)
{
	// ISO/IEC 18004 tables 1 and 7.
	EXPECT_EQ(spec::total_codewords(1), 26u);
	EXPECT_EQ(spec::total_codewords(2), 44u);
	EXPECT_EQ(spec::total_codewords(7), 196u);
	EXPECT_EQ(spec::total_codewords(14), 581u);
	EXPECT_EQ(spec::total_codewords(21), 1156u);
	EXPECT_EQ(spec::total_codewords(40), 3706u);
	const unsigned expect[][5] = {
		{1, 19, 16, 13, 9},	      {2, 34, 28, 22, 16},	{5, 108, 86, 62, 46},
		{10, 274, 216, 154, 122},     {20, 861, 669, 485, 385}, {27, 1468, 1128, 808, 628},
		{40, 2956, 2334, 1666, 1276},
	};
	for (const auto &row : expect)
		for (unsigned e = 0; e < 4; ++e)
			EXPECT_EQ(spec::data_codewords(row[0], kAllEcc[e]), row[e + 1])
				<< "v" << row[0] << " e" << e;
	for (unsigned v = 1; v <= 40; ++v)
		for (Ecc e : kAllEcc) {
			const detail::Blocks bl(v, e);
			unsigned data = 0;
			for (unsigned b = 0; b < bl.nblocks; ++b)
				data += bl.data_len(b);
			EXPECT_EQ(data, bl.data_total);
			EXPECT_EQ(bl.data_total + bl.nblocks * bl.ecc, bl.total);
			EXPECT_LE(scratch_bytes(v), kScratchBytes);
			EXPECT_LE(image_bytes(v, Layout::packed), kImageBytesPacked);
			EXPECT_LE(image_bytes(v, Layout::row_padded), kImageBytesRowPadded);
		}
	EXPECT_EQ(kImageBytesPacked, 3917u);
	EXPECT_EQ(kImageBytesRowPadded, 4071u);
	EXPECT_EQ(kScratchBytes, 3706u);
}

TEST(QrSpec, CapacityTableSamples)
{
	// ISO/IEC 18004 table 7 (numeric / alphanumeric / byte).
	EXPECT_EQ(max_chars(1, Ecc::L, Mode::numeric), 41u);
	EXPECT_EQ(max_chars(1, Ecc::L, Mode::alphanumeric), 25u);
	EXPECT_EQ(max_chars(1, Ecc::L, Mode::byte), 17u);
	EXPECT_EQ(max_chars(1, Ecc::H, Mode::byte), 7u);
	EXPECT_EQ(max_chars(40, Ecc::L, Mode::numeric), 7089u);
	EXPECT_EQ(max_chars(40, Ecc::L, Mode::alphanumeric), 4296u);
	EXPECT_EQ(max_chars(40, Ecc::L, Mode::byte), 2953u);
	EXPECT_EQ(max_chars(40, Ecc::H, Mode::numeric), 3057u);
	EXPECT_EQ(max_chars(26, Ecc::L, Mode::numeric), 3283u);
}

TEST(QrSpec, GaloisField)
{
	for (unsigned a = 1; a < 256; ++a) {
		EXPECT_EQ(spec::kGf.exp[spec::kGf.log[a]], a);
		EXPECT_EQ(spec::gf_mul(static_cast<std::uint8_t>(a), 1), a);
	}
	EXPECT_EQ(spec::gf_mul(2, 128), 0x1D);
}

// --- Reed-Solomon ------------------------------------------------------------

TEST(QrEcc, StandardExample01234567)
{
	// ISO/IEC 18004 Annex I: "01234567", version 1-M.
	Buffers b;
	const Segment s[] = {Segment::numeric("01234567", 8)};
	Options o;
	o.ecc = Ecc::M;
	auto r = encode(s, b.img(), b.scr(), o);
	ASSERT_TRUE(r);
	ASSERT_EQ(r.code.version(), 1u);
	const std::uint8_t want[26] = {0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC,
				       0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xA5, 0x24,
				       0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55};
	EXPECT_EQ(std::vector<std::uint8_t>(b.scratch.begin(), b.scratch.begin() + 26),
		  std::vector<std::uint8_t>(want, want + 26));
}

TEST(QrEcc, HelloWorld1M)
{
	Buffers b;
	const Segment s[] = {Segment::alphanumeric("HELLO WORLD", 11)};
	Options o;
	o.ecc = Ecc::M;
	auto r = encode(s, b.img(), b.scr(), o);
	ASSERT_TRUE(r);
	const std::uint8_t want[26] = {0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43,
				       0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xC4, 0x23,
				       0x27, 0x77, 0xEB, 0xD7, 0xE7, 0xE2, 0x5D, 0x17};
	EXPECT_EQ(std::vector<std::uint8_t>(b.scratch.begin(), b.scratch.begin() + 26),
		  std::vector<std::uint8_t>(want, want + 26));
}

TEST(QrEcc, EveryBlockIsAReedSolomonCodeword)
{
	std::mt19937 rng(1);
	Buffers b;
	for (unsigned v = 1; v <= 40; ++v)
		for (Ecc e : kAllEcc) {
			const auto data = random_bytes(rng, max_chars(v, e, Mode::byte));
			const Segment s[] = {Segment::bytes(Bytes(data.data(), data.size()))};
			Options o;
			o.ecc = e;
			auto r = encode(s, b.img(), b.scr(), o);
			ASSERT_TRUE(r);
			ASSERT_EQ(r.code.version(), v);
			const detail::Blocks bl(v, e);
			for (unsigned blk = 0; blk < bl.nblocks; ++blk) {
				// Codeword polynomial: data bytes then ECC bytes, highest degree first.
				std::vector<std::uint8_t> c(b.scratch.begin() + bl.data_start(blk),
							    b.scratch.begin() + bl.data_start(blk) +
								    bl.data_len(blk));
				c.insert(c.end(), b.scratch.begin() + bl.data_total + blk * bl.ecc,
					 b.scratch.begin() + bl.data_total + (blk + 1) * bl.ecc);
				for (unsigned i = 0; i < bl.ecc; ++i) {
					const std::uint8_t alpha = spec::kGf.exp[i];
					std::uint8_t acc = 0;
					for (std::uint8_t cw : c)
						acc = spec::gf_mul(acc, alpha) ^ cw;
					ASSERT_EQ(acc, 0) << "v" << v << " " << ecc_name(e)
							  << " block " << blk << " S" << i;
				}
			}
		}
}

// --- Mask penalty ------------------------------------------------------------

namespace {

// Straightforward re-statement of ISO/IEC 18004 7.8.3 on a bool grid
// (outside the symbol counts as light), for comparison.
unsigned reference_penalty(const std::vector<std::vector<bool>> &g)
{
	const int n = static_cast<int>(g.size());
	unsigned score = 0;
	for (int pass = 0; pass < 2; ++pass)
		for (int a = 0; a < n; ++a) {
			std::vector<bool> line(n);
			for (int b = 0; b < n; ++b)
				line[b] = pass == 0 ? g[a][b] : g[b][a];
			// N1: runs of >= 5 same-colour modules: 3 + (len - 5).
			{
				bool colour = line[0];
				int len = 0;
				for (int b = 0; b < n; ++b) {
					if (line[b] == colour)
						++len;
					else {
						if (len >= 5)
							score += 3 + (len - 5);
						colour = line[b];
						len = 1;
					}
				}
				if (len >= 5)
					score += 3 + (len - 5);
			}
			// Runs (dark, length) with a light border of n modules on each side.
			std::vector<std::pair<bool, int>> runs{{false, n}};
			for (int b = 0; b < n; ++b) {
				if (runs.back().first == line[b])
					++runs.back().second;
				else
					runs.push_back({line[b], 1});
			}
			if (runs.back().first)
				runs.push_back({false, n});
			else
				runs.back().second += n;
			// N3: dark-light-dark-light-dark runs in ratio 1:1:3:1:1 with a light
			// run of >= 4 units before or after (counted once per side).
			for (size_t i = 1; i + 5 < runs.size(); ++i) {
				if (!runs[i].first)
					continue;
				const int u = runs[i].second;
				if (runs[i + 1].second == u && runs[i + 2].second == 3 * u &&
				    runs[i + 3].second == u && runs[i + 4].second == u) {
					const int before = runs[i - 1].second,
						  after = runs[i + 5].second;
					if (before >= 4 * u && after >= u)
						score += 40;
					if (after >= 4 * u && before >= u)
						score += 40;
				}
			}
		}
	for (int y = 0; y + 1 < n; ++y)
		for (int x = 0; x + 1 < n; ++x)
			if (g[y][x] == g[y][x + 1] && g[y][x] == g[y + 1][x] &&
			    g[y][x] == g[y + 1][x + 1])
				score += 3;
	int dark = 0;
	for (const auto &row : g)
		dark += static_cast<int>(std::count(row.begin(), row.end(), true));
	const int total = n * n;
	// 10 points for every full 5% step away from 50% (ratio strictly above k*5%).
	int k = 0;
	while (std::abs(dark * 100 - total * 50) > (k + 1) * 5 * total)
		++k;
	return score + static_cast<unsigned>(k) * 10;
}

Code synthetic(std::vector<std::uint8_t> &buf, unsigned version,
	       const std::vector<std::vector<bool>> &g)
{
	const unsigned w = spec::width(version);
	buf.assign(image_bytes(version, Layout::packed), 0);
	for (unsigned y = 0; y < w; ++y)
		for (unsigned x = 0; x < w; ++x)
			if (g[y][x])
				buf[(y * w + x) / 8] |=
					static_cast<std::uint8_t>(0x80 >> ((y * w + x) % 8));
	return CodeAccess::make(buf.data(), version, 0, Ecc::L, Layout::packed,
				Polarity::dark_is_one);
}

} // namespace

TEST(QrPenalty, HandComputedPatterns)
{
	std::vector<std::uint8_t> buf;
	std::vector<std::vector<bool>> g(21, std::vector<bool>(21, false));
	// All light: N1 21 rows+21 cols * (3 + 16), N2 400 * 3, N4 k = 9.
	EXPECT_EQ(penalty_score(synthetic(buf, 1, g)), 42u * 19 + 1200 + 90);
	// Checkerboard: nothing but N4 (221 of 441 dark: k = 0).
	for (int y = 0; y < 21; ++y)
		for (int x = 0; x < 21; ++x)
			g[y][x] = (x + y) % 2 == 0;
	EXPECT_EQ(penalty_score(synthetic(buf, 1, g)), 0u);
	// A checkerboard with one finder-like row segment: compare with reference.
	for (int x = 0; x < 21; ++x)
		g[10][x] = false;
	const bool pat[7] = {true, false, true, true, true, false, true};
	for (int i = 0; i < 7; ++i)
		g[10][7 + i] = pat[i];
	EXPECT_EQ(penalty_score(synthetic(buf, 1, g)), reference_penalty(g));
}

TEST(QrPenalty, MatchesReferenceOnRealSymbolsForAllMasks)
{
	std::mt19937 rng(2);
	Buffers b;
	for (unsigned v : {1u, 2u, 5u, 7u, 10u, 14u, 22u, 33u, 40u})
		for (unsigned m = 0; m < 8; ++m) {
			const auto data = random_bytes(rng, max_chars(v, Ecc::M, Mode::byte));
			const Segment s[] = {Segment::bytes(Bytes(data.data(), data.size()))};
			Options o;
			o.ecc = Ecc::M;
			o.mask = static_cast<std::uint8_t>(m);
			auto r = encode(s, b.img(), b.scr(), o);
			ASSERT_TRUE(r);
			EXPECT_EQ(penalty_score(r.code), reference_penalty(grid(r.code)))
				<< "v" << v << " m" << m;
		}
}

TEST(QrPenalty, AutoMaskHasTheLowestScore)
{
	std::mt19937 rng(3);
	Buffers b;
	for (int iter = 0; iter < 40; ++iter) {
		const unsigned v = 1 + rng() % 40;
		const Ecc e = kAllEcc[rng() % 4];
		const auto data = random_bytes(rng, 1 + rng() % max_chars(v, e, Mode::byte));
		const Segment s[] = {Segment::bytes(Bytes(data.data(), data.size()))};
		Options o;
		o.ecc = e;
		unsigned scores[8];
		for (unsigned m = 0; m < 8; ++m) {
			o.mask = static_cast<std::uint8_t>(m);
			auto r = encode(s, b.img(), b.scr(), o);
			ASSERT_TRUE(r);
			scores[m] = penalty_score(r.code);
		}
		o.mask = kAutoMask;
		auto r = encode(s, b.img(), b.scr(), o);
		ASSERT_TRUE(r);
		const unsigned best =
			static_cast<unsigned>(std::min_element(scores, scores + 8) - scores);
		EXPECT_EQ(r.code.mask(), best);
		EXPECT_EQ(penalty_score(r.code), scores[best]);
	}
}

// --- Symbol structure --------------------------------------------------------

TEST(QrSymbol, FunctionPatternsAndFormatInfo)
{
	Buffers b;
	for (unsigned v : {1u, 6u, 7u, 23u, 40u}) {
		std::string text(max_chars(v, Ecc::Q, Mode::alphanumeric), 'A');
		const Segment s[] = {Segment::alphanumeric(text.data(), text.size())};
		Options o;
		o.ecc = Ecc::Q;
		auto r = encode(s, b.img(), b.scr(), o);
		ASSERT_TRUE(r);
		const Code &c = r.code;
		ASSERT_EQ(c.version(), v);
		const unsigned w = c.width();
		ASSERT_EQ(w, 4 * v + 17);
		// Finder centres, separators, timing, dark module.
		for (auto [cx, cy] : {std::pair{3u, 3u}, {w - 4, 3u}, {3u, w - 4}}) {
			EXPECT_TRUE(c.module(cx, cy));
			EXPECT_FALSE(c.module(cx + 2, cy));
			EXPECT_TRUE(c.module(cx + 3, cy));
		}
		EXPECT_FALSE(c.module(7, 7));
		for (unsigned i = 8; i < w - 8; ++i) {
			EXPECT_EQ(c.module(i, 6), i % 2 == 0);
			EXPECT_EQ(c.module(6, i), i % 2 == 0);
		}
		EXPECT_TRUE(c.module(8, w - 8));
		// Both copies of the format information read back the same.
		unsigned f1 = 0, f2 = 0;
		for (unsigned i = 0; i < 6; ++i)
			f1 |= unsigned{c.module(8, i)} << i;
		f1 |= unsigned{c.module(8, 7)} << 6 | unsigned{c.module(8, 8)} << 7 |
		      unsigned{c.module(7, 8)} << 8;
		for (unsigned i = 9; i < 15; ++i)
			f1 |= unsigned{c.module(14 - i, 8)} << i;
		for (unsigned i = 0; i < 8; ++i)
			f2 |= unsigned{c.module(w - 1 - i, 8)} << i;
		for (unsigned i = 8; i < 15; ++i)
			f2 |= unsigned{c.module(8, w - 15 + i)} << i;
		EXPECT_EQ(f1, spec::format_bits(Ecc::Q, c.mask()));
		EXPECT_EQ(f2, f1);
		if (v >= 7) {
			unsigned v1 = 0, v2 = 0;
			for (unsigned i = 0; i < 18; ++i) {
				v1 |= unsigned{c.module(w - 11 + i % 3, i / 3)} << i;
				v2 |= unsigned{c.module(i / 3, w - 11 + i % 3)} << i;
			}
			EXPECT_EQ(v1, spec::version_bits(v));
			EXPECT_EQ(v2, v1);
		}
		EXPECT_FALSE(c.module(w, 0));
		EXPECT_FALSE(c.module(0, w));
	}
}

TEST(QrSymbol, LayoutsAndPolaritiesDescribeTheSameSymbol)
{
	std::mt19937 rng(4);
	for (unsigned v : {1u, 3u, 8u, 31u, 40u}) {
		const auto data = random_bytes(rng, max_chars(v, Ecc::L, Mode::byte));
		const Segment s[] = {Segment::bytes(Bytes(data.data(), data.size()))};
		std::vector<std::vector<bool>> ref;
		for (Layout l : {Layout::packed, Layout::row_padded})
			for (Polarity p : {Polarity::dark_is_one, Polarity::light_is_one}) {
				Buffers b;
				std::fill(b.image.begin(), b.image.end(),
					  0xA5); // garbage must be overwritten
				Options o;
				o.layout = l;
				o.polarity = p;
				o.mask = 3;
				auto r = encode(s, b.img(), b.scr(), o);
				ASSERT_TRUE(r);
				const Code &c = r.code;
				EXPECT_EQ(c.size_bytes(), image_bytes(v, l));
				const unsigned w = c.width();
				if (ref.empty())
					ref = grid(c);
				EXPECT_EQ(grid(c), ref);
				// Raw bits follow the documented layout; unused bits are 0.
				std::vector<bool> used(c.size_bytes() * 8, false);
				for (unsigned y = 0; y < w; ++y)
					for (unsigned x = 0; x < w; ++x) {
						const size_t bit =
							l == Layout::packed
								? size_t{y} * w + x
								: y * ((w + 7) / 8) * 8 + x;
						used[bit] = true;
						const bool one =
							(b.image[bit / 8] >> (7 - bit % 8)) & 1;
						ASSERT_EQ(one,
							  ref[y][x] !=
								  (p == Polarity::light_is_one));
					}
				for (size_t bit = 0; bit < used.size(); ++bit) {
					if (!used[bit]) {
						ASSERT_FALSE((b.image[bit / 8] >> (7 - bit % 8)) &
							     1)
							<< bit;
					}
				}
				// Nothing written past the symbol.
				if (c.size_bytes() < b.image.size()) {
					EXPECT_EQ(b.image[c.size_bytes()], 0xA5);
				}
			}
	}
}

// --- Options, version choice, errors -----------------------------------------

TEST(QrEncode, SmallestVersionThatFits)
{
	Buffers b;
	for (Ecc e : kAllEcc)
		for (Mode m : {Mode::numeric, Mode::alphanumeric, Mode::byte})
			for (unsigned v = 1; v <= 40; ++v) {
				const size_t n = max_chars(v, e, m);
				std::string text(n + 1, m == Mode::byte ? 'a' : '7');
				Segment s = m == Mode::numeric ? Segment::numeric(text.data(), n)
					    : m == Mode::alphanumeric
						    ? Segment::alphanumeric(text.data(), n)
						    : Segment::bytes(text.data(), n);
				Options o;
				o.ecc = e;
				o.mask = 0;
				auto r = encode(&s, 1, b.img(), b.scr(), o);
				ASSERT_TRUE(r);
				EXPECT_EQ(r.code.version(), v);
				// One more character needs the next version, or fails at 40.
				s = m == Mode::numeric ? Segment::numeric(text.data(), n + 1)
				    : m == Mode::alphanumeric
					    ? Segment::alphanumeric(text.data(), n + 1)
					    : Segment::bytes(text.data(), n + 1);
				auto r2 = encode(&s, 1, b.img(), b.scr(), o);
				if (v == 40) {
					EXPECT_EQ(r2.error, Error::data_too_long);
				} else {
					ASSERT_TRUE(r2);
					EXPECT_EQ(r2.code.version(), v + 1);
				}
				o.max_version = static_cast<std::uint8_t>(v);
				EXPECT_EQ(encode(&s, 1, b.img(), b.scr(), o).error,
					  Error::data_too_long);
			}
}

TEST(QrEncode, MinVersionAndBoost)
{
	Buffers b;
	const Segment s[] = {Segment::bytes("hi", 2)};
	Options o;
	o.min_version = 12;
	auto r = encode(s, b.img(), b.scr(), o);
	ASSERT_TRUE(r);
	EXPECT_EQ(r.code.version(), 12u);
	EXPECT_EQ(r.code.ecc(), Ecc::L);
	o.boost_ecc = true;
	r = encode(s, b.img(), b.scr(), o);
	ASSERT_TRUE(r);
	EXPECT_EQ(r.code.ecc(), Ecc::H);
	EXPECT_EQ(r.code.version(), 12u);
	// Boost never grows the symbol: 17 bytes is V1-L only.
	const Segment full[] = {Segment::bytes("0123456789abcdefg", 17)};
	Options o2;
	o2.boost_ecc = true;
	r = encode(full, b.img(), b.scr(), o2);
	ASSERT_TRUE(r);
	EXPECT_EQ(r.code.version(), 1u);
	EXPECT_EQ(r.code.ecc(), Ecc::L);
	// 14 bytes fits V1-M (14) but not V1-Q (11).
	const Segment mid[] = {Segment::bytes("0123456789abcd", 14)};
	r = encode(mid, b.img(), b.scr(), o2);
	ASSERT_TRUE(r);
	EXPECT_EQ(r.code.ecc(), Ecc::M);
}

TEST(QrEncode, EmptyPayload)
{
	Buffers b;
	auto r = encode(nullptr, 0, b.img(), b.scr());
	ASSERT_TRUE(r);
	EXPECT_EQ(r.code.version(), 1u);
	const Segment s[] = {Segment::bytes(nullptr, 0), Segment::numeric("", 0)};
	r = encode(s, b.img(), b.scr());
	ASSERT_TRUE(r);
	EXPECT_EQ(r.code.version(), 1u);
}

TEST(QrEncode, InvalidCharacters)
{
	Buffers b;
	{
		const Segment s[] = {Segment::bytes("ok", 2), Segment::numeric("12a4", 4)};
		auto r = encode(s, b.img(), b.scr());
		EXPECT_EQ(r.error, Error::invalid_character);
		EXPECT_EQ(r.segment, 1u);
		EXPECT_EQ(r.offset, 2u);
	}
	{
		const Segment s[] = {Segment::alphanumeric("HELLO world", 11)};
		auto r = encode(s, b.img(), b.scr());
		EXPECT_EQ(r.error, Error::invalid_character);
		EXPECT_EQ(r.segment, 0u);
		EXPECT_EQ(r.offset, 6u);
	}
	for (int c = 0; c < 256; ++c) {
		const char ch = static_cast<char>(c);
		const bool digit = c >= '0' && c <= '9';
		const bool alnum = kAlnum.find(ch) != std::string::npos;
		const Segment n[] = {Segment::numeric(&ch, 1)};
		const Segment a[] = {Segment::alphanumeric(&ch, 1)};
		EXPECT_EQ(encode(n, b.img(), b.scr()).error,
			  digit ? Error::none : Error::invalid_character)
			<< c;
		EXPECT_EQ(encode(a, b.img(), b.scr()).error,
			  alnum ? Error::none : Error::invalid_character)
			<< c;
	}
}

TEST(QrEncode, BufferSizes)
{
	std::vector<std::uint8_t> data(500, 'x');
	const Segment s[] = {Segment::bytes(data.data(), data.size())};
	Options o;
	o.ecc = Ecc::M;
	for (Layout l : {Layout::packed, Layout::row_padded}) {
		o.layout = l;
		Buffers probe;
		auto r = encode(s, probe.img(), probe.scr(), o);
		ASSERT_TRUE(r);
		const unsigned v = r.code.version();
		std::vector<std::uint8_t> img(image_bytes(v, l)), scr(scratch_bytes(v));
		EXPECT_TRUE(encode(s, Buffer(img.data(), img.size()),
				   Buffer(scr.data(), scr.size()), o));
		EXPECT_EQ(encode(s, Buffer(img.data(), img.size() - 1),
				 Buffer(scr.data(), scr.size()), o)
				  .error,
			  Error::image_buffer_too_small);
		EXPECT_EQ(encode(s, Buffer(img.data(), img.size()),
				 Buffer(scr.data(), scr.size() - 1), o)
				  .error,
			  Error::scratch_buffer_too_small);
	}
}

TEST(QrEncode, InvalidArguments)
{
	Buffers b;
	const Segment s[] = {Segment::bytes("x", 1)};
	auto bad = [&](auto f) {
		Options o;
		f(o);
		return encode(s, b.img(), b.scr(), o).error;
	};
	EXPECT_EQ(bad([](Options &o) { o.min_version = 0; }), Error::invalid_argument);
	EXPECT_EQ(bad([](Options &o) { o.max_version = 41; }), Error::invalid_argument);
	EXPECT_EQ(bad([](Options &o) { o.min_version = 5, o.max_version = 4; }),
		  Error::invalid_argument);
	EXPECT_EQ(bad([](Options &o) { o.mask = 8; }), Error::invalid_argument);
	EXPECT_EQ(bad([](Options &o) { o.ecc = static_cast<Ecc>(4); }), Error::invalid_argument);
	EXPECT_EQ(encode(s, Buffer(nullptr, 100), b.scr()).error, Error::invalid_argument);
	EXPECT_EQ(encode(s, b.img(), Buffer(nullptr, 100)).error, Error::invalid_argument);
	EXPECT_EQ(encode(nullptr, 1, b.img(), b.scr()).error, Error::invalid_argument);
	const Segment null_data[] = {Segment::bytes(nullptr, 3)};
	EXPECT_EQ(encode(null_data, b.img(), b.scr()).error, Error::invalid_argument);
	// Overlaps: image/scratch, and input inside scratch.
	std::vector<std::uint8_t> one(kImageBytes + kScratchBytes);
	EXPECT_EQ(encode(s, Buffer(one.data(), kImageBytes + 1),
			 Buffer(one.data() + kImageBytes, kScratchBytes))
			  .error,
		  Error::invalid_argument);
	EXPECT_TRUE(encode(s, Buffer(one.data(), kImageBytes),
			   Buffer(one.data() + kImageBytes, kScratchBytes)));
	const Segment in_scratch[] = {Segment::bytes(b.scratch.data() + 10, 5)};
	EXPECT_EQ(encode(in_scratch, b.img(), b.scr()).error, Error::invalid_argument);
	// Absurd lengths are "too long", never an overflow.
	// (The input sits after the scratch buffer so that it does not overlap it.)
	std::vector<std::uint8_t> after(kScratchBytes + 16);
	const Buffer scr_first(after.data(), kScratchBytes);
	const Segment huge[] = {
		Segment::bytes(after.data() + kScratchBytes + 8, ~std::size_t{0} / 2)};
	EXPECT_EQ(encode(huge, b.img(), scr_first).error, Error::data_too_long);
	const Segment huge_packed[] = {
		Segment::packed(Bytes(after.data() + kScratchBytes + 8, 1u << 30), Packing::fido)};
	EXPECT_EQ(encode(huge_packed, b.img(), scr_first).error, Error::data_too_long);
	const Bytes parts[3] = {Bytes(after.data() + kScratchBytes + 8, 4000),
				Bytes(after.data() + kScratchBytes + 8, 4000),
				Bytes(after.data() + kScratchBytes + 8, ~std::size_t{0} / 2)};
	const Segment huge_parts[] = {Segment::byte_parts(parts, 3)};
	EXPECT_EQ(encode(huge_parts, b.img(), scr_first).error, Error::data_too_long);
	EXPECT_STREQ(error_name(Error::data_too_long), "data_too_long");
}

TEST(QrEncode, InputMayLiveInTheImageBuffer)
{
	std::mt19937 rng(5);
	const auto data = random_bytes(rng, 1500);
	Buffers a, b;
	const Segment s1[] = {Segment::bytes(data.data(), data.size())};
	auto r1 = encode(s1, a.img(), a.scr());
	ASSERT_TRUE(r1);
	std::copy(data.begin(), data.end(), b.image.begin() + 100);
	const Segment s2[] = {Segment::bytes(b.image.data() + 100, data.size())};
	auto r2 = encode(s2, b.img(), b.scr());
	ASSERT_TRUE(r2);
	EXPECT_EQ(grid(r1.code), grid(r2.code));
}

// --- drm_panic payloads ------------------------------------------------------

TEST(QrPanic, PackedDigitVectors)
{
	auto pack = [](std::vector<std::uint8_t> d, Packing p) {
		std::string out(packed_digit_count(d.size(), p), '?');
		EXPECT_TRUE(pack_digits(Bytes(d.data(), d.size()), p, out.data(), out.size()));
		return out;
	};
	EXPECT_EQ(pack({}, Packing::fido), "");
	EXPECT_EQ(pack({0x01}, Packing::fido), "001");
	EXPECT_EQ(pack({0xFF}, Packing::fido), "255");
	EXPECT_EQ(pack({0x00, 0x01}, Packing::fido), "00256");
	EXPECT_EQ(pack({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, Packing::fido),
		  "72057594037927935");
	EXPECT_EQ(pack({1, 0, 0, 0, 0, 0, 0, 2}, Packing::fido), "00000000000000001002");
	EXPECT_EQ(pack({0xFF}, Packing::legacy13), "255");
	EXPECT_EQ(pack({0xFF, 0xFF}, Packing::legacy13), "81917");
	EXPECT_EQ(pack({0x00, 0x0F}, Packing::legacy13), "00017");
	// 7 bytes = 4 * 13 + 4 bits: the 4 trailing bits (15) need 2 digits.
	EXPECT_EQ(pack({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, Packing::legacy13),
		  "819181918191819115");
	EXPECT_EQ(packed_digit_count(7, Packing::legacy13), 18u);
	const unsigned fido_tail[8] = {0, 3, 5, 8, 10, 13, 15, 17};
	for (unsigned k = 0; k < 8; ++k)
		EXPECT_EQ(packed_digit_count(k, Packing::fido), fido_tail[k]);
	char small[2];
	const std::uint8_t three[3] = {1, 2, 3};
	EXPECT_FALSE(pack_digits(Bytes(three, 3), Packing::fido, small, sizeof small));
}

TEST(QrPanic, PackingRoundTripsForEveryLength)
{
	std::mt19937 rng(6);
	for (Packing p : {Packing::fido, Packing::legacy13})
		for (size_t n = 0; n < 120; ++n)
			for (int rep = 0; rep < 4; ++rep) {
				auto data = random_bytes(rng, n);
				if (rep == 1)
					std::fill(data.begin(), data.end(), 0xFF); // largest values
				if (rep == 2)
					std::fill(data.begin(), data.end(), 0x00);
				std::string digits(packed_digit_count(n, p), '?');
				ASSERT_TRUE(pack_digits(Bytes(data.data(), n), p, digits.data(),
							digits.size()));
				std::vector<std::uint8_t> back;
				ASSERT_TRUE(p == Packing::fido ? unpack_fido(digits, back)
							       : unpack_legacy13(digits, back))
					<< "n=" << n << " " << digits;
				ASSERT_EQ(back, data) << "n=" << n;
			}
}

TEST(QrPanic, CapacityIsExact)
{
	std::vector<std::uint8_t> data(4000, 0xFF);
	Buffers b;
	const char *url = "https://kdj0c.github.io/panic_report/";
	for (Packing p : {Packing::fido, Packing::legacy13})
		for (UrlForm f : {UrlForm::query, UrlForm::fragment})
			for (Ecc e : kAllEcc)
				for (unsigned v = 1; v <= 40; ++v) {
					PanicUrl u{cstr(url), cstr("x86_64"), cstr("6.14.0-rc1"), p,
						   f};
					const size_t prefix = panic_prefix_length(u);
					EXPECT_EQ(prefix, std::strlen(url) + 6 + 10 + 9 +
								  (p == Packing::legacy13) +
								  (f == UrlForm::fragment));
					const size_t max = panic_max_data_size(
						v, e, std::strlen(url), 6, 10, p, f);
					EXPECT_EQ(max, panic_max_data_size(v, e, prefix, p));
					Options o;
					o.ecc = e;
					o.max_version = static_cast<std::uint8_t>(v);
					o.mask = 0;
					const bool prefix_fits =
						4 + spec::char_count_bits(Mode::byte, v) +
							8 * prefix + 4 +
							spec::char_count_bits(Mode::numeric, v) <=
						spec::data_bits(v, e);
					if (prefix_fits) {
						auto r = encode_panic(u, Bytes(data.data(), max),
								      b.img(), b.scr(), o);
						ASSERT_TRUE(r) << v << ecc_name(e);
						EXPECT_EQ(r.code.version(), v);
					} else {
						EXPECT_EQ(max, 0u);
					}
					EXPECT_EQ(encode_panic(u, Bytes(data.data(), max + 1),
							       b.img(), b.scr(), o)
							  .error,
						  Error::data_too_long);
					if (e == Ecc::L && p == Packing::fido &&
					    f == UrlForm::query) {
						// Never below the kernel's conservative estimate.
						const size_t md = spec::data_codewords(v, Ecc::L);
						const size_t kernel =
							prefix + 5 >= md
								? 0
								: (md - prefix - 5) * 39 / 40;
						EXPECT_GE(max, kernel) << "v" << v;
					}
				}
	for (unsigned v = 1; v <= 40; ++v)
		for (Ecc e : kAllEcc) {
			const size_t max = raw_max_data_size(v, e);
			EXPECT_EQ(max, max_chars(v, e, Mode::byte));
			Options o;
			o.ecc = e;
			o.max_version = static_cast<std::uint8_t>(v);
			EXPECT_TRUE(encode_raw(Bytes(data.data(), max), b.img(), b.scr(), o));
			EXPECT_EQ(
				encode_raw(Bytes(data.data(), max + 1), b.img(), b.scr(), o).error,
				Error::data_too_long);
		}
	EXPECT_EQ(panic_max_data_size(0, Ecc::L, 10, Packing::fido), 0u);
	EXPECT_EQ(panic_max_data_size(41, Ecc::L, 10, Packing::fido), 0u);
	EXPECT_EQ(raw_max_data_size(41, Ecc::L), 0u);
	// The kernel's anchor: a V40-L code holds ~2.9 kB of compressed log.
	EXPECT_GT(panic_max_data_size(40, Ecc::L, 60, Packing::fido), 2800u);
}

TEST(QrPanic, KernelStyleBuffersWithDataInImage)
{
	// As drm_panic does: the compressed data sits in the buffer that receives
	// the image; the scratch buffer is the other one.
	std::mt19937 rng(7);
	const auto data = random_bytes(rng, 2000);
	std::vector<std::uint8_t> buf2(4096), buf1(kScratchBytes);
	std::copy(data.begin(), data.end(), buf2.begin());
	PanicUrl u{cstr("https://example.org/p"), cstr("aarch64"), cstr("6.12.9"), Packing::fido,
		   UrlForm::query};
	auto r = encode_panic(u, Bytes(buf2.data(), data.size()), Buffer(buf2.data(), buf2.size()),
			      Buffer(buf1.data(), buf1.size()), kernel_compatible_options());
	ASSERT_TRUE(r);
	EXPECT_EQ(r.code.mask(), 0u);
	EXPECT_EQ(r.code.layout(), Layout::row_padded);
	EXPECT_EQ(r.code.stride(), (r.code.width() + 7) / 8);
	Buffers ref;
	Options o = kernel_compatible_options();
	auto r2 = encode_panic(u, Bytes(data.data(), data.size()), ref.img(), ref.scr(), o);
	ASSERT_TRUE(r2);
	EXPECT_EQ(grid(r.code), grid(r2.code));
}
