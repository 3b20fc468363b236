//! Flat containers for the engine's tables: lists of numbers stored as one array with
//! offsets ([`Lists`]), strings stored in one arena ([`Arena`]) and a map from 64-bit keys to
//! 32-bit values with open addressing in two arrays ([`FlatMap`]).
//!
//! Why: a restarted service worker reads the engine's tables from `bundles/default.tables`
//! (src/prebuilt.rs). With `Vec<Vec<u32>>`, `Vec<String>` and hash maps, reading them meant
//! ~30,000 small allocations and rebuilding every hash map, in code the fresh WebAssembly
//! instance runs for the first time (BENCHMARKS.md: 33–37 ms of the worker's 77–80 ms). Each
//! container here is a few plain arrays, written to the tables file as they are in memory and
//! read back with one copy per array (the maps placed again from their entries).
//!
//! Reading untrusted bytes never panics: [`Lists::from_parts`] and [`Arena::from_parts`] check
//! the arrays fit together, [`FlatMap::from_entries`] that every entry has a slot of its own.
//! A [`FlatMap`] is stored as its entries with their slots and put back slot by slot: its free
//! slots would double the bytes to read, and placing each entry again by hashing and probing
//! took a third of reading the tables in a fresh WebAssembly instance.

/// Lists of `u32` stored flat: list `i` is `items[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lists {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Default for Lists {
    fn default() -> Self {
        Lists {
            offsets: vec![0],
            items: Vec::new(),
        }
    }
}

impl Lists {
    /// The lists of `lists`, flattened.
    pub fn from_lists<L: AsRef<[u32]>>(lists: &[L]) -> Lists {
        let mut out = Lists {
            offsets: Vec::with_capacity(lists.len() + 1),
            items: Vec::with_capacity(lists.iter().map(|l| l.as_ref().len()).sum()),
        };
        out.offsets.push(0);
        for l in lists {
            out.push(l.as_ref());
        }
        out
    }

    /// Appends one list.
    pub fn push(&mut self, list: &[u32]) {
        self.items.extend_from_slice(list);
        self.offsets.push(self.items.len() as u32);
    }

    /// Lists from their arrays (as [`Lists::parts`] gives them), when the offsets start at 0,
    /// never decrease and end at the number of items, and every item is below `bound`.
    pub fn from_parts(offsets: Vec<u32>, items: Vec<u32>, bound: u32) -> Option<Lists> {
        let ok = offsets.first() == Some(&0)
            && offsets.last().is_some_and(|&e| e as usize == items.len())
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && items.iter().all(|&x| x < bound);
        ok.then_some(Lists { offsets, items })
    }

    /// The offsets and the items.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub fn parts(&self) -> (&[u32], &[u32]) {
        (&self.offsets, &self.items)
    }

    /// List `i` (empty past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &[u32] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Number of lists.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Every item of every list.
    pub fn items(&self) -> &[u32] {
        &self.items
    }
}

/// Byte strings stored in one arena: string `i` is `bytes[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arena {
    offsets: Vec<u32>,
    bytes: Vec<u8>,
}

impl Default for Arena {
    fn default() -> Self {
        Arena {
            offsets: vec![0],
            bytes: Vec::new(),
        }
    }
}

impl Arena {
    /// The strings of `items`, in one arena.
    pub fn from_items<S: AsRef<[u8]>>(items: &[S]) -> Arena {
        let mut a = Arena {
            offsets: Vec::with_capacity(items.len() + 1),
            bytes: Vec::with_capacity(items.iter().map(|s| s.as_ref().len()).sum()),
        };
        a.offsets.push(0);
        for s in items {
            a.push(s.as_ref());
        }
        a
    }

    /// Appends one string.
    pub fn push(&mut self, s: &[u8]) {
        self.bytes.extend_from_slice(s);
        self.offsets.push(self.bytes.len() as u32);
    }

    /// An arena from its arrays, when the offsets start at 0, never decrease and end at the
    /// number of bytes. (The strings are not checked as UTF-8 here, all at once: [`Arena::str`]
    /// checks the one it gives.)
    pub fn from_parts(offsets: Vec<u32>, bytes: Vec<u8>) -> Option<Arena> {
        let ok = offsets.first() == Some(&0)
            && offsets.last().is_some_and(|&e| e as usize == bytes.len())
            && offsets.windows(2).all(|w| w[0] <= w[1]);
        ok.then_some(Arena { offsets, bytes })
    }

    /// The offsets and the bytes.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub fn parts(&self) -> (&[u32], &[u8]) {
        (&self.offsets, &self.bytes)
    }

    /// String `i` (empty past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &[u8] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.bytes[a as usize..b as usize],
            _ => &[],
        }
    }

    /// String `i` as text (empty past the end, or if it is not UTF-8: only in a damaged
    /// tables file).
    pub fn str(&self, i: usize) -> &str {
        std::str::from_utf8(self.get(i)).unwrap_or("")
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether there is no string.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A value no entry has: marks a free slot of a [`FlatMap`].
pub const FREE: u32 = u32::MAX - 1;

/// A map from `u64` keys (already hashes) to `u32` values, open addressing with linear
/// probing in one array of (key, value) slots (a probe reads one place in memory) of a
/// power-of-two length, at most three quarters full.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatMap {
    slots: Vec<(u64, u32)>,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
    len: usize,
}

impl FlatMap {
    /// The map of `pairs` (keys distinct; a later pair of the same key replaces the earlier).
    /// The layout depends only on the pairs in their order. No value may be [`FREE`].
    pub fn from_pairs(pairs: &[(u64, u32)]) -> FlatMap {
        let n = FlatMap::slots_for(pairs.len());
        let mut m = FlatMap::free(n);
        for &(k, v) in pairs {
            debug_assert!(v != FREE);
            let mut i = m.slot(k);
            loop {
                let slot = &mut m.slots[i];
                if slot.1 == FREE {
                    *slot = (k, v);
                    m.len += 1;
                    break;
                }
                if slot.0 == k {
                    slot.1 = v;
                    break;
                }
                i = (i + 1) & (n - 1);
            }
        }
        m
    }

    /// The number of slots for `len` entries.
    fn slots_for(len: usize) -> usize {
        if len == 0 {
            0
        } else {
            (len * 4 / 3 + 1).next_power_of_two().max(2)
        }
    }

    /// A map of `n` free slots (`n` a power of two, or 0).
    fn free(n: usize) -> FlatMap {
        FlatMap {
            slots: vec![(0, FREE); n],
            shift: 64 - n.max(2).trailing_zeros(),
            len: 0,
        }
    }

    /// Every entry with its slot, in slot order.
    pub fn entries(&self) -> impl Iterator<Item = (usize, u64, u32)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|s| s.1 .1 != FREE)
            .map(|(i, &(k, v))| (i, k, v))
    }

    /// A map of `len` entries put back where [`FlatMap::entries`] found them (`at`: their
    /// slots, increasing), without hashing or probing: what reading the prebuilt tables does.
    /// `None` when the slots do not fit the map's size, are out of order, or a value is
    /// [`FREE`]. (A key put where a lookup does not reach it is not found: only in a damaged
    /// file, and never a panic nor an endless walk, since a quarter of the slots stay free.)
    pub fn from_entries(at: &[u32], keys: &[u64], values: &[u32]) -> Option<FlatMap> {
        let len = at.len();
        if keys.len() != len || values.len() != len {
            return None;
        }
        let mut m = FlatMap::free(FlatMap::slots_for(len));
        let mut last = None;
        for ((&i, &k), &v) in at.iter().zip(keys).zip(values) {
            let i = i as usize;
            if v == FREE || last.is_some_and(|l| i <= l) || i >= m.slots.len() {
                return None;
            }
            m.slots[i] = (k, v);
            last = Some(i);
        }
        m.len = len;
        Some(m)
    }

    #[inline(always)]
    fn slot(&self, key: u64) -> usize {
        // the keys are hashes already; the multiplication spreads them over the high bits
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The value of `key`. (Always inlined: the word table asks once per character of a
    /// text's words, and the tests' profile builds this crate with little inlining.)
    #[inline(always)]
    pub fn get(&self, key: u64) -> Option<u32> {
        let n = self.slots.len();
        if n == 0 {
            return None;
        }
        let mask = n - 1;
        let mut i = self.slot(key);
        // a map is at most three quarters full (`from_pairs`), so a free slot ends every walk
        loop {
            let (k, v) = self.slots[i];
            if v == FREE {
                return None;
            }
            if k == key {
                return Some(v);
            }
            i = (i + 1) & mask;
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Every entry, in slot order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.slots.iter().copied().filter(|s| s.1 != FREE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_their_items_and_refuse_bad_parts() {
        let l = Lists::from_lists(&[vec![1, 2], vec![], vec![0]]);
        assert_eq!(
            (l.len(), l.get(0), l.get(1), l.get(2)),
            (3, &[1, 2][..], &[][..], &[0][..])
        );
        assert_eq!(l.get(3), &[] as &[u32]);
        let (o, i) = l.parts();
        assert_eq!(
            Lists::from_parts(o.to_vec(), i.to_vec(), 3).as_ref(),
            Some(&l)
        );
        assert_eq!(Lists::from_parts(o.to_vec(), i.to_vec(), 2), None);
        assert_eq!(Lists::from_parts(vec![0, 3, 2, 3], i.to_vec(), 3), None);
        assert_eq!(Lists::from_parts(vec![0, 2, 2, 4], i.to_vec(), 3), None);
        assert_eq!(Lists::from_parts(vec![], vec![], 3), None);
        assert_eq!(Lists::default().len(), 0);
    }

    #[test]
    fn arena_checks_offsets_and_characters() {
        let a = Arena::from_items(&["ab", "", "жк"]);
        assert_eq!((a.len(), a.str(0), a.str(1), a.str(2)), (3, "ab", "", "жк"));
        assert_eq!(a.str(3), "");
        let (o, b) = a.parts();
        assert_eq!(Arena::from_parts(o.to_vec(), b.to_vec()).as_ref(), Some(&a));
        // strings that cut «ж» are read as empty text, their bytes as they are
        let cut = Arena::from_parts(vec![0, 2, 3, 6], b.to_vec()).unwrap();
        assert_eq!((cut.str(1), cut.get(1)), ("", &"ж".as_bytes()[..1]));
        assert_eq!(Arena::from_parts(vec![0, 7], b.to_vec()), None);
        assert_eq!(Arena::from_parts(vec![0, 3, 2, 6], b.to_vec()), None);
    }

    #[test]
    fn flat_map_finds_every_key_and_only_those() {
        // keys that differ only in their high bits, and ordinary ones
        let pairs: Vec<(u64, u32)> = (0..1000u64)
            .map(|k| (if k % 3 == 0 { k << 54 } else { k * 7919 }, k as u32))
            .collect();
        let m = FlatMap::from_pairs(&pairs);
        assert_eq!(m.len(), pairs.len());
        for &(k, v) in &pairs {
            assert_eq!(m.get(k), Some(v));
        }
        assert_eq!(m.get(5), None);
        assert_eq!(FlatMap::default().get(0), None);
        // placed again from its entries, in another order: the same map
        let mut entries: Vec<(u64, u32)> = m.iter().collect();
        entries.reverse();
        let again = FlatMap::from_pairs(&entries);
        for &(k, v) in &pairs {
            assert_eq!(again.get(k), Some(v));
        }
        assert_eq!(again.len(), m.len());
        // and put back slot by slot: the same map, the same layout
        let (at, rest): (Vec<u32>, Vec<(u64, u32)>) =
            m.entries().map(|(i, k, v)| (i as u32, (k, v))).unzip();
        let (keys, values): (Vec<u64>, Vec<u32>) = rest.into_iter().unzip();
        assert_eq!(
            FlatMap::from_entries(&at, &keys, &values).as_ref(),
            Some(&m)
        );
        // slots out of order or past the end, a free value, lengths that differ: refused
        let mut swapped = at.clone();
        swapped.swap(0, 1);
        assert!(FlatMap::from_entries(&swapped, &keys, &values).is_none());
        let mut past = at.clone();
        *past.last_mut().unwrap() = 1 << 20;
        assert!(FlatMap::from_entries(&past, &keys, &values).is_none());
        let mut free = values.clone();
        free[3] = FREE;
        assert!(FlatMap::from_entries(&at, &keys, &free).is_none());
        assert!(FlatMap::from_entries(&at[1..], &keys, &values).is_none());
    }
}
