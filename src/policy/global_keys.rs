//! The global condition keys (`aws:*`, and a few cross-service keys such
//! as `ec2:SourceInstanceArn`): value type, whether multivalued, the
//! operator families each works with. The table is generated
//! (`python3 scripts/gen-global-keys.py "$IAM_ECS_CORPUS"`, see
//! [`table`]); nothing is read at run time.

use std::cmp::Ordering;

mod arn_service_keys;
mod table;

pub(crate) use table::TABLE_DATE;

/// The value type of a key (for a multivalued key, of each value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    String,
    Arn,
    Bool,
    Numeric,
    Date,
    Ip,
    /// A key in use whose type no source gives.
    Unknown,
}

impl Ty {
    /// How messages name it.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Ty::String => "String",
            Ty::Arn => "ARN",
            Ty::Bool => "Boolean",
            Ty::Numeric => "Numeric",
            Ty::Date => "Date",
            Ty::Ip => "IP address",
            Ty::Unknown => "of unknown type",
        }
    }
}

/// Where a key of the table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The IAM User Guide page of global condition keys.
    Page,
    /// An `aws:` key newer than that page.
    Newer,
    /// A cross-service key (not `aws:`).
    CrossService,
    /// An `aws:` key AWS managed policies use, on no list.
    Undocumented,
}

/// Operator families, as bits of [`Key::ops`].
pub(crate) const STRING: u8 = 1;
pub(crate) const ARN: u8 = 2;
pub(crate) const BOOL: u8 = 4;
pub(crate) const NUMERIC: u8 = 8;
pub(crate) const DATE: u8 = 16;
pub(crate) const IP: u8 = 32;
/// Any family (a key of unknown type).
pub(crate) const ANY: u8 = 0xff;

/// One key of the table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    /// The key as AWS spells it; for a templated key (`aws:RequestTag/`)
    /// its literal prefix, which any key starting with it is.
    pub(crate) name: &'static str,
    /// Whether `name` is a prefix (`aws:ResourceTag/${TagKey}`).
    pub(crate) prefix: bool,
    pub(crate) ty: Ty,
    /// The operator families it works with ([`STRING`], [`ARN`], ...).
    pub(crate) ops: u8,
    /// Multivalued: the request may carry several values (use
    /// `ForAllValues:`/`ForAnyValue:`).
    pub(crate) multi: bool,
    pub(crate) origin: Origin,
}

/// Whether every request has `key` (condition keys ignore case): one of
/// the keys whose availability the IAM User Guide words as always
/// included ([`table::ALWAYS_PRESENT`]).
pub(crate) fn always_present(key: &str) -> bool {
    table::ALWAYS_PRESENT
        .iter()
        .any(|k| k.eq_ignore_ascii_case(key))
}

/// `a` and `b` compared ignoring ASCII case.
/// A byte loop: the table's search compares every probe this way, and
/// `Iterator::cmp` over mapped bytes cost about twice as much.
fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (x, y) in a.iter().zip(b) {
        if x != y {
            let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
            if x != y {
                return x.cmp(&y);
            }
        }
    }
    a.len().cmp(&b.len())
}

/// The key of the table that `key` is (condition keys ignore case): the
/// key of that name, or the templated key whose prefix it starts with.
pub(crate) fn lookup(key: &str) -> Option<&'static Key> {
    let find = |k: &str| {
        table::KEYS
            .binary_search_by(|e| cmp_ignore_case(e.name, k))
            .ok()
            .map(|i| &table::KEYS[i])
    };
    if let Some(k) = find(key) {
        return Some(k);
    }
    let slash = key.find('/')?;
    find(&key[..=slash]).filter(|k| k.prefix)
}

/// Whether `key` is a service condition key typed ARN in the Service
/// Authorization Reference ([`arn_service_keys::ARN_SERVICE_KEYS`];
/// condition keys ignore case).
pub(crate) fn arn_service_key(key: &str) -> bool {
    arn_service_keys::ARN_SERVICE_KEYS
        .binary_search_by(|e| cmp_ignore_case(e, key))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_found_ignoring_case() {
        assert!(table::KEYS
            .windows(2)
            .all(|w| cmp_ignore_case(w[0].name, w[1].name) == Ordering::Less));
        assert_eq!(lookup("AWS:principalarn").map(|k| k.ty), Some(Ty::Arn));
        assert_eq!(
            lookup("aws:ResourceTag/Owner").map(|k| k.name),
            Some("aws:ResourceTag/")
        );
        assert!(lookup("aws:ResourceTag").is_none());
        assert!(lookup("aws:NoSuchKey").is_none());
        assert!(arn_service_keys::ARN_SERVICE_KEYS
            .windows(2)
            .all(|w| cmp_ignore_case(w[0], w[1]) == Ordering::Less));
        assert!(arn_service_key("IAM:associatedResourceARN"));
        assert!(arn_service_key("lambda:FunctionArn"));
        assert!(!arn_service_key("lambda:FunctionUrlAuthType"));
        assert!(!arn_service_key("aws:PrincipalArn"));
        assert_eq!(cmp_ignore_case("aws:A", "AWS:ab"), Ordering::Less);
        assert_eq!(cmp_ignore_case("aws:b", "AWS:A"), Ordering::Greater);
        assert_eq!(cmp_ignore_case("aws:[", "aws:a"), Ordering::Less);
        assert!(lookup("aws:TagKeys").is_some_and(|k| k.multi));
        assert!(always_present("AWS:RequestedRegion") && always_present("aws:userid"));
        assert!(!always_present("aws:SourceIp") && !always_present("aws:ResourceAccount"));
        assert!(!always_present("aws:username"));
    }
}
