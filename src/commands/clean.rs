//! `mdlinks clean`: remove `check`'s results cache, found as `check` finds
//! it, and say what was removed.
//!
//! Only a directory that mdlinks tagged as its cache is touched, only the
//! files mdlinks makes there are removed (`crate::cache::remove`; the
//! directory too once nothing else is left), and no symbolic link is
//! followed: a cache directory that is a link is left alone (an error).

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
    match crate::cache::remove(&dir) {
        Ok(removed) => {
            let files = super::tally::plural(removed.files, "file", "files");
            match removed.left {
                0 => console.out(&format!("Removed the results cache {shown} ({files}).\n")),
                left => {
                    let left = super::tally::plural(left, "file", "files");
                    console.out(&format!(
                        "Removed the results cache's files in {shown} ({files}); left {left} mdlinks did not make, and the directory.\n"
                    ))
                }
            }
            ExitStatus::Clean
        }
        Err(err) => {
            console.error(format!("cannot remove {shown}: {err}"));
            ExitStatus::Error
        }
    }
}
