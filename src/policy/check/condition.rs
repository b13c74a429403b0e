//! `Condition`: operators, condition keys and their values.

use super::{statement::value_loc, Checker};
use crate::check::Loc;
use crate::code::Code;
use crate::finding::Severity;
use crate::policy::global_keys::{self, Origin, Ty};
use crate::policy::{Condition, ConditionValue};

impl Checker<'_> {
    /// The `Condition` element at `at`.
    pub(super) fn condition(&mut self, c: &Condition, at: &Loc) {
        // The characters of the Condition's JSON text, for the size count
        // (`{}` and the commas between operators; each operator adds its
        // own below).
        self.value_chars += 2 + c.len().saturating_sub(1);
        if c.is_empty() {
            self.sink.report(
                Code::EmptyObjectCondition,
                at,
                "empty Condition object: it does not affect the policy",
            );
            return;
        }
        for (i, (op, block)) in c.iter().enumerate() {
            let op_at = at.key(op);
            // The operator, `:`, and its block's `{}` and commas.
            self.value_chars += self.chars_len(op, &op_at) + 1 + 2 + block.len().saturating_sub(1);
            if c.iter().take(i).any(|(o, _)| o == op) {
                self.sink.report(
                    Code::DuplicateKey,
                    &op_at,
                    format!("condition operator {op:?} appears more than once in the Condition: expected each key once"),
                );
            }
            let parsed = parse_operator(op);
            match &parsed {
                Err(reason) => self.sink.report(
                    Code::InvalidConditionOperator,
                    &op_at,
                    format!("invalid condition operator {op:?}: {reason}"),
                ),
                Ok(o) if o.family == Family::Null && o.if_exists => self.sink.report(
                    Code::NullWithIfExists,
                    &op_at,
                    format!("condition operator {op:?}: Null cannot take the IfExists suffix"),
                ),
                Ok(o) if o.family == Family::Null && o.qualified => self.sink.report(
                    Code::NullWithQualifier,
                    &op_at,
                    format!(
                        "condition operator {op:?}: Null with ForAllValues or ForAnyValue always \
                         returns the same result"
                    ),
                ),
                Ok(_) => {}
            }
            if block.is_empty() {
                self.sink.report(
                    Code::EmptyObjectCondition,
                    &op_at,
                    format!("empty {op:?} block: it does not affect the policy"),
                );
            }
            for (ki, (key, values)) in block.iter().enumerate() {
                let key_at = op_at.key(key);
                // The key, `:`, and the brackets and commas of an array.
                self.value_chars += self.chars_len(key, &key_at)
                    + 1
                    + crate::policy::size::list_len(values.is_array(), values.len(), 0);
                match block.iter().take(ki).find(|(k, _)| k.eq_ignore_ascii_case(key)) {
                    Some((k, _)) if k == key => self.sink.report(
                        Code::DuplicateKey,
                        &key_at,
                        format!("condition key {key:?} appears more than once under {op:?}: expected each key once"),
                    ),
                    Some(_) => self.sink.report(
                        Code::DuplicateKeysWithDifferentCase,
                        &key_at,
                        format!(
                            "condition key {key:?} appears more than once under {op:?} with different capitalization: condition keys ignore case, keep one"
                        ),
                    ),
                    None => {}
                }
                if !condition_key_ok(key) {
                    self.sink.report(
                        Code::InvalidConditionKeyFormat,
                        &key_at,
                        format!(
                            "invalid condition key {key:?}: expected the format service:keyname"
                        ),
                    );
                }
                if let Ok(o) = &parsed {
                    self.global_key(op, o, key, &key_at);
                }
                if values.is_empty() {
                    let (code, what) = match &parsed {
                        Ok(o) if o.for_all => (
                            Code::EmptyArrayConditionForallvalues,
                            "ForAllValues is true only when the key is absent; to test that, \
                             use Null with true",
                        ),
                        Ok(o) if o.qualified => (
                            Code::EmptyArrayConditionForanyvalue,
                            "ForAnyValue is never true, and the statement does nothing",
                        ),
                        Ok(o) if o.if_exists => (
                            Code::EmptyArrayConditionIfexists,
                            "IfExists makes it true only when the key is absent; to test that, \
                             use Null with true",
                        ),
                        _ => (
                            Code::EmptyArrayCondition,
                            "the condition does not affect the policy",
                        ),
                    };
                    self.sink.report(
                        code,
                        &key_at,
                        format!("no values for condition key {key:?} under {op:?}: {what}"),
                    );
                    continue;
                }
                if let Ok(o) = &parsed {
                    self.key_values(op, o, key, values, &key_at);
                    self.wildcard_condition(op, o, key, values, &key_at);
                    self.region_values(op, o, key, values, &key_at);
                }
                let first = values.as_slice()[0].type_name();
                if values.iter().any(|v| v.type_name() != first) {
                    self.sink.report(
                        Code::InvalidConditionDataType,
                        &key_at,
                        format!(
                            "condition key {key:?} mixes JSON types: expected values of one type (strings, booleans or numbers)"
                        ),
                    );
                }
                let date = matches!(&parsed, Ok(o) if o.family == Family::Date);
                for (j, v) in values.iter().enumerate() {
                    let vat = value_loc(&key_at, values, j);
                    if date {
                        self.date_value(op, key, v, &vat);
                    }
                    let ConditionValue::String(text) = v else {
                        self.value_chars += crate::policy::size::condition_value_len(v);
                        continue;
                    };
                    self.value_chars += self.chars_len(text, &vat);
                    if !super::text::has_variable(text)
                        || !self.variables(text, "condition value", &vat)
                    {
                        continue;
                    }
                    if let Ok(o) = &parsed {
                        if !matches!(o.family, Family::String | Family::Arn) {
                            self.sink.report(
                                Code::InvalidVariableForOperator,
                                &vat,
                                format!(
                                    "policy variable in {text:?} under {op:?}: variables work only with String and ARN operators"
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// The message of `string-like-operator-with-arn-condition-keys` for `key`
/// under `op`.
fn arn_like_message(key: &str, op: &str) -> String {
    format!(
        "condition key {key} is an ARN: use ArnLike or ArnNotLike instead of {op:?} \
         (string matching lets a wildcard span ARN fields)"
    )
}

/// The global keys whose value the caller sets, so that a condition on
/// them does not control access (IAM-UG `reference_policies_condition-keys`:
/// `aws:referer` "can be spoofed", `aws:UserAgent` "unauthorized parties
/// can use modified or custom browsers").
const UNTRUSTWORTHY_KEYS: [&str; 2] = ["aws:referer", "aws:UserAgent"];

/// Global keys AWS does not support, and what to use instead (AA
/// *Unsupported global condition key*; its *Deprecated global condition
/// key* names the same key, see `docs/checks.md`).
const UNSUPPORTED_KEYS: [(&str, &str); 1] = [("aws:ARN", "aws:PrincipalArn or aws:SourceArn")];

impl Checker<'_> {
    /// The checks of `key` under the operator `op` (read as `o`, at `at`)
    /// that need only the table of global condition keys.
    fn global_key(&mut self, op: &str, o: &Operator, key: &str, at: &Loc) {
        if let Some((_, instead)) = UNSUPPORTED_KEYS
            .iter()
            .find(|(old, _)| old.eq_ignore_ascii_case(key))
        {
            self.sink.report(
                Code::UnsupportedGlobalConditionKey,
                at,
                format!(
                    "condition key {key:?} is not supported (it is not a key of the request \
                     context): use {instead}"
                ),
            );
            return;
        }
        let Some(k) = global_keys::lookup(key) else {
            // A service key typed ARN: with a catalogue, its checks type
            // every service key (`check::catalog`).
            if o.like && self.opts.catalog.is_none() && global_keys::arn_service_key(key) {
                self.sink.report(
                    Code::StringLikeOperatorWithArnConditionKeys,
                    at,
                    arn_like_message(key, op),
                );
                return;
            }
            // A tag key without its tag is reported as that.
            if key.len() > 4
                && super::values::bare_tag_key(key).is_none()
                && key.as_bytes()[..4].eq_ignore_ascii_case(b"aws:")
            {
                self.sink.report(
                    Code::InvalidGlobalConditionKey,
                    at,
                    format!(
                        "condition key {key:?} is not a global condition key in the table of \
                         {}: check its spelling (a newer key is not in the table)",
                        global_keys::TABLE_DATE
                    ),
                );
            }
            return;
        };
        if k.origin == Origin::Undocumented || o.family == Family::Null {
            return;
        }
        if UNTRUSTWORTHY_KEYS
            .iter()
            .any(|u| u.eq_ignore_ascii_case(key))
        {
            self.sink.report(
                Code::UntrustworthyConditionKey,
                at,
                format!(
                    "condition key {key} is set by the caller, who can spoof it: do not use it \
                     for access control"
                ),
            );
        }
        self.typed_key(op, o, key, k, at);
    }

    /// The checks of `key`, of the type `k` gives, under the operator `op`
    /// (read as `o`): `type-mismatch`, `string-like-operator-with-arn-condition-keys`,
    /// `forallvalues-with-single-valued-key`, `missing-qualifier`. Global
    /// keys, and service keys from the catalogue (`check::catalog`).
    pub(super) fn typed_key(
        &mut self,
        op: &str,
        o: &Operator,
        key: &str,
        k: &global_keys::Key,
        at: &Loc,
    ) {
        let bit = match o.family {
            Family::String => global_keys::STRING,
            Family::Arn => global_keys::ARN,
            Family::Bool => global_keys::BOOL,
            Family::Numeric => global_keys::NUMERIC,
            Family::Date => global_keys::DATE,
            Family::Ip => global_keys::IP,
            Family::Binary | Family::Null => 0,
        };
        if k.ty == Ty::Arn && o.like {
            self.sink.report(
                Code::StringLikeOperatorWithArnConditionKeys,
                at,
                arn_like_message(key, op),
            );
        } else if k.ops & bit == 0 {
            self.sink.report_with(
                Severity::Warning,
                Code::TypeMismatch,
                at,
                format!(
                    "condition key {key} is {}: use {} instead of {op:?}",
                    k.ty.as_str(),
                    operators_for(k.ops)
                ),
            );
        }
        if o.for_all && !k.multi {
            self.sink.report(
                Code::ForallvaluesWithSingleValuedKey,
                at,
                format!(
                    "condition key {key} is single-valued: ForAllValues is true when the key is \
                     absent, which can allow too much; remove \"ForAllValues:\""
                ),
            );
        } else if !o.qualified && k.multi {
            self.sink.report(
                Code::MissingQualifier,
                at,
                format!(
                    "condition key {key} can have several values: use ForAnyValue: or ForAllValues: \
                     with {op:?}"
                ),
            );
        }
    }

    /// A value of the `Date...` operator `op` for `key`: an ISO 8601
    /// date/time passes, epoch seconds are `invalid-date-value`, anything
    /// else `type-mismatch-date`. A policy variable is left to the variable
    /// checks.
    fn date_value(&mut self, op: &str, key: &str, v: &ConditionValue, at: &Loc) {
        let epoch = match v {
            ConditionValue::String(t) if super::text::has_variable(t) => return,
            ConditionValue::String(t) if iso8601(t) => return,
            ConditionValue::String(t) => is_epoch(t),
            ConditionValue::Number(n) => is_epoch(n.as_str()),
            ConditionValue::Bool(_) => false,
        };
        let shown = match v {
            ConditionValue::String(t) => format!("{t:?}"),
            ConditionValue::Number(n) => n.as_str().to_owned(),
            ConditionValue::Bool(b) => b.to_string(),
        };
        if epoch {
            self.sink.report(
                Code::InvalidDateValue,
                at,
                format!(
                    "{op} value {shown} for {key:?} is epoch seconds: IAM accepts it, but it might \
                     not resolve as expected; use an ISO 8601 date such as \"2020-01-01\" or \
                     \"2020-01-01T00:00:00Z\""
                ),
            );
        } else {
            self.sink.report(
                Code::TypeMismatchDate,
                at,
                format!(
                    "{op} value {shown} for {key:?} is not a date: expected an ISO 8601 date or \
                     date/time (\"2020-01-01\", \"2020-01-01T00:00:00Z\") or epoch seconds"
                ),
            );
        }
    }
}

/// Whether `t` is epoch seconds: ASCII digits (1 to 19).
fn is_epoch(t: &str) -> bool {
    (1..=19).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `t` is an ISO 8601 date or date/time in the extended forms of
/// the W3C profile the IAM User Guide names: `YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, then optionally `Thh:mm`, `Thh:mm:ss` or `Thh:mm:ss.s...`
/// with an optional zone `Z` or `+hh:mm` / `-hh:mm` (ISO 8601 allows a
/// time without a zone; the W3C profile asks for one). Fields are range
/// checked, days against the month (leap years included).
fn iso8601(t: &str) -> bool {
    let b = t.as_bytes();
    let num = |s: &[u8]| -> Option<u32> {
        if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        s.iter().try_fold(0u32, |n, &d| {
            n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
        })
    };
    let (date, time) = match t.find('T') {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    let parts: Vec<&[u8]> = date.split(|&c| c == b'-').collect();
    if parts[0].len() != 4 || parts.len() > 3 || parts[1..].iter().any(|p| p.len() != 2) {
        return false;
    }
    let Some(year) = num(parts[0]) else {
        return false;
    };
    let month = match parts.get(1) {
        Some(m) => match num(m) {
            Some(m @ 1..=12) => m,
            _ => return false,
        },
        None => 1,
    };
    if let Some(d) = parts.get(2) {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if !matches!(num(d), Some(d) if (1..=days).contains(&d)) {
            return false;
        }
    }
    let Some(time) = time else {
        return true;
    };
    // A time only after a full date.
    if parts.len() != 3 {
        return false;
    }
    // The zone: Z, or +hh:mm / -hh:mm.
    let (clock, zone) = match time.iter().position(|&c| matches!(c, b'Z' | b'+' | b'-')) {
        Some(i) => (&time[..i], Some(&time[i..])),
        None => (time, None),
    };
    match zone {
        None | Some(b"Z") => {}
        Some(z) => {
            if z.len() != 6 || z[3] != b':' {
                return false;
            }
            if !matches!(num(&z[1..3]), Some(0..=23)) || !matches!(num(&z[4..6]), Some(0..=59)) {
                return false;
            }
        }
    }
    let (hms, fraction) = match clock.iter().position(|&c| c == b'.') {
        Some(i) => (&clock[..i], Some(&clock[i + 1..])),
        None => (clock, None),
    };
    let fields: Vec<&[u8]> = hms.split(|&c| c == b':').collect();
    if !(2..=3).contains(&fields.len()) || fields.iter().any(|f| f.len() != 2) {
        return false;
    }
    if fraction.is_some() && fields.len() != 3 {
        return false;
    }
    if fraction.is_some_and(|f| num(f).is_none()) {
        return false;
    }
    matches!(num(fields[0]), Some(0..=23))
        && matches!(num(fields[1]), Some(0..=59))
        && fields
            .get(2)
            .map_or(true, |s| matches!(num(s), Some(0..=59)))
}

fn condition_key_ok(key: &str) -> bool {
    key.split_once(':')
        .is_some_and(|(svc, name)| !svc.is_empty() && !name.is_empty())
}

/// The kind of value an operator compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

/// A condition operator, read.
pub(super) struct Operator {
    /// What the operator compares.
    pub(super) family: Family,
    /// `ForAllValues:` or `ForAnyValue:`.
    pub(super) qualified: bool,
    /// `ForAllValues:`.
    pub(super) for_all: bool,
    /// `StringLike` or `StringNotLike`.
    pub(super) like: bool,
    /// `...IfExists`.
    pub(super) if_exists: bool,
}

pub(super) fn parse_operator(op: &str) -> Result<Operator, String> {
    let (qualified, rest) = match op
        .strip_prefix("ForAllValues:")
        .or_else(|| op.strip_prefix("ForAnyValue:"))
    {
        Some(r) => (true, r),
        None => (false, op),
    };
    let for_all = op.starts_with("ForAllValues:");
    let (if_exists, base) = match rest.strip_suffix("IfExists") {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let family = match base {
        "StringEquals"
        | "StringNotEquals"
        | "StringEqualsIgnoreCase"
        | "StringNotEqualsIgnoreCase"
        | "StringLike"
        | "StringNotLike" => Family::String,
        "NumericEquals"
        | "NumericNotEquals"
        | "NumericLessThan"
        | "NumericLessThanEquals"
        | "NumericGreaterThan"
        | "NumericGreaterThanEquals" => Family::Numeric,
        "DateEquals"
        | "DateNotEquals"
        | "DateLessThan"
        | "DateLessThanEquals"
        | "DateGreaterThan"
        | "DateGreaterThanEquals" => Family::Date,
        "Bool" => Family::Bool,
        "BinaryEquals" => Family::Binary,
        "IpAddress" | "NotIpAddress" => Family::Ip,
        "ArnEquals" | "ArnLike" | "ArnNotEquals" | "ArnNotLike" => Family::Arn,
        "Null" => Family::Null,
        _ => {
            return Err(
                "expected an operator such as StringEquals, ArnLike, Bool or Null, optionally \
                 with a ForAllValues: or ForAnyValue: prefix and an IfExists suffix"
                    .into(),
            )
        }
    };
    Ok(Operator {
        family,
        qualified,
        for_all,
        like: matches!(base, "StringLike" | "StringNotLike"),
        if_exists,
    })
}

/// The operator families of `ops` as a message names them.
fn operators_for(ops: u8) -> String {
    let names = [
        (global_keys::ARN, "an ARN operator"),
        (global_keys::STRING, "a String operator"),
        (global_keys::BOOL, "Bool"),
        (global_keys::NUMERIC, "a Numeric operator"),
        (global_keys::DATE, "a Date operator"),
        (global_keys::IP, "IpAddress or NotIpAddress"),
    ];
    let found: Vec<&str> = names
        .iter()
        .filter(|(b, _)| ops & b != 0)
        .map(|(_, n)| *n)
        .collect();
    found.join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_8601_dates_and_times() {
        for ok in [
            "2020",
            "2020-02",
            "2020-02-29",
            "2014-11-30T12:00Z",
            "2017-07-01T00:00:00Z",
            "1997-07-16T19:20:30+01:00",
            "1997-07-16T19:20:30.45+01:00",
            "2020-01-01T00:00:00",
        ] {
            assert!(iso8601(ok), "{ok}");
        }
        for bad in [
            "bad",
            "",
            "2019-02-29",
            "2020-13-01",
            "2020-1-1",
            "20200101",
            "2020T12:00Z",
            "2020-01-01T24:00Z",
            "2020-01-01T12Z",
            "2020-01-01T12:00:00.Z",
            "2020-01-01T12:00+0100",
            "2020-01-01 12:00:00Z",
            "1700000000",
            "+2020-01-01",
            "2020-01-01T12:00:00ZZ",
        ] {
            assert!(!iso8601(bad), "{bad}");
        }
        assert!(is_epoch("1700000000"));
        assert!(!is_epoch("-1"));
        assert!(!is_epoch("1.5"));
    }

    proptest::proptest! {
        #[test]
        fn date_parsing_never_panics(t in "\\PC{0,30}") {
            let _ = iso8601(&t);
            let _ = is_epoch(&t);
        }
    }
}
