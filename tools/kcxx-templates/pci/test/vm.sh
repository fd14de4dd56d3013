# SPDX-License-Identifier: GPL-2.0
# @NAME@'s test, run in the VM by 'kcxx test' (busybox sh, in a directory
# holding the built modules and test programs) with QEMU's pci-testdev
# (test/vm-args).  KTAP helpers: /kcxx/lib/ktap.sh (kcxx's
# tools/vm/guest/ktap.sh).  Any kernel report (BUG, WARNING, KFENCE, ...)
# fails the run too.
. /kcxx/lib/ktap.sh

ktap_begin 6
ktap_run "@NAME@ loads" insmod ./@NAME@.ko
ktap_run "probe ran the device's test once" sh -c 'dmesg | grep -q "@NAME@ 0000:.*: data-match count: 1"'
./@NAME@_test; ktap_result $? "@NAME@_user"
ktap_run "remove ran at unbind" sh -c 'dmesg | grep -q "@NAME@ 0000:.*: removed"'
ktap_run "@NAME@ unloads" rmmod @NAME@
ktap_run "no driver is bound after rmmod" sh -c '! test -e /sys/bus/pci/drivers/@NAME@'
ktap_end
