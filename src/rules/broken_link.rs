//! `broken-link`: text that was meant as a link but did not parse as one:
//! `[]Title(url)`, `[Title] (url)`, `[Title](url` and `[Title(url)`.
//! The document with examples is rules/broken-link.md.
//!
//! comrak finds the plain text: runs of adjacent text nodes and bare-URL
//! autolinks inside a paragraph, heading or table cell. Code spans, inline
//! HTML, real links and code or HTML blocks are never part of a run. Each
//! run is read from its source slice, which must equal the text comrak saw
//! (a run with escapes or entities is skipped: `\[` is deliberate).

use crate::diagnostic::{Diagnostic, Edit, Fix, FixedBy};
use crate::document::Document;
use crate::document::{Split, accepted_together, longest_accepted_start, without};
use crate::item::LinkItem;
use crate::rule::{FixAvailability, Rule, RuleMeta};
use crate::span::Span;
use comrak::nodes::{AstNode, NodeValue};
use regex::{Captures, Regex};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    name: "broken-link",
    summary: "Link syntax is complete: no `[Title] (url)`, `[Title](url`, `[Title(url)`",
    fix: FixAvailability::Safe,
    enabled_by_default: true,
    document: include_str!("../../rules/broken-link.md"),
};

#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrokenLink {}

/// The four slips, tried in this order at each `[`. A URL here is an
/// absolute web address without brackets, parentheses, whitespace or
/// control characters. (A repair that would change the URL as GitHub
/// links it, or another link, is caught by `changes_only_their_links`.)
static BROKEN: LazyLock<Regex> = LazyLock::new(|| {
    // No control characters: CommonMark takes no destination with one, so
    // a repair would make no link (fuzzing found one add `)` each pass).
    let url = r"https?://[^\s()\[\]<>\x00-\x1F\x7F]+";
    let pattern = [
        r"\[(?:",
        // []Title(url)
        r"\][ \t]*(?P<outside>[^\[\]()\n]*?[^\[\]()\s])[ \t]*\((?P<url1>URL)\)",
        // [Title] (url)
        r"|[^\[\]\n]*[^\[\]\s](?P<gap>\][ \t]+)\((?P<url2>URL)\)",
        // [Title](url …, no `)`
        r"|[^\[\]\n]*[^\[\]\s]\]\((?P<unclosed>URL)(?:[ \t]|$)",
        // [Title(url)
        r"|[^\[\]\n]*[^\[\]\s](?P<open>[ \t]*\()(?P<url4>URL)\)",
        r")",
    ]
    .concat()
    .replace("URL", url);
    Regex::new(&pattern).expect("broken link regex")
});

/// Punctuation that may end a sentence right after a URL, or that GitHub
/// leaves out of a bare URL's link when it ends one (`*`, `_`, `~`): made
/// the end of a link's URL, it would change the URL (fuzzing found
/// `(https://b.or*` so repaired).
const TRAILING_PUNCTUATION: &[char] = &['.', ',', ';', ':', '!', '?', '\'', '"', '*', '_', '~'];

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, doc: &Document, _items: &[LinkItem], out: &mut Vec<Diagnostic>) {
        // Every broken shape starts with a `[` in a run's text or autolink:
        // only the nodes holding such a child are worth reading (found on
        // the scan's walk, where the whole tree was walked here before).
        let bracket_links = doc
            .nodes()
            .links
            .iter()
            .filter(|link| match &link.data().value {
                NodeValue::Link(link) => memchr::memchr(b'[', link.url.as_bytes()).is_some(),
                _ => false,
            });
        let mut holders: Vec<&AstNode> = doc
            .nodes()
            .bracket_texts
            .iter()
            .chain(bracket_links)
            .filter_map(|node| node.parent())
            .filter(|holder| holds_inlines(&holder.data().value))
            .collect();
        holders.sort_unstable_by_key(|holder| std::ptr::from_ref(*holder));
        holders.dedup_by_key(|holder| std::ptr::from_ref(*holder));
        let mut in_link = InLink::default();
        let mut block_of = BlockOf::default();
        let mut found = Vec::new();
        for holder in holders {
            if in_link.is_inside(holder) {
                continue;
            }
            let block = block_of.find(holder);
            let (runs, autolinks) = plain_runs(doc, holder);
            for run in runs {
                for (diagnostic, url) in check_run(doc, run, &autolinks) {
                    found.push((block, diagnostic, url));
                }
            }
        }
        found.sort_by_key(|(block, diagnostic, _)| (*block, diagnostic.span.start));
        let groups: Vec<&[Found<'_, '_>]> = found.chunk_by(|a, b| a.0 == b.0).collect();
        let accepted = blocks_accepted_together(doc, &groups);
        for (group, accepted) in groups.into_iter().zip(accepted) {
            guard_repairs(doc, group, accepted, out);
        }
    }
}

/// A repair found: the block it is in, its finding, and its link's URL.
type Found<'a, 'u> = (*const AstNode<'a>, Diagnostic, &'u str);

/// Which groups' repairs are known right already: all of them judged
/// together, then in halves where that fails. Judged one block at a time,
/// each block cost a parse of the windows around it, or of the whole
/// document where only that can judge (repairs on lines that may define a
/// link or a footnote): hundreds of such blocks made checking a file
/// quadratic, and deep in an outline, where windows are long, slow.
/// Judged together they are right together, as trailing-space's fixes
/// are; each block keeps its own fix.
fn blocks_accepted_together(doc: &Document, groups: &[&[Found]]) -> Vec<bool> {
    let repaired: Vec<usize> = (0..groups.len())
        .filter(|&g| repair_edits(groups[g]).next().is_some())
        .collect();
    accepted_together(groups.len(), &repaired, Split::InHalves, |part| {
        let edits = sorted(part.iter().flat_map(|&g| repair_edits(groups[g])));
        let urls: Vec<&str> = part
            .iter()
            .flat_map(|&g| groups[g].iter())
            .filter(|(_, d, _)| d.fix.is_some())
            .map(|(_, _, url)| *url)
            .collect();
        changes_only_their_links(doc, &edits, &urls)
    })
}

/// Edits in the order the fix engine and `destinations_around` take them.
fn sorted<'e>(edits: impl Iterator<Item = &'e Edit>) -> Vec<Edit> {
    let mut edits: Vec<Edit> = edits.cloned().collect();
    edits.sort_by_key(|e| e.span);
    edits
}

/// The edits of a group's repairs.
fn repair_edits<'g>(group: &'g [Found<'_, '_>]) -> impl Iterator<Item = &'g Edit> {
    group
        .iter()
        .filter_map(|(_, d, _)| d.fix.as_ref())
        .flat_map(|fix| &fix.edits)
}

/// The block whose inlines a holder is among (repairs in one block can
/// pair each other's brackets, in different blocks they cannot),
/// remembered for every emphasis asked about on the way up, so that
/// deeply nested emphasis costs a walk up once (as [`InLink`]).
#[derive(Default)]
struct BlockOf<'a> {
    known: foldhash::HashMap<*const AstNode<'a>, *const AstNode<'a>>,
}

impl<'a> BlockOf<'a> {
    fn find(&mut self, holder: &'a AstNode<'a>) -> *const AstNode<'a> {
        let mut path = Vec::new();
        let mut at = holder;
        let block = loop {
            let here = std::ptr::from_ref(at);
            if let Some(&known) = self.known.get(&here) {
                break known;
            }
            let inline = matches!(
                at.data().value,
                NodeValue::Emph | NodeValue::Strong | NodeValue::Strikethrough
            );
            match at.parent().filter(|_| inline) {
                Some(parent) => {
                    path.push(here);
                    at = parent;
                }
                None => break here,
            }
        };
        for node in path {
            self.known.insert(node, block);
        }
        block
    }
}

/// Keep the fixes of a block's repairs that make their links and change
/// no other. Each repair is judged on the text as it is, but the fix
/// engine applies every fix of a pass together, and repairs in one block
/// can pair each other's brackets (fuzzing found three, each right alone,
/// that together lost a link). So a block's repairs are judged together
/// and made one fix, carried by the first. Where together they change
/// another link, the first repair right alone is kept with as many of
/// those after it as stay right together (one a pass made a paragraph of
/// a dozen such repairs hit the fix engine's pass cap); the others wait
/// for the next pass, judged again on its text.
fn guard_repairs(doc: &Document, group: &[Found], accepted: bool, out: &mut Vec<Diagnostic>) {
    let mut diagnostics: Vec<Diagnostic> = group.iter().map(|(_, d, _)| d.clone()).collect();
    let fixed: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| diagnostics[i].fix.is_some())
        .collect();
    // The edits of the repairs `indices` together, if they change only
    // their own links.
    let together = |indices: &[usize]| -> Option<Vec<Edit>> {
        let edits = sorted(indices.iter().flat_map(|&i| {
            diagnostics[i]
                .fix
                .as_ref()
                .map_or(&[][..], |f| &f.edits[..])
        }));
        let urls: Vec<&str> = indices.iter().map(|&i| group[i].2).collect();
        changes_only_their_links(doc, &edits, &urls).then_some(edits)
    };
    // Which of `fixed` keep their fix (a run of them), and its edits.
    // All of them, if they were judged together with other blocks'.
    let judged = accepted.then(|| sorted(repair_edits(group)));
    let all = judged.or_else(|| (fixed.len() > 1).then(|| together(&fixed)).flatten());
    let (kept, edits) = match all {
        Some(edits) => (0..fixed.len(), edits),
        None => fixed
            .iter()
            .enumerate()
            .find_map(|(start, &i)| Some((start, together(&[i])?)))
            .map_or((0..0, Vec::new()), |(start, alone)| {
                let (run, edits) = longest_accepted_start(&fixed[start..], alone, together);
                (start..start + run.len(), edits)
            }),
    };
    if let [first, ref others @ ..] = fixed[kept.clone()]
        && !others.is_empty()
    {
        let line = doc.lines.line_of(diagnostics[first].span.start);
        let title = format!("repair the {} links of this paragraph", others.len() + 1);
        let carrier = &mut diagnostics[first];
        carrier.fix = Some(Fix::safe(title, edits));
        let by = FixedBy::of(carrier);
        for &i in others {
            let diagnostic = &mut diagnostics[i];
            diagnostic.fix = None;
            diagnostic.fixed_by = by;
            diagnostic.help = Some(format!("repaired by the fix on line {line}"));
        }
    }
    for (at, &i) in fixed.iter().enumerate() {
        if !kept.contains(&at) {
            diagnostics[i].withhold_fix();
        }
    }
    out.extend(diagnostics);
}

/// Nodes whose children are the inlines a run is made of.
fn holds_inlines(value: &NodeValue) -> bool {
    matches!(
        value,
        NodeValue::Paragraph
            | NodeValue::Heading(_)
            | NodeValue::TableCell
            | NodeValue::Emph
            | NodeValue::Strong
            | NodeValue::Strikethrough
    )
}

/// Whether a node is inside a link or image, remembered for every node
/// asked about on the way up, so that deeply nested emphasis costs a walk
/// up once, not once per node (quadratic).
#[derive(Default)]
struct InLink<'a> {
    known: foldhash::HashMap<*const AstNode<'a>, bool>,
}

impl<'a> InLink<'a> {
    fn is_inside(&mut self, node: &'a AstNode<'a>) -> bool {
        let mut path = Vec::new();
        let mut at = node.parent();
        let inside = loop {
            let Some(ancestor) = at else { break false };
            if let Some(&known) = self.known.get(&std::ptr::from_ref(ancestor)) {
                break known;
            }
            if matches!(
                ancestor.data().value,
                NodeValue::Link(_) | NodeValue::Image(_)
            ) {
                break true;
            }
            path.push(std::ptr::from_ref(ancestor));
            at = ancestor.parent();
        };
        for ancestor in path {
            self.known.insert(ancestor, inside);
        }
        inside
    }
}

/// Spans of adjacent text nodes and bare-URL autolinks among the children
/// of `node`, each read back from the source exactly as comrak read it;
/// and the autolinks' own spans.
fn plain_runs<'a>(doc: &Document<'a>, node: &'a AstNode<'a>) -> (Vec<Span>, Vec<Span>) {
    let mut runs = Vec::new();
    let mut autolinks = Vec::new();
    let mut current: Option<Span> = None;
    for child in node.children() {
        let plain = match (&child.data().value, doc.checked_span(child)) {
            (NodeValue::Text(text), Some(span)) if doc.slice(span) == text.as_ref() => Some(span),
            // An autolink, never `[…`: that look spares the trim for the
            // many bracketed links.
            (NodeValue::Link(link), Some(span))
                if !doc.slice(span).starts_with('[')
                    && doc.slice(span) == link.url.trim_start_matches("mailto:") =>
            {
                autolinks.push(span);
                Some(span)
            }
            _ => None,
        };
        current = match (current, plain) {
            (Some(run), Some(span)) if run.end == span.start => {
                Some(Span::new(run.start, span.end))
            }
            (run, next) => {
                runs.extend(run);
                next
            }
        };
    }
    runs.extend(current);
    (runs, autolinks)
}

/// The broken links of one run. A `[` inside an autolink's URL starts none:
/// a `)` added after it lengthens the URL and makes no link (fuzzing found
/// `https://a%b:/[HN](https://c` so repaired).
fn check_run<'d>(doc: &'d Document, run: Span, autolinks: &[Span]) -> Vec<(Diagnostic, &'d str)> {
    let mut out = Vec::new();
    let text = doc.slice(run);
    // Every broken shape has a `[` and a URL: most runs have neither, and
    // the regex costs far more than the look.
    if memchr::memchr(b'[', text.as_bytes()).is_none()
        || memchr::memmem::find(text.as_bytes(), b"http").is_none()
    {
        return out;
    }
    // Where the run's last `)` is: a link left open may be closed by any
    // `)` after it (looked for from each, thousands of links left open on
    // one line took seconds).
    let last_close = memchr::memrchr(b')', text.as_bytes());
    for captures in BROKEN.captures_iter(text) {
        let Some(whole) = captures.get(0) else {
            continue;
        };
        let at = |m: regex::Match| Span::new(run.start + m.start(), run.start + m.end());
        let span = at(whole);
        // `[a note (https://…)]` is a bracketed remark, not a broken link;
        // `![alt](url` an image, which a repair would make of a bare URL's
        // link (found by fuzzing).
        if text[whole.end()..].starts_with(']')
            || (span.start > 0 && doc.text.as_bytes()[span.start - 1] == b'!')
            || inside_an_autolink(autolinks, span.start)
            || escaped(doc.text, span.start)
        {
            continue;
        }
        // A `)` right after a URL left open, in the document if not in the
        // run, closes it there: what made no link is something else (a
        // repair added a `)` each pass, as that escaped `[` did).
        let closed_after_the_run = captures
            .name("unclosed")
            .is_some_and(|url| doc.text[at(url).end..].starts_with(')'));
        if closed_after_the_run {
            continue;
        }
        let shown = whole.as_str().trim_end();
        // The URL the repaired link is to have, in whichever shape matched.
        let url = ["url1", "url2", "unclosed", "url4"]
            .into_iter()
            .find_map(|name| captures.name(name))
            .map_or("", |url| url.as_str());
        if let Some(diagnostic) = diagnose(&captures, span, shown, last_close, at) {
            out.push((diagnostic, url));
        }
    }
    out
}

/// Whether repairs make their links and change no other: each destination
/// added one of `urls` as written (each once); none gone but those (a bare
/// URL a repair makes the link's). Fuzzing found repairs that
/// broke this: a `]` or `)` added to a tangle of brackets paired with
/// others than those meant and lost a link; a URL with a backslash (`\.`
/// escapes in a link, not in a bare URL) or with control characters (it
/// swallowed the bare URL after them) changed when made a link; a repair
/// inside another link's destination made that link instead of its own
/// (which counting alone let pass). Not where it cannot be told (the
/// document's budget of whole-document judgements is spent).
fn changes_only_their_links(doc: &Document, edits: &[Edit], urls: &[&str]) -> bool {
    let Some((before, after)) = doc.destinations_around(edits) else {
        return false;
    };
    let added = without(&after, &before);
    let gone = without(&before, &after);
    let mut urls = urls.to_vec();
    urls.sort_unstable();
    // Each link added is one of the repaired URLs (as sorted lists).
    let mut repaired = urls.iter().peekable();
    let all_repaired = added.iter().all(|added| {
        while repaired.next_if(|url| **url < added.as_str()).is_some() {}
        repaired.next_if(|url| **url == added.as_str()).is_some()
    });
    all_repaired && gone.iter().all(|gone| added.contains(gone))
}

/// Whether the character at `at` is escaped: a backslash before it that
/// is not escaped itself. A run is read only where its source is its text,
/// but comrak's position of an escaped `[` deep in a garbled outline
/// covered the `[` alone; repaired, `\[T](https://e.com/x` made no link,
/// and was repaired again each pass, a `)` more each time, until `fix`
/// gave up.
fn escaped(text: &str, at: usize) -> bool {
    let backslashes = text.as_bytes()[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    backslashes % 2 == 1
}

/// Whether `at` lies inside one of `autolinks` (sorted and disjoint, as a
/// run's children are), found by a binary search: thousands of URLs left
/// open on one line are as many autolinks.
fn inside_an_autolink(autolinks: &[Span], at: usize) -> bool {
    let before = autolinks.partition_point(|a| a.start < at);
    before > 0 && at < autolinks[before - 1].end
}

/// The finding of a broken shape matched; `last_close`, where the last
/// `)` of its run is.
fn diagnose(
    captures: &Captures,
    span: Span,
    shown: &str,
    last_close: Option<usize>,
    at: impl Fn(regex::Match) -> Span,
) -> Option<Diagnostic> {
    if let (Some(outside), Some(url)) = (captures.name("outside"), captures.name("url1")) {
        let fixed = format!("[{}]({})", outside.as_str(), url.as_str());
        return Some(
            Diagnostic::new(
                META.name,
                span,
                format!("link `{shown}` has its title outside the brackets"),
            )
            .with_fix(Fix::safe(
                "move the title into the brackets",
                vec![Edit::replace(span, fixed)],
            )),
        );
    }
    if let Some(gap) = captures.name("gap") {
        let blank = at(gap);
        return Some(
            Diagnostic::new(
                META.name,
                span,
                format!("link `{shown}` has a space between `]` and `(`"),
            )
            .with_fix(Fix::safe(
                "remove the space",
                vec![Edit::delete(Span::new(blank.start + 1, blank.end))],
            )),
        );
    }
    if let Some(url) = captures.name("unclosed") {
        // A `)` later in the text may be the intended end: the URL had a
        // space in it, or closes further on. Not this slip; say nothing.
        if last_close.is_some_and(|close| close >= url.end()) {
            return None;
        }
        let diagnostic = Diagnostic::new(
            META.name,
            Span::new(span.start, at(url).end),
            format!("link `{shown}` is missing its closing `)`"),
        );
        // `(https://a.org/x.` may end a sentence or the URL: ambiguous.
        if url.as_str().ends_with(TRAILING_PUNCTUATION) {
            return Some(diagnostic.with_help("add the `)` where the URL ends"));
        }
        return Some(diagnostic.with_fix(Fix::safe(
            "add the `)` after the URL",
            vec![Edit::insert(at(url).end, ")")],
        )));
    }
    // The `(`, and the blanks before it that the `]` replaces.
    let open = at(captures.name("open")?);
    Some(
        Diagnostic::new(
            META.name,
            span,
            format!("link `{shown}` is missing the `]` after its title"),
        )
        .with_fix(Fix::safe(
            "add the `]`",
            vec![Edit::replace(Span::new(open.start, open.end - 1), "]")],
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fix_with, lint_with};

    /// Repairs on lines that may define a link, which only the whole
    /// document can judge, judged together (`blocks_accepted_together`): each
    /// block keeps its own fix all the same.
    #[test]
    fn blocks_judged_on_the_whole_document_keep_their_own_fixes() {
        let block = |i| format!("- [A{i}](https://a.org/{i} - see [b]: c\n\n");
        let text: String = (0..200).map(block).collect();
        let found = lint_with(BrokenLink::default(), &text);
        assert_eq!(found.len(), 200);
        assert!(found.iter().all(|d| d.fix.is_some()));
        let fixed = fix_with(BrokenLink::default(), &text);
        let expected: String = (0..200)
            .map(|i| format!("- [A{i}](https://a.org/{i}) - see [b]: c\n\n"))
            .collect();
        assert_eq!(fixed, expected);
    }

    /// Twelve repairs of one paragraph that together pair the wrong
    /// brackets: the first right alone and those after it that stay right
    /// together are one fix. (One a pass, as before, did not settle within
    /// the fix engine's ten passes then: `fix` left the file unchanged.)
    #[test]
    fn repairs_wrong_together_are_kept_in_the_longest_run_right_together() {
        let text = ["[/(http://2)http://g"; 12].join(" ") + "\n";
        let linter = crate::rules::testing::linter(BrokenLink::default());
        let outcome = crate::fix_text(&linter, &text, crate::FixOptions::default()).unwrap();
        assert!(outcome.fixed >= 11, "{}", outcome.text);
        assert!(outcome.applied < 11, "{}", outcome.applied);
    }

    #[test]
    fn a_paragraphs_repairs_are_one_fix_carried_by_the_first() {
        let text = "- [A](https://a.org/x - and [B](https://b.org/y\n\n[C](https://c.org/z\n";
        let found = lint_with(BrokenLink::default(), text);
        assert_eq!(found.len(), 3);
        assert!(found[0].fix.as_ref().is_some_and(|f| f.edits.len() == 2));
        assert!(found[1].fix.is_none());
        assert_eq!(found[1].fixed_by.map(|b| b.at), Some(found[0].span.start));
        assert_eq!(
            found[1].help.as_deref(),
            Some("repaired by the fix on line 1")
        );
        // Another paragraph's repair is its own.
        assert!(found[2].fix.as_ref().is_some_and(|f| f.edits.len() == 1));
        assert!(found[2].fixed_by.is_none());
        assert_eq!(
            fix_with(BrokenLink::default(), text),
            "- [A](https://a.org/x) - and [B](https://b.org/y)\n\n[C](https://c.org/z)\n"
        );
    }
}
