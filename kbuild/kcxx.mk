# SPDX-License-Identifier: GPL-2.0
#
# kcxx.mk - C++20 sources in an ordinary out-of-tree Kbuild module.
#
# Include it at the END of the module's Kbuild file, after obj-m and the
# <module>-y lists (it reads them):
#
#     obj-m += hello.o
#     hello-y := hello_main.o
#     include $(KCXX)/kbuild/kcxx.mk
#
# and build as usual: make -C $KDIR M=$PWD KCXX=/path/to/kcxx
#
# For every .o whose source is a .cpp, it adds a compile rule that mirrors
# Kbuild's own C rule: real dependency tracking through fixdep, objtool run
# per object where the kernel does so (6.1), the module's C flags with the
# C-only options removed.  To every module it adds:
#   kcxx-rt-<module>.o  bindings/helpers.c, compiled as C with the kernel's
#                       headers: the static-inline helpers, and the check of
#                       every C++ declaration of a kernel function against
#                       the kernel's prototype;
#   a post-link check of the module's undefined symbols (check-imports).
# and it generates .kcxx/kcxx_layout.h (kernel constants and struct layouts)
# and .kcxx/stdinc/ (the curated standard headers, see runtime/std-allowlist)
# in the module's build directory, so builds for several kernels coexist when
# each has its own build directory.
#
# Variables a module may set:  cxxflags-y (C++ flags for all its .cpp files),
# CXXFLAGS_<file>.o, KCXX_WERROR=1 (warnings are errors), kcxx-helpers (the
# helpers of kernel subsystems that are modules themselves, e.g. drm: see
# below).

kcxx-dir := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

# What one compiler needs (the C++ compiler that matches the kernel's C
# compiler, KCXX_CXX, and the C++ flags only it has, kcxx-compiler-cxxflags):
# kbuild/compiler/gcc.mk, or kbuild/compiler/clang.mk for a kernel built
# with clang (CONFIG_CC_IS_CLANG).
include $(kcxx-dir)/kbuild/compiler/$(if $(CONFIG_CC_IS_CLANG),clang,gcc).mk

kcxx-gen := $(obj)/.kcxx
clean-files += .kcxx

# ---------------------------------------------------------------------------
# C++ flags, derived from the kernel's C flags at build time.
#
# Every codegen and mitigation option (mcmodel, red zone, no SSE, retpoline
# and return thunks, SLS, CET, stack protector, ftrace entry, auto-var-init)
# comes from the kernel's own KBUILD_CFLAGS; the compiler itself says which of
# them are C-only, so nothing here is a per-kernel list.

kcxx-c-only-flags := $(shell $(kcxx-dir)/kbuild/c-only-flags $(KCXX_CXX) \
	$(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) $(KBUILD_CFLAGS_MODULE))

kcxx-language-flags := -std=gnu++20 -fno-exceptions -fno-rtti \
	-fno-threadsafe-statics $(kcxx-compiler-cxxflags) -fno-asynchronous-unwind-tables \
	-Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	-Werror=return-type -Werror=vla -Werror=unused-result -g1 \
	$(if $(KCXX_WERROR),-Werror)

kcxx-include-flags := $(NOSTDINC_FLAGS) @$(kcxx-gen)/stdinc/isystem.rsp \
	-I$(kcxx-dir)/include -I$(kcxx-dir)/bindings/include -I$(kcxx-gen) \
	-I$(src) -include $(kcxx-dir)/runtime/prelude.h

# Helpers of subsystems that are modules (drm): bindings/helpers.c compiles
# them only with KCXX_HELPERS_<name> defined, so that only the modules of a
# directory whose Kbuild says 'kcxx-helpers := drm' import from (and load)
# those modules; the C++ headers of the subsystem check the same macro.
kcxx-helpers-flags = $(foreach h,$(kcxx-helpers),-DKCXX_HELPERS_$(h))

# The kernel's __cold is empty where GCC would not align a cold function to
# CONFIG_FUNCTION_ALIGNMENT (include/linux/compiler_types.h; arm64's ftrace
# needs the alignment): KCXX_COLD (kcxx/compiler.h) follows it.  C++ does
# not see the kernel's CONFIG_ macros, hence the flag.
kcxx-config-flags := $(if $(filter-out 0,$(CONFIG_FUNCTION_ALIGNMENT)),$(if \
	$(CONFIG_CC_HAS_SANE_FUNCTION_ALIGNMENT),,-DKCXX_NO_COLD_ATTRIBUTE))

# What one architecture needs beyond the kernel's flags: kbuild/arch/<arch>.mk
# (kcxx-arch-cxxflags), if there is one.
-include $(kcxx-dir)/kbuild/arch/$(SRCARCH).mk

kcxx_cxx_flags = -Wp,-MMD,$(depfile) $(kcxx-include-flags) \
	$(filter-out $(kcxx-c-only-flags),$(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS)) \
	$(modkern_cflags) $(basename_flags) $(modname_flags) \
	$(kcxx-language-flags) $(kcxx-arch-cxxflags) $(kcxx-config-flags) $(kcxx-helpers-flags) $(cxxflags-y) $(CXXFLAGS_$(target-stem).o)

# ---------------------------------------------------------------------------
# objtool: every warning fails the build.  On 6.1 objtool runs per object in
# the compile rule (below, for C++ as for C); on 6.12 (IBT) it runs on the
# linked module.  Both go through $(objtool), which Makefile.lib sets after
# this file is read, hence 'override'.
override objtool := $(kcxx-dir)/kbuild/objtool-strict $(objtree)/tools/objtool/objtool

# ---------------------------------------------------------------------------
# The C++ compile rule, modelled on rule_cc_o_c.

quiet_cmd_cc_o_cpp = CXX $(quiet_modtag) $@
      cmd_cc_o_cpp = $(KCXX_CXX) $(kcxx_cxx_flags) -c -o $@ $< ; \
		$(kcxx-dir)/kbuild/finish-cxx-object $(OBJCOPY) $@ \
		$(cmd_objtool)

define rule_cc_o_cpp
	$(call cmd_and_fixdep,cc_o_cpp)
	$(call cmd,gen_objtooldep)
	$(call cmd,record_mcount)
endef

$(obj)/%.o: $(src)/%.cpp $(kcxx-gen)/kcxx_layout.h $(kcxx-gen)/stdinc/isystem.rsp FORCE
	$(call if_changed_rule,cc_o_cpp)

# ---------------------------------------------------------------------------
# The curated standard library (runtime/std-allowlist).

quiet_cmd_kcxx_stdinc = STDINC  $(dir $@)
      cmd_kcxx_stdinc = $(kcxx-dir)/kbuild/mkstdinc $(dir $@) $(KCXX_CXX) \
		$(kcxx-dir)/runtime/std-allowlist

$(kcxx-gen)/stdinc/isystem.rsp: $(kcxx-dir)/runtime/std-allowlist \
		$(kcxx-dir)/kbuild/mkstdinc FORCE
	$(call if_changed,kcxx_stdinc)

# ---------------------------------------------------------------------------
# Kernel constants and struct layouts for C++ (bindings/layout.c).

quiet_cmd_kcxx_layout_s = LAYOUT  $@
      cmd_kcxx_layout_s = $(CC) $(c_flags) -I$(kcxx-dir)/bindings/include \
		-S -o $@ $<

$(kcxx-gen)/layout.s: $(kcxx-dir)/bindings/layout.c FORCE
	$(Q)mkdir -p $(dir $@)
	$(call if_changed_dep,kcxx_layout_s)

filechk_kcxx_layout = $(kcxx-dir)/kbuild/layout-header < $<

$(kcxx-gen)/kcxx_layout.h: $(kcxx-gen)/layout.s FORCE
	$(call filechk,kcxx_layout)

# Relative to $(obj), as Makefile.lib expects.
targets += .kcxx/layout.s .kcxx/stdinc/isystem.rsp

# ---------------------------------------------------------------------------
# Per module: the bindings object, and the check of what it imports.

kcxx-modules := $(patsubst %.o,%,$(obj-m))

$(foreach m,$(kcxx-modules),$(if $($(m)-y)$($(m)-objs),,$(error kcxx: \
	module $(m) must list its objects in $(m)-y (e.g. $(m)-y := $(m)_main.o): \
	kcxx links its runtime into every module)))
$(foreach m,$(kcxx-modules),$(eval $(m)-y += kcxx-rt-$(m).o))

$(obj)/kcxx-rt-%.o: $(kcxx-dir)/bindings/helpers.c FORCE
	$(call if_changed_rule,cc_o_c)

$(obj)/kcxx-rt-%.o: ccflags-y += -I$(kcxx-dir)/bindings/include $(kcxx-helpers-flags)

# The module's undefined symbols must all be exported by the kernel (or by a
# module named in KBUILD_EXTRA_SYMBOLS); modpost would say "undefined!" for
# the .ko, check-imports names the object and explains the C++ feature.
quiet_cmd_kcxx_imports = IMPORTS $<
      cmd_kcxx_imports = $(kcxx-dir)/kbuild/check-imports $< \
		$(objtree)/Module.symvers $(KBUILD_EXTRA_SYMBOLS); touch $@

$(obj)/%.kcxx-imports: $(obj)/%.o FORCE
	$(call if_changed,kcxx_imports)

always-y += $(addsuffix .kcxx-imports,$(kcxx-modules))
