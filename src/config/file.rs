//! `mdlinks.toml` as written: serde types that reject unknown keys and keep
//! the spans of everything a later check may need to point at.

use super::error::ConfigError;
use crate::files::FileSize;
use crate::report::OutputFormat;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file names looked for, nearest directory first, in this order.
pub const FILE_NAMES: &[&str] = &["mdlinks.toml", ".mdlinks.toml"];

/// Options of one rule: each key and value with its span.
pub type RuleTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// The rules to run (default: every rule enabled by default).
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules to run in addition to `select`.
    pub extend_select: Vec<Spanned<String>>,
    /// Rules not to run.
    pub ignore: Vec<Spanned<String>>,
    /// Globs, relative to this file's directory, of files never linted when
    /// found by walking a directory.
    pub exclude: Vec<Spanned<String>>,
    /// Glob → rules not run on the matching files.
    pub per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Headings whose list items are prose, not link items.
    pub prose_sections: Option<Vec<String>>,
    pub fix: FixSection,
    pub output_format: Option<OutputFormat>,
    /// Warnings fail the run too (exit 1).
    pub strict: Option<bool>,
    /// `duplicate-url` across all files of a run, not only within one.
    pub cross_file: Option<bool>,
    /// Files larger than this are not read (an error names them).
    pub max_file_size: Option<FileSize>,
    /// `online = true`, or an `[online]` table (see `crate::online::settings`).
    pub online: Option<Spanned<toml::Value>>,
    /// `[rules.<name>]`: options and `severity` of each rule.
    pub rules: BTreeMap<Spanned<String>, RuleTable>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FixSection {
    /// Apply unsafe fixes without `--unsafe-fixes`.
    #[serde(rename = "unsafe")]
    pub unsafe_fixes: Option<bool>,
}

/// A parsed configuration file, with its text kept for error reports.
#[derive(Debug)]
pub struct LoadedFile {
    pub path: PathBuf,
    pub source: String,
    pub config: ConfigFile,
}

impl LoadedFile {
    pub fn read(path: &Path) -> Result<Self, ConfigError> {
        let source = std::fs::read_to_string(path).map_err(|cause| ConfigError::Read {
            path: path.to_owned(),
            cause,
        })?;
        Self::parse(path, source)
    }

    pub fn parse(path: &Path, source: String) -> Result<Self, ConfigError> {
        match toml::from_str::<ConfigFile>(&source) {
            Ok(config) => Ok(LoadedFile {
                path: path.to_owned(),
                source,
                config,
            }),
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                let message = err.message().trim_end().to_owned();
                Err(ConfigError::invalid(path, &source, span, message, None))
            }
        }
    }
}
