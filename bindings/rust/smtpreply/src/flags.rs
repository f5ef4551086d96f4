//! What the parser saw and tolerated.
use crate::text::stat;
use smtpreply_sys as ffi;
use std::fmt;
use std::ops::{BitOr, BitOrAssign};

/// A set of parser flags (SMTPREPLY_F_*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(pub u32);

impl Flags {
    pub const BARE_LF: Flags = Flags(ffi::SMTPREPLY_F_BARE_LF);
    pub const BARE_CR: Flags = Flags(ffi::SMTPREPLY_F_BARE_CR);
    pub const NONSTANDARD_CODE: Flags = Flags(ffi::SMTPREPLY_F_NONSTANDARD_CODE);
    pub const CODELESS_LINE: Flags = Flags(ffi::SMTPREPLY_F_CODELESS_LINE);
    pub const CODE_MISMATCH: Flags = Flags(ffi::SMTPREPLY_F_CODE_MISMATCH);
    pub const ENHANCED_MISMATCH: Flags = Flags(ffi::SMTPREPLY_F_ENHANCED_MISMATCH);
    pub const ENHANCED_INCONSISTENT: Flags = Flags(ffi::SMTPREPLY_F_ENHANCED_INCONSISTENT);
    pub const LEADING_EMPTY: Flags = Flags(ffi::SMTPREPLY_F_LEADING_EMPTY);
    pub const EIGHT_BIT: Flags = Flags(ffi::SMTPREPLY_F_EIGHT_BIT);
    pub const INVALID_UTF8: Flags = Flags(ffi::SMTPREPLY_F_INVALID_UTF8);
    pub const CONTROL: Flags = Flags(ffi::SMTPREPLY_F_CONTROL);
    pub const NUL: Flags = Flags(ffi::SMTPREPLY_F_NUL);
    pub const LONG_LINE: Flags = Flags(ffi::SMTPREPLY_F_LONG_LINE);
    pub const SKIPPED_JUNK: Flags = Flags(ffi::SMTPREPLY_F_SKIPPED_JUNK);
    /// Every flag that departs from the RFCs: what strict mode rejects.
    pub const STRICT: Flags = Flags(ffi::SMTPREPLY_STRICT);
    /// No flag.
    pub const EMPTY: Flags = Flags(0);

    /// Whether every flag of other is set.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The stable names of the flags set, lowest bit first ("bare_lf").
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        (0..32)
            .map(|b| 1u32 << b)
            .filter(move |bit| self.0 & bit != 0)
            // SAFETY: any bit; "" for an unknown one.
            .map(|bit| stat(unsafe { ffi::smtpreply_flag_name(bit) }))
    }

    /// The flag of a stable name.
    pub fn from_name(name: &str) -> Option<Flags> {
        (0..32)
            .map(|b| 1u32 << b)
            // SAFETY: any bit.
            .find(|&bit| !name.is_empty() && stat(unsafe { ffi::smtpreply_flag_name(bit) }) == name)
            .map(Flags)
    }
}

impl BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}

/// The names joined by ",".
impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, n) in self.names().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(n)?;
        }
        Ok(())
    }
}
