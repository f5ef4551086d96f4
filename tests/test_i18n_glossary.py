#!/usr/bin/env python3
"""test_i18n_glossary.py - one rendering per term in each translation.

Reads tests/i18n_glossary.tsv (the glossary: English term -> the rendering in
Korean, Japanese and French, and the renderings to avoid) and checks every
record of data/i18n/LANG.txt against its English original in data/*.txt:

  - where the English record uses a term, the translated record uses the
    glossary's rendering (unless the row waives that record);
  - no translated field uses a rendering the glossary says to avoid;
  - every English record is in each translation with the same fields
    (name, description, when, fix), none of them empty;
  - French typography as the whole of fr.txt writes it: a no-break space
    (U+00A0), never a plain one, before : ; ? ! and inside « »;
  - every code and number the English field names (5.7.1, 550, RFC 5321,
    port 587) is in the same translated field: a dropped one is an omission.

Text in quotes (a server's reply, which stays in English) is left out on both
sides. It then checks that the checker can fail: a copy of a record with the
avoided word put back, or with the rendering taken out, must be reported.
Ends with "N passed, N failed" like the C tests."""

import os
import re
import sys

from testlib import ROOT, check, report

DATA = os.path.join(ROOT, "data")
GLOSSARY = os.path.join(ROOT, "tests", "i18n_glossary.tsv")
LANGS = ("ko", "ja", "fr")
FIELDS = ("name", "description", "when", "fix")
# Quoted text: English and Korean "...", Japanese 「...」 and 『...』, French « ... ».
QUOTES = re.compile(r'"[^"]*"|「[^」]*」|『[^』]*』|«[^»]*»|“[^”]*”')
# Proper names that hold a glossary word but are not that word.
NAMES = re.compile(r"On-Demand Mail Relay|Reputation Block List")


def parse_records(path):
    """{key: {field: value}} of one data file (the format of data/README.md)."""
    recs = {}
    key = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("%% "):
                key = line[3:].strip()
                recs[key] = {}
            elif key is not None and not line.startswith("#"):
                m = re.match(r"^([a-z_]+): (.*)$", line)
                if m:
                    recs[key][m.group(1)] = m.group(2)
    return recs


def english():
    recs = {}
    for n in sorted(os.listdir(DATA)):
        if n.endswith(".txt"):
            recs.update(parse_records(os.path.join(DATA, n)))
    return recs


def plain(text):
    """The text a reader reads as the translation's own words."""
    return NAMES.sub(" ", QUOTES.sub(" ", text))


def load_glossary():
    rows = []
    with open(GLOSSARY, encoding="utf-8") as f:
        header = None
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            if len(cols) != len(header):
                check(False, "%s:%d has %d columns, the header %d" %
                      (GLOSSARY, n, len(cols), len(header)))
                continue
            row = dict(zip(header, cols))
            row["line"] = n
            for c in ("en", "use", "avoid"):
                row[c + "_re"] = re.compile(row[c], re.I) if row[c] else None
            row["except_keys"] = set(k.strip() for k in row["except"].split(";") if k.strip())
            rows.append(row)
    return rows


def problems(rows, en, tr, lang):
    """Every glossary problem of one translation, as (key, message) pairs."""
    out = []
    for key, erec in en.items():
        fields = [f for f in FIELDS if f in erec]
        if not fields:
            continue
        trec = tr.get(key, {})
        etext = plain(" ".join(erec[f] for f in fields))
        ttext = plain(" ".join(trec.get(f, "") for f in fields))
        for row in rows:
            if row["lang"] != lang:
                continue
            if (row["use_re"] and key not in row["except_keys"]
                    and row["en_re"].search(etext) and not row["use_re"].search(ttext)):
                out.append((key, "English says %r but the %s text has no %s" %
                            (row["term"], lang, row["use"])))
            if row["avoid_re"]:
                for f in fields:
                    m = row["avoid_re"].search(plain(trec.get(f, "")))
                    if m:
                        out.append((key, "%s uses %r for %r (the glossary's: %s)" %
                                    (f, m.group(0), row["term"], row["use"])))
    return out


# French: a plain space where fr.txt everywhere else has a no-break space.
FR_SPACE = re.compile(r" [:;?!]|« | »")


def fr_spacing(tr):
    out = []
    for key, trec in tr.items():
        for f in FIELDS:
            m = FR_SPACE.search(trec.get(f, ""))
            if m:
                out.append("%s [%s] %r" % (key, f, m.group(0)))
    return out


# Codes and numbers a field names: enhanced codes, reply codes, RFCs, ports, limits.
NUMBERS = re.compile(r"\b(?:\d+\.\d+\.\d+|RFC \d+|\d{2,})\b")


def dropped_numbers(en, tr):
    out = []
    for key, erec in en.items():
        for f in FIELDS:
            if f not in erec:
                continue
            have = tr.get(key, {}).get(f, "")
            for tok in sorted(set(NUMBERS.findall(plain(erec[f])))):
                if tok not in have:
                    out.append("%s [%s] %s" % (key, f, tok))
    return out


def main():
    rows = load_glossary()
    check(len(rows) >= 30, "the glossary has its rows (%d)" % len(rows))
    for row in rows:
        check(row["lang"] in LANGS, "glossary line %d: language %r" % (row["line"], row["lang"]))
        check(row["en_re"] is not None, "glossary line %d: an English pattern" % row["line"])
    en = english()
    for lang in LANGS:
        tr = parse_records(os.path.join(DATA, "i18n", lang + ".txt"))
        # Every English record, every field, in this language too.
        gaps = []
        for key, erec in en.items():
            for f in FIELDS:
                if f in erec and not tr.get(key, {}).get(f, "").strip():
                    gaps.append("%s: %s" % (key, f))
        check(not gaps, "%s: every English record and field is translated" % lang,
              "; ".join(gaps[:10]))
        extra = [k for k in tr if k not in en]
        check(not extra, "%s: no record the English does not have" % lang, "; ".join(extra[:10]))
        # The glossary, each row's waived keys existing.
        for row in rows:
            if row["lang"] == lang:
                for k in row["except_keys"]:
                    check(k in en, "glossary line %d waives %r, which exists" % (row["line"], k))
        found = problems(rows, en, tr, lang)
        for key, msg in found:
            print("%s: %s: %s" % (lang, key, msg))
        check(not found, "%s: the glossary holds (%d problems)" % (lang, len(found)))

        lost = dropped_numbers(en, tr)
        check(not lost, "%s: every code and number of the English is kept" % lang,
              "; ".join(lost[:10]))

        if lang == "fr":
            bad = fr_spacing(tr)
            check(not bad, "fr: a no-break space before : ; ? ! and inside « »", "; ".join(bad[:10]))
            check(fr_spacing({"k": {"fix": "Lisez le texte : il dit"}}) != [],
                  "fr: a plain space before a colon is caught")

        # The checker can fail: put an avoided word back, take a rendering out.
        for row in rows:
            if row["lang"] != lang:
                continue
            for key, erec in en.items():
                if not row["use_re"] or key in row["except_keys"]:
                    continue
                fields = [f for f in FIELDS if f in erec]
                if not fields or not row["en_re"].search(plain(" ".join(erec[f] for f in fields))):
                    continue
                broken = {key: {f: row["use_re"].sub("", tr[key][f]) for f in fields}}
                got = problems([row], {key: erec}, broken, lang)
                check(any(k == key for k, _ in got),
                      "%s: taking %r out of %s is caught" % (lang, row["term"], key))
                break
    # A dropped code is caught; one only in the English's quotes is not required.
    got = dropped_numbers({"k": {"fix": "Use port 587 (RFC 8314), not \"465 only\"."}},
                          {"k": {"fix": "Utilisez le port 587."}})
    check(got == ["k [fix] RFC 8314"], "a dropped RFC number is caught", got)
    # An avoided rendering is caught wherever it is put.
    sample = {"reply 550": {"name": "x", "description": "y", "when": "z",
                            "fix": "그레이리스트와 사서함, 보낸 사람"}}
    got = problems(rows, {"reply 550": {"name": "a", "description": "b", "when": "c",
                                        "fix": "d"}}, sample, "ko")
    check(len(got) == 3, "three avoided Korean renderings are caught", got)
    got = problems(rows, {"reply 550": {"fix": "the mailbox"}},
                   {"reply 550": {"fix": "« mailbox » sans le mot"}}, "fr")
    check(len(got) == 1, "a term only in quotes does not count as the translation's", got)
    return report()


if __name__ == "__main__":
    sys.exit(main())
