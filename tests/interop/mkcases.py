#!/usr/bin/env python3
"""Write tests/cases/real-<server>.case from the captures in tests/data/captures.

    mkcases.py [CAPTURES_DIR [CASES_DIR]]

The expected results follow tests/cases/README.md, worked out here on their
own (this never calls libsmtpreply: the cases exist to check it). Only what
real servers were seen to send is handled: lines ending in CR LF or LF,
three-digit codes, '-' / SP / line-end separators, enhanced status codes,
code-less lines, code mismatches, 8-bit and control bytes. Anything else
(a bad code, a line over the limits, leading empty lines) stops the script,
so such a capture gets its case written by hand.

Each reply's bytes also become one `input:` line per reply line, so a
reader can check the expectations against the bytes beside them.
"""
import os
import re
import sys

GROUPS = {
    "postfix": ["postfix-esmtp", "postfix-helo", "postfix-errors", "postfix-footer",
                "postfix-postscreen"],
    "smtp-sink": ["smtp-sink-default", "smtp-sink-reject", "smtp-sink-pix"],
    "exim": ["exim-esmtp", "exim-helo", "exim-errors", "exim-strict", "exim-pregreet"],
    "opensmtpd": ["opensmtpd-esmtp", "opensmtpd-helo", "opensmtpd-errors"],
}

ENH = re.compile(rb"^([0-9])\.([0-9]{1,3})\.([0-9]{1,3})(?: |$)")


def standard(code):
    d = str(code)
    return d[0] in "2345" and d[1] in "012345"


def split_lines(buf):
    """(content, ending) pairs; a final unterminated piece is left over."""
    out, pos = [], 0
    while True:
        nl = buf.find(b"\n", pos)
        if nl < 0:
            return out, buf[pos:]
        if nl > pos and buf[nl - 1:nl] == b"\r":
            out.append((buf[pos:nl - 1], b"\r\n"))
        else:
            out.append((buf[pos:nl], b"\n"))
        pos = nl + 1


def coded(content):
    """(code, sep, text) when the line starts with a code (first digit 1-5)
    and '-', SP or the line end; else None."""
    if len(content) >= 3 and content[:3].isdigit() and content[0:1] in b"12345":
        if len(content) == 3:
            return int(content[:3]), b"", b""
        if content[3:4] in (b"-", b" "):
            return int(content[:3]), content[3:4], content[4:]
    return None


def text_flags(text):
    flags = set()
    if b"\r" in text:
        flags.add("bare_cr")
    if any(b >= 0x80 for b in text):
        flags.add("eight_bit")
        try:
            text.decode("utf-8", "strict")
        except UnicodeDecodeError:
            flags.add("invalid_utf8")
    if any((b < 0x20 and b not in (0x09, 0x0D, 0x00)) or b == 0x7F for b in text):
        flags.add("control")
    if 0 in text:
        flags.add("nul")
    return flags


def parse_all(buf):
    lines, rest = split_lines(buf)
    assert rest == b"", "capture ends inside a line"
    replies = []
    i = 0
    while i < len(lines):
        content, end = lines[i]
        assert content != b"", "leading empty line: write this case by hand"
        first = coded(content)
        assert first is not None and content[3:4] in (b"-", b" ", b""), "bad first line %r" % content
        code0 = first[0]
        assert content[0:1] in b"12345"
        members = []  # (code or None, text, ending, raw length)
        flags = set()
        while True:
            content, end = lines[i]
            i += 1
            assert len(content) + len(end) <= 4096
            c = coded(content)
            if not members:
                c = first
            if c is None:
                members.append((None, content, end))
                flags.add("codeless_line")
                assert i < len(lines), "reply not finished"
                continue
            members.append((c[0], c[2], end))
            if c[1] != b"-":
                break
            assert i < len(lines), "reply not finished"
        code = members[-1][0]
        # The reply's bytes, counted straight from the line list.
        first_line = i - len(members)
        start = sum(len(c) + len(e) for c, e in lines[:first_line])
        raw_len = sum(len(c) + len(e) for c, e in lines[first_line:i])
        for (c, e), m in zip(lines[first_line:i], members):
            if e == b"\n":
                flags.add("bare_lf")
            if len(c) + len(e) > 512:
                flags.add("long_line")
            flags |= text_flags(m[1])
        if any(m[0] is not None and m[0] != code0 for m in members):
            flags.add("code_mismatch")
        if not standard(code0) or not standard(code):
            flags.add("nonstandard_code")
        # Enhanced code: first line of the reply's code whose text starts
        # with C.S.D; taken when C is 2/4/5 and equals the code's first digit.
        enhanced = None
        klass = code // 100
        for m in members:
            if m[0] is None:
                continue
            e = ENH.match(m[1])
            if not e:
                continue
            c = int(e.group(1))
            if c in (2, 4, 5) and c == klass and m[0] == code:
                enhanced = e.group(0).rstrip(b" ")
                break
        for m in members:
            if m[0] is None:
                continue
            e = ENH.match(m[1])
            if e and int(e.group(1)) in (2, 4, 5) and (int(e.group(1)) != klass or klass in (1, 3)):
                flags.add("enhanced_mismatch")
        texts = []
        for m in members:
            t = m[1]
            if m[0] is None:
                texts.append(t)
                continue
            if enhanced is not None and m[0] == code:
                if t == enhanced or t.startswith(enhanced + b" "):
                    t = t[len(enhanced) + 1:] if t.startswith(enhanced + b" ") else b""
                else:
                    flags.add("enhanced_inconsistent")
            texts.append(t)
        replies.append(dict(code=code, first=code0, len=raw_len, enhanced=enhanced,
                            flags=flags, texts=texts,
                            raw=buf[start:start + raw_len]))
    assert sum(r["len"] for r in replies) == len(buf)
    return replies


def esc(b, edge_spaces=True):
    out = []
    for i, x in enumerate(b):
        if x == 0x0D:
            out.append("\\r")
        elif x == 0x0A:
            out.append("\\n")
        elif x == 0x09:
            out.append("\\t")
        elif x == 0x5C:
            out.append("\\\\")
        elif x == 0x20 and edge_spaces and (i == 0 or i == len(b) - 1):
            out.append("\\s")
        elif x < 0x20 or x >= 0x7F:
            out.append("\\x%02x" % x)
        else:
            out.append(chr(x))
    return "".join(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    cap = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "captures")
    cases = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "cases")
    for server, names in GROUPS.items():
        out = ["# Real replies captured from %s (Debian 12 package) on 127.0.0.1 by" % server,
               "# tests/interop/capture-all.sh; the bytes are tests/data/captures/NAME.txt",
               "# and the commands they answered NAME.cmds. Expected results follow",
               "# tests/cases/README.md (written by tests/interop/mkcases.py and checked",
               "# by hand; never by running the parser).", ""]
        for name in names:
            buf = open(os.path.join(cap, name + ".txt"), "rb").read()
            cmds = open(os.path.join(cap, name + ".cmds")).read().split()
            replies = parse_all(buf)
            assert len(replies) == len(cmds), "%s: %d replies, %d commands" % (
                name, len(replies), len(cmds))
            out.append("=== %s (%d replies)" % (name, len(replies)))
            for r in replies:
                for ln in split_lines(r["raw"])[0]:
                    out.append("input: " + esc(ln[0] + ln[1], edge_spaces=False))
            for r, cmd in zip(replies, cmds):
                words = ["reply:", "code=%d" % r["code"], "len=%d" % r["len"]]
                if r["enhanced"]:
                    words.append("enhanced=" + r["enhanced"].decode())
                if r["first"] != r["code"]:
                    words.append("first_code=%d" % r["first"])
                if r["flags"]:
                    words.append("flags=" + ",".join(sorted(r["flags"])))
                out.append("# %s" % cmd)
                out.append(" ".join(words))
                for t in r["texts"]:
                    out.append(("line: " + esc(t)) if t else "line:")
            out.append("")
        path = os.path.join(cases, "real-%s.case" % server)
        with open(path, "w") as f:
            f.write("\n".join(out))
        print(path)


if __name__ == "__main__":
    main()
