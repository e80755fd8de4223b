//! Resolving a configuration file (or none) and the command line's
//! overrides into the settings one file is linted with.

use super::error::ConfigError;
use super::file::{ConfigFile, LoadedFile, RuleTable};
use crate::diagnostic::Severity;
use crate::files::{DEFAULT_MAX_FILE_SIZE, FileSize};
use crate::linter::{ConfiguredRule, Linter};
use crate::online::{OnlineSection, OnlineSettings};
use crate::report::OutputFormat;
use crate::rules::{ALL, REGISTRY, RuleEntry, find, suggest_selection};
use globset::{GlobBuilder, GlobMatcher};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// What the command line says on top of (or instead of) the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--select`: replaces the file's `select` and `extend-select`.
    pub select: Option<Vec<String>>,
    /// `--extend-select`: added to it.
    pub extend_select: Vec<String>,
    /// `--ignore`: added to the file's `ignore`.
    pub ignore: Vec<String>,
    /// `--unsafe-fixes`.
    pub unsafe_fixes: bool,
    /// `--strict`.
    pub strict: bool,
    pub output_format: Option<OutputFormat>,
    /// `--max-file-size`.
    pub max_file_size: Option<FileSize>,
}

impl Overrides {
    /// Every rule name given on the command line must exist.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let lists = [
            ("--select", self.select.as_deref().unwrap_or_default()),
            ("--extend-select", &self.extend_select[..]),
            ("--ignore", &self.ignore[..]),
        ];
        for (flag, names) in lists {
            if let Some(name) = names.iter().find(|n| *n != ALL && find(n).is_none()) {
                return Err(ConfigError::UnknownCliRule {
                    name: name.clone(),
                    flag,
                    help: suggest_selection(name),
                });
            }
        }
        Ok(())
    }
}

/// The rules `names` stand for: each its own, `ALL` every one. The names
/// are known to exist (see [`Overrides::validate`]).
fn expand(names: &[String]) -> Vec<&'static str> {
    let mut rules = Vec::new();
    for name in names {
        if name == ALL {
            rules.extend(REGISTRY.iter().map(|e| e.meta.name));
        } else if let Some(entry) = find(name) {
            rules.push(entry.meta.name);
        }
    }
    rules
}

/// How one file is linted and fixed.
pub struct Settings {
    /// The configuration file these settings come from, if any.
    pub config_path: Option<PathBuf>,
    /// The files it extends, the nearest first.
    pub extends: Vec<PathBuf>,
    pub linter: Linter,
    exclude: Vec<RootedGlob>,
    per_file_ignores: Vec<(RootedGlob, Vec<&'static str>)>,
    pub unsafe_fixes: bool,
    pub strict: bool,
    pub output_format: Option<OutputFormat>,
    /// `cross-file = true`: duplicate URLs across the files of a run.
    pub cross_file: bool,
    /// Files larger than this are not read: the worst inputs cost hundreds
    /// of times their size in memory (see [`DEFAULT_MAX_FILE_SIZE`]).
    pub max_file_size: FileSize,
    /// `online = true` or `[online]`: how `--online` asks the network.
    pub online: OnlineSettings,
    /// The effective configuration, for `mdlinks config`.
    effective: toml::Table,
    /// Which file set each key of `effective` that a file set, where
    /// configuration files extend others.
    origins: Vec<(String, PathBuf)>,
    /// A hash of all that decides the findings (see [`Settings::fingerprint`]).
    fingerprint: u64,
}

/// A glob of `exclude` or `per-file-ignores`, with the directory of the
/// file that set it: it stays relative to that file when another extends it.
struct RootedGlob {
    root: PathBuf,
    matcher: GlobMatcher,
}

impl Settings {
    /// Settings without a configuration file: defaults plus overrides.
    pub fn defaults(root: &Path, overrides: &Overrides) -> Result<Self, ConfigError> {
        Resolution::new(&[], overrides).resolve(root)
    }

    /// Settings from a configuration file alone (it extends no other).
    pub fn from_file(loaded: &LoadedFile, overrides: &Overrides) -> Result<Self, ConfigError> {
        Self::from_chain(std::slice::from_ref(loaded), overrides)
    }

    /// Settings from a configuration file and those it extends, the most
    /// distant first (see [`LoadedFile::read_chain`]).
    pub fn from_chain(chain: &[LoadedFile], overrides: &Overrides) -> Result<Self, ConfigError> {
        let last = chain.last().expect("a chain has a file");
        Resolution::new(chain, overrides).resolve(&dir_of(&last.path))
    }

    /// A hash of all that decides a file's findings: the rules, their
    /// options and severities, `prose-sections`, `per-file-ignores` and the
    /// directories its globs are relative to. Not the output format, `strict`
    /// or `exclude`, which change what is shown or linted, not what is
    /// found. The results cache keeps findings under it.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Whether a file found by walking is excluded by `exclude`.
    pub fn is_excluded(&self, path: &Path) -> bool {
        // Making the path relative asks the system for the working
        // directory: not for every file when there is nothing to match.
        if self.exclude.is_empty() {
            return false;
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.exclude.iter().any(|glob| glob.is_match(&absolute))
    }

    /// The linter these settings make.
    pub fn linter(&self) -> &Linter {
        &self.linter
    }

    /// The rules `per-file-ignores` switches off for the file at `path`.
    pub fn ignored_rules(&self, path: &Path) -> Vec<&'static str> {
        if self.per_file_ignores.is_empty() {
            return Vec::new();
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.per_file_ignores
            .iter()
            .filter(|(glob, _)| glob.is_match(&absolute))
            .flat_map(|(_, rules)| rules.iter().copied())
            .collect()
    }

    /// `option` of `rule` as the configuration sets it: `None` where it
    /// leaves it to the list's conventions, or the rule does not run.
    pub fn rule_option(&self, rule: &str, option: &str) -> Option<&toml::Value> {
        self.effective.get("rules")?.get(rule)?.get(option)
    }

    /// The file that set `key` (`rules.list-marker.marker`), where files
    /// extend others: `None` for a key none set, or a single file.
    pub fn origin(&self, key: &str) -> Option<&Path> {
        self.origins
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, path)| path.as_path())
            .filter(|_| !self.extends.is_empty())
    }

    /// Whether `rule` runs under these settings.
    pub fn runs(&self, rule: &str) -> bool {
        self.effective
            .get("rules")
            .and_then(|rules| rules.get(rule))
            .and_then(|rule| rule.get("severity"))
            .is_some_and(|severity| severity.as_str() != Some("off"))
    }

    /// The effective configuration as TOML, with where it came from.
    pub fn to_toml(&self) -> String {
        let mut origin = match &self.config_path {
            Some(path) => format!("# Configuration from {}", path.display()),
            None => "# No mdlinks.toml found: built-in defaults".to_owned(),
        };
        for parent in &self.extends {
            origin.push_str(&format!("\n#   extending {}", parent.display()));
        }
        if !self.extends.is_empty() {
            origin.push_str("\n# Where each key set by a file comes from:");
            for (key, path) in &self.origins {
                origin.push_str(&format!("\n#   {key} = {}", path.display()));
            }
        }
        let body = toml::to_string(&self.effective).unwrap_or_default();
        format!("{origin}\n{body}")
    }
}

impl RootedGlob {
    /// Whether `absolute`, made relative to the glob's directory, matches.
    fn is_match(&self, absolute: &Path) -> bool {
        let relative = absolute.strip_prefix(&self.root).unwrap_or(absolute);
        self.matcher.is_match(relative)
    }
}

/// The directory of a configuration file, absolute (`--config pfi.toml`
/// has the parent "", which no path is under).
fn dir_of(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned())
}

/// One configuration file of a chain, and where its mistakes are reported.
struct Layer<'a> {
    file: &'a LoadedFile,
}

/// A rule option as merged from a chain: the layer that set it, its key
/// and value with their spans there.
type MergedOption = (usize, Spanned<String>, Spanned<toml::Value>);

impl<'a> Layer<'a> {
    fn error(&self, span: Range<usize>, message: String, help: Option<String>) -> ConfigError {
        ConfigError::invalid(&self.file.path, &self.file.source, span, message, help)
    }

    /// `online = true` or the `[online]` table, checked.
    fn online(&self, value: &Spanned<toml::Value>) -> Result<OnlineSettings, ConfigError> {
        let section = match value.get_ref() {
            toml::Value::Boolean(enabled) => Ok(OnlineSection {
                enabled: *enabled,
                ..OnlineSection::default()
            }),
            toml::Value::Table(table) => table
                .clone()
                .try_into::<OnlineSection>()
                .map_err(|err| err.message().trim().replace('\n', " ")),
            _ => Err("`online` is `true`, `false` or a table `[online]`".to_owned()),
        };
        section
            .and_then(|section| section.resolve())
            .map_err(|message| {
                self.error(
                    value.span(),
                    format!("online: {message}"),
                    Some("see the README's section on `--online`".into()),
                )
            })
    }

    /// Rule names from the file, checked against the registry; `ALL` is
    /// every rule.
    fn rule_names(&self, names: &[Spanned<String>]) -> Result<Vec<&'static str>, ConfigError> {
        let mut rules = Vec::new();
        for name in names {
            if name.get_ref() == ALL {
                rules.extend(REGISTRY.iter().map(|e| e.meta.name));
            } else {
                rules.push(self.rule_name(name)?);
            }
        }
        Ok(rules)
    }

    /// A rule name from the file, checked against the registry.
    fn rule_name(&self, name: &Spanned<String>) -> Result<&'static str, ConfigError> {
        match find(name.get_ref()) {
            Some(entry) => Ok(entry.meta.name),
            None => Err(self.error(
                name.span(),
                format!("unknown rule `{}`", name.get_ref()),
                Some(suggest_selection(name.get_ref())),
            )),
        }
    }

    /// A glob of this file, relative to its directory.
    fn glob(&self, pattern: &Spanned<String>) -> Result<RootedGlob, ConfigError> {
        // A pattern without `/` matches a file name at any depth, as in
        // .gitignore; with a `/` it is anchored at the config's directory.
        let text = pattern.get_ref();
        let anchored = if text.contains('/') {
            text.trim_start_matches("./").to_owned()
        } else {
            format!("**/{text}")
        };
        let matcher = GlobBuilder::new(&anchored)
            .literal_separator(true)
            .build()
            .map(|g| g.compile_matcher())
            .map_err(|e| self.error(pattern.span(), format!("invalid glob: {}", e.kind()), None))?;
        Ok(RootedGlob {
            root: dir_of(&self.file.path),
            matcher,
        })
    }

    /// Removes `severity` from a rule table: `None` if absent, `Some(None)`
    /// for "off", `Some(Some(level))` otherwise.
    #[allow(clippy::option_option)]
    fn take_severity(
        &self,
        table: &mut RuleTable,
    ) -> Result<Option<Option<Severity>>, ConfigError> {
        let key = table.keys().find(|k| k.get_ref() == "severity").cloned();
        let Some(key) = key else {
            return Ok(None);
        };
        let value = table.remove(&key).expect("key just found");
        match value.get_ref().as_str() {
            Some("error") => Ok(Some(Some(Severity::Error))),
            Some("warning") => Ok(Some(Some(Severity::Warning))),
            Some("off") => Ok(Some(None)),
            _ => Err(self.error(
                value.span(),
                format!("invalid severity `{}`", value.get_ref()),
                Some("use \"error\", \"warning\" or \"off\"".into()),
            )),
        }
    }
}

/// A `per-file-ignores` entry of a chain: the layer that set it, its glob
/// and rule names.
type IgnoresOfGlob<'a> = (usize, &'a Spanned<String>, &'a Vec<Spanned<String>>);

/// One resolution of a chain of files (or none) plus overrides into
/// settings.
///
/// Files of a chain merge as in ruff's `extend`: a later file's key
/// replaces an earlier one's (arrays whole), tables merge key by key
/// (`[fix]`, each `[rules.<name>]`, `[per-file-ignores]` by glob), and rule
/// selection is layered: each file's `select` starts afresh from its list,
/// its `extend-select` adds and its `ignore` removes, on what the files
/// before it left. The command line comes last.
struct Resolution<'a> {
    layers: Vec<Layer<'a>>,
    overrides: &'a Overrides,
}

impl<'a> Resolution<'a> {
    fn new(chain: &'a [LoadedFile], overrides: &'a Overrides) -> Self {
        Resolution {
            layers: chain.iter().map(|file| Layer { file }).collect(),
            overrides,
        }
    }

    /// The last file of the chain that sets a key, with its value.
    fn last_set<T: ?Sized>(
        &self,
        key: impl Fn(&'a ConfigFile) -> Option<&'a T>,
    ) -> Option<(&'a T, usize)> {
        self.layers
            .iter()
            .enumerate()
            .rev()
            .find_map(|(at, layer)| key(&layer.file.config).map(|value| (value, at)))
    }

    fn resolve(&self, root: &Path) -> Result<Settings, ConfigError> {
        self.overrides.validate()?;
        let mut origins: Vec<(String, usize)> = Vec::new();

        let mut enabled: BTreeSet<&'static str> = match &self.overrides.select {
            Some(names) => expand(names).into_iter().collect(),
            None => REGISTRY
                .iter()
                .filter(|e| e.meta.enabled_by_default)
                .map(|e| e.meta.name)
                .collect(),
        };
        let mut severities: Vec<(&'static str, Severity)> = Vec::new();
        let mut options: Vec<(&'static str, BTreeMap<String, MergedOption>)> = Vec::new();
        for (at, layer) in self.layers.iter().enumerate() {
            let config = &layer.file.config;
            let select = config
                .select
                .as_ref()
                .map(|names| layer.rule_names(names))
                .transpose()?;
            let extend = layer.rule_names(&config.extend_select)?;
            // `--select` means "only these": the files' lists yield to it.
            if self.overrides.select.is_none() {
                if let Some(select) = select {
                    enabled = select.into_iter().collect();
                    origins.push(("select".into(), at));
                }
                enabled.extend(extend);
            }
            // `[rules.<name>]`: severity (which may switch a rule on or
            // off), options.
            for (name, table) in &config.rules {
                let name = layer.rule_name(name)?;
                let mut table = table.clone();
                let severity = layer.take_severity(&mut table)?;
                if severity.is_some() {
                    origins.push((format!("rules.{name}.severity"), at));
                }
                match severity {
                    Some(None) => {
                        enabled.remove(name);
                    }
                    Some(Some(severity)) => {
                        enabled.insert(name);
                        severities.retain(|(n, _)| *n != name);
                        severities.push((name, severity));
                    }
                    None => {}
                }
                let merged = match options.iter().position(|(n, _)| *n == name) {
                    Some(found) => &mut options[found].1,
                    None => {
                        options.push((name, BTreeMap::new()));
                        &mut options.last_mut().expect("just pushed").1
                    }
                };
                for (key, value) in table {
                    origins.push((format!("rules.{name}.{}", key.get_ref()), at));
                    merged.insert(key.get_ref().clone(), (at, key, value));
                }
            }
            for name in layer.rule_names(&config.ignore)? {
                enabled.remove(name);
            }
        }
        enabled.extend(expand(&self.overrides.extend_select));
        for name in expand(&self.overrides.ignore) {
            enabled.remove(name);
        }

        let mut rules = Vec::new();
        let mut effective_rules = toml::Table::new();
        for entry in REGISTRY {
            let name = entry.meta.name;
            let table = options.iter().find(|(n, _)| *n == name).map(|(_, t)| t);
            // Options of a rule that is off are still checked: a typo there
            // would otherwise surface only when someone switches it on.
            let rule = self.build(entry, table)?;
            if !enabled.contains(name) {
                continue;
            }
            let severity = severities
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(Severity::Error, |(_, s)| *s);
            let mut shown = (entry.default_options)();
            if let Some(table) = table {
                for (key, (_, _, value)) in table {
                    shown.insert(key.clone(), value.get_ref().clone());
                }
            }
            shown.insert("severity".into(), severity_name(severity).into());
            effective_rules.insert(name.into(), shown.into());
            rules.push(ConfiguredRule { rule, severity });
        }

        let prose_sections = match self.last_set(|c| c.prose_sections.as_deref()) {
            Some((sections, at)) => {
                origins.push(("prose-sections".into(), at));
                sections.to_vec()
            }
            None => vec!["Notes".to_owned()],
        };
        let mut exclude = Vec::new();
        let mut exclude_shown = Vec::new();
        if let Some((globs, at)) = self.last_set(|c| c.exclude.as_deref()) {
            origins.push(("exclude".into(), at));
            for glob in globs {
                exclude.push(self.layers[at].glob(glob)?);
                exclude_shown.push(toml::Value::from(glob.get_ref().clone()));
            }
        }
        // `[per-file-ignores]` merged by glob: a later file's list for a glob
        // replaces an earlier one's for the same glob.
        let mut ignores_by_glob: BTreeMap<String, IgnoresOfGlob> = BTreeMap::new();
        for (at, layer) in self.layers.iter().enumerate() {
            for (glob, names) in &layer.file.config.per_file_ignores {
                ignores_by_glob.insert(glob.get_ref().clone(), (at, glob, names));
            }
        }
        let mut per_file_ignores = Vec::new();
        let mut ignores_shown = toml::Table::new();
        let mut glob_roots = Vec::new();
        for (text, (at, glob, names)) in &ignores_by_glob {
            let layer = &self.layers[*at];
            origins.push((format!("per-file-ignores.\"{text}\""), *at));
            let glob = layer.glob(glob)?;
            glob_roots.push(glob.root.display().to_string());
            per_file_ignores.push((glob, layer.rule_names(names)?));
            let shown: Vec<toml::Value> =
                names.iter().map(|n| n.get_ref().clone().into()).collect();
            ignores_shown.insert(text.clone(), shown.into());
        }
        let mut scalar = |key: &str, at: Option<usize>| {
            if let Some(at) = at {
                origins.push((key.to_owned(), at));
            }
        };
        let fix_unsafe = self.last_set(|c| c.fix.unsafe_fixes.as_ref());
        scalar("fix.unsafe", fix_unsafe.map(|(_, at)| at));
        let strict = self.last_set(|c| c.strict.as_ref());
        scalar("strict", strict.map(|(_, at)| at));
        let cross_file = self.last_set(|c| c.cross_file.as_ref());
        scalar("cross-file", cross_file.map(|(_, at)| at));
        let output_format = self.last_set(|c| c.output_format.as_ref());
        scalar("output-format", output_format.map(|(_, at)| at));
        let max_file_size = self.last_set(|c| c.max_file_size.as_ref());
        scalar("max-file-size", max_file_size.map(|(_, at)| at));
        let online = self.last_set(|c| c.online.as_ref());
        scalar("online", online.map(|(_, at)| at));
        let online = match online {
            Some((value, at)) => self.layers[at].online(value)?,
            None => OnlineSettings::default(),
        };

        let unsafe_fixes =
            self.overrides.unsafe_fixes || fix_unsafe.is_some_and(|(value, _)| *value);
        let strict = self.overrides.strict || strict.is_some_and(|(value, _)| *value);
        let cross_file = cross_file.is_some_and(|(value, _)| *value);
        let output_format = self
            .overrides
            .output_format
            .or(output_format.map(|(format, _)| *format));
        let max_file_size = self
            .overrides
            .max_file_size
            .or(max_file_size.map(|(size, _)| *size))
            .unwrap_or(DEFAULT_MAX_FILE_SIZE);

        let mut effective = toml::Table::new();
        let selected: Vec<toml::Value> = rules.iter().map(|r| r.rule.meta().name.into()).collect();
        effective.insert("select".into(), selected.into());
        effective.insert("prose-sections".into(), prose_sections.clone().into());
        effective.insert("exclude".into(), exclude_shown.into());
        effective.insert("strict".into(), strict.into());
        effective.insert("cross-file".into(), cross_file.into());
        effective.insert("max-file-size".into(), max_file_size.exact().into());
        if let Some(format) = output_format {
            effective.insert("output-format".into(), format.name().into());
        }
        let mut fix = toml::Table::new();
        fix.insert("unsafe".into(), unsafe_fixes.into());
        effective.insert("fix".into(), fix.into());
        effective.insert("per-file-ignores".into(), ignores_shown.into());
        effective.insert("rules".into(), effective_rules.into());
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_owned());
        let fingerprint = fingerprint(&root, &glob_roots, &effective);
        // The last file to set a key is where its value comes from.
        let mut latest: BTreeMap<String, usize> = BTreeMap::new();
        for (key, at) in origins {
            let entry = latest.entry(key).or_insert(at);
            *entry = (*entry).max(at);
        }

        let path_of = |at: usize| self.layers[at].file.path.clone();
        Ok(Settings {
            config_path: self.layers.last().map(|l| l.file.path.clone()),
            extends: self
                .layers
                .iter()
                .rev()
                .skip(1)
                .map(|l| l.file.path.clone())
                .collect(),
            linter: Linter::with_rules(rules, prose_sections),
            exclude,
            per_file_ignores,
            unsafe_fixes,
            strict,
            output_format,
            cross_file,
            max_file_size,
            online,
            effective,
            origins: latest.into_iter().map(|(k, at)| (k, path_of(at))).collect(),
            fingerprint,
        })
    }

    /// Build a rule from its options as merged, pointing at the offending
    /// key or value, in the file that set it, when they do not fit.
    fn build(
        &self,
        entry: &RuleEntry,
        table: Option<&BTreeMap<String, MergedOption>>,
    ) -> Result<Box<dyn crate::rules::Rule>, ConfigError> {
        let Some(table) = table else {
            return Ok((entry.build_default)());
        };
        let plain: toml::Table = table
            .iter()
            .map(|(k, (_, _, v))| (k.clone(), v.get_ref().clone()))
            .collect();
        (entry.build)(plain).map_err(|err| {
            let message = err.message().trim().replace('\n', " ");
            let named = |prefix: &str| {
                message
                    .split_once(prefix)
                    .and_then(|(_, rest)| rest.split('`').next())
                    .map(str::to_owned)
            };
            let place = if let Some(field) = named("unknown field `") {
                table.get(&field).map(|(at, k, _)| (*at, k.span()))
            } else if let Some(field) = named("in `") {
                table.get(&field).map(|(at, _, v)| (*at, v.span()))
            } else {
                None
            };
            let (at, span) = place
                .or_else(|| table.values().next().map(|(at, k, _)| (*at, k.span())))
                .unwrap_or((self.layers.len() - 1, 0..0));
            self.layers[at].error(
                span,
                format!("rule `{}`: {message}", entry.meta.name),
                Some(format!(
                    "see `mdlinks explain {}` for its options",
                    entry.meta.name
                )),
            )
        })
    }
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// See [`Settings::fingerprint`]: the effective configuration's parts that
/// decide findings, hashed as `Debug` writes them (its tables keep their
/// keys sorted; unlike serialising, writing them cannot fail), with the
/// directories `per-file-ignores` globs are relative to.
fn fingerprint(root: &Path, glob_roots: &[String], effective: &toml::Table) -> u64 {
    let deciding: Vec<_> = ["select", "prose-sections", "per-file-ignores", "rules"]
        .iter()
        .map(|key| (key, effective.get(*key)))
        .collect();
    let text = format!("{}\n{glob_roots:?}\n{deciding:?}", root.display());
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}
