//! The house: the modules of `src/` and their imports (`crate::`, `super::`
//! paths and child modules named in code) form no cycle, and the model and
//! the fix engine import nothing from the layers above them. A new import
//! that closes a circle, or reaches up, fails here with the arrows that do.
//!
//! `cargo test --test it architecture -- --nocapture` prints the counts.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Modules of the model and the fix engine, and the layers they must not
/// import from (a module's submodules count as the module).
const LOWER: &[&str] = &[
    "document",
    "item",
    "link",
    "span",
    "url",
    "text",
    "diagnostic",
    "fix",
    "repeats",
    "conventions",
];
const UPPER: &[&str] = &[
    "rule",
    "rules",
    "config",
    "commands",
    "linter",
    "cache",
    "report",
    "files",
    "cli",
    "cross_file",
    "server",
    "online",
];

#[derive(Default)]
struct Graph {
    /// Module path (`rules::year_parens`) → the modules it imports.
    edges: BTreeMap<String, BTreeSet<String>>,
}

#[test]
fn modules_form_no_cycle_and_the_model_imports_nothing_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = Graph::read(&src);
    let arrows: usize = graph.edges.values().map(BTreeSet::len).sum();
    let cycles = graph.cycles();
    eprintln!(
        "modules: {}, import arrows: {arrows}, cycles: {}",
        graph.edges.len(),
        cycles.len()
    );
    assert!(
        cycles.is_empty(),
        "import cycles between modules: {cycles:#?}"
    );
    let top = |m: &str| m.split("::").next().unwrap_or("").to_owned();
    let upward: Vec<String> = graph
        .edges
        .iter()
        .filter(|(from, _)| LOWER.contains(&top(from).as_str()))
        .flat_map(|(from, to)| {
            to.iter()
                .filter(|t| UPPER.contains(&top(t).as_str()))
                .map(move |t| format!("{from} -> {t}"))
        })
        .collect();
    assert!(
        upward.is_empty(),
        "the model imports from above: {upward:#?}"
    );
}

impl Graph {
    fn read(src: &Path) -> Self {
        let mut files = Vec::new();
        rust_files(src, &mut files);
        let mut modules = BTreeMap::new();
        for file in &files {
            let rel = file.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            if rel == Path::new("main") {
                continue; // the binary: it may import anything
            }
            modules.insert(parts.join("::"), file.clone());
        }
        let known: BTreeSet<String> = modules.keys().cloned().collect();
        let mut graph = Graph::default();
        for (module, file) in &modules {
            let code = without_tests(&without_comments(&fs::read_to_string(file).unwrap()));
            let mut to = BTreeSet::new();
            for path in paths(&code) {
                let full = resolve(module, &path);
                if let Some(target) = longest_known(&known, &full)
                    && target != *module
                    && !target.is_empty()
                {
                    to.insert(target);
                }
            }
            // Child modules named in code: `mod x;` then `x::Item`.
            for child in declared_children(&code) {
                let target = if module.is_empty() {
                    child.clone()
                } else {
                    format!("{module}::{child}")
                };
                if known.contains(&target) && code.contains(&format!("{child}::")) {
                    to.insert(target);
                }
            }
            graph.edges.insert(module.clone(), to);
        }
        graph
    }

    /// Groups of modules that import each other in a circle.
    fn cycles(&self) -> Vec<Vec<String>> {
        // Tarjan's strongly connected components.
        struct State<'g> {
            graph: &'g Graph,
            index: BTreeMap<&'g str, usize>,
            low: BTreeMap<&'g str, usize>,
            stack: Vec<&'g str>,
            on_stack: BTreeSet<&'g str>,
            groups: Vec<Vec<String>>,
        }
        fn visit<'g>(s: &mut State<'g>, v: &'g str) {
            let n = s.index.len();
            s.index.insert(v, n);
            s.low.insert(v, n);
            s.stack.push(v);
            s.on_stack.insert(v);
            for w in s.graph.edges.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let low = s.low[v].min(s.low[w]);
                    s.low.insert(v, low);
                } else if s.on_stack.contains(w) {
                    let low = s.low[v].min(s.index[w]);
                    s.low.insert(v, low);
                }
            }
            if s.low[v] == s.index[v] {
                let mut group = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack.remove(w);
                    group.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    s.groups.push(group);
                }
            }
        }
        let mut state = State {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            groups: Vec::new(),
        };
        for v in self.edges.keys() {
            if !state.index.contains_key(v.as_str()) {
                visit(&mut state, v);
            }
        }
        state.groups
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code without `//` comments and string contents (which name paths
/// in prose and messages).
fn without_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut chars = code.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => {
                in_string = !in_string;
                out.push('"');
            }
            _ if in_string => {}
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime: copy a char
                // literal whole so that its quote does not open a string.
                let rest: String = chars.clone().take(3).collect();
                let len = match rest.as_bytes() {
                    [b'\\', _, b'\'', ..] => 3,
                    [_, b'\'', ..] => 2,
                    _ => 0,
                };
                out.push('\'');
                for _ in 0..len {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The code without `#[cfg(test)] mod … { … }` blocks: tests may import
/// what they like.
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find('{').filter(|&o| after[..o].contains("mod ")) else {
            out.push_str("#[cfg(test)]");
            rest = &after["#[cfg(test)]".len()..];
            continue;
        };
        let mut depth = 0;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every `crate::a::b` and `super::a` path, with `{…}` groups expanded one
/// level (`crate::a::{b, c::d}` gives `crate::a::b` and `crate::a::c::d`).
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start).map(|i| from + i) {
            from = i + start.len();
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
                continue;
            }
            let mut end = i;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'_' | b':'))
            {
                end += 1;
            }
            let base = code[i..end].trim_end_matches(':').to_owned();
            if code[end..].starts_with('{') {
                let close = code[end..].find('}').map_or(code.len(), |c| end + c);
                for item in code[end + 1..close].split(',') {
                    let item = item.trim().split(" as ").next().unwrap_or("");
                    let item = item.trim_matches(|c: char| c == '{' || c.is_whitespace());
                    if !item.is_empty() && item != "self" {
                        found.push(format!("{base}::{item}"));
                    }
                }
            }
            found.push(base);
        }
    }
    found
}

/// `path` as a module path from the crate root (`super` is the parent of
/// the module, in `a/mod.rs` as in `a/b.rs`).
fn resolve(module: &str, path: &str) -> String {
    if let Some(rest) = path.strip_prefix("crate::") {
        return rest.to_owned();
    }
    let mut parts: Vec<&str> = module.split("::").filter(|p| !p.is_empty()).collect();
    let mut rest = path;
    while let Some(r) = rest.strip_prefix("super::") {
        rest = r;
        parts.pop();
    }
    parts.push(rest);
    parts.join("::")
}

/// The longest prefix of `path` that is a module.
fn longest_known(known: &BTreeSet<String>, path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|candidate| known.contains(candidate))
}

/// Modules declared with `mod x;` (with any visibility).
fn declared_children(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix("pub ").unwrap_or(line);
            let rest = rest.strip_prefix("pub(crate) ").unwrap_or(rest);
            let name = rest.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.trim().to_owned())
        })
        .collect()
}
