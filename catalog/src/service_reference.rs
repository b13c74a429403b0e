//! Reading AWS's machine-readable service reference
//! (`https://servicereference.us-east-1.amazonaws.com/`): the index
//! (`index.json`, an array of `{"service", "url", "modified"?}`) and one
//! document per service at `v1/<svc>/<svc>.json`. Unknown fields are
//! ignored and missing optional ones defaulted, so that a newer version of
//! the format still reads.

use std::path::Path;

use serde::Deserialize;

use super::{
    parse_key_type, AccessLevel, ActionData, Catalog, Error, KeyData, ResourceTypeData, ServiceData,
};

#[derive(Deserialize)]
struct IndexEntry {
    service: String,
    #[serde(default)]
    modified: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Doc {
    name: String,
    #[serde(default)]
    actions: Vec<DocAction>,
    #[serde(default)]
    condition_keys: Vec<DocKey>,
    #[serde(default)]
    resources: Vec<DocResource>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DocAction {
    name: String,
    #[serde(default)]
    action_condition_keys: Vec<String>,
    #[serde(default)]
    annotations: Annotations,
    #[serde(default)]
    resources: Vec<DocActionResource>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Annotations {
    #[serde(default)]
    properties: Properties,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Properties {
    #[serde(default)]
    is_list: bool,
    #[serde(default)]
    is_permission_management: bool,
    #[serde(default)]
    is_tagging_only: bool,
    #[serde(default)]
    is_write: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DocActionResource {
    name: String,
    #[serde(default)]
    condition_keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DocKey {
    name: String,
    #[serde(default)]
    types: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DocResource {
    name: String,
    #[serde(rename = "ARNFormats", default)]
    arn_formats: Vec<String>,
    #[serde(default)]
    condition_keys: Vec<String>,
}

/// A Unix time as `YYYY-MM-DD` (civil from days, proleptic Gregorian).
fn unix_date(secs: u64) -> String {
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

impl Catalog {
    /// Reads a directory shaped like AWS's service reference: `index.json`
    /// (or, without it, every `v1/<svc>/<svc>.json`) and the service
    /// documents it lists that are present (a partial copy is fine: merge it
    /// over [`Catalog::embedded`] with [`Catalog::merge`]). The date is the
    /// newest `modified` of the index, else `date` when given, else the
    /// files' newest modification time.
    ///
    /// The access level comes from `Annotations.Properties`: permissions
    /// management, else tagging, else write, else list, else read. The
    /// format has no "required" marker for resource types (all are taken as
    /// optional) and no dependent actions.
    pub fn from_service_reference(dir: &Path) -> Result<Catalog, Error> {
        let index_path = dir.join("index.json");
        let mut names: Vec<String> = Vec::new();
        let mut newest: Option<u64> = None;
        if index_path.is_file() {
            let text = std::fs::read_to_string(&index_path).map_err(|e| {
                Error::new(
                    index_path.display().to_string(),
                    format!("cannot read: {e}"),
                )
            })?;
            let entries: Vec<IndexEntry> = serde_json::from_str(&text).map_err(|e| {
                Error::new(
                    index_path.display().to_string(),
                    format!("expected an array of {{\"service\", \"url\"}}: {e}"),
                )
            })?;
            for e in entries {
                newest = newest.max(e.modified);
                names.push(e.service);
            }
        } else {
            let v1 = dir.join("v1");
            let entries = std::fs::read_dir(&v1).map_err(|e| {
                Error::new(
                    v1.display().to_string(),
                    format!("cannot read the directory: {e}"),
                )
            })?;
            for e in entries.flatten() {
                names.push(e.file_name().to_string_lossy().into_owned());
            }
            names.sort();
        }
        let mut services = Vec::new();
        let mut mtime = std::time::UNIX_EPOCH;
        for name in names {
            let path = dir.join("v1").join(&name).join(format!("{name}.json"));
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if let Ok(m) = std::fs::metadata(&path).and_then(|m| m.modified()) {
                mtime = mtime.max(m);
            }
            let what = path.display().to_string();
            let doc: Doc = serde_json::from_str(&text)
                .map_err(|e| Error::new(&what, format!("expected a service document: {e}")))?;
            services.push(service(doc));
        }
        let date = match newest {
            Some(s) => unix_date(s),
            None => unix_date(
                mtime
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs()),
            ),
        };
        Ok(Catalog::from_services(
            services,
            Vec::new(),
            &date,
            &format!("AWS service reference files in {}", dir.display()),
        ))
    }
}

fn service(doc: Doc) -> ServiceData {
    ServiceData {
        prefix: doc.name,
        name: String::new(),
        actions: doc
            .actions
            .into_iter()
            .map(|a| {
                let p = a.annotations.properties;
                let mut keys = a.action_condition_keys;
                for r in &a.resources {
                    super::union(&mut keys, r.condition_keys.clone());
                }
                ActionData {
                    name: a.name,
                    access_level: AccessLevel::from_flags(
                        p.is_list,
                        p.is_permission_management,
                        p.is_tagging_only,
                        p.is_write,
                    ),
                    resource_types: a.resources.into_iter().map(|r| (r.name, false)).collect(),
                    condition_keys: keys,
                    dependent_actions: Vec::new(),
                }
            })
            .collect(),
        resource_types: doc
            .resources
            .into_iter()
            .map(|r| ResourceTypeData {
                name: r.name,
                arns: r.arn_formats,
                condition_keys: r.condition_keys,
            })
            .collect(),
        condition_keys: doc
            .condition_keys
            .into_iter()
            .map(|k| {
                // One type, except a key listed with two (`ArrayOfString`
                // and `String`): multivalued if any is.
                let mut ty = crate::KeyType::Unknown;
                let mut multivalued = false;
                for t in &k.types {
                    let (t, m) = parse_key_type(t);
                    ty = t;
                    multivalued |= m;
                }
                KeyData {
                    name: k.name,
                    ty,
                    multivalued,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn unix_dates() {
        assert_eq!(super::unix_date(0), "1970-01-01");
        assert_eq!(super::unix_date(1_780_030_907), "2026-05-29");
        assert_eq!(super::unix_date(951_782_400), "2000-02-29");
    }
}
