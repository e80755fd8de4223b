//! Check and fix on arbitrary bytes (decoded as UTF-8, invalid sequences
//! replaced) and assert what must hold for every input: no panic, fixes
//! settle (`Ok`) wherever the text has no NUL byte, as every file the CLI
//! reads (it skips those as binary; libFuzzer's `-timeout` catches a hang),
//! fixing is idempotent, the output parses, and no link is lost; alone and
//! between paragraphs. The properties are
//! `tests/it/support/fix_properties.rs`, shared with the test suite, where
//! every input this target ever crashed on is a regression test
//! (`tests/it/fuzz_regressions.rs`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use mdlinks::Linter;
use std::sync::LazyLock;

#[allow(dead_code)] // the tests use all of it, this target a part
#[path = "../../tests/it/support/links_kept.rs"]
mod links_kept;

#[path = "../../tests/it/support/fix_properties.rs"]
mod fix_properties;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::default);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for text in &fix_properties::alone_and_padded(&text) {
        let must_settle = !text.contains('\0');
        if let Err(broken) = fix_properties::fix_properties(&LINTER, text, must_settle) {
            panic!("{broken}");
        }
    }
});
