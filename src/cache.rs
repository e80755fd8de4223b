//! `check`'s results cache: each file's findings, kept between runs and
//! used again while the file's text, its settings and the mdlinks binary
//! are the same, as ruff and rumdl keep theirs. A warm run over the corpus
//! takes about a tenth of the CPU time of one that lints every file.
//!
//! The cache is two JSON files in `.mdlinks_cache/` beside the current
//! directory's configuration file, or in the current directory (or in
//! `--cache-dir`); the directory holds a `.gitignore` so that it is never
//! committed. A file is known by its absolute path; its entry is used only
//! if the XXH3-128 hash of its text and the fingerprint of its settings
//! match. A cache written by another binary, or one that cannot be read, is
//! started afresh: the cache only ever saves time, it never decides a
//! finding.

use crate::config::Settings;
use crate::cross_file::UrlRecord;
use crate::diagnostic::Diagnostic;
use crate::files::Source;
use crate::linter::Linted;
use crate::span::LineIndex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// The cache directory's name (see [`crate::commands`] for where it goes).
pub const DEFAULT_DIR: &str = ".mdlinks_cache";

/// The cache files' names in their directory, by version: a new version
/// starts new files rather than reading findings it would not make. The
/// link items' URLs (for `--cross-file`) are kept apart: they take twenty
/// times the room of the findings, and most runs do not need them.
const FINDINGS_FILE: &str = concat!("findings-", env!("CARGO_PKG_VERSION"), ".json");
const URLS_FILE: &str = concat!("urls-", env!("CARGO_PKG_VERSION"), ".json");

/// Entries of files no run has checked for this many days are dropped.
const KEEP_DAYS: u32 = 30;

/// The cache of one run.
pub struct Cache {
    dir: PathBuf,
    findings: Table<Vec<Diagnostic>>,
    /// Only for runs that compare URLs across files.
    urls: Option<Table<Vec<UrlRecord>>>,
}

/// One cache file: the entries read at the start of a run, and those its
/// files made or confirmed, to be written at its end.
struct Table<T> {
    file: &'static str,
    binary: String,
    today: u32,
    known: HashMap<String, Entry<T>>,
    updated: Mutex<Vec<(String, Entry<T>)>>,
}

/// A cache file as written.
#[derive(Serialize, Deserialize)]
struct Stored<T> {
    /// The binary that wrote it (see [`binary_identity`]).
    binary: String,
    entries: HashMap<String, Entry<T>>,
}

/// What one file's linting left, as `Settings::lint_for_report` made it.
#[derive(Clone, Serialize, Deserialize)]
struct Entry<T> {
    /// XXH3-128 of the file's text, in hex.
    text: String,
    /// [`Settings::fingerprint`] of the settings it was linted with.
    settings: u64,
    /// Days since 1970 when a run last checked the file.
    seen: u32,
    value: T,
}

impl Cache {
    /// The cache kept in `dir` (the URLs too if `with_url_records`): empty
    /// if there is none yet, or if what is there cannot be read or was
    /// written by another binary. `None` where this binary cannot tell what
    /// it is, so could not tell its own entries from another's.
    pub fn open(dir: &Path, with_url_records: bool) -> Option<Cache> {
        let binary = binary_identity()?;
        let today = days_since_epoch();
        Some(Cache {
            dir: dir.to_owned(),
            findings: Table::read(dir, FINDINGS_FILE, &binary, today),
            urls: with_url_records.then(|| Table::read(dir, URLS_FILE, &binary, today)),
        })
    }

    /// `source`'s findings under `settings` (and its URL records if the
    /// cache was opened for them): from the cache where its entries match,
    /// else linted, and kept for the next run.
    pub fn lint(&self, source: &Source, settings: &Settings) -> Linted {
        let with_url_records = self.urls.is_some();
        let Some(key) = key(source) else {
            return settings.lint_for_report(&source.path, &source.text, with_url_records);
        };
        let text = format!(
            "{:032x}",
            xxhash_rust::xxh3::xxh3_128(source.text.as_bytes())
        );
        let fingerprint = settings.fingerprint();
        let diagnostics = self.findings.get(&key, &text, fingerprint);
        let url_records = match &self.urls {
            Some(urls) => urls.get(&key, &text, fingerprint).map(Some),
            None => Some(None),
        };
        if let (Some(diagnostics), Some(url_records)) = (diagnostics, url_records) {
            return Linted {
                diagnostics,
                url_records: url_records.unwrap_or_default(),
                lines: LineIndex::new(&source.text),
            };
        }
        let linted = settings.lint_for_report(&source.path, &source.text, with_url_records);
        if let Some(urls) = &self.urls {
            urls.put(&key, &text, fingerprint, linted.url_records.clone());
        }
        self.findings
            .put(&key, &text, fingerprint, linted.diagnostics.clone());
        linted
    }

    /// Write back what this run changed (see [`Table::save`]).
    pub fn save(self) -> Result<(), CacheError> {
        let dir = self.dir;
        let result = self
            .findings
            .save(&dir)
            .and_then(|()| self.urls.map_or(Ok(()), |urls| urls.save(&dir)));
        result.map_err(|source| CacheError { dir, source })
    }
}

impl<T: Clone + Serialize + serde::de::DeserializeOwned> Table<T> {
    fn read(dir: &Path, file: &'static str, binary: &str, today: u32) -> Self {
        let known = std::fs::read(dir.join(file))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored<T>>(&bytes).ok())
            .filter(|stored| stored.binary == binary)
            .map(|stored| stored.entries)
            .unwrap_or_default();
        Table {
            file,
            binary: binary.to_owned(),
            today,
            known,
            updated: Mutex::new(Vec::new()),
        }
    }

    /// The value kept for the file `key` with this text and settings.
    fn get(&self, key: &str, text: &str, settings: u64) -> Option<T> {
        let entry = self.known.get(key)?;
        if entry.text != text || entry.settings != settings {
            return None;
        }
        if entry.seen < self.today {
            self.put(key, text, settings, entry.value.clone());
        }
        Some(entry.value.clone())
    }

    fn put(&self, key: &str, text: &str, settings: u64, value: T) {
        let entry = Entry {
            text: text.to_owned(),
            settings,
            seen: self.today,
            value,
        };
        self.updated
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((key.to_owned(), entry));
    }

    /// Write the file back if this run changed it: its new entries over
    /// those read, less those not seen for [`KEEP_DAYS`]. The file is
    /// replaced whole (a temporary file renamed over it), so that a run
    /// stopped halfway, or two runs at once, leave one complete cache.
    fn save(self, dir: &Path) -> io::Result<()> {
        let updated = self
            .updated
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if updated.is_empty() {
            return Ok(());
        }
        let mut entries = self.known;
        entries.extend(updated);
        let today = self.today;
        entries.retain(|_, entry| entry.seen.saturating_add(KEEP_DAYS) >= today);
        let stored = Stored {
            binary: self.binary,
            entries,
        };
        write_atomically(dir, self.file, &stored)
    }
}

/// The cache could not be written; the run's results stand.
#[derive(Debug, thiserror::Error)]
#[error("could not write the results cache in {}: {source}", .dir.display())]
pub struct CacheError {
    dir: PathBuf,
    source: io::Error,
}

fn write_atomically<T: Serialize>(dir: &Path, file: &str, stored: &Stored<T>) -> io::Result<()> {
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
        // Never committed, and skipped by backup tools that know the tag.
        std::fs::write(dir.join(".gitignore"), "# Made by mdlinks.\n*\n")?;
        std::fs::write(
            dir.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This directory is a cache made by mdlinks.\n",
        )?;
    }
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    let mut writer = io::BufWriter::new(&mut temporary);
    serde_json::to_writer(&mut writer, stored)?;
    writer.flush()?;
    drop(writer);
    temporary
        .persist(dir.join(file))
        .map(drop)
        .map_err(|err| err.error)
}

/// A file's key: its absolute path, if it is UTF-8 (JSON keys are). None
/// for standard input, whose name is only what `--stdin-filename` says.
fn key(source: &Source) -> Option<String> {
    if source.stdin {
        return None;
    }
    let absolute = std::path::absolute(&source.path).ok()?;
    absolute.to_str().map(ToOwned::to_owned)
}

/// What tells this binary from another: its version, and the size and
/// modification time of its executable. Two builds of one version may lint
/// differently (a developer's, or one made from a patched source).
fn binary_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let metadata = std::fs::metadata(exe).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!(
        "{} {} {}.{:09}",
        env!("CARGO_PKG_VERSION"),
        metadata.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}

fn days_since_epoch() -> u32 {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    u32::try_from(seconds / 86_400).unwrap_or(u32::MAX)
}
