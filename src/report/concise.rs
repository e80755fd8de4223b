//! `path:line:col: rule [*] message`, one line per finding, for editors and grep
//! (`[*]`, `[-]`: see `file_report::fix_marker`; `warning:` before the rule
//! of a warning, as in the human report).

use super::file_report::{FileReport, fix_marker, one_line};
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
    // Control characters in file names and text are shown escaped.
    let path = visible(&report.path.display().to_string()).into_owned();
    for diagnostic in report.diagnostics {
        let at = columns.line_col(diagnostic.span.start);
        // Also where another finding's fix repairs this one.
        let marker = fix_marker(diagnostic.fix_applicability());
        let fixable = if marker.is_empty() { "" } else { " " };
        let warning = match diagnostic.severity {
            Severity::Warning => "warning: ",
            Severity::Error => "",
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {warning}{}{fixable}{marker} {}",
            path,
            at.line,
            at.column,
            diagnostic.rule,
            visible(&one_line(&diagnostic.message))
        );
    }
}
