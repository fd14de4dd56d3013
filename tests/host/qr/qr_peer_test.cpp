// kcxx::qr against real peers: every symbol is decoded by zbarimg (ZBar),
// capacities and bit patterns are compared with qrencode (libqrencode).
// Tests skip (GTEST_SKIP) when the tools are not installed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "qr_test_util.h"

using namespace kcxx::qr;
using namespace qrtest;

namespace {

constexpr Ecc kAllEcc[4] = {Ecc::L, Ecc::M, Ecc::Q, Ecc::H};
constexpr Mode kAllModes[3] = {Mode::numeric, Mode::alphanumeric, Mode::byte};

const char *mode_name(Mode m)
{
	return m == Mode::numeric ? "numeric" : m == Mode::alphanumeric ? "alnum" : "byte";
}

/// Whether a peer test checks version v for its parameter number `lane`:
/// versions 1 and 40 always, the others every fourth, each lane its own
/// (lane % 4): across a test's parameters all 40 versions are still met,
/// and each parameter meets small, middle and large ones.  All 40 for
/// every parameter (about 4 times the ~3 minutes of CPU time) with
/// KCXX_QR_ALL_VERSIONS=1 - after a change to include/kcxx/qr (docs/qr.md).
bool checks_version(unsigned v, unsigned lane)
{
	static const bool all = [] {
		const char *e = std::getenv("KCXX_QR_ALL_VERSIONS");
		return e && *e && std::string(e) != "0";
	}();
	return all || v == 1 || v == 40 || v % 4 == lane % 4;
}

#define REQUIRE_TOOL(name)                                                                         \
	if (!have_tool(name))                                                                      \
	GTEST_SKIP() << name " not installed"

struct Buffers {
	std::vector<std::uint8_t> image = std::vector<std::uint8_t>(kImageBytes);
	std::vector<std::uint8_t> scratch = std::vector<std::uint8_t>(kScratchBytes);
	Buffer img() { return Buffer(image.data(), image.size()); }
	Buffer scr() { return Buffer(scratch.data(), scratch.size()); }
};

Segment make_segment(Mode m, const std::string &s)
{
	switch (m) {
	case Mode::numeric:
		return Segment::numeric(s.data(), s.size());
	case Mode::alphanumeric:
		return Segment::alphanumeric(s.data(), s.size());
	default:
		return Segment::bytes(s.data(), s.size());
	}
}

std::string random_payload(std::mt19937 &rng, Mode m, size_t n)
{
	if (m == Mode::numeric)
		return random_from(rng, n, kDigits);
	if (m == Mode::alphanumeric)
		return random_from(rng, n, kAlnum);
	return to_string(random_bytes(rng, n)); // arbitrary binary bytes
}

/// Most characters of mode m whose payload fits in `room` bits.
size_t chars_for_bits(Mode m, size_t room)
{
	size_t n = 0;
	while (payload_bits(m, n + 1) <= room)
		++n;
	return n;
}

/// Varies layout / polarity / mask so that every combination meets zbar.
Options variant(Ecc e, unsigned k)
{
	Options o;
	o.ecc = e;
	o.layout = k % 2 ? Layout::row_padded : Layout::packed;
	o.polarity = (k / 2) % 2 ? Polarity::light_is_one : Polarity::dark_is_one;
	if (k % 5 == 4)
		o.mask = static_cast<std::uint8_t>(k % 8);
	return o;
}

} // namespace

// --- zbarimg: maximum capacity of every version x level, per mode ---------------

class ZbarCapacity : public ::testing::TestWithParam<std::tuple<Ecc, Mode>> {};

TEST_P(ZbarCapacity, EveryVersionAtFullCapacityDecodes)
{
	REQUIRE_TOOL("zbarimg");
	const auto [e, m] = GetParam();
	const unsigned lane = static_cast<unsigned>(e) * 3 + static_cast<unsigned>(m);
	std::mt19937 rng(100 + lane);
	Buffers b;
	for (unsigned v = 1; v <= 40; ++v) {
		if (!checks_version(v, lane))
			continue;
		const std::string payload = random_payload(rng, m, max_chars(v, e, m));
		const Segment s[] = {make_segment(m, payload)};
		auto r = encode(s, b.img(), b.scr(), variant(e, v));
		ASSERT_TRUE(r) << error_name(r.error);
		ASSERT_EQ(r.code.version(), v);
		const auto d = zbar_decode(r.code, "cap");
		ASSERT_EQ(d.status, 0)
			<< "zbarimg failed: v" << v << " " << ecc_name(e) << " " << mode_name(m);
		ASSERT_EQ(d.out, payload) << "v" << v << " " << ecc_name(e) << " " << mode_name(m);
	}
}

INSTANTIATE_TEST_SUITE_P(AllLevelsAndModes, ZbarCapacity,
			 ::testing::Combine(::testing::ValuesIn(kAllEcc),
					    ::testing::ValuesIn(kAllModes)),
			 [](const auto &info) {
				 return std::string(ecc_name(std::get<0>(info.param))) + "_" +
					mode_name(std::get<1>(info.param));
			 });

// --- zbarimg: several mixed segments, filled to the last bit -----------------

class ZbarMixed : public ::testing::TestWithParam<Ecc> {};

TEST_P(ZbarMixed, MixedSegmentsFilledToCapacityDecode)
{
	REQUIRE_TOOL("zbarimg");
	const Ecc e = GetParam();
	std::mt19937 rng(200 + static_cast<unsigned>(e));
	Buffers b;
	for (unsigned v = 1; v <= 40; ++v) {
		if (!checks_version(v, static_cast<unsigned>(e)))
			continue;
		const size_t cap = spec::data_bits(v, e);
		const unsigned nseg = 2 + rng() % 4;
		std::vector<Mode> modes;
		std::vector<std::string> texts;
		size_t used = 0;
		for (unsigned i = 0; i < nseg; ++i) {
			const Mode m = kAllModes[rng() % 3];
			const size_t header = 4 + spec::char_count_bits(m, v);
			if (used + header > cap)
				break;
			size_t n = chars_for_bits(m, cap - used - header);
			n = std::min(n, (size_t{1} << spec::char_count_bits(m, v)) - 1);
			if (i + 1 < nseg)
				n = rng() % (n / (2 * nseg) + 1);
			modes.push_back(m);
			texts.push_back(random_payload(rng, m, n));
			used += header + payload_bits(m, n);
		}
		std::vector<Segment> segs;
		std::string expect;
		for (size_t i = 0; i < texts.size(); ++i) {
			segs.push_back(make_segment(modes[i], texts[i]));
			expect += texts[i];
		}
		Options o = variant(e, v + 1);
		o.min_version = o.max_version = static_cast<std::uint8_t>(v);
		auto r = encode(segs.data(), segs.size(), b.img(), b.scr(), o);
		ASSERT_TRUE(r) << error_name(r.error) << " v" << v;
		const auto d = zbar_decode(r.code, "mixed");
		ASSERT_EQ(d.status, 0) << "zbarimg failed: v" << v << " " << ecc_name(e);
		ASSERT_EQ(d.out, expect) << "v" << v << " " << ecc_name(e);
		// Exactly full: one more character in the last segment does not fit.
		if (texts.size() == nseg) {
			std::string longer = texts.back() + random_payload(rng, modes.back(), 1);
			segs.back() = make_segment(modes.back(), longer);
			EXPECT_EQ(encode(segs.data(), segs.size(), b.img(), b.scr(), o).error,
				  Error::data_too_long)
				<< "v" << v;
		}
	}
}

INSTANTIATE_TEST_SUITE_P(AllLevels, ZbarMixed, ::testing::ValuesIn(kAllEcc),
			 [](const auto &info) { return std::string(ecc_name(info.param)); });

// --- zbarimg: drm_panic URL + packed data ------------------------------------

class ZbarPanic : public ::testing::TestWithParam<std::tuple<Ecc, Packing>> {};

TEST_P(ZbarPanic, UrlAndPackedDataRoundTrip)
{
	REQUIRE_TOOL("zbarimg");
	const auto [e, p] = GetParam();
	const unsigned lane = static_cast<unsigned>(e) * 2 + static_cast<unsigned>(p);
	std::mt19937 rng(300 + lane);
	Buffers b;
	const std::string url = "https://kdj0c.github.io/panic_report/";
	const std::string arch = "x86_64", release = "6.14.0-1-amd64";
	for (unsigned v = 1; v <= 40; ++v) {
		if (!checks_version(v, lane / 2 + lane % 2 * 2))
			continue;
		const UrlForm f = v % 2 ? UrlForm::query : UrlForm::fragment;
		const size_t max =
			panic_max_data_size(v, e, url.size(), arch.size(), release.size(), p, f);
		if (max == 0)
			continue; // the prefix alone does not fit this version
		const auto data = random_bytes(rng, max);
		PanicUrl u{Bytes(url.data(), url.size()), Bytes(arch.data(), arch.size()),
			   Bytes(release.data(), release.size()), p, f};
		Options o = v % 3 == 0 ? kernel_compatible_options() : variant(e, v);
		o.ecc = e;
		auto r = encode_panic(u, Bytes(data.data(), data.size()), b.img(), b.scr(), o);
		ASSERT_TRUE(r) << error_name(r.error);
		ASSERT_EQ(r.code.version(), v);
		const auto d = zbar_decode(r.code, "panic");
		ASSERT_EQ(d.status, 0) << "zbarimg failed: v" << v;
		const std::string prefix = url + (f == UrlForm::fragment ? "#?a=" : "?a=") + arch +
					   "&v=" + release + (p == Packing::fido ? "&z=" : "&zl=");
		ASSERT_EQ(d.out.substr(0, prefix.size()), prefix);
		const std::string digits = d.out.substr(prefix.size());
		ASSERT_EQ(digits.size(), packed_digit_count(max, p));
		std::vector<std::uint8_t> back;
		ASSERT_TRUE(p == Packing::fido ? unpack_fido(digits, back)
					       : unpack_legacy13(digits, back));
		ASSERT_EQ(back, data) << "v" << v;
		Options tight = o;
		tight.max_version = static_cast<std::uint8_t>(v);
		const auto over = random_bytes(rng, max + 1);
		EXPECT_EQ(encode_panic(u, Bytes(over.data(), over.size()), b.img(), b.scr(), tight)
				  .error,
			  Error::data_too_long);
	}
}

INSTANTIATE_TEST_SUITE_P(AllLevelsBothPackings, ZbarPanic,
			 ::testing::Combine(::testing::ValuesIn(kAllEcc),
					    ::testing::Values(Packing::fido, Packing::legacy13)),
			 [](const auto &info) {
				 return std::string(ecc_name(std::get<0>(info.param))) +
					(std::get<1>(info.param) == Packing::fido ? "_fido"
										  : "_legacy13");
			 });

// --- zbarimg: edge cases --------------------------------------------------------

TEST(ZbarEdge, EmptyAndTinyPayloads)
{
	REQUIRE_TOOL("zbarimg");
	Buffers b;
	for (Ecc e : kAllEcc) {
		Options o;
		o.ecc = e;
		// No segments at all, and an empty byte segment: a valid version-1
		// symbol with no data (zbarimg finds it and prints nothing).
		auto r = encode(nullptr, 0, b.img(), b.scr(), o);
		ASSERT_TRUE(r);
		auto d = zbar_decode(r.code, "empty");
		EXPECT_EQ(d.status, 0);
		EXPECT_EQ(d.out, "");
		r = encode_raw(Bytes(), b.img(), b.scr(), o);
		ASSERT_TRUE(r);
		d = zbar_decode(r.code, "empty_raw");
		EXPECT_EQ(d.status, 0);
		EXPECT_EQ(d.out, "");
		const Segment one[] = {Segment::numeric("7", 1)};
		r = encode(one, b.img(), b.scr(), o);
		ASSERT_TRUE(r);
		EXPECT_EQ(zbar_decode(r.code, "one").out, "7");
	}
	// drm_panic with no data: just the URL.
	PanicUrl u{cstr("http://x/"), cstr("arm"), cstr("6.14"), Packing::fido, UrlForm::query};
	auto r = encode_panic(u, Bytes(), b.img(), b.scr());
	ASSERT_TRUE(r);
	EXPECT_EQ(zbar_decode(r.code, "panic_empty").out, "http://x/?a=arm&v=6.14&z=");
	// Raw mode (no URL) at version-40 capacity with every byte value.
	std::vector<std::uint8_t> all(raw_max_data_size(40, Ecc::L));
	for (size_t i = 0; i < all.size(); ++i)
		all[i] = static_cast<std::uint8_t>(i * 7);
	r = encode_raw(Bytes(all.data(), all.size()), b.img(), b.scr());
	ASSERT_TRUE(r);
	EXPECT_EQ(r.code.version(), 40u);
	EXPECT_EQ(zbar_decode(r.code, "raw40").out, to_string(all));
}

TEST(ZbarEdge, EveryFixedMaskDecodes)
{
	REQUIRE_TOOL("zbarimg");
	Buffers b;
	std::mt19937 rng(400);
	for (unsigned m = 0; m < 8; ++m)
		for (unsigned v : {2u, 7u, 25u}) {
			const std::string payload =
				random_payload(rng, Mode::byte, max_chars(v, Ecc::Q, Mode::byte));
			const Segment s[] = {make_segment(Mode::byte, payload)};
			Options o;
			o.ecc = Ecc::Q;
			o.mask = static_cast<std::uint8_t>(m);
			auto r = encode(s, b.img(), b.scr(), o);
			ASSERT_TRUE(r);
			EXPECT_EQ(r.code.mask(), m);
			EXPECT_EQ(zbar_decode(r.code, "mask").out, payload)
				<< "mask " << m << " v" << v;
		}
}

// --- qrencode: capacity and bit-exact symbols ----------------------------------

namespace {

std::string write_input(const std::string &name, const std::string &data)
{
	const std::string path = tmpfile(name);
	std::ofstream(path, std::ios::binary) << data;
	return path;
}

/// Runs qrencode with `-v v` (a minimum) and returns its module grid (empty
/// on failure).
std::vector<std::string> qrencode_grid(const std::string &data, Mode m, unsigned v, Ecc e)
{
	const std::string in = write_input("qrencode.in", data);
	const std::string cmd = std::string("qrencode -t ASCII -m 0 -v ") + std::to_string(v) +
				" -l " + ecc_name(e) + (m == Mode::byte ? " -8" : "") + " -r '" +
				in + "' -o -";
	const auto r = run(cmd);
	std::vector<std::string> rows;
	if (r.status != 0)
		return rows;
	size_t start = 0;
	for (size_t nl; (nl = r.out.find('\n', start)) != std::string::npos; start = nl + 1)
		rows.push_back(r.out.substr(start, nl - start));
	return rows;
}

unsigned grid_version(const std::vector<std::string> &rows)
{
	return rows.empty() ? 0 : static_cast<unsigned>((rows.size() - 17) / 4);
}

std::string payload_for_qrencode(std::mt19937 &rng, Mode m, size_t n)
{
	// Alphanumeric without digits so that qrencode's mode optimiser keeps a
	// single alphanumeric segment.
	if (m == Mode::alphanumeric)
		return random_from(rng, n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:");
	return random_payload(rng, m, n);
}

} // namespace

class Qrencode : public ::testing::TestWithParam<Ecc> {};

TEST_P(Qrencode, CapacityTablesAgree)
{
	REQUIRE_TOOL("qrencode");
	const Ecc e = GetParam();
	std::mt19937 rng(500 + static_cast<unsigned>(e));
	for (Mode m : kAllModes)
		for (unsigned v = 1; v <= 40; ++v) {
			if (!checks_version(v, static_cast<unsigned>(e) + static_cast<unsigned>(m)))
				continue;
			const size_t n = max_chars(v, e, m);
			const std::string full = payload_for_qrencode(rng, m, n + 1);
			EXPECT_EQ(grid_version(qrencode_grid(full.substr(0, n), m, v, e)), v)
				<< "qrencode needs a bigger symbol for our capacity: v" << v << " "
				<< ecc_name(e) << " " << mode_name(m) << " n=" << n;
			const unsigned bigger = grid_version(qrencode_grid(full, m, v, e));
			EXPECT_TRUE(bigger == 0 || bigger > v)
				<< "qrencode fits one more: v" << v << " " << ecc_name(e) << " "
				<< mode_name(m) << " n=" << n;
		}
}

TEST_P(Qrencode, SameMaskGivesTheSameSymbol)
{
	REQUIRE_TOOL("qrencode");
	const Ecc e = GetParam();
	std::mt19937 rng(600 + static_cast<unsigned>(e));
	Buffers b;
	for (Mode m : kAllModes)
		for (unsigned v = 1; v <= 40; ++v) {
			if (!checks_version(v, static_cast<unsigned>(e) + static_cast<unsigned>(m)))
				continue;
			const size_t lo = v == 1 ? 1 : max_chars(v - 1, e, m) + 1,
				     hi = max_chars(v, e, m);
			const std::string payload =
				payload_for_qrencode(rng, m, lo + rng() % (hi - lo + 1));
			const auto rows = qrencode_grid(payload, m, v, e);
			ASSERT_EQ(grid_version(rows), v);
			const unsigned w = spec::width(v);
			// qrencode picks its own mask (its penalty rules differ slightly);
			// read it from the format information and force the same one.
			auto dark = [&](unsigned x, unsigned y) { return rows[y][2 * x] != ' '; };
			unsigned fmt = 0;
			for (unsigned i = 0; i < 8; ++i)
				fmt |= unsigned{dark(w - 1 - i, 8)} << i;
			for (unsigned i = 8; i < 15; ++i)
				fmt |= unsigned{dark(8, w - 15 + i)} << i;
			unsigned mask = 8;
			for (unsigned k = 0; k < 8; ++k)
				if (spec::format_bits(e, k) == fmt)
					mask = k;
			ASSERT_LT(mask, 8u) << "unreadable format information";
			const Segment s[] = {make_segment(m, payload)};
			Options o;
			o.ecc = e;
			o.mask = static_cast<std::uint8_t>(mask);
			o.min_version = o.max_version = static_cast<std::uint8_t>(v);
			auto r = encode(s, b.img(), b.scr(), o);
			ASSERT_TRUE(r);
			unsigned diff = 0;
			for (unsigned y = 0; y < w; ++y)
				for (unsigned x = 0; x < w; ++x)
					diff += r.code.module(x, y) != dark(x, y);
			EXPECT_EQ(diff, 0u) << "v" << v << " " << ecc_name(e) << " " << mode_name(m)
					    << " mask " << mask;
		}
}

INSTANTIATE_TEST_SUITE_P(AllLevels, Qrencode, ::testing::ValuesIn(kAllEcc),
			 [](const auto &info) { return std::string(ecc_name(info.param)); });
