# SPDX-License-Identifier: GPL-2.0
# Guest script: samples/qr_panic.  Parameter validation, the debugfs trigger
# (URL mode at version 40 and 10, raw mode), then a real panic (sysrq c).
# Each QR code drawn is saved by the harness (--screendump-on, in this
# order: url, v10, raw, panic; see tests/vm/suites) and decoded on the host
# by tests/vm/qr_panic_check.py, which looks for the KCXX-QR-MARK line
# logged before each one.  Modules: qr_panic.ko
. /kcxx/lib/ktap.sh
M=/kcxx/modules/qr_panic.ko
P=/sys/module/qr_panic/parameters
T=/sys/kernel/debug/kcxx_qr_panic/trigger

# The harness answers each screendump on the console; no echo, so the answer
# cannot land in the middle of a line the kernel prints.
stty -F /dev/console -echo 2>/dev/null

# wait_screendump FILE: until the host has saved FILE (or 60 s).
wait_screendump() {
	timeout 60 sh -c 'while IFS= read -r l; do
		case "$l" in *"KCXX-SCREENDUMP-DONE "*"$1"*) exit 0 ;; esac
	done; exit 1' _ "$1" </dev/console
}

# mark NAME: a line the host looks for in the decoded log.
mark() {
	echo "KCXX-QR-MARK $1 $(cat /proc/sys/kernel/random/uuid)" >/dev/kmsg
}

# refused NAME CMD...: CMD fails with "Invalid argument".
refused() {
	_name=$1
	shift
	_out=$("$@" 2>&1)
	if [ $? -ne 0 ] && echo "$_out" | grep -q "Invalid argument"; then
		ktap_ok "$_name"
	else
		ktap_not_ok "$_name" "output: $_out"
	fi
}

# since NAME: the kernel log after the mark NAME line (the log is a ring:
# count nothing older).
since() { dmesg | sed -n "/KCXX-QR-MARK $1 /,\$p"; }

# trigger_and_dump NAME: mark NAME, the trigger draws a QR code, the host
# saves the screen as NAME.ppm.
trigger_and_dump() {
	mark "$1"
	_out=$(echo 1 2>&1 >$T)
	_rc=$?
	if [ $_rc -eq 0 ] && [ "$(since "$1" | grep -c "qr_panic: drew a QR code (trigger)")" = 1 ]; then
		ktap_ok "trigger draws ($1)"
	else
		ktap_not_ok "trigger draws ($1)" "exit $_rc: $_out"
	fi
	ktap_result "$(wait_screendump "$1.ppm"; echo $?)" "host saved $1.ppm"
}

echo "# kernel release: $(uname -r)"
ktap_begin 2

ktap_suite_begin qr_panic_params 11
refused "max_version=0 fails the load" insmod $M max_version=0
refused "max_version=41 fails the load" insmod $M max_version=41
refused "max_version=abc fails the load" insmod $M max_version=abc
ktap_run "not loaded after refused loads" sh -c '! test -d /sys/module/qr_panic'
ktap_run "loads with the defaults" insmod $M
ktap_run "defaults: max_version 40, enabled, public URL" sh -c \
	"[ \$(cat $P/max_version) = 40 ] && [ \$(cat $P/enabled) = Y ] &&
	 [ \$(cat $P/url) = https://kdj0c.github.io/panic_report/ ]"
refused "writing max_version 41 fails" sh -c "echo 41 >$P/max_version"
refused "writing max_version 0 fails" sh -c "echo 0 >$P/max_version"
ktap_run "max_version unchanged after refused writes" sh -c "[ \$(cat $P/max_version) = 40 ]"
ktap_run "writing max_version 25 works" sh -c "echo 25 >$P/max_version && [ \$(cat $P/max_version) = 25 ]"
ktap_run "url is read-only (0444)" sh -c "[ \$(stat -c %a $P/url) = 444 ]"
ktap_suite_end

echo 40 >$P/max_version
ktap_suite_begin qr_panic_trigger 14
refused "trigger refuses '2'" sh -c "echo 2 >$T"
echo 0 >$P/enabled
mark off
out=$(echo 1 2>&1 >$T)
if [ $? -ne 0 ] && echo "$out" | grep -q "not permitted" && ! since off | grep -q "drew a QR code"; then
	ktap_ok "enabled=0: the trigger draws nothing (EPERM)"
else
	ktap_not_ok "enabled=0: the trigger draws nothing (EPERM)" "$out"
fi
echo 1 >$P/enabled

trigger_and_dump url
n=$(since url | sed -n 's/.*the QR code as text (version [0-9]*, [0-9]* x \([0-9]*\) characters.*/\1/p')
lines=$(since url | grep -c "qr_panic: |")
ktap_result "$([ -n "$n" ] && [ "$lines" = "$n" ]; echo $?)" "the console shows the QR code as $n lines of text"

echo 10 >$P/max_version
trigger_and_dump v10
ktap_result "$(since v10 | grep 'drew a QR code' | grep -qE 'version ([1-9]|10),'; echo $?)" \
	"max_version=10 gives version 10 or less"
echo 40 >$P/max_version

ktap_run "unloads" rmmod qr_panic
ktap_run "debugfs directory is gone" sh -c '! test -e /sys/kernel/debug/kcxx_qr_panic'
ktap_run "loads with url= (raw mode)" insmod $M url=
trigger_and_dump raw
rmmod qr_panic
ktap_run "loads again for the panic" insmod $M
ktap_suite_end

ktap_end

# The run ends here: the harness expects this panic (--expect-panic), saves
# the screen once the module has drawn (panic.ppm) and stops the VM.
mark panic
echo c >/proc/sysrq-trigger
sleep 600
