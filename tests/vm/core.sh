# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx core suites (kcxx_core_test.ko prints its own KTAP when
# loaded), the exact text its logging cases printed, and module load/unload
# with samples/hello and a module whose init fails.
# Modules: kcxx_core_test.ko hello.ko kcxx_init_fails.ko
. /kcxx/lib/ktap.sh
M=/kcxx/modules

# The in-kernel suites report themselves through printk.
insmod $M/kcxx_core_test.ko || echo "insmod kcxx_core_test failed"
rmmod kcxx_core_test

ktap_begin 3

ktap_suite_begin kcxx_print_log 6
ktap_expect_log "prefix and level" "kcxx_core_test: print: level info"
ktap_expect_log "integers" "kcxx_core_test: print: ints -5 -300 4000000000 -9000000000 18000000000000000000 4096 ff    42|7  |"
# %pe prints the name with CONFIG_SYMBOLIC_ERRNAME (Debian), the number without.
if dmesg | grep -qE -- "kcxx_core_test: print: str kcxx buffer abc    9 err (-ENOMEM|-12) (-EINVAL|-22)"; then
	ktap_ok "strings, precision, width, errors"
else
	ktap_not_ok "strings, precision, width, errors"
fi
ktap_expect_log "percent" "kcxx_core_test: print: percent 100%"
ktap_expect_log "continuation" "kcxx_core_test: print: cont a b 3"
if dmesg | grep -q "print: debug"; then ktap_not_ok "pr_debug is silent"; else ktap_ok "pr_debug is silent"; fi
ktap_suite_end

ktap_suite_begin kcxx_module_lifecycle 9
ktap_run "hello loads" insmod $M/hello.ko
ktap_expect_log "hello init ran" "hello: hello, world (from C++"
ktap_run "hello is listed" test -d /sys/module/hello
if insmod $M/hello.ko 2>/dev/null; then ktap_not_ok "second load is refused"; else ktap_ok "second load is refused"; fi
ktap_run "hello unloads" rmmod hello
ktap_expect_log "hello exit ran" "hello: goodbye, world"
ktap_run "hello is gone" sh -c '! test -d /sys/module/hello'
out=$(insmod $M/kcxx_init_fails.ko 2>&1)
if [ $? -ne 0 ] && echo "$out" | grep -q "No such device"; then
	ktap_ok "init error reaches insmod (ENODEV)"
else
	ktap_not_ok "init error reaches insmod (ENODEV)" "insmod said: $out"
fi
ktap_run "failed module is not listed" sh -c '! test -d /sys/module/kcxx_init_fails'
ktap_suite_end

ktap_suite_begin kcxx_module_reload 1
ok=0
i=0
while [ $i -lt 20 ]; do
	insmod $M/hello.ko && rmmod hello || ok=1
	i=$((i + 1))
done
ktap_result $ok "hello loads and unloads 20 times"
ktap_suite_end

ktap_end
