// SPDX-License-Identifier: GPL-2.0
// a configfs store with a signature configfs cannot call (must not compile)
#include <kcxx/box.h>
#include <kcxx/configfs.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

// store takes a number: configfs passes text (and the store would have to
// report errors through a Result).
class Dev {
public:
	static kcxx::Result<kcxx::Box<Dev>> make(kcxx::CStr) { return kcxx::Box<Dev>::try_new(kcxx::GFP_KERNEL); }
	kcxx::Result<void> show_size(kcxx::configfs::Page &out) const { return out.append_uint(size_); }
	void store_size(unsigned long size) { size_ = size; }
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
