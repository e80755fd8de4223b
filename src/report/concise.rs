//! `path:line:col: rule message`, one line per finding, for editors and grep.

use super::FileReport;
use crate::span::Columns;
use std::fmt::Write;

pub fn render(out: &mut String, report: &FileReport) {
    if report.diagnostics.is_empty() {
        return;
    }
    let lines = report.lines();
    let columns = Columns::new(report.text, &lines);
    for diagnostic in report.diagnostics {
        let at = columns.line_col(diagnostic.span.start);
        // Also where another finding's fix repairs this one.
        let fixable = match diagnostic.fix_applicability() {
            Some(_) => " [*]",
            None => "",
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {}{fixable} {}",
            report.path.display(),
            at.line,
            at.column,
            diagnostic.rule,
            diagnostic.message
        );
    }
}
