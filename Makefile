# SPDX-License-Identifier: GPL-2.0
# kcxx: safe C++20 for Linux kernel drivers.
#
#   make run      each sample at work on Debian's 6.12 kernel in QEMU (tools/run-samples)
#   make check    host tests, build-rule tests, VM suites on every kernel
#   make modules  build the samples and test modules for KERNELS
#   make install-kcxx  the kcxx command on PATH (BINDIR, default /usr/local/bin)
#   make docs     the API reference of include/kcxx/ (doxygen) in build/docs/html
#   make bench    kcxx against the same work in C, timed in one boot (bench/),
#                 then bench-blk
#   make bench-edu  kcxx_edu against the C edu_ref on QEMU's edu device
#   make bench-blk  cnull against C null_blk with fio, and the Rust rnull beside
#                   them on a Rust-enabled 6.12 (bench/README.md)
#   make bench-nvme cnvme against Debian's C nvme driver with fio on two QEMU
#                   NVMe controllers, wall clock, ~20 min (bench/README.md)
#   make bench-bochs cbochs against the C bochs.ko on two QEMU bochs-display
#                   adapters: fill + page flip, page flips, mode sets (bench/README.md)
#
# KERNELS chooses the kernels: make check KERNELS=6.12
# Both targets first install what is missing from Debian's packages.

KERNELS ?= 6.1 6.12 6.12-debug 6.12-arm64
RUN_KERNEL ?= 6.12

# For lists in arguments: the arm64 series as --arm64=6.12,6.1.
comma := ,
space := $(subst ,, )

# Every module directory a VM suite uses (tests/vm/suites).
MODULE_DIRS = $(shell sed -e 's/#.*//' -e 's/ --.*//' tests/vm/suites | awk 'NF > 2 { for (i = 3; i <= NF; i++) print $$i }' | sort -u)

.PHONY: all run check modules deps docs clean bench bench-edu bench-blk bench-nvme bench-bochs install-kcxx
all: modules

deps:
	@tools/setup $(if $(filter 6.12-debug,$(KERNELS)),--debug-kernel) $(if $(filter %-arm64,$(KERNELS)),--arm64=$(subst $(space),$(comma),$(patsubst %-arm64,%,$(filter %-arm64,$(KERNELS))))) $(if $(filter 6.12-clang,$(KERNELS)),--clang-kernel)

modules: deps
	@for k in $(KERNELS); do tools/build-modules $$k $(MODULE_DIRS) || exit 1; done

run: deps
	@tools/run-samples $(RUN_KERNEL)

# The API reference (docs/Doxyfile); fails on any doxygen warning.
docs:
	@command -v doxygen > /dev/null || tools/setup
	@tests/docs/run

# tools/check runs tools/setup itself, to time it with the other phases.
check:
	@tools/check --setup $(KERNELS)

bench: deps
	@$(if $(filter --rnull,$(BENCH_RNULL)),tools/setup --rust-kernel)
	@tools/bench/run --kernel $(RUN_KERNEL)
	@tools/bench/edu --kernel $(RUN_KERNEL)
	@tools/bench/blk --kernel $(RUN_KERNEL) $(BENCH_BLK_ARGS) $(BENCH_RNULL)

bench-edu: deps
	@tools/bench/edu --kernel $(RUN_KERNEL)

# Without drivers/cnull: null_blk against itself (the pipeline, ratios 1.000).
BENCH_BLK_ARGS ?= $(if $(wildcard drivers/cnull/Kbuild),,--c-only)
# The Rust peer, rnull, beside them: its kernel (tools/rust-kernel/build) is
# built on first use, about 30 min.  BENCH_RNULL= (empty) leaves rnull out
# unless that kernel is already cached; BENCH_RNULL=--no-rnull always.
BENCH_RNULL ?= $(if $(wildcard drivers/cnull/Kbuild),--rnull)
bench-blk: deps
	@$(if $(filter --rnull,$(BENCH_RNULL)),tools/setup --rust-kernel)
	@tools/bench/blk --kernel $(RUN_KERNEL) $(BENCH_BLK_ARGS) $(BENCH_RNULL)

# BENCH_NVME_ARGS: e.g. --cell randread,4k,32,1 --reps 3 --smp 1 (tools/bench/nvme --help)
bench-nvme: deps
	@tools/bench/nvme --kernel $(RUN_KERNEL) $(BENCH_NVME_ARGS)

# BENCH_BOCHS_ARGS: e.g. --reps 21 --frames 40 (tools/bench/bochs --help)
bench-bochs: deps
	@tools/bench/bochs --kernel $(RUN_KERNEL) $(BENCH_BOCHS_ARGS)

# The kcxx command (docs/kcxx-command.md) on PATH: a symlink to tools/kcxx.
BINDIR ?= /usr/local/bin
install-kcxx:
	@mkdir -p $(BINDIR) && ln -sfn $(CURDIR)/tools/kcxx $(BINDIR)/kcxx && echo "$(BINDIR)/kcxx -> $(CURDIR)/tools/kcxx"

clean:
	rm -rf build
