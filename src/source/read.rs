//! Reading a source file's bytes, refusing files over the size limit before reading them.

use std::io::Read;
use std::path::Path;

/// Why a source file's bytes could not be had.
#[derive(Debug)]
pub enum ReadFailure {
    /// The file system refused.
    Io(std::io::Error),
    /// The file holds more than the limit; its size in bytes.
    TooLarge(u64),
}

/// Reads the file at `path` if it holds at most `limit` bytes. The size is checked before
/// reading, and the read itself stops past the limit, so a file that grows meanwhile (or a
/// huge one) is never loaded whole.
pub fn read_source_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    let file = std::fs::File::open(path).map_err(ReadFailure::Io)?;
    let size = file.metadata().map_err(ReadFailure::Io)?.len();
    if size > limit {
        return Err(ReadFailure::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(ReadFailure::TooLarge(read));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_up_to_the_limit_are_read_and_bigger_ones_refused_with_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_source_bytes(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_source_bytes(&path, 4),
            Err(ReadFailure::TooLarge(5))
        ));
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_source_bytes(&dir.path().join("none.md"), 10).unwrap_err();
        assert!(matches!(error, ReadFailure::Io(e) if e.kind() == std::io::ErrorKind::NotFound));
    }
}
