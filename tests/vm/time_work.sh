# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx time, hrtimer, workqueue and dev_* suites
# (kcxx_time_work_test.ko prints its own KTAP when loaded), then the exact
# lines its dev_* case printed.  Run with two CPUs (tests/vm/suites) so
# timers and work items really run beside the test.
# Modules: kcxx_time_work_test.ko
. /kcxx/lib/ktap.sh
M=/kcxx/modules

insmod $M/kcxx_time_work_test.ko || echo "insmod kcxx_time_work_test failed"
rmmod kcxx_time_work_test

ktap_begin 1
ktap_suite_begin kcxx_dev_print_log 8
# The kernel prefixes the driver ("misc") and device name.
ktap_expect_log "dev_info" "misc kcxx-dev-print: dev_print: info 42 ok"
ktap_expect_log "dev_notice" "misc kcxx-dev-print: dev_print: notice 7"
if dmesg | grep -qE -- "misc kcxx-dev-print: dev_print: warn (-ENOMEM|-12)"; then
	ktap_ok "dev_warn"
else
	ktap_not_ok "dev_warn"
fi
ktap_expect_log "dev_err" "misc kcxx-dev-print: dev_print: err beef"
ktap_expect_log "dev_crit" "misc kcxx-dev-print: dev_print: crit -5"
ktap_expect_log "dev_alert" "misc kcxx-dev-print: dev_print: alert"
ktap_expect_log "dev_emerg" "misc kcxx-dev-print: dev_print: emerg z"
if [ -e /dev/kcxx-dev-print ]; then
	ktap_not_ok "the device is gone with its registration"
else
	ktap_ok "the device is gone with its registration"
fi
ktap_suite_end
