//! mdlinks' findings and fixes as the protocol's diagnostics, code actions
//! and text edits.

use super::position::PositionMap;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, DiagnosticSeverity, NumberOrString, TextEdit, Uri,
    WorkspaceEdit,
};
use std::collections::HashMap;
use std::str::FromStr;

/// What every diagnostic of the server names as its source.
pub const SOURCE: &str = "mdlinks";

/// The code action kind of "fix all safe".
pub const FIX_ALL_KIND: &str = "source.fixAll.mdlinks";

/// A finding as a protocol diagnostic: the rule as its code, linking to the
/// rule's document in the repository.
pub fn diagnostic(map: &PositionMap, finding: &Diagnostic) -> lsp_types::Diagnostic {
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range: map.range(finding.span.start, finding.span.end),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(finding.rule.to_owned())),
        code_description: rule_document(finding.rule).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// The address of `rule`'s document, beside the sources in the repository.
fn rule_document(rule: &str) -> Option<Uri> {
    let repository = env!("CARGO_PKG_REPOSITORY");
    Uri::from_str(&format!("{repository}/blob/main/rules/{rule}.md")).ok()
}

/// The quick fix of `finding`, if it has a fix: its edits, converted.
pub fn quick_fix(
    uri: &Uri,
    map: &PositionMap,
    finding: &Diagnostic,
    shown: lsp_types::Diagnostic,
) -> Option<CodeAction> {
    let fix = finding.fix.as_ref()?;
    let safety = match fix.applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    };
    let edits = fix.edits.iter().map(|edit| text_edit(map, edit)).collect();
    Some(CodeAction {
        title: format!("Fix: {} ({safety})", fix.title),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![shown]),
        edit: Some(workspace_edit(uri, edits)),
        is_preferred: Some(fix.applicability == Applicability::Safe),
        ..CodeAction::default()
    })
}

/// "Fix all safe": `fixed` in place of the whole document.
pub fn fix_all(uri: &Uri, map: &PositionMap, fixed: String) -> CodeAction {
    CodeAction {
        title: "mdlinks: fix all safe".to_owned(),
        kind: Some(CodeActionKind::from(FIX_ALL_KIND)),
        edit: Some(workspace_edit(uri, vec![whole_document(map, fixed)])),
        ..CodeAction::default()
    }
}

/// One edit that replaces all of the text `map` was made of.
pub fn whole_document(map: &PositionMap, new_text: String) -> TextEdit {
    TextEdit {
        range: map.range(0, usize::MAX),
        new_text,
    }
}

fn text_edit(map: &PositionMap, edit: &Edit) -> TextEdit {
    TextEdit {
        range: map.range(edit.span.start, edit.span.end),
        new_text: edit.replacement.clone(),
    }
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// Whether a code action request that accepts only `only` (if it says)
/// accepts actions of `kind`: a listed kind accepts its sub-kinds.
pub fn accepts(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    let Some(only) = only else { return true };
    only.iter().any(|wanted| {
        let wanted = wanted.as_str();
        kind == wanted
            || kind
                .strip_prefix(wanted)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_kind_accepts_its_sub_kinds() {
        let only = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(accepts(Some(&only), FIX_ALL_KIND));
        assert!(!accepts(Some(&only), "quickfix"));
        assert!(!accepts(
            Some(&[CodeActionKind::from("source.fix")]),
            FIX_ALL_KIND
        ));
        assert!(accepts(None, "quickfix"));
    }

    #[test]
    fn rule_documents_are_in_the_repository() {
        let href = rule_document("year-parens").unwrap();
        assert_eq!(
            href.as_str(),
            "https://github.com/mdlinks-dev/mdlinks/blob/main/rules/year-parens.md"
        );
    }
}
