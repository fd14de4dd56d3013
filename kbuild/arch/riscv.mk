# SPDX-License-Identifier: GPL-2.0
#
# riscv's part of kcxx.mk (included from it when SRCARCH is riscv): what C++
# needs beyond the kernel's C flags.
#
# -idirafter kbuild/arch/riscv/include: the kernel builds for the lp64 ABI
# (-mabi=lp64: no floating-point registers), and the curated standard
# headers' <features.h> includes <gnu/stubs-lp64.h>, which Debian's riscv64
# libc headers do not have (they are lp64d's): an empty one.
kcxx-arch-cxxflags := -idirafter $(kcxx-dir)/kbuild/arch/riscv/include
