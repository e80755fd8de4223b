//! Command-line definitions (clap derive) and nothing else.

use crate::files::FileSize;
use crate::report::OutputFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "mdlinks",
    version,
    about = "Lint and fix curated Markdown link lists",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report departures from house style (exit 1 if any)
    Check(CheckArgs),
    /// Apply fixes in place (exit 1 if anything remains unfixed)
    Fix(FixArgs),
    /// Apply safe fixes as `fix` does; exit 0 unless a file cannot be read or written
    #[command(visible_alias = "fmt")]
    Format(FormatArgs),
    /// List the rules, their default state, fixes and options
    Rules(RulesArgs),
    /// Print a rule's documentation
    Explain(ExplainArgs),
    /// Print the effective configuration for the current directory as TOML
    /// (or, with `--schema`, the JSON schema of mdlinks.toml)
    Config(ConfigCommandArgs),
    /// Write an mdlinks.toml for the list in a directory, with the
    /// conventions learned from it as explicit settings
    Init(InitArgs),
    /// Print a shell's completion script for mdlinks
    Completions(CompletionsArgs),
    /// Remove the results cache of `check`
    Clean(CleanArgs),
    /// Run a language server on standard input and output, for editors
    Server,
}

#[derive(Debug, Args)]
pub struct ConfigCommandArgs {
    /// Print the JSON schema of mdlinks.toml instead, for editors
    #[arg(long)]
    pub schema: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory of the list (default: the current directory)
    pub path: Option<PathBuf>,
    /// Overwrite an existing mdlinks.toml
    #[arg(long)]
    pub force: bool,
    /// Print the configuration instead of writing it
    #[arg(long)]
    pub stdout: bool,
    /// More file extensions to take when walking the directory (besides md, markdown)
    #[arg(long = "extension", value_delimiter = ',', value_name = "EXT")]
    pub extensions: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The results cache to remove (default: MDLINKS_CACHE_DIR, else
    /// .mdlinks_cache beside the configuration file, else in the current
    /// directory), as `check` finds it
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files or directories (default: the current directory); `-` reads standard input
    pub paths: Vec<PathBuf>,
    /// Print the number of findings per rule instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// Also report URLs linked by link items of two different files
    #[arg(long)]
    pub cross_file: bool,
    /// Print the conventions learned from each list (marker, nesting,
    /// separator, description start and end), from how many items, and
    /// how to override them, instead of the findings
    #[arg(long, conflicts_with = "statistics")]
    pub show_settings: bool,
    /// Lint every file afresh: neither read nor write the results cache
    #[arg(long, env = "MDLINKS_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,
    /// Where to keep the results cache (default: MDLINKS_CACHE_DIR, else
    /// .mdlinks_cache beside the configuration file, else in the current
    /// directory)
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Apply fixes, as `mdlinks fix` does, instead of only reporting
    #[arg(long, conflicts_with_all = ["statistics", "show_settings"])]
    pub fix: bool,
    /// Print the fixes as a unified diff, write nothing (as `fix --diff`;
    /// exit 1 if anything would change)
    #[arg(long, conflicts_with_all = ["fix", "statistics", "show_settings"])]
    pub diff: bool,
    /// With `--fix`, also apply unsafe fixes (they may change meaning);
    /// without it, count them as fixable in the summary
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Exit 0 even when there are findings (still 2 on errors)
    #[arg(long)]
    pub exit_zero: bool,
    /// Write the report to this file instead of standard output (whole or
    /// not at all)
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    #[command(flatten)]
    pub online: OnlineArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How files are found and named.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The name of standard input, for configuration lookup and messages
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// More file extensions to take when walking directories (besides md, markdown)
    #[arg(long = "extension", value_delimiter = ',', value_name = "EXT")]
    pub extensions: Vec<String>,
    /// Apply `exclude` to files named on the command line too (as pre-commit
    /// names every file it checks)
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Also apply unsafe fixes (they may change meaning)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// With `--online`: ask the network afresh, neither read nor write its
    /// results cache
    #[arg(long, env = "MDLINKS_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,
    /// Where the results cache is (as for `check`)
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    #[command(flatten)]
    pub online: OnlineArgs,
    #[command(flatten)]
    pub files: FixedFiles,
}

/// `--online`: links asked on the network.
#[derive(Debug, Clone, Default, Args)]
pub struct OnlineArgs {
    /// Ask every external URL on the network, once: dead and moved links
    /// (`dead-link`, `moved-link`; settings in `[online]`)
    #[arg(long)]
    pub online: bool,
    /// As `--online`, and exit 2 if the network cannot be reached
    #[arg(long)]
    pub online_strict: bool,
    /// No progress bar or summary line of `--online` on standard error:
    /// `-q`/`-s` of the command (`OutputArgs`).
    #[arg(skip)]
    pub quiet: bool,
    /// Never online, whatever the configuration says: `format`, which
    /// editors run on every save.
    #[arg(skip)]
    pub never: bool,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    #[command(flatten)]
    pub files: FixedFiles,
}

/// What `fix` and `format` fix, and whether they write it.
#[derive(Debug, Clone, Args)]
pub struct FixedFiles {
    /// Files or directories (default: the current directory); `-` reads
    /// standard input and writes the result to standard output
    pub paths: Vec<PathBuf>,
    /// Print a unified diff instead of writing (exit 1 if anything would change)
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,
    /// Write nothing; list the files that would change (exit 1 if any)
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Where configuration comes from, and what the command line overrides.
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Use this configuration file for every file (no discovery)
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files
    #[arg(long)]
    pub isolated: bool,
    /// Run only these rules (comma-separated; replaces `select`; `ALL`: every rule)
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = rule_name)]
    pub select: Option<Vec<String>>,
    /// Run these rules too (comma-separated; `ALL`: every rule)
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = rule_name)]
    pub extend_select: Vec<String>,
    /// Do not run these rules (comma-separated; `ALL`: none)
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = rule_name)]
    pub ignore: Vec<String>,
    /// Warnings fail the run too (exit 1)
    #[arg(long)]
    pub strict: bool,
    /// Skip files larger than this, with an error (bytes, or with a unit:
    /// 4MiB; default: `max-file-size` in mdlinks.toml, else 1MiB)
    #[arg(long, value_name = "SIZE")]
    pub max_file_size: Option<FileSize>,
}

#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// How to print findings (default: `output-format` in mdlinks.toml, else human)
    #[arg(long, value_enum)]
    pub output_format: Option<OutputFormat>,
    /// Whether to colour the output: auto colours a terminal, unless
    /// NO_COLOR is set (FORCE_COLOR colours a pipe too)
    #[arg(long, value_enum, value_name = "WHEN", conflicts_with = "no_color")]
    pub color: Option<ColorChoice>,
    /// Never colour the output (the same as `--color never`)
    #[arg(long)]
    pub no_color: bool,
    /// After the findings, list the fixes: those `fix` would apply (check)
    /// or applied (fix, format)
    #[arg(long)]
    pub show_fixes: bool,
    /// Print the findings only: no summary line
    #[arg(short, long, conflicts_with = "silent")]
    pub quiet: bool,
    /// Print nothing on standard output (the exit code tells the result;
    /// errors still go to standard error, and `fix -` still writes the
    /// fixed text)
    #[arg(short, long)]
    pub silent: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule name, as `mdlinks rules` lists them
    pub rule: String,
}

/// One name of a comma-separated list of rules, as written around the
/// commas: `--select "a, b"` means `a` and `b`.
fn rule_name(name: &str) -> Result<String, std::convert::Infallible> {
    Ok(name.trim().to_owned())
}
