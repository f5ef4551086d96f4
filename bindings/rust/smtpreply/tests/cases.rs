//! tests/bindings/cases.tsv: the results every binding must give.
use smtpreply::{Command, Parser, Progress, Reply};
use std::path::PathBuf;

fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'r' => out.push(b'\r'),
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'x' => {
                    out.push(u8::from_str_radix(&s[i + 2..i + 4], 16).expect("\\xHH"));
                    i += 2;
                }
                other => out.push(other),
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn dash(s: String) -> String {
    if s.is_empty() {
        "-".to_owned()
    } else {
        s
    }
}

fn check(f: &[&str], r: &Reply<'_>) {
    let got = [
        r.len().to_string(),
        r.code().to_string(),
        dash(r.enhanced().map(|e| e.to_string()).unwrap_or_default()),
        dash(r.flags().to_string()),
        r.action().to_string(),
        r.reason().to_string(),
        r.party().to_string(),
        r.explanation().key().to_owned(),
    ];
    let want = [f[4], f[5], f[6], f[7], f[9], f[10], f[11], f[12]];
    assert_eq!(got.to_vec(), want.to_vec(), "{}", f[0]);
    let lines: Vec<&[u8]> = r.lines().collect();
    let want_lines: Vec<Vec<u8>> = f[8].split('|').map(unescape).collect();
    assert_eq!(lines, want_lines, "{}", f[0]);
    assert_eq!(r.format("mx.example.org").into_bytes(), unescape(f[13]), "{}", f[0]);
    if f[14] == "-" {
        return;
    }
    for kv in f[14].split(' ') {
        let (k, v) = kv.split_once('=').expect("key=value");
        match k {
            "queue_id" => assert_eq!(r.queue_id(), Some(v.as_bytes()), "{}", f[0]),
            "size" => assert_eq!(r.size_limit().map_or(-1, |n| n as i64).to_string(), v, "{}", f[0]),
            "auth" => assert!(r.has_auth(v), "{}", f[0]),
            "ext" => assert!(r.extension(v).is_some(), "{}", f[0]),
            "provider" => assert_eq!(r.provider(), Some(v), "{}", f[0]),
            "verdict" => {
                assert_eq!(r.verdict().name(), v, "{}", f[0]);
                assert_eq!(r.diagnose().verdict, r.verdict(), "{}", f[0]);
            }
            "confidence" => assert_eq!(r.diagnose().confidence.name(), v, "{}", f[0]),
            _ => panic!("{}: unknown check {k}", f[0]),
        }
    }
}

#[test]
fn shared_cases() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/bindings/cases.tsv");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("no source tree ({}: {e}): skipped", path.display());
            return;
        }
    };
    let mut n = 0;
    for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 15, "{line}");
        let cmd: Command = if f[1] == "-" { Command::Unknown } else { f[1].parse().expect("a known command") };
        let data = unescape(f[2]);
        n += 1;
        match smtpreply::parse(&data) {
            Ok(r) => {
                assert_eq!(f[3], "ok", "{}: parsed", f[0]);
                check(&f, &r.after(cmd));
            }
            Err(e) => {
                assert_eq!((e.kind().name(), e.offset().to_string()), (f[3], f[4].to_owned()), "{}", f[0]);
                if let Some(skip) = f[14].strip_prefix("skip=") {
                    assert_eq!(e.skip().to_string(), skip, "{}", f[0]);
                }
                continue;
            }
        }
        // The same bytes through the streaming parser, one byte at a time.
        let mut p = Parser::new();
        let mut found = false;
        for end in 1..=data.len() {
            if let Progress::Reply(r) = p.parse(&data[..end]).expect("no error") {
                check(&f, &r.after(cmd));
                found = true;
                break;
            }
        }
        assert!(found, "{}: streaming found no reply", f[0]);
    }
    assert!(n >= 10, "only {n} cases");
}
