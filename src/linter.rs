//! Runs a set of rules over one text: parse once, split items once, let every
//! rule look, and return the diagnostics in source order.

use crate::diagnostic::{Diagnostic, Fix};
use crate::document::{Document, comrak_options, edit_starts_block};
use crate::item::{ItemSettings, link_items};
use crate::rules::{self, Rule};
use comrak::{Arena, Options};

pub struct Linter {
    rules: Vec<Box<dyn Rule>>,
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
    pub fn new(rules: Vec<Box<dyn Rule>>, prose_sections: Vec<String>) -> Self {
        Linter {
            rules,
            prose_sections,
            options: comrak_options(),
        }
    }

    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|rule| rule.as_ref())
    }

    /// All findings of all rules on `text`, sorted by position then rule.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        // The arena (and with it the AST) is dropped when this returns, so
        // memory follows the largest file, not the number of files.
        let arena = Arena::new();
        let doc = Document::parse(text, &arena, &self.options);
        let settings = ItemSettings {
            prose_sections: &self.prose_sections,
        };
        let items = link_items(&doc, &settings);
        let mut out = Vec::new();
        for rule in &self.rules {
            for item in &items {
                rule.check_item(item, &doc, &mut out);
            }
            rule.check_document(&doc, &items, &mut out);
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        withhold_block_starting_fixes(text, &mut out);
        out
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
