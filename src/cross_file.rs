//! Duplicate URLs across the files of one run: `duplicate-url` compares the
//! link items of one file; this compares every file's with every other's.
//!
//! It works in two steps so that no AST or text has to stay alive between
//! files: while each file is linted, [`url_records`] keeps a small record
//! of each link item's URL (see [`crate::LintOptions::url_records`]);
//! once all files are done, [`cross_file_duplicates`] finds the URLs linked
//! by more than one file with one hash map, in time linear in the records.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::suppress::Suppressions;
use crate::item::LinkItem;
use crate::rules::duplicate_url;
use crate::span::Span;
use crate::url;
use foldhash::HashMap;
use foldhash::HashMapExt;
use std::collections::hash_map::Entry;
use std::path::Path;

/// One link item's URL and where it is: no reference to the text or AST.
/// One is kept for every link item of the run until all files are done,
/// so it holds no more than it must (the corpus's 115,000 took 27 MiB
/// with a copy of each URL as written).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(from = "StoredRecord")]
pub struct UrlRecord {
    /// The URL as compared (`url::normalize_url`).
    pub key: Box<str>,
    /// The URL as the message shows it.
    pub url: ShownUrl,
    /// The item's link, as a byte span into its file.
    pub span: Span,
    /// 1-based line of the link, for the message of a later duplicate.
    pub line: usize,
    /// `duplicate-url` is switched off here (a suppression comment, or the
    /// rule not running on the file): the record is never reported, but it
    /// still counts as the first occurrence of its URL.
    pub suppressed: bool,
}

/// The URL of a record as a finding shows it: as written, read from the
/// file again when the finding is shown (inline links), or as resolved
/// (reference links, whose URL is written elsewhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShownUrl {
    Written(Span),
    Resolved(Box<str>),
}

/// A record as the results cache keeps it, in a JSON array: key, resolved
/// URL or null, span of the URL as written, span, line, suppressed. With
/// the names of the fields, the corpus's records took 17.6 MB to its 0.9 MB
/// of findings.
type StoredRecord = (
    Box<str>,
    Option<Box<str>>,
    [usize; 2],
    [usize; 2],
    usize,
    bool,
);

/// As a [`StoredRecord`], borrowed: a cache that keeps the records of a
/// wiki copies none of them.
impl serde::Serialize for UrlRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (resolved, written) = match &self.url {
            ShownUrl::Written(span) => (None, *span),
            ShownUrl::Resolved(url) => (Some(&**url), Span::default()),
        };
        let record = (
            &*self.key,
            resolved,
            [written.start, written.end],
            [self.span.start, self.span.end],
            self.line,
            self.suppressed,
        );
        record.serialize(serializer)
    }
}

impl From<StoredRecord> for UrlRecord {
    fn from((key, resolved, written, span, line, suppressed): StoredRecord) -> Self {
        UrlRecord {
            key,
            url: resolved.map_or(
                ShownUrl::Written(Span::new(written[0], written[1])),
                ShownUrl::Resolved,
            ),
            span: Span::new(span[0], span[1]),
            line,
            suppressed,
        }
    }
}

impl ShownUrl {
    /// The URL's text, `text` being the file's; the compared form where
    /// the file changed since and the span no longer lies in it.
    pub fn text<'r>(&'r self, text: &'r str, key: &'r str) -> &'r str {
        match self {
            ShownUrl::Written(span) => text.get(span.start..span.end).unwrap_or(key),
            ShownUrl::Resolved(url) => url,
        }
    }
}

/// The records of a file's link items (their own links, in document order),
/// leaving out empty and same-page (`#…`) URLs, and relative ones
/// (`../rust.md`), which point at different pages from different files.
pub fn url_records(doc: &Document, items: &[LinkItem]) -> Vec<UrlRecord> {
    // The linter reads suppression comments only when it has findings, and
    // keeps none; in the many files without any, reading costs one search.
    let suppressions = Suppressions::new(&doc.suppression_comments());
    // Normalised once, for duplicate-url and here.
    let keys = doc.url_keys(items);
    let records: Vec<UrlRecord> = items
        .iter()
        .zip(keys)
        .filter_map(|(item, key)| {
            let key = key
                .as_deref()
                .filter(|_| url::is_absolute(&item.link.href))?;
            let line = doc.lines.line_of(item.link.span.start);
            Some(UrlRecord {
                key: key.into(),
                url: item.link.url().map_or_else(
                    || ShownUrl::Resolved(item.link.href.as_ref().into()),
                    |u| ShownUrl::Written(u.span),
                ),
                span: item.link.span,
                line,
                suppressed: suppressions.is_suppressed(duplicate_url::META.name, line),
            })
        })
        .collect();
    // Kept until the run ends: without the room to grow.
    records.into_boxed_slice().into_vec()
}

/// A record (`files[file][record]`) whose URL an earlier file already links
/// (`files[first_file][first_record]`, its first occurrence in the run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrossFileDuplicate {
    pub file: usize,
    pub record: usize,
    pub first_file: usize,
    pub first_record: usize,
}

/// Every URL linked again in a later file, in input order. `files` holds
/// each file's records, in the order files should be read (sorted paths):
/// the first occurrence of a URL in that order is the original. A file is
/// reported once per URL, at its first occurrence, unless that record is
/// suppressed; repeats within one file are `duplicate-url`'s findings and
/// are not reported here. A suppressed record can still be the original.
pub fn cross_file_duplicates(files: &[Vec<UrlRecord>]) -> Vec<CrossFileDuplicate> {
    // URL → (file, record) of its first occurrence, and the last file that
    // linked it again, so that a file is reported once per URL.
    let mut seen: HashMap<&str, ((usize, usize), usize)> = HashMap::new();
    let mut duplicates = Vec::new();
    for (file, records) in files.iter().enumerate() {
        for (record, entry) in records.iter().enumerate() {
            match seen.entry(&*entry.key) {
                Entry::Vacant(slot) => {
                    slot.insert(((file, record), file));
                }
                Entry::Occupied(mut slot) => {
                    let ((first_file, first_record), last_file) = *slot.get();
                    if first_file == file || last_file == file {
                        continue;
                    }
                    slot.get_mut().1 = file;
                    // A comment on the file's first occurrence silences the
                    // finding there; a later repeat in the same file is
                    // `duplicate-url`'s own finding, so none moves to it.
                    if entry.suppressed {
                        continue;
                    }
                    duplicates.push(CrossFileDuplicate {
                        file,
                        record,
                        first_file,
                        first_record,
                    });
                }
            }
        }
    }
    duplicates
}

/// The finding for `record` of the file whose text is `text`, whose URL
/// `first` (in `first_path`) links first: a `duplicate-url` diagnostic
/// with its span in the record's file.
pub fn diagnostic(
    record: &UrlRecord,
    text: &str,
    first_path: &Path,
    first: &UrlRecord,
) -> Diagnostic {
    Diagnostic::new(
        duplicate_url::META.name,
        record.span,
        format!(
            "URL `{}` is already linked in `{}` on line {}",
            record.url.text(text, &record.key),
            first_path.display(),
            first.line
        ),
    )
    .with_help("keep the link in one of the two files")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LintOptions, Linter};

    fn records(text: &str) -> Vec<UrlRecord> {
        let options = LintOptions {
            url_records: true,
            ..LintOptions::default()
        };
        Linter::default().lint(text, &options).url_records
    }

    #[test]
    fn records_keep_positions_and_skip_prose_and_anchors() {
        let text = "# A\n\n- [a](https://a.org/) - A.\n- [b](#b)\n- [c](../c.md)\n\n## Notes\n\n- [d](https://d.org)\n";
        let found = records(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (&*found[0].key, found[0].line, found[0].span.of(text)),
            ("a.org", 3, "[a](https://a.org/)")
        );
        assert_eq!(found[0].url.text(text, ""), "https://a.org/");
        // A reference link's URL is kept as resolved.
        let text = "- [a][r]\n\n[r]: https://a.org/x\n";
        let found = records(text);
        assert_eq!(found[0].url, ShownUrl::Resolved("https://a.org/x".into()));
    }

    #[test]
    fn later_files_are_reported_once_per_url() {
        let texts = [
            "- [a](https://a.org)\n- [b](https://b.org)\n- [a again](https://a.org/)\n",
            "- [b](http://www.b.org/)\n- [b](https://b.org)\n",
            "- [c](https://c.org)\n- [a](https://a.org#readme)\n",
        ];
        let files = texts.map(records);
        let found = cross_file_duplicates(&files);
        let pairs: Vec<_> = found
            .iter()
            .map(|d| ((d.file, d.record), (d.first_file, d.first_record)))
            .collect();
        assert_eq!(pairs, [((1, 0), (0, 1)), ((2, 1), (0, 0))]);
        let message =
            diagnostic(&files[1][0], texts[1], Path::new("first.md"), &files[0][1]).message;
        assert_eq!(
            message,
            "URL `http://www.b.org/` is already linked in `first.md` on line 2"
        );
    }

    #[test]
    fn suppressed_records_are_not_reported_but_still_come_first() {
        let files = [
            records("<!-- mdlinks-disable-next-line duplicate-url -->\n- [a](https://a.org)\n"),
            records(
                "<!-- mdlinks-disable-next-line -->\n- [a](https://a.org)\n- [a](https://a.org)\n- [b](https://b.org) <!-- mdlinks-disable-line duplicate-url -->\n",
            ),
            records("- [a](https://a.org)\n- [b](https://b.org)\n"),
        ];
        let suppressed: Vec<Vec<bool>> = files
            .iter()
            .map(|f| f.iter().map(|r| r.suppressed).collect())
            .collect();
        assert_eq!(
            suppressed,
            [vec![true], vec![true, false, true], vec![false, false]]
        );
        let pairs: Vec<_> = cross_file_duplicates(&files)
            .iter()
            .map(|d| ((d.file, d.record), (d.first_file, d.first_record)))
            .collect();
        // File 1's first `a` is silenced and its second is duplicate-url's
        // own finding; both of file 2's links point at a suppressed original.
        assert_eq!(pairs, [((2, 0), (0, 0)), ((2, 1), (1, 2))]);
    }
}
