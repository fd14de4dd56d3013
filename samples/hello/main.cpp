// SPDX-License-Identifier: GPL-2.0
//
// The smallest useful kcxx module: it allocates its state with explicit GFP
// flags, logs at load and unload, and fails the load cleanly when asked to.
#include <kcxx/box.h>
#include <kcxx/module.h>
#include <kcxx/print.h>
#include <kcxx/result.h>

namespace {

struct Greeting {
	const char *whom;
	int loads;
};

class Hello {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "hello",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "The smallest kcxx module: C++20, no C",
	};

	static kcxx::Result<Hello> init()
	{
		auto greeting = TRY(kcxx::Box<Greeting>::try_new(kcxx::GFP_KERNEL, "world", 1));
		pr_info("hello, %s (from C++, greeting at %p)\n", greeting->whom, greeting.get());
		return Hello(std::move(greeting));
	}

	Hello(Hello &&) = default;

	~Hello()
	{
		if (greeting_.get())
			pr_info("goodbye, %s\n", greeting_->whom);
	}

private:
	explicit Hello(kcxx::Box<Greeting> greeting) : greeting_(std::move(greeting)) {}

	kcxx::Box<Greeting> greeting_;
};

} // namespace

KCXX_MODULE(Hello);
