//! The pack: all the entry files of one build in one file, so that a run
//! that fills the cache makes one file, not one per directory linted
//! (making a file costs a create and a rename; on a loaded ext4 disk each
//! took a millisecond, half the cost of filling the cache of a wiki).
//!
//! A pack is `MAGIC`, then the entry files one after another, each sealed
//! as [`Key::seal`] seals them, then an index (also sealed) naming the kind,
//! the directory and the byte range of each, then the index's start as 20
//! decimal digits and a newline. A run reads the index and only the entry
//! files of its own directories, each at its offset, so that checking one
//! file does not read the cache of a whole wiki; it writes a new pack
//! beside the old one (the untouched entry files copied as they are, not
//! read or verified) and renames it into place. Of two runs at once, the
//! later rename wins: the other's new entries are lost, which costs the
//! next run time, never a finding.

use super::key::Key;
use super::store;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::Path;

/// The first line of a pack: what it is, in which format.
const MAGIC: &[u8] = b"mdlinks-pack 1\n";

/// The last line of a pack: where its index starts, in decimal.
const TRAILER: usize = 21;

/// An index larger than this is none of ours.
const MAX_INDEX_BYTES: u64 = 64 << 20;

/// The index of a pack, as sealed at its end.
#[derive(Serialize, Deserialize)]
struct Index {
    /// The build whose directory holds the pack: a pack copied into
    /// another build's directory is not used there.
    build: String,
    segments: Vec<Segment>,
}

/// Where one entry file is in the pack.
#[derive(Clone, Serialize, Deserialize)]
struct Segment {
    /// `findings` or `url-records`.
    kind: String,
    /// The directory whose files the entry file is for.
    dir: String,
    start: u64,
    len: u64,
}

/// An entry file as a run made it, to be put in the pack.
pub struct EntryFile {
    /// `findings` or `url-records`.
    pub kind: String,
    /// The directory whose files it is for.
    pub dir: String,
    /// The file, sealed.
    pub bytes: Vec<u8>,
}

/// A pack as read at the start of a run: its file, kept open, and where
/// its entry files are. Empty when there is no pack, or it cannot be read
/// or does not verify: the cache then starts afresh.
#[derive(Default)]
pub struct Pack {
    file: Option<fs::File>,
    segments: HashMap<(String, String), Segment>,
}

impl Pack {
    /// The pack at `path` of the build `build`, its index authenticated
    /// with `key`.
    pub fn open(path: &Path, key: &Key, build: &str) -> Pack {
        Self::try_open(path, key, build).unwrap_or_default()
    }

    fn try_open(path: &Path, key: &Key, build: &str) -> Option<Pack> {
        let (file, len) = store::open_regular(path).ok()?;
        let mut magic = [0; MAGIC.len()];
        read_exact_at(&file, &mut magic, 0).ok()?;
        let mut trailer = [0; TRAILER];
        let trailer_start = len.checked_sub(TRAILER as u64)?;
        read_exact_at(&file, &mut trailer, trailer_start).ok()?;
        let index_start: u64 = std::str::from_utf8(trailer.strip_suffix(b"\n")?)
            .ok()?
            .parse()
            .ok()?;
        let index_len = trailer_start.checked_sub(index_start)?;
        if magic != MAGIC || index_start < MAGIC.len() as u64 || index_len > MAX_INDEX_BYTES {
            return None;
        }
        let mut sealed = vec![0; index_len as usize];
        read_exact_at(&file, &mut sealed, index_start).ok()?;
        let index: Index = serde_json::from_slice(key.verified(&sealed)?).ok()?;
        if index.build != build {
            return None;
        }
        let segments = index
            .segments
            .into_iter()
            .filter(|s| {
                s.start
                    .checked_add(s.len)
                    .is_some_and(|end| end <= index_start)
            })
            .map(|s| ((s.kind.clone(), s.dir.clone()), s))
            .collect();
        Some(Pack {
            file: Some(file),
            segments,
        })
    }

    /// The entry file of `kind` for `dir`, as sealed (the caller verifies
    /// it: the index says where it is, not that it is genuine).
    pub fn entry_file(&self, kind: &str, dir: &str, max: u64) -> Option<Vec<u8>> {
        let segment = self.segments.get(&(kind.to_owned(), dir.to_owned()))?;
        if segment.len > max {
            return None;
        }
        let mut bytes = vec![0; usize::try_from(segment.len).ok()?];
        read_exact_at(self.file.as_ref()?, &mut bytes, segment.start).ok()?;
        Some(bytes)
    }

    /// Write a new pack at `path`, in `build_dir`: the entry files `new`
    /// (kind, directory, sealed file), and those of this pack that `new`
    /// does not replace and whose directory `keep` keeps.
    pub fn write(
        &self,
        key: &Key,
        build: &str,
        build_dir: &Path,
        path: &Path,
        new: Vec<EntryFile>,
        keep: impl Fn(&str) -> bool,
    ) -> io::Result<()> {
        let replaced: std::collections::HashSet<(&str, &str)> = new
            .iter()
            .map(|file| (file.kind.as_str(), file.dir.as_str()))
            .collect();
        let mut kept: Vec<&Segment> = self
            .segments
            .values()
            .filter(|s| !replaced.contains(&(s.kind.as_str(), s.dir.as_str())) && keep(&s.dir))
            .collect();
        // In the order they were: a pack written twice the same is the same.
        kept.sort_by_key(|s| s.start);
        store::replace(build_dir, path, |out| {
            out.write_all(MAGIC)?;
            let mut at = MAGIC.len() as u64;
            let mut segments = Vec::with_capacity(kept.len() + new.len());
            if let Some(mut file) = self.file.as_ref() {
                // Copied by the kernel where it can (copy_file_range), a
                // run of adjacent entry files at a time, never through our
                // memory: a run that changed one file of a wiki copies the
                // rest of its pack.
                let mut runs: Vec<(u64, u64)> = Vec::new();
                let mut moved_to = at;
                for segment in kept {
                    match runs.last_mut() {
                        Some((_, end)) if *end == segment.start => *end += segment.len,
                        _ => runs.push((segment.start, segment.start + segment.len)),
                    }
                    segments.push(Segment {
                        start: moved_to,
                        ..segment.clone()
                    });
                    moved_to += segment.len;
                }
                for (start, end) in runs {
                    file.seek(io::SeekFrom::Start(start))?;
                    if io::copy(&mut file.take(end - start), out)? != end - start {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                    at += end - start;
                }
            }
            for EntryFile { kind, dir, bytes } in new {
                out.write_all(&bytes)?;
                let len = bytes.len() as u64;
                segments.push(Segment {
                    kind,
                    dir,
                    start: at,
                    len,
                });
                at += len;
            }
            let index = Index {
                build: build.to_owned(),
                segments,
            };
            let mut sealed = key.seal(Vec::new())?;
            serde_json::to_writer(&mut sealed, &index)?;
            out.write_all(&sealed.finish()?)?;
            writeln!(out, "{at:020}")?;
            Ok(())
        })
    }
}

/// Read `buf.len()` bytes of `file` at `offset`, leaving its position (the
/// pack is read from several threads at once).
fn read_exact_at(file: &fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            match std::os::windows::fs::FileExt::seek_read(
                file,
                &mut buf[done..],
                offset + done as u64,
            )? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => done += n,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(key: &Key, body: &str) -> Vec<u8> {
        let mut sealed = key.seal(Vec::new()).unwrap();
        sealed.write_all(body.as_bytes()).unwrap();
        sealed.finish().unwrap()
    }

    fn new(kind: &str, dir: &str, file: &[u8]) -> EntryFile {
        EntryFile {
            kind: kind.to_owned(),
            dir: dir.to_owned(),
            bytes: file.to_vec(),
        }
    }

    #[test]
    fn a_run_replaces_its_entry_files_and_keeps_the_others() {
        let key = Key::for_tests([3; 32]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(store::PACK);
        let [a, b, c, b2] = ["a", "b", "c", "b again"].map(|body| sealed(&key, body));
        let files = vec![
            new("findings", "/a", &a),
            new("findings", "/b", &b),
            new("url-records", "/b", &c),
        ];
        let write = |pack: &Pack, files, keep: fn(&str) -> bool| {
            pack.write(&key, "build", dir.path(), &path, files, keep)
                .unwrap();
            Pack::open(&path, &key, "build")
        };
        let first = write(&Pack::default(), files, |_| true);
        assert_eq!(first.entry_file("findings", "/a", 99).as_ref(), Some(&a));
        assert_eq!(first.entry_file("findings", "/b", 99).as_ref(), Some(&b));
        assert_eq!(first.entry_file("url-records", "/b", 99).as_ref(), Some(&c));
        assert_eq!(first.entry_file("url-records", "/a", 99), None);
        // Larger than the caller takes: not read.
        assert_eq!(first.entry_file("findings", "/a", 10), None);

        // One replaced, one of a directory no longer there dropped, one
        // copied as it was.
        let second = write(&first, vec![new("findings", "/b", &b2)], |dir| dir != "/a");
        assert_eq!(second.entry_file("findings", "/b", 99).as_ref(), Some(&b2));
        assert_eq!(
            second.entry_file("url-records", "/b", 99).as_ref(),
            Some(&c)
        );
        assert_eq!(second.entry_file("findings", "/a", 99), None);
    }

    #[test]
    fn a_pack_of_another_build_or_key_or_damaged_is_empty() {
        let key = Key::for_tests([3; 32]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(store::PACK);
        let a = sealed(&key, "a");
        Pack::default()
            .write(
                &key,
                "build",
                dir.path(),
                &path,
                vec![new("findings", "/a", &a)],
                |_| true,
            )
            .unwrap();
        let found = |pack: Pack| pack.entry_file("findings", "/a", 99).is_some();
        assert!(found(Pack::open(&path, &key, "build")));
        assert!(!found(Pack::open(&path, &key, "another build")));
        assert!(!found(Pack::open(&path, &Key::for_tests([4; 32]), "build")));
        let bytes = fs::read(&path).unwrap();
        for at in [0, bytes.len() / 2, bytes.len() - 30, bytes.len() - 5] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 1;
            fs::write(&path, &damaged).unwrap();
            let pack = Pack::open(&path, &key, "build");
            // The entry file itself is damaged (the caller's MAC check
            // refuses it), or the pack cannot be read at all.
            let entry = pack.entry_file("findings", "/a", 99);
            assert!(
                entry.is_none_or(|file| key.verified(&file).is_none()),
                "byte {at}"
            );
        }
        for short in [0, 10, bytes.len() - 1] {
            fs::write(&path, &bytes[..short]).unwrap();
            assert!(!found(Pack::open(&path, &key, "build")), "{short} bytes");
        }
    }
}
