//! The site as a zip archive, byte for byte the same whenever the site is.
//!
//! Entries are sorted by path and carry fixed metadata (the zip format's earliest time,
//! 1980-01-01 00:00, Unix `rw-r--r--`), so two bundles of the same pack are identical and a
//! bundle can be checked by its hash.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::{OutputFile, refuse_shared_paths};
use crate::error::BuildError;

/// The files as a zip archive, each under `folder/` so that unpacking makes one folder.
/// `path` only names the archive in errors.
pub fn zip_archive(files: &[OutputFile], folder: &str, path: &Path) -> Result<Vec<u8>, BuildError> {
    let failed = |e: &dyn std::fmt::Display| BuildError::Archive {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    refuse_shared_paths(files.iter().map(|file| &*file.path))?;
    let mut sorted: Vec<&OutputFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for file in sorted {
        zip.start_file(format!("{folder}/{}", file.path), options)
            .map_err(|e| failed(&e))?;
        zip.write_all(&file.bytes).map_err(|e| failed(&e))?;
    }
    let cursor = zip.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_files_in_any_order_make_the_same_archive() {
        let a = OutputFile::new("index.html", b"<p>a</p>".to_vec());
        let b = OutputFile::new("documents/x/index.html", b"<p>b</p>".to_vec());
        let path = Path::new("pack.zip");
        let one = zip_archive(&[a.clone(), b.clone()], "pack", path).unwrap();
        let two = zip_archive(&[b, a], "pack", path).unwrap();
        assert_eq!(one, two);
        let mut archive = zip::ZipArchive::new(Cursor::new(one)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut first = archive.by_index(0).unwrap();
        assert_eq!(first.name().unwrap(), "pack/documents/x/index.html");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut first, &mut text).unwrap();
        assert_eq!(text, "<p>b</p>");
    }
}
