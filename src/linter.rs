//! Runs a set of rules over one text: parse once, split items once, let every
//! rule look, drop what suppression comments switch off, and return the
//! diagnostics in source order.

use crate::conventions::{Conventions, Learned};
use crate::cross_file::{UrlRecord, url_records};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::judge::JudgeBudget;
use crate::document::{Document, Reading, comrak_options, edit_starts_block};
use crate::online::{Responses, request_url};
use crate::rules::{self, Rule, duplicate_url};
use crate::span::LineIndex;
use comrak::{Arena, Options};

/// What [`Linter::lint`] returns.
pub struct Linted {
    pub diagnostics: Vec<Diagnostic>,
    /// The link items' URL records, for `--cross-file`; empty unless asked
    /// for.
    pub url_records: Vec<UrlRecord>,
    /// The line index the parse made, for reports (not built again).
    pub lines: LineIndex,
    /// What the text tells its list of the conventions its items keep to.
    pub learned: Learned,
}

/// What a lint is asked for besides the findings.
#[derive(Debug, Default, Clone, Copy)]
pub struct LintOptions<'o> {
    /// Rules whose findings are not reported on this text
    /// (`per-file-ignores`).
    pub ignored: &'o [&'static str],
    /// Return the URL records of the link items too. Where `duplicate-url`
    /// does not run on this text they are all suppressed: not reported,
    /// but still first occurrences, as under a suppression comment.
    pub url_records: bool,
    /// What judging edits on the whole document may cost, shared by the
    /// passes of a fix (see [`JudgeBudget`]); `None`: a budget of its own.
    pub budget: Option<&'o JudgeBudget>,
    /// The conventions of the list the text is part of; `None`: the house
    /// style wherever the text itself has too few items to tell (the first
    /// pass over a list, or a list of one short file).
    pub list: Option<&'o Conventions>,
    /// What the text's URLs answered on the network (`--online`): rules
    /// that judge links by it run only where it is given.
    pub responses: Option<&'o Responses>,
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

    /// All findings of the rules on `text`, sorted by position then rule,
    /// with what `options` asks for.
    pub fn lint(&self, text: &str, options: &LintOptions) -> Linted {
        // The arena (and with it the AST) is dropped when this returns, so
        // memory follows the largest file, not the number of files.
        let arena = Arena::new();
        let reading = Reading {
            comrak: &self.options,
            prose_sections: &self.prose_sections,
            budget: options.budget,
            list: options.list,
        };
        let doc = Document::parse(text, &arena, &reading);
        let items = doc.link_items();
        let learned = doc.learn_conventions(&items).learned.clone();
        if options.url_records {
            // Normalised once, here, for duplicate-url and the records.
            doc.url_keys(&items);
        }
        let mut out = Vec::new();
        for configured in &self.rules {
            if options.ignored.contains(&configured.rule.meta().name) {
                continue;
            }
            let first = out.len();
            for item in &items {
                configured.rule.check_item(item, &doc, &mut out);
            }
            configured.rule.check_document(&doc, &items, &mut out);
            if let Some(responses) = options.responses {
                configured.rule.check_online(&doc, responses, &mut out);
            }
            // A rule may report a finding it is unsure of as a warning
            // (`Diagnostic::warning`): the configured severity lowers, never
            // raises, that of a finding.
            for diagnostic in &mut out[first..] {
                diagnostic.severity = diagnostic.severity.min(configured.severity);
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
        let url_records = if options.url_records {
            let mut records = url_records(&doc, &items);
            if !self.reports(duplicate_url::META.name, options) {
                for record in &mut records {
                    record.suppressed = true;
                }
            }
            records
        } else {
            Vec::new()
        };
        drop(items);
        Linted {
            diagnostics: out,
            url_records,
            lines: doc.into_lines(),
            learned,
        }
    }

    /// The URLs `--online` asks for `text`: those of its links that rules
    /// look at (`Document::links`), without fragments, each once.
    pub fn external_urls(&self, text: &str) -> Vec<String> {
        let arena = Arena::new();
        let reading = Reading {
            comrak: &self.options,
            prose_sections: &self.prose_sections,
            budget: None,
            list: None,
        };
        let doc = Document::parse(text, &arena, &reading);
        let mut urls: Vec<String> = doc
            .links()
            .iter()
            .filter_map(|link| request_url(&link.href).map(str::to_owned))
            .collect();
        urls.sort_unstable();
        urls.dedup();
        urls
    }

    /// Whether the rule `name` runs and is reported under `options`.
    fn reports(&self, name: &str, options: &LintOptions) -> bool {
        self.rules.iter().any(|r| r.rule.meta().name == name) && !options.ignored.contains(&name)
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
        if diagnostic.fix.as_ref().is_some_and(starts_block) {
            diagnostic.withhold_fix();
        }
    }
}
