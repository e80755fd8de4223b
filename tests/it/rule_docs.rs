//! Every rule document's examples are executed: each "Example" block must be
//! reported by its rule, each "Use instead" block must not, and where the
//! rule fixes everything it reports, fixing the example gives "Use instead".

use crate::support::{fix_all_online, lint_online, only};
use mdlinks::online::Responses;
use mdlinks::rules::REGISTRY;

/// The ```markdown blocks under every `## heading`, in order.
fn blocks_under(document: &str, heading: &str) -> Vec<String> {
    fenced_under(document, heading, "markdown")
}

/// The ```` ```language ```` blocks under every `## heading`, in order.
fn fenced_under(document: &str, heading: &str, language: &str) -> Vec<String> {
    let title = format!("\n## {heading}\n");
    document
        .match_indices(&title)
        .flat_map(|(start, _)| {
            let section = &document[start + title.len()..];
            let section = &section[..section.find("\n## ").unwrap_or(section.len())];
            section
                .split(&format!("```{language}\n"))
                .skip(1)
                .map(|block| block[..block.find("```").expect("closed block")].to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What the examples' URLs answered, for rules that judge by the network:
/// the ```text block under `## Responses` (see `Responses::from_script`).
fn responses_of(document: &str) -> Option<Responses> {
    let script = fenced_under(document, "Responses", "text")
        .into_iter()
        .next()?;
    Some(Responses::from_script(&script).expect("a valid Responses block"))
}

#[test]
fn documents_have_the_fixed_sections() {
    for entry in REGISTRY {
        let doc = entry.meta.document;
        assert!(
            doc.starts_with(&format!("# {}\n", entry.meta.name)),
            "rules/{}.md must start with `# {}`",
            entry.meta.name,
            entry.meta.name
        );
        for heading in [
            "What it does",
            "Why is this bad?",
            "Example",
            "Use instead",
            "Fix safety",
            "Options",
        ] {
            assert!(
                doc.contains(&format!("\n## {heading}\n")),
                "rules/{}.md lacks `## {heading}`",
                entry.meta.name
            );
        }
    }
}

#[test]
fn examples_are_reported_and_their_fixes_match_use_instead() {
    for entry in REGISTRY {
        let name = entry.meta.name;
        let linter = only(name);
        let responses = responses_of(entry.meta.document);
        let responses = responses.as_ref();
        let lint = |linter: &mdlinks::Linter, text: &str| lint_online(linter, text, responses);
        let fix_all =
            |linter: &mdlinks::Linter, text: &str| fix_all_online(linter, text, responses);
        let examples = blocks_under(entry.meta.document, "Example");
        let fixed = blocks_under(entry.meta.document, "Use instead");
        assert!(!examples.is_empty(), "rules/{name}.md has no example");
        assert_eq!(
            examples.len(),
            fixed.len(),
            "rules/{name}.md: every Example block needs a Use instead block"
        );
        for (example, expected) in examples.iter().zip(&fixed) {
            let found = lint(&linter, example);
            assert!(
                !found.is_empty(),
                "rules/{name}.md: not reported:\n{example}"
            );
            let good = lint(&linter, expected);
            assert!(
                good.is_empty(),
                "rules/{name}.md: `Use instead` is reported: {good:#?}"
            );
            // Where a fix is offered, every finding is fixable (one fix may
            // serve several findings, as list-indent's serves a list) and
            // fixing gives `Use instead`.
            if found.iter().any(|d| d.fix.is_some()) {
                assert!(
                    found.iter().all(|d| d.fix_applicability().is_some()),
                    "rules/{name}.md: an Example block mixes fixable and unfixable \
                     findings (split it): {found:#?}"
                );
                assert_eq!(
                    &fix_all(&linter, example),
                    expected,
                    "rules/{name}.md: fixing the Example does not give Use instead \
                     (an Example block mixing fixable and unfixable findings must be split)"
                );
            }
        }
    }
}
