//! What can go wrong with the results cache: each is one warning, and the
//! run's findings stand.

use std::io;
use std::path::PathBuf;

/// Why the cache could not be used, or not all of it written: for one
/// warning, the run's results stand.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error(
        "could not write the results cache in {}: {}; the findings shown are not affected (--no-cache turns the cache off)",
        .dir.display(),
        .source.kind()
    )]
    Write { dir: PathBuf, source: io::Error },
    #[error(
        "the results cache is off for this run: {} is a symbolic link, and mdlinks follows none in its cache (a cloned repository could point it anywhere); the findings shown are not affected (remove the link, or give a directory as --cache-dir)",
        .path.display()
    )]
    Link { path: PathBuf },
    #[error(
        "the results cache is off for this run: its key {} could not be read or made: {reason}; the findings shown are not affected (XDG_CACHE_HOME sets where the key is kept, --no-cache turns the cache off)",
        .path.display()
    )]
    Key { path: PathBuf, reason: String },
    #[error(
        "the results cache is off for this run: {} holds files mdlinks did not make, and mdlinks keeps its cache only in a new or empty directory or its own; the findings shown are not affected (give another --cache-dir, or --no-cache)",
        .dir.display()
    )]
    NotOurs { dir: PathBuf },
    #[error(
        "the results cache is off for this run: there is no directory to keep its key in (set XDG_CACHE_HOME or HOME); the findings shown are not affected"
    )]
    NoKeyHome,
}
