//! `mdlinks config`: the effective configuration for the current directory.

use super::{ExitStatus, overrides, report_config_error, resolver};
use crate::cli::ConfigArgs;
use std::path::Path;

pub fn run(args: &ConfigArgs) -> ExitStatus {
    let settings = resolver(args, overrides(args, None, false))
        .and_then(|mut r| r.settings_for(Path::new(".")));
    match settings {
        Ok(settings) => {
            print!("{}", settings.to_toml());
            ExitStatus::Clean
        }
        Err(err) => report_config_error(&err),
    }
}
