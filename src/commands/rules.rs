//! `mdlinks rules` and `mdlinks explain`.

use super::ExitStatus;
use crate::cli::{ExplainArgs, ListFormat, RulesArgs};
use crate::rules::{FixAvailability, REGISTRY, find};

pub fn list(args: &RulesArgs) -> ExitStatus {
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
            println!(
                "{}",
                serde_json::to_string_pretty(&rules).unwrap_or_default()
            );
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
                println!(
                    "{:width$}  {state}  {fix}  {}",
                    entry.meta.name, entry.meta.summary
                );
                let options = (entry.default_options)();
                if !options.is_empty() {
                    let shown: Vec<String> =
                        options.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                    println!("{:width$}  options: {}", "", shown.join(", "));
                }
            }
            println!(
                "\non/off: enabled by default or not; fix: has safe fixes; fix(u): some only with --unsafe-fixes."
            );
            println!("`mdlinks explain <rule>` prints a rule's document.");
        }
    }
    ExitStatus::Clean
}

pub fn explain(args: &ExplainArgs) -> ExitStatus {
    match find(&args.rule) {
        Some(entry) => {
            print!("{}", entry.meta.document);
            ExitStatus::Clean
        }
        None => {
            let names: Vec<&str> = REGISTRY.iter().map(|e| e.meta.name).collect();
            eprintln!(
                "error: no rule named `{}`; the rules are: {}",
                args.rule,
                names.join(", ")
            );
            ExitStatus::Error
        }
    }
}
