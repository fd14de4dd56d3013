# Guest side of the harness self-test (tools/vm/selftest): a passing run.
# Host args: --kmod null_blk [--module <msdos.ko from the kernel tree>]
#            --file tests/vm/selftest.sh:/data/copy.sh --bin xz
. /kcxx/lib/ktap.sh

ktap_begin 7
[ -n "$KCXX_KERNEL" ] && [ "$(pwd)" = /kcxx ]
ktap_result $? "environment (KCXX_KERNEL=$KCXX_KERNEL, cwd /kcxx)"

ok=0
for fs in proc sysfs devtmpfs debugfs tmpfs configfs; do
	grep -q " $fs " /proc/mounts || { ktap_diag "$fs not mounted"; ok=1; }
done
ktap_result $ok "mounts"

# --kmod null_blk: the module and its dependency (configfs) with a modules.dep
ktap_suite_begin null_blk 3
ktap_run "modprobe null_blk" modprobe null_blk nr_devices=1
ktap_run "/dev/nullb0 exists" test -b /dev/nullb0
ktap_run "read /dev/nullb0" dd if=/dev/nullb0 of=/dev/null bs=4k count=16
ktap_suite_end

# --module: copied, not loaded; its depends= (fat) loaded by /init
if [ -f /kcxx/modules/msdos.ko ]; then
	ktap_suite_begin module 3
	ktap_run "copied to /kcxx/modules" test -f /kcxx/modules/msdos.ko
	ktap_run "dependency fat loaded by init" test -d /sys/module/fat
	ktap_run "insmod" insmod /kcxx/modules/msdos.ko
	ktap_suite_end
else
	ktap_skip module "no --module msdos.ko given"
fi

# --file with a destination, --bin with its shared libraries
ktap_run "--file" cmp /kcxx/files/selftest.sh /data/copy.sh
# busybox sh runs its own applets first: call --bin programs by full path
ktap_run "--bin" sh -c '/usr/bin/xz --version | grep -q liblzma'

# A KTAP document printed by the kernel (as a test module would): through
# /dev/kmsg the lines get the printk timestamp the parser has to strip.
ktap_skip "kernel stream" "printed to /dev/kmsg below, counted separately"
for l in "KTAP version 1" "1..2" "    KTAP version 1" "    # Subtest: kmsg_suite" \
	"    1..2" "    ok 1 kmsg_case_a" "    ok 2 kmsg_case_b # SKIP not here" \
	"ok 1 kmsg_suite" "ok 2 kmsg_case_c"; do
	echo "$l" >/dev/kmsg
done
ktap_end
