#!/usr/bin/env python3
"""The messages a capture sends for a table (bounces.sh's loops for the
MTAs submitted to through their own sendmail command): one line each,
"LOCAL<TAB>SENDER<TAB>RECIPIENT...": the message "capture for LOCAL", its
envelope sender and its recipients (space-separated).

usage: messages.py TABLE [CLASS]

As send_all does: a row whose reply is 2xx sends nothing (its recipient is
only in an MSG row's message); a MAIL row's message comes from
LOCAL@sender.test (refuser.py refuses that sender); an MSG row is one
message to LOCAL2+LOCAL@refuse.test for each LOCAL2 it lists. CLASS (say
"4") keeps only the rows whose reply starts with it.
"""
import sys


def main():
    table = sys.argv[1]
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    for line in open(table, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        local, command, reply = line.rstrip("\n").split("\t")
        if only and not reply.startswith(only):
            continue
        if reply.startswith("2"):
            continue
        rcpts = [local + "@refuse.test"]
        if command == "MSG":
            rcpts = ["%s+%s@refuse.test" % (r, local) for r in reply.split()]
        sender = (local if command == "MAIL" else "sender") + "@sender.test"
        print("%s\t%s\t%s" % (local, sender, " ".join(rcpts)))


if __name__ == "__main__":
    main()
