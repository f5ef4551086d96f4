#!/usr/bin/env python3
"""smtpreply explain on providers' own code systems (issue 13).

Replays tests/providers/replies.tsv through the built CLI:
`smtpreply explain --json --after CMD "<reply>"` must show the provider
entry the row names (its English name from data/provider-codes.txt), or no
provider entry for "none" rows; the text page shows the same name, and
with --lang fr/ja/ko the page shows the entry's translated name (from
data/i18n/LANG.txt), not the English one. Standard library only; prints
"N passed, N failed" last.
"""
import json
import os
import subprocess
import sys

from testlib import ROOT, BIN, check, report
ROWS = os.path.join(ROOT, "tests", "providers", "replies.tsv")


def names(path):
    """{record key: name} of a data file."""
    out, key = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("%%"):
                key = " ".join(line[2:].split())
            elif key and line.startswith("name: "):
                out[key] = line[6:].strip()
    return out


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            i += 1
            c = {"r": "\r", "n": "\n", "t": "\t"}.get(s[i], s[i])
        out.append(c)
        i += 1
    return "".join(out)


def explain(cmd, reply, *extra):
    args = [BIN, "explain", "--color=never"] + list(extra)
    if cmd not in ("UNKNOWN", "GREETING"):
        args += ["--after", cmd]
    # One operand: the reply as the server sent it, CR LF as newlines.
    args.append(unescape(reply).replace("\r\n", "\n").rstrip("\n"))
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, LC_ALL="C", LANG="C"),
                       timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    en = names(os.path.join(ROOT, "data", "provider-codes.txt"))
    tr = {l: names(os.path.join(ROOT, "data", "i18n", l + ".txt"))
          for l in ("fr", "ja", "ko")}
    rows = []
    with open(ROWS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("command\t"):
                continue
            col = line.rstrip("\n").split("\t")
            if len(col) >= 3:
                rows.append(col)
    check(len(rows) >= 80, "rows in replies.tsv", len(rows))
    shown = set()
    for cmd, reply, key in (r[:3] for r in rows):
        rc, out = explain(cmd, reply, "--json")
        if not check(rc == 0, "explain exits 0", reply):
            continue
        try:
            obj = json.loads(out.splitlines()[0])
        except (ValueError, IndexError) as e:
            check(False, "JSON", e)
            continue
        got = obj.get("provider_name")
        if key == "none":
            check(got is None, "no provider entry for " + reply, got)
            continue
        check(key in en, "entry exists: " + key)
        check(got == en.get(key), "provider_name for " + reply,
              "%r, want %r" % (got, en.get(key)))
        if key in shown:
            continue
        shown.add(key)
        # Text page and the translated pages, once per entry.
        rc, out = explain(cmd, reply)
        check(rc == 0 and en.get(key, "\0") in out, "text page shows " + key)
        for lang, t in tr.items():
            want = t.get(key)
            check(want is not None and want != en.get(key),
                  "%s name translated: %s" % (lang, key))
            rc, out = explain(cmd, reply, "--lang", lang)
            check(rc == 0 and want is not None and want in out,
                  "%s page shows %s" % (lang, key))
    return report()


if __name__ == "__main__":
    sys.exit(main())
