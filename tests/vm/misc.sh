# SPDX-License-Identifier: GPL-2.0
# Guest script: user-memory access, ioctl dispatch and misc device
# registration in the kernel (kcxx_uaccess_test.ko prints its own KTAP when
# loaded), then samples/misc (/dev/kcxx-misc) driven from user space by
# tests/userspace/misc_test: functionality, error paths, blocking reads,
# poll, concurrent processes and a randomized fuzzer.  The harness fails the
# run on any kernel report (BUG, WARNING, KFENCE, ...).
# Modules: kcxx_uaccess_test.ko kcxx_misc.ko; file: misc_test.
. /kcxx/lib/ktap.sh
M=/kcxx/modules
T=/kcxx/files/misc_test

insmod $M/kcxx_uaccess_test.ko || echo "insmod kcxx_uaccess_test failed"
rmmod kcxx_uaccess_test

# KCXX_MISC_FUZZ: syscalls for the fuzzer (the kernel command line can set
# it: --append kcxx_misc_fuzz=N is not passed to init, so use the default).
fuzz_syscalls=${KCXX_MISC_FUZZ:-500000}

ktap_begin 9
ktap_run "kcxx_misc loads" insmod $M/kcxx_misc.ko
ktap_run "/dev/kcxx-misc appears" test -c /dev/kcxx-misc
$T functional; ktap_result $? misc_functional
$T errors; ktap_result $? misc_errors
$T blocking; ktap_result $? misc_blocking
$T poll; ktap_result $? misc_poll
$T concurrent; ktap_result $? misc_concurrent
$T fuzz "$fuzz_syscalls" "$(date +%s)" 2; ktap_result $? misc_fuzz
ktap_suite_begin kcxx_misc_unload 3
ktap_run "kcxx_misc unloads" rmmod kcxx_misc
ktap_run "/dev/kcxx-misc is gone" sh -c '! test -e /dev/kcxx-misc'
ktap_run "kcxx_misc loads again" sh -c "insmod $M/kcxx_misc.ko && test -c /dev/kcxx-misc && rmmod kcxx_misc"
ktap_suite_end
ktap_end
