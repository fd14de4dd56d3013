// SPDX-License-Identifier: GPL-2.0
// a configfs show that changes the item (must not compile)
#include <kcxx/box.h>
#include <kcxx/configfs.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

// show counts reads in the item: reading an attribute (cat) would change
// the configuration.  A show must be const.
class Dev {
public:
	static kcxx::Result<kcxx::Box<Dev>> make(kcxx::CStr) { return kcxx::Box<Dev>::try_new(kcxx::GFP_KERNEL); }
	kcxx::Result<void> show_reads(kcxx::configfs::Page &out)
	{
		return out.append_uint(++reads_);
	}
	static constexpr auto attributes = kcxx::configfs::attributes<Dev>(
		kcxx::configfs::AttrRo<&Dev::show_reads>("reads"));

private:
	unsigned long reads_ = 0;
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
