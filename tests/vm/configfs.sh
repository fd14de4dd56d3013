# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx::configfs driven from user space.  kcxx_configfs_test.ko
# registers /sys/kernel/config/kcxx_cfs_test (items with uint, ulong, int,
# bool, string, read-only and write-only attributes; root attributes on the
# shared data) and /sys/kernel/config/kcxx_cfs_plain (items without shared
# data).  Checks mkdir/rmdir, every attribute, the errnos of bad values
# (kstrto* semantics: base 0, EINVAL, ERANGE), full-page writes and reads,
# names make() refuses, that an item pins the module, and that every item
# is destroyed (no leaks).  The harness fails the run on any kernel report.
# Modules: kcxx_configfs_test.ko (depends on configfs.ko, loaded by /init).
. /kcxx/lib/ktap.sh
M=/kcxx/modules/kcxx_configfs_test.ko
C=/sys/kernel/config
T=$C/kcxx_cfs_test
P=$C/kcxx_cfs_plain

# /init mounts configfs; mount it here if it did not.
grep -q " $C configfs" /proc/mounts || mount -t configfs none $C

expect_eq() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then ktap_ok "$1"; else ktap_not_ok "$1" "got '$2', want '$3'"; fi
}
# CMD must fail with the strerror text MESSAGE.
expect_fails() { # NAME MESSAGE CMD...
	_name=$1
	_msg=$2
	shift 2
	if "$@" 2>/tmp/err; then
		ktap_not_ok "$_name" "it succeeded"
	elif grep -q "$_msg" /tmp/err; then
		ktap_ok "$_name"
	else
		ktap_not_ok "$_name" "$(cat /tmp/err)"
	fi
}
# Writing VALUE to FILE must fail with MESSAGE and leave the value as it was.
expect_write_fails() { # NAME FILE VALUE MESSAGE
	_before=$(cat "$2" 2>/dev/null)
	if (echo "$3" > "$2") 2>/tmp/err; then
		ktap_not_ok "$1" "the write succeeded"
	elif grep -q "$4" /tmp/err && [ "$(cat "$2" 2>/dev/null)" = "$_before" ]; then
		ktap_ok "$1"
	else
		ktap_not_ok "$1" "$(cat /tmp/err); value now '$(cat "$2" 2>/dev/null)', was '$_before'"
	fi
}
# Writes VALUE to FILE and expects to read back WANT.
expect_write() { # NAME FILE VALUE WANT
	if (echo "$3" > "$2") 2>/tmp/err; then
		expect_eq "$1" "$(cat "$2")" "$4"
	else
		ktap_not_ok "$1" "$(cat /tmp/err)"
	fi
}
stats() { cat $T/stats; }

ktap_begin 6

ktap_suite_begin kcxx_configfs_root 11
ktap_run "kcxx_configfs_test loads" insmod $M
ktap_expect_log "registered both subsystems" "kcxx_configfs_test: registered kcxx_cfs_test (max_items 4, 0 items) and kcxx_cfs_plain"
ktap_run "$T exists" test -d $T
expect_eq "features (root RO attribute)" "$(cat $T/features)" "size,blocksize,offset,power,label,echo"
expect_eq "stats start at zero" "$(stats)" "live=0 made=0 dropped=0 destroyed=0 powered=0"
expect_eq "root attribute modes" "$(stat -c '%n=%a' $T/features $T/stats $T/max_items | sed "s|$T/||" | tr '\n' ' ')" \
	"features=444 stats=444 max_items=644 "
expect_write "root store: max_items 3" $T/max_items 3 3
expect_write_fails "root store: max_items abc is EINVAL" $T/max_items abc "Invalid argument"
expect_write_fails "root store: max_items 8 is EINVAL (the store's own check)" $T/max_items 8 "Invalid argument"
expect_write "root store: max_items 0x4 (hex)" $T/max_items 0x4 4
expect_write_fails "root RO attribute: write is EACCES" $T/features x "Permission denied"
ktap_suite_end

ktap_suite_begin kcxx_configfs_attributes 43
A=$T/a
ktap_run "mkdir a" mkdir $A
expect_eq "attributes" "$(ls $A | tr '\n' ' ')" \
	"big blocksize echo echo_len index label name offset overflow power reset size "
expect_eq "modes" "$(stat -c '%n=%a' $A/size $A/index $A/reset | sed "s|$A/||" | tr '\n' ' ')" \
	"size=644 index=444 reset=200 "
expect_eq "index (RO)" "$(cat $A/index)" 0
expect_eq "name (RO): make() got the directory name" "$(cat $A/name)" a
expect_eq "size default" "$(cat $A/size)" 0
expect_write "ulong: 1024" $A/size 1024 1024
expect_write "ulong: hex 0x10" $A/size 0x10 16
expect_write "ulong: octal 010" $A/size 010 8
expect_write "ulong: max 18446744073709551615" $A/size 18446744073709551615 18446744073709551615
expect_write_fails "ulong: 2^64 is ERANGE" $A/size 18446744073709551616 "Numerical result out of range"
expect_write_fails "ulong: abc is EINVAL" $A/size abc "Invalid argument"
expect_write_fails "ulong: -1 is EINVAL" $A/size -1 "Invalid argument"
expect_write_fails "ulong: '12 34' is EINVAL" $A/size "12 34" "Invalid argument"
if printf 77 > $A/size 2>/tmp/err; then expect_eq "ulong: without a newline" "$(cat $A/size)" 77; else ktap_not_ok "ulong: without a newline" "$(cat /tmp/err)"; fi
expect_write "uint: 4096" $A/blocksize 4096 4096
expect_write_fails "uint: 2^40 is ERANGE" $A/blocksize 1099511627776 "Numerical result out of range"
expect_write_fails "uint: 2^32 is ERANGE" $A/blocksize 4294967296 "Numerical result out of range"
expect_write_fails "uint: abc is EINVAL" $A/blocksize abc "Invalid argument"
expect_write_fails "uint: 1000 is EINVAL (the store's own check)" $A/blocksize 1000 "Invalid argument"
expect_write "uint: hex 0x200" $A/blocksize 0x200 512
expect_write "uint: octal 02000" $A/blocksize 02000 1024
expect_write "int: -5" $A/offset -5 -5
expect_write "int: 0x7fffffff" $A/offset 0x7fffffff 2147483647
expect_write_fails "int: 2147483648 is ERANGE" $A/offset 2147483648 "Numerical result out of range"
expect_write "bool: 1" $A/power 1 1
expect_eq "bool store reached the shared data" "$(stats)" "live=1 made=1 dropped=0 destroyed=0 powered=1"
expect_write_fails "bool: maybe is EINVAL" $A/power maybe "Invalid argument"
expect_write "bool: off" $A/power off 0
expect_write "bool: Y" $A/power Y 1
expect_write "string: hello" $A/label hello hello
expect_write_fails "string: 40 characters is EINVAL" $A/label 0123456789012345678901234567890123456789 "Invalid argument"
# A full page: configfs takes at most 4095 bytes per write(2).
head -c 4095 /dev/zero | tr '\0' x > /tmp/page
ktap_run "full-page write (4095 bytes, one write)" dd if=/tmp/page of=$A/echo bs=4095 count=1
expect_eq "store got all 4095 bytes" "$(cat $A/echo_len)" 4095
ktap_run "full-page read returns them" cmp /tmp/page $A/echo
printf 'ab\0cd' > $A/echo
expect_eq "text ends at an interior NUL" "$(cat $A/echo_len)" 2
expect_eq "show never writes past the page (4095 characters)" "$(wc -c < $A/big)" 4095
expect_fails "a show's error goes to read(2): E2BIG" "Argument list too long" cat $A/overflow
expect_fails "WO attribute: read is EACCES" "Permission denied" cat $A/reset
expect_fails "RO attribute: write is EACCES" "Permission denied" sh -c "echo 1 > $A/index"
ktap_run "WO attribute: write" sh -c "echo 1 > $A/reset"
expect_eq "WO store ran" "$(cat $A/size) $(cat $A/blocksize) $(cat $A/offset)" "0 512 0"
expect_fails "mkdir in an item is EPERM" "Operation not permitted" mkdir $A/sub
ktap_suite_end

ktap_suite_begin kcxx_configfs_make 16
expect_fails "make refuses a registered name: EEXIST" "File exists" mkdir $T/taken
expect_fails "an existing directory: EEXIST" "File exists" mkdir $T/a
expect_fails "make refuses a long name: ENAMETOOLONG" "File name too long" mkdir $T/abcdefghijklmnopqrstuvwxyz0123456789
ktap_run "mkdir b c d" mkdir $T/b $T/c $T/d
expect_fails "make refuses a fifth item: ENOSPC" "No space left on device" mkdir $T/e
expect_eq "refused makes leave nothing" "$(stats)" "live=4 made=4 dropped=0 destroyed=0 powered=1"
expect_eq "index of d" "$(cat $T/d/index)" 3
echo 4096 > $T/b/size
expect_eq "items are independent" "$(cat $T/a/size) $(cat $T/b/size) $(cat $T/c/size)" "0 4096 0"
ktap_run "rmdir c" rmdir $T/c
ktap_run "c is gone" sh -c "! test -e $T/c"
expect_eq "rmdir dropped and destroyed c" "$(stats)" "live=3 made=4 dropped=1 destroyed=1 powered=1"
ktap_run "mkdir e now fits" mkdir $T/e
expect_eq "e is the fifth made" "$(cat $T/e/index)" 4
ktap_run "rmdir e, mkdir c again" sh -c "rmdir $T/e && mkdir $T/c"
expect_eq "c starts fresh" "$(cat $T/c/size) $(cat $T/c/index)" "0 5"
expect_eq "stats" "$(stats)" "live=4 made=6 dropped=2 destroyed=2 powered=1"
ktap_suite_end

ktap_suite_begin kcxx_configfs_plain 7
ktap_run "mkdir (no shared data)" mkdir $P/x
expect_write "store without shared data" $P/x/value 7 7
expect_fails "make(name) refuses 'no': EPERM" "Operation not permitted" mkdir $P/no
ktap_run "rmdir" rmdir $P/x
ktap_run "mkdir y" mkdir $P/y
expect_eq "x was destroyed" "$(cat $P/y/destroyed)" 1
ktap_run "rmdir y" rmdir $P/y
ktap_suite_end

ktap_suite_begin kcxx_configfs_concurrent 3
# Two writers and a reader on one item, and mkdir/rmdir beside them: the
# subsystem's lock serialises the callbacks (lockdep and KFENCE watch).
(i=0; while [ $i -lt 200 ]; do echo $i > $T/a/size && echo $((i % 2)) > $T/a/power || exit 1; i=$((i + 1)); done) &
w1=$!
(i=0; while [ $i -lt 200 ]; do echo $((i * 2)) > $T/a/size && cat $T/a/size $T/stats > /dev/null || exit 1; i=$((i + 1)); done) &
w2=$!
echo 5 > $T/max_items
(i=0; while [ $i -lt 50 ]; do mkdir $T/tmp && echo 1 > $T/tmp/power && rmdir $T/tmp || exit 1; i=$((i + 1)); done) &
w3=$!
wait $w1; r1=$?
wait $w2; r2=$?
wait $w3; r3=$?
expect_eq "the loops succeeded" "$r1 $r2 $r3" "0 0 0"
echo 0 > $T/a/power
expect_eq "power counts balance" "$(stats)" "live=4 made=56 dropped=52 destroyed=52 powered=0"
ktap_run "a still works" sh -c "echo 5 > $T/a/size && test \"\$(cat $T/a/size)\" = 5"
ktap_suite_end

ktap_suite_begin kcxx_configfs_lifetime 11
expect_fails "rmmod refused while items exist" "" rmmod kcxx_configfs_test
ktap_run "module still loaded" test -d /sys/module/kcxx_configfs_test
ktap_run "rmdir a b d" rmdir $T/a $T/b $T/d
# An attribute file open across rmdir: the item dies, the file reads
# ENOENT (configfs never calls into a dropped item), and the open file
# pins the module.
exec 3< $T/c/size
ktap_run "rmdir c with c/size open" rmdir $T/c
expect_fails "the open file reads ENOENT" "No such file or directory" cat <&3
expect_eq "every item destroyed" "$(stats)" "live=0 made=56 dropped=56 destroyed=56 powered=0"
expect_fails "rmmod refused while an attribute file is open" "" rmmod kcxx_configfs_test
exec 3<&-
ktap_run "rmmod succeeds" rmmod kcxx_configfs_test
ktap_expect_log "no leaks at exit" "kcxx_configfs_test: exit made=56 dropped=56 destroyed=56 live=0 plain_destroyed=2"
ktap_run "subsystems are gone" sh -c "! test -e $T && ! test -e $P"
ktap_run "loads and unloads again" sh -c "insmod $M && mkdir $T/z && rmdir $T/z && rmmod kcxx_configfs_test"
ktap_suite_end

ktap_end
