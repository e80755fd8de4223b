//! Strings for tests that check a hand-written reader against the regex or
//! automaton it stands for, on every input of a few pieces.

/// Every concatenation of at most `most` of `pieces` (the empty string
/// included), sorted, each once.
pub fn concatenations(pieces: &[&str], most: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut longest = vec![String::new()];
    for _ in 0..most {
        longest = longest
            .iter()
            .flat_map(|text| pieces.iter().map(move |piece| format!("{text}{piece}")))
            .collect();
        all.extend(longest.iter().cloned());
    }
    all.sort();
    all.dedup();
    all
}

#[test]
fn concatenations_of_up_to_two_pieces() {
    assert_eq!(
        concatenations(&["a", "b", "ab"], 2),
        [
            "", "a", "aa", "aab", "ab", "aba", "abab", "abb", "b", "ba", "bab", "bb"
        ]
    );
}
