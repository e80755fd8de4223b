use clap::Parser;
use mdlinks::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    // clap exits with 2 on bad usage, as mdlinks does for any error.
    let cli = Cli::parse();
    ExitCode::from(mdlinks::commands::run(cli).code())
}

/// `mdlinks check | head` closes the pipe early; the reader wanted no more,
/// so stop quietly (as ripgrep does) instead of printing a panic.
fn quiet_on_broken_pipe() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
}
