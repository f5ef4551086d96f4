"""Parse SMTP server replies and explain them: Python bindings of libsmtpreply.

Standard library only (ctypes over libsmtpreply.so.1)::

    >>> import smtpreply
    >>> r = smtpreply.parse(b"550 5.1.1 <bob@example.org>: no such user\\r\\n", command="RCPT")
    >>> r.code, str(r.enhanced), r.lines
    (550, '5.1.1', ['<bob@example.org>: no such user'])
    >>> r.action, r.reason
    (<Action.FAIL: 'fail'>, <Reason.USER_UNKNOWN: 'user_unknown'>)
    >>> r.action == "fail"
    True
    >>> r.explanation.name
    'Recipient refused (mailbox unavailable)'

For replies arriving from a socket, in pieces or pipelined, use Parser::

    for reply in smtpreply.Parser(sock):        # reads until the end
        ...
    p = smtpreply.Parser()                      # or feed it yourself
    for reply in p.feed(data):
        ...

The library is found through $SMTPREPLY_LIBRARY, the source tree's build,
then the system's (ldconfig, LD_LIBRARY_PATH).
"""
from ._enums import (FLAGS, Action, Command, Confidence, Evidence, Party, Reason,
                     UnknownCommandError, Verdict, to_command as command)
from ._errors import IncompleteError, ParseError
from ._explain import (Explanation, explain, explain_category, explain_class,
                       explanations, heading, language_match, languages)
from ._lib import lib as _c
from ._parser import (DEFAULT_MAX_LINE, DEFAULT_MAX_LINES, DEFAULT_MAX_REPLY, STRICT,
                      Parser, parse, read_replies)
from ._reply import Diagnosis, Enhanced, Reply
from ._compare import Comparison, compare
from ._find import Found, Source, find_replies, read_bounce
from ._smtplib import explain_smtp_error, recipients_refused, reply_from_smtp_error

__all__ = [
    "parse", "Parser", "read_replies", "Reply", "Enhanced", "Explanation",
    "ParseError", "IncompleteError", "UnknownCommandError",
    "Command", "Action", "Reason", "Party", "Verdict", "Confidence", "Evidence", "Diagnosis",
    "explain", "explain_class", "explain_category", "explanations",
    "languages", "language_match", "heading", "command",
    "compare", "Comparison", "find_replies", "read_bounce", "Found", "Source",
    "reply_from_smtp_error", "explain_smtp_error", "recipients_refused",
    "version", "version_number", "STRICT", "FLAGS",
    "DEFAULT_MAX_LINE", "DEFAULT_MAX_LINES", "DEFAULT_MAX_REPLY",
]

__version__ = "1.1.0"


def version() -> str:
    """The loaded library's version string, e.g. "1.1.0"."""
    return str(_c.smtpreply_version().decode())


def version_number() -> int:
    """The loaded library's version as 0xMMmmpp."""
    return int(_c.smtpreply_version_number())
