#!/usr/bin/env python3
"""Replays the captures of real MTAs (tests/data/bounces/MTA/: their log
and the bounces they wrote, made by tests/interop/bounces.sh) through
`smtpreply parse --json` and checks that the replies found are exactly the
ones the refusing server sent (expected.tsv, from its own record of what
it sent): per file, one reply per refused recipient, with its code,
enhanced code, text lines and command; none for a recipient the server
never answered; no other failure reply.

The gap column ("-" or ";"-separated notes) can say: "absent: why" (the
MTA did not write the reply into this file, so no reply may be found
there), "nocommand: why" (the MTA does not write which command the reply
answered: none is expected), "joined: why" (the MTA joined the reply's lines with spaces: one
line is expected), "first: why" (the MTA wrote only the reply's first
line: that line is expected), "named: CMD why" (the MTA names another
command than the one refused, and cannot tell them apart: CMD is
expected), "gap: why" (a documented known gap of the library: the
result is counted apart, and reported when it starts to match, so the note
can go), "cut: why" (the MTA cut a long line and ended it with "...": the
cut text is expected), "norecipient: why" (the MTA names the recipient
where the library does not look: one record without a recipient is
expected), "other: why" (a row written by hand: the MTA gave this
recipient another recipient's reply; the reply is checked, its reason is
the reply's and its verdict undetermined: the reply names another address,
so it does not show this one bad). Each record found gets the reason and verdict of the reply it
carries read as raw bytes after its command, and (in a bounce) its action;
except that in a bounce whose DSN says "Action: failed" (the MTA gave up)
the action is fail and a temporary (4xx) reply's reason is expired
(smtpreply_found_diagnose(3)). Also: the bounces of each MTA read again as
one mbox give the same replies.

Then the MTAs' own words (tests/data/ownwords/MTA/, made by
tests/interop/ownwords.sh: failures with no remote reply behind them --
local delivery, loops, size limits, connections, names, queue expiry):
`smtpreply bounce --json` over each bounce and `smtpreply parse --json`
over each log must find every failed recipient of expected.tsv, and one
of the recipient's records must give its true reason (a log has a line
for each attempt: the deferral names the cause, the final line may say
only that time ran out). Notes: "absent: why" (the file does not name
the recipient: nothing may be found), "nowords: why" (the file names the
recipient but not the cause: the recipient must be found, the reason is
counted apart), "deferral: REASON why" (the file has only the deferral
before the message was returned, whose cause is REASON: that is
expected), "gap: why" (a known gap of the library: counted apart,
reported when it starts to match). A bounce's records without a reply
(the MTA's own words or Status only: "Envelope expired", "Giving up",
a time-out) for a recipient the server refused only for now or never
answered fail (retry in the delay warnings' captures) and are never
suppress. Prints "N passed, N failed" last.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

from testlib import HERE, BIN, check, report
DATA = os.path.join(HERE, "data", "bounces")

gaps = gaps_fixed = others = no_reply = 0


def load_expected(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        rows.append(dict(zip(("file", "recipient", "command", "code", "enhanced",
                              "text", "gap"), f)))
    return rows


def parse(paths, kind=None):
    """smtpreply parse --json over PATHS: the records, by file name."""
    cmd = [BIN, "parse", "--json"] + (["--input", kind] if kind else []) + paths
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(p.returncode in (0, 1), "exit status of %s" % " ".join(cmd[1:4]),
          "%d %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[:200]))
    out = {}
    for line in p.stdout.decode("utf-8").splitlines():
        rec = json.loads(line)
        name = os.path.basename(rec.get("file", paths[0]))
        out.setdefault(name, []).append(rec)
    return out


def found_as_row(rec):
    """A record in expected.tsv's terms."""
    return {
        "command": rec.get("command") or "-",
        "code": str(rec["code"]) if rec.get("code") else "-",
        "enhanced": rec.get("enhanced") or "-",
        "text": " | ".join(rec.get("lines") or []) or "-",
    }


def compare(mta, rows, records):
    """Every expected row against the records of its file."""
    global gaps, gaps_fixed
    global others
    for row in rows:
        notes = [n.strip() for n in row["gap"].split(";")] if row["gap"] != "-" else []
        tags = {n.split(":", 1)[0] for n in notes}
        rcpt = None if "norecipient" in tags else row["recipient"]
        recs = [r for r in records.get(row["file"], [])
                if r.get("recipient") == rcpt and r.get("code")]
        want = {k: row[k] for k in ("command", "code", "enhanced", "text")}
        if "nocommand" in tags:
            want["command"] = "-"
        if "joined" in tags:
            want["text"] = want["text"].replace(" | ", " ")
        if "first" in tags:
            want["text"] = want["text"].split(" | ")[0]
        for n in notes:
            if n.startswith("named:"):
                want["command"] = n.split(":", 1)[1].split()[0]
        if "cut" in tags and recs:
            # the MTA cut a long line and wrote "..." (Courier's log)
            t = found_as_row(recs[0])["text"]
            if t.endswith("...") and want["text"].startswith(t[:-3]):
                want["text"] = t
        # A log has a line for each attempt: when the MTA tried again
        # and was refused the same way (dma), the same record twice.
        if not row["file"].endswith(".eml") and len(recs) > 1 and \
                all(found_as_row(r) == found_as_row(recs[0]) for r in recs):
            recs = recs[:1]
        if row["code"] == "-" or "absent" in tags:
            got = [found_as_row(r) for r in recs]
            ok = not recs
        else:
            got = found_as_row(recs[0]) if len(recs) == 1 else [found_as_row(r) for r in recs]
            ok = got == want
        what = "%s/%s %s" % (mta, row["file"], row["recipient"])
        if "gap" in tags:
            gaps += 1
            if ok:
                gaps_fixed += 1
                print("note: known gap now matches, drop its note: %s (%s)" % (what, row["gap"]))
            continue
        if "other" in tags:
            # another recipient's reply, as the MTA wrote it: found, with
            # the reply's reason (what the server said), but the reply
            # names another address and not this one, so it does not
            # show this address bad: never suppress, undetermined
            # (smtpreply_found_diagnose(3), RFC 3464 2.3.2/2.3.6)
            others += 1
            if check(ok, what, "found %s, the file has %s" % (got, want)):
                reason, verdict, _ = reason_of(want)
                check(recs[0].get("reason") == reason, what + ": reason (another's reply)",
                      "%s, the reply as sent: %s" % (recs[0].get("reason"), reason))
                check(recs[0].get("verdict") == "undetermined",
                      what + ": verdict (another's reply)",
                      "%s, the reply as sent: %s" % (recs[0].get("verdict"), verdict))
            continue
        if row["file"].endswith(".eml") and (row["code"] == "-" or "absent" in tags or
                                             not row["code"].startswith("5")):
            no_reply_records(mta, row, what, records)
        if check(ok, what, "found %s, the server sent %s" % (got, want)) and \
                row["code"] != "-" and "absent" not in tags:
            reason, verdict, action = reason_of(want)
            # A temporary reply in a bounce that gives the message up
            # (Action: failed): the refusal outlasted the MTA's queue
            # lifetime, so the reason is the expiry and the verdict the
            # reply's (smtpreply_found_diagnose(3)); a delay warning
            # (Action: delayed) keeps the reply's reason.
            # The same bounce's record fails whatever the reply's own
            # action (a 552 after RCPT may be retried, RFC 5321
            # 4.5.3.1.10: this MTA did not).
            if gave_up(os.path.join(DATA, mta, row["file"])):
                action = "fail"
                if row["code"].startswith("4"):
                    reason = "expired"
            if row["file"].endswith(".eml"):
                check(recs[0].get("action") == action, what + ": action",
                      "%s, expected %s" % (recs[0].get("action"), action))
            check(recs[0].get("reason") == reason, what + ": reason",
                  "%s, expected %s" % (recs[0].get("reason"), reason))
            check(recs[0].get("verdict") == verdict, what + ": verdict",
                  "%s, the reply as sent: %s" % (recs[0].get("verdict"), verdict))


def no_reply_records(mta, row, what, records):
    """The records without a reply (the MTA's own words or Status only)
    of a recipient the server refused only for now or never answered,
    in a bounce: the MTA returned the message, so such a record fails
    (action fail; in the delay-warning captures, *-delay*, it is a
    notice and retry), and nothing the server said showed the address
    bad, so it is never suppress."""
    global no_reply
    notice = "delay" in mta
    for r in records.get(row["file"], []):
        if r.get("recipient") != row["recipient"] or r.get("code"):
            continue
        no_reply += 1
        check(r.get("action") == ("retry" if notice else "fail"),
              what + ": action of a record without a reply",
              "%s (%s)" % (r.get("action"), r.get("problem") or r.get("log")))
        check(r.get("verdict") != "suppress",
              what + ": verdict of a record without a reply",
              "%s (%s)" % (r.get("verdict"), r.get("problem") or r.get("log")))


def gave_up(path):
    """Whether the file is a bounce whose DSN says the MTA gave up
    (RFC 3464 Action: failed), read here without the library."""
    if not path.endswith(".eml"):
        return False
    data = open(path, "rb").read()
    return re.search(rb"^Action:[ \t]*failed[ \t]*\r?$", data, re.M | re.I) is not None


_reasons = {}


def reason_of(row_want):
    """The reason and verdict the library gives the reply a record should
    hold, read as raw server bytes after its command: a record must
    classify as the reply it carries would on the wire."""
    key = tuple(sorted(row_want.items()))
    if key in _reasons:
        return _reasons[key]
    lines = row_want["text"].split(" | ")
    enh = "" if row_want["enhanced"] == "-" else row_want["enhanced"] + " "
    raw = "".join("%s%s%s%s\r\n" % (row_want["code"], "-" if i < len(lines) - 1 else " ",
                                     enh, t) for i, t in enumerate(lines))
    cmd = [BIN, "parse", "--json", "--input", "raw"]
    if row_want["command"] != "-":
        cmd += ["--after", "." if row_want["command"] == "DOT" else row_want["command"]]
    p = subprocess.run(cmd + ["-"], input=raw.encode("utf-8"), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    recs = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines()]
    _reasons[key] = (recs[0].get("reason"), recs[0].get("verdict"), recs[0].get("action")) \
        if len(recs) == 1 else ("?", p.stderr[:100], "?")
    return _reasons[key]


def no_other_failures(mta, rows, records):
    """No failure reply beyond the expected ones (say, a 5xx made of an
    MTA's own words, or one reply counted twice)."""
    want = {(r["file"], None if r["gap"].startswith("norecipient") else r["recipient"])
            for r in rows if r["code"] != "-" and not r["gap"].startswith("absent")}
    for name, recs in sorted(records.items()):
        extra = [r for r in recs if r.get("code") and r["code"] >= 400 and
                 (name, r.get("recipient")) not in want]
        check(not extra, "%s/%s: no failure reply the server did not send" % (mta, name),
              [found_as_row(r) | {"recipient": r.get("recipient")} for r in extra])


def as_mbox(emls, path):
    with open(path, "wb") as out:
        for e in emls:
            data = open(e, "rb").read()
            out.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n")
            for line in data.splitlines(keepends=True):
                if line.lstrip(b">").startswith(b"From "):
                    line = b">" + line
                out.write(line)
            if not data.endswith(b"\n"):
                out.write(b"\n")
            out.write(b"\n")


OWN = os.path.join(HERE, "data", "ownwords")
own_gaps = own_gaps_fixed = own_nowords = 0


def own_words():
    """The MTAs' own words: every failed recipient found, with its reason."""
    global own_gaps, own_gaps_fixed, own_nowords
    dirs = sorted(d for d in glob.glob(os.path.join(OWN, "*")) if os.path.isdir(d))
    check(len(dirs) >= 2, "own words: captures of at least two MTAs", dirs)
    for d in dirs:
        mta = os.path.basename(d)
        rows = []
        for line in open(os.path.join(d, "expected.tsv"), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            rows.append(dict(zip(("file", "recipient", "reason", "gap"),
                                 line.rstrip("\n").split("\t"))))
        check(len(rows) >= 8, "own words: %s: expected.tsv has its rows" % mta, len(rows))
        for name in sorted({r["file"] for r in rows}):
            path = os.path.join(d, name)
            verb = "bounce" if name.endswith(".eml") else "parse"
            p = subprocess.run([BIN, verb, "--json", path], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            check(p.returncode in (0, 1), "own words: %s/%s: exit status" % (mta, name),
                  p.stderr.decode("utf-8", "replace")[:200])
            recs = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines()]
            for row in (r for r in rows if r["file"] == name):
                what = "own words: %s/%s %s" % (mta, name, row["recipient"])
                mine = [r for r in recs if (r.get("recipient") or "").lower() ==
                        row["recipient"].lower()]
                tag = row["gap"].split(":", 1)[0] if row["gap"] != "-" else ""
                if tag == "absent":
                    check(not mine, what + ": not named, nothing found",
                          [r.get("reason") for r in mine])
                    continue
                reasons = [r.get("reason") for r in mine]
                want = row["reason"]
                if tag == "deferral":
                    want = row["gap"].split(":", 1)[1].split()[0]
                ok = want in reasons
                if tag == "gap":
                    own_gaps += 1
                    if ok:
                        own_gaps_fixed += 1
                        print("note: known gap now matches, drop its note: %s (%s)"
                              % (what, row["gap"]))
                    continue
                if not check(mine, what + ": found", "no record for the recipient"):
                    continue
                if tag == "nowords":
                    own_nowords += 1
                    continue
                check(ok, what + ": reason " + want,
                      "got %s (%s)" % (reasons, [(r.get("problem") or "")[:80] for r in mine]))
    print("own words: known gaps %d (%d of them now match), files without the cause %d"
          % (own_gaps, own_gaps_fixed, own_nowords))


def main():
    dirs = sorted(d for d in glob.glob(os.path.join(DATA, "*")) if os.path.isdir(d))
    check(len(dirs) >= 2, "captures of at least two MTAs", dirs)
    for d in dirs:
        mta = os.path.basename(d)
        rows = load_expected(os.path.join(d, "expected.tsv"))
        files = sorted({r["file"] for r in rows})
        check(all(os.path.exists(os.path.join(d, f)) for f in files),
              "%s: every file of expected.tsv exists" % mta)
        records = parse([os.path.join(d, f) for f in files])
        compare(mta, rows, records)
        no_other_failures(mta, rows, records)
        # The same bounces, one mbox: the same replies, in file order.
        emls = [os.path.join(d, f) for f in files if f.endswith(".eml")]
        with tempfile.TemporaryDirectory() as tmp:
            mbox = os.path.join(tmp, "bounces.mbox")
            as_mbox(emls, mbox)
            got = [found_as_row(r) | {"recipient": r.get("recipient")}
                   for r in parse([mbox], "dsn").get("bounces.mbox", []) if r.get("code")]
        want = [found_as_row(r) | {"recipient": r.get("recipient")}
                for f in files if f.endswith(".eml") for r in records.get(f, [])
                if r.get("code")]
        check(got == want, "%s: the bounces as one mbox give the same replies" % mta,
              "%d vs %d" % (len(got), len(want)))
    print("known gaps: %d (expected.tsv gap column), %d of them now match; "
          "another recipient's reply: %d; records without a reply of a temporary or "
          "silent refusal in a bounce: %d" % (gaps, gaps_fixed, others, no_reply))
    check(no_reply > 0, "records without a reply were checked", no_reply)
    own_words()
    return report()


if __name__ == "__main__":
    sys.exit(main())
