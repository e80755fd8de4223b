//! `mdlinks check`: report findings, change nothing.

use super::console::Console;
use super::exit::ExitStatus;
use super::lists::Lists;
use super::online::{self, OnlineTally};
use super::plan::{Plan, cache_dir, overrides, resolver};
use super::show_settings::{self, ListReport};
use super::tally::Tally;
use crate::cache::Cache;
use crate::cli::{CheckArgs, ColorChoice, FixArgs, FixedFiles, OnlineArgs};
use crate::config::Settings;
use crate::conventions::Conventions;
use crate::cross_file::{CrossFileDuplicate, UrlRecord, cross_file_duplicates, diagnostic};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::files::{self, FileError, FileSize, Source};
use crate::linter::{LintOptions, Linted};
use crate::online::Responses;
use crate::report::{FileReport, Reporter, fix_marker};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub fn run(args: &CheckArgs, console: &mut Console) -> ExitStatus {
    if args.output.silent {
        console.silence();
    }
    let Some(path) = &args.output_file else {
        return check_or_fix(args, console);
    };
    // The report goes to the file, coloured only if asked to be.
    let mut args = args.clone();
    if args.output.color != Some(ColorChoice::Always) {
        args.output.color = Some(ColorChoice::Never);
        args.output.no_color = false;
    }
    console.capture();
    let status = check_or_fix(&args, console);
    let report = console.take_captured();
    match files::write_report(path, &report) {
        Ok(()) => status,
        Err(err) => {
            console.error(err);
            ExitStatus::Error
        }
    }
}

fn check_or_fix(args: &CheckArgs, console: &mut Console) -> ExitStatus {
    if args.fix || args.diff {
        return super::fix::run(&fix_args(args), console);
    }
    let plan = resolver(
        &args.config,
        overrides(&args.config, Some(&args.output), false),
    )
    .and_then(|resolver| Plan::new(&args.paths, &args.input, resolver, &args.output, console));
    let mut plan = match plan {
        Ok(plan) => plan,
        Err(err) => return console.config_error(&err),
    };
    let reporter = plan.reporter.clone();
    let statistics = args.statistics;
    let show_fixes = args.output.show_fixes && !statistics && reporter.is_for_humans();
    let cross_file = args.cross_file || plan.cross_file;
    let cache = if args.no_cache || plan.reads_stdin() {
        None
    } else {
        let dir = cache_dir(args.cache_dir.as_deref(), || plan.cache_dir.clone());
        Cache::open(&dir, cross_file).unwrap_or_else(|err| {
            console.warning(err);
            None
        })
    };
    let lint = |source: &Source,
                settings: &Settings,
                list: Option<&Conventions>,
                responses: Option<&Responses>| {
        let ignored = settings.ignored_rules(&source.path);
        let options = LintOptions {
            ignored: &ignored,
            url_records: cross_file,
            budget: None,
            list,
            responses,
        };
        settings.linter().lint(&source.text, &options)
    };
    // `--online`: the first pass collects every external URL, asked once
    // on the network before the second pass lints with the answers.
    // `-q` and `-s` quieten `--online`'s progress bar and summary too.
    let online_args = OnlineArgs {
        quiet: args.online.quiet || args.output.quiet || args.output.silent,
        ..args.online.clone()
    };
    let online_wanted = online::requested(&online_args, &plan.online);
    let collected: Mutex<BTreeSet<String>> = Mutex::default();
    // Each file is linted on a worker, with the house style where it has
    // too few items of its own to tell its conventions (see
    // `commands/lists.rs`)...
    let first = plan.run(|source: Source, settings: &Arc<Settings>| {
        let linted = match &cache {
            Some(cache) => cache.lint(&source, settings),
            None => lint(&source, settings, None, None),
        };
        if online_wanted && online::judged_by(settings) {
            let urls = settings.linter().external_urls(&source.text);
            collected
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(urls);
        }
        Ok((source, settings.clone(), linted))
    });
    plan.warn_skipped(console);
    // ... then, with its list's conventions learned from all of them,
    // linted again where they differ from that, and rendered.
    let lists = Lists::learn(
        first
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|(_, settings, linted)| (settings, &linted.learned)),
    );
    if args.show_settings {
        return show_settings(&first, &lists, console);
    }
    let dir =
        (!args.no_cache).then(|| cache_dir(args.cache_dir.as_deref(), || plan.cache_dir.clone()));
    let (checked_online, online_failed) = online::ask_for_run(
        online_wanted,
        collected,
        &online_args,
        &plan.online,
        dir.as_deref(),
        console,
    );
    let responses = online::answers(&checked_online);
    let results: Vec<Result<Checked, FileError>> = first
        .into_par_iter()
        .map(|result| {
            let (source, settings, mut linted) = result?;
            let list = lists.of(&settings);
            // (Online findings are never cached: the second pass makes them.)
            if responses.is_some() || linted.learned.needs_relint(&list) {
                linted = lint(&source, &settings, Some(&list), responses);
            }
            Diagnostic::add_evidence(&mut linted.diagnostics, &list);
            let diagnostics = linted.diagnostics;
            let mut rendered = String::new();
            if !statistics {
                reporter.render(
                    &mut rendered,
                    &FileReport {
                        path: &source.path,
                        text: &source.text,
                        diagnostics: &diagnostics,
                        lines: Some(&linted.lines),
                    },
                );
            }
            let mut tally = Tally::default();
            tally.add(&diagnostics, settings.strict);
            let fixes = match show_fixes {
                true => {
                    // As `fix` would: unsafe fixes where asked or configured.
                    let unsafe_fixes = args.unsafe_fixes || settings.unsafe_fixes;
                    fixes_to_apply(&source, &linted.lines, &diagnostics, unsafe_fixes)
                }
                false => String::new(),
            };
            let mut online = OnlineTally::default();
            online.add(&diagnostics);
            Ok(Checked {
                online,
                path: source.path,
                rendered,
                fixes,
                tally,
                records: linted.url_records,
                strict: settings.strict,
                max_file_size: settings.max_file_size,
            })
        })
        .collect();

    let mut tally = Tally::default();
    let mut checked = Vec::with_capacity(results.len());
    let mut errors = 0;
    for result in results {
        match result {
            Ok(file) => checked.push(file),
            Err(err) => {
                console.error(&err);
                errors += 1;
                let mut rendered = String::new();
                reporter.render_file_error(&mut rendered, &err);
                checked.push(Checked {
                    path: err.path().map(ToOwned::to_owned).unwrap_or_default(),
                    rendered,
                    fixes: String::new(),
                    tally: Tally::default(),
                    online: OnlineTally::default(),
                    records: Vec::new(),
                    strict: false,
                    max_file_size: files::DEFAULT_MAX_FILE_SIZE,
                });
            }
        }
    }
    let mut failed = errors > 0;
    if cross_file {
        failed |= !add_cross_file_duplicates(&mut checked, &reporter, statistics, console);
    }
    let mut fragments = Vec::with_capacity(checked.len());
    let mut fixes = String::new();
    let mut online_tally = OnlineTally::default();
    for file in checked {
        fragments.push(file.rendered);
        fixes.push_str(&file.fixes);
        tally.merge(file.tally);
        online_tally.merge(file.online);
    }
    if statistics {
        console.out(&tally.statistics(&reporter));
    } else {
        console.out(&reporter.assemble(&fragments));
        if show_fixes {
            console.out(&fixes_heading(&fixes, args.unsafe_fixes));
            console.out(&fixes);
        }
    }
    if reporter.is_for_humans() && !statistics && !args.output.quiet {
        console.out(&tally.summary(errors, args.unsafe_fixes));
    }
    if let Some(Err(err)) = cache.map(Cache::finish) {
        console.warning(err);
    }
    if let Some(checked) = &checked_online {
        online::summarise(checked, online_tally, &online_args, console);
    }
    if failed || online_failed {
        ExitStatus::Error
    } else if tally.failing > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// `check --fix` (`--diff`): `mdlinks fix` (`--diff`) with the check's
/// paths and options, as ruff's `check --fix` is its fixer. (Cross-file duplicates have no fix,
/// and fix does not look for them.)
fn fix_args(args: &CheckArgs) -> FixArgs {
    FixArgs {
        unsafe_fixes: args.unsafe_fixes,
        no_cache: args.no_cache,
        cache_dir: args.cache_dir.clone(),
        online: args.online.clone(),
        files: FixedFiles {
            paths: args.paths.clone(),
            diff: args.diff,
            check: false,
            input: args.input.clone(),
            config: args.config.clone(),
            output: args.output.clone(),
        },
    }
}

/// A file linted on its own, with its settings, in the first pass.
type FirstPass = Result<(Source, Arc<Settings>, Linted), FileError>;

/// `--show-settings`: the lists' conventions instead of the findings.
fn show_settings(first: &[FirstPass], lists: &Lists, console: &mut Console) -> ExitStatus {
    let mut reports: Vec<(Arc<Settings>, ListReport)> = Vec::new();
    let mut errors = 0;
    for result in first {
        let (source, settings, linted) = match result {
            Ok(file) => file,
            Err(err) => {
                console.error(err);
                errors += 1;
                continue;
            }
        };
        let at = match reports.iter().position(|(s, _)| Arc::ptr_eq(s, settings)) {
            Some(at) => at,
            None => {
                let report = ListReport {
                    settings,
                    files: Vec::new(),
                    conventions: lists.of(settings),
                };
                reports.push((settings.clone(), report));
                reports.len() - 1
            }
        };
        reports[at].1.files.push((&source.path, &linted.learned));
    }
    let reports: Vec<ListReport> = reports.into_iter().map(|(_, r)| r).collect();
    console.out(&show_settings::render(&reports));
    if errors > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Clean
    }
}

/// What checking one file left behind.
struct Checked {
    path: PathBuf,
    rendered: String,
    /// `--show-fixes`: the fixes `fix` would apply, a line each.
    fixes: String,
    tally: Tally,
    /// What `--online`'s rules found in it.
    online: OnlineTally,
    /// The file's link-item URLs, for --cross-file.
    records: Vec<UrlRecord>,
    strict: bool,
    /// The largest file it may be read again as.
    max_file_size: FileSize,
}

/// Report URLs that a file links although an earlier file (in path order)
/// already does. Their files are read again to show the findings; returns
/// false if one could not be.
fn add_cross_file_duplicates(
    checked: &mut [Checked],
    reporter: &Reporter,
    statistics: bool,
    console: &mut Console,
) -> bool {
    let records: Vec<Vec<UrlRecord>> = checked
        .iter_mut()
        .map(|c| std::mem::take(&mut c.records))
        .collect();
    let mut by_file: BTreeMap<usize, Vec<CrossFileDuplicate>> = BTreeMap::new();
    for dup in cross_file_duplicates(&records) {
        by_file.entry(dup.file).or_default().push(dup);
    }
    let mut ok = true;
    for (index, duplicates) in by_file {
        // Read again to show the findings, and the URLs in their messages
        // as written; statistics only count them.
        let source = match statistics {
            true => None,
            false => files::read(&checked[index].path, checked[index].max_file_size)
                .map_err(|err| {
                    console.error(err);
                    ok = false;
                })
                .ok(),
        };
        let text = source.as_ref().map_or("", |source| source.text.as_str());
        let diagnostics: Vec<Diagnostic> = duplicates
            .iter()
            .map(|dup| {
                diagnostic(
                    &records[dup.file][dup.record],
                    text,
                    &checked[dup.first_file].path,
                    &records[dup.first_file][dup.first_record],
                )
            })
            .collect();
        let file = &mut checked[index];
        file.tally.add(&diagnostics, file.strict);
        if let Some(source) = source {
            let mut extra = String::new();
            reporter.render(
                &mut extra,
                &FileReport {
                    path: &file.path,
                    text: &source.text,
                    diagnostics: &diagnostics,
                    lines: None,
                },
            );
            reporter.extend_fragment(&mut file.rendered, &extra);
        }
    }
    ok
}

/// `--show-fixes`: what precedes the list of fixes `fix` would apply.
fn fixes_heading(fixes: &str, unsafe_fixes: bool) -> String {
    let command = match unsafe_fixes {
        true => "mdlinks fix --unsafe-fixes",
        false => "mdlinks fix",
    };
    match fixes.is_empty() {
        true => format!("No fixes for `{command}` to apply.\n"),
        false => format!("Fixes `{command}` would apply:\n"),
    }
}

/// `--show-fixes`: a line for each fix of `diagnostics` that `fix` would
/// apply (safe ones, and unsafe ones with `--unsafe-fixes`), with the
/// position and marker of its finding. (Findings another's fix repairs
/// have no line: they go with that fix.)
fn fixes_to_apply(
    source: &Source,
    lines: &crate::span::LineIndex,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> String {
    let columns = crate::span::Columns::new(&source.text, lines);
    let path = crate::text::visible(&source.path.display().to_string()).into_owned();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let Some(fix) = &diagnostic.fix else {
            continue;
        };
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            continue;
        }
        let at = columns.line_col(diagnostic.span.start);
        out.push_str(&format!(
            "  {path}:{}:{}: {} {} {}\n",
            at.line,
            at.column,
            diagnostic.rule,
            fix_marker(Some(fix.applicability)),
            crate::text::visible(&fix.title)
        ));
    }
    out
}
