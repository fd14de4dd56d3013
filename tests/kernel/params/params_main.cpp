// SPDX-License-Identifier: GPL-2.0
// kcxx_params.ko: the parameters of params.h in a plain module, which logs
// the values C++ reads at load and at unload (after sysfs writes), for
// tests/vm/params.sh.
#include <kcxx/module.h>

#include "params.h"

namespace {

void log_params(const char *when)
{
	kcxx::StringBuilder<160> sb;
	if (describe_params(sb).is_error())
		pr_err("params: %s: truncated\n", when);
	pr_info("params: %s: %s\n", when, sb.as_cstr());
}

class Params {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_params",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "kcxx module parameters, loaded with valid and invalid values",
	};

	static kcxx::Result<Params> init()
	{
		log_params("load");
		return Params();
	}
	Params() = default;
	Params(Params &&) = default;
	~Params()
	{
		if (armed_)
			log_params("unload");
	}

private:
	struct Armed {
		bool value = true;
		Armed() = default;
		Armed(Armed &&other) : value(other.value) { other.value = false; }
		operator bool() const { return value; }
	} armed_;
};

} // namespace

KCXX_MODULE(Params);
