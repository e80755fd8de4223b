//! `check`'s results cache: each file's findings, kept between runs and
//! used again while the file's text, its settings and the mdlinks binary
//! are the same, as ruff and rumdl keep theirs. A warm run over the corpus
//! takes about a tenth of the CPU time of one that lints every file.
//!
//! The cache is a directory, `.mdlinks_cache/` beside the current
//! directory's configuration file or in the current directory (or
//! `--cache-dir`); it holds a `.gitignore`, so that it is never committed,
//! and a directory per build of mdlinks. There the files of each directory
//! linted share one entry file, and the entry files of a build are kept
//! in one pack ([`pack`]): a run reads those of its own directories only,
//! so that checking one file does not read the cache of a whole wiki, and
//! writes one file, however many directories it linted (each file costs a
//! create and a rename, slow on some file systems). A file's entry is
//! used only if the BLAKE3 hash of its text and the fingerprint of its
//! settings match.
//!
//! The directory is in the work tree, where anyone who can put files (a
//! cloned repository) can put any file in the cache: an entry file is
//! trusted only if it is authenticated with a key kept outside the work
//! tree ([`key`]), and no link in the cache is followed ([`store`]). An
//! entry file that cannot be read or does not verify is started afresh:
//! the cache only ever saves time, it never decides a finding.

mod directory;
mod encoded;
mod error;
mod finding;
mod key;
mod pack;
pub mod side_file;
mod store;

pub use directory::{ONLINE, Removed, is_results_cache, remove};
pub use error::CacheError;

use crate::config::Settings;
use crate::cross_file::UrlRecord;
use crate::files::Source;
use crate::linter::{LintOptions, Linted};
use crate::span::LineIndex;
use encoded::Encoded;
use key::Key;
use pack::{EntryFile, Pack};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, UNIX_EPOCH};

/// The cache directory's name (see [`crate::commands`] for where it goes).
pub const DEFAULT_DIR: &str = ".mdlinks_cache";

/// Directories of other builds not written for this long are removed.
const KEEP_OTHER_BUILDS: Duration = Duration::from_secs(30 * 86_400);

/// An entry file larger than this is none of ours (an index saying
/// otherwise is not believed).
const MAX_ENTRY_BYTES: u64 = 256 << 20;

/// The cache of one run.
pub struct Cache {
    /// The cache directory.
    dir: PathBuf,
    /// This build's directory in it.
    build_dir: PathBuf,
    /// Its name, which its entry files say too.
    build: String,
    /// What entry files are authenticated with.
    key: Key,
    /// The pack of the build's entry files, opened when first needed.
    pack: OnceLock<Pack>,
    /// Whether the run compares URLs across files, so needs each file's
    /// URL records too (kept apart: they take ten times the room of the
    /// findings, and most runs do not need them).
    with_url_records: bool,
    /// The entry files of the directories met so far, by directory.
    shards: Mutex<HashMap<String, Arc<Shard>>>,
}

/// The entry files of one directory.
struct Shard {
    findings: Part<finding::Kept>,
    url_records: Option<Part<Vec<UrlRecord>>>,
}

/// One entry file: the entries read from it (when first needed), and those
/// the run made, to be written at its end.
struct Part<T> {
    /// What the file must say it is for.
    stored_for: StoredFor,
    known: OnceLock<HashMap<String, Entry<T>>>,
    updated: Mutex<Vec<(String, Entry<T>)>>,
}

/// What an entry file is for, as the file says (its name is only a hash),
/// under its MAC: a genuine file moved to another name is not used there.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
struct StoredFor {
    /// The name of the build's directory.
    build: String,
    /// `findings` or `url-records`.
    kind: String,
    /// The directory's absolute path.
    dir: String,
}

/// An entry file as written, authenticated by [`Key::seal`].
#[derive(Serialize, Deserialize)]
#[serde(bound = "")]
struct Stored<T> {
    stored_for: StoredFor,
    /// By file name.
    entries: HashMap<String, Entry<T>>,
}

/// What one file's linting left, as `Linter::lint` made it.
#[derive(Serialize, Deserialize)]
#[serde(bound = "")]
struct Entry<T> {
    /// BLAKE3 of the file's text, in hex: unlike a plain hash, no text can
    /// be made to have another's, and so take its entry.
    text: String,
    /// [`Settings::fingerprint`] of the settings it was linted with.
    settings: u64,
    value: Encoded<T>,
}

impl<T> Clone for Entry<T> {
    fn clone(&self) -> Self {
        Entry {
            text: self.text.clone(),
            settings: self.settings,
            value: self.value.clone(),
        }
    }
}

impl Cache {
    /// The cache kept in `dir`. `None` where this binary cannot tell what
    /// it is, so could not tell its own entries from another build's. An
    /// error where the cache may not be used (it is a link, or there is
    /// no key): the run goes on without it.
    pub fn open(dir: &Path, with_url_records: bool) -> Result<Option<Cache>, CacheError> {
        let Some(identity) = binary_identity() else {
            return Ok(None);
        };
        let build = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(identity.as_bytes()));
        let build_dir = dir.join(&build);
        // Refused before anything is read from them.
        directory::check_ours(dir)?;
        store::is_dir(&build_dir)?;
        Ok(Some(Cache {
            dir: dir.to_owned(),
            build_dir,
            build,
            key: Key::load_or_make()?,
            pack: OnceLock::new(),
            with_url_records,
            shards: Mutex::new(HashMap::new()),
        }))
    }

    /// `source`'s findings under `settings` (and its URL records if the
    /// run compares URLs): from the cache where its entries match, else
    /// linted, and kept for the next run.
    pub fn lint(&self, source: &Source, settings: &Settings) -> Linted {
        let lint = || {
            let ignored = settings.ignored_rules(&source.path);
            // With the house style where the file has too few items of its
            // own: what is kept does not depend on the rest of the list.
            let options = LintOptions {
                ignored: &ignored,
                url_records: self.with_url_records,
                budget: None,
                list: None,
                responses: None,
            };
            settings.linter().lint(&source.text, &options)
        };
        // Not standard input, whose name is only what --stdin-filename
        // says, nor a path that is not UTF-8.
        let absolute = std::path::absolute(&source.path).ok();
        let split = absolute
            .as_deref()
            .filter(|_| !source.stdin)
            .and_then(|path| Some((path.parent()?.to_str()?, path.file_name()?.to_str()?)));
        let Some((dir, name)) = split else {
            return lint();
        };
        let shard = self.shard(dir);
        let text = blake3::hash(source.text.as_bytes()).to_hex();
        let text = text.as_str();
        let fingerprint = settings.fingerprint();
        let pack = self.pack();
        let kept = shard
            .findings
            .get(pack, &self.key, name, text, fingerprint)
            .and_then(finding::Kept::restore);
        let url_records = match &shard.url_records {
            Some(part) => part.get(pack, &self.key, name, text, fingerprint),
            None => Some(Vec::new()),
        };
        if let (Some((diagnostics, learned)), Some(url_records)) = (kept, url_records) {
            return Linted {
                diagnostics,
                url_records,
                lines: LineIndex::new(&source.text),
                learned,
            };
        }
        let linted = lint();
        shard.findings.put(
            name,
            text,
            fingerprint,
            &finding::Kept::new(&linted.diagnostics, &linted.learned),
        );
        if let Some(part) = &shard.url_records {
            part.put(name, text, fingerprint, &linted.url_records);
        }
        linted
    }

    fn shard(&self, dir: &str) -> Arc<Shard> {
        let mut shards = self.shards.lock().unwrap_or_else(|p| p.into_inner());
        let shard = shards.entry(dir.to_owned()).or_insert_with(|| {
            let stored_for = |kind: &str| StoredFor {
                build: self.build.clone(),
                kind: kind.to_owned(),
                dir: dir.to_owned(),
            };
            Arc::new(Shard {
                findings: Part::new(stored_for("findings")),
                url_records: self
                    .with_url_records
                    .then(|| Part::new(stored_for("url-records"))),
            })
        });
        Arc::clone(shard)
    }

    fn pack(&self) -> &Pack {
        self.pack
            .get_or_init(|| Pack::open(&self.build_dir.join(store::PACK), &self.key, &self.build))
    }

    /// Finish the run: make the cache directory if there is anything to
    /// keep (mending its `.gitignore` and `CACHEDIR.TAG`), write the entry
    /// files the run changed, remove the temporary files of killed runs,
    /// then the directories of other builds that no run has written to
    /// for [`KEEP_OTHER_BUILDS`]. An error is for one warning: the run's
    /// results stand.
    pub fn finish(self) -> Result<(), CacheError> {
        let shards = std::mem::take(&mut *self.shards.lock().unwrap_or_else(|p| p.into_inner()));
        let changed = shards.values().any(|shard| shard.changed());
        if !changed && !store::is_dir(&self.dir)? {
            return Ok(());
        }
        directory::adopt(&self.dir)?;
        store::make_dir(&self.build_dir)?;
        store::keep_file(&self.build_dir, store::MARKER)?;
        // The values were encoded as they were made; what is left is a
        // MAC over each entry file, in parallel.
        let pack = self.pack();
        let sealed: io::Result<Vec<Vec<EntryFile>>> = shards
            .par_iter()
            .map(|(_, shard)| {
                let mut files = Vec::new();
                files.extend(shard.findings.sealed(pack, &self.key)?);
                if let Some(part) = &shard.url_records {
                    files.extend(part.sealed(pack, &self.key)?);
                }
                Ok(files)
            })
            .collect();
        let written = sealed.and_then(|sealed| {
            let new: Vec<_> = sealed.into_iter().flatten().collect();
            if new.is_empty() {
                return Ok(());
            }
            let path = self.build_dir.join(store::PACK);
            let keep = |dir: &str| Path::new(dir).is_dir();
            pack.write(&self.key, &self.build, &self.build_dir, &path, new, keep)
        });
        written.map_err(|source| CacheError::Write {
            dir: self.dir.clone(),
            source,
        })?;
        store::remove_abandoned(&self.dir);
        store::remove_abandoned(&self.build_dir);
        if changed {
            store::remove_old_builds(&self.dir, &self.build_dir, KEEP_OTHER_BUILDS);
        }
        Ok(())
    }
}

impl Shard {
    /// Whether the run made entries to write.
    fn changed(&self) -> bool {
        self.findings.changed() || self.url_records.as_ref().is_some_and(Part::changed)
    }
}

impl<T: Serialize + DeserializeOwned> Part<T> {
    fn new(stored_for: StoredFor) -> Self {
        Part {
            stored_for,
            known: OnceLock::new(),
            updated: Mutex::new(Vec::new()),
        }
    }

    /// The entries of the file, read from `pack` when first needed; none if
    /// it is not there, is larger than [`MAX_ENTRY_BYTES`], is not
    /// authenticated with `key`, or is for another build, kind or directory.
    fn known(&self, pack: &Pack, key: &Key) -> &HashMap<String, Entry<T>> {
        self.known.get_or_init(|| {
            let StoredFor { kind, dir, .. } = &self.stored_for;
            pack.entry_file(kind, dir, MAX_ENTRY_BYTES)
                .and_then(|file| postcard::from_bytes::<Stored<T>>(key.verified(&file)?).ok())
                .filter(|stored| stored.stored_for == self.stored_for)
                .map(|stored| stored.entries)
                .unwrap_or_default()
        })
    }

    /// The value kept for the file `name` with this text and settings.
    fn get(&self, pack: &Pack, key: &Key, name: &str, text: &str, settings: u64) -> Option<T> {
        let entry = self.known(pack, key).get(name)?;
        (entry.text == text && entry.settings == settings).then(|| entry.value.decode())?
    }

    fn put(&self, name: &str, text: &str, settings: u64, value: &T) {
        let Some(value) = Encoded::new(value) else {
            return;
        };
        let entry = Entry {
            text: text.to_owned(),
            settings,
            value,
        };
        self.updated().push((name.to_owned(), entry));
    }

    fn updated(&self) -> std::sync::MutexGuard<'_, Vec<(String, Entry<T>)>> {
        self.updated.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn changed(&self) -> bool {
        !self.updated().is_empty()
    }

    /// The file as it is to be written, if the run changed it: the entries
    /// read, with the run's over them, less those of files no longer
    /// there, authenticated with `key`.
    fn sealed(&self, pack: &Pack, key: &Key) -> io::Result<Option<EntryFile>> {
        let updated = std::mem::take(&mut *self.updated());
        if updated.is_empty() {
            return Ok(None);
        }
        let mut entries = self.known(pack, key).clone();
        entries.retain(|name, _| Path::new(&self.stored_for.dir).join(name).exists());
        entries.extend(updated);
        let stored = Stored {
            stored_for: self.stored_for.clone(),
            entries,
        };
        let body = postcard::to_stdvec(&stored).map_err(io::Error::other)?;
        let mut sealed = key.seal(Vec::with_capacity(body.len() + 128))?;
        sealed.write_all(&body)?;
        let file = sealed.finish()?;
        let StoredFor { kind, dir, .. } = &self.stored_for;
        Ok(Some(EntryFile {
            kind: kind.clone(),
            dir: dir.clone(),
            bytes: file,
        }))
    }
}

/// What tells this binary from another: its version, the hash of its
/// sources (build.rs), and the size and modification time of its
/// executable (another compiler or its options). Only to keep builds
/// apart: what makes an entry trusted is its MAC, not its build.
fn binary_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let metadata = fs::metadata(exe).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!(
        "{} {} {} {}.{:09}",
        env!("CARGO_PKG_VERSION"),
        env!("MDLINKS_SOURCE_HASH"),
        metadata.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}
