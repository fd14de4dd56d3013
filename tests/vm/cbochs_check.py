#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Host check for the cbochs VM suite (tools/vm/run --host-check).

The guest script had modetest show its test pattern in the same mode on
each driver's display and the harness save each screen
($KCXX_VM_SCREENDUMPS, <log stem>-pattern-cbochs.ppm of bochs-display0,
-pattern-bochs.ppm of bochs-display1).  Prints KTAP: both saved, the mode's
size, a pattern (not one colour), and cbochs's screen equal to bochs.ko's
pixel for pixel.  Python 3 standard library.
"""

import os
import sys


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
        while not data[j:j + 1].isspace():
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


results = []


def case(ok, name, diag=None):
    results.append((ok, name, diag))


dumps = os.environ.get("KCXX_VM_SCREENDUMPS", "").split()
want = os.environ.get("KCXX_CBOCHS_MODE", "640x480")
images = {}
for kind in ("cbochs", "bochs"):
    path = next((p for p in dumps if p.endswith("-pattern-%s.ppm" % kind)), None)
    try:
        images[kind] = read_ppm(path) if path else None
        case(images[kind] is not None, "the test pattern on %s's display was saved" % kind,
             None if path else "no screendump *-pattern-%s.ppm" % kind)
    except (OSError, ValueError) as e:
        images[kind] = None
        case(False, "the test pattern on %s's display was saved" % kind, str(e))

x, c = images["cbochs"], images["bochs"]
if x and c:
    case("%dx%d" % (x[0], x[1]) == want, "cbochs's screen is %s (got %dx%d)" % (want, x[0], x[1]))
    colours = len({x[2][i:i + 3] for i in range(0, len(x[2]), 3 * 7)})
    case(colours > 8, "cbochs's screen shows a pattern (%d colours, sampled)" % colours)
    same_size = (x[0], x[1]) == (c[0], c[1])
    case(same_size, "the same size as bochs.ko's screen (%dx%d, %dx%d)" % (x[0], x[1], c[0], c[1]))
    if same_size:
        diff = sum(1 for i in range(0, len(x[2]), 3) if x[2][i:i + 3] != c[2][i:i + 3])
        case(diff == 0, "cbochs's screen is bochs.ko's, pixel for pixel (%d of %d differ)"
             % (diff, x[0] * x[1]))
    else:
        case(False, "cbochs's screen is bochs.ko's, pixel for pixel", "sizes differ")
else:
    for name in ("cbochs's screen is %s" % want, "cbochs's screen shows a pattern",
                 "the same size as bochs.ko's screen", "cbochs's screen is bochs.ko's, pixel for pixel"):
        case(False, name, "a screendump is missing")

print("KTAP version 1")
print("1..%d" % len(results))
for n, (ok, name, diag) in enumerate(results, 1):
    print("%s %d %s" % ("ok" if ok else "not ok", n, name))
    if diag:
        print("# %s" % diag)
sys.exit(0)
