#!/usr/bin/env python3
"""Writes a libFuzzer seed corpus from the case files: every case's input,
behind the option bytes each harness reads first (zero: the defaults).

    seeds.py CASES_DIR OUT_DIR PREFIX_BYTES
"""
import os
import sys


def unescape(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode()
            i += 1
            continue
        e = s[i + 1]
        if e == "x":
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
            continue
        out += {"r": b"\r", "n": b"\n", "t": b"\t", "0": b"\0", "s": b" ", "\\": b"\\"}[e]
        i += 2
    return bytes(out)


def main():
    cases, out, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    n = 0
    for name in sorted(os.listdir(cases)):
        if not name.endswith(".case"):
            continue
        data = None
        with open(os.path.join(cases, name), encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if line.startswith("==="):
                    if data:
                        n += 1
                        with open(os.path.join(out, "seed%04d" % n), "wb") as w:
                            w.write(bytes(prefix) + data)
                    data = b""
                elif line.startswith("input:") and data is not None:
                    v = line[6:]
                    data += unescape(v[1:] if v.startswith(" ") else v)
        if data:
            n += 1
            with open(os.path.join(out, "seed%04d" % n), "wb") as w:
                w.write(bytes(prefix) + data)
    print("%d seeds in %s" % (n, out))


main()
