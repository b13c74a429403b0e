//! The AWS CLI profile: building, reading the guide's file, and the rules
//! of RULES.md section 6.

mod util;

use iam_ecs::profile::{
    CliProfile, CredentialSource, ExternalId, ProfileName, RoleSessionName, SessionDuration,
};
use util::{destination_role, valid_accounts};

const GUIDE: &str = include_str!("fixtures/guide/aws-cli-config");

#[track_caller]
fn config_err(text: &str) -> String {
    CliProfile::from_config(text, None).unwrap_err().to_string()
}

#[test]
fn builds_the_guides_profile_with_a_valid_account() {
    let p = CliProfile::builder("cross-account", destination_role())
        .build()
        .unwrap();
    let expected = valid_accounts(GUIDE);
    assert_eq!(p.to_string(), expected);
    assert_eq!(CliProfile::from_config(&expected, None).unwrap(), p);
}

#[test]
fn the_guides_own_profile_is_rejected_for_its_16_digit_account() {
    assert_eq!(
        config_err(GUIDE),
        "invalid role ARN \"arn:aws:iam::5555666677778888:role/destination-account-role\": account \"5555666677778888\": expected 12 digits, found 16"
    );
}

#[test]
fn optional_keys_are_written_in_order_and_read_back() {
    let p = CliProfile::builder("x", destination_role())
        .external_id("Example-Corp_42")
        .role_session_name("verify")
        .duration_seconds(SessionDuration::new(3600).unwrap())
        .build()
        .unwrap();
    let text = p.to_string();
    assert_eq!(
        text,
        "[profile x]\nrole_arn = arn:aws:iam::444455556666:role/destination-account-role\n\
         credential_source = EcsContainer\nexternal_id = Example-Corp_42\n\
         role_session_name = verify\nduration_seconds = 3600\n"
    );
    assert_eq!(CliProfile::from_config(&text, Some("x")).unwrap(), p);
}

#[test]
fn default_profile_has_no_prefix() {
    let p = CliProfile::builder("default", destination_role())
        .build()
        .unwrap();
    assert!(p.to_string().starts_with("[default]\n"));
    assert_eq!(CliProfile::from_config(&p.to_string(), None).unwrap(), p);
}

#[test]
fn bad_configs_name_the_line_and_the_rule() {
    let role_line = "role_arn = arn:aws:iam::444455556666:role/r";
    let cases: &[(&str, &str)] = &[
        (
            &format!("[profile p]\n{role_line}\nsource_profile = base\ncredential_source = EcsContainer\n"),
            "invalid profile \"[profile p]\": line 1: the profile \"p\" contains both source_profile and credential_source",
        ),
        (
            &format!("[profile p]\n{role_line}\n"),
            "invalid profile \"[profile p]\": line 1: expected credential_source in profile \"p\", found none",
        ),
        (
            "[profile p]\ncredential_source = EcsContainer\n",
            "invalid profile \"[profile p]\": line 1: expected role_arn in profile \"p\", found none",
        ),
        (
            &format!("[profile p]\n{role_line}\ncredential_source = ecscontainer\n"),
            "invalid profile \"ecscontainer\": credential_source: expected Environment, Ec2InstanceMetadata or EcsContainer (case-sensitive)",
        ),
        (
            &format!("[profile p]\n{role_line}\ncredential_source = EcsContainer\nmfa_serial = x\n"),
            "invalid profile \"mfa_serial = x\": line 4: expected role_arn, credential_source, external_id, role_session_name or duration_seconds, found \"mfa_serial\"",
        ),
        (
            &format!("[profile p]\n{role_line}\ncredential_source = EcsContainer\nduration_seconds = 60\n"),
            "invalid session duration \"60\": expected 900 to 43200 seconds",
        ),
        (
            &format!("[profile p]\n{role_line}\ncredential_source = EcsContainer\nexternal_id = a b\n"),
            "invalid external ID \"a b\": expected letters, digits and _+=,.@:/-, found \" \" at position 1",
        ),
        (
            "role_arn = x\n",
            "invalid profile \"role_arn = x\": line 1: expected a `[profile NAME]` header before the first key",
        ),
        (
            "[profile p]\nnot a pair\n",
            "invalid profile \"not a pair\": line 2: expected `[profile NAME]` or `key = value`",
        ),
        ("", "invalid profile \"\": expected exactly one profile, found 0"),
    ];
    for (text, want) in cases {
        assert_eq!(&config_err(text), want, "for {text:?}");
    }
}

#[test]
fn value_rules() {
    assert_eq!(
        ExternalId::parse("x").unwrap_err().to_string(),
        "invalid external ID \"x\": expected 2 to 1224 characters, found 1"
    );
    assert!(ExternalId::parse(&"a".repeat(1224)).is_ok());
    assert!(ExternalId::parse(&"a".repeat(1225)).is_err());
    assert!(ExternalId::parse("arn:aws:x/y@z=1,2.3+4-5_6").is_ok());
    assert_eq!(
        RoleSessionName::parse("has:colon").unwrap_err().to_string(),
        "invalid role session name \"has:colon\": expected letters, digits and _+=,.@-, found \":\" at position 3"
    );
    assert!(RoleSessionName::parse(&"s".repeat(64)).is_ok());
    assert!(RoleSessionName::parse(&"s".repeat(65)).is_err());
    assert_eq!(
        ProfileName::parse("my profile").unwrap_err().to_string(),
        "invalid profile \"my profile\": expected letters, digits and _+=,.@-, found \" \" at position 2"
    );
    assert_eq!(SessionDuration::new(900).unwrap().seconds(), 900);
    assert_eq!(SessionDuration::new(43_200).unwrap().seconds(), 43_200);
    assert!(SessionDuration::new(899).is_err());
    assert!(SessionDuration::new(43_201).is_err());
    assert!("+900".parse::<SessionDuration>().is_err());
    for s in ["Environment", "Ec2InstanceMetadata", "EcsContainer"] {
        assert_eq!(s.parse::<CredentialSource>().unwrap().as_str(), s);
    }
}

#[test]
fn builder_latches_the_first_error() {
    let err = CliProfile::builder("bad name", destination_role())
        .external_id("x")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid profile \"bad name\": expected letters, digits and _+=,.@-, found \" \" at position 3"
    );
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<CliProfile>();
    check::<CredentialSource>();
    check::<ExternalId>();
    check::<RoleSessionName>();
    check::<ProfileName>();
    check::<SessionDuration>();
}
