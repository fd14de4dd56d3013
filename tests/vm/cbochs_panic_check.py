#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Host check for the cbochs_panic VM suite (tools/vm/run --host-check).

The screendump of cbochs's display taken once its kmsg dumper drew
(<log stem>-panic.ppm) must hold a QR code that decodes (zbarimg, then
tools/panic-qr/decode, as tests/vm/qr_panic_check.py) to the drm_panic URL
with this kernel's arch and release, and a log that holds the marker the
guest logged before the panic (tests/vm/cbochs_panic.sh), the panic
message, and ends with cbochs's 'making a QR code' line.  KTAP.
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qr_panic_check import URL, decode, zbar  # noqa: E402

results = []


def case(ok, name, diag=None):
    results.append((bool(ok), name, diag))


def main():
    log_path = os.environ.get("KCXX_VM_LOG")
    dumps = os.environ.get("KCXX_VM_SCREENDUMPS", "").split()
    release = os.environ.get("KCXX_VM_RELEASE", "")
    if not log_path or not dumps:
        print("cbochs_panic_check: run me through tools/vm/run --host-check", file=sys.stderr)
        return 2
    with open(log_path, encoding="utf-8", errors="replace") as f:
        serial = f.read()
    m = re.search(r"KCXX-QR-MARK panic (\S+)", serial)
    marker = m.group(0) if m else None
    case(marker, "the guest logged the panic marker")
    path = dumps[0]
    print("KTAP version 1")
    payload = zbar(path) if os.path.exists(path) else None
    case(payload, "%s: zbarimg finds a QR code" % os.path.basename(path))
    if payload:
        text = payload.decode("utf-8", "replace").strip()
        prefix = URL + "?a=x86_64&v="
        case(text.startswith(prefix), "the code is the drm_panic URL (%s...)" % prefix,
             text[:120])
        m = re.match(re.escape(prefix) + r"([^&]*)&z=\d+$", text)
        want = release.replace("+", "%2B")
        case(m and (not release or m.group(1) == want),
             "it carries this kernel's release (%s)" % want, text[:160])
        rc, header, log = decode(payload)
        case(rc == 0 and log, "tools/panic-qr/decode reads the log", "\n".join(header))
        log = log.decode("utf-8", "replace")
        case(marker and marker in log, "the log holds the marker logged before the panic")
        case("Kernel panic - not syncing: sysrq triggered crash" in log,
             "the log holds the panic message")
        last = log.rstrip("\n").splitlines()[-1] if log.strip() else ""
        case("cbochs: panic: making a QR code of the kernel log" in last,
             "the log ends with cbochs's 'making a QR code' line", last)
    print("1..%d" % len(results))
    for i, (ok, name, diag) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if diag and not ok:
            print("# " + diag)
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
