//! Numeric condition operators: `NumericEquals`, `NumericNotEquals`,
//! `NumericLessThan`, `NumericLessThanEquals`, `NumericGreaterThan`,
//! `NumericGreaterThanEquals`, compared as exact decimals (no `f64`
//! rounding: `0.1` is one tenth).

use std::cmp::Ordering;

/// An exact decimal: `digits × 10^exp`, digits without leading or
/// trailing zeros (zero has no digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exp: i64,
}

/// Exponents beyond this are not read (no value of a request context key
/// comes near it).
const MAX_EXP: i64 = 100_000;

impl Decimal {
    /// Reads `[+-]digits[.digits][e[+-]digits]` (also `.5` and `5.`).
    pub(crate) fn parse(text: &str) -> Option<Decimal> {
        let b = text.as_bytes();
        let mut i = 0;
        let mut negative = false;
        if let Some(&s) = b.first() {
            if s == b'+' || s == b'-' {
                negative = s == b'-';
                i = 1;
            }
        }
        let mut digits = Vec::new();
        let mut exp: i64 = 0;
        let mut seen = false;
        while i < b.len() && b[i].is_ascii_digit() {
            digits.push(b[i] - b'0');
            seen = true;
            i += 1;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                digits.push(b[i] - b'0');
                exp -= 1;
                seen = true;
                i += 1;
            }
        }
        if !seen {
            return None;
        }
        if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            i += 1;
            let mut eneg = false;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                eneg = b[i] == b'-';
                i += 1;
            }
            let start = i;
            let mut e: i64 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                e = e.saturating_mul(10).saturating_add(i64::from(b[i] - b'0'));
                i += 1;
            }
            if i == start || e > MAX_EXP {
                return None;
            }
            exp += if eneg { -e } else { e };
        }
        if i != b.len() {
            return None;
        }
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..lead);
        while digits.last() == Some(&0) {
            digits.pop();
            exp += 1;
        }
        if digits.is_empty() {
            return Some(Decimal {
                negative: false,
                digits,
                exp: 0,
            });
        }
        Some(Decimal {
            negative,
            digits,
            exp,
        })
    }

    /// Compares magnitudes.
    fn cmp_abs(&self, other: &Decimal) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        // The position of the most significant digit.
        let top_a = self.digits.len() as i64 + self.exp;
        let top_b = other.digits.len() as i64 + other.exp;
        if top_a != top_b {
            return top_a.cmp(&top_b);
        }
        let n = self.digits.len().max(other.digits.len());
        for i in 0..n {
            let a = self.digits.get(i).copied().unwrap_or(0);
            let b = other.digits.get(i).copied().unwrap_or(0);
            if a != b {
                return a.cmp(&b);
            }
        }
        Ordering::Equal
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let zero_a = self.digits.is_empty();
        let zero_b = other.digits.is_empty();
        let neg_a = self.negative && !zero_a;
        let neg_b = other.negative && !zero_b;
        match (neg_a, neg_b) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_abs(other),
            (true, true) => other.cmp_abs(self),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn exact_comparison() {
        assert_eq!(d("10"), d("10.0"));
        assert_eq!(d("1e1"), d("10"));
        assert_eq!(d("-0"), d("0"));
        assert_eq!(d("0.000"), d(".0"));
        assert!(d("11") > d("10"));
        assert!(d("9.99") < d("10"));
        assert!(d("-5") < d("-4.5"));
        assert!(d("-5") < d("0"));
        // f64 says these are equal; decimals do not.
        assert!(d("9007199254740993") > d("9007199254740992"));
        assert!(d("0.30000000000000001") > d("0.3"));
        assert!(d("100") > d("99.999999999999999999"));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for s in [
            "", "-", ".", "1.2.3", "abc", "1e", "0x10", " 1", "1 ", "1e999999", "NaN", "Infinity",
        ] {
            assert_eq!(Decimal::parse(s), None, "{s:?}");
        }
    }
}
