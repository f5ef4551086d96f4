#!/usr/bin/env python3
"""Label-consistency audit of tests/classify/world/*.tsv (issue 13, session 12).

    tools/label_consistency.py              summary, then every disagreeing group
    tools/label_consistency.py -q           summary only
    tools/label_consistency.py -t 0.8       another near-match threshold (default 0.85)
    tools/label_consistency.py --exact      exact normalised text only (no near matches)
    tools/label_consistency.py --any-command  ignore the command column when grouping
    tools/label_consistency.py --unknown-any  a row whose command is UNKNOWN (a reply quoted without
                                              it) is compared with rows of every command
    tools/label_consistency.py --any-class    4xx and 5xx rows compared too; only reason splits listed
                                              (a 4xx and a 5xx may differ in verdict by the guide)
    tools/label_consistency.py WORD...      only groups whose text holds every WORD

The same kind of reply labelled two ways in two sources costs twice: a leave-one-source-out
figure counts the library wrong on one side whatever it answers, and a rule learned from one
side fits one convention only. This lists such groups so each can be settled by the labelling
guide (world/README.md). It reads world/ only (holdout/ is kept out of all knowledge work) and
never the library's answers: the labels are compared with each other, not with the classifier.

How rows are compared.
1. Normalised text: continuation markers of multiline replies ("\\r\\n550-") joined, lower case;
   the reply code and enhanced codes removed (the code class, 2/4/5, is kept in the group key,
   see 3); URLs, addresses (<a@b>, a@b), IPv4/IPv6 addresses, host and domain names (dotted
   names), quoted values ('x', "x", `x`), numbers and tokens mixing letters and digits (queue
   and session ids, provider tags such as ELNK_101: shown in the listing, see 5) become one placeholder each (<url> <addr>
   <ip> <host> <q> <n>); every other run of non-letters is a space.
2. Words: the normalised text's tokens without fillers (articles, "please", "sorry", forms of
   "be"/"have", punctuation): "Sorry, the HELO name is blocked" and "HELO name blocked" are
   the same words. Negations, pronouns and prepositions stay ("not", "you", "from"): the guide
   decides verdicts on who is named.
3. Grouping key: (command, code class). The guide labels text read with its command ("Access
   denied" at the greeting and after RCPT differ), and a 4xx and a 5xx with the same words may
   have different verdicts (4xx retry), so neither is merged. --any-command drops the command;
   --unknown-any keeps it but lets an UNKNOWN row match any command (the guide labels such a row
   by the reading its words give with any command, so it should agree with the named ones).
4. Two rows of one key are in the same group when their word sequences are equal, or when the
   token sets' Jaccard similarity |A & B| / |A | B| is at least the threshold (default 0.85) and
   both sets hold at least 5 tokens. Groups are the connected components of that relation.
   Why 0.85: it is the smallest round value at which one added or dropped word still matches a
   6-word reply (6/7 = 0.857) while one word *replaced* never matches below 12 words (11/13 =
   0.846 < 0.85, 12/14 = 0.857): a changed word in a short reply ("recipient" for "sender",
   "not" added to a 4-word text) is usually the cause itself, so short replies match only when
   equal. At 0.80 (one replacement in 9 words) the extra groups were mostly different causes
   sharing a frame (Postfix's "Recipient address rejected: <cause>"); at 0.90 near-copies that
   differ by a trailing "try again later" fall apart. The 5-token floor keeps two- and three-word
   replies ("access denied", "relay access denied") to exact matches for the same reason.
5. A group is listed when its rows carry more than one reason or more than one verdict. Each row
   is shown as file:line with its labels and reply; the group's codes are shown because the
   guide lets an enhanced code or a provider's tag decide a label (X.1.1, X.7.x, [PH01]), so a
   split that the codes explain is not necessarily a disagreement: the reader decides.

Deterministic (files and rows in sorted order; output identical under any PYTHONHASHSEED) and fast
(under a second for 5,000 rows: pairs are only compared within a key, and only when they share a
token of each set's prefix in rarity order, the all-pairs prefix filter, which cannot drop a pair
at or above the threshold -- see near_pairs(); checked against comparing every pair at 0.75, 0.85
and 0.90). Exit status 0 whatever it finds: it is a report.
"""
import argparse
import collections
import glob
import math
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
WORLD = os.path.join(ROOT, 'tests', 'classify', 'world')

FILLERS = frozenset('''
a an the please sorry kindly is are was were be been being am has have had do does did
it its this that these those here there so then now just which and or
'''.split())

_CONT = re.compile(r'\\r\\n(?:[2-5]\d\d[ -]?)?')
_CODE = re.compile(r'^\s*[2-5]\d\d(?:[ -]|$)')
_ENH = re.compile(r'(?<![\w.])[245]\.\d{1,3}\.\d{1,3}(?![\w.])')
_URL = re.compile(r'(?:https?|ftp)://\S+|www\.\S+')
_ADDR = re.compile(r'<[^<>\s]*@[^<>\s]*>|[^\s<>()\[\]"\',;:]+@[^\s<>()\[\]"\',;:]+|<>')
_IP6 = re.compile(r'\[?(?:ipv6:)?(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\]?')
_IP4 = re.compile(r'\[?\b\d{1,3}(?:\.\d{1,3}){3}\b\]?')
_HOST = re.compile(r'\b[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?)+\b\.?')
_QUOTE = re.compile(r'"[^"]*"|\'[^\'\s][^\']*\'|`[^`]*`')
_NUM = re.compile(r'\b\d[\d.,:]*\b|#\d+')
_ID = re.compile(r'\b(?=[a-z_]*\d)(?=\d*[a-z])[a-z0-9_]{2,}\b')
_TOK = re.compile(r'<(?:url|addr|ip|host|q|n)>|[^\W\d_]+')
_PLACE = {'<url>', '<addr>', '<ip>', '<host>', '<q>', '<n>'}


def normalise(reply):
    """The reply's text with codes dropped and variable parts replaced by placeholders."""
    r = _CONT.sub(' ', reply.strip()).strip()
    r = _CODE.sub(' ', r).lower()
    r = _ENH.sub(' ', r)
    r = _URL.sub(' <url> ', r)
    r = _ADDR.sub(' <addr> ', r)
    r = _IP4.sub(' <ip> ', r)
    r = _IP6.sub(lambda m: ' <ip> ' if m.group(0).count(':') >= 2 and
                 re.search(r'[0-9a-f]', m.group(0)) else m.group(0), r)
    r = _QUOTE.sub(' <q> ', r)
    r = _HOST.sub(lambda m: m.group(0) if re.fullmatch(r'[\d.]+', m.group(0)) else ' <host> ', r)
    r = _ID.sub(' <n> ', r)
    r = _NUM.sub(' <n> ', r)
    return ' '.join(_TOK.findall(r))


SAME = {'ehlo': 'helo', 'blacklisted': 'blocklisted', 'blacklist': 'blocklist',
        'blocklisted': 'blocklisted', 'denylisted': 'blocklisted', 'rejected': 'rejected',
        'refused': 'rejected', 'unavailable': 'unavailable', 'unknow': 'unknown',
        'mailbox': 'mailbox', 'mailboxes': 'mailbox', 'recipients': 'recipient',
        'addresses': 'address', 'messages': 'message', 'e': '', 'mail': 'mail'}


def words(norm):
    """The normalised text's words: fillers and placeholders dropped, spelling variants folded.

    A placeholder marks where a variable went, not what the reply says ("HELO <host> blocked" and
    "HELO/EHLO blocked" say one thing); SAME folds variants a reader takes for one word (EHLO for
    HELO, blacklisted/blocklisted, refused/rejected, plurals of the frame words)."""
    out = []
    for w in norm.split():
        if w in FILLERS or w in _PLACE:
            continue
        w = SAME.get(w, w)
        if w and (not out or out[-1] != w):
            out.append(w)
    return tuple(out)


def code_of(reply):
    m = re.match(r'\s*([2-5]\d\d)', reply)
    enh = _ENH.search(reply.lower())
    return (m.group(1) if m else '---') + (' ' + enh.group(0) if enh else '')


def load():
    """Every world row: (file id, line, command, reply, reason, verdict), in file order."""
    out = []
    for path in sorted(glob.glob(os.path.join(WORLD, '*.tsv'))):
        fid = os.path.basename(path)[:-4]
        with open(path, encoding='utf-8') as fh:
            for n, line in enumerate(fh, 1):
                if line.startswith('#') or line.startswith('command\t'):
                    continue
                f = line.rstrip('\n').split('\t')
                if len(f) < 5:
                    continue
                out.append((fid, n, f[0], f[1], f[3], f[4]))
    return out


class Union:
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, i):
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def join(self, i, j):
        a, b = self.find(i), self.find(j)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def near_pairs(idx, sets, threshold, floor):
    """Pairs (i, j), i < j, of idx whose token sets have Jaccard >= threshold.

    Prefix filter: with tokens ordered by rarity (then name), two sets with Jaccard >= t share a
    token among the first |A| - ceil(t*|A|) + 1 of each (the standard all-pairs bound), so only
    pairs found through those prefixes are compared; the rest cannot reach t."""
    df = collections.Counter(t for i in idx for t in sets[i])
    pref = {}
    for i in idx:
        s = sorted(sets[i], key=lambda t: (df[t], t))
        pref[i] = s[:len(s) - math.ceil(threshold * len(s) - 1e-9) + 1]
    inv = collections.defaultdict(list)
    found = set()
    for i in idx:
        if len(sets[i]) < floor:
            continue
        for t in pref[i]:
            for j in inv[t]:
                if (j, i) in found:
                    continue
                a, b = sets[i], sets[j]
                if len(a & b) >= threshold * len(a | b):
                    found.add((j, i))
            inv[t].append(i)
    return sorted(found)


def groups(rows, threshold, exact, any_command, unknown_any=False, any_class=False):
    bykey = collections.defaultdict(list)
    norm = [normalise(r[3]) for r in rows]
    wseq = [words(x) for x in norm]
    sets = [frozenset(w for w in s) for s in wseq]
    for i, r in enumerate(rows):
        cls = '*' if any_class else code_of(r[3])[0]
        bykey[('*' if any_command or unknown_any else r[2], cls)].append(i)

    def same_command(i, j):
        a, b = rows[i][2], rows[j][2]
        return any_command or a == b or (unknown_any and 'UNKNOWN' in (a, b))

    u = Union(len(rows))
    for key in sorted(bykey):
        idx = bykey[key]
        seen = collections.defaultdict(list)
        for i in idx:
            if not wseq[i]:
                continue  # only placeholders: a bare URL or address says nothing to compare
            for j in seen[wseq[i]]:
                if same_command(i, j):
                    u.join(i, j)
            seen[wseq[i]].append(i)
        if not exact:
            for i, j in near_pairs(idx, sets, threshold, 5):
                if same_command(i, j):
                    u.join(i, j)
    comp = collections.defaultdict(list)
    for i in range(len(rows)):
        comp[u.find(i)].append(i)
    return [v for v in comp.values() if len(v) > 1], norm


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-t', '--threshold', type=float, default=0.85)
    ap.add_argument('-q', '--quiet', action='store_true')
    ap.add_argument('--exact', action='store_true')
    ap.add_argument('--any-command', action='store_true')
    ap.add_argument('--unknown-any', action='store_true')
    ap.add_argument('--any-class', action='store_true')
    ap.add_argument('want', nargs='*')
    a = ap.parse_args()
    rows = load()
    gs, norm = groups(rows, a.threshold, a.exact, a.any_command, a.unknown_any, a.any_class)
    dis = []
    for g in gs:
        reasons = {rows[i][4] for i in g}
        verdicts = {rows[i][5] for i in g}
        if len(reasons) > 1 or (len(verdicts) > 1 and not a.any_class):
            dis.append(g)
    nr = sum(1 for g in dis if len({rows[i][4] for i in g}) > 1)
    nv = sum(1 for g in dis if len({rows[i][5] for i in g}) > 1)
    print(f'world rows: {len(rows)}; groups of 2+ rows: {len(gs)} ({sum(map(len, gs))} rows); '
          f'disagreeing: {len(dis)} ({nr} on reason, {nv} on verdict; '
          f'{sum(map(len, dis))} rows, '
          f'{sum(1 for g in dis if len({rows[i][0] for i in g}) > 1)} across sources)')
    if a.quiet:
        return
    dis.sort(key=lambda g: (-len(g), rows[g[0]][0], rows[g[0]][1]))
    for g in dis:
        text = ' | '.join(sorted({norm[i] for i in g}))
        if a.want and not all(w.lower() in text for w in a.want):
            continue
        c = collections.Counter((rows[i][4], rows[i][5]) for i in g)
        lab = ', '.join(f'{r}/{v} x{n}' for (r, v), n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
        print(f'\n== {rows[g[0]][2]} {code_of(rows[g[0]][3])[0]}xx  [{lab}]  '
              f'"{norm[g[0]][:90]}"')
        for i in sorted(g, key=lambda i: (rows[i][4], rows[i][5], rows[i][0], rows[i][1])):
            fid, n, cmd, reply, reason, verdict = rows[i]
            print(f'  {fid}:{n}\t{cmd}\t{reason}/{verdict}\t{reply[:120]}')


if __name__ == '__main__':
    sys.exit(main())
