//! The checks that need the service catalogue ([`ServiceCatalog`], given
//! in [`CheckOptions::catalog`](super::CheckOptions)): actions and services
//! that do not exist, resource ARNs that fit no ARN format of their service
//! or of the statement's actions, and service condition keys (existence,
//! type, the actions that support them, tag keys).
//!
//! A finding that rests only on a name being absent from the catalogue
//! (`invalid-action`, `invalid-service`, `invalid-service-in-action`,
//! `invalid-service-condition-key`, `invalid-arn-resource`,
//! `unsupported-action-for-condition-key`) is a warning naming the
//! catalogue's date and how to refresh it, since a newer name is accepted
//! by IAM; with `strict_catalog` it has its AWS severity. They run once per
//! statement, after the statement's other checks.

use super::condition::{parse_operator, Family};
use super::{statement::value_loc, Checker};
use crate::check::Loc;
use crate::code::Code;
use crate::finding::Severity;
use crate::policy::global_keys::{self, Key, Origin, Ty};
use crate::policy::{
    has_wildcard, ActionId, ArnFormat, Effect, KeyType, OneOrMany, ServiceCatalog, Statement,
};
use std::borrow::Cow;

/// The tag condition keys whose support differs by action.
fn is_tag_key(key: &str) -> bool {
    let lower = |p: &str| {
        key.len() > p.len() && key.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    lower("aws:ResourceTag/") || lower("aws:RequestTag/") || key.eq_ignore_ascii_case("aws:TagKeys")
}

impl Checker<'_> {
    /// The catalogue checks of statement `s` at `at`.
    pub(super) fn catalog_statement(&mut self, s: &Statement, at: &Loc) {
        let cat = self.opts.catalog.map(|c| c.get());
        // The `Action` list resolved once, for every question about it: on
        // the stack for a list of up to `SMALL` actions (most are).
        const SMALL: usize = 16;
        let mut small = [Resolved::Absent; SMALL];
        let large: Vec<Resolved>;
        let actions = s.action.as_ref().map_or(&[][..], |l| l.as_slice());
        let ids: &[Resolved] = match cat {
            Some(cat) if actions.len() <= SMALL => {
                for (slot, a) in small.iter_mut().zip(actions) {
                    *slot = Resolved::of(cat, a);
                }
                &small[..actions.len()]
            }
            Some(cat) => {
                large = actions.iter().map(|a| Resolved::of(cat, a)).collect();
                &large
            }
            None => &[],
        };
        self.catalog_more(s, at, ids);
        let Some(cat) = cat else {
            return;
        };
        // The nearest service of each unknown service seen in the
        // statement (a large statement names a retired service many times).
        let mut nearest: Near = Vec::new();
        for (key, list) in [("Action", &s.action), ("NotAction", &s.not_action)] {
            if let Some(list) = list {
                let list_at = at.key(key);
                for (j, a) in list.iter().enumerate() {
                    if key == "Action" && matches!(ids.get(j), Some(Resolved::Id(_))) {
                        continue;
                    }
                    self.catalog_action(cat, a, &value_loc(&list_at, list, j), &mut nearest);
                }
            }
        }
        if let Some(res) = &s.resource {
            let actions = s.action.as_ref().map(|l| (l, ids));
            self.catalog_resources(cat, actions, res, &at.key("Resource"));
        }
        if let Some(c) = &s.condition {
            let c_at = at.key("Condition");
            for (op, block) in c.iter() {
                let Ok(o) = parse_operator(op) else {
                    continue;
                };
                let op_at = c_at.key(op);
                for (key, _) in block.iter() {
                    let key_at = op_at.key(key);
                    self.catalog_key(cat, (s, ids), at, (op, &o), key, &key_at);
                }
            }
        }
    }

    /// Reports `code` at `at`, a finding that rests only on a name being
    /// absent from the catalogue: with `--strict-catalog` at the code's
    /// severity; otherwise a warning, its message ending with the
    /// catalogue's date and how to refresh it.
    fn report_absent(&mut self, cat: &dyn ServiceCatalog, code: Code, at: &Loc, message: String) {
        if self.opts.strict_catalog {
            self.sink.report_with(code.severity(), code, at, message);
        } else {
            self.sink.report_with(
                Severity::Warning,
                code,
                at,
                format!(
                    "{message} (a warning: the service catalogue is of {}, a newer name may exist; {})",
                    cat.date(),
                    cat.refresh_hint()
                ),
            );
        }
    }

    fn catalog_action(&mut self, cat: &dyn ServiceCatalog, a: &str, at: &Loc, nearest: &mut Near) {
        if a == "*" || super::action_problem(a).is_some() {
            return;
        }
        let Some((svc, name)) = a.split_once(':') else {
            return;
        };
        if has_wildcard(svc) {
            // `wildcard-in-service-name` is the action check's.
            if !cat.matches_any(a) {
                self.report_absent(
                    cat,
                    Code::InvalidAction,
                    at,
                    format!("action pattern {a:?} matches no action"),
                );
            }
            return;
        }
        let wild = has_wildcard(name);
        if !wild && cat.has_action(svc, name) {
            return;
        }
        if !cat.has_service(svc) {
            let hint = match service_with_action(cat, svc, name, nearest) {
                Some(p) => format!(": did you mean \"{p}:{name}\"?"),
                None => String::new(),
            };
            self.report_absent(
                cat,
                Code::InvalidServiceInAction,
                at,
                format!("the service {svc:?} of action {a:?} does not exist{hint}"),
            );
            return;
        }
        if wild {
            if !cat.matches_any(a) {
                self.report_absent(
                    cat,
                    Code::InvalidAction,
                    at,
                    format!("action pattern {a:?} matches no action of {svc}"),
                );
            }
            return;
        }
        let hint = match nearest_action(cat, svc, name) {
            Some(n) => format!(": did you mean \"{svc}:{n}\"?"),
            None => String::new(),
        };
        self.report_absent(
            cat,
            Code::InvalidAction,
            at,
            format!("action {a:?} does not exist{hint}"),
        );
    }

    /// The `Resource` values `res` of a statement with the actions
    /// `actions`: first what the catalogue says of each (the formats of its
    /// service that fit it), then, once for all of them, which fit a
    /// resource type of some action, then the findings, resource by
    /// resource.
    fn catalog_resources(
        &mut self,
        cat: &'static dyn ServiceCatalog,
        actions: Option<(&OneOrMany<String>, &[Resolved])>,
        res: &OneOrMany<String>,
        at: &Loc,
    ) {
        // Most statements name no ARN (`"*"`): nothing to look up.
        if !res.iter().any(|r| r.starts_with("arn:")) {
            return;
        }
        // The formats each resource fits, in one kept buffer (taken out of
        // the scratch while the findings are reported).
        let mut formats = std::mem::take(&mut self.actions_scratch.fitting);
        formats.clear();
        let fits: Vec<Option<Fit>> = res
            .iter()
            .map(|r| resource_fit(cat, r, &mut formats))
            .collect();
        // Whether each resource that fits a format of its service fits no
        // resource type of the statement's actions (every one known, none
        // `*`).
        // On the stack for up to 16 resources (most statements).
        let mut small = [false; 16];
        let mut large: Vec<bool>;
        let fits_none: &mut [bool] = match small.get_mut(..fits.len()) {
            Some(s) => s,
            None => {
                large = vec![false; fits.len()];
                &mut large
            }
        };
        if let Some((actions, ids)) = actions {
            if fits.iter().flatten().any(|f| f.count > 0) {
                fits_none_of(cat, (actions, ids), (&fits, &formats), fits_none);
            }
        }
        for (j, (r, fit)) in res.iter().zip(&fits).enumerate() {
            if let Some(fit) = fit {
                let r_at = value_loc(at, res, j);
                let example = formats.get(fit.fitting.start).map_or("", |f| &*f.1);
                self.catalog_resource(cat, r, (fit, example), &r_at);
                if fits_none[j] {
                    if let Some((actions, _)) = actions {
                        self.resource_fits_no_action(cat, actions, r, &r_at);
                    }
                }
            }
        }
        self.actions_scratch.fitting = formats;
    }

    /// The findings of one `Resource` value `r` whose service has ARN
    /// formats, `fit` saying which fit it (`example`: the first, for
    /// messages).
    fn catalog_resource(
        &mut self,
        cat: &dyn ServiceCatalog,
        r: &str,
        (fit, example): (&Fit, &str),
        at: &Loc,
    ) {
        let arn = &fit.arn;
        let wild = glob_byte;
        let svc = arn.service;
        if fit.count == 0 {
            // A pattern may be meant broadly; only a literal resource part
            // that fits no format is reported (Access Analyzer reports
            // neither `log-group`-less logs patterns nor `listener/x-*`).
            if wild(arn.resource) {
                return;
            }
            // The first format of the service, for the message.
            let mut first = String::new();
            cat.for_each_arn_template(svc, &mut |t| {
                first = t.to_owned();
                true
            });
            self.report_absent(
                cat,
                Code::InvalidArnResource,
                at,
                format!(
                    "resource {r:?} fits none of the ARN formats of {svc} (such as {first}): check \
                     the resource part"
                ),
            );
            return;
        }
        let literal = |f: &str| !f.is_empty() && !wild(f);
        // A missing field is reported only in an ARN without wildcards:
        // `arn:aws:ssm:*::document/AWS-RunShellScript` names an AWS-owned
        // document, which has no account.
        let concrete = !wild(arn.region) && !wild(arn.account) && !wild(arn.resource);
        // IAM and STS ARNs with a Region are `invalid-arn-region` already.
        let regional = !matches!(svc, "iam" | "sts");
        if regional && literal(arn.region) && fit.no_region == fit.count {
            self.sink.report(
                Code::ArnRegionNotAllowed,
                at,
                format!(
                    "resource {r:?} names a Region, but the service {svc} does not support a \
                     Region in this resource ARN (such as {}): remove it, or the statement never \
                     matches",
                    example
                ),
            );
        } else if concrete && arn.region.is_empty() && fit.no_region == 0 {
            self.sink.report(
                Code::MissingArnRegion,
                at,
                format!(
                    "resource {r:?} has no Region: add a Region (or *) to the {svc} resource \
                     ARN (such as {})",
                    example
                ),
            );
        }
        if literal(arn.account) && fit.no_account == fit.count {
            self.sink.report(
                Code::ArnAccountNotAllowed,
                at,
                format!(
                    "resource {r:?} names an account, but the service {svc} does not support an \
                     account ID in this resource ARN (such as {}): remove it, or the statement \
                     never matches",
                    example
                ),
            );
        } else if concrete && arn.account.is_empty() && fit.no_account == 0 {
            self.sink.report(
                Code::MissingArnAccount,
                at,
                format!(
                    "resource {r:?} has no account: add a 12-digit account ID (or *) to the \
                     {svc} resource ARN (such as {})",
                    example
                ),
            );
        }
    }

    /// `resource-fits-no-action` for resource `r`: it fits no resource type
    /// of any of `actions`; the message says what the first actions take.
    fn resource_fits_no_action(
        &mut self,
        cat: &dyn ServiceCatalog,
        actions: &OneOrMany<String>,
        r: &str,
        at: &Loc,
    ) {
        let mut list: Vec<String> = Vec::new();
        for a in actions.iter().take(3) {
            let mut types: Vec<String> = Vec::new();
            cat.for_each_action_resource(a, &mut |ty, _| {
                if !types.iter().any(|x| x == ty) {
                    types.push(ty.to_owned());
                }
                types.len() >= 3
            });
            let what = if types.is_empty() {
                "only \"*\"".to_owned()
            } else {
                types.join(", ")
            };
            list.push(format!("{a} takes {what}"));
        }
        self.sink.report(
            Code::ResourceFitsNoAction,
            at,
            format!(
                "resource {r:?} fits no resource type of the statement's actions ({}): the \
                 statement grants nothing on it",
                list.join("; ")
            ),
        );
    }

    fn catalog_key(
        &mut self,
        cat: &dyn ServiceCatalog,
        (s, ids): (&Statement, &[Resolved]),
        stmt_at: &Loc,
        (op, o): (&str, &super::condition::Operator),
        key: &str,
        at: &Loc,
    ) {
        let Some((svc, _)) = key.split_once(':') else {
            return;
        };
        if is_tag_key(key) {
            // `Null` tests whether the tag is there, for any action.
            if o.family != Family::Null {
                self.tag_key(cat, (s, ids), stmt_at, key, at);
            }
            return;
        }
        if svc.eq_ignore_ascii_case("aws") || global_keys::lookup(key).is_some() {
            return;
        }
        let Some(info) = cat.condition_key(key) else {
            if cat.has_service(svc) {
                self.report_absent(
                    cat,
                    Code::InvalidServiceConditionKey,
                    at,
                    format!("condition key {key:?} does not exist in the service {svc}"),
                );
            } else {
                self.report_absent(
                    cat,
                    Code::InvalidService,
                    at,
                    format!("the service {svc:?} of condition key {key:?} does not exist"),
                );
            }
            return;
        };
        if o.family != Family::Null {
            let (ty, ops) = match info.ty {
                KeyType::String => (Ty::String, global_keys::STRING),
                KeyType::Arn => (Ty::Arn, global_keys::ARN | global_keys::STRING),
                KeyType::Bool => (Ty::Bool, global_keys::BOOL),
                KeyType::Numeric => (Ty::Numeric, global_keys::NUMERIC),
                KeyType::Date => (Ty::Date, global_keys::DATE),
                KeyType::IpAddress => (Ty::Ip, global_keys::IP),
                _ => (Ty::Unknown, global_keys::ANY),
            };
            let k = Key {
                name: "",
                prefix: false,
                ty,
                ops,
                multi: info.multivalued,
                origin: Origin::Page,
            };
            self.typed_key(op, o, key, &k, at);
        }
        let Some(actions) = &s.action else {
            return;
        };
        // Reported when no action of the key's service supports it (the
        // key then has no effect on the statement): Access Analyzer does
        // not report a key that some of the statement's actions support.
        let mut unsupported: Vec<&str> = Vec::new();
        for (a, id) in actions.iter().zip(ids) {
            let same = a
                .split_once(':')
                .is_some_and(|(p, _)| p.eq_ignore_ascii_case(svc));
            if !same {
                continue;
            }
            let supports = match id {
                Resolved::Id(id) => Some(cat.id_supports_key(*id, key)),
                Resolved::Absent => None,
                Resolved::Ask => cat.action_supports_key(a, key),
            };
            match supports {
                Some(false) => unsupported.push(a),
                Some(true) => return,
                None => {}
            }
        }
        if !unsupported.is_empty() {
            self.report_absent(
                cat,
                Code::UnsupportedActionForConditionKey,
                at,
                format!(
                    "condition key {key} does not apply to {}: the condition is not evaluated for \
                     them; move them to a statement without this key",
                    unsupported.join(", ")
                ),
            );
        }
    }

    /// A tag key (`aws:ResourceTag/...`, `aws:RequestTag/...`,
    /// `aws:TagKeys`) in statement `s`: the services of its actions that do
    /// not support it.
    fn tag_key(
        &mut self,
        cat: &dyn ServiceCatalog,
        (s, ids): (&Statement, &[Resolved]),
        stmt_at: &Loc,
        key: &str,
        at: &Loc,
    ) {
        let allow = s.effect == Some(Effect::Allow);
        if s.not_action.is_some() {
            let (code, what) = if allow {
                (
                    Code::AllowNotactionWithUnsupportedTagConditionKeyForService,
                    "allows only the actions that support it",
                )
            } else {
                (
                    Code::DenyNotactionWithUnsupportedTagConditionKeyForService,
                    "does not deny the actions that do not support it",
                )
            };
            self.sink.report(
                code,
                at,
                format!(
                    "tag condition key {key} with NotAction: some actions do not support the key, \
                     so the statement {what}; use Action instead of NotAction"
                ),
            );
            return;
        }
        let Some(actions) = &s.action else {
            return;
        };
        let mut first: Option<usize> = None;
        let mut services: Vec<&str> = Vec::new();
        for (j, a) in actions.iter().enumerate() {
            if a == "*" {
                continue;
            }
            let supports = match ids.get(j) {
                Some(Resolved::Id(id)) => Some(cat.id_supports_tag_key(*id, key)),
                Some(Resolved::Absent) => None,
                _ => cat.action_supports_tag_key(a, key),
            };
            if supports == Some(false) {
                first.get_or_insert(j);
                let p = a.split_once(':').map_or(a.as_str(), |x| x.0);
                if !services.iter().any(|x| x.eq_ignore_ascii_case(p)) {
                    services.push(p);
                }
            }
        }
        let Some(j) = first else {
            return;
        };
        let (code, what) = if allow {
            (
                Code::AllowWithUnsupportedTagConditionKeyForService,
                "does not allow their actions",
            )
        } else {
            (
                Code::DenyWithUnsupportedTagConditionKeyForService,
                "does not deny their actions",
            )
        };
        let list_at = stmt_at.key("Action");
        self.sink.report(
            code,
            &value_loc(&list_at, actions, j),
            format!(
                "tag condition key {key} is not supported by actions of {}: the statement {what}; \
                 move those actions to a statement without this key",
                services.join(", ")
            ),
        );
    }
}

/// A resource `arn` and what the formats of its service that fit it
/// have: how many, how many of them have no Region, no account, and where
/// their keys ([`ArnFormat::key`]) and texts are (in the catalogue's
/// order) in the statement's [`Formats`].
struct Fit<'r> {
    arn: Arn<'r>,
    count: usize,
    no_region: usize,
    no_account: usize,
    /// Where the formats that fit are in the statement's buffer of them
    /// (key and text each).
    fitting: std::ops::Range<usize>,
}

/// A statement's buffer of the formats its resources fit: each one's key
/// and text (the check's scratch keeps it from statement to statement).
pub(super) type Formats = Vec<(u64, Cow<'static, str>)>;

impl Fit<'_> {
    fn add(
        &mut self,
        formats: &mut Formats,
        (no_region, no_account): (bool, bool),
        key: u64,
        text: Cow<'static, str>,
    ) {
        self.count += 1;
        self.no_region += usize::from(no_region);
        self.no_account += usize::from(no_account);
        formats.push((key, text));
        self.fitting.end = formats.len();
    }
}

/// Whether an ARN field has `*`, `?` or `$` (a wildcard or a
/// placeholder): a byte loop, the fields being short (a `char` searcher
/// costs more).
fn glob_byte(f: &str) -> bool {
    f.bytes().any(|c| matches!(c, b'*' | b'?' | b'$'))
}

/// The formats of its service that resource `r` fits: `None` when there
/// is nothing to check (no ARN, a wildcard service, a service without
/// formats).
fn resource_fit<'r>(
    cat: &'static dyn ServiceCatalog,
    r: &'r str,
    formats: &mut Formats,
) -> Option<Fit<'r>> {
    let arn = Arn::parse(r)?;
    if glob_byte(arn.service) || arn.service.is_empty() {
        return None;
    }
    let start = formats.len();
    let mut fit = Fit {
        arn,
        count: 0,
        no_region: 0,
        no_account: 0,
        fitting: start..start,
    };
    let lit = literal_len(arn.resource);
    // The formats split by the catalogue, else split here.
    let split = cat.for_each_arn_format_near(arn.service, arn.resource, &mut |t| {
        // The catalogue gives only formats whose literal beginning agrees
        // with the resource's.
        if globs_meet_at(t.resource, t.literal, arn.resource, lit, true) {
            fit.add(
                formats,
                (t.region.is_empty(), t.account.is_empty()),
                t.key,
                Cow::Borrowed(t.text),
            );
        }
        false
    });
    if !split {
        cat.for_each_arn_template_near(arn.service, arn.resource, &mut |text| {
            if let Some(t) = Arn::parse(text) {
                if globs_meet(t.resource, arn.resource) {
                    fit.add(
                        formats,
                        (t.region.is_empty(), t.account.is_empty()),
                        ArnFormat::key_of(text),
                        Cow::Owned(text.to_owned()),
                    );
                }
            }
            false
        });
    }
    if fit.count == 0 {
        let mut any = false;
        cat.for_each_arn_template(arn.service, &mut |_| {
            any = true;
            true
        });
        if !any {
            return None;
        }
    }
    Some(fit)
}

/// Sets `none[j]` for each resource whose `fits[j]` has formats of its
/// service but no resource type of any of `actions`, when every action is
/// known and none is `*`: one pass over the actions for all the
/// resources.
fn fits_none_of(
    cat: &dyn ServiceCatalog,
    (actions, ids): (&OneOrMany<String>, &[Resolved]),
    (fits, formats): (&[Option<Fit>], &Formats),
    none: &mut [bool],
) {
    // The resources to place (with the formats each fits), and whether
    // each has an action's type yet.
    let mut open: Vec<Open> = Vec::new();
    for (j, fit) in fits.iter().enumerate() {
        if let Some(fit) = fit {
            if fit.count > 0 {
                let fitting = formats.get(fit.fitting.clone()).unwrap_or_default();
                open.push((j, &fit.arn, fitting, false));
            }
        }
    }
    let mut left = open.len();
    for (a, id) in actions.iter().zip(ids) {
        if a == "*" {
            return;
        }
        // A template given as text: split here.
        let place_text = |open: &mut [_], left: &mut usize, t: &str| {
            if let Some(p) = Arn::parse(t) {
                place(open, left, (p.service, p.resource), None, t);
            }
            *left == 0
        };
        let found = match id {
            Resolved::Id(id) => {
                let split = cat.for_each_id_format(*id, &mut |p| {
                    place(
                        &mut open,
                        &mut left,
                        (p.service, p.resource),
                        Some(p.key),
                        p.text,
                    );
                    left == 0
                });
                match split {
                    Some(star) => Some(star),
                    None => Some(cat.for_each_id_resource(*id, &mut |_, t| {
                        place_text(&mut open, &mut left, t)
                    })),
                }
            }
            Resolved::Absent => None,
            Resolved::Ask => {
                cat.for_each_action_resource(a, &mut |_, t| place_text(&mut open, &mut left, t))
            }
        };
        if found.is_none() || left == 0 {
            return;
        }
    }
    for (j, _, _, placed) in open {
        none[j] = !placed;
    }
}

/// A resource still to place: its index, its fields, the formats of its
/// service it fits, and whether an action's format fits it.
type Open<'a, 'r> = (usize, &'a Arn<'r>, &'a [(u64, Cow<'static, str>)], bool);

/// Marks each resource of `open` not yet placed that the format `text`
/// (its service field and resource part `fields`, its key if known) of an
/// action fits, counting down `left`.
fn place(
    open: &mut [Open],
    left: &mut usize,
    (service, resource): (&str, &str),
    key: Option<u64>,
    text: &str,
) {
    for (_, arn, fitting, placed) in open.iter_mut().filter(|x| !x.3) {
        // The formats of the resource's service field that fit it are
        // known (the catalogue lists every format of a field); a format of
        // another field fits only through a wildcard in its own (the
        // resource's has none).
        let fits = if service.eq_ignore_ascii_case(arn.service) {
            fitting
                .iter()
                .any(|(k, f)| key.map_or(true, |key| key == *k) && f == text)
        } else {
            glob_byte(service) && arn_fits((service, resource), arn)
        };
        if fits {
            *placed = true;
            *left -= 1;
        }
    }
}

/// How the catalogue resolved one action of a statement's `Action` list.
#[derive(Clone, Copy)]
pub(super) enum Resolved {
    /// A known action.
    Id(ActionId),
    /// No such action.
    Absent,
    /// A wildcard, or a catalogue that does not resolve actions: asked by
    /// pattern.
    Ask,
}

impl Resolved {
    /// `a` resolved (a wildcard is the catalogue's to tell apart: it
    /// resolves none).
    fn of(cat: &dyn ServiceCatalog, a: &str) -> Resolved {
        match cat.resolve_action(a) {
            Some(Some(id)) => Resolved::Id(id),
            Some(None) => Resolved::Absent,
            None => Resolved::Ask,
        }
    }
}

/// The fields of an ARN (or ARN template): `arn:partition:service:region:account:resource`.
#[derive(Clone, Copy)]
struct Arn<'a> {
    service: &'a str,
    region: &'a str,
    account: &'a str,
    resource: &'a str,
}

impl<'a> Arn<'a> {
    fn parse(text: &'a str) -> Option<Arn<'a>> {
        // `arn:`, then the next four colons, found eight bytes at a time.
        let b = text.as_bytes();
        if !b.starts_with(b"arn:") {
            return None;
        }
        let mut cuts = [3usize; 5];
        let mut n = 1;
        let mut i = 4;
        while n < 5 && i + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            let mut colons = colon_bytes(u64::from_le_bytes(w));
            while colons != 0 && n < 5 {
                cuts[n] = i + colons.trailing_zeros() as usize / 8;
                n += 1;
                colons &= colons - 1;
            }
            i += 8;
        }
        // The last bytes, one by one.
        while n < 5 && i < b.len() {
            if b[i] == b':' {
                cuts[n] = i;
                n += 1;
            }
            i += 1;
        }
        if n < 5 {
            return None;
        }
        Some(Arn {
            service: text.get(cuts[1] + 1..cuts[2])?,
            region: text.get(cuts[2] + 1..cuts[3])?,
            account: text.get(cuts[3] + 1..cuts[4])?,
            resource: text.get(cuts[4] + 1..)?,
        })
    }
}

/// The high bit of each byte of `w` that is `:` (exact for every byte:
/// no borrow crosses bytes).
fn colon_bytes(w: u64) -> u64 {
    const L: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = w ^ (L * u64::from(b':'));
    // A byte of `x` is zero exactly when neither its low seven bits added
    // to 0x7f nor itself has the high bit.
    !(((x & LOW7) + LOW7) | x) & !LOW7
}

/// Whether policy resource `r` fits the ARN template whose service field
/// and resource part are `t` (the Region and account are other checks).
fn arn_fits(t: (&str, &str), r: &Arn) -> bool {
    globs_meet(t.0, r.service) && globs_meet(t.1, r.resource)
}

/// The length of the literal beginning of pattern `s`: up to its first
/// `*`, `?` or `$` (as [`ArnFormat::literal`]).
fn literal_len(s: &str) -> usize {
    s.bytes()
        .position(|c| matches!(c, b'*' | b'?' | b'$'))
        .unwrap_or(s.len())
}

/// Whether two patterns can match a common string: `*`, `?` and `${...}`
/// (a template variable or a policy variable) are wildcards, the rest
/// compared ignoring ASCII case.
fn globs_meet(a: &str, b: &str) -> bool {
    globs_meet_at(a, literal_len(a), b, literal_len(b), false)
}

/// [`globs_meet`], the lengths of the literal beginnings of `a` and `b`
/// ([`literal_len`]) given, and `heads_agree` when they are known to agree
/// on their common length (ignoring ASCII case).
fn globs_meet_at(a: &str, la: usize, b: &str, lb: usize, heads_agree: bool) -> bool {
    // Most formats differ from the resource in their literal beginning
    // (`accesspoint/`, `job/`): compare that first.
    let n = la.min(lb);
    if !heads_agree && !a.as_bytes()[..n].eq_ignore_ascii_case(&b.as_bytes()[..n]) {
        return false;
    }
    if la == a.len() && lb == b.len() {
        // Both literal, equal on their common length.
        return la == lb;
    }
    // The common policy pattern: a literal beginning and one `*` at the
    // end, which takes whatever `a` has after that beginning, when `a`'s
    // literal beginning covers `b`'s, or `a` can write the rest of `b`'s
    // with a `*` (a `?` writes one character only: `?` and `aa*` do not
    // meet; those go to the general comparison below).
    // The same holds for a variable `${...}` in place of that `*`, and with
    // `a` and `b` swapped (most formats end with their one variable).
    for (p, lp, q, lq) in [(b, lb, a, la), (a, la, b, lb)] {
        if star_at(p.as_bytes(), lp) == Some(p.len() - lp)
            && (lp <= lq || star_at(q.as_bytes(), lq).is_some())
        {
            return true;
        }
    }
    // Both only `*` and variables: `*` meets anything.
    if a == "*" || b == "*" {
        return true;
    }
    // One of them literal: whether the other matches it, without the
    // table below (no longer than it takes, so that the same ones are
    // compared as text).
    if a.len() <= 150 && b.len() <= 150 {
        if lb == b.len() {
            return matches_literal(a.as_bytes(), b.as_bytes());
        }
        if la == a.len() {
            return matches_literal(b.as_bytes(), a.as_bytes());
        }
    }
    // Both end in literal text: one ending must end the other.
    let (ta, tb) = (literal_tail(a), literal_tail(b));
    let n = ta.len().min(tb.len());
    if !ta[ta.len() - n..].eq_ignore_ascii_case(&tb[tb.len() - n..]) {
        return false;
    }
    // One has a wildcard `*` right after a literal beginning no longer
    // than the other's, and the other ends with one: that wildcard takes
    // the other's middle, the other's last one takes the rest.
    for (p, lp, q, lq) in [(a, la, b, lb), (b, lb, a, la)] {
        if lp <= lq && star_at(p.as_bytes(), lp).is_some() && ends_with_star(q) {
            return true;
        }
    }
    meet_table(a, b)
}

/// The literal end of pattern `s`: after its last `*`, `?`, `$`, `{` or
/// `}` (every string it matches ends with it).
fn literal_tail(s: &str) -> &[u8] {
    let t = s
        .bytes()
        .rev()
        .take_while(|c| !b"*?${}".contains(c))
        .count();
    &s.as_bytes()[s.len() - t..]
}

/// Whether pattern `p` ends with a wildcard `*` or a variable `${...}`.
fn ends_with_star(p: &str) -> bool {
    let b = p.as_bytes();
    // The last `${` (as `rfind("${")`), byte by byte.
    let last = (0..b.len().saturating_sub(1))
        .rev()
        .find(|&k| b[k] == b'$' && b[k + 1] == b'{');
    b.last() == Some(&b'*') || last.is_some_and(|k| star_at(b, k) == Some(b.len() - k))
}

/// The length of the wildcard that starts at `i` in pattern `p` (`*`, or a
/// variable `${...}`), if one does.
fn star_at(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'*' => Some(1),
        b'$' if b.get(i + 1) == Some(&b'{') => {
            b[i..].iter().position(|&c| c == b'}').map(|e| e + 1)
        }
        _ => None,
    }
}

/// Whether pattern `p` (`*`, `?`, `${...}`) matches the text `t` ignoring
/// ASCII case: the usual greedy match, going back to the last wildcard.
fn matches_literal(p: &[u8], t: &[u8]) -> bool {
    let (mut i, mut j) = (0, 0);
    let mut back: Option<(usize, usize)> = None;
    loop {
        if i < p.len() {
            if let Some(n) = star_at(p, i) {
                i += n;
                back = Some((i, j));
                continue;
            }
            if j < t.len() && (p[i] == b'?' || p[i].eq_ignore_ascii_case(&t[j])) {
                i += 1;
                j += 1;
                continue;
            }
        } else if j == t.len() {
            return true;
        }
        match back {
            Some((bi, bj)) if bj < t.len() => {
                back = Some((bi, bj + 1));
                i = bi;
                j = bj + 1;
            }
            _ => return false,
        }
    }
}

/// The general comparison of [`globs_meet`]: whether some string matches
/// both patterns, by a table of token prefixes.
fn meet_table(a: &str, b: &str) -> bool {
    let mut ta = [Tok::Star; 150];
    let mut tb = [Tok::Star; 150];
    let (Some(na), Some(nb)) = (tokens(a, &mut ta), tokens(b, &mut tb)) else {
        // Longer than any ARN format: compare as text.
        return a.eq_ignore_ascii_case(b);
    };
    let (a, b) = (&ta[..na], &tb[..nb]);
    // Row by row: bit j of cur when a[..i] and b[..j] can match a common
    // string, of next the same for i + 1.
    let get = |row: &[u64; 3], j: usize| row[j / 64] >> (j % 64) & 1 == 1;
    let set = |row: &mut [u64; 3], j: usize| row[j / 64] |= 1 << (j % 64);
    let mut cur = [0u64; 3];
    let mut next = [0u64; 3];
    set(&mut cur, 0);
    // The first set bit of a row at or after `from`.
    let next_set = |row: &[u64; 3], from: usize| -> Option<usize> {
        let mut w = from / 64;
        let mut bits = *row.get(w)? & (!0u64 << (from % 64));
        loop {
            if bits != 0 {
                return Some(w * 64 + bits.trailing_zeros() as usize);
            }
            w += 1;
            bits = *row.get(w)?;
        }
    };
    for i in 0..=a.len() {
        // Only the set cells (a cell set on the way is visited too).
        let mut from = 0;
        while let Some(j) = next_set(&cur, from) {
            if j > b.len() {
                break;
            }
            from = j + 1;
            let ta = a.get(i);
            let tb = b.get(j);
            if ta == Some(&Tok::Star) {
                // The star takes nothing more, or one more of b's.
                set(&mut next, j);
                if j < b.len() {
                    set(&mut cur, j + 1);
                }
            }
            if tb == Some(&Tok::Star) {
                set(&mut cur, j + 1);
                if i < a.len() {
                    set(&mut next, j);
                }
            }
            if let (Some(x), Some(y)) = (ta, tb) {
                let one = match (x, y) {
                    (Tok::Star, _) | (_, Tok::Star) => false,
                    (Tok::One, _) | (_, Tok::One) => true,
                    (Tok::Byte(p), Tok::Byte(q)) => p.eq_ignore_ascii_case(q),
                };
                if one {
                    set(&mut next, j + 1);
                }
            }
        }
        if i == a.len() {
            return get(&cur, b.len());
        }
        if next == [0; 3] {
            return false;
        }
        cur = next;
        next = [0; 3];
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Star,
    One,
    Byte(u8),
}

/// The tokens of `s` into `out`: their number, `None` when more than fit.
fn tokens(s: &str, out: &mut [Tok]) -> Option<usize> {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let t = match b[i] {
            b'*' => Tok::Star,
            b'?' => Tok::One,
            b'$' if b.get(i + 1) == Some(&b'{') => match s[i..].find('}') {
                Some(end) => {
                    i += end;
                    Tok::Star
                }
                None => Tok::Byte(b'$'),
            },
            c => Tok::Byte(c),
        };
        *out.get_mut(n)? = t;
        n += 1;
        i += 1;
    }
    Some(n)
}

/// Unknown services and the nearest service prefix to each (within an
/// edit distance of 3, with that distance).
type Near = Vec<(String, Option<(usize, String)>)>;

/// A service (other than `svc`) that has an action `name`, or the service
/// prefix nearest to `svc` by edit distance.
fn service_with_action(
    cat: &dyn ServiceCatalog,
    svc: &str,
    name: &str,
    nearest: &mut Near,
) -> Option<String> {
    let best = match nearest.iter().find(|(s, _)| s == svc) {
        Some((_, b)) => b.clone(),
        None => {
            let mut best: Option<(usize, String)> = None;
            let probe = Probe::new(svc);
            cat.for_each_service(&mut |p| {
                let Some(limit) = within(3, &best) else {
                    return;
                };
                if let Some(d) = probe.distance(p, limit) {
                    if best.as_ref().map_or(true, |(b, _)| d < *b) {
                        best = Some((d, p.to_owned()));
                    }
                }
            });
            nearest.push((svc.to_owned(), best.clone()));
            best
        }
    };
    if let Some((_, p)) = &best {
        if name.contains(['*', '?']) || cat.has_action(p, name) {
            return best.map(|b| b.1);
        }
    }
    if name.contains(['*', '?']) {
        return best.map(|b| b.1);
    }
    let mut with: Option<(usize, String)> = None;
    let near = (svc.len() / 2).max(2);
    let probe = Probe::new(svc);
    cat.for_each_service_with_action(name, &mut |p| {
        // The lengths first (too far apart, no distance within `near`),
        // then the distance.
        if svc.len().abs_diff(p.len()) > near {
            return;
        }
        let Some(limit) = within(near, &with) else {
            return;
        };
        let Some(d) = probe.distance(p, limit) else {
            return;
        };
        if with.as_ref().map_or(true, |(b, _)| d < *b) {
            with = Some((d, p.to_owned()));
        }
    });
    with.or(best).map(|b| b.1)
}

/// The distance within which a name must be to replace `best` (a nearer
/// one only), at most `limit`; `None` when none can.
fn within(limit: usize, best: &Option<(usize, String)>) -> Option<usize> {
    match best {
        None => Some(limit),
        Some((d, _)) => d.checked_sub(1).map(|d| d.min(limit)),
    }
}

/// The action of `svc` nearest to `name` by edit distance (at most a third
/// of the name's length, and at least 2).
fn nearest_action(cat: &dyn ServiceCatalog, svc: &str, name: &str) -> Option<String> {
    let limit = (name.len() / 3).max(2);
    let mut best: Option<(usize, String)> = None;
    let probe = Probe::new(name);
    cat.for_each_action(svc, &mut |n| {
        let Some(limit) = within(limit, &best) else {
            return;
        };
        if let Some(d) = probe.distance(n, limit) {
            if best.as_ref().map_or(true, |(b, _)| d < *b) {
                best = Some((d, n.to_owned()));
            }
        }
    });
    best.map(|b| b.1)
}

/// The Levenshtein distance between `a` and `b`, ignoring ASCII case, when
/// at most `limit` (`None` beyond it: only a band of `limit` cells either
/// side of the diagonal is computed, and a row whose every cell exceeds the
/// limit ends the search).
#[cfg(test)]
fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    Probe::new(a).distance(b, limit)
}

/// The set of letters of `s` (ignoring ASCII case), as bits.
fn letters(s: &[u8]) -> u64 {
    s.iter()
        .fold(0u64, |m, c| m | 1 << (c.to_ascii_lowercase() & 63))
}

/// A name compared with many others by edit distance: what the cheaper
/// bounds need of it, computed once.
struct Probe<'a> {
    a: &'a [u8],
    letters: u64,
    counts: [i16; 64],
    /// For each byte (lowercased), the positions of `a` that have it, as
    /// bits (when `a` has at most 64 bytes): the bit-parallel distance.
    peq: [u64; 256],
}

impl<'a> Probe<'a> {
    fn new(a: &'a str) -> Self {
        let a = a.as_bytes();
        // Wrapping: a name too long for the counts is too long for every
        // other name (the length bound comes first).
        let mut counts = [0i16; 64];
        for c in a {
            let k = &mut counts[usize::from(c.to_ascii_lowercase() & 63)];
            *k = k.wrapping_add(1);
        }
        let mut peq = [0u64; 256];
        if a.len() <= 64 {
            for (i, c) in a.iter().enumerate() {
                peq[usize::from(c.to_ascii_lowercase())] |= 1 << i;
            }
        }
        Probe {
            a,
            letters: letters(a),
            counts,
            peq,
        }
    }

    /// The Levenshtein distance between the probe (at most 64 bytes) and
    /// `b`, ignoring ASCII case: Myers' bit-parallel algorithm (as Hyyrö
    /// gives it for the distance of whole strings), a column of the table
    /// per byte of `b` in a few word operations.
    fn bit_parallel(&self, b: &[u8]) -> usize {
        let m = self.a.len();
        if m == 0 {
            return b.len();
        }
        let high = 1u64 << (m - 1);
        let mask = if m == 64 { !0 } else { (1u64 << m) - 1 };
        let (mut pv, mut mv) = (mask, 0u64);
        let mut score = m;
        for &c in b {
            let eq = self.peq[usize::from(c.to_ascii_lowercase())];
            let xv = eq | mv;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let ph = mv | !(xh | pv);
            let mh = pv & xh;
            if ph & high != 0 {
                score += 1;
            } else if mh & high != 0 {
                score -= 1;
            }
            let ph = (ph << 1) | 1;
            let mh = mh << 1;
            pv = (mh | !(xv | ph)) & mask;
            mv = ph & xv & mask;
        }
        score
    }

    /// The Levenshtein distance between the probe and `b`, ignoring ASCII
    /// case, when at most `limit` (`None` beyond it: only a band of
    /// `limit` cells either side of the diagonal is computed, and a row
    /// whose every cell exceeds the limit ends the search).
    fn distance(&self, b: &str, limit: usize) -> Option<usize> {
        let (a, b) = (self.a, b.as_bytes());
        if a.len().abs_diff(b.len()) > limit || b.len() >= 128 {
            return None;
        }
        // A cheaper bound first: each edit adds or removes at most two
        // letters from the set of letters present.
        let present = letters(b);
        if ((self.letters ^ present).count_ones() as usize).div_ceil(2) > limit {
            return None;
        }
        if a.len() <= 64 {
            let d = self.bit_parallel(b);
            return (d <= limit).then_some(d);
        }
        // A lower bound: each edit changes the count of at most two
        // letters by one (only the letters of either name have a count).
        let mut counts = self.counts;
        for c in b {
            let k = &mut counts[usize::from(c.to_ascii_lowercase() & 63)];
            *k = k.wrapping_sub(1);
        }
        let (mut more, mut fewer) = (0usize, 0usize);
        let mut bits = self.letters | present;
        while bits != 0 {
            let c = counts[bits.trailing_zeros() as usize];
            more += c.max(0) as usize;
            fewer += (-c).max(0) as usize;
            bits &= bits - 1;
        }
        if more.max(fewer) > limit {
            return None;
        }
        banded(a, b, limit)
    }
}

/// The banded Levenshtein table of [`Probe::distance`].
fn banded(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    const FAR: usize = usize::MAX / 2;
    let mut prev = [FAR; 130];
    let mut cur = [FAR; 130];
    for (j, p) in prev.iter_mut().enumerate().take(b.len().min(limit) + 1) {
        *p = j;
    }
    for (i, x) in a.iter().enumerate() {
        let lo = (i + 1).saturating_sub(limit);
        let hi = (i + 1 + limit).min(b.len());
        // Only the band is written; the cells either side read as far.
        if lo > 0 {
            cur[lo - 1] = FAR;
        } else {
            cur[0] = i + 1;
        }
        let mut best = cur[0];
        for j in lo.max(1)..=hi {
            let sub = prev[j - 1] + usize::from(!x.eq_ignore_ascii_case(&b[j - 1]));
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
            best = best.min(cur[j]);
        }
        cur[hi + 1] = FAR;
        if best > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_meet() {
        assert!(globs_meet("${BucketName}", "my-bucket"));
        assert!(!globs_meet("${BucketName}/${ObjectName}", "my-bucket"));
        assert!(globs_meet("${BucketName}/${ObjectName}", "my-bucket/*"));
        assert!(globs_meet("role/${RoleNameWithPath}", "role/a/b"));
        assert!(!globs_meet("role/${RoleNameWithPath}", "user/a"));
        assert!(globs_meet("role/${R}", "*"));
        assert!(globs_meet("ROLE/x", "role/?"));
        assert!(globs_meet("a*b", "*c*"));
        assert!(!globs_meet("a", "b*"));
        assert!(globs_meet("", ""));
        // A `?` writes one character: no string matches both (found by
        // the property below).
        assert!(!globs_meet("?", "aa*"));
        assert!(globs_meet("*", "aa*"));
        assert!(globs_meet("a?", "aa*"));
    }

    /// The ARN fields as a split on the first five colons finds them.
    #[test]
    fn arn_fields() {
        let texts = [
            "arn:${Partition}:s3:::${BucketName}",
            "arn:aws:ec2:us-east-1:111122223333:instance/i-1:x:y",
            "arn:aws:iam::111122223333:role/a",
            "arn:a:b:c:d:",
            "arn:a:b:c:d",
            "arn:",
            "arn",
            "ar:a:b:c:d:e",
            "arn::::::::::::::::::",
            "arn:é:ü:::ß/ø",
            "arn:aws:logs:us-east-1:1:log-group:/aws/x:*",
            "ARN:a:b:c:d:e",
            "",
        ];
        for t in texts {
            let mut f = t.splitn(6, ':');
            let want = match (f.next(), f.next(), f.next(), f.next(), f.next(), f.next()) {
                (Some("arn"), Some(_), Some(s), Some(r), Some(a), Some(res)) => {
                    Some((s, r, a, res))
                }
                _ => None,
            };
            let got = Arn::parse(t).map(|a| (a.service, a.region, a.account, a.resource));
            assert_eq!(got, want, "{t}");
        }
        for b in 0..=255u8 {
            let w = u64::from_le_bytes([b, b':', b, 0x3a ^ 0x80, b';', b'9', b':', b]);
            let want: u64 = [b, b':', b, 0x3a ^ 0x80, b';', b'9', b':', b]
                .iter()
                .enumerate()
                .map(|(i, &c)| u64::from(c == b':') << (i * 8 + 7))
                .sum();
            assert_eq!(colon_bytes(w), want, "{b}");
        }
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("GetObjects", "getobject", 2), Some(1));
        assert_eq!(distance("", "abc", 3), Some(3));
        assert_eq!(distance("kitten", "sitting", 3), Some(3));
        assert_eq!(distance("kitten", "sitting", 2), None);
        assert_eq!(distance("ListBuckets", "ListBucket", 2), Some(1));
        assert_eq!(distance("x", "GetObject", 3), None);
    }

    /// Whether `t` matches the pattern `p` (`*`, `?`), by recursion.
    fn glob(p: &str, t: &str) -> bool {
        match p.chars().next() {
            None => t.is_empty(),
            Some('*') => (0..=t.len()).any(|i| glob(&p[1..], &t[i..])),
            Some(c) => t
                .chars()
                .next()
                .is_some_and(|d| (c == '?' || c == d) && glob(&p[1..], &t[1..])),
        }
    }

    /// The full Levenshtein table, the reference of the banded one.
    fn reference(a: &str, b: &str) -> usize {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let sub = d[i - 1][j - 1] + usize::from(!a[i - 1].eq_ignore_ascii_case(&b[j - 1]));
                d[i][j] = sub.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            }
        }
        d[a.len()][b.len()]
    }

    proptest::proptest! {
        #[test]
        fn banded_distance_agrees_with_the_table(a in "[abAB]{0,9}", b in "[abc]{0,9}", limit in 0usize..5) {
            let full = reference(&a, &b);
            proptest::prop_assert_eq!(distance(&a, &b, limit), (full <= limit).then_some(full));
        }

        #[test]
        fn bit_parallel_distance_agrees_with_the_table(a in "[abAB\u{e9}]{0,70}", b in "[abcB\u{e9}]{0,70}", limit in 0usize..80) {
            let full = reference(&a, &b);
            let p = Probe::new(&a);
            if a.len() <= 64 {
                proptest::prop_assert_eq!(p.bit_parallel(b.as_bytes()), full);
            }
            let want = (full <= limit && b.len() < 128 && a.len().abs_diff(b.len()) <= limit).then_some(full);
            proptest::prop_assert_eq!(p.distance(&b, limit), want);
            // The banded table, which the longer probes use, agrees too.
            if a.len().abs_diff(b.len()) <= limit && b.len() < 128 {
                proptest::prop_assert_eq!(banded(a.as_bytes(), b.as_bytes(), limit), (full <= limit).then_some(full));
            }
        }

        #[test]
        fn shortcuts_agree_with_the_table(a in "(a|b|A|\\*|\\?|\\$\\{x\\}|\\$|\\{|\\}){0,5}", b in "(a|b|\\*|\\?|\\$\\{y\\}|\\$|\\}){0,5}") {
            proptest::prop_assert_eq!(globs_meet(&a, &b), meet_table(&a, &b), "{} {}", a, b);
            // Told that the literal beginnings agree, when they do.
            let (la, lb) = (literal_len(&a), literal_len(&b));
            let n = la.min(lb);
            if a.as_bytes()[..n].eq_ignore_ascii_case(&b.as_bytes()[..n]) {
                proptest::prop_assert_eq!(globs_meet_at(&a, la, &b, lb, true), meet_table(&a, &b), "{} {}", a, b);
            }
            proptest::prop_assert_eq!(globs_meet(&b, &a), meet_table(&b, &a), "{} {}", b, a);
        }

        #[test]
        fn ends_with_star_agrees_with_rfind(p in "(a|\\*|\\$\\{x\\}|\\$|\\{|\\}|é){0,6}") {
            let want = p.ends_with('*')
                || p.rfind("${").is_some_and(|k| star_at(p.as_bytes(), k) == Some(p.len() - k));
            proptest::prop_assert_eq!(ends_with_star(&p), want, "{}", p);
        }

        #[test]
        fn patterns_meet_agrees_on_literals(a in "[ab]{0,6}", b in "[ab]{0,6}") {
            proptest::prop_assert_eq!(globs_meet(&a, &b), a.eq_ignore_ascii_case(&b));
        }

        #[test]
        fn patterns_meet_when_a_string_matches_both(a in "[ab*?]{0,4}", b in "[ab*?]{0,4}") {
            // Some string over {a, b} of at most 8 characters matches both
            // exactly when they meet (a witness is never longer than both
            // patterns' letters together).
            let mut witness = false;
            for len in 0..=8u32 {
                for bits in 0..(1u32 << len) {
                    let t: String = (0..len).map(|k| if bits >> k & 1 == 1 { 'b' } else { 'a' }).collect();
                    if glob(&a, &t) && glob(&b, &t) {
                        witness = true;
                    }
                }
            }
            proptest::prop_assert_eq!(globs_meet(&a, &b), witness, "{} {}", a, b);
        }
    }
}
