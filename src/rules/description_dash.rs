//! `description-dash`: the description is separated from the link by exactly
//! ` - `. The document with examples is rules/description-dash.md.

use crate::conventions::{Aspect, Separator, Value, Verdict};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::item::LinkItem;
use crate::link::Part;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub static META: RuleMeta = RuleMeta {
    name: "description-dash",
    summary: "A description follows the link after exactly ` - `",
    fix: FixAvailability::SafeAndUnsafe,
    enabled_by_default: true,
    document: include_str!("../../rules/description-dash.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DescriptionDash {
    /// The separator every description follows: `" - "`, `" – "`,
    /// `" — "` or `": "`; absent, the one the list keeps to (`mdlinks
    /// check --show-settings` tells).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub separator: Option<String>,
}

impl DescriptionDash {
    /// The separator wanted under `verdict`: the option's, else the list's;
    /// `None` where the list is mixed, or keeps to none.
    fn wanted(&self, verdict: &Verdict) -> Option<Separator> {
        match &self.separator {
            Some(separator) => Separator::read(separator),
            None => match verdict.wanted() {
                Some(Value::Separator(separator)) => Some(separator),
                _ => None,
            },
        }
    }

    /// Cite the list's convention on the findings from `first` on, unless
    /// the separator is configured.
    fn cite(&self, verdict: &Verdict, found: &mut [Diagnostic]) {
        if self.separator.is_none() {
            found
                .iter_mut()
                .for_each(|d| d.cite(verdict, Aspect::Separator));
        }
    }
}

impl Rule for DescriptionDash {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_item(&self, item: &LinkItem, doc: &Document, out: &mut Vec<Diagnostic>) {
        let Some(separator) = item.separator else {
            if let Some(description) = item.description
                && !item.leading.is_empty()
            {
                out.push(
                    Diagnostic::new(
                        META.name,
                        description.span,
                        format!(
                            "stray text `{}` after the suffixes",
                            first_words(description.text)
                        ),
                    )
                    .with_help("remove it, or make it a description after ` - `"),
                );
            }
            // Text right after the link: see `check_document`.
            return;
        };
        if item.description.is_none() {
            out.push(
                Diagnostic::new(
                    META.name,
                    separator.span,
                    format!(
                        "separator `{}` is not followed by a description",
                        separator.text.trim()
                    ),
                )
                .with_fix(Fix::safe(
                    "remove the separator",
                    vec![Edit::delete(separator.span)],
                )),
            );
            return;
        }
        let verdict = doc.conventions_at(item.section).get(Aspect::Separator);
        let Some(kind) = self.wanted(verdict) else {
            return;
        };
        // A dash ending its line, the description wrapped to the next: the
        // line break is the space after the dash, and a space before it
        // would be trailing (the fix adding one and trailing-space's
        // removing it undid each other, and `fix` gave up on the file).
        let ends_line = doc.text[separator.span.end..].starts_with(['\n', '\r']);
        let written = kind.written();
        let wanted = if ends_line {
            written.trim_end()
        } else {
            written
        };
        if separator.text == wanted || separator.text == written {
            return;
        }
        // `[A](a)- [B](b)`: a list marker after a link is a second item that
        // lost its line break, not a separator; ` - ` made the second link
        // the first one's description.
        let starts_with_link = item.description.is_some_and(|d| {
            item.other_links
                .iter()
                .any(|l| l.span.start == d.span.start)
        });
        if separator.text.starts_with('-') && starts_with_link {
            out.push(
                Diagnostic::new(
                    META.name,
                    separator.span,
                    "a second item runs on after the link: the line break before `- ` is missing",
                )
                .with_help("put the second item on a line of its own"),
            );
            return;
        }
        let mut diagnostic = Diagnostic::new(
            META.name,
            separator.span,
            format!("separator `{}` is not `{written}`", separator.text),
        );
        if self.separator.is_none() {
            diagnostic.cite(verdict, Aspect::Separator);
        }
        // A dash glued to an address (` -www.a.org`) keeps it from being a
        // link; a space after the dash would make it one (found by fuzzing).
        let glued = !separator.text.ends_with([' ', '\t']);
        if glued && item.description.is_some_and(|d| may_autolink(d.text)) {
            out.push(diagnostic.with_help(format!("use `{written}`")));
            return;
        }
        out.push(diagnostic.with_fix(Fix::safe(
            format!("use `{written}`"),
            vec![Edit::replace(separator.span, wanted)],
        )));
    }

    /// Text right after the link, `[fzf](u) to search files.`, is reported
    /// only in a list where another item separates its description with a
    /// dash: there it is a slip. In a list where none does, the items are
    /// sentences that start with a link (a list of personal rules, of tools
    /// and what they are for): about 75 findings on the corpus were such.
    /// A dash glued to a capital (`[a](u) -Description`) is a slip in any
    /// list.
    fn check_document(&self, doc: &Document, items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        let unseparated = |item: &&LinkItem| {
            item.separator.is_none() && item.leading.is_empty() && item.description.is_some()
        };
        // Most files have none: no set of lists to build.
        if !items.iter().any(|item| unseparated(&item)) {
            return;
        }
        let list = |item: &LinkItem| (item.section, item.parent.map(|p| p.start));
        let separated: HashSet<_, foldhash::fast::RandomState> = items
            .iter()
            .filter(|item| item.separator.is_some())
            .map(list)
            .collect();
        for item in items.iter().filter(unseparated) {
            let Some(description) = item.description else {
                continue;
            };
            if let Some(dash) = glued_dash(doc.text, item, description) {
                out.push(
                    Diagnostic::new(
                        META.name,
                        description.span,
                        format!(
                            "dash glued to `{}` is no separator",
                            first_words(description.text)
                        ),
                    )
                    // Unsafe: `-Foo` may be a word of the text (a name, a
                    // negated term) that the space would change.
                    .with_fix(Fix::unsafe_("use ` - `", vec![Edit::replace(dash, "- ")])),
                );
                continue;
            }
            // Where the list keeps to a separator, text after the link is a
            // slip; too short to tell, where another item of its list
            // separates one.
            let verdict = doc.conventions_at(item.section).get(Aspect::Separator);
            let Some(kind) = self.wanted(verdict) else {
                continue;
            };
            // Only where descriptions are separated as a rule, and another
            // item of the same list separates its own: a list of sentences
            // that start with a link is no slip. Nor is a title of two
            // links (`[A](a) & [B](b): …`).
            let presence = doc.conventions_at(item.section).get(Aspect::Separated);
            let expected = presence.wanted() == Some(Value::Separated(true));
            // A lone `.` is no description: item-whitespace's stray period
            // (or the list's way of ending items), one finding, not two.
            if !expected
                || description.text == "."
                || !separated.contains(&list(item))
                || continues_title(item, description)
                || goes_on_as_sentence(description.text)
            {
                continue;
            }
            // `[Dash](u) to search docs.` may be a sentence that merely
            // starts with a link: a dash would change what it says.
            let written = kind.written();
            let first = out.len();
            out.push(
                Diagnostic::new(
                    META.name,
                    description.span,
                    format!(
                        "text `{}` follows the link without `{written}`",
                        first_words(description.text)
                    ),
                )
                .with_help(format!(
                    "separate a description with `{written}`, or move the link into the sentence"
                )),
            );
            self.cite(verdict, &mut out[first..]);
        }
    }
}

/// The dash of `[a](u) -Description`, `—Description`, `-[b](v)`: one
/// dash after a blank, glued to a capital letter or a link, as a slip in
/// typing ` - ` leaves it. Not `-40`, `-la`, `--verbose` or `---`: a
/// minus, options, a rule. Nor a dash glued to an address (a space after
/// it would make it a link).
fn glued_dash(source: &str, item: &LinkItem, description: Part) -> Option<Span> {
    let text = description.text;
    let dash = ['-', '–', '—'].into_iter().find(|&d| text.starts_with(d))?;
    let after = &text[dash.len_utf8()..];
    let end = description.span.start + dash.len_utf8();
    let blank_before = source[..description.span.start].ends_with([' ', '\t']);
    let capital = after.chars().next().is_some_and(char::is_uppercase) && !may_autolink(after);
    let link = item.other_links.iter().any(|l| l.span.start == end);
    (blank_before && (capital || link)).then(|| Span::new(description.span.start, end))
}

/// Whether the text after the link goes on with another link, joined by a
/// word or a mark (`[A](a) & [B](b)`, `[A](a) or [B](b)`): a title of two
/// links, not a description.
fn continues_title(item: &LinkItem, description: Part) -> bool {
    let text = description.text;
    let joiner = ["&", "and", "or", ",", "/", "+", "vs"]
        .iter()
        .find_map(|j| {
            text.strip_prefix(j)
                .filter(|rest| rest.starts_with([' ', '[']))
        });
    joiner.is_some_and(|rest| {
        let at = description.span.end - rest.trim_start().len();
        item.other_links.iter().any(|l| l.span.start == at)
    })
}

/// Whether the text after the link reads as the rest of a sentence the
/// link starts (`[DockerSlim](u) shrinks fat images.`, `[X](u) `x` is …`):
/// a small letter or a code span, where a description would start with a
/// capital.
fn goes_on_as_sentence(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c == '`')
}

/// Whether the first word could be a bare URL or address, which GitHub
/// Flavored Markdown links by itself once it stands after a blank.
fn may_autolink(text: &str) -> bool {
    let word = text.split_whitespace().next().unwrap_or("");
    word.get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("www."))
        || word.contains([':', '@'])
}

/// The first few words of a long text, for a message.
fn first_words(text: &str) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(4).collect();
    let more = if words.next().is_some() { " …" } else { "" };
    format!("{}{more}", head.join(" "))
}
