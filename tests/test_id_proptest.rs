//! Property tests: one strategy per identifier type; every value reads
//! back from its text; no parser panics on any string.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use iam_ecs::{
    AccountId, AccountRootArn, Arn, ArnPattern, AssumedRoleArn, Error, Partition, Region, RoleArn,
    RoleName, RolePath, ServicePrincipal,
};
use proptest::prelude::*;

fn account_id() -> impl Strategy<Value = AccountId> {
    "[0-9]{12}".prop_map(|s| AccountId::parse(&s).unwrap())
}

fn partition() -> impl Strategy<Value = Partition> {
    proptest::sample::select(Partition::ALL.to_vec())
}

/// The region pattern of each partition, as a generator.
fn region() -> impl Strategy<Value = Region> {
    prop_oneof![
        "(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]{1,10}-[0-9]{1,2}",
        "cn-[a-z]{1,10}-[0-9]{1,2}",
        "us-gov-[a-z]{1,10}-[0-9]{1,2}",
        "us-iso-[a-z]{1,10}-[0-9]{1,2}",
        "us-isob-[a-z]{1,10}-[0-9]{1,2}",
        "eu-isoe-[a-z]{1,10}-[0-9]{1,2}",
        "us-isof-[a-z]{1,10}-[0-9]{1,2}",
        "eusc-de-[a-z]{1,10}-[0-9]{1,2}",
        "[a-z]{2}-[A-Za-z0-9_]{1,8}-[0-9]{1,3}",
    ]
    .prop_filter_map("not a region", |s| Region::parse(&s).ok())
}

fn service() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,20}"
}

/// A concrete ARN: region per partition, empty for IAM and STS.
fn arn() -> impl Strategy<Value = Arn> {
    (
        partition(),
        prop_oneof![service(), Just("iam".to_owned()), Just("sts".to_owned())],
        prop::option::of(region()),
        prop_oneof![
            Just(String::new()),
            Just("aws".to_owned()),
            "[0-9]{12}".prop_map(String::from)
        ],
        "[a-zA-Z0-9/:._ @=,+-]{1,40}",
    )
        .prop_map(|(p, service, region, account, resource)| {
            let region = match region {
                Some(r) if r.partition() == p && service != "iam" && service != "sts" => {
                    r.to_string()
                }
                _ => String::new(),
            };
            Arn::parse(&format!("arn:{p}:{service}:{region}:{account}:{resource}")).unwrap()
        })
}

/// An ARN pattern: a concrete ARN with wildcards and variables added
/// where the grammar allows them.
fn arn_pattern() -> impl Strategy<Value = ArnPattern> {
    (
        arn(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        "[a-z*?/]{0,10}",
        prop::option::of("[A-Za-z:/]{1,20}"),
    )
        .prop_map(|(arn, any_partition, any_region, any_account, tail, var)| {
            let partition = if any_partition {
                "*"
            } else {
                arn.partition().as_str()
            };
            let region = if any_region { "*" } else { arn.region() };
            let account = if any_account { "*" } else { arn.account() };
            let var = var.map(|v| format!("${{{v}}}")).unwrap_or_default();
            let s = format!(
                "arn:{partition}:{}:{region}:{account}:{}{tail}{var}",
                arn.service(),
                arn.resource()
            );
            ArnPattern::parse(&s).unwrap()
        })
}

fn role_name() -> impl Strategy<Value = RoleName> {
    "[A-Za-z0-9_+=,.@-]{1,64}".prop_map(|s| RoleName::parse(&s).unwrap())
}

fn role_path() -> impl Strategy<Value = RolePath> {
    prop_oneof![
        Just("/".to_owned()),
        "/[\\x21-\\x7E]{1,40}/".prop_map(String::from),
        prop::collection::vec("[A-Za-z0-9_.-]{1,12}", 1..5)
            .prop_map(|segments| format!("/{}/", segments.join("/"))),
    ]
    .prop_map(|s| RolePath::parse(&s).unwrap())
}

fn role_arn() -> impl Strategy<Value = RoleArn> {
    (partition(), account_id(), role_path(), role_name())
        .prop_map(|(p, a, path, name)| RoleArn::new(p, a, path, name))
}

fn account_root_arn() -> impl Strategy<Value = AccountRootArn> {
    (partition(), account_id()).prop_map(|(p, a)| AccountRootArn::new(p, a))
}

fn assumed_role_arn() -> impl Strategy<Value = AssumedRoleArn> {
    (
        partition(),
        account_id(),
        role_name(),
        "[A-Za-z0-9_+=,.@-]{2,64}",
    )
        .prop_map(|(p, a, r, s)| AssumedRoleArn::new(p, a, r, &s).unwrap())
}

fn service_principal() -> impl Strategy<Value = ServicePrincipal> {
    (
        prop::collection::vec("[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", 1..4),
        partition(),
    )
        .prop_map(|(labels, p)| {
            ServicePrincipal::parse(&format!("{}.{}", labels.join("."), p.dns_suffix())).unwrap()
        })
}

/// `parse(x.to_string()) == x`, through `FromStr`, `TryFrom<&str>`,
/// `TryFrom<String>` and serde_json.
fn round_trips<T>(x: &T) -> Result<(), TestCaseError>
where
    T: FromStr<Err = Error>
        + for<'a> TryFrom<&'a str, Error = Error>
        + TryFrom<String, Error = Error>
        + Display
        + Debug
        + PartialEq
        + serde::Serialize
        + serde::de::DeserializeOwned,
{
    let text = x.to_string();
    prop_assert_eq!(&text.parse::<T>().unwrap(), x);
    prop_assert_eq!(&T::try_from(text.as_str()).unwrap(), x);
    prop_assert_eq!(&T::try_from(text.clone()).unwrap(), x);
    let json = serde_json::to_string(x).unwrap();
    prop_assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), x);
    Ok(())
}

proptest! {
    #[test]
    fn account_id_round_trips(x in account_id()) { round_trips(&x)?; }

    #[test]
    fn partition_round_trips(x in partition()) { round_trips(&x)?; }

    #[test]
    fn region_round_trips(x in region()) {
        round_trips(&x)?;
        // The partition patterns do not overlap.
        let matching = Partition::ALL.iter().filter(|p| p.region_matches(x.as_str())).count();
        prop_assert_eq!(matching, 1);
    }

    #[test]
    fn arn_round_trips(x in arn()) {
        round_trips(&x)?;
        let p = ArnPattern::from(x.clone());
        prop_assert_eq!(p.as_str(), x.as_str());
        round_trips(&p)?;
    }

    #[test]
    fn arn_pattern_round_trips(x in arn_pattern()) { round_trips(&x)?; }

    #[test]
    fn role_name_round_trips(x in role_name()) { round_trips(&x)?; }

    #[test]
    fn role_path_round_trips(x in role_path()) { round_trips(&x)?; }

    #[test]
    fn role_arn_round_trips(x in role_arn()) {
        round_trips(&x)?;
        let back = RoleArn::parse(x.as_str()).unwrap();
        prop_assert_eq!(back.path(), x.path());
        prop_assert_eq!(back.name(), x.name());
        prop_assert_eq!(back.account(), x.account());
        prop_assert_eq!(back.partition(), x.partition());
    }

    #[test]
    fn account_root_arn_round_trips(x in account_root_arn()) { round_trips(&x)?; }

    #[test]
    fn assumed_role_arn_round_trips(x in assumed_role_arn()) { round_trips(&x)?; }

    #[test]
    fn service_principal_round_trips(x in service_principal()) { round_trips(&x)?; }

    /// No parser panics on any string, and every error quotes the input.
    #[test]
    fn parsers_never_panic(s in any::<String>()) {
        check_never_panics(&s)?;
    }

    /// The same, with strings made mostly of the characters ARNs use, so
    /// that the deeper checks run.
    #[test]
    fn parsers_never_panic_on_arn_like_strings(
        s in "(arn:)?[a-z0-9*?:/${}. -]{0,12}:[a-z0-9*?:/${}١-]{0,30}"
    ) {
        check_never_panics(&s)?;
    }

    /// The account parser accepts exactly `^[0-9]{12}$`: this direction
    /// tries strings that are close to account IDs.
    #[test]
    fn account_id_accepts_exactly_12_ascii_digits(
        s in "[0-9١٢a -]{0,14}|[0-9]{10,14}"
    ) {
        let expected = s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit());
        prop_assert_eq!(AccountId::parse(&s).is_ok(), expected, "{:?}", s);
    }

    /// ... and this one any string at all.
    #[test]
    fn account_id_rejects_everything_else(s in any::<String>()) {
        let expected = s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit());
        prop_assert_eq!(AccountId::parse(&s).is_ok(), expected, "{:?}", s);
    }

    /// Every 12-digit string is accepted, leading zeros kept.
    #[test]
    fn account_id_accepts_every_12_digit_string(s in "[0-9]{12}") {
        prop_assert_eq!(AccountId::parse(&s).unwrap(), s.as_str());
    }

    /// Wrong digit counts say how many digits there were.
    #[test]
    fn account_id_counts_digits(s in "[0-9]{1,11}|[0-9]{13,40}") {
        let msg = AccountId::parse(&s).unwrap_err().to_string();
        prop_assert_eq!(
            msg,
            format!("invalid account ID {s:?}: expected 12 digits, found {}", s.len())
        );
    }

    /// Role names: exactly `^[A-Za-z0-9_+=,.@-]{1,64}$`.
    #[test]
    fn role_name_accepts_exactly_its_pattern(s in "[A-Za-z0-9_+=,.@/ *é-]{0,70}") {
        let expected = (1..=64).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b));
        prop_assert_eq!(RoleName::parse(&s).is_ok(), expected, "{:?}", s);
    }

    /// Role paths: exactly `^/$|^/[\x21-\x7E]+/$`, at most 512.
    #[test]
    fn role_path_accepts_exactly_its_pattern(s in "[a/ é~!]{0,8}") {
        let b = s.as_bytes();
        let expected = s == "/"
            || (b.len() >= 3
                && b.len() <= 512
                && b[0] == b'/'
                && b[b.len() - 1] == b'/'
                && b.iter().all(|&c| (0x21..=0x7E).contains(&c)));
        prop_assert_eq!(RolePath::parse(&s).is_ok(), expected, "{:?}", s);
    }
}

fn check_never_panics(s: &str) -> Result<(), TestCaseError> {
    fn quotes_input<T: FromStr<Err = Error>>(s: &str) -> Result<(), TestCaseError> {
        if let Err(e) = s.parse::<T>() {
            let quoted = format!("{s:?}");
            prop_assert!(
                e.to_string().contains(&quoted),
                "{e} does not quote {quoted}"
            );
        }
        Ok(())
    }
    quotes_input::<AccountId>(s)?;
    quotes_input::<Partition>(s)?;
    quotes_input::<Region>(s)?;
    quotes_input::<Arn>(s)?;
    quotes_input::<ArnPattern>(s)?;
    quotes_input::<RoleName>(s)?;
    quotes_input::<RolePath>(s)?;
    quotes_input::<RoleArn>(s)?;
    quotes_input::<AccountRootArn>(s)?;
    quotes_input::<AssumedRoleArn>(s)?;
    quotes_input::<ServicePrincipal>(s)?;
    // Whatever parses as a concrete ARN also parses as a pattern.
    if let Ok(arn) = Arn::parse(s) {
        prop_assert_eq!(ArnPattern::parse(s).unwrap(), ArnPattern::from(arn));
    }
    Ok(())
}
