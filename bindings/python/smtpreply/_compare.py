"""Comparison pages: two codes or replies side by side, in sentences the
library writes in a language (smtpreply_compare_text)."""
from __future__ import annotations

import ctypes
from typing import List, NamedTuple, Optional, Union

from . import _lib
from ._explain import Explanation, explain
from ._lib import lib as _c
from ._reply import Reply
from ._text import b as _b

_TITLE, _SUMMARY, _POINT, _WHICH = 0, 1, 2, 3

SideLike = Union[Reply, Explanation, str, int]


class Comparison(NamedTuple):
    """title ("SMTP 235 ... vs 500 ..."), summary (one paragraph), points
    (the numbered key differences) and which (for each side, when to use
    it: its fix)."""
    title: str
    summary: str
    points: List[str]
    which: List[str]


def _side(x: SideLike, keep: list) -> _lib.Side:
    s = _lib.Side()
    if isinstance(x, Reply):
        s.reply = ctypes.addressof(x._r)
        s.cmd = int(x.command)
        keep.append(x)
    elif isinstance(x, Explanation):
        s.entry = x._e
    else:
        label = str(x)
        s.label = _b(label)
        s.entry = explain(label)._e
        keep.append(s.label)
    return s


def _text(a: _lib.Side, b: _lib.Side, part: int, index: int, lang: Optional[bytes]) -> str:
    need = _c.smtpreply_compare_text(None, 0, ctypes.byref(a), ctypes.byref(b), part, index, lang)
    if not need:
        return ""
    out = ctypes.create_string_buffer(need + 1)
    _c.smtpreply_compare_text(out, need + 1, ctypes.byref(a), ctypes.byref(b), part, index, lang)
    return out.value.decode("utf-8", "replace")


def compare(a: SideLike, b: SideLike, lang: Optional[str] = None) -> Comparison:
    """Compares two codes ("235", "5.7.26", "550 5.1.1"), explanations or
    parsed replies (a reply adds what to do and who must act)."""
    keep: list = []
    sa, sb = _side(a, keep), _side(b, keep)
    lg = _b(lang)
    points: List[str] = []
    while True:
        p = _text(sa, sb, _POINT, len(points), lg)
        if not p:
            break
        points.append(p)
    which = [w for w in (_text(sa, sb, _WHICH, 0, lg), _text(sa, sb, _WHICH, 1, lg)) if w]
    return Comparison(_text(sa, sb, _TITLE, 0, lg), _text(sa, sb, _SUMMARY, 0, lg), points, which)
