//! tests/data/extract: each file with its FILE.expect (the records the C
//! test also checks).
use smtpreply::{find, read_bounce, Command, FindKinds, Reason, Source, Verdict};
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
