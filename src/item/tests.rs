use super::brackets::BracketScanner;
use super::tail::{separator_len, year_after_link_len};
use super::*;
use crate::document::{Document, Reading};
use comrak::Arena;

/// A readable summary of how an item was split, `None` parts omitted.
fn split(text: &str) -> Vec<String> {
    let arena = Arena::new();
    let prose = vec!["Notes".to_owned()];
    let doc = Document::parse(text, &arena, &Reading::new(&prose));
    let items = doc.link_items();
    let item = items.first().expect("one link item");
    let mut out = vec![format!("title={}", item.link.text.text)];
    if let Some(url) = item.link.url() {
        out.push(format!("url={}", url.text));
    }
    if let Some(year) = item.year_after_link {
        out.push(format!("year={}", year.text));
    }
    for group in &item.leading {
        out.push(format!("leading={}", group.span.of(text)));
    }
    if let Some(sep) = item.separator {
        out.push(format!("sep={:?}", sep.text));
    }
    if let Some(desc) = item.description {
        out.push(format!("desc={}", desc.text));
    }
    for group in &item.suffixes {
        let shape = match (group.opening.text, group.closing.text) {
            ("(", ")") => String::new(),
            ("(", "") => " unclosed".to_owned(),
            ("", "") => " bare".to_owned(),
            (open, close) => format!(" wrapped {open}…{close}"),
        };
        out.push(format!(
            "suffix={:?}{}{}",
            group.gap.of(text),
            group.span.of(text),
            shape
        ));
    }
    for token in &item.metadata {
        out.push(format!("meta={}", token.of(text)));
    }
    out
}

#[test]
fn metadata_after_the_description() {
    assert_eq!(
        split("- [K](https://k.org/) - Project management software `MIT` `PHP`\n"),
        [
            "title=K",
            "url=https://k.org/",
            "sep=\" - \"",
            "desc=Project management software",
            "meta=`MIT`",
            "meta=`PHP`"
        ]
    );
    assert_eq!(
        split("- [T](https://t.rs) - Asynchronous runtime [![CI](https://c/t.svg)](https://c/t)\n"),
        [
            "title=T",
            "url=https://t.rs",
            "sep=\" - \"",
            "desc=Asynchronous runtime",
            "meta=[![CI](https://c/t.svg)](https://c/t)"
        ]
    );
    assert_eq!(
        split("- [K](https://k.io/) - Personal web assistant `⚠`\n"),
        [
            "title=K",
            "url=https://k.io/",
            "sep=\" - \"",
            "desc=Personal web assistant",
            "meta=`⚠`"
        ]
    );
    // One code span after an unfinished sentence is a word of it.
    assert_eq!(
        split("- [X](https://x.io/) - Install with `npm i x`\n"),
        [
            "title=X",
            "url=https://x.io/",
            "sep=\" - \"",
            "desc=Install with `npm i x`"
        ]
    );
}

#[test]
fn house_style_item() {
    assert_eq!(
        split(
            "- [Streamlit](https://github.com/s/s) - Fast ML tools. ([Website](https://streamlit.io/))\n"
        ),
        [
            "title=Streamlit",
            "url=https://github.com/s/s",
            "sep=\" - \"",
            "desc=Fast ML tools.",
            "suffix=\" \"([Website](https://streamlit.io/))",
        ]
    );
}

#[test]
fn link_only_and_link_with_suffixes() {
    assert_eq!(split("- [A](u)\n"), ["title=A", "url=u"]);
    assert_eq!(
        split("- [A (2019)](u) ([HN](h)) ([GitHub](g))\n"),
        [
            "title=A (2019)",
            "url=u",
            "suffix=\" \"([HN](h))",
            "suffix=\" \"([GitHub](g))",
        ]
    );
}

#[test]
fn separators_of_every_kind() {
    for (line, sep) in [
        ("- [A](u) – Desc.\n", " – "),
        ("- [A](u) — Desc.\n", " — "),
        ("- [A](u) -- Desc.\n", " -- "),
        ("- [A](u)- Desc.\n", "- "),
        ("- [A](u): Desc.\n", ": "),
        ("- [A](u)  -   Desc.\n", "  -   "),
    ] {
        assert_eq!(
            split(line),
            ["title=A", "url=u", &format!("sep={sep:?}"), "desc=Desc."],
            "{line}"
        );
    }
}

#[test]
fn text_without_separator_is_a_description() {
    assert_eq!(
        split("- [Dash](u) to search docs.\n"),
        ["title=Dash", "url=u", "desc=to search docs."]
    );
    // A dash glued to both sides is part of the text, not a separator.
    assert_eq!(split("- [A](u)-like\n"), ["title=A", "url=u", "desc=-like"]);
    // Nor one glued to what follows: a minus, an option, a rule (issue 26).
    for desc in ["-40 degrees", "-la", "---", "--verbose", "-Desc.", "—Desc."] {
        let line = format!("- [A](u) {desc}\n");
        let expected = format!("desc={desc}");
        assert_eq!(split(&line), ["title=A", "url=u", &expected], "{line}");
    }
    assert_eq!(
        split("- [A](u) - -x\n"),
        ["title=A", "url=u", "sep=\" - \"", "desc=-x"]
    );
}

#[test]
fn dash_followed_only_by_suffixes() {
    assert_eq!(
        split("- [A 2019](u) - ([HN](h)) ([GitHub](g))\n"),
        [
            "title=A 2019",
            "url=u",
            "sep=\" -\"",
            "suffix=\" \"([HN](h))",
            "suffix=\" \"([GitHub](g))",
        ]
    );
}

#[test]
fn malformed_groups() {
    assert_eq!(
        split("- [A](u) - Desc. ([Code](a) ([HN](b))\n"),
        [
            "title=A",
            "url=u",
            "sep=\" - \"",
            "desc=Desc.",
            "suffix=\" \"([Code](a) unclosed",
            "suffix=\" \"([HN](b))",
        ]
    );
    assert_eq!(
        split("- [A](u) - Desc. [Article](a)\n"),
        [
            "title=A",
            "url=u",
            "sep=\" - \"",
            "desc=Desc.",
            "suffix=\" \"[Article](a) bare"
        ]
    );
    assert_eq!(
        split("- [A](u) - D. (([Web](w)) ([[Code](c)])\n"),
        [
            "title=A",
            "url=u",
            "sep=\" - \"",
            "desc=D.",
            "suffix=\" \"(([Web](w)) wrapped ((…)",
            "suffix=\" \"([[Code](c)]) wrapped ([…])",
        ]
    );
    assert_eq!(
        split("- [A](u)  ([HN](h))   ([Code](c))\n"),
        [
            "title=A",
            "url=u",
            "suffix=\"  \"([HN](h))",
            "suffix=\"   \"([Code](c))"
        ]
    );
}

#[test]
fn a_link_ending_a_sentence_is_description_not_suffix() {
    assert_eq!(
        split("- [A](u) - Bindings for [libfoo](x)\n"),
        [
            "title=A",
            "url=u",
            "sep=\" - \"",
            "desc=Bindings for [libfoo](x)"
        ]
    );
    assert_eq!(
        split("- [A](u) - [HN](https://news.ycombinator.com/item?id=1)\n"),
        [
            "title=A",
            "url=u",
            "sep=\" - \"",
            "desc=[HN](https://news.ycombinator.com/item?id=1)"
        ]
    );
    // `(see [x](y))`: the parenthesis does not open a group.
    assert_eq!(
        split("- [A](u) - Fork (see [x](y))\n"),
        ["title=A", "url=u", "sep=\" - \"", "desc=Fork (see [x](y))"]
    );
}

#[test]
fn groups_before_the_description_and_a_year_after_the_link() {
    assert_eq!(
        split("- [A](u) ([HN](h)) - Desc.\n"),
        [
            "title=A",
            "url=u",
            "leading=([HN](h))",
            "sep=\" - \"",
            "desc=Desc."
        ]
    );
    assert_eq!(
        split("- [A](u) (2019) - Desc.\n"),
        [
            "title=A",
            "url=u",
            "year=(2019)",
            "sep=\" - \"",
            "desc=Desc."
        ]
    );
}

#[test]
fn reference_links_and_titles() {
    let text = "- [A][a] - Desc.\n\n[a]: https://a.org\n";
    assert_eq!(split(text), ["title=A", "sep=\" - \"", "desc=Desc."]);
    assert_eq!(
        split("- [A](u \"t\") - Desc.\n"),
        ["title=A", "url=u", "sep=\" - \"", "desc=Desc."]
    );
}

#[test]
fn nested_quoted_and_task_items() {
    assert_eq!(
        split("- x\n\t- [A](u) - Desc.\n"),
        ["title=A", "url=u", "sep=\" - \"", "desc=Desc."]
    );
    assert_eq!(
        split("> * [A](u) - Desc.\n"),
        ["title=A", "url=u", "sep=\" - \"", "desc=Desc."]
    );
    assert_eq!(split("- [ ] [A](u)\n"), ["title=A", "url=u"]);
    assert_eq!(split("1. [A](u)\r\n"), ["title=A", "url=u"]);
}

#[test]
fn a_description_may_wrap() {
    assert_eq!(
        split("- [A](u) - Long\n  description. ([HN](h))\n"),
        [
            "title=A",
            "url=u",
            "sep=\" - \"",
            "desc=Long\n  description.",
            "suffix=\" \"([HN](h))"
        ]
    );
}

fn count(text: &str) -> usize {
    let arena = Arena::new();
    let prose = vec!["Notes".to_owned()];
    let doc = Document::parse(text, &arena, &Reading::new(&prose));
    doc.link_items().len()
}

#[test]
fn what_is_not_a_link_item() {
    assert_eq!(count("- text [A](u)\n"), 0);
    assert_eq!(count("- **[A](u)**\n"), 0);
    assert_eq!(count("- https://a.org\n"), 0);
    assert_eq!(count("- <https://a.org>\n"), 0);
    assert_eq!(count("[A](u) - Desc.\n"), 0);
    assert_eq!(count("```\n- [A](u)\n```\n"), 0);
}

#[test]
fn prose_sections_hold_no_link_items() {
    let text = "## Notes\n\n- [A](u) quote\n\n### Deeper\n\n- [B](v)\n\n## Links\n\n- [C](w)\n";
    assert_eq!(count(text), 1);
    assert_eq!(count("## notes\n\n- [A](u)\n"), 0);
}

#[test]
fn a_trailing_html_comment_is_not_description() {
    assert_eq!(
        split("- [A](u) - Desc <!-- mdlinks-disable-line year-parens -->\n"),
        ["title=A", "url=u", "sep=\" - \"", "desc=Desc"]
    );
}

#[test]
fn prose_sections_span_their_heading_to_the_next_of_its_level() {
    let text = "# A\n\n## Notes\n\n- x\n\n### Deeper\n\n- y\n\n## Links\n\n- [z](u)\n\n# notes\n";
    let arena = Arena::new();
    let prose = vec!["Notes".to_owned()];
    let doc = Document::parse(text, &arena, &Reading::new(&prose));
    let spans: Vec<&str> = doc.prose_sections().iter().map(|s| s.of(text)).collect();
    assert_eq!(
        spans,
        ["## Notes\n\n- x\n\n### Deeper\n\n- y\n\n", "# notes\n"]
    );
}

#[test]
fn text_not_to_edit_is_sorted_disjoint_and_found() {
    let text = "- [a `x`](u) - see `b` and www.c.org [`d`](<e f>) end\n";
    let arena = Arena::new();
    let doc = Document::parse(text, &arena, &Reading::new(&[]));
    let items = doc.link_items();
    let item = &items[0];
    let shown: Vec<&str> = item.code.iter().map(|c| c.of(text)).collect();
    // Code in the title, in the description and in a suffix link, and the
    // autolink, in order.
    assert_eq!(shown, ["`x`", "`b`", "www.c.org", "`d`"]);
    let at = |needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    assert!(item.overlaps_code(at("x`](")));
    assert!(item.overlaps_code(at("c.org")));
    assert!(item.overlaps_code(at(" `b")));
    assert!(!item.overlaps_code(at(" and ")));
    assert!(!item.overlaps_code(at("see")));
    assert!(!item.overlaps_code(Span::empty(text.find("`b`").unwrap())));
}

#[test]
fn scan_reads_every_link_outside_prose_sections() {
    let text = "# [Head](h)\n\n| [Cell](c) |\n|---|\n\n- [A](u) ([HN](n))\n\
                \nSee [Para][p] and `[Code](x)` <https://auto.org>.\n\n[p]: https://p.org\n\n## Notes\n\n- [Prose](q)\n\n\
                ## Links\n\n- [B](v)\n";
    let arena = Arena::new();
    let prose = vec!["Notes".to_owned()];
    let doc = Document::parse(text, &arena, &Reading::new(&prose));
    let items = doc.link_items();
    let links: Vec<(&str, &str)> = doc
        .links()
        .iter()
        .map(|l| (l.text.text, l.href.as_ref()))
        .collect();
    assert_eq!(
        links,
        [
            ("Head", "h"),
            ("Cell", "c"),
            ("A", "u"),
            ("HN", "n"),
            ("Para", "https://p.org"),
            ("B", "v"),
        ]
    );
    let titles: Vec<&str> = items.iter().map(|i| i.link.text.text).collect();
    assert_eq!(titles, ["A", "B"]);
    assert_eq!(items[0].suffixes.len(), 1);
}

/// Every string of up to five characters from the separators' alphabet:
/// what `f` finds at its start, against what `pattern` matches there.
fn agrees_with_regex(pattern: &str, alphabet: &[&str], f: fn(&str) -> Option<usize>) {
    let regex = regex::Regex::new(pattern).unwrap();
    let texts = crate::test_strings::concatenations(alphabet, 5);
    for text in texts {
        assert_eq!(f(&text), regex.find(&text).map(|m| m.end()), "{text:?}");
    }
}

#[test]
fn separators_are_read_as_the_regex_reads_them() {
    agrees_with_regex(
        r"^(?:[ \t]+(?:--|-|–|—)(?:[ \t]+|(?mR:$))|(?:--|-|–|—)[ \t]+|[ \t]*:(?:[ \t]+|$))",
        &[" ", "\t", "-", "–", "—", ":", "a", "\n"],
        separator_len,
    );
}

#[test]
fn years_after_links_are_read_as_the_regex_reads_them() {
    agrees_with_regex(
        r"^[ \t]*\((?:19|20)[0-9][0-9]\)",
        &[" ", "(", ")", "19", "20", "7", "(2019)"],
        year_after_link_len,
    );
}

/// The scanner as first written, a byte at a time: the reference the
/// faster one (which passes over other bytes by table lookups) must match.
fn scan_bytes_one_by_one(bytes: &[u8], code: &[Span], end: usize) -> (Vec<(u8, bool)>, bool) {
    let (mut open, mut mismatched, mut at) = (Vec::new(), false, 0);
    while at < end {
        if let Some(c) = code.iter().find(|c| c.start <= at && at < c.end) {
            at = c.end;
            continue;
        }
        let after_bracket = at > 0 && bytes[at - 1] == b']';
        match bytes[at] {
            b'\\' => at += 1,
            b'[' | b'(' => open.push((bytes[at], after_bracket)),
            b']' | b')' => {
                let opener = if bytes[at] == b']' { b'[' } else { b'(' };
                if open.last().is_some_and(|&(b, _)| b == opener) {
                    open.pop();
                } else {
                    mismatched = true;
                }
            }
            _ => {}
        }
        at += 1;
    }
    (open, mismatched)
}

#[test]
fn the_bracket_scanner_reads_as_a_byte_at_a_time() {
    let texts = crate::test_strings::concatenations(&["[", "]", "(", ")", "\\", "a"], 7);
    for source in &texts {
        let text = source.as_bytes();
        for code in [
            vec![],
            vec![Span::new(2, 4)],
            vec![Span::new(0, 1), Span::new(5, 7)],
        ] {
            let code: Vec<Span> = code.into_iter().filter(|c| c.end <= text.len()).collect();
            for end in 0..=text.len() {
                let mut scanner = BracketScanner::new(source, 0, &code);
                // In two steps, as parse_tail asks at each group.
                scanner.advance_to(end / 2);
                scanner.advance_to(end);
                let expected = scan_bytes_one_by_one(text, &code, end);
                assert_eq!(
                    (scanner.open, scanner.mismatched),
                    expected,
                    "{source:?} code {code:?} to {end}"
                );
            }
        }
    }
}

#[test]
fn links_inside_a_link_not_to_read_are_no_other_links_or_groups() {
    // comrak makes a link holding a link out of this tangle (found by
    // fuzzing); the outer one is text not to edit, and the inner one is
    // neither a suffix nor among the item's other links.
    let text = "- [A](u) - x [a [b](v)\n  [2019]](w) ([HN](h))\n";
    let arena = Arena::new();
    let doc = Document::parse(text, &arena, &Reading::new(&[]));
    let all: Vec<&str> = doc.links().iter().map(|l| l.text.text).collect();
    assert_eq!(all, ["A", "b", "HN"]);
    let items = doc.link_items();
    let others: Vec<&str> = items[0].other_links.iter().map(|l| l.text.text).collect();
    assert_eq!(others, ["HN"]);
    let groups: Vec<&str> = items[0].suffixes.iter().map(|g| g.link.text.text).collect();
    assert_eq!(groups, ["HN"]);
}
