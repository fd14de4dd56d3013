# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx sync suites (kcxx_sync_test.ko prints its own KTAP when
# loaded): locks, condition variables, completions, Arc, atomics, stress,
# Revocable.
# Run with two CPUs (tests/vm/suites) so the stress cases really race.
# Modules: kcxx_sync_test.ko
M=/kcxx/modules

insmod $M/kcxx_sync_test.ko || echo "insmod kcxx_sync_test failed"
rmmod kcxx_sync_test
