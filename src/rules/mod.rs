//! The rules, one module each, and the registry: the one list of every
//! rule (what a rule is: `crate::rule`).

use crate::rule::did_you_mean;
pub use crate::rule::{FixAvailability, Rule, RuleMeta};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub mod bare_url;
pub mod broken_link;
pub mod dead_link;
pub mod description_case;
pub mod description_dash;
pub mod description_period;
pub mod duplicate_title;
pub mod duplicate_url;
pub mod empty_link;
pub mod github_readme;
pub mod hn_suffix;
pub mod item_whitespace;
pub mod list_indent;
pub mod list_marker;
pub mod moved_link;
pub mod name_casing;
pub mod suffix_format;
pub mod suppression_comment;
pub mod title_format;
pub mod trailing_space;
pub mod url_https;
pub mod url_tracking;
pub mod year_parens;

/// Makes a rule from its `[rules.<name>]` options.
pub type BuildRule = fn(toml::Table) -> Result<Box<dyn Rule>, toml::de::Error>;

/// How to make a rule from its options, and what its defaults are.
pub struct RuleEntry {
    pub meta: &'static RuleMeta,
    pub build: BuildRule,
    /// Makes the rule with its default options.
    pub build_default: fn() -> Box<dyn Rule>,
    /// The default options, for `mdlinks rules` and `mdlinks config`.
    pub default_options: fn() -> toml::Table,
    /// The JSON schema of the options, for mdlinks.schema.json.
    pub schema: fn(&mut SchemaGenerator) -> Schema,
}

impl RuleEntry {
    pub const fn of<R>(meta: &'static RuleMeta) -> Self
    where
        R: Rule + Default + DeserializeOwned + Serialize + JsonSchema + 'static,
    {
        RuleEntry {
            meta,
            build: build::<R>,
            build_default: build_default::<R>,
            default_options: default_options::<R>,
            schema: R::json_schema,
        }
    }
}

fn build<R>(options: toml::Table) -> Result<Box<dyn Rule>, toml::de::Error>
where
    R: Rule + DeserializeOwned + 'static,
{
    Ok(Box::new(options.try_into::<R>()?))
}

fn build_default<R: Rule + Default + 'static>() -> Box<dyn Rule> {
    Box::new(R::default())
}

fn default_options<R: Default + Serialize>() -> toml::Table {
    toml::Table::try_from(R::default()).unwrap_or_default()
}

/// Every rule mdlinks has, in the order they are documented.
/// (`suppression-comment` is given the names of the others.)
pub static REGISTRY: &[RuleEntry] = &[
    RuleEntry::of::<title_format::TitleFormat>(&title_format::META),
    RuleEntry::of::<item_whitespace::ItemWhitespace>(&item_whitespace::META),
    RuleEntry::of::<description_dash::DescriptionDash>(&description_dash::META),
    RuleEntry::of::<description_case::DescriptionCase>(&description_case::META),
    RuleEntry::of::<description_period::DescriptionPeriod>(&description_period::META),
    RuleEntry::of::<year_parens::YearParens>(&year_parens::META),
    RuleEntry::of::<hn_suffix::HnSuffix>(&hn_suffix::META),
    RuleEntry::of::<suffix_format::SuffixFormat>(&suffix_format::META),
    RuleEntry {
        meta: &suppression_comment::META,
        build: |options| {
            let mut rule: suppression_comment::SuppressionComment = options.try_into()?;
            rule.known = names();
            Ok(Box::new(rule))
        },
        build_default: || Box::new(suppression_comment::SuppressionComment { known: names() }),
        default_options: default_options::<suppression_comment::SuppressionComment>,
        schema: suppression_comment::SuppressionComment::json_schema,
    },
    RuleEntry::of::<broken_link::BrokenLink>(&broken_link::META),
    RuleEntry::of::<empty_link::EmptyLink>(&empty_link::META),
    RuleEntry::of::<bare_url::BareUrl>(&bare_url::META),
    RuleEntry::of::<url_tracking::UrlTracking>(&url_tracking::META),
    RuleEntry::of::<url_https::UrlHttps>(&url_https::META),
    RuleEntry::of::<github_readme::GithubReadme>(&github_readme::META),
    RuleEntry::of::<duplicate_url::DuplicateUrl>(&duplicate_url::META),
    RuleEntry::of::<duplicate_title::DuplicateTitle>(&duplicate_title::META),
    RuleEntry::of::<dead_link::DeadLink>(&dead_link::META),
    RuleEntry::of::<moved_link::MovedLink>(&moved_link::META),
    RuleEntry::of::<name_casing::NameCasing>(&name_casing::META),
    RuleEntry::of::<list_marker::ListMarker>(&list_marker::META),
    RuleEntry::of::<list_indent::ListIndent>(&list_indent::META),
    RuleEntry::of::<trailing_space::TrailingSpace>(&trailing_space::META),
];

/// The name that stands for every rule, off-by-default ones too, as in ruff.
pub const ALL: &str = "ALL";

pub fn find(name: &str) -> Option<&'static RuleEntry> {
    REGISTRY.iter().find(|entry| entry.meta.name == name)
}

/// "did you mean `x`?" for a misspelt rule name, or the list of rules.
pub fn suggest(name: &str) -> String {
    did_you_mean(name, &names())
}

/// As [`suggest`], where `ALL` may be meant too (`select`, `ignore`).
pub fn suggest_selection(name: &str) -> String {
    match name.eq_ignore_ascii_case(ALL) {
        true => format!("did you mean `{ALL}` (every rule)?"),
        false => suggest(name),
    }
}

/// The name of every rule, in the registry's order.
pub fn names() -> Vec<&'static str> {
    REGISTRY.iter().map(|e| e.meta.name).collect()
}

/// Every rule enabled by default, with default options.
pub fn default_rules() -> Vec<Box<dyn Rule>> {
    REGISTRY
        .iter()
        .filter(|entry| entry.meta.enabled_by_default)
        .map(|entry| (entry.build_default)())
        .collect()
}

/// Running one rule with non-default options, for the rules' unit tests
/// (fixtures and documents run every rule with its defaults).
#[cfg(test)]
pub(crate) mod testing {
    use super::Rule;
    use crate::diagnostic::Diagnostic;
    use crate::fix::FixOptions;
    use crate::linter::Linter;

    pub fn linter(rule: impl Rule + 'static) -> Linter {
        Linter::new(vec![Box::new(rule)], vec!["Notes".to_owned()])
    }

    pub fn lint_with(rule: impl Rule + 'static, text: &str) -> Vec<Diagnostic> {
        crate::lint_text(&linter(rule), text)
    }

    /// `text` fixed with safe and unsafe fixes, the links' URLs having
    /// answered as `script` says (`Responses::from_script`).
    pub fn fix_with_responses(rule: impl Rule + 'static, text: &str, script: &str) -> String {
        let responses = crate::online::Responses::from_script(script).expect("a valid script");
        let linter = linter(rule);
        let options = crate::linter::LintOptions {
            responses: Some(&responses),
            ..Default::default()
        };
        crate::fix::fix_text(text, FixOptions { unsafe_fixes: true }, |t| {
            linter.lint(t, &options).diagnostics
        })
        .expect("fixes settle")
        .text
    }

    /// `text` fixed with safe and unsafe fixes; panics if fixes do not settle.
    pub fn fix_with(rule: impl Rule + 'static, text: &str) -> String {
        crate::fix_text(&linter(rule), text, FixOptions { unsafe_fixes: true })
            .expect("fixes settle")
            .text
    }
}
