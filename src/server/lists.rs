//! The list an open document is part of, so that the editor holds it to
//! what `mdlinks check` holds it to: with an `mdlinks.toml`, the Markdown
//! files under the configuration's directory that it governs (a document
//! without one is a list of its own). Their conventions are learned as
//! `check` learns them (`crate::conventions`): each file linted alone, and
//! what it observed added up.
//!
//! The files on disk are read once per list and kept; the document being
//! linted counts with the text being edited, a saved document's text is
//! taken again, and an edited configuration forgets every list. (A file
//! changed on disk by another program is seen after the next
//! configuration change or restart.)

use crate::config::{Overrides, Resolver, Settings};
use crate::conventions::{Conventions, Tally};
use crate::files;
use crate::linter::LintOptions;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A list of more files than this is not read (a configuration at the
/// root of a home directory): its documents are lists of their own.
const MAX_FILES: usize = 20_000;

/// The lists met so far, by the fingerprint of their settings.
#[derive(Default)]
pub struct Lists {
    by_settings: HashMap<u64, List>,
}

/// What each file of a list observed, by path.
#[derive(Default)]
struct List {
    files: HashMap<PathBuf, Tally>,
}

impl Lists {
    /// The conventions of the list of the document at `path`, which
    /// observed `own` as it is now.
    pub fn conventions(&mut self, path: &Path, settings: &Settings, own: &Tally) -> Conventions {
        let mut tally = own.clone();
        if let Some(root) = settings.config_path.as_deref().and_then(Path::parent) {
            let list = self
                .by_settings
                .entry(settings.fingerprint())
                .or_insert_with(|| List::read(root, settings));
            for (file, observed) in &list.files {
                if file != path {
                    tally.merge(observed);
                }
            }
        }
        Conventions::of_list(&tally)
    }

    /// The document at `path` was saved with `own` observed.
    pub fn saved(&mut self, path: &Path, own: &Tally) {
        for list in self.by_settings.values_mut() {
            if let Some(observed) = list.files.get_mut(path) {
                *observed = own.clone();
            }
        }
    }

    /// A configuration changed: which files a list holds may have too.
    pub fn forget(&mut self) {
        self.by_settings.clear();
    }
}

impl List {
    /// The files under `root` (the configuration's directory) that
    /// `settings` govern, each linted alone, as `check` of that directory
    /// lints them first.
    fn read(root: &Path, settings: &Settings) -> List {
        let Ok(mut resolver) = Resolver::new(None, false, Overrides::default()) else {
            return List::default();
        };
        let (found, _) = files::discover(&[root.to_owned()], &[]);
        if found.len() > MAX_FILES {
            return List::default();
        }
        let members: Vec<PathBuf> = found
            .into_iter()
            .map(|file| file.path)
            .filter(|path| {
                resolver
                    .settings_for_file(path)
                    .is_ok_and(|s| s.fingerprint() == settings.fingerprint())
                    && !settings.is_excluded(path)
            })
            .collect();
        let files = members
            .into_par_iter()
            .filter_map(|path| {
                let source = files::read(&path, settings.max_file_size).ok()?;
                let ignored = settings.ignored_rules(&path);
                let options = LintOptions {
                    ignored: &ignored,
                    url_records: false,
                    budget: None,
                    list: None,
                    responses: None,
                };
                let learned = settings.linter().lint(&source.text, &options).learned;
                Some((std::path::absolute(&path).unwrap_or(path), learned.tally))
            })
            .collect();
        List { files }
    }
}
