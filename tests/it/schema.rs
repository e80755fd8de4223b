//! The JSON schema of mdlinks.toml: the file checked in is the one the
//! option types make, and every configuration the documents show, and
//! every option of every rule, is valid against it.

use crate::init::assert_valid;
use crate::support::{Project, mdlinks, repo_root};
use std::fs;

/// The ```toml blocks of a Markdown document: configurations of mdlinks
/// (another file's, such as ```toml .taplo.toml, names itself).
fn toml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn the_checked_in_schema_is_the_one_the_option_types_make() {
    let out = mdlinks().args(["config", "--schema"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let made = String::from_utf8(out.stdout).unwrap();
    let path = repo_root().join("mdlinks.schema.json");
    if std::env::var_os("MDLINKS_BLESS").is_some() {
        fs::write(&path, &made).unwrap();
    }
    let checked_in = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == made,
        "mdlinks.schema.json is stale: an option changed. Regenerate it with\n  \
         cargo run -- config --schema > mdlinks.schema.json\n\
         (or MDLINKS_BLESS=1 cargo test --test it schema::)"
    );
}

#[test]
fn every_toml_example_of_the_documents_is_valid() {
    let mut documents = vec![repo_root().join("README.md")];
    for entry in fs::read_dir(repo_root().join("rules")).unwrap() {
        documents.push(entry.unwrap().path());
    }
    let mut examples = 0;
    for document in documents {
        let text = fs::read_to_string(&document).unwrap();
        for block in toml_blocks(&text) {
            assert_valid(&block, &format!("an example of {}", document.display()));
            examples += 1;
        }
    }
    assert!(examples >= 17, "examples found: {examples}");
}

#[test]
fn every_option_of_every_rule_as_mdlinks_config_shows_it_is_valid() {
    let out = Project::new().run(&["config", "--select", "ALL"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("[rules.github-readme]"));
    assert_valid(&out.stdout, "the effective configuration");
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(repo_root().join("mdlinks.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for bad in [
        "selct = [\"list-marker\"]\n",
        "select = [\"list-markr\"]\n",
        "[rules.list-marker]\nmarker = \"x\"\n",
        "[rules.list-indent]\nindent = 8\n",
        "[rules.no-such-rule]\n",
        "[rules.year-parens]\nseverity = \"fatal\"\n",
        "[rules.year-parens]\nwarn-uncertain = \"yes\"\n",
        "max-file-size = \"big\"\n",
        "output-format = \"xml\"\n",
    ] {
        let value: toml::Value = toml::from_str(bad).unwrap();
        let json = serde_json::to_value(value).unwrap();
        assert!(!validator.is_valid(&json), "the schema takes {bad:?}");
        // ... as mdlinks does not.
        let p = Project::new()
            .file("mdlinks.toml", bad)
            .file("a.md", "- [A](https://a.org) - A.\n");
        assert_eq!(p.run(&["check"]).code, Some(2), "mdlinks takes {bad:?}");
    }
}
