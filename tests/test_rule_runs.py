#!/usr/bin/env python3
"""test_rule_runs.py - the runs of judge()'s rules (its body, judge_at()) that src/classify.c skips
at once (RULES_FOR) hold only rules that cannot act outside them.

RULES_FOR(rs, es, end_runN) ... end_runN: jumps over the rules between
unless the reading r is one of the set rs and the evidence ev one of es.
That keeps every answer only if no rule of the run can act on another
reading or evidence: each rule must be `if (condition) ...` with no else,
and its condition must require r in rs and ev in es. Read here from the
condition's text: `r == R(X)`, `r != R(X)`, `ev == EV(X)`, `ev != EV(X)` and
`refinable(ev)`, combined by && and || (anything else says nothing, so a
rule whose condition does not name its readings fails). A rule added to a
run that acts on other readings fails this test, naming its line.
The checker is also run on copies of the source with a rule widened, which
it must reject (so that it cannot pass by reading nothing).
Ends with "N passed, N failed" like the C tests."""

import os
import re
import sys

from testlib import ROOT, check, report

CLASSIFY = os.path.join(ROOT, "src", "classify.c")
HEADER = os.path.join(ROOT, "include", "smtpreply.h")


def enum_values(text, prefix):
    return {m.group(1): int(m.group(2)) for m in re.finditer(
        r"\b%s(\w+)\s*=\s*(\d+)" % prefix, text)}


HDR = open(HEADER, encoding="utf-8").read()
R = enum_values(HDR, "SMTPREPLY_REASON_")
E = enum_values(HDR, "SMTPREPLY_EVIDENCE_")
RA = (1 << (max(R.values()) + 1)) - 1
EA = (1 << (max(E.values()) + 1)) - 1


def blank(text):
    """Comments and the insides of string and character literals as
    spaces (line ends kept), so that brackets in them are not read."""
    def spaces(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    text = re.sub(r"/\*.*?\*/", spaces, text, flags=re.S)
    return re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'",
                  lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) +
                  m.group(0)[0], text)


def split_top(c, op):
    parts, depth, cur, i = [], 0, "", 0
    while i < len(c):
        ch = c[i]
        depth += ch in "(["
        depth -= ch in ")]"
        if depth == 0 and c.startswith(op, i):
            parts.append(cur.strip())
            cur, i = "", i + len(op)
            continue
        cur += ch
        i += 1
    parts.append(cur.strip())
    return parts


def strip_parens(x):
    x = x.strip()
    while x.startswith("(") and x.endswith(")"):
        depth = 0
        for i, ch in enumerate(x):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and i < len(x) - 1:
                return x
        x = x[1:-1].strip()
    return x


def masks(cond):
    """(readings, evidence): sets, as bit masks, outside which the
    condition is false."""
    c = strip_parens(re.sub(r"\s+", " ", cond))
    ors = split_top(c, "||")
    if len(ors) > 1:
        rm = em = 0
        for q in ors:
            a, b = masks(q)
            rm, em = rm | a, em | b
        return rm, em
    ands = split_top(c, "&&")
    if len(ands) > 1:
        rm, em = RA, EA
        for q in ands:
            a, b = masks(q)
            rm, em = rm & a, em & b
        return rm, em
    m = re.match(r"^r\s*(==|!=)\s*R\((\w+)\)$", c)
    if m and m.group(2) in R:
        bit = 1 << R[m.group(2)]
        return (bit if m.group(1) == "==" else RA & ~bit), EA
    m = re.match(r"^ev\s*(==|!=)\s*EV\((\w+)\)$", c)
    if m and m.group(2) in E:
        bit = 1 << E[m.group(2)]
        return RA, (bit if m.group(1) == "==" else EA & ~bit)
    if c == "refinable(ev)":
        return RA, EA & ~(1 << E["STRONG_PHRASE"]) & ~(1 << E["PROVIDER"])
    return RA, EA


def set_value(expr):
    """RULES_FOR's set argument (RS(X) | ES(X) | ES_ANY, |, &, ~)."""
    py = re.sub(r"\bRS\((\w+)\)", lambda m: str(1 << R[m.group(1)]), expr)
    py = re.sub(r"\bES\((\w+)\)", lambda m: str(1 << E[m.group(1)]), py)
    py = py.replace("ES_ANY", str(EA))
    if not re.match(r"^[\d\s|&~()]+$", py):
        raise ValueError("cannot read the set '%s'" % expr.strip())
    return eval("(" + py + ")")  # digits and | & ~ ( ) only


def skip_space(t, i):
    while i < len(t) and t[i] in " \t\n":
        i += 1
    return i


def close_of(t, i, op, cl):
    """t[i] is op: the index after its matching cl."""
    depth = 0
    while i < len(t):
        depth += t[i] == op
        depth -= t[i] == cl
        i += 1
        if depth == 0:
            return i
    raise ValueError("unbalanced %s" % op)


def statement_end(t, i):
    """The index after the statement that starts at t[i]."""
    i = skip_space(t, i)
    if t.startswith("if", i) and not re.match(r"\w", t[i + 2:i + 3]):
        j = close_of(t, skip_space(t, i + 2), "(", ")")
        j = statement_end(t, j)
        k = skip_space(t, j)
        if t.startswith("else", k) and not re.match(r"\w", t[k + 4:k + 5]):
            return statement_end(t, k + 4)
        return j
    if t[i] == "{":
        return close_of(t, i, "{", "}")
    return t.index(";", i) + 1


def problems(source):
    """What is wrong with the runs of judge() in source, as messages."""
    out = []
    start = source.index("static void judge_at(")
    end = source.index("\n}\n", start)
    t = blank(source[start:end])
    base = source[:start].count("\n")
    runs = list(re.finditer(r"\bRULES_FOR\(", t))
    if not runs:
        return ["no RULES_FOR run in judge()"]
    for m in runs:
        line = base + t.count("\n", 0, m.start()) + 1
        args_end = close_of(t, m.end() - 1, "(", ")")
        args = split_top(t[m.end():args_end - 1], ",")
        if len(args) != 3:
            out.append("classify.c:%d: RULES_FOR takes 3 arguments" % line)
            continue
        try:
            rs, es = set_value(args[0]), set_value(args[1])
        except (ValueError, KeyError) as e:
            out.append("classify.c:%d: %s" % (line, e))
            continue
        label = args[2].strip()
        lm = re.search(r"\n%s:" % re.escape(label), t[args_end:])
        if not lm or len(re.findall(r"\b%s\b" % re.escape(label), t)) != 2:
            out.append("classify.c:%d: %s: once, after its run" % (line, label))
            continue
        i = skip_space(t, t.index(";", args_end) + 1)
        stop = args_end + lm.start()
        count = 0
        while i < stop:
            sline = base + t.count("\n", 0, i) + 1
            if not (t.startswith("if", i) and t[i + 2] in " ("):
                out.append("classify.c:%d: only if-statements in a run" % sline)
                break
            c0 = skip_space(t, i + 2)
            c1 = close_of(t, c0, "(", ")")
            body_end = statement_end(t, c1)
            k = skip_space(t, body_end)
            if t.startswith("else", k):
                out.append("classify.c:%d: a rule with an else in a run" % sline)
            rm, em = masks(t[c0 + 1:c1 - 1])
            if rm & ~rs:
                out.append("classify.c:%d: acts on readings outside its run's "
                           "(%s)" % (sline, ", ".join(
                               n for n, v in R.items() if (rm & ~rs) >> v & 1)))
            if em & ~es:
                out.append("classify.c:%d: acts on evidence outside its run's "
                           "(%s)" % (sline, ", ".join(
                               n for n, v in E.items() if (em & ~es) >> v & 1)))
            count += 1
            i = skip_space(t, body_end)
        if count == 0:
            out.append("classify.c:%d: an empty run" % line)
    return out


def main():
    src = open(CLASSIFY, encoding="utf-8").read()
    found = problems(src)
    check(not found, "the runs of judge()'s rules (RULES_FOR)", "\n  ".join(found))
    n = len(re.findall(r"\n\tRULES_FOR\(", src))
    check(n >= 2, "judge() has runs of rules", n)
    # The checker must see a rule that acts outside its run: each run's
    # first rule with its first reading test turned around.
    start = src.index("static void judge_at(")
    for m in re.finditer(r"\n\tRULES_FOR\(", src[start:]):
        at = start + m.start()
        t = re.search(r"\br == R\(\w+\)", src[at:])
        if t is None:
            continue
        a = at + t.start()
        bad = src[:a] + src[a:a + t.end() - t.start()].replace("==", "!=", 1) + \
            src[a + t.end() - t.start():]
        line = src.count("\n", 0, a) + 1
        check(problems(bad), "a rule widened at classify.c:%d is caught" % line)
    # ... and an else branch, and a statement other than a rule.
    first = start + src[start:].index("\n\tRULES_FOR(")
    body = src.index(";", first) + 1
    check(problems(src[:body] + "\n\tr = R(UNKNOWN);" + src[body:]),
          "a plain statement inside a run is caught")
    return report()


if __name__ == "__main__":
    sys.exit(main())
