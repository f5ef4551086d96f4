//! Strings across the C boundary.
use std::ffi::{CStr, CString};
use std::os::raw::c_char;

/// A library string: static, NUL-terminated, UTF-8 ("" for NULL or for
/// bytes that are not UTF-8, which the library's tables never hold).
pub(crate) fn stat(p: *const c_char) -> &'static str {
    if p.is_null() {
        return "";
    }
    // SAFETY: the library returns pointers into its const tables, valid
    // for the life of the process.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("")
}

/// A C copy of s; None when s is empty (NULL for the library: "the
/// default") or holds a NUL byte (which C cannot see).
pub(crate) fn opt_c(s: &str) -> Option<CString> {
    if s.is_empty() {
        None
    } else {
        CString::new(s).ok()
    }
}

pub(crate) fn ptr(c: &Option<CString>) -> *const c_char {
    c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
}
