#!/usr/bin/env python3
"""Builds the benchmark corpora from the project's real replies.

    python3 bench/make_corpus.py            # writes bench/corpus.txt, bench/corpus.cmds
    python3 bench/make_corpus.py --big build/bench/big.txt [--mb 8]
                                            # writes big.txt and big.cmds there

A corpus is the replies' raw bytes, back to back, as a client reads them
from a socket (FILE.txt), and the command each one answers, one a line, in
the same order (FILE.cmds). Both are deterministic (fixed seeds).

The small corpus (committed, about 60 KB: it fits in the L1 and L2 caches):
  - session traffic, from tests/data/captures/*.txt (real Postfix, smtp-sink,
    Exim and OpenSMTPD bytes, captured by the interop runs): greetings,
    multiline EHLO, 250 OK, 354, 221, and those servers' own errors. Taken
    twice, because in a real log the successful transaction replies
    outnumber the failures.
  - error replies, from tests/classify/corpus.tsv (real replies published by
    Gmail, Microsoft, Yahoo and by MTA sources): each once. The 3 to 11 line
    Gmail replies (DMARC, PTR, rate limits) are the long ones.
The replies are then shuffled with a fixed seed, so that neither we nor a
peer meet the same kind of reply many times in a row.

The big corpus (made at bench time, not committed: at least 8 MB, larger
than the L2 cache, so the figures also hold when the input streams in
from memory): every reply of the small corpus's sources plus the replies of
the parser's cases (tests/cases/*.case) that parse with the default
options, no flag and no error, i.e. the shapes servers send (but for the
limit cases' replies over 2 KiB, and those with a line of just the code,
which Go's textproto cannot read); replies of
three lines or more (multiline EHLO, Gmail, footers) are weighted LONG_WEIGHT
times, the others once; the pool is repeated until the corpus reaches the
size asked and each repetition is shuffled with its own fixed seed. The
sha256 printed identifies the bytes, so two runs can be seen to have used
the same corpus.
"""
import argparse
import glob
import hashlib
import os
import random
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
REPLY = re.compile(rb"(?:\d\d\d-[^\n]*\n)*\d\d\d(?: [^\n]*)?\r?\n")
SESSION_WEIGHT = 2
LONG_WEIGHT = 3
MAX_CASE_REPLY = 2048  # the limit cases' 1000-line reply is no server's shape


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


ESCAPES = {"r": b"\r", "n": b"\n", "t": b"\t", "\\": b"\\", "0": b"\0", "s": b" "}


def unescape(text):
    """The escapes of tests/cases/README.md: \\r \\n \\t \\\\ \\xHH \\0 \\s."""
    out, i = bytearray(), 0
    raw = text.encode("utf-8")
    while i < len(raw):
        c = raw[i:i + 1]
        if c != b"\\" or i + 1 >= len(raw):
            out += c
            i += 1
            continue
        e = chr(raw[i + 1])
        if e == "x":
            out.append(int(raw[i + 2:i + 4], 16))
            i += 4
        else:
            out += ESCAPES[e]
            i += 2
    return bytes(out)


def guess_command(reply):
    """The command a case's reply most likely answers (cases do not say)."""
    code = reply[:3]
    if code == b"220":
        return "GREETING"
    if code == b"221":
        return "QUIT"
    if code == b"354":
        return "DATA"
    if code == b"250" and reply[3:4] == b"-":
        return "EHLO"
    return "UNKNOWN"


def case_replies():
    """Replies of tests/cases/*.case expected to parse cleanly by default."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/cases/*.case"))):
        cases, cur = [], None
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("==="):
                cur = {"opts": False, "input": b"", "results": []}
                cases.append(cur)
            elif cur is None or line.startswith("#"):
                continue
            elif line.startswith("opts:"):
                cur["opts"] = True
            elif line.startswith("input: "):
                cur["input"] += unescape(line[len("input: "):])
            elif line.startswith("reply:") or line.startswith("error:"):
                cur["results"].append(line)
        for case in cases:
            if case["opts"]:
                continue
            at = 0
            for res in case["results"]:
                m = re.search(r"\blen=(\d+)", res)
                if not res.startswith("reply:") or m is None:
                    break
                n = int(m.group(1))
                reply = case["input"][at:at + n]
                at += n
                if ("flags=" in res or not reply.endswith(b"\r\n") or
                        len(reply) > MAX_CASE_REPLY or
                        any(len(l) < 4 for l in reply.split(b"\r\n")[:-1])):
                    continue
                out.append((guess_command(reply), reply))
    return out


def write(prefix, items):
    with open(prefix + ".txt", "wb") as f:
        f.write(b"".join(r for _, r in items))
    with open(prefix + ".cmds", "w") as f:
        f.write("".join(c + "\n" for c, _ in items))


def describe(items):
    data = b"".join(r for _, r in items)
    lines = [r.count(b"\n") for _, r in items]
    multi = sum(1 for n in lines if n >= 3)
    return ("%d replies, %d bytes, %.1f bytes/reply, %d lines, %d of 3+ lines, sha256 %s"
            % (len(items), len(data), len(data) / len(items), sum(lines), multi,
               hashlib.sha256(data).hexdigest()[:16]))


def small():
    items = captures() * SESSION_WEIGHT + classify_corpus()
    random.Random(8).shuffle(items)
    write(os.path.join(ROOT, "bench/corpus"), items)
    print(describe(items))


def big(path, megabytes):
    pool = []
    for cmd, reply in captures() + classify_corpus() + case_replies():
        weight = LONG_WEIGHT if reply.count(b"\n") >= 3 else 1
        pool.extend([(cmd, reply)] * weight)
    want = int(megabytes * 1024 * 1024)
    items, size, seed = [], 0, 17
    while size < want:
        batch = list(pool)
        random.Random(seed).shuffle(batch)
        for item in batch:
            items.append(item)
            size += len(item[1])
            if size >= want:
                break
        seed += 1
    prefix = path[:-4] if path.endswith(".txt") else path
    os.makedirs(os.path.dirname(os.path.abspath(prefix)), exist_ok=True)
    write(prefix, items)
    print("%s.txt: %s" % (prefix, describe(items)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--big", metavar="FILE.txt", help="write the big corpus there")
    ap.add_argument("--mb", type=float, default=8, help="its size in MiB (default 8)")
    args = ap.parse_args()
    if args.big:
        big(args.big, args.mb)
    else:
        small()


if __name__ == "__main__":
    main()
