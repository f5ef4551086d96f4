//! The streaming parser and a reader over `std::io::Read`.
use crate::error::{Error, ErrorKind};
use crate::reply::{Options, Reply};
use crate::Command;
use smtpreply_sys as ffi;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};

/// The streaming parser of one connection, over a buffer you keep.
///
/// Pass it every byte not yet consumed, starting at the first, each time
/// more arrive; it remembers how far it has looked, so a reply fed in
/// pieces costs O(n) in total. Then drop `Progress::consumed()` bytes (or
/// `Error::skip()` after an error) from the front of your buffer.
///
/// ```
/// let mut p = smtpreply::Parser::new();
/// let mut buf = b"250-mx.example.org\r\n250 SIZE 1000".to_vec();
/// assert!(matches!(p.parse(&buf)?, smtpreply::Progress::NeedMore { consumed: 0 }));
/// buf.extend_from_slice(b"000\r\n354 go\r\n");
/// let n = match p.parse(&buf)? {
///     smtpreply::Progress::Reply(r) => { assert_eq!(r.size_limit(), Some(1_000_000)); r.len() }
///     _ => unreachable!(),
/// };
/// buf.drain(..n);
/// assert_eq!(buf, b"354 go\r\n");
/// # Ok::<(), smtpreply::Error>(())
/// ```
pub struct Parser {
    p: Box<ffi::smtpreply_parser>,
}

/// What `Parser::parse` found.
#[derive(Debug)]
pub enum Progress<'a> {
    /// A complete reply: drop `reply.len()` bytes.
    Reply(Reply<'a>),
    /// The bytes so far start a reply: keep them and read more, after
    /// dropping `consumed` bytes of junk (usually 0).
    NeedMore { consumed: usize },
}

impl Progress<'_> {
    /// How many bytes to drop from the front of the buffer.
    pub fn consumed(&self) -> usize {
        match self {
            Progress::Reply(r) => r.len(),
            Progress::NeedMore { consumed } => *consumed,
        }
    }
}

impl Default for Parser {
    fn default() -> Self {
        Parser::new()
    }
}

impl fmt::Debug for Parser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parser").finish_non_exhaustive()
    }
}

impl Parser {
    /// A parser with the default options.
    pub fn new() -> Parser {
        Parser::with_options(&Options::default())
    }

    pub fn with_options(opts: &Options) -> Parser {
        let o = opts.to_c();
        let mut p = Box::<ffi::smtpreply_parser>::default();
        // SAFETY: valid pointers.
        unsafe { ffi::smtpreply_parser_init(&mut *p, &o) };
        Parser { p }
    }

    /// Parses the unconsumed bytes; see the type's documentation. An error
    /// means `err.skip()` bytes are no reply: drop them and go on.
    pub fn parse<'a>(&mut self, buf: &'a [u8]) -> Result<Progress<'a>, Error> {
        let (n, c) = self.step(buf);
        // SAFETY: c's views point into buf.
        match unsafe { Reply::from_result(n, c, buf.len(), 0) } {
            Ok(r) => Ok(Progress::Reply(r)),
            Err(e) if e.kind == ErrorKind::Incomplete => Ok(Progress::NeedMore { consumed: e.skip }),
            Err(e) => Err(e),
        }
    }

    pub(crate) fn step(&mut self, buf: &[u8]) -> (i32, ffi::smtpreply) {
        let mut c = ffi::smtpreply::default();
        // SAFETY: buf is valid for its length; the parser and reply are valid.
        let n = unsafe { ffi::smtpreply_parser_parse(&mut *self.p, buf.as_ptr().cast(), buf.len(), &mut c) };
        (n, c)
    }

    /// Forgets a partial reply (after STARTTLS or a reconnect).
    pub fn reset(&mut self) {
        // SAFETY: a valid parser.
        unsafe { ffi::smtpreply_parser_reset(&mut *self.p) };
    }
}

impl<R> fmt::Debug for Reader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader").field("offset", &self.offset).field("eof", &self.eof).finish_non_exhaustive()
    }
}

/// Reads replies from a `Read` such as a `TcpStream`.
///
/// ```
/// let session: &[u8] = b"220 mx ESMTP\r\nHTTP/1.1 400 Bad\r\n250 OK\r\n";
/// let mut rd = smtpreply::Reader::new(session);
/// assert_eq!(rd.next_reply()?.unwrap().code(), 220);
/// assert!(matches!(rd.next_reply(), Err(smtpreply::ReadError::Parse(_))));
/// assert_eq!(rd.next_reply()?.unwrap().code(), 250);
/// assert!(rd.next_reply()?.is_none());
/// # Ok::<(), smtpreply::ReadError>(())
/// ```
pub struct Reader<R> {
    src: R,
    parser: Parser,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    pending_drop: usize,
    offset: u64,
    eof: bool,
    commands: VecDeque<Command>,
}

/// An error of `Reader::next_reply`.
#[derive(Debug)]
pub enum ReadError {
    /// Bytes that were no reply; they were dropped and reading may go on.
    /// Its offset counts from the start of the stream.
    Parse(Error),
    /// The input ended inside a reply (offset: the end of the input).
    Truncated(Error),
    /// The source failed.
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Parse(e) => write!(f, "not an SMTP reply: {e}"),
            ReadError::Truncated(e) => write!(f, "input ended inside a reply: {e}"),
            ReadError::Io(e) => write!(f, "read error: {e}"),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Parse(e) | ReadError::Truncated(e) => Some(e),
            ReadError::Io(e) => Some(e),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl<R: Read> Reader<R> {
    pub fn new(src: R) -> Reader<R> {
        Reader::with_options(src, &Options::default())
    }

    pub fn with_options(src: R, opts: &Options) -> Reader<R> {
        Reader {
            src,
            parser: Parser::with_options(opts),
            buf: vec![0; 4096],
            start: 0,
            end: 0,
            pending_drop: 0,
            offset: 0,
            eof: false,
            commands: VecDeque::new(),
        }
    }

    /// Queues commands sent and not yet answered (a pipelining client's
    /// queue): each reply takes the oldest as its command.
    pub fn expect(&mut self, commands: impl IntoIterator<Item = Command>) {
        self.commands.extend(commands);
    }

    /// Bytes consumed since the start (replies and dropped junk).
    pub fn offset(&self) -> u64 {
        self.offset + self.pending_drop as u64
    }

    /// The source.
    pub fn get_ref(&self) -> &R {
        &self.src
    }

    fn drop_front(&mut self, n: usize) {
        self.start += n;
        self.offset += n as u64;
    }

    /// The next reply, borrowed from the reader's buffer until the next
    /// call; `Ok(None)` at the end of input.
    pub fn next_reply(&mut self) -> Result<Option<Reply<'_>>, ReadError> {
        let n = std::mem::take(&mut self.pending_drop);
        self.drop_front(n);
        loop {
            let (n, c) = self.parser.step(&self.buf[self.start..self.end]);
            if n > 0 {
                self.pending_drop = n as usize;
                let cmd = self.commands.pop_front().unwrap_or(Command::Unknown);
                // SAFETY: c's views point into self.buf[start..end], which
                // is not touched until the next call (&mut self).
                let r = unsafe { Reply::from_result(n, c, 0, 0) };
                return Ok(Some(r.map_err(ReadError::Parse)?.after(cmd)));
            }
            let skip = c.skip;
            let base = self.offset as usize;
            self.drop_front(skip);
            if n != ffi::SMTPREPLY_INCOMPLETE {
                // SAFETY: an error result reads no views.
                let mut e = unsafe { Reply::from_result(n, c, 0, base) }.expect_err("a negative result is an error");
                if e.reply_code().is_some() {
                    // A failed reply answers a command all the same.
                    e.command = self.commands.pop_front();
                }
                return Err(ReadError::Parse(e));
            }
            if skip > 0 {
                continue;
            }
            if self.eof {
                let rest = &self.buf[self.start..self.end];
                if rest.iter().all(|&b| b == b'\r' || b == b'\n') {
                    return Ok(None);
                }
                let e = Error {
                    kind: ErrorKind::Incomplete,
                    offset: base + rest.len(),
                    skip: rest.len(),
                    flags: Default::default(),
                    reply_code: 0,
                    command: None,
                };
                let len = rest.len();
                self.drop_front(len);
                return Err(ReadError::Truncated(e));
            }
            self.fill()?;
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            // Keep the unconsumed bytes at the front: the parser only
            // remembers positions relative to them.
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let len = self.buf.len() * 2;
            self.buf.resize(len, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }
}
