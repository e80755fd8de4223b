//! Counting findings for the closing summary line and `--statistics`.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::report::Reporter;

/// Counts for the closing summary line and `--statistics`.
#[derive(Debug, Default, Clone)]
pub(super) struct Tally {
    /// Per rule: (findings, fixable ones with a fix of any applicability).
    pub(super) per_rule: std::collections::BTreeMap<&'static str, (usize, usize)>,
    pub(super) findings: usize,
    /// Findings a fix repairs (their own or another's), by applicability.
    pub(super) safe_fixable: usize,
    pub(super) unsafe_fixable: usize,
    pub(super) files_with_findings: usize,
    /// Findings that fail the run: errors, and warnings under `strict`.
    pub(super) failing: usize,
}

impl Tally {
    pub(super) fn add(&mut self, diagnostics: &[Diagnostic], strict: bool) {
        self.findings += diagnostics.len();
        self.files_with_findings += usize::from(!diagnostics.is_empty());
        self.failing += diagnostics
            .iter()
            .filter(|d| strict || d.severity == Severity::Error)
            .count();
        for d in diagnostics {
            // A finding another finding's fix repairs counts as fixable.
            let applicability = d.fix_applicability();
            let counts = self.per_rule.entry(d.rule).or_default();
            counts.0 += 1;
            counts.1 += usize::from(applicability.is_some());
            match applicability {
                Some(Applicability::Safe) => self.safe_fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }

    pub(super) fn merge(&mut self, other: Tally) {
        for (rule, (count, fixable)) in other.per_rule {
            let counts = self.per_rule.entry(rule).or_default();
            counts.0 += count;
            counts.1 += fixable;
        }
        self.findings += other.findings;
        self.safe_fixable += other.safe_fixable;
        self.unsafe_fixable += other.unsafe_fixable;
        self.files_with_findings += other.files_with_findings;
        self.failing += other.failing;
    }
}

impl Tally {
    /// `--statistics`: findings per rule, most first; JSON for machine formats.
    pub(super) fn statistics(&self, reporter: &Reporter) -> String {
        let mut rows: Vec<_> = self.per_rule.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        if !reporter.is_for_humans() {
            let rows: Vec<serde_json::Value> = rows
                .iter()
                .map(|(rule, (count, fixable))| {
                    serde_json::json!({ "rule": rule, "count": count, "fixable": fixable })
                })
                .collect();
            return serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n";
        }
        let width = rows.iter().map(|(rule, _)| rule.len()).max().unwrap_or(0);
        let mut out = String::new();
        for (rule, (count, fixable)) in rows {
            out.push_str(&format!("{count:>6}  {rule:width$}  {fixable} fixable\n"));
        }
        out.push_str(&format!(
            "{:>6}  {:width$}  in {}\n",
            self.findings,
            "total",
            plural(self.files_with_findings, "file", "files")
        ));
        out
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
