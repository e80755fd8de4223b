//! `mdlinks fix`: apply fixes in place, or show them (`--diff`, `--check`).

use super::{ExitStatus, Plan, Tally, overrides, plural, report_config_error, resolver};
use crate::cli::FixArgs;
use crate::config::Settings;
use crate::files::{self, FileError, Source};
use crate::fix::FixOptions;
use crate::report::FileReport;
use similar::TextDiff;

/// What happened to one file.
struct FileFix {
    /// Output for this file: a diff, a "would fix" line, or remaining findings.
    rendered: String,
    applied: usize,
    changed: bool,
    remaining: Tally,
    /// Fixes that never settled: the file was left alone.
    unsettled: Option<String>,
}

pub fn run(args: &FixArgs) -> ExitStatus {
    let overrides = overrides(&args.config, Some(&args.output), args.unsafe_fixes);
    let plan = resolver(&args.config, overrides)
        .and_then(|resolver| Plan::new(&args.paths, resolver, &args.output));
    let mut plan = match plan {
        Ok(plan) => plan,
        Err(err) => return report_config_error(&err),
    };
    let reporter = plan.reporter.clone();
    let work = |source: Source, settings: &Settings| {
        let path = &source.path;
        let options = FixOptions {
            unsafe_fixes: settings.unsafe_fixes,
        };
        let lint = |text: &str| settings.lint(path, text);
        let outcome = match crate::fix::fix_text(&source.text, options, lint) {
            Ok(outcome) => outcome,
            Err(err) => {
                return Ok(FileFix {
                    rendered: String::new(),
                    applied: 0,
                    changed: false,
                    remaining: Tally::default(),
                    unsettled: Some(format!("{}: {err}; file left unchanged", path.display())),
                });
            }
        };
        let changed = outcome.text != source.text;
        let mut rendered = String::new();
        if changed {
            if args.diff {
                let name = path.display().to_string();
                let diff = TextDiff::from_lines(&source.text, &outcome.text);
                rendered.push_str(&diff.unified_diff().header(&name, &name).to_string());
            } else if args.check {
                rendered.push_str(&format!(
                    "Would fix {} in {}\n",
                    plural(outcome.applied, "finding", "findings"),
                    path.display()
                ));
            } else {
                files::write_atomic(path, &source.text, &outcome.text)?;
            }
        }
        let mut remaining = Tally::default();
        if !args.diff && !args.check {
            remaining.add(&outcome.remaining, settings.strict);
            reporter.render(
                &mut rendered,
                &FileReport {
                    path,
                    text: &outcome.text,
                    diagnostics: &outcome.remaining,
                },
            );
        }
        Ok::<_, FileError>(FileFix {
            rendered,
            applied: outcome.applied,
            changed,
            remaining,
            unsettled: None,
        })
    };
    let results = plan.run(work);

    let mut failed = false;
    let (mut applied, mut changed_files) = (0, 0);
    let mut remaining = Tally::default();
    for result in results {
        match result {
            Ok(file) => {
                print!("{}", file.rendered);
                if let Some(message) = file.unsettled {
                    eprintln!("error: {message}");
                    failed = true;
                }
                applied += file.applied;
                changed_files += usize::from(file.changed);
                remaining.merge(file.remaining);
            }
            Err(err) => {
                eprintln!("error: {err}");
                failed = true;
            }
        }
    }

    let verb = if args.diff || args.check {
        "Would apply"
    } else {
        "Applied"
    };
    let mut summary = format!(
        "{verb} {} in {}.",
        plural(applied, "fix", "fixes"),
        plural(changed_files, "file", "files")
    );
    if remaining.findings > 0 {
        summary.push_str(&format!(
            " {} remaining",
            plural(remaining.findings, "finding", "findings")
        ));
        if remaining.unsafe_fixes > 0 {
            summary.push_str(&format!(
                " ({} fixable with --unsafe-fixes)",
                remaining.unsafe_fixes
            ));
        }
        summary.push('.');
    }
    if args.diff {
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }

    if failed {
        ExitStatus::Error
    } else if remaining.failing > 0 || ((args.diff || args.check) && changed_files > 0) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}
