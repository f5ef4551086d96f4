"""Replies where people have them: MTA log lines, bounce messages and
client transcripts (smtpreply_find, smtpreply_bounce_next)."""
from __future__ import annotations

import ctypes
from typing import Any, Iterable, Iterator, List, NamedTuple, Optional, Union

from . import _lib
from ._enums import Command, _CEnum
from ._lib import lib as _c
from ._reply import Diagnosis, Reply, diagnosis_of
from ._text import BytesLike, b as _b


class Source(_CEnum):
    """Where a found reply came from (enum smtpreply_source)."""
    NONE = ("none", 0)
    RAW = ("raw", 1)
    POSTFIX = ("postfix", 2)
    EXIM = ("exim", 3)
    SENDMAIL = ("sendmail", 4)
    OPENSMTPD = ("opensmtpd", 5)
    DSN = ("dsn", 6)
    BOUNCE = ("bounce", 7)
    TRANSCRIPT = ("transcript", 8)
    EXCHANGE = ("exchange", 9)
    FALLBACK = ("fallback", 10)


_WHAT = {"log": 0x1, "transcript": 0x2, "text": 0x4, "raw": 0x8}


class _Record(NamedTuple):
    reply: Optional[Reply]
    command: Command
    source: Source
    host: Optional[str]
    recipient: Optional[str]
    status: Optional[str]
    action: Optional[str]
    date: Optional[str]
    problem: Optional[str]
    offset: int
    length: int


class Found(_Record):
    """One reply found in a log, bounce or transcript, with what the
    record says about it. reply is None when the record names a failure
    but no reply (a time-out: see problem). status is the DSN Status (or
    Sendmail dsn=), which may differ from the reply's enhanced code.

    diagnosis (a Diagnosis: action, reason, verdict...) is the record's
    (smtpreply_found_diagnose): with a reply, reply.diagnose() (the
    Status does not stand in for an enhanced code the reply lacks); without one,
    judged from problem, status and action. It is not one of the tuple's
    fields: unpacking a Found gives the eleven above."""

    @property
    def diagnosis(self) -> Diagnosis:
        d: Optional[Diagnosis] = self.__dict__.get("_diagnosis")
        if d is None:  # a Found made by hand or by _replace(): from its fields
            d = _diagnose_fields(self)
            self.__dict__["_diagnosis"] = d
        return d


def _view(s: _lib.Str) -> Optional[str]:
    if not s.ptr:
        return None
    return ctypes.string_at(s.ptr, s.len).decode("utf-8", "replace")


def _diagnose(f: _lib.Found) -> Diagnosis:
    d = _lib.Diagnosis()
    if _c.smtpreply_found_diagnose(ctypes.byref(f), ctypes.byref(d)) != 0:
        raise RuntimeError("smtpreply_found_diagnose failed")
    return diagnosis_of(d)


def _diagnose_fields(rec: Found) -> Diagnosis:
    """The C record rebuilt from a Found's fields, then diagnosed."""
    f = _lib.Found()
    keep: List[Any] = []  # the texts' buffers, alive until the call returns

    def put(name: str, text: Optional[str]) -> None:
        if text is not None:
            raw = text.encode("utf-8")
            buf = ctypes.create_string_buffer(raw, len(raw))
            keep.append(buf)
            setattr(f, name, _lib.Str(ctypes.addressof(buf), len(raw)))

    if rec.reply is not None:
        f.reply = rec.reply._r  # a copy of the struct; its views point into the Reply
        f.has_reply = 1
    f.command = int(rec.command)
    f.source = int(rec.source.number if isinstance(rec.source, Source) else rec.source)
    for name in ("host", "recipient", "status", "action", "date", "problem"):
        put(name, getattr(rec, name))
    d = _diagnose(f)
    del keep
    return d


def _record(f: _lib.Found) -> Found:
    reply = None
    cmd = Command(f.command) if 0 <= f.command < len(Command) else Command.UNKNOWN
    if f.has_reply:
        raw = f.reply.raw
        reply = Reply(f.reply, raw.ptr, raw.len, cmd)
    rec = Found(reply, cmd, Source.from_number(f.source), _view(f.host), _view(f.recipient),
                _view(f.status), _view(f.action), _view(f.date), _view(f.problem),
                int(f.offset), int(f.length))
    # Judged now, from the C record, while its views into buf are valid.
    rec.__dict__["_diagnosis"] = _diagnose(f)
    return rec


def find_replies(text: BytesLike, what: Optional[Iterable[str]] = None) -> Iterator[Found]:
    """The replies in a text: MTA log lines ("log"), client transcripts
    such as swaks, smtplib or curl -v ("transcript"), a bounce's text or
    DSN fields ("text"), lines that start with a reply code ("raw"); what
    limits the kinds (default: all). Records whose reply does not parse are
    skipped."""
    data = _b(text) or b""
    bits = 0
    for w in what or ():
        if w not in _WHAT:
            raise ValueError("unknown kind %r (known: %s)" % (w, ", ".join(_WHAT)))
        bits |= _WHAT[w]
    src = ctypes.create_string_buffer(data, len(data))
    size = 2 * len(data) + 256  # the reply reassembled: its size + 2 a line
    buf = ctypes.create_string_buffer(size)
    pos = ctypes.c_size_t(0)
    f = _lib.Found()
    while True:
        before = pos.value
        n = _c.smtpreply_find(src, len(data), ctypes.byref(pos), bits, buf, size, ctypes.byref(f))
        if n == 0 or (n < 0 and pos.value == before):  # the second: a refusal, not a record
            return
        if n > 0:
            yield _record(f)


def read_bounce(message: BytesLike) -> Iterator[Found]:
    """The records of a bounce message (RFC 5322, mbox "From " line or
    not): one per recipient of its message/delivery-status part, or, for a
    bounce without one, one per reply its text quotes."""
    data = _b(message) or b""
    src = ctypes.create_string_buffer(data, len(data))
    size = 2 * len(data) + 256  # decoded text in the first half, then replies
    buf = ctypes.create_string_buffer(size)
    it = _lib.BounceIter()
    f = _lib.Found()
    refused = 0
    while refused < 64:  # a refusal repeated is no progress
        n = _c.smtpreply_bounce_next(src, len(data), ctypes.byref(it), buf, size, ctypes.byref(f))
        if n == 0:
            return
        refused += n < 0
        if n > 0:
            yield _record(f)


def source_name(source: Union[Source, int]) -> str:
    """The library's name of a source ("postfix")."""
    return str(_c.smtpreply_source_name(int(source.number if isinstance(source, Source) else source))
               .decode())
