//! The files that install and release mdlinks agree with Cargo.toml: one
//! version (the wheel's pin, the Action's default, the snippets of the
//! README, the changelog) and one repository name, `mdlinks-dev/mdlinks`.
//! RELEASING.md lists the places; this test finds the one forgotten.

use std::fs;
use std::path::Path;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const REPOSITORY: &str = "https://github.com/mdlinks-dev/mdlinks";

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The files a user or a release reads the version or the repository in.
const PACKAGING_FILES: &[&str] = &[
    "Cargo.toml",
    "README.md",
    "CHANGELOG.md",
    "RELEASING.md",
    "pyproject.toml",
    "wheel/pyproject.toml",
    "action.yml",
    ".pre-commit-hooks.yaml",
];

#[test]
fn cargo_names_the_repository() {
    assert_eq!(env!("CARGO_PKG_REPOSITORY"), REPOSITORY);
}

#[test]
fn the_pre_commit_package_pins_this_version_of_the_wheel() {
    let root = read("pyproject.toml");
    assert!(
        root.contains(&format!("\nversion = \"{VERSION}\"\n")),
        "pyproject.toml: version is not {VERSION}"
    );
    assert!(
        root.contains(&format!("dependencies = [\"mdlinks=={VERSION}\"]")),
        "pyproject.toml does not pin mdlinks=={VERSION}"
    );
    // And it is not the maturin project, which pre-commit would compile.
    assert!(
        root.contains("build-backend = \"setuptools.build_meta\"")
            && !root.contains("[tool.maturin]"),
        "the root pyproject.toml is not the setuptools package of no code"
    );
    let wheel = read("wheel/pyproject.toml");
    assert!(wheel.contains("build-backend = \"maturin\"") && wheel.contains("bindings = \"bin\""));
    assert!(
        wheel.contains("dynamic = [\"version\"]"),
        "the wheel's version is not Cargo.toml's"
    );
}

#[test]
fn the_python_hooks_install_the_wheel_and_the_src_hooks_compile() {
    let hooks = read(".pre-commit-hooks.yaml");
    for (id, language) in [
        ("mdlinks", "python"),
        ("mdlinks-fix", "python"),
        ("mdlinks-src", "rust"),
        ("mdlinks-fix-src", "rust"),
    ] {
        let start = hooks
            .find(&format!("- id: {id}\n"))
            .unwrap_or_else(|| panic!("no hook {id}"));
        let hook = &hooks[start + 1..];
        let hook = &hook[..hook.find("\n- id:").unwrap_or(hook.len())];
        assert!(
            hook.contains(&format!("language: {language}")),
            "hook {id} is not `language: {language}`"
        );
    }
}

#[test]
fn snippets_and_defaults_name_this_version() {
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("rev: v{VERSION}")),
        "README: the pre-commit snippet's rev is not v{VERSION}"
    );
    assert!(
        readme.contains(&format!("uses: mdlinks-dev/mdlinks@v{VERSION}")),
        "README: the Action snippet does not use v{VERSION}"
    );
    let action = read("action.yml");
    assert!(
        action.contains(&format!("default: \"{VERSION}\"")),
        "action.yml: the version input's default is not {VERSION}"
    );
    assert!(
        read("CHANGELOG.md").contains(&format!("## [{VERSION}]")),
        "CHANGELOG.md has no {VERSION} section"
    );
}

#[test]
fn one_repository_name_everywhere() {
    for file in PACKAGING_FILES {
        let text = read(file);
        assert!(
            !text.contains("OWNER/"),
            "{file} still names the OWNER placeholder"
        );
        for (at, _) in text.match_indices("github.com/") {
            // owner/name, as far as GitHub's name characters go.
            let rest = &text[at + "github.com/".len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || "-_./".contains(c)))
                .unwrap_or(rest.len());
            let repo: Vec<&str> = rest[..end].split('/').take(2).collect();
            if repo.iter().any(|part| part.contains("mdlinks")) {
                assert_eq!(repo.join("/"), "mdlinks-dev/mdlinks", "{file}");
            }
        }
    }
}

#[test]
fn the_readme_installs_with_locked_dependencies() {
    // The commands of the code blocks, not the prose about them.
    let mut in_code = false;
    for line in read("README.md").lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if in_code && let Some(at) = line.find("cargo install") {
            assert!(
                line[at..].starts_with("cargo install --locked"),
                "README: `{line}` without --locked"
            );
        }
    }
}
