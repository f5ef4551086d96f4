//! The library's enums as Rust enums: `name()` is the library's stable
//! name (also what `Display` prints), `text(lang)` words for people.
use crate::text::{opt_c, ptr, stat};
use smtpreply_sys as ffi;
use std::ffi::CString;
use std::fmt;
use std::str::FromStr;

macro_rules! c_enum {
    ($(#[$m:meta])* $name:ident, $name_fn:ident { $($(#[$vm:meta])* $v:ident = $n:expr),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name { $($(#[$vm])* $v = $n),* }

        impl $name {
            /// Every value, in the C order.
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The C value.
            pub fn as_raw(self) -> ffi::smtpreply_enum { self as ffi::smtpreply_enum }

            /// The value of a C number, None outside the enum.
            pub fn from_raw(n: ffi::smtpreply_enum) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_raw() == n)
            }

            /// The library's stable name.
            pub fn name(self) -> &'static str {
                // SAFETY: a value inside the enum; a static string back.
                stat(unsafe { ffi::$name_fn(self.as_raw()) })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.pad(self.name()) }
        }
    };
}

macro_rules! texts {
    ($name:ident { $($(#[$m:meta])* $method:ident => $cfn:ident),* $(,)? }) => {
        impl $name {
            $(
                $(#[$m])*
                pub fn $method(self, lang: &str) -> &'static str {
                    let l = opt_c(lang);
                    // SAFETY: a value inside the enum and a NUL-terminated
                    // language tag or NULL.
                    stat(unsafe { ffi::$cfn(self.as_raw(), ptr(&l)) })
                }
            )*
        }
    };
}

c_enum!(
    /// The command a reply answers; it changes what the reply means.
    Command, smtpreply_command_name {
        Unknown = 0,
        /// The 220/554 on connect.
        Greeting = 1,
        Ehlo = 2, Helo = 3, Mail = 4, Rcpt = 5, Data = 6,
        /// The end of the message data (".").
        Dot = 7,
        Bdat = 8, Rset = 9, Vrfy = 10, Expn = 11, Help = 12, Noop = 13, Quit = 14,
        Auth = 15, Starttls = 16, Etrn = 17, Atrn = 18,
    }
);

/// A command name the library does not know ("BOGUS").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCommand(pub String);

impl fmt::Display for UnknownCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown SMTP command {:?}", self.0)
    }
}

impl std::error::Error for UnknownCommand {}

impl FromStr for Command {
    type Err = UnknownCommand;

    /// "RCPT", "rcpt to:<a@b>", "MAIL FROM", ".", "end of data"; "" and
    /// "unknown" give `Command::Unknown`; other names are an error.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("unknown") {
            return Ok(Command::Unknown);
        }
        let c = CString::new(s).map_err(|_| UnknownCommand(s.to_owned()))?;
        // SAFETY: a NUL-terminated string.
        let n = unsafe { ffi::smtpreply_command_parse(c.as_ptr()) };
        match Command::from_raw(n) {
            Some(Command::Unknown) | None => Err(UnknownCommand(s.to_owned())),
            Some(cmd) => Ok(cmd),
        }
    }
}

c_enum!(
    /// What a client does next.
    Action, smtpreply_action_name {
        /// 2xx: done.
        Success = 0,
        /// 3xx: send the next part.
        Continue = 1,
        /// Try again later.
        Retry = 2,
        /// Permanent: do not retry unchanged.
        Fail = 3,
    }
);
texts!(Action {
    /// A title for people ("Retry later"), in lang ("" for English).
    text => smtpreply_action_text,
    /// One sentence for people on what the action means.
    description => smtpreply_action_description,
});

c_enum!(
    /// Why a 4xx/5xx reply failed.
    Reason, smtpreply_reason_name {
        None = 0, Unknown = 1, UserUnknown = 2, MailboxFull = 3, MailboxDisabled = 4,
        DomainUnknown = 5, RelayDenied = 6, AuthRequired = 7, AuthFailed = 8,
        TlsRequired = 9, MessageTooLarge = 10, TooManyRecipients = 11, RateLimited = 12,
        Greylisted = 13, Blocked = 14, ReverseDns = 15, SenderAuth = 16, Spam = 17,
        Virus = 18, ContentRejected = 19, Policy = 20, Syntax = 21, NotImplemented = 22,
        ServerError = 23, Network = 24, SenderInvalid = 25, Expired = 26,
    }
);
texts!(Reason {
    /// A title for people ("Recipient unknown").
    text => smtpreply_reason_text,
    /// One sentence for people on the reason.
    description => smtpreply_reason_description,
});

impl Reason {
    /// Who must act on it.
    pub fn party(self) -> Party {
        // SAFETY: a value inside the enum.
        Party::from_raw(unsafe { ffi::smtpreply_reason_party(self.as_raw()) }).unwrap_or(Party::None)
    }
}

c_enum!(
    /// Who must act on a failure.
    Party, smtpreply_party_name {
        None = 0, Sender = 1, SenderAdmin = 2, Recipient = 3, RecipientAdmin = 4,
    }
);
texts!(Party {
    /// Who, for people ("The recipient's mail administrator").
    text => smtpreply_party_text,
});

c_enum!(
    /// Whether to stop mailing an address.
    Verdict, smtpreply_verdict_name {
        /// Not a failure.
        None = 0,
        /// The address is bad: stop mailing it.
        Suppress = 1,
        /// Transient, nobody at fault: try again later.
        Retry = 2,
        /// The sending side must act; keep the address.
        FixSender = 3,
        /// This message must change.
        FixMessage = 4,
        /// The reply does not tell.
        Undetermined = 5,
    }
);
texts!(Verdict {
    /// A title for people ("Suppress the address").
    text => smtpreply_verdict_text,
    /// One sentence for people on the verdict.
    description => smtpreply_verdict_description,
});

c_enum!(
    /// How sure the reason is; no suppression rests on a guess.
    Confidence, smtpreply_confidence_name { Guess = 0, Weak = 1, Strong = 2 }
);
texts!(Confidence {
    /// In words for people.
    text => smtpreply_confidence_text,
});

c_enum!(
    /// What decided the reason, strongest first.
    Evidence, smtpreply_evidence_name {
        None = 0, Provider = 1, Enhanced = 2, StrongPhrase = 3, WeakPhrase = 4,
        GeneralEnhanced = 5, Code = 6,
    }
);

/// The fields of an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// A short title.
    Name = 0,
    /// What it means.
    Description = 1,
    /// When you see it.
    When = 2,
    /// What to do.
    Fix = 3,
    /// The defining RFC or origin.
    Source = 4,
    /// A stable key: "reply 550 after RCPT".
    Key = 5,
}

/// Section headings for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Heading {
    Description = 0,
    When = 1,
    Fix = 2,
    Class = 3,
    Category = 4,
    Enhanced = 5,
    Differences = 6,
    Action = 7,
    Reason = 8,
    Who = 9,
    /// "When to use which" (comparisons).
    Which = 10,
    /// "Summary" (comparisons).
    Summary = 11,
}

impl Heading {
    /// The heading in lang ("How to fix"; "" for English).
    pub fn text(self, lang: &str) -> &'static str {
        let l = opt_c(lang);
        // SAFETY: a value inside the enum, a tag or NULL.
        stat(unsafe { ffi::smtpreply_heading_text(self as ffi::smtpreply_enum, ptr(&l)) })
    }
}
