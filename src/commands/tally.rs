//! Counting findings for the closing summary line and `--statistics`.
//!
//! A finding is counted as the reports mark it
//! (`report::fix_marker`): fixable safely (`[*]`) where it has a safe fix
//! or another finding's safe fix repairs it, unsafely (`[-]`) where only an
//! unsafe one does, and by hand otherwise, a fix withheld included. The
//! summary, the statistics and the markers all read
//! [`Diagnostic::fix_applicability`], so they agree.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::report::{Reporter, fix_marker};
use std::collections::BTreeMap;

/// How many findings, and how each gets fixed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Counts {
    pub(super) findings: usize,
    pub(super) safe: usize,
    pub(super) unsafe_: usize,
}

impl Counts {
    fn add(&mut self, applicability: Option<Applicability>) {
        self.findings += 1;
        match applicability {
            Some(Applicability::Safe) => self.safe += 1,
            Some(Applicability::Unsafe) => self.unsafe_ += 1,
            None => {}
        }
    }

    fn merge(&mut self, other: Counts) {
        self.findings += other.findings;
        self.safe += other.safe;
        self.unsafe_ += other.unsafe_;
    }

    /// Findings no fix repairs.
    pub(super) fn by_hand(&self) -> usize {
        self.findings - self.safe - self.unsafe_
    }
}

/// Counts for the closing summary line and `--statistics`.
#[derive(Debug, Default, Clone)]
pub(super) struct Tally {
    pub(super) per_rule: BTreeMap<&'static str, Counts>,
    pub(super) total: Counts,
    pub(super) files_with_findings: usize,
    /// Findings that fail the run: errors, and warnings under `strict`.
    pub(super) failing: usize,
}

impl Tally {
    pub(super) fn add(&mut self, diagnostics: &[Diagnostic], strict: bool) {
        self.files_with_findings += usize::from(!diagnostics.is_empty());
        self.failing += diagnostics
            .iter()
            .filter(|d| strict || d.severity == Severity::Error)
            .count();
        for d in diagnostics {
            // A finding another finding's fix repairs counts as fixable.
            let applicability = d.fix_applicability();
            self.per_rule.entry(d.rule).or_default().add(applicability);
            self.total.add(applicability);
        }
    }

    pub(super) fn merge(&mut self, other: Tally) {
        for (rule, counts) in other.per_rule {
            self.per_rule.entry(rule).or_default().merge(counts);
        }
        self.total.merge(other.total);
        self.files_with_findings += other.files_with_findings;
        self.failing += other.failing;
    }

    /// The closing line of a report for humans, with the counts of findings
    /// fixable safely, unsafely and by hand as the markers and `--statistics`
    /// count them.
    pub(super) fn summary(&self, errors: usize, unsafe_fixes: bool) -> String {
        let counts = &self.total;
        if counts.findings == 0 && errors > 0 {
            let unread = plural(errors, "file or path", "files or paths");
            return format!(
                "No findings in the files read; {unread} could not be read (see the errors).\n"
            );
        }
        if counts.findings == 0 {
            return "All clean.\n".to_owned();
        }
        let mut line = format!(
            "Found {} in {}.",
            plural(counts.findings, "finding", "findings"),
            plural(self.files_with_findings, "file", "files")
        );
        if unsafe_fixes && counts.safe + counts.unsafe_ > 0 {
            // `--unsafe-fixes` without `--fix`: unsafe fixes count as available.
            line.push_str(&format!(
                " {} fixable with `mdlinks check --fix --unsafe-fixes`.",
                counts.safe + counts.unsafe_
            ));
        } else {
            if counts.safe > 0 {
                line.push_str(&format!(" {} fixable with `mdlinks fix`.", counts.safe));
            }
            if counts.unsafe_ > 0 {
                let more = if counts.safe > 0 { "more" } else { "fixable" };
                line.push_str(&format!(
                    " {} {more} with `mdlinks fix --unsafe-fixes`.",
                    counts.unsafe_
                ));
            }
        }
        if counts.by_hand() > 0 {
            line.push_str(&format!(" {} to fix by hand.", counts.by_hand()));
        }
        line.push('\n');
        line
    }

    /// `--statistics`: findings per rule, most first, and how many of each
    /// are fixable safely (`[*]`), unsafely (`[-]`) and by hand; JSON for
    /// machine formats.
    pub(super) fn statistics(&self, reporter: &Reporter) -> String {
        let mut rows: Vec<_> = self.per_rule.iter().collect();
        rows.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(b.0)));
        if !reporter.is_for_humans() {
            let rows: Vec<serde_json::Value> = rows
                .iter()
                .map(|(rule, counts)| {
                    serde_json::json!({
                        "rule": rule,
                        "count": counts.findings,
                        "fixable": counts.safe + counts.unsafe_,
                        "safe_fixable": counts.safe,
                        "unsafe_fixable": counts.unsafe_,
                    })
                })
                .collect();
            return serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n";
        }
        let total = format!(
            "total ({})",
            plural(self.files_with_findings, "file", "files")
        );
        let width = rows
            .iter()
            .map(|(rule, _)| rule.len())
            .chain([total.len()])
            .max()
            .unwrap_or(0);
        let (safe, unsafe_) = (
            fix_marker(Some(Applicability::Safe)),
            fix_marker(Some(Applicability::Unsafe)),
        );
        let mut out = format!(
            "{:>6}  {:width$}  {:>8}  {:>10}  {:>7}\n",
            "count",
            "rule",
            format!("{safe} fix"),
            format!("{unsafe_} unsafe"),
            "by hand"
        );
        let row = |out: &mut String, name: &str, counts: &Counts| {
            out.push_str(&format!(
                "{:>6}  {name:width$}  {:>8}  {:>10}  {:>7}\n",
                counts.findings,
                counts.safe,
                counts.unsafe_,
                counts.by_hand()
            ));
        };
        for (rule, counts) in rows {
            row(&mut out, rule, counts);
        }
        row(&mut out, &total, &self.total);
        out
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
