//! Runs a set of rules over one text: parse once, split items once, let every
//! rule look, and return the diagnostics in source order.

use crate::cross_file::{UrlRecord, url_records};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, comrak_options};
use crate::item::{ItemSettings, LinkItem, link_items, prose_sections};
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
        self.run(text, |_, _| ()).0
    }

    /// The findings on `text`, and the URL records of its link items for
    /// `cross_file::cross_file_duplicates`, from one parse.
    pub fn lint_with_url_records(&self, text: &str) -> (Vec<Diagnostic>, Vec<UrlRecord>) {
        self.run(text, url_records)
    }

    /// Lint `text`, and let `also` take what it needs from the parsed
    /// document before it is dropped.
    fn run<T>(
        &self,
        text: &str,
        also: impl FnOnce(&Document, &[LinkItem]) -> T,
    ) -> (Vec<Diagnostic>, T) {
        // The arena (and with it the AST) is dropped when this returns, so
        // memory follows the largest file, not the number of files.
        let arena = Arena::new();
        let mut doc = Document::parse(text, &arena, &self.options);
        let settings = ItemSettings {
            prose_sections: &self.prose_sections,
        };
        doc.prose_sections = prose_sections(&doc, &settings);
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
        let extra = also(&doc, &items);
        (out, extra)
    }
}
