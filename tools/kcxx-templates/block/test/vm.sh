# SPDX-License-Identifier: GPL-2.0
# @NAME@'s test, run in the VM by 'kcxx test' (busybox sh, in a directory
# holding the built modules and test programs).  KTAP helpers:
# /kcxx/lib/ktap.sh (kcxx's tools/vm/guest/ktap.sh).  Any kernel report
# (BUG, WARNING, KFENCE, ...) fails the run too.
. /kcxx/lib/ktap.sh

ktap_begin 6
ktap_run "@NAME@ loads" insmod ./@NAME@.ko
ktap_run "/dev/@NAME@ appears" test -b /dev/@NAME@
./@NAME@_test; ktap_result $? "@NAME@_user"
# Through the page cache too: a file's bytes survive a cache drop.
dd if=/dev/urandom of=/tmp/pattern bs=4096 count=64 2>/dev/null
dd if=/tmp/pattern of=/dev/@NAME@ bs=4096 seek=7 2>/dev/null && sync
echo 3 > /proc/sys/vm/drop_caches
dd if=/dev/@NAME@ of=/tmp/back bs=4096 skip=7 count=64 2>/dev/null
ktap_run "buffered I/O reads back" cmp /tmp/pattern /tmp/back
ktap_run "@NAME@ unloads" rmmod @NAME@
ktap_run "/dev/@NAME@ is gone" sh -c '! test -e /dev/@NAME@'
ktap_end
