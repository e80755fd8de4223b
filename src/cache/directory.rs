//! Whose the cache directory is. `--cache-dir` (or `MDLINKS_CACHE_DIR`)
//! can name any directory, and `.mdlinks_cache` can be one a user made:
//! mdlinks takes a directory for its cache only if it is new, empty, or
//! already its cache, never one holding files of the user's (it would
//! write a `.gitignore` of `*` there, hiding them from git), and `clean`
//! removes only the files mdlinks makes.

use super::error::CacheError;
use super::store;
use std::fs;
use std::io;
use std::path::Path;

/// The file of `--online`'s results, at the top of the cache directory.
pub const ONLINE: &str = "online.json";

/// Whether `dir` (a directory, not a link) is mdlinks's results cache:
/// it holds mdlinks's `CACHEDIR.TAG`, or a build directory holding
/// mdlinks's marker (a tag emptied by a full disk is written again).
pub fn is_results_cache(dir: &Path) -> bool {
    let real_dir = fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let tag = dir.join(store::CACHEDIR_TAG.0);
    let tagged = || {
        fs::symlink_metadata(&tag).is_ok_and(|m| m.is_file())
            && fs::read_to_string(&tag).is_ok_and(|text| text.contains("made by mdlinks"))
    };
    real_dir && (tagged() || has_marked_build(dir))
}

fn has_marked_build(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        is_dir
            && name.to_str().is_some_and(store::is_hex16)
            && fs::symlink_metadata(entry.path().join(store::MARKER.0)).is_ok_and(|m| m.is_file())
    })
}

/// Refuse `dir` for the cache where it holds files mdlinks did not make
/// (or is a link): nothing is read from it or written to it.
pub fn check_ours(dir: &Path) -> Result<(), CacheError> {
    if !store::is_dir(dir)? || is_results_cache(dir) || holds_only_ours(dir) {
        return Ok(());
    }
    Err(CacheError::NotOurs {
        dir: dir.to_owned(),
    })
}

/// Whether everything in `dir` is what mdlinks makes there, as another
/// run making the cache at this moment leaves it (nothing, or its
/// temporary files, `.gitignore` or build directories before the tag).
fn holds_only_ours(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().all(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let holds = |(_, contents): (&str, &str)| {
            store::read(&entry.path(), contents.len() as u64 + 1)
                .is_ok_and(|now| now == contents.as_bytes())
        };
        match &*name {
            _ if is_dir => store::is_hex16(&name),
            ".gitignore" => holds(store::GITIGNORE),
            "CACHEDIR.TAG" => holds(store::CACHEDIR_TAG),
            _ => name == ONLINE || name.starts_with(store::TEMPORARY),
        }
    })
}

/// Make `dir` the cache directory, or keep it one: made if missing,
/// refused if it is not mdlinks's, its `.gitignore` and `CACHEDIR.TAG`
/// mended.
pub fn adopt(dir: &Path) -> Result<(), CacheError> {
    check_ours(dir)?;
    store::make_dir(dir)?;
    store::keep_file(dir, store::GITIGNORE)?;
    store::keep_file(dir, store::CACHEDIR_TAG)
}

/// What [`remove`] removed, and what it left.
pub struct Removed {
    pub files: usize,
    pub left: usize,
}

/// Remove from the cache directory `dir` what mdlinks made there (its
/// `.gitignore` and tag, the online results, temporary files, and the
/// build directories holding its marker, with their entry files), and the
/// directory itself if nothing else is left. Links are removed, never
/// followed.
pub fn remove(dir: &Path) -> io::Result<Removed> {
    let mut removed = Removed { files: 0, left: 0 };
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kind = entry.file_type()?;
        let made_here = [store::GITIGNORE.0, store::CACHEDIR_TAG.0, ONLINE].contains(&&*name)
            || name.starts_with(store::TEMPORARY);
        if made_here && !kind.is_dir() {
            fs::remove_file(entry.path())?;
            removed.files += 1;
        } else if kind.is_dir() && store::is_hex16(&name) {
            let (files, left) = store::remove_build(&entry.path());
            removed.files += files;
            removed.left += left;
        } else {
            removed.left += count_files(&entry.path());
        }
    }
    if removed.left == 0 {
        fs::remove_dir(dir)?;
    }
    Ok(removed)
}

/// The files (and links) at `path`, not following links.
fn count_files(path: &Path) -> usize {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_dir() => fs::read_dir(path).map_or(1, |entries| {
            entries
                .flatten()
                .map(|entry| count_files(&entry.path()))
                .sum()
        }),
        _ => 1,
    }
}
