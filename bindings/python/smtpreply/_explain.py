"""Explanations: entries of the library's const table."""
from __future__ import annotations

import ctypes
from typing import Dict, FrozenSet, List, Optional, Tuple, Union

from ._enums import CommandLike, to_command
from ._lib import lib as _c
from ._text import b as _b, s as _s

_FIELDS = {"name": 0, "description": 1, "when": 2, "fix": 3, "source": 4, "key": 5}
_HEADINGS = {"description": 0, "when": 1, "fix": 2, "class": 3, "category": 4,
             "enhanced": 5, "differences": 6, "action": 7, "reason": 8, "who": 9,
             "which": 10, "summary": 11}
_XFLAGS = {0x1: "reply", 0x2: "enhanced", 0x4: "class", 0x8: "subject", 0x10: "category",
           0x20: "contextual", 0x40: "nonstandard", 0x80: "fallback", 0x100: "provider"}


class Explanation:
    """An entry of the library's explanation table (read-only).

    name, description, when, fix, source and key are texts in self.lang
    (English where there is no translation); flags is a frozenset of
    "reply", "enhanced", "class", "subject", "category", "contextual",
    "nonstandard", "fallback", "provider"; code is the reply code of a
    reply entry (else None), enhanced the (klass, subject, detail) of an
    enhanced entry, -1 where it stands for any (else None)."""

    __slots__ = ("_e", "lang")

    def __init__(self, handle: int, lang: Optional[str] = None) -> None:
        self._e = handle
        self.lang = lang

    def text(self, field: str, lang: Optional[str] = None) -> str:
        """One field ("name", "description", "when", "fix", "source", "key")."""
        lang = lang if lang is not None else self.lang
        f = _FIELDS[field]
        if lang:
            return _s(_c.smtpreply_expl_text_lang(self._e, f, _b(lang)))
        return _s(_c.smtpreply_expl_text(self._e, f))

    def in_language(self, lang: Optional[str]) -> "Explanation":
        """The same entry, with its texts in lang ("fr", "ja_JP.UTF-8")."""
        return Explanation(self._e, lang)

    @property
    def name(self) -> str:
        """A short title."""
        return self.text("name")

    @property
    def description(self) -> str:
        """What it means."""
        return self.text("description")

    @property
    def when(self) -> str:
        """When you see it."""
        return self.text("when")

    @property
    def fix(self) -> str:
        """What to do."""
        return self.text("fix")

    @property
    def source(self) -> str:
        """The defining RFC or origin."""
        return self.text("source")

    @property
    def key(self) -> str:
        """A stable key: "reply 550 after RCPT", "enhanced X.1.1"..."""
        return self.text("key")

    @property
    def flag_bits(self) -> int:
        return int(_c.smtpreply_expl_flags(self._e))

    @property
    def flags(self) -> FrozenSet[str]:
        bits = self.flag_bits
        return frozenset(n for b, n in _XFLAGS.items() if bits & b)

    @property
    def code(self) -> Optional[int]:
        return _c.smtpreply_expl_code(self._e) or None

    @property
    def enhanced(self) -> Optional[Tuple[int, int, int]]:
        k, s, d = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        if not _c.smtpreply_expl_enhanced(self._e, ctypes.byref(k), ctypes.byref(s),
                                          ctypes.byref(d)):
            return None
        return (k.value, s.value, d.value)

    def fallback_text(self, label: str, lang: Optional[str] = None) -> Optional[str]:
        """For a fallback entry: the sentence saying that label ("5.1.999")
        is not itself a registered code and which general entry is shown;
        None for any other entry."""
        lang = lang if lang is not None else self.lang
        need = _c.smtpreply_fallback_text(None, 0, _b(label), self._e, _b(lang))
        if not need:
            return None
        out = ctypes.create_string_buffer(need + 1)
        _c.smtpreply_fallback_text(out, need + 1, _b(label), self._e, _b(lang))
        return out.value.decode("utf-8", "replace")

    def as_dict(self) -> Dict[str, Union[str, List[str]]]:
        return {"key": self.key, "name": self.name, "description": self.description,
                "when": self.when, "fix": self.fix, "source": self.source,
                "flags": sorted(self.flags)}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Explanation) and self._e == other._e and self.lang == other.lang

    def __hash__(self) -> int:
        return hash((self._e, self.lang))

    def __repr__(self) -> str:
        return "<Explanation %s: %s>" % (self.key, self.name)


def wrap(handle: Optional[int], lang: Optional[str] = None) -> Optional[Explanation]:
    return Explanation(handle, lang) if handle else None


def must(handle: Optional[int], lang: Optional[str] = None) -> Explanation:
    """Lookups that the library documents as never NULL."""
    if not handle:
        raise RuntimeError("libsmtpreply returned no explanation")
    return Explanation(handle, lang)


CodeLike = Union[int, str, Tuple[int, int, int]]


def explain(code: CodeLike, command: CommandLike = None,
            lang: Optional[str] = None) -> Explanation:
    """Explanation of 550, "550", "5.7.26", "550 5.7.26", "2xx", (5, 7, 26).

    command (an int code only): the meaning after that command ("RCPT",
    Command.DATA); an unknown command name raises UnknownCommandError.
    Never None: an unlisted code gets its class's entry, flagged
    "fallback"."""
    cmd = to_command(command)
    if isinstance(code, tuple):
        if command is not None:
            raise TypeError("command applies to a reply code, not an enhanced code")
        return must(_c.smtpreply_explain_enhanced(*code), lang)
    if isinstance(code, int):
        if command is not None:
            return must(_c.smtpreply_explain_code_after(code, cmd), lang)
        return must(_c.smtpreply_explain_code(code), lang)
    if command is not None:
        text = code.strip()
        if text.isdigit():
            return must(_c.smtpreply_explain_code_after(int(text), cmd), lang)
        raise TypeError("command applies to a reply code, not %r" % code)
    return must(_c.smtpreply_explain_text(_b(code)), lang)


def explain_class(code: int, lang: Optional[str] = None) -> Explanation:
    """The entry of a reply code's class (5xx...)."""
    return must(_c.smtpreply_explain_class(code), lang)


def explain_category(code: int, lang: Optional[str] = None) -> Explanation:
    """The entry of a reply code's category (its second digit)."""
    return must(_c.smtpreply_explain_category(code), lang)


def explanations(lang: Optional[str] = None) -> List[Explanation]:
    """Every entry of the table."""
    return [must(_c.smtpreply_expl_at(i), lang) for i in range(_c.smtpreply_expl_count())]


def languages() -> List[str]:
    """Languages with translations, "en" first."""
    out: List[str] = []
    i = 0
    while True:
        tag = _c.smtpreply_language(i)
        if tag is None:
            return out
        out.append(tag.decode())
        i += 1


def language_match(tag: Optional[str]) -> str:
    """The available language a tag or locale selects ("ja_JP.UTF-8" -> "ja")."""
    return _s(_c.smtpreply_language_match(_b(tag)))


def heading(name: str, lang: Optional[str] = None) -> str:
    """A heading for people: "description", "when", "fix", "action", "reason", "who"..."""
    return _s(_c.smtpreply_heading_text(_HEADINGS[name], _b(lang)))
