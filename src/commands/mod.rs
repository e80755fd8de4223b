//! What each subcommand does, given its parsed arguments. Everything here
//! returns an [`ExitStatus`]; `main` only maps it to the process exit code.

use crate::cli::{Cli, Command};

mod check;
mod clean;
mod completions;
mod config;
mod console;
mod exit;
mod fix;
mod format;
mod init;
mod lists;
mod online;
mod plan;
mod rules;
mod server;
mod show_settings;
mod tally;

use console::Console;
pub use exit::ExitStatus;

pub fn run(cli: Cli) -> ExitStatus {
    let mut console = Console::default();
    let status = match cli.command {
        Command::Check(args) => check::run(&args, &mut console).exit_zero(args.exit_zero),
        Command::Fix(args) => fix::run(&args, &mut console),
        Command::Format(args) => format::run(&args, &mut console),
        Command::Rules(args) => rules::list(&args, &mut console),
        Command::Explain(args) => rules::explain(&args, &mut console),
        Command::Config(args) => config::run(&args, &mut console),
        Command::Init(args) => init::run(&args, &mut console),
        Command::Completions(args) => completions::run(&args, &mut console),
        Command::Clean(args) => clean::run(&args, &mut console),
        Command::Server => server::run(&mut console),
    };
    console.finish(status)
}
