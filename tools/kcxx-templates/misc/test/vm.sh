# SPDX-License-Identifier: GPL-2.0
# @NAME@'s test, run in the VM by 'kcxx test' (busybox sh, in a directory
# holding the built modules and test programs).  KTAP helpers:
# /kcxx/lib/ktap.sh (kcxx's tools/vm/guest/ktap.sh).  Any kernel report
# (BUG, WARNING, KFENCE, ...) fails the run too.
. /kcxx/lib/ktap.sh

ktap_begin 5
ktap_run "@NAME@ loads" insmod ./@NAME@.ko
ktap_run "/dev/@NAME@ appears" test -c /dev/@NAME@
./@NAME@_test; ktap_result $? "@NAME@_user"
ktap_run "@NAME@ unloads" rmmod @NAME@
ktap_run "/dev/@NAME@ is gone" sh -c '! test -e /dev/@NAME@'
ktap_end
