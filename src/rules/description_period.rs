//! `description-period`: a description ends with `.`, `?` or `!`; a closing
//! bracket, quote or emphasis may follow. Or, in a list whose descriptions
//! keep to no period, it ends without one.
//! The document with examples is rules/description-period.md.

use crate::conventions::{Aspect, End, Value};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::link::Part;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use crate::text::{CLOSERS, SENTENCE_END, is_emoji};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "description-period",
    summary: "A description ends with a period (or `?`, `!`)",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/description-period.md"),
};

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DescriptionPeriod {
    /// Characters that end a description.
    pub terminators: Vec<char>,
    /// `"period"` or `"none"`; absent, as the list's descriptions do
    /// (`mdlinks check --show-settings` tells).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<EndOption>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EndOption {
    Period,
    None,
}

impl Default for DescriptionPeriod {
    fn default() -> Self {
        DescriptionPeriod {
            terminators: SENTENCE_END.to_vec(),
            end: None,
        }
    }
}

/// Words a period belongs to, which removing it would cut.
const ABBREVIATIONS: &[&str] = &[
    "etc", "e.g", "i.e", "vs", "inc", "ltd", "co", "al", "approx",
];

/// A description ending in one of these was cut short; a period would hide it.
const TRUNCATED: &[char] = &[',', ':', ';'];

/// What may stand between links in a row of them (`[A](a) | [B](b)`).
const LINK_SEPARATORS: &[char] = &['|', ',', '(', ')', '/', '·', '•', '-', '–', '—', '&'];

/// A period after one of these would be wrong, or would end a stray mark
/// rather than a sentence (` -.`, `|.`, `(.`): reported without a fix.
const NO_PERIOD_AFTER: &[char] = &[
    '-', '–', '—', '|', '/', '\\', '(', '[', '{', '<', '>', '=', '&', '~', '^',
];

impl DescriptionPeriod {
    /// `Sentence. [More](u) ([Code](c))`, `Sentence. 😸`: links or emoji
    /// after a finished sentence, which are not part of it.
    fn ends_after_sentence(&self, item: &LinkItem, description: Span, source: &str) -> bool {
        let link_ending_at = |end: usize| {
            item.other_links
                .iter()
                .find(|l| l.span.end == end && l.span.start > description.start)
        };
        let mut end = description.end;
        let mut stripped = false;
        loop {
            let trimmed = source[description.start..end].trim_end();
            let Some(last) = trimmed.chars().next_back() else {
                return false;
            };
            end = description.start + trimmed.len();
            if let Some(link) = link_ending_at(end) {
                let before = &source[description.start..link.span.start];
                end = description.start + before.trim_end_matches(['(', '[']).len();
                stripped = true;
            } else if CLOSERS.contains(&last) && link_ending_at(end - 1).is_some() {
                // The `)` of a group around a link.
                end -= 1;
            } else if is_emoji(last) {
                end -= last.len_utf8();
                stripped = true;
            } else {
                return stripped && self.terminators.contains(&last);
            }
        }
    }

    /// `[A](a) | [B](b)`: links and what separates them, no sentence.
    fn is_row_of_links(item: &LinkItem, description: Span, source: &str) -> bool {
        let mut at = description.start;
        let mut links = 0;
        for link in item.other_links.iter() {
            if link.span.start < description.start || link.span.end > description.end {
                continue;
            }
            if !is_link_separation(&source[at..link.span.start]) {
                return false;
            }
            at = link.span.end;
            links += 1;
        }
        links > 0 && is_link_separation(&source[at..description.end])
    }

    /// `Sentence. (Remark)` or `Sentence. *(You might like [x](u))*`: a
    /// parenthetical remark after a finished sentence needs no period.
    fn ends_with_remark(&self, text: &str) -> bool {
        let text = text.trim_end_matches(['*', '_']);
        let Some(inner) = text.strip_suffix(')') else {
            return false;
        };
        let mut depth = 0usize;
        for (i, c) in inner.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' if depth > 0 => depth -= 1,
                '(' => {
                    let before = inner[..i].trim_end_matches(['*', '_']).trim_end();
                    return before
                        .chars()
                        .next_back()
                        .is_some_and(|c| self.terminators.contains(&c));
                }
                _ => {}
            }
        }
        false
    }
}

impl Rule for DescriptionPeriod {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, doc: &Document, out: &mut Vec<Diagnostic>) {
        // Text after the link without a separator is a sentence that starts
        // with a link (`[fzf](u) to fuzzy search`), not a description. A
        // description that may go on past what the item shows (wrapped
        // above more of the item, or followed by lazy lines) has no end to
        // put a period at.
        let (Some(description), Some(_)) = (item.description, item.separator) else {
            return;
        };
        if item.description_is_one_link() || item.open_ended {
            return;
        }
        let verdict = doc.conventions_at(item.section).get(Aspect::End);
        // A list that keeps to no period is not held to it: a full stop
        // ending a sentence is not wrong there (only `end = "none"` asks).
        let wanted = match self.end {
            Some(EndOption::Period) => End::Period,
            Some(EndOption::None) => End::Bare,
            None => match verdict.wanted() {
                Some(Value::End(End::Period)) => End::Period,
                // No period, or mixed: not enforced.
                _ => return,
            },
        };
        let first = out.len();
        match wanted {
            End::Period => self.check_period(item, doc, description, out),
            End::Bare => check_no_period(description, out),
        }
        if self.end.is_none() {
            for diagnostic in &mut out[first..] {
                diagnostic.cite(verdict, Aspect::End);
            }
        }
    }
}

/// In a list whose descriptions end without a period, one that ends with a
/// single one (`Fast.`, not `etc.`, `Node.js v1.2.`).
fn check_no_period(description: Part, out: &mut Vec<Diagnostic>) {
    let text = description.text;
    let Some(core) = text.strip_suffix('.') else {
        return;
    };
    if core.ends_with(['.', '!', '?']) {
        return;
    }
    let last_word = core.rsplit([' ', '\t', '\n']).next().unwrap_or("");
    // One sentence only: another would end with a period too.
    let sentences = core.contains(". ");
    let word = last_word.trim_start_matches(['(', '"', '\'']);
    let cut = word.contains('.')
        || word.chars().count() == 1
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    if sentences {
        return;
    }
    let at = Span::new(description.span.end - 1, description.span.end);
    let diagnostic = Diagnostic::new(META.name, at, "description ends with a period");
    out.push(if cut {
        diagnostic.with_help("end it without a period")
    } else {
        diagnostic.with_fix(Fix::safe("remove the period", vec![Edit::delete(at)]))
    });
}

impl DescriptionPeriod {
    /// A description that should end with a period.
    fn check_period(
        &self,
        item: &LinkItem,
        doc: &Document,
        description: Part,
        out: &mut Vec<Diagnostic>,
    ) {
        let text = description.text;
        if Self::is_row_of_links(item, description.span, doc.text)
            || self.ends_after_sentence(item, description.span, doc.text)
        {
            return;
        }
        let core = text.trim_end_matches(CLOSERS);
        let end = description.span.start + core.len();
        if core.ends_with("..") && !core.ends_with("...") {
            let diagnostic = Diagnostic::new(
                META.name,
                Span::new(end - 2, end),
                "description ends with `..`",
            );
            // `users/threads/..` is a path, or a list cut short: which, only
            // the author knows.
            out.push(if core.ends_with("/..") {
                diagnostic.with_help("end the sentence with one period")
            } else {
                diagnostic.with_fix(Fix::safe(
                    "remove the extra period",
                    vec![Edit::delete(Span::new(end - 1, end))],
                ))
            });
            return;
        }
        let Some(last) = core.chars().next_back() else {
            return;
        };
        if self.terminators.contains(&last) || self.ends_with_remark(text) {
            return;
        }
        if TRUNCATED.contains(&last) {
            let span = Span::new(end - last.len_utf8(), end);
            out.push(
                Diagnostic::new(
                    META.name,
                    span,
                    format!("description ends with `{last}` and looks cut off"),
                )
                .with_help("finish the sentence, then end it with a period"),
            );
            return;
        }
        let last_char = text.chars().next_back().map_or(0, char::len_utf8);
        let diagnostic = Diagnostic::new(
            META.name,
            Span::new(description.span.end - last_char, description.span.end),
            "description does not end with a period",
        );
        // `www.example` is no link, `www.example.` is one (GFM wants a dot in
        // the domain and leaves out a trailing one): found by fuzzing.
        let last_word = text.rsplit(char::is_whitespace).next().unwrap_or("");
        let word_span = Span::new(description.span.end - last_word.len(), description.span.end);
        let becomes_link = last_word
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
            && !item.overlaps_code(word_span);
        if becomes_link {
            out.push(diagnostic.with_help(format!(
                "reword the end: a period right after `{last_word}` would make it a link"
            )));
            return;
        }
        // (A link's `)` is among the closers trimmed: `for [x](u)` ends in
        // a word, not in `/`.)
        let ends_with_link = item
            .other_links
            .iter()
            .any(|l| l.span.end > end && l.span.end <= description.span.end);
        let stray = last.is_whitespace() || NO_PERIOD_AFTER.contains(&last) || is_emoji(last);
        if stray && !ends_with_link {
            out.push(diagnostic.with_help("end the sentence with a period"));
            return;
        }
        out.push(diagnostic.with_fix(Fix::safe(
            "add a period",
            vec![Edit::insert(description.span.end, ".")],
        )));
    }
}

/// Whether `text`, between links, only separates them.
fn is_link_separation(text: &str) -> bool {
    text.split_whitespace()
        .all(|word| word == "and" || word.chars().all(|c| LINK_SEPARATORS.contains(&c)))
}
