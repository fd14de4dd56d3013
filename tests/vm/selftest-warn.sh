# Self-test: a kernel report in the log must fail the run even though the
# script passes. The WARNING is written to the kernel log through /dev/kmsg,
# so it reaches the console exactly as a real one would.
. /kcxx/lib/ktap.sh
ktap_begin 1
echo "WARNING: CPU: 0 PID: 1 at tests/vm/selftest-warn.sh:7 selftest+0x0/0x10" >/dev/kmsg
ktap_ok "script itself passes"
ktap_end
