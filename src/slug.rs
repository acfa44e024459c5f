//! URL slugs for documents and index terms.
//!
//! Slugs must be stable (links and citations point at them for years), safe in any URL and
//! on any file system, and readable. Non-Latin names are transliterated rather than
//! percent-encoded, so `Genève` becomes `geneve` and a URL can be read aloud.

use unicode_normalization::UnicodeNormalization;

use crate::analyse::index::is_apostrophe;

/// Turns any name into a lowercase ASCII slug of letters, digits and single hyphens.
///
/// Non-Latin scripts are transliterated ("Алеппо" → "aleppo"), accents dropped ("Genève" →
/// "geneve") and apostrophes removed ("Assad's" → "assads"). A name with nothing
/// transliterable ("!!!") gets `t-` plus a hash of its NFC form, stable because the hash is
/// FNV-1a, fixed by definition, not the standard library's unspecified one.
pub fn slugify(name: &str) -> String {
    // Taxonomy names and many editors' slugs are slugs already; pages link to terms by
    // their taxonomy's slug hundreds of thousands of times on a large pack.
    if is_slug_shaped(name) {
        name.to_string()
    } else {
        transliterated(name)
    }
}

/// The slug of any name: see [`slugify`].
fn transliterated(name: &str) -> String {
    // ASCII is its own NFC form and transliteration, and its only apostrophe is skipped
    // below: most headings take this way, without the Unicode tables.
    if name.is_ascii() {
        return hyphenated(name, name);
    }
    let nfc: String = name.nfc().collect();
    let without_apostrophes: String = nfc.chars().filter(|&c| !is_apostrophe(c)).collect();
    hyphenated(&deunicode::deunicode(&without_apostrophes), &nfc)
}

/// The lowercase letters and digits of `ascii`, runs of anything else as single hyphens
/// (apostrophes dropped), or a hash of the name's `nfc` form when nothing is left.
fn hyphenated(ascii: &str, nfc: &str) -> String {
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        format!("t-{:08x}", fnv1a(nfc.as_bytes()) as u32)
    } else {
        slug
    }
}

/// Whether `name` is non-empty lowercase ASCII letters and digits in words joined by single
/// hyphens: what [`slugify`] makes, and leaves as it is.
fn is_slug_shaped(name: &str) -> bool {
    let bytes = name.as_bytes();
    let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-';
    !name.is_empty()
        && bytes.iter().all(allowed)
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// 64-bit FNV-1a: tiny, and its output is fixed by definition.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
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
        assert!(slugify("???").starts_with("t-"));
    }

    #[test]
    fn editor_slugs_cannot_escape_their_folder() {
        assert!(is_valid_slug("benn-letter-2017"));
        assert!(!is_valid_slug("../../etc"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("Capitals"));
    }

    #[test]
    fn nfd_input_and_curly_apostrophes_slug_alike() {
        assert_eq!(slugify("Gene\u{300}ve"), "geneve");
        assert_eq!(
            slugify("Her Majesty’s Government"),
            "her-majestys-government"
        );
        assert_eq!(slugify("--War crimes!--"), "war-crimes");
    }

    #[test]
    fn falls_back_to_a_stable_hash() {
        let slug = slugify("!!!");
        assert!(slug.starts_with("t-") && slug.len() == 10, "{slug}");
        assert_eq!(slug, slugify("!!!"));
        assert_ne!(slug, slugify("???"));
    }

    proptest::proptest! {
        #[test]
        fn always_url_safe_and_never_empty(name in proptest::prelude::any::<String>()) {
            let slug = slugify(&name);
            proptest::prop_assert!(!slug.is_empty());
            proptest::prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
            proptest::prop_assert!(!slug.contains("--"));
            proptest::prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }

        #[test]
        fn a_slug_shaped_name_is_its_own_slug(
            name in "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,4}|[a-z0-9 -]{0,12}"
        ) {
            if is_slug_shaped(&name) {
                proptest::prop_assert_eq!(transliterated(&name), name);
            }
        }

        #[test]
        fn ascii_names_slug_as_through_the_unicode_tables(name in "[ -~]{0,30}") {
            let nfc: String = name.nfc().collect();
            let without_apostrophes: String =
                nfc.chars().filter(|&c| !is_apostrophe(c)).collect();
            let through_tables = hyphenated(&deunicode::deunicode(&without_apostrophes), &nfc);
            proptest::prop_assert_eq!(transliterated(&name), through_tables);
        }
    }
}
