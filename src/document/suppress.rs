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

use super::tree::Tree;
use crate::span::Span;
use comrak::nodes::AstNode;
use regex::Regex;
use std::collections::HashMap;
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

/// Every suppression comment of the document (in its HTML nodes `html`),
/// in order.
pub fn comments<'a>(doc: Tree<'_, 'a>, html: &[&'a AstNode<'a>]) -> Vec<Comment<'a>> {
    let mut out = Vec::new();
    // Most files have none: one search of the text spares a walk of the AST
    // (by memchr's searcher: `str::contains` reads a byte at a time).
    if memchr::memmem::find(doc.text.as_bytes(), b"mdlinks-").is_none() {
        return out;
    }
    for &node in html {
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

/// The suppression comments of one document, asked per finding: indexed
/// by line and by rule, so that a file of many comments and many findings
/// costs a lookup per finding (replaying every comment for each finding
/// took 1.3 s for a file of 20,000 disabled blocks).
#[derive(Debug, Default)]
pub struct Suppressions {
    /// `disable-file` without rule names, and the rules named by others.
    file_every_rule: bool,
    file_rules: Vec<String>,
    /// `disable-line` and `disable-next-line` by the line they switch
    /// off, with their rule names (empty: all), sorted by line.
    lines: Vec<(usize, Vec<String>)>,
    /// `disable` and `enable` by the rule they name ("" for every rule):
    /// (line, place among the comments, whether it disables), in order.
    regions: HashMap<String, Vec<(usize, usize, bool)>>,
}

impl Suppressions {
    pub fn new(comments: &[Comment]) -> Self {
        let mut suppressions = Suppressions::default();
        for (place, comment) in comments.iter().enumerate() {
            let names: Vec<String> = comment.rules.iter().map(|(n, _)| (*n).to_owned()).collect();
            match comment.directive {
                Directive::DisableFile if names.is_empty() => suppressions.file_every_rule = true,
                Directive::DisableFile => suppressions.file_rules.extend(names),
                Directive::DisableLine => suppressions.lines.push((comment.line, names)),
                Directive::DisableNextLine => suppressions.lines.push((comment.line + 1, names)),
                Directive::Disable | Directive::Enable => {
                    let disables = comment.directive == Directive::Disable;
                    let keys = if names.is_empty() {
                        vec![String::new()]
                    } else {
                        names
                    };
                    for key in keys {
                        let entries = suppressions.regions.entry(key).or_default();
                        entries.push((comment.line, place, disables));
                    }
                }
            }
        }
        suppressions.lines.sort_by_key(|(line, _)| *line);
        suppressions
    }

    pub fn is_empty(&self) -> bool {
        !self.file_every_rule
            && self.file_rules.is_empty()
            && self.lines.is_empty()
            && self.regions.is_empty()
    }

    /// Whether a finding of `rule` on `line` (1-based) is switched off: by
    /// `disable-file`, by a comment for its line, or by the last `disable`
    /// or `enable` at or above it that names it or no rule.
    pub fn is_suppressed(&self, rule: &str, line: usize) -> bool {
        let applies = |names: &[String]| names.is_empty() || names.iter().any(|n| n == rule);
        if self.file_every_rule || self.file_rules.iter().any(|n| n == rule) {
            return true;
        }
        let first = self.lines.partition_point(|(at, _)| *at < line);
        if self.lines[first..]
            .iter()
            .take_while(|(at, _)| *at == line)
            .any(|(_, names)| applies(names))
        {
            return true;
        }
        // The last region comment at or above the line, for every rule or
        // for this one: comments on one line count in their order.
        let last = |key: &str| {
            let entries = self.regions.get(key)?;
            let above = entries.partition_point(|(at, _, _)| *at <= line);
            above.checked_sub(1).map(|i| entries[i])
        };
        match (last(""), last(rule)) {
            (Some(every), Some(own)) if own.1 > every.1 => own.2,
            (Some((_, _, off)), _) | (None, Some((_, _, off))) => off,
            (None, None) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Reading};
    use comrak::Arena;

    /// The text parsed and read as the linter reads it.
    fn scanned<'a>(text: &'a str, arena: &'a Arena<'a>) -> Document<'a> {
        Document::parse(text, arena, &Reading::new(&[]))
    }

    fn suppressions(text: &str) -> Suppressions {
        let arena = Arena::new();
        let doc = scanned(text, &arena);
        Suppressions::new(&doc.suppression_comments())
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

    /// The meaning of the comments, replayed in order for one finding:
    /// what the index must answer.
    fn replayed(comments: &[Comment], rule: &str, line: usize) -> bool {
        let mut off = false;
        for comment in comments {
            let names: Vec<&str> = comment.rules.iter().map(|(n, _)| *n).collect();
            if !(names.is_empty() || names.contains(&rule)) {
                continue;
            }
            match comment.directive {
                Directive::DisableFile => return true,
                Directive::DisableLine if comment.line == line => return true,
                Directive::DisableNextLine if comment.line + 1 == line => return true,
                Directive::Disable if comment.line <= line => off = true,
                Directive::Enable if comment.line <= line => off = false,
                _ => {}
            }
        }
        off
    }

    #[test]
    fn the_index_answers_as_the_comments_replayed_in_order() {
        let directives = [
            Directive::Disable,
            Directive::Enable,
            Directive::DisableLine,
            Directive::DisableNextLine,
            Directive::DisableFile,
        ];
        let rules = ["a", "b", "c"];
        // A small deterministic generator: the same cases on every run.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for _ in 0..2000 {
            let count = next(8);
            let mut comments: Vec<Comment> = (0..count)
                .map(|_| Comment {
                    // Rarely a file-wide one, which answers everything.
                    directive: directives[if next(10) == 0 { 4 } else { next(4) }],
                    rules: (0..next(3))
                        .map(|_| (rules[next(3)], Span::new(0, 0)))
                        .collect(),
                    line: 1 + next(6),
                })
                .collect();
            comments.sort_by_key(|c| c.line);
            let index = Suppressions::new(&comments);
            for rule in rules {
                for line in 1..=8 {
                    assert_eq!(
                        index.is_suppressed(rule, line),
                        replayed(&comments, rule, line),
                        "{rule} on {line}: {comments:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn rule_names_carry_their_spans() {
        let text = "<!-- mdlinks-disable-next-line year-parens  nope -->\n";
        let arena = Arena::new();
        let doc = scanned(text, &arena);
        let found = doc.suppression_comments();
        let names: Vec<&str> = found[0]
            .rules
            .iter()
            .map(|(_, s)| &text[s.range()])
            .collect();
        assert_eq!(names, ["year-parens", "nope"]);
        assert_eq!(found[0].directive, Directive::DisableNextLine);
    }
}
