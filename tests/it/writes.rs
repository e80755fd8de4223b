//! Writes lose nothing: `fix` replaces a file by renaming a fully written
//! temporary file over it, keeps its permissions and symlinks, never
//! overwrites a file that changed on disk after it was read, refuses a
//! read-only or hard-linked file, keeps the owner, and a fix
//! killed at any moment leaves either the old or the new text.

use crate::support::{list_with_slips, names_in};
use mdlinks::files::{FileError, PendingWrite};
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const OLD: &str =
    "- [Gobang](https://github.com/TaKO8Ki/gobang) – Cross-platform TUI database tool\n";
const NEW: &str =
    "- [Gobang](https://github.com/TaKO8Ki/gobang) - Cross-platform TUI database tool.\n";

#[test]
fn a_file_changed_after_reading_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    fs::write(&path, OLD).unwrap();
    let pending = PendingWrite::prepare(&path, NEW).unwrap();
    // Someone saves the file while mdlinks is fixing it.
    fs::write(&path, "edited meanwhile\n").unwrap();
    let err = pending.commit_if_unchanged(OLD).unwrap_err();
    assert!(matches!(err, FileError::Changed { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: changed on disk while being fixed; left untouched, run mdlinks again",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "edited meanwhile\n");
    assert_eq!(names_in(dir.path()), ["notes.md"], "temporary file left");
}

#[test]
fn a_file_deleted_after_reading_is_not_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    fs::write(&path, OLD).unwrap();
    let pending = PendingWrite::prepare(&path, NEW).unwrap();
    fs::remove_file(&path).unwrap();
    let err = pending.commit_if_unchanged(OLD).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: no such file or directory", path.display())
    );
    assert!(
        names_in(dir.path()).is_empty(),
        "{:?}",
        names_in(dir.path())
    );
}

#[test]
fn the_new_text_is_complete_on_disk_before_it_replaces_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    fs::write(&path, OLD).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o604)).unwrap();
    let pending = PendingWrite::prepare(&path, NEW).unwrap();
    // Beside the original (so the rename stays on one file system), hidden,
    // not a Markdown name, already complete and with the original's mode.
    let temp = pending.temp_path().to_owned();
    assert_eq!(temp.parent(), Some(dir.path()));
    let name = temp.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(".mdlinks-") && name.ends_with(".tmp"),
        "{name}"
    );
    assert_eq!(fs::read_to_string(&temp).unwrap(), NEW);
    assert_eq!(fs::read_to_string(&path).unwrap(), OLD);
    pending.commit_if_unchanged(OLD).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), NEW);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o604
    );
    assert_eq!(names_in(dir.path()), ["notes.md"]);
}

#[test]
fn a_symlink_stays_a_symlink_and_its_target_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    fs::create_dir(dir.path().join("links")).unwrap();
    let target = dir.path().join("real/notes.md");
    fs::write(&target, OLD).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o755)).unwrap();
    let link = dir.path().join("links/notes.md");
    symlink("../real/notes.md", &link).unwrap();
    let pending = PendingWrite::prepare(&link, NEW).unwrap();
    // The temporary file goes beside the target, where it is renamed.
    assert_eq!(
        pending
            .temp_path()
            .parent()
            .unwrap()
            .canonicalize()
            .unwrap(),
        dir.path().join("real").canonicalize().unwrap()
    );
    pending.commit_if_unchanged(OLD).unwrap();
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("../real/notes.md"));
    assert_eq!(fs::read_to_string(&target).unwrap(), NEW);
    assert_eq!(
        fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o755
    );
    assert_eq!(names_in(&dir.path().join("real")), ["notes.md"]);
}

/// SIGKILL a `mdlinks fix` of a large file at varied moments, most of them
/// late in the run where the write happens: the file is always exactly the
/// old or the new text, never a mix or a truncation.
#[test]
fn a_fix_killed_at_any_moment_leaves_old_or_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.md");
    let (old, new) = list_with_slips(30_000, 16);
    let fix = || {
        Command::new(assert_cmd::cargo::cargo_bin("mdlinks"))
            // (Its 1.9 MB are over the default maximum file size.)
            .args([
                "fix",
                "--max-file-size",
                "4MiB",
                "--output-format",
                "concise",
            ])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };

    // One full run to learn how long a fix takes here.
    fs::write(&path, &old).unwrap();
    let start = Instant::now();
    assert!(fix().wait().unwrap().success());
    let full = start.elapsed();
    assert_eq!(fs::read_to_string(&path).unwrap(), new);

    let runs = 10;
    let (mut old_seen, mut new_seen) = (0, 0);
    for i in 0..runs {
        fs::write(&path, &old).unwrap();
        // From 60% of the run to just past its end: the write is at the end.
        let delay = full.mul_f64(0.6 + 0.45 * f64::from(i) / f64::from(runs - 1));
        let mut child = fix();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; fails only if it already exited
        child.wait().unwrap();
        let now = fs::read_to_string(&path).unwrap();
        if now == old {
            old_seen += 1;
        } else if now == new {
            new_seen += 1;
        } else {
            panic!(
                "killed after {delay:?}: the file is neither old nor new ({} bytes)",
                now.len()
            );
        }
        // A kill can leave the hidden temporary file: never a Markdown file.
        for name in names_in(dir.path()) {
            assert!(name == "big.md" || name.ends_with(".tmp"), "{name}");
            if name != "big.md" {
                fs::remove_file(dir.path().join(name)).unwrap();
            }
        }
    }
    eprintln!(
        "full fix {full:?}; killed {runs} times: {old_seen} left the old text, {new_seen} the new"
    );
    assert!(old_seen > 0, "no kill landed before the rename");
}

/// Whether this process may write files whatever their mode (root): then
/// what a mode forbids cannot be tested.
fn privileged(dir: &Path) -> bool {
    let probe = dir.join("probe");
    fs::write(&probe, "").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o444)).unwrap();
    let writable = fs::OpenOptions::new().write(true).open(&probe).is_ok();
    fs::remove_file(&probe).unwrap();
    // .ci/run runs these tests again as nobody: there they must not skip.
    assert!(
        !(writable && std::env::var_os("MDLINKS_TEST_UNPRIVILEGED").is_some()),
        "MDLINKS_TEST_UNPRIVILEGED is set, but this process writes read-only files"
    );
    writable
}

#[test]
fn a_read_only_file_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    if privileged(dir.path()) {
        eprintln!("skipped: running with privileges that write read-only files");
        return;
    }
    let path = dir.path().join("notes.md");
    fs::write(&path, OLD).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let err = mdlinks::files::write_atomic(&path, OLD, NEW).unwrap_err();
    assert!(matches!(err, FileError::ReadOnly { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), OLD);
    assert_eq!(names_in(dir.path()), ["notes.md"]);
}

/// Renaming a new file over one of two hard links would fix that name
/// only, and a second `fix` would find the other: the file is left alone,
/// saying why.
#[test]
fn a_hard_linked_file_is_not_split_from_its_links() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    fs::write(&path, OLD).unwrap();
    fs::hard_link(&path, dir.path().join("b.md")).unwrap();
    let err = mdlinks::files::write_atomic(&path, OLD, NEW).unwrap_err();
    assert!(
        matches!(err, FileError::HardLinked { links: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("2 hard links"), "{err}");
    for name in ["a.md", "b.md"] {
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), OLD);
    }
    assert_eq!(names_in(dir.path()), ["a.md", "b.md"]);
}

/// Run as root, a fixed file became root's; the new file takes the owner
/// and group of the old.
#[test]
fn the_owner_and_group_are_kept() {
    use std::os::unix::fs::{MetadataExt, chown};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    fs::write(&path, OLD).unwrap();
    // uid and gid 65534: nobody and nogroup on most systems.
    if chown(&path, Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: cannot give a file to another user here");
        return;
    }
    mdlinks::files::write_atomic(&path, OLD, NEW).unwrap();
    let metadata = fs::metadata(&path).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
    assert_eq!(fs::read_to_string(&path).unwrap(), NEW);
}

#[test]
fn a_directory_without_room_for_a_temporary_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    if privileged(dir.path()) {
        eprintln!("skipped: running with privileges that write read-only directories");
        return;
    }
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let path = sub.join("notes.md");
    fs::write(&path, OLD).unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).unwrap();
    let err = mdlinks::files::write_atomic(&path, OLD, NEW).unwrap_err();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(err, FileError::TempFile { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("cannot create a temporary file in"),
        "{message}"
    );
    assert!(!message.contains(".mdlinks-"), "{message}");
    assert_eq!(fs::read_to_string(&path).unwrap(), OLD);
}

/// Ctrl-C (or SIGTERM) during `fix` of many files leaves every file old or
/// new and no temporary file behind: an interrupted run left
/// `.mdlinks-*.tmp` files beside the fixed ones, which showed in
/// `git status`. (SIGKILL cannot be caught: see the test above.)
#[test]
fn an_interrupted_fix_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = list_with_slips(300, 16);
    let write_all = || {
        for f in 0..300 {
            fs::write(dir.path().join(format!("{f:03}.md")), &old).unwrap();
        }
    };
    let fix = || {
        Command::new(assert_cmd::cargo::cargo_bin("mdlinks"))
            .args(["fix", "--isolated"])
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    write_all();
    let start = Instant::now();
    assert!(fix().wait().unwrap().success());
    let full = start.elapsed();
    let mut interrupted = 0;
    for (i, signal) in ["INT", "TERM", "HUP"].iter().cycle().take(12).enumerate() {
        write_all();
        let mut child = fix();
        std::thread::sleep(full.mul_f64(0.2 + 0.7 * i as f64 / 11.0));
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        if status.code() == Some(130) {
            interrupted += 1;
        }
        for name in names_in(dir.path()) {
            assert!(name.ends_with(".md"), "SIG{signal} left {name}");
            let text = fs::read_to_string(dir.path().join(&name)).unwrap();
            assert!(text == old || text == new, "SIG{signal}: {name} damaged");
        }
    }
    eprintln!("full fix {full:?}; {interrupted} of 12 runs interrupted");
    assert!(interrupted > 0, "no signal landed during a run");
}

/// An edit saved at the last moment before the fixed text takes the file's
/// place (after mdlinks looked at it again) is kept, and the fix refused:
/// a reread followed by a rename overwrote such an edit, with exit 0.
#[test]
fn an_edit_saved_at_the_last_moment_is_not_overwritten() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    fs::write(&path, OLD).unwrap();
    let pending = PendingWrite::prepare(&path, NEW).unwrap();
    let append = || {
        let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"- appended by another program\n").unwrap();
    };
    let err = pending.commit_if_unchanged_with(OLD, append).unwrap_err();
    assert!(matches!(err, FileError::Changed { .. }), "{err:?}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("{OLD}- appended by another program\n")
    );
    assert_eq!(names_in(dir.path()), ["notes.md"], "temporary file left");
}

/// Extended attributes (a user's tags, ACLs) stay on a fixed file: the
/// new file renamed over it had none.
#[cfg(target_os = "linux")]
#[test]
fn extended_attributes_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    fs::write(&path, OLD).unwrap();
    let set = rustix::fs::setxattr(
        &path,
        "user.mdlinks.test",
        b"kept",
        rustix::fs::XattrFlags::empty(),
    );
    if let Err(e) = set {
        eprintln!("skipped: this file system keeps no user attributes ({e})");
        return;
    }
    mdlinks::files::write_atomic(&path, OLD, NEW).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), NEW);
    let mut value = Vec::with_capacity(16);
    rustix::fs::getxattr(
        &path,
        "user.mdlinks.test",
        rustix::buffer::spare_capacity(&mut value),
    )
    .unwrap();
    assert_eq!(value, b"kept");
}
