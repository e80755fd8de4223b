//! Finding the items whose key an earlier item already has, for the rules
//! that report duplicates, without keeping each key: every item is given as
//! a 64-bit hash of its key, and keys are compared (by the caller) only
//! where hashes meet.

use foldhash::HashMap;
use foldhash::HashMapExt;
use std::collections::hash_map::Entry;

/// For each item whose key an earlier item has, `(item, first)`: the item
/// and the first item with that key. `hashed` is `(hash of the key, item)`
/// in document order; `same(a, b)` says whether two items' keys are equal
/// (their hashes are). Equal hashes of unequal keys are told apart: each
/// distinct key of a hash is chained to the next.
pub fn repeats(
    hashed: &[(u64, usize)],
    mut same: impl FnMut(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    // Hash → position in `hashed` of the first item with that hash.
    let mut heads: HashMap<u64, usize> = HashMap::with_capacity(hashed.len());
    // Position of a first item → position of the first item of the next
    // distinct key with the same hash.
    let mut next: Vec<Option<usize>> = Vec::new();
    let mut out = Vec::new();
    for (position, &(hash, item)) in hashed.iter().enumerate() {
        let head = match heads.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(position);
                continue;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        if next.is_empty() {
            next.resize(hashed.len(), None);
        }
        let mut at = head;
        loop {
            let first = hashed[at].1;
            if same(first, item) {
                out.push((item, first));
                break;
            }
            match next[at] {
                Some(further) => at = further,
                None => {
                    // A key of its own that shares a hash: chain it.
                    next[at] = Some(position);
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_point_at_the_first_item_with_their_key() {
        let keys = ["a", "b", "a", "c", "b", "a"];
        let hashed: Vec<(u64, usize)> = keys.iter().enumerate().map(|(i, _)| (7, i)).collect();
        // Every hash equal: only the comparison tells keys apart.
        let found = repeats(&hashed, |a, b| keys[a] == keys[b]);
        assert_eq!(found, [(2, 0), (4, 1), (5, 0)]);
        let hashed: Vec<(u64, usize)> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.len() as u64 + u64::from(k.as_bytes()[0]), i))
            .collect();
        assert_eq!(repeats(&hashed, |a, b| keys[a] == keys[b]), found);
    }
}
