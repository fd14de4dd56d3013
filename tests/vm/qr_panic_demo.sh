# SPDX-License-Identifier: GPL-2.0
# Guest script for tools/panic-qr/screenshot: load samples/qr_panic, log a
# line, panic.  Modules: qr_panic.ko
insmod /kcxx/modules/qr_panic.ko || exit 1
echo "kcxx: qr_panic demo on $(uname -r): this line, and the panic below, are in the QR code" >/dev/kmsg
echo c >/proc/sysrq-trigger
sleep 600
