# SPDX-License-Identifier: GPL-2.0
# Guest script: cbochs's panic screen (drivers/cbochs, issue 14).  cbochs is
# bound to the one -device bochs-display, fbcon shows the console on it;
# then a real panic (sysrq c): cbochs's kmsg dumper draws the end of the
# kernel log as a drm_panic-style QR code on the scanout buffer.  The
# harness saves that screen (panic.ppm, QMP screendump of bochs-display0)
# and tests/vm/cbochs_panic_check.py decodes it (zbarimg,
# tools/panic-qr/decode): the URL, this kernel's arch and release, and a
# log that holds the marker logged below and the panic message.
# Host: tools/vm/run --script tests/vm/cbochs_panic.sh --device bochs-display
#       --module build/<k>/drivers/cbochs/cbochs.ko --expect-panic
#       --screendump-on='cbochs: drew a QR code:panic.ppm@bochs-display0'
#       --host-check=tests/vm/cbochs_panic_check.py
. /kcxx/lib/ktap.sh

pci=$(for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x1111 ] && echo "${d##*/}"
done | head -n 1)

ktap_begin 3
ktap_run "cbochs loads" insmod /kcxx/modules/cbochs.ko
drv=$(basename "$(readlink "/sys/bus/pci/devices/$pci/driver" 2>/dev/null)" 2>/dev/null)
ktap_result "$([ -n "$pci" ] && [ "$drv" = cbochs ]; echo $?)" \
	"cbochs drives the bochs display ($pci, driver '$drv')"
fb=$(for f in /sys/class/graphics/fb*; do
	[ "$(cat "$f/name" 2>/dev/null)" = cbochsdrmfb ] && echo "${f##*/}"
done)
ktap_result "$([ -n "$fb" ]; echo $?)" "the console framebuffer is cbochs's ($fb)"
ktap_end

# The run ends here: the harness expects this panic (--expect-panic), saves
# the screen once cbochs has drawn (panic.ppm) and stops the VM.
echo "KCXX-QR-MARK panic $(cat /proc/sys/kernel/random/uuid)" >/dev/kmsg
echo c >/proc/sysrq-trigger
sleep 600
