// Helpers shared by the kcxx::qr host tests: rendering to PBM, running the
// peer tools (zbarimg, qrencode), random payloads, digit unpacking.
#pragma once

#include <kcxx/qr/qr.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace qrtest {

using namespace kcxx::qr;

inline bool have_tool(const char *name)
{
	std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
	return std::system(cmd.c_str()) == 0;
}

/// Per-process scratch directory, removed at exit.
inline const std::filesystem::path &tmpdir()
{
	static const std::filesystem::path dir = [] {
		std::string tmpl =
			(std::filesystem::temp_directory_path() / "kcxx-qr-XXXXXX").string();
		if (!mkdtemp(tmpl.data()))
			std::abort();
		std::filesystem::path p(tmpl);
		std::atexit([] {
			std::error_code ec;
			std::filesystem::remove_all(tmpdir(), ec);
		});
		return p;
	}();
	return dir;
}

inline std::string tmpfile(const std::string &name)
{
	return (tmpdir() / name).string();
}

/// Writes a binary PBM (P4) of the code with a quiet zone of `quiet`
/// modules, `scale` pixels per module.
inline void write_pbm(const Code &c, const std::string &path, unsigned scale = 2,
		      unsigned quiet = 4)
{
	const unsigned w = (c.width() + 2 * quiet) * scale;
	FILE *f = std::fopen(path.c_str(), "wb");
	if (!f)
		std::abort();
	std::fprintf(f, "P4\n%u %u\n", w, w);
	std::vector<unsigned char> row((w + 7) / 8);
	for (unsigned py = 0; py < w; ++py) {
		std::fill(row.begin(), row.end(), 0);
		const int my = static_cast<int>(py / scale) - static_cast<int>(quiet);
		for (unsigned px = 0; px < w; ++px) {
			const int mx = static_cast<int>(px / scale) - static_cast<int>(quiet);
			const bool dark =
				mx >= 0 && my >= 0 &&
				c.module(static_cast<unsigned>(mx), static_cast<unsigned>(my));
			if (dark)
				row[px / 8] |= static_cast<unsigned char>(0x80 >> (px % 8));
		}
		std::fwrite(row.data(), 1, row.size(), f);
	}
	std::fclose(f);
}

struct CmdResult {
	int status = -1; // exit status, or -1
	std::string out;
};

/// Runs a shell command, capturing stdout (stderr goes to /dev/null).
inline CmdResult run(const std::string &cmd)
{
	CmdResult r;
	FILE *p = popen((cmd + " 2>/dev/null").c_str(), "r");
	if (!p)
		return r;
	char buf[4096];
	size_t n;
	while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
		r.out.append(buf, n);
	const int st = pclose(p);
	r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return r;
}

/// Decodes a code with zbarimg (raw bytes, no charset conversion).
inline CmdResult zbar_decode(const Code &c, const std::string &name, unsigned scale = 2)
{
	const std::string path = tmpfile(name + ".pbm");
	write_pbm(c, path, scale);
	CmdResult r =
		run("zbarimg --nodbus --raw -q -Sdisable -Sqrcode.enable -Sbinary '" + path + "'");
	std::filesystem::remove(path);
	return r;
}

inline std::vector<std::uint8_t> random_bytes(std::mt19937 &rng, std::size_t n)
{
	std::vector<std::uint8_t> v(n);
	for (auto &b : v)
		b = static_cast<std::uint8_t>(rng());
	return v;
}

inline std::string random_from(std::mt19937 &rng, std::size_t n, const std::string &alphabet)
{
	std::string s(n, ' ');
	for (auto &ch : s)
		ch = alphabet[rng() % alphabet.size()];
	return s;
}

inline const std::string kDigits = "0123456789";
inline const std::string kAlnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

inline const char *ecc_name(Ecc e)
{
	switch (e) {
	case Ecc::L:
		return "L";
	case Ecc::M:
		return "M";
	case Ecc::Q:
		return "Q";
	default:
		return "H";
	}
}

/// Inverse of Packing::fido, written from the description (not from the
/// encoder): 17 digits -> 7 little-endian bytes; d trailing digits -> the
/// k bytes with {3,5,8,10,13,15}[k-1] == d. Returns false on bad input.
inline bool unpack_fido(const std::string &digits, std::vector<std::uint8_t> &out)
{
	static const int tail_bytes[18] = {0,  -1, -1, 1,  -1, 2,  -1, -1, 3,
					   -1, 4,  -1, -1, 5,  -1, 6,  -1, 7};
	out.clear();
	for (std::size_t i = 0; i < digits.size(); i += 17) {
		const std::string chunk = digits.substr(i, 17);
		const int k = tail_bytes[chunk.size()];
		if (k < 0)
			return false;
		unsigned __int128 v = 0;
		for (char ch : chunk) {
			if (ch < '0' || ch > '9')
				return false;
			v = v * 10 + static_cast<unsigned>(ch - '0');
		}
		for (int j = 0; j < k; ++j) {
			out.push_back(static_cast<std::uint8_t>(v & 0xFF));
			v >>= 8;
		}
		if (v != 0)
			return false;
	}
	return true;
}

/// Inverse of Packing::legacy13: 4 digits -> 13 bits; the trailing bit
/// count is whatever makes the total a whole number of bytes.
inline bool unpack_legacy13(const std::string &digits, std::vector<std::uint8_t> &out)
{
	static const unsigned tail_bits[4] = {0, 4, 7,
					      10}; // upper bound of bits per trailing digits
	out.clear();
	const std::size_t q = digits.size() / 4, r = digits.size() % 4;
	const std::size_t bound = 13 * q + tail_bits[r];
	const std::size_t nbytes = bound / 8;
	const std::size_t total_bits = nbytes * 8;
	std::vector<bool> bits;
	for (std::size_t i = 0; i < digits.size(); i += 4) {
		const std::string chunk = digits.substr(i, 4);
		unsigned v = 0;
		for (char ch : chunk) {
			if (ch < '0' || ch > '9')
				return false;
			v = v * 10 + static_cast<unsigned>(ch - '0');
		}
		const std::size_t nb =
			bits.size() + 13 <= total_bits ? 13 : total_bits - bits.size();
		if (nb > 13 || (nb < 32 && v >> nb))
			return false;
		for (std::size_t b = nb; b-- > 0;)
			bits.push_back((v >> b) & 1);
	}
	if (bits.size() != total_bits)
		return false;
	for (std::size_t i = 0; i < nbytes; ++i) {
		std::uint8_t byte = 0;
		for (int b = 0; b < 8; ++b)
			byte = static_cast<std::uint8_t>(byte << 1 | bits[i * 8 + b]);
		out.push_back(byte);
	}
	return true;
}

inline std::string to_string(const std::vector<std::uint8_t> &v)
{
	return std::string(v.begin(), v.end());
}

} // namespace qrtest
