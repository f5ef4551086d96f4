//! Comparison pages: two codes or replies side by side, in sentences the
//! library writes in a language.
use crate::explain::{explain, Explanation};
use crate::reply::Reply;
use crate::text::{opt_c, ptr};
use smtpreply_sys as ffi;
use std::ffi::CString;
use std::os::raw::c_char;

/// One side of a comparison.
#[derive(Debug, Clone, Copy)]
pub enum Side<'r, 'a> {
    /// A code as the page shows it: "235", "5.7.26", "550 5.1.1".
    Code(&'r str),
    /// An explanation, under its own label ("X.7.26", "5xx").
    Explanation(Explanation),
    /// A parsed reply, as the answer to its command (adds what to do and
    /// who must act).
    Reply(&'r Reply<'a>),
}

/// A page comparing two sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// "SMTP 235 Authentication succeeded vs 500 Syntax error..."
    pub title: String,
    /// One paragraph.
    pub summary: String,
    /// The numbered key differences.
    pub points: Vec<String>,
    /// For each side: when to use it (its fix).
    pub which: Vec<String>,
}

fn c_side(side: &Side<'_, '_>, label: &mut Option<CString>) -> ffi::smtpreply_side {
    let mut s = ffi::smtpreply_side::default();
    match side {
        Side::Code(code) => {
            *label = CString::new(code.replace('\0', "")).ok();
            s.label = label.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
            s.entry = explain(code).as_ptr();
        }
        Side::Explanation(e) => s.entry = e.as_ptr(),
        Side::Reply(r) => {
            s.reply = r.as_raw();
            s.cmd = r.command().as_raw();
        }
    }
    s
}

/// Compares two sides in lang ("" for English).
///
/// ```
/// use smtpreply::Side;
/// let c = smtpreply::compare(Side::Code("235"), Side::Code("500"), "");
/// assert!(c.title.starts_with("SMTP 235 "));
/// assert_eq!(c.which.len(), 2);
/// ```
pub fn compare(a: Side<'_, '_>, b: Side<'_, '_>, lang: &str) -> Comparison {
    let (mut la, mut lb) = (None, None);
    let (sa, sb) = (c_side(&a, &mut la), c_side(&b, &mut lb));
    let l = opt_c(lang);
    let text = |part: i32, index: usize| -> String {
        // SAFETY: valid sides (their strings and replies outlive this
        // call), a tag or NULL; NULL/0 asks for the length.
        let need = unsafe { ffi::smtpreply_compare_text(std::ptr::null_mut(), 0, &sa, &sb, part, index, ptr(&l)) };
        if need == 0 {
            return String::new();
        }
        let mut out = vec![0u8; need + 1];
        unsafe {
            ffi::smtpreply_compare_text(out.as_mut_ptr().cast::<c_char>(), out.len(), &sa, &sb, part, index, ptr(&l))
        };
        out.truncate(need);
        String::from_utf8_lossy(&out).into_owned()
    };
    let points = (0..).map(|i| text(ffi::SMTPREPLY_COMPARE_POINT, i)).take_while(|p| !p.is_empty()).collect();
    let which = (0..2).map(|i| text(ffi::SMTPREPLY_COMPARE_WHICH, i)).filter(|w| !w.is_empty()).collect();
    Comparison {
        title: text(ffi::SMTPREPLY_COMPARE_TITLE, 0),
        summary: text(ffi::SMTPREPLY_COMPARE_SUMMARY, 0),
        points,
        which,
    }
}
