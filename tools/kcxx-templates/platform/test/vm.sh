# SPDX-License-Identifier: GPL-2.0
# @NAME@'s test, run in the VM by 'kcxx test' (busybox sh, in a directory
# holding the built modules and test programs).  QEMU's fw_cfg is always
# there: no test/vm-args.  KTAP helpers: /kcxx/lib/ktap.sh (kcxx's
# tools/vm/guest/ktap.sh).  Any kernel report (BUG, WARNING, KFENCE, ...)
# fails the run too.
. /kcxx/lib/ktap.sh

ktap_begin 5
ktap_run "@NAME@ loads" insmod ./@NAME@.ko
ktap_run "probe read the signature" sh -c 'dmesg | grep -q "@NAME@ .*: signature QEMU, features 0x"'
./@NAME@_test; ktap_result $? "@NAME@_user"
ktap_run "@NAME@ unloads" rmmod @NAME@
ktap_run "no driver is bound after rmmod" sh -c '! test -e /sys/bus/platform/drivers/@NAME@'
ktap_end
