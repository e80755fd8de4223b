//! `mdlinks fix`: apply fixes in place, or show them (`--diff`, `--check`).
//! `mdlinks fix -` fixes standard input and writes the result to standard
//! output; its remaining findings go to standard error.

use super::console::Console;
use super::exit::ExitStatus;
use super::lists::Lists;
use super::online::{self, OnlineTally};
use super::plan::{Plan, overrides, resolver};
use super::tally::{Tally, plural};
use crate::cli::{FixArgs, OnlineArgs};
use crate::config::{ConfigError, Settings};
use crate::conventions::Conventions;
use crate::diagnostic::Diagnostic;
use crate::document::judge::JudgeBudget;
use crate::files::{self, FileError, Source};
use crate::fix::{FixOptions, fix_text};
use crate::linter::{LintOptions, Linted};
use crate::online::Responses;
use crate::report::{FileReport, OutputFormat, Reporter};
use crate::text::visible;
use rayon::prelude::*;
use similar::TextDiff;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What happened to one file.
#[derive(Default)]
struct FileFix {
    /// Output for this file: a diff, a "would fix" line, or remaining findings.
    rendered: String,
    /// The fixed text of standard input, which goes to standard output.
    stdout_text: Option<String>,
    applied: usize,
    /// `--show-fixes`: the fixes applied, counted by rule.
    fixes: String,
    changed: bool,
    remaining: Tally,
    /// What `--online`'s rules left unfixed.
    online: OnlineTally,
    /// Fixes that never settled: the file was left alone.
    unsettled: Option<String>,
}

pub fn run(args: &FixArgs, console: &mut Console) -> ExitStatus {
    if args.files.output.silent {
        console.silence();
    }
    if let Some(format) = args.files.output.output_format
        && shows_only(args)
        && !matches!(format, OutputFormat::Human | OutputFormat::Concise)
    {
        let flag = if args.files.diff { "--diff" } else { "--check" };
        let usage = format!(
            "`{flag}` prints text, not `--output-format {}`; `mdlinks check --output-format {0}` reports findings in it",
            format.name()
        );
        return console.config_error(&ConfigError::Usage(usage));
    }
    if !shows_only(args) {
        files::clean_up_on_interrupt();
    }
    let overrides = overrides(
        &args.files.config,
        Some(&args.files.output),
        args.unsafe_fixes,
    );
    let plan = resolver(&args.files.config, overrides).and_then(|resolver| {
        Plan::new(
            &args.files.paths,
            &args.files.input,
            resolver,
            &args.files.output,
            console,
        )
    });
    let mut plan = match plan {
        Ok(plan) => plan,
        Err(err) => return console.config_error(&err),
    };
    let reporter = plan.reporter.clone();
    let from_stdin = plan.reads_stdin();
    // Every file linted first, with the house style where it has too few
    // items of its own to tell its conventions, then fixed with its list's
    // (see `commands/lists.rs`); that first lint is the first pass of the
    // fix where the list keeps to the house style.
    // `--online`: the first pass collects every external URL, asked once
    // on the network before the fixes are made with the answers.
    // `-q` and `-s` quieten `--online`'s progress bar and summary too.
    let online_args = OnlineArgs {
        quiet: args.online.quiet || args.files.output.quiet || args.files.output.silent,
        ..args.online.clone()
    };
    let online_wanted = online::requested(&online_args, &plan.online);
    let collected: Mutex<BTreeSet<String>> = Mutex::default();
    let first = plan.run(|source: Source, settings: &Arc<Settings>| {
        // One budget of whole-document judgements for all the passes.
        let budget = JudgeBudget::for_text(&source.text);
        let linted = lint(&source.path, &source.text, settings, None, &budget, None);
        if online_wanted && online::judged_by(settings) {
            let urls = settings.linter().external_urls(&source.text);
            collected
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(urls);
        }
        Ok((source, settings.clone(), budget, linted))
    });
    plan.warn_skipped(console);
    let dir = (!args.no_cache)
        .then(|| super::plan::cache_dir(args.cache_dir.as_deref(), || plan.cache_dir.clone()));
    let (checked_online, online_failed) = online::ask_for_run(
        online_wanted,
        collected,
        &online_args,
        &plan.online,
        dir.as_deref(),
        console,
    );
    let responses = online::answers(&checked_online);
    let lists = Lists::learn(
        first
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|(_, settings, _, linted)| (settings, &linted.learned)),
    );
    let results: Vec<Result<FileFix, FileError>> = first
        .into_par_iter()
        .map(|result| {
            let (source, settings, budget, linted) = result?;
            let list = lists.of(&settings);
            let relint = responses.is_some() || linted.learned.needs_relint(&list);
            let first_pass = (!relint).then(|| {
                let mut diagnostics = linted.diagnostics;
                Diagnostic::add_evidence(&mut diagnostics, &list);
                diagnostics
            });
            let lint = |text: &str| {
                let linted = lint(
                    &source.path,
                    text,
                    &settings,
                    Some(&list),
                    &budget,
                    responses,
                );
                let mut diagnostics = linted.diagnostics;
                Diagnostic::add_evidence(&mut diagnostics, &list);
                diagnostics
            };
            fix_one(args, &reporter, &source, &settings, first_pass, lint)
        })
        .collect();

    let mut failed = false;
    let (mut applied, mut changed_files) = (0, 0);
    let mut remaining = Tally::default();
    let mut online_tally = OnlineTally::default();
    let mut fragments = Vec::new();
    let mut fixes = String::new();
    for result in results {
        match result {
            Ok(file) => {
                if let Some(text) = &file.stdout_text {
                    console.data(text.as_bytes());
                }
                fragments.push(file.rendered);
                if let Some(message) = file.unsettled {
                    console.error(message);
                    failed = true;
                }
                applied += file.applied;
                fixes.push_str(&file.fixes);
                changed_files += usize::from(file.changed);
                remaining.merge(file.remaining);
                online_tally.merge(file.online);
            }
            Err(err) => {
                // Standard input that is not text goes back out as it came
                // in: an editor filter replaces its buffer with the output.
                if let Some(bytes) = plan.unread_stdin.take().filter(|_| !shows_only(args)) {
                    console.data(&bytes);
                }
                console.error(&err);
                failed = true;
                // (A diff or a list of files is text: no machine entry.)
                if !shows_only(args) {
                    let mut rendered = String::new();
                    reporter.render_file_error(&mut rendered, &err);
                    fragments.push(rendered);
                }
            }
        }
    }

    let mut summary = summary(args, applied, changed_files, &remaining) + "\n";
    if args.files.output.quiet {
        summary.clear();
    }
    if args.files.output.show_fixes {
        summary.insert_str(0, &fixes_listing(args, applied, &fixes));
    }
    // Standard output carries the fixed text (stdin), a diff, a list of
    // files, or the findings left; the rest goes to standard error. A diff
    // or list is text whatever the configured format (a JSON array around
    // a diff was no JSON).
    if from_stdin {
        console.report_err(&reporter.assemble(&fragments));
        console.report_err(&summary);
    } else if args.files.diff {
        console.out(&fragments.concat());
        console.report_err(&summary);
    } else if args.files.check {
        console.out(&fragments.concat());
        console.out(&summary);
    } else {
        console.out(&reporter.assemble(&fragments));
        if reporter.is_for_humans() {
            console.out(&summary);
        }
    }

    if let Some(checked) = &checked_online {
        online::summarise(checked, online_tally, &online_args, console);
    }
    if failed || online_failed {
        ExitStatus::Error
    } else if remaining.failing > 0 || (shows_only(args) && changed_files > 0) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Lint `text` (of the file at `path`) as every pass of a fix does.
fn lint(
    path: &Path,
    text: &str,
    settings: &Settings,
    list: Option<&Conventions>,
    budget: &JudgeBudget,
    responses: Option<&Responses>,
) -> Linted {
    let ignored = settings.ignored_rules(path);
    let options = LintOptions {
        ignored: &ignored,
        url_records: false,
        budget: Some(budget),
        list,
        responses,
    };
    settings.linter().lint(text, &options)
}

/// Fix `source` to a fixpoint, `lint` telling each pass's findings
/// (`first_pass` the first's, where they are known).
fn fix_one(
    args: &FixArgs,
    reporter: &Reporter,
    source: &Source,
    settings: &Settings,
    mut first_pass: Option<Vec<Diagnostic>>,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
) -> Result<FileFix, FileError> {
    let path = &source.path;
    let options = FixOptions {
        unsafe_fixes: settings.unsafe_fixes,
    };
    let outcome = match fix_text(&source.text, options, |text| {
        first_pass.take().unwrap_or_else(|| lint(text))
    }) {
        Ok(outcome) => outcome,
        Err(err) => {
            return Ok(FileFix {
                stdout_text: source.stdin.then(|| source.text.clone()),
                unsettled: Some(format!("{}: {err}; file left unchanged", path.display())),
                ..FileFix::default()
            });
        }
    };
    let changed = outcome.text != source.text;
    let mut fixes = String::new();
    if args.files.output.show_fixes && outcome.applied > 0 {
        fixes.push_str(&format!("- {}:\n", visible(&path.display().to_string())));
        for (rule, count) in &outcome.applied_by_label {
            fixes.push_str(&format!("    {count} × {rule}\n"));
        }
    }
    let mut file = FileFix {
        applied: outcome.applied,
        fixes,
        changed,
        ..FileFix::default()
    };
    if args.files.diff {
        if changed {
            let name = path.display().to_string();
            let diff = TextDiff::from_lines(&source.text, &outcome.text);
            file.rendered = diff.unified_diff().header(&name, &name).to_string();
        }
        return Ok(file);
    }
    if args.files.check {
        if changed {
            file.rendered = format!(
                "Would fix {} in {}\n",
                plural(outcome.fixed, "finding", "findings"),
                path.display()
            );
        }
        return Ok(file);
    }
    if source.stdin {
        file.stdout_text = Some(outcome.text.clone());
    } else if changed {
        files::write_atomic(path, &source.text, &outcome.text)?;
    }
    file.remaining.add(&outcome.remaining, settings.strict);
    file.online.add(&outcome.remaining);
    reporter.render(
        &mut file.rendered,
        &FileReport {
            path,
            text: &outcome.text,
            diagnostics: &outcome.remaining,
            lines: None,
        },
    );
    Ok(file)
}

/// Whether the run only shows what it would fix (`--diff`, `--check`).
fn shows_only(args: &FixArgs) -> bool {
    args.files.diff || args.files.check
}

/// `--show-fixes`: the fixes applied (or, with `--diff` or `--check`,
/// that would be), by file and rule, as ruff lists them.
fn fixes_listing(args: &FixArgs, applied: usize, fixes: &str) -> String {
    let verb = if shows_only(args) {
        "Would apply"
    } else {
        "Applied"
    };
    match applied {
        0 => format!("{verb} no fixes.\n"),
        _ => format!("{verb} {}:\n{fixes}", plural(applied, "fix", "fixes")),
    }
}

fn summary(args: &FixArgs, applied: usize, changed_files: usize, remaining: &Tally) -> String {
    let verb = if shows_only(args) {
        "Would apply"
    } else {
        "Applied"
    };
    let mut summary = format!(
        "{verb} {} in {}.",
        plural(applied, "fix", "fixes"),
        plural(changed_files, "file", "files")
    );
    let left = &remaining.total;
    if left.findings > 0 {
        summary.push_str(&format!(
            " {} remaining",
            plural(left.findings, "finding", "findings")
        ));
        // As the markers of the findings shown count them: the run's own
        // fixes are done, what is left is unsafe or by hand.
        let mut parts = Vec::new();
        if left.safe > 0 {
            parts.push(format!("{} fixable [*]", left.safe));
        }
        if left.unsafe_ > 0 {
            parts.push(format!(
                "{} fixable with `mdlinks fix --unsafe-fixes`",
                left.unsafe_
            ));
        }
        if left.by_hand() > 0 && !parts.is_empty() {
            parts.push(format!("{} by hand", left.by_hand()));
        }
        if !parts.is_empty() {
            summary.push_str(&format!(" ({})", parts.join(", ")));
        }
        summary.push('.');
    }
    summary
}
