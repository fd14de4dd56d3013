/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: mapping user memory into the current process (mm/util.c,
 * mm/mmap.c), for tests of user-memory access from module init, which runs
 * in the context of the process that loads the module.
 */
#ifndef KCXX_BINDINGS_USER_MM_H
#define KCXX_BINDINGS_USER_MM_H

KCXX_BINDINGS_BEGIN

unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flag, unsigned long offset);
int vm_munmap(unsigned long start, kcxx_size_t len);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_USER_MM_H */
