//! Content fingerprints: one number for everything an output was made from, so a rebuild
//! can tell what it may reuse.

use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::Xxh3;

/// How many bytes a fingerprint gathers before feeding them to the hash.
const CHUNK: usize = 4096;

/// Builds a fingerprint from the values something depends on (a page, a build).
///
/// Inputs are many short strings and numbers, and feeding each to a streaming hash costs more
/// than copying it, so the values are gathered into a buffer that is hashed a chunk at a
/// time (the digest is the same as hashing all the bytes at once). The streaming state is
/// made only once a chunk is full, and kept on the heap: a fingerprint is passed by value at
/// every step, and most never fill a chunk.
pub struct Fingerprint {
    gathered: Vec<u8>,
    state: Option<Box<Xxh3>>,
}

/// Starts with room for a whole chunk: one allocation instead of growing through every
/// size up to it, which a fingerprint of many small values otherwise does.
impl Default for Fingerprint {
    fn default() -> Self {
        Self {
            gathered: Vec::with_capacity(CHUNK),
            state: None,
        }
    }
}

impl Fingerprint {
    /// Adds a number.
    pub fn number(mut self, value: u64) -> Self {
        self.gather(&value.to_le_bytes());
        self
    }

    /// Adds a string (length-prefixed, so `"ab","c"` differs from `"a","bc"`).
    pub fn text(mut self, value: &str) -> Self {
        self.gather(&(value.len() as u64).to_le_bytes());
        self.gather(value.as_bytes());
        self
    }

    /// Adds a value through its `Hash`, for structured values whose every field counts.
    pub fn hashed(mut self, value: &impl Hash) -> Self {
        value.hash(&mut self);
        self
    }

    /// The fingerprint.
    pub fn finish(self) -> u64 {
        Hasher::finish(&self)
    }

    fn gather(&mut self, bytes: &[u8]) {
        if self.gathered.len() + bytes.len() > CHUNK {
            self.stream(|state, gathered| state.update(gathered));
            self.gathered.clear();
        }
        if bytes.len() > CHUNK {
            self.stream(|state, _| state.update(bytes));
        } else {
            self.gathered.extend_from_slice(bytes);
        }
    }

    /// Runs `feed` on the streaming state (made now if this is the first full chunk) and the
    /// gathered bytes.
    fn stream(&mut self, feed: impl FnOnce(&mut Xxh3, &[u8])) {
        let state = self.state.get_or_insert_with(|| Box::new(Xxh3::new()));
        feed(state, &self.gathered);
    }
}

/// `Hash` writes into the gathered bytes (its own encoding keeps fields apart).
impl Hasher for Fingerprint {
    fn write(&mut self, bytes: &[u8]) {
        self.gather(bytes);
    }

    fn finish(&self) -> u64 {
        match &self.state {
            None => xxhash_rust::xxh3::xxh3_64(&self.gathered),
            Some(state) => {
                let mut state = state.clone();
                state.update(&self.gathered);
                state.digest()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_does_not_depend_on_how_the_bytes_were_chunked() {
        let long = "x".repeat(CHUNK * 2 + 17);
        let mut small = Fingerprint::default();
        for _ in 0..3000 {
            small = small.text("siege of Aleppo").number(2016);
        }
        let whole = |fingerprint: Fingerprint| fingerprint.text(&long).number(7).finish();
        let mut bytes = Vec::new();
        for _ in 0..3000 {
            bytes.extend_from_slice(&15u64.to_le_bytes());
            bytes.extend_from_slice(b"siege of Aleppo");
            bytes.extend_from_slice(&2016u64.to_le_bytes());
        }
        bytes.extend_from_slice(&(long.len() as u64).to_le_bytes());
        bytes.extend_from_slice(long.as_bytes());
        bytes.extend_from_slice(&7u64.to_le_bytes());
        assert_eq!(whole(small), xxhash_rust::xxh3::xxh3_64(&bytes));
    }
}
