# SPDX-License-Identifier: GPL-2.0
#
# clang's part of kcxx.mk (included from it when the kernel was built with
# clang, CONFIG_CC_IS_CLANG: the kernel 6.12-clang of tools/clang-kernel/build;
# docs/clang-kernel.md): the C++ compiler and the C++ flags only clang++ has.
# The other compiler: kbuild/compiler/gcc.mk.  Everything else - target,
# codegen and mitigation flags, sanitizers - comes from the kernel's own C
# flags, as with GCC.

# The C++ compiler that matches the kernel's C compiler (clang-16 ->
# clang++-16; the clang kernel's .kernelvariables names CC).
KCXX_CXX ?= $(subst clang,clang++,$(CC))

# clang has no -fno-gnu-unique (it never emits STB_GNU_UNIQUE symbols).
#
# -Werror=return-stack-address, -Werror=dangling: what GCC's
# -Wdangling-pointer=2 finds after inlining (a guard returned from the
# function whose local lock it holds, include/kcxx/sync/), clang finds from
# the [[clang::lifetimebound]] annotations (KCXX_LIFETIMEBOUND,
# include/kcxx/compiler.h) at the return statement, in the caller's code.
#
# -Wno-missing-prototypes: the kernel's C flag, which clang (unlike g++)
# applies to C++ too, where a function defined in one file with external
# linkage is the norm (templates, inline functions, class members need no
# prototype; extern "C" entry points are declared by kcxx's headers).
kcxx-compiler-cxxflags := -Werror=return-stack-address -Werror=dangling \
	-Wno-missing-prototypes
