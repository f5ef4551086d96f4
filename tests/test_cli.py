#!/usr/bin/env python3
"""Tests of the smtpreply command: runs the built binary $BUILD/smtpreply.

Python standard library only. Every subcommand, --help, --version, the exit
codes, JSON parsed back and checked field by field, the read-buffer
boundary, a big input through a pipe in bounded memory, garbage input.
Prints "N passed, N failed" last; exits non-zero on failure.
"""
import json
import re
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

from testlib import ROOT, BIN, check, report
SAN = os.environ.get("SAN", "") == "1"
CAPTURES = os.path.join(ROOT, "tests", "data", "captures")
SAMPLE = os.path.join(ROOT, "examples", "sample-session.txt")


def run(args, data=None, env=None, timeout=60):
    e = dict(os.environ)
    for k in ("NO_COLOR", "SMTPREPLY_CHUNK", "LC_ALL", "LC_MESSAGES", "LANG"):
        e.pop(k, None)
    if env:
        e.update(env)
    # No data: standard input is empty, never the test runner's own.
    p = subprocess.run([BIN] + args, input=data if data is not None else b"",
                       stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=e, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def jsonl(out):
    """Parse JSON Lines strictly: the bytes must be valid UTF-8."""
    text = out.decode("utf-8")  # raises on invalid UTF-8
    return [json.loads(line) for line in text.splitlines() if line]


_tables = {}


def table(lang=None):
    """The explanation table as `list --json` gives it, by key."""
    if lang not in _tables:
        args = ["list", "--json"] + (["--lang", lang] if lang else [])
        rc, out, _ = run(args)
        _tables[lang] = {e["key"]: e for e in jsonl(out)}
    return _tables[lang]


REPLY_KEYS = ["offset", "length", "code", "enhanced", "class", "lines", "flags",
              "name", "enhanced_name", "action", "reason", "verdict", "confidence",
              "evidence", "provider", "log"]
ERROR_KEYS = ["offset", "length", "error", "message"]


def reply_name(tab, code, cmd=None):
    """The name the table gives a code (contextual when known)."""
    if cmd and ("reply %d after %s" % (code, cmd)) in tab:
        return tab["reply %d after %s" % (code, cmd)]["name"]
    if ("reply %d" % code) in tab:
        return tab["reply %d" % code]["name"]
    return None


def enhanced_name(tab, enh):
    k, s, d = enh.split(".")
    for key in ("enhanced %s.%s.%s" % (k, s, d), "enhanced X.%s.%s" % (s, d),
                "enhanced X.%s" % s, "enhanced %s" % k):
        if key in tab:
            return tab[key]["name"]
    return None


# ---------------------------------------------------------------------------
def test_version_help():
    rc, out, err = run(["--version"])
    check(rc == 0 and out.startswith(b"smtpreply 1."), "--version", out)
    check(b"libsmtpreply" in out, "--version names the library")
    rc, out, _ = run(["--help"])
    check(rc == 0 and b"Usage: smtpreply" in out, "--help")
    for cmd in ("explain", "compare", "parse", "stats", "bounce", "list", "site"):
        rc, out, _ = run([cmd, "--help"])
        check(rc == 0 and (b"Usage: smtpreply " + cmd.encode()) in out,
              "%s --help" % cmd, out[:80])
        rc, out2, _ = run(["help", cmd])
        check(rc == 0 and out2 == out, "help %s" % cmd)
        rc, out3, _ = run([cmd, "-h"])
        check(rc == 0 and out3 == out, "%s -h" % cmd)
    # explain's help names the verdict (what to do about the address), in
    # each language, with the word its text output's heading uses.
    for lang, word in (("en", "verdict"), ("fr", "verdict"), ("ja", "判定"),
                       ("ko", "판정")):
        rc, out, _ = run(["--lang", lang, "explain", "--help"])
        about = out.decode("utf-8").split("\n\n")[1]
        check(rc == 0 and word in about.lower(),
              "explain --help (%s) mentions the verdict" % lang, about)
    # explain refuses --html ("goes with compare"): its help does not offer it
    rc, out, _ = run(["explain", "--help"])
    rc2, out2, _ = run(["compare", "--help"])
    rc3, _, err3 = run(["explain", "--html", "550"])
    check(b"--html" not in out and b"--html" in out2 and rc3 == 2 and b"compare" in err3,
          "--html in compare's help only; explain --html is a usage error naming compare",
          (out.count(b"--html"), out2.count(b"--html"), rc3, err3[:80]))


def test_usage_errors():
    cases = [
        [],
        ["frobnicate"],
        ["--frob"],
        ["explain"],
        ["explain", "--frob", "550"],
        ["explain", "--after", "FLY", "550"],
        ["explain", "550", "--lang"],
        ["compare", "235"],
        ["compare", "235", "500", "421"],
        ["parse", "--max-line", "zero"],
        ["parse", "/nonexistent/file"],
        ["parse", "--commands", "/nonexistent/cmds", SAMPLE],
        ["list", "extra"],
        ["explain", "550", "--color=sometimes"],
    ]
    for args in cases:
        rc, out, err = run(args)
        check(rc == 2, "usage error exits 2: %s" % args, (rc, err[:120]))
        check(len(err) > 0, "usage error says why: %s" % args)


def test_explain():
    tab = table()
    check(len(tab) > 100, "list --json gives the table", len(tab))

    rc, out, _ = run(["explain", "550"])
    check(rc == 0, "explain 550 exits 0", rc)
    check(reply_name(tab, 550).encode() in out, "explain 550 prints its name")
    check(b"\x1b[" not in out, "no colour in a pipe")

    for args in (["550", "5.7.26"], ["550 5.7.26"]):
        rc, out, _ = run(["explain", "--json"] + args)
        objs = jsonl(out)
        check(rc == 0 and len(objs) == 1, "explain %s --json: one object" % args,
              (rc, len(objs)))
        o = objs[0]
        check(o["code"] == 550, "explain code", o.get("code"))
        check(o["enhanced"] == "5.7.26", "explain enhanced", o.get("enhanced"))
        check(o["class"] == "5xx", "explain class", o.get("class"))
        check(o["name"] == reply_name(tab, 550), "explain name", o.get("name"))
        check(o["enhanced_name"] == enhanced_name(tab, "5.7.26"),
              "explain enhanced_name", o.get("enhanced_name"))
        check(o["description"] == tab["reply 550"]["description"],
              "explain description is the table's")
        for k in ("when", "fix", "enhanced_description", "enhanced_when",
                  "enhanced_fix", "action", "reason", "action_text",
                  "action_description", "reason_text", "party", "party_text",
                  "class_name", "category_name"):
            check(isinstance(o.get(k), str) and o[k], "explain has %s" % k)
        check(o["action"] == "fail", "550 means fail", o.get("action"))

    rc, out, _ = run(["explain", "--json", "--after", "RCPT",
                      "550 5.1.1 <a@b>: User unknown"])
    o = jsonl(out)[0]
    check(rc == 0, "explain a whole reply exits 0", rc)
    check(o["command"] == "RCPT", "explain --after RCPT", o.get("command"))
    check(o["lines"] == ["<a@b>: User unknown"], "explain reply lines", o.get("lines"))
    check(o["name"] == reply_name(tab, 550, "RCPT"), "contextual name", o.get("name"))
    check(o["enhanced"] == "5.1.1", "enhanced from the reply line")
    check(o["reason"] == "user_unknown", "reason of a user-unknown reply", o.get("reason"))
    check("550 5.1.1" in o["log"], "log line", o.get("log"))
    rc, out, _ = run(["explain", "--after", "RCPT", "550 5.1.1 <a@b>: User unknown"])
    check(rc == 0 and reply_name(tab, 550, "RCPT").encode() in out,
          "explain --after text output")

    rc, out, _ = run(["explain", "--json", "5.7.26"])
    o = jsonl(out)[0]
    check(rc == 0 and o["code"] is None and o["enhanced"] == "5.7.26",
          "explain an enhanced code alone", o)
    check(o["enhanced_name"] == enhanced_name(tab, "5.7.26"), "enhanced alone name")

    rc, out, _ = run(["explain", "--json", "5xx"])
    o = jsonl(out)[0]
    check(rc == 0 and o["name"] == tab["class 5"]["name"], "explain a class", o)

    # Several operands: one object each, in order.
    rc, out, _ = run(["explain", "--json", "250", "421", "5.1.1"])
    objs = jsonl(out)
    check(rc == 0 and [o["input"] for o in objs] == ["250", "421", "5.1.1"],
          "explain several operands", [o.get("input") for o in objs])

    # Not codes: exit 1, still explained.
    for bad in ("999", "hello", "7.7.1", "2506-me"):
        rc, out, _ = run(["explain", bad])
        check(rc == 1 and len(out) > 0, "explain %s exits 1" % bad, rc)
        rc, out, _ = run(["explain", "--json", bad])
        o = jsonl(out)[0]
        check(rc == 1 and "error" in o and o["input"] == bad,
              "explain %s --json error" % bad, o)
    rc, out, _ = run(["explain", "550", "999"])
    check(rc == 1, "one bad operand among good ones exits 1", rc)
    # A word is no number: its description says what it is not (reply code,
    # enhanced code, reply line) in every language; a number out of range
    # keeps the table's "this number" text.
    # (the table's words calling the operand a number)
    number_words = {"en": "This number", "fr": "Ce nombre", "ja": "この数字",
                    "ko": "이 숫자"}
    not_what = {"en": ("reply code", "enhanced status code", "reply line"),
                "fr": ("code de réponse", "code d’état étendu", "ligne de réponse"),
                "ja": ("応答コード", "拡張ステータスコード", "応答行"),
                "ko": ("응답 코드", "확장 상태 코드", "응답 줄")}
    for lang, word in number_words.items():
        for args in (["explain", "foo"], ["explain", "--json", "foo"]):
            rc, out, _ = run(["--lang", lang] + args)
            text = out.decode("utf-8")
            if "--json" in args:
                text = jsonl(out)[0]["description"]
            check(rc == 1 and word not in text and
                  all(w in text for w in not_what[lang]),
                  "explain foo (%s%s): not called a number, says what it is not"
                  % (lang, " json" if "--json" in args else ""), text)
    rc, out, _ = run(["explain", "--json", "999"])
    check("This number" in jsonl(out)[0]["description"],
          "explain 999 keeps the table's 'this number' text", out)

    # A reply pasted from a CRLF capture ("$(sed -n 3p capture.txt)").
    rc, out, _ = run(["explain", "--json", "550 5.1.1 <a@b>: User unknown\r"])
    o = jsonl(out)[0]
    check(rc == 0 and o["flags"] == [] and o["lines"] == ["<a@b>: User unknown"],
          "a trailing CR of a pasted line is a line end", o)
    # The same reply explained and parsed gives the same fields.
    sample = open(SAMPLE, "rb").read()
    parsed = jsonl(run(["parse", "--json", SAMPLE])[1])
    raws = [sample[p["offset"]:p["offset"] + p["length"]].decode("utf-8") for p in parsed]
    rc, out, _ = run(["explain", "--json", "--"] + raws)
    explained = jsonl(out)
    check(rc == 0 and len(explained) == len(parsed), "explain takes whole replies")
    for p, e in zip(parsed, explained):
        same = all(e[k] == p[k] for k in REPLY_KEYS if k not in ("offset", "length"))
        check(same, "explain agrees with parse at %d" % p["offset"],
              [(k, e[k], p[k]) for k in REPLY_KEYS if k in e and e[k] != p[k]])

    # Hostile text in a reply line never reaches the terminal raw.
    rc, out, _ = run(["explain", "550 5.1.1 evil\x1b[2Jtext\x07"])
    check(b"\x1b[2J" not in out and b"\x07" not in out, "escapes are escaped", out)


def test_compare():
    tab = table()
    rc, out, _ = run(["compare", "235", "500"])
    check(rc == 0, "compare 235 500 exits 0", rc)
    for code in (235, 500):
        check(reply_name(tab, code).encode() in out, "compare prints %d's name" % code)
    check(tab["class 2"]["name"].encode() in out and
          tab["class 5"]["name"].encode() in out, "compare prints both classes")
    for field in ("fix", "when", "description"):
        check(tab["reply 500"][field].encode() in out, "compare prints 500's %s" % field)

    rc, out, _ = run(["compare", "--json", "235", "500"])
    objs = jsonl(out)
    check(rc == 0 and len(objs) == 1, "compare --json: one object")
    o = objs[0]
    check(o["a"]["code"] == 235 and o["b"]["code"] == 500, "compare a and b")
    check(o["a"]["class"] == "2xx" and o["b"]["class"] == "5xx", "compare classes")
    check("class" in o["differences"] and "action" in o["differences"],
          "compare differences", o.get("differences"))
    check(o["a"]["action"] == "success" and o["b"]["action"] == "fail",
          "compare actions", (o["a"].get("action"), o["b"].get("action")))
    check(o["b"]["fix"] == tab["reply 500"]["fix"], "compare fix is the table's")

    rc, out, _ = run(["compare", "--json", "450", "550"])
    o = jsonl(out)[0]
    check(o["a"]["action"] == "retry" and o["b"]["action"] == "fail",
          "transient vs permanent", (o["a"].get("action"), o["b"].get("action")))
    rc, out, _ = run(["compare", "--json", "550 5.1.1", "5.7.1"])
    check(rc == 0, "compare a code pair with an enhanced code", rc)
    rc, out, _ = run(["compare", "--json", "550", "5.7.1"])
    o = jsonl(out)[0]
    check(rc == 0 and o["a"]["code"] == 550 and o["b"]["enhanced"] == "5.7.1",
          "compare a code with an enhanced code", o)
    rc, out, _ = run(["compare", "--json", "550", "5.1.1", "550", "5.7.1"])
    o = jsonl(out)[0]
    check(rc == 0 and o["a"]["enhanced"] == "5.1.1" and o["b"]["enhanced"] == "5.7.1",
          "compare two pairs", o)
    rc, out, _ = run(["compare", "235", "999"])
    check(rc == 1, "compare with a non-code exits 1", rc)


def reconstruct_lines(raw, code, enhanced):
    """Each line's text after the code, separator and a repeated enhanced
    code, as the issue defines "lines"; independent of the library."""
    body = raw.split(b"\n")
    if body and body[-1] == b"":
        body.pop()
    out = []
    for ln in body:
        if ln.endswith(b"\r"):
            ln = ln[:-1]
        if len(ln) >= 3 and ln[:3].isdigit() and (len(ln) == 3 or ln[3:4] in (b" ", b"-")):
            lc = int(ln[:3])
            ln = ln[4:]
            if enhanced and lc == code:
                e = enhanced.encode()
                if ln == e:
                    ln = b""
                elif ln.startswith(e + b" "):
                    ln = ln[len(e) + 1:]
        out.append(ln.decode("utf-8", "replace"))
    return out


def check_stream(objs, data, what):
    """Objects in order, inside the input, not overlapping, and every
    reply's bytes are what its fields say."""
    last_end = 0
    ok = True
    for o in objs:
        off, n = o["offset"], o["length"]
        if off < last_end or off + n > len(data) or n <= 0:
            ok = False
            print("  bad span", o, last_end, len(data))
            break
        last_end = off + n
        if "error" in o:
            if sorted(o) != sorted(ERROR_KEYS):
                ok = False
                print("  error keys", o)
            continue
        raw = data[off:off + n]
        if not (raw[:3] == str(o["code"]).encode() or
                "code_mismatch" in o["flags"]):
            ok = False
            print("  code", o, raw[:20])
        if not raw.endswith(b"\n"):
            ok = False
            print("  reply does not end a line", o)
        if o["lines"] != reconstruct_lines(raw, o["code"], o["enhanced"]):
            if "codeless_line" not in o["flags"] and "code_mismatch" not in o["flags"]:
                ok = False
                print("  lines", o["lines"], reconstruct_lines(raw, o["code"], o["enhanced"]))
    check(ok, what)


def test_parse_fields():
    tab = table()
    data = (b"220 mx.example.com ESMTP\r\n"            # 0
            b"250-mx.example.com\r\n"                  # 26
            b"250-SIZE 1000\r\n"
            b"250 8BITMIME\r\n"
            b"junk line\r\n"
            b"550 5.1.1 <a@b>: User unknown\r\n"
            b"250 2.0.0 bare lf\n"
            b"554 5.7.1 bad \xff\xfe utf8 \x01 ctl \x00 nul \xc3\xa9t\xc3\xa9\r\n"
            b"450-4.2.0 one\r\n450 4.2.0 two\r\n")
    rc, out, err = run(["parse", "--json"], data)
    check(rc == 1, "parse with a non-reply exits 1", (rc, err))
    objs = jsonl(out)
    check(len(objs) == 7, "parse finds 6 replies and 1 error", len(objs))
    if len(objs) != 7:
        return
    for o in objs:
        keys = ERROR_KEYS if "error" in o else REPLY_KEYS
        check(list(o) == keys, "JSON keys in order", list(o))
    # The verdict and how sure the reason is (issue 13).
    uu = [o for o in objs if o.get("code") == 550]
    check(len(uu) == 1 and uu[0].get("verdict") == "suppress" and
          uu[0].get("confidence") == "strong" and
          uu[0].get("evidence") == "enhanced",
          "550 5.1.1 User unknown: verdict suppress, strong, enhanced", uu)
    ok = [o for o in objs if o.get("code") == 250]
    check(ok and all(o.get("verdict") == "none" and o.get("confidence") is None
                     for o in ok), "250: verdict none, no confidence", ok)
    o = objs[0]
    check((o["offset"], o["length"], o["code"], o["enhanced"], o["class"]) ==
          (0, 26, 220, None, "2xx"), "greeting fields", o)
    check(o["lines"] == ["mx.example.com ESMTP"] and o["flags"] == [],
          "greeting lines and flags", o)
    check(o["name"] == reply_name(tab, 220) and o["enhanced_name"] is None,
          "greeting names", o)
    check(o["action"] == "success" and o["reason"] == "none", "greeting action")
    o = objs[1]
    check((o["offset"], o["length"], o["code"]) == (26, 20 + 15 + 14, 250),
          "multiline offset/length", o)
    check(o["lines"] == ["mx.example.com", "SIZE 1000", "8BITMIME"], "multiline lines")
    o = objs[2]
    check(o == {"offset": 75, "length": 11, "error": "bad_code",
                "message": o["message"]} and o["message"], "error object", o)
    o = objs[3]
    check((o["offset"], o["code"], o["enhanced"], o["class"]) == (86, 550, "5.1.1", "5xx"),
          "550 5.1.1 fields", o)
    check(o["lines"] == ["<a@b>: User unknown"], "enhanced code is not in lines", o["lines"])
    check(o["enhanced_name"] == enhanced_name(tab, "5.1.1"), "enhanced_name", o)
    check(o["action"] == "fail", "550 fails")
    check(o["log"].startswith("550 5.1.1 "), "log field", o["log"])
    o = objs[4]
    check(o["flags"] == ["bare_lf"] and o["lines"] == ["bare lf"], "bare LF flag", o)
    o = objs[5]
    check(o["lines"] == ["bad \ufffd\ufffd utf8 \x01 ctl \x00 nul \u00e9t\u00e9"],
          "invalid UTF-8 becomes U+FFFD, controls escaped", o["lines"])
    for f in ("eight_bit", "invalid_utf8", "control", "nul"):
        check(f in o["flags"], "flag %s" % f, o["flags"])
    check("\\u0001" in out.decode() and "\\u0000" in out.decode(),
          "control bytes are \\u escapes")
    check("\\r" not in o["log"] and "\x01" not in o["log"], "log is escaped", o["log"])
    o = objs[6]
    check(o["code"] == 450 and o["enhanced"] == "4.2.0" and o["lines"] == ["one", "two"]
          and o["action"] == "retry", "multiline 450", o)
    check_stream(objs, data, "parse stream invariants")

    # All good input exits 0.
    rc, out, _ = run(["parse", "--json"], b"220 ok\r\n250 ok\r\n\r\n")
    check(rc == 0 and len(jsonl(out)) == 2, "clean input exits 0; trailing empty line ok", rc)
    # A reply cut off at the end of input is not a reply.
    rc, out, _ = run(["parse", "--json"], b"220 ok\r\n250-more\r\n250 cut")
    objs = jsonl(out)
    check(rc == 1 and objs[-1].get("error") == "incomplete" and objs[-1]["offset"] == 8
          and objs[-1]["length"] == 17, "truncated reply at EOF", objs[-1:])
    # Text output has the same replies.
    rc, out, _ = run(["parse"], data)
    lines = out.decode().splitlines()
    check(rc == 1 and len(lines) == 7, "text output: one line per reply or error", len(lines))
    check("550 5.1.1" in lines[3] and "User unknown" in lines[3], "text line", lines[3:4])
    check("\x00" not in out.decode() and "\\x01" in out.decode(), "text output escapes")


def test_parse_options():
    tab = table()
    data = b"250 2.1.5 Ok\r\n550 5.1.1 no such user\r\n"
    rc, out, _ = run(["parse", "--json", "--after", "RCPT"], data)
    objs = jsonl(out)
    check(objs[1]["name"] == reply_name(tab, 550, "RCPT"), "--after RCPT names", objs[1])
    with tempfile.NamedTemporaryFile("w", suffix=".cmds", delete=False) as f:
        f.write("MAIL\n# a comment\nRCPT\n")
        cmds = f.name
    try:
        rc, out, _ = run(["parse", "--json", "--commands", cmds], data)
        objs = jsonl(out)
        check(objs[1]["name"] == reply_name(tab, 550, "RCPT"), "--commands", objs[1])
    finally:
        os.unlink(cmds)
    # --strict: tolerances become errors.
    rc, out, _ = run(["parse", "--json", "--strict"], b"250 bare\n250 ok\r\n")
    objs = jsonl(out)
    check(rc == 1 and objs[0].get("error") == "rejected" and objs[1].get("code") == 250,
          "--strict rejects bare LF", objs)
    rc, out, _ = run(["parse", "--json"], b"250 bare\n250 ok\r\n")
    check(rc == 0, "without --strict bare LF is fine", rc)
    # Limits.
    rc, out, _ = run(["parse", "--json", "--max-line", "20"],
                     b"250 " + b"x" * 100 + b"\r\n250 ok\r\n")
    objs = jsonl(out)
    check(rc == 1 and objs[0].get("error") == "line_too_long" and objs[0]["length"] == 106
          and objs[1]["offset"] == 106, "--max-line", objs)
    # Several files: offsets per file, a "file" field.
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
        open(a, "wb").write(b"220 a\r\n")
        open(b, "wb").write(b"221 b\r\n")
        rc, out, _ = run(["parse", "--json", a, "-", b], b"250 stdin\r\n")
        objs = jsonl(out)
        check(rc == 0 and [(o["file"], o["offset"], o["code"]) for o in objs] ==
              [(a, 0, 220), ("-", 0, 250), (b, 0, 221)], "several inputs", objs)
        rc, out, _ = run(["parse", a, "/nonexistent"])
        check(rc == 2 and b"220" in out, "a missing file exits 2 after the others", rc)
    # Languages: --lang changes the names; JSON ignores LANG unless --lang.
    langs = run(["--version"])[1].decode()
    if " fr" in langs:
        fr = table("fr")
        rc, out, _ = run(["parse", "--json", "--lang", "fr"], b"550 5.1.1 x\r\n")
        check(jsonl(out)[0]["name"] == fr["reply 550"]["name"], "parse --lang fr")
        rc, out, _ = run(["parse", "--json"], b"550 5.1.1 x\r\n", env={"LANG": "fr_FR.UTF-8"})
        check(jsonl(out)[0]["name"] == tab["reply 550"]["name"], "JSON stays English under LANG")
        rc, out, _ = run(["explain", "550"], env={"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US"})
        check(fr["reply 550"]["name"].encode() in out, "text follows LC_ALL")
        rc, out, _ = run(["explain", "550"], env={"LC_MESSAGES": "fr", "LANG": "en_US"})
        check(fr["reply 550"]["name"].encode() in out, "text follows LC_MESSAGES")
        rc, out, _ = run(["compare", "235", "500", "--lang", "fr"])
        check(rc == 0 and fr["reply 500"]["fix"].encode() in out, "compare --lang fr")
        out.decode("utf-8")
    for lang in ("ko", "ja"):
        if (" " + lang) in langs:
            rc, out, _ = run(["compare", "235", "500", "--lang", lang])
            loc = table(lang)
            check(rc == 0 and loc["reply 500"]["name"].encode() in out,
                  "compare --lang %s" % lang)
            out.decode("utf-8")
    rc, out, err = run(["explain", "550", "--lang", "xx"])
    check(rc == 0 and tab["reply 550"]["name"].encode() in out and err,
          "unknown language falls back to English with a note")


def test_colour():
    rc, out, _ = run(["explain", "550", "--color=always"])
    check(b"\x1b[" in out, "--color=always colours")
    rc, out, _ = run(["explain", "550", "--color=always"], env={"NO_COLOR": "1"})
    check(b"\x1b[" not in out, "NO_COLOR wins")
    rc, out, _ = run(["parse", "--json", "--color=always"], b"220 x\r\n")
    check(b"\x1b[" not in out, "never colour in JSON")
    # Progress never goes into a pipe.
    big = b"250 ok\r\n" * 200000
    rc, out, err = run(["parse", "--summary"], big)
    check(rc == 0 and err == b"", "no progress on a pipe", err[:80])


def tty_run(args, stdout_tty=True, cols=50, feed=None, env=None):
    """Runs with a pseudo-terminal as standard error (and standard output
    when stdout_tty); feed(pipe) writes standard input. Returns
    (rc, terminal bytes, piped stdout bytes)."""
    import fcntl
    import pty
    import struct
    import termios
    m, s = pty.openpty()
    fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    e = dict(os.environ)
    for k in ("NO_COLOR", "SMTPREPLY_CHUNK", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS"):
        e.pop(k, None)
    e.update(env or {})
    p = subprocess.Popen([BIN] + args, stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
                         stdout=s if stdout_tty else subprocess.PIPE, stderr=s, env=e)
    os.close(s)
    term = []

    def reader():
        while True:
            try:
                d = os.read(m, 65536)
            except OSError:
                break
            if not d:
                break
            term.append(d)
    th = threading.Thread(target=reader)
    th.start()
    piped = []
    if not stdout_tty:
        th2 = threading.Thread(target=lambda: piped.append(p.stdout.read()))
        th2.start()
    if feed:
        feed(p.stdin)
        p.stdin.close()
    p.wait()
    if not stdout_tty:
        th2.join()
    th.join(5)
    os.close(m)
    return p.returncode, b"".join(term), b"".join(piped)


def display_width(text):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_terminal():
    langs = run(["--version"])[1].decode().split()
    for lang in ("en", "fr", "ja", "ko"):
        if lang not in langs:
            continue
        rc, term, _ = tty_run(["explain", "550", "5.7.26", "--lang", lang,
                               "--color=never"])
        text = term.decode("utf-8").replace("\r\n", "\n")
        long_lines = [l for l in text.splitlines()
                      if display_width(l) > 50 and " " in l.strip() and
                      not l.startswith("550") and not l.startswith("5.7") and
                      not l.strip().startswith("(")]
        check(rc == 0 and len(text) > 200, "explain on a terminal (%s)" % lang)
        check(not long_lines, "text wrapped to the terminal (%s)" % lang, long_lines[:2])
    rc, term, _ = tty_run(["explain", "550"])
    check(b"\x1b[" in term, "colour on a terminal")
    rc, term, _ = tty_run(["explain", "550"], env={"NO_COLOR": "1"})
    check(b"\x1b[" not in term, "NO_COLOR on a terminal")

    # Progress: on the terminal (standard error) while output goes to a
    # pipe, for an input that takes a while; never in the output.
    def slow(pipe):
        chunk = open(SAMPLE, "rb").read() * 200
        for _ in range(8):
            pipe.write(chunk)
            pipe.flush()
            time.sleep(0.1)
    rc, term, piped = tty_run(["parse", "--json"], stdout_tty=False, feed=slow)
    per_copy = len(jsonl(run(["parse", "--json", SAMPLE])[1]))
    check(rc == 0 and b"replies" in term and (b"MiB" in term or b"KiB" in term),
          "progress on a terminal", term[-200:])
    check(b"replies," not in piped and len(jsonl(piped)) == 8 * 200 * per_copy,
          "progress stays out of the output", len(piped))
    rc, term, piped = tty_run(["parse", "--json", "--no-progress"], stdout_tty=False,
                              feed=slow)
    check(term == b"", "--no-progress", term[:100])

    # parse's table on a terminal: a header row once, every row cut to the
    # width with an ellipsis (never wrapped); into a pipe, whole rows.
    data = open(SAMPLE, "rb").read()
    for lang, label in (("en", "Offset"), ("ja", "\u4f4d\u7f6e")):
        for cols in (40, 100):
            rc, term, _ = tty_run(["parse", "--lang", lang, "--color=always"],
                                  cols=cols, feed=lambda p: p.write(data))
            text = term.decode("utf-8").replace("\r\n", "\n")
            plain = re.sub("\x1b\\[[0-9;]*m", "", text)
            lines = [l for l in plain.split("\n") if l]
            wide = [l for l in lines if display_width(l) > cols]
            check(rc == 0 and lines and lines[0].startswith(label) and
                  sum(l.startswith(label) for l in lines) == 1,
                  "parse header row on a terminal (%s, %d)" % (lang, cols), lines[:2])
            check(not wide, "parse rows fit %d columns (%s)" % (cols, lang), wide[:2])
            check(any(l.endswith("\u2026") for l in lines[1:]),
                  "cut rows end with an ellipsis (%s, %d)" % (lang, cols), lines[1:3])
            check(text.rstrip().endswith("\x1b[0m"),
                  "styles closed after a cut (%s, %d)" % (lang, cols), text[-40:])
    rc, out, _ = run(["parse"], data)
    rows = out.decode().splitlines()
    check(rc == 0 and not rows[0].startswith("Offset") and
          any(len(l) > 100 for l in rows) and "\u2026" not in out.decode(),
          "no header and whole rows into a pipe", rows[:1])


def test_chunk_boundary():
    # A multiline reply across the default 64 KiB read buffer boundary.
    pad = b"250 pad\r\n"
    head = pad * (65536 // len(pad) - 1)
    data = head + b"220-one\r\n220-two\r\n220 three\r\n" + pad * 3
    rc, out, _ = run(["parse", "--json"], data)
    objs = jsonl(out)
    ml = [o for o in objs if o["code"] == 220]
    check(rc == 0 and len(ml) == 1 and ml[0]["offset"] == len(head) and
          ml[0]["lines"] == ["one", "two", "three"] and
          ml[0]["offset"] < 65536 < ml[0]["offset"] + ml[0]["length"],
          "reply split across the 64 KiB read", ml)
    check_stream(objs, data, "boundary stream invariants")
    # Every split: tiny read sizes give the same output.
    sample = open(SAMPLE, "rb").read() + b"garbage\r\n" + b"x" * 5000 + b"\r\n" + \
        b"250-a\n250 b\r\n" + b"550 " + b"y" * 9000 + b"\r\n221 bye\r\n"
    ref = run(["parse", "--json"], sample)
    for chunk in (1, 2, 3, 5, 7, 64, 4095, 4097):
        got = run(["parse", "--json"], sample, env={"SMTPREPLY_CHUNK": str(chunk)})
        check(got == ref, "read size %d gives the same result" % chunk)
    objs = jsonl(ref[1])
    check_stream(objs, sample, "overlong lines are skipped exactly")
    errs = [o for o in objs if "error" in o]
    check([e["error"] for e in errs] == ["bad_code", "line_too_long", "line_too_long"],
          "overlong line errors", errs)
    # Logs whose record names its recipient on a line above (dma's "<a@b>
    # trying delivery" five lines up, nullmailer's "From: <s> to: <a@b>"):
    # the lines above stay in the reader's buffer when it moves it
    # (read_open.c reader_fill keeps the look-back), so every read size
    # gives the same records (before: some without their recipient).
    for mta in ("dma", "dma-more", "nullmailer", "nullmailer-more"):
        path = os.path.join(ROOT, "tests", "data", "bounces", mta, "mail.log")
        if not os.path.exists(path):
            continue
        data = open(path, "rb").read()
        ref = run(["parse", "--json", "--input", "log"], data)
        check(ref[0] == 0 and b'"recipient":null' not in ref[1],
              "%s log: every record with its recipient" % mta)
        for chunk in (1, 7, 100, 1000):
            got = run(["parse", "--json", "--input", "log"], data,
                      env={"SMTPREPLY_CHUNK": str(chunk)})
            check(got == ref, "%s log: read size %d gives the same result" % (mta, chunk))


def test_captures():
    if not os.path.isdir(CAPTURES):
        return
    tab = table()
    for name in sorted(os.listdir(CAPTURES)):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(CAPTURES, name)
        data = open(path, "rb").read()
        cmds_path = path[:-4] + ".cmds"
        args = ["parse", "--json", path]
        cmds = None
        if os.path.exists(cmds_path):
            args += ["--commands", cmds_path]
            cmds = [l.strip() for l in open(cmds_path) if l.strip() and not l.startswith("#")]
        rc, out, err = run(args)
        objs = jsonl(out)
        check_stream(objs, data, "capture %s: fields match the bytes" % name)
        replies = [o for o in objs if "error" not in o]
        check(rc == (1 if len(replies) != len(objs) else 0), "capture %s exit" % name, rc)
        if cmds is not None:
            check(len(replies) == len(cmds), "capture %s: one reply per command" % name,
                  (len(replies), len(cmds)))
            for o, c in zip(replies, cmds):
                want = reply_name(tab, o["code"], c.upper())
                if want is not None and o["name"] != want:
                    check(False, "capture %s: contextual name at %d" % (name, o["offset"]),
                          (o["name"], want))
                    break
        for o in replies:
            if not (o["enhanced"] is None or
                    o["enhanced"].split(".")[0] == str(o["code"])[0]):
                check(False, "capture %s: enhanced class" % name, o)
                break


def test_stats():
    data = open(SAMPLE, "rb").read() + b"junk\r\n"
    rc, out, _ = run(["parse", "--json"], data)
    objs = jsonl(out)
    replies = [o for o in objs if "error" not in o]
    rc1, out, _ = run(["stats", "--json"], data)
    rc2, out2, _ = run(["parse", "--summary", "--json"], data)
    check(rc1 == 1 and out == out2, "stats = parse --summary", (rc1, rc2))
    s = jsonl(out)
    check(len(s) == 1, "one summary object")
    s = s[0]
    check(s["replies"] == len(replies) and s["errors"] == 1 and s["bytes"] == len(data),
          "summary totals", s)
    by_code = {}
    for o in replies:
        by_code["%03d" % o["code"]] = by_code.get("%03d" % o["code"], 0) + 1
    check(s["code"] == by_code, "summary by code", s["code"])
    by_reason = {}
    for o in replies:
        by_reason[o["reason"]] = by_reason.get(o["reason"], 0) + 1
    check(s["reason"] == by_reason, "summary by reason", (s["reason"], by_reason))
    rc, out, _ = run(["stats"], data)
    check(rc == 1 and b"550" in out and b"\x1b[" not in out, "stats text")


def test_list():
    rc, out, _ = run(["list", "--json"])
    objs = jsonl(out)
    check(rc == 0 and len(objs) > 100, "list --json", len(objs))
    rc, text, _ = run(["list"])
    check(rc == 0 and len(text.decode().splitlines()) == len(objs), "list text: a line each")
    rc, out, _ = run(["list", "--codes", "--json"])
    codes = jsonl(out)
    check(codes and all(o["kind"] == "reply" and isinstance(o["code"], int) for o in codes),
          "list --codes")
    rc, out, _ = run(["list", "--enhanced", "--json"])
    enh = jsonl(out)
    check(enh and all(o["kind"].startswith("enhanced") for o in enh), "list --enhanced")
    check(len(codes) + len(enh) < len(objs), "filters select parts")
    rc, out, _ = run(["list", "-v", "--codes"])
    check(rc == 0 and codes[0]["description"].encode() in out, "list -v")


def test_garbage():
    rnd = random.Random(4)
    data = bytes(rnd.getrandbits(8) for _ in range(300000))
    data += b"\r\n".join(bytes(rnd.choice(b"0123456789 -\r\n.") for _ in range(40))
                         for _ in range(3000))
    for extra in ([], ["--strict"], ["--max-line", "7"]):
        rc, out, err = run(["parse", "--json"] + extra, data)
        check(rc == 1, "garbage %s exits 1" % extra, (rc, err[-200:]))
        objs = jsonl(out)
        check(any("error" in o for o in objs), "garbage errors reported")
        check_stream(objs, data, "garbage %s: spans and fields" % extra)
    rc, out, err = run(["parse"], data)
    check(rc == 1 and out.decode("utf-8") is not None, "garbage text output is UTF-8")
    rc, out, err = run(["stats"], data)
    check(rc == 1, "garbage stats", rc)
    rc, out, err = run(["parse", "--json"], b"")
    check(rc == 0 and out == b"", "empty input", (rc, out))


def test_big_input():
    """Several hundred megabytes through a pipe, measured peak RSS."""
    total_mb = 200 if SAN else 400
    sample = open(SAMPLE, "rb").read() + b"not a reply\r\n"
    block = sample * (1048576 // len(sample))
    block += b"\r\n" * ((1048576 - len(block)) // 2)
    assert len(block) == 1048576, len(block)
    e = dict(os.environ)
    e.pop("SMTPREPLY_CHUNK", None)
    t0 = time.time()
    p = subprocess.Popen([BIN, "parse", "--summary", "--json"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    result = {}

    def reader():
        result["out"] = p.stdout.read()
        result["err"] = p.stderr.read()
    th = threading.Thread(target=reader)
    th.start()
    hwm = 0
    for i in range(total_mb):
        p.stdin.write(block)
        if i % 16 == 15 or i == total_mb - 1:
            p.stdin.flush()
            try:
                with open("/proc/%d/status" % p.pid) as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            hwm = max(hwm, int(line.split()[1]))
            except OSError:
                pass
    p.stdin.close()
    th.join()
    p.wait()
    secs = time.time() - t0
    s = json.loads(result["out"].decode())
    per_block = len(jsonl(run(["parse", "--json"], block)[1]))
    nerr = sample.count(b"not a reply")
    check(p.returncode == 1, "big input exits 1 (it has non-replies)", p.returncode)
    check(s["bytes"] == total_mb * 1048576, "big input: every byte read", s["bytes"])
    check(s["replies"] + s["errors"] == per_block * total_mb,
          "big input: same count as the block times %d" % total_mb,
          (s["replies"], s["errors"], per_block))
    limit = 64 * 1024 if SAN else 8 * 1024
    if hwm:
        check(hwm < limit, "big input peak RSS %d kB < %d kB" % (hwm, limit), hwm)
    print("big input: %d MiB through a pipe in %.1f s, peak RSS (VmHWM) %d kB, "
          "%d replies" % (total_mb, secs, hwm, s["replies"]))
    del nerr


def test_readloop_streams():
    # tests/readloop: oversized replies, endless lines and junk never
    # desynchronise `smtpreply parse`: exactly the good replies listed, in
    # order, whatever the read size; nothing of a failed reply comes back
    # as a reply of its own.
    sys.path.insert(0, os.path.join(ROOT, "tests", "readloop"))
    import readloop
    streams = readloop.load_all()
    check(len(streams) > 0, "read-loop streams found")
    for s in streams:
        if "reject" in s.opts:
            continue  # the CLI has --strict, not single flags
        data = s.data
        for size in s.buffers:
            args = ["parse", "--json", "--max-reply", str(size)]
            if s.opts.get("strict"):
                args.append("--strict")
            for k in ("max_line", "max_lines"):
                if k in s.opts:
                    args += ["--" + k.replace("_", "-"), str(s.opts[k])]
            for chunk in (7, 4096):
                rc, out, err = run(args, data, env={"SMTPREPLY_CHUNK": str(chunk)})
                objs = jsonl(out)
                got = [(o["code"], len(o["lines"]), o["lines"]) for o in objs if "error" not in o]
                want = [w for w in s.want if not w.failed]
                ok = len(got) == len(want) and all(
                    g[0] == w.code and g[1] == w.nlines and
                    (w.lines is None or g[2] == [t.decode("utf-8") for t in w.lines])
                    for g, w in zip(got, want))
                check(ok and rc == (1 if len(want) < len(s.want) or len(objs) > len(got) else 0),
                      "read-loop stream %r, max-reply %d, reads of %d" % (s.name, size, chunk),
                      (rc, [g[:2] for g in got][:12], want[:12], err[:200]))
                check_stream(objs, data, "read-loop stream %r spans" % s.name)


def test_escape_parity():
    """Text output escapes what smtpreply_format escapes, and nothing else:
    the text of each reply line in `parse` equals its `log` field."""
    cps = list(range(1, 0x20)) + [0x7f] + list(range(0x80, 0xa0)) + [
        0x61c, 0x200e, 0x200f, 0x2028, 0x2029] + list(range(0x202a, 0x202f)) + \
        list(range(0x2066, 0x206a)) + [0xe9, 0xa0, 0x202f, 0x4e2d, 0xac00,
                                       0x200b, 0x1f600, ord("\\")]
    cps = [c for c in cps if c not in (0x0a, 0x0d)]
    data = b"".join(b"550 a" + chr(c).encode("utf-8") + b"b\r\n" for c in cps)
    data += b"550 a\xffb\r\n550 a\xe2\x80b\r\n"  # invalid UTF-8
    rc, text, _ = run(["parse", "--color=never", "-"], data=data)
    rc2, js, _ = run(["parse", "--json", "-"], data=data)
    objs = jsonl(js)
    lines = text.decode("utf-8").splitlines()
    check(len(lines) == len(objs) == len(cps) + 2, "escape parity: one line each",
          (len(lines), len(objs)))
    for line, o in zip(lines, objs):
        shown = line.split(" | ", 1)[1].split("  [")[0]
        logged = o["log"][4:]
        check(shown == logged, "text escapes as smtpreply_format does",
              (shown, logged))
        check(all(ord(ch) >= 0x20 and not (0x7f <= ord(ch) < 0xa0) and
                  ord(ch) not in (0x61c, 0x200e, 0x200f, 0x2028, 0x2029) and
                  not (0x202a <= ord(ch) <= 0x202e) and
                  not (0x2066 <= ord(ch) <= 0x2069) for ch in line),
              "no hostile code point reaches the terminal", repr(line))
    # JSON keeps the exact data, hostile code points as \\u escapes.
    check(objs[cps.index(0x202e)]["lines"] == ["a\u202eb"] and
          "\\u202e" in js.decode(), "JSON: exact data, U+202E escaped")


def test_cli_words():
    """Plurals, the shared options before the command, stats' own help."""
    rc, out, _ = run(["stats", "-"], data=b"250 ok\r\n")
    check(rc == 0 and out.startswith(b"1 reply in 8 bytes\n"), "1 reply, singular",
          out[:40])
    rc, out, _ = run(["stats", "-"], data=b"x\r\n")
    check(b"1 not a reply" in out and b"0 replies" in out, "plural of 0, singular of 1",
          out[:60])
    rc, out, _ = run(["--lang", "ko", "explain", "550"])
    rc2, out2, _ = run(["explain", "550", "--lang", "ko"])
    check(rc == 0 and out == out2, "common options before the subcommand")
    rc, out, _ = run(["--json", "explain", "550"])
    check(rc == 0 and jsonl(out)[0]["code"] == 550, "--json before the subcommand")
    rc, _, err = run(["--bogus", "explain", "550"])
    check(rc == 2 and b"--bogus" in err, "unknown option before the command", err)
    rc, p, _ = run(["parse", "--help"])
    rc2, s, _ = run(["stats", "--help"])
    check(rc == rc2 == 0 and p != s and s.startswith(b"Usage: smtpreply stats"),
          "stats --help has its own text")
    rc, out, _ = run(["explain", "--lang", "fr", "550"])
    check("\u00a0:" in out.decode() and "Échec :" not in out.decode().replace("\u00a0", "~"),
          "French join takes a no-break space")


def test_inputs():
    """Logs, bounces, transcripts: detected per file, one record each."""
    d = os.path.join(ROOT, "tests", "data", "extract")
    rc, out, _ = run(["parse", "--json", os.path.join(d, "mixed-mta.log")])
    objs = jsonl(out)
    check(rc == 0 and len(objs) == 12, "log: 12 records", (rc, len(objs)))
    first = objs[0]
    check(first["source"] == "postfix" and first["command"] == "RCPT" and
          first["recipient"] == "a@b.c" and first["host"] == "mx.b.c[1.2.3.4]" and
          first["code"] == 550 and first["reason"] == "user_unknown" and
          first["verdict"] == "suppress", "log: postfix fields", first)
    timeout = [o for o in objs if o["code"] is None]
    check(len(timeout) == 3 and "timed out" in timeout[0]["problem"] and
          "lost connection" in timeout[1]["problem"],
          "log: failures without a reply", timeout)
    got = [(o["action"], o["reason"], o["verdict"]) for o in timeout]
    check(got == [("retry", "network", "retry"), ("retry", "network", "retry"),
                  ("fail", "user_unknown", "suppress")],
          "log: the time-outs are network failures (retry), Sendmail's "
          "'stat=User unknown' with dsn=5.1.1 an unknown user", got)
    rc, out, _ = run(["stats", "--json", os.path.join(d, "mixed-mta.log")])
    st = json.loads(out)
    check(st["no_reply"] == 3 and st["reason"].get("network") == 2 and
          sum(st["reason"].values()) == st["replies"] + 3,
          "stats: failures without a reply counted by reason", st)
    # a line naming several recipients: a record for each, at the line's
    # offset, whatever the read size (the position stops inside the line)
    want = [("ann@example.net", 210), ("bob@example.net", 210), ("cy@example.net", 210),
            ("dee@example.org", 486), ("eve@example.org", 681), ("fay@example.org", 681),
            ("gus@example.info", 930), ("hal@example.info", 930)]
    for chunk in (None, 7, 64, 300):
        env = {"SMTPREPLY_CHUNK": str(chunk)} if chunk else None
        rc, out, _ = run(["parse", "--json", os.path.join(d, "sendmail-recipients.log")],
                         env=env)
        got = [(o["recipient"], o["offset"]) for o in jsonl(out)]
        check(rc == 0 and got == want,
              "Sendmail to=<a>,<b>,<c>: one record per recipient (read size %s)" % chunk,
              got)
    rc, out, _ = run(["stats", "--json", os.path.join(d, "sendmail-recipients.log")])
    st = json.loads(out)
    check(st["replies"] == 5 and st["no_reply"] == 3 and
          st["domain"] == {"example.net": 3, "example.org": 3, "example.info": 2},
          "stats: each recipient of a Sendmail line counted", st)
    # an Exchange message tracking log
    rc, out, _ = run(["parse", "--json", os.path.join(d, "exchange-tracking.log")])
    objs = jsonl(out)
    check(rc == 0 and [o["recipient"] for o in objs] ==
          ["nobody@example.org", "carol@example.com", "dave@example.info", "erin@example.com",
           "frank@example.org", "grace@example.org", "heidi@example.biz"] and
          all(o["source"] == "exchange" for o in objs) and
          [o["code"] for o in objs] == [550, 550, 451, 550, 550, 552, 554],
          "Exchange tracking log: FAIL and DEFER events, one record per recipient",
          [(o.get("recipient"), o.get("code")) for o in objs])
    check(objs[2]["host"] == "mx2.example.info" and objs[2]["reason"] == "greylisted" and
          objs[0]["reason"] == "user_unknown", "Exchange: host from {FQDN=}, reasons",
          objs[2])
    rc, out, _ = run(["stats", "--json", os.path.join(d, "exchange-tracking.log")])
    st = json.loads(out)
    check(rc == 0 and st["replies"] == 7 and st["reason"].get("user_unknown") == 2 and
          st["domain"].get("example.org") == 3 and st["code"].get("550") == 4,
          "stats on an Exchange tracking log", st)
    rc, out, _ = run(["parse", "--json", "--input", "log", os.path.join(d, "swaks.txt")])
    check(rc == 1 and out == b"", "--input log on a transcript finds nothing", (rc, out[:80]))
    # A log whose first chunk (64 KiB) holds no failure is still a log (it
    # was read as raw bytes: every line a bad_code error, the failures
    # after the chunk unseen).
    log = open(os.path.join(ROOT, "tests", "data", "bounces", "postfix", "mail.log"),
               "rb").read()
    sent = [l for l in log.split(b"\n") if b"status=sent" in l]
    ok_log = b"\n".join(sent * (70000 // len(b"\n".join(sent)) + 1)) + b"\n"
    rc, out, _ = run(["parse", "--json", "-"], data=ok_log + log)
    objs = jsonl(out)
    check(len(ok_log) > 65536 and rc == 0 and len(objs) == 14 and
          all("error" not in o for o in objs) and objs[0]["recipient"] == "unknown@refuse.test",
          "a log that starts with 64 KiB of successful deliveries: its 14 failures",
          (rc, len(objs), objs[:1]))
    rc, out, _ = run(["stats", "--json", "-"], data=ok_log)
    st = json.loads(out)
    check(rc == 1 and st["replies"] == 0 and st["errors"] == 0,
          "a log of successful deliveries only: no failure, no 'not a reply' (exit 1: none found)",
          (rc, st))
    rc, out, _ = run(["parse", "--json", os.path.join(d, "swaks.txt")])
    objs = jsonl(out)
    check([o["command"] for o in objs] == ["GREETING", "EHLO", "MAIL", "RCPT", "QUIT"],
          "transcript: commands", [o["command"] for o in objs])
    # a Maildir of bounces: one line per failed recipient
    with tempfile.TemporaryDirectory() as md:
        for sub in ("cur", "new", "tmp"):
            os.mkdir(os.path.join(md, sub))
        for name in ("postfix-dsn.eml", "exim-text.eml", "yahoo-qmail.eml"):
            with open(os.path.join(d, name), "rb") as src:
                open(os.path.join(md, "new", name), "wb").write(src.read())
        open(os.path.join(md, "tmp", "half"), "wb").write(b"From: x\n")
        rc, out, _ = run(["parse", "--json", md])
        objs = jsonl(out)
        check(rc == 0 and len(objs) == 3 and all(o["verdict"] == "suppress" for o in objs),
              "Maildir: three suppress records", [(o.get("file"), o.get("verdict")) for o in objs])
        dsn = [o for o in objs if o["source"] == "dsn"]
        check(len(dsn) == 1 and dsn[0]["dsn_status"] == "5.1.1" and
              dsn[0]["dsn_action"] == "failed" and dsn[0]["command"] == "RCPT" and
              len(dsn[0]["lines"]) == 4, "DSN record fields", dsn)
        rc2, out2, _ = run(["bounce", "--json", md])
        check(rc2 == 0 and out2 == out, "bounce = parse on a Maildir")
        rc2, out2, _ = run(["bounce", "--json", md + "/"])
        files = [o.get("file", "") for o in jsonl(out2)]
        check(rc2 == 0 and len(files) == 3 and
              all(f.startswith(md + "/new/") and "//" not in f for f in files),
              "a Maildir named with its trailing slash: no '//' in the file names", files)
        rc, out, _ = run(["stats", "--json", md])
        s = json.loads(out)
        check(s["domain"] == {"gmail.com": 2, "example.net": 1} and
              s["verdict"].get("suppress") == 3, "stats: by domain and verdict", s.get("domain"))
    # an mbox of two bounces
    mbox = b""
    for name in ("postfix-dsn.eml", "yahoo-qmail.eml"):
        body = open(os.path.join(d, name), "rb").read()
        if not body.startswith(b"From "):
            body = b"From MAILER-DAEMON Fri Jan 12 10:00:01 2024\n" + body
        mbox += body + b"\n"
    rc, out, _ = run(["parse", "--json", "-"], data=mbox)
    check(rc == 0 and [o["recipient"] for o in jsonl(out)] == ["x@gmail.com", "nobody@example.net"],
          "mbox: two messages", out[:200])
    # a pasted reply with LF line ends: no bare_lf
    rc, out, _ = run(["parse", "--json", "-"], data=b"550-5.7.1 a\n550 5.7.1 b\n")
    o = jsonl(out)[0]
    check(o["flags"] == [] and o["lines"] == ["a", "b"], "pasted reply: no bare_lf", o)
    rc, _, err = run(["parse", "--input", "nonsense", "-"], data=b"")
    check(rc == 2 and b"--input" in err, "--input: bad kind is a usage error")


def test_explain_inputs():
    """explain reads standard input, takes log lines, refuses ""."""
    rc, out, _ = run(["explain"], data=b"550 5.1.1 <a@b>: User unknown\n")
    rc2, out2, _ = run(["explain", "550 5.1.1 <a@b>: User unknown"])
    check(rc == rc2 == 0 and out == out2, "echo ... | explain reads stdin")
    rc, out, _ = run(["explain", "-", "--json"], data=b"421 4.7.0 try later\n")
    check(rc == 0 and jsonl(out)[0]["code"] == 421, "explain - reads stdin")
    rc, _, err = run(["explain", ""])
    check(rc == 2 and b"empty" in err, "explain '' is a usage error", err)
    rc, _, err = run(["explain"])
    check(rc == 2, "explain with nothing is a usage error")
    line = ("Jan 12 10:00:01 mx postfix/smtp[12]: 4BC2D1: to=<a@b.c>, relay=mx.b.c"
            "[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx.b.c[192.0.2.1] said: "
            "550 5.1.1 <a@b.c>: Recipient address rejected: User unknown (in reply "
            "to RCPT TO command))")
    rc, out, _ = run(["explain", "--json", line])
    o = jsonl(out)[0]
    check(rc == 0 and o["code"] == 550 and o["reason"] == "user_unknown" and
          o["command"] == "RCPT", "explain a Postfix log line", o.get("code"))


# ---------------------------------------------------------------------------
# The CLI's own words in every language: help texts and diagnostics.
HELP_CMDS = ["explain", "compare", "parse", "stats", "bounce", "list", "site"]
USAGE_WORD = {"fr": "Utilisation\u00a0: smtpreply", "ja": "使い方：smtpreply",
              "ko": "사용법: smtpreply"}
OPTIONS_WORD = {"fr": "\nOptions\u00a0:\n", "ja": "\nオプション：\n", "ko": "\n옵션:\n"}
EXIT_WORD = {"fr": "Code de retour\u00a0:", "ja": "終了ステータス：", "ko": "종료 상태:"}
TRY_WORD = {"fr": "Essayez «\u00a0smtpreply", "ja": "詳しくは「smtpreply",
            "ko": "자세한 내용은 'smtpreply"}
# English words that only English prose uses: one of them outside code
# (quoted examples, option names) means an untranslated sentence.
ENGLISH_WORDS = {"the", "and", "of", "with", "every", "what", "which", "per",
                 "for", "from", "that", "not", "some", "was", "were", "or", "to",
                 "in", "is", "are", "be", "by", "its", "their", "each", "one",
                 "this", "any", "usage", "exit", "status", "see", "try"}


def english_left(text):
    """English prose words left in a translated text, outside code."""
    t = re.sub(r"`[^`]*`|\"[^\"\n]*\"|'[^'\n]*'|「[^」]*」|«\u00a0[^»]*»", " ", text)
    t = re.sub(r"--?[A-Za-z][A-Za-z-]*|smtpreply\(1\)", " ", t)
    return sorted({w for w in re.findall(r"[A-Za-z_]+", t) if w.lower() in ENGLISH_WORDS})


def option_help(text):
    """{option: its help text} from a --help's option table."""
    helps, cur = {}, None
    for line in text.split("\n"):
        m = re.match(r"^  (?:-\w, )?(--[\w-]+)|^      (--[\w-]+)", line)
        if m:
            cur = m.group(1) or m.group(2)
            helps[cur] = line[23:].strip() if len(line) > 23 else ""
        elif cur and line.startswith(" " * 23):
            helps[cur] += " " + line.strip()
        else:
            cur = None
    return helps


def test_cli_i18n():
    """--help and diagnostics follow --lang, then LC_ALL/LC_MESSAGES/LANG."""
    en_help = {}
    for cmd in [None] + HELP_CMDS:
        args = ([cmd] if cmd else []) + ["--help"]
        rc, out, _ = run(args)
        en_help[cmd] = out
        check(rc == 0 and english_left(out.decode()), "English help is English: %s" % cmd)
    for lang in ("fr", "ja", "ko"):
        for cmd in [None] + HELP_CMDS:
            args = ([cmd] if cmd else []) + ["--help", "--lang", lang]
            rc, out, err = run(args)
            text = out.decode()
            what = "%s --help in %s" % (cmd or "smtpreply", lang)
            head = USAGE_WORD[lang] + " " + (cmd if cmd else "[")
            check(rc == 0 and text.startswith(head), what + ": usage line", text[:80])
            check("Usage:" not in text and "Options:" not in text and
                  "Exit status" not in text, what + ": no English heading")
            check(english_left(text) == [], what + ": no English sentence left",
                  english_left(text))
            check(EXIT_WORD[lang] in text if cmd != "list" else True,
                  what + ": exit status translated")
            if cmd:
                check(OPTIONS_WORD[lang] in text, what + ": options heading")
                # every option of the English help is listed, in the same order
                opts = lambda t: re.findall(r"^  (?:-\w, )?(--[\w-]+)|^      (--[\w-]+)", t, re.M)
                check(opts(text) == opts(en_help[cmd].decode()), what + ": same options")
                tr, orig = option_help(text), option_help(en_help[cmd].decode())
                same = [o for o in orig if tr.get(o) == orig[o]]
                check(same == [], what + ": every option's help translated", same)
            # the same text through "help CMD" and with --lang before the command
            rc2, out2, _ = run(["--lang", lang, "help"] + ([cmd] if cmd else []))
            check(rc2 == 0 and out2 == out, what + ": help CMD gives the same text")
        # Usage errors: translated, same exit status as in English.
        cases = [
            (["explain", "--frob", "550"], {"fr": "option inconnue «\u00a0--frob\u00a0»",
                                            "ja": "「--frob」は不明なオプションです",
                                            "ko": "알 수 없는 옵션: '--frob'"}, True),
            (["compare", "235"], {"fr": "donnez deux codes", "ja": "コードを 2 つ指定",
                                  "ko": "코드 두 개를 지정하세요"}, True),
            (["list", "extra"], {"fr": "opérande inattendu «\u00a0extra\u00a0»",
                                 "ja": "余分なオペランド「extra」", "ko": "예상하지 못한 피연산자: 'extra'"},
             True),
            (["parse", "--max-line", "zero"], {"fr": "--max-line attend un nombre de 1 à",
                                               "ja": "--max-line には 1 から",
                                               "ko": "--max-line에는 1부터"}, True),
            (["explain", "--after", "FLY", "550"], {"fr": "commande «\u00a0FLY\u00a0» inconnue",
                                                    "ja": "コマンド「FLY」は不明",
                                                    "ko": "알 수 없는 명령: 'FLY'"}, True),
            (["frobnicate"], {"fr": "commande inconnue «\u00a0frobnicate\u00a0»",
                              "ja": "「frobnicate」というコマンドはありません",
                              "ko": "'frobnicate' 명령은 없습니다"}, True),
            (["parse", "/nonexistent/file"], {"fr": "/nonexistent/file\u00a0: aucun fichier",
                                              "ja": "/nonexistent/file: そのようなファイル",
                                              "ko": "/nonexistent/file: 그런 파일이나"}, False),
            (["site"], {"fr": "où\u00a0?", "ja": "出力先のフォルダー", "ko": "출력할 폴더"}, True),
        ]
        for args, want, hint in cases:
            rc_en, _, err_en = run(args)
            # --lang after the faulty argument: known before parsing starts
            rc, out, err = run(args + ["--lang", lang])
            e = err.decode()
            what = "%s in %s" % (" ".join(args), lang)
            check(rc == rc_en == 2, what + ": exit status 2 as in English", (rc, rc_en))
            check(want[lang] in e, what + ": translated", e)
            check(e.startswith("smtpreply"), what + ": program name first", e)
            check((TRY_WORD[lang] in e) == hint and "Try '" not in e, what + ": hint", e)
            check(english_left(e) == [], what + ": no English left", english_left(e))
            check(err_en.decode() not in e, what + ": not the English message")
    # The environment chooses when --lang is absent; --lang beats it.
    fr_env = {"LANG": "fr_FR.UTF-8"}
    rc, out, _ = run(["explain", "--help"], env=fr_env)
    check(rc == 0 and out.decode().startswith(USAGE_WORD["fr"] + " explain"),
          "LANG=fr_FR.UTF-8: French help", out[:60])
    rc, _, err = run(["explain", "--frob"], env=fr_env)
    check(rc == 2 and "option inconnue" in err.decode() and "Essayez" in err.decode(),
          "LANG=fr_FR.UTF-8: French usage error", err)
    rc, _, err = run(["parse", "--json", "/nonexistent/file"], env=fr_env)
    check(rc == 2 and "aucun fichier" in err.decode(),
          "LANG=fr: diagnostics in French even with --json", err)
    rc, out, _ = run(["--help"], env={"LANG": "fr_FR.UTF-8", "LC_ALL": "ja_JP.UTF-8"})
    check(out.decode().startswith(USAGE_WORD["ja"]), "LC_ALL beats LANG", out[:40])
    rc, out, _ = run(["--help"], env={"LANG": "ko_KR.UTF-8", "LC_MESSAGES": "fr_FR"})
    check(out.decode().startswith(USAGE_WORD["fr"]), "LC_MESSAGES beats LANG", out[:40])
    rc, out, err = run(["explain", "--frob", "--lang", "en"], env=fr_env)
    rc2, out2, err2 = run(["explain", "--frob"])
    check(rc == rc2 == 2 and err == err2, "--lang en beats LANG=fr", err)
    rc, out, _ = run(["-Lko", "list", "--help"], env=fr_env)
    check(out.decode().startswith(USAGE_WORD["ko"] + " list"), "-Lko before the command")
    rc, _, err = run(["explain", "--", "--lang", "fr"], env={"LANG": "C"})
    check(rc == 1 and err == b"", "after --, --lang is an operand")


def test_help_keys():
    """parse --help and stats --help name every JSON key the command writes."""
    d = os.path.join(ROOT, "tests", "data", "extract")
    rc, out, _ = run(["parse", "--json", os.path.join(d, "mixed-mta.log"),
                      os.path.join(d, "swaks.txt")], data=None)
    keys = set()
    for o in jsonl(out):
        keys |= set(o)
    rc, out, _ = run(["parse", "--json"], data=b"250 ok\r\nxx\r\n")
    for o in jsonl(out):
        keys |= set(o)
    for lang in ("en", "fr", "ja", "ko"):
        rc, h, _ = run(["parse", "--help", "--lang", lang])
        words = set(re.findall(r"[a-z_]+", h.decode()))
        check(len(keys) > 20 and keys <= words, "parse --help in %s names every JSON key" % lang,
              sorted(keys - words))
        rc, out, _ = run(["stats", "--json", os.path.join(d, "mixed-mta.log")])
        rc, h, _ = run(["stats", "--help", "--lang", lang])
        skeys = set(json.loads(out))
        check(skeys <= set(re.findall(r"[a-z_]+", h.decode())),
              "stats --help in %s names every JSON key" % lang, sorted(skeys - set(re.findall(r"[a-z_]+", h.decode()))))


def test_msg_tables():
    """cli/msg.c and cli/msg_help.c: every language has every text, with
    the same printf conversions as English; French spaces before : ; ? !
    and inside guillemets are no-break spaces."""
    conv = re.compile(r"%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?[diouxXcspfeEgGaA%]")
    for name in ("msg.c", "msg_help.c"):
        src = open(os.path.join(ROOT, "cli", name), encoding="utf-8").read()
        tables = {}
        for m in re.finditer(r"static const char \*const (\w+)\[[MH]_COUNT\] = \{(.*?)\n\};", src, re.S):
            entries = {}
            for e in re.finditer(r'\[([MH]_\w+)\]\s*=\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', m.group(2)):
                parts = re.findall(r'"((?:[^"\\]|\\.)*)"', e.group(2))
                entries[e.group(1)] = re.sub(
                    r"\\(u[0-9a-fA-F]{4}|.)",
                    lambda x: chr(int(x.group(1)[1:], 16)) if len(x.group(1)) == 5
                    else {"n": "\n", "t": "\t"}.get(x.group(1), x.group(1)), "".join(parts))
            tables[m.group(1)] = entries
        check(sorted(tables) == ["en", "fr", "ja", "ko"], name + ": four tables", sorted(tables))
        en = tables.get("en", {})
        for lang in ("fr", "ja", "ko"):
            t = tables.get(lang, {})
            # texts added before this check may still fall back to English
            if name == "msg_help.c" or lang != "fr":
                missing = sorted(k for k in en if k not in t and en[k] and
                                 (name == "msg_help.c" or k.startswith(("M_E_", "M_W_", "M_TRY", "M_STDIN"))))
                check(missing == [], "%s: %s has every text" % (name, lang), missing)
            for k, v in t.items():
                check(conv.findall(v) == conv.findall(en.get(k, "")),
                      "%s %s %s: same printf conversions as English" % (name, lang, k), v)
        for k, v in tables.get("fr", {}).items():
            bad = re.findall(r" [:;?!]|« | »", v)
            check(not bad, "%s fr %s: no-break spaces in French punctuation" % (name, k), v)


def main():
    if not os.path.exists(BIN):
        print("no binary at %s" % BIN)
        print("0 passed, 1 failed")
        return 1
    tests = [test_version_help, test_usage_errors, test_explain, test_compare,
             test_parse_fields, test_parse_options, test_colour, test_terminal,
             test_chunk_boundary, test_readloop_streams,
             test_captures, test_stats, test_list, test_garbage,
             test_escape_parity, test_cli_words, test_inputs, test_explain_inputs, test_cli_i18n, test_msg_tables, test_help_keys,
             test_big_input]
    for t in tests:
        try:
            t()
        except Exception as ex:  # a crash of the test is a failure, not an abort
            import traceback
            traceback.print_exc()
            check(False, "%s raised %r" % (t.__name__, ex))
    return report()


if __name__ == "__main__":
    sys.exit(main())
