//! The `Condition` element: every operator family, `...IfExists`,
//! negated operators, several values (OR) and negated several values
//! (NOR), several keys and operators (AND), `ForAllValues:` and
//! `ForAnyValue:`, case-insensitive key names
//! (reference_policies_elements_condition_operators.md,
//! reference_policies_condition-logic-multiple-context-keys-or-values.md,
//! reference_policies_multi-value-conditions.md).
//!
//! A comparison that cannot be made (a number, date, address, ARN or
//! base-64 value that does not parse, an operator that does not exist, a
//! single-valued operator on a set of values) is [`Tri::Unknown`]: the
//! statement then grants nothing, and a `Deny` statement still applies.

mod arn;
mod binary;
mod date;
mod ip;
mod numeric;
mod string;

use super::request::{Context, ContextValue};
use super::variables::{self, Resolved};
use crate::json::Pointer;
use crate::policy::{Condition, ConditionValue, OneOrMany};
use string::StringOp;

/// A three-valued truth: a comparison that cannot be made is `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tri {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Cannot be decided from what was written.
    Unknown,
}

impl Tri {
    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }

    fn from_opt(v: Option<bool>) -> Tri {
        match v {
            Some(true) => Tri::True,
            Some(false) => Tri::False,
            None => Tri::Unknown,
        }
    }
}

/// OR over `items`: true if one is, else unknown if one is, else false.
fn any<I: IntoIterator<Item = Tri>>(items: I) -> Tri {
    let mut out = Tri::False;
    for t in items {
        match t {
            Tri::True => return Tri::True,
            Tri::Unknown => out = Tri::Unknown,
            Tri::False => {}
        }
    }
    out
}

/// AND over `items`: false if one is, else unknown if one is, else true.
fn all<I: IntoIterator<Item = Tri>>(items: I) -> Tri {
    let mut out = Tri::True;
    for t in items {
        match t {
            Tri::False => return Tri::False,
            Tri::Unknown => out = Tri::Unknown,
            Tri::True => {}
        }
    }
    out
}

/// The comparison an operator makes, without negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    String(StringOp),
    /// Numeric or Date ordering: which orderings satisfy it.
    Numeric(Order),
    Date(Order),
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

/// `Equals`, `LessThan`, `LessThanEquals`, `GreaterThan`,
/// `GreaterThanEquals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Order {
    fn holds(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Order::Eq => o == Equal,
            Order::Lt => o == Less,
            Order::Le => o != Greater,
            Order::Gt => o == Greater,
            Order::Ge => o != Less,
        }
    }
}

/// A set operator prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetOp {
    ForAll,
    ForAny,
}

/// A condition operator, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Operator {
    cmp: Cmp,
    negated: bool,
    if_exists: bool,
    set: Option<SetOp>,
}

fn parse_operator(op: &str) -> Option<Operator> {
    let (set, rest) = if let Some(r) = op.strip_prefix("ForAllValues:") {
        (Some(SetOp::ForAll), r)
    } else if let Some(r) = op.strip_prefix("ForAnyValue:") {
        (Some(SetOp::ForAny), r)
    } else {
        (None, op)
    };
    let (if_exists, base) = match rest.strip_suffix("IfExists") {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let (cmp, negated) = match base {
        "StringEquals" => (Cmp::String(StringOp::Equals), false),
        "StringNotEquals" => (Cmp::String(StringOp::Equals), true),
        "StringEqualsIgnoreCase" => (Cmp::String(StringOp::EqualsIgnoreCase), false),
        "StringNotEqualsIgnoreCase" => (Cmp::String(StringOp::EqualsIgnoreCase), true),
        "StringLike" => (Cmp::String(StringOp::Like), false),
        "StringNotLike" => (Cmp::String(StringOp::Like), true),
        "NumericEquals" => (Cmp::Numeric(Order::Eq), false),
        "NumericNotEquals" => (Cmp::Numeric(Order::Eq), true),
        "NumericLessThan" => (Cmp::Numeric(Order::Lt), false),
        "NumericLessThanEquals" => (Cmp::Numeric(Order::Le), false),
        "NumericGreaterThan" => (Cmp::Numeric(Order::Gt), false),
        "NumericGreaterThanEquals" => (Cmp::Numeric(Order::Ge), false),
        "DateEquals" => (Cmp::Date(Order::Eq), false),
        "DateNotEquals" => (Cmp::Date(Order::Eq), true),
        "DateLessThan" => (Cmp::Date(Order::Lt), false),
        "DateLessThanEquals" => (Cmp::Date(Order::Le), false),
        "DateGreaterThan" => (Cmp::Date(Order::Gt), false),
        "DateGreaterThanEquals" => (Cmp::Date(Order::Ge), false),
        "Bool" => (Cmp::Bool, false),
        "BinaryEquals" => (Cmp::Binary, false),
        "IpAddress" => (Cmp::Ip, false),
        "NotIpAddress" => (Cmp::Ip, true),
        "ArnEquals" | "ArnLike" => (Cmp::Arn, false),
        "ArnNotEquals" | "ArnNotLike" => (Cmp::Arn, true),
        "Null" if !if_exists && set.is_none() => (Cmp::Null, false),
        _ => return None,
    };
    Some(Operator {
        cmp,
        negated,
        if_exists,
        set,
    })
}

/// `true` / `false`, in any case.
fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// What a condition needs from the request and the policy.
pub(crate) struct CondEnv<'a> {
    /// The request context.
    pub ctx: &'a Context,
    /// Whether `${...}` is substituted (Version 2012-10-17).
    pub substitute: bool,
    /// Whether to build the explanation text.
    pub explain: bool,
}

/// The first condition element that did not hold, or could not be
/// evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CondFail {
    /// `/Condition/OPERATOR/KEY` relative to the statement.
    pub at: Pointer,
    /// Whether it could not be evaluated (rather than not holding).
    pub unknown: bool,
    /// The values compared (empty unless explaining).
    pub detail: String,
}

/// Evaluates a `Condition` element: all operators and all keys must hold.
/// `missing` is called with each key the request does not carry.
///
/// # Errors
/// The first element that is false; if none is, the first that cannot be
/// evaluated.
pub(crate) fn evaluate(
    cond: &Condition,
    env: &CondEnv<'_>,
    missing: &mut dyn FnMut(&str),
) -> Result<(), CondFail> {
    let mut first_unknown: Option<CondFail> = None;
    let base = || Pointer::root().key("Condition");
    for (op_name, block) in cond {
        let Some(op) = parse_operator(op_name) else {
            let fail = CondFail {
                at: base().key(op_name),
                unknown: true,
                detail: if env.explain {
                    format!("{op_name:?} is not a condition operator")
                } else {
                    String::new()
                },
            };
            first_unknown.get_or_insert(fail);
            continue;
        };
        for (key, values) in block {
            let request = env.ctx.get(key);
            if request.is_none() {
                missing(key);
            }
            let result = evaluate_key(op, values, request, env);
            if result == Tri::True {
                continue;
            }
            let fail = CondFail {
                at: base().key(op_name).key(key),
                unknown: result == Tri::Unknown,
                detail: if env.explain {
                    describe(op_name, key, values, request, result, env)
                } else {
                    String::new()
                },
            };
            if result == Tri::False {
                return Err(fail);
            }
            first_unknown.get_or_insert(fail);
        }
    }
    match first_unknown {
        Some(f) => Err(f),
        None => Ok(()),
    }
}

/// One operator on one key.
fn evaluate_key(
    op: Operator,
    values: &OneOrMany<ConditionValue>,
    request: Option<&ContextValue>,
    env: &CondEnv<'_>,
) -> Tri {
    // An empty set is treated as the key being absent (ForAllValues'
    // documented "missing or empty" rule, used for every operator).
    let present: Option<&[String]> = request.map(ContextValue::values).filter(|v| !v.is_empty());
    if op.cmp == Cmp::Null {
        return any(values.iter().map(|v| {
            let want_null = match v {
                ConditionValue::Bool(b) => Some(*b),
                other => parse_bool(other.text()),
            };
            match want_null {
                Some(w) => Tri::from_opt(Some(w == present.is_none())),
                None => Tri::Unknown,
            }
        }));
    }
    match op.set {
        None => match (request, present) {
            (_, None) => {
                if op.if_exists || op.negated {
                    Tri::True
                } else {
                    Tri::False
                }
            }
            (Some(ContextValue::Single(s)), Some(_)) => single(op, s, values, env),
            // A single-valued operator on a set of values: the docs say
            // not to, and not what happens (OPEN-QUESTIONS 8).
            _ => Tri::Unknown,
        },
        Some(SetOp::ForAll) => match present {
            None => Tri::True,
            Some(vals) => all(vals.iter().map(|s| single(op, s, values, env))),
        },
        Some(SetOp::ForAny) => match present {
            None => {
                if op.if_exists {
                    Tri::True
                } else {
                    Tri::False
                }
            }
            Some(vals) => any(vals.iter().map(|s| single(op, s, values, env))),
        },
    }
}

/// One request value against the policy values: OR over the values, then
/// the negation (so a negated operator is a NOR).
fn single(
    op: Operator,
    request: &str,
    values: &OneOrMany<ConditionValue>,
    env: &CondEnv<'_>,
) -> Tri {
    let r = any(values.iter().map(|v| compare(op.cmp, v, request, env)));
    if op.negated {
        r.not()
    } else {
        r
    }
}

/// A policy value with its variables substituted; `None` when a variable
/// cannot be resolved, which "matches nothing" (variables.md).
fn resolved<'a>(v: &'a ConditionValue, env: &CondEnv<'_>) -> Option<Resolved<'a>> {
    let text = match v {
        ConditionValue::String(s) => s.as_str(),
        other => other.text(),
    };
    variables::resolve(text, env.substitute, env.ctx, &mut |_, _| {}).ok()
}

fn compare(cmp: Cmp, policy: &ConditionValue, request: &str, env: &CondEnv<'_>) -> Tri {
    let text = policy.text();
    let plain = !env.substitute || !variables::has_variables(text);
    match cmp {
        Cmp::String(s) if plain => Tri::from_opt(Some(string::compare_plain(s, text, request))),
        Cmp::Arn if plain => Tri::from_opt(arn::compare_plain(text, request)),
        Cmp::String(s) => match resolved(policy, env) {
            Some(p) => Tri::from_opt(Some(string::compare(s, &p, request))),
            None => Tri::False,
        },
        Cmp::Arn => match resolved(policy, env) {
            Some(p) => Tri::from_opt(arn::compare(&p, request)),
            None => Tri::False,
        },
        Cmp::Numeric(o) => {
            match (
                numeric::Decimal::parse(policy.text()),
                numeric::Decimal::parse(request),
            ) {
                (Some(p), Some(r)) => Tri::from_opt(Some(o.holds(r.cmp(&p)))),
                _ => Tri::Unknown,
            }
        }
        Cmp::Date(o) => match (date::parse(policy.text()), date::parse(request)) {
            (Some(p), Some(r)) => Tri::from_opt(Some(o.holds(r.cmp(&p)))),
            _ => Tri::Unknown,
        },
        Cmp::Bool => {
            let p = match policy {
                ConditionValue::Bool(b) => Some(*b),
                other => parse_bool(other.text()),
            };
            match (p, parse_bool(request)) {
                (Some(p), Some(r)) => Tri::from_opt(Some(p == r)),
                _ => Tri::Unknown,
            }
        }
        Cmp::Binary => match (binary::decode(policy.text()), binary::decode(request)) {
            (Some(p), Some(r)) => Tri::from_opt(Some(p == r)),
            _ => Tri::Unknown,
        },
        Cmp::Ip => match (ip::Cidr::parse(policy.text()), ip::address(request)) {
            (Some(block), Some(addr)) => Tri::from_opt(Some(block.contains(addr))),
            _ => Tri::Unknown,
        },
        Cmp::Null => Tri::Unknown,
    }
}

/// The explanation of one failed operator/key pair: the values compared,
/// variables resolved.
fn describe(
    op_name: &str,
    key: &str,
    values: &OneOrMany<ConditionValue>,
    request: Option<&ContextValue>,
    result: Tri,
    env: &CondEnv<'_>,
) -> String {
    let policy: Vec<String> = values
        .iter()
        .map(|v| match v {
            ConditionValue::String(s) if env.substitute && variables::has_variables(s) => {
                match variables::resolve(s, true, env.ctx, &mut |_, _| {}) {
                    Ok(r) => format!("{:?} (from {s:?})", variables::text(&r)),
                    Err(u) => format!("{s:?} (unresolved: no {})", u.0),
                }
            }
            other => format!("{:?}", other.text()),
        })
        .collect();
    let req = match request {
        None => "absent from the request".to_owned(),
        Some(ContextValue::Single(s)) => format!("request value {s:?}"),
        Some(ContextValue::Multi(v)) => format!("request values {v:?}"),
    };
    let verdict = if result == Tri::Unknown {
        "cannot be evaluated"
    } else {
        "is false"
    };
    format!(
        "{op_name} on {key} {verdict}: {req}, policy value{} {}",
        if policy.len() == 1 { "" } else { "s" },
        policy.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::PolicyDocument;

    /// Evaluates the condition of a one-statement policy against `ctx`
    /// (`(key, values)`; one value is single-valued, `["[]"]` an empty set).
    fn eval(cond: &str, ctx: &[(&str, &[&str])]) -> Tri {
        let doc: PolicyDocument = format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Condition":{cond}}}}}"#
        )
        .parse()
        .unwrap();
        let c = doc.statements()[0]
            .condition
            .as_ref()
            .expect("condition read");
        let mut context = Context::new();
        for (k, v) in ctx {
            let value = match v {
                [one] if *one != "[]" => ContextValue::Single((*one).to_owned()),
                [_] => ContextValue::Multi(vec![]),
                many => ContextValue::Multi(many.iter().map(|s| (*s).to_owned()).collect()),
            };
            context.insert(k, value);
        }
        let env = CondEnv {
            ctx: &context,
            substitute: true,
            explain: true,
        };
        match evaluate(c, &env, &mut |_| {}) {
            Ok(()) => Tri::True,
            Err(f) if f.unknown => Tri::Unknown,
            Err(_) => Tri::False,
        }
    }

    use Tri::{False as F, True as T, Unknown as U};

    #[test]
    fn string_family() {
        let c = r#"{"StringEquals":{"aws:username":"johndoe"}}"#;
        assert_eq!(eval(c, &[("aws:username", &["johndoe"])]), T);
        assert_eq!(eval(c, &[("aws:username", &["JohnDoe"])]), F);
        assert_eq!(eval(c, &[]), F, "missing key: false");
        let c = r#"{"StringNotEquals":{"aws:username":["a","b"]}}"#;
        assert_eq!(eval(c, &[("aws:username", &["a"])]), F, "NOR: one matches");
        assert_eq!(eval(c, &[("aws:username", &["c"])]), T);
        assert_eq!(eval(c, &[]), T, "negated operator, missing key: true");
        let c = r#"{"StringEqualsIgnoreCase":{"aws:PrincipalTag/dept":["finance","hr"]}}"#;
        assert_eq!(eval(c, &[("aws:principaltag/DEPT", &["Finance"])]), T);
        let c = r#"{"StringLike":{"s3:prefix":["David/*","x?"]}}"#;
        assert_eq!(eval(c, &[("s3:prefix", &["David/a/b"])]), T);
        assert_eq!(eval(c, &[("s3:prefix", &["xy"])]), T);
        assert_eq!(eval(c, &[("s3:prefix", &["xyz"])]), F);
        let c = r#"{"StringNotLike":{"s3:prefix":"public/*"}}"#;
        assert_eq!(eval(c, &[]), T);
        assert_eq!(eval(c, &[("s3:prefix", &["public/x"])]), F);
        // Unquoted numbers are compared as their text.
        let c = r#"{"StringEquals":{"aws:PrincipalAccount":123456789012}}"#;
        assert_eq!(eval(c, &[("aws:PrincipalAccount", &["123456789012"])]), T);
    }

    #[test]
    fn numeric_family() {
        let c = r#"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#;
        assert_eq!(eval(c, &[("s3:max-keys", &["10"])]), T);
        assert_eq!(eval(c, &[("s3:max-keys", &["10.0"])]), T);
        assert_eq!(eval(c, &[("s3:max-keys", &["11"])]), F);
        assert_eq!(eval(c, &[("s3:max-keys", &["ten"])]), U);
        let c = r#"{"NumericEquals":{"k":9007199254740993}}"#;
        assert_eq!(
            eval(c, &[("k", &["9007199254740992"])]),
            F,
            "no f64 rounding"
        );
        let c = r#"{"NumericNotEquals":{"k":["1","2"]}}"#;
        assert_eq!(eval(c, &[("k", &["3"])]), T);
        assert_eq!(eval(c, &[("k", &["2"])]), F);
        let c = r#"{"NumericGreaterThan":{"k":"x"}}"#;
        assert_eq!(eval(c, &[("k", &["3"])]), U, "an unparsable policy number");
        let c = r#"{"NumericNotEquals":{"k":"x"}}"#;
        assert_eq!(
            eval(c, &[("k", &["3"])]),
            U,
            "negation does not make it true"
        );
    }

    #[test]
    fn date_family() {
        let c = r#"{"DateGreaterThan":{"aws:CurrentTime":"2020-04-01T00:00:00Z"},"DateLessThan":{"aws:CurrentTime":"2020-06-30T23:59:59Z"}}"#;
        assert_eq!(
            eval(c, &[("aws:CurrentTime", &["2020-05-15T12:00:00Z"])]),
            T
        );
        assert_eq!(
            eval(c, &[("aws:CurrentTime", &["2020-07-01T00:00:00Z"])]),
            F
        );
        assert_eq!(
            eval(c, &[("aws:CurrentTime", &["1589544000"])]),
            T,
            "epoch against ISO"
        );
        let c = r#"{"DateLessThanEquals":{"aws:EpochTime":"1577836800"}}"#;
        assert_eq!(eval(c, &[("aws:EpochTime", &["1577836800"])]), T);
        assert_eq!(eval(c, &[("aws:EpochTime", &["soon"])]), U);
        let c = r#"{"DateNotEquals":{"aws:EpochTime":"1577836800"}}"#;
        assert_eq!(eval(c, &[("aws:EpochTime", &["2020-01-01T00:00:00Z"])]), F);
    }

    #[test]
    fn bool_binary_ip_arn_null() {
        let c = r#"{"Bool":{"aws:SecureTransport":"false"}}"#;
        assert_eq!(eval(c, &[("aws:SecureTransport", &["false"])]), T);
        assert_eq!(eval(c, &[("aws:SecureTransport", &["true"])]), F);
        assert_eq!(eval(c, &[("aws:SecureTransport", &["maybe"])]), U);
        let c = r#"{"Bool":{"aws:MultiFactorAuthPresent":true}}"#;
        assert_eq!(eval(c, &[("aws:MultiFactorAuthPresent", &["true"])]), T);
        let c = r#"{"BinaryEquals":{"k":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}"#;
        assert_eq!(eval(c, &[]), F);
        assert_eq!(
            eval(c, &[("k", &["QmluYXJ5VmFsdWVJbkJhc2U2NA"])]),
            T,
            "same bytes"
        );
        assert_eq!(eval(c, &[("k", &["Zm9v"])]), F);
        assert_eq!(eval(c, &[("k", &["!!"])]), U);
        let c = r#"{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8::/32"]}}"#;
        assert_eq!(eval(c, &[("aws:SourceIp", &["203.0.113.45"])]), T);
        assert_eq!(eval(c, &[("aws:SourceIp", &["2001:db8::1"])]), T);
        assert_eq!(eval(c, &[("aws:SourceIp", &["198.51.100.1"])]), F);
        assert_eq!(eval(c, &[("aws:SourceIp", &["not-an-ip"])]), U);
        let c = r#"{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]}}"#;
        assert_eq!(eval(c, &[("aws:SourceIp", &["198.51.100.7"])]), T);
        assert_eq!(eval(c, &[("aws:SourceIp", &["203.0.113.9"])]), F);
        let c = r#"{"ArnLike":{"aws:SourceArn":"arn:aws:ecs:us-west-2:111122223333:*"}}"#;
        assert_eq!(
            eval(
                c,
                &[(
                    "aws:SourceArn",
                    &["arn:aws:ecs:us-west-2:111122223333:task/c/1"]
                )]
            ),
            T
        );
        assert_eq!(
            eval(
                c,
                &[(
                    "aws:SourceArn",
                    &["arn:aws:ecs:us-west-2:999999999999:task/c/1"]
                )]
            ),
            F
        );
        assert_eq!(eval(c, &[("aws:SourceArn", &["task/c/1"])]), U);
        let c = r#"{"ArnNotEquals":{"aws:SourceArn":"arn:aws:ecs:*:111122223333:*"}}"#;
        assert_eq!(eval(c, &[]), T);
        let c = r#"{"Null":{"aws:TokenIssueTime":"true"}}"#;
        assert_eq!(eval(c, &[]), T);
        assert_eq!(
            eval(c, &[("aws:TokenIssueTime", &["2023-05-01T10:00:00Z"])]),
            F
        );
        let c = r#"{"Null":{"aws:TokenIssueTime":"false"}}"#;
        assert_eq!(eval(c, &[]), F);
        let c = r#"{"NullIfExists":{"k":"true"}}"#;
        assert_eq!(eval(c, &[]), U, "Null takes no IfExists");
    }

    #[test]
    fn if_exists_and_sets() {
        let c = r#"{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*"]}}"#;
        assert_eq!(eval(c, &[]), T);
        assert_eq!(eval(c, &[("ec2:InstanceType", &["m5.large"])]), F);
        let c = r#"{"StringNotEqualsIfExists":{"aws:ResourceTag/team":"blue"}}"#;
        assert_eq!(eval(c, &[]), T);
        assert_eq!(eval(c, &[("aws:ResourceTag/team", &["blue"])]), F);
        let c = r#"{"ForAllValues:StringEquals":{"dynamodb:Attributes":["PostDateTime","Message","Tags"]}}"#;
        assert_eq!(eval(c, &[]), T);
        assert_eq!(eval(c, &[("dynamodb:Attributes", &["[]"])]), T);
        assert_eq!(
            eval(c, &[("dynamodb:Attributes", &["PostDateTime", "Message"])]),
            T
        );
        assert_eq!(
            eval(c, &[("dynamodb:Attributes", &["PostDateTime", "UserName"])]),
            F
        );
        let c = r#"{"ForAnyValue:StringEquals":{"dynamodb:Attributes":["ID","PostDateTime"]}}"#;
        assert_eq!(eval(c, &[]), F);
        assert_eq!(eval(c, &[("dynamodb:Attributes", &["[]"])]), F);
        assert_eq!(
            eval(c, &[("dynamodb:Attributes", &["UserName", "PostDateTime"])]),
            T
        );
        let c = r#"{"ForAllValues:StringNotEquals":{"aws:TagKeys":["a","b"]}}"#;
        assert_eq!(eval(c, &[("aws:TagKeys", &["c", "d"])]), T);
        assert_eq!(eval(c, &[("aws:TagKeys", &["c", "a"])]), F);
        // A single-valued operator on a set cannot be evaluated.
        let c = r#"{"StringEquals":{"aws:TagKeys":"a"}}"#;
        assert_eq!(eval(c, &[("aws:TagKeys", &["a", "b"])]), U);
    }

    #[test]
    fn and_across_keys_and_operators_false_wins_over_unknown() {
        let c = r#"{"NumericLessThan":{"k":"x"},"StringEquals":{"s":"a"}}"#;
        assert_eq!(eval(c, &[("k", &["1"]), ("s", &["b"])]), F);
        assert_eq!(eval(c, &[("k", &["1"]), ("s", &["a"])]), U);
        assert_eq!(eval(r#"{"Bogus":{"k":"x"}}"#, &[]), U);
    }

    #[test]
    fn variables_in_values() {
        let c = r#"{"StringLike":{"s3:prefix":["${aws:username}/*"]}}"#;
        assert_eq!(
            eval(
                c,
                &[("s3:prefix", &["David/x"]), ("aws:username", &["David"])]
            ),
            T
        );
        assert_eq!(
            eval(
                c,
                &[("s3:prefix", &["Adele/x"]), ("aws:username", &["David"])]
            ),
            F
        );
        let c = r#"{"StringNotEquals":{"s3:ExistingObjectTag/Team":"${aws:PrincipalTag/Team}"}}"#;
        assert_eq!(
            eval(c, &[("s3:ExistingObjectTag/Team", &["blue"])]),
            T,
            "unresolved matches nothing"
        );
        let c = r#"{"StringEquals":{"k":"${*}"}}"#;
        assert_eq!(eval(c, &[("k", &["*"])]), T);
    }
}
