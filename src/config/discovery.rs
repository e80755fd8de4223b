//! Which settings apply to a file: `--isolated` (none), `--config FILE`, or
//! the nearest `mdlinks.toml` / `.mdlinks.toml` above the file.

use super::error::ConfigError;
use super::file::{FILE_NAMES, LoadedFile};
use super::settings::{Overrides, Settings};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Resolves and caches settings per directory and per configuration file,
/// so each file is read and validated once however many files it governs.
pub struct Resolver {
    overrides: Overrides,
    /// `--config` or `--isolated`: one set of settings for every file.
    fixed: Option<Arc<Settings>>,
    by_dir: HashMap<PathBuf, Arc<Settings>>,
    by_config: HashMap<PathBuf, Arc<Settings>>,
    defaults: Option<Arc<Settings>>,
    /// The working directory, read once.
    cwd: PathBuf,
    /// Warnings for the user, said by the command (see [`Resolver::take_warnings`]).
    warnings: Vec<String>,
}

impl Resolver {
    pub fn new(
        config: Option<&Path>,
        isolated: bool,
        overrides: Overrides,
    ) -> Result<Self, ConfigError> {
        overrides.validate()?;
        let fixed = if isolated {
            Some(Arc::new(Settings::defaults(&cwd(), &overrides)?))
        } else if let Some(path) = config {
            Some(Arc::new(Settings::from_chain(
                &LoadedFile::read_chain(path)?,
                &overrides,
            )?))
        } else {
            None
        };
        Ok(Resolver {
            overrides,
            fixed,
            by_dir: HashMap::new(),
            by_config: HashMap::new(),
            defaults: None,
            cwd: cwd(),
            warnings: Vec::new(),
        })
    }

    /// The warnings met so far, each once: the command prints them.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The settings for `path` (a file, or a directory for `mdlinks config`).
    pub fn settings_for(&mut self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let absolute = self.absolute(path);
        let dir = if absolute.is_dir() {
            absolute
        } else {
            self.parent(&absolute)
        };
        self.settings_for_dir(dir)
    }

    /// The settings for a file found by walking a directory: known to be a
    /// file, so its directory is its parent, with no call to the system.
    pub fn settings_for_file(&mut self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let dir = self.parent(&self.absolute(path));
        self.settings_for_dir(dir)
    }

    /// The directory a file is in (the working directory for a bare root).
    fn parent(&self, file: &Path) -> PathBuf {
        file.parent()
            .map_or_else(|| self.cwd.clone(), Path::to_owned)
    }

    /// `path` made absolute against the working directory read once, as
    /// `std::path::absolute` would (which asks the system for it each time).
    fn absolute(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_owned()
        } else {
            self.cwd.join(path).components().collect()
        }
    }

    /// The settings of the nearest configuration file in `dir` or above it.
    /// Every directory passed on the way is remembered, so a tree of many
    /// directories looks for configuration files once per directory, not
    /// once per directory and ancestor.
    fn settings_for_dir(&mut self, dir: PathBuf) -> Result<Arc<Settings>, ConfigError> {
        if let Some(settings) = self.by_dir.get(&dir) {
            return Ok(settings.clone());
        }
        let mut passed = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(settings) = self.by_dir.get(ancestor) {
                found = Some(settings.clone());
                break;
            }
            passed.push(ancestor.to_owned());
            if let Some(config) = config_in(ancestor) {
                found = Some(self.load(&config)?);
                break;
            }
        }
        let settings = match found {
            Some(settings) => settings,
            None => self.defaults()?,
        };
        for passed in passed {
            self.by_dir.insert(passed, settings.clone());
        }
        Ok(settings)
    }

    fn load(&mut self, config: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(settings) = self.by_config.get(config) {
            return Ok(settings.clone());
        }
        // Both names in one directory: one is silently not read, which a
        // user editing the other would never learn (said once per file).
        if let Some(dir) = config.parent() {
            for ignored in FILE_NAMES.iter().map(|name| dir.join(name)) {
                if ignored != config && ignored.is_file() {
                    self.warnings.push(format!(
                        "{} is ignored: {} is read instead",
                        ignored.display(),
                        config.display()
                    ));
                }
            }
        }
        let settings = Arc::new(Settings::from_chain(
            &LoadedFile::read_chain(config)?,
            &self.overrides,
        )?);
        self.by_config.insert(config.to_owned(), settings.clone());
        Ok(settings)
    }

    fn defaults(&mut self) -> Result<Arc<Settings>, ConfigError> {
        if let Some(settings) = &self.defaults {
            return Ok(settings.clone());
        }
        let settings = Arc::new(Settings::defaults(&cwd(), &self.overrides)?);
        self.defaults = Some(settings.clone());
        Ok(settings)
    }
}

/// The configuration file in `dir` itself, if any.
fn config_in(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}
