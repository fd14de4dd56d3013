#!/bin/sh
# Checks that the kcxx::qr headers are usable in the kernel:
#   1. only the allowed standard headers are included;
#   2. a TU using every entry point compiles warning-free (-Werror) with
#      -std=gnu++20 -fno-exceptions -fno-rtti -fno-threadsafe-statics -Wall -Wextra -O2;
#   3. ...and with kernel-like code generation: freestanding, no FP/SIMD
#      registers, -mcmodel=kernel -mno-red-zone (x86-64), frames <= 1024 B;
#   4. the object needs no runtime symbols (libgcc helpers, __cxa_*, ...);
#   5. it has no constructors / unwind tables / guard variables / RTTI.
# usage: kernel_flags_check.sh CXX INCLUDE_DIR TU OUTDIR
set -eu
CXX=$1 INC=$2 TU=$3 OUT=$4
mkdir -p "$OUT"
fail() { echo "FAIL: $*"; exit 1; }

allowed=" cstddef cstdint type_traits limits bit utility concepts "
# The encoder's headers, not kmsg_panic.h: the kernel glue (a kmsg dumper's
# buffers in a kcxx::Box, zlib), built with the modules that use it
# (samples/qr_panic, drivers/cbochs).
encoder_headers=$(ls "$INC"/kcxx/qr/*.h | grep -v '/kmsg_panic\.h$')
headers=$(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/p' $encoder_headers | sort -u)
for h in $headers; do
  case "$h" in kcxx/qr/*) [ -f "$INC/$h" ] || fail "missing $h"; continue ;; esac
  case "$allowed" in *" $h "*) ;; *) fail "disallowed header <$h>" ;; esac
done
echo "ok: headers included: $(echo $headers)"

BASE="-std=gnu++20 -fno-exceptions -fno-rtti -fno-threadsafe-statics -Wall -Wextra -O2"
"$CXX" $BASE -Werror -I"$INC" -c "$TU" -o "$OUT/plain.o" || fail "warnings with: $BASE"
echo "ok: $BASE -Werror"

KFLAGS="$BASE -Werror -Wmissing-declarations -Wno-unused-parameter -ffreestanding -fno-common -fno-asynchronous-unwind-tables -fno-pic \
  -fstack-protector-strong -Wframe-larger-than=1024 -fstack-usage"
case "$(uname -m)" in
  x86_64) KFLAGS="$KFLAGS -mgeneral-regs-only -mno-red-zone -mcmodel=kernel -fcf-protection=branch" ;;
  aarch64) KFLAGS="$KFLAGS -mgeneral-regs-only" ;;
esac
"$CXX" $KFLAGS -I"$INC" -c "$TU" -o "$OUT/kernel.o" || fail "kernel-like flags: $KFLAGS"
echo "ok: kernel-like flags"

undef=$(nm -u "$OUT/kernel.o" | awk '{print $NF}' | grep -v -x -E 'memcpy|memset|memmove|__stack_chk_fail|__stack_chk_guard|__fentry__' || true)
[ -z "$undef" ] || fail "undefined runtime symbols: $undef"
echo "ok: no runtime symbols needed ($(nm -u "$OUT/kernel.o" | awk '{print $NF}' | tr '\n' ' '))"

if objdump -h "$OUT/kernel.o" | grep -E '\.(init_array|ctors|fini_array|dtors|eh_frame|gcc_except_table|tdata|tbss)'; then
  fail "sections that need runtime support"
fi
if nm "$OUT/kernel.o" | grep -E ' (_ZGV|_ZTI|_ZTS|_ZTV)'; then
  fail "guard variables / RTTI / vtables"
fi
echo "ok: no init_array/eh_frame/guards/RTTI"

SU="$OUT/$(basename "$TU" .cpp).su"
[ -f "$SU" ] || SU="$OUT/kernel.su"
max=$(awk -F'\t' '{ if ($2 + 0 > m) m = $2 + 0 } END { print m + 0 }' "$SU")
[ "$max" -le 1024 ] || fail "stack frame of $max bytes"
echo "ok: largest stack frame $max bytes"
awk -F'\t' '{print "   " $2 "\t" $1}' "$SU" | sort -rn | head -5
echo PASS
