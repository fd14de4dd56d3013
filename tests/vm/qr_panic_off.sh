# SPDX-License-Identifier: GPL-2.0
# Guest script: samples/qr_panic loaded with enabled=0 draws nothing, neither
# on the debugfs trigger nor when the kernel panics.  The harness saves the
# screen once the panic is over (off.ppm) and tests/vm/qr_panic_check.py
# checks that it holds no QR code.  Modules: qr_panic.ko
. /kcxx/lib/ktap.sh
M=/kcxx/modules/qr_panic.ko
P=/sys/module/qr_panic/parameters

ktap_begin 3
ktap_run "loads with enabled=0" insmod $M enabled=0
ktap_run "enabled reads N" sh -c "[ \$(cat $P/enabled) = N ]"
out=$(echo 1 2>&1 >/sys/kernel/debug/kcxx_qr_panic/trigger)
if [ $? -ne 0 ] && echo "$out" | grep -q "not permitted"; then
	ktap_ok "the trigger refuses (EPERM)"
else
	ktap_not_ok "the trigger refuses (EPERM)" "$out"
fi
ktap_end

echo "KCXX-QR-MARK off-panic $(cat /proc/sys/kernel/random/uuid)" >/dev/kmsg
echo c >/proc/sysrq-trigger
sleep 600
