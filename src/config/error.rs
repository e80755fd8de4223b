//! What can be wrong with a configuration or the command line's overrides.

use miette::{NamedSource, SourceSpan};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Everything that can be wrong with a configuration, with the place in the
/// TOML source where it is, for miette to show.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    // (`cause`, not `source`: as an error source, miette showed it twice.)
    #[error("cannot read configuration {}: {cause}", .path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidConfig>),
    #[error("{0}")]
    Usage(String),
    #[error("unknown rule `{name}` in {flag}")]
    UnknownCliRule {
        name: String,
        flag: &'static str,
        #[help]
        help: String,
    },
}

/// A mistake at a known place of a configuration file.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("invalid configuration in {path}: {message}")]
pub struct InvalidConfig {
    path: String,
    message: String,
    #[source_code]
    source_code: NamedSource<String>,
    #[label("{message}")]
    span: SourceSpan,
    #[help]
    help: Option<String>,
}

impl ConfigError {
    pub(crate) fn invalid(
        path: &Path,
        source: &str,
        span: Range<usize>,
        message: String,
        help: Option<String>,
    ) -> Self {
        let name = path.display().to_string();
        ConfigError::Invalid(Box::new(InvalidConfig {
            path: name.clone(),
            message,
            source_code: NamedSource::new(name, source.to_owned()),
            span: span.into(),
            help,
        }))
    }
}
