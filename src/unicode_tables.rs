//! Unicode decomposition and combining marks for normalization (`src/normalize.rs`): the
//! answers of `unicode-normalization`'s `decompose_compatible`, `decompose_canonical` and
//! `is_combining_mark`, for every character.
//!
//! Why a copy: that crate's perfect-hash tables are about 56 KB of the gzipped `.wasm` (a
//! sixth of it; hashed order leaves gzip little to find). `build.rs` writes the same answers
//! from that crate in code-point order (the code points as steps from the previous one, 7
//! bits a byte; each decomposition's length; the decompositions as one string; combining
//! marks as ranges), about 15 KB gzipped. The first lookup turns the steps and lengths into
//! sorted arrays (~6,000 entries, 36 KB of memory, well under a millisecond), searched by
//! binary search from then on. Stored as the sorted arrays themselves they were 20 KB more of
//! the gzipped `.wasm` (BENCHMARKS.md, ".wasm size, fourth round"). The WebAssembly build
//! uses these; the native build keeps the crate's
//! (a hash lookup is a little faster, and the CLI's size does not matter). The test below
//! checks that both give the same answer for every character, so the extension and the CLI
//! normalize alike.

#[cfg(not(target_arch = "wasm32"))]
pub use unicode_normalization::char::{
    decompose_canonical, decompose_compatible, is_combining_mark,
};

#[cfg(target_arch = "wasm32")]
pub use compact::{decompose_canonical, decompose_compatible, is_combining_mark};

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod compact {
    use std::sync::OnceLock;

    include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

    /// One table as it is searched: code points in order and where each decomposition ends
    /// (decomposition `i` is `chars[ends[i]..ends[i + 1]]`).
    struct Table {
        keys: Vec<u32>,
        ends: Vec<u32>,
        chars: &'static str,
    }

    impl Table {
        /// From the generated steps and lengths (build.rs).
        fn read(steps: &[u8], lens: &[u8], chars: &'static str) -> Table {
            let mut keys = Vec::with_capacity(lens.len());
            let (mut key, mut step, mut shift) = (0u32, 0u32, 0);
            for &b in steps {
                step |= u32::from(b & 0x7f) << shift;
                shift += 7;
                if b < 0x80 {
                    key += step;
                    keys.push(key);
                    (step, shift) = (0, 0);
                }
            }
            let mut ends = Vec::with_capacity(lens.len() + 1);
            ends.push(0);
            let mut end = 0u32;
            for &n in lens {
                end += u32::from(n);
                ends.push(end);
            }
            Table { keys, ends, chars }
        }

        /// The decomposition of `c` in this table (`None`: not in it).
        #[inline]
        fn find(&self, c: char) -> Option<&'static str> {
            let i = self.keys.binary_search(&(c as u32)).ok()?;
            self.chars
                .get(*self.ends.get(i)? as usize..*self.ends.get(i + 1)? as usize)
        }
    }

    fn compat() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| Table::read(COMPAT_STEPS, COMPAT_LENS, COMPAT_CHARS))
    }

    fn canon() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| Table::read(CANON_STEPS, CANON_LENS, CANON_CHARS))
    }

    const S_BASE: u32 = 0xAC00;
    const S_COUNT: u32 = 11_172;

    /// Hangul syllables decompose by arithmetic (Unicode 3.12), as in the crate.
    fn hangul(c: char, emit: &mut impl FnMut(char)) -> bool {
        let s = (c as u32).wrapping_sub(S_BASE);
        if s >= S_COUNT {
            return false;
        }
        let l = 0x1100 + s / (21 * 28);
        let v = 0x1161 + (s % (21 * 28)) / 28;
        let t = 0x11A7 + s % 28;
        for (x, keep) in [(l, true), (v, true), (t, t != 0x11A7)] {
            if keep {
                emit(char::from_u32(x).unwrap_or(c));
            }
        }
        true
    }

    /// The full compatibility decomposition of `c` (NFKD of one character).
    pub fn decompose_compatible(c: char, mut emit: impl FnMut(char)) {
        if c.is_ascii() {
            emit(c);
            return;
        }
        if hangul(c, &mut emit) {
            return;
        }
        match compat().find(c).or_else(|| canon().find(c)) {
            Some(d) => d.chars().for_each(emit),
            None => emit(c),
        }
    }

    /// The full canonical decomposition of `c` (NFD of one character).
    pub fn decompose_canonical(c: char, mut emit: impl FnMut(char)) {
        if c.is_ascii() {
            emit(c);
            return;
        }
        if hangul(c, &mut emit) {
            return;
        }
        match canon().find(c) {
            Some(d) => d.chars().for_each(emit),
            None => emit(c),
        }
    }

    /// Whether `c` is a combining mark (general category M).
    pub fn is_combining_mark(c: char) -> bool {
        let c = c as u32;
        let i = MARKS.partition_point(|r| r.1 < c);
        MARKS.get(i).is_some_and(|r| r.0 <= c)
    }

    #[cfg(test)]
    mod tests {
        use unicode_normalization::char as crate_char;

        /// A decomposition function, called with one character and where to put the result.
        type Decompose = dyn Fn(char, &mut dyn FnMut(char));

        #[test]
        fn every_character_gets_the_crates_answer() {
            let collect = |f: &Decompose, c: char| {
                let mut s = String::new();
                f(c, &mut |d| s.push(d));
                s
            };
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                assert_eq!(
                    super::is_combining_mark(c),
                    crate_char::is_combining_mark(c),
                    "{c:?}"
                );
                assert_eq!(
                    collect(&|c, e| super::decompose_compatible(c, e), c),
                    collect(&|c, e| crate_char::decompose_compatible(c, e), c),
                    "NFKD of {:?} (U+{:04X})",
                    c,
                    c as u32
                );
                assert_eq!(
                    collect(&|c, e| super::decompose_canonical(c, e), c),
                    collect(&|c, e| crate_char::decompose_canonical(c, e), c),
                    "NFD of U+{:04X}",
                    c as u32
                );
            }
        }
    }
}
