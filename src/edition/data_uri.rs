//! `data:` URIs, for putting a file inside the single-file edition.

/// The file's bytes as a `data:` URI, typed by the file's extension.
pub fn data_uri(path: &str, bytes: &[u8]) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    format!("data:{};base64,{}", mime.essence_str(), base64(bytes))
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in cases {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn data_uris_are_typed_by_extension() {
        assert_eq!(data_uri("a/logo.png", b"fo"), "data:image/png;base64,Zm8=");
        assert!(data_uri("x.svg", b"<svg/>").starts_with("data:image/svg+xml;base64,"));
    }
}
