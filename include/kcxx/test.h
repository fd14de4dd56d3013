// SPDX-License-Identifier: GPL-2.0
/// \file
/// In-kernel tests that report KTAP, the format KUnit prints.
///
/// Debian's kernels have no KUnit, so a kcxx test module runs its suites when
/// it is loaded and prints their results through printk, exactly as a KUnit
/// test module would:
///
///     void ok_holds_value(kcxx::test::Context &t)
///     {
///         kcxx::Result<int> r = 42;
///         KCXX_ASSERT(t, r.is_ok());
///         KCXX_EXPECT_EQ(t, *r, 42);
///     }
///     constexpr kcxx::test::Case result_cases[] = { KCXX_CASE(ok_holds_value) };
///     constinit const kcxx::test::Suite result_suite{"kcxx_result", result_cases};
///
///     constexpr const kcxx::test::Suite *suites[] = { &result_suite };
///     KCXX_TEST_MODULE("kcxx_core_test", "kcxx core tests", suites);
///
/// Cases and suites are constant tables, as in KUnit (a C++ module cannot
/// register anything from static constructors).
///
/// On a kernel with KUnit (the 6.12-debug kernel) the same tables become real
/// KUnit suites: the module registers them with KUnit, which runs each case
/// in its own thread, prints the KTAP and keeps the results in debugfs
/// (/sys/kernel/debug/kunit/\<suite\>/results).  One test source serves both.
#pragma once

#include <type_traits>

#include <kcxx/error.h>
#include <kcxx/module.h>
#include <kcxx/print.h>
#include <kcxx/result.h>

namespace kcxx::test {

/// Returns 'p' unchanged, but the compiler can prove nothing about it
/// afterwards (the kernel's OPTIMIZER_HIDE_VAR): for a test of a run-time
/// check that a build-time one would otherwise pre-empt (a use of a
/// moved-from handle that the compiler proves empty fails the build).
template <typename T> [[nodiscard, gnu::always_inline]] inline T *opaque(T *p)
{
	asm volatile("" : "+r"(p));
	return p;
}

/// The state of one running case.
class Context {
public:
	/// A case named 'case_name', under KUnit when 'kunit' is given.
	explicit Context(const char *case_name, bindings::kunit *kunit = nullptr)
		: case_name_(case_name), kunit_(kunit)
	{
	}

	/// Whether an expectation failed.
	[[nodiscard]] bool failed() const { return failed_; }
	/// Why the case was skipped, or nullptr if it was not.
	[[nodiscard]] const char *skip_reason() const { return skip_reason_; }

	/// Marks the case skipped (reported as 'ok N name # SKIP reason').
	void skip(const char *reason)
	{
		skip_reason_ = reason;
#if KCXX_CONFIG_KUNIT
		if (kunit_)
			// SAFETY: kunit_ is the running case's KUnit context.
			bindings::kcxx_helper_kunit_skip(kunit_, reason);
#endif
	}

	/// Records a failed expectation with its location and source text.
	void fail(const char *file, int line, const char *what)
	{
		failed_ = true;
#if KCXX_CONFIG_KUNIT
		if (kunit_) {
			// SAFETY: kunit_ is the running case's KUnit context.
			bindings::kcxx_helper_kunit_fail(kunit_, file, line, what);
			return;
		}
#endif
		detail::printk<"\001" "6" "        # %s: EXPECTATION FAILED at %s:%d\n">(case_name_, file, line);
		detail::printk<"\001" "6" "        Expected %s\n">(what);
	}

	/// Shows 'value' under 'label' after a failed expectation (KCXX_EXPECT_EQ).
	template <typename T> void note_value(const char *label, const T &value)
	{
		using U = std::remove_cvref_t<T>;
		if constexpr (std::is_same_v<U, bool>)
			detail::printk<"\001" "6" "        %s == %d\n">(label, value ? 1 : 0);
		else if constexpr (std::is_same_v<U, Error>)
			detail::printk<"\001" "6" "        %s == %pe\n">(label, value);
		else if constexpr (std::is_integral_v<U> && std::is_signed_v<U>)
			detail::printk<"\001" "6" "        %s == %lld\n">(label, static_cast<long long>(value));
		else if constexpr (std::is_integral_v<U> || std::is_enum_v<U>)
			detail::printk<"\001" "6" "        %s == %llu\n">(label, static_cast<unsigned long long>(value));
		else if constexpr (std::is_pointer_v<U> || std::is_null_pointer_v<U>)
			detail::printk<"\001" "6" "        %s == %px\n">(label, static_cast<const void *>(value));
	}

private:
	const char *case_name_;
	bindings::kunit *kunit_;
	const char *skip_reason_ = nullptr;
	bool failed_ = false;
};

/// One test case: a function run with its Context (KCXX_CASE()).
struct Case {
	/// The case's name in the KTAP output.
	const char *name;
	/// The function that runs the case.
	void (*run)(Context &);
	/// The same case as a KUnit run_case function (KCXX_CASE makes it).
	void (*kunit_run)(bindings::kunit *);
};

/// A KUnit run_case function for the kcxx case 'Run'.
template <void (*Run)(Context &)> void kunit_case(bindings::kunit *kunit)
{
	Context context(nullptr, kunit);
	Run(context);
}

/// A named array of cases, run in order.
struct Suite {
	/// The suite 'suite_name' of the cases in 'suite_cases'.
	template <unsigned long N>
	constexpr Suite(const char *suite_name, const Case (&suite_cases)[N])
		: name(suite_name), cases(suite_cases), count(N)
	{
	}

	/// The suite's name in the KTAP output.
	const char *name;
	/// Its cases.
	const Case *cases;
	/// How many cases.
	unsigned long count;
};

/// How many cases passed, failed and were skipped.
struct Totals {
	/// Cases that passed.
	unsigned long passed = 0;
	/// Cases that failed.
	unsigned long failed = 0;
	/// Cases that were skipped.
	unsigned long skipped = 0;
};

/// Runs one suite and prints it as a KTAP subtest numbered 'number'.
inline Totals run_suite(const Suite &suite, unsigned long number, const char *module)
{
	Totals totals;
	detail::printk<"\001" "6" "    KTAP version 1\n">();
	detail::printk<"\001" "6" "    # Subtest: %s\n">(suite.name);
	detail::printk<"\001" "6" "    # module: %s\n">(module);
	detail::printk<"\001" "6" "    1..%lu\n">(suite.count);
	for (unsigned long i = 0; i < suite.count; ++i) {
		const Case &c = suite.cases[i];
		Context context(c.name);
		c.run(context);
		if (context.failed()) {
			++totals.failed;
			detail::printk<"\001" "6" "    not ok %lu %s\n">(i + 1, c.name);
		} else if (context.skip_reason()) {
			++totals.skipped;
			detail::printk<"\001" "6" "    ok %lu %s # SKIP %s\n">(i + 1, c.name, context.skip_reason());
		} else {
			++totals.passed;
			detail::printk<"\001" "6" "    ok %lu %s\n">(i + 1, c.name);
		}
	}
	detail::printk<"\001" "6" "# %s: pass:%lu fail:%lu skip:%lu total:%lu\n">(
		suite.name, totals.passed, totals.failed, totals.skipped, suite.count);
	if (totals.failed)
		detail::printk<"\001" "6" "not ok %lu %s\n">(number, suite.name);
	else if (totals.passed == 0 && totals.skipped)
		detail::printk<"\001" "6" "ok %lu %s # SKIP\n">(number, suite.name);
	else
		detail::printk<"\001" "6" "ok %lu %s\n">(number, suite.name);
	return totals;
}

/// The suites of a test module registered with KUnit (on KUnit kernels).
///
/// INVARIANT: registration_ is null or a registration whose suites KUnit ran;
/// it is released exactly once, by the destructor.
class KunitSuites {
public:
	KunitSuites() = default;
	/// Takes over other's registration; other is left empty.
	KunitSuites(KunitSuites &&other)
		: registration_(other.registration_)
	{
		other.registration_ = nullptr;
	}
	KunitSuites(const KunitSuites &) = delete;
	KunitSuites &operator=(const KunitSuites &) = delete;
	KunitSuites &operator=(KunitSuites &&) = delete;

	/// Registers the suites with KUnit, which runs them.  Only on KUnit
	/// kernels (KCXX_CONFIG_KUNIT); elsewhere it answers -EOPNOTSUPP.
	template <unsigned long N> static Result<KunitSuites> run(const Suite *const (&suites)[N])
	{
		KunitSuites registered;
#if KCXX_CONFIG_KUNIT
		// SAFETY: the helpers copy what they need; names and case
		// functions are constants that live as long as the module.
		registered.registration_ = bindings::kcxx_helper_kunit_new(N);
		if (!registered.registration_)
			return code::ENOMEM;
		for (const Suite *suite : suites) {
			int err = bindings::kcxx_helper_kunit_add_suite(registered.registration_,
									suite->name, suite->count);
			if (err)
				return Error::from_errno(err);
			// SAFETY: the suite just added has room for exactly
			// suite->count cases, and that many are added.
			for (unsigned long i = 0; i < suite->count; ++i)
				bindings::kcxx_helper_kunit_add_case(registered.registration_,
								     suite->cases[i].name,
								     suite->cases[i].kunit_run);
		}
		// SAFETY: every suite is complete; KUnit runs them now and the
		// destructor unregisters them (INVARIANT).
		bindings::kcxx_helper_kunit_run(registered.registration_);
		return registered;
#else
		(void)suites;
		return code::EOPNOTSUPP;
#endif
	}

	~KunitSuites()
	{
#if KCXX_CONFIG_KUNIT
		// SAFETY: by the INVARIANT, released once.
		bindings::kcxx_helper_kunit_release(registration_);
#endif
	}

private:
	bindings::kcxx_kunit_registration *registration_ = nullptr;
};

/// Runs every suite as one KTAP document.
template <unsigned long N> Totals run_all(const Suite *const (&suites)[N], const char *module)
{
	Totals all;
	detail::printk<"\001" "6" "KTAP version 1\n">();
	detail::printk<"\001" "6" "1..%lu\n">(N);
	for (unsigned long i = 0; i < N; ++i) {
		Totals t = run_suite(*suites[i], i + 1, module);
		all.passed += t.passed;
		all.failed += t.failed;
		all.skipped += t.skipped;
	}
	detail::printk<"\001" "6" "# Totals: pass:%lu fail:%lu skip:%lu total:%lu\n">(
		all.passed, all.failed, all.skipped, all.passed + all.failed + all.skipped);
	return all;
}

} // namespace kcxx::test

/// A Case for the function 'function', named after it.
#define KCXX_CASE(function) \
	::kcxx::test::Case{#function, function, &::kcxx::test::kunit_case<function>}

/// Checks 'condition'; on false the case fails (and goes on), with the
/// condition's text and location in the log.
#define KCXX_EXPECT(t, condition)                                         \
	do {                                                              \
		if (!static_cast<bool>(condition)) [[unlikely]]           \
			(t).fail(__FILE__, __LINE__, #condition);         \
	} while (0)

/// Checks 'condition'; on false the case fails and returns at once.
#define KCXX_ASSERT(t, condition)                                         \
	do {                                                              \
		if (!static_cast<bool>(condition)) [[unlikely]] {         \
			(t).fail(__FILE__, __LINE__, #condition);         \
			return;                                           \
		}                                                         \
	} while (0)

/// Checks left == right; on false the case fails (and goes on), showing both
/// values.
#define KCXX_EXPECT_EQ(t, left, right)                                    \
	do {                                                              \
		const auto kcxx_left_ = (left);                           \
		const auto kcxx_right_ = (right);                         \
		if (!(kcxx_left_ == kcxx_right_)) [[unlikely]] {          \
			(t).fail(__FILE__, __LINE__, #left " == " #right);\
			(t).note_value(#left, kcxx_left_);                \
			(t).note_value(#right, kcxx_right_);              \
		}                                                         \
	} while (0)

/// Asserts that a Result holds a value; shows the error otherwise.
#define KCXX_ASSERT_OK(t, result)                                         \
	do {                                                              \
		if ((result).is_error()) [[unlikely]] {                   \
			(t).fail(__FILE__, __LINE__, #result " is ok");   \
			(t).note_value("error", (result).error());        \
			return;                                           \
		}                                                         \
	} while (0)

/// The value of a Result, or fail the case and return from it.
#define KCXX_ASSERT_TRY(t, expr)                                           \
	({                                                                 \
		auto kcxx_assert_try_ = (expr);                            \
		if (kcxx_assert_try_.is_error()) [[unlikely]] {            \
			(t).fail(__FILE__, __LINE__, #expr " is ok");      \
			(t).note_value("error", kcxx_assert_try_.error()); \
			return;                                            \
		}                                                          \
		std::move(kcxx_assert_try_).value();                       \
	})

/// A module that runs 'suites' (an array of const Suite *) when loaded: as
/// KUnit suites on a KUnit kernel, else by itself, printing the same KTAP.
#define KCXX_TEST_MODULE(module_name, module_description, suites)               \
	namespace {                                                             \
	class KcxxTestModule {                                                  \
	public:                                                                 \
		static constexpr ::kcxx::ModuleInfo info{                       \
			.name = module_name,                                    \
			.license = "GPL",                                       \
			.author = "The kcxx authors",                           \
			.description = module_description,                      \
		};                                                              \
		static ::kcxx::Result<KcxxTestModule> init()                    \
		{                                                               \
			if constexpr (KCXX_CONFIG_KUNIT) {                      \
				::kcxx::detail::printk<"\001" "6" "KTAP version 1\n">(); \
				::kcxx::detail::printk<"\001" "6" "1..%lu\n">(   \
					sizeof(suites) / sizeof(suites[0]));    \
				return KcxxTestModule(                          \
					TRY(::kcxx::test::KunitSuites::run(suites))); \
			}                                                       \
			(void)::kcxx::test::run_all(suites, info.name);         \
			return KcxxTestModule(::kcxx::test::KunitSuites());     \
		}                                                               \
		KcxxTestModule(KcxxTestModule &&) = default;                    \
                                                                                \
	private:                                                                \
		explicit KcxxTestModule(::kcxx::test::KunitSuites kunit)        \
			: kunit_(static_cast<::kcxx::test::KunitSuites &&>(kunit)) \
		{                                                               \
		}                                                               \
		::kcxx::test::KunitSuites kunit_;                               \
	};                                                                      \
	}                                                                       \
	KCXX_MODULE(KcxxTestModule)
