#!/usr/bin/env python3
"""reason_prefilter_est.py [CORPUS] - what a fingerprint pre-filter in front
of the reason scan would leave to do, measured before building one
(docs/benchmarks.md, "The reason scan, third pass").

CORPUS is a bench corpus (bench/corpus.txt, or one of bench/make_corpus.py
--big): replies in CR LF lines. Only 4xx and 5xx replies are counted (the
rules read the text of no other). A reply's text is approximated as the
scan sees it: each line's text after its code and enhanced code, lines
joined by a space, case folded, white-space runs one space, a space in
front (gen_phrases.normalise). The patterns are the automaton's: the
phrases of data/reason-phrases.txt, the reply-code tokens and the provider
markers. For each K, counted a reply:

  end filter     positions whose last K bytes end some pattern (an exact
                 set: a hashed bitset only adds false hits)
  flat verify    patterns to compare at those positions if each K-byte
                 ending had a list of the patterns that end in it
  reverse trie   steps of a walk back from each candidate through a trie
                 of the reversed patterns, a run of single-child nodes
                 counted as one step (a 16-byte compare), and the bytes
                 it reads
  restart cover  bytes the present forward automaton would still read if
                 it were restarted from the root where a candidate's
                 longest pattern could start, skipping the rest
Standard library only; slow (pure Python), a few seconds for
bench/corpus.txt."""
import os
import re
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_phrases as g  # noqa: E402


def patterns():
    root = os.path.join(HERE, os.pardir)
    errs = g.Errors()
    header = os.path.join(root, "include", "smtpreply.h")
    reasons = g.read_reasons(header, errs)
    ph = g.read_phrases(os.path.join(root, "data", "reason-phrases.txt"),
                        reasons, errs, g.read_commands(header))
    if errs.items:
        raise SystemExit("\n".join(errs.items))
    return ([p[0] for p in ph] + [c[0] for c in g.code_tokens()] +
            [m.encode() for _, ms in g.PROVIDERS for m in ms])


def texts(path):
    replies, cur = [], []
    for line in open(path, "rb").read().split(b"\r\n"):
        if len(line) < 3:
            continue
        cur.append(line)
        if len(line) == 3 or line[3:4] != b"-":
            replies.append(cur)
            cur = []
    out = []
    for r in replies:
        if r[0][:1] not in (b"4", b"5"):
            continue
        parts = []
        for line in r:
            t = line[4:]
            m = re.match(rb"[245]\.\d{1,3}\.\d{1,3}( |$)", t)
            parts.append(t[m.end():] if m else t)
        s = " ".join(x.decode("latin-1") for x in parts)
        out.append(b" " + g.normalise(s.replace("\x00", " ")))
    return len(replies), out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/corpus.txt"
    pats = patterns()
    nrep, tx = texts(path)
    n = len(tx)
    nbytes = sum(len(t) for t in tx)
    print("%s: %d replies, %d scanned (4xx/5xx), %.1f bytes of text each; "
          "%d patterns, shortest %d bytes" % (path, nrep, n, nbytes / n,
                                              len(pats),
                                              min(len(p) for p in pats)))
    nodes, term = [{}], set()
    for p in pats:
        s = 0
        for c in reversed(p):
            if c not in nodes[s]:
                nodes[s][c] = len(nodes)
                nodes.append({})
            s = nodes[s][c]
        term.add(s)
    print("K  end-filter cand  flat-verify cmps  rev-trie steps (bytes)  "
          "restart-cover bytes   (a reply)")
    for k in (3, 4, 5, 6):
        ends = defaultdict(list)
        longest = defaultdict(int)
        for p in pats:
            key = p[-k:]
            ends[key].append(p)
            longest[key] = max(longest[key], len(p))
        cand = cmps = steps = walked = cover = 0
        for t in tx:
            cur = -1
            for i in range(len(t)):
                keys = [t[max(0, i - j + 1):i + 1] for j in range(1, k + 1)]
                keys = [x for x in keys if x in ends and
                        (len(x) == k or any(len(p) == len(x)
                                            for p in ends[x]))]
                if not keys:
                    continue
                cand += 1
                cmps += sum(len(ends[x]) for x in keys)
                span = max(longest[x] for x in keys)
                start = max(0, i - span + 1)
                cover += i - start + 1 if start > cur + 1 else i - cur
                cur = i
                s, j, run = 0, i, False
                while j >= 0 and t[j] in nodes[s]:
                    s = nodes[s][t[j]]
                    j -= 1
                    walked += 1
                    if len(nodes[s]) != 1 or s in term:
                        steps += 1
                        run = False
                    elif not run:
                        steps += 1
                        run = True
        print("%d  %15.1f  %16.1f  %14.1f (%5.1f)  %19.1f" % (
            k, cand / n, cmps / n, steps / n, walked / n, cover / n))
    print("(the forward automaton today: %.1f bytes a reply, one dependent "
          "load each)" % (nbytes / n))


if __name__ == "__main__":
    main()
