// SPDX-License-Identifier: GPL-2.0
// a configfs store that belongs to another type (the correct twin)
#include <kcxx/box.h>
#include <kcxx/configfs.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

class Other {
public:
	kcxx::Result<void> store_size(kcxx::CStr) { return {}; }
};

// Both functions are members of Dev.
class Dev {
public:
	static kcxx::Result<kcxx::Box<Dev>> make(kcxx::CStr) { return kcxx::Box<Dev>::try_new(kcxx::GFP_KERNEL); }
	kcxx::Result<void> show_size(kcxx::configfs::Page &out) const { return out.append_uint(size_); }
	kcxx::Result<void> store_size(kcxx::CStr text)
	{
		size_ = TRY(kcxx::configfs::parse_ulong(text));
		return {};
	}
	static constexpr auto attributes = kcxx::configfs::attributes<Dev>(
		kcxx::configfs::Attr<&Dev::show_size, &Dev::store_size>("size"));

private:
	unsigned long size_ = 0;
};

kcxx::Result<void> make_subsystem()
{
	auto subsystem = TRY(kcxx::configfs::Subsystem<Dev>::try_new(kcxx::GFP_KERNEL, "rule_test"));
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
