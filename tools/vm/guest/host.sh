# Requests to the host harness from a kcxx test VM: source /kcxx/lib/host.sh
# (busybox sh). Devices come from tools/vm/run --device (id edu0, edu1,
# pci-testdev0, ... unless given: --device edu,id=myedu).
#
#   kcxx_pci_addr ID              print the guest PCI address of device ID
#                                 (0000:01:00.0)
#   kcxx_device_del ID [SECONDS]  hot-unplug device ID (QMP device_del) and wait
#                                 until it is gone from /sys/bus/pci/devices
#                                 and QEMU has deleted it (default 60 s);
#                                 status 1 if it is not
#   kcxx_device_add ID [SECONDS]  plug device ID in again (same properties,
#                                 same slot) and wait until it is back
#   kcxx_host CMD [ARG]...        a raw request: pci_addr ID, device_state ID
#                                 ("plugged ADDR" or "unplugged", as QEMU sees
#                                 it), device_del ID, device_add ID, echo TEXT;
#                                 prints the answer, status 1 on an error answer
#
# After kcxx_device_del/kcxx_device_add, $kcxx_pci_addr is the device's address
# and $kcxx_elapsed the seconds from the request to the device's
# disappearance/appearance (guest uptime, 0.01 s resolution).
#
# Protocol (tools/vm/run): the guest prints "KCXX-HOST: TOKEN CMD ARG..." on
# /dev/console; the harness answers on the console's input with
# "KCXX-HOST-REPLY TOKEN ok TEXT" or "... error TEXT". A kernel message can be
# printed into the middle of the request line, so an unanswered request is sent
# again after 10 s; the harness runs each TOKEN once and answers a repeat with
# the first answer. One request at a time: concurrent callers may read each
# other's answers (they recover by resending, 10 s later).
#
# Example:
#   . /kcxx/lib/host.sh
#   kcxx_device_del edu0 && ktap_ok "edu0 unplugged in ${kcxx_elapsed}s"

_kcxx_host_n=0

_kcxx_uptime() { read -r _kcxx_up _ </proc/uptime; echo "$_kcxx_up"; }

kcxx_host() {
	_kcxx_host_n=$((_kcxx_host_n + 1))
	_kcxx_tok="$$.$_kcxx_host_n.$(cat /proc/sys/kernel/random/uuid 2>/dev/null | cut -c1-8)"
	# no echo of the answer into the console output
	stty -F /dev/console -echo 2>/dev/null
	_kcxx_try=0
	while [ $_kcxx_try -lt 6 ]; do
		_kcxx_try=$((_kcxx_try + 1))
		echo "KCXX-HOST: $_kcxx_tok $*" >/dev/console
		while read -r -t 10 _kcxx_l _kcxx_t _kcxx_st _kcxx_txt </dev/console; do
			[ "$_kcxx_l" = KCXX-HOST-REPLY ] && [ "$_kcxx_t" = "$_kcxx_tok" ] || continue
			echo "$_kcxx_txt"
			[ "$_kcxx_st" = ok ]
			return
		done
	done
	echo "kcxx_host: no answer to '$*' from the harness" >&2
	return 1
}

kcxx_pci_addr() { kcxx_host pci_addr "$1"; }

# _kcxx_wait_sysfs PRESENT|ABSENT ADDR SECONDS START
_kcxx_wait_sysfs() {
	_kcxx_n=0
	_kcxx_max=$(($3 * 10))
	while :; do
		if [ -e "/sys/bus/pci/devices/$2" ]; then
			[ "$1" = PRESENT ] && break
		else
			[ "$1" = ABSENT ] && break
		fi
		_kcxx_n=$((_kcxx_n + 1))
		if [ $_kcxx_n -gt $_kcxx_max ]; then
			echo "kcxx: /sys/bus/pci/devices/$2 not $1 after $3 s" >&2
			return 1
		fi
		sleep 0.1
	done
	kcxx_elapsed=$(awk -v a="$4" -v b="$(_kcxx_uptime)" 'BEGIN { printf "%.2f", b - a }')
}

kcxx_device_del() {
	_kcxx_t0=$(_kcxx_uptime)
	kcxx_pci_addr=$(kcxx_host device_del "$1") || { echo "kcxx_device_del $1: $kcxx_pci_addr" >&2; return 1; }
	_kcxx_wait_sysfs ABSENT "$kcxx_pci_addr" "${2:-60}" "$_kcxx_t0" || return 1
	# QEMU deletes the device a little later (pciehp: once the slot is
	# powered off); until then it cannot be plugged in again
	_kcxx_n=0
	while [ "$(kcxx_host device_state "$1")" != unplugged ]; do
		_kcxx_n=$((_kcxx_n + 1))
		if [ $_kcxx_n -gt $((${2:-60} * 10)) ]; then
			echo "kcxx_device_del $1: QEMU still has it after ${2:-60} s" >&2
			return 1
		fi
		sleep 0.1
	done
	kcxx_elapsed=$(awk -v a="$_kcxx_t0" -v b="$(_kcxx_uptime)" 'BEGIN { printf "%.2f", b - a }')
}

kcxx_device_add() {
	_kcxx_t0=$(_kcxx_uptime)
	kcxx_pci_addr=$(kcxx_host device_add "$1") || { echo "kcxx_device_add $1: $kcxx_pci_addr" >&2; return 1; }
	_kcxx_wait_sysfs PRESENT "$kcxx_pci_addr" "${2:-60}" "$_kcxx_t0"
}
