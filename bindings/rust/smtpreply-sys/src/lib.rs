//! Raw declarations of libsmtpreply's C API (`include/smtpreply.h`).
//!
//! Everything here is `unsafe` and mirrors the header one to one: the
//! structs have the C layout (fixed for the whole of `libsmtpreply.so.1`,
//! see docs/ABI.md) and the enums are plain `c_int` constants, since the C
//! enums are append-only and may grow. Use the `smtpreply` crate for a safe
//! API. The build script finds the library with the `pkg-config` program.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_int, c_longlong, c_uint, c_void};

// --- results ---------------------------------------------------------------
pub const SMTPREPLY_INCOMPLETE: c_int = -1;
pub const SMTPREPLY_E_BAD_CODE: c_int = -2;
pub const SMTPREPLY_E_BAD_SEPARATOR: c_int = -3;
pub const SMTPREPLY_E_CODE_RANGE: c_int = -4;
pub const SMTPREPLY_E_LINE_TOO_LONG: c_int = -5;
pub const SMTPREPLY_E_TOO_MANY_LINES: c_int = -6;
pub const SMTPREPLY_E_REPLY_TOO_BIG: c_int = -7;
pub const SMTPREPLY_E_REJECTED: c_int = -8;
pub const SMTPREPLY_E_INVALID_ARGUMENT: c_int = -9;

// --- flags -----------------------------------------------------------------
pub const SMTPREPLY_F_BARE_LF: c_uint = 0x0001;
pub const SMTPREPLY_F_BARE_CR: c_uint = 0x0002;
pub const SMTPREPLY_F_NONSTANDARD_CODE: c_uint = 0x0004;
pub const SMTPREPLY_F_CODELESS_LINE: c_uint = 0x0008;
pub const SMTPREPLY_F_CODE_MISMATCH: c_uint = 0x0010;
pub const SMTPREPLY_F_ENHANCED_MISMATCH: c_uint = 0x0020;
pub const SMTPREPLY_F_ENHANCED_INCONSISTENT: c_uint = 0x0040;
pub const SMTPREPLY_F_LEADING_EMPTY: c_uint = 0x0080;
pub const SMTPREPLY_F_EIGHT_BIT: c_uint = 0x0100;
pub const SMTPREPLY_F_INVALID_UTF8: c_uint = 0x0200;
pub const SMTPREPLY_F_CONTROL: c_uint = 0x0400;
pub const SMTPREPLY_F_NUL: c_uint = 0x0800;
pub const SMTPREPLY_F_LONG_LINE: c_uint = 0x1000;
pub const SMTPREPLY_F_SKIPPED_JUNK: c_uint = 0x2000;
pub const SMTPREPLY_STRICT: c_uint = SMTPREPLY_F_BARE_LF
    | SMTPREPLY_F_BARE_CR
    | SMTPREPLY_F_NONSTANDARD_CODE
    | SMTPREPLY_F_CODELESS_LINE
    | SMTPREPLY_F_CODE_MISMATCH
    | SMTPREPLY_F_ENHANCED_MISMATCH
    | SMTPREPLY_F_ENHANCED_INCONSISTENT
    | SMTPREPLY_F_LEADING_EMPTY
    | SMTPREPLY_F_INVALID_UTF8
    | SMTPREPLY_F_CONTROL
    | SMTPREPLY_F_NUL
    | SMTPREPLY_F_LONG_LINE;

pub const SMTPREPLY_DEFAULT_MAX_LINE: c_uint = 4096;
pub const SMTPREPLY_DEFAULT_MAX_LINES: c_uint = 1000;
pub const SMTPREPLY_DEFAULT_MAX_REPLY: c_uint = 65536;
pub const SMTPREPLY_MAX_REPLY_LIMIT: c_uint = 0x4000_0000;

// --- explanation entry flags and fields ----------------------------------------
pub const SMTPREPLY_X_REPLY: c_uint = 0x0001;
pub const SMTPREPLY_X_ENHANCED: c_uint = 0x0002;
pub const SMTPREPLY_X_CLASS: c_uint = 0x0004;
pub const SMTPREPLY_X_SUBJECT: c_uint = 0x0008;
pub const SMTPREPLY_X_CATEGORY: c_uint = 0x0010;
pub const SMTPREPLY_X_CONTEXTUAL: c_uint = 0x0020;
pub const SMTPREPLY_X_NONSTANDARD: c_uint = 0x0040;
pub const SMTPREPLY_X_FALLBACK: c_uint = 0x0080;
pub const SMTPREPLY_X_PROVIDER: c_uint = 0x0100;

pub const SMTPREPLY_FMT_ASCII: c_uint = 0x1;

pub const SMTPREPLY_REASON_COUNT: c_int = 27;
pub const SMTPREPLY_VERDICT_COUNT: c_int = 6;

/// enum smtpreply_command, enum smtpreply_field, ... are C ints.
pub type smtpreply_enum = c_int;

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct smtpreply_str {
    pub ptr: *const c_char,
    pub len: usize,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct smtpreply_enhanced {
    pub klass: c_int,
    pub subject: c_int,
    pub detail: c_int,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct smtpreply_options {
    pub reject: c_uint,
    pub max_line: c_uint,
    pub max_lines: c_uint,
    pub max_reply: c_uint,
    pub reserved_: [c_uint; 12],
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct smtpreply {
    pub code: c_int,
    pub first_code: c_int,
    pub klass: c_int,
    pub flags: c_uint,
    pub enhanced: smtpreply_enhanced,
    pub nlines: usize,
    pub raw: smtpreply_str,
    pub error_offset: usize,
    pub skip: usize,
    pub first_line: smtpreply_str,
    pub last_line: smtpreply_str,
    /// 1.1: the reply code's entry (as smtpreply_explain_code(code)), NULL
    /// unless the result was a reply.
    pub expl: *const smtpreply_expl,
    /// 1.1: the enhanced code's entry (as smtpreply_explain_reply_enhanced).
    pub expl_enhanced: *const smtpreply_expl,
    pub reserved_: [*mut c_void; 6],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct smtpreply_iter {
    pub pos_: usize,
    pub index_: usize,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct smtpreply_parser {
    pub opts: smtpreply_options,
    pub state_: [usize; 24],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct smtpreply_ehlo_iter {
    pub line_: usize,
    pub reserved_: [usize; 3],
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct smtpreply_diagnosis {
    pub action: smtpreply_enum,
    pub reason: smtpreply_enum,
    pub verdict: smtpreply_enum,
    pub confidence: smtpreply_enum,
    pub evidence: smtpreply_enum,
    pub code: c_int,
    pub enhanced: smtpreply_enhanced,
    pub provider: *const c_char,
    pub reserved_: [*mut c_void; 6],
}

pub const SMTPREPLY_FIND_LOG: c_uint = 0x1;
pub const SMTPREPLY_FIND_TRANSCRIPT: c_uint = 0x2;
pub const SMTPREPLY_FIND_TEXT: c_uint = 0x4;
pub const SMTPREPLY_FIND_RAW: c_uint = 0x8;

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct smtpreply_found {
    pub reply: smtpreply,
    pub has_reply: c_int,
    pub command: smtpreply_enum,
    pub source: smtpreply_enum,
    pub host: smtpreply_str,
    pub recipient: smtpreply_str,
    pub status: smtpreply_str,
    pub action: smtpreply_str,
    pub date: smtpreply_str,
    pub problem: smtpreply_str,
    pub offset: usize,
    pub length: usize,
    pub reserved_: [*mut c_void; 8],
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct smtpreply_bounce_iter {
    pub pos_: usize,
    pub state_: [usize; 7],
}

pub const SMTPREPLY_COMPARE_TITLE: c_int = 0;
pub const SMTPREPLY_COMPARE_SUMMARY: c_int = 1;
pub const SMTPREPLY_COMPARE_POINT: c_int = 2;
pub const SMTPREPLY_COMPARE_WHICH: c_int = 3;

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct smtpreply_side {
    pub label: *const c_char,
    pub entry: *const smtpreply_expl,
    pub reply: *const smtpreply,
    pub cmd: smtpreply_enum,
    pub reserved_: [*mut c_void; 4],
}

/// const smtpreply_expl *: opaque, library-owned, static.
#[repr(C)]
pub struct smtpreply_expl {
    _private: [u8; 0],
}

macro_rules! zeroed_default {
    ($($t:ty),*) => {$(
        impl Default for $t {
            fn default() -> Self {
                // SAFETY: a plain C struct of integers and pointers, for
                // which all-zero is the documented initial state.
                unsafe { std::mem::zeroed() }
            }
        }
    )*};
}
zeroed_default!(
    smtpreply_side,
    smtpreply_str,
    smtpreply_options,
    smtpreply,
    smtpreply_parser,
    smtpreply_diagnosis,
    smtpreply_found
);

extern "C" {
    pub fn smtpreply_version() -> *const c_char;
    pub fn smtpreply_version_number() -> c_uint;
    pub fn smtpreply_result_name(result: c_int) -> *const c_char;
    pub fn smtpreply_result_message(result: c_int) -> *const c_char;
    pub fn smtpreply_flag_name(flag: c_uint) -> *const c_char;
    pub fn smtpreply_options_init(opts: *mut smtpreply_options);
    pub fn smtpreply_parse(
        buf: *const c_char,
        len: usize,
        opts: *const smtpreply_options,
        reply: *mut smtpreply,
    ) -> c_int;
    pub fn smtpreply_next_line(reply: *const smtpreply, it: *mut smtpreply_iter, text: *mut smtpreply_str) -> c_int;
    pub fn smtpreply_line(reply: *const smtpreply, i: usize) -> smtpreply_str;
    pub fn smtpreply_parser_init(p: *mut smtpreply_parser, opts: *const smtpreply_options);
    pub fn smtpreply_parser_parse(
        p: *mut smtpreply_parser,
        buf: *const c_char,
        len: usize,
        reply: *mut smtpreply,
    ) -> c_int;
    pub fn smtpreply_parser_reset(p: *mut smtpreply_parser);
    pub fn smtpreply_command_parse(name: *const c_char) -> smtpreply_enum;
    pub fn smtpreply_command_name(cmd: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_explain_code(code: c_int) -> *const smtpreply_expl;
    pub fn smtpreply_explain_code_after(code: c_int, cmd: smtpreply_enum) -> *const smtpreply_expl;
    pub fn smtpreply_explain_enhanced(klass: c_int, subject: c_int, detail: c_int) -> *const smtpreply_expl;
    pub fn smtpreply_explain_text(text: *const c_char) -> *const smtpreply_expl;
    pub fn smtpreply_explain_class(code: c_int) -> *const smtpreply_expl;
    pub fn smtpreply_explain_category(code: c_int) -> *const smtpreply_expl;
    pub fn smtpreply_explain_reply(reply: *const smtpreply, cmd: smtpreply_enum) -> *const smtpreply_expl;
    pub fn smtpreply_explain_reply_enhanced(reply: *const smtpreply) -> *const smtpreply_expl;
    pub fn smtpreply_expl_text(e: *const smtpreply_expl, field: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_expl_text_lang(
        e: *const smtpreply_expl,
        field: smtpreply_enum,
        lang: *const c_char,
    ) -> *const c_char;
    pub fn smtpreply_expl_flags(e: *const smtpreply_expl) -> c_uint;
    pub fn smtpreply_expl_code(e: *const smtpreply_expl) -> c_int;
    pub fn smtpreply_expl_enhanced(
        e: *const smtpreply_expl,
        klass: *mut c_int,
        subject: *mut c_int,
        detail: *mut c_int,
    ) -> c_int;
    pub fn smtpreply_expl_count() -> usize;
    pub fn smtpreply_expl_at(index: usize) -> *const smtpreply_expl;
    pub fn smtpreply_language(index: usize) -> *const c_char;
    pub fn smtpreply_language_match(tag: *const c_char) -> *const c_char;
    pub fn smtpreply_heading_text(h: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_action(reply: *const smtpreply, cmd: smtpreply_enum) -> smtpreply_enum;
    pub fn smtpreply_action_name(a: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_reason(reply: *const smtpreply, cmd: smtpreply_enum) -> smtpreply_enum;
    pub fn smtpreply_reason_name(r: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_reason_text(r: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_reason_party(r: smtpreply_enum) -> smtpreply_enum;
    pub fn smtpreply_party_name(p: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_action_text(a: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_action_description(a: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_reason_description(r: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_party_text(p: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_diagnose(reply: *const smtpreply, cmd: smtpreply_enum, out: *mut smtpreply_diagnosis) -> c_int;
    pub fn smtpreply_verdict(reply: *const smtpreply, cmd: smtpreply_enum) -> smtpreply_enum;
    pub fn smtpreply_verdict_name(v: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_verdict_text(v: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_verdict_description(v: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_confidence_name(c: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_confidence_text(c: smtpreply_enum, lang: *const c_char) -> *const c_char;
    pub fn smtpreply_evidence_name(e: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_provider(reply: *const smtpreply) -> *const c_char;
    pub fn smtpreply_explain_provider(reply: *const smtpreply) -> *const smtpreply_expl;
    pub fn smtpreply_format(
        out: *mut c_char,
        size: usize,
        reply: *const smtpreply,
        host: *const c_char,
        cmd: smtpreply_enum,
        fmt_flags: c_uint,
    ) -> usize;
    pub fn smtpreply_ehlo_next(
        reply: *const smtpreply,
        it: *mut smtpreply_ehlo_iter,
        keyword: *mut smtpreply_str,
        params: *mut smtpreply_str,
    ) -> c_int;
    pub fn smtpreply_ehlo_find(reply: *const smtpreply, keyword: *const c_char, params: *mut smtpreply_str) -> c_int;
    pub fn smtpreply_ehlo_size(reply: *const smtpreply) -> c_longlong;
    pub fn smtpreply_ehlo_has_auth(reply: *const smtpreply, mechanism: *const c_char) -> c_int;
    pub fn smtpreply_queue_id(reply: *const smtpreply) -> smtpreply_str;
    pub fn smtpreply_source_name(s: smtpreply_enum) -> *const c_char;
    pub fn smtpreply_reply_party(reply: *const smtpreply, cmd: smtpreply_enum) -> smtpreply_enum;
    pub fn smtpreply_compare_text(
        out: *mut c_char,
        size: usize,
        a: *const smtpreply_side,
        b: *const smtpreply_side,
        part: smtpreply_enum,
        index: usize,
        lang: *const c_char,
    ) -> usize;
    pub fn smtpreply_fallback_text(
        out: *mut c_char,
        size: usize,
        label: *const c_char,
        e: *const smtpreply_expl,
        lang: *const c_char,
    ) -> usize;
    pub fn smtpreply_find(
        text: *const c_char,
        len: usize,
        pos: *mut usize,
        what: c_uint,
        buf: *mut c_char,
        size: usize,
        found: *mut smtpreply_found,
    ) -> c_int;
    pub fn smtpreply_bounce_next(
        msg: *const c_char,
        len: usize,
        it: *mut smtpreply_bounce_iter,
        buf: *mut c_char,
        size: usize,
        found: *mut smtpreply_found,
    ) -> c_int;
    pub fn smtpreply_found_diagnose(found: *const smtpreply_found, out: *mut smtpreply_diagnosis) -> c_int;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::size_of;

    // The sizes the Python binding checks against a C compiler, for LP64.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn layout_lp64() {
        assert_eq!(size_of::<smtpreply>(), 168);
        let r = smtpreply::default();
        assert_eq!(&r.expl as *const _ as usize - &r as *const _ as usize, 104);
        assert_eq!(size_of::<smtpreply_options>(), 64);
        assert_eq!(size_of::<smtpreply_parser>(), 256);
        assert_eq!(size_of::<smtpreply_iter>(), 16);
        assert_eq!(size_of::<smtpreply_ehlo_iter>(), 32);
        assert_eq!(size_of::<smtpreply_diagnosis>(), 96);
    }

    #[test]
    fn links_and_answers() {
        // SAFETY: no arguments; returns a static NUL-terminated string.
        let v = unsafe { std::ffi::CStr::from_ptr(smtpreply_version()) };
        assert!(v.to_bytes().starts_with(b"1."));
        assert_eq!(unsafe { smtpreply_version_number() } >> 16, 1);
    }
}
