/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: mapping user memory into the current process (mm/util.c,
 * mm/mmap.c), for tests of user-memory access from module init, which runs
 * in the context of the process that loads the module (or, under KUnit, in
 * a kthread that KUnit gives an mm).
 */
#ifndef KCXX_BINDINGS_USER_MM_H
#define KCXX_BINDINGS_USER_MM_H

KCXX_BINDINGS_BEGIN

int vm_munmap(unsigned long start, kcxx_size_t len);
/*
 * An anonymous private mapping of 'len' bytes in the current process
 * (vm_mmap(), or kunit_vm_mmap() in a KUnit case's kthread, which has no
 * mm of its own); -EOPNOTSUPP without an mm.  An address or -errno.
 */
unsigned long kcxx_helper_vm_mmap_anonymous(unsigned long len, unsigned long prot);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_USER_MM_H */
