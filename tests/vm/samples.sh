# SPDX-License-Identifier: GPL-2.0
# Guest script for 'make run': load each sample, show what it printed,
# unload it.  Modules: hello.ko
. /kcxx/lib/ktap.sh
ktap_begin 2
echo "--- insmod hello.ko"
insmod /kcxx/modules/hello.ko
ktap_result $? "hello loads"
lsmod | grep -E "^Module|^hello"
modinfo /kcxx/modules/hello.ko 2>/dev/null | grep -E "^(description|author|license|name)" || true
echo "--- rmmod hello"
rmmod hello
ktap_result $? "hello unloads"
echo "--- kernel log:"
dmesg | grep -E "hello" | grep -v "taint"
ktap_end
