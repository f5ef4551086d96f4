#!/usr/bin/env python3
"""test_signs.py - the rules that read their words only on a sign from the
phrase scan (src/classify.c's names_signed) give names_word's answer.

names_signed(reply, NAME, list) reads the list's words only when the scan
saw one of data/reason-phrases.txt's about=name phrases (the automaton
finds a phrase anywhere in the text, inside a word too, case folded, a
white-space run read as one space). That is names_word's answer only if
every word of the list contains one of those phrases; a word added to a
gated list without a sign that covers it would be missed silently on every
reply without another of the rule's signs. Checked here for each call:
the list it names (the nearest static list of that name above the call)
and its signs. Also: every sign name used has phrases, and every about=
sign of the data is used (a sign no rule reads costs the scan for nothing),
by names_signed, names_signed_in or by sign_seen (a sign read directly, where its place in
classify.c says why it covers what is read).
Ends with "N passed, N failed" like the C tests."""

import os
import re
import sys

from testlib import ROOT, check, report

CLASSIFY = os.path.join(ROOT, "src", "classify.c")
PHRASES = os.path.join(ROOT, "data", "reason-phrases.txt")


def norm(s):
    """As tools/gen_phrases.py reads a phrase: lowercase ASCII, every
    white-space run one space, ends trimmed."""
    return re.sub(r"\s+", " ", s.lower()).strip()


def signs_of_data():
    signs = {}
    with open(PHRASES, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^about=([a-z_]+)\t([^\t\n]*)", line)
            if m and m.group(1) != "sender":
                signs.setdefault(m.group(1), []).append(norm(m.group(2)))
    return signs


def main():
    src = open(CLASSIFY, encoding="utf-8").read()
    signs = signs_of_data()
    lists = [(m.start(), m.group(1),
              [norm(w) for w in re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))])
             for m in re.finditer(
                 r"static const char \*const (\w+)\[\] = \{(.*?)\};", src, re.S)]
    # Every use (not the macro's own definition).
    # names_signed(reply, NAME, list) and names_signed2(reply, NAME1,
    # NAME2, list): a list's words each contain a sign of one of its names.
    # names_signed_in(signs, reply, NAME, list): the same on signs kept.
    calls = [m for m in list(re.finditer(
        r"names_signed2?\(\s*reply\s*,\s*(\w+)\s*,\s*(?:(\w+)\s*,\s*)?(\w+)\s*\)", src))
        + list(re.finditer(
        r"names_signed_in\(\s*[\w.>-]+\s*,\s*reply\s*,\s*(\w+)\s*,\s*()(\w+)\s*\)", src))
        if not src[src.rfind("\n", 0, m.start()) + 1:m.start()].startswith("#define")]
    check(len(calls) > 0, "names_signed is used in src/classify.c")
    used = set()
    for m in calls:
        names = [x.lower() for x in (m.group(1), m.group(2)) if x]
        lname = m.group(3)
        name = "+".join(names)
        used.update(names)
        if not check(all(x in signs for x in names),
                     "src/classify.c:%d names_signed(%s, %s): data has about=%s signs"
                     % (src.count("\n", 0, m.start()) + 1, name, lname, name)):
            continue
        sg = [p for x in names for p in signs[x]]
        line = src.count("\n", 0, m.start()) + 1
        where = "src/classify.c:%d names_signed(%s, %s)" % (line, name, lname)
        found = [l for l in lists if l[1] == lname and l[0] < m.start()]
        if not check(found, where + ": its list is defined above it"):
            continue
        words = found[-1][2]
        check(words, where + ": the list has words")
        for w in words:
            check(any(s in w for s in sg),
                  where + ": word '%s' contains one of its signs" % w,
                  ", ".join(sg))
    # A sign may also be read directly, sign_seen(NAME), where no word
    # list is asked (qmail's "(#5.7.1)" for hash_enhanced): its place in
    # classify.c says why the sign covers what is read.
    for m in re.finditer(r"\bsign_seen\(\s*(\w+)\s*\)", src):
        if not src[src.rfind("\n", 0, m.start()) + 1:m.start()].startswith("#define"):
            used.add(m.group(1).lower())
    for name in sorted(signs):
        check(name in used, "about=%s: a rule reads it (names_signed or "
              "sign_seen)" % name)
    # A sign that is also one of the list's words' own substring makes no
    # sense empty: gen_phrases.py rejects empty phrases; a one-letter sign
    # would fire on nearly every reply.
    for name, ps in sorted(signs.items()):
        for s in ps:
            check(len(s) >= 3, "about=%s '%s' has 3 bytes or more" % (name, s))
    return report()


if __name__ == "__main__":
    sys.exit(main())
