"""One-shot parse() and the streaming Parser."""
from __future__ import annotations

import ctypes
from collections import deque
from typing import (Any, Deque, Iterable, Iterator, List, Optional, Union)

from . import _lib
from ._enums import FLAG_BITS, CommandLike, to_command
from ._errors import IncompleteError, ParseError
from ._lib import lib as _c
from ._reply import Reply
from ._text import BytesLike, b as _b

STRICT = 0x1EFF  # SMTPREPLY_STRICT: every flag that departs from the RFCs
DEFAULT_MAX_LINE = 4096
DEFAULT_MAX_LINES = 1000
DEFAULT_MAX_REPLY = 65536

_INCOMPLETE = -1


def _options(strict: bool = False, reject: Union[int, Iterable[str]] = (),
             max_line: int = 0, max_lines: int = 0, max_reply: int = 0) -> _lib.Options:
    o = _lib.Options()
    _c.smtpreply_options_init(ctypes.byref(o))
    bits = STRICT if strict else 0
    if isinstance(reject, int):
        bits |= reject
    else:
        if isinstance(reject, str):
            reject = [reject]
        for name in reject:
            if name not in FLAG_BITS:
                raise ValueError("unknown flag %r (known: %s)"
                                 % (name, ", ".join(sorted(FLAG_BITS))))
            bits |= FLAG_BITS[name]
    for limit in (max_line, max_lines, max_reply):
        if limit < 0:
            raise ValueError("limits are byte or line counts, not %d" % limit)
    o.reject = bits
    o.max_line, o.max_lines, o.max_reply = max_line, max_lines, max_reply
    return o


def parse(data: BytesLike, command: CommandLike = None, *, strict: bool = False,
          reject: Union[int, Iterable[str]] = (), max_line: int = 0, max_lines: int = 0,
          max_reply: int = 0) -> Reply:
    """Parse the reply at the start of data (bytes or str).

    command: what the reply answers (Command, "RCPT", "MAIL FROM", "."...;
    an unknown name raises UnknownCommandError). strict=True rejects every
    departure from the RFCs; reject names flags to reject ("bare_lf"...);
    max_line, max_lines, max_reply are limits (0: the defaults). Returns a
    Reply; raises IncompleteError when data ends inside a reply, ParseError
    when it is not one (with .offset of the offending byte)."""
    raw = _b(data) or b""
    opts = _options(strict, reject, max_line, max_lines, max_reply)
    buf = ctypes.create_string_buffer(raw, len(raw))
    r = _lib.Reply()
    base = ctypes.addressof(buf)
    n = _c.smtpreply_parse(buf, len(raw), ctypes.byref(opts), ctypes.byref(r))
    if n > 0:
        return Reply(r, base, n, command)
    if n == _INCOMPLETE:
        raise IncompleteError(n, len(raw), 0)
    raise ParseError(n, r.error_offset, r.skip, r.code)


Source = Any  # a socket (recv), a binary file (read1/read), or an iterable of bytes


class Parser:
    """Streaming parser for one connection.

    Feed it bytes as they arrive::

        p = smtpreply.Parser()
        for reply in p.feed(chunk):     # zero, one or several replies
            ...

    or give it a socket, a binary file or an iterable of byte chunks and
    iterate over it: it reads until the end of input::

        for reply in smtpreply.Parser(sock, commands=["GREETING"]):
            ...

    Bytes not yet part of a complete reply are kept for the next read.
    Lines that are not SMTP replies are dropped (the parser resynchronises);
    with on_error="skip" (the default) the last max_errors of them are kept
    as ParseError objects in self.errors and self.error_count counts them
    all; when iterating with on_error="raise", the first one is raised. A ParseError's
    offset counts from the start of the stream (or the last reset()).

    commands, if given, is a list of the commands sent and not yet
    answered, oldest first: each reply takes the first as its command (a
    pipelining client's queue). The options are those of parse()."""

    def __init__(self, source: Source = None, *, commands: Optional[List[CommandLike]] = None,
                 on_error: str = "skip", max_errors: int = 16, chunk_size: int = 4096,
                 strict: bool = False, reject: Union[int, Iterable[str]] = (),
                 max_line: int = 0, max_lines: int = 0, max_reply: int = 0) -> None:
        if on_error not in ("skip", "raise"):
            raise ValueError("on_error is 'skip' or 'raise', not %r" % (on_error,))
        self._p = _lib.Parser()
        _c.smtpreply_parser_init(ctypes.byref(self._p), ctypes.byref(
            _options(strict, reject, max_line, max_lines, max_reply)))
        self._buf = bytearray()
        self._source = source
        self._chunk = chunk_size
        self._raise = on_error == "raise"
        self.errors: Deque[ParseError] = deque(maxlen=max_errors)
        self.error_count = 0
        self.offset = 0  # bytes consumed (replies and dropped junk)
        self.commands: List[CommandLike] = commands if commands is not None else []

    @property
    def pending(self) -> bytes:
        """Bytes received and not yet part of a complete reply."""
        return bytes(self._buf)

    def reset(self) -> None:
        """Forget a partial reply (e.g. after STARTTLS or a reconnect)."""
        _c.smtpreply_parser_reset(ctypes.byref(self._p))
        self._buf = bytearray()
        self.offset = 0

    def feed(self, data: BytesLike) -> List[Reply]:
        """Add bytes; return the list of replies they complete (the errors
        go to self.errors; feed_events() gives both in order)."""
        return [e for e in self.feed_events(data) if isinstance(e, Reply)]

    def feed_events(self, data: BytesLike) -> List[Union[Reply, ParseError]]:
        """Add bytes; return the replies they complete and the ParseErrors
        of bytes that were no reply, in stream order. A failed reply (an
        error with reply_code != 0: over a limit, or rejected) takes the
        next queued command, as a reply would. Errors are also recorded in
        self.errors; on_error does not apply."""
        self._buf += _b(data) or b""
        out: List[Union[Reply, ParseError]] = []
        while True:
            n_buf = len(self._buf)
            view = (ctypes.c_char * n_buf).from_buffer(self._buf) if n_buf else None
            base = ctypes.addressof(view) if view is not None else None
            r = _lib.Reply()
            n = _c.smtpreply_parser_parse(ctypes.byref(self._p), base, n_buf, ctypes.byref(r))
            if n > 0:
                cmd = self.commands.pop(0) if self.commands else None
                out.append(Reply(r, base, n, cmd))
                drop = n
            else:
                drop = r.skip
                if n != _INCOMPLETE:
                    error = ParseError(n, self.offset + r.error_offset, r.skip, r.code)
                    if r.code and self.commands:
                        error.command = to_command(self.commands.pop(0))
                    self.error_count += 1
                    self.errors.append(error)
                    out.append(error)
            del view  # release the buffer before resizing it
            if drop:
                del self._buf[:drop]
                self.offset += drop
            if n == _INCOMPLETE and not drop:
                return out

    def _feed_raising(self, data: BytesLike) -> Iterator[Reply]:
        for e in self.feed_events(data):
            if isinstance(e, ParseError):
                if self._raise:
                    raise e
            else:
                yield e

    def close(self) -> None:
        """At end of input: raise IncompleteError if a reply was cut off."""
        if self._buf.strip(b"\r\n"):
            raise IncompleteError(_INCOMPLETE, self.offset + len(self._buf), 0)

    def _chunks(self) -> Iterator[bytes]:
        src = self._source
        if src is None:
            raise TypeError("Parser() has no source to iterate over: use feed(), "
                            "or Parser(sock) / Parser(file)")
        if hasattr(src, "recv"):
            while True:
                chunk = src.recv(self._chunk)
                if not chunk:
                    return
                yield chunk
        read = getattr(src, "read1", None) or getattr(src, "read", None)
        if read is not None:
            while True:
                chunk = read(self._chunk)
                if not chunk:
                    return
                yield _b(chunk) or b""
            return
        for chunk in src:
            yield _b(chunk) or b""

    def __iter__(self) -> Iterator[Reply]:
        """The replies of the source, read until its end; raises
        IncompleteError if it ends inside a reply."""
        for chunk in self._chunks():
            yield from self._feed_raising(chunk)
        self.close()


def read_replies(source: Source, **kwargs: Any) -> Iterator[Reply]:
    """The replies read from a socket, binary file or iterable of bytes:
    iter(Parser(source, **kwargs))."""
    return iter(Parser(source, **kwargs))
