# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx string suites (kcxx_str_test.ko prints its own KTAP when
# loaded), then the exact text its printk cases produced.
# Modules: kcxx_str_test.ko
. /kcxx/lib/ktap.sh
M=/kcxx/modules
insmod $M/kcxx_str_test.ko || echo "insmod kcxx_str_test failed"
rmmod kcxx_str_test

ktap_begin 1
ktap_suite_begin kcxx_str_log 2
ktap_expect_log "printk %s takes a CStr" "kcxx_str_test: str: printk kcxx-cstr|pad       |kcxx|"
ktap_expect_log "StringBuilder text reaches printk" "kcxx_str_test: str: builder depth=7   300|a  | -ENOMEM"
ktap_suite_end
ktap_end
