//! The values of one condition key under one operator: IP ranges, VPC
//! identifiers, wildcards under operators that do not match them, values
//! of the wrong type for their operator, redundant numeric bounds, tag keys
//! without a tag.

use super::condition::{Family, Operator};
use super::{statement::value_loc, Checker};
use crate::check::Loc;
use crate::code::Code;
use crate::policy::{ConditionValue, OneOrMany};

impl Checker<'_> {
    /// The checks of the values of `key` under the operator `op` (read as
    /// `o`), at `at`, that need neither the statement nor a catalogue.
    pub(super) fn key_values(
        &mut self,
        op: &str,
        o: &Operator,
        key: &str,
        values: &OneOrMany<ConditionValue>,
        at: &Loc,
    ) {
        tag_key(self, key, at);
        match o.family {
            Family::Ip => self.ip_values(op, key, values, at),
            Family::Bool => {
                if values.len() > 1 {
                    self.sink.report(
                        Code::InvalidConditionMultipleBoolean,
                        at,
                        format!(
                            "{op} for {key:?} has {} values: a Boolean condition takes one \
                             value, true or false",
                            values.len()
                        ),
                    );
                }
                for (j, v) in values.iter().enumerate() {
                    let ok = match v {
                        ConditionValue::Bool(_) => true,
                        ConditionValue::String(t) => {
                            t.eq_ignore_ascii_case("true")
                                || t.eq_ignore_ascii_case("false")
                                || super::text::has_variable(t)
                        }
                        ConditionValue::Number(_) => false,
                    };
                    if !ok {
                        self.sink.report(
                            Code::TypeMismatchBoolean,
                            &value_loc(at, values, j),
                            format!(
                                "{op} value {} for {key:?} is not a Boolean: expected true or \
                                 false",
                                shown(v)
                            ),
                        );
                    }
                }
            }
            Family::Numeric => {
                let mut numbers = Vec::new();
                for (j, v) in values.iter().enumerate() {
                    let n = match v {
                        ConditionValue::Number(n) => n.as_str().parse::<f64>().ok(),
                        ConditionValue::String(t) if super::text::has_variable(t) => continue,
                        ConditionValue::String(t) if decimal(t) => t.parse::<f64>().ok(),
                        _ => None,
                    };
                    match n {
                        Some(n) => numbers.push((n, v)),
                        None => self.sink.report(
                            Code::TypeMismatchNumber,
                            &value_loc(at, values, j),
                            format!(
                                "{op} value {} for {key:?} is not a number: expected a decimal \
                                 such as \"3600\" or 3600",
                                shown(v)
                            ),
                        ),
                    }
                }
                self.numeric_bounds(op, key, &numbers, values.len(), at);
            }
            Family::Binary => {
                for (j, v) in values.iter().enumerate() {
                    let ok = matches!(v, ConditionValue::String(t) if base64(t));
                    if !ok {
                        self.sink.report(
                            Code::TypeMismatchString,
                            &value_loc(at, values, j),
                            format!(
                                "{op} value {} for {key:?} is not base-64: BinaryEquals compares \
                                 the bytes of a base-64 encoded value",
                                shown(v)
                            ),
                        );
                    }
                }
            }
            Family::String => {
                for (j, v) in values.iter().enumerate() {
                    let ConditionValue::String(t) = v else {
                        continue;
                    };
                    let vat = value_loc(at, values, j);
                    if !o.like && has_literal_wildcard(t) {
                        self.sink.report(
                            Code::WildcardWithoutLikeOperator,
                            &vat,
                            format!(
                                "{op} value {t:?} for {key:?} has a * or ?, which {op} compares \
                                 as a character: if it is a wildcard, use StringLike (or \
                                 StringNotLike)"
                            ),
                        );
                    }
                    self.vpc_value(key, t, &vat);
                }
            }
            Family::Date | Family::Arn | Family::Null => {}
        }
    }

    /// `aws:SourceVpc` and `aws:SourceVpce` values: `vpc-`/`vpce-` and 8 or
    /// 17 letters and digits. Values with wildcards or variables are
    /// patterns, not identifiers, and are left alone.
    fn vpc_value(&mut self, key: &str, t: &str, at: &Loc) {
        let (prefix, code) = if key.eq_ignore_ascii_case("aws:SourceVpc") {
            ("vpc-", Code::InvalidVpcFormat)
        } else if key.eq_ignore_ascii_case("aws:SourceVpce") {
            ("vpce-", Code::InvalidVpceFormat)
        } else {
            return;
        };
        if crate::bytes::has_wildcard(t.as_bytes()) || super::text::has_variable(t) {
            return;
        }
        let ok = t.strip_prefix(prefix).is_some_and(|id| {
            matches!(id.len(), 8 | 17) && id.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        if !ok {
            self.sink.report(
                code,
                at,
                format!(
                    "{t:?} is not a {} identifier for {key}: expected {prefix:?} and 8 or 17 \
                     letters and digits, such as \"{prefix}1a2b3c4d\"",
                    if code == Code::InvalidVpcFormat {
                        "VPC"
                    } else {
                        "VPC endpoint"
                    }
                ),
            );
        }
    }

    /// The values of an `IpAddress`/`NotIpAddress` operator: each an
    /// address or CIDR range, without bits after the prefix; under
    /// `aws:SourceIp`, public ranges.
    fn ip_values(&mut self, op: &str, key: &str, values: &OneOrMany<ConditionValue>, at: &Loc) {
        let mut private = 0;
        let mut public = 0;
        for (j, v) in values.iter().enumerate() {
            let vat = value_loc(at, values, j);
            let ConditionValue::String(t) = v else {
                self.sink.report(
                    Code::TypeMismatchIpRange,
                    &vat,
                    format!(
                        "{op} value {} for {key:?} is not an IP range: expected an address or \
                         CIDR range such as \"203.0.113.0/24\" or \"2001:DB8::/32\"",
                        shown(v)
                    ),
                );
                continue;
            };
            if super::text::has_variable(t) {
                continue;
            }
            let Some(range) = Cidr::parse(t) else {
                self.sink.report(
                    Code::TypeMismatchIpRange,
                    &vat,
                    format!(
                        "{op} value {t:?} for {key:?} is not an IP range: expected an address \
                         or CIDR range such as \"203.0.113.0/24\" or \"2001:DB8::/32\""
                    ),
                );
                continue;
            };
            if let Some(network) = range.with_host_bits_cleared() {
                self.sink.report(
                    Code::ImproveIpRange,
                    &vat,
                    format!(
                        "{op} value {t:?}: the bits after the first {} are ignored; write \
                         {network:?}",
                        range.prefix
                    ),
                );
            }
            if range.is_private() {
                private += 1;
            } else {
                public += 1;
            }
        }
        if !key.eq_ignore_ascii_case("aws:SourceIp") || private == 0 {
            return;
        }
        let not = op.starts_with("NotIpAddress") || op.contains(":NotIpAddress");
        let code = match (not, public == 0) {
            (false, true) => Code::PrivateIpAddress,
            (true, true) => Code::PrivateNotIpAddress,
            (false, false) => Code::PrivateIpAddressSubset,
            (true, false) => Code::PrivateNotIpAddressSubset,
        };
        let what = if public == 0 {
            "only private ranges"
        } else {
            "private ranges among public ones"
        };
        self.sink.report(
            code,
            at,
            format!(
                "aws:SourceIp under {op} lists {what} (RFC 1918, RFC 4193): aws:SourceIp is the \
                 public address of a request, so a private range never matches it; for \
                 requests through a VPC endpoint use aws:VpcSourceIp"
            ),
        );
    }

    /// Several values of a `NumericLessThan(Equals)` or
    /// `NumericGreaterThan(Equals)` operator: only the loosest bound counts.
    fn numeric_bounds(
        &mut self,
        op: &str,
        key: &str,
        numbers: &[(f64, &ConditionValue)],
        count: usize,
        at: &Loc,
    ) {
        if numbers.len() < 2 || numbers.len() != count {
            return;
        }
        let base = op.rsplit(':').next().unwrap_or(op);
        let base = base.strip_suffix("IfExists").unwrap_or(base);
        let greatest = match base {
            "NumericLessThan" | "NumericLessThanEquals" => true,
            "NumericGreaterThan" | "NumericGreaterThanEquals" => false,
            _ => return,
        };
        let mut best = numbers[0];
        for &n in &numbers[1..] {
            if (greatest && n.0 > best.0) || (!greatest && n.0 < best.0) {
                best = n;
            }
        }
        self.sink.report(
            Code::RedundantConditionValueNum,
            at,
            format!(
                "{op} for {key:?} has {count} values and the {} one, {}, decides: keep only it",
                if greatest { "greatest" } else { "least" },
                shown(best.1)
            ),
        );
    }
}

/// `aws:RequestTag`, `aws:ResourceTag`, `aws:PrincipalTag` (or a service's
/// `ResourceTag`/`RequestTag`) without the tag key after the `/`: the key
/// without its `/`, if so.
pub(super) fn bare_tag_key(key: &str) -> Option<&str> {
    // First, without searching for the `:`: the key ends in `tag` or
    // `tag/` (any case), as each of the three names does.
    let b = key.as_bytes();
    let end = b.strip_suffix(b"/").unwrap_or(b);
    if end.len() < 3 || !end[end.len() - 3..].eq_ignore_ascii_case(b"tag") {
        return None;
    }
    bare_tag_key_by_name(key)
}

/// [`bare_tag_key`] without its first test of the key's end: the name
/// after the `:` compared with the three (also the reference that test
/// is checked against).
fn bare_tag_key_by_name(key: &str) -> Option<&str> {
    let (_, name) = key.split_once(':')?;
    let bare = name.strip_suffix('/').unwrap_or(name);
    ["RequestTag", "ResourceTag", "PrincipalTag"]
        .iter()
        .any(|t| t.eq_ignore_ascii_case(bare))
        .then(|| &key[..key.len() - (name.len() - bare.len())])
}

/// [`bare_tag_key`] reported.
fn tag_key(c: &mut Checker<'_>, key: &str, at: &Loc) {
    if let Some(base) = bare_tag_key(key) {
        c.sink.report(
            Code::MissingTagKeyInCondition,
            at,
            format!(
                "condition key {key:?} names no tag: write {base}/tag-key, such as \
                 {base}/project"
            ),
        );
    }
}

/// A `*` or `?` that is not part of the policy variables `${*}` and `${?}`.
fn has_literal_wildcard(t: &str) -> bool {
    if !crate::bytes::has_wildcard(t.as_bytes()) {
        return false;
    }
    t.replace("${*}", "")
        .replace("${?}", "")
        .contains(['*', '?'])
}

/// Whether `t` is a decimal number as a Numeric operator reads it: an
/// optional sign, digits, an optional fraction.
fn decimal(t: &str) -> bool {
    let b = t.strip_prefix(['-', '+']).unwrap_or(t).as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    !int.is_empty()
        && int.iter().all(u8::is_ascii_digit)
        && frac.map_or(true, |f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
}

/// Whether `t` is base-64 (RFC 4648 section 4, padded).
fn base64(t: &str) -> bool {
    let b = t.as_bytes();
    if b.is_empty() || b.len() % 4 != 0 {
        return false;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    pad <= 2
        && b[..b.len() - pad]
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
}

/// A value as a message shows it.
fn shown(v: &ConditionValue) -> String {
    match v {
        ConditionValue::String(t) => format!("{t:?}"),
        ConditionValue::Number(n) => n.as_str().to_owned(),
        ConditionValue::Bool(b) => b.to_string(),
    }
}

/// An IPv4 or IPv6 address with a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    /// The address; IPv4 in the first four bytes.
    pub(crate) addr: [u8; 16],
    /// IPv4 (4 bytes) or IPv6 (16).
    pub(crate) v4: bool,
    /// The prefix length (the full length for an address without `/`).
    pub(crate) prefix: u8,
}

impl Cidr {
    /// Reads `a.b.c.d[/n]` or an IPv6 address (with `::`, without a zone)
    /// `[/n]`.
    pub(crate) fn parse(t: &str) -> Option<Cidr> {
        let (a, p) = match t.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (t, None),
        };
        let (addr, v4) = if a.contains(':') {
            (parse_v6(a)?, false)
        } else {
            let mut out = [0u8; 16];
            out[..4].copy_from_slice(&parse_v4(a)?);
            (out, true)
        };
        let max = if v4 { 32 } else { 128 };
        let prefix = match p {
            None => max,
            Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().ok().filter(|&n| n <= max)?
            }
            Some(_) => return None,
        };
        Some(Cidr { addr, v4, prefix })
    }

    fn len(&self) -> usize {
        if self.v4 {
            4
        } else {
            16
        }
    }

    /// The range with the bits after the prefix cleared, as text, when any
    /// was set.
    fn with_host_bits_cleared(&self) -> Option<String> {
        let mut n = self.addr;
        for (i, byte) in n[..self.len()].iter_mut().enumerate() {
            let keep = (usize::from(self.prefix)).saturating_sub(i * 8).min(8);
            let mask = if keep == 0 { 0 } else { 0xFFu8 << (8 - keep) };
            *byte &= mask;
        }
        if n == self.addr {
            return None;
        }
        Some(format!("{}/{}", format_addr(&n, self.v4), self.prefix))
    }

    /// Whether the whole range lies in a private range: 10.0.0.0/8,
    /// 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) or fc00::/7 (RFC 4193).
    fn is_private(&self) -> bool {
        let a = &self.addr;
        if self.v4 {
            (a[0] == 10 && self.prefix >= 8)
                || (a[0] == 172 && a[1] & 0xF0 == 16 && self.prefix >= 12)
                || (a[0] == 192 && a[1] == 168 && self.prefix >= 16)
        } else {
            a[0] & 0xFE == 0xFC && self.prefix >= 7
        }
    }
}

fn parse_v4(a: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = a.split('.');
    for o in &mut out {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *o = p.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

fn parse_v6(a: &str) -> Option<[u8; 16]> {
    let groups = |s: &str| -> Option<Vec<u16>> {
        if s.is_empty() {
            return Some(Vec::new());
        }
        s.split(':')
            .map(|g| {
                if g.is_empty() || g.len() > 4 {
                    None
                } else {
                    u16::from_str_radix(g, 16).ok()
                }
            })
            .collect()
    };
    let words: Vec<u16> = match a.split_once("::") {
        Some((head, tail)) => {
            let (h, t) = (groups(head)?, groups(tail)?);
            if h.len() + t.len() > 7 {
                return None;
            }
            let mut w = h;
            w.resize(8 - t.len(), 0);
            w.extend(t);
            w
        }
        None => groups(a)?,
    };
    if words.len() != 8 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, w) in words.iter().enumerate() {
        out[2 * i..2 * i + 2].copy_from_slice(&w.to_be_bytes());
    }
    Some(out)
}

fn format_addr(a: &[u8; 16], v4: bool) -> String {
    if v4 {
        return format!("{}.{}.{}.{}", a[0], a[1], a[2], a[3]);
    }
    let words: Vec<u16> = (0..8)
        .map(|i| u16::from_be_bytes([a[2 * i], a[2 * i + 1]]))
        .collect();
    // The longest run of two or more zero groups becomes "::".
    let (mut best, mut run) = ((0, 0), (0, 0));
    for (i, &w) in words.iter().enumerate() {
        if w == 0 {
            if run.1 == 0 {
                run.0 = i;
            }
            run.1 += 1;
            if run.1 > best.1 {
                best = run;
            }
        } else {
            run.1 = 0;
        }
    }
    let hex = |ws: &[u16]| {
        ws.iter()
            .map(|w| format!("{w:x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    if best.1 < 2 {
        return hex(&words);
    }
    format!(
        "{}::{}",
        hex(&words[..best.0]),
        hex(&words[best.0 + best.1..])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn bare_tag_key_agrees_with_the_reference(
            key in "(aws|s3|a:b)?:?(RequestTag|resourcetag|PrincipalTAG|Tag|x)?/?[a/]{0,2}"
        ) {
            proptest::prop_assert_eq!(bare_tag_key(&key), bare_tag_key_by_name(&key));
        }
    }

    #[test]
    fn cidr_ranges_read_and_normalise() {
        let c = Cidr::parse("203.0.113.5/24").unwrap();
        assert_eq!(
            c.with_host_bits_cleared().as_deref(),
            Some("203.0.113.0/24")
        );
        assert_eq!(
            Cidr::parse("203.0.113.0/24")
                .unwrap()
                .with_host_bits_cleared(),
            None
        );
        let c = Cidr::parse("2001:DB8:1234:5678::1/64").unwrap();
        assert_eq!(
            c.with_host_bits_cleared().as_deref(),
            Some("2001:db8:1234:5678::/64")
        );
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4/33",
            "256.1.1.1",
            "1.2.3.4/",
            "::1::",
            "g::/8",
            "1.2.3.4/ 8",
        ] {
            assert_eq!(Cidr::parse(bad), None, "{bad}");
        }
        assert!(Cidr::parse("10.1.0.0/16").unwrap().is_private());
        assert!(Cidr::parse("172.31.0.1").unwrap().is_private());
        assert!(!Cidr::parse("172.32.0.1").unwrap().is_private());
        assert!(!Cidr::parse("10.0.0.0/7").unwrap().is_private());
        assert!(Cidr::parse("fd00::/8").unwrap().is_private());
        assert!(!Cidr::parse("2001:db8::/32").unwrap().is_private());
    }

    #[test]
    fn numbers_and_base64() {
        for ok in ["3600", "-1", "1.5", "+2"] {
            assert!(decimal(ok), "{ok}");
        }
        for bad in ["", "1.", ".5", "1e3", "abc", "1 "] {
            assert!(!decimal(bad), "{bad}");
        }
        assert!(base64("QmluYXJ5VmFsdWVJbkJhc2U2NA=="));
        assert!(!base64("not base64"));
        assert!(!base64("abc"));
    }

    proptest::proptest! {
        #[test]
        fn cidr_parsing_never_panics(t in "[0-9a-fA-F:./]{0,45}") {
            if let Some(c) = Cidr::parse(&t) {
                let _ = c.with_host_bits_cleared();
                let _ = c.is_private();
            }
        }

        #[test]
        fn ipv6_text_round_trips(words in proptest::array::uniform8(proptest::prop_oneof![proptest::strategy::Just(0u16), 0u16..])) {
            let mut a = [0u8; 16];
            for (i, w) in words.iter().enumerate() {
                a[2 * i..2 * i + 2].copy_from_slice(&w.to_be_bytes());
            }
            let text = format_addr(&a, false);
            proptest::prop_assert_eq!(parse_v6(&text), Some(a), "{}", text);
        }
    }
}
