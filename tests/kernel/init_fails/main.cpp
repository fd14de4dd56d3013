// SPDX-License-Identifier: GPL-2.0
// Fails its init with -ENODEV after a successful allocation: insmod must
// report "No such device", the module must not stay loaded, and the Box
// must be freed on the way out (kmemleak on the debug kernel checks that).
#include <kcxx/box.h>
#include <kcxx/module.h>
#include <kcxx/print.h>

namespace {

struct Probe {
	int attempts;
};

kcxx::Result<void> find_device(const Probe &probe)
{
	pr_info("probing (attempt %d): no device\n", probe.attempts);
	return kcxx::code::ENODEV;
}

class InitFails {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_init_fails",
		.license = "GPL",
		.description = "kcxx test: a module whose init fails",
	};

	static kcxx::Result<InitFails> init()
	{
		auto probe = TRY(kcxx::Box<Probe>::try_new(kcxx::GFP_KERNEL, 1));
		TRY(find_device(*probe));
		return InitFails{};
	}
};

} // namespace

KCXX_MODULE(InitFails);
