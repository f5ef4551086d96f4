#!/usr/bin/env python3
"""gen_table.py DATA_DIR OUT.c - turn the explanation data into src/table.c.

Reads DATA_DIR/*.txt (English) and DATA_DIR/i18n/LANG.txt (translations),
validates them (every problem is reported as FILE:LINE: message and makes the
run fail), and writes one C file holding:

  - sr_pool: one read-only string pool, every string once, NUL-terminated;
  - sr_expl: every record (explanations, fallbacks, headings, reasons) as
    pool offsets and small integers (no pointers, so no relocations);
  - sr_sections: where each kind of record starts in sr_expl;
  - sr_i18n: for each translation, for each record, the offsets of the
    translated name/description/when/fix, or SR_NONE;
  - names of languages, commands, actions, reasons, parties, providers.

The enum names and values (commands, headings, reasons, actions, parties) are
read from include/smtpreply.h, so the table always matches the header.
Standard library only; the output is byte-identical on every run.
"""

import os
import re
import sys

SR_NONE = 0xFFFFFFFF

# enum smtpreply_field order; the first four are translatable.
FIELDS = ("name", "description", "when", "fix", "source", "key")
TR_FIELDS = ("name", "description", "when", "fix")

# Flags (SMTPREPLY_X_*), checked against the header at start-up.
X = {
    "REPLY": 0x0001, "ENHANCED": 0x0002, "CLASS": 0x0004, "SUBJECT": 0x0008,
    "CATEGORY": 0x0010, "CONTEXTUAL": 0x0020, "NONSTANDARD": 0x0040,
    "FALLBACK": 0x0080, "PROVIDER": 0x0100,
}

# Record kinds (SR_K_* in src/table.h) and sections (SR_SEC_*), in the order
# they are laid out in sr_expl. Keep in sync with src/table.h.
KINDS = ("REPLY", "CLASS", "CATEGORY", "ENH_CLASS", "ENH_SUBJECT",
         "ENH_DETAIL", "PROVIDER", "HEADING", "REASON", "INVALID", "ACTION",
         "PARTY", "VERDICT", "CONFIDENCE", "TEMPLATE")
SECTIONS = (
    "REPLY",        # reply CODE [after CMD], by (code, cmd)
    "CLASS",        # class 1..5
    "CATEGORY",     # category 0..5
    "ENH_CLASS",    # enhanced 2, 4, 5
    "ENH_SUBJECT",  # enhanced X.S, by S
    "ENH_DETAIL",   # enhanced X.S.D / C.S.D, by (S, D, class; X first)
    "PROVIDER",     # provider NAME C.S.D, by (provider, S, D, D_last, class)
    # -- the walkable entries end here (smtpreply_expl_count) --
    "FB_CLASS",     # reply fallbacks for classes 1..5
    "FB_ENH_CLASS", # enhanced class fallbacks 2, 4, 5
    "FB_SUBJECT",   # enhanced subject fallbacks, by S
    "FB_INVALID",   # [0] not a reply code, [1] not an enhanced code
    "HEADING",      # by enum smtpreply_heading value
    "REASON",       # by enum smtpreply_reason value
    "ACTION",       # by enum smtpreply_action value
    "PARTY",        # by enum smtpreply_party value
    "VERDICT",      # by enum smtpreply_verdict value
    "CONFIDENCE",   # by enum smtpreply_confidence value
    "TEMPLATE",     # by TEMPLATES order (enum sr_template in src/table.h)
)

# Sentence patterns the library fills in (compare pages, fallback notes);
# keep in sync with enum sr_template in src/table.h. Placeholders: {a} {b}
# codes, {an} {bn} names, {ac} {bc} classes, {ad} {bd} descriptions, {x}
# one side's code, {n} its name, {t} a text, {p} who must act, {k} the key
# of the entry shown.
TEMPLATES = ("title", "summary_diff", "summary_same", "class_diff",
             "class_same", "meaning", "when", "todo", "which", "fallback")

FIELD_RE = re.compile(r"^([a-z_]+):(?: (.*))?$")
CODE_RE = re.compile(r"^[1-5][0-9][0-9]$")
NUM_RE = re.compile(r"^(0|[1-9][0-9]{0,2})$")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2}|-[A-Z][a-z]{3})?$")
PROVIDER_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class Errors:
    def __init__(self):
        self.msgs = []

    def add(self, where, msg):
        self.msgs.append("%s: %s" % (where, msg))


# ---------------------------------------------------------------------------
# The header: enum names and values.

def read_enum(text, prefix, where, errors):
    """{lowercase_name: value} for SMTPREPLY_<prefix>_NAME = N."""
    out = {}
    for m in re.finditer(r"\bSMTPREPLY_%s_([A-Z0-9_]+)\s*=\s*(\d+)" % prefix,
                         text):
        out[m.group(1).lower()] = int(m.group(2))
    if not out:
        errors.add(where, "no SMTPREPLY_%s_* enum values found" % prefix)
    values = sorted(out.values())
    if values != list(range(len(values))):
        errors.add(where, "SMTPREPLY_%s_* values are not 0..N-1" % prefix)
    return out


def read_header(path, errors):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        errors.add(path, "cannot read: %s" % e.strerror)
        return None
    h = {}
    h["cmd"] = read_enum(text, "CMD", path, errors)
    h["heading"] = read_enum(text, "HEADING", path, errors)
    h["reason"] = read_enum(text, "REASON", path, errors)
    h["action"] = read_enum(text, "ACTION", path, errors)
    h["party"] = read_enum(text, "PARTY", path, errors)
    h["verdict"] = read_enum(text, "VERDICT", path, errors)
    h["confidence"] = read_enum(text, "CONFIDENCE", path, errors)
    for name, value in X.items():
        m = re.search(r"#define\s+SMTPREPLY_X_%s\s+0x([0-9a-fA-F]+)u" % name,
                      text)
        if not m or int(m.group(1), 16) != value:
            errors.add(path, "SMTPREPLY_X_%s is not 0x%04x" % (name, value))
    m = re.search(r"#define\s+SMTPREPLY_VERDICT_COUNT\s+(\d+)", text)
    if not m or int(m.group(1)) != len(h["verdict"]):
        errors.add(path, "SMTPREPLY_VERDICT_COUNT does not match the enum")
    m = re.search(r"#define\s+SMTPREPLY_REASON_COUNT\s+(\d+)", text)
    if not m or int(m.group(1)) != len(h["reason"]):
        errors.add(path, "SMTPREPLY_REASON_COUNT does not match the enum")
    return h


# ---------------------------------------------------------------------------
# Reading record files.

class Record:
    def __init__(self, path, line, key):
        self.path = path
        self.line = line
        self.key = key
        self.fields = {}       # name -> value
        self.field_line = {}   # name -> line number

    def where(self, field=None):
        line = self.field_line.get(field, self.line) if field else self.line
        return "%s:%d" % (self.path, line)


def read_records(path, errors):
    """Parse one data file into a list of Records (syntax only)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        errors.add(path, "cannot read: %s" % e.strerror)
        return []
    records = []
    cur = None
    for n, raw in enumerate(data.split(b"\n"), 1):
        where = "%s:%d" % (path, n)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.add(where, "not valid UTF-8")
            continue
        if line.endswith("\r"):
            errors.add(where, "CR LF line end (use LF)")
            line = line[:-1]
        if line.startswith("\ufeff"):
            errors.add(where, "byte order mark")
            line = line[1:]
        if "\t" in line:
            errors.add(where, "tab character (use spaces)")
            continue
        bad = [c for c in line if ord(c) < 0x20 or ord(c) == 0x7F or
               0x80 <= ord(c) < 0xA0 or c in "\u2028\u2029"]
        if bad:
            errors.add(where, "control character U+%04X" % ord(bad[0]))
            continue
        if line.strip() == "" or line.startswith("#"):
            continue
        if line.startswith("%%"):
            key = " ".join(line[2:].split())
            if not key:
                errors.add(where, "empty record key")
                cur = None
                continue
            cur = Record(path, n, key)
            records.append(cur)
            continue
        m = FIELD_RE.match(line)
        if not m:
            errors.add(where, "expected 'field: value', '%%%% key' or '#'")
            continue
        if cur is None:
            errors.add(where, "field before the first '%%' record line")
            continue
        name, value = m.group(1), (m.group(2) or "").strip()
        if name in cur.fields:
            errors.add(where, "duplicate field '%s' in record '%s'"
                       % (name, cur.key))
            continue
        cur.fields[name] = value
        cur.field_line[name] = n
    return records


def is_record_file(path):
    try:
        with open(path, "rb") as f:
            return b"\n%%" in b"\n" + f.read()
    except OSError:
        return True  # read_records reports it


# ---------------------------------------------------------------------------
# Keys.

class Key:
    """A parsed record key."""

    def __init__(self, kind, **kw):
        self.kind = kind
        self.code = kw.get("code", 0)
        self.cmd = kw.get("cmd", 0)
        self.klass = kw.get("klass", -1)
        self.subject = kw.get("subject", -1)
        self.detail = kw.get("detail", -1)
        self.detail_last = kw.get("detail_last", -1)
        self.provider = kw.get("provider", "")
        self.index = kw.get("index", 0)   # heading/reason enum value
        self.tag = kw.get("tag", "")      # provider: text-keyed entry


def parse_num(s):
    return int(s) if NUM_RE.match(s) else None


def parse_key(key, hdr):
    """Key object, or an error message string."""
    w = key.split(" ")
    t = w[0]
    if t == "reply":
        if len(w) == 2 and w[1] == "invalid":
            return Key("INVALID", index=0)
        if len(w) == 2 and CODE_RE.match(w[1]):
            return Key("REPLY", code=int(w[1]))
        if len(w) == 4 and CODE_RE.match(w[1]) and w[2] == "after":
            cmd = hdr["cmd"].get(w[3].lower())
            if cmd is None or cmd == 0 or w[3] != w[3].upper():
                return "unknown command '%s' (one of %s)" % (
                    w[3], " ".join(n.upper() for n, v in sorted(
                        hdr["cmd"].items(), key=lambda x: x[1]) if v))
            return Key("REPLY", code=int(w[1]), cmd=cmd)
        return "expected 'reply CODE' or 'reply CODE after CMD' (CODE 100..599)"
    if t == "class":
        if len(w) == 2 and w[1] in "12345" and len(w[1]) == 1:
            return Key("CLASS", klass=int(w[1]))
        return "expected 'class D', D = 1..5"
    if t == "category":
        if len(w) == 2 and w[1] in "012345" and len(w[1]) == 1:
            return Key("CATEGORY", klass=int(w[1]))
        return "expected 'category D', D = 0..5"
    if t == "enhanced":
        if len(w) == 2 and w[1] == "invalid":
            return Key("INVALID", index=1)
        if len(w) == 2:
            p = w[1].split(".")
            if len(p) == 1 and p[0] in ("2", "4", "5"):
                return Key("ENH_CLASS", klass=int(p[0]))
            if len(p) == 2 and p[0] == "X" and parse_num(p[1]) is not None:
                return Key("ENH_SUBJECT", subject=int(p[1]))
            if (len(p) == 3 and p[0] in ("X", "2", "4", "5") and
                    parse_num(p[1]) is not None and
                    parse_num(p[2]) is not None):
                return Key("ENH_DETAIL", klass=-1 if p[0] == "X" else int(p[0]),
                           subject=int(p[1]), detail=int(p[2]),
                           detail_last=int(p[2]))
        return ("expected 'enhanced C' (2, 4, 5), 'enhanced X.S' or "
                "'enhanced X.S.D' (S, D = 0..999)")
    if t == "provider":
        # An optional fourth word names an entry that applies only when
        # the reply's text holds one of its 'match:' phrases, so one code
        # can carry several text-keyed meanings.
        tag = ""
        if len(w) == 4 and PROVIDER_RE.match(w[3]):
            tag = w[3]
            w = w[:3]
        if len(w) == 3 and PROVIDER_RE.match(w[1]):
            p = w[2].split(".")
            if len(p) == 3 and (p[0] == "X" or p[0] in "123456789" and
                                len(p[0]) == 1):
                d = p[2].split("-")
                s = parse_num(p[1])
                d0 = parse_num(d[0])
                d1 = parse_num(d[1]) if len(d) == 2 else d0
                if (s is not None and d0 is not None and d1 is not None and
                        len(d) <= 2 and d1 >= d0 and
                        (len(d) == 1 or d1 > d0)):
                    return Key("PROVIDER", provider=w[1],
                               klass=-1 if p[0] == "X" else int(p[0]),
                               subject=s, detail=d0, detail_last=d1, tag=tag)
        return ("expected 'provider NAME C.S.D [TAG]' (NAME lowercase, C a "
                "digit or X, D a number or a range N-M, TAG lowercase)")
    if t == "template":
        if len(w) == 2 and w[1] in TEMPLATES:
            return Key("TEMPLATE", index=TEMPLATES.index(w[1]))
        return "expected 'template NAME', NAME one of %s" % " ".join(TEMPLATES)
    if t == "heading":
        if len(w) == 2 and w[1] in hdr["heading"]:
            return Key("HEADING", index=hdr["heading"][w[1]])
        return "expected 'heading NAME', NAME one of %s" % " ".join(
            sorted(hdr["heading"], key=hdr["heading"].get))
    if t == "reason":
        if len(w) == 2 and w[1] in hdr["reason"]:
            return Key("REASON", index=hdr["reason"][w[1]])
        return "expected 'reason NAME', NAME one of %s" % " ".join(
            sorted(hdr["reason"], key=hdr["reason"].get))
    if t == "action":
        if len(w) == 2 and w[1] in hdr["action"]:
            return Key("ACTION", index=hdr["action"][w[1]])
        return "expected 'action NAME', NAME one of %s" % " ".join(
            sorted(hdr["action"], key=hdr["action"].get))
    if t == "party":
        if len(w) == 2 and w[1] in hdr["party"]:
            return Key("PARTY", index=hdr["party"][w[1]])
        return "expected 'party NAME', NAME one of %s" % " ".join(
            sorted(hdr["party"], key=hdr["party"].get))
    for what in ("verdict", "confidence"):
        if t == what:
            if len(w) == 2 and w[1] in hdr[what]:
                return Key(what.upper(), index=hdr[what][w[1]])
            return "expected '%s NAME', NAME one of %s" % (what, " ".join(
                sorted(hdr[what], key=hdr[what].get)))
    return ("unknown record type '%s' (reply, class, category, enhanced, "
            "provider, heading, reason, action, party, verdict, confidence)"
            % t)


# Fields each kind allows; the required ones must be present and non-empty.
TEXT4 = ("name", "description", "when", "fix")
ALLOWED = {
    "REPLY": TEXT4 + ("source", "standard"),
    "CLASS": TEXT4 + ("source",),
    "CATEGORY": TEXT4 + ("source",),
    "ENH_CLASS": TEXT4 + ("source", "classes", "standard"),
    "ENH_SUBJECT": TEXT4 + ("source", "classes", "standard"),
    "ENH_DETAIL": TEXT4 + ("source", "classes", "standard"),
    "PROVIDER": TEXT4 + ("source", "classes", "standard", "registered",
                         "match", "party", "reason"),
    "INVALID": TEXT4 + ("source",),
    "HEADING": ("name",),
    "REASON": TEXT4 + ("party", "action_hint", "source"),
    "ACTION": TEXT4 + ("source",),
    "PARTY": ("name", "description"),
    "VERDICT": ("name", "description", "source"),
    "CONFIDENCE": ("name", "description"),
    "TEMPLATE": ("name",),
}
REQUIRED = {
    "REPLY": TEXT4, "CLASS": TEXT4, "CATEGORY": TEXT4, "ENH_CLASS": TEXT4,
    "ENH_SUBJECT": TEXT4, "ENH_DETAIL": TEXT4, "PROVIDER": ("name",
                                                            "description"),
    "INVALID": TEXT4, "HEADING": ("name",),
    "REASON": ("name", "description", "party"),
    "ACTION": ("name", "description"),
    "PARTY": ("name", "description"),
    "VERDICT": ("name", "description"),
    "CONFIDENCE": ("name", "description"),
    "TEMPLATE": ("name",),
}
ACTION_HINTS = ("retry", "fail", "either")


def parse_classes(value):
    parts = [p.strip() for p in value.split(",")]
    if not parts or any(p not in ("2", "4", "5") for p in parts):
        return None
    if len(set(parts)) != len(parts):
        return None
    mask = 0
    for p in parts:
        mask |= 1 << int(p)
    return mask


def check_english(rec, key, hdr, errors):
    ok = True
    for f in rec.fields:
        if f not in ALLOWED[key.kind]:
            errors.add(rec.where(f), "unknown field '%s' in a %s record "
                       "(allowed: %s)" % (f, rec.key.split(" ")[0],
                                          ", ".join(ALLOWED[key.kind])))
            ok = False
    for f in REQUIRED[key.kind]:
        if f not in rec.fields:
            errors.add(rec.where(), "record '%s' lacks the field '%s'"
                       % (rec.key, f))
            ok = False
    for f, v in rec.fields.items():
        if v == "":
            errors.add(rec.where(f), "field '%s' is empty" % f)
            ok = False
    for f in ("standard", "registered"):
        v = rec.fields.get(f)
        if v is not None and v not in ("yes", "no"):
            errors.add(rec.where(f), "%s must be yes or no" % f)
            ok = False
    v = rec.fields.get("classes")
    if v is not None and parse_classes(v) is None:
        errors.add(rec.where("classes"),
                   "classes must list some of 2,4,5 (e.g. '4,5')")
        ok = False
    v = rec.fields.get("match")
    if v is not None:
        items = [x.strip() for x in v.split("|")]
        if any(not x or x != x.lower() or "  " in x for x in items):
            errors.add(rec.where("match"), "match must be lowercase phrases "
                       "separated by ' | '")
            ok = False
    # 'reason:' (a reason name): smtpreply_reason() applies the record's
    # code-shaped match phrases with that meaning (tools/gen_phrases.py
    # compiles them; it also checks the name against the enum).
    v = rec.fields.get("reason")
    if v is not None and (not re.match(r"^[a-z_]+$", v) or
                          "match" not in rec.fields):
        errors.add(rec.where("reason"), "reason must be a lowercase reason "
                   "name, on a record with a 'match:' field")
        ok = False
    if key.kind == "PROVIDER" and key.tag and "match" not in rec.fields:
        errors.add(rec.where(), "a tagged provider key needs a 'match:' field")
        ok = False
    v = rec.fields.get("action_hint")
    if v is not None and v not in ACTION_HINTS:
        errors.add(rec.where("action_hint"), "action_hint must be one of %s"
                   % ", ".join(ACTION_HINTS))
        ok = False
    v = rec.fields.get("party")
    if v is not None and v not in hdr["party"]:
        errors.add(rec.where("party"), "party must be one of %s" % ", ".join(
            sorted(hdr["party"], key=hdr["party"].get)))
        ok = False
    return ok


# ---------------------------------------------------------------------------
# Building the table.

class Entry:
    """One row of sr_expl."""

    def __init__(self, kind, key, text, flags, src=None):
        self.kind = kind
        self.key = key          # Key
        self.text = text        # field name -> English string
        self.flags = flags
        self.src = src          # Record it came from (translations follow it)
        self.classes = 0
        self.aux = 0
        self.hint = -1          # reasons: the action they usually mean
        self.match = ""         # providers: "phrase|phrase", or ""
        self.party = 0xFF       # providers: who must act, 0xFF for none


def entry_from(rec, key, hdr, providers):
    k = key.kind
    flags = {
        "REPLY": X["REPLY"] | (X["CONTEXTUAL"] if key.cmd else 0),
        "CLASS": X["REPLY"] | X["CLASS"],
        "CATEGORY": X["REPLY"] | X["CATEGORY"],
        "ENH_CLASS": X["ENHANCED"] | X["CLASS"],
        "ENH_SUBJECT": X["ENHANCED"] | X["SUBJECT"],
        "ENH_DETAIL": X["ENHANCED"],
        "PROVIDER": X["ENHANCED"] | X["PROVIDER"],
        "INVALID": (X["REPLY"] if key.index == 0 else X["ENHANCED"]) |
        X["FALLBACK"],
        "HEADING": 0, "REASON": 0, "ACTION": 0, "PARTY": 0, "VERDICT": 0,
        "CONFIDENCE": 0, "TEMPLATE": 0,
    }[k]
    if (rec.fields.get("standard") == "no" or
            rec.fields.get("registered") == "no"):
        flags |= X["NONSTANDARD"]
    text = {f: rec.fields.get(f, "") for f in FIELDS[:5]}
    text["key"] = rec.key
    e = Entry(k, key, text, flags, rec)
    if "classes" in rec.fields:
        e.classes = parse_classes(rec.fields["classes"])
    if k == "PROVIDER":
        e.aux = providers.index(key.provider)
        if "match" in rec.fields:
            e.match = "|".join(x.strip() for x in
                               rec.fields["match"].split("|"))
        if "party" in rec.fields:
            e.party = hdr["party"][rec.fields["party"]]
    if k == "REASON":
        e.aux = hdr["party"][rec.fields["party"]]
        hint = rec.fields.get("action_hint", "either")
        e.hint = hdr["action"][hint] if hint in hdr["action"] else -1
    return e


def sort_key(e):
    k = e.key
    if e.kind == "REPLY":
        return (k.code, k.cmd)
    if e.kind in ("CLASS", "CATEGORY", "ENH_CLASS"):
        return (k.klass,)
    if e.kind == "ENH_SUBJECT":
        return (k.subject,)
    if e.kind == "ENH_DETAIL":
        return (k.subject, k.detail, k.klass)
    if e.kind == "PROVIDER":
        return (k.provider, k.subject, k.detail, k.detail_last, k.klass,
                k.tag)
    return (k.index,)


class Pool:
    def __init__(self):
        self.strings = []
        self.offsets = {}
        self.size = 0
        self.add("")

    def add(self, s):
        off = self.offsets.get(s)
        if off is None:
            off = self.size
            self.offsets[s] = off
            self.strings.append(s)
            self.size += len(s.encode("utf-8")) + 1
        return off


def c_string(s):
    out = []
    prev = ""
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "?" and prev == "?":
            out.append("\\?")   # no trigraphs
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
        prev = ch
    return '"' + "".join(out) + '"'


def c_comment(s):
    return s.replace("*/", "* /").replace("/*", "/ *")


def build(data_dir, header_path):
    errors = Errors()
    hdr = read_header(header_path, errors)
    if hdr is None or errors.msgs:
        return None, errors

    # English files: every *.txt holding records ("%%" lines). Files of
    # other tools in other formats (reason-phrases.txt, for
    # tools/gen_phrases.py) hold none and are left alone.
    names = sorted(n for n in os.listdir(data_dir) if n.endswith(".txt"))
    records = []
    for n in names:
        path = os.path.join(data_dir, n)
        if not is_record_file(path):
            continue
        records.extend(read_records(path, errors))

    by_key = {}
    parsed = []
    for rec in records:
        key = parse_key(rec.key, hdr)
        if isinstance(key, str):
            errors.add(rec.where(), "bad key '%s': %s" % (rec.key, key))
            continue
        if rec.key in by_key:
            errors.add(rec.where(), "duplicate key '%s' (first at %s)"
                       % (rec.key, by_key[rec.key].where()))
            continue
        by_key[rec.key] = rec
        if check_english(rec, key, hdr, errors):
            parsed.append((rec, key))

    # Required records.
    have = {rec.key for rec, _ in parsed}
    need = (["class %d" % d for d in range(1, 6)] +
            ["category %d" % d for d in range(0, 6)] +
            ["enhanced %d" % c for c in (2, 4, 5)] +
            ["reply invalid", "enhanced invalid"] +
            ["heading %s" % n for n in sorted(hdr["heading"],
                                              key=hdr["heading"].get)] +
            ["template %s" % n for n in TEMPLATES])
    # Reasons and actions: all or nothing. Until they are written, their
    # names stand in for their text.
    for what in ("reason", "action", "party", "verdict", "confidence"):
        keys = ["%s %s" % (what, n) for n in sorted(hdr[what],
                                                    key=hdr[what].get)]
        if any(k.startswith(what + " ") for k in by_key):
            need += keys
            continue
        sys.stderr.write("gen_table.py: warning: no '%s' records; their "
                         "names stand in for their text\n" % what)
        for k in keys:
            rec = Record("(built in)", 0, k)
            text = k.split(" ")[1].replace("_", " ")
            rec.fields = {"name": text, "description": text}
            if what == "reason":
                rec.fields["party"] = "none"
            parsed.append((rec, parse_key(k, hdr)))
    for k in need:
        if k not in have and k not in by_key:
            errors.add(data_dir, "no record '%s'" % k)

    # Subjects: every detail's subject needs a subject record (its fallback).
    subjects = {key.subject for rec, key in parsed if key.kind == "ENH_SUBJECT"}
    for rec, key in parsed:
        if key.kind == "ENH_DETAIL" and key.subject not in subjects:
            errors.add(rec.where(), "no record 'enhanced X.%d' for '%s'"
                       % (key.subject, rec.key))
    # Ranges of one provider and class may nest (the narrower one wins: a
    # single code inside a range) but not partly overlap.
    prov = [(rec, key) for rec, key in parsed
            if key.kind == "PROVIDER" and not key.tag]
    for i, (ra, a) in enumerate(prov):
        for rb, b in prov[i + 1:]:
            if (a.provider == b.provider and a.subject == b.subject and
                    a.klass == b.klass and
                    a.detail <= b.detail_last and b.detail <= a.detail_last):
                nested = ((a.detail <= b.detail and
                           b.detail_last <= a.detail_last) or
                          (b.detail <= a.detail and
                           a.detail_last <= b.detail_last))
                if not nested:
                    errors.add(rb.where(), "'%s' partly overlaps '%s' (%s)"
                               % (rb.key, ra.key, ra.where()))
    if errors.msgs:
        return None, errors

    providers = sorted({key.provider for _, key in parsed
                        if key.kind == "PROVIDER"})
    if len(providers) > 255:
        errors.add(data_dir, "too many providers")
        return None, errors

    entries = [entry_from(rec, key, hdr, providers) for rec, key in parsed]
    sections = {s: [] for s in SECTIONS}
    invalid = [None, None]
    for e in entries:
        if e.kind == "INVALID":
            invalid[e.key.index] = e
        else:
            sections[e.kind].append(e)
    for s in sections:
        sections[s].sort(key=sort_key)
    sections["FB_INVALID"] = invalid

    # Fallbacks: copies of class and subject entries.
    def copy(e, flags):
        c = Entry(e.kind, e.key, dict(e.text), flags, e.src)
        c.classes = e.classes
        return c
    for e in sections["CLASS"]:
        sections["FB_CLASS"].append(
            copy(e, X["REPLY"] | X["CLASS"] | X["FALLBACK"]))
    for e in sections["ENH_CLASS"]:
        sections["FB_ENH_CLASS"].append(
            copy(e, X["ENHANCED"] | X["CLASS"] | X["FALLBACK"]))
    for e in sections["ENH_SUBJECT"]:
        sections["FB_SUBJECT"].append(
            copy(e, X["ENHANCED"] | X["SUBJECT"] | X["FALLBACK"]
                 | (e.flags & X["NONSTANDARD"])))

    table = []
    starts = {}
    for s in SECTIONS:
        starts[s] = (len(table), len(sections[s]))
        table.extend(sections[s])
    if len(table) > 0xFFFF:
        errors.add(data_dir, "too many records")
        return None, errors

    # Translations.
    langs = []
    i18n_dir = os.path.join(data_dir, "i18n")
    if os.path.isdir(i18n_dir):
        for n in sorted(os.listdir(i18n_dir)):
            if not n.endswith(".txt"):
                continue
            lang = n[:-4]
            path = os.path.join(i18n_dir, n)
            if not LANG_RE.match(lang) or lang.lower() == "en":
                errors.add(path, "file name must be a language tag other "
                           "than en, like fr.txt or pt-BR.txt")
                continue
            tr = {}
            seen = {}
            for rec in read_records(path, errors):
                if rec.key in seen:
                    errors.add(rec.where(), "duplicate key '%s' (first at %s)"
                               % (rec.key, seen[rec.key].where()))
                    continue
                seen[rec.key] = rec
                eng = by_key.get(rec.key)
                if eng is None:
                    errors.add(rec.where(), "key '%s' is not in the English "
                               "data" % rec.key)
                    continue
                for f, v in rec.fields.items():
                    if f in TR_FIELDS:
                        if f not in eng.fields:
                            errors.add(rec.where(f), "field '%s' has no "
                                       "English text to translate" % f)
                        elif v == "":
                            errors.add(rec.where(f), "field '%s' is empty" % f)
                    elif f in ("source", "standard", "classes", "party",
                               "registered", "action_hint", "match",
                               "reason"):
                        if v != eng.fields.get(f):
                            errors.add(rec.where(f), "field '%s' differs from "
                                       "the English record (%s); it is not "
                                       "translated, leave it out"
                                       % (f, eng.where(f)))
                    else:
                        errors.add(rec.where(f), "unknown field '%s' (a "
                                   "translation has name, description, when, "
                                   "fix)" % f)
                tr[rec.key] = {f: v for f, v in rec.fields.items()
                               if f in TR_FIELDS and v}
            langs.append((lang, tr))
    if len(langs) + 1 > 255:
        errors.add(i18n_dir, "too many languages")
    if errors.msgs:
        return None, errors

    return {
        "hdr": hdr, "table": table, "starts": starts, "langs": langs,
        "providers": providers, "walk": starts["FB_CLASS"][0],
    }, errors


# ---------------------------------------------------------------------------
# Output.

def enum_names(d):
    return [n for n, _ in sorted(d.items(), key=lambda x: x[1])]


def emitted_numbers(e):
    """The code, klass, subject and detail a record is emitted with."""
    k = e.key
    code = k.code if e.kind == "REPLY" else 0
    klass = k.klass if e.kind in ("CLASS", "CATEGORY", "ENH_CLASS",
                                  "ENH_DETAIL", "PROVIDER") else -1
    if e.kind == "REASON":
        klass = e.hint
    return code, klass, k.subject, k.detail


# The enhanced codes the parser finds in O(1): subject and detail below
# these (the registry's all are); others take explain.c's searches.
ENH_INDEX_SUBJECTS = 8
ENH_INDEX_DETAILS = 32


def emit_parse_index(t, w):
    """O(1) lookups for the parser, which stores two entries in every reply
    it returns (struct smtpreply's expl and expl_enhanced): the entry
    explain.c's searches give, computed here the way they find it
    (test_parse checks every index against them)."""
    table = t["table"]
    nums = [emitted_numbers(e) for e in table]

    def section(name):
        start, n = t["starts"][name]
        return range(start, start + n)

    def reply_entry(code):
        for i in section("REPLY"):
            if nums[i][0] == code:
                return i
        return t["starts"]["FB_CLASS"][0] + code // 100 - 1

    def detail(klass, subject, det):
        for i in section("ENH_DETAIL"):
            if nums[i][1:] == (klass, subject, det):
                return i
        return None

    def enh_entry(klass, subject, det):
        for i in (detail(klass, subject, det), detail(-1, subject, det)):
            if i is not None:
                return i
        for i in section("FB_SUBJECT"):
            if nums[i][2] == subject:
                return i
        for i in section("FB_ENH_CLASS"):
            if nums[i][1] == klass:
                return i
        return t["starts"]["FB_INVALID"][0] + 1

    w("/* The parser's O(1) lookups: the entry of reply code 100 + i, and of\n"
      " * enhanced code K.S.D for K = 2, 4, 5 (rows 0, 1, 2), S < %d, D < %d\n"
      " * (column %d: any D from %d to 999, or 0xFFFF: search). */\n"
      % (ENH_INDEX_SUBJECTS, ENH_INDEX_DETAILS, ENH_INDEX_DETAILS, ENH_INDEX_DETAILS))
    codes = [reply_entry(c) for c in range(100, 600)]
    w("const uint16_t sr_reply_index[500] = {\n")
    for i in range(0, 500, 20):
        w("\t%s,\n" % ", ".join(str(x) for x in codes[i:i + 20]))
    w("};\n")
    # Column ENH_INDEX_DETAILS: the entry of every detail from there to
    # 999, when the table has no entry of such a detail for that subject
    # (then it is the subject's or the class's fallback, the same for all);
    # else 0xFFFF (SR_ENH_SEARCH): the parser searches.
    def far_entry(klass, subject):
        for i in section("ENH_DETAIL"):
            k, s, d = nums[i][1:]
            if s == subject and d >= ENH_INDEX_DETAILS and k in (klass, -1):
                return 0xFFFF
        return enh_entry(klass, subject, 999)

    w("const uint16_t sr_enh_index[3][%d][%d + 1] = {\n"
      % (ENH_INDEX_SUBJECTS, ENH_INDEX_DETAILS))
    for klass in (2, 4, 5):
        w("\t{ /* %d.x.x */\n" % klass)
        for subject in range(ENH_INDEX_SUBJECTS):
            w("\t\t{%s},\n" % ", ".join(
                [str(enh_entry(klass, subject, d))
                 for d in range(ENH_INDEX_DETAILS)] +
                [str(far_entry(klass, subject))]))
        w("\t},\n")
    w("};\n")
    # A reply without an enhanced code: its class's fallback (explain.c's
    # reply_enhanced): the enhanced class fallback for 2, 4, 5, the reply
    # class fallback for 1 and 3.
    none = []
    for klass in range(1, 6):
        i = None
        if klass in (2, 4, 5):
            i = next((i for i in section("FB_ENH_CLASS") if nums[i][1] == klass), None)
            if i is None:
                i = t["starts"]["FB_INVALID"][0] + 1
        else:
            i = t["starts"]["FB_CLASS"][0] + klass - 1
        none.append(i)
    w("const uint16_t sr_enh_none_index[5] = {%s}; /* by class 1..5 */\n\n"
      % ", ".join(str(x) for x in none))


def emit(t):
    pool = Pool()
    table = t["table"]
    hdr = t["hdr"]
    # Fill the pool in a fixed order: English records, translations, names.
    eng = [[pool.add(e.text[f]) for f in FIELDS] for e in table]
    match_off = [pool.add(e.match) for e in table]
    tr_rows = []
    for lang, tr in t["langs"]:
        rows = []
        for e in table:
            d = tr.get(e.src.key, {}) if e.src else {}
            rows.append([pool.add(d[f]) if f in d else SR_NONE
                         for f in TR_FIELDS])
        tr_rows.append((lang, rows))
    lang_off = [pool.add("en")] + [pool.add(lang) for lang, _ in t["langs"]]
    cmd_off = [pool.add(n.upper()) for n in enum_names(hdr["cmd"])]
    action_off = [pool.add(n) for n in enum_names(hdr["action"])]
    reason_off = [pool.add(n) for n in enum_names(hdr["reason"])]
    party_off = [pool.add(n) for n in enum_names(hdr["party"])]
    verdict_off = [pool.add(n) for n in enum_names(hdr["verdict"])]
    confidence_off = [pool.add(n) for n in enum_names(hdr["confidence"])]
    prov_off = [pool.add(n) for n in t["providers"]]

    o = []
    w = o.append
    w("/* table.c - the explanation table.\n"
      " *\n"
      " * generated by tools/gen_table.py from data/; do not edit.\n"
      " * Edit the data files and run `make regen`. */\n")
    w('#include "table.h"\n\n')
    w("#if defined(__GNUC__)\n"
      "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n"
      "#endif\n\n")

    w("/* Every string once, NUL-terminated; offset 0 is \"\". */\n")
    w("const char sr_pool[%d] =\n" % pool.size)
    last = len(pool.strings) - 1
    for i, s in enumerate(pool.strings):
        off = pool.offsets[s]
        lit = c_string(s)
        if i != last:
            lit = lit[:-1] + '\\0"'
        w("\t/* %6d */ %s%s\n" % (off, lit, ";" if i == last else ""))
    w("\n")

    w("const uint32_t sr_pool_size = %d;\n\n" % pool.size)

    # Records.
    w("/* {name, description, when, fix, source, key}, flags, code, klass,\n"
      " * subject, detail, detail_last, cmd, kind, aux, classes, match,\n"
      " * party, text_only */\n")
    w("const struct smtpreply_expl sr_expl[%d] = {\n" % len(table))
    sec_at = {start: s for s, (start, n) in t["starts"].items() if n}
    for i, e in enumerate(table):
        if i in sec_at:
            w("\t/* --- %s --- */\n" % sec_at[i])
        k = e.key
        code = k.code if e.kind == "REPLY" else 0
        klass = k.klass if e.kind in ("CLASS", "CATEGORY", "ENH_CLASS",
                                      "ENH_DETAIL", "PROVIDER") else -1
        if e.kind == "REASON":
            klass = e.hint
        w("\t{{%s}, 0x%04x, %d, %d, %d, %d, %d, %d, SR_K_%s, %d, 0x%02x, "
          "%d, 0x%02x, %d}, /* %d: %s%s */\n" % (
              ", ".join(str(x) for x in eng[i]), e.flags, code, klass,
              k.subject, k.detail, k.detail_last, k.cmd, e.kind, e.aux,
              e.classes, match_off[i], e.party,
              1 if e.kind == "PROVIDER" and k.tag else 0,
              i, c_comment(e.text["key"]),
              " (fallback)" if e.flags & X["FALLBACK"] and
              e.kind != "INVALID" else ""))
    w("};\n\n")

    emit_parse_index(t, w)
    w("const uint16_t sr_expl_total = %d;\n" % len(table))
    w("const uint16_t sr_expl_walk = %d;\n\n" % t["walk"])
    w("const struct sr_section_range sr_sections[SR_SEC_COUNT] = {\n")
    for s in SECTIONS:
        start, n = t["starts"][s]
        w("\t{%d, %d}, /* SR_SEC_%s */\n" % (start, n, s))
    w("};\n\n")

    # Languages.
    w("const uint8_t sr_nlang = %d;\n" % len(lang_off))
    w("const uint32_t sr_lang_names[%d] = {%s};\n\n" % (
        len(lang_off), ", ".join(str(x) for x in lang_off)))
    n_tr = max(1, len(tr_rows) * len(table))
    w("/* For each translation (language 1..), for each record: the\n"
      " * translated name, description, when, fix, or SR_NONE. */\n")
    w("const uint32_t sr_i18n[%d][SR_TR_FIELDS] = {\n" % n_tr)
    if not tr_rows:
        w("\t{SR_NONE, SR_NONE, SR_NONE, SR_NONE}, /* no translations */\n")
    for lang, rows in tr_rows:
        w("\t/* --- %s --- */\n" % lang)
        for i, r in enumerate(rows):
            w("\t{%s}, /* %d */\n" % (", ".join(
                "SR_NONE" if x == SR_NONE else str(x) for x in r), i))
    w("};\n\n")

    def offsets(name, ctype, offs, what):
        w("const %s %s[%d] = {%s}; /* %s */\n" % (
            ctype, name, len(offs), ", ".join(str(x) for x in offs), what))
    offsets("sr_cmd_names", "uint32_t", cmd_off, "by enum smtpreply_command")
    offsets("sr_action_names", "uint32_t", action_off,
            "by enum smtpreply_action")
    offsets("sr_reason_names", "uint32_t", reason_off,
            "by enum smtpreply_reason")
    offsets("sr_party_names", "uint32_t", party_off, "by enum smtpreply_party")
    w("const uint8_t sr_ncmd = %d;\n" % len(cmd_off))
    w("const uint8_t sr_naction = %d;\n" % len(action_off))
    w("const uint8_t sr_nreason = %d;\n" % len(reason_off))
    offsets("sr_verdict_names", "uint32_t", verdict_off,
            "by enum smtpreply_verdict")
    offsets("sr_confidence_names", "uint32_t", confidence_off,
            "by enum smtpreply_confidence")
    w("const uint8_t sr_nparty = %d;\n" % len(party_off))
    w("const uint8_t sr_nverdict = %d;\n" % len(verdict_off))
    w("const uint8_t sr_nconfidence = %d;\n\n" % len(confidence_off))

    # Providers: name and record range.
    pstart, _ = t["starts"]["PROVIDER"]
    w("/* {name, first record, count}, by name */\n")
    w("const struct sr_provider sr_providers[%d] = {\n"
      % max(1, len(t["providers"])))
    if not t["providers"]:
        w("\t{0, 0, 0}\n")
    for pi, p in enumerate(t["providers"]):
        idx = [i for i, e in enumerate(table) if e.kind == "PROVIDER" and
               e.aux == pi and not e.flags & X["FALLBACK"]]
        w("\t{%d, %d, %d}, /* %s */\n" % (prov_off[pi], idx[0], len(idx), p))
    w("};\n")
    w("const uint8_t sr_nprovider = %d;\n" % len(t["providers"]))
    return "".join(o)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: gen_table.py DATA_DIR OUT.c\n")
        return 2
    data_dir, out = argv[1], argv[2]
    header = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          os.pardir, "include", "smtpreply.h")
    t, errors = build(data_dir, os.path.normpath(header))
    if t is None:
        for m in errors.msgs:
            sys.stderr.write(m + "\n")
        sys.stderr.write("gen_table.py: %d error(s); %s not written\n"
                         % (len(errors.msgs), out))
        return 1
    text = emit(t)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
