//! `--output-format sarif`: a SARIF 2.1.0 log with every rule's metadata and
//! one result per finding. Columns count Unicode code points, as declared.

use super::{FileReport, positions};
use crate::diagnostic::Severity;
use crate::rules::REGISTRY;
use crate::span::{Columns, Span};
use serde_json::{Value, json};

pub fn render(out: &mut String, report: &FileReport) {
    if report.diagnostics.is_empty() {
        return;
    }
    let lines = report.lines();
    let columns = Columns::new(report.text, &lines);
    let uri = report.path.to_string_lossy().replace('\\', "/");
    let region = |span: Span| {
        let (start, end) = positions(&columns, span);
        json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
        })
    };
    let results: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": REGISTRY.iter().position(|e| e.meta.name == d.rule),
                "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(d.span),
                    }
                }],
            });
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(e.span),
                            "insertedContent": { "text": e.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": replacements,
                    }],
                }]);
            }
            serde_json::to_string(&result).unwrap_or_default()
        })
        .collect();
    out.push_str(&results.join(","));
}

pub fn assemble<'a>(fragments: impl Iterator<Item = &'a String>) -> String {
    let results: Vec<&str> = fragments.map(String::as_str).collect();
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|e| {
            json!({
                "id": e.meta.name,
                "name": e.meta.name,
                "shortDescription": { "text": e.meta.summary },
                "help": { "text": e.meta.summary, "markdown": e.meta.document },
                "defaultConfiguration": { "enabled": e.meta.enabled_by_default, "level": "error" },
                "properties": { "fix": e.meta.fix },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mdlinks",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/mdlinks",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": [],
        }]
    });
    // The results were serialised on the workers; splice them in rather than
    // parsing them back.
    let text = serde_json::to_string_pretty(&log).unwrap_or_default();
    let joined = results.join(",\n");
    text.replacen("\"results\": []", &format!("\"results\": [{joined}]"), 1) + "\n"
}
