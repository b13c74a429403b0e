//! The check framework shared by policies and task definitions: where a
//! value is ([`Loc`], a pointer built only when a finding needs it), where
//! findings go ([`Sink`]), and one walk over a record's members
//! ([`walk`]): members in the order they were written, then those set
//! since (in declaration order), with every member the model could not
//! take (unknown, duplicate, mismatched) reported once, in place, by the
//! document family's [`Reporter`].
//!
//! The rules themselves live beside the documents they check
//! (`policy::check`, `ecs::check`), in files named after the element they
//! look at.

use crate::code::Code;
use crate::finding::{Finding, Severity};
use crate::json::record::{Layout, RawMember, Record, SlotRef};
use crate::json::Pointer;

/// A place in a document, turned into a [`Pointer`] only when a finding
/// is emitted (most values have none).
#[derive(Clone, Copy)]
pub(crate) enum Loc<'a> {
    /// The whole document.
    Root,
    /// A member of the object at the parent place.
    Key(&'a Loc<'a>, &'a str),
    /// An element of the array at the parent place.
    Index(&'a Loc<'a>, usize),
}

impl<'a> Loc<'a> {
    /// The member `key` of the object here.
    pub(crate) fn key(&'a self, key: &'a str) -> Loc<'a> {
        Loc::Key(self, key)
    }

    /// The element `index` of the array here.
    pub(crate) fn index(&'a self, index: usize) -> Loc<'a> {
        Loc::Index(self, index)
    }

    /// The RFC 6901 pointer of this place.
    pub(crate) fn pointer(&self) -> Pointer {
        match self {
            Loc::Root => Pointer::root(),
            Loc::Key(parent, key) => parent.pointer().key(key),
            Loc::Index(parent, index) => parent.pointer().index(*index),
        }
    }
}

/// Where findings go, in the order they are reported.
#[derive(Default)]
pub(crate) struct Sink {
    findings: Vec<Finding>,
}

impl Sink {
    /// Reports `code` at `loc`, with the code's severity.
    pub(crate) fn report(&mut self, code: Code, loc: &Loc, message: impl Into<String>) {
        self.report_at(code, loc.pointer(), message);
    }

    /// Reports `code` at `loc` with `severity`, for a code whose grade
    /// differs by document (`type-mismatch`: an error in task definitions,
    /// a warning in policies).
    pub(crate) fn report_with(
        &mut self,
        severity: Severity,
        code: Code,
        loc: &Loc,
        message: impl Into<String>,
    ) {
        self.findings
            .push(Finding::new(severity, code, loc.pointer(), message));
    }

    /// Reports `code` at a pointer already built.
    pub(crate) fn report_at(&mut self, code: Code, pointer: Pointer, message: impl Into<String>) {
        self.findings.push(Finding::of(code, pointer, message));
    }

    /// The findings, in the order reported.
    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// What reports findings for one document family: the sink, and how the
/// family words a member its model could not take.
pub(crate) trait Reporter {
    /// Reports `raw`, a member of the object at `loc` (named `what` in
    /// messages, with the modelled `keys`) that was kept as written.
    fn raw_member(&mut self, raw: &RawMember, loc: &Loc, what: &str, keys: &[&str]);
}

/// Walks the members of `record` (the object at `loc`, named `what` in
/// messages): each modelled member once, in the order written, then the
/// members never written, in declaration order (set by a builder, or
/// absent: `visit` looks at the field and ignores `None`). Each raw member
/// goes to [`Reporter::raw_member`] in its place, except the later copies
/// of a key whose field has been removed since (neither written nor
/// checked).
pub(crate) fn walk<R: Record, C: Reporter + ?Sized>(
    cx: &mut C,
    record: &R,
    loc: &Loc,
    what: &str,
    mut visit: impl FnMut(&mut C, R::Member),
) {
    let mut written: u128 = 0;
    for slot in record.layout().slots() {
        match slot {
            SlotRef::Field(i) => {
                written |= 1u128 << i;
                visit(cx, R::MEMBERS[usize::from(i)]);
            }
            SlotRef::Raw(raw) if Layout::is_stale(raw, R::KEYS, record.set_fields()) => {}
            SlotRef::Raw(raw) => cx.raw_member(raw, loc, what, R::KEYS),
        }
    }
    for (i, member) in R::MEMBERS.iter().enumerate() {
        if written & (1u128 << i) == 0 {
            visit(cx, *member);
        }
    }
}

/// Whether `record` has `member`: set, or kept as written because its
/// value did not fit (so a `None` field is not missing, only mistyped). A
/// later copy of a key does not count: while the field is set it is not
/// missing, and once it is removed its copies go with it.
pub(crate) fn has<R: Record>(record: &R, member: R::Member) -> bool {
    let i = crate::json::record::Member::index(member);
    record.is_set(member)
        || record
            .layout()
            .raw()
            .any(|r| r.key == R::KEYS[i] && r.why != crate::json::record::Why::Duplicate)
}
