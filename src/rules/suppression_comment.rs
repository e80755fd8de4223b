//! `suppression-comment`: a `<!-- mdlinks-disable … -->` comment names only
//! rules that exist. The document with examples is rules/suppression-comment.md.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta, did_you_mean};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "suppression-comment",
    summary: "Suppression comments name rules that exist",
    fix: FixAvailability::None,
    enabled_by_default: true,
    document: include_str!("../../rules/suppression-comment.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuppressionComment {
    /// The name of every rule, given by the registry that builds this one
    /// (a rule knows no other rule).
    #[serde(skip)]
    pub known: Vec<&'static str>,
}

impl Rule for SuppressionComment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, _items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        for comment in doc.suppression_comments() {
            for (name, span) in comment.rules {
                if self.known.contains(&name) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        META.name,
                        span,
                        format!("unknown rule `{name}` in a suppression comment"),
                    )
                    .with_help(did_you_mean(name, &self.known)),
                );
            }
        }
    }
}
