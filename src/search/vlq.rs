//! Variable-length numbers in base64url characters, for postings: five bits per character,
//! low bits first, the sixth bit set on every character but a number's last. Small deltas
//! (under 32) take one character and need no separator, which makes postings about half
//! the size of a JSON array of the same numbers; the characters need no JSON escaping.
//! `static/search.js` decodes them in `decodePostings`, and [`numbers`] here.

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `number` to `out`.
pub(crate) fn push(out: &mut String, mut number: u32) {
    loop {
        let low = (number & 31) as usize;
        number >>= 5;
        if number == 0 {
            out.push(char::from(DIGITS[low]));
            return;
        }
        out.push(char::from(DIGITS[low | 32]));
    }
}

/// The numbers of a string written by [`push`], in order, as the browser decodes them; for
/// reading postings back when choosing lead paragraphs (see `lead`).
pub(crate) fn numbers(text: &str) -> impl Iterator<Item = u32> + '_ {
    let mut bytes = text.bytes();
    std::iter::from_fn(move || {
        let (mut value, mut shift) = (0, 0);
        loop {
            let digit = digit_value(bytes.next()?);
            value |= (digit & 31) << shift;
            if digit & 32 == 0 {
                return Some(value);
            }
            shift += 5;
        }
    })
}

fn digit_value(byte: u8) -> u32 {
    match byte {
        b'A'..=b'Z' => u32::from(byte - b'A'),
        b'a'..=b'z' => u32::from(byte - b'a') + 26,
        b'0'..=b'9' => u32::from(byte - b'0') + 52,
        b'-' => 62,
        b'_' => 63,
        _ => panic!("{byte:#x} is not a base64url digit"),
    }
}

/// Decodes a whole string of numbers.
#[cfg(test)]
pub(crate) fn decode(text: &str) -> Vec<u32> {
    numbers(text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_numbers_take_one_character() {
        let mut out = String::new();
        for n in [0, 1, 31, 32, 1023, 1024] {
            push(&mut out, n);
        }
        assert_eq!(out, "ABf gB_f ggB".replace(' ', ""));
    }

    proptest! {
        #[test]
        fn numbers_round_trip(numbers in proptest::collection::vec(any::<u32>(), 0..50)) {
            let mut out = String::new();
            for &n in &numbers {
                push(&mut out, n);
            }
            prop_assert_eq!(decode(&out), numbers);
        }
    }
}
