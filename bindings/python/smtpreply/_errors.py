"""Exceptions of the parse functions."""
from __future__ import annotations

from ._lib import lib as _c


class ParseError(ValueError):
    """The bytes are not an SMTP reply, or a limit was crossed.

    result: the stable name ("bad_code", "line_too_long"...); code: the C
    value (negative); offset: offset of the offending byte (in the bytes
    given to parse(), or since the start of the stream for a Parser); skip:
    how many bytes the parser dropped to resynchronise; reply_code: for a
    failed reply (one over a limit, or rejected in strict mode: it still
    answers a command) its reply code, 0 when the bytes were no reply at
    all (junk); command: for a failed reply read by a Parser with a command
    queue, the command it answered."""

    def __init__(self, code: int, offset: int = 0, skip: int = 0, reply_code: int = 0) -> None:
        self.code = code
        self.reply_code = reply_code
        self.command: object = None
        self.result: str = _c.smtpreply_result_name(code).decode()
        self.message: str = _c.smtpreply_result_message(code).decode()
        self.offset = offset
        self.skip = skip
        super().__init__("%s at byte %d: %s" % (self.result, offset, self.message))

    def __reduce__(self):  # picklable despite the custom __init__
        return (type(self), (self.code, self.offset, self.skip, self.reply_code))


class IncompleteError(ParseError):
    """The bytes are the start of a reply that has not ended."""

    def __init__(self, code: int = -1, offset: int = 0, skip: int = 0, reply_code: int = 0) -> None:
        super().__init__(code, offset, skip, reply_code)
