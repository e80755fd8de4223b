//! `--output-format json`: an array of findings. Positions are 1-based lines
//! and character columns; `end` is exclusive, like the byte `offset`s.

use super::file_report::{FileReport, positions};
use crate::span::{Columns, Span};
use serde_json::{Value, json};

pub fn render(out: &mut String, report: &FileReport) {
    let lines = report.lines();
    let columns = Columns::new(report.text, &lines);
    let location = |span: Span| {
        let (start, end) = positions(&columns, span);
        json!({
            "start": { "line": start.line, "column": start.column, "offset": span.start },
            "end": { "line": end.line, "column": end.column, "offset": span.end },
        })
    };
    let objects: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let fix = d.fix.as_ref().map(|fix| {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let mut edit = location(e.span);
                        edit["replacement"] = e.replacement.clone().into();
                        edit
                    })
                    .collect();
                json!({ "title": fix.title, "applicability": fix.applicability, "edits": edits })
            });
            // A finding repaired by another finding's fix (one fix for a
            // whole list or paragraph): where that finding starts, so that
            // a tool can count this one fixable and find the fix.
            let fixed_by = d.fixed_by.map(|by| {
                json!({
                    "start": location(Span::new(by.at, by.at))["start"],
                    "applicability": by.applicability,
                })
            });
            let mut finding = json!({
                "file": report.path.display().to_string(),
                "rule": d.rule,
                "severity": d.severity,
                "message": d.message,
                "help": d.help_text(),
                "fix": fix,
                "fixed_by": fixed_by,
            });
            // What a URL answered (`--online`): its status and redirects.
            if let Some(details) = &d.details {
                finding["details"] = details.clone();
            }
            let span = location(d.span);
            finding["start"] = span["start"].clone();
            finding["end"] = span["end"].clone();
            serde_json::to_string_pretty(&finding).unwrap_or_default()
        })
        .collect();
    out.push_str(&objects.join(",\n"));
}

pub fn assemble<'a>(fragments: impl Iterator<Item = &'a String>) -> String {
    let body: Vec<&str> = fragments.map(String::as_str).collect();
    if body.is_empty() {
        return "[]\n".to_owned();
    }
    format!("[\n{}\n]\n", body.join(",\n"))
}
