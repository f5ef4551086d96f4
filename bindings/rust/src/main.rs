//! Calling libsmtpreply from Rust with plain `extern "C"` declarations (no
//! crates): parse an SMTP reply and print its explanation.
//!
//!     rustc -O src/main.rs -L native=LIBDIR -l dylib=smtpreply -o smtpreply-explain
//!     cargo build            (build.rs finds the library with pkg-config)
//!     smtpreply-explain ['550 5.1.1 reply text' [COMMAND]]
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::ptr;

// The types of smtpreply.h, with the C layout (docs/ABI.md: fixed for the
// whole of libsmtpreply.so.1).
#[repr(C)]
#[derive(Clone, Copy)]
struct SmtpStr {
    ptr: *const c_char,
    len: usize,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct Enhanced {
    klass: c_int,
    subject: c_int,
    detail: c_int,
}

#[repr(C)]
#[allow(dead_code)] // every member mirrors C, not all are read here
struct Reply {
    code: c_int,
    first_code: c_int,
    klass: c_int,
    flags: c_uint,
    enhanced: Enhanced,
    nlines: usize,
    raw: SmtpStr,
    error_offset: usize,
    skip: usize,
    first_line: SmtpStr,
    last_line: SmtpStr,
    reserved_: [*mut c_void; 8],
}

#[repr(C)]
#[allow(dead_code)]
struct Iter {
    pos_: usize,
    index_: usize,
}

enum Expl {} // const smtpreply_expl *: opaque

const FIELD_NAME: c_int = 0;
const FIELD_DESCRIPTION: c_int = 1;
const FIELD_FIX: c_int = 3;
const SMTPREPLY_INCOMPLETE: c_int = -1;

#[link(name = "smtpreply")]
extern "C" {
    fn smtpreply_version() -> *const c_char;
    fn smtpreply_parse(buf: *const c_char, len: usize, opts: *const c_void, reply: *mut Reply) -> c_int;
    fn smtpreply_result_name(result: c_int) -> *const c_char;
    fn smtpreply_next_line(reply: *const Reply, it: *mut Iter, text: *mut SmtpStr) -> c_int;
    fn smtpreply_command_parse(name: *const c_char) -> c_int;
    fn smtpreply_explain_reply(reply: *const Reply, cmd: c_int) -> *const Expl;
    fn smtpreply_explain_reply_enhanced(reply: *const Reply) -> *const Expl;
    fn smtpreply_expl_text(e: *const Expl, field: c_int) -> *const c_char;
    fn smtpreply_action(reply: *const Reply, cmd: c_int) -> c_int;
    fn smtpreply_action_name(a: c_int) -> *const c_char;
    fn smtpreply_reason(reply: *const Reply, cmd: c_int) -> c_int;
    fn smtpreply_reason_name(r: c_int) -> *const c_char;
    fn smtpreply_format(out: *mut c_char, size: usize, reply: *const Reply, host: *const c_char,
                        cmd: c_int, flags: c_uint) -> usize;
}

/// A string the library owns (static, never NULL by contract).
fn text(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

fn view(s: SmtpStr) -> String {
    if s.ptr.is_null() {
        return String::new();
    }
    let bytes = unsafe { std::slice::from_raw_parts(s.ptr as *const u8, s.len) };
    String::from_utf8_lossy(bytes).into_owned()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut input = args.get(1).cloned().unwrap_or_else(|| {
        "550-5.1.1 <bob@example.org>: Recipient address rejected:\r\n\
         550 5.1.1 User unknown in virtual mailbox table\r\n"
            .to_string()
    });
    if !input.ends_with('\n') {
        input.push_str("\r\n");
    }
    let command = CString::new(args.get(2).cloned().unwrap_or_else(|| "RCPT".into())).unwrap();
    let host = CString::new("mx.example.org").unwrap();

    // `input` outlives every call below: the reply's views point into it.
    let mut r: Reply = unsafe { std::mem::zeroed() };
    let n = unsafe { smtpreply_parse(input.as_ptr() as *const c_char, input.len(), ptr::null(), &mut r) };
    if n <= 0 {
        let why = if n == SMTPREPLY_INCOMPLETE { "incomplete".into() } else { text(unsafe { smtpreply_result_name(n) }) };
        eprintln!("not an SMTP reply: {}", why);
        std::process::exit(1);
    }
    let cmd = unsafe { smtpreply_command_parse(command.as_ptr()) };

    println!("libsmtpreply {} from Rust", text(unsafe { smtpreply_version() }));
    println!("code: {}", r.code);
    if r.enhanced.klass != 0 {
        println!("enhanced: {}.{}.{}", r.enhanced.klass, r.enhanced.subject, r.enhanced.detail);
    }
    let mut it = Iter { pos_: 0, index_: 0 };
    let mut line = SmtpStr { ptr: ptr::null(), len: 0 };
    let mut i = 0;
    while unsafe { smtpreply_next_line(&r, &mut it, &mut line) } != 0 {
        println!("line {}: {}", i, view(line));
        i += 1;
    }
    unsafe {
        println!("action: {}", text(smtpreply_action_name(smtpreply_action(&r, cmd))));
        println!("reason: {}", text(smtpreply_reason_name(smtpreply_reason(&r, cmd))));
        let e = smtpreply_explain_reply(&r, cmd);
        println!("explanation: {}", text(smtpreply_expl_text(e, FIELD_NAME)));
        println!("  {}", text(smtpreply_expl_text(e, FIELD_DESCRIPTION)));
        let x = smtpreply_explain_reply_enhanced(&r);
        println!("enhanced explanation: {}", text(smtpreply_expl_text(x, FIELD_NAME)));
        println!("  fix: {}", text(smtpreply_expl_text(x, FIELD_FIX)));
        // snprintf-style: ask for the length, then write.
        let need = smtpreply_format(ptr::null_mut(), 0, &r, host.as_ptr(), cmd, 0);
        let mut buf = vec![0u8; need + 1];
        smtpreply_format(buf.as_mut_ptr() as *mut c_char, buf.len(), &r, host.as_ptr(), cmd, 0);
        buf.truncate(need);
        println!("log: {}", String::from_utf8_lossy(&buf));
    }
}
