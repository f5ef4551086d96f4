#!/usr/bin/env python3
"""Builds the benchmark corpus from the project's real replies.

    python3 bench/make_corpus.py            # writes bench/corpus.txt, bench/corpus.cmds

bench/corpus.txt is the replies' raw bytes, back to back, as a client reads
them from a socket; bench/corpus.cmds names the command each one answers,
one a line, in the same order. Both are committed: the generator is here so
the mix can be seen and changed, and is deterministic (fixed seed).

The mix:
  - session traffic, from tests/data/captures/*.txt (real Postfix, smtp-sink,
    Exim and OpenSMTPD bytes): greetings, multiline EHLO, 250 OK, 354, 221,
    and those servers' own errors. Taken twice, because in a real log the
    successful transaction replies outnumber the failures.
  - error replies, from tests/classify/corpus.tsv (real replies published by
    Gmail, Microsoft, Yahoo and by MTA sources): each once. The 3 to 11 line
    Gmail replies (DMARC, PTR, rate limits) are the long ones.
The replies are then shuffled with a fixed seed, so that neither we nor a
peer meet the same kind of reply many times in a row.
"""
import glob
import os
import random
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
REPLY = re.compile(rb"(?:\d\d\d-[^\n]*\n)*\d\d\d(?: [^\n]*)?\r?\n")
SESSION_WEIGHT = 2


def captures():
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/data/captures/*.txt"))):
        data = open(path, "rb").read()
        replies = REPLY.findall(data)
        cmds = open(path[:-4] + ".cmds").read().split()
        if b"".join(replies) != data or len(replies) != len(cmds):
            sys.exit("%s: cannot split into replies" % path)
        out.extend(zip(cmds, replies))
    return out


def classify_corpus():
    out = []
    path = os.path.join(ROOT, "tests/classify/corpus.tsv")
    with open(path, "rb") as f:
        next(f)
        for row in f:
            cols = row.rstrip(b"\n").split(b"\t")
            reply = cols[1].replace(b"\\r\\n", b"\r\n")
            out.append((cols[0].decode(), reply))
    return out


def main():
    items = captures() * SESSION_WEIGHT + classify_corpus()
    random.Random(8).shuffle(items)
    with open(os.path.join(ROOT, "bench/corpus.txt"), "wb") as f:
        f.write(b"".join(r for _, r in items))
    with open(os.path.join(ROOT, "bench/corpus.cmds"), "w") as f:
        f.write("".join(c + "\n" for c, _ in items))
    total = sum(len(r) for _, r in items)
    print("%d replies, %d bytes, %.1f bytes/reply" % (len(items), total, total / len(items)))


if __name__ == "__main__":
    main()
