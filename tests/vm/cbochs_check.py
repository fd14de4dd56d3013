#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Host check for the cbochs VM suite (tools/vm/run --host-check).

The guest script showed the same console text on each driver's display
(fbcon on each framebuffer) and modetest's test pattern in the same mode on
each, and the harness saved each screen ($KCXX_VM_SCREENDUMPS, <log
stem>-console-cbochs.ppm and -pattern-cbochs.ppm of bochs-display0,
-console-bochs.ppm and -pattern-bochs.ppm of bochs-display1).  Prints KTAP,
for each: both saved, cbochs's screen showing something (the pattern also
in the mode's size), and equal to bochs.ko's pixel for pixel.  Python 3
standard library; KTAP and PPM: host_check.py.
"""

import os
import sys

from host_check import Ktap, read_ppm

t = Ktap()
case = t.case

dumps = os.environ.get("KCXX_VM_SCREENDUMPS", "").split()
t.start()


def load(what, kind):
    """The screendump *-WHAT-KIND.ppm, or None (with a failed case)."""
    name = "the %s on %s's display was saved" % (what[1], kind)
    path = next((p for p in dumps if p.endswith("-%s-%s.ppm" % (what[0], kind))), None)
    if not path:
        case(False, name, "no screendump *-%s-%s.ppm" % (what[0], kind))
        return None
    try:
        image = read_ppm(path)
    except (OSError, ValueError) as e:
        case(False, name, str(e))
        return None
    case(True, name)
    return image


def compare(what, want_size, min_colours):
    """Cases: both screens saved, cbochs's of WANT_SIZE (None: any) showing
    at least MIN_COLOURS colours, and equal to bochs.ko's pixel for pixel."""
    x, c = load(what, "cbochs"), load(what, "bochs")
    names = ["cbochs's screen is %s" % want_size if want_size else None,
             "cbochs's screen shows the %s" % what[1],
             "the same size as bochs.ko's screen",
             "cbochs's screen is bochs.ko's, pixel for pixel (%s)" % what[1]]
    if not (x and c):
        for name in names:
            if name:
                case(False, name, "a screendump is missing")
        return
    if want_size:
        case("%dx%d" % (x[0], x[1]) == want_size, "%s (got %dx%d)" % (names[0], x[0], x[1]))
    colours = len({x[2][i:i + 3] for i in range(0, len(x[2]), 3)})
    case(colours >= min_colours, "%s (%d colours, want %d or more)" % (names[1], colours, min_colours))
    same_size = (x[0], x[1]) == (c[0], c[1])
    case(same_size, "%s (%dx%d, %dx%d)" % (names[2], x[0], x[1], c[0], c[1]))
    if same_size:
        diff = [i // 3 for i in range(0, len(x[2]), 3) if x[2][i:i + 3] != c[2][i:i + 3]]
        diag = None
        if diff:
            ys = [p // x[0] for p in diff]
            xs = [p % x[0] for p in diff]
            diag = "differing pixels within x %d-%d, y %d-%d" % (min(xs), max(xs), min(ys), max(ys))
        case(not diff, "%s: %d of %d differ" % (names[3], len(diff), x[0] * x[1]), diag)
    else:
        case(False, names[3], "sizes differ")


# The console: the same text on both (black, the text's grey and white, the
# 8 colours as foreground and background, 8 bright ones: 16 or more).
compare(("console", "console"), None, 16)
# modetest's test pattern in the mode the guest set.
compare(("pattern", "test pattern"), os.environ.get("KCXX_CBOCHS_MODE", "640x480"), 9)

sys.exit(t.finish())
