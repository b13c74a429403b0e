//! [`AccountId`]: a 12-digit AWS account ID.

use std::borrow::Cow;
use std::str::FromStr;

use crate::error::{Error, Expected, Found, Problem, Result, ValueKind};

/// An AWS account ID: exactly 12 ASCII digits, leading zeros kept.
///
/// It is a string, never a number: `012345678910` and `12345678910` are
/// different (and only the first is valid). Only `0`-`9` count as digits;
/// other Unicode digits, such as the Arabic-Indic `١`, are rejected.
///
/// ```
/// use iam_ecs::AccountId;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let id = AccountId::parse("012345678910")?;
/// assert_eq!(id.as_str(), "012345678910");
///
/// let err = AccountId::parse("1111222233334444").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"invalid account ID "1111222233334444": expected 12 digits, found 16"#,
/// );
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(Cow<'static, str>);

/// Why a string is not an account ID; computed in a `const fn` so that
/// [`AccountId::from_static`] and the parser share one rule.
enum Digits {
    Empty,
    /// All ASCII digits, but this many.
    Count(usize),
    /// The byte index of the first byte that is not an ASCII digit.
    NotDigit(usize),
}

const fn check(b: &[u8]) -> Result<(), Digits> {
    if b.is_empty() {
        return Err(Digits::Empty);
    }
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            return Err(Digits::NotDigit(i));
        }
        i += 1;
    }
    if b.len() != 12 {
        return Err(Digits::Count(b.len()));
    }
    Ok(())
}

/// Why `s` is not a valid account ID, if it is not: `expected 12
/// digits, found 16`, `expected 12 digits, found "a" at position 3`, ...
pub(crate) fn account_problem(s: &str) -> Option<Problem> {
    let found = match check(s.as_bytes()) {
        Ok(()) => return None,
        Err(Digits::Empty) => Found::Empty,
        Err(Digits::Count(n)) => Found::Count(n),
        Err(Digits::NotDigit(i)) => Found::at_byte(s, i),
    };
    Some(Problem::value(Expected::TwelveDigits, found))
}

impl AccountId {
    /// Parses an account ID.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when `s` is not exactly 12 ASCII digits:
    /// `""`, `"1111222233334444"` (16 digits), `"111122223333444"` (15),
    /// `"1111-2222-3333"`, `" 111122223333"`, `"١١١١٢٢٢٢٣٣٣٣"`
    /// (Arabic-Indic digits).
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let id = iam_ecs::AccountId::parse("111122223333")?;
    /// assert_eq!(id, "111122223333");
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        s.parse()
    }

    /// An account ID from a literal, checked at compile time in a `const`
    /// context.
    ///
    /// # Panics
    ///
    /// When `s` is not exactly 12 ASCII digits.
    ///
    /// ```
    /// use iam_ecs::AccountId;
    ///
    /// const ID: AccountId = AccountId::from_static("111122223333");
    /// assert_eq!(ID.as_str(), "111122223333");
    /// ```
    ///
    /// ```should_panic
    /// let _ = iam_ecs::AccountId::from_static("1111222233334444");
    /// ```
    pub const fn from_static(s: &'static str) -> Self {
        if check(s.as_bytes()).is_err() {
            panic!("invalid account ID: expected exactly 12 ASCII digits");
        }
        AccountId(Cow::Borrowed(s))
    }

    /// The account ID `s`, or why it is not one.
    pub(crate) fn checked(s: &str) -> Result<Self, Problem> {
        match account_problem(s) {
            None => Ok(AccountId(Cow::Owned(s.to_owned()))),
            Some(problem) => Err(problem),
        }
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for AccountId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        AccountId::checked(s).map_err(|problem| Error::invalid(ValueKind::AccountId, s, problem))
    }
}
