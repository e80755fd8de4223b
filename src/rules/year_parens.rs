//! `year-parens`: a year in a title stands at its end in parentheses,
//! `[Title (2019)](url)`. The document with examples is rules/year-parens.md.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

mod bare;
mod by_link;
mod decoration;

use bare::{Reading, Setting};

pub static META: RuleMeta = RuleMeta {
    name: "year-parens",
    summary: "A year in a title stands at its end in parentheses",
    fix: FixAvailability::SafeAndUnsafe,
    enabled_by_default: true,
    document: include_str!("../../rules/year-parens.md"),
};

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct YearParens {
    /// Accept a range at the end: `(2017-2019)`.
    pub allow_ranges: bool,
    /// Accept a month or season with the year: `(Dec 2019)`.
    pub allow_months: bool,
    /// More words that make a year after them part of an event's name
    /// (`Meetup`, `*Fest`), written as in data/year-names.txt.
    pub names: Vec<String>,
    /// Report a year that may or may not be the date of publication
    /// (`… - Prague 2016`) as a warning with no fix; `false` leaves it.
    pub warn_uncertain: bool,
}

impl Default for YearParens {
    fn default() -> Self {
        YearParens {
            allow_ranges: true,
            allow_months: true,
            names: Vec::new(),
            warn_uncertain: false,
        }
    }
}

macro_rules! year_regex {
    ($name:ident, $pattern:literal) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&$pattern.replace("YEAR", r"(?:19|20)[0-9][0-9]")).expect($pattern)
        });
    };
}

year_regex!(BRACKETED, r"\S(\s*\[(YEAR)\])$");
year_regex!(COMMA, r"\S(\s*,\s*(YEAR))$");
year_regex!(COLON, r"\S(\s*:\s*(YEAR))$");
year_regex!(DASHED, r"\S(\s+[-–—]+\s+(YEAR))$");
year_regex!(BARE, r"(\S+)\s+(YEAR)$");
year_regex!(RANGE, r"\(YEAR\s*[-–]\s*YEAR\)$");
year_regex!(
    MONTH,
    r"(?i)\((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|spring|summer|fall|autumn|winter)\.? YEAR\)$"
);

/// Whether four bytes are a year as this rule reads one: `19dd` or `20dd`.
fn is_year(bytes: &[u8]) -> bool {
    matches!(bytes, [b'1', b'9', c, d] | [b'2', b'0', c, d] if c.is_ascii_digit() && d.is_ascii_digit())
}

/// Whether `text` holds a year anywhere: what every pattern needs.
fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'1', b'2', bytes).any(|i| bytes.get(i..i + 4).is_some_and(is_year))
}

/// Where `text` holds `(2019)` at its start or after whitespace, as byte
/// ranges from `(` to `)`.
fn paren_years(text: &str) -> impl Iterator<Item = (usize, usize)> + Clone + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'(', bytes)
        .filter(|&i| {
            bytes.get(i + 1..i + 5).is_some_and(is_year)
                && bytes.get(i + 5) == Some(&b')')
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .map(|i| (i, i + 6))
}

/// Where `text` ends in `(2019)` glued to what stands before it.
fn glued_year(text: &str) -> Option<(usize, usize)> {
    let open = text.len().checked_sub(6)?;
    let bytes = text.as_bytes();
    let glued = bytes[open] == b'('
        && is_year(&bytes[open + 1..open + 5])
        && bytes[open + 5] == b')'
        && text[..open]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace());
    glued.then_some((open, text.len()))
}

impl Rule for YearParens {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, doc: &Document, out: &mut Vec<Diagnostic>) {
        let first = out.len();
        self.check_title(item, out);
        // In `[Title 2019]` the title is the reference label too: a year
        // moved into it would part the link from its definition.
        if item.link.text_is_label(doc.text) {
            out[first..].iter_mut().for_each(Diagnostic::withhold_fix);
        }
    }
}

impl YearParens {
    fn check_title(&self, item: &LinkItem, out: &mut Vec<Diagnostic>) {
        let title = item.link.text;
        // An emoji or symbol after the year (`(2018) 🌟`), or an invisible
        // selector left by an emoji picker (`(2021)\u{fe0f}`), marks the
        // title: the year still ends it, not stands "in the middle".
        let text = decoration::trim_end(title.text);
        // Every pattern of this rule holds a year, which begins with `19` or
        // `20`; most titles have neither, and a substring search is far
        // cheaper than the regexes.
        if item.year_after_link.is_none() && !has_year(text) {
            return;
        }
        let base = title.span.start;
        let at = |start: usize, end: usize| Span::new(base + start, base + end);
        let paren_years = paren_years(text);
        let ends_with_year = paren_years
            .clone()
            .last()
            .is_some_and(|(_, end)| end == text.len());

        if let Some(year) = item.year_after_link {
            let diagnostic = Diagnostic::new(
                META.name,
                year.span,
                format!("year `{}` stands after the link", year.text),
            );
            out.push(if ends_with_year || text.is_empty() {
                diagnostic.with_help("the title already has a year: remove one")
            } else {
                diagnostic.with_fix(Fix::safe(
                    "move the year into the title",
                    vec![
                        Edit::insert(base + text.len(), format!(" {}", year.text)),
                        Edit::delete(Span::new(item.link.span.end, year.span.end)),
                    ],
                ))
            });
        }

        for (start, end) in paren_years {
            if end < text.len() && !item.overlaps_code(at(start, end)) {
                out.push(
                    Diagnostic::new(
                        META.name,
                        at(start, end),
                        format!("year `{}` is in the middle of the title", &text[start..end]),
                    )
                    .with_help("move the year to the end of the title"),
                );
            }
        }
        if let Some(diagnostic) = self.check_title_end(text, item, &at) {
            out.push(diagnostic);
        }
    }

    fn check_title_end(
        &self,
        text: &str,
        item: &LinkItem,
        at: &dyn Fn(usize, usize) -> Span,
    ) -> Option<Diagnostic> {
        let report = |span: Span, message: String| {
            (!item.overlaps_code(span)).then(|| Diagnostic::new(META.name, span, message))
        };
        // Every pattern below ends in a year, alone or followed by `)` or
        // `]`: the last byte says which can match, and most titles end in
        // none of them.
        let bytes = text.as_bytes();
        let ending = bytes.last().copied().filter(|b| matches!(b, b')' | b']'));
        let digits_end = bytes.len() - usize::from(ending.is_some());
        if digits_end < 4 || !is_year(&bytes[digits_end - 4..digits_end]) {
            return None;
        }
        if let Some((start, end)) = glued_year(text) {
            let span = at(start, end);
            return Some(
                report(
                    span,
                    format!("year `{}` is glued to the title", &text[start..end]),
                )?
                .with_fix(Fix::safe(
                    "put a space before the year",
                    vec![Edit::insert(span.start, " ")],
                )),
            );
        }
        // A separator marks the year as a date, but the words before it may
        // still make it a name (`State of the Common Lisp ecosystem, 2020`)
        // or the link another year's (`Thread on Donbass, 2014` in a tweet
        // of 2022): then only a warning. A colon makes the year part of the
        // sentence as often as not (`Eastern Front animated: 1941`): never
        // more than a warning.
        for (regex, what, last, colon) in [
            (&BRACKETED, "in brackets", Some(b']'), false),
            (&COMMA, "after a comma", None, false),
            (&DASHED, "after a dash", None, false),
            (&COLON, "after a colon", None, true),
        ] {
            if ending == last
                && let Some(c) = regex.captures(text)
            {
                let (whole, year) = (c.get(1)?, c.get(2)?.as_str());
                let head = &text[..whole.start()];
                // `1991 – 2006` is a range, `March 27, 2021` a date.
                let before = head.split_whitespace().next_back().unwrap_or("");
                if before
                    .trim_end_matches(char::is_alphabetic)
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    && before.bytes().next().is_some_and(|b| b.is_ascii_digit())
                {
                    return None;
                }
                // `SQL:2016`, `ISO 9075:2016`: a standard's name.
                if colon && !whole.as_str().contains(char::is_whitespace) {
                    return None;
                }
                let span = at(whole.start(), whole.end());
                match self.judge(head, year, Setting::Marked, item) {
                    Reading::Name if colon => return None,
                    Reading::Date if !colon => {}
                    _ => return self.uncertain(report(span, uncertain_message(year))?, year),
                }
                return Some(
                    report(span, format!("year `{year}` is {what}, not in parentheses"))?.with_fix(
                        Fix::safe(
                            "put the year in parentheses",
                            vec![Edit::replace(span, format!(" ({year})"))],
                        ),
                    ),
                );
            }
        }
        if !self.allow_ranges
            && let Some(m) = RANGE.find(text)
        {
            return report(
                at(m.start(), m.end()),
                format!("title ends with the range `{}`", m.as_str()),
            )
            .map(|d| d.with_help("keep only the year of publication"));
        }
        if !self.allow_months
            && let Some(m) = MONTH.find(text)
        {
            return report(
                at(m.start(), m.end()),
                format!("title ends with the date `{}`", m.as_str()),
            )
            .map(|d| d.with_help("keep only the year"));
        }
        if ending.is_some() {
            return None;
        }
        let found = BARE.captures(text)?.get(2)?;
        let (head, year) = (&text[..found.start()], found.as_str());
        let span = at(found.start(), found.end());
        match self.judge(head, year, Setting::Bare, item) {
            Reading::Name => return None,
            Reading::Uncertain => {
                return self.uncertain(report(span, uncertain_message(year))?, year);
            }
            Reading::Date => {}
        }
        // The judgement errs: a name it does not know (`Shibuya Pixel Art
        // 2020`, a contest) would lose its year to parentheses: only unsafe.
        Some(
            report(span, format!("year `{year}` is not in parentheses"))?.with_fix(Fix::unsafe_(
                "put the year in parentheses",
                vec![Edit::replace(span, format!("({year})"))],
            )),
        )
    }
}

impl YearParens {
    fn judge(&self, head: &str, year: &str, setting: Setting, item: &LinkItem) -> Reading {
        bare::judge(head, year, setting, &item.link.href, &self.names)
    }

    /// A finding about a year that may be a name's: a warning with no fix,
    /// where `warn-uncertain` asks for it.
    fn uncertain(&self, diagnostic: Diagnostic, year: &str) -> Option<Diagnostic> {
        self.warn_uncertain.then(|| {
            diagnostic.warning().with_help(format!(
                "if it dates the link, write `({year})` at the end; if it is part of a name, leave it"
            ))
        })
    }
}

fn uncertain_message(year: &str) -> String {
    format!("year `{year}` may be a date not in parentheses")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to four pieces from an alphabet of the shapes
    /// years come in, Unicode blanks and letters included.
    fn texts() -> Vec<String> {
        let alphabet = [
            " ", "\u{a0}", "x", "é", "(", ")", "2019", "(2019)", "(1899)",
        ];
        crate::test_strings::concatenations(&alphabet, 4)
    }

    #[test]
    fn years_in_parentheses_are_found_as_the_regexes_found_them() {
        let paren = Regex::new(r"(?:^|\s)(\((?:19|20)[0-9][0-9]\))").unwrap();
        let glued = Regex::new(r"\S(\((?:19|20)[0-9][0-9]\))$").unwrap();
        for text in texts() {
            let expected: Vec<_> = paren
                .captures_iter(&text)
                .filter_map(|c| c.get(1))
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(paren_years(&text).collect::<Vec<_>>(), expected, "{text:?}");
            let expected = glued
                .captures(&text)
                .and_then(|c| c.get(1))
                .map(|m| (m.start(), m.end()));
            assert_eq!(glued_year(&text), expected, "{text:?}");
        }
    }
}
