//! Parse SMTP server replies and explain them: safe Rust bindings of
//! libsmtpreply.
//!
//! Parsing borrows: a [`Reply`] is a set of views into your buffer, and
//! every explanation is a `&'static str` from the library's const tables.
//!
//! ```
//! use smtpreply::{Action, Command, Reason};
//!
//! let r = smtpreply::parse(b"550 5.1.1 <bob@example.org>: User unknown\r\n")?.after(Command::Rcpt);
//! assert_eq!((r.code(), r.enhanced().unwrap().to_string()), (550, "5.1.1".to_owned()));
//! assert_eq!((r.action(), r.reason()), (Action::Fail, Reason::UserUnknown));
//! assert_eq!(r.explanation().name(), "Recipient refused (mailbox unavailable)");
//! assert_eq!(r.lines().next(), Some(&b"<bob@example.org>: User unknown"[..]));
//! # Ok::<(), smtpreply::Error>(())
//! ```
//!
//! Command names from text use `FromStr`: `"RCPT TO".parse::<Command>()`;
//! an unknown one ("BOGUS") is an [`UnknownCommand`] error. For replies
//! from a connection use [`Reader`] (over `std::io::Read`) or [`Parser`]
//! (over a buffer you manage).
#![deny(missing_debug_implementations)]

mod compare;
mod enums;
mod error;
mod explain;
mod find;
mod flags;
mod parser;
mod reply;
mod text;

pub use compare::{compare, Comparison, Side};
pub use enums::{Action, Command, Confidence, Evidence, Field, Heading, Party, Reason, UnknownCommand, Verdict};
pub use error::{Error, ErrorKind};
pub use explain::{
    explain, explain_category, explain_class, explain_code, explain_code_after, explain_enhanced, explanations,
    language_match, languages, ExplFlags, Explanation,
};
pub use find::{find, read_bounce, FindKinds, Found, Source};
pub use flags::Flags;
pub use parser::{Parser, Progress, ReadError, Reader};
pub use reply::{parse, parse_with, Diagnosis, Enhanced, Extensions, Lines, Options, Reply};

/// The raw declarations, for what the safe API does not cover.
pub use smtpreply_sys as sys;

/// The loaded library's version ("1.1.0").
pub fn version() -> &'static str {
    // SAFETY: no arguments; a static string back.
    text::stat(unsafe { sys::smtpreply_version() })
}

/// The loaded library's version as 0xMMmmpp.
pub fn version_number() -> u32 {
    // SAFETY: no arguments.
    unsafe { sys::smtpreply_version_number() }
}
