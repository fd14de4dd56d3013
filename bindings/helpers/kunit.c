// SPDX-License-Identifier: GPL-2.0
/*
 * kcxx bindings: KUnit helpers (see kcxx_bindings/kunit.h).  Built only on
 * kernels with CONFIG_KUNIT; C++ calls them only there (KCXX_CONFIG_KUNIT).
 */
#if IS_ENABLED(CONFIG_KUNIT)

struct kcxx_kunit_registration {
	unsigned long capacity;	/* suites allocated */
	int count;		/* suites added */
	unsigned long cases;	/* cases added to the last suite */
	bool ran;
	struct kunit_suite **suites;
};

struct kcxx_kunit_registration *kcxx_helper_kunit_new(unsigned long suites)
{
	struct kcxx_kunit_registration *reg;

	reg = kzalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg)
		return NULL;
	reg->suites = kcalloc(suites, sizeof(*reg->suites), GFP_KERNEL);
	if (!reg->suites) {
		kfree(reg);
		return NULL;
	}
	reg->capacity = suites;
	return reg;
}

int kcxx_helper_kunit_add_suite(struct kcxx_kunit_registration *reg,
				const char *name, unsigned long cases)
{
	struct kunit_suite *suite;

	if (reg->count >= reg->capacity)
		return -EINVAL;
	suite = kzalloc(sizeof(*suite), GFP_KERNEL);
	if (!suite)
		return -ENOMEM;
	/* KUnit's case arrays end with an empty entry. */
	suite->test_cases = kcalloc(cases + 1, sizeof(*suite->test_cases),
				    GFP_KERNEL);
	if (!suite->test_cases) {
		kfree(suite);
		return -ENOMEM;
	}
	strscpy((char *)suite->name, name, sizeof(suite->name));
	reg->suites[reg->count++] = suite;
	reg->cases = 0;
	return 0;
}

void kcxx_helper_kunit_add_case(struct kcxx_kunit_registration *reg,
				const char *name,
				void (*run)(struct kunit *test))
{
	struct kunit_case *c;

	if (WARN_ON(!reg->count))
		return;
	c = &reg->suites[reg->count - 1]->test_cases[reg->cases++];
	c->name = name;
	c->run_case = run;
}

void kcxx_helper_kunit_run(struct kcxx_kunit_registration *reg)
{
	reg->ran = true;
	__kunit_test_suites_init(reg->suites, reg->count);
}

void kcxx_helper_kunit_release(struct kcxx_kunit_registration *reg)
{
	int i;

	if (!reg)
		return;
	if (reg->ran)
		__kunit_test_suites_exit(reg->suites, reg->count);
	for (i = 0; i < reg->count; i++) {
		kfree(reg->suites[i]->test_cases);
		kfree(reg->suites[i]);
	}
	kfree(reg->suites);
	kfree(reg);
}

void kcxx_helper_kunit_fail(struct kunit *test, const char *file, int line,
			    const char *what)
{
	kunit_err(test, "%s:%d: EXPECTATION FAILED: %s", file, line, what);
	kunit_set_failure(test);
}

void kcxx_helper_kunit_skip(struct kunit *test, const char *reason)
{
	kunit_mark_skipped(test, "%s", reason);
}

#endif /* CONFIG_KUNIT */
