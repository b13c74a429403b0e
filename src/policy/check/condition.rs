//! `Condition`: operators, condition keys and their values.

use super::{statement::value_loc, Checker};
use crate::check::Loc;
use crate::code::Code;
use crate::policy::{Condition, ConditionValue};

impl Checker<'_> {
    /// The `Condition` element at `at`.
    pub(super) fn condition(&mut self, c: &Condition, at: &Loc) {
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
            self.chars(op, &op_at);
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
                self.chars(key, &key_at);
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
                if values.is_empty() {
                    self.sink.report(
                        Code::EmptyArrayCondition,
                        &key_at,
                        format!("no values for condition key {key:?}: the condition does not affect the policy"),
                    );
                    continue;
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
                for (j, v) in values.iter().enumerate() {
                    let ConditionValue::String(text) = v else {
                        continue;
                    };
                    let vat = value_loc(&key_at, values, j);
                    self.chars(text, &vat);
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

fn condition_key_ok(key: &str) -> bool {
    key.split_once(':')
        .is_some_and(|(svc, name)| !svc.is_empty() && !name.is_empty())
}

/// The kind of value an operator compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
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
struct Operator {
    family: Family,
    /// `ForAllValues:` or `ForAnyValue:`.
    qualified: bool,
    /// `...IfExists`.
    if_exists: bool,
}

fn parse_operator(op: &str) -> Result<Operator, String> {
    let (qualified, rest) = match op
        .strip_prefix("ForAllValues:")
        .or_else(|| op.strip_prefix("ForAnyValue:"))
    {
        Some(r) => (true, r),
        None => (false, op),
    };
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
        if_exists,
    })
}
