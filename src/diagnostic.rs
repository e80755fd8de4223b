//! What a rule reports: a diagnostic with a span, a message and maybe a fix.

use crate::conventions::{Aspect, Conventions, Scope, Verdict};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Replace the bytes of `span` with `replacement` (an insertion when the span
/// is empty, a deletion when the replacement is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit::replace(Span::empty(at), text)
    }

    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }
}

/// Whether a fix may be applied without the user asking for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The rendered Markdown means the same and no text is lost.
    Safe,
    /// Probably right, but it can change meaning: only with `--unsafe-fixes`.
    Unsafe,
}

/// One or more edits that together repair one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// Imperative: what the fix does (`add a period`).
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: RuleName,
    pub span: Span,
    /// What is wrong: lowercase, no trailing period, offending text in backticks.
    pub message: String,
    /// Without a fix, an optional hint of what to do by hand.
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// Where this finding carries no fix of its own but another finding's
    /// fix repairs it too (a list re-indented whole, a paragraph's links
    /// repaired together): one copy of the fix, not one per finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_by: Option<FixedBy>,
    pub severity: Severity,
    /// Where the finding holds an item to its list's convention on this
    /// aspect: what the list does is known only once all its files are
    /// read, and the command then adds it to the message
    /// (`conventions::Verdict::evidence`).
    #[serde(skip)]
    pub awaits_evidence: Option<Aspect>,
    /// Facts behind the finding for machine reports (JSON, SARIF): what a
    /// URL answered on the network, for `--online`'s rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

/// A rule's name: the registry's, which lives as long as the program.
pub type RuleName = &'static str;

/// The finding whose fix repairs another one: of the same rule, at `at`
/// (where its span starts), with a fix of this applicability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedBy {
    pub at: usize,
    pub applicability: Applicability,
}

impl FixedBy {
    /// `carrier`'s fix, if it has one, as one that repairs others too.
    pub fn of(carrier: &Diagnostic) -> Option<FixedBy> {
        let fix = carrier.fix.as_ref()?;
        Some(FixedBy {
            at: carrier.span.start,
            applicability: fix.applicability,
        })
    }
}

impl Diagnostic {
    /// Add to the findings that await it what the list does (`list uses
    /// `-` for 114,036 of 114,036 items`).
    pub fn add_evidence(diagnostics: &mut [Diagnostic], list: &Conventions) {
        for diagnostic in diagnostics {
            let Some(aspect) = diagnostic.awaits_evidence.take() else {
                continue;
            };
            if let Some(evidence) = list.get(aspect).evidence() {
                diagnostic.message.push_str(&format!(" ({evidence})"));
            }
        }
    }

    pub fn new(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            span,
            message: message.into(),
            help: None,
            fix: None,
            fixed_by: None,
            severity: Severity::Error,
            awaits_evidence: None,
            details: None,
        }
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// A finding the rule is unsure of: reported as a warning, which fails
    /// `check` only under `--strict`, whatever the rule's configured severity.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Repaired by another finding's fix (see [`FixedBy`]), as `help` says.
    pub fn with_fixed_by(mut self, by: FixedBy, help: impl Into<String>) -> Self {
        self.fixed_by = Some(by);
        self.help = Some(help.into());
        self
    }

    /// Say which convention of the list the finding holds the item to
    /// (`verdict` on `aspect`): what its scope does, appended to the
    /// message (`(list uses `*` for 1,954 of 1,956 items)`); where that
    /// is the list's, once the list is known (`awaits_evidence`). Nothing
    /// for the house style of a list too short to tell.
    pub fn cite(&mut self, verdict: &Verdict, aspect: Aspect) {
        match verdict {
            Verdict::Follows { scope, .. } if *scope != Scope::List => {
                if let Some(evidence) = verdict.evidence() {
                    self.message.push_str(&format!(" ({evidence})"));
                }
            }
            _ => self.awaits_evidence = Some(aspect),
        }
    }

    /// Take the fix away, keeping what it would do as a hint: for a fix
    /// that is right in itself but not here (it would change the tree, part
    /// a link from its definition, or is suppressed elsewhere).
    pub fn withhold_fix(&mut self) {
        if let Some(fix) = self.fix.take() {
            self.help = Some(fix.title);
        }
    }

    /// How this finding gets fixed, by its own fix or another's; `None`
    /// where `mdlinks fix` leaves it.
    pub fn fix_applicability(&self) -> Option<Applicability> {
        match (&self.fix, self.fixed_by) {
            (Some(fix), _) => Some(fix.applicability),
            (None, Some(by)) => Some(by.applicability),
            (None, None) => None,
        }
    }

    /// The line a reader should act on: the fix title, or the manual hint.
    pub fn help_text(&self) -> Option<&str> {
        match &self.fix {
            Some(fix) => Some(&fix.title),
            None => self.help.as_deref(),
        }
    }
}
