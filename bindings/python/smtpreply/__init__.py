"""Parse SMTP server replies and explain them: Python bindings of libsmtpreply.

Standard library only (ctypes over libsmtpreply.so.1)::

    >>> import smtpreply
    >>> r = smtpreply.parse(b"550 5.1.1 <bob@example.org>: no such user\\r\\n", command="RCPT")
    >>> r.code, str(r.enhanced), r.lines
    (550, '5.1.1', ['<bob@example.org>: no such user'])
    >>> r.action, r.reason
    ('fail', 'user_unknown')
    >>> r.explanation.name
    'Recipient refused (mailbox unavailable)'

For replies arriving from a socket, in pieces or pipelined, use Parser::

    p = smtpreply.Parser()
    for reply in p.feed(sock.recv(4096)):
        ...

The library is found through $SMTPREPLY_LIBRARY, the source tree's build,
then the system's (ldconfig, LD_LIBRARY_PATH).
"""
import ctypes
from collections import namedtuple
from enum import IntEnum

from . import _lib

__all__ = [
    "parse", "Parser", "Reply", "Explanation", "Enhanced", "ParseError",
    "IncompleteError", "Command", "explain", "explain_class", "explain_category",
    "explanations", "languages", "language_match", "heading", "command",
    "version", "version_number", "STRICT", "FLAGS",
]

_c = _lib.lib

STRICT = 0x1EFF  # SMTPREPLY_STRICT: every flag that departs from the RFCs
_FMT_ASCII = 0x1


class Command(IntEnum):
    """The command a reply answers (enum smtpreply_command)."""
    UNKNOWN = 0
    GREETING = 1
    EHLO = 2
    HELO = 3
    MAIL = 4
    RCPT = 5
    DATA = 6
    DOT = 7
    BDAT = 8
    RSET = 9
    VRFY = 10
    EXPN = 11
    HELP = 12
    NOOP = 13
    QUIT = 14
    AUTH = 15
    STARTTLS = 16
    ETRN = 17
    ATRN = 18

    def __str__(self):
        return self.name


_FIELDS = {"name": 0, "description": 1, "when": 2, "fix": 3, "source": 4, "key": 5}
_HEADINGS = {"description": 0, "when": 1, "fix": 2, "class": 3, "category": 4,
             "enhanced": 5, "differences": 6, "action": 7, "reason": 8, "who": 9}
_XFLAGS = {0x1: "reply", 0x2: "enhanced", 0x4: "class", 0x8: "subject", 0x10: "category",
           0x20: "contextual", 0x40: "nonstandard", 0x80: "fallback", 0x100: "provider"}


def _s(b):
    return b.decode("utf-8", "replace") if b is not None else None


def _b(s):
    if s is None:
        return None
    return s.encode("utf-8") if isinstance(s, str) else bytes(s)


# Flag bit -> name, as the library names them (new bits appear by themselves).
FLAGS = {}
for _bit in range(32):
    _name = _c.smtpreply_flag_name(1 << _bit)
    if _name:
        FLAGS[1 << _bit] = _name.decode()
_FLAG_BITS = {v: k for k, v in FLAGS.items()}


def _to_command(value):
    """A Command from a Command, an int or a name ("RCPT", "rcpt to", ".")."""
    if value is None:
        return Command.UNKNOWN
    if isinstance(value, Command):
        return value
    if isinstance(value, int):
        return Command(value)
    return Command(_c.smtpreply_command_parse(_b(value)))


command = _to_command


def version():
    """The loaded library's version string, e.g. "1.0.0"."""
    return _c.smtpreply_version().decode()


def version_number():
    """The loaded library's version as 0xMMmmpp."""
    return _c.smtpreply_version_number()


class Enhanced(namedtuple("Enhanced", "klass subject detail")):
    """An RFC 3463 enhanced status code; str() gives "5.1.1"."""
    __slots__ = ()

    def __str__(self):
        return "%d.%d.%d" % self


class ParseError(ValueError):
    """The bytes are not an SMTP reply (or a limit was crossed).

    result: the stable name ("bad_code"); code: the C value (negative);
    offset: offset of the offending byte; skip: bytes dropped to resync."""

    def __init__(self, code, offset=0, skip=0):
        self.code = code
        self.result = _c.smtpreply_result_name(code).decode()
        self.offset = offset
        self.skip = skip
        super().__init__("%s at byte %d: %s" % (
            self.result, offset, _c.smtpreply_result_message(code).decode()))


class IncompleteError(ParseError):
    """The bytes are the start of a reply that has not ended yet."""


class Explanation:
    """An entry of the library's explanation table (read-only).

    name, description, when, fix, source and key are texts in self.lang
    (English where there is no translation); flags is a frozenset of
    "reply", "enhanced", "class", "subject", "category", "contextual",
    "nonstandard", "fallback", "provider"; code is the reply code of a
    reply entry (else None), enhanced the (klass, subject, detail) of an
    enhanced entry, -1 where it stands for any (else None)."""

    __slots__ = ("_e", "lang")

    def __init__(self, handle, lang=None):
        self._e = handle
        self.lang = lang

    def text(self, field, lang=None):
        """One field ("name", "description", "when", "fix", "source", "key")."""
        lang = lang if lang is not None else self.lang
        f = _FIELDS[field]
        if lang:
            return _s(_c.smtpreply_expl_text_lang(self._e, f, _b(lang)))
        return _s(_c.smtpreply_expl_text(self._e, f))

    def in_language(self, lang):
        """The same entry, with its texts in lang ("fr", "ja_JP.UTF-8")."""
        return Explanation(self._e, lang)

    name = property(lambda self: self.text("name"))
    description = property(lambda self: self.text("description"))
    when = property(lambda self: self.text("when"))
    fix = property(lambda self: self.text("fix"))
    source = property(lambda self: self.text("source"))
    key = property(lambda self: self.text("key"))

    @property
    def flags(self):
        bits = _c.smtpreply_expl_flags(self._e)
        return frozenset(n for b, n in _XFLAGS.items() if bits & b)

    @property
    def code(self):
        return _c.smtpreply_expl_code(self._e) or None

    @property
    def enhanced(self):
        k, s, d = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        if not _c.smtpreply_expl_enhanced(self._e, ctypes.byref(k), ctypes.byref(s),
                                          ctypes.byref(d)):
            return None
        return (k.value, s.value, d.value)

    def as_dict(self):
        return {"key": self.key, "name": self.name, "description": self.description,
                "when": self.when, "fix": self.fix, "source": self.source,
                "flags": sorted(self.flags)}

    def __eq__(self, other):
        return isinstance(other, Explanation) and self._e == other._e and self.lang == other.lang

    def __hash__(self):
        return hash((self._e, self.lang))

    def __repr__(self):
        return "<Explanation %s: %s>" % (self.key, self.name)


def _expl(handle, lang=None):
    return Explanation(handle, lang) if handle else None


class Reply:
    """One parsed reply. It owns a copy of its bytes, so it outlives the
    buffer it was parsed from.

    code, first_code, klass (2..5), enhanced (Enhanced or None), lines
    (text of each line, str), raw_lines (bytes), text (lines joined by
    spaces), raw (the reply's bytes), length (bytes consumed, skipped empty
    lines included), flags (frozenset of names such as "bare_lf"),
    flag_bits, command (the Command it answers; set it to change action,
    reason and explanation)."""

    def __init__(self, c_reply, base, length, cmd=None):
        # Copy the bytes the reply occupies and point the views at the copy.
        self._buf = ctypes.create_string_buffer(ctypes.string_at(base, length), length)
        new = ctypes.addressof(self._buf)
        r = _lib.Reply.from_buffer_copy(c_reply)
        for f in ("raw", "first_line", "last_line"):
            s = getattr(r, f)
            if s.ptr:
                s.ptr = new + (s.ptr - base)
        self._r = r
        self.length = length
        self.command = cmd

    # -- the parse -------------------------------------------------------
    code = property(lambda self: self._r.code)
    first_code = property(lambda self: self._r.first_code)
    klass = property(lambda self: self._r.klass)
    flag_bits = property(lambda self: self._r.flags)

    @property
    def command(self):
        return self._cmd

    @command.setter
    def command(self, value):
        self._cmd = _to_command(value)

    @property
    def enhanced(self):
        e = self._r.enhanced
        return Enhanced(e.klass, e.subject, e.detail) if e.klass else None

    @property
    def flags(self):
        return frozenset(n for b, n in FLAGS.items() if self._r.flags & b)

    @property
    def raw(self):
        return ctypes.string_at(self._r.raw.ptr, self._r.raw.len)

    @property
    def raw_lines(self):
        it, s, out = _lib.Iter(), _lib.Str(), []
        while _c.smtpreply_next_line(ctypes.byref(self._r), ctypes.byref(it), ctypes.byref(s)):
            out.append(ctypes.string_at(s.ptr, s.len) if s.len else b"")
        return out

    @property
    def lines(self):
        return [_s(b) for b in self.raw_lines]

    @property
    def text(self):
        return " ".join(x.strip() for x in self.lines if x.strip())

    # -- what it means and what to do -------------------------------------
    @property
    def explanation(self):
        """The reply code's Explanation (after self.command when known)."""
        return _expl(_c.smtpreply_explain_reply(ctypes.byref(self._r), self._cmd))

    @property
    def enhanced_explanation(self):
        """The enhanced code's Explanation (the class's when it has none)."""
        return _expl(_c.smtpreply_explain_reply_enhanced(ctypes.byref(self._r)))

    @property
    def provider(self):
        """"google", "microsoft"... judged from the text, or None."""
        return _s(_c.smtpreply_provider(ctypes.byref(self._r)))

    @property
    def provider_explanation(self):
        """The provider's own Explanation of the enhanced code, or None."""
        return _expl(_c.smtpreply_explain_provider(ctypes.byref(self._r)))

    def action_for(self, cmd):
        return _c.smtpreply_action_name(
            _c.smtpreply_action(ctypes.byref(self._r), _to_command(cmd))).decode()

    def reason_for(self, cmd):
        return _c.smtpreply_reason_name(
            _c.smtpreply_reason(ctypes.byref(self._r), _to_command(cmd))).decode()

    @property
    def action(self):
        """"success", "continue", "retry" or "fail"."""
        return self.action_for(self._cmd)

    @property
    def reason(self):
        """"none" for success, else "user_unknown", "mailbox_full"..."""
        return self.reason_for(self._cmd)

    def _reason_value(self):
        return _c.smtpreply_reason(ctypes.byref(self._r), self._cmd)

    def reason_text(self, lang=None):
        """A title of the reason for people ("Recipient unknown")."""
        return _s(_c.smtpreply_reason_text(self._reason_value(), _b(lang)))

    def reason_description(self, lang=None):
        """One sentence on the reason, for people."""
        return _s(_c.smtpreply_reason_description(self._reason_value(), _b(lang)))

    def _action_value(self):
        return _c.smtpreply_action(ctypes.byref(self._r), self._cmd)

    def action_text(self, lang=None):
        """A title of the action for people ("Retry later")."""
        return _s(_c.smtpreply_action_text(self._action_value(), _b(lang)))

    def action_description(self, lang=None):
        """One sentence on what the action means, for people."""
        return _s(_c.smtpreply_action_description(self._action_value(), _b(lang)))

    @property
    def party(self):
        """Who must act: "sender", "sender_admin", "recipient", ... or "none"."""
        return _s(_c.smtpreply_party_name(_c.smtpreply_reason_party(self._reason_value())))

    def party_text(self, lang=None):
        """Who must act, for people ("The recipient's mail administrator")."""
        return _s(_c.smtpreply_party_text(_c.smtpreply_reason_party(self._reason_value()),
                                          _b(lang)))

    def format(self, host=None, command=None, ascii=False):
        """One log line, escaped so a server cannot forge lines:
        "host H said: 550 5.1.1 text (in reply to RCPT TO command)"."""
        cmd = self._cmd if command is None else _to_command(command)
        flags = _FMT_ASCII if ascii else 0
        need = _c.smtpreply_format(None, 0, ctypes.byref(self._r), _b(host), cmd, flags)
        out = ctypes.create_string_buffer(need + 1)
        _c.smtpreply_format(out, need + 1, ctypes.byref(self._r), _b(host), cmd, flags)
        return out.value.decode("utf-8", "replace")

    # -- EHLO and delivery ------------------------------------------------
    @property
    def extensions(self):
        """EHLO extensions as an ordered dict keyword -> parameters (str)."""
        it, k, p, out = _lib.EhloIter(), _lib.Str(), _lib.Str(), {}
        while _c.smtpreply_ehlo_next(ctypes.byref(self._r), ctypes.byref(it),
                                     ctypes.byref(k), ctypes.byref(p)):
            out[_s(ctypes.string_at(k.ptr, k.len)).upper()] = (
                _s(ctypes.string_at(p.ptr, p.len)) if p.len else "")
        return out

    @property
    def size_limit(self):
        """EHLO SIZE in bytes; 0 = no limit stated; None = SIZE not offered."""
        v = _c.smtpreply_ehlo_size(ctypes.byref(self._r))
        return None if v < 0 else v

    def has_auth(self, mechanism):
        return bool(_c.smtpreply_ehlo_has_auth(ctypes.byref(self._r), _b(mechanism)))

    @property
    def queue_id(self):
        """The queue id in a 250 reply to the end of DATA, or None."""
        s = _c.smtpreply_queue_id(ctypes.byref(self._r))
        return _s(ctypes.string_at(s.ptr, s.len)) if s.ptr else None

    def as_dict(self):
        return {"code": self.code, "enhanced": str(self.enhanced) if self.enhanced else None,
                "lines": self.lines, "flags": sorted(self.flags), "command": self._cmd.name,
                "action": self.action, "reason": self.reason,
                "explanation": self.explanation.as_dict()}

    def __repr__(self):
        enh = " " + str(self.enhanced) if self.enhanced else ""
        return "<Reply %d%s %r>" % (self.code, enh, self.text[:60])


def _options(strict=False, reject=(), max_line=0, max_lines=0, max_reply=0):
    o = _lib.Options()
    _c.smtpreply_options_init(ctypes.byref(o))
    bits = STRICT if strict else 0
    if isinstance(reject, int):
        bits |= reject
    else:
        for name in reject:
            if name not in _FLAG_BITS:
                raise ValueError("unknown flag %r (known: %s)" % (name, ", ".join(sorted(_FLAG_BITS))))
            bits |= _FLAG_BITS[name]
    o.reject = bits
    o.max_line, o.max_lines, o.max_reply = max_line, max_lines, max_reply
    return o


def parse(data, command=None, **options):
    """Parse the reply at the start of data (bytes or str).

    command: what the reply answers (Command, "RCPT", "MAIL FROM", "."...).
    options: strict=True, reject=("bare_lf", ...), max_line, max_lines,
    max_reply. Returns a Reply; raises IncompleteError when data ends
    inside a reply, ParseError when it is not one."""
    data = _b(data)
    opts = _options(**options)
    buf = ctypes.create_string_buffer(data, len(data))
    r = _lib.Reply()
    base = ctypes.addressof(buf)
    n = _c.smtpreply_parse(buf, len(data), ctypes.byref(opts), ctypes.byref(r))
    if n > 0:
        return Reply(r, base, n, command)
    if n == -1:
        raise IncompleteError(n, len(data), 0)
    raise ParseError(n, r.error_offset, r.skip)


class Parser:
    """Streaming parser for one connection.

        p = Parser()
        for reply in p.feed(chunk):   # zero, one or several replies
            ...

    Bytes not yet part of a complete reply are kept for the next feed().
    Lines that are not SMTP replies are skipped (the parser resynchronises)
    and recorded as ParseError objects in self.errors. commands, if given,
    is a list of the commands sent and not yet answered, oldest first:
    each reply takes the first as its command (a pipelining client's
    queue)."""

    def __init__(self, commands=None, **options):
        self._p = _lib.Parser()
        _c.smtpreply_parser_init(ctypes.byref(self._p), ctypes.byref(_options(**options)))
        self._buf = bytearray()
        self.errors = []
        self.commands = commands if commands is not None else []

    @property
    def pending(self):
        """Bytes received and not yet part of a complete reply."""
        return bytes(self._buf)

    def reset(self):
        """Forget a partial reply (e.g. after STARTTLS or a reconnect)."""
        _c.smtpreply_parser_reset(ctypes.byref(self._p))
        self._buf = bytearray()

    def feed(self, data):
        """Add bytes; return the list of replies they complete."""
        self._buf += _b(data)
        out = []
        while True:
            n_buf = len(self._buf)
            view = (ctypes.c_char * max(n_buf, 1)).from_buffer(self._buf) if n_buf else None
            base = ctypes.addressof(view) if view is not None else None
            r = _lib.Reply()
            n = _c.smtpreply_parser_parse(ctypes.byref(self._p), base, n_buf, ctypes.byref(r))
            if n > 0:
                cmd = self.commands.pop(0) if self.commands else None
                out.append(Reply(r, base, n, cmd))
                drop = n
            else:
                drop = r.skip
                if n != -1:
                    self.errors.append(ParseError(n, r.error_offset, r.skip))
            del view  # release the buffer before resizing it
            if drop:
                del self._buf[:drop]
            if n == -1:
                return out

    def close(self):
        """At end of input: raise IncompleteError if a reply was cut off."""
        if self._buf.strip(b"\r\n"):
            raise IncompleteError(-1, len(self._buf), 0)


def explain(code, command=None, lang=None):
    """Explanation of 550, "550", "5.7.26", "550 5.7.26", "2xx", (5, 7, 26)."""
    if isinstance(code, tuple):
        return _expl(_c.smtpreply_explain_enhanced(*code), lang)
    if isinstance(code, int):
        if command is not None:
            return _expl(_c.smtpreply_explain_code_after(code, _to_command(command)), lang)
        return _expl(_c.smtpreply_explain_code(code), lang)
    return _expl(_c.smtpreply_explain_text(_b(code)), lang)


def explain_class(code, lang=None):
    """The entry of a reply code's class (5xx...)."""
    return _expl(_c.smtpreply_explain_class(code), lang)


def explain_category(code, lang=None):
    """The entry of a reply code's category (its second digit)."""
    return _expl(_c.smtpreply_explain_category(code), lang)


def explanations(lang=None):
    """Every entry of the table."""
    return [_expl(_c.smtpreply_expl_at(i), lang) for i in range(_c.smtpreply_expl_count())]


def languages():
    """Languages with translations, "en" first."""
    out, i = [], 0
    while True:
        tag = _c.smtpreply_language(i)
        if tag is None:
            return out
        out.append(tag.decode())
        i += 1


def language_match(tag):
    """The available language a tag or locale selects ("ja_JP.UTF-8" -> "ja")."""
    return _c.smtpreply_language_match(_b(tag)).decode()


def heading(name, lang=None):
    """A heading for people: "description", "when", "fix", "action", "reason", "who"..."""
    return _s(_c.smtpreply_heading_text(_HEADINGS[name], _b(lang)))
