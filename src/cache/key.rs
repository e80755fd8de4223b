//! The results cache's secret key, and the MAC that makes an entry file
//! trusted.
//!
//! The cache lives in the work tree, where a cloned repository can put any
//! file: an entry saying that a dirty file is clean would have `check`
//! report it clean. So each entry file ends with a keyed BLAKE3 hash of
//! the rest of it, made with a key that never leaves the user's own cache
//! directory (`$XDG_CACHE_HOME/mdlinks/key`, else the platform's cache
//! directory), and a file whose MAC does not verify is not read: only
//! entries written on this machine, by this user, are trusted. What the
//! file says it is for (the build, the kind of entries, the directory) is
//! inside the part the MAC covers, so a genuine file moved elsewhere is
//! known for what it is.

use super::error::CacheError;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The first line of an entry file: what it is, in which format.
const MAGIC: &[u8] = b"mdlinks-cache 1\n";

/// Hex digits of a MAC, which stands on the last line of an entry file.
const MAC_HEX: usize = 64;

/// The file the key is kept in, in [`key_dir`].
const KEY_FILE: &str = "key";

/// The secret key entry files are authenticated with.
pub struct Key([u8; blake3::KEY_LEN]);

impl Key {
    #[cfg(test)]
    pub fn for_tests(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }

    /// The key kept in the user's cache directory, made there (private,
    /// random) if there is none yet.
    pub fn load_or_make() -> Result<Key, CacheError> {
        let dir = key_dir().ok_or(CacheError::NoKeyHome)?;
        let path = dir.join(KEY_FILE);
        let failed = |err: io::Error| CacheError::Key {
            path: path.clone(),
            reason: reason(&err),
        };
        match read(&path) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => make(&dir, &path).map_err(failed),
            key => key.map_err(failed),
        }
    }

    /// The body of the entry file `file` if its MAC verifies (compared in
    /// constant time), else `None`.
    pub fn verified<'a>(&self, file: &'a [u8]) -> Option<&'a [u8]> {
        let unended = file.strip_suffix(b"\n")?;
        let (signed, mac) = unended.split_at(unended.len().checked_sub(MAC_HEX)?);
        let mac = blake3::Hash::from_hex(mac).ok()?;
        if mac != blake3::keyed_hash(&self.0, signed) {
            return None;
        }
        signed.strip_prefix(MAGIC)?.strip_suffix(b"\n")
    }

    /// An entry file written to `out`: the body goes through the returned
    /// writer, and [`Sealed::finish`] appends its MAC.
    pub fn seal<W: Write>(&self, out: W) -> io::Result<Sealed<W>> {
        let mut sealed = Sealed {
            out,
            mac: blake3::Hasher::new_keyed(&self.0),
        };
        sealed.write_all(MAGIC)?;
        Ok(sealed)
    }
}

/// An entry file being written: what goes through it is hashed as it
/// goes, so that a file of a hundred megabytes is never held whole.
pub struct Sealed<W: Write> {
    out: W,
    mac: blake3::Hasher,
}

impl<W: Write> Sealed<W> {
    /// End the body and write the MAC: the file is complete.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_all(b"\n")?;
        let mac = self.mac.finalize();
        self.out.write_all(mac.to_hex().as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(self.out)
    }
}

impl<W: Write> Write for Sealed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.out.write(buf)?;
        self.mac.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Where the key is kept: `mdlinks` in `XDG_CACHE_HOME` if that is set
/// (on every platform: it is how the key is put elsewhere), else in the
/// platform's cache directory: `~/.cache` on Unix, `~/Library/Caches` on
/// macOS, `%LOCALAPPDATA%` on Windows. Never in the work tree.
fn key_dir() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    let base = absolute("XDG_CACHE_HOME").or_else(|| {
        if cfg!(windows) {
            absolute("LOCALAPPDATA")
        } else if cfg!(target_os = "macos") {
            absolute("HOME").map(|home| home.join("Library/Caches"))
        } else {
            absolute("HOME").map(|home| home.join(".cache"))
        }
    })?;
    Some(base.join("mdlinks"))
}

/// Read the key at `path`: a regular file only its owner may read or
/// write, holding 64 hex digits and a newline, as [`make`] writes it.
fn read(path: &Path) -> io::Result<Key> {
    let file = fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::other("it is not a regular file"));
    }
    #[cfg(unix)]
    if std::os::unix::fs::PermissionsExt::mode(&metadata.permissions()) & 0o077 != 0 {
        return Err(io::Error::other(
            "others may read or change it (make it private: chmod 600)",
        ));
    }
    let mut text = Vec::with_capacity(MAC_HEX + 2);
    file.take(MAC_HEX as u64 + 2).read_to_end(&mut text)?;
    let hex = text.strip_suffix(b"\n").unwrap_or(&text);
    match blake3::Hash::from_hex(hex) {
        Ok(key) => Ok(Key(*key.as_bytes())),
        Err(_) => Err(io::Error::other(
            "it is not a key mdlinks made (remove it, and a new one is made)",
        )),
    }
}

/// Make a new random key at `path`, in a private directory `dir`. The
/// file appears whole or not at all (written to a temporary file, then
/// linked in place where nothing is yet): of runs making it at once, one
/// wins, and the others read the key it made.
fn make(dir: &Path, path: &Path) -> io::Result<Key> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    let mut key = [0; blake3::KEY_LEN];
    getrandom::fill(&mut key).map_err(io::Error::other)?;
    // tempfile makes its files readable by their owner only.
    let mut temporary = tempfile::Builder::new().prefix(".key-").tempfile_in(dir)?;
    writeln!(temporary, "{}", blake3::Hash::from_bytes(key).to_hex())?;
    temporary.as_file().sync_all()?;
    match temporary.persist_noclobber(path) {
        Ok(_) => Ok(Key(key)),
        Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => read(path),
        Err(err) => Err(err.error),
    }
}

/// What went wrong, for a message: our own words, or the kind of a
/// system's error ("permission denied", "read-only file system").
fn reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::Other => err.to_string(),
        kind => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(key: &Key, body: &[u8]) -> Vec<u8> {
        let mut sealed = key.seal(Vec::new()).unwrap();
        sealed.write_all(body).unwrap();
        sealed.finish().unwrap()
    }

    #[test]
    fn a_sealed_body_verifies_with_its_key_only() {
        let key = Key([1; 32]);
        let file = sealed(&key, b"{\"dir\":\"/a\"}");
        assert!(file.starts_with(MAGIC));
        assert_eq!(key.verified(&file), Some(&b"{\"dir\":\"/a\"}"[..]));
        assert_eq!(Key([2; 32]).verified(&file), None);
    }

    #[test]
    fn any_change_fails_to_verify() {
        let key = Key([1; 32]);
        let file = sealed(&key, b"{\"dir\":\"/a\"}");
        for at in 0..file.len() {
            let mut changed = file.clone();
            changed[at] ^= 1;
            assert_eq!(key.verified(&changed), None, "byte {at}");
        }
        for short in 0..file.len() {
            assert_eq!(key.verified(&file[..short]), None, "{short} bytes");
        }
    }
}
