//! `path:line:col: rule message`, one line per finding, for editors and grep.

use super::file_report::FileReport;
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
        let fixable = match diagnostic.fix_applicability() {
            Some(_) => " [*]",
            None => "",
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {}{fixable} {}",
            path,
            at.line,
            at.column,
            diagnostic.rule,
            visible(&one_line(&diagnostic.message))
        );
    }
}

/// A message on one line: a title quoted across a line break made one
/// finding two lines, which an editor or grep reads as two.
fn one_line(message: &str) -> std::borrow::Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        message
            .replace("\r\n", "\\n")
            .replace(['\n', '\r'], "\\n")
            .into()
    } else {
        message.into()
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn a_message_stays_on_one_line() {
        assert_eq!(one_line("title `a\nb`"), "title `a\\nb`");
        assert_eq!(one_line("title `a\r\nb\rc`"), "title `a\\nb\\nc`");
        assert_eq!(one_line("plain"), "plain");
    }
}
