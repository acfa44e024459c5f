//! URL slugs for documents and index terms.
//!
//! Slugs must be stable (links and citations point at them for years), safe in any URL and
//! on any file system, and readable. Non-Latin names are transliterated rather than
//! percent-encoded, so `Genève` becomes `geneve` and a URL can be read aloud.

/// Turns any name into a lowercase ASCII slug of letters, digits and single hyphens.
///
/// Returns an empty string when nothing of the name survives (e.g. only punctuation); callers
/// decide what to do then.
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            continue;
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Whether a slug written by an editor is usable as one folder name in the output.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty() && slug != "." && slug != ".." && slugify(slug) == slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(slugify("Aleppo Bombings"), "aleppo-bombings");
        assert_eq!(slugify("  Jabhat Fateh al-Sham "), "jabhat-fateh-al-sham");
        assert_eq!(slugify("Russia’s veto"), "russias-veto");
        assert_eq!(slugify("HC Deb, 18 Oct 2016"), "hc-deb-18-oct-2016");
    }

    #[test]
    fn unicode_names_are_transliterated() {
        assert_eq!(slugify("Genève"), "geneve");
        assert_eq!(slugify("Алеппо"), "aleppo");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn editor_slugs_cannot_escape_their_folder() {
        assert!(is_valid_slug("benn-letter-2017"));
        assert!(!is_valid_slug("../../etc"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("Capitals"));
    }
}
