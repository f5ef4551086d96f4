//! Explanations: entries of the library's const table.
use crate::enums::{Command, Field};
use crate::text::{opt_c, ptr, stat};
use crate::Enhanced;
use smtpreply_sys as ffi;
use std::ffi::CString;
use std::fmt;

/// An entry of the explanation table: library-owned and static, so every
/// text is a `&'static str`. Lookups never fail: an unlisted code gets its
/// class's entry, flagged `ExplFlags::FALLBACK`.
#[derive(Clone, Copy)]
pub struct Explanation(&'static ffi::smtpreply_expl);

// SAFETY: entries are immutable, const data shared by all threads.
unsafe impl Send for Explanation {}
unsafe impl Sync for Explanation {}

/// An entry's kind and properties (SMTPREPLY_X_*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExplFlags(pub u32);

impl ExplFlags {
    pub const REPLY: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_REPLY);
    pub const ENHANCED: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_ENHANCED);
    pub const CLASS: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_CLASS);
    pub const SUBJECT: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_SUBJECT);
    pub const CATEGORY: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_CATEGORY);
    pub const CONTEXTUAL: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_CONTEXTUAL);
    pub const NONSTANDARD: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_NONSTANDARD);
    pub const FALLBACK: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_FALLBACK);
    pub const PROVIDER: ExplFlags = ExplFlags(ffi::SMTPREPLY_X_PROVIDER);

    pub fn contains(self, other: ExplFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl Explanation {
    pub(crate) fn from_ptr(p: *const ffi::smtpreply_expl) -> Option<Explanation> {
        // SAFETY: the library's entries are static.
        unsafe { p.as_ref() }.map(Explanation)
    }

    pub(crate) fn must(p: *const ffi::smtpreply_expl) -> Explanation {
        Explanation::from_ptr(p).expect("libsmtpreply returned no explanation (documented never NULL)")
    }

    pub(crate) fn as_ptr(self) -> *const ffi::smtpreply_expl {
        self.0
    }

    /// For a fallback entry (`ExplFlags::FALLBACK`): the sentence saying
    /// that label ("5.1.999") is not itself a registered code and which
    /// general entry is shown; None for any other entry.
    pub fn fallback_text(self, label: &str, lang: &str) -> Option<String> {
        let lb = CString::new(label.replace('\0', "")).ok()?;
        let l = opt_c(lang);
        // SAFETY: NULL/0 asks for the length; then a buffer of need + 1.
        let need = unsafe { ffi::smtpreply_fallback_text(std::ptr::null_mut(), 0, lb.as_ptr(), self.0, ptr(&l)) };
        if need == 0 {
            return None;
        }
        let mut out = vec![0u8; need + 1];
        unsafe { ffi::smtpreply_fallback_text(out.as_mut_ptr().cast(), out.len(), lb.as_ptr(), self.0, ptr(&l)) };
        out.truncate(need);
        Some(String::from_utf8_lossy(&out).into_owned())
    }

    /// One field in English.
    pub fn field(self, field: Field) -> &'static str {
        // SAFETY: a valid entry and field.
        stat(unsafe { ffi::smtpreply_expl_text(self.0, field as ffi::smtpreply_enum) })
    }

    /// One field in lang ("fr", "ja_JP.UTF-8"; English where there is no
    /// translation, and for "").
    pub fn field_in(self, field: Field, lang: &str) -> &'static str {
        let l = opt_c(lang);
        // SAFETY: a valid entry and field, a tag or NULL.
        stat(unsafe { ffi::smtpreply_expl_text_lang(self.0, field as ffi::smtpreply_enum, ptr(&l)) })
    }

    /// A short title.
    pub fn name(self) -> &'static str {
        self.field(Field::Name)
    }
    /// What it means.
    pub fn description(self) -> &'static str {
        self.field(Field::Description)
    }
    /// When you see it.
    pub fn when(self) -> &'static str {
        self.field(Field::When)
    }
    /// What to do.
    pub fn fix(self) -> &'static str {
        self.field(Field::Fix)
    }
    /// The defining RFC or origin.
    pub fn source(self) -> &'static str {
        self.field(Field::Source)
    }
    /// A stable key: "reply 550 after RCPT", "enhanced X.1.1".
    pub fn key(self) -> &'static str {
        self.field(Field::Key)
    }

    pub fn flags(self) -> ExplFlags {
        // SAFETY: a valid entry.
        ExplFlags(unsafe { ffi::smtpreply_expl_flags(self.0) })
    }

    /// The reply code of a reply entry.
    pub fn code(self) -> Option<u16> {
        // SAFETY: a valid entry.
        let c = unsafe { ffi::smtpreply_expl_code(self.0) };
        (c > 0).then_some(c as u16)
    }

    /// An enhanced entry's (class, subject, detail); -1 where it stands
    /// for any ("X.1.1" has class -1).
    pub fn enhanced(self) -> Option<(i32, i32, i32)> {
        let (mut k, mut s, mut d) = (0, 0, 0);
        // SAFETY: a valid entry and three out-pointers.
        (unsafe { ffi::smtpreply_expl_enhanced(self.0, &mut k, &mut s, &mut d) } != 0).then_some((k, s, d))
    }
}

impl PartialEq for Explanation {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}
impl Eq for Explanation {}

impl fmt::Debug for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Explanation").field("key", &self.key()).field("name", &self.name()).finish()
    }
}

/// Explains a code written as text: "550", "5.7.26", "550 5.7.26", "2xx".
pub fn explain(text: &str) -> Explanation {
    let c = CString::new(text.replace('\0', "")).expect("no NUL left");
    // SAFETY: a NUL-terminated string.
    Explanation::must(unsafe { ffi::smtpreply_explain_text(c.as_ptr()) })
}

/// Explains a reply code (550).
pub fn explain_code(code: u16) -> Explanation {
    // SAFETY: any int.
    Explanation::must(unsafe { ffi::smtpreply_explain_code(code.into()) })
}

/// Explains a reply code after a command (354 after DATA).
pub fn explain_code_after(code: u16, command: Command) -> Explanation {
    // SAFETY: any int and a command value.
    Explanation::must(unsafe { ffi::smtpreply_explain_code_after(code.into(), command.as_raw()) })
}

/// Explains an enhanced status code (5.7.26).
pub fn explain_enhanced(e: Enhanced) -> Explanation {
    // SAFETY: any ints.
    Explanation::must(unsafe { ffi::smtpreply_explain_enhanced(e.class.into(), e.subject.into(), e.detail.into()) })
}

/// The entry of a reply code's class (5xx).
pub fn explain_class(code: u16) -> Explanation {
    // SAFETY: any int.
    Explanation::must(unsafe { ffi::smtpreply_explain_class(code.into()) })
}

/// The entry of a reply code's category (its second digit).
pub fn explain_category(code: u16) -> Explanation {
    // SAFETY: any int.
    Explanation::must(unsafe { ffi::smtpreply_explain_category(code.into()) })
}

/// Every entry of the table.
pub fn explanations() -> impl ExactSizeIterator<Item = Explanation> {
    // SAFETY: no arguments; then indexes below the count.
    let n = unsafe { ffi::smtpreply_expl_count() };
    (0..n).map(|i| Explanation::must(unsafe { ffi::smtpreply_expl_at(i) }))
}

/// The languages with translations, "en" first.
pub fn languages() -> impl Iterator<Item = &'static str> {
    (0..)
        // SAFETY: any index; NULL past the end.
        .map(|i| unsafe { ffi::smtpreply_language(i) })
        .take_while(|p| !p.is_null())
        .map(stat)
}

/// The available language a tag or locale selects ("ja_JP.UTF-8" gives
/// "ja"; "en" when none matches).
pub fn language_match(tag: &str) -> &'static str {
    let t = opt_c(tag);
    // SAFETY: a tag or NULL.
    stat(unsafe { ffi::smtpreply_language_match(ptr(&t)) })
}
