//! `mdlinks check`: report findings, change nothing.

use super::{ExitStatus, Plan, Tally, overrides, plural, report_config_error, resolver};
use crate::cli::CheckArgs;
use crate::config::Settings;
use crate::files::Source;
use crate::report::FileReport;

pub fn run(args: &CheckArgs) -> ExitStatus {
    let plan = resolver(
        &args.config,
        overrides(&args.config, Some(&args.output), false),
    )
    .and_then(|resolver| Plan::new(&args.paths, &args.input, resolver, &args.output));
    let mut plan = match plan {
        Ok(plan) => plan,
        Err(err) => return report_config_error(&err),
    };
    let reporter = plan.reporter.clone();
    let statistics = args.statistics;
    // Each file is linted and rendered on a worker; only its output and
    // counts come back, so memory does not grow with the number of files.
    let work = |source: Source, settings: &Settings| {
        let diagnostics = settings.lint(&source.path, &source.text);
        let mut rendered = String::new();
        if !statistics {
            reporter.render(
                &mut rendered,
                &FileReport {
                    path: &source.path,
                    text: &source.text,
                    diagnostics: &diagnostics,
                },
            );
        }
        let mut tally = Tally::default();
        tally.add(&diagnostics, settings.strict);
        Ok((rendered, tally))
    };
    let results = plan.run(work);

    let mut tally = Tally::default();
    let mut fragments = Vec::with_capacity(results.len());
    let mut failed = false;
    for result in results {
        match result {
            Ok((rendered, file_tally)) => {
                fragments.push(rendered);
                tally.merge(file_tally);
            }
            Err(err) => {
                eprintln!("error: {err}");
                failed = true;
            }
        }
    }
    if statistics {
        print!("{}", tally.statistics(&reporter));
    } else {
        print!("{}", reporter.assemble(&fragments));
        if reporter.is_for_humans() {
            print_summary(&tally);
        }
    }
    if failed {
        ExitStatus::Error
    } else if tally.failing > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

fn print_summary(tally: &Tally) {
    if tally.findings == 0 {
        println!("All clean.");
        return;
    }
    let mut line = format!(
        "Found {} in {}.",
        plural(tally.findings, "finding", "findings"),
        plural(tally.files_with_findings, "file", "files")
    );
    if tally.safe_fixes > 0 {
        line.push_str(&format!(
            " {} fixable with `mdlinks fix`.",
            tally.safe_fixes
        ));
    }
    if tally.unsafe_fixes > 0 {
        line.push_str(&format!(
            " {} more with `mdlinks fix --unsafe-fixes`.",
            tally.unsafe_fixes
        ));
    }
    println!("{line}");
}
