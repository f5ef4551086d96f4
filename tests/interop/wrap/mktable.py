#!/usr/bin/env python3
"""Pick the world replies that the wrapping capture sends through real MTAs.

usage: mktable.py > tests/interop/wrap/table.tsv

Reads tests/classify/world/*.tsv (never holdout/), keeps the refusals
(4xx/5xx) to RCPT, MAIL, DATA and the end of data (DOT) whose reply can be
sent by tests/interop/bounces/refuser.py as written (no " | ", no escape
other than \\r\\n, no control byte, lines of at most 400 bytes), and takes up
to PER_REASON of each labelled reason plus up to MULTI more multi-line
ones. The choice is stable: rows are ordered by a hash of the reply, not
by file order, so the set spreads over the world's files. Output is
refuser.py's table (local part wNNN, command, lines joined by " | ").
"""
import glob
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORLD = os.path.join(HERE, "..", "..", "classify", "world")
PER_REASON = 12
MULTI = 40
COMMANDS = ("RCPT", "MAIL", "DATA", "DOT")


def rows():
    seen = set()
    for path in sorted(glob.glob(os.path.join(WORLD, "*.tsv"))):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or line.startswith("command\t"):
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 5 or f[0] not in COMMANDS or f[1][:1] not in "45":
                continue
            reply = f[1]
            if not reply.endswith("\\r\\n") or " | " in reply:
                continue
            lines = reply[:-4].split("\\r\\n")
            if any("\\" in l or len(l.encode("utf-8")) > 400 or len(l) < 4 or
                   any(ord(ch) < 32 or ord(ch) == 127 for ch in l) for l in lines):
                continue
            if (f[0], reply) in seen:
                continue
            seen.add((f[0], reply))
            key = hashlib.sha256((f[0] + reply).encode("utf-8")).hexdigest()
            yield key, f[0], lines, f[3], os.path.basename(path)


def main():
    allrows = sorted(rows())
    chosen, per = [], {}
    for key, cmd, lines, reason, src in allrows:
        if per.get(reason, 0) < PER_REASON:
            per[reason] = per.get(reason, 0) + 1
            chosen.append((key, cmd, lines, reason, src))
    more = 0
    for row in allrows:
        if more < MULTI and len(row[2]) > 1 and row not in chosen:
            chosen.append(row)
            more += 1
    out = sys.stdout
    out.write("# made by tests/interop/wrap/mktable.py from tests/classify/world/"
              " (see tests/interop/wrap/README.md)\n")
    for i, (key, cmd, lines, reason, src) in enumerate(chosen, 1):
        out.write("w%03d\t%s\t%s\n" % (i, cmd, " | ".join(lines)))


if __name__ == "__main__":
    main()
