# SPDX-License-Identifier: GPL-2.0
#
# arm64's part of kcxx.mk (included from it when SRCARCH is arm64): C++ flags
# the kernel's C flags do not carry because the kernel's C never needs them.
#
# -mno-outline-atomics: GCC's aarch64 default turns each __atomic builtin
# (kcxx::Atomic, the C++ side of Arc and refcount) into a call of a libgcc
# helper (__aarch64_ldadd4_acq_rel, ...) that picks LSE or LL/SC at run
# time; the kernel exports none of them (its C uses inline asm atomics).
# Inline LL/SC sequences are correct on every arm64 CPU.
kcxx-arch-cxxflags := -mno-outline-atomics
