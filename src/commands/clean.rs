//! `mdlinks clean`: remove `check`'s results cache, found as `check` finds
//! it, and say what was removed.
//!
//! Only a directory that mdlinks tagged as its cache is removed, and no
//! symbolic link is followed: a cache directory that is a link is left
//! alone (an error), and links inside it are removed, not their targets
//! (`std::fs::remove_dir_all` never follows one).

use super::console::Console;
use super::exit::ExitStatus;
use super::plan::cache_dir;
use super::plan::resolver;
use crate::cache::{DEFAULT_DIR, is_results_cache};
use crate::cli::CleanArgs;
use crate::config::Overrides;
use std::fs;
use std::path::{Path, PathBuf};

pub fn run(args: &CleanArgs, console: &mut Console) -> ExitStatus {
    // As `check` does: beside the current directory's configuration. A
    // configuration that cannot be read is an error, as for `check`: the
    // cache may be beside it, not here.
    let mut config_error = None;
    let beside_config = || {
        let config = resolver(&args.config, Overrides::default())
            .and_then(|mut resolver| resolver.settings_for(Path::new(".")));
        match config {
            Ok(settings) => settings
                .config_path
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or(Path::new(""))
                .join(DEFAULT_DIR),
            Err(err) => {
                config_error = Some(err);
                PathBuf::new()
            }
        }
    };
    let dir = cache_dir(args.cache_dir.as_deref(), beside_config);
    if let Some(err) = config_error {
        return console.config_error(&err);
    }
    let shown = dir.display();
    let metadata = match fs::symlink_metadata(&dir) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            console.out(&format!(
                "No results cache at {shown}: nothing to remove.\n"
            ));
            return ExitStatus::Clean;
        }
        Err(err) => {
            console.error(format!("cannot read {shown}: {err}"));
            return ExitStatus::Error;
        }
    };
    if metadata.is_symlink() {
        console.error(format!(
            "{shown} is a symbolic link: not followed, nothing removed"
        ));
        return ExitStatus::Error;
    }
    if !is_results_cache(&dir) {
        console.error(format!(
            "{shown} is not a results cache of mdlinks (it has no CACHEDIR.TAG of mdlinks): nothing removed"
        ));
        return ExitStatus::Error;
    }
    let files = count_files(&dir);
    match fs::remove_dir_all(&dir) {
        Ok(()) => {
            let files = super::tally::plural(files, "file", "files");
            console.out(&format!("Removed the results cache {shown} ({files}).\n"));
            ExitStatus::Clean
        }
        Err(err) => {
            console.error(format!("cannot remove {shown}: {err}"));
            ExitStatus::Error
        }
    }
}

/// The files (and links) under `dir`, not following links.
fn count_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => count_files(&entry.path()),
            _ => 1,
        })
        .sum()
}
