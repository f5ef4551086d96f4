#!/usr/bin/env python3
"""Write MTADIR/expected.tsv from MTADIR/sent.tsv (what refuser.py
actually sent) and rename the bounces after the recipient they report.

usage: expected.py MTADIR

expected.tsv, one row per file and refused recipient:
  file  recipient  command  code  enhanced  text  gap
command is RCPT, DATA or DOT (the end of the message data); code "-" when
the server sent nothing (the client timed out: no reply may be found);
enhanced "-" when the reply had none; text is the reply's lines without
code and enhanced code, joined by " | "; gap is "-" (the library must find
exactly this) or notes written by hand, separated by ";" (absent:,
joined:, first:, named:, nocommand:, gap: -- tests/test_bounces.py says what
each means),
kept when the file is regenerated.
"""
import os
import re
import sys

LINE = re.compile(r"^(\d{3})[ -](?:([245]\.\d{1,3}\.\d{1,3}) )?(.*)$")


def split_reply(lines):
    code = enhanced = None
    texts = []
    for line in lines:
        m = LINE.match(line)
        code = m.group(1)
        if enhanced is None:
            enhanced = m.group(2)
        texts.append(m.group(3))
    return code, enhanced or "-", " | ".join(texts)


def which_bounce(d, names, rcpt):
    """Of the bounces of one message (an MTA that returns each recipient
    apart, as dma does), the one about rcpt: the one that names it most
    (each names every recipient once, in the returned message's To:)."""
    if not names:
        return None
    def count(name):
        return open(os.path.join(d, name), "rb").read().lower().count(rcpt.lower().encode())
    return max(names, key=count)


def main():
    d = sys.argv[1]
    old_gaps = {}
    path = os.path.join(d, "expected.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            old_gaps[(f[0], f[1])] = f[6]
    # Name each bounce after the local part in the returned message's
    # "Subject: capture for LOCAL" (bounces.sh's send_all writes it).
    bounces = {}
    for name in sorted(os.listdir(d)):
        if not name.endswith(".eml"):
            continue
        data = open(os.path.join(d, name), "rb").read()
        m = re.search(rb"Subject: capture for ([a-z0-9]+)", data)
        if not m:
            continue
        local = m.group(1).decode()
        new = "bounce-%s.eml" % local
        n = 2
        while new != name and os.path.exists(os.path.join(d, new)):
            # another bounce for the same message (dma returns each
            # recipient apart): which_bounce() tells them apart
            new = "bounce-%s-%d.eml" % (local, n)
            n += 1
        if new != name:
            os.rename(os.path.join(d, name), os.path.join(d, new))
        bounces.setdefault(local + "@refuse.test", []).append(new)
    rows = []
    for line in open(os.path.join(d, "sent.tsv"), encoding="utf-8"):
        _port, rcpt, command, reply = line.rstrip("\n").split("\t")
        if reply == "-":
            code, enhanced, text = "-", "-", "-"
        else:
            code, enhanced, text = split_reply(reply.split(" | "))
        # LOCAL+TAG was one of the recipients of the message "capture
        # for TAG" (an MSG row of the table): its bounce is TAG's
        local, _, domain = rcpt.partition("@")
        key = local.split("+", 1)[1] + "@" + domain if "+" in local else rcpt
        for f in ("mail.log", which_bounce(d, bounces.get(key), rcpt)):
            if f is None:
                print("expected.py: %s: no bounce for %s" % (d, rcpt), file=sys.stderr)
                continue
            gap = old_gaps.get((f, rcpt), "-")
            rows.append((f, rcpt, command, code, enhanced, text, gap))
    # An MTA that tries again after a temporary refusal (dma's queue run
    # before it gives up) is refused again the same way: one row.
    rows = sorted(set(rows))
    with open(path, "w", encoding="utf-8") as out:
        out.write("# file\trecipient\tcommand\tcode\tenhanced\ttext\tgap"
                  "  (written by tests/interop/bounces/expected.py from sent.tsv)\n")
        for r in rows:
            out.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
