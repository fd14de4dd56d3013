# SPDX-License-Identifier: GPL-2.0
# Guest script: streaming DMA mappings (dma::SingleMapping, dma::SgMapping)
# through QEMU's edu device.  kcxx_dma_test.ko is a PCI driver for edu
# (1234:11e8) whose probe runs its KTAP suites with the bound device and
# prints them through printk; this script binds it (no other edu driver is
# loaded here; with one, driver_override keeps them apart), unbinds it
# (DMA-API debug reports a mapping left over at unbind) and checks what the
# kernel said.  On 6.12-debug DMA-API debug checks every map, sync and
# unmap: its reports are kernel WARNINGs, which fail the run.
# Host: tools/vm/run --script tests/vm/dma.sh --device edu --mem 256M
#       --module build/<k>/tests/kernel/dma/kcxx_dma_test.ko
# --mem 256M on every kernel: edu's DMA mask is 28 bits and x86 sets up no
# swiotlb below 4 GiB of RAM, so kmalloc'ed memory above 256 MiB cannot be
# mapped (dma-direct warns "DMA addr ... overflow" and the map fails).
# Modules: kcxx_dma_test.ko
. /kcxx/lib/ktap.sh
M=/kcxx/modules

pci=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		pci=${d##*/}
	fi
done
D=/sys/bus/pci/devices/$pci

ktap_begin 9
if [ -z "$pci" ]; then
	ktap_not_ok "edu device present" "no 1234:11e8 device: run with --device edu"
else
	ktap_ok "edu device present"
fi
# Only this driver may take the device (a driver bound before is let go).
[ -e "$D/driver" ] && echo "$pci" > "$D/driver/unbind"
echo kcxx_dma_test > "$D/driver_override"
ktap_run "kcxx_dma_test loads" insmod $M/kcxx_dma_test.ko
ktap_result $([ "$(basename "$(readlink "$D/driver")")" = kcxx_dma_test ]; echo $?) "kcxx_dma_test is bound to $pci"
ktap_expect_log "the suites ran, none failed" "dma tests done: 0 failed"
# A second binding: its probe checks that a Devres the first one kept is
# refused (BindingLock::try_new(), Devres::access()) and frees it.
ktap_run "unbind" sh -c "echo $pci > /sys/bus/pci/drivers/kcxx_dma_test/unbind"
ktap_run "bind again" sh -c "echo $pci > /sys/bus/pci/drivers/kcxx_dma_test/bind"
ktap_expect_log "the rebind suite ran, none failed" "rebind tests done: 0 failed"
ktap_run "kcxx_dma_test unloads (unbind)" rmmod kcxx_dma_test
echo > "$D/driver_override"
# DMA-API debug: no error counted (6.12-debug; elsewhere there is no such
# file and nothing to count).
errors=/sys/kernel/debug/dma-api/error_count
[ -e $errors ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
if [ -e $errors ]; then
	ktap_result $([ "$(cat $errors)" = 0 ]; echo $?) "DMA-API debug: $(cat $errors) errors"
else
	ktap_skip "DMA-API debug clean" "no CONFIG_DMA_API_DEBUG"
fi
ktap_end
