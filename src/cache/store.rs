//! The files of the cache directory, read, written and removed without
//! following a symbolic link.
//!
//! The cache directory is in the work tree, where a cloned repository can
//! put links to anywhere: `.mdlinks_cache -> ..`, or a `.gitignore` linked
//! to the user's global git ignore file. So a directory of the cache that
//! is a link is refused (the cache is off for the run), a file is opened
//! with `O_NOFOLLOW`, and every file is written new (a temporary file,
//! made with `O_EXCL`, renamed over the old one, which replaces a link
//! rather than writing through it). What is removed is only what mdlinks
//! made: temporary files named as its own, and the entry files of build
//! directories holding its marker.
//!
//! (A process changing the work tree while mdlinks runs could still swap
//! a checked directory for a link; such a process can already change the
//! files being checked. What is guarded against is what a repository
//! holds.)

use super::error::CacheError;
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The start of the name of every temporary file mdlinks makes in the
/// cache.
pub const TEMPORARY: &str = ".mdlinks-tmp-";

/// A temporary file not written to for this long belongs to a run that
/// was killed: a run writes its files from start to end without a pause.
const ABANDONED_AFTER: Duration = Duration::from_secs(10 * 60);

/// The file that marks a build's directory as made by mdlinks, so that it
/// may be removed with its entries once unused.
pub const MARKER: (&str, &str) = (
    ".mdlinks-build",
    "# A directory of mdlinks's results cache: the entry files of one build.\n",
);

/// Keeps git from committing the cache.
pub const GITIGNORE: (&str, &str) = (".gitignore", "# Made by mdlinks.\n*\n");

/// Skipped by backup tools that know the tag.
pub const CACHEDIR_TAG: (&str, &str) = (
    "CACHEDIR.TAG",
    "Signature: 8a477f597d28d172789f06886806bc55\n\
     # This directory is a cache made by mdlinks.\n",
);

/// Whether `path` is a directory (`false`: nothing is there), refusing a
/// link or anything else in its place.
pub fn is_dir(path: &Path) -> Result<bool, CacheError> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_symlink() => Err(CacheError::Link {
            path: path.to_owned(),
        }),
        Ok(metadata) if metadata.is_dir() => Ok(true),
        Ok(_) => Err(write_error(
            path,
            io::Error::from(io::ErrorKind::NotADirectory),
        )),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(write_error(path, err)),
    }
}

/// Make the directory `path` unless it is there (its parents too: the
/// cache directory may be given anywhere).
pub fn make_dir(path: &Path) -> Result<(), CacheError> {
    if is_dir(path)? {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|err| write_error(path, err))?;
    }
    match fs::create_dir(path) {
        Ok(()) => Ok(()),
        // Made meanwhile by another run, or something else was.
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => match is_dir(path)? {
            true => Ok(()),
            false => Err(write_error(path, err)),
        },
        Err(err) => Err(write_error(path, err)),
    }
}

/// The contents of the regular file `path`, if no larger than `max`
/// bytes; an error if it is a link, a FIFO (which would make the run
/// wait), a directory or larger.
pub fn read(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let (file, len) = open_regular(path)?;
    if len > max {
        return Err(io::Error::other("not an entry file"));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The regular file `path` opened for reading, and its length; an error
/// if it is a link, a FIFO (which would make the run wait) or a directory.
pub fn open_regular(path: &Path) -> io::Result<(fs::File, u64)> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK,
    );
    // Without O_NOFOLLOW: the best check there is, just before opening.
    #[cfg(not(unix))]
    if fs::symlink_metadata(path)?.is_symlink() {
        return Err(io::Error::other("a symbolic link"));
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::other("not an entry file"));
    }
    Ok((file, metadata.len()))
}

/// Make `path`, in the directory `dir`, hold what `write` writes: a
/// temporary file is made new beside it and renamed over it, so that a
/// run stopped halfway, or two at once, leave a complete file (or the old
/// one), and a link at `path` is replaced, never written through.
pub fn replace(
    dir: &Path,
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<&fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY);
    // As any file the user makes (the umask decides), not tempfile's
    // 0600: others sharing the cache directory could not read it.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let temporary = builder.tempfile_in(dir)?;
    let mut writer = io::BufWriter::new(temporary.as_file());
    write(&mut writer)?;
    writer.flush()?;
    drop(writer);
    temporary.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// Make the file `name` in `dir` hold `contents`, unless it does: one
/// left empty by a full disk, or a link, is written again.
pub fn keep_file(dir: &Path, (name, contents): (&str, &str)) -> Result<(), CacheError> {
    let path = dir.join(name);
    if read(&path, contents.len() as u64 + 1).is_ok_and(|now| now == contents.as_bytes()) {
        return Ok(());
    }
    replace(dir, &path, |out| out.write_all(contents.as_bytes()))
        .map_err(|err| write_error(dir, err))
}

/// Remove from `dir` the temporary files that runs killed while writing
/// left there (they can be as large as an entry file, a hundred
/// megabytes): named as mdlinks names them, and not written to for
/// [`ABANDONED_AFTER`].
pub fn remove_abandoned(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with(TEMPORARY) {
            continue;
        }
        // Of the entry itself: a link is removed, not what it points to.
        let abandoned = entry
            .metadata()
            .is_ok_and(|metadata| !metadata.is_dir() && older(&metadata, now, ABANDONED_AFTER));
        if abandoned {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Remove the build directories in `dir` other than `current` that
/// mdlinks made (named as it names them, holding its marker, not links)
/// and no run has written to for `unused`: their entry files, temporary
/// files and marker. Anything else put there stays, and so does the
/// directory holding it.
pub fn remove_old_builds(dir: &Path, current: &Path, unused: Duration) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let is_build = entry.file_name().to_str().is_some_and(is_hex16);
        // Of the entry itself: a link is no directory.
        let old = entry
            .metadata()
            .is_ok_and(|metadata| metadata.is_dir() && older(&metadata, now, unused));
        let marked = || fs::symlink_metadata(path.join(MARKER.0)).is_ok_and(|m| m.is_file());
        if is_build && old && path != current && marked() {
            remove_build(&path);
        }
    }
}

/// Remove the files mdlinks made in the build directory `build` (entry
/// files, temporary files, its marker) and the directory if nothing else
/// is there: how many were removed, and how many left.
pub fn remove_build(build: &Path) -> (usize, usize) {
    let Ok(entries) = fs::read_dir(build) else {
        return (0, 1);
    };
    let (mut removed, mut others) = (0, 0);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let made_by_mdlinks = is_entry_name(&name) || name.starts_with(TEMPORARY);
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if made_by_mdlinks && !is_dir {
            removed += usize::from(fs::remove_file(entry.path()).is_ok());
        } else if name != MARKER.0 {
            others += 1;
        }
    }
    if others == 0 {
        removed += usize::from(fs::remove_file(build.join(MARKER.0)).is_ok());
        let _ = fs::remove_dir(build);
    }
    (removed, others)
}

/// The name of a build's pack ([`super::pack`]).
pub const PACK: &str = "entries.pack";

/// Whether `name` is an entry file's, as [`super::Cache`] names them: its
/// pack, or (before packs) an entry file of a directory.
fn is_entry_name(name: &str) -> bool {
    name == PACK
        || name
            .strip_suffix(".json")
            .map(|stem| stem.strip_suffix(".urls").unwrap_or(stem))
            .is_some_and(is_hex16)
}

/// Whether `name` is 16 hex digits, as a build's directory and an entry
/// file are named.
pub fn is_hex16(name: &str) -> bool {
    name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

fn older(metadata: &fs::Metadata, now: SystemTime, than: Duration) -> bool {
    metadata
        .modified()
        .is_ok_and(|at| now.duration_since(at).unwrap_or_default() > than)
}

fn write_error(dir: &Path, source: io::Error) -> CacheError {
    CacheError::Write {
        dir: dir.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_are_those_the_cache_writes() {
        assert!(is_entry_name("0123456789abcdef.json"));
        assert!(is_entry_name("0123456789abcdef.urls.json"));
        assert!(is_entry_name("entries.pack"));
        for name in [
            "notes.json",
            "0123456789abcdef",
            "0123456789abcdef.md",
            ".json",
        ] {
            assert!(!is_entry_name(name), "{name}");
        }
    }
}
