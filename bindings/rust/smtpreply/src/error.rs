//! Why bytes are not an SMTP reply.
use crate::flags::Flags;
use crate::text::stat;
use smtpreply_sys as ffi;
use std::fmt;
use std::os::raw::c_int;

/// The kinds of parse error (enum smtpreply_result).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are a valid start of a reply: more are needed.
    Incomplete,
    /// The line does not start with three digits.
    BadCode,
    /// Three digits followed by something other than SP, '-' or the line end.
    BadSeparator,
    /// The code's first digit is not 1 to 5.
    CodeRange,
    /// A line is longer than `Options::max_line`.
    LineTooLong,
    /// The reply has more lines than `Options::max_lines`.
    TooManyLines,
    /// The reply is longer than `Options::max_reply`.
    ReplyTooBig,
    /// A tolerance listed in `Options::reject` was needed (`Error::flags`).
    Rejected,
    /// The library refused its arguments.
    InvalidArgument,
}

impl ErrorKind {
    pub(crate) fn from_raw(n: c_int) -> ErrorKind {
        match n {
            ffi::SMTPREPLY_INCOMPLETE => ErrorKind::Incomplete,
            ffi::SMTPREPLY_E_BAD_CODE => ErrorKind::BadCode,
            ffi::SMTPREPLY_E_BAD_SEPARATOR => ErrorKind::BadSeparator,
            ffi::SMTPREPLY_E_CODE_RANGE => ErrorKind::CodeRange,
            ffi::SMTPREPLY_E_LINE_TOO_LONG => ErrorKind::LineTooLong,
            ffi::SMTPREPLY_E_TOO_MANY_LINES => ErrorKind::TooManyLines,
            ffi::SMTPREPLY_E_REPLY_TOO_BIG => ErrorKind::ReplyTooBig,
            ffi::SMTPREPLY_E_REJECTED => ErrorKind::Rejected,
            _ => ErrorKind::InvalidArgument,
        }
    }

    fn as_raw(self) -> c_int {
        match self {
            ErrorKind::Incomplete => ffi::SMTPREPLY_INCOMPLETE,
            ErrorKind::BadCode => ffi::SMTPREPLY_E_BAD_CODE,
            ErrorKind::BadSeparator => ffi::SMTPREPLY_E_BAD_SEPARATOR,
            ErrorKind::CodeRange => ffi::SMTPREPLY_E_CODE_RANGE,
            ErrorKind::LineTooLong => ffi::SMTPREPLY_E_LINE_TOO_LONG,
            ErrorKind::TooManyLines => ffi::SMTPREPLY_E_TOO_MANY_LINES,
            ErrorKind::ReplyTooBig => ffi::SMTPREPLY_E_REPLY_TOO_BIG,
            ErrorKind::Rejected => ffi::SMTPREPLY_E_REJECTED,
            ErrorKind::InvalidArgument => ffi::SMTPREPLY_E_INVALID_ARGUMENT,
        }
    }

    /// The stable name: "bad_code", "incomplete"...
    pub fn name(self) -> &'static str {
        // SAFETY: any int; a static string back.
        stat(unsafe { ffi::smtpreply_result_name(self.as_raw()) })
    }

    /// A one-line English message.
    pub fn message(self) -> &'static str {
        // SAFETY: as above.
        stat(unsafe { ffi::smtpreply_result_message(self.as_raw()) })
    }
}

/// A parse error: its kind, where, and how many bytes to drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub(crate) kind: ErrorKind,
    pub(crate) offset: usize,
    pub(crate) skip: usize,
    pub(crate) flags: Flags,
    pub(crate) reply_code: u16,
    pub(crate) command: Option<crate::Command>,
}

impl Error {
    /// For a failed reply (over a limit, or rejected: it still answers a
    /// command), its reply code; None when the bytes were no reply (junk).
    pub fn reply_code(&self) -> Option<u16> {
        (self.reply_code != 0).then_some(self.reply_code)
    }

    /// For a failed reply read by a `Reader` with queued commands, the
    /// command it answered.
    pub fn command(&self) -> Option<crate::Command> {
        self.command
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The offset of the offending byte in the bytes given (for a
    /// `Reader`: since the start of the stream). For `Incomplete`, the
    /// number of bytes given.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How many bytes to drop to resynchronise (through the end of the
    /// offending line).
    pub fn skip(&self) -> usize {
        self.skip
    }

    /// For `Rejected`: the tolerance that was needed.
    pub fn flags(&self) -> Flags {
        self.flags
    }

    pub fn is_incomplete(&self) -> bool {
        self.kind == ErrorKind::Incomplete
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}: {}", self.kind.name(), self.offset, self.kind.message())
    }
}

impl std::error::Error for Error {}
