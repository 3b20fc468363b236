//! The word table: finds, for one word of a canonical text, every phrase word that equals it
//! and every stem that begins it.
//!
//! Why not an automaton: the canonical text is already cut into words (single spaces), and
//! phrase words only ever match from a word's start. So the question per word is "which
//! patterns are this word, and which stems are a prefix of it" — a hash lookup, not a scan.
//! Measured against the aho-corasick DFA this replaced (`make bench`, BENCHMARKS.md): the
//! engine builds several times faster (a few hash inserts per pattern instead of a DFA over
//! ~10,000 words, which dominated the service worker's start-up) and classifies faster,
//! because most words of ordinary text leave the stem prefixes within a byte or two.
//!
//! How: one rolling 64-bit hash runs over the word's bytes. `prefixes` holds the hash of
//! every prefix of every stem that ends at a character's end (so a walk stops at the first byte no stem continues with),
//! marked with the stem's id where a whole stem ends; `words` holds the hash of every
//! pattern. Every hit is confirmed by comparing bytes, so a hash collision can never make a
//! false match (at worst, in a ~2⁻⁶⁴ case, a stem walk continues one byte longer).
//!
//! Nor can a collision lose a pattern: the hash is not keyed, so an imported bundle could be
//! made of words that share one. A second pattern (or stem end) whose hash is taken goes to
//! the next free key of a probe chain (`h`, `step(h, 0xFF)`, …: 0xFF never occurs in UTF-8),
//! and a lookup whose bytes do not match the first entry walks the same chain. Without a
//! collision the chain is never looked at, and the tables' layout (src/prebuilt.rs) is the
//! same.

use crate::flat::{Arena, FlatMap};
use rustc_hash::FxHashMap as HashMap;

/// No stem ends at this prefix; other stems continue it.
pub(crate) const PREFIX_ONLY: u32 = u32::MAX;

/// The next key of a probe chain (after a collision).
#[inline]
fn next_key(h: u64, step: impl Fn(u64, u8) -> u64) -> u64 {
    step(h, 0xFF)
}

/// The rolling hash: FxHash's step, one byte at a time.
#[inline]
fn step(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The key of a whole pattern in `words` (before any collision moved it on): the rolling
/// hash over its bytes. The prebuilt tables leave these keys out and compute them when read.
#[inline]
pub(crate) fn word_key(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |h, &b| step(h, b))
}

/// Whether a UTF-8 byte continues a character (patterns and words are valid UTF-8, so a
/// prefix that ends before such a byte is never a pattern).
#[inline]
fn is_continuation(b: u8) -> bool {
    (b as i8) < -0x40
}

/// A word-pattern hit inside one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordHit {
    pub pattern: u32,
    /// Bytes of the word the pattern covers.
    pub len: usize,
}

/// Immutable lookup table over the distinct phrase words (exact words and stems). Flat
/// arrays only (`src/flat.rs`): the prebuilt tables (src/prebuilt.rs) hold them as they are
/// in memory.
#[derive(Clone, Debug, Default)]
pub struct WordTable {
    pub(crate) patterns: Arena,
    pub(crate) words: FlatMap,
    pub(crate) prefixes: FlatMap,
    /// Shortest and longest stem, in bytes: prefixes outside are not looked up.
    pub(crate) stem_min: usize,
    pub(crate) stem_max: usize,
}

impl WordTable {
    /// Builds the table. `patterns[i]` is pattern `i`; `stem[i]` says whether any phrase uses
    /// it as a stem (`word*`), so that words merely starting with it are reported too.
    pub fn new(patterns: &[String], stem: &[bool]) -> WordTable {
        WordTable::build(patterns, stem, step)
    }

    /// [`WordTable::new`] with another hash step (tests use a weak one to force collisions).
    fn build(
        patterns: &[String],
        stem: &[bool],
        step: impl Fn(u64, u8) -> u64 + Copy,
    ) -> WordTable {
        let mut words: HashMap<u64, u32> = HashMap::default();
        let mut prefixes: HashMap<u64, u32> = HashMap::default();
        let (mut stem_min, mut stem_max) = (usize::MAX, 0);
        words.reserve(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let bytes = p.as_bytes();
            let mut key = bytes.iter().fold(0, |h, &b| step(h, b));
            while words.contains_key(&key) {
                key = next_key(key, step);
            }
            words.insert(key, i as u32);
            if !stem[i] || bytes.is_empty() {
                continue;
            }
            stem_min = stem_min.min(bytes.len());
            stem_max = stem_max.max(bytes.len());
            let mut h = 0;
            for (k, &b) in bytes.iter().enumerate() {
                h = step(h, b);
                // whole characters only: lookups happen where a character ends
                if bytes.get(k + 1).is_some_and(|&n| is_continuation(n)) {
                    continue;
                }
                if k + 1 < bytes.len() {
                    prefixes.entry(h).or_insert(PREFIX_ONLY);
                    continue;
                }
                // a whole stem: the first key of its chain that holds no other stem's end
                let mut key = h;
                while prefixes.get(&key).is_some_and(|&v| v != PREFIX_ONLY) {
                    key = next_key(key, step);
                }
                prefixes.insert(key, i as u32);
            }
        }
        // flat, in an order that depends only on the patterns (the tables file holds them)
        let flat = |map: HashMap<u64, u32>| {
            let mut pairs: Vec<(u64, u32)> = map.into_iter().collect();
            pairs.sort_unstable();
            FlatMap::from_pairs(&pairs)
        };
        WordTable {
            patterns: Arena::from_items(patterns),
            words: flat(words),
            prefixes: flat(prefixes),
            stem_min,
            stem_max,
        }
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the table holds no pattern.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Calls `hit` for each pattern that equals `word` or is a stem beginning it (shortest
    /// first; the whole word last).
    #[inline]
    pub fn lookup(&self, word: &[u8], hit: impl FnMut(WordHit)) {
        self.lookup_by(word, step, hit)
    }

    #[inline]
    fn lookup_by(
        &self,
        word: &[u8],
        step: impl Fn(u64, u8) -> u64 + Copy,
        mut hit: impl FnMut(WordHit),
    ) {
        let mut h = 0u64;
        let mut alive = self.stem_max > 0;
        for (k, &b) in word.iter().enumerate() {
            h = step(h, b);
            let len = k + 1;
            if alive && len < word.len() && !is_continuation(word[len]) {
                if len > self.stem_max {
                    alive = false;
                    continue;
                }
                match self.prefixes.get(h) {
                    None => alive = false,
                    Some(PREFIX_ONLY) => {}
                    Some(id) if len >= self.stem_min => {
                        if let Some(id) = self.find(&self.prefixes, h, id, &word[..len], step) {
                            hit(WordHit { pattern: id, len })
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(id) = self.words.get(h) {
            if let Some(id) = self.find(&self.words, h, id, word, step) {
                hit(WordHit {
                    pattern: id,
                    len: word.len(),
                });
            }
        }
    }

    /// The pattern equal to `bytes` among `first` (stored at `key`) and, after a collision,
    /// the rest of `key`'s probe chain.
    #[inline]
    fn find(
        &self,
        map: &FlatMap,
        key: u64,
        first: u32,
        bytes: &[u8],
        step: impl Fn(u64, u8) -> u64 + Copy,
    ) -> Option<u32> {
        if self.is(first, bytes) {
            return Some(first);
        }
        self.probe(map, key, bytes, step)
    }

    /// The rest of a probe chain, walked only after a collision.
    #[cold]
    fn probe(
        &self,
        map: &FlatMap,
        mut key: u64,
        bytes: &[u8],
        step: impl Fn(u64, u8) -> u64 + Copy,
    ) -> Option<u32> {
        // a chain is never longer than the map (bounded even for tables read from a file)
        for _ in 0..map.len() {
            key = next_key(key, step);
            match map.get(key) {
                None => return None,
                Some(id) if id != PREFIX_ONLY && self.is(id, bytes) => return Some(id),
                Some(_) => {}
            }
        }
        None
    }

    #[inline]
    fn is(&self, id: u32, bytes: &[u8]) -> bool {
        self.patterns.get(id as usize) == bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(t: &WordTable, word: &str) -> Vec<(u32, usize)> {
        let mut v = Vec::new();
        t.lookup(word.as_bytes(), |h| v.push((h.pattern, h.len)));
        v
    }

    #[test]
    fn exact_words_and_stems() {
        let pats: Vec<String> = ["сек", "секс", "девушк", "паспорт"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let t = WordTable::new(&pats, &[true, false, true, false]);
        assert_eq!(hits(&t, "секс"), vec![(0, 6), (1, 8)]);
        assert_eq!(hits(&t, "секретарь"), vec![(0, 6)]);
        assert_eq!(hits(&t, "се"), vec![]);
        assert_eq!(hits(&t, "девушки"), vec![(2, 12)]);
        assert_eq!(hits(&t, "девушк"), vec![(2, 12)]);
        assert_eq!(hits(&t, "паспорт"), vec![(3, 14)]);
        // an exact word is not a stem
        assert_eq!(hits(&t, "паспортный"), vec![]);
    }

    #[test]
    fn empty_table_finds_nothing() {
        let t = WordTable::new(&[], &[]);
        assert!(t.is_empty());
        assert_eq!(hits(&t, "word"), vec![]);
    }

    #[test]
    fn patterns_that_share_a_hash_are_all_found() {
        // A weak hash (the sum of the bytes) makes "ab" and "ba", "abc" and "cab" and "bca"
        // collide, as words and as stems; every one must still be found, and only itself.
        let weak = |h: u64, b: u8| h.wrapping_add(u64::from(b));
        let pats: Vec<String> = ["ab", "ba", "abc", "cab", "bca", "ac"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let stem = [true, true, false, true, true, false];
        let t = WordTable::build(&pats, &stem, weak);
        let hits = |word: &str| {
            let mut v = Vec::new();
            t.lookup_by(word.as_bytes(), weak, |h| v.push((h.pattern, h.len)));
            v
        };
        assert_eq!(hits("ab"), vec![(0, 2)]);
        assert_eq!(hits("ba"), vec![(1, 2)]);
        assert_eq!(hits("abc"), vec![(0, 2), (2, 3)]);
        assert_eq!(hits("cab"), vec![(3, 3)]);
        assert_eq!(hits("bca"), vec![(4, 3)]);
        assert_eq!(hits("abxy"), vec![(0, 2)]);
        assert_eq!(hits("baxy"), vec![(1, 2)]);
        assert_eq!(hits("cabs"), vec![(3, 3)]);
        assert_eq!(hits("bcaz"), vec![(4, 3)]);
        assert_eq!(hits("ac"), vec![(5, 2)]);
        assert_eq!(hits("ca"), vec![]);
        assert_eq!(hits("acb"), vec![]);
        // the same table with the real hash finds the same
        let real = WordTable::new(&pats, &stem);
        for w in [
            "ab", "ba", "abc", "cab", "bca", "abxy", "cabs", "ac", "ca", "acb",
        ] {
            let mut a = Vec::new();
            real.lookup(w.as_bytes(), |h| a.push((h.pattern, h.len)));
            assert_eq!(a, hits(w), "{w}");
        }
    }
}
