#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Host check for the cbochs_panic VM suite (tools/vm/run --host-check).

The screendump of cbochs's display taken once its kmsg dumper drew
(<log stem>-panic.ppm) must hold a QR code that decodes (zbarimg, then
tools/panic-qr/decode, as tests/vm/qr_panic_check.py) to the drm_panic URL
with this kernel's arch and release, and a log that holds the marker the
guest logged before the panic (tests/vm/cbochs_panic.sh), the panic
message, and ends with cbochs's 'making a QR code' line.  KTAP, PPM and QR
decoding: host_check.py.
"""

import os
import re
import sys

from host_check import Ktap, decode, env, panic_url_case, zbar


def main():
    log_path, dumps, release = env("cbochs_panic_check")
    t = Ktap()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        serial = f.read()
    m = re.search(r"KCXX-QR-MARK panic (\S+)", serial)
    marker = m.group(0) if m else None
    t.case(marker, "the guest logged the panic marker")
    path = dumps[0]
    t.start()
    payload = zbar(path) if os.path.exists(path) else None
    t.case(payload, "%s: zbarimg finds a QR code" % os.path.basename(path))
    if payload:
        panic_url_case(t, "the code is drm_panic's ", payload, release)
        rc, header, log = decode(payload)
        t.case(rc == 0 and log, "tools/panic-qr/decode reads the log", "\n".join(header))
        log = log.decode("utf-8", "replace")
        t.case(marker and marker in log, "the log holds the marker logged before the panic")
        t.case("Kernel panic - not syncing: sysrq triggered crash" in log,
               "the log holds the panic message")
        last = log.rstrip("\n").splitlines()[-1] if log.strip() else ""
        t.case("cbochs: panic: making a QR code of the kernel log" in last,
               "the log ends with cbochs's 'making a QR code' line", last)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
