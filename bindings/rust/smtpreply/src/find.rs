//! Replies where people have them: MTA log lines, bounce messages and
//! client transcripts.
use crate::enums::Command;
use crate::reply::{parse, Diagnosis, Reply};
use crate::text::stat;
use smtpreply_sys as ffi;
use std::fmt;

/// Where a found reply came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    None = 0,
    /// Lines that are a reply themselves.
    Raw = 1,
    Postfix = 2,
    Exim = 3,
    Sendmail = 4,
    OpenSmtpd = 5,
    /// RFC 3464 delivery-status fields.
    Dsn = 6,
    /// A bounce's text for people.
    Bounce = 7,
    /// swaks, smtplib, curl -v, openssl s_client.
    Transcript = 8,
    /// Exchange Server message tracking log, Microsoft 365 message trace.
    Exchange = 9,
    /// A bounce no known format explains, read by the general reader:
    /// the pairing of recipient and reason is a reading of layout.
    Fallback = 10,
}

impl Source {
    const ALL: [Source; 11] = [
        Source::None,
        Source::Raw,
        Source::Postfix,
        Source::Exim,
        Source::Sendmail,
        Source::OpenSmtpd,
        Source::Dsn,
        Source::Bounce,
        Source::Transcript,
        Source::Exchange,
        Source::Fallback,
    ];

    /// The library's stable name ("postfix").
    pub fn name(self) -> &'static str {
        // SAFETY: a value inside the enum.
        stat(unsafe { ffi::smtpreply_source_name(self as ffi::smtpreply_enum) })
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// What `find` looks for (`FindKinds::ALL`: everything).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FindKinds(pub u32);

impl FindKinds {
    pub const ALL: FindKinds = FindKinds(0);
    /// MTA log lines.
    pub const LOG: FindKinds = FindKinds(ffi::SMTPREPLY_FIND_LOG);
    /// Client transcripts.
    pub const TRANSCRIPT: FindKinds = FindKinds(ffi::SMTPREPLY_FIND_TRANSCRIPT);
    /// A bounce's text, DSN fields.
    pub const TEXT: FindKinds = FindKinds(ffi::SMTPREPLY_FIND_TEXT);
    /// Lines that start with a reply code.
    pub const RAW: FindKinds = FindKinds(ffi::SMTPREPLY_FIND_RAW);
}

impl std::ops::BitOr for FindKinds {
    type Output = FindKinds;
    fn bitor(self, rhs: FindKinds) -> FindKinds {
        FindKinds(self.0 | rhs.0)
    }
}

/// One reply found, with what the record says about it. It owns its
/// texts (a bounce's may be decoded ones); `reply()` parses the reply as
/// the server sent it. `diagnosis` is the record's (API 1.1,
/// smtpreply_found_diagnose): with a reply, `reply().diagnose()` (the
/// Status does not stand in for an enhanced code the reply lacks); without
/// one, judged from `problem`, `status` and `action` (its code is then 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    reply: Option<Vec<u8>>,
    pub command: Command,
    pub source: Source,
    /// Remote host as written: "mx.b.c[192.0.2.1]".
    pub host: Option<String>,
    pub recipient: Option<String>,
    /// DSN Status or Sendmail dsn=; may differ from the reply's enhanced code.
    pub status: Option<String>,
    /// DSN Action ("failed"), Postfix status= ("bounced")...
    pub action: Option<String>,
    pub date: Option<String>,
    /// No reply: what happened instead ("timed out while receiving ...").
    pub problem: Option<String>,
    /// The record's bytes in the text.
    pub offset: usize,
    pub length: usize,
    /// Action, reason, verdict... of the record (API 1.1).
    pub diagnosis: Diagnosis,
}

fn view(s: ffi::smtpreply_str) -> Option<String> {
    if s.ptr.is_null() || s.len == 0 {
        return None;
    }
    // SAFETY: the view points into the text or buf, both alive here.
    let b = unsafe { std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len) };
    Some(String::from_utf8_lossy(b).into_owned())
}

impl Found {
    fn from_c(f: &ffi::smtpreply_found) -> Found {
        let command = Command::from_raw(f.command).unwrap_or(Command::Unknown);
        let reply = (f.has_reply != 0 && !f.reply.raw.ptr.is_null()).then(|| {
            // SAFETY: the reply's bytes in buf, alive here.
            unsafe { std::slice::from_raw_parts(f.reply.raw.ptr.cast::<u8>(), f.reply.raw.len) }.to_vec()
        });
        let mut d = ffi::smtpreply_diagnosis::default();
        // SAFETY: f is the record just filled, its views into the text and
        // buf alive here; d is a valid out-pointer (neither NULL, so 0).
        unsafe { ffi::smtpreply_found_diagnose(f, &mut d) };
        Found {
            reply,
            command,
            source: Source::ALL.iter().copied().find(|s| *s as i32 == f.source).unwrap_or(Source::None),
            host: view(f.host),
            recipient: view(f.recipient),
            status: view(f.status),
            action: view(f.action),
            date: view(f.date),
            problem: view(f.problem),
            offset: f.offset,
            length: f.length,
            diagnosis: Diagnosis::from_c(&d),
        }
    }

    /// The reply (as the answer to `command`), or None when the record
    /// names a failure but no reply (see `problem`).
    pub fn reply(&self) -> Option<Reply<'_>> {
        let bytes = self.reply.as_deref()?;
        parse(bytes).ok().map(|r| r.after(self.command))
    }
}

/// The replies in a text: MTA log lines, client transcripts, a bounce's
/// text or DSN fields, lines that start with a reply code (`kinds` limits
/// them). Records whose reply does not parse are left out.
pub fn find(text: &[u8], kinds: FindKinds) -> Vec<Found> {
    let mut buf = vec![0u8; 2 * text.len() + 256]; // the reply + 2 bytes a line
    let mut pos = 0usize;
    let mut out = Vec::new();
    let mut f = ffi::smtpreply_found::default();
    loop {
        let before = pos;
        // SAFETY: text and buf are valid for their lengths; pos and f too.
        let n = unsafe {
            ffi::smtpreply_find(
                text.as_ptr().cast(),
                text.len(),
                &mut pos,
                kinds.0,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut f,
            )
        };
        match n {
            0 => return out,
            n if n > 0 => out.push(Found::from_c(&f)),
            _ if pos == before => return out, // a refusal, not a record
            _ => {}
        }
    }
}

/// The records of a bounce message (RFC 5322, with or without the mbox
/// "From " line): one per recipient of its message/delivery-status part,
/// or one per reply its text quotes.
pub fn read_bounce(msg: &[u8]) -> Vec<Found> {
    let mut buf = vec![0u8; 2 * msg.len() + 256]; // decoded text, then replies
    let mut it = ffi::smtpreply_bounce_iter::default();
    let mut out = Vec::new();
    let mut f = ffi::smtpreply_found::default();
    let mut refused = 0;
    while refused < 64 {
        // a refusal repeated is no progress
        // SAFETY: as in find.
        let n = unsafe {
            ffi::smtpreply_bounce_next(
                msg.as_ptr().cast(),
                msg.len(),
                &mut it,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut f,
            )
        };
        match n {
            0 => return out,
            n if n > 0 => out.push(Found::from_c(&f)),
            _ => refused += 1,
        }
    }
    out
}
