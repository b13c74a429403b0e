//! Where a JSON Pointer's value is in the text a document was read from:
//! line, column and byte span, found with the crate's own reader.

use super::parse::Parser;
use super::pointer;

/// Where a value is in a document's text: its byte span and the line and
/// column of its first and just-past-last character.
///
/// Lines and columns are 1-based; columns count characters (Unicode scalar
/// values), not bytes; a line ends at `\n`. `end_line`/`end_column` are
/// those of the position just after the value (exclusive, as SARIF's
/// `endColumn`), so a value `"a"` at the start of a line has `column` 1 and
/// `end_column` 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the value's first byte.
    pub start: usize,
    /// Byte offset just past the value's last byte.
    pub end: usize,
    /// Line of the value's first character (1-based).
    pub line: usize,
    /// Column of the value's first character (1-based, in characters).
    pub column: usize,
    /// Line of the position just after the value.
    pub end_line: usize,
    /// Column of the position just after the value (1-based, in
    /// characters).
    pub end_column: usize,
}

/// Locates JSON Pointers in one document's text; build it once per file
/// and ask for as many pointers as there are findings.
///
/// It walks the text with the crate's reader, skipping the values that are
/// not on the pointer's way, so it sees the document exactly as
/// [`Json::parse`](super::Json::parse) did: with duplicate keys, the first
/// member wins, as in [`Json::pointer`](super::Json::pointer).
///
/// ```
/// use iam_ecs::json::Locator;
///
/// let text = "{\n  \"Statement\": [\n    {\"Effect\": \"Alow\"}\n  ]\n}";
/// let loc = Locator::new(text);
/// let span = loc.locate("/Statement/0/Effect").unwrap();
/// assert_eq!((span.line, span.column), (3, 16));
/// assert_eq!((span.end_line, span.end_column), (3, 22));
/// assert_eq!(&text[span.start..span.end], "\"Alow\"");
/// assert!(loc.locate("/Statement/1").is_none());
/// ```
#[derive(Debug, Clone)]
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// A locator over `text`, the document as it was read.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Locator { text, line_starts }
    }

    /// The span of the value at the RFC 6901 pointer `pointer` (`""` is the
    /// whole document). `None` when the text is not JSON up to that value,
    /// or the pointer names a member or element the document does not have.
    pub fn locate(&self, pointer: &str) -> Option<Span> {
        self.locate_all(&[pointer]).pop().flatten()
    }

    /// The span of the value at `pointer`, or else of its nearest ancestor
    /// that the document has (a finding about a missing member points at
    /// the object it is missing from), with the pointer that was found.
    pub fn locate_nearest<'p>(&self, pointer: &'p str) -> Option<(Span, &'p str)> {
        self.locate_nearest_all(&[pointer]).pop().flatten()
    }

    /// [`Locator::locate`] of each of `pointers`, in one pass over the
    /// text (a document with many findings is read once, not once per
    /// finding).
    pub fn locate_all(&self, pointers: &[&str]) -> Vec<Option<Span>> {
        let trie = self.walk(pointers);
        let ranges: Vec<Option<(usize, usize)>> = (0..pointers.len())
            .map(|i| trie.nodes[*trie.ends[i].as_ref()?.last()?].span)
            .collect();
        self.spans(&ranges)
    }

    /// [`Locator::locate_nearest`] of each of `pointers`, in one pass over
    /// the text.
    pub fn locate_nearest_all<'p>(&self, pointers: &[&'p str]) -> Vec<Option<(Span, &'p str)>> {
        let trie = self.walk(pointers);
        let found: Vec<Option<((usize, usize), &'p str)>> = pointers
            .iter()
            .enumerate()
            .map(|(i, pointer)| {
                let path = trie.ends[i].as_ref()?;
                let bounds = token_ends(pointer);
                path.iter().enumerate().rev().find_map(|(depth, &node)| {
                    let range = trie.nodes[node].span?;
                    let prefix = if depth == 0 { 0 } else { bounds[depth - 1] };
                    Some((range, &pointer[..prefix]))
                })
            })
            .collect();
        let ranges: Vec<Option<(usize, usize)>> =
            found.iter().map(|f| f.map(|(range, _)| range)).collect();
        self.spans(&ranges)
            .into_iter()
            .zip(found)
            .map(|(span, f)| Some((span?, f?.1)))
            .collect()
    }

    /// The line and column (1-based, column in characters) of byte offset
    /// `at`, rounded down to a character boundary.
    pub fn line_column(&self, at: usize) -> (usize, usize) {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= at);
        let start = self.line_starts[line - 1];
        (line, self.text[start..at].chars().count() + 1)
    }

    /// The spans of byte ranges, lines and columns counted in one sweep
    /// over the text (a minified document is one long line: counting from
    /// the line's start for each range would be quadratic).
    fn spans(&self, ranges: &[Option<(usize, usize)>]) -> Vec<Option<Span>> {
        let mut offsets: Vec<usize> = ranges.iter().flatten().flat_map(|&(s, e)| [s, e]).collect();
        offsets.sort_unstable();
        offsets.dedup();
        let mut positions = Vec::with_capacity(offsets.len());
        let (mut line, mut column, mut at) = (1, 1, 0);
        for &offset in &offsets {
            let mut to = offset.min(self.text.len());
            while !self.text.is_char_boundary(to) {
                to -= 1;
            }
            for c in self.text[at.min(to)..to].chars() {
                if c == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
            at = at.max(to);
            positions.push((line, column));
        }
        let position = |offset: usize| {
            offsets
                .binary_search(&offset)
                .map_or((1, 1), |i| positions[i])
        };
        ranges
            .iter()
            .map(|r| {
                let (start, end) = (*r)?;
                let (line, column) = position(start);
                let (end_line, end_column) = position(end);
                Some(Span {
                    start,
                    end,
                    line,
                    column,
                    end_line,
                    end_column,
                })
            })
            .collect()
    }

    /// Builds the trie of `pointers` and walks the text once along it,
    /// recording the span of every node the document has.
    fn walk(&self, pointers: &[&str]) -> Trie {
        let mut trie = Trie {
            nodes: vec![Node::default()],
            ends: Vec::with_capacity(pointers.len()),
        };
        for pointer in pointers {
            let mut path = vec![0];
            let tokens: Option<Vec<_>> = if pointer.is_empty() {
                Some(Vec::new())
            } else {
                pointer
                    .strip_prefix('/')
                    .map(|rest| rest.split('/').map(pointer::unescape).collect())
            };
            let Some(tokens) = tokens else {
                trie.ends.push(None);
                continue;
            };
            let mut at = 0;
            for token in &tokens {
                let next = trie.nodes.len();
                let child = *trie.nodes[at]
                    .children
                    .entry(token.to_string())
                    .or_insert(next);
                if child == next {
                    trie.nodes.push(Node::default());
                }
                path.push(child);
                at = child;
            }
            trie.ends.push(Some(path));
        }
        if let Ok(mut p) = Parser::new(self.text) {
            // A failure part way leaves the spans of the values read.
            let _ = visit(&mut p, &mut trie, 0);
        }
        trie
    }
}

/// The pointers asked for, as a tree of reference tokens.
#[derive(Debug)]
struct Trie {
    nodes: Vec<Node>,
    /// For each pointer, the nodes from the root to its last token
    /// (`None` for text that is not a pointer).
    ends: Vec<Option<Vec<usize>>>,
}

#[derive(Debug, Default)]
struct Node {
    /// Unescaped token to child node.
    children: std::collections::HashMap<String, usize>,
    /// Byte span of the value, once read.
    span: Option<(usize, usize)>,
}

/// The byte offset where each reference token of `pointer` ends.
fn token_ends(pointer: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = pointer.match_indices('/').map(|(i, _)| i).skip(1).collect();
    ends.push(pointer.len());
    ends
}

/// Reads the value at the cursor as trie node `node`: its members or
/// elements named by the node's children are visited, the rest skipped;
/// the first of duplicate keys is the one visited, as the reader keeps it.
fn visit(p: &mut Parser<'_>, trie: &mut Trie, node: usize) -> Option<()> {
    let first_byte = p.peek()?;
    let start = p.mark().0;
    if trie.nodes[node].children.is_empty() {
        skip(p)?;
    } else {
        match first_byte {
            b'{' => {
                p.begin_object().ok()?;
                let mut first = true;
                while let Some(key) = p.next_key(first).ok()? {
                    first = false;
                    match trie.nodes[node].children.get(key.as_ref()) {
                        Some(&child) if trie.nodes[child].span.is_none() => {
                            visit(p, trie, child)?;
                        }
                        _ => skip(p)?,
                    }
                }
            }
            b'[' => {
                p.begin_array().ok()?;
                let mut i = 0usize;
                while p.next_element(i == 0).ok()? {
                    match trie.nodes[node].children.get(i.to_string().as_str()) {
                        Some(&child) => visit(p, trie, child)?,
                        None => skip(p)?,
                    }
                    i += 1;
                }
            }
            _ => skip(p)?,
        }
    }
    trie.nodes[node].span = Some((start, p.mark().0));
    Some(())
}

/// Reads past one value without building it (nesting is limited by the
/// reader's depth check, so recursion is bounded).
fn skip(p: &mut Parser<'_>) -> Option<()> {
    match p.peek()? {
        b'{' => {
            p.begin_object().ok()?;
            let mut first = true;
            while p.next_key(first).ok()?.is_some() {
                first = false;
                skip(p)?;
            }
        }
        b'[' => {
            p.begin_array().ok()?;
            let mut first = true;
            while p.next_element(first).ok()? {
                first = false;
                skip(p)?;
            }
        }
        b'"' => {
            p.str_value().ok()?;
        }
        _ => {
            p.value().ok()?;
        }
    }
    Some(())
}

/// The span of the value at `pointer` in `text`, the document as read
/// (see [`Locator`]; build one to look up many pointers in one text).
///
/// ```
/// use iam_ecs::json::locate;
///
/// let span = locate("[1, {\"a\": \"é\", \"b\": true}]", "/1/b").unwrap();
/// assert_eq!((span.line, span.column, span.start, span.end), (1, 21, 21, 25));
/// ```
pub fn locate(text: &str, pointer: &str) -> Option<crate::json::Span> {
    Locator::new(text).locate(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Json;

    #[test]
    fn every_value_of_a_document_is_located_at_its_own_text() {
        let text = "{\n  \"a\": [1, 2.50, {\"x~/y\": null}],\n  \"b\": \"\\u00e9\u{e9}\",\n  \"a\": false,\n  \"\": {}\n}\n";
        let loc = Locator::new(text);
        for (pointer, written, line, column) in [
            ("", &text[..text.len() - 1], 1, 1),
            ("/a", "[1, 2.50, {\"x~/y\": null}]", 2, 8),
            ("/a/0", "1", 2, 9),
            ("/a/1", "2.50", 2, 12),
            ("/a/2/x~0~1y", "null", 2, 27),
            ("/b", "\"\\u00e9\u{e9}\"", 3, 8),
            ("/", "{}", 5, 7),
        ] {
            let span = loc.locate(pointer).unwrap_or_else(|| panic!("{pointer}"));
            assert_eq!(&text[span.start..span.end], written, "{pointer}");
            assert_eq!((span.line, span.column), (line, column), "{pointer}");
        }
        // The reader's value at each pointer is the one located.
        let json = Json::parse(text).unwrap();
        for pointer in ["/a/1", "/b", "/a/2"] {
            let span = loc.locate(pointer).unwrap();
            assert_eq!(
                Json::parse(&text[span.start..span.end]).unwrap(),
                *json.pointer(pointer).unwrap()
            );
        }
        // Columns count characters: the end of "/b" is after a two-byte é.
        let b = loc.locate("/b").unwrap();
        assert_eq!((b.end_line, b.end_column), (3, 17));
        assert_eq!(b.end - b.start, 10);
    }

    #[test]
    fn missing_members_elements_and_bad_pointers_are_none() {
        let text = "{\"a\": [1], \"b\": {\"c\": 1}}";
        let loc = Locator::new(text);
        for pointer in [
            "/z", "/a/1", "/a/01", "/a/-", "/a/x", "/b/c/d", "a", "/a/0/0",
        ] {
            assert_eq!(loc.locate(pointer), None, "{pointer}");
        }
        let (span, found) = loc.locate_nearest("/b/missing/deeper").unwrap();
        assert_eq!(found, "/b");
        assert_eq!(&text[span.start..span.end], "{\"c\": 1}");
        assert_eq!(loc.locate_nearest("/z").unwrap().1, "");
        assert_eq!(locate("{\"a\":", "/a"), None);
        // Values read before the text goes wrong are still located.
        assert_eq!(locate("{\"a\": 1, \"b\": ", "/a").map(|s| s.start), Some(6));
        assert_eq!(locate("{\"a\": 1, \"b\": ", ""), None);
        let loc = Locator::new("[[1, 2], {\"k\": [3]}]");
        let spans = loc.locate_nearest_all(&["/0/1", "/1/k/0", "/1/k/5", "/2", "x"]);
        let found: Vec<Option<&str>> = spans.iter().map(|s| s.map(|(_, at)| at)).collect();
        assert_eq!(
            found,
            [Some("/0/1"), Some("/1/k/0"), Some("/1/k"), Some(""), None]
        );
        assert_eq!(locate("", ""), None);
        assert_eq!(locate("\u{feff}{}", ""), None);
    }

    #[test]
    fn duplicate_keys_locate_the_first_member_as_the_reader_reads() {
        let text = r#"{"k": 1, "k": 2}"#;
        let span = locate(text, "/k").unwrap();
        assert_eq!(&text[span.start..span.end], "1");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(locate(&deep, "/0/0"), None);
        assert_eq!(locate(&deep, ""), None);
    }

    #[test]
    fn line_column_rounds_into_characters_and_counts_crlf_lines() {
        let loc = Locator::new("é\r\nx");
        assert_eq!(loc.line_column(1), (1, 1));
        assert_eq!(loc.line_column(2), (1, 2));
        assert_eq!(loc.line_column(4), (2, 1));
        assert_eq!(loc.line_column(99), (2, 2));
    }
}
