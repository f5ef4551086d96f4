//! tests/data/extract: each file with its FILE.expect (the records the C
//! test also checks).
use smtpreply::{find, read_bounce, Action, Command, FindKinds, Reason, Source, Verdict};
use std::path::PathBuf;

#[test]
fn extract_data() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/data/extract");
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(_) => {
            eprintln!("no tests/data/extract: skipped");
            return;
        }
    };
    let mut names: Vec<String> = entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.retain(|n| !n.ends_with(".expect") && n != "README.md");
    names.sort();
    assert!(names.len() >= 5);
    for name in names {
        let data = std::fs::read(dir.join(&name)).unwrap();
        let exp = std::fs::read_to_string(dir.join(format!("{name}.expect"))).unwrap();
        let want: Vec<&str> = exp.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect();
        let found = if name.ends_with(".eml") { read_bounce(&data) } else { find(&data, FindKinds::ALL) };
        let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_owned());
        let mut got: Vec<String> = Vec::new();
        for f in &found {
            let line = {
                let (has, code, enh, n) = match f.reply() {
                    Some(r) => (1, r.code(), r.enhanced().map_or("-".to_owned(), |e| e.to_string()), r.line_count()),
                    None => {
                        assert!(f.problem.is_some(), "{name}: no reply and no problem");
                        (0, 0, "-".to_owned(), 0)
                    }
                };
                format!(
                    "{} {has} {} {code} {enh} {n} {} {} {}",
                    f.source,
                    f.command,
                    dash(&f.recipient),
                    dash(&f.host),
                    dash(&f.status)
                )
            };
            got.push(line);
            if want.get(got.len()).is_some_and(|w| w.starts_with("> ")) {
                // "> TEXT" after a record: its reply lines joined by " | "
                let text = f.reply().map_or(String::new(), |r| {
                    r.lines().map(|l| String::from_utf8_lossy(l).into_owned()).collect::<Vec<_>>().join(" | ")
                });
                got.push(format!("> {text}"));
            }
        }
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn kinds_and_full_replies() {
    let log = b"Dec  2 10:00:00 mx postfix/smtp[1]: 4AbCd: to=<a@b.c>, relay=mx.b.c[1.2.3.4]:25, delay=1, \
status=bounced (host mx.b.c[1.2.3.4] said: 550 5.1.1 <a@b.c>: Recipient address rejected: User unknown \
(in reply to RCPT TO command))\n";
    let found = find(log, FindKinds::LOG);
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!((f.source, f.command, f.recipient.as_deref()), (Source::Postfix, Command::Rcpt, Some("a@b.c")));
    let r = f.reply().unwrap();
    assert_eq!((r.code(), r.reason(), r.verdict()), (550, Reason::UserUnknown, Verdict::Suppress));
    assert!(find(log, FindKinds::TRANSCRIPT | FindKinds::RAW).is_empty());
    assert!(find(b"", FindKinds::ALL).is_empty() && read_bounce(b"").is_empty());
    assert_eq!(Source::Dsn.name(), "dsn");
}

/// tests/data/found: each input with its NAME.want, one line a record
/// ("recipient has_reply action reason verdict"), as tests/test_found.c
/// replays them: the records' diagnosis agree with C's.
#[test]
fn found_data() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/data/found");
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(_) => {
            eprintln!("no tests/data/found: skipped");
            return;
        }
    };
    let mut names: Vec<String> = entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.retain(|n| !n.starts_with('.') && !n.ends_with(".want") && n != "README.md");
    names.sort();
    assert!(names.len() >= 10);
    let mut records = 0;
    for name in &names {
        let data = std::fs::read(dir.join(name)).unwrap();
        let exp = std::fs::read_to_string(dir.join(format!("{name}.want"))).unwrap();
        let want: Vec<&str> = exp.lines().filter(|l| !l.trim().is_empty()).collect();
        let found = if name.ends_with(".eml") { read_bounce(&data) } else { find(&data, FindKinds::ALL) };
        let got: Vec<String> = found
            .iter()
            .map(|f| {
                let d = &f.diagnosis;
                let has = f.reply().is_some();
                assert!(has || d.code == 0, "{name}: no reply, yet code {}", d.code);
                format!(
                    "{} {} {} {} {}",
                    f.recipient.as_deref().unwrap_or("-"),
                    u8::from(has),
                    d.action,
                    d.reason,
                    d.verdict
                )
            })
            .collect();
        assert_eq!(got, want, "{name}");
        records += got.len();
    }
    assert!(records >= names.len());
}

#[test]
fn found_diagnosis() {
    // With a reply that has its own enhanced code: the reply's diagnosis.
    let log = b"Dec  2 10:00:00 mx postfix/smtp[1]: 4AbCd: to=<a@b.c>, relay=mx.b.c[1.2.3.4]:25, delay=1, \
status=bounced (host mx.b.c[1.2.3.4] said: 550 5.1.1 <a@b.c>: Recipient address rejected: User unknown \
(in reply to RCPT TO command))\n";
    let found = find(log, FindKinds::ALL);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].diagnosis, found[0].reply().unwrap().diagnose());
    // Without a reply: judged from the problem's words (a Sendmail log line).
    let log = b"Dec  2 10:00:00 mx sm-mta[1]: 4AbCd: to=<v@nonexistent.invalid>, delay=00:00:01, mailer=esmtp, \
pri=1, dsn=5.1.2, stat=Host unknown (Name server: nonexistent.invalid: host not found)\n";
    let found = find(log, FindKinds::ALL);
    assert_eq!(found.len(), 1);
    assert!(found[0].reply().is_none());
    let d = found[0].diagnosis;
    assert_eq!((d.action, d.reason, d.verdict, d.code), (Action::Fail, Reason::DomainUnknown, Verdict::Suppress, 0));
    assert_eq!(d.enhanced.map(|e| e.to_string()).as_deref(), Some("5.1.2"));
}
