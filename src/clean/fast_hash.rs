//! A fast hasher for the rule tables' maps (class-name words, tag names), looked up for every
//! element of every post: std's SipHash was 2% of a post's instructions there. The maps are built
//! from the rules, never from input, and input only looks keys up, so a hasher without SipHash's
//! resistance to chosen collisions costs nothing in safety: no input can lengthen a probe.
//! The mixing step is FxHash's (rustc's own hasher).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(w);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            // the word the rest makes padded with zeros, read four, two and one bytes at a time:
            // copied into a buffer, the few bytes cost a call of `memcpy` for every name hashed
            let (mut word, mut shift, mut r) = (0u64, 0, rest);
            if let Some((four, tail)) = r.split_first_chunk::<4>() {
                word = u64::from(u32::from_le_bytes(*four));
                (shift, r) = (32, tail);
            }
            if let Some((two, tail)) = r.split_first_chunk::<2>() {
                word |= u64::from(u16::from_le_bytes(*two)) << shift;
                shift += 16;
                r = tail;
            }
            if let Some(&one) = r.first() {
                word |= u64::from(one) << shift;
            }
            self.add(word);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_every_length_are_told_apart() {
        let mut map: FastMap<String, usize> = FastMap::default();
        let keys: Vec<String> = (0..40)
            .map(|n| "ab".repeat(n / 2) + &"x".repeat(n % 2))
            .collect();
        for (i, k) in keys.iter().enumerate() {
            map.insert(k.clone(), i);
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k.as_str()), Some(&i));
        }
        assert_eq!(map.get("abx "), None);
    }

    #[test]
    fn a_short_rest_hashes_as_the_word_it_makes_padded_with_zeros() {
        let bytes: Vec<u8> = (1..=23).collect();
        for len in 0..bytes.len() {
            let mut hasher = FxHasher::default();
            hasher.write(&bytes[..len]);
            let mut padded = FxHasher::default();
            for chunk in bytes[..len].chunks(8) {
                let mut buf = [0u8; 8];
                buf[..chunk.len()].copy_from_slice(chunk);
                padded.add(u64::from_le_bytes(buf));
            }
            assert_eq!(hasher.finish(), padded.finish(), "{len} bytes");
        }
    }
}
