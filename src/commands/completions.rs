//! `mdlinks completions <shell>`: the shell's completion script, made by
//! clap_complete from the same definitions clap parses with, so that it
//! never falls behind a new flag.

use super::console::Console;
use super::exit::ExitStatus;
use crate::cli::{Cli, CompletionsArgs};
use clap::CommandFactory;

pub fn run(args: &CompletionsArgs, console: &mut Console) -> ExitStatus {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "mdlinks", &mut script);
    console.data(&script);
    ExitStatus::Clean
}
