//! The catalogue's fast paths (actions resolved once, formats given split,
//! keys through the index: the provided methods of `ServiceCatalog` that
//! `Catalog` overrides for speed) give the findings that the general
//! paths give: the same statements checked with the embedded catalogue and
//! with a catalogue that answers only the questions every catalogue
//! answers (by the same data), compared finding for finding.

use iam_ecs::policy::{CheckOptions, KeyInfo, PolicyDocument, ServiceCatalog};
use iam_ecs_catalog::Catalog;

/// The embedded catalogue without its fast paths: every method that a
/// catalogue must answer (or answers by its own grading) is the embedded
/// one's, the others are the trait's defaults.
struct Plain;

fn cat() -> &'static Catalog {
    Catalog::embedded()
}

impl ServiceCatalog for Plain {
    fn date(&self) -> &str {
        cat().date()
    }
    fn refresh_hint(&self) -> &str {
        ServiceCatalog::refresh_hint(cat())
    }
    fn has_service(&self, prefix: &str) -> bool {
        ServiceCatalog::has_service(cat(), prefix)
    }
    fn for_each_service(&self, f: &mut dyn FnMut(&str)) {
        ServiceCatalog::for_each_service(cat(), f)
    }
    fn for_each_action(&self, prefix: &str, f: &mut dyn FnMut(&str)) {
        ServiceCatalog::for_each_action(cat(), prefix, f)
    }
    fn has_action(&self, service: &str, name: &str) -> bool {
        ServiceCatalog::has_action(cat(), service, name)
    }
    fn matches_any(&self, pattern: &str) -> bool {
        ServiceCatalog::matches_any(cat(), pattern)
    }
    fn condition_key(&self, key: &str) -> Option<KeyInfo> {
        ServiceCatalog::condition_key(cat(), key)
    }
    fn action_supports_key(&self, pattern: &str, key: &str) -> Option<bool> {
        ServiceCatalog::action_supports_key(cat(), pattern, key)
    }
    // Access Analyzer's grading of tag keys, not a fast path.
    fn action_supports_tag_key(&self, pattern: &str, key: &str) -> Option<bool> {
        ServiceCatalog::action_supports_tag_key(cat(), pattern, key)
    }
    fn for_each_action_resource(
        &self,
        pattern: &str,
        f: &mut dyn FnMut(&str, &str) -> bool,
    ) -> Option<bool> {
        ServiceCatalog::for_each_action_resource(cat(), pattern, f)
    }
    fn for_each_arn_template(&self, arn_service: &str, f: &mut dyn FnMut(&str) -> bool) {
        ServiceCatalog::for_each_arn_template(cat(), arn_service, f)
    }
}

static PLAIN: Plain = Plain;

/// The findings of `doc` (JSON) with the embedded catalogue and with
/// [`Plain`], both gradings.
fn both(doc: &str) -> (Vec<String>, Vec<String>) {
    let doc = PolicyDocument::from_json_str(doc).unwrap();
    let (mut fast, mut plain) = (Vec::new(), Vec::new());
    for strict in [false, true] {
        let o = CheckOptions::identity().strict_catalog(strict);
        fast.extend(
            doc.check(&o.catalog(Some(cat())))
                .iter()
                .map(ToString::to_string),
        );
        plain.extend(
            doc.check(&o.catalog(Some(&PLAIN)))
                .iter()
                .map(ToString::to_string),
        );
    }
    (fast, plain)
}

/// An ARN template with its variables filled (`Partition` with `aws`).
fn fill(t: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = t;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find('}') else {
            break;
        };
        let var = &rest[i + 2..i + end];
        out.push_str(if var == "Partition" { "aws" } else { with });
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Random statements from the catalogue's own names: actions of one or
/// two services (some misspelt, some wildcards), resources from the
/// formats of those services (filled, with and without Region and
/// account, wildcards, a wrong type), condition keys of the services and
/// tag keys.
#[test]
fn fast_paths_find_what_the_general_ones_find() {
    let services: Vec<_> = cat().services().collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut compared = 0;
    let mut findings = 0;
    for _ in 0..1500 {
        let mut actions: Vec<String> = Vec::new();
        let mut resources: Vec<String> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let s = &services[rng.below(services.len())];
            let acts: Vec<_> = s.actions().collect();
            for _ in 0..1 + rng.below(4) {
                let a = acts[rng.below(acts.len())].to_string();
                actions.push(match rng.below(8) {
                    0 => format!("{a}s"),
                    1 => format!("{}*", &a[..a.len() - a.len() / 3]),
                    2 => a.to_ascii_lowercase(),
                    3 => format!("{}:*{}", s.prefix(), &a[a.len() - 4..]),
                    _ => a,
                });
            }
            let types: Vec<_> = s.resource_types().collect();
            for _ in 0..rng.below(4) {
                let Some(r) = types.get(rng.below(types.len())) else {
                    break;
                };
                let ts: Vec<&str> = r.arn_templates().collect();
                let Some(t) = ts.get(rng.below(ts.len())) else {
                    continue;
                };
                let f: Vec<String> = fill(t, "abc").splitn(6, ':').map(str::to_owned).collect();
                if f.len() < 6 {
                    continue;
                }
                resources.push(match rng.below(6) {
                    0 => fill(t, "*"),
                    1 => format!("arn:aws:{}:us-east-1:123456789012:{}", f[2], f[5]),
                    2 => format!("arn:aws:{}:::{}", f[2], f[5]),
                    3 => format!("arn:aws:{}:*:*:nosuch/{}", f[2], f[5]),
                    _ => fill(t, "abc"),
                });
            }
            let ks: Vec<_> = s.condition_keys().collect();
            if let Some(k) = ks.get(rng.below(ks.len() + 1)) {
                keys.push(k.name().to_owned());
            }
        }
        if resources.is_empty() {
            resources.push("*".to_owned());
        }
        keys.push(
            ["aws:ResourceTag/Owner", "aws:TagKeys", "aws:RequestTag/a"][rng.below(3)].to_owned(),
        );
        let cond: serde_json::Map<String, serde_json::Value> =
            keys.iter().map(|k| (k.clone(), "x".into())).collect();
        let effect = ["Allow", "Deny"][rng.below(2)];
        let doc = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": effect,
                "Action": actions,
                "Resource": resources,
                "Condition": { "StringEquals": cond }
            }, {
                "Effect": effect,
                "NotAction": actions,
                "Resource": resources
            }]
        });
        let (fast, plain) = both(&doc.to_string());
        assert_eq!(fast, plain, "{doc}");
        compared += 1;
        findings += fast.len();
    }
    assert_eq!(compared, 1500);
    // The statements make findings (the comparison is not of nothing).
    assert!(findings > 1500, "{findings}");
}

/// Every ARN format of every service, filled, against the service's first
/// actions: every format is given split the way the check splits it.
#[test]
fn every_format_fits_as_its_text_does() {
    for s in cat().services() {
        let actions: Vec<String> = s.actions().take(3).map(|a| a.to_string()).collect();
        let mut resources: Vec<String> = Vec::new();
        for r in s.resource_types() {
            for t in r.arn_templates() {
                resources.push(fill(t, "abc"));
                resources.push(fill(t, "*"));
            }
        }
        if resources.is_empty() {
            continue;
        }
        let doc = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": actions, "Resource": resources }]
        });
        let (fast, plain) = both(&doc.to_string());
        assert_eq!(fast, plain, "{}", s.prefix());
    }
}
