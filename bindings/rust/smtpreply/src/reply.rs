//! One parsed reply: views into the caller's buffer.
use crate::enums::{Action, Command, Confidence, Evidence, Party, Reason, Verdict};
use crate::error::{Error, ErrorKind};
use crate::explain::Explanation;
use crate::flags::Flags;
use crate::text::{opt_c, ptr, stat};
use smtpreply_sys as ffi;
use std::ffi::CString;
use std::fmt;
use std::marker::PhantomData;
use std::os::raw::c_char;

/// An RFC 3463 enhanced status code (5.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Enhanced {
    pub class: u16,
    pub subject: u16,
    pub detail: u16,
}

impl fmt::Display for Enhanced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

impl std::str::FromStr for Enhanced {
    type Err = std::num::ParseIntError;

    /// "5.7.26". A part that is no number is an error; the class is not
    /// checked (the library explains any).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut it = s.splitn(3, '.');
        let mut part = || it.next().unwrap_or("").parse::<u16>();
        Ok(Enhanced { class: part()?, subject: part()?, detail: part()? })
    }
}

fn enhanced_of(e: ffi::smtpreply_enhanced) -> Option<Enhanced> {
    (e.klass != 0).then_some(Enhanced { class: e.klass as u16, subject: e.subject as u16, detail: e.detail as u16 })
}

/// Options of the parsers; `Default` is the library's defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Reject every departure from the RFCs (`Flags::STRICT`).
    pub strict: bool,
    /// Flags that become `ErrorKind::Rejected`.
    pub reject: Flags,
    /// Bytes of one line, line end included; 0: 4096.
    pub max_line: u32,
    /// Lines of one reply; 0: 1000.
    pub max_lines: u32,
    /// Bytes of one reply; 0: 65536.
    pub max_reply: u32,
}

impl Options {
    pub(crate) fn to_c(self) -> ffi::smtpreply_options {
        let mut o = ffi::smtpreply_options::default();
        // SAFETY: a valid out-pointer.
        unsafe { ffi::smtpreply_options_init(&mut o) };
        o.reject = self.reject.0 | if self.strict { ffi::SMTPREPLY_STRICT } else { 0 };
        o.max_line = self.max_line;
        o.max_lines = self.max_lines;
        o.max_reply = self.max_reply;
        o
    }
}

/// One parsed reply. Its texts are views into the buffer it was parsed
/// from (lifetime `'a`): parsing copies and allocates nothing.
#[derive(Clone, Copy)]
pub struct Reply<'a> {
    c: ffi::smtpreply,
    len: usize,
    command: Command,
    _buf: PhantomData<&'a [u8]>,
}

// SAFETY: the C struct holds pointers into a shared `&'a [u8]` and into the
// library's static tables, and the functions that read it are reentrant.
unsafe impl Send for Reply<'_> {}
unsafe impl Sync for Reply<'_> {}

/// Parses the reply at the start of buf.
///
/// ```
/// let r = smtpreply::parse(b"250 2.1.0 Ok\r\n")?;
/// assert_eq!((r.code(), r.len()), (250, 14));
/// assert!(smtpreply::parse(b"250-more to come\r\n").unwrap_err().is_incomplete());
/// # Ok::<(), smtpreply::Error>(())
/// ```
pub fn parse(buf: &[u8]) -> Result<Reply<'_>, Error> {
    parse_with(buf, &Options::default())
}

/// Parses the reply at the start of buf with limits and strictness.
pub fn parse_with<'a>(buf: &'a [u8], opts: &Options) -> Result<Reply<'a>, Error> {
    let o = opts.to_c();
    let mut c = ffi::smtpreply::default();
    // SAFETY: buf is valid for its length; c and o are valid.
    let n = unsafe { ffi::smtpreply_parse(buf.as_ptr().cast(), buf.len(), &o, &mut c) };
    // SAFETY: the views point into buf, which outlives 'a.
    unsafe { Reply::from_result(n, c, buf.len(), 0) }
}

impl<'a> Reply<'a> {
    /// A Reply from a parse result; errors get offsets counted from base.
    ///
    /// # Safety
    /// c's views must point into a buffer that lives for 'a.
    pub(crate) unsafe fn from_result(n: i32, c: ffi::smtpreply, given: usize, base: usize) -> Result<Reply<'a>, Error> {
        if n > 0 {
            return Ok(Reply { c, len: n as usize, command: Command::Unknown, _buf: PhantomData });
        }
        let kind = ErrorKind::from_raw(n);
        let offset = if kind == ErrorKind::Incomplete { given } else { c.error_offset };
        let reply_code = if kind == ErrorKind::Incomplete { 0 } else { c.code as u16 };
        Err(Error { kind, offset: base + offset, skip: c.skip, flags: Flags(c.flags), reply_code, command: None })
    }

    fn view(s: ffi::smtpreply_str) -> &'a [u8] {
        if s.ptr.is_null() || s.len == 0 {
            return &[];
        }
        // SAFETY: library views point into the 'a buffer.
        unsafe { std::slice::from_raw_parts(s.ptr.cast(), s.len) }
    }

    /// The same reply, as the answer to command (which decides its action,
    /// reason, verdict and explanation).
    pub fn after(mut self, command: Command) -> Reply<'a> {
        self.command = command;
        self
    }

    /// What the reply answers (`Command::Unknown` unless set with `after`).
    pub fn command(&self) -> Command {
        self.command
    }

    /// The final line's reply code: 550.
    pub fn code(&self) -> u16 {
        self.c.code as u16
    }

    /// The first line's code (differs with `Flags::CODE_MISMATCH`).
    pub fn first_code(&self) -> u16 {
        self.c.first_code as u16
    }

    /// code / 100: 2 success .. 5 permanent failure.
    pub fn class(&self) -> u8 {
        self.c.klass as u8
    }

    pub fn enhanced(&self) -> Option<Enhanced> {
        enhanced_of(self.c.enhanced)
    }

    pub fn flags(&self) -> Flags {
        Flags(self.c.flags)
    }

    /// Bytes of input the reply used (skipped empty lines before it
    /// included): drop that many.
    #[allow(clippy::len_without_is_empty)] // a reply is never empty
    pub fn len(&self) -> usize {
        self.len
    }

    /// The reply's bytes, from its first code through its last line end.
    pub fn raw(&self) -> &'a [u8] {
        Self::view(self.c.raw)
    }

    /// The number of text lines (at least 1).
    pub fn line_count(&self) -> usize {
        self.c.nlines
    }

    /// The text of each line (after the code, separator and enhanced code).
    pub fn lines(&self) -> Lines<'a> {
        Lines { c: self.c, it: ffi::smtpreply_iter::default(), _buf: PhantomData }
    }

    /// Line i (0-based), None past the end.
    pub fn line(&self, i: usize) -> Option<&'a [u8]> {
        // SAFETY: a valid reply.
        let s = unsafe { ffi::smtpreply_line(&self.c, i) };
        (!s.ptr.is_null()).then(|| Self::view(s))
    }

    /// The lines as text, joined by spaces (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        let parts: Vec<String> =
            self.lines().map(|l| String::from_utf8_lossy(l).trim().to_owned()).filter(|l| !l.is_empty()).collect();
        parts.join(" ")
    }

    /// What to do after `self.command()`.
    pub fn action(&self) -> Action {
        // SAFETY: a valid reply and command.
        Action::from_raw(unsafe { ffi::smtpreply_action(&self.c, self.command.as_raw()) }).unwrap_or(Action::Retry)
    }

    /// Why it failed (`Reason::None` for success).
    pub fn reason(&self) -> Reason {
        // SAFETY: as above.
        Reason::from_raw(unsafe { ffi::smtpreply_reason(&self.c, self.command.as_raw()) }).unwrap_or(Reason::Unknown)
    }

    /// Who must act on the failure.
    pub fn party(&self) -> Party {
        // SAFETY: a valid reply and command. A provider's own entry for the
        // reply beats the reason's usual party.
        Party::from_raw(unsafe { ffi::smtpreply_reply_party(&self.c, self.command.as_raw()) }).unwrap_or(Party::None)
    }

    /// Whether to stop mailing the address.
    pub fn verdict(&self) -> Verdict {
        // SAFETY: as above.
        Verdict::from_raw(unsafe { ffi::smtpreply_verdict(&self.c, self.command.as_raw()) })
            .unwrap_or(Verdict::Undetermined)
    }

    /// Action, reason, verdict, confidence and evidence from one pass.
    pub fn diagnose(&self) -> Diagnosis {
        let mut d = ffi::smtpreply_diagnosis::default();
        // SAFETY: a valid reply, command and out-pointer (never NULL, so 0).
        unsafe { ffi::smtpreply_diagnose(&self.c, self.command.as_raw(), &mut d) };
        Diagnosis::from_c(&d)
    }

    /// The reply code's explanation (after `self.command()` when known).
    pub fn explanation(&self) -> Explanation {
        // SAFETY: as above.
        Explanation::must(unsafe { ffi::smtpreply_explain_reply(&self.c, self.command.as_raw()) })
    }

    /// The enhanced code's explanation (the class's when there is none).
    pub fn enhanced_explanation(&self) -> Explanation {
        // The parser stores it in the reply (1.1); ask when it did not.
        Explanation::from_ptr(self.c.expl_enhanced)
            // SAFETY: a valid reply.
            .unwrap_or_else(|| Explanation::must(unsafe { ffi::smtpreply_explain_reply_enhanced(&self.c) }))
    }

    /// Who answered, judged from the text: "google", "microsoft"...
    pub fn provider(&self) -> Option<&'static str> {
        // SAFETY: a valid reply; a static string or NULL back.
        let p = unsafe { ffi::smtpreply_provider(&self.c) };
        (!p.is_null()).then(|| stat(p))
    }

    /// The provider's own explanation of the enhanced code.
    pub fn provider_explanation(&self) -> Option<Explanation> {
        // SAFETY: a valid reply.
        Explanation::from_ptr(unsafe { ffi::smtpreply_explain_provider(&self.c) })
    }

    /// One log line, escaped so a server cannot forge lines: "host H said:
    /// 550 5.1.1 text (in reply to RCPT TO command)"; no host part for "".
    /// NUL bytes in host are dropped.
    pub fn format(&self, host: &str) -> String {
        self.format_flags(host, 0)
    }

    /// `format` with every byte >= 0x80 escaped as well.
    pub fn format_ascii(&self, host: &str) -> String {
        self.format_flags(host, ffi::SMTPREPLY_FMT_ASCII)
    }

    fn format_flags(&self, host: &str, flags: u32) -> String {
        let h = opt_c(&host.replace('\0', ""));
        let cmd = self.command.as_raw();
        // SAFETY: NULL with size 0 asks for the length; then a buffer of
        // need + 1 bytes.
        let need = unsafe { ffi::smtpreply_format(std::ptr::null_mut(), 0, &self.c, ptr(&h), cmd, flags) };
        let mut out = vec![0u8; need + 1];
        unsafe { ffi::smtpreply_format(out.as_mut_ptr().cast::<c_char>(), out.len(), &self.c, ptr(&h), cmd, flags) };
        out.truncate(need);
        // The library writes valid UTF-8 (it escapes invalid bytes).
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// The extensions of a 250 reply to EHLO: (keyword, parameters).
    pub fn extensions(&self) -> Extensions<'a> {
        Extensions { c: self.c, it: ffi::smtpreply_ehlo_iter::default(), _buf: PhantomData }
    }

    /// The parameters of one EHLO extension (case-insensitive keyword).
    pub fn extension(&self, keyword: &str) -> Option<&'a [u8]> {
        let k = CString::new(keyword).ok()?;
        let mut p = ffi::smtpreply_str::default();
        // SAFETY: a valid reply, keyword and out-pointer.
        (unsafe { ffi::smtpreply_ehlo_find(&self.c, k.as_ptr(), &mut p) } != 0).then(|| Self::view(p))
    }

    /// EHLO's SIZE in bytes (Some(0): no limit stated); None when SIZE is
    /// not offered.
    pub fn size_limit(&self) -> Option<u64> {
        // SAFETY: a valid reply.
        u64::try_from(unsafe { ffi::smtpreply_ehlo_size(&self.c) }).ok()
    }

    /// Whether EHLO's AUTH offers the mechanism.
    pub fn has_auth(&self, mechanism: &str) -> bool {
        let m = match CString::new(mechanism) {
            Ok(m) => m,
            Err(_) => return false,
        };
        // SAFETY: a valid reply and string.
        unsafe { ffi::smtpreply_ehlo_has_auth(&self.c, m.as_ptr()) != 0 }
    }

    /// The queue id in a 250 reply to the end of DATA.
    pub fn queue_id(&self) -> Option<&'a [u8]> {
        // SAFETY: a valid reply.
        let s = unsafe { ffi::smtpreply_queue_id(&self.c) };
        (!s.ptr.is_null()).then(|| Self::view(s))
    }

    /// The C struct, for calls into smtpreply-sys.
    pub fn as_raw(&self) -> &ffi::smtpreply {
        &self.c
    }
}

/// The log line without a host.
impl fmt::Display for Reply<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(""))
    }
}

impl fmt::Debug for Reply<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reply")
            .field("code", &self.code())
            .field("enhanced", &self.enhanced())
            .field("flags", &self.flags())
            .field("text", &self.text())
            .field("command", &self.command)
            .finish()
    }
}

/// Everything the library judges of a reply (`Reply::diagnose`). code and
/// enhanced are those the reason rests on: the quoted reply's when the
/// text quotes another server's reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Diagnosis {
    pub action: Action,
    pub reason: Reason,
    pub verdict: Verdict,
    pub confidence: Confidence,
    pub evidence: Evidence,
    pub code: u16,
    pub enhanced: Option<Enhanced>,
    pub provider: Option<&'static str>,
}

impl Diagnosis {
    /// From a filled struct smtpreply_diagnosis.
    pub(crate) fn from_c(d: &ffi::smtpreply_diagnosis) -> Diagnosis {
        Diagnosis {
            action: Action::from_raw(d.action).unwrap_or(Action::Retry),
            reason: Reason::from_raw(d.reason).unwrap_or(Reason::Unknown),
            verdict: Verdict::from_raw(d.verdict).unwrap_or(Verdict::Undetermined),
            confidence: Confidence::from_raw(d.confidence).unwrap_or(Confidence::Guess),
            evidence: Evidence::from_raw(d.evidence).unwrap_or(Evidence::None),
            code: d.code as u16,
            enhanced: enhanced_of(d.enhanced),
            provider: (!d.provider.is_null()).then(|| stat(d.provider)),
        }
    }
}

/// The lines of a reply (`Reply::lines`).
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    c: ffi::smtpreply,
    it: ffi::smtpreply_iter,
    _buf: PhantomData<&'a [u8]>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        let mut s = ffi::smtpreply_str::default();
        // SAFETY: a valid reply and iterator state.
        (unsafe { ffi::smtpreply_next_line(&self.c, &mut self.it, &mut s) } != 0).then(|| Reply::view(s))
    }
}

/// The extensions of an EHLO reply (`Reply::extensions`).
#[derive(Debug, Clone)]
pub struct Extensions<'a> {
    c: ffi::smtpreply,
    it: ffi::smtpreply_ehlo_iter,
    _buf: PhantomData<&'a [u8]>,
}

impl<'a> Iterator for Extensions<'a> {
    type Item = (&'a [u8], &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let (mut k, mut p) = (ffi::smtpreply_str::default(), ffi::smtpreply_str::default());
        // SAFETY: a valid reply and iterator state.
        (unsafe { ffi::smtpreply_ehlo_next(&self.c, &mut self.it, &mut k, &mut p) } != 0)
            .then(|| (Reply::view(k), Reply::view(p)))
    }
}
