//! The documents the editor has open, and linting and fixing one of them
//! with the settings that apply to its path.
//!
//! Settings are resolved afresh for every lint: finding and reading an
//! `mdlinks.toml` costs far less than linting, and so an edited
//! configuration takes effect at the next keystroke, whether or not the
//! editor says it changed.

use super::lists::Lists;
use crate::config::{ConfigError, Overrides, Resolver, Settings};
use crate::conventions::{Conventions, Tally};
use crate::diagnostic::Diagnostic;
use crate::document::judge::JudgeBudget;
use crate::fix::{self, FixOptions};
use crate::linter::{LintOptions, Linted};
use lsp_types::Uri;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The text of every open document, as the editor last sent it.
#[derive(Default)]
pub struct Documents {
    open: HashMap<Uri, String>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: String) {
        self.open.insert(uri, text);
    }

    pub fn close(&mut self, uri: &Uri) {
        self.open.remove(uri);
    }

    pub fn text(&self, uri: &Uri) -> Option<&str> {
        self.open.get(uri).map(String::as_str)
    }

    pub fn uris(&self) -> impl Iterator<Item = &Uri> {
        self.open.keys()
    }
}

/// Why a document was not linted: said to the user, not as a finding.
#[derive(Debug, thiserror::Error)]
pub enum LintError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{path}: larger than the maximum file size of {limit}; not linted")]
    TooLarge {
        path: String,
        limit: crate::files::FileSize,
    },
}

/// A document with the settings that apply to it.
pub struct Linting<'t> {
    text: &'t str,
    /// Where the document is (for an unsaved one, the working directory).
    path: PathBuf,
    settings: Arc<Settings>,
}

impl<'t> Linting<'t> {
    /// `text`, of the document at `uri`, with its settings; the warnings
    /// met finding them go to `warnings`.
    pub fn new(uri: &Uri, text: &'t str, warnings: &mut Vec<String>) -> Result<Self, LintError> {
        let mut resolver = Resolver::new(None, false, Overrides::default())?;
        let (path, settings) = match file_path(uri) {
            Some(path) => {
                let settings = resolver.settings_for_file(&path)?;
                (path, settings)
            }
            None => (PathBuf::from("."), resolver.settings_for(Path::new("."))?),
        };
        warnings.extend(resolver.take_warnings());
        if text.len() as u64 > settings.max_file_size.0 {
            return Err(LintError::TooLarge {
                path: path.display().to_string(),
                limit: settings.max_file_size,
            });
        }
        Ok(Linting {
            text,
            path,
            settings,
        })
    }

    /// The findings, with `per-file-ignores` applied, the document held to
    /// its list's conventions as `check` holds it ([`Lists`]).
    pub fn lint(&self, lists: &mut Lists) -> Vec<Diagnostic> {
        self.lint_in_list(lists).0
    }

    /// What the document observed of its list's conventions, as it is now.
    pub fn observed(&self) -> Tally {
        self.lint_text(self.text, None, None).learned.tally
    }

    /// The findings, and the conventions of the document's list.
    fn lint_in_list(&self, lists: &mut Lists) -> (Vec<Diagnostic>, Conventions) {
        let alone = self.lint_text(self.text, None, None);
        let list = lists.conventions(&self.path, &self.settings, &alone.learned.tally);
        let mut diagnostics = match alone.learned.needs_relint(&list) {
            true => self.lint_text(self.text, None, Some(&list)).diagnostics,
            false => alone.diagnostics,
        };
        Diagnostic::add_evidence(&mut diagnostics, &list);
        (diagnostics, list)
    }

    fn lint_text(
        &self,
        text: &str,
        budget: Option<&JudgeBudget>,
        list: Option<&Conventions>,
    ) -> Linted {
        let ignored = self.settings.ignored_rules(&self.path);
        let options = LintOptions {
            ignored: &ignored,
            url_records: false,
            budget,
            list,
            responses: None,
        };
        self.settings.linter().lint(text, &options)
    }

    /// The text with every safe fix applied, or `None` if that changes
    /// nothing (or the fixes do not settle, as `fix` then writes nothing).
    pub fn fixed_safe(&self, lists: &mut Lists) -> Option<String> {
        let (_, list) = self.lint_in_list(lists);
        let budget = JudgeBudget::for_text(self.text);
        let options = FixOptions {
            unsafe_fixes: false,
        };
        let outcome = fix::fix_text(self.text, options, |text| {
            let mut diagnostics = self.lint_text(text, Some(&budget), Some(&list)).diagnostics;
            Diagnostic::add_evidence(&mut diagnostics, &list);
            diagnostics
        })
        .ok()?;
        (outcome.text != self.text).then_some(outcome.text)
    }

    /// Where the document is (for an unsaved one, the working directory).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for other schemes.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///p` and `file://localhost/p`; another host is not ours.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `file:///C:/dir` is `C:/dir` on Windows.
    #[cfg(windows)]
    let decoded = match decoded.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => decoded[1..].to_owned(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn path_of(uri: &str) -> Option<PathBuf> {
        file_path(&Uri::from_str(uri).unwrap())
    }

    #[test]
    #[cfg(unix)]
    fn file_uris_become_paths() {
        assert_eq!(
            path_of("file:///home/a/my%20notes/%E6%97%A5.md"),
            Some(PathBuf::from("/home/a/my notes/日.md"))
        );
        assert_eq!(
            path_of("file://localhost/x.md"),
            Some(PathBuf::from("/x.md"))
        );
        assert_eq!(path_of("untitled:Untitled-1"), None);
        assert_eq!(path_of("file://server/share/x.md"), None);
    }
}
