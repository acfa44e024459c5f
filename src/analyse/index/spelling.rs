//! "Did you mean …?" for vocabulary errors.
//!
//! Editors of a vocabulary mistype keys and term names; naming the likely intended one turns
//! an error into a one-second fix.

use super::normalise::fold;

/// The candidate most likely meant by `target`, if any is close enough.
///
/// Close means an edit distance (with transpositions) of 1 for targets of up to 3
/// characters, otherwise of at most a third of the target's length but at least 2, compared
/// case-insensitively; failing that, a candidate that contains the target as whole
/// words ("Mistura" → "Staffan de Mistura"). Ties go to the alphabetically first candidate so
/// messages are deterministic.
pub(crate) fn closest<'a>(
    target: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let wanted = fold(target);
    if wanted.is_empty() {
        return None;
    }
    let length = wanted.chars().count();
    let limit = if length <= 3 { 1 } else { (length / 3).max(2) };
    let mut best: Option<(usize, &str)> = None;
    let mut containing: Option<&str> = None;
    for candidate in candidates {
        let folded = fold(candidate);
        let distance = edit_distance(&wanted, &folded);
        if distance <= limit && best.is_none_or(|(d, name)| (distance, candidate) < (d, name)) {
            best = Some((distance, candidate));
        }
        if contains_words(&folded, &wanted) && containing.is_none_or(|name| candidate < name) {
            containing = Some(candidate);
        }
    }
    best.map(|(_, name)| name)
        .or(containing)
        .map(str::to_string)
}

/// Whether `needle` occurs in `haystack` at word boundaries (both already folded).
fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack
        .split(' ')
        .collect::<Vec<_>>()
        .windows(needle.split(' ').count())
        .any(|window| window.join(" ") == needle)
}

/// Edit distance counting insertions, deletions, substitutions and swaps of adjacent
/// characters (optimal string alignment), the typical typos; O(len(a) × len(b)).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("genève", "geneve"), 1);
        assert_eq!(edit_distance("trems", "terms"), 1);
    }

    #[test]
    fn suggests_near_misses_case_insensitively() {
        let names = ["Sergey Lavrov", "Russia", "Syria"];
        assert_eq!(
            closest("sergei lavrov", names),
            Some("Sergey Lavrov".into())
        );
        assert_eq!(closest("Rusia", names), Some("Russia".into()));
        assert_eq!(closest("Kazakhstan", names), None);
        assert_eq!(
            closest("alias", ["aliases", "name"]),
            Some("aliases".into())
        );
        assert_eq!(closest("IS", ["UN", "US"]), Some("US".into()));
    }

    #[test]
    fn suggests_a_name_containing_the_target() {
        let names = ["Staffan de Mistura", "Hilary Benn"];
        assert_eq!(closest("Mistura", names), Some("Staffan de Mistura".into()));
        assert_eq!(closest("Mist", names), None);
    }

    #[test]
    fn ties_are_alphabetical() {
        assert_eq!(closest("cat", ["hat", "bat"]), Some("bat".into()));
    }
}
