"""One parsed reply, with what it means and what to do about it."""
from __future__ import annotations

import ctypes
from typing import Any, Dict, FrozenSet, List, NamedTuple, Optional

from . import _lib
from ._enums import (FLAGS, Action, Command, CommandLike, Confidence, Evidence, Party, Reason,
                     Verdict, to_command)
from ._explain import Explanation, must, wrap
from ._lib import lib as _c
from ._text import b as _b, opt_s as _opt_s, s as _s

_FMT_ASCII = 0x1


class Enhanced(NamedTuple):
    """An RFC 3463 enhanced status code; str() gives "5.1.1"."""
    klass: int
    subject: int
    detail: int

    def __str__(self) -> str:
        return "%d.%d.%d" % (self.klass, self.subject, self.detail)


class Diagnosis(NamedTuple):
    """Everything the library judges of a failure, from one pass
    (smtpreply_diagnose). code and enhanced are those the reason rests on:
    the quoted reply's when the text quotes another server's reply."""
    action: Action
    reason: Reason
    verdict: Verdict
    confidence: Confidence
    evidence: Evidence
    code: int
    enhanced: Optional[Enhanced]
    provider: Optional[str]


def diagnosis_of(d: _lib.Diagnosis) -> Diagnosis:
    """The Diagnosis of a filled struct smtpreply_diagnosis."""
    e = d.enhanced
    return Diagnosis(Action.from_number(d.action), Reason.from_number(d.reason),
                     Verdict.from_number(d.verdict), Confidence.from_number(d.confidence),
                     Evidence.from_number(d.evidence), int(d.code),
                     Enhanced(e.klass, e.subject, e.detail) if e.klass else None,
                     _opt_s(d.provider))


class Reply:
    """One parsed reply. It owns a copy of its bytes, so it outlives the
    buffer it was parsed from.

    code, first_code, klass (2..5), enhanced (Enhanced or None), lines
    (text of each line, str), raw_lines (bytes), text (lines joined by
    spaces), raw (the reply's bytes), length (bytes consumed, skipped empty
    lines included), flags (frozenset of names such as "bare_lf"),
    flag_bits, command (the Command it answers; set it to change action,
    reason and explanation)."""

    def __init__(self, c_reply: _lib.Reply, base: int, length: int,
                 command: CommandLike = None) -> None:
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
        self._cmd = to_command(command)

    def _ref(self) -> Any:
        return ctypes.byref(self._r)

    # -- the parse -------------------------------------------------------
    @property
    def code(self) -> int:
        """The reply code of the final line (550)."""
        return int(self._r.code)

    @property
    def first_code(self) -> int:
        """The first line's code (differs with the "code_mismatch" flag)."""
        return int(self._r.first_code)

    @property
    def klass(self) -> int:
        """code // 100: 2 success .. 5 permanent failure."""
        return int(self._r.klass)

    @property
    def flag_bits(self) -> int:
        return int(self._r.flags)

    @property
    def command(self) -> Command:
        return self._cmd

    @command.setter
    def command(self, value: CommandLike) -> None:
        self._cmd = to_command(value)

    @property
    def enhanced(self) -> Optional[Enhanced]:
        e = self._r.enhanced
        return Enhanced(e.klass, e.subject, e.detail) if e.klass else None

    @property
    def flags(self) -> FrozenSet[str]:
        return frozenset(n for b, n in FLAGS.items() if self._r.flags & b)

    @property
    def raw(self) -> bytes:
        return ctypes.string_at(self._r.raw.ptr, self._r.raw.len)

    @property
    def raw_lines(self) -> List[bytes]:
        it, s, out = _lib.Iter(), _lib.Str(), []
        while _c.smtpreply_next_line(self._ref(), ctypes.byref(it), ctypes.byref(s)):
            out.append(ctypes.string_at(s.ptr, s.len) if s.len else b"")
        return out

    @property
    def lines(self) -> List[str]:
        return [_s(b) for b in self.raw_lines]

    def line(self, i: int) -> Optional[str]:
        """Line i (0-based), None past the end."""
        s = _c.smtpreply_line(self._ref(), i)
        if not s.ptr:
            return None
        return _s(ctypes.string_at(s.ptr, s.len) if s.len else b"")

    @property
    def text(self) -> str:
        return " ".join(x.strip() for x in self.lines if x.strip())

    # -- what it means and what to do -------------------------------------
    @property
    def explanation(self) -> Explanation:
        """The reply code's Explanation (after self.command when known)."""
        return must(_c.smtpreply_explain_reply(self._ref(), self._cmd))

    @property
    def enhanced_explanation(self) -> Explanation:
        """The enhanced code's Explanation (the class's when it has none)."""
        # The parser stores it in the reply (1.1); ask when it did not.
        return must(self._r.expl_enhanced or _c.smtpreply_explain_reply_enhanced(self._ref()))

    @property
    def provider(self) -> Optional[str]:
        """ "google", "microsoft"... judged from the text, or None."""
        return _opt_s(_c.smtpreply_provider(self._ref()))

    @property
    def provider_explanation(self) -> Optional[Explanation]:
        """The provider's own Explanation of the enhanced code, or None."""
        return wrap(_c.smtpreply_explain_provider(self._ref()))

    def action_for(self, command: CommandLike) -> Action:
        """The action after another command than self.command."""
        return Action.from_number(_c.smtpreply_action(self._ref(), to_command(command)))

    def reason_for(self, command: CommandLike) -> Reason:
        """The reason after another command than self.command."""
        return Reason.from_number(_c.smtpreply_reason(self._ref(), to_command(command)))

    @property
    def action(self) -> Action:
        """Action.SUCCESS, CONTINUE, RETRY or FAIL (== "success"...)."""
        return self.action_for(self._cmd)

    @property
    def reason(self) -> Reason:
        """Reason.NONE for success, else Reason.USER_UNKNOWN... (== "user_unknown")."""
        return self.reason_for(self._cmd)

    @property
    def verdict(self) -> Verdict:
        """Should the address be suppressed: Verdict.SUPPRESS, RETRY,
        FIX_SENDER, FIX_MESSAGE, UNDETERMINED, or NONE for success."""
        return self.verdict_for(self._cmd)

    def verdict_for(self, command: CommandLike) -> Verdict:
        """The verdict after another command than self.command."""
        return Verdict.from_number(_c.smtpreply_verdict(self._ref(), to_command(command)))

    def diagnose(self, command: CommandLike = None) -> Diagnosis:
        """Action, reason, verdict, confidence and evidence at once (after
        self.command, or command when given)."""
        cmd = self._cmd if command is None else to_command(command)
        d = _lib.Diagnosis()
        if _c.smtpreply_diagnose(self._ref(), cmd, ctypes.byref(d)) != 0:
            raise RuntimeError("smtpreply_diagnose failed")
        return diagnosis_of(d)

    @property
    def party(self) -> Party:
        """Who must act: Party.SENDER, RECIPIENT_ADMIN... or NONE (a
        provider's own entry for the reply beats the reason's usual party)."""
        return Party.from_number(_c.smtpreply_reply_party(self._ref(), self._cmd))

    def reason_text(self, lang: Optional[str] = None) -> str:
        """A title of the reason for people ("Recipient unknown")."""
        return self.reason.text(lang)

    def reason_description(self, lang: Optional[str] = None) -> str:
        """One sentence on the reason, for people."""
        return self.reason.description(lang)

    def action_text(self, lang: Optional[str] = None) -> str:
        """A title of the action for people ("Retry later")."""
        return self.action.text(lang)

    def action_description(self, lang: Optional[str] = None) -> str:
        """One sentence on what the action means, for people."""
        return self.action.description(lang)

    def party_text(self, lang: Optional[str] = None) -> str:
        """Who must act, for people ("The recipient's mail administrator")."""
        return self.party.text(lang)

    def format(self, host: Optional[str] = None, command: CommandLike = None,
               ascii: bool = False) -> str:
        """One log line, escaped so a server cannot forge lines:
        "host H said: 550 5.1.1 text (in reply to RCPT TO command)"."""
        cmd = self._cmd if command is None else to_command(command)
        flags = _FMT_ASCII if ascii else 0
        need = _c.smtpreply_format(None, 0, self._ref(), _b(host), cmd, flags)
        out = ctypes.create_string_buffer(need + 1)
        _c.smtpreply_format(out, need + 1, self._ref(), _b(host), cmd, flags)
        return out.value.decode("utf-8", "replace")

    def __str__(self) -> str:
        return self.format()

    # -- EHLO and delivery ------------------------------------------------
    @property
    def extensions(self) -> Dict[str, str]:
        """EHLO extensions as an ordered dict KEYWORD -> parameters."""
        it, k, p = _lib.EhloIter(), _lib.Str(), _lib.Str()
        out: Dict[str, str] = {}
        while _c.smtpreply_ehlo_next(self._ref(), ctypes.byref(it),
                                     ctypes.byref(k), ctypes.byref(p)):
            out[_s(ctypes.string_at(k.ptr, k.len)).upper()] = (
                _s(ctypes.string_at(p.ptr, p.len)) if p.len else "")
        return out

    def extension(self, keyword: str) -> Optional[str]:
        """The parameters of one EHLO extension ("" when it has none), or
        None when the server does not offer it (case-insensitive)."""
        p = _lib.Str()
        if not _c.smtpreply_ehlo_find(self._ref(), _b(keyword), ctypes.byref(p)):
            return None
        return _s(ctypes.string_at(p.ptr, p.len)) if p.len else ""

    @property
    def size_limit(self) -> Optional[int]:
        """EHLO SIZE in bytes; 0 = no limit stated; None = SIZE not offered."""
        v = int(_c.smtpreply_ehlo_size(self._ref()))
        return None if v < 0 else v

    def has_auth(self, mechanism: str) -> bool:
        """Whether EHLO's AUTH offers the mechanism (case-insensitive)."""
        return bool(_c.smtpreply_ehlo_has_auth(self._ref(), _b(mechanism)))

    @property
    def queue_id(self) -> Optional[str]:
        """The queue id in a 250 reply to the end of DATA, or None."""
        s = _c.smtpreply_queue_id(self._ref())
        return _s(ctypes.string_at(s.ptr, s.len)) if s.ptr else None

    def as_dict(self) -> Dict[str, Any]:
        return {"code": self.code, "enhanced": str(self.enhanced) if self.enhanced else None,
                "lines": self.lines, "flags": sorted(self.flags), "command": self._cmd.name,
                "action": str(self.action), "reason": str(self.reason),
                "verdict": str(self.verdict),
                "explanation": self.explanation.as_dict()}

    def __repr__(self) -> str:
        enh = " " + str(self.enhanced) if self.enhanced else ""
        return "<Reply %d%s %r>" % (self.code, enh, self.text[:60])
