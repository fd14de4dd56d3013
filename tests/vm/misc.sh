# SPDX-License-Identifier: GPL-2.0
# Guest script: user-memory access, ioctl dispatch and misc device
# registration in the kernel (kcxx_uaccess_test.ko prints its own KTAP when
# loaded), then samples/misc (/dev/kcxx-misc) driven from user space by
# tests/userspace/misc_test: functionality, error paths, blocking reads,
# poll, concurrent processes and a randomized fuzzer.  The harness fails the
# run on any kernel report (BUG, WARNING, KFENCE, ...).
# kcxx_misc_devices.ko adds devices that test the framework's defaults and
# lifetime rules; misc_compat_m32 is a 32-bit process (compat_ioctl).
# Modules: kcxx_uaccess_test.ko kcxx_misc.ko kcxx_misc_devices.ko;
# files: misc_test misc_compat_m32.
. /kcxx/lib/ktap.sh
M=/kcxx/modules
T=/kcxx/files/misc_test

insmod $M/kcxx_uaccess_test.ko || echo "insmod kcxx_uaccess_test failed"
rmmod kcxx_uaccess_test

# The fuzzer's syscall count (KCXX_MISC_FUZZ overrides it when set).
fuzz_syscalls=${KCXX_MISC_FUZZ:-500000}
# The debug kernel (KASAN, lockdep) runs a fifth, as edu.sh does: the 500k
# run is on 6.1 and 6.12; on the debug kernel 500k took 72 of the suite's
# 124 s.
case ${KCXX_KERNEL:-} in *-debug | *-clang) fuzz_syscalls=${KCXX_MISC_FUZZ:-100000} ;; esac

ktap_begin 15
ktap_run "kcxx_misc loads" insmod $M/kcxx_misc.ko
ktap_run "/dev/kcxx-misc appears" test -c /dev/kcxx-misc
$T functional; ktap_result $? misc_functional
$T errors; ktap_result $? misc_errors
$T blocking; ktap_result $? misc_blocking
$T poll; ktap_result $? misc_poll
$T concurrent; ktap_result $? misc_concurrent
# riscv64 has no 32-bit program: Debian 12 has no rv32 compiler or libc.
if [ -e /kcxx/files/misc_compat_m32 ]; then
	/kcxx/files/misc_compat_m32; ktap_result $? misc_compat32
else
	ktap_skip misc_compat32 "no 32-bit program for $(uname -m) (tests/userspace/build)"
fi
ktap_run "kcxx_misc_devices loads" insmod $M/kcxx_misc_devices.ko
$T framework; ktap_result $? misc_framework
ktap_run "kcxx_misc_devices unloads" rmmod kcxx_misc_devices
$T fuzz "$fuzz_syscalls" "$(date +%s)" 2; ktap_result $? misc_fuzz
ktap_suite_begin kcxx_misc_unload 3
ktap_run "kcxx_misc unloads" rmmod kcxx_misc
ktap_run "/dev/kcxx-misc is gone" sh -c '! test -e /dev/kcxx-misc'
ktap_run "kcxx_misc loads again" sh -c "insmod $M/kcxx_misc.ko && test -c /dev/kcxx-misc && rmmod kcxx_misc"
ktap_suite_end
ktap_suite_begin kcxx_misc_capacity_parameter 4
out=$(insmod $M/kcxx_misc.ko capacity=0 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "Invalid argument"; then
	ktap_ok "capacity=0 is refused (EINVAL)"
else
	ktap_not_ok "capacity=0 is refused (EINVAL)" "insmod said: $out"
fi
ktap_run "capacity=2000000 is refused" sh -c "! insmod $M/kcxx_misc.ko capacity=2000000 2>/dev/null"
ktap_run "capacity=100 loads" insmod $M/kcxx_misc.ko capacity=100
ktap_run "/sys/module/kcxx_misc/parameters/capacity is 100" \
	sh -c 'test "$(cat /sys/module/kcxx_misc/parameters/capacity)" = 100'
ktap_suite_end
$T capacity 100; ktap_result $? misc_capacity
rmmod kcxx_misc
ktap_end
