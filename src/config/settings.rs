//! Resolving a configuration file (or none) and the command line's
//! overrides into the settings one file is linted with.

use super::error::ConfigError;
use super::file::{LoadedFile, RuleTable};
use crate::diagnostic::Severity;
use crate::files::{DEFAULT_MAX_FILE_SIZE, FileSize};
use crate::linter::{ConfiguredRule, Linter};
use crate::online::{OnlineSection, OnlineSettings};
use crate::report::OutputFormat;
use crate::rules::{REGISTRY, RuleEntry, find, suggest};
use globset::{GlobBuilder, GlobMatcher};
use std::collections::BTreeSet;
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
                    help: suggest(name),
                });
            }
        }
        Ok(())
    }
}

/// The name that stands for every rule, off-by-default ones too, as in ruff.
pub const ALL: &str = "ALL";

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
    /// The directory `exclude` and `per-file-ignores` globs are relative to.
    root: PathBuf,
    pub linter: Linter,
    exclude: Vec<GlobMatcher>,
    per_file_ignores: Vec<(GlobMatcher, Vec<&'static str>)>,
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
    /// A hash of all that decides the findings (see [`Settings::fingerprint`]).
    fingerprint: u64,
}

impl Settings {
    /// Settings without a configuration file: defaults plus overrides.
    pub fn defaults(root: &Path, overrides: &Overrides) -> Result<Self, ConfigError> {
        Resolution::new(None, overrides).resolve(root)
    }

    pub fn from_file(loaded: &LoadedFile, overrides: &Overrides) -> Result<Self, ConfigError> {
        // `--config pfi.toml` has the parent "", which no path is under.
        let root = loaded
            .path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_owned();
        Resolution::new(Some(loaded), overrides).resolve(&root)
    }

    /// A hash of all that decides a file's findings: the rules, their
    /// options and severities, `prose-sections`, `per-file-ignores` and the
    /// directory its globs are relative to. Not the output format, `strict`
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
        let relative = self.relative(path);
        self.exclude.iter().any(|glob| glob.is_match(&relative))
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
        let relative = self.relative(path);
        self.per_file_ignores
            .iter()
            .filter(|(glob, _)| glob.is_match(&relative))
            .flat_map(|(_, rules)| rules.iter().copied())
            .collect()
    }

    fn relative(&self, path: &Path) -> PathBuf {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        absolute
            .strip_prefix(&self.root)
            .map(Path::to_owned)
            .unwrap_or(absolute)
    }

    /// `option` of `rule` as the configuration sets it: `None` where it
    /// leaves it to the list's conventions, or the rule does not run.
    pub fn rule_option(&self, rule: &str, option: &str) -> Option<&toml::Value> {
        self.effective.get("rules")?.get(rule)?.get(option)
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
        let origin = match &self.config_path {
            Some(path) => format!("# Configuration from {}", path.display()),
            None => "# No mdlinks.toml found: built-in defaults".to_owned(),
        };
        let body = toml::to_string(&self.effective).unwrap_or_default();
        format!("{origin}\n{body}")
    }
}

/// One resolution of a file plus overrides into settings.
struct Resolution<'a> {
    file: Option<&'a LoadedFile>,
    overrides: &'a Overrides,
}

impl<'a> Resolution<'a> {
    fn new(file: Option<&'a LoadedFile>, overrides: &'a Overrides) -> Self {
        Resolution { file, overrides }
    }

    fn error(&self, span: Range<usize>, message: String, help: Option<String>) -> ConfigError {
        let file = self.file.expect("only file contents have spans");
        ConfigError::invalid(&file.path, &file.source, span, message, help)
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
                Some(suggest(name.get_ref())),
            )),
        }
    }

    fn glob(&self, pattern: &Spanned<String>) -> Result<GlobMatcher, ConfigError> {
        // A pattern without `/` matches a file name at any depth, as in
        // .gitignore; with a `/` it is anchored at the config's directory.
        let text = pattern.get_ref();
        let anchored = if text.contains('/') {
            text.trim_start_matches("./").to_owned()
        } else {
            format!("**/{text}")
        };
        GlobBuilder::new(&anchored)
            .literal_separator(true)
            .build()
            .map(|g| g.compile_matcher())
            .map_err(|e| self.error(pattern.span(), format!("invalid glob: {}", e.kind()), None))
    }

    fn resolve(&self, root: &Path) -> Result<Settings, ConfigError> {
        self.overrides.validate()?;
        let empty = Default::default();
        let config = self.file.map_or(&empty, |f| &f.config);

        let mut enabled: BTreeSet<&'static str> = match (&self.overrides.select, &config.select) {
            (Some(names), _) => expand(names).into_iter().collect(),
            (None, Some(names)) => self.rule_names(names)?.into_iter().collect(),
            (None, None) => REGISTRY
                .iter()
                .filter(|e| e.meta.enabled_by_default)
                .map(|e| e.meta.name)
                .collect(),
        };
        // `--select` means "only these": the file's extend-select yields to it.
        let extend = self.rule_names(&config.extend_select)?;
        if self.overrides.select.is_none() {
            enabled.extend(extend);
        }
        enabled.extend(expand(&self.overrides.extend_select));

        // `[rules.<name>]`: severity (which may switch a rule on or off), options.
        let mut severities = Vec::new();
        let mut options = Vec::new();
        for (name, table) in &config.rules {
            let name = self.rule_name(name)?;
            let mut table = table.clone();
            let severity = self.take_severity(&mut table)?;
            match severity {
                Some(None) => {
                    enabled.remove(name);
                }
                Some(Some(severity)) => {
                    enabled.insert(name);
                    severities.push((name, severity));
                }
                None => {}
            }
            options.push((name, table));
        }

        for name in self.rule_names(&config.ignore)? {
            enabled.remove(name);
        }
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
                for (key, value) in table {
                    shown.insert(key.get_ref().clone(), value.get_ref().clone());
                }
            }
            shown.insert("severity".into(), severity_name(severity).into());
            effective_rules.insert(name.into(), shown.into());
            rules.push(ConfiguredRule { rule, severity });
        }

        let prose_sections = config
            .prose_sections
            .clone()
            .unwrap_or_else(|| vec!["Notes".to_owned()]);
        let exclude = config
            .exclude
            .iter()
            .map(|g| self.glob(g))
            .collect::<Result<Vec<_>, _>>()?;
        let mut per_file_ignores = Vec::new();
        for (glob, names) in &config.per_file_ignores {
            per_file_ignores.push((self.glob(glob)?, self.rule_names(names)?));
        }
        let unsafe_fixes = self.overrides.unsafe_fixes || config.fix.unsafe_fixes.unwrap_or(false);
        let strict = self.overrides.strict || config.strict.unwrap_or(false);
        let cross_file = config.cross_file.unwrap_or(false);
        let output_format = self.overrides.output_format.or(config.output_format);
        let max_file_size = self
            .overrides
            .max_file_size
            .or(config.max_file_size)
            .unwrap_or(DEFAULT_MAX_FILE_SIZE);

        let online = self.online(config.online.as_ref())?;

        let mut effective = toml::Table::new();
        let selected: Vec<toml::Value> = rules.iter().map(|r| r.rule.meta().name.into()).collect();
        effective.insert("select".into(), selected.into());
        effective.insert("prose-sections".into(), prose_sections.clone().into());
        let globs = |list: &[Spanned<String>]| -> toml::Value {
            list.iter()
                .map(|g| g.get_ref().clone())
                .collect::<Vec<_>>()
                .into()
        };
        effective.insert("exclude".into(), globs(&config.exclude));
        effective.insert("strict".into(), strict.into());
        effective.insert("cross-file".into(), cross_file.into());
        effective.insert("max-file-size".into(), max_file_size.exact().into());
        if let Some(format) = output_format {
            effective.insert("output-format".into(), format.name().into());
        }
        let mut fix = toml::Table::new();
        fix.insert("unsafe".into(), unsafe_fixes.into());
        effective.insert("fix".into(), fix.into());
        let mut ignores = toml::Table::new();
        for (glob, names) in &config.per_file_ignores {
            ignores.insert(glob.get_ref().clone(), globs(names));
        }
        effective.insert("per-file-ignores".into(), ignores.into());
        effective.insert("rules".into(), effective_rules.into());
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_owned());
        let fingerprint = fingerprint(&root, &effective);

        Ok(Settings {
            config_path: self.file.map(|f| f.path.clone()),
            root,
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
            fingerprint,
        })
    }

    /// `online = true` or the `[online]` table, checked.
    fn online(&self, value: Option<&Spanned<toml::Value>>) -> Result<OnlineSettings, ConfigError> {
        let Some(value) = value else {
            return Ok(OnlineSettings::default());
        };
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

    /// Build a rule from its options, pointing at the offending key or value
    /// when they do not fit.
    fn build(
        &self,
        entry: &RuleEntry,
        table: Option<&RuleTable>,
    ) -> Result<Box<dyn crate::rules::Rule>, ConfigError> {
        let Some(table) = table else {
            return Ok((entry.build_default)());
        };
        let plain: toml::Table = table
            .iter()
            .map(|(k, v)| (k.get_ref().clone(), v.get_ref().clone()))
            .collect();
        (entry.build)(plain).map_err(|err| {
            let message = err.message().trim().replace('\n', " ");
            let named = |prefix: &str| {
                message
                    .split_once(prefix)
                    .and_then(|(_, rest)| rest.split('`').next())
                    .map(str::to_owned)
            };
            let span = if let Some(field) = named("unknown field `") {
                table
                    .keys()
                    .find(|k| *k.get_ref() == field)
                    .map(|k| k.span())
            } else if let Some(field) = named("in `") {
                table
                    .iter()
                    .find(|(k, _)| *k.get_ref() == field)
                    .map(|(_, v)| v.span())
            } else {
                None
            };
            let span = span
                .or_else(|| table.keys().next().map(|k| k.span()))
                .unwrap_or(0..0);
            self.error(
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
/// keys sorted; unlike serialising, writing them cannot fail).
fn fingerprint(root: &Path, effective: &toml::Table) -> u64 {
    let deciding: Vec<_> = ["select", "prose-sections", "per-file-ignores", "rules"]
        .iter()
        .map(|key| (key, effective.get(*key)))
        .collect();
    let text = format!("{}\n{deciding:?}", root.display());
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}
