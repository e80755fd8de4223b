//! `--output-format sarif`: a SARIF 2.1.0 log with every rule's metadata and
//! one result per finding. Columns count Unicode code points, as declared.

use super::file_report::{FileReport, IO_ERROR, positions};
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
    let uri = uri_reference(&report.path.to_string_lossy().replace('\\', "/"));
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
                "ruleIndex": rule_index(d.rule),
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
            // What a URL answered (`--online`): its status and redirects.
            if let Some(details) = &d.details {
                result["properties"] = details.clone();
            }
            serde_json::to_string(&result).unwrap_or_default()
        })
        .collect();
    out.push_str(&results.join(","));
}

/// A relative path as a URI reference, as SARIF wants it: bytes other than
/// unreserved characters, `/` and a few delimiters percent-encoded (a path
/// with a space was no URI; a `:` could read as a scheme).
fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Where a rule is among the log's rules: the registry's, then `io-error`.
fn rule_index(rule: &str) -> usize {
    REGISTRY
        .iter()
        .position(|e| e.meta.name == rule)
        .unwrap_or(REGISTRY.len())
}

pub fn assemble<'a>(fragments: impl Iterator<Item = &'a String>) -> String {
    let results: Vec<&str> = fragments.map(String::as_str).collect();
    let mut rules: Vec<Value> = REGISTRY
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
    let io_error = "A file could not be read or written";
    rules.push(json!({
        "id": IO_ERROR,
        "name": IO_ERROR,
        "shortDescription": { "text": io_error },
        "help": { "text": io_error },
        "defaultConfiguration": { "enabled": true, "level": "error" },
        "properties": { "fix": "none" },
    }));
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mdlinks",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_reference("notes/a.md"), "notes/a.md");
        assert_eq!(
            uri_reference("dir with space/ünï/a b&c.md"),
            "dir%20with%20space/%C3%BCn%C3%AF/a%20b&c.md"
        );
        assert_eq!(uri_reference("c:x/50%.md"), "c%3Ax/50%25.md");
    }
}
