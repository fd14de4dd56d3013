/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: KUnit, on kernels built with CONFIG_KUNIT.
 *
 * kcxx test modules (include/kcxx/test.h) describe their suites as constant
 * tables; on a KUnit kernel these helpers turn them into real struct
 * kunit_suite objects and run them through KUnit, so the results appear in
 * KUnit's KTAP and in debugfs (/sys/kernel/debug/kunit/<suite>/results).
 * Only the helpers touch struct kunit_suite and struct kunit_case, whose
 * layout changes between versions; C++ holds opaque pointers.  The helpers
 * exist only where CONFIG_KUNIT is set (C++: KCXX_CONFIG_KUNIT).
 */
KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(kunit);
KCXX_OPAQUE_STRUCT(kcxx_kunit_registration);

/* A registration for 'suites' suites, filled by the calls below; NULL when
 * memory ran out. */
struct kcxx_kunit_registration *kcxx_helper_kunit_new(unsigned long suites);
/* Adds a suite of 'cases' cases; then add its cases.  0 or -ENOMEM. */
int kcxx_helper_kunit_add_suite(struct kcxx_kunit_registration *reg,
				const char *name, unsigned long cases);
void kcxx_helper_kunit_add_case(struct kcxx_kunit_registration *reg,
				const char *name,
				void (*run)(struct kunit *test));
/* Runs every suite added, through KUnit. */
void kcxx_helper_kunit_run(struct kcxx_kunit_registration *reg);
/* Removes the suites (and their debugfs entries) and frees everything. */
void kcxx_helper_kunit_release(struct kcxx_kunit_registration *reg);

/* Marks the running case failed, with the failed expectation in its log. */
void kcxx_helper_kunit_fail(struct kunit *test, const char *file, int line,
			    const char *what);
/* Marks the running case skipped. */
void kcxx_helper_kunit_skip(struct kunit *test, const char *reason);

KCXX_BINDINGS_END
