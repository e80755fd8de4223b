//! The files of one run, each with its settings, and running work on them
//! in parallel.

use super::console::Console;
use crate::cli::{ColorChoice, ConfigArgs, InputArgs, OutputArgs};
use crate::config::{ConfigError, Overrides, Resolver, Settings};
use crate::files::{self, FileError, Source};
use crate::report::{OutputFormat, Reporter};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The command line's overrides of the configuration.
pub(super) fn overrides(
    args: &ConfigArgs,
    output: Option<&OutputArgs>,
    unsafe_fixes: bool,
) -> Overrides {
    Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        unsafe_fixes,
        strict: args.strict,
        output_format: output.and_then(|o| o.output_format),
        max_file_size: args.max_file_size,
    }
}

pub(super) fn resolver(args: &ConfigArgs, overrides: Overrides) -> Result<Resolver, ConfigError> {
    Resolver::new(args.config.as_deref(), args.isolated, overrides)
}

/// Whether to colour: as `--color` says; by default (auto) where
/// `FORCE_COLOR` is set, else not where `NO_COLOR` is, else on a terminal.
/// As at no-color.org and force-color.org, a variable set empty counts
/// as unset.
fn use_color(args: &OutputArgs) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    match (args.no_color, args.color) {
        (true, _) | (_, Some(ColorChoice::Never)) => false,
        (_, Some(ColorChoice::Always)) => true,
        (false, None | Some(ColorChoice::Auto)) => {
            set("FORCE_COLOR") || (!set("NO_COLOR") && std::io::stdout().is_terminal())
        }
    }
}

/// Where a text to lint comes from.
enum Input {
    /// A file, and whether it was named on the command line (not met in a
    /// directory walk).
    File(PathBuf, bool),
    /// Standard input, with the name it goes by.
    Stdin(PathBuf),
}

/// The files of one run, each with the settings it is linted with.
pub(super) struct Plan {
    files: Vec<(Input, Arc<Settings>)>,
    errors: Vec<FileError>,
    /// How findings are shown, the same for every file of the run.
    pub(super) reporter: Arc<Reporter>,
    /// `cross-file = true` in the current directory's configuration.
    pub(super) cross_file: bool,
    /// Where `check` keeps its results cache by default: beside the current
    /// directory's configuration file, else in the current directory (as
    /// ruff keeps its cache at the project's root).
    pub(super) cache_dir: PathBuf,
    /// How `--online` asks the network: the current directory's `[online]`.
    pub(super) online: crate::online::OnlineSettings,
    /// Standard input as read, where it was not text (see `files::UnreadStdin`).
    pub(super) unread_stdin: Option<Vec<u8>>,
    /// Files met in a directory walk that are not UTF-8 text (binary, or
    /// another encoding): skipped with a warning, not failing the run (a
    /// `.md` picture or a Latin-1 file somewhere in a tree is no reason to
    /// exit 2). Named on the command line, such a file stays an error.
    skipped: Vec<FileError>,
}

impl Plan {
    /// Find the files under `paths`, resolve each one's settings, and drop
    /// the walked ones their configuration excludes. `-` is standard input.
    pub(super) fn new(
        paths: &[PathBuf],
        input: &InputArgs,
        mut resolver: Resolver,
        output: &OutputArgs,
        console: &mut Console,
    ) -> Result<Self, ConfigError> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        let stdin_named = input.stdin_filename.is_some();
        if paths.iter().any(|p| p.as_os_str() == "-") || (stdin_named && paths.is_empty()) {
            if paths.len() > 1 {
                return Err(ConfigError::Usage(
                    "`-` (standard input) cannot be combined with other paths".into(),
                ));
            }
            // Configuration is looked up as if the text lived at its name.
            let name = input
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            let lookup = input.stdin_filename.as_deref().unwrap_or(Path::new("-"));
            files.push((Input::Stdin(name), resolver.settings_for(lookup)?));
        } else if stdin_named {
            // Without this, the paths were linted (or fixed in place) and
            // standard input ignored: an editor piping its buffer got a
            // summary back, and the files on disk were rewritten.
            return Err(ConfigError::Usage(
                "`--stdin-filename` names standard input: give `-` or no path".into(),
            ));
        } else {
            let paths = if paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                paths.to_vec()
            };
            let (found, discovery_errors) = files::discover(&paths, &input.extensions);
            if found.is_empty() && discovery_errors.is_empty() {
                console.warning("no Markdown files found under the given paths");
            }
            errors = discovery_errors;
            for file in found {
                let settings = resolver.settings_for_file(&file.path)?;
                let named = file.explicit && !input.force_exclude;
                if named || !settings.is_excluded(&file.path) {
                    files.push((Input::File(file.path, file.explicit), settings));
                }
            }
        }
        // The output format and cross-file mode are one per run: the command
        // line's, or those configured for the current directory.
        let here = resolver.settings_for(Path::new("."))?;
        for warning in resolver.take_warnings() {
            console.warning(warning);
        }
        let format = output
            .output_format
            .or(here.output_format)
            .unwrap_or(OutputFormat::Human);
        Ok(Plan {
            files,
            errors,
            reporter: Arc::new(Reporter::new(format, use_color(output))),
            cross_file: here.cross_file,
            online: here.online.clone(),
            cache_dir: here
                .config_path
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or(Path::new(""))
                .join(crate::cache::DEFAULT_DIR),
            unread_stdin: None,
            skipped: Vec::new(),
        })
    }

    /// Whether the run reads standard input (and so, for `fix`, writes the
    /// fixed text to standard output, and nothing else).
    pub(super) fn reads_stdin(&self) -> bool {
        self.files
            .iter()
            .any(|(input, _)| matches!(input, Input::Stdin(_)))
    }

    /// Run `work` on every file in parallel; results come back in path
    /// order, whatever the thread timing, after the discovery errors.
    pub(super) fn run<T, F>(&mut self, work: F) -> Vec<Result<T, FileError>>
    where
        T: Send,
        F: Fn(Source, &Arc<Settings>) -> Result<T, FileError> + Sync,
    {
        if let [(Input::Stdin(name), settings)] = self.files.as_slice() {
            // Standard input is never read with other files (see `new`).
            let result = match files::read_stdin(name, settings.max_file_size) {
                Ok(source) => work(source, settings),
                Err(unread) => {
                    self.unread_stdin = unread.bytes;
                    Err(unread.error)
                }
            };
            return vec![result];
        }
        let results: Vec<Result<T, FileError>> = self
            .files
            .par_iter()
            .map(|(input, settings)| {
                let source = match input {
                    Input::File(path, _) => files::read(path, settings.max_file_size),
                    Input::Stdin(name) => files::read_stdin(name, settings.max_file_size)
                        .map_err(|unread| unread.error),
                };
                source.and_then(|source| work(source, settings))
            })
            .collect();
        let mut kept = Vec::with_capacity(results.len() + self.errors.len());
        kept.extend(std::mem::take(&mut self.errors).into_iter().map(Err));
        for ((input, _), result) in self.files.iter().zip(results) {
            match result {
                Err(error) if matches!(input, Input::File(_, false)) && error.is_not_text() => {
                    self.skipped.push(error);
                }
                result => kept.push(result),
            }
        }
        kept
    }

    /// Warn of the walked files skipped as not UTF-8 text (see `skipped`).
    pub(super) fn warn_skipped(&mut self, console: &mut Console) {
        for error in self.skipped.drain(..) {
            console.warning(format_args!("{error}; skipped"));
        }
    }
}

/// `--cache-dir`, else `MDLINKS_CACHE_DIR` unless empty (set empty, as
/// people do to unset a variable, it is not a directory named ""), else
/// beside the configuration. `mdlinks clean` finds it the same way.
pub(super) fn cache_dir(flag: Option<&Path>, beside_config: impl FnOnce() -> PathBuf) -> PathBuf {
    flag.map(Path::to_owned)
        .or_else(|| {
            std::env::var_os("MDLINKS_CACHE_DIR")
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(beside_config)
}
