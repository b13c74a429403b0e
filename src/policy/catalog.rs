//! The service catalogue as the policy check sees it: a trait that a
//! catalogue of every action, resource type and condition key implements
//! (the `iam-ecs-catalog` crate does, with data embedded), so that the core
//! crate carries no data. [`CheckOptions::catalog`](super::CheckOptions::catalog)
//! turns the catalogue checks on.

use std::fmt;

/// The value type of a condition key (for a multivalued key, of each
/// value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyType {
    /// `String`.
    String,
    /// `ARN`.
    Arn,
    /// `Bool`.
    Bool,
    /// `Numeric`.
    Numeric,
    /// `Date`.
    Date,
    /// `IPAddress`.
    IpAddress,
    /// A type the catalogue does not know.
    Unknown,
}

impl KeyType {
    /// The type as the Service Authorization Reference spells it (without
    /// `ArrayOf`).
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyType::String => "String",
            KeyType::Arn => "ARN",
            KeyType::Bool => "Bool",
            KeyType::Numeric => "Numeric",
            KeyType::Date => "Date",
            KeyType::IpAddress => "IPAddress",
            KeyType::Unknown => "Unknown",
        }
    }
}

/// What the catalogue says about a condition key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyInfo {
    /// The value type.
    pub ty: KeyType,
    /// Whether the request can carry several values (`ArrayOf...`).
    pub multivalued: bool,
}

/// A catalogue of AWS services: their actions, the resource types (ARN
/// templates) each action takes and the condition keys each supports.
/// Names are compared ignoring ASCII case, as IAM does.
///
/// Every method that answers "is this name there" may be wrong for a name
/// newer than [`ServiceCatalog::date`]; the checks report such findings as
/// warnings that name the date, unless the catalogue is strict.
pub trait ServiceCatalog: Sync {
    /// The date of the newest data, `YYYY-MM-DD`.
    fn date(&self) -> &str;

    /// How to refresh the data, for messages (one sentence).
    fn refresh_hint(&self) -> &str;

    /// Whether there is a service with this action prefix.
    fn has_service(&self, prefix: &str) -> bool;

    /// Calls `f` with each service prefix.
    fn for_each_service(&self, f: &mut dyn FnMut(&str));

    /// Calls `f` with the name of each action of `prefix` (nothing for an
    /// unknown service).
    fn for_each_action(&self, prefix: &str, f: &mut dyn FnMut(&str));

    /// Whether `service:name` is an action.
    fn has_action(&self, service: &str, name: &str) -> bool;

    /// Calls `f` with the prefix of each service that has an action `name`
    /// (no wildcard; ignoring case), in the order of
    /// [`for_each_service`](Self::for_each_service): for "did you mean"
    /// across services. By default, [`has_action`](Self::has_action) of
    /// each service.
    fn for_each_service_with_action(&self, name: &str, f: &mut dyn FnMut(&str)) {
        self.for_each_service(&mut |p| {
            if self.has_action(p, name) {
                f(p);
            }
        });
    }

    /// The action `action` (`service:Name`) resolved once, for the
    /// questions a check asks about it again: `None` for a pattern with a
    /// wildcard (`*`, `?`) or when this catalogue does not resolve actions
    /// (the default): ask by pattern; `Some(None)` when there is no such
    /// action, else its id.
    fn resolve_action(&self, action: &str) -> Option<Option<ActionId>> {
        let _ = action;
        None
    }

    /// Whether the action `id` (from [`resolve_action`](Self::resolve_action))
    /// supports condition key `key`, as
    /// [`action_supports_key`](Self::action_supports_key) answers for it.
    /// Only a catalogue that resolves actions is asked (the default, for
    /// the others, says no).
    fn id_supports_key(&self, id: ActionId, key: &str) -> bool {
        let _ = (id, key);
        false
    }

    /// Whether the action `id` (from [`resolve_action`](Self::resolve_action))
    /// supports the tag key `key`, as
    /// [`action_supports_tag_key`](Self::action_supports_tag_key) answers
    /// for it. Only a catalogue that resolves actions is asked (the default,
    /// for the others, says no).
    fn id_supports_tag_key(&self, id: ActionId, key: &str) -> bool {
        let _ = (id, key);
        false
    }

    /// Calls `f(resource type, ARN template)` for the action `id` (from
    /// [`resolve_action`](Self::resolve_action)) as
    /// [`for_each_action_resource`](Self::for_each_action_resource) does,
    /// returning whether it takes only `*`. Only a catalogue that resolves
    /// actions is asked (the default, for the others, calls nothing).
    fn for_each_id_resource(&self, id: ActionId, f: &mut dyn FnMut(&str, &str) -> bool) -> bool {
        let _ = (id, f);
        true
    }

    /// Whether the action pattern `pattern` (`service:Name` with `*` and
    /// `?` anywhere) matches at least one action.
    fn matches_any(&self, pattern: &str) -> bool;

    /// The catalogue's entry for condition key `key` (a service key, or a
    /// global `aws:` key); a templated key (`s3:ExistingObjectTag/<key>`)
    /// answers for every key starting with its literal part.
    fn condition_key(&self, key: &str) -> Option<KeyInfo>;

    /// Whether the actions that `pattern` matches (one action, or a
    /// wildcard pattern) support condition key `key`: `Some(true)` when at
    /// least one does (in its own keys or in those of a resource type it
    /// takes), `Some(false)` when none does, `None` when the pattern
    /// matches no action.
    fn action_supports_key(&self, pattern: &str, key: &str) -> Option<bool>;

    /// [`action_supports_key`](Self::action_supports_key) for a tag key
    /// (`aws:ResourceTag/...`, `aws:RequestTag/...`, `aws:TagKeys`) as
    /// Access Analyzer grades it: an action that takes no resource type
    /// also counts as supporting a key that some resource type of its
    /// service supports (docs/checks.md). By default, the same as
    /// `action_supports_key`.
    fn action_supports_tag_key(&self, pattern: &str, key: &str) -> Option<bool> {
        self.action_supports_key(pattern, key)
    }

    /// Calls `f(resource type, ARN template)` for each ARN template of each
    /// resource type of the actions that `pattern` matches, until `f`
    /// returns `true`; returns `None` when the pattern matches no action,
    /// `Some(true)` when some matching action takes no resource type (only
    /// `"*"`), else `Some(false)`.
    fn for_each_action_resource(
        &self,
        pattern: &str,
        f: &mut dyn FnMut(&str, &str) -> bool,
    ) -> Option<bool>;

    /// Calls `f` with each ARN template whose service field is
    /// `arn_service` (`s3` for `arn:${Partition}:s3:::${BucketName}`), until
    /// `f` returns `true`.
    fn for_each_arn_template(&self, arn_service: &str, f: &mut dyn FnMut(&str) -> bool);

    /// As [`ServiceCatalog::for_each_arn_template`], but a catalogue may
    /// leave out the templates whose resource part (after the fifth colon)
    /// no string matches along with `resource`, the resource part of a
    /// policy's ARN (`*`, `?` and `${...}` being wildcards): it calls `f`
    /// with at least every template that does, in the same order. By
    /// default every template of `arn_service`; a catalogue with an index
    /// of its formats by their literal beginning answers faster.
    fn for_each_arn_template_near(
        &self,
        arn_service: &str,
        resource: &str,
        f: &mut dyn FnMut(&str) -> bool,
    ) {
        let _ = resource;
        self.for_each_arn_template(arn_service, f);
    }

    /// The formats of `arn_service` whose resource part's literal beginning
    /// ([`ArnFormat::literal`]) agrees with that of `resource` on their
    /// common length (ignoring ASCII case), in the order of
    /// [`for_each_arn_template`](Self::for_each_arn_template), split
    /// ([`ArnFormat`], as [`ArnFormat::new`] splits them; the texts that
    /// are no ARN left out) and borrowed from the catalogue, until `f`
    /// returns `true`: each of them, and only them, unlike
    /// [`for_each_arn_template_near`](Self::for_each_arn_template_near),
    /// which may give more. Returns `false`, calling nothing, when this
    /// catalogue does not give them (the default): then ask
    /// `for_each_arn_template_near`.
    fn for_each_arn_format_near<'s>(
        &'s self,
        arn_service: &str,
        resource: &str,
        f: &mut dyn FnMut(&ArnFormat<'s>) -> bool,
    ) -> bool {
        let _ = (arn_service, resource, f);
        false
    }

    /// The ARN templates that [`for_each_id_resource`](Self::for_each_id_resource)
    /// gives for the action `id`, in the same order, split as
    /// [`for_each_arn_format_near`](Self::for_each_arn_format_near) gives
    /// them, until `f` returns `true`; `Some` of whether the action takes
    /// only `*`. `None`, calling nothing, when this catalogue does not give
    /// them (the default): then ask `for_each_id_resource`.
    fn for_each_id_format<'s>(
        &'s self,
        id: ActionId,
        f: &mut dyn FnMut(&ArnFormat<'s>) -> bool,
    ) -> Option<bool> {
        let _ = (id, f);
        None
    }
}

/// An ARN format (template) of a catalogue with its fields split as the
/// checks split a policy's ARN, on its first five colons
/// (`arn:partition:service:region:account:resource`), as
/// [`ServiceCatalog::for_each_arn_format_near`] and
/// [`ServiceCatalog::for_each_id_format`] give it: a catalogue splits its
/// formats once, when it decodes them, instead of the check splitting them
/// on every resource. [`ArnFormat::new`] makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArnFormat<'a> {
    /// The whole format (`arn:${Partition}:s3:::${BucketName}`).
    pub text: &'a str,
    /// The service field (`s3`).
    pub service: &'a str,
    /// The Region field (empty when the format has none).
    pub region: &'a str,
    /// The account field (empty when the format has none).
    pub account: &'a str,
    /// The resource part, after the fifth colon (`${BucketName}`).
    pub resource: &'a str,
    /// The length of the literal beginning of `resource`: up to its first
    /// `*`, `?` or `$`.
    pub literal: usize,
    /// [`ArnFormat::key_of`] of `text`: formats whose keys differ have
    /// different texts, so that most comparisons of two formats end on
    /// their keys.
    pub key: u64,
}

impl<'a> ArnFormat<'a> {
    /// `text` split, or `None` when it is no ARN (it does not start with
    /// `arn:`, or has fewer than five colons).
    ///
    /// ```
    /// let f = iam_ecs::policy::ArnFormat::new("arn:${Partition}:s3:::${BucketName}/${Key}").unwrap();
    /// assert_eq!((f.service, f.region, f.account), ("s3", "", ""));
    /// assert_eq!((f.resource, f.literal), ("${BucketName}/${Key}", 0));
    /// assert!(iam_ecs::policy::ArnFormat::new("s3:::x").is_none());
    /// ```
    pub fn new(text: &'a str) -> Option<ArnFormat<'a>> {
        let mut f = text.splitn(6, ':');
        let (Some("arn"), Some(_), Some(service), Some(region), Some(account), Some(resource)) =
            (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            return None;
        };
        Some(ArnFormat {
            text,
            service,
            region,
            account,
            resource,
            literal: resource
                .bytes()
                .position(|c| matches!(c, b'*' | b'?' | b'$'))
                .unwrap_or(resource.len()),
            key: Self::key_of(text),
        })
    }

    /// The key of a format's text (FNV-1a of its bytes): equal texts have
    /// equal keys.
    pub fn key_of(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, c| {
            (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
        })
    }
}

/// Whether an action or resource pattern has a wildcard (`*` or `?`),
/// eight bytes at a time: the test the checks make before treating a name
/// as a pattern, for catalogue implementations to make the same way.
///
/// ```
/// assert!(iam_ecs::policy::has_wildcard("s3:Get*"));
/// assert!(!iam_ecs::policy::has_wildcard("s3:GetObject"));
/// ```
pub fn has_wildcard(pattern: &str) -> bool {
    crate::bytes::has_wildcard(pattern.as_bytes())
}

/// Whether the action pattern `pattern` (`*` any run of characters, `?`
/// any one) matches `name`, an action or service name without wildcards,
/// ignoring ASCII case as IAM does: the checks' own matcher, for catalogue
/// implementations to match the same way.
///
/// ```
/// use iam_ecs::policy::action_matches;
/// assert!(action_matches("Get*", "getObject"));
/// assert!(action_matches("*", ""));
/// assert!(action_matches("G?t*t", "GetObject"));
/// assert!(!action_matches("Get", "GetObject"));
/// assert!(!action_matches("*Put", "GetObject"));
/// assert!(action_matches("*Object*", "GetObjectAcl"));
/// ```
pub fn action_matches(pattern: &str, name: &str) -> bool {
    super::check::covers(pattern, name)
}

/// An action as a catalogue resolved it
/// ([`ServiceCatalog::resolve_action`]): a number of the catalogue's own
/// making, meaningful to that catalogue only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ActionId(pub u64);

/// A catalogue given to [`CheckOptions`](super::CheckOptions): a shared
/// reference, compared and hashed by address so that the options stay
/// `Copy`, `Eq` and `Hash`.
#[derive(Clone, Copy)]
pub struct CatalogRef(pub &'static dyn ServiceCatalog);

impl CatalogRef {
    /// The catalogue.
    pub fn get(self) -> &'static dyn ServiceCatalog {
        self.0
    }

    fn addr(self) -> usize {
        self.0 as *const dyn ServiceCatalog as *const () as usize
    }
}

impl fmt::Debug for CatalogRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CatalogRef(data of {})", self.0.date())
    }
}

impl PartialEq for CatalogRef {
    fn eq(&self, other: &Self) -> bool {
        self.addr() == other.addr()
    }
}

impl Eq for CatalogRef {}

impl std::hash::Hash for CatalogRef {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.addr().hash(state);
    }
}
