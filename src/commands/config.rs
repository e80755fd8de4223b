//! `mdlinks config`: the effective configuration for the current directory.

use super::console::Console;
use super::exit::ExitStatus;
use super::plan::{overrides, resolver};
use crate::cli::ConfigCommandArgs;
use std::path::Path;

pub fn run(args: &ConfigCommandArgs, console: &mut Console) -> ExitStatus {
    if args.schema {
        console.out(&crate::config::config_schema());
        return ExitStatus::Clean;
    }
    let args = &args.config;
    let settings = resolver(args, overrides(args, None, false)).and_then(|mut r| {
        let settings = r.settings_for(Path::new("."));
        for warning in r.take_warnings() {
            console.warning(warning);
        }
        settings
    });
    match settings {
        Ok(settings) => {
            console.out(&settings.to_toml());
            ExitStatus::Clean
        }
        Err(err) => console.config_error(&err),
    }
}
