//! Inline suppression comments, as markdownlint users write them:
//!
//! ```markdown
//! <!-- mdlinks-disable rule-a rule-b -->   rules off from this line on
//! <!-- mdlinks-enable rule-a -->           back on (no names: all)
//! <!-- mdlinks-disable-line -->            off on this line
//! <!-- mdlinks-disable-next-line rule -->  off on the next line
//! <!-- mdlinks-disable-file -->            off in the whole file
//! ```
//!
//! No rule names means every rule. Comments are found through the AST (HTML
//! blocks and inline HTML), so a comment shown inside a code block is text,
//! not a directive.

use crate::document::Document;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    Disable,
    Enable,
    DisableLine,
    DisableNextLine,
    DisableFile,
}

/// One suppression comment as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment<'a> {
    pub directive: Directive,
    /// The rule names with their spans; empty means every rule.
    pub rules: Vec<(&'a str, Span)>,
    /// 1-based line of the comment's start.
    pub line: usize,
}

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<!--\s*mdlinks-(disable-next-line|disable-line|disable-file|disable|enable)((?:\s+[A-Za-z0-9_-]+)*)\s*-->",
    )
    .expect("comment regex")
});

/// Every suppression comment of the document, in order.
pub fn comments<'a>(doc: &Document<'a>) -> Vec<Comment<'a>> {
    let mut out = Vec::new();
    // Most files have none: one search of the text spares a walk of the AST
    // (by memchr's searcher: `str::contains` reads a byte at a time).
    if memchr::memmem::find(doc.text.as_bytes(), b"mdlinks-").is_none() {
        return out;
    }
    for &node in &doc.nodes.html {
        let Some(span) = doc.checked_span(node) else {
            continue;
        };
        let html = doc.slice(span);
        if !html.contains("mdlinks-") {
            continue;
        }
        for caps in COMMENT.captures_iter(html) {
            let (Some(whole), Some(kind), Some(names)) = (caps.get(0), caps.get(1), caps.get(2))
            else {
                continue;
            };
            let directive = match kind.as_str() {
                "disable" => Directive::Disable,
                "enable" => Directive::Enable,
                "disable-line" => Directive::DisableLine,
                "disable-next-line" => Directive::DisableNextLine,
                _ => Directive::DisableFile,
            };
            let mut rules = Vec::new();
            let mut offset = span.start + names.start();
            for word in names.as_str().split_whitespace() {
                let at = doc.text[offset..].find(word).map_or(offset, |i| offset + i);
                rules.push((word, Span::new(at, at + word.len())));
                offset = at + word.len();
            }
            out.push(Comment {
                directive,
                rules,
                line: doc.lines.line_of(span.start + whole.start()),
            });
        }
    }
    out
}

/// The suppression comments of one document, asked per finding. Files have
/// few such comments, so replaying them for each finding is cheap and keeps
/// the semantics obvious.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// (directive, rule names (empty: all), line), in document order.
    comments: Vec<(Directive, Vec<String>, usize)>,
}

impl Suppressions {
    pub fn new(comments: &[Comment]) -> Self {
        Suppressions {
            comments: comments
                .iter()
                .map(|c| {
                    let names = c.rules.iter().map(|(n, _)| (*n).to_owned()).collect();
                    (c.directive, names, c.line)
                })
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }

    /// Whether a finding of `rule` on `line` (1-based) is switched off.
    pub fn is_suppressed(&self, rule: &str, line: usize) -> bool {
        let mut off = false;
        for (directive, names, at) in &self.comments {
            if !(names.is_empty() || names.iter().any(|n| n == rule)) {
                continue;
            }
            match directive {
                Directive::DisableFile => return true,
                Directive::DisableLine if *at == line => return true,
                Directive::DisableNextLine if *at + 1 == line => return true,
                Directive::Disable if *at <= line => off = true,
                Directive::Enable if *at <= line => off = false,
                _ => {}
            }
        }
        off
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::comrak_options;
    use comrak::Arena;

    /// The text parsed and read as the linter reads it.
    fn scanned<'a>(text: &'a str, arena: &'a Arena<'a>) -> Document<'a> {
        let mut doc = Document::parse(text, arena, &comrak_options());
        let settings = crate::item::ItemSettings {
            prose_sections: &[],
        };
        crate::item::scan(&mut doc, &settings);
        doc
    }

    fn suppressions(text: &str) -> Suppressions {
        let arena = Arena::new();
        let doc = scanned(text, &arena);
        Suppressions::new(&comments(&doc))
    }

    #[test]
    fn regions_lines_and_files() {
        let text = "\
- a
<!-- mdlinks-disable year-parens hn-suffix -->
- b
<!-- mdlinks-enable hn-suffix -->
- c
<!-- mdlinks-enable -->
- d <!-- mdlinks-disable-line -->
<!-- mdlinks-disable-next-line title-format -->
- e
";
        let s = suppressions(text);
        assert!(!s.is_suppressed("year-parens", 1));
        assert!(s.is_suppressed("year-parens", 3));
        assert!(s.is_suppressed("hn-suffix", 3));
        assert!(!s.is_suppressed("title-format", 3));
        assert!(s.is_suppressed("year-parens", 5));
        assert!(!s.is_suppressed("hn-suffix", 5));
        assert!(s.is_suppressed("anything", 7));
        assert!(s.is_suppressed("title-format", 9));
        assert!(!s.is_suppressed("year-parens", 9));
        assert!(!s.is_suppressed("year-parens", 6));
    }

    #[test]
    fn disable_file_anywhere_and_code_blocks_ignored() {
        let s = suppressions("- a\n\n<!-- mdlinks-disable-file description-case -->\n");
        assert!(s.is_suppressed("description-case", 1));
        assert!(!s.is_suppressed("description-period", 1));
        let s = suppressions("```\n<!-- mdlinks-disable-file -->\n```\n");
        assert!(s.is_empty());
        let s = suppressions("Text `<!-- mdlinks-disable-file -->` in code.\n");
        assert!(s.is_empty());
    }

    #[test]
    fn rule_names_carry_their_spans() {
        let text = "<!-- mdlinks-disable-next-line year-parens  nope -->\n";
        let arena = Arena::new();
        let doc = scanned(text, &arena);
        let found = comments(&doc);
        let names: Vec<&str> = found[0]
            .rules
            .iter()
            .map(|(_, s)| &text[s.range()])
            .collect();
        assert_eq!(names, ["year-parens", "nope"]);
        assert_eq!(found[0].directive, Directive::DisableNextLine);
    }
}
