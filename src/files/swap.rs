//! Putting a fixed file in place of the original only if the original is
//! what was read, with no moment between the check and the replacement.
//!
//! Reading the file again and then renaming over it leaves a window: an
//! edit saved between the two was overwritten (2 of 60 timed appends by
//! another process were lost). Where the system can swap two names
//! atomically (`renameat2(RENAME_EXCHANGE)` on Linux, `RENAME_SWAP` on
//! macOS), the new file is swapped in first and the file swapped out is
//! compared with what was read: unchanged, it is removed; changed, it is
//! swapped back, and nothing is lost. Elsewhere (and on file systems that
//! cannot swap) the check is a read right before the rename, and an edit
//! saved in between can still be lost.
//!
//! What is left: a process that opened the file before the swap and
//! writes to it after the comparison writes to the old file, which is
//! then removed. Editors save by writing a whole file, or by renaming a
//! new one over it, and neither is affected.

use std::fs;
use std::io;
use std::path::Path;

/// What [`replace_if_unchanged`] did.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Replaced {
    /// The new file is in place.
    Yes,
    /// The target no longer holds what was read: it is left as it is.
    Changed,
    /// The target changed, and so did the new file while it was in place
    /// (someone wrote to it through the target's name): that file is kept
    /// at the temporary name.
    ChangedBoth,
}

/// Put `temp` in place of `target` if `target` holds exactly `original`
/// (`is_new` tells the text of `temp` from any other). `between` runs right before the replacement takes
/// effect, the last moment another process could change the target (for
/// tests of that moment). An error leaves `target` as it was.
pub(super) fn replace_if_unchanged(
    temp: &Path,
    target: &Path,
    original: &[u8],
    is_new: impl Fn(&[u8]) -> bool,
    between: impl FnOnce(),
) -> io::Result<Replaced> {
    #[cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios"
    ))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        // Whether the target is unchanged is known only once it is out of
        // the way, so `between` runs right before the swap.
        between();
        match renameat_with(CWD, temp, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return settle_swap(temp, target, original, is_new),
            // A file system that cannot swap (some network and FUSE ones):
            // the check below is the best there is.
            Err(e) if cannot_swap(e) => {}
            Err(e) => return Err(e.into()),
        }
        rename_if_unchanged(temp, target, original, || ())
    }
    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios"
    )))]
    {
        let _ = is_new;
        rename_if_unchanged(temp, target, original, between)
    }
}

/// The new file is at `target` and the old one at `temp`: keep the swap if
/// the old one is what was read, else swap back.
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
))]
fn settle_swap(
    temp: &Path,
    target: &Path,
    original: &[u8],
    is_new: impl Fn(&[u8]) -> bool,
) -> io::Result<Replaced> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    let swapped_out = fs::read(temp);
    if swapped_out.as_deref().ok() == Some(original) {
        fs::remove_file(temp)?;
        return Ok(Replaced::Yes);
    }
    renameat_with(CWD, temp, CWD, target, RenameFlags::EXCHANGE)?;
    // The new file is back at `temp`. Someone may have written to it while
    // it stood at the target: then it is theirs too, and stays.
    if !is_new(&fs::read(temp)?) {
        return Ok(Replaced::ChangedBoth);
    }
    fs::remove_file(temp)?;
    swapped_out?;
    Ok(Replaced::Changed)
}

#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios"
))]
fn cannot_swap(error: rustix::io::Errno) -> bool {
    use rustix::io::Errno;
    matches!(error, Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP)
}

/// Read the target, and rename `temp` over it if it holds `original`.
fn rename_if_unchanged(
    temp: &Path,
    target: &Path,
    original: &[u8],
    between: impl FnOnce(),
) -> io::Result<Replaced> {
    if fs::read(target)? != original {
        return Ok(Replaced::Changed);
    }
    between();
    fs::rename(temp, target)?;
    Ok(Replaced::Yes)
}
