#!/usr/bin/env python3
"""words_probe.py - does a word model help where the rules only guess?

An offline measurement (session 11, h-words): a multinomial naive Bayes
model over a reply's words (and its class and command) is trained on the
labelled world rows (and optionally corpus.tsv), and asked about the world
rows whose leave-one-source-out answer from the library has confidence
"guess" (the reply code and command alone, or nothing).  The model is
trained *without* the asked row's source (exact leave-one-source-out: naive
Bayes counts are sums, so the source's counts are subtracted), and its
answer replaces the library's guess only when its log-posterior lead over
the library's own reason is at least a margin.

  words_probe.py DUMP [--bigrams] [--corpus] [--alpha A] [--split] ...
  words_probe.py DUMP [--bigrams] --export ROWS      (for tools/words_lr.c)
  words_probe.py DUMP [--bigrams] --scores SCORES    (its output, judged)

(--help lists the variants tried: per-word margin, words of several
sources only, rows weighted by source size, only the library's "unknown",
the model never answering unknown, the reply code as a feature,
--in-sample for the flattering figure.)

DUMP is tools/reason_dump.c's output over every world file:
  cc -O2 -Iinclude -o /tmp/dump tools/reason_dump.c libsmtpreply.a
  /tmp/dump tests/classify/world/*.tsv > dump.txt

Prints, for each margin, the guess rows' held-out reason right before ->
after, wrong -> right (+) and right -> wrong (-) counts and rows changed; with --split the margin
is chosen on DEV (tools/split_world.py's halves) and TEST is reported at
that margin.  Never reads tests/classify/holdout/.  Figures (session 11)
and the decision: tests/classify/README.md, "A word model for the
guesses".
"""
import argparse
import collections
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import split_world as sw  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPUS = os.path.join(ROOT, "tests", "classify", "corpus.tsv")

CODE = re.compile(r"^\s*[1-5]\d\d[ -]?(?:[245]\.\d{1,3}\.\d{1,3})?")


def words(cmd, reply, bigrams=False, cls=True, code=False, clsw=1):
    """The features of one reply: its words (ASCII letters, case-folded,
    2+ letters) from chunks (white-space separated) that hold no '@',
    digit, or inner '.', '/', ':' (addresses, hosts, URLs, codes, ids);
    its class (4/5) and command."""
    text = reply.replace("\\r\\n", "\n")
    feats = []
    prev = None
    lines = text.split("\n")
    first = lines[0].strip()
    m = re.match(r"\s*([1-5])\d\d", first)
    klass = m.group(1) if m else "?"
    for ln in lines:
        ln = CODE.sub("", ln)
        for ch in ln.split():
            core = ch.strip("()[]<>{}\"',.;:!?*")
            if not core or "@" in core or any(c.isdigit() for c in core):
                prev = None
                continue
            if "." in core or "/" in core or ":" in core or "=" in core:
                prev = None
                continue
            for w in re.findall(r"[A-Za-z]+", core):
                if len(w) < 2:
                    continue
                w = w.lower()
                feats.append(w)
                if bigrams and prev is not None:
                    feats.append(prev + "_" + w)
                prev = w
    if cls:
        for _ in range(clsw):
            feats.append("#c" + klass)
            feats.append("#m" + cmd)
            feats.append("#c" + klass + cmd)
            if code and m:
                feats.append("#r" + first[m.start(1):m.start(1) + 3])
    return feats


def corpus_rows():
    """(command, reply, reason) of corpus.tsv's failure rows."""
    out = []
    with open(CORPUS, encoding="utf-8") as f:
        for row in f:
            row = row.rstrip("\r\n")
            if not row or row.startswith("#") or row.startswith("command\t"):
                continue
            c = row.split("\t")
            if len(c) < 4 or c[3] == "none":
                continue
            out.append((c[0], c[1], c[3]))
    return out


class NB:
    """Multinomial naive Bayes whose counts can be taken away again (a
    source's rows subtracted: exact leave-one-source-out)."""

    def __init__(self, alpha, minsrc=1):
        self.alpha = alpha
        self.minsrc = minsrc
        self.srcs = collections.Counter()  # w -> sources naming it
        self.wc = collections.defaultdict(collections.Counter)  # r -> w -> n
        self.tot = collections.Counter()  # r -> total words
        self.docs = collections.Counter()  # r -> rows
        self.vocab = collections.Counter()  # w -> rows-ish

    def add(self, feats, r, sign=1):
        self.docs[r] += sign
        for w in feats:
            self.wc[r][w] += sign
            self.tot[r] += sign
            self.vocab[w] += sign

    def scores(self, feats):
        V = sum(1 for w, n in self.vocab.items() if n > 1e-9)
        N = sum(self.docs.values())
        out = {}
        for r, nd in self.docs.items():
            if nd <= 1e-9:
                continue  # a reason only the held-out source had
            s = math.log(nd / N)
            den = math.log(self.tot[r] + self.alpha * V)
            wc = self.wc[r]
            for w in feats:
                if self.vocab.get(w, 0) <= 1e-9 or \
                        (self.srcs.get(w, 0) < self.minsrc and
                         not w.startswith("#")):
                    continue  # unseen (or one source's own) word
                s += math.log(wc.get(w, 0) + self.alpha) - den
            out[r] = s
        return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--corpus", action="store_true")
    ap.add_argument("--bigrams", action="store_true")
    ap.add_argument("--binary", action="store_true",
                    help="a word counts once a row")
    ap.add_argument("--norm", action="store_true",
                    help="margin per known word (lead / words)")
    ap.add_argument("--minsrc", type=int, default=1,
                    help="use a word only if this many other sources name it")
    ap.add_argument("--srcpow", type=float, default=0.0,
                    help="weight a row 1/n^p, n its source's rows")
    ap.add_argument("--alpha", type=float, default=0.1)
    ap.add_argument("--code", action="store_true",
                    help="the reply code as a feature too")
    ap.add_argument("--clsw", type=int, default=1,
                    help="class and command features counted this often")
    ap.add_argument("--no-unknown", action="store_true",
                    help="the model never answers unknown")
    ap.add_argument("--split", action="store_true")
    ap.add_argument("--only-unknown", action="store_true",
                    help="replace only a library answer of unknown")
    ap.add_argument("--show", type=float, default=None,
                    help="list changed guess rows at this margin")
    ap.add_argument("--in-sample", action="store_true",
                    help="do not take the asked row's source out (the "
                    "flattering figure, for comparison only)")
    ap.add_argument("--export", metavar="PATH",
                    help="write the rows for tools/words_lr.c and stop")
    ap.add_argument("--scores", metavar="PATH",
                    help="judge tools/words_lr.c's output instead of "
                    "naive Bayes")
    a = ap.parse_args()

    def feats_of(cmd, reply):
        f = words(cmd, reply, a.bigrams, True, a.code, a.clsw)
        if a.binary:
            f = list(dict.fromkeys(f))
        return f

    lab = sw.labels()
    dump = sw.read_dump(a.dump)
    rows = []  # (fid, no, feats, reason, verdict, reply)
    for (fid, no), (cmd, reply, reason, verdict) in sorted(lab.items()):
        rows.append((fid, no, feats_of(cmd, reply), reason, verdict, reply))
    nb = NB(a.alpha, a.minsrc)
    by_src = collections.defaultdict(list)
    for r in rows:
        by_src[r[0]].append(r)

    def add_src(rs, sign):
        wgt = sign / (len(rs) ** a.srcpow)
        seen = set()
        for r in rs:
            nb.add(r[2], r[3], wgt)
            seen.update(r[2])
        for w in seen:
            nb.srcs[w] += sign

    extra = []
    if a.corpus:
        extra = [("~corpus", i, feats_of(cmd, reply), reason, "-", reply)
                 for i, (cmd, reply, reason) in enumerate(corpus_rows())]
    if a.export or a.scores:
        return logistic(a, rows + extra, dump)
    for rs in by_src.values():
        add_src(rs, 1)
    for r in extra:
        nb.add(r[2], r[3])
        for w in set(r[2]):
            nb.srcs[w] += 1  # each corpus row its own source

    asked = []
    for fid, rs in by_src.items():
        if not a.in_sample:
            add_src(rs, -1)
        for fid_, no, feats, reason, verdict, reply in rs:
            lib = asked_row(dump, fid, no, reply, a.only_unknown)
            if lib is None:
                continue
            sc = nb.scores(feats)
            if a.no_unknown:
                sc.pop("unknown", None)
            best = max(sc, key=sc.get)
            lead = sc[best] - sc.get(lib, min(sc.values()))
            if a.norm:
                k = sum(1 for w in feats if not w.startswith("#") and
                        nb.vocab.get(w, 0) > 0 and
                        nb.srcs.get(w, 0) >= a.minsrc)
                lead = lead / max(k, 1)
            asked.append((sw.half(fid), lib, reason, best, lead, fid, no,
                          reply))
        if not a.in_sample:
            add_src(rs, 1)
    report(a, asked, [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5]
           if a.norm else [0, 2, 4, 6, 8, 10, 12, 15, 20])


def asked_row(dump, fid, no, reply, only_unknown):
    """The library's held-out reason of a world row it only guessed (a
    4xx/5xx), or None."""
    got = dump.get((fid, no, True))
    if got is None or got[2] != "guess":
        return None
    if reply.lstrip()[:1] not in ("4", "5"):
        return None
    if only_unknown and got[0] != "unknown":
        return None
    return got[0]


def logistic(a, rows, dump):
    """--export: one line a row (source, label, asked?, the library's
    reason, features; ids) for tools/words_lr.c, which trains a softmax
    model once per source without that source's rows and prints each
    asked row's log-probabilities; --scores: read them back and tally."""
    feats = {}
    classes = {}
    srcs = {}
    for r in rows:
        for w in r[2]:
            feats.setdefault(w, len(feats))
        classes.setdefault(r[3], len(classes))
        srcs.setdefault(r[0], len(srcs))
    libs = [asked_row(dump, r[0], r[1], r[5], a.only_unknown)
            if r[0] != "~corpus" else None for r in rows]
    for lib in libs:
        if lib is not None:
            classes.setdefault(lib, len(classes))
    if a.export:
        with open(a.export, "w") as f:
            f.write("%d %d %d %d\n" % (len(rows), len(feats), len(classes),
                                         len(srcs)))
            for r, lib in zip(rows, libs):
                ids = sorted(set(feats[w] for w in r[2]))
                f.write("%d %d %d %d %d %s\n" % (
                    srcs[r[0]], classes[r[3]], lib is not None,
                    classes[lib] if lib is not None else -1, len(ids),
                    " ".join(map(str, ids))))
        return
    name = {v: k for k, v in classes.items()}
    asked = []
    with open(a.scores) as f:
        for line in f:
            x = line.split()
            i = int(x[0])
            lp = [float(v) for v in x[1:]]
            fid, no, _f, reason, _v, reply = rows[i]
            lib = libs[i]
            b = max(range(len(lp)), key=lambda c: lp[c])
            asked.append((sw.half(fid), lib, reason, name[b],
                          lp[b] - lp[classes[lib]], fid, no, reply))
    report(a, asked, [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6])


def report(a, asked, margins):

    def tally(h, m):
        before = after = rw = wr = ch = 0
        for hh, lib, reason, best, lead, *_ in asked:
            if h != "all" and hh != h:
                continue
            new = best if lead >= m else lib
            before += lib == reason
            after += new == reason
            ch += new != lib
            rw += lib == reason and new != reason
            wr += lib != reason and new == reason
        return before, after, rw, wr, ch

    n = {h: sum(1 for x in asked if h == "all" or x[0] == h)
         for h in ("dev", "test", "all")}
    print("guess rows (held out): DEV %d TEST %d ALL %d" %
          (n["dev"], n["test"], n["all"]))
    for m in margins:
        line = []
        for h in ("dev", "test", "all"):
            b, af, rw, wr, ch = tally(h, m)
            line.append("%s %d->%d (+%d -%d, %d ch)" %
                        (h.upper(), b, af, wr, rw, ch))
        print("margin %5.2f  %s" % (m, "  ".join(line)))
    if a.split:
        best = max(margins, key=lambda m: (tally("dev", m)[1], m))
        b, af, rw, wr, ch = tally("test", best)
        print("chosen on DEV: margin %s; TEST %d -> %d (+%d -%d)" %
              (best, b, af, wr, rw))
    if a.show is not None:
        for hh, lib, reason, best, lead, fid, no, reply in asked:
            if lead >= a.show and best != lib:
                mark = "W>R" if best == reason else (
                    "R>W" if lib == reason else "W>W")
                print("%s %s %s:%d lib=%s model=%s label=%s lead=%.1f %s" %
                      (mark, hh, fid, no, lib, best, reason, lead,
                       reply[:120]))


if __name__ == "__main__":
    main()
