//! `mdlinks check --show-settings`: what mdlinks learned of each list's
//! conventions, from how many items, and how to override it.

use super::tally::plural;
use crate::config::Settings;
use crate::conventions::{Aspect, Conventions, Learned, Scope, Tally, Verdict, thousands};
use std::fmt::Write as _;
use std::path::Path;

/// The rule holding items to an aspect, and the option that fixes it.
pub(super) fn enforced_by(aspect: Aspect) -> (&'static str, Option<(&'static str, &'static str)>) {
    match aspect {
        Aspect::Marker => ("list-marker", Some(("marker", "\"-\""))),
        Aspect::Indent => ("list-indent", Some(("indent", "2"))),
        Aspect::Separator => ("description-dash", Some(("separator", "\" - \""))),
        Aspect::Separated => ("description-dash", None),
        Aspect::Start => ("description-case", None),
        Aspect::End => ("description-period", Some(("end", "\"period\""))),
    }
}

/// One list: its settings and its files, each with what it observed.
pub(super) struct ListReport<'a> {
    pub settings: &'a Settings,
    pub files: Vec<(&'a Path, &'a Learned)>,
    pub conventions: Conventions,
}

/// The report for every list of a run.
pub(super) fn render(lists: &[ListReport]) -> String {
    let mut out = String::new();
    for list in lists {
        render_list(&mut out, list);
    }
    out
}

fn render_list(out: &mut String, list: &ListReport) {
    let mut tally = Tally::default();
    for (_, learned) in &list.files {
        tally.merge(&learned.tally);
    }
    let origin = match &list.settings.config_path {
        Some(path) => {
            let mut origin = format!("configured by {}", path.display());
            for parent in &list.settings.extends {
                let _ = write!(origin, ", extending {}", parent.display());
            }
            origin
        }
        None => "no mdlinks.toml".to_owned(),
    };
    let _ = writeln!(
        out,
        "List of {} ({} list items; {origin}):",
        plural(list.files.len(), "file", "files"),
        thousands(tally.total(Aspect::Marker))
    );
    for aspect in Aspect::ALL {
        let (rule, option) = enforced_by(aspect);
        let _ = write!(out, "  {:<22} ", aspect.name());
        if !list.settings.runs(rule) {
            let _ = writeln!(out, "not checked ({rule} is off)");
            continue;
        }
        let configured = option.and_then(|(key, _)| list.settings.rule_option(rule, key));
        if let (Some(value), Some((key, _))) = (configured, option) {
            let place = list
                .settings
                .origin(&format!("rules.{rule}.{key}"))
                .map(|path| format!(" in {}", path.display()))
                .unwrap_or_default();
            let _ = writeln!(out, "{value} (configured: [rules.{rule}] {key}{place})");
            continue;
        }
        let _ = write!(out, "{}", verdict(list.conventions.get(aspect)));
        match (list.conventions.get(aspect), option) {
            (Verdict::Mixed { .. }, Some((key, example))) => {
                let _ = write!(out, "; enforce with [rules.{rule}] {key} = {example}");
            }
            (_, Some((key, _))) => {
                let _ = write!(out, "; override with [rules.{rule}] {key}");
            }
            _ => {}
        }
        out.push('\n');
    }
    // Files that decided for themselves.
    let mut own = String::new();
    for (path, learned) in &list.files {
        let mut differs = Vec::new();
        for aspect in Aspect::ALL {
            // A file mixed on an aspect, or with too few items, takes its
            // list's verdict.
            let Some(file @ Verdict::Follows { .. }) =
                Verdict::of(&learned.tally, aspect, Scope::File)
            else {
                continue;
            };
            if file.wanted() != list.conventions.get(aspect).wanted() {
                differs.push(format!("{}: {}", aspect.name(), verdict(&file)));
            }
        }
        if !differs.is_empty() {
            let _ = writeln!(own, "    {}: {}", path.display(), differs.join("; "));
        }
    }
    if !own.is_empty() {
        out.push_str("  Files with conventions of their own (their items are held to them):\n");
        out.push_str(&own);
    }
    out.push('\n');
}

pub(super) fn verdict(verdict: &Verdict) -> String {
    match *verdict {
        Verdict::Follows {
            value,
            count,
            total,
            ..
        } => format!(
            "{value}, learned from {} of {} items",
            thousands(count),
            thousands(total)
        ),
        Verdict::Mixed {
            leader,
            count,
            total,
            ..
        } => format!(
            "not enforced: mixed ({leader} for {} of {} items, {}%)",
            thousands(count),
            thousands(total),
            count * 100 / total.max(1)
        ),
        Verdict::House(value) => format!("{value} (the house style: too few items to tell)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conventions::Value;

    #[test]
    fn a_mixed_aspect_says_how_to_enforce_it() {
        let mut tally = Tally::default();
        for i in 0..40 {
            tally.add(Value::End(if i % 2 == 0 {
                crate::conventions::End::Period
            } else {
                crate::conventions::End::Bare
            }));
        }
        let conventions = Conventions::of_list(&tally);
        let shown = verdict(conventions.get(Aspect::End));
        assert_eq!(
            shown,
            "not enforced: mixed (a period for 20 of 40 items, 50%)"
        );
    }
}
