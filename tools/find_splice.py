#!/usr/bin/env python3
"""find_splice.py - random splices of the extract and bounce test data, for
tools/find_diff.sh: whole lines of several files interleaved, runs of lines
cut at any byte, CRLF and LF mixed, folded and indented lines, a last line
without its end. Deterministic for a seed.

    find_splice.py OUTDIR [--n 200] [--seed 1]
"""
import os
import random
import sys


def sources(root):
    out = []
    for sub in ("tests/data/extract", "tests/data/bounces"):
        for dp, _, fs in os.walk(os.path.join(root, sub)):
            for f in sorted(fs):
                if f.endswith((".expect", ".md")):
                    continue
                with open(os.path.join(dp, f), "rb") as fp:
                    out.append(fp.read())
    return out


def main():
    args = sys.argv[1:]
    outdir = args[0]
    n = int(args[args.index("--n") + 1]) if "--n" in args else 200
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    rnd = random.Random(seed)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    data = sources(root)
    lines = [l for d in data for l in d.splitlines(keepends=True)]
    os.makedirs(outdir, exist_ok=True)
    for i in range(n):
        parts = []
        for _ in range(rnd.randint(1, 60)):
            k = rnd.random()
            if k < 0.5:  # a run of lines of one file
                d = rnd.choice(data).splitlines(keepends=True)
                a = rnd.randrange(len(d)) if d else 0
                parts.extend(d[a:a + rnd.randint(1, 12)])
            elif k < 0.8:  # a line of anywhere
                parts.append(rnd.choice(lines))
            elif k < 0.9:  # a cut at any byte
                d = rnd.choice(data)
                a = rnd.randrange(len(d) + 1)
                parts.append(d[a:a + rnd.randint(0, 400)])
            else:  # a folded or indented line
                parts.append(rnd.choice([b" ", b"\t", b"   "]) +
                             rnd.choice(lines).lstrip())
        b = b"".join(parts)
        m = rnd.random()
        if m < 0.2:
            b = b.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        elif m < 0.4:
            b = b.replace(b"\r\n", b"\n")
        if rnd.random() < 0.3 and b.endswith(b"\n"):
            b = b.rstrip(b"\r\n")
        if rnd.random() < 0.2:
            b = b[:rnd.randrange(len(b) + 1)]
        with open(os.path.join(outdir, "splice-%04d.txt" % i), "wb") as fp:
            fp.write(b)


main()
