#!/usr/bin/env python3
"""reason_probe.py [N] - N (30000) generated "command<TAB>reply" rows on
stdout, for tools/reason_dump.c: phrases of data/reason-phrases.txt,
provider markers, quote words, reply codes and filler words ("antispam",
"noptr", addresses, IPs, qmail codes, UTF-8), cut, recased, prefixed,
joined by odd white space, one to three lines. Fixed seed: the same rows
on every run. Used to check that a change to the reason scan keeps every
result (docs/benchmarks.md, "The reason scan")."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_phrases as g  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
rnd = random.Random(13)
phr = []
for line in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "data", "reason-phrases.txt"), encoding="utf-8"):
    if line.startswith("#") or line.startswith("@") or "\t" not in line: continue
    phr.append(line.split("\t")[1])
marks = [m for _, ms in g.PROVIDERS for m in ms]
quotes = ["said:", "Remote host said:", "host mx.example.com said:", "SMTP error from remote server after RCPT TO:<a@b.c>:"]
fill = ["the", "your", "message", "x", "antispam", "noptr", "a@gmail.com", "[192.0.2.1]", "198.51.100.14", "(#5.7.1)", "#5.1.0", "-", ":", "ab", "5.1.1", "4.2.2", "  ", "\t", "mx.google.com", "eur01.prod.protection.outlook.com", "é", "\xe3\x81\x82"]
cmds = ["RCPT", "MAIL", "DATA", "DOT", "GREETING", "EHLO", "HELO", "AUTH", "UNKNOWN"]
def word():
    r = rnd.random()
    if r < 0.35: w = rnd.choice(phr)
    elif r < 0.45: w = rnd.choice(marks)
    elif r < 0.5: w = rnd.choice(quotes)
    elif r < 0.58: w = str(rnd.randint(400, 599)) + rnd.choice([" ", "-", " 5.1.1 ", " 4.7.1 ", ""])
    else: w = rnd.choice(fill)
    if rnd.random() < 0.2 and len(w) > 2:
        a = rnd.randint(0, len(w) - 1); b = rnd.randint(a, len(w)); w = w[a:b]
    if rnd.random() < 0.3:
        w = "".join(c.upper() if rnd.random() < 0.5 else c for c in w)
    if rnd.random() < 0.15:
        w = rnd.choice(["anti", "x", "no", "re", "un", "1", "_", "."]) + w
    return w
def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
for i in range(N):
    code = rnd.choice([550, 550, 554, 450, 451, 421, 452, 552, 553, 535, 530, 500, 503, 250, 354, 571, 511])
    enh = rnd.choice(["", "", "%d.1.1 " % (code // 100), "%d.7.1 " % (code // 100), "%d.2.2 " % (code // 100), "%d.4.1 " % (code // 100), "%d.7.%d " % (code // 100, rnd.randint(0, 30))])
    nl = rnd.choice([1, 1, 1, 2, 3])
    lines = []
    for k in range(nl):
        words = [word() for _ in range(rnd.randint(1, 8))]
        sep = rnd.choice([" ", " ", "", "  ", "\t", ", "])
        text = sep.join(words)
        lines.append("%d%s%s%s" % (code, "-" if k < nl - 1 else " ", enh, text))
    print("%s\t%s" % (rnd.choice(cmds), esc("\r\n".join(lines) + "\r\n")))
