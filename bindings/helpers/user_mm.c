// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: user mappings for tests (kcxx_bindings/user_mm.h). */

unsigned long kcxx_helper_vm_mmap_anonymous(unsigned long len, unsigned long prot)
{
#if IS_ENABLED(CONFIG_KUNIT) && LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
	/*
	 * Under KUnit a case runs in a kthread, which has no mm: KUnit
	 * attaches one and unmaps the area when the case ends.
	 */
	if (!current->mm && current->kunit_test)
		return kunit_vm_mmap(current->kunit_test, NULL, 0, len, prot,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);
#endif
	if (!current->mm)
		return (unsigned long)-EOPNOTSUPP;
	return vm_mmap(NULL, 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, 0);
}

int kcxx_helper_access_ok(unsigned long addr, unsigned long n)
{
	return access_ok((const void __user *)addr, n);
}
