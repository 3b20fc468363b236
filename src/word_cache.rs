//! A map from short byte strings (the words of a canonical text) to a pair of numbers, laid
//! out for the matcher's per-thread cache of word hits ([`crate::matcher`]).
//!
//! Why not a `HashMap<Box<[u8]>, _>`: the cache is consulted once per word of every text, and
//! with boxed keys each lookup touches the table's control bytes, its bucket and the key's
//! own allocation: three cache misses in a table of tens of thousands of words, which made
//! the lookup (and its `memcmp`) a tenth of the CLI's time. Two tables instead: a small
//! direct-mapped *front* table of recently found keys (a few thousand slots of 40 bytes, each
//! with the key's hash, length, value and bytes), where the frequent words (prepositions,
//! «и», "the") are found reading one slot; behind it the *main* table, open addressing with
//! linear probing at most half full, whose slots are eight bytes (part of the hash and an
//! entry number) so that probing stays within a table the processor can cache; the entries
//! and the keys' bytes lie in insertion order in two arrays.

/// Key bytes kept in a slot of the front table.
const INLINE: usize = 20;

/// A slot of the front table.
#[derive(Clone, Copy, Default)]
struct Slot {
    hash: u64,
    /// Key length in bytes; 0 marks an empty slot (keys are never empty).
    len: u32,
    value: (u32, u32),
    bytes: [u8; INLINE],
}

/// A key of the main table: where its bytes are in the arena, and its value.
#[derive(Clone, Copy)]
struct Entry {
    at: u32,
    len: u32,
    value: (u32, u32),
}

/// See the module documentation. Holds at most the number of keys it was made for; the owner
/// decides when to [`WordMap::clear`] it.
#[derive(Default)]
pub struct WordMap {
    /// The main table: per slot the high half of the key's hash and its entry's index + 1
    /// (0: empty), eight bytes, so that probing stays within a small table.
    probe: Vec<u64>,
    entries: Vec<Entry>,
    arena: Vec<u8>,
    /// Recently found keys of up to [`INLINE`] bytes, at `hash % front.len()` (empty: `len` 0).
    front: Vec<Slot>,
}

/// Slots of the front table (each 40 bytes).
const FRONT: usize = 4096;

/// FxHash's step over eight bytes at a time (the keys are short; this is not for
/// adversarial input, and a collision only costs a comparison).
#[inline]
fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut last = [0u8; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    // the low bits choose the slots: mix the high ones down
    h ^ (h >> 29)
}

impl WordMap {
    /// An empty map for up to `keys` keys.
    pub fn with_capacity(keys: usize) -> WordMap {
        let slots = (keys * 2).next_power_of_two().max(16);
        WordMap {
            probe: vec![0; slots],
            entries: Vec::with_capacity(keys),
            arena: Vec::new(),
            front: vec![Slot::default(); FRONT.min(slots)],
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map holds no key.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets every key (the tables keep their size).
    pub fn clear(&mut self) {
        if !self.entries.is_empty() {
            self.probe.fill(0);
            self.front.fill(Slot::default());
            self.entries.clear();
            self.arena.clear();
        }
    }

    /// The main-table slot holding `key`, or the empty slot where it would go; and its entry.
    #[inline]
    fn find(&self, key: &[u8], h: u64) -> (usize, Option<Entry>) {
        let mask = self.probe.len() - 1;
        let tag = h >> 32;
        let mut i = h as usize & mask;
        loop {
            let p = self.probe[i];
            if p == 0 {
                return (i, None);
            }
            if p >> 32 == tag {
                let e = self.entries[(p as u32 - 1) as usize];
                if e.len as usize == key.len()
                    && &self.arena[e.at as usize..e.at as usize + key.len()] == key
                {
                    return (i, Some(e));
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The value stored for `key`.
    #[inline]
    pub fn get(&mut self, key: &[u8]) -> Option<(u32, u32)> {
        if self.probe.is_empty() {
            return None;
        }
        let h = hash(key);
        let f = (h >> 40) as usize & (self.front.len() - 1);
        let s = &self.front[f];
        if s.hash == h && s.len as usize == key.len() && &s.bytes[..key.len().min(INLINE)] == key {
            return Some(s.value);
        }
        let e = self.find(key, h).1?;
        if key.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..key.len()].copy_from_slice(key);
            self.front[f] = Slot {
                hash: h,
                len: key.len() as u32,
                value: e.value,
                bytes,
            };
        }
        Some(e.value)
    }

    /// Stores `value` for `key` (non-empty, not yet in the map). A map holding as many keys as
    /// it was made for forgets them all first (the owner should have cleared it, with what
    /// the values point at).
    pub fn insert(&mut self, key: &[u8], value: (u32, u32)) {
        if (self.entries.len() + 1) * 2 > self.probe.len() {
            self.clear();
        }
        let h = hash(key);
        let (i, found) = self.find(key, h);
        debug_assert!(found.is_none());
        self.entries.push(Entry {
            at: self.arena.len() as u32,
            len: key.len() as u32,
            value,
        });
        self.arena.extend_from_slice(key);
        self.probe[i] = (h >> 32) << 32 | self.entries.len() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_short_and_long_are_found_and_told_apart() {
        let mut m = WordMap::with_capacity(64);
        let words: Vec<String> = (0..64)
            .map(|i| format!("{}слово{i}", "д".repeat(i % 13)))
            .collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w.as_bytes()), None);
            m.insert(w.as_bytes(), (i as u32, 7));
        }
        assert_eq!(m.len(), 64);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w.as_bytes()), Some((i as u32, 7)), "{w}");
        }
        assert_eq!(m.get("слово".as_bytes()), None);
        assert_eq!(m.get(b"x"), None);
        m.clear();
        assert!(m.is_empty());
        assert_eq!(m.get(words[3].as_bytes()), None);
    }
}
