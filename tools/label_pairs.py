#!/usr/bin/env python3
"""List label disagreements between near-identical world rows (issue 13, session 8).

    tools/label_pairs.py            summary: disagreeing groups and rows (reason, verdict)
    tools/label_pairs.py -v         and every disagreeing group with its rows
    tools/label_pairs.py -v WORD    only groups whose words contain WORD
    tools/label_pairs.py --codes    group also by the reply code, the enhanced code and the
                                    provider tags of the reply (ELNK_101, RULE1_1, #886, [CS01],
                                    c=hi): the guide lets a code or a provider's documented tag
                                    decide a label, so a split these explain is not a disagreement

Rows of tests/classify/world/*.tsv are grouped by (command, first digit of the code, words), the
words as tools/holdout_dedup.py's key() reads them: addresses, IPs, URLs, domain names, codes and
tokens with digits left out. A group whose rows carry more than one reason or verdict is a label
disagreement: the same wording read with the same command was labelled two ways, so a rule read
from one side counts as wrong on the other. The labelling guide (world/README.md) is the standard
these are settled by. Only world/ is read (holdout/ is kept out of all knowledge work).
"""
import collections
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from holdout_dedup import key, rows  # noqa: E402

WORLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'classify', 'world')


def tags(reply):
    """The reply code, enhanced code and provider tags: what the guide lets decide a label."""
    r = reply.replace('\\r\\n', ' ').lower()
    m = re.match(r'\s*(\d{3})', r)
    enh = re.findall(r'\b([245]\.\d{1,3}\.\d{1,3})\b', r)
    r = re.sub(r'\S+@\S+|\[?\d+\.\d+\.\d+\.\d+\]?', ' ', r)
    t = re.findall(r'(?<![a-z0-9])(?:[a-z]+_?\d+(?:_\d+)?|#\d+|c=[a-z0-9]+)(?![a-z0-9])', r)
    return (m.group(1) if m else '', enh[0] if enh else '', ' '.join(sorted(set(t))))


def groups(codes=False):
    g = collections.defaultdict(list)
    for path in sorted(glob.glob(os.path.join(WORLD, '*.tsv'))):
        fid = os.path.basename(path)[:-4]
        for n, f in rows(path):
            if len(f) < 5:
                continue
            code, _, words = key(f[1])
            k = (f[0], code[:1], words)
            if codes:
                k += tags(f[1])
            g[k].append((fid, n, f))
    return g


def main():
    verbose = '-v' in sys.argv
    want = [a for a in sys.argv[1:] if a not in ('-v', '--codes')]
    g = groups('--codes' in sys.argv)
    dis = {k: v for k, v in g.items() if len(v) > 1 and
           (len({r[2][3] for r in v}) > 1 or len({r[2][4] for r in v}) > 1)}
    nr = sum(1 for v in dis.values() if len({r[2][3] for r in v}) > 1)
    nv = sum(1 for v in dis.values() if len({r[2][4] for r in v}) > 1)
    rowsn = sum(len(v) for v in dis.values())
    print(f'groups with >1 row: {sum(1 for v in g.values() if len(v) > 1)}; disagreeing groups: '
          f'{len(dis)} ({nr} on reason, {nv} on verdict), rows in them: {rowsn}')
    if not verbose:
        return
    for k, v in sorted(dis.items(), key=lambda kv: -len(kv[1])):
        if want and not all(w.lower() in k[2] for w in want):
            continue
        print(f'\n== {k[0]} {k[1]}xx "{k[2][:100]}" ({len(v)} rows)')
        for fid, n, f in v:
            print(f'  {fid}:{n}\t{f[3]}\t{f[4]}\t{f[1][:110]}')


if __name__ == '__main__':
    main()
