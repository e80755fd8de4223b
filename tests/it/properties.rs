//! The fuzz target's properties on generated, realistic link lists, so that
//! `cargo test` catches a regression without the fuzzer: fixing settles, is
//! idempotent, leaves no offered fix unapplied, leaves a clean text alone
//! and loses no link (`support/fix_properties.rs`).
//!
//! Items mix every slip the rules know: separators and dashes, years in and
//! after the title, suffix groups well and badly wrapped, Hacker News links
//! in their many spellings, stray whitespace, nesting in lists and quotes,
//! CRLF line endings, a BOM and a missing final newline.

use crate::support::fix_properties::fix_properties;
use mdlinks::Linter;
use proptest::prelude::*;
use proptest::sample::select;
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::default);

fn word() -> impl Strategy<Value = &'static str> {
    select(vec![
        "Deep",
        "learning",
        "Rust",
        "iOS",
        "kubectl",
        "Windows",
        "the",
        "of",
        "in",
        "API",
        "fast",
        "`code`",
        "C++",
        "Über",
        "naïve",
        "v2",
        "[beta]",
        "2.0",
        "émoji 🎉",
        "a_b",
    ])
}

fn words(range: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), range).prop_map(|w| w.join(" "))
}

fn year() -> impl Strategy<Value = String> {
    (1990..2030u32).prop_map(|y| y.to_string())
}

fn title() -> impl Strategy<Value = String> {
    let placed = (year(), 0..8usize).prop_map(|(y, how)| match how {
        0 => String::new(),
        1 => format!(" ({y})"),
        2 => format!(" {y}"),
        3 => format!("({y})"),
        4 => format!(" [{y}]"),
        5 => format!(", {y}"),
        6 => format!(" - {y}"),
        _ => format!(" (Dec {y})"),
    });
    let pad = select(vec!["", "", "", " ", "  ", "\t"]);
    (pad.clone(), words(1..5), placed, pad)
        .prop_map(|(lead, words, year, trail)| format!("{lead}{words}{year}{trail}"))
}

fn url() -> impl Strategy<Value = String> {
    (0..10usize, 1..100_000u32).prop_map(|(how, n)| match how {
        0 => format!("https://example.org/{n}"),
        6 => "https://example.org/same".to_owned(),
        7 => format!("https://example.org/{n}?utm_source=news&page=2#top"),
        8 => String::new(),
        9 => "#".to_owned(),
        1 => format!("https://github.com/user/repo{n}"),
        2 => format!("https://news.ycombinator.com/item?id={n}"),
        3 => format!("http://news.ycombinator.com/item?id={n}&p=2"),
        4 => format!("https://www.news.ycombinator.com/item?id={n}#c"),
        _ => format!("<https://example.org/a b{n}>"),
    })
}

fn hn_url() -> impl Strategy<Value = String> {
    (0..3usize, 1..100_000u32).prop_map(|(how, n)| match how {
        0 => format!("https://news.ycombinator.com/item?id={n}"),
        1 => format!("http://news.ycombinator.com/item?p=1&id={n}"),
        _ => format!("https://news.ycombinator.com/from?site={n}"),
    })
}

fn suffix() -> impl Strategy<Value = String> {
    let label = select(vec![
        "HN",
        "hn",
        "Hacker News",
        "HN 2",
        "Code",
        "Website",
        "Video",
    ]);
    let gap = select(vec![" ", " ", "", "  "]);
    (gap, label, prop_oneof![hn_url(), url()], 0..5usize).prop_map(|(gap, label, url, how)| {
        match how {
            0 | 1 => format!("{gap}([{label}]({url}))"),
            2 => format!("{gap}[{label}]({url})"),
            3 => format!("{gap}(([{label}]({url}))"),
            _ => format!("{gap}([{label}]({url})"),
        }
    })
}

fn separator() -> impl Strategy<Value = &'static str> {
    select(vec![
        " - ", " - ", " - ", " – ", " — ", " -- ", ": ", " -", "- ", "  -  ", " ",
    ])
}

fn description() -> impl Strategy<Value = String> {
    let end = select(vec![".", ".", "!", "?", "", ",", ":", " ", "..."]);
    (any::<bool>(), words(1..8), end).prop_map(|(capital, words, end)| {
        let mut text = format!("{words}{end}");
        if capital && let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        text
    })
}

/// One link item's first line, without marker or line ending.
fn item() -> impl Strategy<Value = String> {
    let year_after = prop_oneof![Just(String::new()), year().prop_map(|y| format!(" ({y})"))];
    let leading = prop_oneof![
        3 => Just(String::new()),
        1 => suffix().prop_map(|s| format!(" {}", s.trim_start())),
    ];
    let described = prop_oneof![
        1 => Just(String::new()),
        3 => (separator(), description()).prop_map(|(sep, desc)| format!("{sep}{desc}")),
    ];
    (
        title(),
        url(),
        year_after,
        leading,
        described,
        prop::collection::vec(suffix(), 0..3),
    )
        .prop_map(|(title, url, year, leading, described, suffixes)| {
            format!(
                "[{title}]({url}){year}{leading}{described}{}",
                suffixes.concat()
            )
        })
}

/// A line of the list: an item at some depth, or something else lists hold.
fn line() -> impl Strategy<Value = String> {
    let marker = select(vec!["- ", "- ", "* ", "+ ", "1. "]);
    let prefix = select(vec!["", "", "", "  ", "    ", "> ", "> - "]);
    prop_oneof![
        8 => (prefix, marker, item()).prop_map(|(p, m, i)| format!("{p}{m}{i}")),
        1 => Just("## Notes".to_owned()),
        1 => Just("## Tools".to_owned()),
        1 => (1..100_000u32).prop_map(|n| format!("- https://example.org/bare{n}")),
        1 => (1..100_000u32).prop_map(|n| format!("- [Broken] (https://example.org/b{n})")),
        1 => (1..3u32).prop_map(|n| format!("- [Same title](https://example.org/t{n})")),
        1 => Just("<!-- mdlinks-disable-next-line no-such-rule -->".to_owned()),
        1 => Just(String::new()),
        1 => (words(1..6)).prop_map(|w| format!("  {w}")),
    ]
}

fn document() -> impl Strategy<Value = String> {
    let ending = select(vec!["\n", "\n", "\r\n"]);
    (
        any::<bool>(),
        prop::collection::vec(line(), 1..12),
        ending,
        any::<bool>(),
    )
        .prop_map(|(bom, lines, ending, final_newline)| {
            let mut text = if bom {
                "\u{feff}".to_owned()
            } else {
                String::new()
            };
            text.push_str("# Links");
            text.push_str(ending);
            text.push_str(ending);
            text.push_str(&lines.join(ending));
            if final_newline {
                text.push_str(ending);
            }
            text
        })
}

proptest! {
    // 300 cases take about a second in a debug build; PROPTEST_CASES=N runs
    // more (nothing is written: a failure prints its input).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fixing_generated_link_lists_keeps_its_promises(text in document()) {
        if let Err(broken) = fix_properties(&LINTER, &text, true) {
            prop_assert!(false, "{}\n\n{:?}", broken, text);
        }
    }
}

/// The generator makes lists every rule has something to say about, and
/// most of them need fixing: the property above is not vacuous.
#[test]
fn generated_lists_exercise_every_rule() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut rules = std::collections::BTreeSet::new();
    let mut changed = 0;
    for _ in 0..200 {
        let text = document().new_tree(&mut runner).unwrap().current();
        rules.extend(mdlinks::lint_text(&LINTER, &text).iter().map(|d| d.rule));
        let options = mdlinks::FixOptions { unsafe_fixes: true };
        let fixed = mdlinks::fix_text(&LINTER, &text, options).unwrap().text;
        changed += usize::from(fixed != text);
    }
    // `dead-link` and `moved-link` judge what URLs answered on the
    // network, which a generated list never asked (tests/it/online.rs).
    let all: std::collections::BTreeSet<&str> = LINTER
        .rules()
        .map(|r| r.meta().name)
        .filter(|name| !["dead-link", "moved-link"].contains(name))
        .collect();
    assert_eq!(rules, all, "rules no generated list triggers");
    assert!(changed > 150, "only {changed} of 200 lists changed");
}
