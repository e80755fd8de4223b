//! What must hold when any text is checked and fixed, in one place for the
//! property tests, the fuzz regressions and the fuzz target (which includes
//! this file and `links_kept.rs` by path, so it needs nothing but `mdlinks`,
//! `comrak` and `std`).

use super::links_kept::links_kept;
use mdlinks::{Applicability, FixOptions, Linter};

/// `text` alone, and between paragraphs: in a document this long the check
/// of a fix's effect on the tree parses only the blocks around the fix
/// (`mdlinks::reparse`), which the text alone is too short for. What the
/// fuzz target checks, and so what its regressions are checked as.
pub fn alone_and_padded(text: &str) -> [String; 3] {
    let padding: String = (0..40).map(|i| format!("Paragraph {i}.\n\n")).collect();
    [
        text.to_owned(),
        format!("{text}\n\n{padding}"),
        format!("{padding}{text}"),
    ]
}

/// Check `text` and fix it with safe fixes, then with unsafe fixes too, and
/// `Err` with what broke:
///
/// - fixing ends in `Ok` or a `FixError` (a panic is caught by the caller);
/// - fixing the output again changes nothing (idempotent);
/// - nothing the fix claims it can fix is left behind;
/// - a text without findings comes back byte-identical;
/// - the output parses and lints (the remaining findings come from that);
/// - no link is added or lost, except as a rule normalises URLs on purpose.
///
/// With `must_settle`, fixes that never settle (a `FixError`) are an error
/// too, as they are for any text the CLI reads; on text with a NUL byte
/// (which the CLI skips as binary, and comrak reads as U+FFFD) they are
/// an outcome, not a crash.
pub fn fix_properties(linter: &Linter, text: &str, must_settle: bool) -> Result<(), String> {
    let findings = mdlinks::lint_text(linter, text);
    for unsafe_fixes in [false, true] {
        let options = FixOptions { unsafe_fixes };
        let once = match mdlinks::fix_text(linter, text, options) {
            Ok(once) => once,
            Err(err) if must_settle => return Err(format!("unsafe={unsafe_fixes}: {err}")),
            Err(_) => continue,
        };
        if findings.is_empty() && once.text != text {
            return Err("a text without findings changed".into());
        }
        let again = mdlinks::fix_text(linter, &once.text, options)
            .map_err(|e| format!("unsafe={unsafe_fixes}: fixing the fixed text: {e}"))?;
        if again.text != once.text {
            return Err(format!(
                "unsafe={unsafe_fixes}: fix is not idempotent:\n{:?}\nbecame\n{:?}",
                once.text, again.text
            ));
        }
        let allowed = |a: Applicability| unsafe_fixes || a == Applicability::Safe;
        if let Some(left) = once
            .remaining
            .iter()
            .find(|d| d.fix.as_ref().is_some_and(|f| allowed(f.applicability)))
        {
            return Err(format!(
                "unsafe={unsafe_fixes}: a fix offered is never applied: {left:?}"
            ));
        }
        links_kept(text, &once.text).map_err(|e| {
            format!(
                "unsafe={unsafe_fixes}: {e}:\n{text:?}\nbecame\n{:?}",
                once.text
            )
        })?;
    }
    Ok(())
}
