// SPDX-License-Identifier: GPL-2.0
// dev_emerg ... dev_info against a misc device's struct device; the VM
// script checks the lines (tests/vm/time_work.sh).
#include <kcxx/dev_print.h>
#include <kcxx/file.h>
#include <kcxx/miscdevice.h>

#include "suites.h"

using namespace kcxx;

namespace {

class NullFile {
public:
	static Result<NullFile> open(File &) { return NullFile(); }
};

void dev_print_through_a_misc_device(test::Context &t)
{
	auto reg = KCXX_ASSERT_TRY(t, miscdevice::Registration<NullFile>::try_new(
						 GFP_KERNEL, {.name = "kcxx-dev-print", .mode = 0600}));
	Device &dev = reg->device();
	KCXX_EXPECT(t, dev.as_raw() != nullptr);
	dev_info(dev, "dev_print: info %d %s\n", 42, "ok");
	dev_notice(dev, "dev_print: notice %lu\n", 7UL);
	dev_warn(dev, "dev_print: warn %pe\n", Error(code::ENOMEM));
	dev_err(dev, "dev_print: err %x\n", 0xbeefU);
	dev_crit(dev, "dev_print: crit %lld\n", -5LL);
	dev_alert(dev, "dev_print: alert\n");
	dev_emerg(dev, "dev_print: emerg %c\n", 'z');
}

constexpr test::Case cases[] = {
	KCXX_CASE(dev_print_through_a_misc_device),
};

} // namespace

constinit const test::Suite dev_print_suite{"kcxx_dev_print", cases};
