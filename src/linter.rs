//! Runs a set of rules over one text: parse once, split items once, let every
//! rule look, drop what suppression comments switch off, and return the
//! diagnostics in source order.

use crate::cross_file::{self, UrlRecord, url_records};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{Document, comrak_options, edit_starts_block};
use crate::item::{self, ItemSettings, LinkItem};
use crate::reparse::JudgeBudget;
use crate::rules::{self, Rule};
use crate::span::LineIndex;
use comrak::{Arena, Options};
use std::borrow::Cow;

/// What [`Linter::lint_for_report`] returns.
pub struct Linted {
    pub diagnostics: Vec<Diagnostic>,
    /// Empty unless asked for.
    pub url_records: Vec<UrlRecord>,
    pub lines: LineIndex,
}

/// A rule with the severity its findings are reported at.
pub struct ConfiguredRule {
    pub rule: Box<dyn Rule>,
    pub severity: Severity,
}

pub struct Linter {
    rules: Vec<ConfiguredRule>,
    prose_sections: Vec<String>,
    options: Options<'static>,
}

impl Default for Linter {
    /// The default rules with default options.
    fn default() -> Self {
        Linter::new(rules::default_rules(), vec!["Notes".to_owned()])
    }
}

impl Linter {
    /// Rules reported as errors.
    pub fn new(rules: Vec<Box<dyn Rule>>, prose_sections: Vec<String>) -> Self {
        let rules = rules
            .into_iter()
            .map(|rule| ConfiguredRule {
                rule,
                severity: Severity::Error,
            })
            .collect();
        Linter::with_rules(rules, prose_sections)
    }

    pub fn with_rules(rules: Vec<ConfiguredRule>, prose_sections: Vec<String>) -> Self {
        Linter {
            rules,
            prose_sections,
            options: comrak_options(),
        }
    }

    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|r| r.rule.as_ref())
    }

    /// All findings of all rules on `text`, sorted by position then rule.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        self.run(text, false, None, |_, _| ()).0
    }

    /// As [`Linter::lint`], judging edits within `budget`, which the
    /// passes of a fix share (see [`JudgeBudget`]).
    pub fn lint_within(&self, text: &str, budget: &JudgeBudget) -> Vec<Diagnostic> {
        self.run(text, false, Some(budget), |_, _| ()).0
    }

    /// The findings on `text`, and the URL records of its link items for
    /// `cross_file::cross_file_duplicates`, from one parse.
    pub fn lint_with_url_records(&self, text: &str) -> (Vec<Diagnostic>, Vec<UrlRecord>) {
        let linted = self.lint_for_report(text, true);
        (linted.diagnostics, linted.url_records)
    }

    /// The findings on `text` with what reporting them takes from the
    /// parse: the line index (built for the parse, not again for the
    /// report) and, if asked for, the URL records.
    pub fn lint_for_report(&self, text: &str, with_url_records: bool) -> Linted {
        let (diagnostics, url_records, lines) =
            self.run(text, with_url_records, None, |doc, items| {
                if with_url_records {
                    url_records(doc, items)
                } else {
                    Vec::new()
                }
            });
        Linted {
            diagnostics,
            url_records,
            lines,
        }
    }

    /// Lint `text`, and let `also` take what it needs from the parsed
    /// document before it is dropped; with `url_keys`, the document's
    /// `url_keys` are filled before the rules run. The document's line
    /// index comes back too, for reports.
    fn run<T>(
        &self,
        text: &str,
        url_keys: bool,
        budget: Option<&JudgeBudget>,
        also: impl FnOnce(&Document, &[LinkItem]) -> T,
    ) -> (Vec<Diagnostic>, T, LineIndex) {
        // The arena (and with it the AST) is dropped when this returns, so
        // memory follows the largest file, not the number of files.
        let arena = Arena::new();
        let mut doc = Document::parse(text, &arena, &self.options);
        if let Some(budget) = budget {
            doc.judge_budget = Cow::Borrowed(budget);
        }
        let settings = ItemSettings {
            prose_sections: &self.prose_sections,
        };
        item::scan(&mut doc, &settings);
        let items = item::link_items(&doc);
        if url_keys {
            *doc.url_keys.borrow_mut() = cross_file::url_keys(&items);
        }
        let mut out = Vec::new();
        for configured in &self.rules {
            let first = out.len();
            for item in &items {
                configured.rule.check_item(item, &doc, &mut out);
            }
            configured.rule.check_document(&doc, &items, &mut out);
            for diagnostic in &mut out[first..] {
                diagnostic.severity = configured.severity;
            }
        }
        if !out.is_empty() {
            let suppressions = doc.suppressions();
            if !suppressions.is_empty() {
                out.retain(|d| {
                    !suppressions.is_suppressed(d.rule, doc.lines.line_of(d.span.start))
                });
            }
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        withhold_block_starting_fixes(text, &mut out);
        keep_fixed_by_honest(&doc.lines, &mut out);
        let extra = also(&doc, &items);
        drop(items);
        (out, extra, std::mem::take(&mut doc.lines))
    }
}

/// A finding repaired by another finding's fix (`Diagnostic::fixed_by`)
/// is fixable only while that fix is there: a suppression comment or
/// [`withhold_block_starting_fixes`] may have taken it, and then `fix`
/// leaves this finding as it is. `diagnostics` are sorted by start.
fn keep_fixed_by_honest(lines: &LineIndex, diagnostics: &mut [Diagnostic]) {
    for i in 0..diagnostics.len() {
        let Some(by) = diagnostics[i].fixed_by else {
            continue;
        };
        let rule = diagnostics[i].rule;
        let first = diagnostics.partition_point(|d| d.span.start < by.at);
        let carried = diagnostics[first..]
            .iter()
            .take_while(|d| d.span.start == by.at)
            .any(|d| d.rule == rule && d.fix.is_some());
        if !carried {
            let diagnostic = &mut diagnostics[i];
            diagnostic.fixed_by = None;
            diagnostic.help = Some(format!(
                "the fix that would repair this, on line {}, is suppressed or withheld",
                lines.line_of(by.at)
            ));
        }
    }
}

/// Turn into a hint every fix that would make a line start a new block
/// (`document::edit_starts_block`): a space after a lone `-` or `0)` at the
/// start of a line, where a wrapped title or URL went on, makes a list item
/// and loses the link (found by fuzzing, from several rules). Checked here,
/// once for all rules, since any edit that starts with a blank can do it.
fn withhold_block_starting_fixes(text: &str, diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics {
        let starts_block = |fix: &Fix| fix.edits.iter().any(|e| edit_starts_block(text, e));
        if let Some(fix) = diagnostic.fix.take_if(|fix| starts_block(fix)) {
            diagnostic.help = Some(fix.title);
        }
    }
}
