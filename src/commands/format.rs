//! `mdlinks format` (`fmt`): a formatter's contract on top of `fix`. It
//! applies the safe fixes and exits 0 whatever findings remain, so an
//! editor's format-on-save or a `format` step never fails on what only a
//! person can repair; 2 still means a file could not be read or written.
//! `--diff` and `--check` exit 1 when something would change, as `ruff
//! format --check` does.

use super::console::Console;
use super::exit::ExitStatus;
use crate::cli::{FixArgs, FormatArgs, OnlineArgs};

pub fn run(args: &FormatArgs, console: &mut Console) -> ExitStatus {
    let fix = FixArgs {
        unsafe_fixes: false,
        no_cache: false,
        cache_dir: None,
        // Formatting on save must not wait on the network (`online = true`
        // is for check and fix).
        online: OnlineArgs {
            never: true,
            ..OnlineArgs::default()
        },
        files: args.files.clone(),
    };
    let status = super::fix::run(&fix, console);
    status.exit_zero(!(args.files.diff || args.files.check))
}
