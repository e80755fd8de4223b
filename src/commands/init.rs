//! `mdlinks init [PATH]`: an mdlinks.toml for the list in a directory, with
//! the conventions learned from it written out as settings, each under a
//! comment saying what was observed.
//!
//! A setting wins over what is learned everywhere in the list, so it may
//! hold to the list's convention a file or a section that keeps to one of
//! its own. Such a setting, and any aspect that is mixed or has too few
//! items to tell, is written commented out: the file is checked by linting
//! the list with it and without it, and `check` finds the same with it.

use super::console::Console;
use super::exit::ExitStatus;
use super::show_settings::{enforced_by, verdict};
use crate::cli::InitArgs;
use crate::config::file::{FILE_NAMES, LoadedFile};
use crate::config::{ConfigError, Overrides, Resolver, Settings};
use crate::conventions::{Aspect, Conventions, End, Indent, Tally, Value, Verdict, thousands};
use crate::diagnostic::Diagnostic;
use crate::files::{self, Source};
use crate::linter::LintOptions;
use rayon::prelude::*;
use regex::Regex;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, LazyLock};

pub fn run(args: &InitArgs, console: &mut Console) -> ExitStatus {
    let dir = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        let why = match dir.exists() {
            true => "not a directory (init writes the configuration of a list: give its directory)",
            false => "no such directory",
        };
        console.error(format!("{}: {why}", dir.display()));
        return ExitStatus::Error;
    }
    let existing = FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.exists());
    if let Some(existing) = &existing
        && !args.force
        && !args.stdout
    {
        console.error(format!(
            "{} already exists: `mdlinks init --force` overwrites it, `--stdout` prints the configuration instead",
            existing.display()
        ));
        return ExitStatus::Error;
    }
    let target = existing.clone().unwrap_or_else(|| dir.join(FILE_NAMES[0]));
    let list = match List::gather(&dir, &args.extensions, console) {
        Ok(list) => list,
        Err(status) => return status,
    };
    let text = match list.configuration(&target) {
        Ok(text) => text,
        Err(err) => return console.config_error(&err),
    };
    if args.stdout {
        console.out(&text);
        return ExitStatus::Clean;
    }
    // `--force` over a file written by hand: say what of it is gone.
    let dropped = existing
        .as_deref()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .map(|old| dropped_settings(&old, &text))
        .unwrap_or_default();
    match files::write_report(&target, &text) {
        Ok(()) => {
            console.note(format!("Wrote {}", target.display()));
            if !dropped.is_empty() {
                console.warning(format!(
                    "{} had settings the new file does not: {} (set them again, or extend a file that has them)",
                    target.display(),
                    dropped.join(", ")
                ));
            }
            ExitStatus::Clean
        }
        Err(err) => {
            console.error(err);
            ExitStatus::Error
        }
    }
}

/// The settings `old` (a configuration file) sets that `new` does not, as
/// dotted keys (`ignore`, `rules.bare-url.severity`).
fn dropped_settings(old: &str, new: &str) -> Vec<String> {
    fn keys(prefix: &str, table: &toml::Table, out: &mut Vec<String>) {
        for (key, value) in table {
            let key = format!("{prefix}{key}");
            match value {
                toml::Value::Table(inner) => keys(&format!("{key}."), inner, out),
                _ => out.push(key),
            }
        }
    }
    let parse = |text: &str| {
        let mut out = Vec::new();
        if let Ok(table) = text.parse::<toml::Table>() {
            keys("", &table, &mut out);
        }
        out
    };
    let kept = parse(new);
    parse(old)
        .into_iter()
        .filter(|key| !kept.contains(key))
        .collect()
}

/// The files of the list in the directory, and the settings that govern
/// them without a configuration file there.
struct List {
    dir: PathBuf,
    sources: Vec<Source>,
    /// The settings of the directory above, which the new file extends
    /// where they come from a file.
    baseline: Arc<Settings>,
    /// Files below with a configuration file of their own (other lists).
    other_lists: usize,
}

/// A list linted under one set of settings, as `check` lints it.
struct Linted {
    conventions: Conventions,
    tally: Tally,
    diagnostics: Vec<Vec<Diagnostic>>,
}

impl List {
    fn gather(
        dir: &Path,
        extensions: &[String],
        console: &mut Console,
    ) -> Result<Self, ExitStatus> {
        let config_error = |console: &mut Console, err: ConfigError| console.config_error(&err);
        let mut resolver = Resolver::new(None, false, Overrides::default())
            .map_err(|err| config_error(console, err))?;
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let absolute: PathBuf = cwd.join(dir).components().collect();
        let baseline = match absolute.parent() {
            Some(above) => resolver.settings_for(above),
            None => Settings::defaults(&absolute, &Overrides::default()).map(Arc::new),
        }
        .map_err(|err| config_error(console, err))?;
        let (found, errors) = files::discover(&[dir.to_owned()], extensions);
        let mut failed = !errors.is_empty();
        for err in errors {
            console.error(err);
        }
        let mut sources = Vec::new();
        let mut other_lists = 0;
        for file in found {
            let settings = resolver
                .settings_for_file(&file.path)
                .map_err(|err| config_error(console, err))?;
            // A file under a configuration file below the directory is
            // part of another list.
            let config_dir = settings.config_path.as_deref().and_then(Path::parent);
            if config_dir.is_some_and(|d| d != absolute && d.starts_with(&absolute)) {
                other_lists += 1;
                continue;
            }
            if baseline.is_excluded(&file.path) {
                continue;
            }
            match files::read(&file.path, baseline.max_file_size) {
                Ok(source) => sources.push(source),
                Err(err) => {
                    console.error(err);
                    failed = true;
                }
            }
        }
        for warning in resolver.take_warnings() {
            console.warning(warning);
        }
        if failed {
            return Err(ExitStatus::Error);
        }
        if sources.is_empty() {
            console.warning(format!(
                "no Markdown files of the list in {}: the configuration holds the house style",
                dir.display()
            ));
        }
        Ok(List {
            dir: dir.to_owned(),
            sources,
            baseline,
            other_lists,
        })
    }

    /// Lint the list as `check` does: each file alone, then again where
    /// its list wants otherwise.
    fn lint(&self, settings: &Settings) -> Linted {
        let lint = |source: &Source, list: Option<&Conventions>| {
            let ignored = settings.ignored_rules(&source.path);
            let options = LintOptions {
                ignored: &ignored,
                url_records: false,
                budget: None,
                list,
                responses: None,
            };
            settings.linter().lint(&source.text, &options)
        };
        let first: Vec<_> = self.sources.par_iter().map(|s| lint(s, None)).collect();
        let mut tally = Tally::default();
        for linted in &first {
            tally.merge(&linted.learned.tally);
        }
        let conventions = Conventions::of_list(&tally);
        let diagnostics = first
            .into_par_iter()
            .zip(&self.sources)
            .map(|(linted, source)| {
                if linted.learned.needs_relint(&conventions) {
                    lint(source, Some(&conventions)).diagnostics
                } else {
                    linted.diagnostics
                }
            })
            .collect();
        Linted {
            conventions,
            tally,
            diagnostics,
        }
    }

    /// The configuration for `target`: every setting that leaves the
    /// findings as they are, the rest commented out.
    fn configuration(&self, target: &Path) -> Result<String, ConfigError> {
        let without = self.lint(&self.baseline);
        let mut choices: Vec<Choice> = Aspect::ALL
            .into_iter()
            .map(|aspect| Choice::of(aspect, &without, &self.baseline))
            .collect();
        let extend = self
            .baseline
            .config_path
            .as_deref()
            .map(|parent| relative(&absolute(&self.dir), parent));
        let findings_without = by_rule(&without.diagnostics);
        // Each round drops the settings that changed their rule's findings;
        // the last writes none that does.
        for _ in 0..=choices.len() {
            let text = self.render(&without, &choices, extend.as_deref());
            let loaded = LoadedFile::parse(target, text.clone())?.with_parents()?;
            let settings = Settings::from_chain(&loaded, &Overrides::default())?;
            let with = by_rule(&self.lint(&settings).diagnostics);
            let mut dropped = false;
            for choice in &mut choices {
                let rule = choice.rule;
                let (before, after) = (findings_without.get(rule), with.get(rule));
                if choice.written.is_some() && before != after {
                    let count = |found: Option<&Vec<String>>| found.map_or(0, Vec::len);
                    choice.written = None;
                    choice.why_not = Some(format!(
                        "left to what is learned: as a setting it would hold files or sections \
                         that keep to a convention of their own (`mdlinks check --show-settings`) \
                         to this one, with {} {rule} findings instead of {}",
                        thousands(count(after) as u32),
                        thousands(count(before) as u32),
                    ));
                    dropped = true;
                }
            }
            if !dropped {
                return Ok(text);
            }
        }
        unreachable!("each round but the last drops a setting")
    }

    fn render(&self, linted: &Linted, choices: &[Choice], extend: Option<&str>) -> String {
        let mut out = String::new();
        let files = self.sources.len();
        let _ = writeln!(
            out,
            "# mdlinks.toml for the list in {} ({} {}, {} list items), written by\n\
             # `mdlinks init`. Each setting is a convention mdlinks learned from the\n\
             # list, with what it observed: `mdlinks check` finds the same with them as\n\
             # without. Change one to hold the list to another choice; see\n\
             # `mdlinks explain <rule>` and `mdlinks check --show-settings`.",
            self.dir.display(),
            thousands(files as u32),
            if files == 1 { "file" } else { "files" },
            thousands(linted.tally.total(Aspect::Marker)),
        );
        if self.other_lists > 0 {
            let _ = writeln!(
                out,
                "# (Not in this list: {} below, governed by an mdlinks.toml of their own.)",
                super::tally::plural(self.other_lists, "file", "files")
            );
        }
        if let Some(extend) = extend {
            let _ = writeln!(
                out,
                "\n# The configuration that held here before, inherited.\nextend = {}",
                toml_string(extend)
            );
        }
        let unset: Vec<&Choice> = choices.iter().filter(|c| c.key.is_none()).collect();
        if !unset.is_empty() {
            out.push_str("\n# Also learned, with no option to set:\n");
            for choice in unset {
                let _ = writeln!(out, "#   {}: {}", choice.aspect.name(), choice.observed);
            }
        }
        for choice in choices.iter().filter(|c| c.key.is_some()) {
            let key = choice.key.unwrap_or_default();
            let _ = writeln!(out, "\n[rules.{}]", choice.rule);
            let _ = writeln!(out, "# {}: {}", choice.aspect.name(), choice.observed);
            if let Some(why_not) = &choice.why_not {
                out.push_str(&comment(&format!("({why_not})")));
            }
            match (&choice.written, &choice.value) {
                (Some(value), _) => {
                    let _ = writeln!(out, "{key} = {value}");
                }
                (None, Some(value)) => {
                    let _ = writeln!(out, "# {key} = {value}");
                }
                (None, None) => {}
            }
        }
        out
    }
}

/// What the configuration says of one aspect.
struct Choice {
    aspect: Aspect,
    rule: &'static str,
    /// The option, where the aspect has one.
    key: Option<&'static str>,
    /// What the list does, as `--show-settings` says it.
    observed: String,
    /// The value as TOML, written or commented out.
    value: Option<String>,
    /// The value written as a setting.
    written: Option<String>,
    /// Why the value is commented out.
    why_not: Option<String>,
}

impl Choice {
    fn of(aspect: Aspect, linted: &Linted, baseline: &Settings) -> Self {
        let (rule, option) = enforced_by(aspect);
        let found = linted.conventions.get(aspect);
        let mut choice = Choice {
            aspect,
            rule,
            key: option.map(|(key, _)| key),
            observed: verdict(found),
            value: None,
            written: None,
            why_not: None,
        };
        let Some(key) = choice.key else {
            return choice;
        };
        if !baseline.runs(rule) {
            choice.why_not = Some(format!("{rule} is off"));
            return choice;
        }
        if let Some(set) = baseline.rule_option(rule, key) {
            choice.why_not = Some("set by the configuration extended".into());
            choice.value = Some(set.to_string());
            return choice;
        }
        let value = match *found {
            Verdict::Follows { value, .. } | Verdict::House(value) => value,
            Verdict::Mixed { leader, .. } => leader,
        };
        choice.value = option_value(value);
        match (found, &choice.value) {
            (_, None) => {
                choice.why_not = Some(format!("the option `{key}` cannot say {value}"));
            }
            (Verdict::Mixed { .. }, _) => {
                choice.why_not = Some("not enforced; uncomment to enforce".into());
            }
            (Verdict::House(_), _) => {
                choice.why_not = Some(
                    "too few items to tell: the house style holds; uncomment to keep to it as the list grows"
                        .into(),
                );
            }
            (
                Verdict::Follows {
                    value: Value::End(End::Bare),
                    ..
                },
                _,
            ) => {
                choice.why_not = Some(
                    "a list that keeps to no period is not held to it: a final period is no \
                     finding; uncomment to report one"
                        .into(),
                );
            }
            (Verdict::Follows { .. }, Some(value)) => choice.written = Some(value.clone()),
        }
        choice
    }
}

/// `value` as its rule's option writes it, where the option can say it.
fn option_value(value: Value) -> Option<String> {
    match value {
        Value::Marker(marker) => Some(toml_string(&char::from(marker).to_string())),
        Value::Indent(Indent::Spaces(n @ 2..=4)) => Some(n.to_string()),
        Value::Indent(Indent::Tab) => Some(toml_string("tab")),
        Value::Indent(Indent::Spaces(_)) => None,
        Value::Separator(separator) => Some(toml_string(separator.written())),
        Value::End(End::Period) => Some(toml_string("period")),
        Value::End(End::Bare) => Some(toml_string("none")),
        Value::Separated(_) | Value::Start(_) => None,
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::from(text).to_string()
}

/// `(list uses `*` for 1,954 of 1,956 items)`: what a finding says of a
/// learned convention, which a configured one does not.
static EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r" \((?:list|file|section) uses .* for [0-9,]+ of [0-9,]+ items\)$")
        .expect("evidence regex")
});

/// The findings of each rule, as what tells them apart: file, place,
/// message (without evidence), severity and fix.
fn by_rule(diagnostics: &[Vec<Diagnostic>]) -> BTreeMap<&'static str, Vec<String>> {
    let mut rules: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (file, found) in diagnostics.iter().enumerate() {
        for d in found {
            rules.entry(d.rule).or_default().push(format!(
                "{file} {}..{} {:?} {:?} {}",
                d.span.start,
                d.span.end,
                d.severity,
                d.fix_applicability(),
                EVIDENCE.replace(&d.message, "")
            ));
        }
    }
    for found in rules.values_mut() {
        found.sort();
    }
    rules
}

fn absolute(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    cwd.join(path).components().collect()
}

/// `to` as a path relative to the directory `from` (both absolute), with
/// `/` between its parts, as `extend` is written.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// `text` as comment lines of at most 78 columns (a word longer stays whole).
fn comment(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() > 1 && line.len() + 1 + word.len() > 78 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}
