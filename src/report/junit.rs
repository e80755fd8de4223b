//! `--output-format junit`: one test suite per file, one failed test case
//! per finding (a clean file is one passing case), as ESLint's JUnit output.

use super::file_report::{FileReport, IO_ERROR, positions};
use crate::diagnostic::Severity;
use crate::span::Columns;
use std::fmt::Write;

pub fn render(out: &mut String, report: &FileReport) {
    let file = escape(&report.path.display().to_string());
    let count = report.diagnostics.len().max(1);
    // A file that could not be read is an error of the run, not a failure.
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == IO_ERROR)
        .count();
    let _ = writeln!(
        out,
        r#"  <testsuite name="{file}" tests="{count}" failures="{}" errors="{errors}" skipped="0">"#,
        report.diagnostics.len() - errors
    );
    if report.diagnostics.is_empty() {
        let _ = writeln!(out, r#"    <testcase name="mdlinks" classname="{file}"/>"#);
    }
    let lines = report.lines();
    let columns = Columns::new(report.text, &lines);
    for d in report.diagnostics {
        let (start, _) = positions(&columns, d.span);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            r#"    <testcase name="{}" classname="{file}:{}:{}">"#,
            d.rule, start.line, start.column
        );
        let element = if d.rule == IO_ERROR {
            "error"
        } else {
            "failure"
        };
        let _ = writeln!(
            out,
            r#"      <{element} message="{}" type="{}">{file}:{}:{}: {level}: {} ({})</{element}>"#,
            escape(&d.message),
            d.rule,
            start.line,
            start.column,
            escape(&d.message),
            d.rule
        );
        let _ = writeln!(out, "    </testcase>");
    }
    let _ = writeln!(out, "  </testsuite>");
}

pub fn assemble<'a>(fragments: impl Iterator<Item = &'a String>) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mdlinks\">\n");
    for fragment in fragments {
        out.push_str(fragment);
    }
    out.push_str("</testsuites>\n");
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newlines are not XML.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
