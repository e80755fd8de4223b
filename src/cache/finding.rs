//! A finding as the cache keeps it: its rule by name, which the registry
//! turns back into the rule's own when the entry is read. (A diagnostic
//! names its rule by the registry's `&'static str`, which text read back
//! cannot be: the model and the fix engine know no registry.)

use crate::diagnostic::{Diagnostic, Fix, FixedBy, Severity};
use crate::rules;
use crate::span::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
pub(super) struct Finding {
    rule: String,
    span: Span,
    message: String,
    help: Option<String>,
    fix: Option<Fix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_by: Option<FixedBy>,
    severity: Severity,
}

impl From<&Diagnostic> for Finding {
    fn from(d: &Diagnostic) -> Self {
        Finding {
            rule: d.rule.to_owned(),
            span: d.span,
            message: d.message.clone(),
            help: d.help.clone(),
            fix: d.fix.clone(),
            fixed_by: d.fixed_by,
            severity: d.severity,
        }
    }
}

impl Finding {
    /// The diagnostic, if its rule is one this build has (an entry of
    /// another is none of ours).
    pub(super) fn into_diagnostic(self) -> Option<Diagnostic> {
        Some(Diagnostic {
            rule: rules::find(&self.rule)?.meta.name,
            span: self.span,
            message: self.message,
            help: self.help,
            fix: self.fix,
            fixed_by: self.fixed_by,
            severity: self.severity,
        })
    }
}

/// The findings of one file as kept.
pub(super) fn to_findings(diagnostics: &[Diagnostic]) -> Vec<Finding> {
    diagnostics.iter().map(Finding::from).collect()
}

/// The diagnostics of one file's kept findings; `None` if one names a rule
/// this build does not have.
pub(super) fn to_diagnostics(findings: Vec<Finding>) -> Option<Vec<Diagnostic>> {
    findings.into_iter().map(Finding::into_diagnostic).collect()
}
