//! The lists of a run: the files checked under one configuration, whose
//! conventions are learned from all of them together (`crate::conventions`).
//!
//! Each file is first linted as a list of its own (the house style where
//! it has too few items to tell); what it observed goes to its list. Once
//! every file is read, a file whose list wants other than it did alone, on
//! an aspect the file did not decide for itself, is linted again, and
//! findings that hold items to the list's convention get the list's
//! evidence. Files that decide for themselves, and lists their files
//! agree with, are linted once.

use crate::config::Settings;
use crate::conventions::{Conventions, Learned, Tally};
use std::collections::HashMap;
use std::sync::Arc;

/// The conventions of each list of a run, by its settings.
#[derive(Default)]
pub(super) struct Lists {
    by_settings: HashMap<usize, Conventions>,
}

/// Settings by identity: files of one list share one `Arc` of them.
fn key(settings: &Arc<Settings>) -> usize {
    Arc::as_ptr(settings) as usize
}

impl Lists {
    /// The lists of the files that told `learned`, each under its settings.
    pub(super) fn learn<'a>(files: impl Iterator<Item = (&'a Arc<Settings>, &'a Learned)>) -> Self {
        let mut tallies: HashMap<usize, Tally> = HashMap::new();
        for (settings, learned) in files {
            tallies
                .entry(key(settings))
                .or_default()
                .merge(&learned.tally);
        }
        Lists {
            by_settings: tallies
                .into_iter()
                .map(|(key, tally)| (key, Conventions::of_list(&tally)))
                .collect(),
        }
    }

    /// The conventions of the list of the files under `settings`.
    pub(super) fn of(&self, settings: &Arc<Settings>) -> Conventions {
        self.by_settings
            .get(&key(settings))
            .copied()
            .unwrap_or_default()
    }
}
