//! Tables of good and bad identifiers, with every error message verbatim.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use iam_ecs::{
    AccountId, AccountRootArn, Arn, ArnPattern, AssumedRoleArn, Error, Partition, Region, RoleArn,
    RoleName, RolePath, ServicePrincipal,
};

/// Parses `s` as `T` through every entry point, expects success, and
/// checks that the value displays as `s` and compares equal to it.
#[track_caller]
fn good<T>(s: &str) -> T
where
    T: FromStr<Err = Error>
        + for<'a> TryFrom<&'a str, Error = Error>
        + TryFrom<String, Error = Error>
        + Display
        + Debug
        + PartialEq
        + PartialEq<str>
        + AsRef<str>,
{
    let v: T = match s.parse() {
        Ok(v) => v,
        Err(e) => panic!("{s:?} should parse: {e}"),
    };
    assert_eq!(v.to_string(), s);
    assert_eq!(v.as_ref(), s);
    assert!(v == *s);
    assert_eq!(T::try_from(s).as_ref(), Ok(&v));
    assert_eq!(T::try_from(s.to_owned()).as_ref(), Ok(&v));
    v
}

/// Parses `s` as `T` through every entry point and expects the error
/// message `msg`, verbatim.
#[track_caller]
fn bad<T>(s: &str, msg: &str)
where
    T: FromStr<Err = Error>
        + for<'a> TryFrom<&'a str, Error = Error>
        + TryFrom<String, Error = Error>
        + Debug,
{
    match s.parse::<T>() {
        Ok(v) => panic!("{s:?} should be rejected, parsed as {v:?}"),
        Err(e) => {
            assert_eq!(e.to_string(), msg, "input {s:?}");
            assert_eq!(e.pointer(), None);
        }
    }
    assert_eq!(T::try_from(s).unwrap_err().to_string(), msg);
    assert_eq!(T::try_from(s.to_owned()).unwrap_err().to_string(), msg);
}

const PARTITIONS: &str =
    "expected one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc";

#[test]
fn account_id_good() {
    for s in [
        "111122223333",
        "012345678910",
        "000000000000",
        "999999999999",
        "123456789012",
    ] {
        let id = good::<AccountId>(s);
        assert_eq!(id.as_str(), s);
    }
}

#[test]
fn account_id_bad() {
    let table = [
        ("", "expected 12 digits, found an empty string"),
        // The guide's two 16-digit accounts and its 15-digit typo.
        ("1111222233334444", "expected 12 digits, found 16"),
        ("5555666677778888", "expected 12 digits, found 16"),
        ("111122223333444", "expected 12 digits, found 15"),
        ("12345678910", "expected 12 digits, found 11"),
        ("1", "expected 12 digits, found 1"),
        (
            "1111-2222-3333",
            r#"expected 12 digits, found "-" at position 4"#,
        ),
        (
            " 111122223333",
            r#"expected 12 digits, found " " at position 0"#,
        ),
        (
            "111122223333 ",
            r#"expected 12 digits, found " " at position 12"#,
        ),
        (
            "11112222333a",
            r#"expected 12 digits, found "a" at position 11"#,
        ),
        (
            "1111222233334444a",
            r#"expected 12 digits, found "a" at position 16"#,
        ),
        (
            "+11122223333",
            r#"expected 12 digits, found "+" at position 0"#,
        ),
        ("\n", r#"expected 12 digits, found "\n" at position 0"#),
        // Arabic-Indic digits are numeric but not ASCII digits.
        (
            "١١١١٢٢٢٢٣٣٣٣",
            r#"expected 12 digits, found "١" at position 0"#,
        ),
        (
            "11112222333٣",
            r#"expected 12 digits, found "٣" at position 11"#,
        ),
        // Fullwidth digit.
        (
            "12345678901２",
            r#"expected 12 digits, found "２" at position 11"#,
        ),
        ("aws", r#"expected 12 digits, found "a" at position 0"#),
    ];
    for (s, reason) in table {
        bad::<AccountId>(s, &format!("invalid account ID {s:?}: {reason}"));
    }
}

#[test]
fn account_id_full_message_from_the_guide() {
    let err = AccountId::parse("1111222233334444").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"invalid account ID "1111222233334444": expected 12 digits, found 16"#
    );
    let err = err.at("/Statement/0/Principal/AWS");
    assert_eq!(
        err.to_string(),
        r#"invalid account ID "1111222233334444" at /Statement/0/Principal/AWS: expected 12 digits, found 16"#
    );
}

#[test]
fn account_id_traits() {
    const ID: AccountId = AccountId::from_static("012345678910");
    assert_eq!(format!("{ID:?}"), r#"AccountId("012345678910")"#);
    assert_eq!(ID, AccountId::parse("012345678910").unwrap());
    assert!(ID == "012345678910");
    assert!("012345678910" == ID);
    assert!(ID < AccountId::from_static("112345678910"));
    assert_eq!(format!("[{ID:>14}]"), "[  012345678910]");
}

#[test]
fn partition_good() {
    let table = [
        ("aws", Partition::Aws, "amazonaws.com"),
        ("aws-cn", Partition::AwsCn, "amazonaws.com.cn"),
        ("aws-us-gov", Partition::AwsUsGov, "amazonaws.com"),
        ("aws-iso", Partition::AwsIso, "c2s.ic.gov"),
        ("aws-iso-b", Partition::AwsIsoB, "sc2s.sgov.gov"),
        ("aws-iso-e", Partition::AwsIsoE, "cloud.adc-e.uk"),
        ("aws-iso-f", Partition::AwsIsoF, "csp.hci.ic.gov"),
        ("aws-eusc", Partition::AwsEusc, "amazonaws.eu"),
    ];
    for (i, (s, p, dns)) in table.into_iter().enumerate() {
        assert_eq!(good::<Partition>(s), p);
        assert_eq!(p.as_str(), s);
        assert_eq!(p.dns_suffix(), dns);
        assert_eq!(Partition::ALL[i], p);
    }
    assert_eq!(Partition::default(), Partition::Aws);
    assert_eq!(format!("{:?}", Partition::AwsCn), "AwsCn");
}

#[test]
fn partition_bad() {
    for s in [
        "",
        "AWS",
        "Aws",
        "aws-global",
        "aws-xx",
        " aws",
        "aws-cn ",
        "*",
    ] {
        bad::<Partition>(s, &format!("invalid partition {s:?}: {PARTITIONS}"));
    }
}

#[test]
fn partition_region_patterns() {
    use Partition::*;
    let table = [
        (Aws, "us-east-1", true),
        (Aws, "af-south-1", true),
        (Aws, "il-central-1", true),
        (Aws, "mx-central-1", true),
        (Aws, "ap-southeast-7", true),
        (Aws, "ap-newplace-12", true),
        (Aws, "us_x-east_2-1", false),
        (Aws, "us-east_2-1", true),
        (Aws, "us-gov-west-1", false),
        (Aws, "us-iso-east-1", false),
        (Aws, "eu-isoe-west-1", false),
        (Aws, "cn-north-1", false),
        (Aws, "xx-east-1", false),
        (Aws, "us-east-", false),
        (Aws, "us--1", false),
        (Aws, "us-east-1a", false),
        (Aws, "us-east-1-", false),
        (Aws, "us", false),
        (Aws, "", false),
        (Aws, "aws-global", false),
        (AwsCn, "cn-north-1", true),
        (AwsCn, "cn-northwest-1", true),
        (AwsCn, "aws-cn-global", false),
        (AwsUsGov, "us-gov-west-1", true),
        (AwsUsGov, "us-gov-east-1", true),
        (AwsUsGov, "us-east-1", false),
        (AwsIso, "us-iso-east-1", true),
        (AwsIso, "us-isob-east-1", false),
        (AwsIsoB, "us-isob-east-1", true),
        (AwsIsoE, "eu-isoe-west-1", true),
        (AwsIsoF, "us-isof-south-1", true),
        (AwsEusc, "eusc-de-east-1", true),
        (AwsEusc, "eusc-fr-east-1", false),
        (AwsEusc, "eusc-east-1", false),
    ];
    for (p, region, expected) in table {
        assert_eq!(p.region_matches(region), expected, "{p} {region}");
        if expected {
            assert_eq!(Region::parse(region).unwrap().partition(), p, "{region}");
        }
    }
}

#[test]
fn region_good() {
    let table = [
        ("us-east-1", Partition::Aws),
        ("eu-central-2", Partition::Aws),
        ("ap-southeast-9", Partition::Aws), // not yet announced: still parses
        ("cn-north-1", Partition::AwsCn),
        ("us-gov-west-1", Partition::AwsUsGov),
        ("us-iso-east-1", Partition::AwsIso),
        ("us-isob-east-1", Partition::AwsIsoB),
        ("eu-isoe-west-1", Partition::AwsIsoE),
        ("us-isof-south-1", Partition::AwsIsoF),
        ("eusc-de-east-1", Partition::AwsEusc),
    ];
    for (s, p) in table {
        assert_eq!(good::<Region>(s).partition(), p);
    }
    const R: Region = Region::from_static("us-west-2");
    assert_eq!(R.partition(), Partition::Aws);
    assert_eq!(format!("{R:?}"), r#"Region("us-west-2")"#);
}

#[test]
fn region_bad() {
    let known = "expected a region of a known partition, such as us-east-1";
    let pseudo = "expected a region such as us-east-1, found a global pseudo-region";
    let table = [
        (
            "",
            "expected a region such as us-east-1, found an empty string",
        ),
        ("aws-global", pseudo),
        ("aws-cn-global", pseudo),
        ("aws-us-gov-global", pseudo),
        ("aws-iso-f-global", pseudo),
        ("us-east", known),
        ("useast1", known),
        ("us-east-1a", known),
        ("xx-east-1", known),
        ("eusc-fr-east-1", known),
        (" us-east-1", known),
        ("us-east-1\n", known),
        ("us-east-١", known),
        ("*", known),
    ];
    for (s, reason) in table {
        bad::<Region>(s, &format!("invalid region {s:?}: {reason}"));
    }
}

#[test]
fn arn_good() {
    let table = [
        (
            "arn:aws:iam::aws:policy/AdministratorAccess",
            Partition::Aws,
            "iam",
            "",
            "aws",
            "policy/AdministratorAccess",
        ),
        (
            "arn:aws:s3:::my_corporate_bucket/exampleobject.png",
            Partition::Aws,
            "s3",
            "",
            "",
            "my_corporate_bucket/exampleobject.png",
        ),
        (
            "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web",
            Partition::Aws,
            "logs",
            "us-east-1",
            "111122223333",
            "log-group:/ecs/web",
        ),
        (
            "arn:aws:iam::123456789012:role/application_abc/component_xyz/RDSAccess",
            Partition::Aws,
            "iam",
            "",
            "123456789012",
            "role/application_abc/component_xyz/RDSAccess",
        ),
        (
            "arn:aws:sts::123456789012:assumed-role/Accounting-Role/JaneDoe",
            Partition::Aws,
            "sts",
            "",
            "123456789012",
            "assumed-role/Accounting-Role/JaneDoe",
        ),
        (
            "arn:aws-cn:ecs:cn-north-1:111122223333:cluster/default",
            Partition::AwsCn,
            "ecs",
            "cn-north-1",
            "111122223333",
            "cluster/default",
        ),
        (
            "arn:aws-us-gov:sqs:us-gov-west-1:111122223333:queue",
            Partition::AwsUsGov,
            "sqs",
            "us-gov-west-1",
            "111122223333",
            "queue",
        ),
        (
            "arn:aws-eusc:ecr:eusc-de-east-1:111122223333:repository/app",
            Partition::AwsEusc,
            "ecr",
            "eusc-de-east-1",
            "111122223333",
            "repository/app",
        ),
        (
            "arn:aws:artifact:::report-package/Certifications and Attestations/SOC",
            Partition::Aws,
            "artifact",
            "",
            "",
            "report-package/Certifications and Attestations/SOC",
        ),
        (
            "arn:aws:apigateway:us-east-1::/restapis/a1b2c3",
            Partition::Aws,
            "apigateway",
            "us-east-1",
            "",
            "/restapis/a1b2c3",
        ),
        (
            "arn:aws:ssm:us-east-1:111122223333:automation-definition/x:$DEFAULT",
            Partition::Aws,
            "ssm",
            "us-east-1",
            "111122223333",
            "automation-definition/x:$DEFAULT",
        ),
        (
            "arn:aws:execute-api:us-east-1:111122223333:api/stage/GET/",
            Partition::Aws,
            "execute-api",
            "us-east-1",
            "111122223333",
            "api/stage/GET/",
        ),
    ];
    for (s, partition, service, region, account, resource) in table {
        let arn = good::<Arn>(s);
        assert_eq!(arn.as_str(), s);
        assert_eq!(arn.partition(), partition, "{s}");
        assert_eq!(arn.service(), service, "{s}");
        assert_eq!(arn.region(), region, "{s}");
        assert_eq!(arn.account(), account, "{s}");
        assert_eq!(arn.resource(), resource, "{s}");
        let pattern = ArnPattern::from(arn.clone());
        assert_eq!(pattern, ArnPattern::parse(s).unwrap());
        assert!(!pattern.has_wildcards());
    }
    let long = format!("arn:aws:s3:::{}", "b".repeat(2048 - 13));
    assert_eq!(good::<Arn>(&long).as_str().len(), 2048);
}

#[test]
fn arn_bad() {
    let fields =
        r#"expected 6 fields separated by ":" (arn:partition:service:region:account:resource)"#;
    let table = [
        ("", r#"expected "arn:" at the start"#.to_owned()),
        ("s3:::bucket", r#"expected "arn:" at the start"#.to_owned()),
        ("ARN:aws:s3:::b", r#"expected "arn:" at the start"#.to_owned()),
        ("aws:iam::123456789012:role/x", r#"expected "arn:" at the start"#.to_owned()),
        ("arn", format!("{fields}, found 1")),
        ("arn:aws:s3", format!("{fields}, found 3")),
        ("arn:aws:iam::123456789012", format!("{fields}, found 5")),
        ("arn:", format!(r#"partition "": {PARTITIONS}"#)),
        ("arn::s3:::b", format!(r#"partition "": {PARTITIONS}"#)),
        ("arn:aws-xx:s3:::b", format!(r#"partition "aws-xx": {PARTITIONS}"#)),
        ("arn:aws-foo:iam::123456789012:role/x", format!(r#"partition "aws-foo": {PARTITIONS}"#)),
        ("arn:AWS:s3:::b", format!(r#"partition "AWS": {PARTITIONS}"#)),
        ("arn:aws::::b", r#"service "": expected lowercase letters, digits and hyphens, found an empty string"#.to_owned()),
        ("arn:aws:S3:::b", r#"service "S3": expected lowercase letters, digits and hyphens, found "S" at position 0"#.to_owned()),
        ("arn:aws:IAM::123456789012:role/x", r#"service "IAM": expected lowercase letters, digits and hyphens, found "I" at position 0"#.to_owned()),
        ("arn:aws:s_3:::b", r#"service "s_3": expected lowercase letters, digits and hyphens, found "_" at position 1"#.to_owned()),
        ("arn:aws:s3:::", r#"expected a resource after the fifth ":", found an empty string"#.to_owned()),
        ("arn:aws:iam:us-east-1:123456789012:role/x", r#"region "us-east-1": expected an empty region in an iam ARN"#.to_owned()),
        ("arn:aws:sts:us-east-1:123456789012:assumed-role/R/s", r#"region "us-east-1": expected an empty region in an sts ARN"#.to_owned()),
        ("arn:aws:sqs:cn-north-1:111122223333:q", r#"region "cn-north-1": expected a region of partition aws, such as us-east-1"#.to_owned()),
        ("arn:aws-cn:sqs:us-east-1:111122223333:q", r#"region "us-east-1": expected a region of partition aws-cn, such as cn-northwest-1"#.to_owned()),
        ("arn:aws:sqs:aws-global:111122223333:q", r#"region "aws-global": expected a region of partition aws, such as us-east-1"#.to_owned()),
        ("arn:aws:iam::1111222233334444:role/x", r#"account "1111222233334444": expected 12 digits, found 16"#.to_owned()),
        ("arn:aws:iam::5555666677778888:role/destination-account-role", r#"account "5555666677778888": expected 12 digits, found 16"#.to_owned()),
        ("arn:aws:iam::111122223333444:role/x", r#"account "111122223333444": expected 12 digits, found 15"#.to_owned()),
        ("arn:aws:iam::account-id:role/x", r#"account "account-id": expected 12 digits, found "a" at position 0"#.to_owned()),
        ("arn:aws:iam::١١١١٢٢٢٢٣٣٣٣:role/x", r#"account "١١١١٢٢٢٢٣٣٣٣": expected 12 digits, found "١" at position 0"#.to_owned()),
        ("arn:aws:s3:::bucket/*", r#"expected no wildcards in a concrete ARN, found "*" at position 20"#.to_owned()),
        ("arn:aws:s3:::bucket/?", r#"expected no wildcards in a concrete ARN, found "?" at position 20"#.to_owned()),
        ("arn:*:s3:::b", r#"expected no wildcards in a concrete ARN, found "*" at position 4"#.to_owned()),
        ("arn:aws:iam::111122223333:user/${aws:username}", r#"expected no policy variables in a concrete ARN, found "${" at position 31"#.to_owned()),
        ("arn:aws:s3:::b\nc", r#"expected no control characters, found "\n" at position 14"#.to_owned()),
        ("arn:aws:s3:::b\u{7f}", r#"expected no control characters, found "\u{7f}" at position 14"#.to_owned()),
    ];
    for (s, reason) in table {
        bad::<Arn>(s, &format!("invalid ARN {s:?}: {reason}"));
    }
    let long = format!("arn:aws:s3:::{}", "b".repeat(2048 - 12));
    bad::<Arn>(
        &long,
        &format!("invalid ARN {long:?}: expected at most 2048 characters, found 2049"),
    );
}

#[test]
fn arn_pattern_good() {
    let table = [
        (
            "arn:aws:iam::*:user/${aws:username}",
            "aws",
            "iam",
            "",
            "*",
            "user/${aws:username}",
        ),
        ("arn:*:s3:::my-bucket/*", "*", "s3", "", "", "my-bucket/*"),
        (
            "arn:aws:organizations::*:",
            "aws",
            "organizations",
            "",
            "*",
            "",
        ),
        (
            "arn:aws:apigateway:*::/restapis/??????????",
            "aws",
            "apigateway",
            "*",
            "",
            "/restapis/??????????",
        ),
        (
            "arn:aws:ec2:us-*:*:instance/*",
            "aws",
            "ec2",
            "us-*",
            "*",
            "instance/*",
        ),
        (
            "arn:aws:ec2:us-east-?:*:instance/*",
            "aws",
            "ec2",
            "us-east-?",
            "*",
            "instance/*",
        ),
        ("arn:aws:iam:*:*:role/*", "aws", "iam", "*", "*", "role/*"),
        ("arn:aws-*:s3:::b", "aws-*", "s3", "", "", "b"),
        ("arn:aws:*:*:*:*", "aws", "*", "*", "*", "*"),
        ("arn:aws:s3*:::b", "aws", "s3*", "", "", "b"),
        (
            "arn:*:ec2:cn-north-1:*:x",
            "*",
            "ec2",
            "cn-north-1",
            "*",
            "x",
        ),
        (
            "arn:aws:s3::11111111111?:b",
            "aws",
            "s3",
            "",
            "11111111111?",
            "b",
        ),
        ("arn:aws:s3::1111*:b", "aws", "s3", "", "1111*", "b"),
        ("arn:aws:s3::aws:b", "aws", "s3", "", "aws", "b"),
        (
            "arn:aws:iam::111122223333:role/my*role",
            "aws",
            "iam",
            "",
            "111122223333",
            "role/my*role",
        ),
        (
            "arn:aws:logs:*:*:log-group:${aws:PrincipalTag/LogGroupName}:log-stream:*",
            "aws",
            "logs",
            "*",
            "*",
            "log-group:${aws:PrincipalTag/LogGroupName}:log-stream:*",
        ),
        (
            "arn:aws:s3:::b/${aws:PrincipalTag/datazone:userId}/*",
            "aws",
            "s3",
            "",
            "",
            "b/${aws:PrincipalTag/datazone:userId}/*",
        ),
        (
            "arn:aws:s3:::${aws:username}",
            "aws",
            "s3",
            "",
            "",
            "${aws:username}",
        ),
        ("arn:aws:s3:::b/${*}", "aws", "s3", "", "", "b/${*}"),
    ];
    for (s, partition, service, region, account, resource) in table {
        let p = good::<ArnPattern>(s);
        assert_eq!(p.as_str(), s);
        assert_eq!(p.partition(), partition, "{s}");
        assert_eq!(p.service(), service, "{s}");
        assert_eq!(p.region(), region, "{s}");
        assert_eq!(p.account(), account, "{s}");
        assert_eq!(p.resource(), resource, "{s}");
        assert_eq!(p.known_partition(), partition.parse().ok(), "{s}");
    }
}

#[test]
fn arn_pattern_bad() {
    let table = [
        ("*", r#"expected "arn:" at the start"#.to_owned()),
        ("arn:aws:s3", r#"expected 6 fields separated by ":" (arn:partition:service:region:account:resource), found 3"#.to_owned()),
        ("arn:aws-xx:s3:::b", format!(r#"partition "aws-xx": {PARTITIONS}"#)),
        ("arn:AW*:s3:::b", r#"partition "AW*": expected lowercase letters, hyphens and wildcards, found "A" at position 0"#.to_owned()),
        ("arn:aws:S3:::b", r#"service "S3": expected lowercase letters, digits, hyphens and wildcards, found "S" at position 0"#.to_owned()),
        ("arn:aws:iam::${aws:PrincipalAccount}:role/x", r#"expected policy variables only in the resource (after the fifth ":"), found "${" at position 13"#.to_owned()),
        ("arn:aws:s3:${aws:RequestedRegion}::b", r#"expected policy variables only in the resource (after the fifth ":"), found "${" at position 11"#.to_owned()),
        ("arn:aws:s3:::b/${aws:username", r#"expected "}" to close the policy variable "${" at position 15"#.to_owned()),
        ("arn:aws:s3:::${a}/${b", r#"expected "}" to close the policy variable "${" at position 18"#.to_owned()),
        ("arn:aws:iam::1111222233334444:role/*", r#"account "1111222233334444": expected 12 digits, found 16"#.to_owned()),
        ("arn:aws:iam::111122223333444:role/*", r#"account "111122223333444": expected 12 digits, found 15"#.to_owned()),
        ("arn:aws:s3::12*a:b", r#"account "12*a": expected digits and wildcards, found "a" at position 3"#.to_owned()),
        ("arn:aws:s3::1111222233334*:b", r#"account "1111222233334*": expected at most 12 digits, found 13"#.to_owned()),
        ("arn:aws:s3::11?:b", r#"account "11?": expected 12 digits or "?", found 3"#.to_owned()),
        ("arn:aws:ec2:xx-east-1:*:instance/*", r#"region "xx-east-1": expected a region of partition aws, such as us-east-1"#.to_owned()),
        ("arn:*:ec2:zz-north-1:*:x", r#"region "zz-north-1": expected a region of a known partition, such as us-east-1"#.to_owned()),
        ("arn:aws:s3:us-*!::b", r#"region "us-*!": expected letters, digits, hyphens and wildcards, found "!" at position 4"#.to_owned()),
        ("arn:aws:iam:us-east-1:*:role/*", r#"region "us-east-1": expected an empty region in an iam ARN"#.to_owned()),
        ("arn:aws:s3:::b\tc", r#"expected no control characters, found "\t" at position 14"#.to_owned()),
    ];
    for (s, reason) in table {
        bad::<ArnPattern>(s, &format!("invalid ARN pattern {s:?}: {reason}"));
    }
}

#[test]
fn role_name_good() {
    let max = "a".repeat(64);
    for s in [
        "S3Access",
        "a",
        "ecsTaskExecutionRole",
        "a+=,.@-_b",
        "R0le_9",
        max.as_str(),
    ] {
        good::<RoleName>(s);
    }
    const NAME: RoleName = RoleName::from_static("ecsTaskRole");
    assert_eq!(format!("{NAME:?}"), r#"RoleName("ecsTaskRole")"#);
}

#[test]
fn role_name_bad() {
    let chars = "expected letters, digits and _+=,.@-";
    let long = "a".repeat(65);
    let table = [
        (
            "",
            "expected 1 to 64 characters, found an empty string".to_owned(),
        ),
        ("my role", format!(r#"{chars}, found " " at position 2"#)),
        ("app/role", format!(r#"{chars}, found "/" at position 3"#)),
        ("my*role", format!(r#"{chars}, found "*" at position 2"#)),
        ("rôle", format!(r#"{chars}, found "ô" at position 1"#)),
        ("role١", format!(r#"{chars}, found "١" at position 4"#)),
        (
            long.as_str(),
            "expected at most 64 characters, found 65".to_owned(),
        ),
    ];
    for (s, reason) in table {
        bad::<RoleName>(s, &format!("invalid role name {s:?}: {reason}"));
    }
}

#[test]
fn role_path_good() {
    let max = format!("/{}/", "a".repeat(510));
    for s in [
        "/",
        "/service-role/",
        "/a/b/",
        "/application_abc/component_xyz/",
        "///",
        "/!~/",
        max.as_str(),
    ] {
        good::<RolePath>(s);
    }
    assert_eq!(RolePath::default(), "/");
    assert_eq!(RolePath::ROOT, RolePath::default());
    const PATH: RolePath = RolePath::from_static("/ecs/");
    assert_eq!(format!("{PATH:?}"), r#"RolePath("/ecs/")"#);
}

#[test]
fn role_path_bad() {
    let chars = "expected printable ASCII characters other than space";
    let long = format!("/{}/", "a".repeat(511));
    let table = [
        (
            "",
            r#"expected "/" or a path that starts and ends with "/", found an empty string"#
                .to_owned(),
        ),
        (
            "app/",
            r#"expected a path that starts with "/", found "a" at position 0"#.to_owned(),
        ),
        (
            "division_abc/",
            r#"expected a path that starts with "/", found "d" at position 0"#.to_owned(),
        ),
        (
            "/app",
            r#"expected a path that ends with "/", found "p" at position 3"#.to_owned(),
        ),
        (
            "/division abc/",
            format!(r#"{chars}, found " " at position 9"#),
        ),
        ("/é/", format!(r#"{chars}, found "é" at position 1"#)),
        (
            "/a\u{7f}/",
            format!(r#"{chars}, found "\u{{7f}}" at position 2"#),
        ),
        (
            "//",
            r#"expected "/" alone or at least one character between the slashes"#.to_owned(),
        ),
        (
            long.as_str(),
            "expected at most 512 characters, found 513".to_owned(),
        ),
    ];
    for (s, reason) in table {
        bad::<RolePath>(s, &format!("invalid role path {s:?}: {reason}"));
    }
}

#[test]
fn role_arn_good() {
    let table = [
        ("arn:aws:iam::111122223333:role/a/b/name", Partition::Aws, "111122223333", "/a/b/", "name"),
        ("arn:aws:iam::123456789012:role/S3Access", Partition::Aws, "123456789012", "/", "S3Access"),
        ("arn:aws:iam::123456789012:role/application_abc/component_xyz/RDSAccess", Partition::Aws, "123456789012", "/application_abc/component_xyz/", "RDSAccess"),
        ("arn:aws:iam::123456789012:role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer", Partition::Aws, "123456789012", "/aws-service-role/access-analyzer.amazonaws.com/", "AWSServiceRoleForAccessAnalyzer"),
        ("arn:aws:iam::123456789012:role/service-role/QuickSightAction", Partition::Aws, "123456789012", "/service-role/", "QuickSightAction"),
        ("arn:aws-cn:iam::123456789012:role/S3Access", Partition::AwsCn, "123456789012", "/", "S3Access"),
        ("arn:aws-us-gov:iam::012345678910:role/x", Partition::AwsUsGov, "012345678910", "/", "x"),
    ];
    for (s, partition, account, path, name) in table {
        let arn = good::<RoleArn>(s);
        assert_eq!(arn.partition(), partition);
        assert_eq!(arn.account(), account);
        assert_eq!(arn.path(), path);
        assert_eq!(arn.name(), name);
        let built = RoleArn::new(
            partition,
            AccountId::parse(account).unwrap(),
            RolePath::parse(path).unwrap(),
            RoleName::parse(name).unwrap(),
        );
        assert_eq!(built, arn);
        assert_eq!(built.as_str(), s);
        // A role ARN is also a concrete ARN.
        assert_eq!(
            Arn::parse(s).unwrap().resource(),
            &s[s.find("role").unwrap()..]
        );
    }
    let arn = RoleArn::new(
        Partition::Aws,
        AccountId::from_static("111122223333"),
        RolePath::default(),
        RoleName::from_static("ecsTaskRole"),
    );
    assert_eq!(
        format!("{arn:?}"),
        r#"RoleArn("arn:aws:iam::111122223333:role/ecsTaskRole")"#
    );
}

#[test]
fn role_arn_bad() {
    let resource = r#"expected "role/" followed by an optional path and a role name"#;
    let long_name = format!("arn:aws:iam::123456789012:role/{}", "a".repeat(65));
    let table = [
        ("arn:aws:iam::1111222233334444:role/my-ECS-task-role", r#"account "1111222233334444": expected 12 digits, found 16"#.to_owned()),
        ("arn:aws:iam::5555666677778888:role/destination-account-role", r#"account "5555666677778888": expected 12 digits, found 16"#.to_owned()),
        ("arn:aws:iam::111122223333444:role/x", r#"account "111122223333444": expected 12 digits, found 15"#.to_owned()),
        ("arn:aws:iam:::role/x", r#"account "": expected 12 digits, found an empty string"#.to_owned()),
        ("arn:aws:iam::aws:role/x", r#"account "aws": expected 12 digits, found "a" at position 0"#.to_owned()),
        ("arn:aws:iam::111122223333:user/x", format!(r#"resource "user/x": {resource}"#)),
        ("arn:aws:iam::111122223333:rolex", format!(r#"resource "rolex": {resource}"#)),
        ("arn:aws:iam::111122223333:role", format!(r#"resource "role": {resource}"#)),
        ("arn:aws:sts::111122223333:role/x", r#"service "sts": expected "iam""#.to_owned()),
        ("arn:aws:IAM::123456789012:role/x", r#"service "IAM": expected "iam""#.to_owned()),
        ("arn:aws:iam:us-east-1:111122223333:role/x", r#"region "us-east-1": expected an empty region"#.to_owned()),
        ("arn:aws-foo:iam::123456789012:role/x", format!(r#"partition "aws-foo": {PARTITIONS}"#)),
        ("aws:iam::123456789012:role/x", r#"expected "arn:" at the start"#.to_owned()),
        ("arn:aws:iam::111122223333:role/", r#"role name "": expected 1 to 64 characters, found an empty string"#.to_owned()),
        ("arn:aws:iam::111122223333:role//x", r#"role path "//": expected "/" alone or at least one character between the slashes"#.to_owned()),
        ("arn:aws:iam::111122223333:role/*", r#"role name "*": expected letters, digits and _+=,.@-, found "*" at position 0"#.to_owned()),
        ("arn:aws:iam::123456789012:role/my*role", r#"role name "my*role": expected letters, digits and _+=,.@-, found "*" at position 2"#.to_owned()),
        ("arn:aws:iam::123456789012:role/my role", r#"role name "my role": expected letters, digits and _+=,.@-, found " " at position 2"#.to_owned()),
        ("arn:aws:iam::111122223333:role/a b/x", r#"role path "/a b/": expected printable ASCII characters other than space, found " " at position 2"#.to_owned()),
        (long_name.as_str(), format!(r#"role name "{}": expected at most 64 characters, found 65"#, "a".repeat(65))),
    ];
    for (s, reason) in table {
        bad::<RoleArn>(s, &format!("invalid role ARN {s:?}: {reason}"));
    }
}

#[test]
fn account_root_arn() {
    for (s, p) in [
        ("arn:aws:iam::111122223333:root", Partition::Aws),
        ("arn:aws-us-gov:iam::012345678910:root", Partition::AwsUsGov),
        ("arn:aws-eusc:iam::111122223333:root", Partition::AwsEusc),
    ] {
        let arn = good::<AccountRootArn>(s);
        assert_eq!(arn.partition(), p);
        assert_eq!(AccountRootArn::new(p, arn.account().clone()), arn);
    }
    let arn = AccountRootArn::new(Partition::AwsCn, AccountId::from_static("111122223333"));
    assert_eq!(arn, "arn:aws-cn:iam::111122223333:root");
    assert_eq!(
        format!("{arn:?}"),
        r#"AccountRootArn("arn:aws-cn:iam::111122223333:root")"#
    );

    let table = [
        (
            "arn:aws:iam::1111222233334444:root",
            r#"account "1111222233334444": expected 12 digits, found 16"#,
        ),
        (
            "arn:aws:iam::111122223333:user/root",
            r#"resource "user/root": expected "root""#,
        ),
        (
            "arn:aws:iam::111122223333:root/",
            r#"resource "root/": expected "root""#,
        ),
        (
            "arn:aws:sts::111122223333:root",
            r#"service "sts": expected "iam""#,
        ),
        (
            "arn:aws:iam:us-east-1:111122223333:root",
            r#"region "us-east-1": expected an empty region"#,
        ),
        ("111122223333", r#"expected "arn:" at the start"#),
    ];
    for (s, reason) in table {
        bad::<AccountRootArn>(s, &format!("invalid account root ARN {s:?}: {reason}"));
    }
}

#[test]
fn assumed_role_arn() {
    for (s, role, session) in [
        (
            "arn:aws:sts::123456789012:assumed-role/Accounting-Role/JaneDoe",
            "Accounting-Role",
            "JaneDoe",
        ),
        (
            "arn:aws:sts::111122223333:assumed-role/Deploy/ci-run-42",
            "Deploy",
            "ci-run-42",
        ),
        (
            "arn:aws-cn:sts::111122223333:assumed-role/R/a@b.c",
            "R",
            "a@b.c",
        ),
    ] {
        let arn = good::<AssumedRoleArn>(s);
        assert_eq!(arn.role_name(), role);
        assert_eq!(arn.session_name(), session);
        let built = AssumedRoleArn::new(
            arn.partition(),
            arn.account().clone(),
            arn.role_name().clone(),
            session,
        )
        .unwrap();
        assert_eq!(built, arn);
        assert_eq!(built.session_name(), session);
    }

    let err = AssumedRoleArn::new(
        Partition::Aws,
        AccountId::from_static("111122223333"),
        RoleName::from_static("R"),
        "x",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"invalid role session name "x": expected 2 to 64 characters, found 1"#
    );

    let chars = "expected letters, digits and _+=,.@-";
    let table = [
        (
            "arn:aws:iam::111122223333:assumed-role/R/s1",
            r#"service "iam": expected "sts""#.to_owned(),
        ),
        (
            "arn:aws:sts::111122223333:assumed-role/R",
            r#"resource "assumed-role/R": expected "assumed-role/ROLE-NAME/SESSION-NAME""#
                .to_owned(),
        ),
        (
            "arn:aws:sts::111122223333:federated-user/x",
            r#"resource "federated-user/x": expected "assumed-role/ROLE-NAME/SESSION-NAME""#
                .to_owned(),
        ),
        (
            "arn:aws:sts::123456789012:assumed-role/Accounting-Role/*",
            format!(r#"role session name "*": {chars}, found "*" at position 0"#),
        ),
        (
            "arn:aws:sts::111122223333:assumed-role/a/R/s1",
            format!(r#"role session name "R/s1": {chars}, found "/" at position 1"#),
        ),
        (
            "arn:aws:sts::111122223333:assumed-role/R/x",
            r#"role session name "x": expected 2 to 64 characters, found 1"#.to_owned(),
        ),
        (
            "arn:aws:sts::111122223333:assumed-role/R/",
            r#"role session name "": expected 2 to 64 characters, found an empty string"#
                .to_owned(),
        ),
        (
            "arn:aws:sts::111122223333:assumed-role//s1",
            r#"role name "": expected 1 to 64 characters, found an empty string"#.to_owned(),
        ),
        (
            "arn:aws:sts::111122223333444:assumed-role/R/s1",
            r#"account "111122223333444": expected 12 digits, found 15"#.to_owned(),
        ),
    ];
    for (s, reason) in table {
        bad::<AssumedRoleArn>(s, &format!("invalid assumed-role ARN {s:?}: {reason}"));
    }
}

#[test]
fn service_principal_good() {
    let table = [
        ("ecs-tasks.amazonaws.com", "ecs-tasks", "amazonaws.com"),
        (
            "ecs-tasks.amazonaws.com.cn",
            "ecs-tasks",
            "amazonaws.com.cn",
        ),
        ("ec2.amazonaws.com.cn", "ec2", "amazonaws.com.cn"),
        ("logs.us-east-1.amazonaws.com", "logs", "amazonaws.com"),
        (
            "access-analyzer.amazonaws.com",
            "access-analyzer",
            "amazonaws.com",
        ),
        ("ec2.c2s.ic.gov", "ec2", "c2s.ic.gov"),
        ("ec2.sc2s.sgov.gov", "ec2", "sc2s.sgov.gov"),
        ("ec2.csp.hci.ic.gov", "ec2", "csp.hci.ic.gov"),
        ("ec2.cloud.adc-e.uk", "ec2", "cloud.adc-e.uk"),
        ("ecs-tasks.amazonaws.eu", "ecs-tasks", "amazonaws.eu"),
    ];
    for (s, service, suffix) in table {
        let p = good::<ServicePrincipal>(s);
        assert_eq!(p.service(), service);
        assert_eq!(p.dns_suffix(), suffix);
    }
    assert_eq!(ServicePrincipal::ECS_TASKS, "ecs-tasks.amazonaws.com");
    for p in Partition::ALL {
        assert_eq!(ServicePrincipal::ecs_tasks(p), ServicePrincipal::ECS_TASKS);
    }
    assert_eq!(
        format!("{:?}", ServicePrincipal::ECS_TASKS),
        r#"ServicePrincipal("ecs-tasks.amazonaws.com")"#
    );
}

#[test]
fn service_principal_bad() {
    let suffix = "expected a name ending in .amazonaws.com or another partition's DNS suffix";
    let chars = "expected lowercase letters, digits, hyphens and dots";
    let table = [
        (
            "",
            "expected a service principal such as ecs-tasks.amazonaws.com, found an empty string"
                .to_owned(),
        ),
        (
            "amazonaws.com",
            r#"expected a service name before "amazonaws.com""#.to_owned(),
        ),
        (
            "amazonaws.com.cn",
            r#"expected a service name before "amazonaws.com.cn""#.to_owned(),
        ),
        ("ecs-tasks", suffix.to_owned()),
        ("ecs-tasks.amazon.com", suffix.to_owned()),
        ("ecs-tasks.amazonaws.com.", suffix.to_owned()),
        ("ecs-tasksamazonaws.com", suffix.to_owned()),
        (
            "ECS-tasks.amazonaws.com",
            format!(r#"{chars}, found "E" at position 0"#),
        ),
        (
            "ecs tasks.amazonaws.com",
            format!(r#"{chars}, found " " at position 3"#),
        ),
        (
            "ecs_tasks.amazonaws.com",
            format!(r#"{chars}, found "_" at position 3"#),
        ),
        (
            "ecs*.amazonaws.com",
            format!(r#"{chars}, found "*" at position 3"#),
        ),
        (
            "ecs..amazonaws.com",
            "expected a label, found an empty one at position 4".to_owned(),
        ),
        (
            ".amazonaws.com",
            "expected a label, found an empty one at position 0".to_owned(),
        ),
        (
            "-ecs.amazonaws.com",
            r#"expected a label that does not start with a hyphen, found "-" at position 0"#
                .to_owned(),
        ),
        (
            "a.b-.amazonaws.com",
            r#"expected a label that does not end with a hyphen, found "-" at position 3"#
                .to_owned(),
        ),
    ];
    for (s, reason) in table {
        bad::<ServicePrincipal>(s, &format!("invalid service principal {s:?}: {reason}"));
    }
}

#[test]
fn from_static_matches_parse() {
    const A: AccountId = AccountId::from_static("111122223333");
    const N: RoleName = RoleName::from_static("a+=,.@-_b");
    const P: RolePath = RolePath::from_static("/a/b/");
    const R: Region = Region::from_static("cn-north-1");
    assert_eq!(A, AccountId::parse("111122223333").unwrap());
    assert_eq!(N, RoleName::parse("a+=,.@-_b").unwrap());
    assert_eq!(P, RolePath::parse("/a/b/").unwrap());
    assert_eq!(R, Region::parse("cn-north-1").unwrap());
}

#[test]
#[should_panic(expected = "invalid account ID")]
fn account_from_static_panics() {
    let _ = AccountId::from_static("١١١١٢٢٢٢٣٣٣٣");
}

#[test]
#[should_panic(expected = "invalid role name")]
fn role_name_from_static_panics() {
    let _ = RoleName::from_static("");
}

#[test]
#[should_panic(expected = "invalid role path")]
fn role_path_from_static_panics() {
    let _ = RolePath::from_static("//");
}

#[test]
#[should_panic(expected = "invalid region")]
fn region_from_static_panics() {
    let _ = Region::from_static("us-east-1a");
}

#[test]
fn send_sync() {
    fn assert_send_sync<T: Send + Sync + Clone + Eq + std::hash::Hash + Ord + Debug>() {}
    fn assert_error_send_sync<T: Send + Sync + std::error::Error + 'static>() {}
    assert_send_sync::<AccountId>();
    assert_send_sync::<Partition>();
    assert_send_sync::<Region>();
    assert_send_sync::<Arn>();
    assert_send_sync::<ArnPattern>();
    assert_send_sync::<RoleName>();
    assert_send_sync::<RolePath>();
    assert_send_sync::<RoleArn>();
    assert_send_sync::<AccountRootArn>();
    assert_send_sync::<AssumedRoleArn>();
    assert_send_sync::<ServicePrincipal>();
    assert_error_send_sync::<Error>();
}

/// Serializes `s` parsed as `T` and reads it back.
#[track_caller]
fn serde_round_trip<T>(s: &str)
where
    T: FromStr<Err = Error> + serde::Serialize + serde::de::DeserializeOwned + PartialEq + Debug,
{
    let v: T = s.parse().unwrap();
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(json, serde_json::to_string(s).unwrap());
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(back, v);
    // From an owned string too (serde_json::Value hands over a String).
    let back: T = serde_json::from_value(serde_json::Value::String(s.to_owned())).unwrap();
    assert_eq!(back, v);
}

/// Deserializing `json` as `T` fails with `msg`, verbatim.
#[track_caller]
fn serde_error<T: serde::de::DeserializeOwned + Debug>(json: &str, msg: &str) {
    let err = serde_json::from_str::<T>(json).unwrap_err();
    assert_eq!(err.to_string(), msg);
}

#[test]
fn serde() {
    serde_round_trip::<AccountId>("012345678910");
    serde_round_trip::<Partition>("aws-us-gov");
    serde_round_trip::<Region>("eu-west-1");
    serde_round_trip::<Arn>("arn:aws:s3:::b/\"quoted\"");
    serde_round_trip::<ArnPattern>("arn:aws:iam::*:user/${aws:username}");
    serde_round_trip::<RoleName>("ecsTaskRole");
    serde_round_trip::<RolePath>("/a/b/");
    serde_round_trip::<RoleArn>("arn:aws:iam::111122223333:role/a/b/name");
    serde_round_trip::<AccountRootArn>("arn:aws:iam::111122223333:root");
    serde_round_trip::<AssumedRoleArn>("arn:aws:sts::111122223333:assumed-role/R/s1");
    serde_round_trip::<ServicePrincipal>("ecs-tasks.amazonaws.com");

    serde_error::<AccountId>(
        r#""1111222233334444""#,
        r#"invalid account ID "1111222233334444": expected 12 digits, found 16 at line 1 column 18"#,
    );
    serde_error::<AccountId>(
        "111122223333",
        "invalid type: integer `111122223333`, expected a 12-digit AWS account ID at line 1 column 12",
    );
    serde_error::<Partition>(
        r#""aws-xx""#,
        &format!(r#"invalid partition "aws-xx": {PARTITIONS} at line 1 column 8"#),
    );
    serde_error::<Region>(
        r#""aws-global""#,
        r#"invalid region "aws-global": expected a region such as us-east-1, found a global pseudo-region at line 1 column 12"#,
    );
    serde_error::<Arn>(
        r#""arn:aws:iam::1111222233334444:role/x""#,
        r#"invalid ARN "arn:aws:iam::1111222233334444:role/x": account "1111222233334444": expected 12 digits, found 16 at line 1 column 38"#,
    );
    serde_error::<ArnPattern>(
        r#""*""#,
        r#"invalid ARN pattern "*": expected "arn:" at the start at line 1 column 3"#,
    );
    serde_error::<RoleName>(
        r#""my role""#,
        r#"invalid role name "my role": expected letters, digits and _+=,.@-, found " " at position 2 at line 1 column 9"#,
    );
    serde_error::<RolePath>(
        r#""app""#,
        r#"invalid role path "app": expected a path that starts with "/", found "a" at position 0 at line 1 column 5"#,
    );
    serde_error::<RoleArn>(
        r#""arn:aws:iam::5555666677778888:role/r""#,
        r#"invalid role ARN "arn:aws:iam::5555666677778888:role/r": account "5555666677778888": expected 12 digits, found 16 at line 1 column 38"#,
    );
    serde_error::<AccountRootArn>(
        r#""arn:aws:iam::111122223333444:root""#,
        r#"invalid account root ARN "arn:aws:iam::111122223333444:root": account "111122223333444": expected 12 digits, found 15 at line 1 column 35"#,
    );
    serde_error::<AssumedRoleArn>(
        r#""arn:aws:sts::111122223333:assumed-role/R""#,
        r#"invalid assumed-role ARN "arn:aws:sts::111122223333:assumed-role/R": resource "assumed-role/R": expected "assumed-role/ROLE-NAME/SESSION-NAME" at line 1 column 42"#,
    );
    serde_error::<ServicePrincipal>(
        r#""amazonaws.com""#,
        r#"invalid service principal "amazonaws.com": expected a service name before "amazonaws.com" at line 1 column 15"#,
    );
}

/// The README's comparison row: a short account such as `1234` is refused
/// with the digit count.
#[test]
fn a_four_digit_account_is_refused_with_its_digit_count() {
    assert_eq!(
        iam_ecs::AccountId::parse("1234").unwrap_err().to_string(),
        "invalid account ID \"1234\": expected 12 digits, found 4"
    );
}
