//! `check`'s results cache: a second run reports what the first did, from
//! the cache; anything that could change a finding makes it lint again;
//! a cache it cannot use never changes a run's results.

use crate::support::{key_home, mdlinks, mdlinks_cached, mdlinks_in, names_in, shared_dir, write};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Two findings: a dash that is no ` - `, and a description without a period.
const NOTES: &str =
    "# Links\n\n- [Gobang](https://github.com/TaKO8Ki/gobang) – Cross-platform TUI database tool\n";
const MESSAGE: &str = "separator ` – ` is not ` - `";

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn check(cache: &Path, args: &[&str]) -> Output {
    mdlinks_cached(cache)
        .arg("check")
        .args(args)
        .output()
        .unwrap()
}

/// `check` run in `dir`, with the cache where it goes by default, or with
/// `MDLINKS_CACHE_DIR` set to `variable`.
fn check_in(dir: &Path, variable: Option<&str>) -> Output {
    let mut cmd = mdlinks_in(dir);
    cmd.env_remove("MDLINKS_NO_CACHE")
        .env("XDG_CACHE_HOME", key_home(&dir.join(".mdlinks_cache")));
    match variable {
        Some(value) => cmd.env("MDLINKS_CACHE_DIR", value),
        None => cmd.env_remove("MDLINKS_CACHE_DIR"),
    };
    cmd.arg("check").output().unwrap()
}

/// The directory of this build's entries in `cache`.
fn build_dir(cache: &Path) -> PathBuf {
    let builds: Vec<PathBuf> = fs::read_dir(cache)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    assert_eq!(builds.len(), 1, "{builds:?}");
    builds[0].clone()
}

/// The pack holding this build's entry files in `cache`.
fn pack_file(cache: &Path) -> PathBuf {
    let pack = build_dir(cache).join("entries.pack");
    assert!(pack.exists(), "{:?}", names_in(&build_dir(cache)));
    pack
}

/// The first line of an entry file, and of a pack's index.
const ENTRY_MAGIC: &[u8] = b"mdlinks-cache 1\n";
/// The MAC ending an entry file: 64 hex digits and a newline.
const MAC_LINE: usize = 64 + 1;

/// Where the entry files of the pack `pack` are: (kind, byte range).
fn entry_files(pack: &[u8]) -> Vec<(String, std::ops::Range<usize>)> {
    assert!(pack.starts_with(b"mdlinks-pack 1\n"));
    let trailer = &pack[pack.len() - 21..];
    let index_start: usize = std::str::from_utf8(&trailer[..20])
        .unwrap()
        .parse()
        .unwrap();
    let index = &pack[index_start..pack.len() - 21];
    let json = &index[ENTRY_MAGIC.len()..index.len() - 1 - MAC_LINE];
    let index: serde_json::Value = serde_json::from_slice(json).unwrap();
    let at = |segment: &serde_json::Value, field: &str| segment[field].as_u64().unwrap() as usize;
    index["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|segment| {
            let start = at(segment, "start");
            let kind = segment["kind"].as_str().unwrap().to_owned();
            (kind, start..start + at(segment, "len"))
        })
        .collect()
}

/// The entry file of findings in `pack` (one directory was checked).
fn findings_range(pack: &[u8]) -> std::ops::Range<usize> {
    let findings: Vec<_> = entry_files(pack)
        .into_iter()
        .filter(|(kind, _)| kind == "findings")
        .collect();
    assert_eq!(findings.len(), 1);
    findings[0].1.clone()
}

/// Authenticate the entry file at `range` of `pack` again with `key`, as
/// mdlinks seals one.
fn reseal(pack: &mut [u8], range: std::ops::Range<usize>, key: &[u8; 32]) {
    let file = &mut pack[range];
    let mac_at = file.len() - MAC_LINE;
    let mac = blake3::keyed_hash(key, &file[..mac_at]).to_hex();
    file[mac_at..mac_at + 64].copy_from_slice(mac.as_bytes());
}

/// The key that runs with `cache` authenticate its entries with.
fn key_of(cache: &Path) -> [u8; 32] {
    let hex = fs::read_to_string(key_home(cache).join("mdlinks/key")).unwrap();
    *blake3::Hash::from_hex(hex.trim()).unwrap().as_bytes()
}

/// In the cached findings, put `to` where `from` is (of the same length,
/// so that the entry file keeps its place in the pack), and authenticate
/// it again with `key` (or leave its MAC as it was).
fn rewrite_findings(cache: &Path, from: &[u8], to: &[u8], key: Option<&[u8; 32]>) {
    assert_eq!(from.len(), to.len());
    let file = pack_file(cache);
    let mut pack = fs::read(&file).unwrap();
    let range = findings_range(&pack);
    let entry = &mut pack[range.clone()];
    let at = entry
        .windows(from.len())
        .position(|window| window == from)
        .unwrap_or_else(|| panic!("{:?} is not in the entry", String::from_utf8_lossy(from)));
    entry[at..at + to.len()].copy_from_slice(to);
    if let Some(key) = key {
        reseal(&mut pack, range, key);
    }
    fs::write(&file, pack).unwrap();
}

/// What a tampered finding says: as long as `MESSAGE`.
fn tampered() -> String {
    format!("{:<1$}", "TAMPERED", MESSAGE.len())
}

/// Rewrite `MESSAGE` in the cached findings (authenticated again with the
/// key mdlinks made), so that output tells a cached finding from one
/// linted afresh.
fn tamper(cache: &Path) {
    let key = key_of(cache);
    rewrite_findings(cache, MESSAGE.as_bytes(), tampered().as_bytes(), Some(&key));
}

/// The BLAKE3 hash of `text` in hex, as an entry names the text it is for.
fn text_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// Whether the pack's index and every entry file in it verify with `key`.
fn verifies(pack: &[u8], key: &[u8; 32]) -> bool {
    let index_start: usize = std::str::from_utf8(&pack[pack.len() - 21..pack.len() - 1])
        .unwrap()
        .parse()
        .unwrap();
    let ranges = entry_files(pack).into_iter().map(|(_, range)| range);
    ranges
        .chain(std::iter::once(index_start..pack.len() - 21))
        .all(|range| {
            let file = &pack[range];
            let (body, mac) = file.split_at(file.len() - MAC_LINE);
            mac == format!("{}\n", blake3::keyed_hash(key, body).to_hex()).as_bytes()
        })
}

/// A directory with `notes.md` and an empty `mdlinks.toml` (so that tests
/// changing the configuration keep the directory globs are relative to),
/// checked once with a cache in `cache/`.
fn checked_once() -> (tempfile::TempDir, PathBuf, PathBuf, Output) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mdlinks.toml", "");
    let notes = write(dir.path(), "notes.md", NOTES);
    let cache = dir.path().join("cache");
    let first = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr_of(&first));
    assert!(stdout_of(&first).contains(MESSAGE));
    (dir, notes, cache, first)
}

#[test]
fn a_second_run_reports_the_same_findings_from_the_cache() {
    let (_dir, notes, cache, first) = checked_once();
    let notes = notes.to_str().unwrap();

    let second = check(&cache, &[notes]);
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(stdout_of(&second), stdout_of(&first));
    assert_eq!(stderr_of(&second), "");

    // What the second run showed came from the cache, not from linting.
    tamper(&cache);
    let third = check(&cache, &[notes]);
    assert!(
        stdout_of(&third).contains("TAMPERED"),
        "{}",
        stdout_of(&third)
    );
    // Another output format shows the same findings: still from the cache.
    let json = check(&cache, &["--output-format", "json", notes]);
    assert!(
        stdout_of(&json).contains("TAMPERED"),
        "{}",
        stdout_of(&json)
    );
}

#[test]
fn the_cache_directory_is_never_committed() {
    let (_dir, _notes, cache, _) = checked_once();
    assert_eq!(
        fs::read_to_string(cache.join(".gitignore")).unwrap(),
        "# Made by mdlinks.\n*\n"
    );
    let tag = fs::read_to_string(cache.join("CACHEDIR.TAG")).unwrap();
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
}

/// Entry files get the modes of any file the user makes, so that others
/// sharing the cache directory can read them.
#[cfg(unix)]
#[test]
fn entry_files_are_made_as_other_files_are() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _notes, cache, _) = checked_once();
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let other = write(dir.path(), "other", "");
    assert_eq!(mode(&pack_file(&cache)), mode(&other));
}

#[test]
fn without_configuration_the_cache_is_kept_where_mdlinks_runs() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.md", NOTES);
    let out = check_in(dir.path(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(pack_file(&dir.path().join(".mdlinks_cache")).is_file());
}

#[test]
fn the_cache_is_kept_beside_the_configuration_of_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mdlinks.toml", "");
    write(dir.path(), "notes/rust.md", NOTES);
    let sub = dir.path().join("notes");
    let out = check_in(&sub, None);
    assert_eq!(out.status.code(), Some(1));
    // At the wiki's root, as ruff keeps its cache at the project's.
    assert!(pack_file(&dir.path().join(".mdlinks_cache")).is_file());
    assert!(!sub.join(".mdlinks_cache").exists());
}

#[test]
fn an_edited_file_is_linted_again() {
    let (_dir, notes, cache, _) = checked_once();
    tamper(&cache);
    // As long as before, maybe within the same second: the text tells.
    fs::write(&notes, NOTES.replace("Gobang", "Gobanh")).unwrap();
    let out = check(&cache, &[notes.to_str().unwrap()]);
    let stdout = stdout_of(&out);
    assert!(!stdout.contains("TAMPERED"), "{stdout}");
    assert!(stdout.contains(MESSAGE), "{stdout}");
}

#[test]
fn settings_that_change_findings_lint_again() {
    let (dir, notes, cache, _) = checked_once();
    let notes = notes.to_str().unwrap();
    tamper(&cache);
    // A rule's severity is part of each finding.
    write(
        dir.path(),
        "mdlinks.toml",
        "[rules.description-dash]\nseverity = \"warning\"\n",
    );
    let out = check(&cache, &[notes]);
    let stdout = stdout_of(&out);
    assert!(!stdout.contains("TAMPERED"), "{stdout}");
    assert!(stdout.contains(MESSAGE), "{stdout}");

    // Selecting rules on the command line too.
    tamper(&cache);
    let out = check(&cache, &["--ignore", "description-period", notes]);
    assert!(!stdout_of(&out).contains("TAMPERED"));
    assert!(!stdout_of(&out).contains("description-period"));
    // And back: those findings were kept under the first settings.
    let out = check(&cache, &[notes]);
    assert!(stdout_of(&out).contains("description-period"));
}

#[test]
fn prose_sections_are_part_of_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let notes = write(dir.path(), "notes.md", NOTES);
    let notes = notes.to_str().unwrap();
    let cache = dir.path().join("cache");
    write(dir.path(), "mdlinks.toml", "prose-sections = [\"Notes\"]\n");
    assert_eq!(check(&cache, &[notes]).status.code(), Some(1));
    // Under `# Links`, now prose: no link items, no findings.
    write(dir.path(), "mdlinks.toml", "prose-sections = [\"Links\"]\n");
    let out = check(&cache, &[notes]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
}

#[test]
fn per_file_ignores_are_part_of_the_settings() {
    let (dir, notes, cache, _) = checked_once();
    write(
        dir.path(),
        "mdlinks.toml",
        "[per-file-ignores]\n\"notes.md\" = [\"description-dash\"]\n",
    );
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert!(!stdout_of(&out).contains(MESSAGE), "{}", stdout_of(&out));
    fs::write(
        dir.path().join("mdlinks.toml"),
        "[per-file-ignores]\n\"other.md\" = [\"description-dash\"]\n",
    )
    .unwrap();
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert!(stdout_of(&out).contains(MESSAGE), "{}", stdout_of(&out));
}

#[test]
fn a_cache_written_by_another_build_is_not_used() {
    let (dir, notes, cache, first) = checked_once();
    tamper(&cache);
    // The same binary, another executable (its modification time differs):
    // as good as another build for all the cache can tell.
    let other = dir.path().join("mdlinks-other");
    fs::copy(assert_cmd::cargo::cargo_bin("mdlinks"), &other).unwrap();
    let run = || {
        std::process::Command::new(&other)
            .env("NO_COLOR", "1")
            .env_remove("MDLINKS_NO_CACHE")
            .env("MDLINKS_CACHE_DIR", &cache)
            .env("XDG_CACHE_HOME", key_home(&cache))
            .args(["check", notes.to_str().unwrap()])
            .output()
    };
    // "Text file busy": a process that another test forked while the copy
    // was open for writing still holds it, until it execs.
    let mut out = run();
    for _ in 0..50 {
        match &out {
            Err(err) if err.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(100));
                out = run();
            }
            _ => break,
        }
    }
    assert_eq!(stdout_of(&out.unwrap()), stdout_of(&first));
}

#[test]
fn directories_of_builds_unused_for_thirty_days_are_removed() {
    let (_dir, notes, cache, _) = checked_once();
    let marker = fs::read_dir(build_dir(&cache))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.file_name().unwrap() == ".mdlinks-build")
        .expect("a build directory holds its marker");
    // A directory of an old build, as mdlinks makes them.
    let build = |name: &str, days: u32| {
        let path = cache.join(name);
        fs::create_dir(&path).unwrap();
        fs::copy(&marker, path.join(".mdlinks-build")).unwrap();
        write(&path, "0011223344556677.json", "{}");
        write(&path, "0011223344556677.urls.json", "{}");
        age(&path, days);
        path
    };
    let old_build = build("0123456789abcdef", 31);
    let recent_build = build("fedcba9876543210", 29);
    // Named as a build's, but not made by mdlinks: no marker.
    let unmarked = cache.join("00000000deadbeef");
    write(&unmarked, "0011223344556677.json", "{}");
    age(&unmarked, 400);
    // Made by mdlinks, but something else was put in it since.
    let with_more = build("1111111111111111", 400);
    write(&with_more, "photo.jpg", "the user's own");
    age(&with_more, 400);
    let not_ours = cache.join("old-notes");
    fs::create_dir(&not_ours).unwrap();
    age(&not_ours, 400);
    // A run that writes an entry tidies up.
    fs::write(&notes, NOTES.replace("Gobang", "Gobanh")).unwrap();
    check(&cache, &[notes.to_str().unwrap()]);
    assert!(!old_build.exists());
    assert!(recent_build.exists());
    assert_eq!(names_in(&unmarked), ["0011223344556677.json"]);
    assert!(with_more.join("photo.jpg").exists());
    assert!(not_ours.exists());
}

/// Only directories: a link named as a build's directory is not followed
/// into, whatever it points to.
#[cfg(unix)]
#[test]
fn a_link_named_as_an_old_build_is_not_followed() {
    let (dir, notes, cache, _) = checked_once();
    let elsewhere = dir.path().join("elsewhere");
    write(&elsewhere, "0011223344556677.json", "{}");
    write(&elsewhere, ".mdlinks-build", "");
    age(&elsewhere, 400);
    let link = cache.join("0123456789abcdef");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    fs::write(&notes, NOTES.replace("Gobang", "Gobanh")).unwrap();
    check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(
        names_in(&elsewhere),
        [".mdlinks-build", "0011223344556677.json"]
    );
}

#[test]
fn a_damaged_cache_is_started_afresh() {
    let (_dir, notes, cache, first) = checked_once();
    let file = pack_file(&cache);
    for damage in ["", "{\"path\":", "not json at all", "{\"path\":1}", "[]"] {
        fs::write(&file, damage).unwrap();
        let out = check(&cache, &[notes.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{damage:?}");
        assert_eq!(stdout_of(&out), stdout_of(&first), "{damage:?}");
        assert_eq!(stderr_of(&out), "", "{damage:?}");
        // Written again, whole.
        let pack = fs::read(&file).unwrap();
        assert!(verifies(&pack, &key_of(&cache)), "{damage:?}");
        assert!(
            String::from_utf8_lossy(&pack).contains(MESSAGE),
            "{damage:?}"
        );
    }
}

#[test]
fn an_unwritable_cache_gets_a_warning_and_the_run_stands() {
    let dir = tempfile::tempdir().unwrap();
    let notes = write(dir.path(), "notes.md", NOTES);
    // A file where the cache directory would go.
    let cache = write(dir.path(), "cache", "not a directory");
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let fresh = mdlinks()
        .args(["check", notes.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out), stdout_of(&fresh));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("warning: could not write the results cache in")
            && stderr.contains(&*cache.to_string_lossy())
            && stderr.contains("--no-cache"),
        "{stderr}"
    );
}

/// A FIFO where an entry would be is passed over, not waited on.
#[cfg(unix)]
#[test]
fn an_entry_that_is_no_file_is_passed_over() {
    let (_dir, notes, cache, first) = checked_once();
    let file = pack_file(&cache);
    fs::remove_file(&file).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&file).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let out = mdlinks_cached(&cache)
        .args(["check", notes.to_str().unwrap()])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out), stdout_of(&first));
}

#[test]
fn an_empty_cache_directory_variable_is_as_good_as_none() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.md", NOTES);
    let out = check_in(dir.path(), Some(""));
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(pack_file(&dir.path().join(".mdlinks_cache")).is_file());
}

#[test]
fn no_cache_reads_and_writes_none() {
    let (dir, notes, cache, first) = checked_once();
    let notes = notes.to_str().unwrap();
    tamper(&cache);
    let out = check(&cache, &["--no-cache", notes]);
    assert_eq!(stdout_of(&out), stdout_of(&first));
    let out = mdlinks_cached(&cache)
        .env("MDLINKS_NO_CACHE", "1")
        .args(["check", notes])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out), stdout_of(&first));

    let unused = dir.path().join("unused");
    check(&unused, &["--no-cache", notes]);
    assert!(!unused.exists());
}

#[test]
fn standard_input_is_not_cached() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let out = mdlinks_cached(&cache)
        .args(["check", "--stdin-filename", "notes.md", "-"])
        .write_stdin(NOTES)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!cache.exists());
}

#[test]
fn cross_file_duplicates_come_out_the_same_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let item = "- [Gobang](https://github.com/TaKO8Ki/gobang) - A TUI database tool.\n";
    let a = write(dir.path(), "a.md", format!("# A\n\n{item}"));
    let b = write(
        dir.path(),
        "b.md",
        format!("# B\n\n- [X](https://x.org/) - X.\n{item}"),
    );
    let cache = dir.path().join("cache");
    let paths = [a.to_str().unwrap(), b.to_str().unwrap()];
    let fresh = mdlinks()
        .args(["check", "--cross-file"])
        .args(paths)
        .output()
        .unwrap();
    assert!(
        stdout_of(&fresh).contains("duplicate-url"),
        "{}",
        stdout_of(&fresh)
    );

    // Findings cached by a plain run, URLs not yet; then both.
    check(&cache, &paths);
    for _ in 0..2 {
        let out = check(&cache, &[&["--cross-file"], &paths[..]].concat());
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stdout_of(&out), stdout_of(&fresh));
    }

    // The duplicate taken out: b.md is linted again, its URLs too.
    fs::write(&b, "# B\n\n- [X](https://x.org/) - X.\n").unwrap();
    let out = check(&cache, &[&["--cross-file"], &paths[..]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
}

/// Every format, with and without --cross-file, on the whole corpus: a
/// warm cache gives the output of a run without one, byte for byte.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs ../shared beside the checkout, or MDLINKS_SHARED"
)]
fn on_the_corpus_a_warm_cache_changes_no_output() {
    let Some(corpus) = shared_dir("corpus/knowledge") else {
        return;
    };
    let corpus = corpus.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    for args in [
        &["--output-format", "human"][..],
        &["--output-format", "json", "--cross-file"],
        &["--output-format", "concise", "--cross-file"],
    ] {
        let fresh = mdlinks()
            .arg("check")
            .args(args)
            .arg(corpus)
            .output()
            .unwrap();
        for run in ["filling", "warm"] {
            let cached = check(&cache, &[args, &[corpus]].concat());
            assert_eq!(cached.status.code(), fresh.status.code(), "{args:?} {run}");
            assert!(
                cached.stdout == fresh.stdout,
                "{args:?}, {run} cache: output differs"
            );
        }
    }
}

// A cache is a directory of the work tree, which a cloned repository can
// fill: mdlinks must not follow its links, trust its entries, or leave it
// broken.

/// A time `days` ago.
fn days_ago(days: u32) -> std::time::SystemTime {
    std::time::SystemTime::now() - std::time::Duration::from_secs(86_400) * days
}

/// Make `path` (a file or a directory) last modified `days` ago.
fn age(path: &Path, days: u32) {
    fs::File::open(path)
        .unwrap()
        .set_modified(days_ago(days))
        .unwrap();
}

/// `.mdlinks_cache/.gitignore` linked to the user's global git ignore file
/// made every repository's files invisible to git.
#[cfg(unix)]
#[test]
fn files_in_the_cache_that_are_symlinks_are_replaced_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let notes = write(dir.path(), "notes.md", NOTES);
    let outside = dir.path().join("outside");
    let kept = write(&outside, "kept", "the user's own\n");
    // As a cloned repository can hold them: a link to where a file would
    // be made, and one to a file that exists.
    let cache = dir.path().join("cache");
    fs::create_dir(&cache).unwrap();
    symlink(outside.join("ignore"), cache.join(".gitignore")).unwrap();
    symlink(&kept, cache.join("CACHEDIR.TAG")).unwrap();
    // A directory of links mdlinks did not make is not taken for its
    // cache: the run stands, with a warning, and nothing is written
    // through them (or replaced: they may be the user's).
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("holds files mdlinks did not make"));
    assert!(!outside.join("ignore").exists());
    assert_eq!(fs::read_to_string(&kept).unwrap(), "the user's own\n");
    for name in [".gitignore", "CACHEDIR.TAG"] {
        let metadata = fs::symlink_metadata(cache.join(name)).unwrap();
        assert!(metadata.is_symlink(), "{name} was replaced");
    }
    // In mdlinks's own cache, a file made a link is replaced, not
    // followed.
    fs::remove_file(cache.join(".gitignore")).unwrap();
    fs::remove_file(cache.join("CACHEDIR.TAG")).unwrap();
    assert_eq!(
        check(&cache, &[notes.to_str().unwrap()]).status.code(),
        Some(1)
    );
    fs::remove_file(cache.join(".gitignore")).unwrap();
    symlink(outside.join("ignore"), cache.join(".gitignore")).unwrap();
    fs::write(&notes, NOTES.replace("Gobang", "Gobanj")).unwrap();
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(!outside.join("ignore").exists());
    assert!(
        fs::symlink_metadata(cache.join(".gitignore"))
            .unwrap()
            .is_file()
    );
    assert_eq!(
        fs::read_to_string(cache.join(".gitignore")).unwrap(),
        "# Made by mdlinks.\n*\n"
    );

    // An entry file that is a link is neither read through nor written
    // through.
    let entry = pack_file(&cache);
    fs::remove_file(&entry).unwrap();
    symlink(&kept, &entry).unwrap();
    fs::write(&notes, NOTES.replace("Gobang", "Gobanh")).unwrap();
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert_eq!(fs::read_to_string(&kept).unwrap(), "the user's own\n");
    assert!(fs::symlink_metadata(&entry).unwrap().is_file());
}

/// `.mdlinks_cache -> ..` had mdlinks tag the parent directory as a cache
/// (backup tools then skip it) and delete old directories there.
#[cfg(unix)]
#[test]
fn a_cache_directory_that_is_a_symlink_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let old = root.path().join("0123456789abcdef");
    write(&old, "photo.jpg", "the user's own");
    age(&old, 400);
    let repo = root.path().join("repo");
    write(&repo, "notes.md", NOTES);
    std::os::unix::fs::symlink("..", repo.join(".mdlinks_cache")).unwrap();
    let fresh = mdlinks_in(&repo).arg("check").output().unwrap();
    for _ in 0..2 {
        let out = check_in(&repo, None);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stdout_of(&out), stdout_of(&fresh));
        let stderr = stderr_of(&out);
        assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
        assert!(
            stderr.contains(".mdlinks_cache") && stderr.contains("symbolic link"),
            "{stderr}"
        );
        assert_eq!(names_in(root.path()), ["0123456789abcdef", "repo"]);
        assert_eq!(names_in(&old), ["photo.jpg"]);
    }
}

#[cfg(unix)]
#[test]
fn a_build_directory_that_is_a_symlink_is_refused() {
    let (dir, notes, cache, first) = checked_once();
    let build = build_dir(&cache);
    fs::remove_dir_all(&build).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &build).unwrap();
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_of(&out), stdout_of(&first));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains(&*build.to_string_lossy()) && stderr.contains("symbolic link"),
        "{stderr}"
    );
    assert!(names_in(&elsewhere).is_empty());
}

/// An entry file made elsewhere, in the shape mdlinks writes, saying the
/// dirty file is clean: the findings are still reported.
#[test]
fn an_entry_not_written_on_this_machine_is_not_trusted() {
    let (dir, notes_path, cache, first) = checked_once();
    let notes = notes_path.to_str().unwrap();
    // A genuine entry for the file made clean, then the dirty text back:
    // the entry, made to name the dirty text, is what a repository would
    // ship to have the dirty file reported clean.
    let clean = NOTES.replace(
        " – Cross-platform TUI database tool",
        " - A TUI database tool.",
    );
    fs::write(&notes_path, &clean).unwrap();
    assert_eq!(check(&cache, &[notes]).status.code(), Some(0));
    fs::write(&notes_path, NOTES).unwrap();
    let file = pack_file(&cache);
    let genuine = fs::read(&file).unwrap();
    let (clean, dirty) = (text_hash(&clean), text_hash(NOTES));
    let plant = |key: Option<&[u8; 32]>| {
        fs::write(&file, &genuine).unwrap();
        rewrite_findings(&cache, clean.as_bytes(), dirty.as_bytes(), key);
    };
    for (what, key) in [
        ("unauthenticated", None),
        ("authenticated with another key", Some(&[7; 32])),
    ] {
        plant(key);
        let out = check(&cache, &[notes]);
        assert_eq!(out.status.code(), Some(1), "{what}");
        assert_eq!(stdout_of(&out), stdout_of(&first), "{what}");
    }

    // Authenticated with this machine's key, the same entry is used: the
    // key is what is trusted, so a copy of the cache made with another
    // key (another machine, another user) is not.
    plant(Some(&key_of(&cache)));
    let out = check(&cache, &[notes]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    plant(Some(&key_of(&cache)));
    let other_home = dir.path().join("another-home");
    let out = mdlinks_cached(&cache)
        .env("XDG_CACHE_HOME", &other_home)
        .args(["check", notes])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_of(&out), stdout_of(&first));
}

/// A full disk left the cache's `.gitignore` empty, for good.
#[test]
fn a_damaged_gitignore_or_tag_is_repaired() {
    let (_dir, notes, cache, first) = checked_once();
    let gitignore = fs::read(cache.join(".gitignore")).unwrap();
    let tag = fs::read(cache.join("CACHEDIR.TAG")).unwrap();
    fs::write(cache.join(".gitignore"), "").unwrap();
    fs::write(cache.join("CACHEDIR.TAG"), "Signature: 8a4").unwrap();
    // A warm run, which has no entry to write.
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(stdout_of(&out), stdout_of(&first));
    assert_eq!(stderr_of(&out), "");
    assert_eq!(fs::read(cache.join(".gitignore")).unwrap(), gitignore);
    assert_eq!(fs::read(cache.join("CACHEDIR.TAG")).unwrap(), tag);
}

/// A run killed while writing an entry file (Ctrl-C, a full disk) left its
/// temporary file, up to a hundred megabytes, that nothing removed.
#[test]
fn temporary_files_left_by_a_killed_run_are_removed() {
    let (_dir, notes, cache, _) = checked_once();
    let build = build_dir(&cache);
    let old = write(&build, ".mdlinks-tmp-a1b2c3", "{\"dir\":");
    age(&old, 1);
    let old_beside = write(&cache, ".mdlinks-tmp-d4e5f6", "# Made");
    age(&old_beside, 1);
    // Another run's, being written now; and a file that is none of ours.
    let recent = write(&build, ".mdlinks-tmp-g7h8i9", "{\"dir\":");
    let not_ours = write(&build, "notes.txt", "the user's own");
    age(&not_ours, 1);
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!old.exists());
    assert!(!old_beside.exists());
    assert!(recent.exists());
    assert!(not_ours.exists());
}

/// The key is made once, private, outside the work tree, and kept: runs
/// made at once all use the one that was made.
#[cfg(unix)]
#[test]
fn racing_runs_make_one_private_key() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let notes = write(dir.path(), "notes.md", NOTES);
    let cache = dir.path().join("cache");
    let runs: Vec<_> = (0..8)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("mdlinks"))
                .env("NO_COLOR", "1")
                .env_remove("MDLINKS_NO_CACHE")
                .env("MDLINKS_CACHE_DIR", &cache)
                .env("XDG_CACHE_HOME", key_home(&cache))
                .args(["check", notes.to_str().unwrap()])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for run in runs {
        let out = run.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stderr_of(&out), "");
    }
    let key_dir = key_home(&cache).join("mdlinks");
    assert_eq!(names_in(&key_dir), ["key"]);
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&key_dir), 0o700);
    assert_eq!(mode(&key_dir.join("key")), 0o600);
    // The pack, whichever run wrote it last, verifies with the key.
    let pack = fs::read(pack_file(&cache)).unwrap();
    assert!(verifies(&pack, &key_of(&cache)));
}

/// A home that cannot hold the key (read-only, or as here a file where
/// the directory would go): one warning, and the run's findings stand.
#[test]
fn without_a_key_the_cache_is_off_with_one_warning() {
    let (dir, notes, _cache, first) = checked_once();
    let cache = dir.path().join("other-cache");
    let not_a_dir = write(dir.path(), "home-file", "");
    let out = mdlinks_cached(&cache)
        .env("XDG_CACHE_HOME", &not_a_dir)
        .args(["check", notes.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_of(&out), stdout_of(&first));
    let stderr = stderr_of(&out);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(
        stderr.contains("results cache is off")
            && stderr.contains(&*not_a_dir.join("mdlinks").join("key").to_string_lossy()),
        "{stderr}"
    );
    assert!(!cache.exists());
}

/// A key others may read is as good as known to them.
#[cfg(unix)]
#[test]
fn a_key_others_may_read_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, notes, cache, first) = checked_once();
    let key = key_home(&cache).join("mdlinks/key");
    fs::set_permissions(&key, fs::Permissions::from_mode(0o644)).unwrap();
    let out = check(&cache, &[notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_of(&out), stdout_of(&first));
    let stderr = stderr_of(&out);
    assert!(stderr.contains("chmod 600"), "{stderr}");
}

/// `--cache-dir` naming a directory of the user's: mdlinks neither writes
/// its `.gitignore` of `*` there (which hid the files from git) nor lets
/// `clean` remove it.
#[test]
fn a_directory_of_the_users_is_not_taken_for_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let notes = write(dir.path(), "notes.md", NOTES);
    let docs = dir.path().join("docs");
    let kept = write(&docs, "kept.txt", "the user's own\n");
    let out = check(&docs, &[notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout_of(&out).contains(MESSAGE));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("holds files mdlinks did not make") && stderr.contains("docs"),
        "{stderr}"
    );
    assert_eq!(names_in(&docs), ["kept.txt"]);
    let out = mdlinks_cached(&docs).arg("clean").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&kept).unwrap(), "the user's own\n");

    // An empty directory is taken, as a new one is.
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert_eq!(
        check(&empty, &[notes.to_str().unwrap()]).status.code(),
        Some(1)
    );
    assert!(is_cache(&empty));
}

fn is_cache(dir: &Path) -> bool {
    dir.join("CACHEDIR.TAG").is_file() && dir.join(".gitignore").is_file()
}

/// A file put in the cache directory after mdlinks made it: `clean`
/// removes what mdlinks made and leaves it, and the directory.
#[test]
fn clean_removes_only_what_mdlinks_made() {
    let (_dir, _notes, cache, _) = checked_once();
    let kept = write(&cache, "notes-to-self.txt", "the user's own\n");
    let build = build_dir(&cache);
    let in_build = write(&build, "photo.jpg", "the user's own");
    let out = mdlinks_cached(&cache).arg("clean").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let said = stdout_of(&out);
    assert!(said.contains("left 2 files mdlinks did not make"), "{said}");
    assert_eq!(fs::read_to_string(&kept).unwrap(), "the user's own\n");
    assert!(in_build.exists());
    assert_eq!(
        names_in(&cache),
        [
            build.file_name().unwrap().to_str().unwrap(),
            "notes-to-self.txt"
        ]
    );
    assert_eq!(names_in(&build), [".mdlinks-build", "photo.jpg"]);

    // Without them, the directory goes too.
    fs::remove_file(&kept).unwrap();
    fs::remove_file(&in_build).unwrap();
    let out = mdlinks_cached(&cache).arg("clean").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!cache.exists());
}
