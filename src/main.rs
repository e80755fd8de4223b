use clap::Parser;
use mdlinks::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap exits with 2 on bad usage, as mdlinks does for any error.
    let cli = Cli::parse();
    ExitCode::from(mdlinks::commands::run(cli).code())
}
