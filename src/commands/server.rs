//! `mdlinks server`: the language server, until the editor stops it.

use super::console::Console;
use super::exit::ExitStatus;
use crate::server::{self, ServerError};

pub(super) fn run(console: &mut Console) -> ExitStatus {
    match server::run() {
        Ok(()) => ExitStatus::Clean,
        // The protocol's exit code for `exit` without `shutdown` is 1.
        Err(ServerError::ExitWithoutShutdown) => ExitStatus::Findings,
        Err(err) => {
            console.error(err);
            ExitStatus::Error
        }
    }
}
