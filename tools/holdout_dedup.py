#!/usr/bin/env python3
"""Check candidate holdout rows against the labelled corpus (for the keeper of tests/classify/holdout/).

    tools/holdout_dedup.py FILE.tsv [--drop]

A row of FILE (world format) is a duplicate when its reply's code, first enhanced code and words
equal those of a row in tests/classify/world/*.tsv, tests/classify/corpus.tsv, in another tests/classify/holdout/*.tsv, or
earlier in FILE. Addresses, IPs, URLs, domain names and tokens with digits (session ids, queue ids)
are left out of the comparison, so a reply differing from a known one only in those counts as
seen: its text was in view of rule writers. Prints one line per duplicate and exits 1 if any;
--drop rewrites FILE without them.
"""
import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'classify')
TLD = (r'com|net|org|jp|ru|de|fr|br|cn|uk|it|pl|es|nl|io|info|edu|local|example|test|invalid|us|ca|'
       r'au|in|kr|tw|hk|mx|ar|cl|co|eu|se|no|dk|fi|cz|at|ch|be|pt|gr|tr|ua|by|kz|ro|hu|sk|bg|hr|si|'
       r'lt|lv|ee|ie|nz|za|sg|my|th|vn|id|ph')


def key(reply):
    r = reply.replace('\\r\\n', ' ').lower()
    m = re.match(r'\s*(\d{3})[ -]?', r)
    code = m.group(1) if m else ''
    enh = re.findall(r'\b([245]\.\d{1,3}\.\d{1,3})\b', r)
    r = re.sub(r'\b\d{3}[ -]', ' ', r)
    r = re.sub(r'\b[245]\.\d{1,3}\.\d{1,3}\b', ' ', r)
    r = re.sub(r'https?://\S+', ' ', r)
    r = re.sub(r'\S+@\S+', ' ', r)
    r = re.sub(r'\b[\w.-]+\.(' + TLD + r')\b', ' ', r)
    r = re.sub(r'\[?\d+\.\d+\.\d+\.\d+\]?', ' ', r)
    r = re.sub(r'[0-9a-f:]{6,}', ' ', r)
    words = [w for w in re.findall(r'[a-z\u00c0-\uffff]+', r) if len(w) < 25]
    # Every token with a digit goes, as the docstring says (session ids like 'Z27/6DC2420', '8ohqT2RI',
    # 'h16si851737uar.253', provider ids 'E3210', 'AS(201806271)'): the substitutions above cut only
    # hex-looking runs and left the letters of mixed tokens, so a reply differing from a world row only in
    # its session id passed as new. Line by line, after the line's reply-code prefix ('550-', '550 ') is
    # cut, so that words glued to it stay. A reply left with no words this way (a code and a tag such as
    # 'POL-P1' or '[TS01]') keeps the words above: its tag is all that tells it apart.
    plain = []
    for line in reply.lower().split('\\r\\n'):
        line = re.sub(r'^\s*\d{3}(?:[ -]|$)', ' ', line)
        line = re.sub(r'https?://\S+|\S+@\S+|\S*\d\S*', ' ', line)
        line = re.sub(r'\b[\w.-]+\.(' + TLD + r')\b', ' ', line)
        plain += [w for w in re.findall(r'[a-z\u00c0-\uffff]+', line) if len(w) < 25]
    return code, enh[0] if enh else '', ' '.join(plain or words)


def rows(path):
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        f = line.rstrip('\n').split('\t')
        if len(f) > 1 and not line.startswith('#') and f[0] != 'command':
            yield n, f


def main():
    args = [a for a in sys.argv[1:] if a != '--drop']
    if len(args) != 1:
        sys.exit(__doc__)
    cand = os.path.abspath(args[0])
    seen = {}
    # world and corpus.tsv first, so that a reply also held elsewhere is reported as theirs (a row
    # equal to one of theirs must go; two held-out rows equal to each other are only a note)
    for path in (sorted(glob.glob(os.path.join(ROOT, 'world', '*.tsv'))) + [os.path.join(ROOT, 'corpus.tsv')] +
                 sorted(glob.glob(os.path.join(ROOT, 'holdout', '*.tsv')))):
        if os.path.abspath(path) == cand:
            continue
        for _, f in rows(path):
            seen.setdefault(key(f[1]), os.path.basename(path))
    dup = set()
    for n, f in rows(cand):
        k = key(f[1])
        if len(f) != 8:
            print(f'{args[0]}:{n}: {len(f)} columns, want 8')
        if k in seen:
            print(f'{args[0]}:{n}: same as a row of {seen[k]}: {f[1][:80]}')
            dup.add(n)
        else:
            seen[k] = f'line {n}'
    if '--drop' in sys.argv and dup:
        lines = open(cand, encoding='utf-8').read().split('\n')
        open(cand, 'w', encoding='utf-8').write('\n'.join(l for i, l in enumerate(lines, 1) if i not in dup))
    sys.exit(1 if dup else 0)


if __name__ == '__main__':
    main()
