//! Where the output may go.

use std::path::Path;

use crate::error::BuildError;

/// Refuses an output folder that would overwrite the pack itself: the pack root or any folder
/// above it, or one of the pack's own folders.
pub fn check_output_location(root: &Path, output: &Path) -> Result<(), BuildError> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let root = absolute(root);
    let output = absolute(output);
    let protected = ["content", "templates", "static", "themes"];
    let clashes = root.starts_with(&output)
        || protected
            .iter()
            .any(|dir| output.starts_with(root.join(dir)));
    if clashes {
        return Err(BuildError::OutputOverlapsPack(output));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the refusal ended in the I/O error text ": invalid input parameter".
    #[test]
    fn an_output_folder_over_the_sources_is_refused_with_a_plain_message() {
        let error =
            check_output_location(Path::new("/pack"), Path::new("/pack/content")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the output folder /pack/content would overwrite the pack's own files"
        );
        assert!(check_output_location(Path::new("/pack"), Path::new("/pack/public")).is_ok());
        assert!(check_output_location(Path::new("/pack"), Path::new("/")).is_err());
    }
}
