//! `mdlinks check`: report findings, change nothing.

use super::{ExitStatus, Tally, default_linter, for_each_file, plural, use_color};
use crate::cli::CheckArgs;
use crate::report::FileReport;
use crate::report::Reporter;

pub fn run(args: &CheckArgs) -> ExitStatus {
    let linter = default_linter();
    let reporter = Reporter::new(args.output.output_format, use_color(&args.output));
    // Each file is linted and rendered on a worker; only its output and
    // findings come back, so memory does not grow with the number of files.
    let results = for_each_file(&args.files.paths, |source| {
        let diagnostics = linter.lint(&source.text);
        let mut rendered = String::new();
        reporter.render(
            &mut rendered,
            &FileReport {
                path: &source.path,
                text: &source.text,
                diagnostics: &diagnostics,
            },
        );
        Ok((rendered, diagnostics))
    });

    let mut tally = Tally::default();
    let mut failed = false;
    for result in results {
        match result {
            Ok((rendered, diagnostics)) => {
                print!("{rendered}");
                tally.add(&diagnostics);
            }
            Err(err) => {
                eprintln!("error: {err}");
                failed = true;
            }
        }
    }
    print_summary(&tally);
    if failed {
        ExitStatus::Error
    } else if tally.findings > 0 {
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
