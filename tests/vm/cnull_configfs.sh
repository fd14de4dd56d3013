# SPDX-License-Identifier: GPL-2.0
# Guest script: cnull's configfs interface (/sys/kernel/config/cnull/) as a
# differential test against the kernel's C null_blk (/sys/kernel/config/nullb/).
#
# Modes (the driver under test comes from kcxx.nulldrv= on the kernel command
# line, as in cnull.sh):
#   diff    kcxx.nulldrv=cnull (default) and null_blk loads (--kmod null_blk):
#           every case runs on cnull/<name> and on nullb/<name> in lockstep
#           and the outcomes (errno of the write, value read back, disk state)
#           must be equal; rows of the golden table marked "cnull" override
#           null_blk where cnull is specified to differ.
#   golden  kcxx.nulldrv=null_blk, or cnull without null_blk: the driver under
#           test against the golden table below, what null_blk answered on
#           each kernel (6.1, 6.12).  The table is the specification.
# Both drivers are loaded with the same (non-default) module parameters, so a
# new device's attributes show the parameters.
# Host: tools/vm/run --script tests/vm/cnull_configfs.sh --smp 2 --kmod null_blk
#       [--module build/<k>/drivers/cnull/cnull.ko | --append kcxx.nulldrv=null_blk]
. /kcxx/lib/ktap.sh

# --- the driver under test (same block in cnull.sh) -------------------------
DRV=cnull
for w in $(cat /proc/cmdline); do
	case $w in kcxx.nulldrv=*) DRV=${w#kcxx.nulldrv=} ;; esac
done
case $DRV in
null_blk) CFS=nullb DISK=nullb ;;	# module, configfs dir, disk prefix
cnull) CFS=cnull DISK=cnull ;;
*) echo "unknown kcxx.nulldrv=$DRV"; exit 2 ;;
esac
if [ "$DRV" = cnull ] && [ ! -f /kcxx/modules/cnull.ko ]; then
	ktap_begin 1
	ktap_not_ok "cnull.ko in /kcxx/modules" "no --module .../cnull.ko (or --append kcxx.nulldrv=null_blk)"
	ktap_end
	exit 1
fi
drv_load() {
	if [ "$DRV" = null_blk ]; then
		modprobe null_blk "$@"
	else
		insmod /kcxx/modules/cnull.ko "$@"
	fi
}
# errno name of a failed command's message (strerror text)
errname() {
	case $1 in
	*"Invalid argument"*) echo EINVAL ;;
	*"out of range"* | *"not representable"*) echo ERANGE ;;
	*"resource busy"*) echo EBUSY ;;
	*"File exists"*) echo EEXIST ;;
	*"temporarily unavailable"*) echo EAGAIN ;;
	*"No such file"*) echo ENOENT ;;
	*"Permission denied"*) echo EACCES ;;
	*"not permitted"*) echo EPERM ;;
	*"Cannot allocate memory"*) echo ENOMEM ;;
	*"No such device"*) echo ENODEV ;;
	*"No space left"*) echo ENOSPC ;;
	*) echo "E?[$1]" ;;
	esac
}
K=${KCXX_KERNEL%%-*}		# 6.1 | 6.12 (of 6.12-debug, 6.12-arm64 too)
NCPU=$(nproc)
# -----------------------------------------------------------------------------

CONFIG=/sys/kernel/config
PARAMS="nr_devices=1 gb=2 bs=1024 irqmode=2 completion_nsec=5000 hw_queue_depth=32 submit_queues=2"
# The attributes cnull must have (null_blk has more).
REQUIRED="size completion_nsec submit_queues home_node queue_mode blocksize irqmode hw_queue_depth index blocking memory_backed discard power"

# --- golden table: KERNELS|CASE|OUTCOME --------------------------------------
# What null_blk answers (KERNELS all, 6.1 or 6.12; the first matching row
# counts), and "cnull" rows: where cnull is specified to differ from null_blk
# (used in both modes for cnull): cnull has only blk-mq and handles
# queue_mode as 6.12's null_blk does on both kernels (6.1's null_blk runs
# queue_mode=0 bio-based and clamps queue_mode above 2 to 2 at power on; 6.12
# switches 0 to 2 and keeps other values).  @NCPU: the number of CPUs.
# Outcomes: "ok" or the errno of the write (EINVAL ...), then what reads back.
golden_table() {
	cat <<'EOF'
all|features is read-only|EACCES
6.12|features|badblocks,blocking,blocksize,cache_size,fua,completion_nsec,discard,home_node,hw_queue_depth,irqmode,max_sectors,mbps,memory_backed,no_sched,poll_queues,power,queue_mode,shared_tag_bitmap,shared_tags,size,submit_queues,use_per_node_hctx,virt_boundary,zoned,zone_capacity,zone_max_active,zone_max_open,zone_nr_conv,zone_offline,zone_readonly,zone_size,zone_append_max_sectors,zone_full
6.1|features|badblocks,blocking,blocksize,cache_size,completion_nsec,discard,home_node,hw_queue_depth,irqmode,max_sectors,mbps,memory_backed,no_sched,poll_queues,power,queue_mode,shared_tag_bitmap,shared_tags,size,submit_queues,use_per_node_hctx,virt_boundary,zoned,zone_capacity,zone_max_active,zone_max_open,zone_nr_conv,zone_offline,zone_readonly,zone_size
all|mkdir with the name of disk 0|EEXIST
all|mkdir twice|ok EEXIST
all|a new dir shows the module parameters|size=2048 completion_nsec=5000 submit_queues=2 home_node=4294967295 queue_mode=2 blocksize=1024 irqmode=2 hw_queue_depth=32 index=0 blocking=0 memory_backed=0 discard=0 power=0 
all|write size '64'|ok 64
all|write size '0x20'|ok 32
all|write size '010'|ok 8
all|write size 'abc'|EINVAL 8
all|write size '-1'|EINVAL 8
all|write size ' 5'|EINVAL 8
all|write size '5 '|EINVAL 8
all|write size ''|EINVAL 8
all|write size '18446744073709551615'|ok 18446744073709551615
all|write size '18446744073709551616'|ERANGE 18446744073709551615
all|write size '16'|ok 16
all|write completion_nsec '0'|ok 0
all|write completion_nsec '1e3'|EINVAL 0
all|write completion_nsec '1000000'|ok 1000000
all|write submit_queues '4294967295'|ok 4294967295
all|write submit_queues '4294967296'|ERANGE 4294967295
all|write submit_queues '-1'|EINVAL 4294967295
all|write submit_queues '0'|ok 0
all|write submit_queues '2'|ok 2
all|write home_node '0'|ok 0
all|write home_node '-1'|EINVAL 0
all|write home_node '4294967295'|ok 4294967295
all|write queue_mode '1'|ok 1
all|write queue_mode '5'|ok 5
all|write queue_mode '0'|ok 0
all|write queue_mode '2'|ok 2
all|write blocksize '513'|ok 513
all|write blocksize '0x1000'|ok 4096
all|write blocksize '8192'|ok 8192
all|write blocksize '512'|ok 512
all|write irqmode '9'|ok 9
all|write irqmode '0'|ok 0
all|write hw_queue_depth '0'|ok 0
all|write hw_queue_depth '64'|ok 64
all|write index '7'|ok 7
all|write blocking '1'|ok 1
all|write blocking '0'|ok 0
all|write blocking 'y'|ok 1
all|write blocking 'N'|ok 0
all|write blocking 'on'|ok 1
all|write blocking 'off'|ok 0
all|write blocking 'yes'|ok 1
all|write blocking '2'|EINVAL 1
all|write blocking 'oops'|EINVAL 1
all|write memory_backed '1'|ok 1
all|write memory_backed '0'|ok 0
all|write discard '1'|ok 1
all|write discard '0'|ok 0
all|write power 'maybe'|EINVAL 0
all|write power '0'|ok 0
all|write power ''|EINVAL 0
all|power on with ''|ok power=1 disk=yes dev=yes sectors=32768 lbs=1024 blocksize=1024 irqmode=2 completion_nsec=5000 submit_queues=2 hw_queue_depth=32 nr_requests=32 index=1
all|power on with 'queue_mode=1'|EINVAL power=0 disk=no queue_mode=1
6.12|power on with 'queue_mode=0'|ok power=1 disk=yes dev=yes sectors=32768 queue_mode=2
6.1|power on with 'queue_mode=0'|ok power=1 disk=yes dev=yes sectors=32768 queue_mode=0
cnull|power on with 'queue_mode=0'|ok power=1 disk=yes dev=yes sectors=32768 queue_mode=2
6.12|power on with 'queue_mode=5'|ok power=1 disk=yes dev=yes sectors=32768 queue_mode=5
6.1|power on with 'queue_mode=5'|ok power=1 disk=yes dev=yes sectors=32768 queue_mode=2
cnull|power on with 'queue_mode=5'|ok power=1 disk=yes dev=yes sectors=32768 queue_mode=5
all|power on with 'blocksize=513'|EINVAL power=0 disk=no blocksize=513
all|power on with 'blocksize=8192'|EINVAL power=0 disk=no lbs=none blocksize=8192
6.12|power on with 'blocksize=0'|ok power=1 disk=yes dev=yes lbs=512 blocksize=0
6.1|power on with 'blocksize=0'|EINVAL power=0 disk=no lbs=none blocksize=0
all|power on with 'blocksize=4096'|ok power=1 disk=yes dev=yes lbs=4096 sectors=32768
all|power on with 'blocksize=512'|ok power=1 disk=yes dev=yes lbs=512 sectors=32768
all|power on with 'irqmode=9'|ok power=1 disk=yes dev=yes irqmode=2
all|power on with 'irqmode=0'|ok power=1 disk=yes dev=yes irqmode=0
all|power on with 'submit_queues=0'|ok power=1 disk=yes dev=yes submit_queues=1
all|power on with 'submit_queues=64'|ok power=1 disk=yes dev=yes submit_queues=@NCPU
all|power on with 'hw_queue_depth=0'|EINVAL power=0 disk=no hw_queue_depth=0
all|power on with 'hw_queue_depth=100000'|ok power=1 disk=yes dev=yes nr_requests=10240
all|power on with 'hw_queue_depth=1'|ok power=1 disk=yes dev=yes nr_requests=1
all|power on with 'size=0'|ok power=1 disk=yes dev=yes sectors=0
all|power on with 'size=1024'|ok power=1 disk=yes dev=yes sectors=2097152
all|power on with 'memory_backed=1'|ok power=1 disk=yes dev=yes blocking=1 memory_backed=1
all|power on with 'blocking=1'|ok power=1 disk=yes dev=yes blocking=1
all|power on with 'discard=1'|ok power=1 disk=yes dev=yes discard=0 discard_max_bytes=0
all|power on with 'discard=1,memory_backed=1'|ok power=1 disk=yes dev=yes discard=1 discard_max_bytes=4294966784
all|power on with 'index=7'|ok power=1 disk=yes dev=yes index=1
all|power on with 'completion_nsec=0'|ok power=1 disk=yes dev=yes completion_nsec=0
all|power on with 'home_node=0'|ok power=1 disk=yes dev=yes home_node=0
all|power on with 'home_node=4294967295'|ok power=1 disk=yes dev=yes home_node=4294967295
all|mkdir, size 32|ok ok
all|power on creates the disk|ok power=1 disk=yes dev=yes sectors=65536
all|index of the powered device|1
all|size while powered|EBUSY size=32
all|blocksize while powered|EBUSY blocksize=1024
all|memory_backed while powered|EBUSY memory_backed=0
all|submit_queues 1 while powered|ok submit_queues=1
all|submit_queues 0 while powered|EINVAL submit_queues=1
all|submit_queues 64 while powered|EINVAL submit_queues=1
all|power on again|ok power=1 disk=yes dev=yes sectors=65536
all|power off removes the disk|ok power=0 disk=no
all|power off again|ok power=0 disk=no
all|size after power off|ok size=48
all|power on with the new size|ok power=1 disk=yes dev=yes sectors=98304
all|rmdir of a powered device|ok disk=no dir=no
all|mkdir after rmdir|ok ok
all|rmdir of a powered-off device|ok disk=no dir=no
all|mkdir a device dir|ok
all|rmmod while a device dir exists|EAGAIN loaded=yes
all|rmmod after rmdir|ok loaded=no
EOF
}

golden() { # CASE: the expected outcome for the driver under test, or nothing
	_g=""
	[ "$DRV" = cnull ] && _g=$(awk -F'|' -v c="$1" '$1 == "cnull" && $2 == c { print $3; exit }' /tmp/golden)
	if [ -z "$_g" ] && [ "$MODE" = golden ]; then
		_g=$(awk -F'|' -v c="$1" -v k="$K" '($1 == "all" || $1 == k) && $2 == c { print $3; exit }' /tmp/golden)
	fi
	[ -n "$_g" ] && echo "$_g" | sed "s/@NCPU/$NCPU/g"
	return 0
}

# --- the operations, on ROOT=/sys/kernel/config/{cnull,nullb} -------------------
# A device dir TAG is ROOT/<root>_TAG (its disk has that name too, so the two
# drivers' disks never collide).
dn() { echo "$(basename $1)_$2"; }		# ROOT TAG -> dir/disk name
modof() { case $(basename $1) in nullb) echo null_blk ;; *) echo cnull ;; esac; }
res() { # CMD...: ok or the errno name
	_e=$("$@" 2>&1) && echo ok || errname "$_e"
}
wr_() { echo "$2" > "$1"; }
w() { res wr_ "$1/$(dn $1 $2)/$3" "$4"; }		# ROOT TAG ATTR VALUE
r() { cat "$1/$(dn $1 $2)/$3" 2>&1 || true; }	# ROOT TAG ATTR
mk() { res mkdir "$1/$(dn $1 $2)"; }
rmd() { res rmdir "$1/$(dn $1 $2)"; }
disk() { # ROOT TAG: the disk's state
	_d=$(dn $1 $2)
	if [ -e /sys/block/$_d ]; then
		printf 'disk=yes dev=%s' "$([ -b /dev/$_d ] && echo yes || echo no)"
	else
		printf 'disk=no'
	fi
}
blk() { cat /sys/block/$(dn $1 $2)/$3 2>/dev/null || echo none; }

# A write and what reads back (on the device dir "w", kept across rows).
op_write() { # ROOT ATTR VALUE
	echo "$(w $1 w $2 "$3") $(r $1 w $2)"
}
# Power on a new device "p" with size 16 and SETTINGS (attr=value,...), then
# report the write's result, power, the disk, and KEYS (attr=, or @lbs
# @sectors @nr_requests @discard of the disk); power off, rmdir.
op_power() { # ROOT SETTINGS KEYS
	_R=$1
	mk $_R p >/dev/null
	for _kv in $(echo "size=16,$2" | tr ',' ' '); do
		_x=$(w $_R p ${_kv%%=*} ${_kv#*=})
		[ "$_x" = ok ] || echo "(setting $_kv: $_x)"
	done
	_out="$(w $_R p power 1) power=$(r $_R p power) $(disk $_R p)"
	for _k in $3; do
		case $_k in
		@lbs) _out="$_out lbs=$(blk $_R p queue/logical_block_size)" ;;
		@sectors) _out="$_out sectors=$(blk $_R p size)" ;;
		@nr_requests) _out="$_out nr_requests=$(blk $_R p queue/nr_requests)" ;;
		@discard) _out="$_out discard_max_bytes=$(blk $_R p queue/discard_max_bytes)" ;;
		*) _out="$_out $_k=$(r $_R p $_k)" ;;
		esac
	done
	echo "$_out"
	w $_R p power 0 >/dev/null
	rmd $_R p >/dev/null
}

feat_write() { res wr_ "$1/features" 1; }
cat_features() { cat $1/features; }
mk_disk0() { # (a dir made by mistake is removed: it would pin the module)
	_x=$(res mkdir "$1/$(basename $1)0")
	[ "$_x" = ok ] && rmdir "$1/$(basename $1)0"
	echo "$_x"
}
mk_twice() { echo "$(mk $1 t) $(mk $1 t)"; rmd $1 t >/dev/null; }
op_defaults() { # ROOT: a new dir's attributes
	mk $1 n >/dev/null
	for _a in $REQUIRED; do printf '%s=%s ' $_a "$(r $1 n $_a)"; done
	rmd $1 n >/dev/null
}

# check NAME FUNC ARGS...: run "FUNC ROOT ARGS..." on the driver under test
# and compare with the golden row, or with null_blk (diff mode).
check() {
	_name=$1
	_f=$2
	shift 2
	_got=$($_f $SUBJ "$@")
	_want=$(golden "$_name")
	_from=golden
	if [ -z "$_want" ] && [ "$MODE" = diff ]; then
		_want=$($_f $REF "$@")
		_from=null_blk
	elif [ "$MODE" = diff ]; then
		$_f $REF "$@" >/dev/null	# keep null_blk in lockstep
	fi
	if [ -z "$_want" ]; then
		ktap_not_ok "$_name" "no golden row; observed: $K|$_name|$_got"
	elif [ "$_got" = "$_want" ]; then
		ktap_ok "$_name"
	else
		ktap_not_ok "$_name" "got '$_got', want ($_from) '$_want'"
	fi
}
expect_eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ktap_ok "$1"; else ktap_not_ok "$1" "got '$2', want '$3'"; fi
}

# --- load ----------------------------------------------------------------------
golden_table > /tmp/golden
SUBJ=$CONFIG/$CFS
REF=$CONFIG/nullb
MODE=golden
ktap_begin 7
if drv_load $PARAMS; then ktap_ok "load $DRV $PARAMS"; else ktap_not_ok "load $DRV $PARAMS"; fi
if [ "$DRV" = cnull ]; then
	if modprobe null_blk $PARAMS 2>/dev/null; then
		MODE=diff
	fi
fi
ktap_diag "driver $DRV (configfs $CFS), kernel $K, $NCPU CPUs, mode $MODE"
if [ ! -d $SUBJ ]; then
	ktap_not_ok "$SUBJ exists"
	ktap_end
	exit 1
fi
ktap_ok "$SUBJ exists"

# --- 1. the root: features, names ---------------------------------------------
ktap_suite_begin ${CFS}_root 7
feat=$(cat $SUBJ/features 2>&1)
check "features is read-only" feat_write
mkdir $SUBJ/$(dn $SUBJ f) 2>/dev/null
missing=""
for a in $(echo "$feat" | tr ',' ' '); do
	[ -e $SUBJ/$(dn $SUBJ f)/$a ] || missing="$missing $a"
done
expect_eq "every listed feature is a device attribute" "$missing" ""
missing=""
for a in $REQUIRED; do
	[ -e $SUBJ/$(dn $SUBJ f)/$a ] || missing="$missing $a"
	case ",$feat," in *",$a,"*) ;; *) [ $a = index ] || missing="$missing (features:$a)" ;; esac
done
expect_eq "the required attributes exist and are listed" "$missing" ""
rmdir $SUBJ/$(dn $SUBJ f)
if [ "$DRV" = null_blk ]; then
	check "features" cat_features
else
	# cnull may list fewer features, but only null_blk's
	if [ "$MODE" = diff ]; then
		ref=$(cat $REF/features)
	else
		ref=$(awk -F'|' -v k="$K" '($1 == "all" || $1 == k) && $2 == "features" { print $3; exit }' /tmp/golden)
	fi
	extra=""
	for a in $(echo "$feat" | tr ',' ' '); do
		case ",$ref," in *",$a,"*) ;; *) extra="$extra $a" ;; esac
	done
	expect_eq "features: only null_blk's names" "$extra" ""
fi
check "mkdir with the name of disk 0" mk_disk0
check "mkdir twice" mk_twice
check "a new dir shows the module parameters" op_defaults
ktap_suite_end

# --- 2. attribute writes on a powered-off device -----------------------------
# ATTR|VALUE, in order on one device dir (a refused write keeps the value).
write_table() {
	cat <<'EOF2'
size|64
size|0x20
size|010
size|abc
size|-1
size| 5
size|5 
size|
size|18446744073709551615
size|18446744073709551616
size|16
completion_nsec|0
completion_nsec|1e3
completion_nsec|1000000
submit_queues|4294967295
submit_queues|4294967296
submit_queues|-1
submit_queues|0
submit_queues|2
home_node|0
home_node|-1
home_node|4294967295
queue_mode|1
queue_mode|5
queue_mode|0
queue_mode|2
blocksize|513
blocksize|0x1000
blocksize|8192
blocksize|512
irqmode|9
irqmode|0
hw_queue_depth|0
hw_queue_depth|64
index|7
blocking|1
blocking|0
blocking|y
blocking|N
blocking|on
blocking|off
blocking|yes
blocking|2
blocking|oops
memory_backed|1
memory_backed|0
discard|1
discard|0
power|maybe
power|0
power|
EOF2
}
write_table > /tmp/write_table
ktap_suite_begin ${CFS}_writes $(wc -l < /tmp/write_table)
mk $SUBJ w >/dev/null
[ "$MODE" = diff ] && mk $REF w >/dev/null
while IFS='|' read -r attr val; do
	check "write $attr '$val'" op_write "$attr" "$val"
done < /tmp/write_table
rmd $SUBJ w >/dev/null
[ "$MODE" = diff ] && rmd $REF w >/dev/null
ktap_suite_end

# --- 3. power on with a setting -------------------------------------------------
# SETTINGS|KEYS: a new device (size 16 MB) with SETTINGS, power=1; KEYS read back
power_table() {
	cat <<'EOF2'
|@sectors @lbs blocksize irqmode completion_nsec submit_queues hw_queue_depth @nr_requests index
queue_mode=1|queue_mode
queue_mode=0|@sectors queue_mode
queue_mode=5|@sectors queue_mode
blocksize=513|blocksize
blocksize=8192|@lbs blocksize
blocksize=0|@lbs blocksize
blocksize=4096|@lbs @sectors
blocksize=512|@lbs @sectors
irqmode=9|irqmode
irqmode=0|irqmode
submit_queues=0|submit_queues
submit_queues=64|submit_queues
hw_queue_depth=0|hw_queue_depth
hw_queue_depth=100000|@nr_requests
hw_queue_depth=1|@nr_requests
size=0|@sectors
size=1024|@sectors
memory_backed=1|blocking memory_backed
blocking=1|blocking
discard=1|discard @discard
discard=1,memory_backed=1|discard @discard
index=7|index
completion_nsec=0|completion_nsec
home_node=0|home_node
home_node=4294967295|home_node
EOF2
}
power_table > /tmp/power_table
ktap_suite_begin ${CFS}_power_settings $(wc -l < /tmp/power_table)
while IFS='|' read -r settings keys; do
	check "power on with '$settings'" op_power "$settings" "$keys"
done < /tmp/power_table
ktap_suite_end

# --- 4. a device's life: power on/off, busy attributes, rmdir --------------------
ktap_suite_begin ${CFS}_power 17
st_on() { echo "$(w $1 d power 1) power=$(r $1 d power) $(disk $1 d) sectors=$(blk $1 d size)"; }
st_ro() { echo "$(w $1 d $2 "$3") $2=$(r $1 d $2)"; }
st_off() { echo "$(w $1 d power 0) power=$(r $1 d power) $(disk $1 d)"; }
st_mkd() { echo "$(mk $1 d) $(w $1 d size 32)"; }
st_idx() { r $1 d index; }
st_rmd() { echo "$(rmd $1 d) $(disk $1 d) dir=$([ -d $1/$(dn $1 d) ] && echo yes || echo no)"; }
check "mkdir, size 32" st_mkd
check "power on creates the disk" st_on
check "index of the powered device" st_idx
check "size while powered" st_ro size 64
check "blocksize while powered" st_ro blocksize 4096
check "memory_backed while powered" st_ro memory_backed 1
check "submit_queues 1 while powered" st_ro submit_queues 1
check "submit_queues 0 while powered" st_ro submit_queues 0
check "submit_queues 64 while powered" st_ro submit_queues 64
check "power on again" st_on
check "power off removes the disk" st_off
check "power off again" st_off
check "size after power off" st_ro size 48
check "power on with the new size" st_on
check "rmdir of a powered device" st_rmd
check "mkdir after rmdir" st_mkd
check "rmdir of a powered-off device" st_rmd
ktap_suite_end

# --- 5. the module is pinned by its configfs dirs --------------------------------
ktap_suite_begin ${CFS}_module 4
st_rmmod() { _m=$(modof $1); echo "$(res rmmod $_m) loaded=$([ -d /sys/module/$_m ] && echo yes || echo no)"; }
st_mkdir_keep() { mk $1 m; }
check "mkdir a device dir" st_mkdir_keep
check "rmmod while a device dir exists" st_rmmod
rmd $SUBJ m >/dev/null
[ "$MODE" = diff ] && rmd $REF m >/dev/null
check "rmmod after rmdir" st_rmmod
ktap_run "$SUBJ is gone" test ! -e $SUBJ
ktap_suite_end

ktap_end
