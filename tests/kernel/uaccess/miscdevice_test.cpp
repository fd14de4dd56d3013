// SPDX-License-Identifier: GPL-2.0
// kcxx::miscdevice::Registration: registration, names, deregistration on
// destruction.  (The file operations are exercised from user space by
// tests/vm/misc.sh against samples/misc.)
#include <kcxx/miscdevice.h>

#include "suites.h"

using namespace kcxx;
using miscdevice::Registration;

namespace {

// The smallest device: open only.
class Plain {
public:
	static Result<Plain> open(File &) { return Plain(); }
};

// A device with shared data and every operation.
class Full {
public:
	struct Shared {
		explicit Shared(int v) : value(v) {}
		Shared(const Shared &) = delete;
		int value;
	};

	static Result<Full> open(Shared &shared, File &) { return Full(shared); }

	Result<void> read(File &, UserSliceWriter &out, i64 &) const { return out.write(u32(shared_->value)); }
	Result<void> write(File &, UserSliceReader &in, i64 &) const { return in.skip(in.len()); }
	Result<long> ioctl(File &, ioctl::Request request) const { return request.dispatch(); }
	PollMask poll(File &, PollTable &) const { return EPOLLIN | EPOLLOUT; }
	Result<i64> llseek(File &file, i64 offset, Whence whence) const
	{
		return file.seek(offset, whence, 100, 10);
	}

private:
	explicit Full(Shared &shared) : shared_(&shared) {}
	Shared *shared_;
};

void registers_and_names(test::Context &t)
{
	auto device = KCXX_ASSERT_TRY(t, Registration<Plain>::try_new(GFP_KERNEL, {.name = "kcxx-test-plain"}));
	KCXX_EXPECT(t, device->minor() >= 0);
	KCXX_EXPECT(t, device->name()[0] == 'k');
}

void shared_data_is_built_in_place(test::Context &t)
{
	auto device = KCXX_ASSERT_TRY(
		t, Registration<Full>::try_new(GFP_KERNEL, {.name = "kcxx-test-full", .mode = 0600}, 42));
	KCXX_EXPECT_EQ(t, device->shared().value, 42);
}

void two_devices_get_distinct_minors(test::Context &t)
{
	auto a = KCXX_ASSERT_TRY(t, Registration<Plain>::try_new(GFP_KERNEL, {.name = "kcxx-test-a"}));
	auto b = KCXX_ASSERT_TRY(t, Registration<Full>::try_new(GFP_KERNEL, {.name = "kcxx-test-b"}, 1));
	KCXX_EXPECT(t, a->minor() != b->minor());
}

void destruction_deregisters(test::Context &t)
{
	int minor;
	{
		auto device = KCXX_ASSERT_TRY(t, Registration<Plain>::try_new(GFP_KERNEL, {.name = "kcxx-test-again"}));
		minor = device->minor();
	}
	// The same name registers again: the first one is gone.
	auto again = KCXX_ASSERT_TRY(t, Registration<Plain>::try_new(GFP_KERNEL, {.name = "kcxx-test-again"}));
	KCXX_EXPECT(t, again->minor() >= 0);
	(void)minor;
}

void bad_names_are_einval(test::Context &t)
{
	auto empty = Registration<Plain>::try_new(GFP_KERNEL, {.name = ""});
	KCXX_EXPECT(t, empty.is_error() && empty.error() == code::EINVAL);
	auto none = Registration<Plain>::try_new(GFP_KERNEL, {.name = nullptr});
	KCXX_EXPECT(t, none.is_error() && none.error() == code::EINVAL);
	auto longer = Registration<Plain>::try_new(
		GFP_KERNEL, {.name = "kcxx-a-name-that-is-longer-than-sixty-four-characters-is-refused-here"});
	KCXX_EXPECT(t, longer.is_error() && longer.error() == code::EINVAL);
}

constexpr test::Case cases[] = {
	KCXX_CASE(registers_and_names),
	KCXX_CASE(shared_data_is_built_in_place),
	KCXX_CASE(two_devices_get_distinct_minors),
	KCXX_CASE(destruction_deregisters),
	KCXX_CASE(bad_names_are_einval),
};

} // namespace

constinit const test::Suite miscdevice_suite{"kcxx_miscdevice", cases};
