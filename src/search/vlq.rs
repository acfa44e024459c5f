//! Variable-length numbers in base64url characters, for postings: five bits per character,
//! low bits first, the sixth bit set on every character but a number's last. Small deltas
//! (under 32) take one character and need no separator, which makes postings about half
//! the size of a JSON array of the same numbers; the characters need no JSON escaping.
//! `static/search.js` decodes them in `decodeNumbers`.

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

/// Decodes a whole string of numbers, as the browser does.
#[cfg(test)]
pub(crate) fn decode(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let (mut value, mut shift) = (0, 0);
    for byte in text.bytes() {
        let digit = DIGITS
            .iter()
            .position(|&d| d == byte)
            .expect("a base64url digit") as u32;
        value |= (digit & 31) << shift;
        if digit & 32 == 0 {
            numbers.push(value);
            value = 0;
            shift = 0;
        } else {
            shift += 5;
        }
    }
    numbers
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
