# SPDX-License-Identifier: GPL-2.0
# Guest script: cbochs (drivers/cbochs), the C++ DRM/KMS driver for QEMU's
# bochs display, beside the kernel's C bochs.ko on two identical
# -device bochs-display adapters: the first bound to cbochs, the second to
# bochs (driver_override keeps them apart; cbochs loads first, so the
# framebuffer console comes up on its screen).
#   load: bochs.ko's module parameters (defx, defy, modeset), and with
#         modeset=0 neither module loads (ENODEV); both bind; each has a
#         DRM card, cbochs's named cbochs, and an fbdev framebuffer
#         (cbochsdrmfb, bochs-drmdrmfb); cbochs's is fb0 and fbcon takes
#         the console over onto it; the EDID was read
#   console: the same text on tty1 (fbcon on fb0, cbochs) and tty2 (fb1,
#         bochs.ko; fbcon=map:01), cursor hidden, not blinking; each shown
#         and, once the fb helper's damage workers have copied it all to
#         VRAM (their workqueue trace), saved by the harness (QMP
#         screendump) and compared pixel for pixel on the host
#         (tests/vm/cbochs_check.py); cbochs's is docs/images/'s screenshot
#   modes: the connector's modes as bochs.ko lists them - in sysfs and in
#         modetest's list (timings, flags, type) -, connected, and the
#         console's framebuffer the same size on both
#   modeset: modetest sets the list's last mode on each card and
#         page-flips between two framebuffers until 60 flips completed
#         ("freq:"), then restores; the same on bochs.ko, with the same
#         complaints from modetest (no gamma LUT); then it sets each mode
#         of the list in turn on each card (the CRTC's state shows it)
#   pattern: modetest's test pattern in that mode on each display, saved
#         by the harness (QMP screendump of each device) and compared pixel
#         for pixel on the host (tests/vm/cbochs_check.py)
#   fuzz: random KMS ioctls on each card (dumb buffers of any size, mapped
#         and written; framebuffers, mode sets, page flips with bad values,
#         ids, handles and pointers; tests/userspace/cbochs_fuzz.c): every
#         failure an errno the ABI allows, a real mode set still works
#   rebind: cbochs unbound while modetest holds its card and flips (the
#         card goes from sysfs, the client's file stays valid and its
#         ioctls fail), the client ends, the device is bound again: a
#         card, a console framebuffer and the same modes again
#   hotplug: cbochs's adapter unplugged (QMP device_del, ACPI hot-plug)
#         while modetest flips on it: the adapter and the console
#         framebuffer go, the client's file stays valid and it ends
#   unload: rmmod cbochs, rmmod bochs (which unbinds its adapter)
# Host: tools/vm/run --script tests/vm/cbochs.sh --kmod bochs
#       --bin /usr/bin/modetest --device bochs-display --device bochs-display
#       --module build/<k>/drivers/cbochs/cbochs.ko --append fbcon=map:01
#       --screendump-on=cbochs-screen.console-bochs:console-bochs.ppm@bochs-display1
#       --screendump-on=cbochs-screen.console-cbochs:console-cbochs.ppm@bochs-display0
#       --screendump-on=cbochs-screen.pattern-cbochs:pattern-cbochs.ppm@bochs-display0
#       --screendump-on=cbochs-screen.pattern-bochs:pattern-bochs.ppm@bochs-display1
#       --host-check=tests/vm/cbochs_check.py --file build/userspace/cbochs_fuzz
. /kcxx/lib/ktap.sh
. /kcxx/lib/host.sh
M=/kcxx/modules

# The bochs display adapters (1234:1111), in bus order.
set -- $(for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x1111 ] && echo "${d##*/}"
done)
cxx_pci=${1:-} c_pci=${2:-}
X=/sys/bus/pci/devices/$cxx_pci
C=/sys/bus/pci/devices/$c_pci

ktap_begin
if [ -z "$c_pci" ]; then
	ktap_not_ok "two bochs display adapters on the PCI bus" \
		"run with --device bochs-display --device bochs-display"
	ktap_end
	exit 1
fi
ktap_diag "cbochs: $cxx_pci, bochs (C): $c_pci"

driver_of() { basename "$(readlink "/sys/bus/pci/devices/$1/driver" 2>/dev/null)" 2>/dev/null; }
# The DRM card (card0, ...) of a PCI device.
card_of() { ls "/sys/bus/pci/devices/$1/drm" 2>/dev/null | grep '^card[0-9]*$' | head -n 1; }
# The fbdev framebuffer (fb0, ...) whose name is $1.
fb_named() {
	for f in /sys/class/graphics/fb*; do
		[ "$(cat "$f/name" 2>/dev/null)" = "$1" ] && echo "${f##*/}" && return
	done
}
# is NAME GOT WANT: one case, GOT = WANT
is() { ktap_result $([ "$2" = "$3" ]; echo $?) "$1 (got '$2', want '$3')"; }
# modetest finds a card by its DRM driver's name (-M: cbochs, bochs-drm;
# its -D takes a bus ID, not a path).
# modetest's mode lines for a driver's card ("#0 1280x800 75.00 ..."),
# without the index; its connector's id; its status.
modes_of() { modetest -M "$1" -c 2>&1 | sed -n 's/^  #[0-9]* //p'; }
connector_of() { modetest -M "$1" -c 2>&1 | awk '/^id[[:space:]]+encoder/ { getline; print $1; exit }'; }
status_of() { modetest -M "$1" -c 2>&1 | awk '/^id[[:space:]]+encoder/ { getline; print $3; exit }'; }

# start_flips DRIVER MODE: modetest sets MODE on the connector of DRIVER's
# card and flips page after page until told to stop (stop_flips), in the
# background.
start_flips() {
	rm -f /tmp/flip.in /tmp/flip.out
	mkfifo /tmp/flip.in
	modetest -M "$1" -s "$(connector_of "$1"):$2" -v < /tmp/flip.in > /tmp/flip.out 2>&1 &
	flip_pid=$!
	exec 3> /tmp/flip.in
}
# wait_flips: until modetest reports 60 completed flips (a "freq:" line);
# a 60 s safety net, not a measurement.
wait_flips() {
	i=0
	while [ $i -lt 600 ] && ! grep -q '^freq:' /tmp/flip.out; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q '^freq:' /tmp/flip.out
}
# stop_flips: ends the flipping and the mode set (two lines: one for the
# flip loop, one for modetest's getchar()); modetest's exit status.
stop_flips() {
	echo >&3
	echo >&3
	exec 3>&-
	wait $flip_pid
}
# The last (smallest) mode of DRIVER's list: a real mode change away from the
# console's (the preferred one), and two framebuffers of it fit in VRAM
# with the console's.
other_mode_of() { modes_of "$1" | awk 'END { print $1 }'; }
# A write to the flip fifo after modetest ended must not kill the script.
trap '' PIPE

# show_pattern DRIVER MODE [MODETEST-OPTION...]: modetest sets MODE on
# DRIVER's card with its test pattern and keeps it (until stop_flips), in
# the background.
show_pattern() {
	rm -f /tmp/flip.in /tmp/flip.out
	mkfifo /tmp/flip.in
	sp_drv=$1 sp_mode=$2
	shift 2
	modetest -M "$sp_drv" -s "$(connector_of "$sp_drv"):$sp_mode" "$@" < /tmp/flip.in > /tmp/flip.out 2>&1 &
	flip_pid=$!
	exec 3> /tmp/flip.in
}
# wait_mode CARD MODE: until CARD's atomic state (debugfs) shows MODE.
# The dump takes the modeset locks, which the blocking mode set holds until
# the hardware is programmed: then the pattern is on the screen.  (Not
# another modetest: opening the card first would make it the DRM master
# and the mode set fail.)  A 30 s safety net.
wait_mode() {
	i=0
	while [ $i -lt 300 ] && ! grep -q "mode: \"$2\"" "/sys/kernel/debug/dri/${1#card}/state"; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q "mode: \"$2\"" "/sys/kernel/debug/dri/${1#card}/state"
}
# wait_state CARD REGEX: until a line of CARD's atomic state (debugfs)
# matches REGEX, as wait_mode; a 30 s safety net.
wait_state() {
	w=0
	while [ $w -lt 300 ] && ! grep -q "$2" "/sys/kernel/debug/dri/${1#card}/state"; do
		sleep 0.1
		w=$((w + 1))
	done
	grep -q "$2" "/sys/kernel/debug/dri/${1#card}/state"
}
# The harness answers each screendump on the console: no echo, so the
# answer cannot land in the middle of a line the kernel prints.
stty -F /dev/console -echo 2>/dev/null
# wait_screendump FILE: until the host has saved FILE (or 60 s).
wait_screendump() {
	timeout 60 sh -c 'while IFS= read -r l; do
		case "$l" in *"KCXX-SCREENDUMP-DONE "*"$1"*) exit 0 ;; esac
	done; exit 1' _ "$1" </dev/console
}

ktap_suite_begin load
# The trace of the fbdev damage workers (suite console), from before the
# first framebuffer: DRM's fb helper (drm_kms_helper) is loaded already.
T=/sys/kernel/tracing
damage_fn=$(awk '$3 == "drm_fb_helper_damage_work" { print $1; exit }' /proc/kallsyms)
for e in queue_work execute_start execute_end; do
	echo "function == 0x$damage_fn" > $T/events/workqueue/workqueue_$e/filter &&
		echo 1 > $T/events/workqueue/workqueue_$e/enable || damage_fn=
done
ktap_result $([ -n "${damage_fn#0000000000000000}" ]; echo $?) \
	"the workqueue trace of drm_fb_helper_damage_work (at 0x${damage_fn:-none}) is on"
echo cbochs > "$X/driver_override"
echo bochs-drm > "$C/driver_override"
ktap_run "modinfo: the 1234:1111 alias" \
	sh -c "modinfo $M/cbochs.ko | grep -q 'alias: *pci:v00001234d00001111sv\*sd\*bc\*sc\*i\*'"
# bochs.ko's module parameters, and its modeset=0: the module does not load
# (ENODEV), nothing is bound.
is "the module parameters (modinfo), as bochs.ko's" \
	"$(modinfo -F parm $M/cbochs.ko | sort | tr '\n' '|')" "$(modinfo -F parm bochs | sort | tr '\n' '|')"
for drv in cbochs bochs; do
	if [ $drv = cbochs ]; then
		insmod $M/cbochs.ko modeset=0 > /tmp/modeset0 2>&1
	else
		modprobe bochs modeset=0 > /tmp/modeset0 2>&1
	fi
	rc=$?
	ktap_result $([ $rc -ne 0 ] && grep -q 'No such device' /tmp/modeset0 && [ ! -d /sys/module/$drv ]; echo $?) \
		"$drv modeset=0: does not load, ENODEV ($(tr '\n' ' ' < /tmp/modeset0))"
done
is "modeset=0: no driver bound" "$(driver_of $cxx_pci)$(driver_of $c_pci)" ""
ktap_run "insmod cbochs" insmod $M/cbochs.ko
is "$cxx_pci is bound to cbochs" "$(driver_of $cxx_pci)" cbochs
# The first framebuffer: fbcon takes the consoles over onto it (Debian's
# kernels take over at once, CONFIG_FRAMEBUFFER_CONSOLE_DEFERRED_TAKEOVER
# is off).
is "fb0 is cbochs's fbdev framebuffer" "$(cat /sys/class/graphics/fb0/name 2>/dev/null)" cbochsdrmfb
ktap_expect_log "fbcon took the console over onto it" "Console: switching to colour frame buffer device"
ktap_run "modprobe bochs" modprobe bochs
is "$c_pci is bound to bochs (its PCI driver: bochs-drm)" "$(driver_of $c_pci)" bochs-drm
xcard=$(card_of $cxx_pci)
ccard=$(card_of $c_pci)
ktap_result $([ -n "$xcard" ] && [ -c "/dev/dri/$xcard" ]; echo $?) "cbochs made a DRM card (${xcard:-none})"
ktap_result $([ -n "$ccard" ] && [ -c "/dev/dri/$ccard" ]; echo $?) "bochs made a DRM card (${ccard:-none})"
is "the DRM driver's name" "$(awk '{ print $1 }' /sys/kernel/debug/dri/${xcard#card}/name 2>/dev/null)" cbochs
xfb=$(fb_named cbochsdrmfb)
cfb=$(fb_named bochs-drmdrmfb)
ktap_result $([ -n "$xfb" ]; echo $?) "cbochs's fbdev framebuffer (${xfb:-none}, cbochsdrmfb)"
ktap_result $([ -n "$cfb" ]; echo $?) "bochs's fbdev framebuffer (${cfb:-none}, bochs-drmdrmfb)"
is "the EDID was read by both (\"Found EDID data blob.\")" \
	"$(dmesg | grep -c 'Found EDID data blob')" 2
ktap_suite_end

# The console on both drivers' screens, compared pixel for pixel (and
# cbochs's is the README's screenshot, docs/images/cbochs-console-6.12.png).
# The kernel's console is the serial port; tty1 is fbcon's console on fb0
# (cbochs) and tty2 on fb1 (bochs.ko): fbcon=map:01 (tests/vm/suites).  Both
# get the same text, with the cursor hidden and not blinking; switching to a
# console redraws it whole on its framebuffer (tty2, then tty1), and the
# harness saves each screen (console-bochs.ppm of bochs-display1,
# console-cbochs.ppm of bochs-display0; tests/vm/cbochs_check.py compares).
#
# When the screen is complete: fbcon draws into the fbdev emulation's shadow
# buffer and the DRM fb helper's damage worker (drm_fb_helper_damage_work)
# copies the damaged rectangle to VRAM later.  The workqueue trace, on since
# before the first framebuffer existed, has every queueing, start and end
# of the damage workers.  A worker is queued again when damage comes after
# its start (which takes the damage so far), so each one's queueings are
# its ends, or one more while it is queued or running: the workers are all
# done when the trace has as many ends as queueings.  So once the drawing is
# over (the switch runs under the console lock, which a write to the tty
# waits for) and the counts are equal, VRAM holds the whole screen.
ktap_suite_begin console
# damage_busy: the number of damage workers queued or running; "lost" if
# the trace lost events.
damage_busy() {
	if grep -q '^overrun: [1-9]' $T/per_cpu/cpu*/stats; then
		echo lost
		return
	fi
	echo $(($(grep -c 'workqueue_queue_work:' $T/trace) - $(grep -c 'workqueue_execute_end:' $T/trace)))
}
# wait_damage: until every damage worker has finished (at most 300 polls,
# 0.1 s apart: a safety net, not a measurement); status 0 if they have.
wait_damage() {
	i=0
	while [ $i -lt 300 ]; do
		busy=$(damage_busy)
		if [ "$busy" = 0 ]; then
			ktap_diag "damage workers done: $(grep -c 'workqueue_execute_end:' $T/trace) runs, $i polls"
			return 0
		fi
		[ "$busy" = lost ] && break
		sleep 0.1
		i=$((i + 1))
	done
	ktap_diag "damage workers busy after $i polls: $busy (lost: the trace overran)"
	return 1
}
# show_console N: switches to ttyN and waits until its framebuffer shows it.
show_console() {
	chvt "$1"
	printf '\033[?25l' > "/dev/tty$1" # the console lock: the switch is drawn
	wait_damage
}
echo 0 > /sys/class/graphics/fbcon/cursor_blink
is "fbcon's cursor does not blink" "$(cat /sys/class/graphics/fbcon/cursor_blink)" 0
{
	printf '\033[2J\033[H\033[?25l'
	echo "kcxx: the framebuffer console of cbochs (tty1 on fb0, $(cat /sys/class/graphics/$xfb/name))"
	echo "and of bochs.ko (tty2 on fb1, $(cat /sys/class/graphics/$cfb/name)), the same text on both,"
	echo "$(cat /sys/class/graphics/fb0/virtual_size | tr , x), Linux $(uname -r)"
	echo
	dmesg | grep -e bochs -e 'Console: switching' -e 'fb[01]:' | tail -n 14 | cut -c 1-150
	echo
	for c in 0 1 2 3 4 5 6 7; do printf '\033[3%d;4%dm fg 3%d bg 4%d ' $c $(((c + 4) % 8)) $c $(((c + 4) % 8)); done
	printf '\033[0m\n'
	for c in 0 1 2 3 4 5 6 7; do printf '\033[1;3%dm bright 3%d ' $c $c; done
	printf '\033[0m\n'
} > /tmp/console.txt
cat /tmp/console.txt > /dev/tty1
cat /tmp/console.txt > /dev/tty2
show_console 2
ktap_result $? "tty2 on bochs's framebuffer: drawn and copied to VRAM"
echo "cbochs-screen console-bochs"
wait_screendump console-bochs.ppm
ktap_result $? "the host saved bochs's console (tty2 on fb1)"
show_console 1
ktap_result $? "tty1 on cbochs's framebuffer: drawn and copied to VRAM"
echo "cbochs-screen console-cbochs"
wait_screendump console-cbochs.ppm
ktap_result $? "the host saved cbochs's console (tty1 on fb0)"
for e in queue_work execute_start execute_end; do
	echo 0 > $T/events/workqueue/workqueue_$e/enable
done
ktap_suite_end

ktap_suite_begin modes
xconn=$(ls -d /sys/class/drm/$xcard-* 2>/dev/null | head -n 1)
cconn=$(ls -d /sys/class/drm/$ccard-* 2>/dev/null | head -n 1)
# card0-Virtual-1: the type's number counts the connectors of all devices.
xname=${xconn##*/}
cname=${cconn##*/}
xname=${xname#card*-}
cname=${cname#card*-}
is "the connector's type" "${xname%-*}" "${cname%-*}"
is "connected" "$(cat $xconn/status)" "$(cat $cconn/status)"
ktap_result $([ -s "$cconn/modes" ]; echo $?) "bochs lists modes ($(wc -l < $cconn/modes))"
is "the modes in sysfs" "$(cat $xconn/modes | tr '\n' ' ')" "$(cat $cconn/modes | tr '\n' ' ')"
xmodes=$(modes_of cbochs)
cmodes=$(modes_of bochs-drm)
ktap_result $([ -n "$cmodes" ]; echo $?) "modetest lists bochs's modes ($(echo "$cmodes" | wc -l))"
if [ "$xmodes" = "$cmodes" ]; then
	ktap_ok "modetest's mode list (timings, flags, type)"
else
	ktap_not_ok "modetest's mode list (timings, flags, type)" \
		"cbochs: $(echo "$xmodes" | tr '\n' '|') bochs: $(echo "$cmodes" | tr '\n' '|')"
fi
is "modetest: the connector's status" "$(status_of cbochs)" "$(status_of bochs-drm)"
is "the console's framebuffer size" "$(cat /sys/class/graphics/$xfb/virtual_size)" \
	"$(cat /sys/class/graphics/$cfb/virtual_size)"
ktap_suite_end

ktap_suite_begin modeset
mode=$(other_mode_of cbochs)
ktap_diag "mode: ${mode:-none}"
# What modetest reports as failed (both: "failed to set gamma: Function
# not implemented", neither driver has a gamma LUT) must be the same.
for drv in cbochs bochs-drm; do
	start_flips $drv "$mode"
	wait_flips
	ktap_result $? "$drv: mode $mode set, 60 page flips completed"
	stop_flips
	ktap_result $? "$drv: modetest ends with status 0"
	grep -v '^freq:' /tmp/flip.out | head -n 5 | while read -r l; do ktap_diag "$l"; done
	grep -i fail /tmp/flip.out | sort > /tmp/flip.fail.$drv
done
is "modetest's failures on cbochs are bochs's" "$(cat /tmp/flip.fail.cbochs | tr '\n' '|')" \
	"$(cat /tmp/flip.fail.bochs-drm | tr '\n' '|')"
# Every mode of the list, by its index (modetest's #N: the list has two
# 1920x1080 and two 640x480), set by modetest on each driver (a plain
# fill: the pattern is the pattern suite's), the CRTC's state showing that
# mode line (debugfs: name, clock and timings), modetest ending with
# status 0 and complaining as it does on bochs.ko.
nmodes=$(echo "$cmodes" | wc -l)
for drv in cbochs bochs-drm; do
	card=$xcard
	[ $drv = bochs-drm ] && card=$ccard
	set_ok=0 bad=
	: > /tmp/modes.fail.$drv
	i=0
	while [ $i -lt "$nmodes" ]; do
		# modetest: NAME REFRESH HDISP HSS HSE HTOT VDISP VSS VSE VTOT CLOCK ...
		set -- $(echo "$cmodes" | sed -n "$((i + 1))p")
		line="mode: \"$1\": [0-9]* ${11} $3 $4 $5 $6 $7 $8 $9 ${10} "
		show_pattern $drv "#$i" -F plain
		wait_state $card "$line"
		shown=$?
		stop_flips
		ended=$?
		if [ $shown = 0 ] && [ $ended = 0 ]; then
			set_ok=$((set_ok + 1))
		else
			bad="$bad #$i:$1"
		fi
		grep -i fail /tmp/flip.out | sed "s/^/#$i: /" >> /tmp/modes.fail.$drv
		i=$((i + 1))
	done
	ktap_result $([ $set_ok = "$nmodes" ]; echo $?) "$drv: each of the $nmodes modes set by modetest ($set_ok${bad:+; not:$bad})"
done
xfail=$(sort /tmp/modes.fail.cbochs | tr '\n' '|')
cfail=$(sort /tmp/modes.fail.bochs-drm | tr '\n' '|')
ktap_result $([ "$xfail" = "$cfail" ]; echo $?) \
	"modetest's failures on cbochs are bochs's, mode by mode ($(wc -l < /tmp/modes.fail.bochs-drm) lines: $(sed 's/^#[0-9]*: //' /tmp/modes.fail.bochs-drm | sort -u | tr '\n' '|'))"
[ "$xfail" = "$cfail" ] || ktap_diag "cbochs: $xfail bochs: $cfail"
ktap_suite_end

# The harness saves each display (--screendump-on ...@bochs-display0 and
# @bochs-display1, tests/vm/suites) when the script names it on the
# console; tests/vm/cbochs_check.py compares the two on the host.
ktap_suite_begin pattern
is "QEMU's bochs-display0 is cbochs's device" "$(kcxx_pci_addr bochs-display0)" "$cxx_pci"
is "QEMU's bochs-display1 is bochs's device" "$(kcxx_pci_addr bochs-display1)" "$c_pci"
for drv in cbochs bochs; do
	name=$drv card=$xcard
	[ $drv = bochs ] && drv=bochs-drm card=$ccard
	show_pattern $drv "$mode"
	wait_mode $card "$mode"
	ktap_result $? "$name: modetest's test pattern in $mode"
	echo "cbochs-screen pattern-$name"
	wait_screendump "pattern-$name.ppm"
	ktap_result $? "$name: the host saved the screen"
	stop_flips
	ktap_result $? "$name: modetest ends with status 0"
done
ktap_suite_end

# Random KMS ioctls on each card (tests/userspace/cbochs_fuzz.c), the same
# seed for both drivers.
fuzz=${KCXX_CBOCHS_FUZZ:-2000}
seed=$(date +%s)
for drv in cbochs bochs; do
	card=$xcard
	[ $drv = bochs ] && card=$ccard
	/kcxx/files/cbochs_fuzz /dev/dri/$card "$fuzz" "$seed"
	ktap_result $? "cbochs_fuzz on $drv's card: $fuzz KMS ioctls, seed $seed"
done

ktap_suite_begin rebind
start_flips cbochs "$mode"
wait_flips
ktap_result $? "modetest flips on cbochs's card"
echo $cxx_pci > /sys/bus/pci/drivers/cbochs/unbind
is "unbound while modetest holds the card" "$(driver_of $cxx_pci)" ""
ktap_result $([ -z "$(card_of $cxx_pci)" ]; echo $?) "the card is gone from the PCI device"
stop_flips
ktap_ok "modetest ended after the unbind (status $?)"
echo $cxx_pci > /sys/bus/pci/drivers/cbochs/bind
is "bound again" "$(driver_of $cxx_pci)" cbochs
xcard=$(card_of $cxx_pci)
ktap_result $([ -n "$xcard" ] && [ -c "/dev/dri/$xcard" ]; echo $?) "a DRM card again (${xcard:-none})"
ktap_result $([ -n "$(fb_named cbochsdrmfb)" ]; echo $?) "a console framebuffer again ($(fb_named cbochsdrmfb))"
ktap_result $([ "$(modes_of cbochs)" = "$cmodes" ]; echo $?) "the same modes again"
ktap_suite_end

ktap_suite_begin hotplug
start_flips cbochs "$mode"
wait_flips
ktap_result $? "modetest flips on cbochs's card"
kcxx_device_del bochs-display0
ktap_result $? "cbochs's adapter unplugged (QMP device_del) while modetest flips"
ktap_result $([ ! -e "$X" ]; echo $?) "the adapter is gone from the PCI bus"
ktap_result $([ -z "$(fb_named cbochsdrmfb)" ]; echo $?) "cbochs's framebuffer is gone"
stop_flips
ktap_ok "modetest ended after the unplug (status $?)"
# (Not plugged in again: QEMU 7.2 aborts on a bochs-display added right
# after one was deleted, "RAMBlock ... bochs-display-vram already
# registered".)
ktap_suite_end

ktap_suite_begin unload
ktap_run "rmmod cbochs" rmmod cbochs
ktap_result $([ ! -d /sys/module/cbochs ]; echo $?) "cbochs is unloaded"
ktap_run "rmmod bochs" rmmod bochs
is "$c_pci is unbound" "$(driver_of $c_pci)" ""
ktap_suite_end

ktap_end
