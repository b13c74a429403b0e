//! Date condition operators: `DateEquals`, `DateNotEquals`,
//! `DateLessThan`, `DateLessThanEquals`, `DateGreaterThan`,
//! `DateGreaterThanEquals`: the W3C profile of ISO 8601 or epoch seconds
//! (reference_policies_elements_condition_operators.md, Date).

/// A point in time: nanoseconds since 1970-01-01T00:00:00Z.
pub(crate) type Instant = i128;

const NANOS: i128 = 1_000_000_000;

/// Reads a date: epoch seconds (digits, optionally signed, optionally
/// with a fraction) or a W3C ISO 8601 date: `YYYY-MM-DD`, or
/// `YYYY-MM-DDThh:mm[:ss[.s+]]` with `Z` or `±hh:mm`. A date without a
/// time is that day's 00:00:00Z. Anything else is `None`.
pub(crate) fn parse(text: &str) -> Option<Instant> {
    let b = text.as_bytes();
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if !int.is_empty()
        && int.bytes().all(|c| c.is_ascii_digit())
        && frac.bytes().all(|c| c.is_ascii_digit())
        && !(unsigned.contains('.') && frac.is_empty())
    {
        if int.len() > 15 || frac.len() > 9 {
            return None;
        }
        let secs: i128 = int.parse().ok()?;
        let mut nanos: i128 = 0;
        if !frac.is_empty() {
            nanos = frac.parse::<i128>().ok()? * 10i128.pow(9 - frac.len() as u32);
        }
        let v = secs * NANOS + nanos;
        return Some(if text.starts_with('-') { -v } else { v });
    }
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let mut secs = days * 86_400;
    let mut nanos: i128 = 0;
    if b.len() > 10 {
        if b[10] != b'T' || b.len() < 16 || b[13] != b':' {
            return None;
        }
        let hour = digits(&b[11..13])?;
        let minute = digits(&b[14..16])?;
        let mut i = 16;
        let mut second = 0;
        if b.get(i) == Some(&b':') {
            second = digits(b.get(i + 1..i + 3)?)?;
            i += 3;
            if b.get(i) == Some(&b'.') {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                let frac = &text[start..j];
                if frac.is_empty() {
                    return None;
                }
                let kept = &frac[..frac.len().min(9)];
                nanos = kept.parse::<i128>().ok()? * 10i128.pow(9 - kept.len() as u32);
                i = j;
            }
        }
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let offset = match &b[i..] {
            b"Z" => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = digits(&[*h1, *h2])?;
                let m = digits(&[*m1, *m2])?;
                if h > 23 || m > 59 {
                    return None;
                }
                let o = h * 3600 + m * 60;
                if *sign == b'+' {
                    o
                } else {
                    -o
                }
            }
            _ => return None,
        };
        secs += hour * 3600 + minute * 60 + second - offset;
    }
    Some(secs * NANOS + nanos)
}

fn digits(b: &[u8]) -> Option<i128> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i128, |a, &d| a * 10 + i128::from(d - b'0')))
}

fn is_leap(y: i128) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i128, m: i128) -> i128 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i128, m: i128, d: i128) -> i128 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = (if y >= 0 { y } else { y - 399 }) / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> i128 {
        parse(text).unwrap_or_else(|| panic!("{text}")) / NANOS
    }

    #[test]
    fn iso_and_epoch_agree() {
        assert_eq!(s("1970-01-01T00:00:00Z"), 0);
        assert_eq!(s("2020-01-01T00:00:00Z"), 1_577_836_800);
        assert_eq!(s("1577836800"), 1_577_836_800);
        assert_eq!(s("2020-05-15T12:00:00Z"), 1_589_544_000);
        assert_eq!(s("2020-05-15T14:00:00+02:00"), 1_589_544_000);
        assert_eq!(s("2020-05-15T07:30-04:30"), 1_589_544_000);
        assert_eq!(s("2020-05-15"), 1_589_500_800);
        assert_eq!(s("2000-02-29T00:00:00Z"), 951_782_400);
        assert!(parse("2020-05-15T12:00:00.5Z").unwrap() > parse("2020-05-15T12:00:00Z").unwrap());
        assert_eq!(s("-86400"), -86_400);
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for t in [
            "",
            "2020-13-01",
            "2019-02-29",
            "2020-04-31",
            "2020-05-15T12:00:00",
            "2020-05-15T25:00Z",
            "2020-05-15 12:00:00Z",
            "yesterday",
            "2020-5-1",
            "1.",
            "2020-05-15T12:00:00.Z",
            "2020-05-15T12:00:00+0200",
        ] {
            assert_eq!(parse(t), None, "{t:?}");
        }
    }
}
