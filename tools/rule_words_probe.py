#!/usr/bin/env python3
"""rule_words_probe.py [N] - N (30000) generated "command<TAB>reply" rows on
stdout, for tools/reason_dump.c, built from the words the rules of
src/classify.c read with names_word() (every quoted string of its static
word lists) and the phrases of data/reason-phrases.txt: the words whole,
cut, recased, glued to a letter, digit or '@' before or after, their
spaces turned into tabs or runs, split over two lines, at a line's very
end, lines of every length around 16 bytes, replies of up to 200 words.
Fixed seed: the same rows on every run. With tools/reason_probe.py, the
check that a change to how the rules read words keeps every result
(docs/benchmarks.md)."""
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
rnd = random.Random(613)
src = open(os.path.join(HERE, os.pardir, "src", "classify.c"), encoding="utf-8").read()
words = sorted({w for body in re.findall(r"static const char \*const \w+\[\] = \{(.*?)\};", src, re.S)
                for w in re.findall(r'"((?:[^"\\]|\\.)*)"', body)})
phr = []
for line in open(os.path.join(HERE, os.pardir, "data", "reason-phrases.txt"), encoding="utf-8"):
    if line.startswith("#") or line.startswith("@") or "\t" not in line:
        continue
    phr.append(line.split("\t")[1])
fill = ["the", "a", "x", "-", ":", "[192.0.2.1]", "198.51.100.14", "(#5.7.1)", "#4.2.0",
        "a@b.example", "mx.google.com", "\xe9t\xe9", "5.1.1", "4.7.1", "re", "un", "ip4", "é"]
cmds = ["RCPT", "MAIL", "DATA", "DOT", "GREETING", "EHLO", "HELO", "AUTH", "STARTTLS",
        "VRFY", "BDAT", "UNKNOWN"]


def word():
    r = rnd.random()
    w = rnd.choice(words) if r < 0.55 else rnd.choice(phr) if r < 0.75 else rnd.choice(fill)
    if rnd.random() < 0.1 and len(w) > 2:
        w = w[:rnd.randint(1, len(w) - 1)]
    if " " in w and rnd.random() < 0.2:
        w = w.replace(" ", rnd.choice(["\t", "  ", " \t", "\r\n"]), 1)
    if rnd.random() < 0.3:
        w = "".join(c.upper() if rnd.random() < 0.5 else c for c in w)
    if rnd.random() < 0.15:
        w = rnd.choice(["a", "Z", "1", "_", ".", "@", "'", "-", "\xe9"]) + w
    if rnd.random() < 0.15:
        w = w + rnd.choice(["s", "ed", "1", ".", "@x", "-", "ing"])
    return w


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


for i in range(N):
    code = rnd.choice([550, 550, 554, 450, 451, 421, 452, 552, 553, 535, 530, 500, 501, 502,
                       503, 504, 555, 571, 511])
    k = code // 100
    enh = rnd.choice(["", "", "%d.1.1 " % k, "%d.7.1 " % k, "%d.7.0 " % k, "%d.2.2 " % k,
                      "%d.4.1 " % k, "%d.1.2 " % k, "%d.1.3 " % k, "%d.5.1 " % k,
                      "%d.4.%d " % (k, rnd.randint(0, 7)), "%d.7.%d " % (k, rnd.randint(0, 30)),
                      "%d.3.%d " % (k, rnd.randint(0, 5))])
    nw = rnd.choice([1, 2, 3, 5, 8, 12, 30, 120, 200]) if rnd.random() < 0.1 else rnd.randint(1, 8)
    text = rnd.choice([" ", " ", "", "  ", "\t", ", "]).join(word() for _ in range(nw))
    parts = text.split("\r\n")
    # lines of 1 to 40 bytes too, to meet every tail length
    if rnd.random() < 0.3:
        cut = []
        for p in parts:
            while len(p) > 40:
                n = rnd.randint(1, 40)
                cut.append(p[:n])
                p = p[n:]
            cut.append(p)
        parts = cut
    lines = ["%d%s%s%s" % (code, "-" if j < len(parts) - 1 else " ", enh, t)
             for j, t in enumerate(parts)]
    print("%s\t%s" % (rnd.choice(cmds), esc("\r\n".join(lines) + "\r\n")))
