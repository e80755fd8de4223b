//! Files kept in the cache directory beside the lint entries (the results
//! of `--online`), kept as the entries are: in a directory mdlinks owns
//! ([`super::directory`]), read without following a link, written whole
//! (a temporary file renamed over the old one), and trusted only if
//! authenticated with the key ([`super::key`]). A planted file of online
//! results could otherwise say a repository moved to another owner, and
//! `fix --online` would rewrite links to it.

use super::directory;
use super::error::CacheError;
use super::key::Key;
use super::store;
use std::io::Write;
use std::path::Path;

/// The body of the file `name` in `cache_dir`, if it is there, no larger
/// than `max`, and authenticated; `None` otherwise (the caller starts
/// afresh).
pub fn read(cache_dir: &Path, name: &str, max: u64) -> Option<Vec<u8>> {
    if directory::check_ours(cache_dir).is_err() {
        return None;
    }
    let key = Key::load_or_make().ok()?;
    let file = store::read(&cache_dir.join(name), max).ok()?;
    key.verified(&file).map(<[u8]>::to_vec)
}

/// Make the file `name` in `cache_dir` hold `body`, authenticated.
pub fn write(cache_dir: &Path, name: &str, body: &[u8]) -> Result<(), CacheError> {
    directory::adopt(cache_dir)?;
    let key = Key::load_or_make()?;
    store::replace(cache_dir, &cache_dir.join(name), |out| {
        let mut sealed = key.seal(out)?;
        sealed.write_all(body)?;
        sealed.finish()?;
        Ok(())
    })
    .map_err(|source| CacheError::Write {
        dir: cache_dir.to_owned(),
        source,
    })
}
