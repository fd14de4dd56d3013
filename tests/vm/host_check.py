# SPDX-License-Identifier: GPL-2.0
"""What the VM suites' host checks (tools/vm/run --host-check) share.

  Ktap        the cases, printed as one KTAP document: ok / not ok, the
              diagnostic of a failed case, the plan; exit status
  env()       the harness's environment: serial log, screendumps, release
  read_ppm()  a QMP screendump (binary PPM)
  zbar()      the QR code in an image (zbarimg)
  decode()    a drm_panic payload through tools/panic-qr/decode
  panic_url_case()  the payload is the drm_panic URL with this kernel's arch
              and release

Used by qr_panic_check.py, cbochs_panic_check.py and cbochs_check.py.
Python 3 standard library; zbar() needs zbarimg (zbar-tools).
"""

import os
import subprocess
import sys
import urllib.parse

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DECODE = os.path.join(REPO, "tools", "panic-qr", "decode")
# The public decoder page, as drm_panic's default (CONFIG_DRM_PANIC_SCREEN_QR_CODE_URL).
URL = "https://kdj0c.github.io/panic_report/"


class Ktap:
    """The cases of one host check.  Diagnostics printed while checking
    ('# ...') come after the header, so start() first."""

    def __init__(self):
        self.results = []

    def start(self):
        print("KTAP version 1")

    def case(self, ok, name, diag=None):
        self.results.append((bool(ok), name, diag))

    def finish(self):
        """Prints the plan and the cases; the exit status (1 if any failed)."""
        print("1..%d" % len(self.results))
        for i, (ok, name, diag) in enumerate(self.results, 1):
            print("%s %d %s" % ("ok" if ok else "not ok", i, name))
            if diag and not ok:
                print("# " + str(diag).replace("\n", "\n# "))
        sys.stdout.flush()
        return 0 if all(ok for ok, _, _ in self.results) else 1


def env(prog):
    """(serial log path, screendump paths in order, kernel release) from
    tools/vm/run; exits with 2 if not run through it."""
    log_path = os.environ.get("KCXX_VM_LOG")
    dumps = os.environ.get("KCXX_VM_SCREENDUMPS", "").split()
    if not log_path or not dumps:
        print("%s: run me through tools/vm/run --host-check" % prog, file=sys.stderr)
        sys.exit(2)
    return log_path, dumps, os.environ.get("KCXX_VM_RELEASE", "")


def read_ppm(path):
    """(width, height, RGB bytes) of a binary PPM (P6, maxval 255)."""
    with open(path, "rb") as f:
        data = f.read()
    fields = []
    i = 0
    while len(fields) < 4:
        while data[i:i + 1].isspace():
            i += 1
        if data[i:i + 1] == b"#":
            i = data.index(b"\n", i)
            continue
        j = i
        while j < len(data) and not data[j:j + 1].isspace():
            j += 1
        fields.append(data[i:j])
        i = j
    i += 1  # the single whitespace after maxval
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError("%s: not a P6 PPM with maxval 255" % path)
    w, h = int(fields[1]), int(fields[2])
    pixels = data[i:i + 3 * w * h]
    if len(pixels) != 3 * w * h:
        raise ValueError("%s: short pixel data" % path)
    return w, h, pixels


def zbar(path):
    """The raw bytes of the QR code in the image at PATH, or None."""
    p = subprocess.run(["zbarimg", "--nodbus", "--raw", "-q", "-Sdisable", "-Sqrcode.enable",
                        "-Sbinary", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return p.stdout if p.returncode == 0 and p.stdout else None


def decode(payload):
    """tools/panic-qr/decode on the payload text: (status, header lines, log bytes)."""
    head = subprocess.run([DECODE, "-"], input=payload, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    log = subprocess.run([DECODE, "--binary", "-"], input=payload, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    header = head.stdout.decode("utf-8", "replace").split("-" * 72)[0].splitlines()
    return log.returncode, header, log.stdout


def panic_url_case(t, label, payload, release):
    """Case: PAYLOAD is drm_panic's URL (URL?a=ARCH&v=RELEASE&z=...) with
    the guest's arch (uname -m: KCXX_VM_UNAME_M from tools/vm/run, x86_64
    or aarch64) and this kernel's release, as a decoder reads it (the
    release's '+' must arrive as '+', not ' ')."""
    text = payload.decode("latin-1")
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(text).query)
    arch = os.environ.get("KCXX_VM_UNAME_M", "x86_64")
    t.case(text.startswith(URL + "?a=") and q.get("a") == [arch] and
           q.get("v") == [release] and "z" in q,
           "%sURL, arch and release (%s)" % (label, release), "payload starts %r" % text[:100])
