// Host front end of kcxx::qr for tests and experiments: encodes a drm_panic
// style payload (or raw bytes) and writes a PBM image.
//
//   qr_encode_cli [--url U --arch A --release R] [--legacy] [--fragment]
//                 [--ecc L|M|Q|H] [--max-version N] [--mask N] [--kernel]
//                 [--scale N] [--in FILE] [--out FILE.pbm]
//                 [--print-text] [--capacity]
//
// Without --url the data goes into one byte segment (the kernel's raw
// mode). --kernel uses kernel_compatible_options() (L, mask 0, row-padded,
// light = 1). --print-text prints the text the symbol holds (prefix +
// digits) instead of writing an image. --capacity prints the largest data
// size for --max-version (default 40) and exits.
// Exit status: 0 ok, 2 usage, 3 data too long, 4 other encoder error.
#include <kcxx/qr/qr.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

using namespace kcxx::qr;

namespace {

int usage()
{
	std::fprintf(
		stderr,
		"usage: qr_encode_cli [--url U --arch A --release R] [--legacy] [--fragment]\n"
		"                     [--ecc L|M|Q|H] [--max-version N] [--mask N] [--kernel]\n"
		"                     [--scale N] [--in FILE] [--out FILE.pbm] [--print-text] "
		"[--capacity]\n");
	return 2;
}

void write_pbm(const Code &c, const std::string &path, unsigned scale, unsigned quiet)
{
	const unsigned w = (c.width() + 2 * quiet) * scale;
	std::ofstream f(path, std::ios::binary);
	f << "P4\n" << w << " " << w << "\n";
	std::vector<unsigned char> row((w + 7) / 8);
	for (unsigned py = 0; py < w; ++py) {
		std::fill(row.begin(), row.end(), 0);
		const int my = static_cast<int>(py / scale) - static_cast<int>(quiet);
		for (unsigned px = 0; px < w; ++px) {
			const int mx = static_cast<int>(px / scale) - static_cast<int>(quiet);
			if (mx >= 0 && my >= 0 &&
			    c.module(static_cast<unsigned>(mx), static_cast<unsigned>(my)))
				row[px / 8] |= static_cast<unsigned char>(0x80 >> (px % 8));
		}
		f.write(reinterpret_cast<const char *>(row.data()),
			static_cast<std::streamsize>(row.size()));
	}
}

} // namespace

int main(int argc, char **argv)
{
	std::string url, arch = "x86_64", release = "6.14.0", in, out;
	bool have_url = false, print_text = false, capacity = false;
	Packing packing = Packing::fido;
	UrlForm form = UrlForm::query;
	Options opt;
	unsigned scale = 3;
	for (int i = 1; i < argc; ++i) {
		const std::string a = argv[i];
		auto next = [&]() -> std::string {
			if (i + 1 >= argc)
				std::exit(usage());
			return argv[++i];
		};
		if (a == "--url") {
			url = next();
			have_url = true;
		} else if (a == "--arch") {
			arch = next();
		} else if (a == "--release") {
			release = next();
		} else if (a == "--legacy") {
			packing = Packing::legacy13;
		} else if (a == "--fragment") {
			form = UrlForm::fragment;
		} else if (a == "--kernel") {
			const Options k = kernel_compatible_options();
			opt.mask = k.mask;
			opt.layout = k.layout;
			opt.polarity = k.polarity;
		} else if (a == "--ecc") {
			const std::string e = next();
			if (e == "L")
				opt.ecc = Ecc::L;
			else if (e == "M")
				opt.ecc = Ecc::M;
			else if (e == "Q")
				opt.ecc = Ecc::Q;
			else if (e == "H")
				opt.ecc = Ecc::H;
			else
				return usage();
		} else if (a == "--max-version") {
			opt.max_version = static_cast<std::uint8_t>(std::atoi(next().c_str()));
		} else if (a == "--mask") {
			opt.mask = static_cast<std::uint8_t>(std::atoi(next().c_str()));
		} else if (a == "--scale") {
			scale = static_cast<unsigned>(std::atoi(next().c_str()));
		} else if (a == "--in") {
			in = next();
		} else if (a == "--out") {
			out = next();
		} else if (a == "--print-text") {
			print_text = true;
		} else if (a == "--capacity") {
			capacity = true;
		} else {
			return usage();
		}
	}
	PanicUrl u{Bytes(url.data(), url.size()), Bytes(arch.data(), arch.size()),
		   Bytes(release.data(), release.size()), packing, form};
	if (capacity) {
		const size_t n = have_url ? panic_max_data_size(opt.max_version, opt.ecc,
								panic_prefix_length(u), packing)
					  : raw_max_data_size(opt.max_version, opt.ecc);
		std::printf("%zu\n", n);
		return 0;
	}
	std::vector<std::uint8_t> data;
	if (in.empty() || in == "-") {
		data.assign(std::istreambuf_iterator<char>(std::cin),
			    std::istreambuf_iterator<char>());
	} else {
		std::ifstream f(in, std::ios::binary);
		if (!f)
			return usage();
		data.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
	}

	static std::uint8_t image[kImageBytes], scratch[kScratchBytes];
	const Result r =
		have_url ? encode_panic(u, Bytes(data.data(), data.size()), image, scratch, opt)
			 : encode_raw(Bytes(data.data(), data.size()), image, scratch, opt);
	if (!r) {
		std::fprintf(stderr, "qr_encode_cli: %s\n", error_name(r.error));
		return r.error == Error::data_too_long ? 3 : 4;
	}
	if (print_text) {
		std::string text;
		if (have_url) {
			text = url + (form == UrlForm::fragment ? "#?a=" : "?a=") + arch +
			       "&v=" + release + (packing == Packing::fido ? "&z=" : "&zl=");
			std::string digits(packed_digit_count(data.size(), packing), '0');
			if (!pack_digits(Bytes(data.data(), data.size()), packing, digits.data(),
					 digits.size()))
				return 4;
			text += digits;
		} else {
			text.assign(data.begin(), data.end());
		}
		std::fwrite(text.data(), 1, text.size(), stdout);
		return 0;
	}
	if (!out.empty())
		write_pbm(r.code, out, scale, 4);
	std::printf("version %u width %u ecc %d mask %u\n", r.code.version(), r.code.width(),
		    static_cast<int>(r.code.ecc()), r.code.mask());
	return 0;
}
