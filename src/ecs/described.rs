//! `DescribeTaskDefinition` output, and telling it apart from a
//! `RegisterTaskDefinition` input.

use super::model::*;
use super::model::{task_definition_record, with_task_definition_members};
use super::object_of;
use super::vocab::*;
use crate::finding::Finding;
use crate::json::de::document_traits;
use crate::json::record::record;
use crate::json::{Json, Object};
use crate::Result;

record! {
    /// The output of `aws ecs describe-task-definition`
    /// (botocore `DescribeTaskDefinitionResponse`):
    /// `{"taskDefinition": {...}, "tags": [...]}`.
    ///
    /// ```
    /// use iam_ecs::ecs::DescribedTaskDefinition;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let text = r#"{"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:us-east-1:111122223333:task-definition/web:3",
    ///   "containerDefinitions":[{"name":"web","image":"nginx","memory":128}],"family":"web","revision":3,
    ///   "status":"ACTIVE","compatibilities":["EC2"]},"tags":[{"key":"team","value":"a"}]}"#;
    /// let described = DescribedTaskDefinition::from_json_str(text)?;
    /// let input = described.into_register_input();
    /// assert_eq!(
    ///     input.to_json_string(),
    ///     r#"{"containerDefinitions":[{"name":"web","image":"nginx","memory":128}],"family":"web","tags":[{"key":"team","value":"a"}]}"#,
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub struct DescribedTaskDefinition {
        /// The task definition revision. Optional.
        task_definition: RegisteredTaskDefinition = "taskDefinition",
        /// The tags of the task definition (when asked for with `--include TAGS`). Optional.
        tags: Vec<Tag> = "tags",
    }
}

with_task_definition_members!(task_definition_record! {
    /// A registered task definition revision as ECS describes it (botocore
    /// `TaskDefinition`): the register input's members (those of
    /// [`TaskDefinition`], in the same order) followed by the read-only
    /// members ([`READ_ONLY_KEYS`]) such as `taskDefinitionArn`,
    /// `revision`, `status` and `registeredAt`.
    ///
    /// `tags` is not in the botocore shape, but tools such as ecspresso
    /// write it here, and `RegisterTaskDefinition` takes it.
    pub struct RegisteredTaskDefinition {
        /// The full ARN of the revision. Read-only.
        task_definition_arn: String = "taskDefinitionArn",
        /// The revision number within the family. Read-only.
        revision: i64 = "revision",
        /// `ACTIVE`, `INACTIVE` or `DELETE_IN_PROGRESS`. Read-only.
        status: TaskDefinitionStatus = "status",
        /// Container instance attributes the task needs. Read-only.
        requires_attributes: Vec<Attribute> = "requiresAttributes",
        /// The launch types the revision is compatible with. Read-only.
        compatibilities: Vec<Compatibility> = "compatibilities",
        /// When the revision was registered (a timestamp, kept as written). Read-only.
        registered_at: Json = "registeredAt",
        /// When the revision was deregistered. Read-only.
        deregistered_at: Json = "deregisteredAt",
        /// When deletion of the revision was requested. Read-only.
        delete_requested_at: Json = "deleteRequestedAt",
        /// The principal that registered the revision. Read-only.
        registered_by: String = "registeredBy",
    }
});

record! {
    /// A container instance attribute a task needs (botocore `Attribute`).
    pub struct Attribute {
        /// The attribute name, such as `com.amazonaws.ecs.capability.docker-remote-api.1.18`. Required.
        name: String = "name",
        /// The attribute value. Optional.
        value: String = "value",
        /// The kind of resource the attribute is on. Optional.
        target_type: TargetType = "targetType",
        /// The ID of that resource. Optional.
        target_id: String = "targetId",
    }
}

/// The members of a described task definition that `RegisterTaskDefinition`
/// does not take, dropped by `into_register_input`: those
/// [`RegisteredTaskDefinition`] declares after [`TaskDefinition`]'s.
pub const READ_ONLY_KEYS: &[&str] = RegisteredTaskDefinition::KEYS
    .split_at(TaskDefinition::KEYS.len())
    .1;

impl DescribedTaskDefinition {
    /// Reads `DescribeTaskDefinition` output.
    ///
    /// # Errors
    /// [`Error::Json`](crate::Error::Json) for text that is not JSON or
    /// not an object (`[]`, `"x"`). Anything else reads; `check` reports
    /// what does not fit.
    pub fn from_json_str(text: &str) -> Result<Self> {
        crate::json::record::read_document(text, "an object")
    }

    /// Reads `DescribeTaskDefinition` output from UTF-8 bytes.
    ///
    /// # Errors
    /// As [`DescribedTaskDefinition::from_json_str`], and for bytes that
    /// are not UTF-8.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        Self::from_json_str(crate::json::parse::utf8(bytes)?)
    }

    /// The task definition to register again: the described revision
    /// without its read-only members, in the order it was written, with
    /// the response's `tags` added when the revision itself has none.
    pub fn into_register_input(self) -> TaskDefinition {
        let mut td = self
            .task_definition
            .map(RegisteredTaskDefinition::into_register_input)
            .unwrap_or_default();
        if td.tags.is_none() {
            if let Some(tags) = self.tags.filter(|t| !t.is_empty()) {
                td.tags = Some(tags);
            }
        }
        td
    }

    /// The document as compact JSON, exactly as read (or as built).
    pub fn to_json_string(&self) -> String {
        crate::json::to_compact(self)
    }

    /// The document as serde_json's pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_pretty(self)
    }

    /// The containers of the described revision, in order; empty when
    /// there is none (no `taskDefinition`, or members kept raw).
    pub fn containers(&self) -> &[ContainerDefinition] {
        self.task_definition
            .as_ref()
            .map(RegisteredTaskDefinition::containers)
            .unwrap_or_default()
    }

    /// The containers of the described revision, to change in place.
    pub fn containers_mut(&mut self) -> &mut [ContainerDefinition] {
        self.task_definition
            .as_mut()
            .map(RegisteredTaskDefinition::containers_mut)
            .unwrap_or_default()
    }

    /// The findings for the described revision, at its place in this
    /// document (`/taskDefinition/...`), in document order.
    pub fn check(&self) -> Vec<Finding> {
        super::check::described(self)
    }
}

impl RegisteredTaskDefinition {
    /// Reads a bare described task definition (the value of
    /// `taskDefinition`).
    ///
    /// # Errors
    /// As [`DescribedTaskDefinition::from_json_str`].
    pub fn from_json_str(text: &str) -> Result<Self> {
        crate::json::record::read_document(text, "an object")
    }

    /// The task definition to register again: every member but the
    /// read-only ones ([`READ_ONLY_KEYS`]), in the order written, unknown
    /// members kept.
    pub fn into_register_input(self) -> TaskDefinition {
        let text = crate::json::to_compact(&self);
        let Ok(Json::Object(object)) = Json::parse(&text) else {
            return TaskDefinition::default();
        };
        let kept: Vec<(String, Json)> = object
            .into_iter()
            .filter(|(k, _)| !READ_ONLY_KEYS.contains(&k.as_str()))
            .collect();
        TaskDefinition::from_object(Object::from(kept))
    }

    /// The document as compact JSON, exactly as read (or as built).
    pub fn to_json_string(&self) -> String {
        crate::json::to_compact(self)
    }

    /// The containers (`containerDefinitions`), in order; empty when the
    /// member is absent or kept raw.
    pub fn containers(&self) -> &[ContainerDefinition] {
        self.container_definitions.as_deref().unwrap_or_default()
    }

    /// The containers, to change in place (empty when absent or kept
    /// raw).
    pub fn containers_mut(&mut self) -> &mut [ContainerDefinition] {
        self.container_definitions
            .as_deref_mut()
            .unwrap_or_default()
    }

    /// The findings for this revision as a register input (read-only
    /// members are not checked), in document order: the checks of
    /// [`RegisteredTaskDefinition::into_register_input`]'s task
    /// definition, made on this one in place.
    pub fn check(&self) -> Vec<Finding> {
        super::check::registered(self)
    }
}

/// Which kind of ECS document a JSON value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskDefinitionKind {
    /// A `RegisterTaskDefinition` input ([`TaskDefinition`]).
    RegisterInput,
    /// `DescribeTaskDefinition` output wrapped in `{"taskDefinition": ...}`
    /// ([`DescribedTaskDefinition`]).
    DescribeOutput,
    /// A bare described revision: no wrapper, but read-only members such
    /// as `revision` or `status` ([`RegisteredTaskDefinition`]).
    Registered,
}

impl TaskDefinitionKind {
    /// Detects the kind of `json`: an object with a `taskDefinition`
    /// member is describe output; one with any of [`READ_ONLY_KEYS`] is a
    /// bare described revision; any other object is a register input.
    /// `None` when `json` is not an object.
    pub fn detect(json: &Json) -> Option<TaskDefinitionKind> {
        let object = json.as_object()?;
        Some(Self::from_keys(object.iter().map(|(k, _)| k.as_str())))
    }

    /// The kind of an object with these top-level keys (see
    /// [`TaskDefinitionKind::detect`]).
    fn from_keys<'a>(keys: impl Iterator<Item = &'a str> + Clone) -> TaskDefinitionKind {
        let has = |key: &str| keys.clone().any(|k| k == key);
        if has("taskDefinition") && !has("containerDefinitions") {
            TaskDefinitionKind::DescribeOutput
        } else if keys.clone().any(|k| READ_ONLY_KEYS.contains(&k)) {
            TaskDefinitionKind::Registered
        } else {
            TaskDefinitionKind::RegisterInput
        }
    }
}

/// Any ECS task definition document: a register input or describe output,
/// told apart by [`TaskDefinitionKind::detect`].
///
/// ```
/// use iam_ecs::ecs::{Document, TaskDefinitionKind};
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let doc = Document::from_json_str(r#"{"taskDefinition":{"family":"f","revision":2}}"#)?;
/// assert_eq!(doc.kind(), TaskDefinitionKind::DescribeOutput);
/// assert_eq!(doc.into_register_input().to_json_string(), r#"{"family":"f"}"#);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Document {
    /// A `RegisterTaskDefinition` input.
    Register(TaskDefinition),
    /// `DescribeTaskDefinition` output.
    Described(DescribedTaskDefinition),
    /// A bare described revision.
    Registered(RegisteredTaskDefinition),
}

impl Document {
    /// Reads a document of any of the three kinds.
    ///
    /// # Errors
    /// [`Error::Json`](crate::Error::Json) for text that is not JSON or
    /// not an object.
    pub fn from_json_str(text: &str) -> Result<Self> {
        // Most documents are register inputs: read the text as one, and
        // only when its keys say it is describe output or a described
        // revision, read it again as that.
        let td = TaskDefinition::from_json_str(text)?;
        match TaskDefinitionKind::from_keys(td.layout.keys(TaskDefinition::KEYS)) {
            TaskDefinitionKind::RegisterInput => Ok(Document::Register(td)),
            _ => Self::from_json(Json::parse(text)?),
        }
    }

    /// Reads a document from UTF-8 bytes.
    ///
    /// # Errors
    /// As [`Document::from_json_str`], and for bytes that are not UTF-8.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        Self::from_json_str(crate::json::parse::utf8(bytes)?)
    }

    /// Reads a parsed JSON value.
    ///
    /// # Errors
    /// [`Error::Json`](crate::Error::Json) when `json` is not an object.
    pub fn from_json(json: Json) -> Result<Self> {
        let kind = TaskDefinitionKind::detect(&json);
        let object = object_of(json)?;
        Ok(match kind {
            Some(TaskDefinitionKind::DescribeOutput) => {
                Document::Described(DescribedTaskDefinition::from_object(object))
            }
            Some(TaskDefinitionKind::Registered) => {
                Document::Registered(RegisteredTaskDefinition::from_object(object))
            }
            _ => Document::Register(TaskDefinition::from_object(object)),
        })
    }

    /// Which kind of document this is.
    pub fn kind(&self) -> TaskDefinitionKind {
        match self {
            Document::Register(_) => TaskDefinitionKind::RegisterInput,
            Document::Described(_) => TaskDefinitionKind::DescribeOutput,
            Document::Registered(_) => TaskDefinitionKind::Registered,
        }
    }

    /// The findings, in document order, with pointers into this document.
    pub fn check(&self) -> Vec<Finding> {
        match self {
            Document::Register(td) => td.check(),
            Document::Described(d) => d.check(),
            Document::Registered(r) => r.check(),
        }
    }

    /// The register input: the document itself, or the described revision
    /// without its read-only members.
    pub fn into_register_input(self) -> TaskDefinition {
        match self {
            Document::Register(td) => td,
            Document::Described(d) => d.into_register_input(),
            Document::Registered(r) => r.into_register_input(),
        }
    }

    /// The document as compact JSON, exactly as read.
    pub fn to_json_string(&self) -> String {
        crate::json::to_compact(self)
    }

    /// The document as serde_json's pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_pretty(self)
    }

    /// The containers of the task definition, whichever kind of document
    /// holds it; empty when there is none.
    pub fn containers(&self) -> &[ContainerDefinition] {
        match self {
            Document::Register(td) => td.containers(),
            Document::Described(d) => d.containers(),
            Document::Registered(r) => r.containers(),
        }
    }

    /// The containers of the task definition, to change in place.
    ///
    /// ```
    /// use iam_ecs::ecs::Document;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let mut doc: Document = r#"{"taskDefinition":{"containerDefinitions":[{"name":"web","image":"nginx:1.26"}],"revision":3}}"#.parse()?;
    /// for c in doc.containers_mut() {
    ///     c.image = Some("nginx:1.27".to_owned());
    /// }
    /// assert_eq!(
    ///     doc.to_string(),
    ///     r#"{"taskDefinition":{"containerDefinitions":[{"name":"web","image":"nginx:1.27"}],"revision":3}}"#,
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn containers_mut(&mut self) -> &mut [ContainerDefinition] {
        match self {
            Document::Register(td) => td.containers_mut(),
            Document::Described(d) => d.containers_mut(),
            Document::Registered(r) => r.containers_mut(),
        }
    }
}

document_traits!(DescribedTaskDefinition);
document_traits!(RegisteredTaskDefinition);
document_traits!(Document);

impl serde::Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Document::Register(td) => td.serialize(s),
            Document::Described(d) => d.serialize(s),
            Document::Registered(r) => r.serialize(s),
        }
    }
}
