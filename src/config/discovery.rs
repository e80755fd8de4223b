//! Which settings apply to a file: `--isolated` (none), `--config FILE`, or
//! the nearest `mdlinks.toml` / `.mdlinks.toml` above the file.

use super::file::{FILE_NAMES, LoadedFile};
use super::{ConfigError, Overrides, Settings};
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
            Some(Arc::new(Settings::from_file(
                &LoadedFile::read(path)?,
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
        })
    }

    /// The settings for `path` (a file, or a directory for `mdlinks config`).
    pub fn settings_for(&mut self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        let dir = if absolute.is_dir() {
            absolute
        } else {
            absolute.parent().map_or_else(cwd, Path::to_owned)
        };
        if let Some(settings) = self.by_dir.get(&dir) {
            return Ok(settings.clone());
        }
        let settings = match nearest_config(&dir) {
            Some(config) => self.load(&config)?,
            None => self.defaults()?,
        };
        self.by_dir.insert(dir, settings.clone());
        Ok(settings)
    }

    fn load(&mut self, config: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(settings) = self.by_config.get(config) {
            return Ok(settings.clone());
        }
        let settings = Arc::new(Settings::from_file(
            &LoadedFile::read(config)?,
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

/// The nearest configuration file in `dir` or above it, up to the root.
fn nearest_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |name| d.join(name)))
        .find(|candidate| candidate.is_file())
}

fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}
