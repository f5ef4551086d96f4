#!/usr/bin/env python3
"""Wrapper templates from real MTAs' captures of tests/interop/wrap/table.tsv.

usage: mktemplates.py MTA:VERSION:DIR[:wrap][:loses=WHAT,...][:gap=WHAT][:forms=log,bounce]...
         > tests/data/wrap/templates.tsv

Each DIR is one MTA's capture (tests/interop/bounces.sh with BOUNCES_TABLE
and BOUNCES_OUT; see tests/interop/wrap/README.md). For each form (log,
bounce), command and reply class (4, 5), the model is the capture of the
longest multi-line reply (else the longest one): its text (the log line
with the reply, or the whole bounce) becomes the template, the
recipient's local part {{LOCAL}}, each place the reply is written
{{REPLY:HOW}} (HOW: the way that MTA wrote the lines, found by trying
tests/wraplib.py's RENDER on the model), and a paragraph the MTA wrapped
{{WRAP W I}}...{{/WRAP}} (":wrap" after DIR: the MTA wraps its bounce's
paragraphs, as Postfix's bounce(8) does with line_wrap(3) at 79 bytes; I
the indent that gives the captured paragraph back). ":loses=WHAT" goes
into the rows' source column, for tests/test_wrap.py (what that MTA
loses of a reply: tests/data/wrap/README.md; ":gap=WHAT" likewise, a
known gap of the library that test_wrap.py counts apart; ":forms=..."
the forms to make). Then every other capture of the same form,
command and class is made again from the template and compared with what
the MTA wrote (tokens with digits masked: dates, queue ids, boundaries):
the count of exact remakes goes into the row, and to stderr.
"""
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import wraplib  # noqa: E402

ORDER = ["exim4", "exim1", "go4", "go", "gotp4", "gotp", "smtpd", "exim", "space", "first"]


def load_sent(d):
    sent = {}
    for line in open(os.path.join(d, "sent.tsv"), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 4 or f[3] == "-" or "," in f[1]:
            continue
        lines = f[3].split(" | ")
        # a reply refuser.py sent whole and as one reply (not
        # "550 a" then "550-b": a client reads the first line alone)
        if any(l[3:4] != "-" for l in lines[:-1]) or lines[-1][3:4] != " ":
            continue
        sent.setdefault(f[1].split("@")[0], (f[2], lines))
    return sent


def log_block(text, rcpt, r):
    """The log line(s) holding rendering r after the recipient."""
    at = 0
    while True:
        i = text.find(r, at)
        if i < 0:
            return None
        ls = text.rfind("\n", 0, i) + 1
        if rcpt in text[ls:i]:
            le = text.find("\n", i + len(r))
            return text[ls:(le if le >= 0 else len(text))], ls
        at = i + 1


def status_field(t, lines, wraps):
    """Postfix writes the reply's status into "Status:" and "dsn=": the
    model's becomes {{STATUS}} (wraplib.status)."""
    if not wraps:
        return t
    st = wraplib.status(lines)
    t = re.sub(r"(?m)^Status: " + re.escape(st) + "$", "Status: {{STATUS}}", t)
    return t.replace(" dsn=%s," % st, " dsn={{STATUS}},")


def log_lines(text, rcpt, lines):
    """A log line for each line of the reply, each the same but for the
    reply's line (Courier's courieresmtp): that line, the reply's first
    line {{REPLY:lines}}, or None."""
    if len(lines) < 2:
        return None
    log = text.split("\n")
    for i, l in enumerate(log):
        j = l.find(lines[0])
        if j < 0 or rcpt not in l[:j]:
            continue
        pre, post = l[:j], l[j + len(lines[0]):]
        if log[i + 1:i + len(lines)] == [pre + x + post for x in lines[1:]]:
            return pre + "{{REPLY:lines}}" + post
    return None


def template_log(text, local, lines, wraps=False):
    rcpt = local + "@"
    b = log_lines(text, rcpt, lines)
    if b:
        return b.replace(local + "@", "{{LOCAL}}@")
    for how in ORDER:
        r = wraplib.RENDER[how](lines)
        b = log_block(text, rcpt, r)
        if b:
            block = b[0].replace(r, "{{REPLY:%s}}" % how, 1)
            return status_field(block.replace(local + "@", "{{LOCAL}}@"), lines, wraps)
    return None


def paragraphs(text):
    """(start, end) of each line with the lines indented under it."""
    out, pos = [], 0
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        start = pos
        pos += len(lines[i]) + 1
        j = i + 1
        while j < len(lines) and lines[j][:1] in (" ", "\t") and lines[j].strip():
            pos += len(lines[j]) + 1
            j += 1
        out.append((start, pos - 1))
        i = j
    return out


def exim_paragraph(text, lines):
    """Exim's error text in its bounce ("    SMTP error from remote mail
    server after ...:" and the reply's lines) as an {{EXIMFOLD}} of the
    message it folded, or None."""
    i = text.find("    SMTP error from remote")
    if i < 0:
        return None
    e = text.find("\n\n", i)
    para = text[i:e]
    j = para.find("\n    " + lines[0][:3])
    if j < 0:
        return None
    head = re.sub(r"\n {3,4}", " ", para[:j]).strip() + " "
    for tail in ("", ": retry timeout exceeded"):
        msg = head + "\n".join(lines) + tail
        if wraplib.exim_fold(msg, 45) == para:
            return i, e, "{{EXIMFOLD 45}}%s{{REPLY:nl}}%s{{/EXIMFOLD}}" % (head, tail)
    return None


def template_bounce(text, local, lines, wraps):
    """The whole bounce with each place of the reply marked."""
    done = text
    found = 0
    ep = exim_paragraph(done, lines)
    if ep:
        done = done[:ep[0]] + ep[2] + done[ep[1]:]
        found += 1
    # the ways of writing a multi-line reply a line at a time or run on
    if len(lines) > 1:
        for how in ("exim4", "exim1", "go4", "go", "gotp4", "gotp", "courier", "sm",
                    "nl8", "smtpd", "exim"):
            r = wraplib.RENDER[how](lines)
            if r in done:
                done = done.replace(r, "{{REPLY:%s}}" % how)
                found += 1
    r = wraplib.r_space(lines)
    if wraps:
        # paragraphs the MTA wrapped (Postfix): each with the reply in
        # it once unwrapped, given back by the MTA's width
        out, last = [], 0
        for s, e in paragraphs(done):
            para = done[s:e]
            if "{{REPLY" in para:
                continue
            body = para.split("\n")
            indent = len(body[1]) - len(body[1].lstrip(" ")) if len(body) > 1 else 4
            flat = " ".join([body[0]] + [l[indent:] for l in body[1:]])
            if r not in flat:
                continue
            for w in WIDTHS:
                if wraplib.wrap(flat, w, indent) == para:
                    out.append(done[last:s])
                    out.append("{{WRAP %d %d}}%s{{/WRAP}}" % (
                        w, indent, flat.replace(r, "{{REPLY:space}}")))
                    last = e
                    found += 1
                    break
        out.append(done[last:])
        done = "".join(out)
    elif r in done:
        done = done.replace(r, "{{REPLY:space}}")
        found += 1
    if not found and lines[0] in done:
        # only the first line written (Sendmail's Diagnostic-Code)
        done = done.replace(lines[0], "{{REPLY:first}}")
        found += 1
    if not found:
        return None
    # every place of the reply marked: its first line's words are nowhere
    # else (a paragraph no width gives back makes the model unfit)
    words = re.sub(r"\s+", " ", lines[0][4:]).strip()
    if len(words) >= 8 and words in re.sub(r"\s+", " ", done):
        return None
    return status_field(done.replace(local + "@", "{{LOCAL}}@"), lines, wraps)


WIDTHS = [79]


# tokens that differ from one capture to the next: with a digit (dates,
# queue ids) or of 8 or more letters in both cases (chasquid's ids and
# MIME boundaries); the reply's own such words are on both sides
MASK = re.compile(r"[0-9A-Za-z_=+/.-]*[0-9][0-9A-Za-z_=+/.-]*|"
                  r"-*\b(?=[A-Za-z_-]*[a-z])(?=[A-Za-z_-]*[A-Z])[A-Za-z_-]{8,}\b")


def masked(t):
    return re.sub(r"-*#-*", "#", MASK.sub("#", t))


def main():
    rows = []
    for arg in sys.argv[1:]:
        mta, version, d, *flags = arg.split(":")
        wraps = "wrap" in flags
        loses = [f for f in flags if f.startswith("loses=") or f.startswith("gap=")]
        forms = [f.split("=", 1)[1].split(",") for f in flags if f.startswith("forms=")]
        sent = load_sent(d)
        log = open(os.path.join(d, "mail.log"), encoding="utf-8", errors="surrogateescape").read() \
            if os.path.exists(os.path.join(d, "mail.log")) else ""
        groups = defaultdict(list)
        for local, (cmd, lines) in sent.items():
            groups[("log", cmd, lines[0][0])].append(local)
            if os.path.exists(os.path.join(d, "bounce-%s.eml" % local)):
                groups[("bounce", cmd, lines[0][0])].append(local)
        for (form, cmd, klass), locals_ in sorted(groups.items()):
            if forms and form not in forms[0]:
                continue
            def text_of(local):
                if form == "log":
                    return log
                return open(os.path.join(d, "bounce-%s.eml" % local), encoding="utf-8",
                            errors="surrogateescape").read()
            model = tmpl = None
            for local in sorted(locals_, key=lambda l: (-len(sent[l][1]),
                                                        -len(" ".join(sent[l][1])), l)):
                lines = sent[local][1]
                # not a session Courier tried again after its RSET failed
                # (">>> RSET", "<<< <command failed>" above the reply):
                # a capture's accident, not how it writes the reply
                if form == "bounce" and "<<< <command failed>" in text_of(local):
                    continue
                t = template_log(text_of(local), local, lines, wraps) if form == "log" else \
                    template_bounce(text_of(local), local, lines, wraps)
                if t:
                    model, tmpl = local, t
                    break
            if tmpl is None:
                print("%s %s %s %sxx: no template" % (mta, form, cmd, klass), file=sys.stderr)
                continue
            same = total = 0
            for local in locals_:
                lines = sent[local][1]
                made = wraplib.fill(tmpl, local, lines)
                if form == "log":
                    b = log_block(log, local + "@", made.split("{{")[0][-20:]) if False else None
                    got = [l for l in log.split("\n") if local + "@" in l]
                    ok = any(masked(made.split("\n")[0]) == masked(g) for g in got)
                else:
                    ok = masked(made) == masked(text_of(local))
                total += 1
                same += ok
            print("%s %s %s %sxx: model %s, remade %d of %d" % (mta, form, cmd, klass, model, same,
                                                            total), file=sys.stderr)
            rows.append([mta, version, form, cmd, "%sxx model=%s remade=%d/%d%s" % (
                klass, model, same, total, "".join(" " + l for l in loses)), tmpl,
                len(sent[model][1]) > 1, klass])
        # A one-line model says nothing of how the MTA writes a reply's
        # further lines: its places take the ways a multi-line model of
        # the same MTA and form shows (same class first), in order.
        mine = [r for r in rows if r[0] == mta]
        for r in mine:
            if r[6]:
                continue
            ops = re.findall(r"\{\{REPLY:([a-z0-9]+)\}\}", r[5])
            for m in sorted((x for x in mine if x[6] and x[2] == r[2]),
                            key=lambda x: x[7] != r[7]):
                learned = re.findall(r"\{\{REPLY:([a-z0-9]+)\}\}", m[5])
                if len(learned) == len(ops):
                    it = iter(learned)
                    r[5] = re.sub(r"\{\{REPLY:[a-z0-9]+\}\}",
                                  lambda _: "{{REPLY:%s}}" % next(it), r[5])
                    r[4] += " ways=" + ",".join(learned)
                    break
            else:
                r[4] += " ways=one-line-model"
    print("# mta\tversion\tform\tcommand\tsource\ttemplate  (tests/interop/wrap/mktemplates.py;"
          " tests/wraplib.py reads it)")
    for r in rows:
        print("\t".join(r[:5] + [wraplib.escape(r[5])]))


if __name__ == "__main__":
    main()
