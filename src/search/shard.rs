//! Splitting a run of encoded items (stems' postings, documents' texts) into shards of about
//! a target size, so the browser loads only a few hundred kilobytes per looked-up word or
//! shown document, and a small pack still gets one file of each kind.

/// The first item index of each shard. Items stay in order and each shard is filled until
/// the next item would take it past `target` bytes; an item larger than `target` gets a
/// shard of its own. No items give no shards.
pub(crate) fn shard_starts(sizes: impl IntoIterator<Item = usize>, target: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut filled = 0;
    for (index, size) in sizes.into_iter().enumerate() {
        if index == 0 || filled + size > target {
            starts.push(index);
            filled = 0;
        }
        filled += size;
    }
    starts
}

/// The item range of shard `n` given all shard starts and the number of items.
pub(crate) fn shard_range(starts: &[usize], n: usize, items: usize) -> std::ops::Range<usize> {
    starts[n]..starts.get(n + 1).copied().unwrap_or(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fills_shards_up_to_the_target() {
        assert_eq!(shard_starts([40, 40, 40, 40, 40], 100), [0, 2, 4]);
        assert_eq!(shard_starts([50, 50, 50], 100), [0, 2]);
    }

    #[test]
    fn an_oversized_item_gets_a_shard_of_its_own() {
        assert_eq!(shard_starts([10, 500, 10, 10], 100), [0, 1, 2]);
        assert_eq!(shard_starts([500], 100), [0]);
    }

    #[test]
    fn no_items_give_no_shards() {
        assert!(shard_starts([], 100).is_empty());
    }

    #[test]
    fn ranges_cover_the_items() {
        let starts = [0, 2, 4];
        assert_eq!(shard_range(&starts, 0, 5), 0..2);
        assert_eq!(shard_range(&starts, 2, 5), 4..5);
    }

    proptest! {
        #[test]
        fn shards_partition_items_and_respect_the_target(
            sizes in proptest::collection::vec(0usize..300, 0..60),
            target in 1usize..500,
        ) {
            let starts = shard_starts(sizes.iter().copied(), target);
            prop_assert_eq!(starts.is_empty(), sizes.is_empty());
            for n in 0..starts.len() {
                let range = shard_range(&starts, n, sizes.len());
                prop_assert!(!range.is_empty());
                let total: usize = sizes[range.clone()].iter().sum();
                prop_assert!(total <= target || range.len() == 1);
            }
        }
    }
}
