use smtpreply::{
    Action, Command, Confidence, ErrorKind, Evidence, ExplFlags, Field, Flags, Heading, Options, Parser, Party,
    Progress, ReadError, Reader, Reason, Verdict,
};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

#[test]
fn parse_table() {
    struct Case {
        input: &'static [u8],
        cmd: Command,
        code: u16,
        enhanced: Option<&'static str>,
        lines: &'static [&'static [u8]],
        flags: Flags,
        action: Action,
        reason: Reason,
        len: usize,
    }
    let cases = [
        Case {
            input: b"250 OK\r\n",
            cmd: Command::Unknown,
            code: 250,
            enhanced: None,
            lines: &[b"OK"],
            flags: Flags::EMPTY,
            action: Action::Success,
            reason: Reason::None,
            len: 8,
        },
        Case {
            input: b"550-5.1.1 <bob@example.org>: rejected:\r\n550 5.1.1 User unknown\r\nNEXT",
            cmd: Command::Rcpt,
            code: 550,
            enhanced: Some("5.1.1"),
            lines: &[b"<bob@example.org>: rejected:", b"User unknown"],
            flags: Flags::EMPTY,
            action: Action::Fail,
            reason: Reason::UserUnknown,
            len: 64,
        },
        Case {
            input: b"250-mx\n250 OK\n",
            cmd: Command::Ehlo,
            code: 250,
            enhanced: None,
            lines: &[b"mx", b"OK"],
            flags: Flags::BARE_LF,
            action: Action::Success,
            reason: Reason::None,
            len: 14,
        },
        Case {
            input: b"\r\n\r\n221 bye\r\n",
            cmd: Command::Quit,
            code: 221,
            enhanced: None,
            lines: &[b"bye"],
            flags: Flags::LEADING_EMPTY,
            action: Action::Success,
            reason: Reason::None,
            len: 13,
        },
        Case {
            input: b"552 5.5.3 Too many recipients\r\n",
            cmd: Command::Rcpt,
            code: 552,
            enhanced: Some("5.5.3"),
            lines: &[b"Too many recipients"],
            flags: Flags::EMPTY,
            action: Action::Retry,
            reason: Reason::TooManyRecipients,
            len: 31,
        },
        Case {
            input: b"550 bad \xff byte\r\n",
            cmd: Command::Unknown,
            code: 550,
            enhanced: None,
            lines: &[b"bad \xff byte"],
            flags: Flags(Flags::EIGHT_BIT.0 | Flags::INVALID_UTF8.0),
            action: Action::Fail,
            reason: Reason::Unknown,
            len: 16,
        },
    ];
    for c in &cases {
        let r = smtpreply::parse(c.input).unwrap().after(c.cmd);
        assert_eq!(r.code(), c.code);
        assert_eq!(r.enhanced().map(|e| e.to_string()).as_deref(), c.enhanced);
        assert_eq!(r.lines().collect::<Vec<_>>(), c.lines.to_vec());
        assert_eq!((r.flags(), r.action(), r.reason(), r.len()), (c.flags, c.action, c.reason, c.len));
        assert_eq!(r.line_count(), c.lines.len());
        assert_eq!(r.line(0), Some(c.lines[0]));
        assert_eq!(r.line(c.lines.len()), None);
    }
}

#[test]
fn errors() {
    let cases: [(&[u8], Options, ErrorKind, usize, usize); 7] = [
        (b"25 OK\r\n250 OK\r\n", Options::default(), ErrorKind::BadCode, 2, 7),
        (b"2500 ok\r\n", Options::default(), ErrorKind::BadSeparator, 3, 9),
        (b"699 what\r\n", Options::default(), ErrorKind::CodeRange, 0, 10),
        (b"250-first\r\n250 sec", Options::default(), ErrorKind::Incomplete, 18, 0),
        (b"250 OK\n", Options { strict: true, ..Options::default() }, ErrorKind::Rejected, 0, 7),
        (
            b"250-a\r\n250-b\r\n250 c\r\n",
            Options { max_lines: 2, ..Options::default() },
            ErrorKind::TooManyLines,
            14,
            21,
        ),
        (b"", Options::default(), ErrorKind::Incomplete, 0, 0),
    ];
    for (input, opts, kind, offset, skip) in cases {
        let e = smtpreply::parse_with(input, &opts).unwrap_err();
        assert_eq!((e.kind(), e.offset(), e.skip()), (kind, offset, skip), "{e}");
        assert!(e.to_string().starts_with(kind.name()));
    }
    let e = smtpreply::parse_with(b"25 OK\r\n", &Options::default()).unwrap_err();
    assert_eq!(e.reply_code(), None);
    let e = smtpreply::parse_with(b"250 OK\n", &Options { reject: Flags::BARE_LF, ..Options::default() }).unwrap_err();
    assert_eq!(e.reply_code(), Some(250));
    assert!(e.flags().contains(Flags::BARE_LF));
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().contains("rejected"));
}

#[test]
fn commands() {
    assert_eq!("rcpt to:<a@b>".parse::<Command>(), Ok(Command::Rcpt));
    assert_eq!(".".parse::<Command>(), Ok(Command::Dot));
    assert_eq!("".parse::<Command>(), Ok(Command::Unknown));
    assert_eq!("unknown".parse::<Command>(), Ok(Command::Unknown));
    let e = "BOGUS".parse::<Command>().unwrap_err();
    assert_eq!(e.0, "BOGUS");
    assert_eq!(e.to_string(), "unknown SMTP command \"BOGUS\"");
    assert!("RC\0PT".parse::<Command>().is_err());
    assert_eq!(Command::Rcpt.to_string(), "RCPT");
    assert_eq!(format!("{:>6}", Command::Dot), "   DOT");
}

#[test]
fn enums_have_the_library_names() {
    let header = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../include/smtpreply.h"));
    if let Ok(h) = header {
        for r in Reason::ALL {
            assert!(h.contains(&format!("SMTPREPLY_REASON_{} = {}", r.name().to_uppercase(), r.as_raw())), "{r}");
        }
        assert!(h.contains(&format!("#define SMTPREPLY_REASON_COUNT {}", Reason::ALL.len())));
        assert!(h.contains(&format!("#define SMTPREPLY_VERDICT_COUNT {}", Verdict::ALL.len())));
        // Every function of the header is declared in smtpreply-sys.
        let sys = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../smtpreply-sys/src/lib.rs")).unwrap();
        let mut n = 0;
        for part in h.split("SMTPREPLY_API").skip(1) {
            // The identifier right before the first '(' of the declaration.
            let decl = part.split(';').next().unwrap();
            let paren = match decl.find('(') {
                Some(i) if !decl.trim_start().starts_with("__attribute__") => i,
                _ => continue,
            };
            let before = decl[..paren].trim_end();
            let start = before.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
            let name = &before[start..];
            assert!(sys.contains(&format!("pub fn {name}(")), "smtpreply-sys lacks {name}");
            n += 1;
        }
        assert!(n > 50);
    }
    for a in Action::ALL {
        assert!(!a.name().is_empty() && !a.text("").is_empty() && !a.description("fr").is_empty());
    }
    assert_eq!(Action::Retry.text(""), "Retry later");
    assert_ne!(Action::Retry.text("fr"), "Retry later");
    assert_eq!(Reason::MailboxFull.party(), Party::Recipient);
    assert_eq!(Party::Recipient.text(""), "The recipient");
    for v in Verdict::ALL {
        assert!(!v.name().is_empty() && !v.text("").is_empty());
    }
    for c in Confidence::ALL {
        assert!(!c.name().is_empty() && !c.text("ja").is_empty());
    }
    assert_eq!(Evidence::StrongPhrase.name(), "strong_phrase");
    assert_eq!(Reason::from_raw(99), None);
    assert_eq!(Flags::from_name("bare_lf"), Some(Flags::BARE_LF));
    assert_eq!((Flags::BARE_LF | Flags::CONTROL).to_string(), "bare_lf,control");
    assert!(Flags::STRICT.contains(Flags::NUL) && !Flags::STRICT.contains(Flags::EIGHT_BIT));
}

#[test]
fn explanations() {
    let e = smtpreply::explain_code(550);
    assert_eq!(e.code(), Some(550));
    assert!(e.flags().contains(ExplFlags::REPLY) && !e.fix().is_empty() && !e.description().is_empty());
    assert_eq!(smtpreply::explain("550"), e);
    assert!(smtpreply::explain("550 5.7.26").flags().contains(ExplFlags::ENHANCED));
    let enh = smtpreply::explain_enhanced("5.7.26".parse().unwrap());
    assert_eq!(enh, smtpreply::explain("5.7.26"));
    assert_eq!(enh.enhanced(), Some((-1, 7, 26)));
    assert!(smtpreply::explain_code(599).flags().contains(ExplFlags::FALLBACK));
    assert!(smtpreply::explain_class(451).flags().contains(ExplFlags::CLASS));
    assert!(smtpreply::explain_category(421).flags().contains(ExplFlags::CATEGORY));
    assert_eq!(smtpreply::explain_code_after(354, Command::Data).key(), "reply 354 after DATA");
    let x = smtpreply::explain("5.1.1");
    assert_ne!(x.field_in(Field::Name, "fr"), x.name());
    assert_eq!(x.field_in(Field::Name, ""), x.name());
    assert_eq!(x.field_in(Field::Name, "xx"), x.name());
    let langs: Vec<_> = smtpreply::languages().collect();
    assert_eq!(langs[0], "en");
    assert!(langs.contains(&"fr"));
    assert_eq!(smtpreply::language_match("ja_JP.UTF-8"), "ja");
    assert_eq!(Heading::Fix.text(""), "How to fix");
    let all: Vec<_> = smtpreply::explanations().collect();
    assert!(all.len() > 100 && all.iter().any(|e| e.flags().contains(ExplFlags::PROVIDER)));
    let mut keys: Vec<_> = all.iter().map(|e| e.key()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), all.len());
    assert!(smtpreply::version().starts_with("1.") && smtpreply::version_number() >> 16 == 1);
}

#[test]
fn reply_helpers() {
    let buf = b"250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 1000000\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n";
    let r = smtpreply::parse(buf).unwrap().after(Command::Ehlo);
    let ext: Vec<_> = r.extensions().collect();
    assert_eq!(ext.len(), 4);
    assert_eq!(ext[1], (&b"SIZE"[..], &b"1000000"[..]));
    assert_eq!(r.extension("auth"), Some(&b"PLAIN LOGIN"[..]));
    assert_eq!(r.extension("STARTTLS"), None);
    assert_eq!(r.size_limit(), Some(1_000_000));
    assert!(r.has_auth("login") && !r.has_auth("CRAM-MD5"));
    // Views borrow the caller's buffer: no copy.
    assert!(std::ptr::eq(r.raw().as_ptr(), buf.as_ptr()));
    let q = smtpreply::parse(b"250 2.0.0 Ok: queued as 4AbCd\r\n").unwrap();
    assert_eq!((q.queue_id(), r.queue_id()), (Some(&b"4AbCd"[..]), None));
    let g = smtpreply::parse(
        b"550-5.7.26 This mail has been blocked because the sender is\r\n550 5.7.26 unauthenticated. - gsmtp\r\n",
    )
    .unwrap()
    .after(Command::Dot);
    assert_eq!(g.provider(), Some("google"));
    assert!(g.provider_explanation().unwrap().flags().contains(ExplFlags::PROVIDER));
    let d = g.diagnose();
    assert_eq!((d.action, d.reason, d.verdict, d.code), (g.action(), g.reason(), g.verdict(), 550));
    assert_eq!(d.provider, Some("google"));
    let e = smtpreply::parse(b"550 evil\x1b[2J\rfake\r\n").unwrap();
    assert!(!e.to_string().contains(['\x1b', '\r']));
    let c = smtpreply::parse("550 café\r\n".as_bytes()).unwrap();
    assert_eq!((c.format(""), c.format_ascii("")), ("550 café".to_owned(), "550 caf\\xC3\\xA9".to_owned()));
    assert_eq!(c.format("mx\0.example"), "host mx.example said: 550 café");
    assert_eq!(c.after(Command::Rcpt).explanation().key(), "reply 550 after RCPT");
    assert_eq!(c.text(), "café");
    assert!(!c.enhanced_explanation().name().is_empty());
}

const WIRE: &[u8] = b"220 mx.example.org ESMTP\r\n250-mx.example.org\r\n250-PIPELINING\r\n250 SIZE 1000000\r\n\
250 2.1.0 Ok\r\n550 5.1.1 unknown\r\n354 go ahead\r\n250 2.0.0 Ok: queued as 4AbCd\r\n";

#[test]
fn parser_byte_by_byte() {
    let mut p = Parser::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut codes = Vec::new();
    for &b in WIRE {
        buf.push(b);
        loop {
            let progress = p.parse(&buf).unwrap();
            let n = progress.consumed();
            let done = match progress {
                Progress::Reply(r) => {
                    codes.push(r.code());
                    false
                }
                Progress::NeedMore { .. } => true,
            };
            buf.drain(..n);
            if done {
                break;
            }
        }
    }
    assert_eq!(codes, [220, 250, 250, 550, 354, 250]);
    assert!(buf.is_empty());
    p.parse(b"250-part").unwrap();
    p.reset();
    assert!(matches!(p.parse(b"221 bye\r\n").unwrap(), Progress::Reply(r) if r.code() == 221));
}

#[test]
fn reader_over_loopback() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut wire = WIRE.to_vec();
        wire.extend_from_slice(b"HTTP/1.1 400 Bad Request\r\n421 4.3.2 bye\r\n250-cut");
        for chunk in wire.chunks(7) {
            s.write_all(chunk).unwrap();
            s.flush().unwrap();
        }
    });
    let stream = TcpStream::connect(addr).unwrap();
    let mut rd = Reader::new(stream);
    rd.expect([Command::Greeting, Command::Ehlo, Command::Mail, Command::Rcpt, Command::Data, Command::Dot]);
    let mut seen = Vec::new();
    let mut errors = Vec::new();
    loop {
        match rd.next_reply() {
            Ok(Some(r)) => seen.push(format!("{} {} {}", r.code(), r.command(), r.action())),
            Ok(None) => panic!("the input was cut inside a reply"),
            Err(ReadError::Parse(e)) => errors.push((e.kind(), e.offset())),
            Err(ReadError::Truncated(e)) => {
                assert_eq!(e.offset(), WIRE.len() + 26 + 15 + 7);
                break;
            }
            Err(e) => panic!("{e}"),
        }
    }
    server.join().unwrap();
    assert_eq!(
        seen,
        [
            "220 GREETING success",
            "250 EHLO success",
            "250 MAIL success",
            "550 RCPT fail",
            "354 DATA continue",
            "250 DOT success",
            "421 UNKNOWN retry"
        ]
    );
    assert_eq!(errors, [(ErrorKind::BadCode, WIRE.len())]);
    assert!(rd.next_reply().unwrap().is_none());
    let mut bytes = Vec::new();
    rd.get_ref().read_to_end(&mut bytes).ok();
}

#[test]
fn failed_reply_takes_its_command() {
    let mut rd = Reader::with_options(
        &b"250-a\r\n250-b\r\n250 c\r\n250 ok\r\nHTTP/1.1 400\r\n"[..],
        &Options { max_lines: 2, ..Options::default() },
    );
    rd.expect([Command::Ehlo, Command::Mail]);
    match rd.next_reply() {
        Err(ReadError::Parse(e)) => assert_eq!(
            (e.kind(), e.reply_code(), e.command()),
            (ErrorKind::TooManyLines, Some(250), Some(Command::Ehlo))
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(rd.next_reply().unwrap().unwrap().command(), Command::Mail);
    match rd.next_reply() {
        Err(ReadError::Parse(e)) => assert_eq!((e.reply_code(), e.command()), (None, None)),
        other => panic!("{other:?}"),
    }
    assert!(rd.next_reply().unwrap().is_none());
}

#[test]
fn reply_outlives_nothing_but_its_buffer() {
    // Replies are Copy views; many of them may refer to one buffer.
    let buf = b"250 a\r\n250 b\r\n".to_vec();
    let first = smtpreply::parse(&buf).unwrap();
    let second = smtpreply::parse(&buf[first.len()..]).unwrap();
    let both = [first, second];
    assert_eq!(both.iter().map(|r| r.text()).collect::<Vec<_>>(), ["a", "b"]);
}

#[test]
fn comparisons_fallbacks_party() {
    use smtpreply::Side;
    let c = smtpreply::compare(Side::Code("235"), Side::Code("500"), "");
    assert!(c.title.starts_with("SMTP 235 ") && c.title.contains(" vs 500 "));
    assert!(c.summary.contains("235") && c.points.len() >= 5 && c.which[0].starts_with("For 235"));
    let r1 = smtpreply::parse(b"550 5.1.1 unknown\r\n").unwrap().after(Command::Rcpt);
    let r2 = smtpreply::parse(b"452 4.2.2 full\r\n").unwrap().after(Command::Rcpt);
    let with_replies = smtpreply::compare(Side::Reply(&r1), Side::Reply(&r2), "");
    assert!(with_replies.points.len() > smtpreply::compare(Side::Code("550"), Side::Code("452"), "").points.len());
    assert_ne!(smtpreply::compare(Side::Reply(&r1), Side::Reply(&r2), "fr").title, with_replies.title);
    let x = smtpreply::compare(Side::Explanation(smtpreply::explain("5.7.26")), Side::Code("5.7.1"), "");
    assert_eq!(
        x.title,
        smtpreply::compare(Side::Code("5.7.26"), Side::Code("5.7.1"), "").title.replacen("5.7.26", "X.7.26", 1)
    );
    assert!(smtpreply::explain("5.1.999").fallback_text("5.1.999", "").unwrap().contains("5.1.999"));
    assert_eq!(smtpreply::explain("550").fallback_text("550", ""), None);
    assert_eq!(Heading::Which.text(""), "When to use which");
    assert!(!Heading::Summary.text("ko").is_empty());
    assert_eq!(r1.party(), r1.reason().party());
}
