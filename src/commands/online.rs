//! `--online` in `check` and `fix`: the URLs the first pass collected are
//! asked on the network (`crate::online`), and the second pass lints with
//! what they answered. The notes on standard error are here: the line
//! that says the network is down, and the summary.

use super::console::Console;
use super::tally::plural;
use crate::cache::{self, side_file};
use crate::cli::OnlineArgs;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::online::cache::ResultsCache;
use crate::online::{self, Checked, OnlineSettings, Responses};
use crate::rules::{dead_link, moved_link};
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Mutex;

/// Whether the run asks the network: `--online`, `--online-strict`, or
/// `online = true` in the current directory's configuration (never for
/// `format`).
pub(super) fn requested(args: &OnlineArgs, settings: &OnlineSettings) -> bool {
    !args.never && (args.online || args.online_strict || settings.enabled)
}

/// Ask the network about `urls`, with the results cache in `cache_dir`
/// unless `None`. Says on standard error if the network is down; returns
/// the results and whether that fails the run (`--online-strict`).
pub(super) fn ask(
    urls: BTreeSet<String>,
    args: &OnlineArgs,
    settings: &OnlineSettings,
    cache_dir: Option<&Path>,
    console: &mut Console,
) -> (Checked, bool) {
    let progress = !args.quiet && std::io::stderr().is_terminal();
    let cache = cache_dir.map(|dir| {
        let stored = side_file::read(dir, cache::ONLINE, online::cache::MAX_BYTES);
        ResultsCache::from_stored(stored.as_deref(), settings.cache_max_age)
    });
    let mut checked = online::check(urls, settings, cache, progress);
    let to_keep = checked.cache.take().and_then(ResultsCache::into_stored);
    if let (Some(dir), Some(body)) = (cache_dir, to_keep)
        && let Err(err) = side_file::write(dir, cache::ONLINE, &body)
    {
        console.warning(format!("online results: {err}"));
    }
    let mut failed = false;
    if let Some(why) = &checked.offline {
        console.err(&format!(
            "mdlinks: --online: the network seems unreachable ({why}): links were not checked online, the other rules ran\n"
        ));
        failed = args.online_strict;
    }
    (checked, failed)
}

/// A run's answers from the network, where it asks (`wanted`): `urls`,
/// the URLs its files link, asked as [`ask`] asks them; and whether that
/// fails the run.
pub(super) fn ask_for_run(
    wanted: bool,
    urls: Mutex<BTreeSet<String>>,
    args: &OnlineArgs,
    settings: &OnlineSettings,
    cache_dir: Option<&Path>,
    console: &mut Console,
) -> (Option<Checked>, bool) {
    if !wanted {
        return (None, false);
    }
    let urls = urls.into_inner().unwrap_or_else(|e| e.into_inner());
    let (checked, failed) = ask(urls, args, settings, cache_dir, console);
    (Some(checked), failed)
}

/// The answers for the second pass: none where there are none (nothing
/// was asked, or the network was down), and that pass finds no more than
/// the first.
pub(super) fn answers(checked: &Option<Checked>) -> Option<&Responses> {
    checked
        .as_ref()
        .map(|checked| &checked.responses)
        .filter(|responses| !responses.is_empty())
}

/// What the online rules found, for the summary.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct OnlineTally {
    dead: usize,
    moved: usize,
    warnings: usize,
}

impl OnlineTally {
    pub(super) fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let online = d.rule == dead_link::META.name || d.rule == moved_link::META.name;
            if !online {
                continue;
            }
            if d.severity == Severity::Warning {
                self.warnings += 1;
            } else if d.rule == dead_link::META.name {
                self.dead += 1;
            } else {
                self.moved += 1;
            }
        }
    }

    pub(super) fn merge(&mut self, other: OnlineTally) {
        self.dead += other.dead;
        self.moved += other.moved;
        self.warnings += other.warnings;
    }
}

/// `online: 1,204 URLs (1,100 from the cache), 3 dead, 12 moved, 5
/// warnings, in 4.2 s`, on standard error unless `--quiet`.
pub(super) fn summarise(
    checked: &Checked,
    tally: OnlineTally,
    args: &OnlineArgs,
    console: &mut Console,
) {
    if args.quiet {
        return;
    }
    let done = checked.asked + checked.from_cache;
    let checked_of = match checked.offline {
        Some(_) => format!("{done} of {}", plural(checked.urls, "URL", "URLs")),
        None => plural(done, "URL", "URLs"),
    };
    let mut line = format!(
        "online: {checked_of} checked ({} from the cache",
        checked.from_cache
    );
    if checked.excluded > 0 {
        line.push_str(&format!(", {} excluded", checked.excluded));
    }
    line.push_str(&format!(
        "), {} dead, {} moved, {}, in {:.1} s\n",
        tally.dead,
        tally.moved,
        plural(tally.warnings, "warning", "warnings"),
        checked.elapsed.as_secs_f64()
    ));
    console.err(&line);
}

/// Whether a file's settings run a rule that judges its links by what
/// they answer: its URLs are asked only then.
pub(super) fn judged_by(settings: &Settings) -> bool {
    settings.runs(dead_link::META.name) || settings.runs(moved_link::META.name)
}
