// Compiled by kernel_flags_check.sh with kernel-like flags: instantiates
// every public entry point of kcxx::qr so that all of it is checked for
// warnings, runtime-symbol dependencies and stack frame sizes.
#include <kcxx/qr/qr.h>

using namespace kcxx::qr;

extern "C" {
unsigned char kq_generate(const char *url, unsigned char *data, unsigned long data_len,
			  unsigned long data_size, unsigned char *tmp, unsigned long tmp_size);
unsigned long kq_max_data_size(unsigned char version, unsigned long url_len);
int kq_mixed(const char *d, unsigned long n, unsigned char *img, unsigned char *tmp,
	     unsigned char ecc, unsigned char mask, bool padded, bool light);
bool kq_pack(const unsigned char *d, unsigned long n, char *out, unsigned long on, bool legacy);
unsigned long kq_capacity(unsigned v, unsigned e, unsigned m);
}

// Mirrors the kernel's C entry points (drm_panic_qr_generate and
// drm_panic_qr_max_data_size).
extern "C" unsigned char kq_generate(const char *url, unsigned char *data, unsigned long data_len,
				     unsigned long data_size, unsigned char *tmp,
				     unsigned long tmp_size)
{
	if (!url || !*url) {
		Result r = encode_raw(Bytes(data, data_len), Buffer(data, data_size),
				      Buffer(tmp, tmp_size), kernel_compatible_options());
		return r ? static_cast<unsigned char>(r.code.width()) : 0;
	}
	PanicUrl u;
	u.url = cstr(url);
	u.arch = cstr("x86_64");
	u.release = cstr("6.14.0");
	Result r = encode_panic(u, Bytes(data, data_len), Buffer(data, data_size),
				Buffer(tmp, tmp_size), kernel_compatible_options());
	return r ? static_cast<unsigned char>(r.code.width()) : 0;
}

extern "C" unsigned long kq_max_data_size(unsigned char version, unsigned long url_len)
{
	return url_len ? panic_max_data_size(version, Ecc::L, url_len, Packing::fido)
		       : raw_max_data_size(version, Ecc::L);
}

extern "C" int kq_mixed(const char *d, unsigned long n, unsigned char *img, unsigned char *tmp,
			unsigned char ecc, unsigned char mask, bool padded, bool light)
{
	const Bytes parts[2] = {Bytes(d, n), cstr("tail")};
	Segment s[5] = {Segment::numeric(d, n), Segment::alphanumeric(d, n),
			Segment::bytes(Bytes(d, n)), Segment::byte_parts(parts, 2),
			Segment::packed(Bytes(d, n), n % 2 ? Packing::fido : Packing::legacy13)};
	Options o;
	o.ecc = static_cast<Ecc>(ecc & 3);
	o.mask = mask;
	o.boost_ecc = true;
	o.layout = padded ? Layout::row_padded : Layout::packed;
	o.polarity = light ? Polarity::light_is_one : Polarity::dark_is_one;
	Result r = encode(s, Buffer(img, kImageBytes), Buffer(tmp, kScratchBytes), o);
	if (!r)
		return -static_cast<int>(r.error) - static_cast<int>(r.segment);
	int dark = 0;
	for (unsigned y = 0; y < r.code.width(); ++y)
		for (unsigned x = 0; x < r.code.width(); ++x)
			dark += r.code.module(x, y);
	return dark + static_cast<int>(penalty_score(r.code)) + static_cast<int>(r.code.mask());
}

extern "C" bool kq_pack(const unsigned char *d, unsigned long n, char *out, unsigned long on,
			bool legacy)
{
	return pack_digits(Bytes(d, n), legacy ? Packing::legacy13 : Packing::fido, out, on);
}

extern "C" unsigned long kq_capacity(unsigned v, unsigned e, unsigned m)
{
	return max_chars(v, static_cast<Ecc>(e & 3),
			 m == 1	  ? Mode::numeric
			 : m == 2 ? Mode::alphanumeric
				  : Mode::byte) +
	       panic_max_data_size(v, static_cast<Ecc>(e & 3), 40, 6, 8, Packing::legacy13,
				   UrlForm::fragment) +
	       fit_version(nullptr, 0, Options{}) + (error_name(Error::none)[0] == 'n');
}
