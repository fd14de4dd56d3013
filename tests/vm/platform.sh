# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx platform drivers (include/kcxx/platform/, io/mem.h).
# kcxx_platform_test.ko runs its KTAP suite when loaded: platform devices
# with a memory resource over QEMU's edu BAR 0 (no driver holds the PCI
# device; mem_start is read from sysfs here), a kcxx platform driver that
# binds to them by name, maps the resource as bounds-checked MMIO and reads
# edu's registers; the region held by another binding, a resource smaller
# than the window, none at all, an IRQ resource; unbinding by device and by
# driver unregistration; a second driver matched by the firmware to QEMU's
# fw_cfg (its device tree node on arm64, mapped, the signature read; its
# ACPI ID on x86).  Then, from user space: the module's aliases for
# its three match tables, a device whose name matches no table bound by
# driver_override (probe gets no table entry: the driver's 'matched'
# attribute says -1), unbound, and the module unloaded.
# Modules: kcxx_platform_test.ko; --device edu (6.1, 6.12, 6.12-arm64).
. /kcxx/lib/ktap.sh
M=/kcxx/modules
P=/sys/bus/platform

bar=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		bar=$(head -n 1 "$d/resource" | cut -d' ' -f1)
		edu=$d
	fi
done
# Memory decoding on (pci_enable_device()): x86's firmware turns it on,
# arm64 virt's has none.
[ -z "$bar" ] || echo 1 > "$edu/enable"

insmod $M/kcxx_platform_test.ko mem_start=$((${bar:-0})) || echo "insmod kcxx_platform_test failed"

ktap_begin 9
ktap_result $([ -n "$bar" ]; echo $?) "edu's BAR 0 found (${bar:-none})"
aliases=$(modinfo -F alias $M/kcxx_platform_test.ko 2>/dev/null | sort | tr '\n' ' ')
is() { ktap_result $([ "$2" = "$3" ]; echo $?) "$1 (got '$2', want '$3')"; }
is "aliases of the three tables" "$aliases" \
	"acpi*:KCXX0001:* acpi*:QEMU0002:* of:N*T*Ckcxx,platform-test of:N*T*Ckcxx,platform-testC* of:N*T*Cqemu,fw-cfg-mmio of:N*T*Cqemu,fw-cfg-mmioC* platform:kcxx_ptest platform:kcxx_ptest_b platform:kcxx_ptest_port "
dev=kcxx_ptest_other.4
ktap_result $([ ! -e $P/devices/$dev/driver ]; echo $?) "$dev matches no table: unbound"
ktap_run "driver_override names kcxx_ptest" sh -c "echo kcxx_ptest > $P/devices/$dev/driver_override"
ktap_run "$dev binds" sh -c "echo $dev > $P/drivers/kcxx_ptest/bind"
is "probe got no table entry" "$(cat $P/devices/$dev/matched 2>/dev/null)" "-1"
ktap_run "$dev unbinds" sh -c "echo $dev > $P/drivers/kcxx_ptest/unbind"
ktap_run "kcxx_platform_test unloads" rmmod kcxx_platform_test
ktap_result $([ ! -e $P/devices/$dev ]; echo $?) "$dev is gone"
[ -z "$bar" ] || echo 0 > "$edu/enable"
ktap_end
