//! `url-tracking`: link URLs carry no tracking parameters (`utm_*`,
//! `fbclid`, `si` on YouTube, …). Which parameters track is data: the
//! options below, with a built-in default.
//! The document with examples is rules/url-tracking.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::url::{TrackingParameters, UrlParts, is_plain, without_parameters};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub static META: RuleMeta = RuleMeta {
    name: "url-tracking",
    summary: "Link URLs carry no tracking parameters such as `utm_source`",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/url-tracking.md"),
};

/// The rule's options are the parameters that track (see
/// `url::TrackingParameters` for their defaults).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct UrlTracking(pub TrackingParameters);

impl Rule for UrlTracking {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, _items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        for link in doc.links() {
            // Only an inline URL can be edited where it is written.
            let Some(url) = link.url() else { continue };
            // Judged as it resolves (`&amp;` is `&`); tracking parameters
            // live in a query.
            let href = &*link.href;
            if memchr::memchr(b'?', href.as_bytes()).is_none() {
                continue;
            }
            let Some(parts) = UrlParts::parse(href) else {
                continue;
            };
            // Most queries track nothing (`item?id=N` of every HN suffix):
            // look without collecting anything first.
            if !parts
                .parameters_iter()
                .any(|p| self.0.is_tracking(&parts, &p))
            {
                continue;
            }
            let tracking = self.0.tracking_parameters(&parts);
            let all = parts.parameters();
            let names: Vec<String> = tracking
                .iter()
                .map(|&i| format!("`{}`", all[i].name))
                .collect();
            let noun = if names.len() == 1 {
                "parameter"
            } else {
                "parameters"
            };
            let diagnostic = Diagnostic::new(
                META.name,
                url.span,
                format!("URL has tracking {noun} {}", names.join(", ")),
            );
            // Edited as written only where that is what it resolves to:
            // then `parts` are offsets into the written URL too.
            if link.editable_url().is_none() {
                out.push(diagnostic.with_help(format!(
                    "remove the {noun} by hand: the URL is written with escapes, \
                     character references or blanks"
                )));
                continue;
            }
            let cleaned = without_parameters(&parts, &tracking);
            // `?id=(1&utm_source=x)`: the parentheses paired across the
            // parameter removed, and the link would end early.
            if !is_plain(&cleaned) {
                out.push(diagnostic.with_help(format!(
                    "remove the {noun} by hand: without them, the URL's parentheses \
                     would not pair"
                )));
                continue;
            }
            out.push(diagnostic.with_fix(Fix::safe(
                format!("remove the tracking {noun}"),
                vec![Edit::replace(url.span, cleaned)],
            )));
        }
    }
}
