//! `mdlinks rules` and `mdlinks explain`.

use super::console::Console;
use super::exit::ExitStatus;
use crate::cli::{ExplainArgs, ListFormat, RulesArgs};
use crate::report::{IO_ERROR, IO_ERROR_DOCUMENT};
use crate::rules::{FixAvailability, REGISTRY, find, suggest};
use std::fmt::Write;

pub fn list(args: &RulesArgs, console: &mut Console) -> ExitStatus {
    let mut out = String::new();
    match args.format {
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = REGISTRY
                .iter()
                .map(|entry| {
                    serde_json::json!({
                        "name": entry.meta.name,
                        "summary": entry.meta.summary,
                        "fix": entry.meta.fix,
                        "enabled_by_default": entry.meta.enabled_by_default,
                        "options": (entry.default_options)(),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n";
        }
        ListFormat::Text => {
            let width = REGISTRY
                .iter()
                .map(|e| e.meta.name.len())
                .max()
                .unwrap_or(0);
            for entry in REGISTRY {
                let fix = match entry.meta.fix {
                    FixAvailability::None => "      ",
                    FixAvailability::Safe => "fix   ",
                    FixAvailability::SafeAndUnsafe => "fix(u)",
                };
                let state = if entry.meta.enabled_by_default {
                    "on "
                } else {
                    "off"
                };
                let _ = writeln!(
                    out,
                    "{:width$}  {state}  {fix}  {}",
                    entry.meta.name, entry.meta.summary
                );
                let options = (entry.default_options)();
                if !options.is_empty() {
                    let shown: Vec<String> =
                        options.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                    let _ = writeln!(out, "{:width$}  options: {}", "", shown.join(", "));
                }
            }
            out.push_str(
                "\non/off: enabled by default or not; fix: has safe fixes; fix(u): some only with --unsafe-fixes.\n",
            );
            out.push_str("`mdlinks explain <rule>` prints a rule's document.\n");
        }
    }
    console.out(&out);
    ExitStatus::Clean
}

pub fn explain(args: &ExplainArgs, console: &mut Console) -> ExitStatus {
    if args.rule == IO_ERROR {
        console.out(IO_ERROR_DOCUMENT);
        return ExitStatus::Clean;
    }
    match find(&args.rule) {
        Some(entry) => {
            console.out(entry.meta.document);
            ExitStatus::Clean
        }
        None => {
            // As a misspelt `--select` name is answered.
            console.error(format!(
                "no rule named `{}`; {}",
                args.rule,
                suggest(&args.rule)
            ));
            ExitStatus::Error
        }
    }
}
