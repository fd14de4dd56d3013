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

#ifdef INLINE_COPY_FROM_USER
/*
 * copy_{from,to}_user() without check_copy_size(), which C++ does itself
 * (include/kcxx/uaccess.h): the architecture's inline copy (arm64).
 */
unsigned long kcxx_helper_copy_from_user(void *to, const void *from, unsigned long n)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	return _inline_copy_from_user(to, (const void __user *)from, n);
#else
	return _copy_from_user(to, (const void __user *)from, n);
#endif
}

unsigned long kcxx_helper_copy_to_user(void *to, const void *from, unsigned long n)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	return _inline_copy_to_user((void __user *)to, from, n);
#else
	return _copy_to_user((void __user *)to, from, n);
#endif
}
#endif

int kcxx_helper_access_ok(unsigned long addr, unsigned long n)
{
	return access_ok((const void __user *)addr, n);
}

int kcxx_helper_get_user_1(unsigned char *value, const void *from)
{
	return get_user(*value, (const unsigned char __user *)from);
}

int kcxx_helper_put_user_1(unsigned char value, void *to)
{
	return put_user(value, (unsigned char __user *)to);
}

int kcxx_helper_get_user_2(unsigned short *value, const void *from)
{
	return get_user(*value, (const unsigned short __user *)from);
}

int kcxx_helper_put_user_2(unsigned short value, void *to)
{
	return put_user(value, (unsigned short __user *)to);
}

int kcxx_helper_get_user_4(unsigned int *value, const void *from)
{
	return get_user(*value, (const unsigned int __user *)from);
}

int kcxx_helper_put_user_4(unsigned int value, void *to)
{
	return put_user(value, (unsigned int __user *)to);
}

int kcxx_helper_get_user_8(unsigned long long *value, const void *from)
{
	return get_user(*value, (const unsigned long long __user *)from);
}

int kcxx_helper_put_user_8(unsigned long long value, void *to)
{
	return put_user(value, (unsigned long long __user *)to);
}
