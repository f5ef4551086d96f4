#!/usr/bin/env python3
"""Write MTADIR/expected.tsv from ownwords/cases.tsv and rename the
bounces after the recipient they report.

usage: expected.py CASES MTA MTADIR

expected.tsv, one row per file and failed recipient:
  file  recipient  reason  gap
reason is the case's true reason (cases.tsv); gap is "-" (the library
must find the recipient with that reason) or notes written by hand,
separated by ";", kept when the file is regenerated: "absent: why" (the
MTA does not name that recipient in this file: nothing may be found for
it), "gap: why" (a documented known gap of the library: counted apart by
tests/test_bounces.py, and reported when it starts to match).
"""
import os
import re
import sys


def main():
    cases, mta, d = sys.argv[1:4]
    old = {}
    path = os.path.join(d, "expected.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            old[(f[0], f[1])] = f[3]
    bounces = {}
    for name in sorted(os.listdir(d)):
        if not name.endswith(".eml"):
            continue
        data = open(os.path.join(d, name), "rb").read()
        m = re.search(rb"Subject: capture for ([a-z0-9]+)", data)
        if not m:
            print("expected.py: %s/%s: no 'capture for' subject" % (d, name), file=sys.stderr)
            continue
        new = "bounce-%s.eml" % m.group(1).decode()
        if new != name:
            os.rename(os.path.join(d, name), os.path.join(d, new))
        bounces[m.group(1).decode()] = new
    rows = []
    for line in open(cases, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        m, rcpt, _how, reason, _what = line.rstrip("\n").split("\t")
        if m != mta:
            continue
        for f in ("mail.log", bounces.get(rcpt.split("@")[0])):
            if f is None:
                print("expected.py: %s: no bounce for %s" % (d, rcpt), file=sys.stderr)
                continue
            rows.append((f, rcpt, reason, old.get((f, rcpt), "-")))
    rows.sort()
    with open(path, "w", encoding="utf-8") as out:
        out.write("# file\trecipient\treason\tgap  (written by "
                  "tests/interop/ownwords/expected.py from ownwords/cases.tsv)\n")
        for r in rows:
            out.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
