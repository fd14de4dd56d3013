#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Host check for the qr_panic VM suites (tools/vm/run --host-check).

Reads the serial log ($KCXX_VM_LOG) and the screendumps the harness saved
($KCXX_VM_SCREENDUMPS, in order), and prints KTAP.  Each screendump's name
says what it should show (<log stem>-<kind>.ppm):

  url, v10, panic   a QR code drawn by samples/qr_panic in URL mode
  raw               a QR code drawn in raw mode (url=)
  off               no QR code: the module was disabled when the kernel
                    panicked

For each kind the guest script logged 'KCXX-QR-MARK <kind> <uuid>' just
before the QR code was drawn.  A drawn code must decode (zbarimg, then
tools/panic-qr/decode), sit centred on the screen at the module's scale,
carry this kernel's arch and release, hold the marker and end with the
module's own 'making a QR code' line, match the sizes the module reported,
and equal the text QR code the module printed on the console.

Python 3 standard library; needs zbarimg (zbar-tools).  KTAP, PPM and
QR decoding: host_check.py.
"""

import os
import re
import sys
import tempfile

from host_check import Ktap, decode, env, panic_url_case, read_ppm, zbar

QUIET = 4
SUMMARY_RE = re.compile(r"qr_panic: drew a QR code \((\w+)\): version (\d+), (\d+) modules, "
                        r"(\d+) of (\d+) log bytes, (\d+) compressed bytes, (url|raw)")
TEXT_RE = re.compile(r"qr_panic: the QR code as text \(version (\d+), (\d+) x (\d+) characters")
TS_RE = re.compile(r"^\[\s*\d+\.\d+\] ")

t = Ktap()


def white_square(path):
    """Bounding box (x, y, side_w, side_h) of the white pixels, or None."""
    w, h, px = read_ppm(path)
    rows = [y for y in range(h) if b"\xff\xff\xff" in px[y * w * 3:(y + 1) * w * 3]]
    if not rows:
        return None
    y0, y1 = rows[0], rows[-1]
    line = px[y0 * w * 3:(y0 + 1) * w * 3]
    xs = [x for x in range(w) if line[3 * x:3 * x + 3] == b"\xff\xff\xff"]
    return w, h, xs[0], y0, xs[-1] - xs[0] + 1, y1 - y0 + 1


def text_code(lines, start, count, columns):
    """The text QR code printed after line START, as a PGM (4 px per module)."""
    rows = []
    for line in lines[start:]:
        m = line.find("qr_panic: |")
        if m < 0:
            # Another module's message between two rows (a loaded host
            # makes the kernel report "hrtimer: interrupt took ... ns"
            # on the console) is skipped; the module's next message ends
            # the code.
            if rows and "qr_panic:" in line:
                break
            continue
        glyphs = line[m + len("qr_panic: |"):].rstrip("\n")
        if glyphs.endswith("|"):
            glyphs = glyphs[:-1]
        top, bottom = [], []
        for g in glyphs:
            top.append(g in "\u2588\u2580")       # light: full block, upper half
            bottom.append(g in "\u2588\u2584")    # light: full block, lower half
        rows += [top, bottom]
        if len(rows) >= 2 * count:
            break
    rows = rows[:columns]
    if len(rows) != columns or any(len(r) != columns for r in rows):
        return None
    scale = 4
    pix = bytearray()
    for r in rows:
        line = bytearray()
        for light in r:
            line += (b"\xff" if light else b"\x00") * scale
        pix += bytes(line) * scale
    n = columns * scale
    return b"P5\n%d %d\n255\n" % (n, n) + bytes(pix)


def check_drawn(kind, path, lines, release):
    marker = next((i for i, l in enumerate(lines) if "KCXX-QR-MARK %s " % kind in l), None)
    if marker is None:
        t.case(False, "%s: the guest logged its marker" % kind)
        return
    token = lines[marker].split("KCXX-QR-MARK %s " % kind, 1)[1].strip()
    summary = next((i for i in range(marker, len(lines)) if SUMMARY_RE.search(lines[i])), None)
    if summary is None:
        t.case(False, "%s: the module reported a QR code" % kind)
        return
    why, version, width, log_bytes, captured, compressed, mode = SUMMARY_RE.search(
        lines[summary]).groups()
    version, width, log_bytes, compressed = int(version), int(width), int(log_bytes), int(compressed)
    print("# %s: %s QR code, version %d (%d modules): %d of %d log bytes, %d compressed bytes"
          % (kind, mode, version, width, log_bytes, int(captured), compressed))

    payload = zbar(path)
    t.case(payload is not None, "%s: zbarimg decodes the screendump" % kind)
    if payload is None:
        return

    box = white_square(path)
    n = width + 2 * QUIET
    if box:
        w, h, x0, y0, bw, bh = box
        scale = min(w, h) // n
        ok = (bw == bh == n * scale and x0 == (w - n * scale) // 2 and y0 == (h - n * scale) // 2
              and n * scale >= 0.9 * min(w, h))
        t.case(ok, "%s: centred, %d modules with the quiet zone at %d px each" % (kind, n, scale),
               "white square %dx%d at (%d,%d) on %dx%d" % (bw, bh, x0, y0, w, h))
    else:
        t.case(False, "%s: centred, with a quiet zone" % kind, "no white pixels")

    status, header, log = decode(payload)
    text = log.decode("utf-8", "replace")
    if mode == "url":
        panic_url_case(t, "%s: " % kind, payload, release)
        comp = re.search(r"(\d+) compressed bytes, (\d+) log bytes", "\n".join(header))
        t.case(status == 0 and comp and int(comp.group(1)) == compressed
               and int(comp.group(2)) == log_bytes == len(log),
               "%s: the zlib stream inflates to the size the module reported" % kind,
               "decode status %d, header %s, log %d bytes" % (status, header, len(log)))
    else:
        t.case(b"z=" not in payload and len(payload) == log_bytes,
               "%s: raw log of the size the module reported" % kind,
               "payload %d bytes, module said %d" % (len(payload), log_bytes))

    t.case(token in text, "%s: the log holds the marker" % kind)
    log_lines = [l for l in text.splitlines() if l]
    last = log_lines[-1] if log_lines else ""
    t.case(bool(log_lines) and TS_RE.match(log_lines[0]) and
           ("qr_panic: %s: making a QR code of the kernel log" % why) in last,
           "%s: whole lines, ending with the newest" % kind,
           "first %r, last %r" % (log_lines[0][:60] if log_lines else "", last[:80]))
    t.case("qr_panic: |" not in text, "%s: no text QR code inside the log" % kind)
    if kind == "panic":
        t.case("Kernel panic - not syncing: sysrq triggered crash" in text and
               "sysrq: Trigger a crash" in text, "panic: the log holds the panic message")

    th = next((i for i in range(summary, len(lines)) if TEXT_RE.search(lines[i])), None)
    pgm = None
    if th is not None:
        tv, cols, rows = map(int, TEXT_RE.search(lines[th]).groups())
        if tv == version and cols == n and rows == (n + 1) // 2:
            pgm = text_code(lines, th + 1, rows, cols)
    same = False
    if pgm is not None:
        with tempfile.NamedTemporaryFile(suffix=".pgm") as f:
            f.write(pgm)
            f.flush()
            same = zbar(f.name) == payload
    t.case(same, "%s: the text QR code on the console holds the same payload" % kind)


def check_off(path, lines):
    marker = next((i for i, l in enumerate(lines) if "KCXX-QR-MARK off-panic " in l), 0)
    after = lines[marker:]
    t.case(zbar(path) is None, "off: no QR code on the screen")
    t.case(any("qr_panic: disabled (enabled=0): no QR code on this panic" in l for l in after),
           "off: the dumper ran and said it is disabled")
    t.case(not any("drew a QR code" in l for l in after), "off: nothing drawn at the panic")


def main():
    log_path, dumps, release = env("qr_panic_check")
    with open(log_path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    stem = os.path.basename(log_path)
    stem = stem[:-4] if stem.endswith(".log") else stem
    t.start()
    for path in dumps:
        name = os.path.basename(path)
        kind = name[len(stem) + 1:-4] if name.startswith(stem + "-") else name[:-4]
        if not os.path.exists(path):
            t.case(False, "%s: the harness saved %s" % (kind, name))
        elif kind == "off":
            check_off(path, lines)
        else:
            check_drawn(kind, path, lines, release)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
