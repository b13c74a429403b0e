//! Editing records that were read: what adding to a list member
//! (`push_statement`, `push_container`) must know about its [`Layout`].

use super::record::{Layout, Why};
use crate::Error;

/// Gets `layout` ready for `key`, whose field is not set, to be set by
/// adding `what` to it.
///
/// - When the member is kept as written because its value did not fit
///   (`"Statement": "x"`), adding to it would write the key twice: an
///   [`Error::Build`] naming `ty` and `key` says what was expected.
/// - Later copies of the key (duplicates of a field that was removed since
///   reading) are forgotten, so that they do not come back with the new
///   value.
pub(crate) fn prepare_to_set(
    layout: &mut Layout,
    ty: &'static str,
    key: &'static str,
    what: &str,
) -> crate::Result<()> {
    if let Some(raw) = layout.raw().find(|r| r.key == key) {
        if let Why::Mismatch(m) = &raw.why {
            let at = super::Pointer::root().key(key);
            return Err(Error::build(
                ty,
                key,
                format!(
                    "cannot add {what} to a member kept as written: expected {} at {at}{}, found {}",
                    m.expected, m.at, m.found
                ),
            ));
        }
    }
    if layout
        .raw()
        .any(|r| r.key == key && matches!(r.why, Why::Duplicate))
    {
        let mut kept = Layout::with_capacity(layout.len());
        for slot in layout.slots() {
            match slot {
                super::record::SlotRef::Field(i) => kept.push_field(i),
                super::record::SlotRef::Raw(r) => {
                    if !(r.key == key && matches!(r.why, Why::Duplicate)) {
                        kept.push_raw(r.key.clone(), r.value.clone(), r.why.clone());
                    }
                }
            }
        }
        *layout = kept;
    }
    Ok(())
}
