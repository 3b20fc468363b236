//! Unicode decomposition and combining marks for normalization (`src/normalize.rs`): the
//! answers of `unicode-normalization`'s `decompose_compatible`, `decompose_canonical` and
//! `is_combining_mark`, for every character.
//!
//! Why a copy: that crate's perfect-hash tables are about 56 KB of the gzipped `.wasm` (a
//! sixth of it; hashed order leaves gzip little to find). `build.rs` writes the same answers
//! from that crate as sorted arrays (code points, where each decomposition ends, the
//! decompositions as one string; combining marks as ranges), about 20 KB gzipped, looked up
//! by binary search. The WebAssembly build uses these; the native build keeps the crate's
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
    include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

    /// The decomposition of `c` in one table (`None`: not in it).
    #[inline]
    fn find(keys: &[u32], ends: &[u16], chars: &'static str, c: char) -> Option<&'static str> {
        // (decomposition `i` is `chars[ends[i]..ends[i + 1]]`)
        let i = keys.binary_search(&(c as u32)).ok()?;
        chars.get(*ends.get(i)? as usize..*ends.get(i + 1)? as usize)
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
        match find(COMPAT_KEYS, COMPAT_ENDS, COMPAT_CHARS, c)
            .or_else(|| find(CANON_KEYS, CANON_ENDS, CANON_CHARS, c))
        {
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
        match find(CANON_KEYS, CANON_ENDS, CANON_CHARS, c) {
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
