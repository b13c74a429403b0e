//! Policy size as IAM counts it against its quotas.
//!
//! The rule (RULES.md section 3, checked against Access Analyzer's own
//! numbers in the corpus): the number of characters of the compact JSON
//! text that are not whitespace (U+0020, U+0009, U+000A, U+000D; whitespace
//! inside strings is not counted either). Access Analyzer reports one more
//! than this for every unchanged document it sized.

use crate::policy::PolicyDocument;

/// Counts the non-whitespace characters written to it.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf
            .iter()
            // Not whitespace, and not a UTF-8 continuation byte (so each
            // character counts once).
            .filter(|&&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r') && (b & 0xC0) != 0x80)
            .count();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The non-whitespace characters of `doc`'s compact JSON text.
pub(crate) fn count(doc: &PolicyDocument) -> usize {
    let mut c = Counter(0);
    // Writing into a counter cannot fail.
    let _ = serde_json::to_writer(&mut c, doc);
    c.0
}
