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
        return Err(BuildError::io(
            "the output folder would overwrite the pack's own files",
            output,
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        ));
    }
    Ok(())
}
