"""The library's enums as Python enums.

Action, Reason and Party are ``str`` enums: ``reply.action == "fail"`` and
``reply.reason == "user_unknown"`` hold, ``str()`` gives the library's
stable name, and ``.number`` is the C value. Command is an ``IntEnum``
(its names are the protocol's words).
"""
from __future__ import annotations

from enum import Enum, IntEnum
from typing import Dict, Optional, Type, TypeVar, Union

from ._lib import lib as _c
from ._text import b as _b, s as _s

E = TypeVar("E", bound="_CEnum")


class UnknownCommandError(ValueError):
    """A command name the library does not know ("BOGUS")."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__("unknown SMTP command %r (known: %s)" % (
            name, ", ".join(c.name for c in Command if c)))


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

    def __str__(self) -> str:
        return self.name

    @classmethod
    def parse(cls, name: str) -> "Command":
        """ "RCPT", "rcpt to:<a@b>", "MAIL FROM", ".", "end of data"...

        Raises UnknownCommandError for a name the library does not know;
        "unknown" itself (any case) gives Command.UNKNOWN."""
        value = cls(_c.smtpreply_command_parse(_b(name)))
        if value == cls.UNKNOWN and name.strip().upper() != "UNKNOWN":
            raise UnknownCommandError(name)
        return value


CommandLike = Union[Command, int, str, None]


def to_command(value: CommandLike) -> Command:
    """A Command from a Command, an int, a name, or None (UNKNOWN)."""
    if value is None:
        return Command.UNKNOWN
    if isinstance(value, Command):
        return value
    if isinstance(value, int):
        return Command(value)
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8", "replace")
    return Command.parse(value)


class _CEnum(str, Enum):
    """A str enum whose members also carry the C value (.number)."""

    number: int

    def __new__(cls, name: str, number: int) -> "_CEnum":
        obj = str.__new__(cls, name)
        obj._value_ = name
        obj.number = number
        return obj

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    @classmethod
    def from_number(cls: Type[E], number: int) -> E:
        for m in cls:
            if m.number == number:
                return m
        raise ValueError("%d is not a valid %s" % (number, cls.__name__))


class Action(_CEnum):
    """What a client does next (enum smtpreply_action)."""
    SUCCESS = ("success", 0)
    CONTINUE = ("continue", 1)
    RETRY = ("retry", 2)
    FAIL = ("fail", 3)

    def text(self, lang: Optional[str] = None) -> str:
        """A title for people ("Retry later"), in lang."""
        return _s(_c.smtpreply_action_text(self.number, _b(lang)))

    def description(self, lang: Optional[str] = None) -> str:
        """One sentence for people on what the action means."""
        return _s(_c.smtpreply_action_description(self.number, _b(lang)))


class Party(_CEnum):
    """Who must act on a failure (enum smtpreply_party)."""
    NONE = ("none", 0)
    SENDER = ("sender", 1)
    SENDER_ADMIN = ("sender_admin", 2)
    RECIPIENT = ("recipient", 3)
    RECIPIENT_ADMIN = ("recipient_admin", 4)

    def text(self, lang: Optional[str] = None) -> str:
        """Who, for people ("The recipient's mail administrator")."""
        return _s(_c.smtpreply_party_text(self.number, _b(lang)))


class Reason(_CEnum):
    """Why a 4xx/5xx reply failed (enum smtpreply_reason)."""
    NONE = ("none", 0)
    UNKNOWN = ("unknown", 1)
    USER_UNKNOWN = ("user_unknown", 2)
    MAILBOX_FULL = ("mailbox_full", 3)
    MAILBOX_DISABLED = ("mailbox_disabled", 4)
    DOMAIN_UNKNOWN = ("domain_unknown", 5)
    RELAY_DENIED = ("relay_denied", 6)
    AUTH_REQUIRED = ("auth_required", 7)
    AUTH_FAILED = ("auth_failed", 8)
    TLS_REQUIRED = ("tls_required", 9)
    MESSAGE_TOO_LARGE = ("message_too_large", 10)
    TOO_MANY_RECIPIENTS = ("too_many_recipients", 11)
    RATE_LIMITED = ("rate_limited", 12)
    GREYLISTED = ("greylisted", 13)
    BLOCKED = ("blocked", 14)
    REVERSE_DNS = ("reverse_dns", 15)
    SENDER_AUTH = ("sender_auth", 16)
    SPAM = ("spam", 17)
    VIRUS = ("virus", 18)
    CONTENT_REJECTED = ("content_rejected", 19)
    POLICY = ("policy", 20)
    SYNTAX = ("syntax", 21)
    NOT_IMPLEMENTED = ("not_implemented", 22)
    SERVER_ERROR = ("server_error", 23)
    NETWORK = ("network", 24)
    SENDER_INVALID = ("sender_invalid", 25)
    EXPIRED = ("expired", 26)

    def text(self, lang: Optional[str] = None) -> str:
        """A title for people ("Recipient unknown")."""
        return _s(_c.smtpreply_reason_text(self.number, _b(lang)))

    def description(self, lang: Optional[str] = None) -> str:
        """One sentence for people on the reason."""
        return _s(_c.smtpreply_reason_description(self.number, _b(lang)))

    @property
    def party(self) -> Party:
        """Who must act on it."""
        return Party.from_number(_c.smtpreply_reason_party(self.number))


class Verdict(_CEnum):
    """Should the address be suppressed? (enum smtpreply_verdict)"""
    NONE = ("none", 0)
    SUPPRESS = ("suppress", 1)
    RETRY = ("retry", 2)
    FIX_SENDER = ("fix_sender", 3)
    FIX_MESSAGE = ("fix_message", 4)
    UNDETERMINED = ("undetermined", 5)

    def text(self, lang: Optional[str] = None) -> str:
        """A title for people ("Suppress the address")."""
        return _s(_c.smtpreply_verdict_text(self.number, _b(lang)))

    def description(self, lang: Optional[str] = None) -> str:
        """One sentence for people on the verdict."""
        return _s(_c.smtpreply_verdict_description(self.number, _b(lang)))


class Confidence(_CEnum):
    """How sure the reason is (enum smtpreply_confidence)."""
    GUESS = ("guess", 0)
    WEAK = ("weak", 1)
    STRONG = ("strong", 2)

    def text(self, lang: Optional[str] = None) -> str:
        """In words for people."""
        return _s(_c.smtpreply_confidence_text(self.number, _b(lang)))


class Evidence(_CEnum):
    """What decided the reason, strongest first (enum smtpreply_evidence)."""
    NONE = ("none", 0)
    PROVIDER = ("provider", 1)
    ENHANCED = ("enhanced", 2)
    STRONG_PHRASE = ("strong_phrase", 3)
    WEAK_PHRASE = ("weak_phrase", 4)
    GENERAL_ENHANCED = ("general_enhanced", 5)
    CODE = ("code", 6)


# Flag bit -> name, as the library names them (new bits appear by themselves).
FLAGS: Dict[int, str] = {}
for _bit in range(32):
    _name = _c.smtpreply_flag_name(1 << _bit)
    if _name:
        FLAGS[1 << _bit] = _name.decode()
FLAG_BITS: Dict[str, int] = {v: k for k, v in FLAGS.items()}
