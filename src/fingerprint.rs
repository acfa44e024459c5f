//! Content fingerprints: one number for everything an output was made from, so a rebuild
//! can tell what it may reuse.

use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::xxh3_64;

/// Builds a fingerprint from the values something depends on (a page, a build).
///
/// The values are gathered as bytes and hashed once at the end: inputs are many short
/// strings and numbers, and feeding each to a streaming hash costs more than copying
/// it.
#[derive(Default)]
pub struct Fingerprint(Vec<u8>);

impl Fingerprint {
    /// Adds a number.
    pub fn number(mut self, value: u64) -> Self {
        self.0.extend_from_slice(&value.to_le_bytes());
        self
    }

    /// Adds a string (length-prefixed, so `"ab","c"` differs from `"a","bc"`).
    pub fn text(mut self, value: &str) -> Self {
        self.0
            .extend_from_slice(&(value.len() as u64).to_le_bytes());
        self.0.extend_from_slice(value.as_bytes());
        self
    }

    /// Adds a value through its `Hash`, for structured values whose every field counts.
    pub fn hashed(mut self, value: &impl Hash) -> Self {
        value.hash(&mut self);
        self
    }

    /// The fingerprint.
    pub fn finish(self) -> u64 {
        xxh3_64(&self.0)
    }
}

/// `Hash` writes into the gathered bytes (its own encoding keeps fields apart).
impl Hasher for Fingerprint {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        xxh3_64(&self.0)
    }
}
