/* SPDX-License-Identifier: GPL-2.0 */
/*
 * glibc's gnu/stubs.h includes gnu/stubs-<abi>.h; the kernel's riscv64 ABI
 * is lp64 (no floating-point registers), Debian's libc6-dev-riscv64-cross
 * has only lp64d's.  The file lists libc functions that are stubs
 * (__stub_* macros); kernel C++ calls no libc, so none are listed here.
 * kbuild/arch/riscv.mk puts this directory last on the include path.
 */
