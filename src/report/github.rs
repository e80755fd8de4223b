//! `--output-format github`: GitHub Actions workflow commands, which the
//! runner turns into annotations on the pull request's diff.

use super::file_report::{FileReport, positions};
use crate::diagnostic::Severity;
use crate::span::Columns;
use crate::text::visible;
use std::fmt::Write;

pub fn render(out: &mut String, report: &FileReport) {
    if report.diagnostics.is_empty() {
        return;
    }
    let lines = report.lines();
    let columns = Columns::new(report.text, &lines);
    let file = escape_property(&report.path.display().to_string());
    for d in report.diagnostics {
        let (start, end) = positions(&columns, d.span);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "::{level} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("mdlinks({})", d.rule)),
            escape_data(&d.message),
        );
    }
}

/// Workflow command data: `%`, CR and LF are escaped, and other control
/// characters shown escaped (the log shows escape sequences as colours).
fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    visible(&escaped).into_owned()
}

/// Property values also escape `:` and `,`, which delimit properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_workflow_commands_reserve() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
