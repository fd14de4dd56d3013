# Guest side of the harness self-test (tools/vm/selftest): QEMU devices from
# --device and hot-unplug/replug through host requests (tools/vm/guest/host.sh).
# Host args: --device edu --device pci-testdev [--machine pc|q35]
#            [--pci-hotplug native]
# The devices get the ids edu0 and pci-testdev0.
. /kcxx/lib/ktap.sh
. /kcxx/lib/host.sh

# cfg ADDR OFFSET: one byte of the device's config space, as a number
cfg() {
	echo $((0x$(od -An -tx1 -v -j "$2" -N 1 "/sys/bus/pci/devices/$1/config" | tr -d ' ')))
}
# has_cap ADDR ID: the capability list has capability ID
has_cap() {
	[ $(($(cfg "$1" 6) & 0x10)) != 0 ] || return 1     # status: capabilities list
	p=$(cfg "$1" 0x34)
	n=0
	while [ "$p" != 0 ] && [ $n -lt 48 ]; do
		[ "$(cfg "$1" "$p")" = "$2" ] && return 0
		p=$(cfg "$1" $((p + 1)))
		n=$((n + 1))
	done
	return 1
}
# bar ADDR N: "start end flags" of resource N
bar() { sed -n "$(($2 + 1))p" "/sys/bus/pci/devices/$1/resource"; }
# is_id ADDR VENDOR DEVICE
is_id() { [ "$(cat /sys/bus/pci/devices/$1/vendor)" = "$2" ] && [ "$(cat /sys/bus/pci/devices/$1/device)" = "$3" ]; }

ktap_begin 16

[ "$(kcxx_host echo hello host)" = "hello host" ]
ktap_result $? "a host request is answered (echo)"

edu=$(kcxx_pci_addr edu0)
ktap_result $? "edu0 has an address ($edu)"
is_id "$edu" 0x1234 0x11e8
ktap_result $? "edu0 in /sys/bus/pci/devices: 1234:11e8"
set -- $(bar "$edu" 0)
[ $(($2 - $1 + 1)) = $((1 << 20)) ] && [ $(($3 & 0x200)) != 0 ]
ktap_result $? "edu0 BAR0: 1 MiB of memory ($*)"
has_cap "$edu" 5
ktap_result $? "edu0 has an MSI capability"
ktap_diag "edu0 irq $(cat /sys/bus/pci/devices/$edu/irq)"

tdev=$(kcxx_pci_addr pci-testdev0)
ktap_result $? "pci-testdev0 has an address ($tdev)"
is_id "$tdev" 0x1b36 0x0005
ktap_result $? "pci-testdev0 in /sys/bus/pci/devices: 1b36:0005"
set -- $(bar "$tdev" 0)
m="$*"
set -- $(bar "$tdev" 1)
[ $(($(echo $m | cut -d' ' -f3) & 0x200)) != 0 ] && [ $(($3 & 0x100)) != 0 ]
ktap_result $? "pci-testdev0 BAR0 memory ($m), BAR1 I/O ($*)"

# hot-unplug, then plug in again
kcxx_device_del edu0
ktap_result $? "edu0 unplugged: /sys/bus/pci/devices/$edu gone after ${kcxx_elapsed}s"
kcxx_pci_addr edu0 >/dev/null 2>&1
[ $? != 0 ]
ktap_result $? "edu0 is no longer on a bus (host answers an error)"
kcxx_device_add edu0
ktap_result $? "edu0 plugged in again: $kcxx_pci_addr back after ${kcxx_elapsed}s"
is_id "$kcxx_pci_addr" 0x1234 0x11e8
ktap_result $? "it is an edu again"
kcxx_device_del pci-testdev0
ktap_result $? "pci-testdev0 unplugged after ${kcxx_elapsed}s"

# the raw protocol: a repeated token is answered again, not run again
# (resent after 10 s without an answer, as kcxx_host does: a kernel message
# may have been printed into the request line)
raw() {
	for try in 1 2 3 4 5 6; do
		echo "KCXX-HOST: $1" >/dev/console
		while read -r -t 10 w1 w2 w3 </dev/console; do
			[ "$w1 $w2" = "KCXX-HOST-REPLY ${1%% *}" ] && { echo "$w3"; return 0; }
		done
	done
	return 1
}
tok=dup.$(cat /proc/sys/kernel/random/uuid)
r1=$(raw "$tok device_add pci-testdev0")
r2=$(raw "$tok device_add pci-testdev0")
[ "$r1" = "ok $tdev" ] && [ "$r2" = "$r1" ]
ktap_result $? "a repeated request gets the first answer ($r1 / $r2)"
r3=$(kcxx_host device_add pci-testdev0)
[ $? != 0 ]
ktap_result $? "... and ran once: a new device_add is refused ($r3)"
r4=$(kcxx_host device_del nosuchdevice)
[ $? != 0 ]
ktap_result $? "an unknown id is an error answer ($r4)"
ktap_diag "pci devices: $(ls /sys/bus/pci/devices | tr '\n' ' ')"
ktap_end
