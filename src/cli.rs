//! Command-line definitions (clap derive) and nothing else.

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
    /// List the rules
    Rules(RulesArgs),
    /// Print a rule's documentation
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
pub struct FileArgs {
    /// Files or directories (default: the current directory)
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub files: FileArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub files: FileArgs,
    /// Also apply unsafe fixes (they may change meaning)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff instead of writing (exit 1 if anything would change)
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,
    /// Write nothing; list the files that would change (exit 1 if any)
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// How to print findings
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub output_format: OutputFormat,
    /// Never colour the output (also: the NO_COLOR environment variable)
    #[arg(long)]
    pub no_color: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Source excerpts with the span underlined and the fix as `help:`
    Human,
    /// `path:line:col: rule message`, one line each
    Concise,
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
