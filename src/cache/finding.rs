//! A finding as the cache keeps it: its rule by name, which the registry
//! turns back into the rule's own when the entry is read. (A diagnostic
//! names its rule by the registry's `&'static str`, which text read back
//! cannot be: the model and the fix engine know no registry.)

use crate::conventions::{Aspect, Learned};
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
    fixed_by: Option<FixedBy>,
    severity: Severity,
    awaits_evidence: Option<Aspect>,
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
            awaits_evidence: d.awaits_evidence,
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
            awaits_evidence: self.awaits_evidence,
            // Online findings are never kept here (see `commands::online`).
            details: None,
        })
    }
}

/// One file's findings as kept, with what it told its list of its
/// conventions.
#[derive(Clone, Serialize, Deserialize)]
pub(super) struct Kept {
    findings: Vec<Finding>,
    learned: Learned,
}

impl Kept {
    pub(super) fn new(diagnostics: &[Diagnostic], learned: &Learned) -> Self {
        Kept {
            findings: diagnostics.iter().map(Finding::from).collect(),
            learned: learned.clone(),
        }
    }

    /// The diagnostics and what the file told its list; `None` if a
    /// finding names a rule this build does not have.
    pub(super) fn restore(self) -> Option<(Vec<Diagnostic>, Learned)> {
        let diagnostics = self
            .findings
            .into_iter()
            .map(Finding::into_diagnostic)
            .collect::<Option<_>>()?;
        Some((diagnostics, self.learned))
    }
}
