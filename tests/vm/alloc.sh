# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx allocation suites (Vec, VVec, VBox, overflow checks);
# kcxx_alloc_test.ko prints its own KTAP when loaded.
# Modules: kcxx_alloc_test.ko
M=/kcxx/modules
insmod $M/kcxx_alloc_test.ko || echo "insmod kcxx_alloc_test failed"
rmmod kcxx_alloc_test
