//! Byte scans eight bytes at a time (SWAR), for the hot loops of the
//! reader and the checks: a word of eight bytes is tested at once with the
//! classic "has a byte less than n" / "has a zero byte" bit tricks, which
//! never miss a byte (they may only report one that another byte of the
//! same word already made true, so they answer "is there any", and callers
//! that need a position look inside the word byte by byte).

pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;
/// Bit 5 of every byte: or'ed into a word, it maps each ASCII capital to
/// its small letter (and some punctuation onto other punctuation), so
/// words equal ignoring case are equal once folded; a test or hash on
/// folded words only has to agree for equal inputs, and the caller
/// confirms a match byte by byte.
pub(crate) const FOLD: u64 = 0x2020_2020_2020_2020;

/// Whether `flags` is not zero for some eight bytes of `b` read as a
/// little-endian word: a scan eight bytes at a time with the byte tests
/// below. The bytes past the last whole word are tested as the last eight
/// bytes of `b`, or, in a slice shorter than eight, padded with `pad`.
pub(crate) fn any_word(b: &[u8], pad: u8, flags: impl Fn(u64) -> u64) -> bool {
    let mut chunks = b.chunks_exact(8);
    let mut acc = 0;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        acc |= flags(u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() && b.len() >= 8 {
        // The last eight bytes, overlapping the last whole word: testing a
        // byte twice does not change "any".
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[b.len() - 8..]);
        acc |= flags(u64::from_le_bytes(w));
    } else if !rest.is_empty() {
        // Shifted in (a copy of a few bytes would call memcpy).
        let w = rest
            .iter()
            .rev()
            .fold(LO * u64::from(pad), |w, &c| (w << 8) | u64::from(c));
        acc |= flags(w);
    }
    acc != 0
}

/// Not zero when some byte of `w` is less than `n` (at most 128).
pub(crate) const fn less(w: u64, n: u8) -> u64 {
    w.wrapping_sub(LO * n as u64) & !w & HI
}

/// Not zero when some byte of `w` is more than `n` (at most 127).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const fn more(w: u64, n: u8) -> u64 {
    (w.wrapping_add(LO * (127 - n) as u64) | w) & HI
}

/// Not zero when some byte of `w` is `c`.
pub(crate) const fn eq(w: u64, c: u8) -> u64 {
    less(w ^ (LO * c as u64), 1)
}

/// Whether `b` has a `*` or a `?` (an action or ARN pattern), eight bytes
/// at a time.
pub(crate) fn has_wildcard(b: &[u8]) -> bool {
    any_word(b, 0, |w| eq(w, b'*') | eq(w, b'?'))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn word_scans_agree_with_byte_scans(s in "[ -~\t\n\u{1}\u{7f}\u{e9}\u{100}\"\\\\$]{0,40}") {
            let b = s.as_bytes();
            proptest::prop_assert_eq!(any_word(b, 0, |w| eq(w, b'$')), b.contains(&b'$'));
            proptest::prop_assert_eq!(has_wildcard(b), b.iter().any(|&c| c == b'*' || c == b'?'));
            proptest::prop_assert_eq!(
                any_word(b, b'a', |w| less(w, 0x20) | (w & HI)),
                b.iter().any(|&c| !(0x20..0x80).contains(&c))
            );
            proptest::prop_assert_eq!(
                any_word(b, b'a', |w| more(w, 0x7E)),
                b.iter().any(|&c| c > 0x7E)
            );
        }
    }
}
