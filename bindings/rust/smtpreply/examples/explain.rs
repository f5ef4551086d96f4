//! Explains one SMTP reply given as arguments:
//!
//!     cargo run --example explain -- '550 5.1.1 <bob@example.org>: User unknown' RCPT
use smtpreply::{Command, Heading};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.len() > 2 {
        eprintln!("usage: explain 'REPLY LINE' [COMMAND]");
        return ExitCode::from(2);
    }
    let command: Command = match args.get(1).map_or(Ok(Command::Unknown), |c| c.parse()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let line = format!("{}\r\n", args[0]);
    let r = match smtpreply::parse(line.as_bytes()) {
        Ok(r) => r.after(command),
        Err(e) => {
            eprintln!("not an SMTP reply: {e}");
            return ExitCode::from(1);
        }
    };
    let e = r.explanation();
    println!("{r}");
    println!("{}: {}", e.name(), e.description());
    println!("{}: {}", Heading::Fix.text(""), e.fix());
    println!("action: {} ({})", r.action(), r.action().text(""));
    println!("reason: {} ({})", r.reason(), r.reason().text(""));
    println!("verdict: {} ({})", r.verdict(), r.verdict().text(""));
    ExitCode::SUCCESS
}
