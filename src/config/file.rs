//! `mdlinks.toml` as written: serde types that reject unknown keys and keep
//! the spans of everything a later check may need to point at.

use super::error::ConfigError;
use super::schema;
use crate::files::FileSize;
use crate::report::OutputFormat;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file names looked for, nearest directory first, in this order.
pub const FILE_NAMES: &[&str] = &["mdlinks.toml", ".mdlinks.toml"];

/// Options of one rule: each key and value with its span.
pub type RuleTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// `mdlinks.toml` (or `.mdlinks.toml`): the configuration of mdlinks, a
/// linter and formatter of Markdown link lists.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "mdlinks.toml")]
pub struct ConfigFile {
    /// A configuration file whose settings this one inherits and overrides
    /// key by key, relative to this file's directory.
    #[schemars(with = "Option<String>")]
    pub extend: Option<Spanned<String>>,
    /// The rules to run (default: every rule enabled by default).
    #[schemars(schema_with = "schema::rule_names")]
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules to run in addition to `select`.
    #[schemars(schema_with = "schema::rule_names")]
    pub extend_select: Vec<Spanned<String>>,
    /// Rules not to run.
    #[schemars(schema_with = "schema::rule_names")]
    pub ignore: Vec<Spanned<String>>,
    /// Globs, relative to this file's directory, of files never linted when
    /// found by walking a directory.
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Glob → rules not run on the matching files.
    #[schemars(schema_with = "schema::per_file_ignores")]
    pub per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Headings whose list items are prose, not link items.
    pub prose_sections: Option<Vec<String>>,
    /// How `fix` fixes.
    pub fix: FixSection,
    /// How `check` prints findings (`--output-format` overrides it).
    #[schemars(schema_with = "schema::output_format")]
    pub output_format: Option<OutputFormat>,
    /// Warnings fail the run too (exit 1).
    pub strict: Option<bool>,
    /// `duplicate-url` across all files of a run, not only within one.
    pub cross_file: Option<bool>,
    /// Files larger than this are not read (an error names them).
    #[schemars(schema_with = "schema::file_size")]
    pub max_file_size: Option<FileSize>,
    /// `online = true`, or an `[online]` table (see `crate::online::settings`).
    #[schemars(schema_with = "schema::online")]
    pub online: Option<Spanned<toml::Value>>,
    /// `[rules.<name>]`: options and `severity` of each rule.
    #[schemars(schema_with = "schema::rules")]
    pub rules: BTreeMap<Spanned<String>, RuleTable>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FixSection {
    /// Apply unsafe fixes without `--unsafe-fixes`.
    #[serde(rename = "unsafe")]
    pub unsafe_fixes: Option<bool>,
}

/// The JSON schema of the configuration file (`mdlinks config --schema`).
pub fn json_schema() -> String {
    let schema = schema::generator().into_root_schema_for::<ConfigFile>();
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
    text.push('\n');
    text
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

    /// The file at `path` and those it extends, the most distant first:
    /// each `extend` is read relative to the directory of the file naming
    /// it. A missing file or a cycle is an error at the `extend` naming it.
    pub fn read_chain(path: &Path) -> Result<Vec<Self>, ConfigError> {
        Self::read(path)?.with_parents()
    }

    /// This file and those it extends, the most distant first (see
    /// [`LoadedFile::read_chain`]).
    pub fn with_parents(self) -> Result<Vec<Self>, ConfigError> {
        let mut seen = vec![identity(&self.path)];
        let mut chain = vec![self];
        loop {
            let child = chain.last().expect("the chain starts with a file");
            let Some(extend) = &child.config.extend else {
                break;
            };
            let target = lexically_normal(
                &child
                    .path
                    .parent()
                    .unwrap_or(Path::new(""))
                    .join(extend.get_ref()),
            );
            let id = identity(&target);
            if let Some(start) = seen.iter().position(|s| *s == id) {
                let names: Vec<String> = chain[start..]
                    .iter()
                    .map(|f| f.path.display().to_string())
                    .chain([target.display().to_string()])
                    .collect();
                return Err(ConfigError::invalid(
                    &child.path,
                    &child.source,
                    extend.span(),
                    format!("`extend` makes a cycle: {}", names.join(" → ")),
                    None,
                ));
            }
            let parent = match std::fs::read_to_string(&target) {
                Ok(source) => Self::parse(&target, source)?,
                Err(cause) => {
                    return Err(ConfigError::invalid(
                        &child.path,
                        &child.source,
                        extend.span(),
                        format!(
                            "cannot read {}, which `extend` names: {cause}",
                            target.display()
                        ),
                        Some("`extend` is relative to the directory of the file it is in".into()),
                    ));
                }
            };
            seen.push(id);
            chain.push(parent);
        }
        chain.reverse();
        Ok(chain)
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

/// What tells two paths of one file apart from two files: its canonical
/// path where it exists, else the path made absolute.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

/// `path` without `.` and with `dir/..` taken away, as written (not
/// resolving links): `sub/../mdlinks.toml` is `mdlinks.toml`, so that the
/// globs of the file it names are relative to where it is.
fn lexically_normal(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last = out.components().next_back();
                if matches!(last, Some(Component::Normal(_))) {
                    out.pop();
                } else if !matches!(last, Some(Component::RootDir | Component::Prefix(_))) {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}
