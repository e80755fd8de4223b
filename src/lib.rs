//! mdlinks: a linter and auto-formatter for curated Markdown link lists.
//!
//! Data flows one way: text → [`document::Document`] → [`item::LinkItem`]s →
//! [`rules`] → [`diagnostic::Diagnostic`]s → a report, or the [`fix`] engine.

pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod conventions;
pub mod cross_file;
pub mod diagnostic;
pub mod document;
pub mod files;
pub mod fix;
pub mod item;
pub mod link;
pub mod linter;
pub mod online;
pub mod repeats;
pub mod report;
pub mod rule;
pub mod rules;
pub mod server;
pub mod span;
#[cfg(test)]
mod test_strings;
pub mod text;
pub mod url;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use fix::{FixError, FixOptions, FixOutcome};
pub use linter::{LintOptions, Linter};

/// Lint `text` with `linter`.
pub fn lint_text(linter: &Linter, text: &str) -> Vec<Diagnostic> {
    linter.lint(text, &LintOptions::default()).diagnostics
}

/// Fix `text` to a fixpoint with `linter`'s rules, its passes judging
/// edits within one budget.
pub fn fix_text(linter: &Linter, text: &str, options: FixOptions) -> Result<FixOutcome, FixError> {
    let budget = document::judge::JudgeBudget::for_text(text);
    let lint = LintOptions {
        budget: Some(&budget),
        ..LintOptions::default()
    };
    fix::fix_text(text, options, |t| linter.lint(t, &lint).diagnostics)
}
