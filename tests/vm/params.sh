# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx module parameters.  kcxx_param_test.ko runs the
# in-kernel suite (KTAP) when loaded; kcxx_params.ko has the same parameters
# and logs what C++ reads: this script loads it with valid and invalid
# values, reads and writes /sys/module/kcxx_params/parameters/, and checks
# permissions and modinfo.
# Modules: kcxx_param_test.ko kcxx_params.ko   Needs: --bin /bin/kmod (modinfo)
. /kcxx/lib/ktap.sh
insmod /kcxx/modules/kcxx_param_test.ko || echo "insmod kcxx_param_test failed"
rmmod kcxx_param_test

M=/kcxx/modules/kcxx_params.ko
P=/sys/module/kcxx_params/parameters
insmod $M || echo "insmod kcxx_params failed"

param() { cat "$P/$1" 2>/dev/null; }
expect_eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ktap_ok "$1"; else ktap_not_ok "$1" "got '$2', want '$3'"; fi
}
expect_log() { # NAME TEXT
	if dmesg | grep -qF -- "$2"; then ktap_ok "$1"; else ktap_not_ok "$1" "no log line contains: $2"; fi
}
# insmod must fail with 'Invalid argument' (EINVAL) and leave nothing loaded.
expect_einval() { # NAME ARGS...
	name=$1
	shift
	out=$(insmod $M "$@" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && echo "$out" | grep -q "Invalid argument" && [ ! -d /sys/module/kcxx_params ]; then
		ktap_ok "$name"
	else
		ktap_not_ok "$name" "rc=$rc: $out"
		rmmod kcxx_params 2>/dev/null
	fi
}
# A sysfs write must fail with EINVAL and keep the value.
expect_write_einval() { # NAME PARAM VALUE
	before=$(param "$2")
	if (echo "$3" > "$P/$2") 2>/tmp/err; then
		ktap_not_ok "$1" "the write succeeded"
	elif grep -q "Invalid argument" /tmp/err && [ "$(param "$2")" = "$before" ]; then
		ktap_ok "$1"
	else
		ktap_not_ok "$1" "$(cat /tmp/err), value $(param "$2")"
	fi
}

ktap_begin 5

ktap_suite_begin kcxx_param_defaults 10
expect_eq "int default" "$(param level)" 3
expect_eq "uint default" "$(param count)" 10
expect_eq "long default" "$(param offset)" -5
expect_eq "ulong default" "$(param limit)" 1099511627776
expect_eq "bool default" "$(param verbose)" N
expect_eq "charp default" "$(param label)" kcxx
expect_log "C++ sees the defaults" "params: load: level=3 count=10 offset=-5 limit=1099511627776 verbose=0 hidden=1 label=kcxx"
ktap_result $([ ! -e $P/hidden ]; echo $?) "perm 0 is not in sysfs"
expect_eq "permissions" "$(stat -c '%n=%a' $P/level $P/count $P/offset $P/limit $P/verbose $P/label | sed "s|$P/||" | tr '\n' ' ')" \
	"level=644 count=444 offset=600 limit=644 verbose=644 label=644 "
expect_eq "owner is root" "$(stat -c %U $P/level)" root
ktap_suite_end

ktap_suite_begin kcxx_param_sysfs 10
echo 6 > $P/level
expect_eq "int write" "$(param level)" 6
expect_write_einval "int above max is EINVAL" level 8
expect_write_einval "int below min is EINVAL" level -1
expect_write_einval "int garbage is EINVAL" level seven
echo -999 > $P/offset
expect_eq "long write within range" "$(param offset)" -999
expect_write_einval "long out of range is EINVAL" offset 1001
echo y > $P/verbose
expect_eq "bool write" "$(param verbose)" Y
echo relabelled > $P/label
expect_eq "charp write" "$(param label)" relabelled
if (echo 1 > $P/count) 2>/dev/null; then ktap_not_ok "read-only is not writable"; else ktap_ok "read-only is not writable"; fi
rmmod kcxx_params
expect_log "C++ sees the sysfs writes" "params: unload: level=6 count=10 offset=-999 limit=1099511627776 verbose=1 hidden=1 label=relabelled"
ktap_suite_end

ktap_suite_begin kcxx_param_insmod 9
dmesg -c > /dev/null
if insmod $M level=7 count=4000000000 offset=1000 limit=0x10 verbose label=from_insmod hidden=-3; then
	ktap_ok "valid values load"
	expect_eq "int from insmod" "$(param level)" 7
	expect_eq "uint from insmod" "$(param count)" 4000000000
	expect_eq "bool without value is true" "$(param verbose)" Y
	expect_log "C++ sees the loaded values" \
		"params: load: level=7 count=4000000000 offset=1000 limit=16 verbose=1 hidden=-3 label=from_insmod"
	rmmod kcxx_params
else
	ktap_not_ok "valid values load"
	ktap_skip "int from insmod" "not loaded"
	ktap_skip "uint from insmod" "not loaded"
	ktap_skip "bool without value is true" "not loaded"
	ktap_skip "C++ sees the loaded values" "not loaded"
fi
expect_einval "int above max fails the load" level=8
expect_einval "long below min fails the load" offset=-1001
expect_einval "garbage fails the load" count=lots
expect_einval "bool garbage fails the load" verbose=maybe
ktap_suite_end

ktap_suite_begin kcxx_param_modinfo 6
ln -sf /usr/bin/kmod /tmp/modinfo
modinfo_strings() { tr '\0' '\n' < $M; }
expect_eq "parm= entry" "$(modinfo_strings | grep '^parm=level:')" "parm=level:Verbosity level (0-7)"
expect_eq "parmtype= entry" "$(modinfo_strings | grep '^parmtype=level:')" "parmtype=level:int"
expect_eq "parmtypes" "$(/tmp/modinfo -F parmtype $M | sort | tr '\n' ' ')" \
	"count:uint hidden:int label:charp level:int limit:ulong offset:long verbose:bool "
expect_eq "modinfo shows a string parameter" "$(/tmp/modinfo -F parm $M | grep '^label:')" "label:Device label (charp)"
expect_eq "every parameter described" "$(/tmp/modinfo -F parm $M | wc -l)" 7
expect_eq "modinfo line" "$(/tmp/modinfo $M | grep -E '^parm: +offset:')" \
	"parm:           offset:Offset in bytes (-1000..1000) (long)"
ktap_suite_end

ktap_suite_begin kcxx_param_reload 1
ok=0
i=0
while [ $i -lt 10 ]; do
	insmod $M label=round$i > /dev/null && echo x$i > $P/label && rmmod kcxx_params || ok=1
	i=$((i + 1))
done
ktap_result $ok "load, write a string, unload: 10 times"
ktap_suite_end

ktap_end
