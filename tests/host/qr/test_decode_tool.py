#!/usr/bin/python3
"""CTest for tools/panic-qr/decode.

usage: test_decode_tool.py QR_ENCODE_CLI DECODE_TOOL

Builds a fake kernel log, compresses it the way drm_panic does (zlib, level
6, window bits 12, memLevel 4; oldest lines dropped until it fits), encodes
it with qr_encode_cli (kcxx::qr) and decodes it back with the tool, from
the image (through zbarimg) and from the URL text (argument and stdin), for
both packings (z / zl) and both URL forms (query / fragment), plus raw
mode, raw-deflate data and broken input. The image cases are skipped
(with a message) when zbarimg is missing.
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest
import zlib

CLI = DECODE = None
URL = "https://kdj0c.github.io/panic_report/"
HAVE_ZBAR = shutil.which("zbarimg") is not None


def fake_log(lines, seed):
    rng = random.Random(seed)
    words = ["CPU:", "PID:", "Comm:", "RIP:", "RSP:", "Call Trace:", "<TASK>", "? __die_body",
             "kernel BUG at", "mm/slub.c:", "Oops: 0000", "[#1] PREEMPT SMP NOPTI", "Hardware name:",
             "QEMU Standard PC", "do_syscall_64+0x5c/0x90", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8"]
    out = []
    t = 0.0
    for i in range(lines):
        t += rng.random() * 0.01
        body = " ".join(rng.choice(words) for _ in range(rng.randint(2, 9)))
        out.append("[%12.6f] %s %08x" % (t, body, rng.getrandbits(32)))
    return ("\n".join(out) + "\n").encode()


def deflate_kernel_style(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 12, 4)
    return c.compress(data) + c.flush()


def run(cmd, stdin=None):
    return subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def pack_fido(data):
    tail = [0, 3, 5, 8, 10, 13, 15]
    out = []
    for i in range(0, len(data), 7):
        chunk = data[i:i + 7]
        out.append(str(int.from_bytes(chunk, "little")).zfill(17 if len(chunk) == 7 else tail[len(chunk)]))
    return "".join(out)


class DecodeTool(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kcxx-qr-decode-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def fit_log(self, log, extra_args):
        """Like drm_panic: drop the oldest lines until the compressed log fits."""
        cap = int(run([CLI, "--url", URL, "--capacity"] + extra_args).stdout)
        while True:
            comp = deflate_kernel_style(log)
            if len(comp) <= cap:
                return log, comp
            log = log[log.index(b"\n") + 1:]

    def decode(self, *args, stdin=None):
        return run([sys.executable, DECODE] + list(args), stdin=stdin)

    def test_round_trips(self):
        log0 = fake_log(400, 1)  # ~25 kB: needs trimming even for version 40
        for legacy in (False, True):
            for fragment in (False, True):
                for max_version in (40, 25):
                    with self.subTest(legacy=legacy, fragment=fragment, max_version=max_version):
                        extra = (["--legacy"] if legacy else []) + (["--fragment"] if fragment else [])
                        extra += ["--max-version", str(max_version), "--arch", "aarch64", "--release", "6.14.2"]
                        log, comp = self.fit_log(log0, extra)
                        self.assertEqual(comp[:2], b"\x48\x89")  # zlib header, 4 KiB window
                        data = self.path("data.bin")
                        with open(data, "wb") as f:
                            f.write(comp)
                        # Text form: argument and stdin.
                        text = run([CLI, "--url", URL, "--in", data, "--print-text"] + extra)
                        self.assertEqual(text.returncode, 0, text.stderr)
                        url = text.stdout.decode()
                        self.assertIn(("#?a=aarch64" if fragment else "?a=aarch64"), url)
                        self.assertIn("&zl=" if legacy else "&z=", url)
                        r = self.decode("--log-only", url)
                        self.assertEqual(r.returncode, 0, r.stderr)
                        self.assertEqual(r.stdout, log)
                        r = self.decode(stdin=text.stdout)
                        self.assertEqual(r.returncode, 0, r.stderr)
                        self.assertIn(b"arch: aarch64\nrelease: 6.14.2\n", r.stdout)
                        self.assertIn(log, r.stdout)
                        # Image form, through zbarimg.
                        if not HAVE_ZBAR:
                            continue
                        for kernel in (False, True):
                            img = self.path("qr.pbm")
                            e = run([CLI, "--url", URL, "--in", data, "--out", img, "--scale", "2"] + extra +
                                    (["--kernel"] if kernel else []))
                            self.assertEqual(e.returncode, 0, e.stderr)
                            r = self.decode("--log-only", img)
                            self.assertEqual(r.returncode, 0, r.stderr)
                            self.assertEqual(r.stdout, log)
        if not HAVE_ZBAR:
            print("NOTE: zbarimg not installed: image round trips skipped")

    def test_raw_mode(self):
        log = fake_log(20, 2)[:800]
        data = self.path("raw.bin")
        with open(data, "wb") as f:
            f.write(log)
        text = run([CLI, "--in", data, "--print-text"]).stdout
        self.assertEqual(text, log)
        r = self.decode("--log-only", stdin=text)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, log)
        if HAVE_ZBAR:
            img = self.path("raw.pbm")
            self.assertEqual(run([CLI, "--in", data, "--out", img]).returncode, 0)
            r = self.decode(img)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn(b"raw log", r.stdout)
            self.assertIn(log, r.stdout)

    def test_raw_deflate_gzip_and_distribution(self):
        log = fake_log(30, 3)
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        raw = c.compress(log) + c.flush()
        r = self.decode("--log-only", URL + "?a=x&v=1&z=" + pack_fido(raw))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, log)
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        gz = c.compress(log) + c.flush()
        r = self.decode("--log-only", URL + "#?z=" + pack_fido(gz))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, log)
        r = self.decode(URL + "?a=riscv64&v=6.15&d=debian&z=" + pack_fido(deflate_kernel_style(log)))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"arch: riscv64\nrelease: 6.15\ndistribution: debian\n", r.stdout)

    def test_errors(self):
        # A digit group too large for its bytes, a bad tail length, non-digits.
        self.assertEqual(self.decode(URL + "?z=999").returncode, 1)
        self.assertEqual(self.decode(URL + "?z=1234").returncode, 1)
        self.assertEqual(self.decode(URL + "?zl=9999").returncode, 1)
        self.assertEqual(self.decode(URL + "?z=12a").returncode, 1)
        # A missing file is not taken for text.
        r = self.decode(self.path("missing.png"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"no such file", r.stderr)
        # Truncated compressed data: partial log, exit status 1.
        log = fake_log(50, 4)
        comp = deflate_kernel_style(log)
        r = self.decode(URL + "?z=" + pack_fido(comp[: len(comp) // 2]))
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"damaged or truncated", r.stderr)
        self.assertTrue(log.startswith(r.stdout.split(b"-" * 72 + b"\n", 1)[1][:100]))
        if HAVE_ZBAR:
            blank = self.path("blank.pbm")
            with open(blank, "wb") as f:
                f.write(b"P4\n16 16\n" + bytes(32))
            r = self.decode(blank)
            self.assertEqual(r.returncode, 1)
            self.assertIn(b"no QR code", r.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    CLI, DECODE = sys.argv[1], sys.argv[2]
    del sys.argv[1:]
    unittest.main(verbosity=2)
