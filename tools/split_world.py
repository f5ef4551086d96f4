#!/usr/bin/env python3
"""split_world.py - a fixed DEV/TEST split of the world SOURCES, to measure
rules on sources they were not built from (issue 13, session 8).

Leave-one-source-out holds out a source's phrases, not the rules of
src/classify.c: a rule drawn from file A's misses also fixes file B, and
B's held-out figure counts it.  Splitting the *files* in two, writing rules
from DEV's misses only and landing a rule only if it also gains on TEST,
measures rules on sources nobody looked at while writing them.

The split is the low bit of the CRC-32 of the file id (the name without
.tsv): fixed, reproducible, independent of the files' content or order, and
a new file falls into a half without moving any other.  0 = DEV, 1 = TEST.
tests/classify/holdout/ is not part of either half (nobody here reads it).

  split_world.py                  both halves' sizes (sources, rows)
  split_world.py --list dev|test  the files of one half (paths)
  split_world.py --score DUMP     in-sample and leave-one-source-out reason
                                  and verdict, by half and confidence, and
                                  the suppression errors: false (suppress
                                  answered, not labelled) of the suppress
                                  answers, missed (labelled suppress,
                                  answered otherwise) of the labels
  split_world.py --diff OLD NEW   rows whose held-out reason or verdict
                                  changed: DEV rows listed, TEST counted only
  split_world.py --misses DUMP    DEV's held-out misses, with the reply
  split_world.py --gate OLD NEW   the landing test of a rule: held-out
                                  reason and verdict, DEV and TEST, before
                                  -> after, false and missed suppress
                                  (printed, not part of the decision: a
                                  verdict row gone wrong already blocks),
                                  TEST rows right -> wrong, and
                                  the decision (land: a TEST gain with no
                                  TEST row right -> wrong; else fitted or
                                  neutral: do not land)

DUMP is the output of tools/reason_dump.c over every world file:
  cc -O2 -Iinclude -o build/reason_dump tools/reason_dump.c libsmtpreply.a
  build/reason_dump tests/classify/world/*.tsv > dump.txt
"""
import glob
import os
import sys
import zlib

WORLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                     "tests", "classify", "world")


def half(fid):
    """'dev' or 'test' for a world file id."""
    return "test" if zlib.crc32(fid.encode("utf-8")) & 1 else "dev"


def files():
    for p in sorted(glob.glob(os.path.join(WORLD, "*.tsv"))):
        yield os.path.basename(p)[:-4], p


def labels():
    """(id, line) -> (command, reply, reason, verdict) of every world row."""
    out = {}
    for fid, p in files():
        with open(p, encoding="utf-8") as f:
            for no, row in enumerate(f, 1):
                row = row.rstrip("\r\n")
                if not row or row.startswith("#") or row.startswith("command\t"):
                    continue
                c = row.split("\t")
                if len(c) < 5:
                    continue
                out[(fid, no)] = (c[0], c[1], c[3], c[4])
    return out


def read_dump(path):
    """(id, line, held?) -> (reason, verdict, confidence)."""
    out = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for row in f:
            c = row.split()
            if len(c) < 7 or ":" not in c[0]:
                continue
            fn, no = c[0].rsplit(":", 1)
            fid = os.path.basename(fn)[:-4]
            out[(fid, int(no), c[1] != "-")] = (c[3], c[4], c[5])
    return out


def sizes():
    n = {"dev": [0, 0], "test": [0, 0]}
    rows = labels()
    for fid, _ in files():
        n[half(fid)][0] += 1
    for (fid, _), _v in rows.items():
        n[half(fid)][1] += 1
    for h in ("dev", "test"):
        print("%-4s %3d sources %5d rows" % (h.upper(), n[h][0], n[h][1]))


def pct(a, b):
    return "%d/%d (%.1f%%)" % (a, b, 100.0 * a / b if b else 0.0)


def score(path):
    lab = labels()
    d = read_dump(path)
    for h in ("dev", "test", "all"):
        for held in (False, True):
            n = rr = vr = 0
            sg = sf = sl = sm = 0  # suppress answers, false; labels, missed
            conf = {}
            for (fid, no), (_c, _r, reason, verdict) in lab.items():
                if h != "all" and half(fid) != h:
                    continue
                got = d.get((fid, no, held))
                if got is None:
                    continue
                n += 1
                ok = got[0] == reason
                rr += ok
                vr += got[1] == verdict
                sg += got[1] == "suppress"
                sl += verdict == "suppress"
                sf += got[1] == "suppress" and verdict != "suppress"
                sm += verdict == "suppress" and got[1] != "suppress"
                k = conf.setdefault(got[2], [0, 0])
                k[0] += ok
                k[1] += 1
            print("%-4s %-8s reason %s verdict %s  %s" % (
                h.upper(), "held" if held else "in", pct(rr, n), pct(vr, n),
                " ".join("%s %d/%d" % (k, v[0], v[1])
                         for k, v in sorted(conf.items()))))
            print("%-4s %-8s suppress false %d/%d answers, missed %d/%d "
                  "labelled" % (h.upper(), "held" if held else "in",
                                sf, sg, sm, sl))


def diff(old, new):
    lab = labels()
    a = read_dump(old)
    b = read_dump(new)
    count = {}
    for (fid, no), (cmd, reply, reason, verdict) in sorted(lab.items()):
        for held in (False, True):
            x = a.get((fid, no, held))
            y = b.get((fid, no, held))
            if x is None or y is None or (x[0], x[1]) == (y[0], y[1]):
                continue
            h = half(fid)
            for what, i, want in (("reason", 0, reason), ("verdict", 1, verdict)):
                if x[i] == y[i]:
                    continue
                kind = ("W>R" if y[i] == want else
                        "R>W" if x[i] == want else "W>W")
                key = (h, "held" if held else "in", what, kind)
                count[key] = count.get(key, 0) + 1
                if h == "dev" and held:
                    print("DEV %s %s:%d %s %s -> %s (label %s) %s %s" % (
                        kind, fid, no, what, x[i], y[i], want, cmd,
                        reply[:150]))
    for key in sorted(count):
        print("%s %s %s %s: %d" % (key[0].upper(), key[1], key[2], key[3],
                                   count[key]))


def misses(path):
    lab = labels()
    d = read_dump(path)
    for (fid, no), (cmd, reply, reason, verdict) in sorted(lab.items()):
        if half(fid) != "dev":
            continue
        got = d.get((fid, no, True))
        if got is None or (got[0] == reason and got[1] == verdict):
            continue
        print("%s:%d %s got %s/%s/%s want %s/%s | %s" % (
            fid, no, cmd, got[0], got[1], got[2], reason, verdict, reply[:200]))


def supp_counts(lab, d, h):
    """Held-out false and missed suppress of half h."""
    sf = sm = 0
    for (fid, no), (_c, _r, _reason, verdict) in lab.items():
        if half(fid) != h:
            continue
        got = d.get((fid, no, True))
        if got is None:
            continue
        sf += got[1] == "suppress" and verdict != "suppress"
        sm += verdict == "suppress" and got[1] != "suppress"
    return sf, sm


def held_counts(lab, d, h):
    rr = vr = 0
    for (fid, no), (_c, _r, reason, verdict) in lab.items():
        if half(fid) != h:
            continue
        got = d.get((fid, no, True))
        if got is None:
            continue
        rr += got[0] == reason
        vr += got[1] == verdict
    return rr, vr


def gate(old, new):
    lab = labels()
    a = read_dump(old)
    b = read_dump(new)
    gain = {}
    for h in ("dev", "test"):
        (r0, v0), (r1, v1) = held_counts(lab, a, h), held_counts(lab, b, h)
        gain[h] = (r1 - r0, v1 - v0)
        print("%-4s held out reason %d -> %d (%+d), verdict %d -> %d (%+d)" % (
            h.upper(), r0, r1, r1 - r0, v0, v1, v1 - v0))
        (f0, m0), (f1, m1) = supp_counts(lab, a, h), supp_counts(lab, b, h)
        print("%-4s held out suppress false %d -> %d, missed %d -> %d" % (
            h.upper(), f0, f1, m0, m1))
    lost = 0
    for (fid, no), (_c, _r, reason, verdict) in lab.items():
        if half(fid) != "test":
            continue
        x = a.get((fid, no, True))
        y = b.get((fid, no, True))
        if x is None or y is None:
            continue
        lost += (x[0] == reason and y[0] != reason)
        lost += (x[1] == verdict and y[1] != verdict)
    print("TEST held out right -> wrong (reason + verdict): %d" % lost)
    if lost == 0 and (gain["test"][0] > 0 or gain["test"][1] > 0) and \
            gain["test"][0] >= 0 and gain["test"][1] >= 0:
        print("decision: land (gains on sources it was not built from)")
    elif max(gain["dev"]) > 0 and max(gain["test"]) <= 0:
        print("decision: fitted (gains on DEV only): do not land, record it")
    else:
        print("decision: do not land")


def main(argv):
    if len(argv) == 1:
        sizes()
    elif argv[1] == "--list" and len(argv) == 3 and argv[2] in ("dev", "test"):
        for fid, p in files():
            if half(fid) == argv[2]:
                print(p)
    elif argv[1] == "--score" and len(argv) == 3:
        score(argv[2])
    elif argv[1] == "--diff" and len(argv) == 4:
        diff(argv[2], argv[3])
    elif argv[1] == "--gate" and len(argv) == 4:
        gate(argv[2], argv[3])
    elif argv[1] == "--misses" and len(argv) == 3:
        misses(argv[2])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
