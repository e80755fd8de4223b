//! Check and fix on arbitrary bytes (decoded as UTF-8, invalid sequences
//! replaced) and assert what must hold for every input: no panic, fixes
//! end in `Ok` or a `FixError` (libFuzzer's `-timeout` catches a hang),
//! fixing is idempotent, the output parses, and no link is lost; alone and
//! between paragraphs. The
//! properties are `tests/common/fix_properties.rs`, shared with the test
//! suite, where every input this target ever crashed on is a regression
//! test (`tests/fuzz_regressions.rs`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use mdlinks::Linter;
use std::sync::LazyLock;

#[allow(dead_code)] // the tests use all of it, this target a part
#[path = "../../tests/common/links_kept.rs"]
mod links_kept;

#[path = "../../tests/common/fix_properties.rs"]
mod fix_properties;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::default);

/// Paragraphs put before and after the input: in a document this long
/// the check of a fix's effect on the tree parses only the blocks around
/// the fix (`mdlinks::reparse`), which the input alone is too short for.
static PADDING: LazyLock<String> =
    LazyLock::new(|| (0..40).map(|i| format!("Paragraph {i}.\n\n")).collect());

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let padded = [
        text.to_string(),
        format!("{text}\n\n{}", *PADDING),
        format!("{}{text}", *PADDING),
    ];
    for text in &padded {
        if let Err(broken) = fix_properties::fix_properties(&LINTER, text, false) {
            panic!("{broken}");
        }
    }
});
