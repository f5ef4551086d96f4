#!/usr/bin/env python3
"""Invariance under wrapping, on real MTAs' captures: does each reply get
the same answer quoted in an MTA's bounce or log line as it gets bare?

usage: compare.py [--misses FILE] DIR...

Each DIR is one MTA's capture of tests/interop/wrap/table.tsv made by
tests/interop/bounces.sh (BOUNCES_TABLE, BOUNCES_OUT: see
tests/interop/wrap/README.md): sent.tsv (what the refusing server sent),
mail.log, bounce-LOCAL.eml. Forms:

  log     the MTA's log (every line; records of the recipient)
  bounce  the bounce message whole
  human   the bounce without its message/delivery-status part (the
          text the MTA wrote for people; MIME bounces only)
  dsn     the bounce without its text/* parts (the Diagnostic-Code;
          MIME bounces only)

The answer compared: code, enhanced code, command, reason, verdict of the
single record with a code found for the recipient, against
`smtpreply parse --input raw --after CMD` over the reply as sent (CMD the
record's command when the wrapper names none: then the bare reply after
an unknown command). A 4xx reply in a bounce that gave the message up
(Action: failed) has reason expired (smtpreply_found_diagnose(3)): that is
the reference there. Prints agreements by MTA and form.
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import wraplib  # noqa: E402  (tests/wraplib.py: mailbox, other_address)

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("SMTPREPLY", os.path.join(HERE, "..", "..", "..", "smtpreply"))
FIELDS = ("code", "enhanced", "command", "reason", "verdict")
_bare = {}


def bare(command, lines):
    key = (command, tuple(lines))
    if key not in _bare:
        raw = "".join(l + "\r\n" for l in lines).encode("utf-8")
        cmd = [BIN, "parse", "--json", "--input", "raw"]
        if command:
            cmd += ["--after", "." if command == "DOT" else command]
        p = subprocess.run(cmd + ["-"], input=raw, stdout=subprocess.PIPE)
        recs = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines()]
        r = recs[0] if len(recs) == 1 else {}
        _bare[key] = {"code": r.get("code"), "enhanced": r.get("enhanced"),
                      "command": command, "reason": r.get("reason"),
                      "verdict": r.get("verdict")}
    return _bare[key]


def parts(data):
    """The MIME parts of a bounce at the top level: (header, [(ctype,
    bytes)], boundary) or None when it is not multipart."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = data.partition(b"\n\n")
    m = re.search(rb'boundary="?([^";\r\n]+)"?', head, re.I)
    if not m or not re.search(rb"^content-type:[ \t]*multipart/", head, re.I | re.M):
        return None
    b = b"--" + m.group(1)
    chunks = re.split(rb"(?m)^" + re.escape(b) + rb"(?:--)?[ \t]*\r?$", body)
    out = []
    for c in chunks[1:-1]:
        ct = re.search(rb"(?im)^content-type:[ \t]*([a-z0-9/._+-]+)", c.split(b"\n\n")[0].split(b"\r\n\r\n")[0])
        out.append(((ct.group(1).decode().lower() if ct else "text/plain"), c))
    return head + sep, out, b, chunks[0], chunks[-1]


def variant(data, drop):
    p = parts(data)
    if p is None:
        return None
    head, ps, b, pre, post = p
    kept = [c for ct, c in ps if not drop(ct)]
    if len(kept) == len(ps):
        return None
    return head + pre + b"".join(b + c for c in kept) + b + b"--" + post


def parse(path):
    p = subprocess.run([BIN, "parse", "--json", path], stdout=subprocess.PIPE)
    return [json.loads(l) for l in p.stdout.decode("utf-8").splitlines()]


def gave_up(data):
    return re.search(rb"(?im)^Action:[ \t]*failed[ \t]*\r?$", data) is not None


def written(data, lines):
    """Whether the file's bytes hold the reply's first words (up to 24
    bytes of the first line's text after its codes, blanks and line
    breaks taken as one space, ASCII only): an MTA may leave the reply
    out of a part or a log (OpenSMTPD's DSN has no Diagnostic-Code; a
    message that expired in its queue has none)."""
    text = re.sub(r"^[245]\d\d[ -]([245]\.\d{1,3}\.\d{1,3} )?", "", lines[0])
    text = re.sub(r"\s+", " ", text).strip()
    m = re.match(r"[\x20-\x7e]*", text)
    needle = m.group(0)[:24].strip().encode()
    if len(needle) < 6:
        return True
    return needle in re.sub(rb"\s+", b" ", data)


def judge(recs, rcpt, command, lines, failed, data=None):
    mine = [r for r in recs if r.get("code") and
            (r.get("recipient") or "").lower() == rcpt.lower()]
    if not mine and data is not None and not written(data, lines):
        return "absent", None
    if not mine:
        return "lost", None
    if len(mine) > 1 and any({k: r.get(k) for k in FIELDS} != {k: mine[0].get(k) for k in FIELDS}
                             for r in mine):
        return "several", mine
    r = mine[0]
    want = dict(bare(command if r.get("command") else None, lines))
    if want["code"] is None:
        return "notone", None
    if r.get("command") and r.get("command") != command:
        want["command"] = command
    # the library's documented readings of a wrapper (smtpreply_found_
    # diagnose(3)): a temporary reply in a record of a message given up
    # (DSN Action: failed, Postfix "bounced", Exim "**": action fail) is
    # reason expired; a reply that names other addresses in angle
    # brackets and not the record's recipient has verdict undetermined
    if lines[0][:1] == "4" and (failed or r.get("action") == "fail"):
        want["reason"] = "expired"
    if want["verdict"] == "suppress" and wraplib.other_address(lines, rcpt):
        want["verdict"] = "undetermined"
    diff = [k for k in FIELDS if r.get(k) != want.get(k)]
    return ("same" if not diff else "differs:" + ",".join(diff)), (r, want)


def main():
    args = sys.argv[1:]
    misses = None
    if args[:1] == ["--misses"]:
        misses = open(args[1], "w", encoding="utf-8")
        args = args[2:]
    total = collections.OrderedDict()
    for d in args:
        mta = os.path.basename(d.rstrip("/"))
        sent = {}
        for line in open(os.path.join(d, "sent.tsv"), encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if len(f) < 4 or f[3] == "-":
                continue
            for rcpt in f[1].split(","):
                sent[rcpt] = (f[2], f[3].split(" | "))
        logpath = os.path.join(d, "mail.log")
        logrecs = parse(logpath) if os.path.exists(logpath) else []
        logdata = open(logpath, "rb").read() if os.path.exists(logpath) else b""
        with tempfile.TemporaryDirectory() as tmp:
            for rcpt, (command, lines) in sorted(sent.items()):
                local = rcpt.split("@")[0]
                forms = [("log", logrecs, False, logdata)]
                eml = os.path.join(d, "bounce-%s.eml" % local)
                if os.path.exists(eml):
                    data = open(eml, "rb").read()
                    failed = gave_up(data)
                    forms.append(("bounce", parse(eml), failed, data))
                    for name, drop in (("human", lambda ct: ct == "message/delivery-status"),
                                       ("dsn", lambda ct: ct.startswith("text/"))):
                        v = variant(data, drop)
                        if v is None:
                            continue
                        path = os.path.join(tmp, "%s-%s.eml" % (name, local))
                        open(path, "wb").write(v)
                        forms.append((name, parse(path), failed and name != "human", v))
                for form, recs, failed, fdata in forms:
                    verdict, detail = judge(recs, rcpt, command, lines, failed, fdata)
                    c = total.setdefault((mta, form), collections.Counter())
                    c["n"] += 1
                    c[verdict.split(":")[0]] += 1
                    if verdict.startswith("differs"):
                        for k in verdict.split(":")[1].split(","):
                            c["x" + k] += 1
                    if misses and verdict != "same":
                        misses.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (
                            mta, form, local, command, verdict,
                            json.dumps(detail, ensure_ascii=False)[:600] if detail else " | ".join(lines)))
    print("%-12s %-7s %5s %5s %5s %5s %5s %5s %s" % ("mta", "form", "n", "same", "diff", "lost",
                                                    "sev", "n/a", "absent  differing fields"))
    for (mta, form), c in total.items():
        print("%-12s %-7s %5d %5d %5d %5d %5d %5d %6d  %s" % (
            mta, form, c["n"], c["same"], c["differs"], c["lost"], c["several"], c["notone"], c["absent"],
            " ".join("%s=%d" % (k[1:], c[k]) for k in sorted(c) if k.startswith("x"))))


if __name__ == "__main__":
    main()
