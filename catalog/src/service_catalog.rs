//! [`Catalog`] as the core crate's [`ServiceCatalog`], so that
//! `CheckOptions::identity().catalog(Some(Catalog::embedded()))` runs the
//! catalogue checks. The questions the check asks for each action and
//! resource go to the catalogue's lookup index (`index.rs`), built in
//! parts as they are asked for (a chunk's actions, a field's formats).

use iam_ecs::policy::{ActionId, ArnFormat, KeyInfo, ServiceCatalog};

use super::index::Lookup;
use super::{Catalog, REFRESH_HINT};

impl Catalog {
    fn ix(&self) -> Lookup<'_> {
        self.index.get(self)
    }
}

/// Whether an action pattern has a wildcard (the core's test, eight bytes
/// at a time: most actions have none, and all their bytes are looked at).
pub(crate) fn wild(pattern: &str) -> bool {
    iam_ecs::policy::has_wildcard(pattern)
}

/// The first colon of `b`, eight bytes at a time (an action's is in its
/// first word, mostly).
pub(crate) fn first_colon(b: &[u8]) -> Option<usize> {
    const L: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut i = 0;
    while let Some(x) = b.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(x);
        let w = u64::from_le_bytes(a) ^ (L * u64::from(b':'));
        // The high bit of each zero byte of `w`, exactly.
        let m = !(((w & LOW7) + LOW7) | w) & !LOW7;
        if m != 0 {
            return Some(i + m.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    b[i..].iter().position(|&c| c == b':').map(|k| i + k)
}

impl ServiceCatalog for Catalog {
    fn date(&self) -> &str {
        Catalog::date(self)
    }

    fn refresh_hint(&self) -> &str {
        REFRESH_HINT
    }

    fn has_service(&self, prefix: &str) -> bool {
        self.ix().has_service(prefix)
    }

    fn for_each_service(&self, f: &mut dyn FnMut(&str)) {
        for s in self.services() {
            f(s.prefix());
        }
    }

    fn for_each_action(&self, prefix: &str, f: &mut dyn FnMut(&str)) {
        if let Some(s) = self.service(prefix) {
            for a in s.actions() {
                f(a.name());
            }
        }
    }

    fn has_action(&self, service: &str, name: &str) -> bool {
        self.ix().action(service, name).is_some()
    }

    fn resolve_action(&self, action: &str) -> Option<Option<ActionId>> {
        // Looked up first: an action found has no wildcard when no name of
        // its chunk has one (no AWS name has), so that only the actions
        // not found (few) are scanned for wildcards.
        let found = first_colon(action.as_bytes()).and_then(|c| self.ix().action_at(action, c));
        match found {
            Some(a) if !a.wild_names() => Some(Some(ActionId(a.id()))),
            _ if wild(action) => None,
            found => Some(found.map(|a| ActionId(a.id()))),
        }
    }

    fn id_supports_key(&self, id: ActionId, key: &str) -> bool {
        self.ix().by_id(id.0).is_some_and(|a| a.supports_key(key))
    }

    fn id_supports_tag_key(&self, id: ActionId, key: &str) -> bool {
        let Some(a) = self.ix().by_id(id.0) else {
            return false;
        };
        if a.supports_key(key) {
            return true;
        }
        // As `action_supports_tag_key`: an action that takes no resource
        // type, when a resource type of its service supports the key.
        a.takes_only_star()
            && self.service(a.prefix()).is_some_and(|s| {
                s.resource_types()
                    .any(|r| r.condition_keys().any(|k| super::key_matches(k, key)))
            })
    }

    fn for_each_id_resource(&self, id: ActionId, f: &mut dyn FnMut(&str, &str) -> bool) -> bool {
        match self.ix().by_id(id.0) {
            Some(a) => {
                a.action_resources(f);
                a.takes_only_star()
            }
            None => true,
        }
    }

    fn for_each_service_with_action(&self, name: &str, f: &mut dyn FnMut(&str)) {
        self.ix().services_with_action(name, f);
    }

    fn matches_any(&self, pattern: &str) -> bool {
        if !wild(pattern) {
            return self.ix().literal_action(pattern).is_some();
        }
        match self.ix().matches_any(pattern) {
            Some(any) => any,
            None => self.actions_matching(pattern).next().is_some(),
        }
    }

    fn condition_key(&self, key: &str) -> Option<KeyInfo> {
        self.ix().condition_key(key)
    }

    fn action_supports_key(&self, pattern: &str, key: &str) -> Option<bool> {
        if !wild(pattern) {
            return self
                .ix()
                .literal_action(pattern)
                .map(|a| a.supports_key(key));
        }
        let mut any = false;
        for a in self.actions_matching(pattern) {
            if a.supports_key(key) {
                return Some(true);
            }
            any = true;
        }
        any.then_some(false)
    }

    fn for_each_action_resource(
        &self,
        pattern: &str,
        f: &mut dyn FnMut(&str, &str) -> bool,
    ) -> Option<bool> {
        if !wild(pattern) {
            let a = self.ix().literal_action(pattern)?;
            a.action_resources(f);
            return Some(a.takes_only_star());
        }
        let mut found = false;
        let mut star = false;
        for a in self.actions_matching(pattern) {
            found = true;
            if a.resource_types().len() == 0 {
                star = true;
            }
            for (r, _) in a.resource_types() {
                for t in r.arn_templates() {
                    if f(r.name(), t) {
                        return Some(star);
                    }
                }
            }
        }
        found.then_some(star)
    }

    fn for_each_arn_template(&self, arn_service: &str, f: &mut dyn FnMut(&str) -> bool) {
        self.ix().arn_templates(arn_service, None, f);
    }

    fn for_each_arn_template_near(
        &self,
        arn_service: &str,
        resource: &str,
        f: &mut dyn FnMut(&str) -> bool,
    ) {
        self.ix().arn_templates(arn_service, Some(resource), f);
    }

    fn for_each_arn_format_near<'s>(
        &'s self,
        arn_service: &str,
        resource: &str,
        f: &mut dyn FnMut(&ArnFormat<'s>) -> bool,
    ) -> bool {
        self.ix().arn_formats(arn_service, resource, f);
        true
    }

    fn for_each_id_format<'s>(
        &'s self,
        id: ActionId,
        f: &mut dyn FnMut(&ArnFormat<'s>) -> bool,
    ) -> Option<bool> {
        Some(match self.ix().by_id(id.0) {
            Some(a) => {
                a.action_formats(f);
                a.takes_only_star()
            }
            None => true,
        })
    }

    fn action_supports_tag_key(&self, pattern: &str, key: &str) -> Option<bool> {
        let mut any = false;
        // The last service asked about, and whether a resource type of it
        // supports the key (a pattern names one service, mostly).
        let mut service: Option<(&str, bool)> = None;
        for a in self.actions_matching(pattern) {
            if a.supports_key(key) {
                return Some(true);
            }
            any = true;
            if a.resource_types().len() > 0 {
                continue;
            }
            let by_type = match service {
                Some((p, b)) if p == a.prefix() => b,
                _ => {
                    let b = self.service(a.prefix()).is_some_and(|s| {
                        s.resource_types()
                            .any(|r| r.condition_keys().any(|k| super::key_matches(k, key)))
                    });
                    service = Some((a.prefix(), b));
                    b
                }
            };
            if by_type {
                return Some(true);
            }
        }
        any.then_some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_found_anywhere() {
        for n in 0..20 {
            for at in 0..n {
                for c in ['*', '?'] {
                    let mut b = vec!['a'; n];
                    b[at] = c;
                    let s: String = b.into_iter().collect();
                    assert!(wild(&s), "{s}");
                }
            }
            // The byte values around them.
            for other in ["a", "+", ")", ">", "@", "\u{aa}"] {
                assert!(!wild(&other.repeat(n)), "{n} {other}");
            }
        }
        assert!(wild("s3:Get*"));
        assert!(!wild("s3:GetObject"));
    }

    /// The first colon is found as `position` finds it.
    #[test]
    fn colons_are_found_as_bytes_are() {
        for n in 0..40 {
            for at in 0..n {
                let mut s = vec![b'a'; n];
                s[at] = b':';
                s[n - 1 - (n - 1 - at) / 2] = b':';
                assert_eq!(first_colon(&s), Some(at), "{n} {at}");
                s[at] = 0x3a ^ 0x80;
                assert_eq!(first_colon(&s), s.iter().position(|&c| c == b':'));
            }
            assert_eq!(first_colon(&vec![b'b'; n]), None);
        }
        assert_eq!(first_colon(b"ec2:DescribeInstances:x"), Some(3));
        assert_eq!(first_colon(b"nocolonatallinthislongname"), None);
    }

    /// A resolved action answers as its pattern does.
    #[test]
    fn resolved_actions_answer_as_their_patterns() {
        let cat: &dyn ServiceCatalog = Catalog::embedded();
        assert_eq!(cat.resolve_action("s3:Get*"), None);
        assert_eq!(cat.resolve_action("s3:NoSuchAction"), Some(None));
        assert_eq!(cat.resolve_action("s3:GetObject?"), None);
        assert_eq!(cat.resolve_action("s3*GetObject"), None);
        assert_eq!(cat.resolve_action("s3GetObject"), Some(None));
        assert_eq!(cat.resolve_action("nosuch:GetObject"), Some(None));
        for a in [
            "s3:GetObject",
            "S3:putobject",
            "ec2:RunInstances",
            "iam:PassRole",
            "kms:Decrypt",
            "sts:GetCallerIdentity",
            "ec2:DescribeInstances",
            "s3:ListAllMyBuckets",
            "ec2:CreateTags",
        ] {
            let Some(Some(id)) = cat.resolve_action(a) else {
                panic!("{a} not resolved");
            };
            for key in [
                "s3:prefix",
                "aws:ResourceTag/Owner",
                "ec2:InstanceType",
                "iam:PassedToService",
                "kms:ViaService",
            ] {
                assert_eq!(
                    Some(cat.id_supports_key(id, key)),
                    cat.action_supports_key(a, key),
                    "{a} {key}"
                );
            }
            let (mut mine, mut theirs) = (Vec::new(), Vec::new());
            let star = cat.for_each_id_resource(id, &mut |ty, t| {
                mine.push(format!("{ty} {t}"));
                false
            });
            for key in [
                "aws:ResourceTag/Owner",
                "aws:RequestTag/Owner",
                "aws:TagKeys",
                "aws:resourcetag/x",
            ] {
                assert_eq!(
                    Some(cat.id_supports_tag_key(id, key)),
                    cat.action_supports_tag_key(a, key),
                    "{a} {key}"
                );
            }
            let star2 = cat.for_each_action_resource(a, &mut |ty, t| {
                theirs.push(format!("{ty} {t}"));
                false
            });
            assert_eq!((star, mine), (star2.unwrap(), theirs), "{a}");
        }
    }
}
