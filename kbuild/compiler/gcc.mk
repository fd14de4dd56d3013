# SPDX-License-Identifier: GPL-2.0
#
# GCC's part of kcxx.mk (included from it when the kernel was built with GCC,
# CONFIG_CC_IS_GCC: Debian's kernels, the debug kernel): the C++ compiler and
# the C++ flags only g++ has.  The other compiler: kbuild/compiler/clang.mk.

# The C++ compiler that matches the kernel's C compiler (gcc-12 -> g++-12,
# aarch64-linux-gnu-gcc-12 -> aarch64-linux-gnu-g++-12).
KCXX_CXX ?= $(subst gcc,g++,$(CC))

# -fno-gnu-unique: inline variables and function-local statics of inline
# functions are ordinary weak symbols, not STB_GNU_UNIQUE ones (which the
# module loader does not know).
kcxx-compiler-cxxflags := -fno-gnu-unique
