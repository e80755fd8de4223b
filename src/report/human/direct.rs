//! miette's graphical excerpt for the common case, written directly: no
//! colour, a finding within one line of printable ASCII. miette lays a
//! report out a character at a time, measuring the width of each, several
//! times over: 45,000 instructions a finding, where this takes a few
//! hundred. The output is miette's, byte for byte (`tests/it/human_layout.rs`
//! renders findings both ways, the corpus's included); an excerpt outside
//! this case goes to miette.

use super::excerpt::Excerpt;
use crate::span::Span;

/// An excerpt as [`render`] takes it.
pub(super) struct Plain<'a> {
    /// The finding, within the excerpt.
    pub label: Span,
    pub source: &'a Excerpt<'a>,
}

impl Plain<'_> {
    /// Whether this is an excerpt [`render`] lays out as miette would: one
    /// line of printable ASCII (every character one column wide, no tab to
    /// expand; miette shows no line at all for an empty one).
    pub fn fits(&self) -> bool {
        let line = &*self.source.text;
        self.source.line_count == 1
            && !line.is_empty()
            && line.bytes().all(|b| (b' '..=b'~').contains(&b))
            && self.source.span().contains(self.label)
    }
}

/// Append the excerpt to `out`. Only for one that [`Plain::fits`].
pub(super) fn render(out: &mut String, report: &Plain) {
    let source = report.source;
    // The excerpt's line, numbered, in a box.
    let number = (source.line + 1).to_string();
    let width = number.len();
    spaces(out, width + 2);
    push_all(out, &["╭────\n ", &number, " │ "]);
    out.push_str(&source.text);
    out.push('\n');

    // The underline: one `─` a column, a `▲` for an empty span; none for
    // an empty span at the end of the line, as miette finds it on no line.
    let start = report.label.start - source.offset;
    if !(report.label.is_empty() && start == source.text.len()) {
        out.push(' ');
        spaces(out, width);
        out.push_str(" · ");
        spaces(out, start);
        if report.label.is_empty() {
            out.push('▲');
        } else {
            for _ in 0..report.label.len() {
                out.push('─');
            }
        }
        out.push('\n');
    }
    spaces(out, width + 2);
    out.push_str("╰────\n");
}

fn push_all(out: &mut String, pieces: &[&str]) {
    for piece in pieces {
        out.push_str(piece);
    }
}

fn spaces(out: &mut String, count: usize) {
    out.extend(std::iter::repeat_n(' ', count));
}

#[cfg(test)]
mod tests {
    use super::super::HumanReporter;
    use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
    use crate::report::FileReport;
    use crate::span::Span;
    use proptest::prelude::*;
    use std::path::Path;

    /// The report of one diagnostic on `text`, laid out directly where it
    /// can be and by miette.
    fn both_ways(text: &str, diagnostic: Diagnostic) -> (String, String) {
        let diagnostics = [diagnostic];
        let report = FileReport {
            path: Path::new("notes/a.md"),
            text,
            diagnostics: &diagnostics,
            lines: None,
        };
        let (mut direct, mut miette) = (String::new(), String::new());
        HumanReporter::new(false).render(&mut direct, &report);
        HumanReporter::miette_only(false).render(&mut miette, &report);
        (direct, miette)
    }

    #[test]
    fn a_plain_finding_is_laid_out_directly() {
        let text = "- [a](u)\n- [Dive Into ML](http://x.io/) - Y\n";
        let start = text.find("http").unwrap();
        let span = Span::new(start, start + 4);
        let lines = crate::span::LineIndex::new(text);
        let source = super::super::Excerpt::around(text, &lines, span);
        let plain = super::Plain {
            label: span,
            source: &source,
        };
        assert!(plain.fits());
        let diagnostic = Diagnostic::new("url-https", span, "uses http")
            .with_fix(Fix::unsafe_("use `https://`", vec![]));
        let (direct, miette) = both_ways(text, diagnostic);
        assert_eq!(direct, miette);
        assert_eq!(
            direct,
            "notes/a.md:2:18: url-https [-] uses http\n   ╭────\n 2 │ - [Dive Into ML](http://x.io/) - Y\n   ·                  ────\n   ╰────\n  unsafe fix: use `https://` (only with --unsafe-fixes)\n\n"
        );
    }

    #[test]
    fn empty_spans_and_lines_are_laid_out_as_miette_does() {
        // An empty span at the end of its line is underlined nowhere, an
        // empty line not shown at all.
        for (text, span) in [
            ("- [a](u) - A\n", Span::empty(12)),
            ("- [a](u) - A\n", Span::empty(0)),
            ("- [a](u)\n\n- [b](v)\n", Span::empty(9)),
            ("x", Span::new(0, 1)),
        ] {
            let (direct, miette) =
                both_ways(text, Diagnostic::new("description-period", span, "m"));
            assert_eq!(direct, miette, "{text:?} {span:?}");
        }
    }

    /// A line and a span in it, the line after `before` others: printable
    /// ASCII mostly, sometimes a tab or a non-ASCII letter (which miette
    /// lays out itself).
    fn finding() -> impl Strategy<Value = (String, Span)> {
        let line = prop_oneof![
            8 => "[ -~]{0,60}",
            1 => "[ -~\t]{0,20}",
            1 => "[ -~é日]{0,20}",
        ];
        (0usize..120, line, any::<prop::sample::Index>(), 0usize..8).prop_map(
            |(before, line, at, len)| {
                let start = before + at.index(line.len() + 1);
                let end = (start + len).min(before + line.len());
                let mut text = "\n".repeat(before);
                text.push_str(&line);
                text.push('\n');
                let start = (0..=start)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap();
                let end = (end..)
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap()
                    .max(start);
                (text, Span::new(start, end))
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 500,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn direct_reports_are_miettes(
            (text, span) in finding(),
            message in "[ -~é]{0,30}",
            help in proptest::option::of("[ -~]{0,30}"),
            warning: bool,
            unsafe_fix: bool,
        ) {
            let mut diagnostic = Diagnostic::new("year-parens", span, message);
            diagnostic.severity = if warning { Severity::Warning } else { Severity::Error };
            if let Some(help) = help {
                diagnostic = if unsafe_fix {
                    diagnostic.with_fix(Fix::unsafe_(help, vec![Edit::delete(span)]))
                } else {
                    diagnostic.with_help(help)
                };
            }
            let (direct, miette) = both_ways(&text, diagnostic);
            prop_assert_eq!(direct, miette);
        }
    }
}
