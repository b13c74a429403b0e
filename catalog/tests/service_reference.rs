//! `Catalog::from_service_reference` over the corpus's copy of AWS's
//! machine-readable service reference (`iam-definition/service-reference/`:
//! the index and 20 service documents), and merging it over the embedded
//! data.

#[path = "../../tests/util/mod.rs"]
mod util;

use std::path::{Path, PathBuf};

use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs::Code;
use iam_ecs_catalog::{AccessLevel, Catalog};
use util::corpus_dir;

/// A fresh scratch directory for this test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("iam-ecs-catalog-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn every_service_reference_file_reads() {
    let Some(dir) = corpus_dir() else { return };
    let sr = dir.join("iam-definition/service-reference");
    let cat = Catalog::from_service_reference(&sr).unwrap();
    let v1: Vec<String> = std::fs::read_dir(sr.join("v1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(v1.len(), 20);
    assert_eq!(cat.services().len(), 20);
    for s in &v1 {
        let svc = cat.service(s).unwrap_or_else(|| panic!("{s} not read"));
        assert!(svc.actions().len() > 0, "{s}");
    }
    // rhelkb: only Name, Actions and Version; rds-db: no ConditionKeys.
    let a = cat.action("rhelkb:GetRhelURL").unwrap();
    assert_eq!(a.access_level(), AccessLevel::Read);
    assert_eq!(a.resource_types().len(), 0);
    assert!(cat.action("rds-db:connect").is_some());
    // Access levels from the flags, resource types with their templates.
    let put = cat.action("s3:PutBucketPolicy").unwrap();
    assert_eq!(put.access_level(), AccessLevel::PermissionsManagement);
    let get = cat.action("s3:GetObject").unwrap();
    assert_eq!(get.access_level(), AccessLevel::Read);
    assert!(get.resource_types().any(|(r, _)| r
        .arn_templates()
        .any(|t| t == "arn:${Partition}:s3:::${BucketName}/${ObjectName}")));
    assert_eq!(
        cat.action("s3:TagResource").unwrap().access_level(),
        AccessLevel::Tagging
    );
    assert_eq!(
        cat.action("s3:ListAllMyBuckets").unwrap().access_level(),
        AccessLevel::List
    );
    assert_eq!(
        cat.action("iam:CreateRole").unwrap().access_level(),
        AccessLevel::Write
    );
    let k = cat.condition_key("s3:TlsVersion").unwrap();
    assert_eq!(k.key_type(), iam_ecs::policy::KeyType::Numeric);
    // The index of 2026-02-13 has no `modified`: dated by the files.
    assert!(cat.date().len() == 10);
    // Access levels agree with the embedded data's for nearly every action
    // (the README counts 20,230 of 20,239 over all services).
    let embedded = Catalog::embedded();
    let (mut same, mut all) = (0, 0);
    for s in cat.services() {
        for a in s.actions() {
            if let Some(e) = embedded.action(&a.to_string()) {
                all += 1;
                same += usize::from(e.access_level() == a.access_level());
            }
        }
    }
    eprintln!("access levels: {same} of {all} agree with the embedded data");
    assert!(all > 2000 && same * 100 >= all * 99, "{same} of {all}");
}

#[test]
fn the_newer_index_dates_the_catalogue() {
    let Some(dir) = corpus_dir() else { return };
    let sr = dir.join("iam-definition/service-reference");
    let d = scratch("modified");
    let index = std::fs::read_to_string(sr.join("index-with-modified.json")).unwrap();
    write(&d.join("index.json"), &index);
    let s3 = std::fs::read_to_string(sr.join("v1/s3/s3.json")).unwrap();
    write(&d.join("v1/s3/s3.json"), &s3);
    let cat = Catalog::from_service_reference(&d).unwrap();
    assert_eq!(cat.date(), "2026-05-29");
    assert_eq!(cat.services().len(), 1);
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_refreshed_directory_merges_over_the_embedded_data() {
    let Some(dir) = corpus_dir() else { return };
    let sr = dir.join("iam-definition/service-reference");
    let embedded = Catalog::embedded();
    // The sample (2026-02-13) against the embedded pages (2026-06-14): the
    // actions it has that the embedded data has not.
    let sample = Catalog::from_service_reference(&sr).unwrap();
    let merged = embedded.merge(&sample);
    let mut newer = Vec::new();
    for s in sample.services() {
        for a in s.actions() {
            assert!(merged.action(&a.to_string()).is_some());
            if embedded.action(&a.to_string()).is_none() {
                newer.push(a.to_string());
            }
        }
    }
    eprintln!("actions of the sample not in the embedded data: {newer:?}");
    assert_eq!(merged.services().len(), embedded.services().len());

    // A synthetic newer s3 document: AWS's file with an action added, an
    // unknown field, and an action without its optional fields.
    let text = std::fs::read_to_string(sr.join("v1/s3/s3.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["Actions"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "Name": "GetObjectFromTheFuture",
            "Annotations": {"Properties": {"IsList": false, "IsPermissionManagement": false,
                                           "IsTaggingOnly": false, "IsWrite": true}},
            "Resources": [{"Name": "object"}],
            "SomethingNew": {"x": 1}
        }));
    doc["Actions"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"Name": "BareAction"}));
    doc["AFieldOfVersion2"] = serde_json::json!(true);
    let d = scratch("merge");
    write(&d.join("v1/s3/s3.json"), &doc.to_string());
    let newer = Catalog::from_service_reference(&d).unwrap();
    let merged = embedded.merge(&newer);
    let a = merged.action("s3:getobjectfromthefuture").unwrap();
    assert_eq!(a.name(), "GetObjectFromTheFuture");
    assert_eq!(a.access_level(), AccessLevel::Write);
    assert_eq!(
        merged.action("s3:BareAction").unwrap().access_level(),
        AccessLevel::Read
    );
    assert!(merged.action("ec2:RunInstances").is_some());
    assert!(embedded.action("s3:GetObjectFromTheFuture").is_none());

    // The check: unknown with the embedded data (a warning), known after
    // the merge.
    let policy = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObjectFromTheFuture","Resource":"arn:aws:s3:::b/k"}}"#;
    let doc = PolicyDocument::from_json_str(policy).unwrap();
    let before = doc.check(&CheckOptions::identity().catalog(Some(embedded)));
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].code, Code::InvalidAction);
    let merged: &'static Catalog = Box::leak(Box::new(merged));
    assert!(doc
        .check(&CheckOptions::identity().catalog(Some(merged)))
        .is_empty());
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn bad_directories_are_errors_naming_the_file() {
    let d = scratch("bad");
    let e = Catalog::from_service_reference(&d).unwrap_err();
    assert!(e.to_string().contains("v1"), "{e}");
    write(&d.join("v1/s3/s3.json"), r#"{"Name": 3}"#);
    let e = Catalog::from_service_reference(&d).unwrap_err();
    assert!(e.to_string().contains("s3.json"), "{e}");
    assert!(e.message.contains("expected a service document"), "{e}");
    write(&d.join("index.json"), r#"{"not": "an array"}"#);
    let e = Catalog::from_service_reference(&d).unwrap_err();
    assert!(e.to_string().contains("index.json"), "{e}");
    std::fs::remove_dir_all(&d).unwrap();
}
