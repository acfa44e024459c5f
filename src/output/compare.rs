//! Telling whether a file on disk already holds what a build made, so that an unchanged
//! file is left alone and keeps its modification time.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Whether the file at `path` holds exactly `bytes`. It is read only when the sizes agree,
/// and a buffer at a time: an export of hundreds of megabytes is never read into memory
/// whole.
pub(super) fn holds(path: &Path, bytes: &[u8]) -> bool {
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    let length = bytes.len();
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == length as u64)
    {
        return false;
    }
    let mut old = BufReader::with_capacity(length.clamp(1, COMPARE_BUFFER), file);
    next_bytes_are(&mut old, bytes) && old.fill_buf().is_ok_and(|rest| rest.is_empty())
}

/// How much of an existing file is read at a time to compare it.
pub(super) const COMPARE_BUFFER: usize = 1 << 16;

/// Whether the next bytes of `old` are `expected`, reading past them.
pub(super) fn next_bytes_are(old: &mut impl BufRead, mut expected: &[u8]) -> bool {
    while !expected.is_empty() {
        let Ok(buffer) = old.fill_buf() else {
            return false;
        };
        let n = buffer.len().min(expected.len());
        if n == 0 || buffer[..n] != expected[..n] {
            return false;
        }
        old.consume(n);
        expected = &expected[n..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_is_compared_across_read_buffers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        let bytes: Vec<u8> = (0..3 * COMPARE_BUFFER + 7)
            .map(|i| (i % 251) as u8)
            .collect();
        fs::write(&path, &bytes).unwrap();
        assert!(holds(&path, &bytes));
        let mut last_differs = bytes.clone();
        *last_differs.last_mut().unwrap() ^= 1;
        assert!(!holds(&path, &last_differs));
        let mut middle_differs = bytes.clone();
        middle_differs[2 * COMPARE_BUFFER] ^= 1;
        assert!(!holds(&path, &middle_differs));
        assert!(!holds(&path, &bytes[1..]), "shorter");
        assert!(!holds(&dir.path().join("missing"), b""), "no such file");
        fs::write(dir.path().join("empty"), "").unwrap();
        assert!(holds(&dir.path().join("empty"), b""));
    }

    #[test]
    fn reading_past_expected_bytes_goes_on_where_it_stopped() {
        let mut old: &[u8] = b"abcdef";
        assert!(next_bytes_are(&mut old, b"ab"));
        assert!(next_bytes_are(&mut old, b"cd"));
        assert!(!next_bytes_are(&mut old, b"eX"));
        let mut short: &[u8] = b"ab";
        assert!(!next_bytes_are(&mut short, b"abc"), "runs out");
    }
}
