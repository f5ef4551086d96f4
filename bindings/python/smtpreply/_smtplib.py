"""Explaining the exceptions of the standard library's smtplib.

smtplib keeps a failed reply as (smtp_code, smtp_error): the code and the
lines' text joined by b"\\n". These rebuild the reply's bytes from that,
parse them, and take the command from the exception's type where smtplib's
own code tells which command failed.
"""
from __future__ import annotations

import smtplib
from typing import Dict, List, Optional, Union

from ._enums import Command, CommandLike
from ._explain import heading
from ._parser import parse
from ._reply import Reply


def _command_of(exc: BaseException) -> Command:
    # Most specific first: SMTPSenderRefused etc. subclass SMTPResponseException.
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return Command.MAIL
    if isinstance(exc, smtplib.SMTPHeloError):
        return Command.EHLO
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return Command.AUTH
    if isinstance(exc, smtplib.SMTPConnectError):
        return Command.GREETING
    return Command.UNKNOWN  # SMTPDataError: after DATA or after the data


def _wire(code: int, text: Union[bytes, str]) -> bytes:
    if not 100 <= code <= 599:
        raise ValueError("smtplib reported code %d, which is no server reply "
                         "(smtplib uses -1 for a lost connection)" % code)
    raw = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)
    lines = raw.split(b"\n") if raw else [b""]
    out: List[bytes] = []
    for i, line in enumerate(lines):
        sep = b" " if i == len(lines) - 1 else b"-"
        # A last line with no text is just the code ("250\r\n").
        out.append(b"%d%s%s\r\n" % (code, sep, line) if line or sep == b"-" else b"%d\r\n" % code)
    return b"".join(out)


def reply_from_smtp_error(exc: smtplib.SMTPResponseException,
                          command: CommandLike = None) -> Reply:
    """The Reply behind an smtplib.SMTPResponseException (SMTPSenderRefused,
    SMTPDataError, SMTPAuthenticationError...). command overrides the one
    the exception's type implies (MAIL for SMTPSenderRefused, EHLO for
    SMTPHeloError, AUTH, GREETING for SMTPConnectError)."""
    if not isinstance(exc, smtplib.SMTPResponseException):
        raise TypeError("not an smtplib.SMTPResponseException: %r "
                        "(for SMTPRecipientsRefused use recipients_refused())" % (exc,))
    cmd = command if command is not None else _command_of(exc)
    return parse(_wire(exc.smtp_code, exc.smtp_error), command=cmd)


def recipients_refused(exc: smtplib.SMTPRecipientsRefused) -> Dict[str, Reply]:
    """Each refused recipient of an smtplib.SMTPRecipientsRefused -> its Reply
    (as the answer to RCPT)."""
    return {rcpt: parse(_wire(code, text), command=Command.RCPT)
            for rcpt, (code, text) in exc.recipients.items()}


def explain_smtp_error(exc: Union[smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused],
                       command: CommandLike = None, lang: Optional[str] = None) -> str:
    """A few lines for people on why smtplib failed and what to do:

        550 5.1.1 <bob@example.org>: User unknown (in reply to RCPT TO command)
        Recipient refused (mailbox unavailable): The recipient's server ...
        How to fix: Check the spelling ...
        Action: Fail - ...
        Reason: Recipient unknown - ...

    For SMTPRecipientsRefused, one such block per recipient."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "\n\n".join("%s:\n%s" % (rcpt, _describe(r, lang))
                           for rcpt, r in recipients_refused(exc).items())
    return _describe(reply_from_smtp_error(exc, command), lang)


def _describe(r: Reply, lang: Optional[str]) -> str:
    e = r.explanation.in_language(lang)
    out = [r.format(), "%s: %s" % (e.name, e.description)]
    if e.fix:
        out.append("%s: %s" % (heading("fix", lang), e.fix))
    out.append("%s: %s - %s" % (heading("action", lang), r.action.text(lang),
                                r.action.description(lang)))
    if r.reason != "none":
        out.append("%s: %s - %s" % (heading("reason", lang), r.reason.text(lang),
                                    r.reason.description(lang)))
    return "\n".join(out)
