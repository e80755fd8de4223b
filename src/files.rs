//! Finding the Markdown files of a run, reading them, and writing fixed text
//! back atomically.

use ignore::WalkBuilder;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use swap::Replaced;

mod swap;

mod size;

pub use size::{DEFAULT_MAX_FILE_SIZE, FileSize};

/// Extensions taken when walking a directory.
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown"];

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}: no such file or directory", .path.display())]
    Missing { path: PathBuf },
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: not UTF-8 text (invalid byte at offset {offset}); mdlinks reads UTF-8 only", .path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: UTF-16 text (it starts with a UTF-16 byte order mark); mdlinks reads UTF-8 only", .path.display())]
    Utf16 { path: PathBuf },
    #[error("{}: looks binary (contains a NUL byte at offset {offset})", .path.display())]
    Binary { path: PathBuf, offset: usize },
    #[error("{}: not a regular file ({kind}); skipped", .path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{}: {}larger than the maximum file size of {limit}; skipped (`max-file-size` in mdlinks.toml or `--max-file-size` raises it)", .path.display(), size.map_or_else(String::new, |size| format!("{}, ", FileSize(size))))]
    TooLarge {
        path: PathBuf,
        /// Its size, where known before reading (not for standard input).
        size: Option<u64>,
        limit: FileSize,
    },
    #[error("{}: changed on disk while being fixed; left untouched, run mdlinks again", .path.display())]
    Changed { path: PathBuf },
    #[error("{}: changed on disk while being fixed, and the fixed text was written to while it stood in place; the file is left as it was, and that text kept in {}", .path.display(), .kept.display())]
    ChangedTwice { path: PathBuf, kept: PathBuf },
    #[error("{}: cannot keep its extended attributes: {cause}; not fixed", .path.display())]
    Attributes { path: PathBuf, cause: io::Error },
    #[error("{}: read-only (permission denied); not fixed", .path.display())]
    ReadOnly { path: PathBuf },
    #[error("{}: has {links} hard links; not fixed, as replacing it would split them (`mdlinks fix --diff` shows the fixes)", .path.display())]
    HardLinked { path: PathBuf, links: u64 },
    #[error("{}: cannot create a temporary file in {} to replace it: {cause}; not fixed", .path.display(), .dir.display())]
    TempFile {
        path: PathBuf,
        dir: PathBuf,
        cause: io::Error,
    },
    #[error("{message}")]
    Walk { message: String },
}

impl FileError {
    /// Whether the file was read but is not UTF-8 text: binary, UTF-16, or
    /// another encoding.
    pub fn is_not_text(&self) -> bool {
        matches!(
            self,
            FileError::NotUtf8 { .. } | FileError::Utf16 { .. } | FileError::Binary { .. }
        )
    }

    /// The file the error is about; none for an error of the directory walk.
    pub fn path(&self) -> Option<&Path> {
        match self {
            FileError::Missing { path }
            | FileError::Io { path, .. }
            | FileError::NotUtf8 { path, .. }
            | FileError::Utf16 { path }
            | FileError::Binary { path, .. }
            | FileError::NotRegular { path, .. }
            | FileError::TooLarge { path, .. }
            | FileError::Changed { path }
            | FileError::ChangedTwice { path, .. }
            | FileError::Attributes { path, .. }
            | FileError::ReadOnly { path }
            | FileError::HardLinked { path, .. }
            | FileError::TempFile { path, .. } => Some(path),
            FileError::Walk { .. } => None,
        }
    }

    fn io(path: &Path, source: io::Error) -> Self {
        if source.kind() == io::ErrorKind::NotFound {
            return FileError::Missing {
                path: path.to_owned(),
            };
        }
        FileError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// A file to lint, and whether it was named on the command line (such a
/// file is always linted, even if a configuration excludes it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoundFile {
    pub path: PathBuf,
    pub explicit: bool,
}

/// The files to lint: every named file, and the Markdown files under every
/// named directory (honouring `.gitignore` and `.ignore`, skipping hidden
/// files, following no symlinks). Sorted by path and without duplicates.
pub fn discover(
    paths: &[PathBuf],
    extra_extensions: &[String],
) -> (Vec<FoundFile>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(source) => errors.push(FileError::io(path, source)),
            Ok(meta) if meta.is_dir() => walk(path, extra_extensions, &mut files, &mut errors),
            Ok(_) => files.push(FoundFile {
                path: path.clone(),
                explicit: true,
            }),
        }
    }
    // A file both named and found by walking counts as named.
    files.sort_by(|a, b| a.path.cmp(&b.path).then(b.explicit.cmp(&a.explicit)));
    files.dedup_by(|later, earlier| later.path == earlier.path);
    (one_path_per_file(files), errors)
}

/// The files without those named by an earlier path: `notes.md` and
/// `./notes.md`, a symlink and its target, two hard links. Linting a file
/// twice reports it twice, and fixing it twice at once made the second
/// write see the first as a change on disk and fail. Paths that cannot be
/// looked at stay, for reading to report.
fn one_path_per_file(files: Vec<FoundFile>) -> Vec<FoundFile> {
    let mut seen = std::collections::HashSet::new();
    files
        .into_iter()
        .filter(|file| file_identity(&file.path).is_none_or(|id| seen.insert(id)))
        .collect()
}

#[cfg(unix)]
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).ok()?;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_identity(path: &Path) -> Option<PathBuf> {
    fs::canonicalize(path).ok()
}

fn walk(dir: &Path, extra: &[String], files: &mut Vec<FoundFile>, errors: &mut Vec<FileError>) {
    // `.gitignore` counts outside a git repository too, as users expect
    // from ruff and markdownlint-cli2.
    let walker = WalkBuilder::new(dir)
        .follow_links(false)
        .require_git(false)
        // The directory named is walked whatever its name.
        .filter_entry(|entry| entry.depth() == 0 || !is_default_excluded(entry))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_extension(entry.path(), extra) {
                    files.push(FoundFile {
                        path: clean(entry.into_path()),
                        explicit: false,
                    });
                }
            }
            Err(err) => errors.push(FileError::Walk {
                message: err.to_string(),
            }),
        }
    }
}

/// Directories of installed packages, build output and fuzzing, skipped in
/// a walk as ruff skips them: their Markdown is other people's (a
/// `node_modules` holds thousands of READMEs) or generated. Named on the
/// command line, they are walked.
const DEFAULT_EXCLUDED_DIRS: &[&str] = &[
    "node_modules",
    "target",
    "venv",
    "site-packages",
    "__pypackages__",
    "bower_components",
    "vendor",
    "_build",
    "buck-out",
];

fn is_default_excluded(entry: &ignore::DirEntry) -> bool {
    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
    let name = entry.file_name().to_str().unwrap_or("");
    let fuzz_output = matches!(name, "artifacts" | "corpus")
        && entry
            .path()
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|parent| parent == "fuzz");
    is_dir && (DEFAULT_EXCLUDED_DIRS.contains(&name) || fuzz_output)
}

fn has_extension(path: &Path, extra: &[String]) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    MARKDOWN_EXTENSIONS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(ext))
        || extra
            .iter()
            .any(|m| m.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

/// `./notes.md` is shown as `notes.md`.
fn clean(path: PathBuf) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_owned(),
        _ => path,
    }
}

/// A file's path and its text.
pub struct Source {
    /// The file, or the name given to standard input.
    pub path: PathBuf,
    pub text: String,
    /// Read from standard input: fixed text goes to standard output.
    pub stdin: bool,
}

/// The file at `path`, unless it is larger than `max_size`.
pub fn read(path: &Path, max_size: FileSize) -> Result<Source, FileError> {
    let size = require_regular_file(path)?;
    let too_large = |size| FileError::TooLarge {
        path: path.to_owned(),
        size,
        limit: max_size,
    };
    if size > max_size.0 {
        return Err(too_large(Some(size)));
    }
    let file = fs::File::open(path).map_err(|e| FileError::io(path, e))?;
    // (It may have grown since it was measured.)
    let bytes = read_at_most(file, max_size, size)
        .map_err(|e| FileError::io(path, e))?
        .ok_or_else(|| too_large(None))?;
    decode(path, bytes).map_err(|(error, _)| error)
}

/// Standard input that could not be read as text.
pub struct UnreadStdin {
    pub error: FileError,
    /// What was read, where it was read whole but is not UTF-8 text:
    /// `fix -` passes it through unchanged, since an editor filter
    /// (`:%!mdlinks fix -`) replaces the buffer with whatever comes out.
    /// `None` where it was not read whole (too long, a read error): then
    /// nothing of it is given back, rather than a part.
    pub bytes: Option<Vec<u8>>,
}

/// Standard input, named `name` in messages, unless it is longer than
/// `max_size`: endless input (`/dev/zero`) ends in that error, not in
/// memory running out.
pub fn read_stdin(name: &Path, max_size: FileSize) -> Result<Source, UnreadStdin> {
    let unread = |error| UnreadStdin { error, bytes: None };
    let bytes = read_at_most(io::stdin().lock(), max_size, 0)
        .map_err(|e| unread(FileError::io(name, e)))?
        .ok_or_else(|| {
            unread(FileError::TooLarge {
                path: name.to_owned(),
                size: None,
                limit: max_size,
            })
        })?;
    let mut source = decode(name, bytes).map_err(|(error, bytes)| UnreadStdin {
        error,
        bytes: Some(bytes),
    })?;
    source.stdin = true;
    Ok(source)
}

/// The text of `bytes`; else why not, with the bytes given back.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<Source, (FileError, Vec<u8>)> {
    // Its ASCII letters have a NUL byte each: "looks binary" misled.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let error = FileError::Utf16 {
            path: path.to_owned(),
        };
        return Err((error, bytes));
    }
    // memchr: a byte at a time cost a twentieth of a parse of the corpus.
    if let Some(offset) = memchr::memchr(0, &bytes) {
        let error = FileError::Binary {
            path: path.to_owned(),
            offset,
        };
        return Err((error, bytes));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source {
            path: path.to_owned(),
            text,
            stdin: false,
        }),
        Err(e) => {
            let error = FileError::NotUtf8 {
                path: path.to_owned(),
                offset: e.utf8_error().valid_up_to(),
            };
            Err((error, e.into_bytes()))
        }
    }
}

/// All of `reader`, or `None` where it holds more than `max_size` bytes,
/// of which it reads one more at most. `expected` bytes are made room for
/// at once (a file's size): grown as it was read, the text cost the
/// corpus 1 % more instructions.
fn read_at_most(
    reader: impl io::Read,
    max_size: FileSize,
    expected: u64,
) -> io::Result<Option<Vec<u8>>> {
    let room = expected.min(max_size.0).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    io::Read::read_to_end(
        &mut io::Read::take(reader, max_size.0.saturating_add(1)),
        &mut bytes,
    )?;
    Ok((bytes.len() as u64 <= max_size.0).then_some(bytes))
}

/// Refuse anything but a regular file (after following symlinks) before
/// opening it, and tell its size: opening a FIFO blocks until someone writes to it, and a
/// device such as `/dev/zero` never ends. Directories never get here
/// (discovery walks them), but a path named on the command line can be
/// anything. A file swapped for a FIFO between this check and the open
/// would still block; that needs a hostile local user and is not guarded.
fn require_regular_file(path: &Path) -> Result<u64, FileError> {
    let meta = fs::metadata(path).map_err(|e| FileError::io(path, e))?;
    let file_type = meta.file_type();
    if file_type.is_file() {
        return Ok(meta.len());
    }
    Err(FileError::NotRegular {
        path: path.to_owned(),
        kind: describe(file_type),
    })
}

fn describe(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        return "a directory";
    }
    "an unknown kind"
}

/// Replace the file at `path` (which held `original`) with `contents`
/// atomically: a temporary file in the same directory, flushed to disk and
/// renamed over the original. A symlink stays a symlink (its target is what
/// gets replaced), permissions are kept, and a file that changed since it was
/// read is left alone.
pub fn write_atomic(path: &Path, original: &str, contents: &str) -> Result<(), FileError> {
    PendingWrite::prepare(path, contents)?.commit_if_unchanged(original)
}

/// Write `contents` to `path`, a file that may not exist yet (a report of
/// `check --output-file`): to a temporary file beside it first, renamed
/// into place when whole, so that a failed write leaves no half a report.
/// A symlink at `path` is replaced, not written through.
pub fn write_report(path: &Path, contents: &str) -> Result<(), FileError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".mdlinks-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| FileError::io(path, e))?;
    // A report is for others to read, as a file made by `>` is (tempfile
    // makes its files readable by the user only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = temp
            .as_file()
            .set_permissions(fs::Permissions::from_mode(0o644));
    }
    temp.write_all(contents.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| FileError::io(path, e))?;
    temp.persist(path)
        .map_err(|e| FileError::io(path, e.error))?;
    Ok(())
}

/// New contents for a file, written and flushed to a temporary file beside
/// it (beside a symlink's target), not yet in place. Committing renames the
/// temporary file over the target; dropping it instead removes it.
///
/// The two steps are separate so that the moment between them, when the
/// file on disk may change under us, can be tested directly.
pub struct PendingWrite {
    path: PathBuf,
    /// `path` with symlinks resolved: the file that gets replaced.
    target: PathBuf,
    temp: tempfile::NamedTempFile,
    /// XXH3-128 of the new contents, to tell them from an edit made to them.
    written: u128,
    /// (After `temp`: fields drop in order, and the file goes first.)
    _listed: InFlight,
}

/// The temporary files of writes in flight, for [`clean_up_on_interrupt`].
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_flight() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    IN_FLIGHT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// On Ctrl-C, SIGTERM or SIGHUP, remove the temporary files of writes in
/// flight and exit 130: the process ends without unwinding, so their
/// `Drop` never ran, and an interrupted `fix` of a wiki left
/// `.mdlinks-*.tmp` files beside the fixed ones. A file being renamed into
/// place is either renamed (its temporary name is gone) or left as it was.
pub fn clean_up_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // The lock is held to the end: no write lists a new file meanwhile.
        let listed = in_flight();
        for temp in listed.iter() {
            let _ = fs::remove_file(temp);
        }
        std::process::exit(130);
    });
}

impl PendingWrite {
    pub fn prepare(path: &Path, contents: &str) -> Result<Self, FileError> {
        let target = fs::canonicalize(path).map_err(|e| FileError::io(path, e))?;
        let dir = target.parent().unwrap_or(Path::new("."));
        let metadata = fs::metadata(&target).map_err(|e| FileError::io(path, e))?;
        refuse_to_replace(path, &target, &metadata)?;
        // Created and listed under the lock, which the interrupt handler
        // keeps until the process ends: no temporary file exists unlisted.
        let (mut temp, listed) = {
            let mut listed = in_flight();
            let temp = tempfile::Builder::new()
                .prefix(".mdlinks-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(|e| FileError::TempFile {
                    path: path.to_owned(),
                    dir: dir.to_owned(),
                    cause: io::Error::from(e.kind()),
                })?;
            listed.push(temp.path().to_owned());
            let guard = InFlight(temp.path().to_owned());
            (temp, guard)
        };
        keep_owner(temp.as_file(), &metadata);
        temp.write_all(contents.as_bytes())
            .and_then(|()| temp.as_file().set_permissions(metadata.permissions()))
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| FileError::io(path, e))?;
        keep_extended_attributes(&target, temp.as_file()).map_err(|cause| {
            FileError::Attributes {
                path: path.to_owned(),
                cause,
            }
        })?;
        Ok(PendingWrite {
            path: path.to_owned(),
            target,
            temp,
            written: xxhash_rust::xxh3::xxh3_128(contents.as_bytes()),
            _listed: listed,
        })
    }

    /// The temporary file holding the new contents.
    pub fn temp_path(&self) -> &Path {
        self.temp.path()
    }

    /// Put the new contents in place of the target if it still holds
    /// exactly `original`; otherwise leave it (and remove the temporary
    /// file). See `swap.rs` for how no edit saved meanwhile is lost.
    pub fn commit_if_unchanged(self, original: &str) -> Result<(), FileError> {
        self.commit_if_unchanged_with(original, || ())
    }

    /// [`PendingWrite::commit_if_unchanged`], with `between` run at the
    /// last moment another process could change the file before the new
    /// contents take its place: for tests of that moment.
    #[doc(hidden)]
    pub fn commit_if_unchanged_with(
        self,
        original: &str,
        between: impl FnOnce(),
    ) -> Result<(), FileError> {
        let path = &self.path;
        let written = self.written;
        let is_new = |bytes: &[u8]| xxhash_rust::xxh3::xxh3_128(bytes) == written;
        // Under the lock the interrupt handler takes before it removes
        // temporary files: while the old file stands at the temporary name
        // (between a swap and its settling), removing it would lose it.
        let replaced = {
            let _listed = in_flight();
            swap::replace_if_unchanged(
                self.temp.path(),
                &self.target,
                original.as_bytes(),
                is_new,
                between,
            )
        };
        match replaced.map_err(|e| FileError::io(path, e))? {
            Replaced::Yes => Ok(()),
            Replaced::Changed => Err(FileError::Changed { path: path.clone() }),
            Replaced::ChangedBoth => {
                let kept = self
                    .temp
                    .into_temp_path()
                    .keep()
                    .map_err(|e| FileError::io(path, e.error))?;
                Err(FileError::ChangedTwice {
                    path: path.clone(),
                    kept,
                })
            }
        }
    }
}

/// A temporary file listed as in flight: unlisted when this drops.
struct InFlight(PathBuf);

impl Drop for InFlight {
    fn drop(&mut self) {
        in_flight().retain(|p| *p != self.0);
    }
}

/// Refuse to replace a file that writing in place would not change either:
/// one the user may not write (renaming over a read-only file in a
/// writable directory succeeds, and ruff or an editor would have failed),
/// and one with other hard links, which a new file renamed over it would
/// split from it (only this name would be fixed).
fn refuse_to_replace(path: &Path, target: &Path, metadata: &fs::Metadata) -> Result<(), FileError> {
    if let Err(e) = fs::OpenOptions::new().write(true).open(target)
        && e.kind() == io::ErrorKind::PermissionDenied
    {
        return Err(FileError::ReadOnly {
            path: path.to_owned(),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.nlink() > 1 {
            return Err(FileError::HardLinked {
                path: path.to_owned(),
                links: metadata.nlink(),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = metadata;
    Ok(())
}

/// Give the new file the owner and group of the one it replaces, where
/// allowed: run as root (sudo, a CI container), a fixed file became root's;
/// run by a member of its group, it changed group, and collaborators lost
/// write access. Where not allowed, it keeps what it was created with.
fn keep_owner(file: &fs::File, metadata: &fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, fchown};
        if fchown(file, Some(metadata.uid()), Some(metadata.gid())).is_err() {
            let _ = fchown(file, None, Some(metadata.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (file, metadata);
}

/// Give the new file the extended attributes of the one it replaces (user
/// attributes, ACLs, labels), where the system has them: a replaced file
/// lost them. One the system manages (`security.*`, `trusted.*`) and will
/// not let us set is left as the system made it; failing to keep any other
/// is an error, and the file is not fixed.
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
))]
fn keep_extended_attributes(original: &Path, new: &fs::File) -> io::Result<()> {
    use rustix::fs::{XattrFlags, fgetxattr, fsetxattr, getxattr, listxattr};
    use rustix::io::Errno;
    let mut names = Vec::with_capacity(256);
    match listxattr(original, rustix::buffer::spare_capacity(&mut names)) {
        Ok(_) => {}
        // No attributes here, or none at all on this file system.
        Err(Errno::NOTSUP | Errno::NOSYS) => return Ok(()),
        Err(Errno::RANGE) => {
            let size = rustix::fs::listxattr_query(original)?;
            names = Vec::with_capacity(size);
            listxattr(original, rustix::buffer::spare_capacity(&mut names))?;
        }
        Err(e) => return Err(e.into()),
    }
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = std::ffi::CString::new(name).map_err(io::Error::other)?;
        let size = rustix::fs::getxattr_query(original, &name)?;
        let mut value = Vec::with_capacity(size);
        getxattr(original, &name, rustix::buffer::spare_capacity(&mut value))?;
        let mut present = Vec::with_capacity(size);
        let same = fgetxattr(new, &name, rustix::buffer::spare_capacity(&mut present))
            .is_ok_and(|_| present == value);
        if same {
            continue;
        }
        if let Err(e) = fsetxattr(new, &name, &value, XattrFlags::empty()) {
            let managed = name.to_bytes().starts_with(b"security.")
                || name.to_bytes().starts_with(b"trusted.");
            if !managed {
                let name = name.to_string_lossy();
                return Err(io::Error::new(
                    io::Error::from(e).kind(),
                    format!("`{name}`: {e}"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
)))]
fn keep_extended_attributes(_original: &Path, _new: &fs::File) -> io::Result<()> {
    Ok(())
}
