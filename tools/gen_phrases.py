#!/usr/bin/env python3
"""gen_phrases.py PHRASES OUT.c [SHAPE.h] - compile the reason phrases into
src/phrases.c and src/phrases_shape.h.

PHRASES is data/reason-phrases.txt: one
`reason<TAB>phrase[<TAB>strength[<TAB>sources]]` a line, `#` comment lines
and blank lines ignored:
  reason    as in enum smtpreply_reason, lowercase and without the prefix
            (user_unknown); or `quote`: the words with which a reporting
            server introduces another server's reply ("said:"), or
            `about=sender`: words saying the refusal is a check of the
            sender's address, so "user unknown" in it is the sender's;
            `about=NAME` (any other lowercase name): a sign for a rule of
            classify.c that reads rare words (`about=lifecycle`: the
            server's lifecycle rule): the scan sets bit SR_SIGN_NAME of
            struct scan's signs when one is seen, and the rule reads its
            words again, exactly, only then; each of its words contains
            one of its signs (tests/test_signs.py). Never held out;
            `command=CMD`: words that name the command a quoted reply
            answered ("in reply to rcpt to command"); or `name`: the
            phrase (given elsewhere with its reason) is a name, a
            blocklist's or a checking service's ("spamhaus", "surbl"),
            read inside a dotted host name too ("zen.spamhaus.org"),
            where the scan passes over the other one-word phrases
            ("relay.example.org" is a machine's name, not the reply's
            word: sr_ph_label below);
  strength  `strong` (the wording names one cause), `weak` (it usually
            does) or `hint` (a word that leans that way, used only when
            no weak or strong phrase is found); default: the last
            `@strength` line, else strong;
  sources   comma-separated ids of the sources the phrase was learned from
            (tests/classify/world/<id>.tsv names, or an origin such as
            `postfix`); default: the last `@source` line. The evaluation
            holds out a phrase one of whose sources is the held-out one,
            unless one of them is `vocabulary` or `rfc` (knowledge from
            the standards and the reason names, not from any corpus). A
            phrase given twice with the same reason has both lines'
            sources. No id may start with `holdout` (the held-out split,
            tests/classify/holdout/, is never a phrase's source).
Directive lines `@strength strong|weak|hint` and `@source id[,id...]` set the
defaults for the lines after them. The phrases are matched
case-insensitively (ASCII) against the text of a reply, its lines joined by
single spaces and every run of white space read as one space.

The output is an Aho-Corasick automaton as const arrays of small integers
(no pointers, so the shared library needs no relocations for it), in OUT.c,
and its dimensions as macros in SHAPE.h (default: phrases_shape.h next to
OUT.c), so that the scan loop's range tests compare with constants:

  sr_ph_class[256]   byte -> character class; 0 for bytes no phrase uses
                     (they send the automaton back to the root), 'A'-'Z'
                     share the class of 'a'-'z', and every white-space byte
                     has the class of ' ', SR_PH_SPACE; the other classes
                     numbered by how often replies use their bytes (the
                     profile below), so that the columns read most are in
                     a row's first parts
  White space: the text is read with every run of white space as one
  space. The automaton does that itself, so the scanner has no test for
  it: a state whose bytes end in a space keeps still on another space (a
  state where something ends goes to a twin, with the same row and no
  output, so that nothing is reported twice). After a space the automaton
  is always in such a state (the root has an edge on ' ').
  States are numbered in three ranges: [0, SR_PH_NOUT_FIRST) dense states
  where nothing ends, [SR_PH_NOUT_FIRST, SR_PH_NDENSE) dense states where
  something ends, [SR_PH_NDENSE, SR_PH_NSTATE) chain states (nothing
  ends). In each dense range the states the profile names come first,
  in its order (the most read first: their rows' hot parts share cache
  lines), then the others; the root is state 0. The tables hold a state
  as its *word*: a dense state's number
  << SR_PH_SHIFT, a chain state's (SR_PH_NDENSE << SR_PH_SHIFT) + its
  index among the chain states. SR_PH_SHIFT is 3 when every word fits in
  16 bits that way, else 0 (the words are the numbers): with 3, a word is
  the byte offset of its row's part (8 bytes, see sr_ph_rows), so the scan
  loop adds it to the column's address unscaled, with no shift between two
  loads and no scaled index (a cycle more on this Zen 5 host). To fit, the
  dense states that are dense by choice only and read least become chain
  states as needed (FOLD). The scan starts in SR_PH_START (the root after
  a space), a word.
  Dense: the states at most DENSE_DEPTH bytes from the root (where the
  scan spends most of its time), every state with other than one edge,
  every state where something ends and the twins; then the states of the
  chains that are short (SHORT_CHAIN) and the first state of a chain that
  starts at depth HEAD_DEPTH; each has a full row of the DFA.
  sr_ph_rows[]       the rows, COLUMNS (64) entries each, failure links
                     already followed, as words, in sixteen parts: the
                     first HALF (4) columns of every row (the space and
                     the 3 bytes read most: e a t), then the next 4 of
                     every row (o r s i), and so on; class 0, the bytes
                     no phrase uses, in the last column; next =
                     rows[(q * SR_PH_NDENSE + s) * 4 + j % 4] for dense
                     state number s and class k in column j = colpos(k)
                     (k - 1, class 0 the last), part q = j / 4. A part is
                     an eighth of a cache line, and the hot parts of all
                     states are side by side
  sr_ph_col[256]     byte -> where its class's entry of state 0 is in
                     sr_ph_rows ((j / 4) * SR_PH_NDENSE * 4 + j % 4, j its
                     column), so that the scan loop adds s's word (its
                     byte offset, s * 8) to it
  Chain states are numbered in runs, one after another along their edges,
  so that the scan can match a run against the text as a string; the runs
  in the order of the profile's rank of their first state.
  sr_ph_chain[]      by chain state (its index), one 64-bit entry: where
                     its run leads once the whole run matched (the edge of
                     the run's last state, or of the 255th from it; a
                     state word) << 48 | its
                     failure link (a state word, read on a miss) << 32 |
                     how many states of its run are left from it (1-255)
                     << 24 | where its only edge leads (a state word) << 8
                     | 0x80 if its bytes end in a space | the class of that
                     edge; the link beside the edge, so that a miss reads
                     the cache line the edge's test read
  sr_ph_chain_byte[] by chain state + 16: the byte of its edge (the
                     lowercase one of its class); 16 zero bytes before the
                     first and after the last
  sr_ph_out_word[]   by output state (s - SR_PH_NOUT_FIRST): bits 0-13,
                     1 + the index of the best phrase ending there (the
                     longest of the state's suffixes that is a phrase;
                     among equal phrases the first in the file), or 0;
                     bits 16-23, 1 + the provider whose marker ends
                     there, or 0; bit 24 (SR_PH_OUT_SPACED), that phrase
                     holds a space and no '@' after its last one; bit 25
                     (SR_PH_OUT_WORD), it is one
                     word with no '@' (so the scan knows what its bytes
                     in the text are without reading them: see in_name
                     in reason_scan.c); bit 26 (SR_PH_OUT_REASONS), that
                     phrase and every phrase through its suffix links
                     are reason phrases (no other kind of word); bit 27
                     (SR_PH_OUT_LABEL), that phrase is a label word
                     (sr_ph_label): when it is a whole label of a dotted
                     host name, or a whole part of one between '-', the
                     label words that end there are not read
  sr_ph_word[]       per phrase, one word: bits 0-13, 1 + the longest
                     phrase that is a proper suffix of it (what also ends
                     where it ends), or 0; bits 14-15 its strength (2
                     strong, 1 weak, 0 hint); bits 16-23 its reason (as
                     sr_ph_reason); bits 24-31 its length
  sr_ph_reason[]     per phrase: its reason, or SR_PH_PROVIDER + reason (a
                     provider's documented code, below), SR_PH_QUOTE,
                     SR_PH_CODE (a reply code token " 550 ", made here,
                     not in the data), SR_PH_COMMAND + cmd
  sr_ph_code[]       per phrase: the reply code of a code token, else 0
  sr_ph_label[]      per phrase: 1 if it is a reason phrase of letters,
                     digits and '-' only that is not a `name`: one the scan
                     does not read inside a dotted host name (reason_scan.c,
                     host_word); else 0
  sr_ph_src_first[], sr_ph_src[], sr_ph_src_name[], sr_ph_src_pool
                     per phrase its sources (indexes into the names)
  sr_ph_nu8, sr_ph_u8[], sr_ph_u8_off[], sr_ph_u8_byte[], sr_ph_u8_high[]
                     the phrases with a byte of 0x80 or more, which the
                     automaton leaves out (a class a byte, 64 a row): their
                     indexes, bytes and first byte of 0x80 or more, for
                     reason_scan.c's scan_u8

The profile: PROFILE_NAME (data/phrase-profile.txt, next to PHRASES; made
by `gen_phrases.py --profile PHRASES DIR...`, `make profile-phrases`, from
the 4xx and 5xx replies of tests/classify/world/*.tsv, never the bench
corpora) says which bytes and which states the scan reads most. It changes
the layout of the tables only (class numbers, the dense states' numbers),
never what the automaton finds; a state it names that the phrases no longer
have is passed over, and without the file the order is the bytes' and the
phrases'. On the big bench corpus (session 12, docs/benchmarks.md) it took
cachegrind's simulated D1 read misses of `bench --quick --only reason`
1,781,605 -> 1,525,841 (-14%), the scan's 1,317 k -> 1,079 k (-18%),
instructions the same.

Provider codes: the providers' own code systems ([TSS04], AUP#CXBL, DT:SPM,
OFR_416, RULE2_1 ...) are read from data/provider-codes.txt, next to PHRASES:
every record with a `reason:` field contributes the code-shaped phrases of its
`match:` field (one word, no space, with a digit or one of `[ ] # : ( )`; the words of
a record stay with the reason phrases), as SR_PH_PROVIDER + that reason. They
are the providers' documented meanings, not wordings learned from a corpus:
their source is `provider-codes` and the evaluation never holds them out.
classify.c ranks them as the provider's meaning (evidence PROVIDER), above
every phrase and enhanced code. A code given by two records must have one
reason, and may not also be a reason phrase.

The scanner ignores a provider marker that follows an '@' in the same word:
a provider's name in a mail address or a Message-ID, "x@gmail.com", says
nothing about who answered.

Provider markers are not reason data: they live in PROVIDERS below, next to
the only code that reads them.

Every problem in the data is reported as FILE:LINE: message and makes the
run fail. Standard library only; the output is byte-identical on every run.
"""

import os
import re
import sys
from collections import deque

# Who answered, judged from the text. Names are those of
# data/provider-codes.txt. Markers are lowercase; they are matched like the
# phrases (case-insensitive, white space folded).
PROVIDERS = (
    ("google", (
        "gsmtp",                 # "... - gsmtp" closes every Gmail reply
        "google.com",            # support.google.com/mail links, mx.google.com
        "gmail",                 # "gmail-smtp-in", gmail.com help links
        "googlemail",
    )),
    ("microsoft", (
        "outlook.com",           # *.protection.outlook.com, *.prod.outlook.com
        "prod.outlook",
        "exchangelabs",          # *.prod.exchangelabs.com host names
        "hotmail",
        "mail.live.com",
        "[name=protocol filter agent]",
        "protocol filter agent",
        "storedrv",              # STOREDRV.Deliver / STOREDRV.Submission
        "resolver.adr.",         # RESOLVER.ADR.RecipNotFound ...
        "resolver.rst.",
        "outlook.office365.com",
        "microsoft.com",         # go.microsoft.com/fwlink help links
        "smtpsend.",             # SMTPSEND.DNS.NonExistentDomain ...
        "queue.expired",
        "suspiciousremoteservererror",
        "per resource forest",   # Exchange's connection limits
        "using customer block list",
        "access denied, banned sending ip",
    )),
    ("yahoo", (
        "[tss0",                 # [TSS04] [TSS09] [TSS11] ...
        "[tss1",
        "[ts0",                  # [TS01] [TS02] [TS03]
        "yahoo",                 # yahoo.com, yahooinc.com, yahoodns.net
        "ymail",
        "aol.com",
    )),
    # Others, by the host names and help links their replies carry.
    ("apple", ("icloud.com", "apple.com", "mac.com")),
    ("amazon-ses", ("amazonses", "amazon ses", "ses-smtp")),
    ("att", ("att.net", "sbcglobal", "bellsouth.net")),
    ("barracuda", ("barracuda",)),
    ("cisco", ("iphmx", "ironport")),
    ("comcast", ("comcast",)),
    ("cox", ("cox.net", "cox.com", "cmsmtp", "aup#cx")),
    ("godaddy", ("secureserver.net", "godaddy")),
    ("mailchannels", ("mailchannels",)),
    ("mailgun", ("mailgun",)),
    ("mailru", ("mail.ru",)),
    ("mimecast", ("mimecast",)),
    ("netease", ("mail.163.com", "163.com", "126.com", "netease")),
    ("orange", ("orange.fr", "wanadoo", "ofr004", "ofr_")),
    ("proofpoint", ("proofpoint", "pphosted")),
    ("rackspace", ("rackspace", "emailsrvr")),
    ("sendgrid", ("sendgrid",)),
    ("symantec", ("messagelabs", "symantec")),
    ("tencent", ("qq.com", "tencent")),
    ("trendmicro", ("trendmicro", "trend micro")),
    ("united-internet", ("gmx.net", "gmx.de", "gmx.com", "web.de",
                         "1and1", "1und1", "ionos")),
    ("yandex", ("yandex",)),
    ("zoho", ("zoho",)),
)

# States this close to the root get a full row. 3 rather than 2 (issue 13,
# docs/benchmarks.md): most words of a reply enter a chain after three
# bytes and leave it a byte or two later; with the depth-3 states dense,
# a quarter fewer chain visits (each a compare of 16 bytes and a branch the
# predictor misses): 4-6% of the time of parse + action + reason, for
# about 48 KB more rows. Depth 4 (session 7, 3 December 2026): 3,737 ->
# 4,231 dense states, rows 478 -> 541 KB, callgrind -2.5% instructions and
# -5.6% simulated mispredicts on the big bench corpus; timed on an idle
# machine, five alternated pairs of build/bench/bench --only reason: big
# corpus medians 169-176 ns against 175-208 ns at depth 3, small 127-139
# against 128-136 (no worse). Answers identical (tools/reason_dump.c).
DENSE_DEPTH = 4
# Short chains and shallow chain heads dense too (session 8, issue 13 point
# 6). A chain visit costs the scan a branch the predictor mostly misses
# (the loop leaves for the chain and comes back) and some forty
# instructions; on the big bench corpus a chain is entered every 15 bytes
# and 29% of the visits last one byte (the next byte leaves the chain
# again), often a chain of one to three states before a dense state or
# the first state of a long one that the word does not follow. With full
# rows for every state of a chain of SHORT_CHAIN states or fewer, and for
# the first state of every chain that starts HEAD_DEPTH bytes from the
# root, such bytes stay in the dense loop: 4,309 -> 5,654 dense states
# (rows 552 -> 724 KB; the state words still fit 16 bits with
# SR_PH_SHIFT 3 then, which about 6,000 dense states would not). callgrind,
# op_reason, big corpus: instructions 164.3 M -> 157.7 M (-4.0%),
# simulated mispredicts 3.26 M -> 2.86 M (-12%), simulated L1 misses
# (48 KiB) 1.55 M -> 1.70 M (+9%); small corpus 1.369 M -> 1.318 M
# instructions. Chains of up to 4 states alone gave about the same
# instructions and mispredicts with more misses (1.76 M); up to 2 alone
# -2.4% instructions and -6% mispredicts; every chain head (2,072 states)
# does not fit 16-bit words. Answers identical (tools/reason_dump.c).
SHORT_CHAIN = 3
HEAD_DEPTH = 5
COLUMNS = 64       # row width: classes padded to a power of two
# A row is kept in quarters of HALF columns (session 8; two halves of 32
# before): with 32-byte parts two states' hot parts share a cache line,
# and the state words need a shift of 2, not 3, which leaves room in 16
# bits for some 12,000 dense states instead of 6,000. callgrind, op_reason,
# big corpus: simulated D1 misses (48 KiB) 1,735,562 -> 1,594,715 (-8%),
# instructions the same (158.17 M -> 158.20 M), simulated mispredicts
# 2.93 M -> 2.87 M; small corpus misses 15.7 k -> 14.4 k. Per-block minimum
# of parse + action + reason over big.txt, five alternated rounds at load
# 8-9: 169.8-172.6 ns -> 168.5-175.8 (median 171.8 -> 169.2). The room was
# tried for more dense states (every chain head, 6,887 dense states; or
# with chains of up to 4 states, 7,379): fewer simulated mispredicts (2.80
# M, 2.77 M) but more misses and no time gained (median 171.0, 171.4).
# Eighths of 8 columns since session 13: four states' hot parts share a
# line, so fewer lines hold the entries the scan reads (a state read on
# one letter brings in 16 bytes of its row, not 32), and the words need a
# shift of 1 (5,979 dense and 16,976 chain states: 28,934 words). callgrind,
# op_reason, bench --quick on the big corpus: simulated D1 read misses
# 1,324,812 -> 1,300,850 (-1.8%), instructions the same (160.11 M),
# mispredicts 2.967 M -> 2.964 M. Parts of 2 columns (shift 0, index scaled
# by 4) gave as few misses (1,300,064), 1 column (a table a column) more
# (1,286 k against 1,301 k then).
# Quarters of 4 columns (8 bytes) since session 14: the dense words are
# then the parts' byte offsets in 16 bits (after 55 of 6,133 dense states
# by choice became chain states: FOLD), which the scan adds to the
# column's address unscaled: on this Zen 5 host a pointer chase through
# 16-bit words takes about 4 cycles a step with base + index against 5
# with the index scaled by 8. callgrind, op_reason, bench --quick on the
# big corpus: instructions 154.24 M -> 154.26 M, simulated D1 read misses
# 1,284,871 -> 1,309,985 (+2.0%: the parts, not the addressing); parse +
# action + reason, one build alone in tools/reason_ab.c's loop (control),
# the two builds in turn, four rounds at load 10: big corpus 158.7-161.5
# -> 151.1-156.0 ns, small corpus 132.4-134.7 -> 127.8-128.0. Parts of 2
# columns (words of 4 bytes) fit without moving states but missed +4.3%
# and timed between; the same parts with the index scaled by 2 were 5-8%
# slower than unscaled, the addressing's own share.
HALF = 4
# A part's bytes as a shift: a dense state's word is its part's offset.
FOLD = (HALF * 2).bit_length() - 1
MAX_PHRASE = 255
LINE_RE = re.compile(r"^([a-z_0-9]+|command=[A-Z]+|about=[a-z_]+)\t([^\t]*)"
                     r"(?:\t(strong|weak|hint|-)(?:\t([a-z0-9_.,-]+))?)?$")
SRC_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
# Kinds beyond the reasons (values above any enum smtpreply_reason).
PROVIDER, QUOTE, CODE, SENDER, SIGN, COMMAND = 100, 200, 201, 202, 203, 224
# The signs' names (about=NAME), in the order they first appear in the data:
# sign k is kind SIGN + k, bit k of struct scan's signs (SR_SIGN_NAME in
# phrases_shape.h). Room for COMMAND - SIGN of them.
SIGN_NAMES = []
# The `name` lines: phrase bytes -> line number (read_phrases).
HOST_NAMES = {}
# The bytes of a host name's label (lowercase: the phrases are).
LABEL_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789-")
# A match phrase that names a code rather than words: one word (no space) with
# a digit or a bracket, '#', ':' ([TSS04], AUP#CXBL, DT:SPM, (S3150)). A
# wording with a colon ("recipient address rejected: access denied") is words.
CODE_SHAPE_RE = re.compile(r"^[^ ]*[0-9\[\]#:()][^ ]*$")
COMMANDS = ("GREETING", "EHLO", "HELO", "MAIL", "RCPT", "DATA", "DOT")
WS = b" \t\r\n\v\f"


class Errors:
    def __init__(self):
        self.items = []

    def add(self, path, line, msg):
        self.items.append("%s:%s: %s" % (path, line, msg))


def read_reasons(header, errors):
    """enum smtpreply_reason from the public header: name -> value."""
    try:
        with open(header, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        errors.add(header, 0, "cannot read: %s" % e)
        return {}
    m = re.search(r"enum smtpreply_reason\s*\{(.*?)\}", text, re.S)
    if not m:
        errors.add(header, 0, "enum smtpreply_reason not found")
        return {}
    reasons = {}
    for name, value in re.findall(r"SMTPREPLY_REASON_([A-Z_0-9]+)\s*=\s*(\d+)",
                                  m.group(1)):
        reasons[name.lower()] = int(value)
    return reasons


def normalise(raw):
    """Lowercase ASCII, every white-space run one space, ends trimmed."""
    b = raw.encode("utf-8")
    out = bytearray()
    space = False
    for c in b:
        if c in WS:
            space = True
            continue
        if space and out:
            out.append(0x20)
        space = False
        if 0x41 <= c <= 0x5A:
            c += 0x20
        out.append(c)
    return bytes(out)


def read_commands(header):
    with open(header, encoding="utf-8") as f:
        text = f.read()
    return {n: int(v) for n, v in re.findall(
        r"SMTPREPLY_CMD_([A-Z]+)\s*=\s*(\d+)", text)}


def read_phrases(path, reasons, errors, commands=None):
    phrases = []  # (bytes, reason value, line, strong, sources)
    seen, index = {}, {}
    strength, sources = "strong", ("-",)
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        errors.add(path, 0, "cannot read: %s" % e)
        return phrases
    for no, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("@strength "):
            strength = line.split(" ", 1)[1].strip()
            if strength not in ("strong", "weak", "hint"):
                errors.add(path, no, "@strength must be strong, weak or hint")
            continue
        if line.startswith("@source "):
            sources = tuple(x for x in line.split(" ", 1)[1].strip()
                            .split(","))
            if not all(SRC_RE.match(x) for x in sources):
                errors.add(path, no, "bad @source ids")
            continue
        m = LINE_RE.match(line)
        if not m:
            errors.add(path, no, "expected 'reason<TAB>phrase"
                       "[<TAB>strong|weak[<TAB>sources]]'")
            continue
        name, raw = m.group(1), m.group(2)
        st = m.group(3) if m.group(3) not in (None, "-") else strength
        src = tuple(m.group(4).split(",")) if m.group(4) else sources
        # tests/classify/holdout/ is the split no knowledge is built from
        # (tests/classify/README.md): a phrase citing one of its files
        # would be learned from the replies that measure it.
        if any(x.startswith("holdout") for x in src):
            errors.add(path, no, "a phrase may not cite a holdout source "
                       "(tests/classify/holdout/ is kept out of the phrases)")
        if name == "name":
            # Not a phrase of its own: a mark on one given with a reason
            # (checked below, when all are read).
            HOST_NAMES.setdefault(normalise(raw), no)
            continue
        if name == "quote":
            value = QUOTE
        elif name == "about=sender":
            value = SENDER
        elif name.startswith("about="):
            sign = name.split("=", 1)[1]
            if sign not in SIGN_NAMES:
                if len(SIGN_NAMES) == COMMAND - SIGN:
                    errors.add(path, no, "more than %d about= signs"
                               % (COMMAND - SIGN))
                    continue
                SIGN_NAMES.append(sign)
            value = SIGN + SIGN_NAMES.index(sign)
        elif name.startswith("command="):
            c = name.split("=", 1)[1]
            if c not in COMMANDS or commands is None or c not in commands:
                errors.add(path, no, "command= one of %s" % " ".join(COMMANDS))
                continue
            value = COMMAND + commands[c]
        elif name not in reasons or name == "none" or name == "unknown":
            errors.add(path, no, "unknown reason '%s'" % name)
            continue
        else:
            value = reasons[name]
        p = normalise(raw)
        if not p:
            errors.add(path, no, "empty phrase")
            continue
        if len(p) > MAX_PHRASE:
            errors.add(path, no, "phrase longer than %d bytes" % MAX_PHRASE)
            continue
        if p in seen:
            first_no, first_reason = seen[p]
            if first_reason != value:
                errors.add(path, no, "phrase '%s' already given another "
                           "reason on line %d" % (p.decode(), first_no))
                continue
            # A repeat with the same reason: the first line's strength
            # counts, and the phrase has both lines' sources.
            i = index[p]
            old = phrases[i]
            merged = old[4] + tuple(x for x in src if x not in old[4])
            phrases[i] = old[:4] + (merged,)
            continue
        seen[p] = (no, value)
        index[p] = len(phrases)
        phrases.append((p, value, no, {"strong": 2, "weak": 1, "hint": 0}[st],
                        src))
    if not phrases:
        errors.add(path, 0, "no phrases")
    for p, no in sorted(HOST_NAMES.items(), key=lambda x: x[1]):
        if p not in index or phrases[index[p]][1] >= PROVIDER:
            errors.add(path, no, "'name' marks a phrase given with a reason "
                       "elsewhere in the file; '%s' is none" % p.decode())
        elif not set(p) <= LABEL_BYTES:
            errors.add(path, no, "'name' marks a phrase the scan reads in a "
                       "host name anyway (it holds a byte other than a "
                       "letter, a digit or '-'): '%s'" % p.decode())
    return phrases


def read_provider_codes(path, reasons, errors):
    """The code-shaped match phrases of data/provider-codes.txt's records
    that carry a `reason:` field: (bytes, PROVIDER + reason, line, 2,
    ("provider-codes",)). Only the two fields are read; tools/gen_table.py
    checks the records otherwise."""
    out, seen = [], {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        errors.add(path, 0, "cannot read: %s" % e)
        return out

    def flush(rec):
        if rec is None or "reason" not in rec:
            return
        no, name = rec["reason"]
        if name not in reasons or name in ("none", "unknown"):
            errors.add(path, no, "unknown reason '%s'" % name)
            return
        if "match" not in rec:
            errors.add(path, no, "a 'reason:' needs a 'match:' field")
            return
        mno, text = rec["match"]
        codes = [normalise(x) for x in text.split("|")
                 if CODE_SHAPE_RE.search(x.strip())]
        if not codes:
            errors.add(path, mno, "'reason:' given but no match phrase "
                       "is a code (one word with a digit or one of [ ] # : ( ))")
        value = PROVIDER + reasons[name]
        for c in codes:
            if c in seen:
                if seen[c][1] != value:
                    errors.add(path, mno, "code '%s' has another reason on "
                               "line %d" % (c.decode(), seen[c][0]))
                continue
            seen[c] = (mno, value)
            out.append((c, value, mno, 2, ("provider-codes",)))

    rec = None
    for no, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if line.startswith("%%"):
            flush(rec)
            rec = {}
        elif rec is not None and not line.startswith("#"):
            m = re.match(r"^(match|reason): (.*)$", line)
            if m:
                rec[m.group(1)] = (no, m.group(2).strip())
    flush(rec)
    return out


def code_tokens():
    """A reply code as a word of its own, " 550 " or " 550-": where a
    quoted reply starts, or where the next reply of a session starts."""
    out = []
    for code in range(400, 600):
        for sep in (b" ", b"-"):
            out.append((b" %d" % code + sep, CODE, 0, 2, ("-",), code))
    return out


def build(phrases, providers, profile=None, texts=None):
    """The automaton. Returns a dict of the arrays to print. profile:
    read_profile's (byte order, state ranks), for the classes' and the
    dense states' order (or None: the order of the bytes and of the
    phrases). texts: replies' texts to walk for profile_main (then
    a["visits"] holds every state's (reads, kind, bytes))."""
    phrases = [x + (0,) for x in phrases] + code_tokens()
    markers = []  # (bytes, provider value: 1..)
    for i, (_, ms) in enumerate(providers):
        for m in ms:
            markers.append((m.encode(), i + 1))

    # ' ' always has a class: the scanner feeds it between lines.
    # Classes in the order of how often replies use them (the profile's
    # `bytes` line: ' ', e, a, t, o, r ...; without one ' ' and the
    # letters first), so that the columns the scan reads most are in a
    # row's first quarter (sr_ph_rows below).
    # Phrases with a byte of 0x80 or more (UTF-8: Japanese, Chinese,
    # Korean, Cyrillic, Latin letters with diacritics) stay out of the
    # automaton: their bytes would each need a class of their own, and a
    # row has COLUMNS of them. reason_scan.c's scan_u8 looks for them, only
    # in a reply whose parse saw such a byte (SMTPREPLY_F_EIGHT_BIT).
    u8 = [any(c >= 0x80 for c in ph[0]) for ph in phrases]
    alphabet = sorted({c for p, w in zip(phrases, u8) if not w for c in p[0]} |
                      {c for m, _ in markers for c in m} | {0x20},
                      key=lambda c: (c != 0x20, not 0x61 <= c <= 0x7A, c))
    if profile is not None and profile[0]:
        often = profile[0]
        alphabet.sort(key=lambda c: (c != 0x20, c not in often,
                                     often.find(bytes([c])), c))
    # reason_scan.c's fold_eq16 takes a chain byte above 0x60 for a
    # lowercase letter (the text's byte there is compared with 0x20 ORed
    # in): no other byte above 0x60 may be in the automaton.
    odd = [c for c in alphabet if c > 0x60 and not 0x61 <= c <= 0x7A]
    if odd:
        raise SystemExit("gen_phrases.py: byte(s) %s above 0x60 that are "
                         "not letters: reason_scan.c's fold_eq16 would "
                         "fold them; change it first" %
                         ", ".join("0x%02x" % c for c in odd))
    cls = {c: i + 1 for i, c in enumerate(alphabet)}
    nclass = len(alphabet) + 1
    if nclass > 255:
        raise SystemExit("gen_phrases.py: too many distinct bytes")

    goto = [dict()]
    depth = [0]
    ends_space = [False]  # the state's bytes end in a space
    term = [0]   # 1 + phrase index, first in file
    pterm = [0]  # provider value of a marker ending here

    def insert(word):
        s = 0
        for c in word:
            k = cls[c]
            nxt = goto[s].get(k)
            if nxt is None:
                nxt = len(goto)
                goto.append(dict())
                depth.append(depth[s] + 1)
                ends_space.append(c == 0x20)
                term.append(0)
                pterm.append(0)
                goto[s][k] = nxt
            s = nxt
        return s

    term_state = []
    for i, ph in enumerate(phrases):
        if u8[i]:
            term_state.append(None)
            continue
        s = insert(ph[0])
        term_state.append(s)
        if term[s] == 0:
            term[s] = i + 1
    for m, v in markers:
        s = insert(m)
        if pterm[s] == 0:
            pterm[s] = v

    n = len(goto)
    if n > 65535:
        raise SystemExit("gen_phrases.py: more than 65535 states")
    fail = [0] * n
    match = [0] * n
    prov = [0] * n
    order = []
    q = deque()
    for k, s in sorted(goto[0].items()):
        q.append(s)
    while q:
        s = q.popleft()
        order.append(s)
        for k, t in sorted(goto[s].items()):
            f = fail[s]
            while f and k not in goto[f]:
                f = fail[f]
            fail[t] = goto[f].get(k, 0) if goto[f].get(k, 0) != t else 0
            q.append(t)
    # Outputs in BFS order, so a state's failure target is final already.
    for s in order:
        match[s] = term[s] or match[fail[s]]
        prov[s] = pterm[s] or prov[fail[s]]

    def delta(s, k):
        while s and k not in goto[s]:
            s = fail[s]
        return goto[s].get(k, 0)

    outs, out, seen = [], [0] * n, {}
    for s in range(n):
        key = (match[s], prov[s])
        if key == (0, 0):
            continue
        if key not in seen:
            seen[key] = len(outs)
            outs.append(key)
        out[s] = seen[key] + 1
    if len(outs) > 65534:
        raise SystemExit("gen_phrases.py: too many outputs")

    # White space: the text's runs of it read as one space. Rather than
    # the scanner skipping the second and later bytes of a run (a test and
    # a branch on every byte), the automaton ignores them: a state whose
    # bytes end in a space stays where it is on another space. No phrase
    # holds two spaces in a row (normalise), and the root has an edge on
    # ' ' (the code tokens start with one), so after a space the automaton
    # is always in such a state. A state where something ends must not
    # report it again on the run's next space: it goes instead to a twin
    # (same row, nothing ends), which is its failure state when that has
    # the same row (a leaf whose failure state reports nothing), else a
    # copy of its row.
    space = cls[0x20]
    assert goto[0].get(space), "the root needs an edge on ' '"
    twin_of = {}  # state -> twin (a state number >= n for a copy)
    copies = []   # states whose row is copied
    for s in range(n):
        if not ends_space[s] or not out[s]:
            continue
        f = fail[s]
        if not goto[s] and not out[f] and ends_space[f]:
            twin_of[s] = f
        else:
            twin_of[s] = n + len(copies)
            copies.append(s)
    n_all = n + len(copies)
    if n_all > 65535:
        raise SystemExit("gen_phrases.py: more than 65535 states")

    def delta_ws(s, k):
        """The scan's transition: the DFA's, but a state ending in a space
        stays (or goes to its twin) on another space."""
        if s >= n:                       # a copy: its original's row
            o = copies[s - n]
            return s if k == space else delta_ws(o, k)
        if k == space and ends_space[s]:
            return twin_of.get(s, s)
        return delta(s, k)

    # Layout. Dense states have a full row of the DFA (failure links
    # already followed): the shallow ones (where the scan spends most of
    # its time), every state with other than one edge, every state where
    # something ends, and the twins copied. The rest are links of a chain:
    # one edge, else their failure link (or themselves, on a space, when
    # they end in one). Numbering: dense states without output first,
    # then dense states with output, then chain states; so "something
    # ends here" is a range test on the state number, with no load.
    dense_set = [depth[s] <= DENSE_DEPTH or len(goto[s]) != 1 or out[s] != 0
                 for s in range(n)] + [True] * len(copies)
    # Each state by its bytes (the path from the root; a twin copy as its
    # original's, kind 't'), as the profile names them.
    path = [b""] * n
    for s in [0] + order:
        for k, t in goto[s].items():
            path[t] = path[s] + bytes([alphabet[k - 1]])

    def state_key(s):
        return ("t", path[copies[s - n]]) if s >= n else ("s", path[s])
    visits = None
    if texts is not None:
        # profile_main: each state's reads over the texts, the scan's
        # walk (from the root after a space, white space as one space).
        kcls = [0] * 256
        for c, k in cls.items():
            kcls[c] = k
            if 0x61 <= c <= 0x7A:
                kcls[c - 0x20] = k
        for c in WS:
            kcls[c] = cls[0x20]
        visits = [0] * (n + len(copies))
        memo = {}
        first = delta_ws(0, cls[0x20])
        for text in texts:
            st = first
            for c in text:
                visits[st] += 1
                key = (st, kcls[c])
                nxt = memo.get(key)
                if nxt is None:
                    nxt = memo[key] = delta_ws(st, kcls[c])
                st = nxt
    # The chains as the rule above leaves them: from each state whose
    # parent is dense and which is not, along single edges to the next
    # dense state. Short ones, and the first state of one that starts at
    # HEAD_DEPTH, get full rows (what is left of a chain stays a chain).
    heads = sorted(set(t for s in range(n) if dense_set[s]
                       for t in goto[s].values() if not dense_set[t]))
    for h in heads:
        run_states, t = [], h
        while t < n and not dense_set[t]:
            run_states.append(t)
            (k, t), = goto[t].items()
        if len(run_states) <= SHORT_CHAIN:
            for t in run_states:
                dense_set[t] = True
        elif depth[h] == HEAD_DEPTH:
            dense_set[h] = True
    # The state words must fit 16 bits with dense words that are their
    # rows' part offsets ((ndense << FOLD) + the chain states: see the
    # shift below). When they do not, the dense states that are dense by
    # choice only (one edge, nothing ends, not the root's children: the
    # depth, short-chain and head rules above) become chain states, the
    # ones the profile reads least first: the same automaton, fewer rows.
    ranks = profile[1] if profile is not None else {}
    ndense_all = sum(dense_set)
    over = (ndense_all << FOLD) + (n_all - ndense_all) - 0xFFFF
    if over > 0:
        optional = sorted(
            (s for s in range(1, n) if dense_set[s] and depth[s] >= 2 and
             len(goto[s]) == 1 and out[s] == 0 and
             not (ends_space[s] and next(iter(goto[s])) == space)),
            key=lambda x: (-ranks.get(("s", path[x]), len(ranks)),
                           -depth[x], -x))
        drop = -(-over // ((1 << FOLD) - 1))
        if drop > len(optional):
            raise SystemExit("gen_phrases.py: too many states for 16-bit "
                             "state words")
        for s in optional[:drop]:
            dense_set[s] = False
    out_all = out + [0] * len(copies)
    chain_parent_is_chain = set()
    for s in range(n):
        if not dense_set[s]:
            for t in goto[s].values():
                if not dense_set[t]:
                    chain_parent_is_chain.add(t)
    # Chain states in runs: a chain's states numbered one after the other
    # along its edges (each has one edge, and a state has one parent), so
    # that the scan can match a run of them against the text as a string.
    # The runs in the order of the profile's rank of their first state
    # (those it does not name after them, in the order of the phrases):
    # the runs the replies read most side by side in sr_ph_chain and
    # sr_ph_chain_byte, as the dense rows are (session 13: simulated D1
    # read misses of `bench --quick --only reason` on the big corpus
    # 1,316 k -> 1,301 k with the run's exit below).
    ranks = profile[1] if profile is not None else {}
    chains = []
    for s in sorted((s for s in range(n) if not dense_set[s] and
                     s not in chain_parent_is_chain),
                    key=lambda x: (ranks.get(("s", path[x]), len(ranks)), x)):
        while s < n and not dense_set[s]:
            chains.append(s)
            (k, t), = goto[s].items()
            s = t
    # Dense states in their two ranges by the profile's rank (the states
    # the replies read most first, their rows' quarters side by side in
    # the cache; the root first), those it does not name after them in
    # the order of the phrases.
    ranks = profile[1] if profile is not None else {}

    def by_rank(states):
        return sorted(states, key=lambda x: (x != 0, ranks.get(
            state_key(x), len(ranks)), x))
    order = (by_rank([s for s in range(n_all)
                      if dense_set[s] and not out_all[s]]) +
             by_rank([s for s in range(n_all)
                      if dense_set[s] and out_all[s]]) +
             chains)
    assert len(order) == n_all
    assert order[0] == 0
    num = [0] * n_all
    for i, s in enumerate(order):
        num[s] = i
    ndense = sum(dense_set)
    nout_first = sum(1 for s in range(n_all)
                     if dense_set[s] and not out_all[s])
    if nclass >= COLUMNS:
        raise SystemExit("gen_phrases.py: %d classes or more (class 0 "
                         "takes the last column)" % COLUMNS)
    # The scan's state word: a dense state's number << shift, a chain
    # state's (ndense << shift) + its index among the chain states. With
    # shift 1 a word times 8 is its row's byte offset (an eighth of a row:
    # 8 columns of 2 bytes), which x86 folds into the load's address: the
    # dense loop's chain from one byte's state to the next is one load, no
    # shift (5,979 dense and 16,976 chain states: 28,934 words). If
    # the words do not fit in 16 bits with it, shift 0: the state numbers
    # themselves (the scan's source reads SR_PH_SHIFT and works either way).
    nchain = n_all - ndense
    # A row's part is HALF * 2 bytes: with the shift that makes a dense
    # state's word its part's byte offset (2 for parts of 2 columns, 4
    # bytes), the scan's load of the next state adds the word to the
    # column's address unscaled, which on this Zen 5 host is a cycle
    # faster on the dense loop's chain of dependent loads than a scaled
    # index (a pointer chase over the same 16-bit words: about 4 against
    # 5 cycles a step). Larger parts do not fit: 16-byte eighths would
    # need ndense * 16 + nchain words.
    fold = FOLD
    shift = fold if (ndense << fold) + nchain <= 0xFFFF else 0
    if shift == 0:
        sys.stderr.write("gen_phrases.py: note: %d dense and %d chain states "
                         "do not fit 16-bit state words with shift %d; "
                         "SR_PH_SHIFT 0 (the index scaled in the scan "
                         "loop)\n" % (ndense, nchain, fold))

    def word(x):
        return x << shift if x < ndense else (ndense << shift) + x - ndense

    # The rows in parts of HALF columns: every dense state's first HALF
    # columns (the space and the first letters) one after
    # another, then every state's next HALF (the other letters), and so on.
    # A part is 16 bytes, a quarter of a cache line, so that the hot parts
    # of consecutive states are side by side and use every set of the L1
    # cache; with whole rows of 128 bytes the letter halves all fell in
    # its even sets (half the cache) and the other halves, rarely read,
    # held the odd ones.
    # Class k's column is colpos(k): class 0 (bytes no phrase uses, rare
    # in replies) and class HALF (the most read byte outside the first
    # part) trade places, so that a row's first part holds the HALF
    # classes read most (src/reason_scan.c, col_of, does the same).
    if nclass <= HALF:
        raise SystemExit("gen_phrases.py: %d classes, too few to move "
                         "class 0 out of a row's first part" % nclass)
    full = [[word(num[delta_ws(s, k)]) if k else 0 for k in range(COLUMNS)]
            for s in order[:ndense]]
    full = [[r[classat(j)] if classat(j) < nclass else 0
             for j in range(COLUMNS)] for r in full]
    rows = [x for q in range(0, COLUMNS, HALF) for r in full
            for x in r[q:q + HALF]]
    # A chain state in one 32-bit word: how many states of its run are left
    # from it, at most 255 (bits 24-31), where its edge leads (bits 8-23),
    # whether it ends in a space (bit 7: it stays on a space) and its
    # edge's class (bits 0-6); its failure link in bits 32-47 of the same
    # 64-bit entry (read on a miss: one cache line for a state's edge and
    # link, not two arrays' lines; the 32-bit word has no 16 bits free).
    # And for the string match, the byte of each one's edge (the lowercase
    # one of its class).
    chain, chain_fail, chain_byte = [], [], []
    for s in order[ndense:]:
        (k, t), = goto[s].items()
        assert not (ends_space[s] and k == space)
        chain.append(word(num[t]) << 8 | (0x80 if ends_space[s] else 0) | k)
        chain_fail.append(word(num[fail[s]]))
        chain_byte.append(alphabet[k - 1])
    run = [0] * len(chain)  # states of its run left from each
    for i in range(len(chain) - 1, -1, -1):
        more = (i + 1 < len(chain) and
                chain[i] >> 8 == word(ndense + i + 1))
        run[i] = 1 + (run[i + 1] if more else 0)
    # And where the run leads once all of it matched (the edge of its
    # state run - 1 on): bits 48-63, so that the scan's step over a whole
    # run reads no entry but the first (the last one was a second cache
    # line, often a miss: session 13, simulated D1 read misses of `bench
    # --quick --only reason` on the big corpus 1,373 k -> 1,316 k).
    chain = [w | min(255, r) << 24 | f << 32 |
             (chain[i + min(255, r) - 1] >> 8 & 0xFFFF) << 48
             for i, (w, r, f) in enumerate(zip(chain, run, chain_fail))]
    out_dense = [out_all[s] for s in order[nout_first:ndense]]
    start = word(num[delta_ws(0, space)])

    bytecls = [0] * 256
    for c, k in cls.items():
        bytecls[c] = k
        if 0x61 <= c <= 0x7A:
            bytecls[c - 0x20] = k
    for c in WS:
        bytecls[c] = space

    return {
        "nclass": nclass, "nstate": n_all, "space": space,
        "class": bytecls, "rows": rows, "ndense": ndense,
        "col": [(colpos(k) // HALF) * ndense * HALF + colpos(k) % HALF
                for k in bytecls],
        "nout_first": nout_first, "chain": chain, "start": start,
        "shift": shift,
        "ncopy": len(copies),
        "chain_byte": chain_byte,
        "out": out_dense, "out_phrase": [o[0] for o in outs],
        "out_prov": [o[1] for o in outs],
        "len": [len(ph[0]) for ph in phrases],
        "bytes": [ph[0] for ph in phrases],
        "reason": [ph[1] for ph in phrases],
        "strong": [ph[3] for ph in phrases],
        "code": [ph[5] for ph in phrases],
        "label": [int(ph[1] < PROVIDER and set(ph[0]) <= LABEL_BYTES and
                      ph[0] not in HOST_NAMES) for ph in phrases],
        "next": [0 if s is None else match[fail[s]] for s in term_state],
        "u8": [i for i, w in enumerate(u8) if w],
        "sources": [ph[4] for ph in phrases],
        "nmarker": len(markers),
        "visits": None if visits is None else sorted(
            ((v,) + state_key(s) for s, v in enumerate(visits) if v),
            key=lambda x: (-x[0], x[1], x[2])),
    }


def colpos(k):
    """The column of class k in a row: the last for class 0 (bytes no
    phrase uses, rare in replies: with parts of 2 columns it shared the
    second part, with 'a', when it traded places with class HALF), the
    others one to the left of their number (the space and the byte read
    most in the first part)."""
    return COLUMNS - 1 if k == 0 else k - 1


def classat(j):
    """The class in column j (colpos's inverse; a column past the
    classes, a padding entry)."""
    return 0 if j == COLUMNS - 1 else j + 1


def c_array(out, ctype, name, values, per_line=16, align=""):
    out.append("%sconst %s %s[%d] = {" % (align, ctype, name, len(values)))
    for i in range(0, len(values), per_line):
        # (a value past INT64_MAX is unsigned by its suffix: a chain
        # entry whose bits 48-63 hold a word of 32,768 or more)
        out.append("\t" + ", ".join(str(v) + ("u" if v > 0x7FFFFFFFFFFFFFFF
                                              else "")
                                     for v in values[i:i + per_line]) +
                   ",")
    out.append("};")
    out.append("")


def render(a, phrases_path, providers):
    out = []
    out.append("/* phrases.c - GENERATED by tools/gen_phrases.py from %s;"
               % phrases_path)
    out.append(" * do not edit: change the data and run `make regen`.")
    out.append(" *")
    out.append(" * An Aho-Corasick automaton over %d reason phrases and %d "
               "provider markers:" % (len(a["len"]), a["nmarker"]))
    out.append(" * %d states (%d with full rows of %d, %d of them where "
               "something ends)," % (a["nstate"], a["ndense"], COLUMNS,
                                     a["ndense"] - a["nout_first"]))
    out.append(" * %d character classes." % a["nclass"])
    out.append(" * Layout: src/phrases.h. */")
    out.append('#include "phrases.h"')
    out.append("")
    out.append("const uint16_t sr_ph_nstate = %d;" % a["nstate"])
    out.append("const uint16_t sr_ph_nphrase = %d;" % len(a["len"]))
    out.append("const uint8_t sr_ph_nclass = %d;" % a["nclass"])
    out.append("")
    pool = b""
    offs = []
    for name, _ in providers:
        offs.append(len(pool))
        pool += name.encode() + b"\0"
    out.append("const uint8_t sr_ph_nprovider = %d;" % len(providers))
    out.append("const char sr_ph_provider_pool[%d] = \"%s\";" % (
        len(pool), pool[:-1].decode().replace("\0", "\\0")))
    c_array(out, "uint8_t", "sr_ph_provider_name", offs)
    c_array(out, "uint8_t", "sr_ph_class", a["class"])
    c_array(out, "uint32_t", "sr_ph_col", a["col"], 8)
    # Rows start on a cache line (a half row, 64 bytes, is one line).
    c_array(out, "uint16_t", "sr_ph_rows", a["rows"], 16,
            "_Alignas(128) ")
    c_array(out, "uint64_t", "sr_ph_chain", a["chain"], 6)
    # 16 zero bytes before and after, so that a 16-byte load that starts
    # up to 15 states before a chain state or at it is in bounds.
    c_array(out, "uint8_t", "sr_ph_chain_byte",
            [0] * 16 + a["chain_byte"] + [0] * 16)
    # What ends in each output state, and each phrase's facts, in one
    # word each (the scan's output() reads one word, not three arrays).
    if len(a["len"]) + 1 > 0x3fff or len(providers) + 1 > 0xff:
        raise SystemExit("gen_phrases.py: too many phrases or providers "
                         "for sr_ph_out_word/sr_ph_word")
    def out_word(o):
        ph, pv = a["out_phrase"][o - 1], a["out_prov"][o - 1]
        w = ph | pv << 16
        if ph:
            b = a["bytes"][ph - 1]
            if b" " in b:
                if b"@" not in b.rsplit(b" ", 1)[1]:
                    w |= 1 << 24   # SR_PH_OUT_SPACED
            elif b"@" not in b:
                w |= 1 << 25   # SR_PH_OUT_WORD
            m = ph
            while m and a["reason"][m - 1] < PROVIDER:
                m = a["next"][m - 1]
            if m == 0:
                w |= 1 << 26   # SR_PH_OUT_REASONS
            # The longest phrase decides for those that end with it:
            # "locked" in "blocked.example.net" is part of the label
            # word "blocked", and a name's ("dnsbl-lookup") are read
            # with it, as is one that spans a space or holds a dot.
            if a["label"][ph - 1]:
                w |= 1 << 27   # SR_PH_OUT_LABEL
        return w
    c_array(out, "uint32_t", "sr_ph_out_word",
            [out_word(o) for o in a["out"]], 8)
    c_array(out, "uint32_t", "sr_ph_word",
            [nx | st << 14 | r << 16 | ln << 24 for nx, st, r, ln in
             zip(a["next"], a["strong"], a["reason"], a["len"])], 8)
    c_array(out, "uint8_t", "sr_ph_reason", a["reason"])
    c_array(out, "uint16_t", "sr_ph_code", a["code"], 12)
    c_array(out, "uint8_t", "sr_ph_label", a["label"])
    # The phrases outside the automaton (bytes of 0x80 and up): their
    # indexes, and their bytes one after another (offsets, nu8 + 1). An
    # array is never empty (C): a 0 pads an empty list.
    u8_pool, u8_off = [], []
    for i in a["u8"]:
        u8_off.append(len(u8_pool))
        u8_pool.extend(a["bytes"][i])
    u8_off.append(len(u8_pool))
    if len(u8_pool) > 0xffff:
        raise SystemExit("gen_phrases.py: too many bytes of UTF-8 phrases")
    out.append("const uint16_t sr_ph_nu8 = %d;" % len(a["u8"]))
    c_array(out, "uint16_t", "sr_ph_u8", a["u8"] or [0], 12)
    c_array(out, "uint16_t", "sr_ph_u8_off", u8_off, 12)
    c_array(out, "uint8_t", "sr_ph_u8_byte", u8_pool or [0])
    # Each one's first byte of 0x80 or more: a line without that byte
    # cannot hold the phrase (scan_u8 passes over it on one test).
    c_array(out, "uint8_t", "sr_ph_u8_high",
            [next(c for c in a["bytes"][i] if c >= 0x80) for i in a["u8"]]
            or [0])
    names = sorted({x for srcs in a["sources"] for x in srcs})
    index = {n: i for i, n in enumerate(names)}
    first, lst = [], []
    for srcs in a["sources"]:
        first.append(len(lst))
        lst.extend(index[x] for x in srcs)
    first.append(len(lst))
    pool, offs = b"", []
    for n in names:
        offs.append(len(pool))
        pool += n.encode() + b"\0"
    out.append("const uint16_t sr_ph_nsrc = %d;" % len(names))
    out.append("const char sr_ph_src_pool[%d] = \"%s\";" % (
        len(pool), pool[:-1].decode().replace("\0", "\\0")))
    c_array(out, "uint16_t", "sr_ph_src_name", offs, 12)
    c_array(out, "uint16_t", "sr_ph_src_first", first, 12)
    c_array(out, "uint16_t", "sr_ph_src", lst, 12)
    return "\n".join(out).rstrip("\n") + "\n"


def render_shape(a, phrases_path):
    """The automaton's dimensions as macros, so that the scan loop's
    range tests compare with constants (phrases_shape.h)."""
    out = [
        "/* phrases_shape.h - GENERATED by tools/gen_phrases.py from %s"
        % phrases_path,
        " * with phrases.c; do not edit. The automaton's dimensions, as"
        " constants for",
        " * the scan loop (src/phrases.h tells what they mean). */",
        "#ifndef SMTPREPLY_PHRASES_SHAPE_H",
        "#define SMTPREPLY_PHRASES_SHAPE_H",
        "",
        "#define SR_PH_NSTATE %du" % a["nstate"],
        "#define SR_PH_NDENSE %du" % a["ndense"],
        "#define SR_PH_NOUT_FIRST %du" % a["nout_first"],
        "#define SR_PH_SPACE %du" % a["space"],
        "#define SR_PH_START %du" % a["start"],
        "#define SR_PH_SHIFT %du" % a["shift"],
        "#define SR_PH_COLUMNS %du" % COLUMNS,
        "#define SR_PH_HALF %du" % HALF,
        "/* Class 0 in a row's last column, class k in column k - 1"
        " (colpos). */",
        "#define SR_PH_CLASS0_LAST 1",
        "",
        "/* The about= signs (kind SR_PH_SIGN + k sets bit k of struct scan's"
        " signs). */",
    ] + ["#define SR_SIGN_%s %du" % (n.upper(), k)
         for k, n in enumerate(SIGN_NAMES)] + [
        "",
        "/* The providers' numbers (struct scan's provider). */",
    ] + ["#define SR_PROVIDER_%s %d" % (n.upper().replace("-", "_"), k)
         for k, (n, _) in enumerate(PROVIDERS)] + [
        "",
        "#endif",
    ]
    return "\n".join(out) + "\n"


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


PROFILE_NAME = "phrase-profile.txt"
# A state the profile names has been read this many times at least: the
# rarer ones' order does not matter to the cache (they are read less than
# once in some thousands of replies), and the file stays small.
PROFILE_MIN_READS = 16


def quote_bytes(b):
    """b as a double-quoted string: printable ASCII but '"' and '\\' as is,
    every other byte \\xHH."""
    return '"' + "".join(chr(c) if 0x20 <= c < 0x7F and c not in b'"\\'
                         else "\\x%02x" % c for c in b) + '"'


def unquote_bytes(t):
    if len(t) < 2 or t[0] != '"' or t[-1] != '"':
        return None
    out, i, t = bytearray(), 0, t[1:-1]
    while i < len(t):
        if t[i] == "\\":
            if not re.match(r"x[0-9a-f]{2}$", t[i + 1:i + 4]):
                return None
            out.append(int(t[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(ord(t[i]))
            i += 1
    return bytes(out)


def read_profile(path, errors):
    """PROFILE_NAME: (the bytes by how often replies use them, {(kind,
    state's bytes): rank}); or None when there is no such file."""
    if not os.path.exists(path):
        return None
    often, ranks = b"", {}
    try:
        with open(path, encoding="ascii") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        errors.add(path, 0, "cannot read: %s" % e)
        return None
    for no, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        col = line.split("\t")
        b = unquote_bytes(col[-1])
        if col[0] == "bytes" and len(col) == 2 and b is not None:
            often = b
        elif (col[0] in ("s", "t") and len(col) == 3 and col[1].isdigit()
              and b is not None):
            ranks.setdefault((col[0], b), len(ranks))
        else:
            errors.add(path, no, "expected 'bytes<TAB>\"...\"' or "
                       "'s|t<TAB>reads<TAB>\"...\"'")
    return often, ranks


def profile_texts(dirs):
    """The texts of the 4xx and 5xx replies of the .tsv files in dirs as
    the scan reads them, near enough for a profile: each line without its
    reply code and enhanced code, the lines joined by a space."""
    code_re = re.compile(rb"^[2-5][0-9][0-9][ -]?")
    enh_re = re.compile(rb"^[245]\.[0-9]{1,3}\.[0-9]{1,3}[ \t]*")
    out = []
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".tsv"):
                continue
            with open(os.path.join(d, name), "rb") as f:
                rows = f.read().split(b"\n")
            for row in rows:
                col = row.split(b"\t")
                if (row.startswith(b"#") or row.startswith(b"command\t") or
                        len(col) < 2 or col[1][:1] not in (b"4", b"5")):
                    continue
                raw = (col[1].replace(b"\\r", b"\r").replace(b"\\n", b"\n")
                       .replace(b"\\t", b"\t"))
                lines = [code_re.sub(b"", x.rstrip(b"\r"), 1)
                         for x in raw.split(b"\n") if x.strip()]
                out.append(b" ".join(enh_re.sub(b"", x, 1) for x in lines))
    return out


def profile_main(phrases, dirs, here):
    """--profile: PROFILE_NAME's text, from the replies of dirs."""
    texts = profile_texts(dirs)
    a = build(phrases, PROVIDERS, None, texts)
    root = os.path.join(here, os.pardir)
    shown = ", ".join(sorted(os.path.relpath(os.path.abspath(d), root)
                             for d in dirs))
    often = {}
    for t in texts:
        for c in t:
            c = 0x20 if c in WS else c | 0x20 if 0x41 <= c <= 0x5A else c
            often[c] = often.get(c, 0) + 1
    # (the automaton has no byte of 0x80 and up)
    order = bytes(sorted((c for c in often if c < 0x80),
                         key=lambda c: (-often[c], c)))
    out = [
        "# %s - GENERATED by `make profile-phrases` (tools/gen_phrases.py "
        "--profile)" % PROFILE_NAME,
        "# from the 4xx and 5xx replies of %s: %d replies, %d bytes. Read by"
        % (shown, len(texts), sum(len(t) for t in texts)),
        "# gen_phrases.py for the layout of the rows only (never what the",
        "# automaton answers): `bytes`, the bytes by how often the replies "
        "use them",
        "# (classes in that order, so the most read columns share a row's "
        "first",
        "# quarter); then the states the scan read %d times or more, most "
        "read" % PROFILE_MIN_READS,
        "# first (kind s, or t for a twin; reads; the state's bytes), the "
        "dense ones",
        "# numbered in that order. A state the phrases no longer have is "
        "passed over.",
        "bytes\t%s" % quote_bytes(order),
    ]
    for v, kind, b in a["visits"]:
        if v >= PROFILE_MIN_READS:
            out.append("%s\t%d\t%s" % (kind, v, quote_bytes(b)))
    return "\n".join(out) + "\n"


def main(argv):
    profiling = len(argv) >= 3 and argv[1] == "--profile"
    if profiling:
        argv = argv[1:]
    elif len(argv) not in (3, 4):
        sys.stderr.write("usage: gen_phrases.py PHRASES OUT.c [SHAPE.h]\n"
                         "       gen_phrases.py --profile PHRASES DIR... "
                         "> %s\n" % PROFILE_NAME)
        return 2
    phrases_path, out_path = argv[1], argv[2]
    shape_path = argv[3] if len(argv) == 4 else os.path.join(
        os.path.dirname(out_path), "phrases_shape.h")
    here = os.path.dirname(os.path.abspath(__file__))
    header = os.path.join(here, os.pardir, "include", "smtpreply.h")
    errors = Errors()
    reasons = read_reasons(header, errors)
    phrases = read_phrases(phrases_path, reasons, errors,
                           read_commands(header)) if reasons else []
    codes_path = os.path.join(os.path.dirname(phrases_path),
                              "provider-codes.txt")
    if reasons and os.path.exists(codes_path):
        given = {p[0]: p[2] for p in phrases}
        for c in read_provider_codes(codes_path, reasons, errors):
            if c[0] in given:
                errors.add(codes_path, c[2], "code '%s' is also a reason "
                           "phrase (%s:%d): keep one" % (
                               c[0].decode(), phrases_path, given[c[0]]))
                continue
            phrases.append(c)
    if errors.items:
        for e in errors.items:
            sys.stderr.write(e + "\n")
        return 1
    if profiling:
        sys.stdout.write(profile_main(phrases, argv[2:], here))
        return 0
    profile = read_profile(os.path.join(os.path.dirname(phrases_path),
                                        PROFILE_NAME), errors)
    if errors.items:
        for e in errors.items:
            sys.stderr.write(e + "\n")
        return 1
    a = build(phrases, PROVIDERS, profile)
    # The path as given, relative to the repository when possible, so the
    # output does not depend on where the tree lives.
    shown = os.path.relpath(os.path.abspath(phrases_path),
                            os.path.join(here, os.pardir))
    if shown.startswith(os.pardir):
        shown = os.path.basename(phrases_path)
    write(out_path, render(a, shown, PROVIDERS))
    write(shape_path, render_shape(a, shown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
