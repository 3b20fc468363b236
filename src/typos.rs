//! Typos: a long word of a text that is one slip away from a long phrase word ("inostrantsvu"
//! for "inostranstvu", "accomodation" for "accommodation", "djevjoke" for "djevojke") is read
//! as that word inside a phrase of several words.
//!
//! Why: people type fast on phones and write by ear, and the script-free keys
//! ([`crate::phonetic`]) only cover Russian and Ukrainian sounds. One slip — a letter dropped,
//! added, changed, or two neighbours swapped (the optimal string alignment distance of 1) —
//! is the commonest typo in every language. The shorter a word, the likelier its one-slip
//! neighbour is another real word ("care"/"cure", "every"/"very", "кошка"/"кошки"). So any
//! slip only in words and stems of [`MIN_CHARS`] letters or more (seven: "devojke",
//! "smestaj"), never in the first letter (a slip there makes another word more often than a
//! typo: "telling"/"selling", "texting"/"sexting", "warning"/"earning"; people seldom mistype
//! it: the generated slips lost nothing); in words of [`SHORT_CHARS`] to six letters only the slips that seldom make
//! another word — a letter dropped or added, or two neighbours swapped, not in the first
//! letter nor in the ending, to a whole phrase word of five letters or more ("grils", "gils",
//! "monney", "unelss": a measured 0.76 -> 0.82 of generated slips kept, no new false alarm in
//! the corpora); never in Cyrillic (below). A hit found this way
//! makes a phrase of one word by itself (the matcher's "alone" rule) only when the phrase word
//! has [`ALONE_CHARS`] letters or more; otherwise it counts as one word of a longer phrase,
//! next to words found as written — which is what keeps "дедушки" from being read as
//! "девушки" on its own.
//!
//! How: the symmetric deletion method (SymSpell). Each phrase word of five letters or more is stored under itself
//! and under each spelling with one letter deleted; a text word is looked up the same way, and
//! a candidate is kept when the distance really is 1. A stem ("inostranstv*") is compared with
//! the beginnings of the text word that are one letter shorter, as long, or one longer. The
//! index is built the first time a text has a word that nothing else matched (start-up
//! stays fast), and is immutable afterwards.

use rustc_hash::FxHashMap as HashMap;
use std::hash::Hasher;

/// Words and stems shorter than this (in characters) are never matched with a typo.
pub const MIN_CHARS: usize = 7;

/// A phrase word of this many characters or more found with a typo may make a phrase of one
/// word by itself ("inostrantsvu" for the stem "inostranstv*"): one slip from a word that long
/// is hardly another word.
pub const ALONE_CHARS: usize = 10;

/// Shorter words (down to [`SHORT_CHARS`] letters: "grils", "gils", "monye", "evry") are
/// matched with a slip that rarely makes another word: a letter dropped or added, or two
/// neighbours swapped, never a letter changed ("care"/"cure"), never the first letter
/// ("every"/"very"), to a whole phrase word (not a stem) of [`SHORT_PATTERN_CHARS`] letters or
/// more, inside a phrase of several words.
pub const SHORT_CHARS: usize = 4;

/// The shortest phrase word a short text word may be a slip of.
const SHORT_PATTERN_CHARS: usize = 5;

/// Text words longer than this (in characters) are not looked up (glued words, links).
const MAX_CHARS: usize = 24;

/// The letters a text word may have after the beginning a stem is compared with.
const STEM_ENDING: usize = 4;

/// The typo index over the phrase words (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct TypoIndex {
    /// hash of a spelling (a word, or a word with one letter deleted) → pattern ids
    by_spelling: HashMap<u64, Vec<u32>>,
    /// the letters of each indexed pattern (empty for patterns not indexed; ASCII only, so a
    /// byte is a letter)
    chars: Vec<Vec<u8>>,
    stem: Vec<bool>,
    exact: Vec<bool>,
}

/// The hash of a spelling of ASCII letters: the one `[char]`'s `Hash` gives with FxHasher (its
/// length, then each letter as a `u32`), computed from the bytes.
fn hash(letters: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write_usize(letters.len());
    for &b in letters {
        h.write_u32(u32::from(b));
    }
    h.finish()
}

/// Calls `f` with `letters` (at most [`MAX_CHARS`]) and with each spelling of it with one
/// letter deleted (a spelling that comes twice, as "ss" → "s" does, comes twice). No
/// allocation: the spellings are made in a buffer on the stack.
fn spellings(letters: &[u8], mut f: impl FnMut(&[u8])) {
    f(letters);
    let mut buf = [0u8; MAX_CHARS];
    let n = letters.len();
    if n == 0 {
        return;
    }
    // deleting letter i: the letters before it, then those after it
    buf[..n - 1].copy_from_slice(&letters[1..]);
    f(&buf[..n - 1]);
    for i in 1..n {
        // from deleting letter i - 1 to deleting letter i: put letter i - 1 back at i - 1
        buf[i - 1] = letters[i - 1];
        f(&buf[..n - 1]);
    }
}

/// Whether `a` and `b` are at most one edit apart: one letter deleted, inserted or changed,
/// or two neighbouring letters swapped.
pub fn within_one<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if prefix == short.len() {
        return true; // equal, or one letter added at the end
    }
    if short.len() == long.len() {
        // one letter changed, or a swap of neighbours
        let rest = |from: usize| short[from..] == long[from..];
        rest(prefix + 1)
            || (prefix + 1 < short.len()
                && short[prefix] == long[prefix + 1]
                && short[prefix + 1] == long[prefix]
                && rest(prefix + 2))
    } else {
        // one letter inserted into the longer one
        short[prefix..] == long[prefix + 1..]
    }
}

/// Whether a word may be matched with a typo: Latin letters only (no digits: numbers and codes
/// are not typos). Not Cyrillic: the script-free keys already read Russian and Ukrainian
/// spelling by ear, and one letter there is often the ending that makes a word feminine
/// («сотрудники», «сотрудницы»), which is the very sign the rules look for.
fn is_word(word: &[u8]) -> bool {
    word.iter().all(u8::is_ascii_lowercase)
}

/// How many letters `a` and `b` share at their ends.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

impl TypoIndex {
    /// Indexes the `vocabulary` (canonical phrase words) of [`MIN_CHARS`] letters or more;
    /// `stem[i]` / `exact[i]` say how phrases use word `i`.
    pub fn new(vocabulary: &[String], stem: &[bool], exact: &[bool]) -> TypoIndex {
        let mut by_spelling: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut chars = Vec::with_capacity(vocabulary.len());
        for (id, word) in vocabulary.iter().enumerate() {
            let c = word.as_bytes();
            // (longer patterns are indexed too, but no text word that long is looked up)
            if c.len() < SHORT_PATTERN_CHARS || !is_word(c) {
                chars.push(Vec::new());
                continue;
            }
            let mut index = |s: &[u8]| {
                let ids = by_spelling.entry(hash(s)).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            };
            // (the stack buffer of [`spellings`] holds [`MAX_CHARS`] letters)
            index(c);
            let mut buf = Vec::with_capacity(c.len());
            for i in 0..c.len() {
                buf.clear();
                buf.extend_from_slice(&c[..i]);
                buf.extend_from_slice(&c[i + 1..]);
                index(&buf);
            }
            chars.push(c.to_vec());
        }
        TypoIndex {
            by_spelling,
            chars,
            stem: stem.to_vec(),
            exact: exact.to_vec(),
        }
    }

    /// Calls `hit(pattern, full, alone)` for every phrase word one typo away from `word` (a
    /// canonical word): an exact word one edit from the whole word (`full`), or a stem one edit
    /// from a beginning of it; `alone`: the phrase word has [`ALONE_CHARS`] letters or more.
    /// Nothing for short or long words, or words with digits.
    pub fn lookup(&self, word: &str, mut hit: impl FnMut(u32, bool, bool)) {
        // (Latin letters only: a byte is a letter, and most words, Cyrillic ones, stop here)
        let w = word.as_bytes();
        if w.len() < SHORT_CHARS || w.len() > MAX_CHARS || !is_word(w) {
            return;
        }
        if w.len() < MIN_CHARS {
            return self.lookup_short(w, hit);
        }
        let mut seen: Vec<u32> = Vec::new();
        // the whole word, for exact words; its beginnings, for stems (a stem of n letters
        // is compared with the beginnings of n - 1, n and n + 1 letters)
        let shortest = (MIN_CHARS - 1).max(w.len().saturating_sub(STEM_ENDING + 1));
        for end in (shortest..=w.len()).rev() {
            let part = &w[..end];
            let whole = end == w.len();
            spellings(part, |s| {
                let Some(ids) = self.by_spelling.get(&hash(s)) else {
                    return;
                };
                for &id in ids {
                    let i = id as usize;
                    let usable = (whole && self.exact[i]) || self.stem[i];
                    let p = &self.chars[i];
                    if usable
                        && p.len() >= MIN_CHARS
                        && p[0] == w[0]
                        && !seen.contains(&id)
                        && within_one(part, p)
                    {
                        // An exact word must be the whole word, a stem its beginning. The slip
                        // is in the body of the word: the last two letters of a word (its
                        // ending: "zaposlenje", "zaposlenja") and the last letter of a stem
                        // are as written.
                        let alone = p.len() >= ALONE_CHARS;
                        if self.exact[i] && whole && common_suffix(w, p) >= 2 {
                            seen.push(id);
                            hit(id, true, alone);
                        } else if self.stem[i] && common_suffix(part, p) >= 1 {
                            seen.push(id);
                            hit(id, false, alone);
                        }
                    }
                }
            });
        }
    }

    /// [`TypoIndex::lookup`] for a word shorter than [`MIN_CHARS`] (see [`SHORT_CHARS`]).
    fn lookup_short(&self, w: &[u8], mut hit: impl FnMut(u32, bool, bool)) {
        let mut seen: Vec<u32> = Vec::new();
        spellings(w, |s| {
            let Some(ids) = self.by_spelling.get(&hash(s)) else {
                return;
            };
            for &id in ids {
                let i = id as usize;
                let p = &self.chars[i];
                let changed =
                    p.len() == w.len() && p.iter().zip(w).filter(|(a, b)| a != b).count() == 1;
                if self.exact[i]
                    && p.len() >= SHORT_PATTERN_CHARS
                    && p[0] == w[0]
                    && !changed
                    && !seen.contains(&id)
                    && within_one(w, p)
                    && common_suffix(w, p) >= 2
                {
                    seen.push(id);
                    hit(id, true, false);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn spellings_and_their_hashes_are_those_of_the_characters() {
        // the index and the look-up must agree: the spellings made in the stack buffer are the
        // word and the word with each letter deleted in turn, hashed as `[char]` hashes
        let mut got = Vec::new();
        spellings(b"abcd", |s| {
            got.push(String::from_utf8(s.to_vec()).unwrap())
        });
        assert_eq!(got, ["abcd", "bcd", "acd", "abd", "abc"]);
        for w in ["inostranstvu", "a", "zz", "abcdefghijklmnopqrstuvwx"] {
            let mut h = rustc_hash::FxHasher::default();
            chars(w).hash(&mut h);
            assert_eq!(hash(w.as_bytes()), h.finish(), "{w}");
        }
    }

    #[test]
    fn one_edit_apart() {
        let yes = [
            ("inostranstvo", "inostrantsvo"),  // swap
            ("accommodation", "accomodation"), // deletion
            ("djevojke", "djevvojke"),         // insertion
            ("девушками", "девушкамм"),        // insertion at the end
            ("zaposlenje", "zaposlenja"),      // change
            ("same", "same"),
        ];
        for (a, b) in yes {
            assert!(within_one(&chars(a), &chars(b)), "{a} {b}");
            assert!(within_one(&chars(b), &chars(a)), "{b} {a}");
        }
        let no = [
            ("inostranstvo", "inostrnatsvo"),
            ("accommodation", "acomodaton"),
            ("abcdefgh", "badcefgh"),
            ("abcdefgh", "abcdefghij"),
        ];
        for (a, b) in no {
            assert!(!within_one(&chars(a), &chars(b)), "{a} {b}");
        }
    }

    fn index(words: &[(&str, bool)]) -> (TypoIndex, Vec<String>) {
        let v: Vec<String> = words.iter().map(|(w, _)| w.to_string()).collect();
        let stem: Vec<bool> = words.iter().map(|(_, s)| *s).collect();
        let exact: Vec<bool> = words.iter().map(|(_, s)| !*s).collect();
        (TypoIndex::new(&v, &stem, &exact), v)
    }

    fn found(ix: &(TypoIndex, Vec<String>), word: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        ix.0.lookup(word, |p, full, _| {
            out.push((ix.1[p as usize].clone(), full))
        });
        out.sort();
        out
    }

    #[test]
    fn words_and_stems_one_typo_away() {
        let ix = index(&[
            ("accommodation", false),
            ("inostranstv", true),
            ("smestaj", false),
            ("zarada", false),
        ]);
        assert_eq!(found(&ix, "accomodation"), [("accommodation".into(), true)]);
        assert_eq!(found(&ix, "acommodation"), [("accommodation".into(), true)]);
        // a stem: its typo in the beginning of the word, any ending after it
        assert_eq!(found(&ix, "inostrantsvu"), [("inostranstv".into(), false)]);
        assert_eq!(found(&ix, "inostranstvom"), [("inostranstv".into(), false)]);
        // an exact word is not a stem: a typo'd beginning with more after it is not the word
        assert!(found(&ix, "accomodationist").is_empty());
        // seven letters are enough ("smestaj") for any slip; a six-letter word of the text is
        // not a seven-letter one with a slip at its end
        assert_eq!(found(&ix, "smjestaj"), [("smestaj".into(), true)]);
        assert!(found(&ix, "zardaa").is_empty());
        assert!(found(&ix, "zaradda").is_empty());
        // nor Cyrillic ones («сотрудники» is not «сотрудницы»), nor a slip in the ending
        let ix = index(&[("сотрудницы", false), ("zaposlenje", false)]);
        assert!(found(&ix, "сотрудники").is_empty());
        assert!(found(&ix, "zaposlenja").is_empty());
        assert_eq!(found(&ix, "zapsolenje"), [("zaposlenje".into(), true)]);
        // two typos are not one
        assert!(found(&ix, "acomodaton").is_empty());
        // nor is a slip in the first letter, which makes another word more often than a typo
        // ("telling" is not "selling", "texting" not "sexting")
        let ix = index(&[("selling", false), ("sexting", false)]);
        assert!(found(&ix, "telling").is_empty());
        assert!(found(&ix, "texting").is_empty());
        assert_eq!(found(&ix, "sellling"), [("selling".into(), true)]);
        // words with digits are not typos
        assert!(found(&ix, "accommodati0n").is_empty());
    }

    #[test]
    fn short_words_only_with_slips_that_rarely_make_another_word() {
        let ix = index(&[
            ("girls", false),
            ("every", false),
            ("money", false),
            ("unless", false),
            ("cure", false),
            ("pictur", true),
        ]);
        // neighbours swapped, a letter dropped or added
        assert_eq!(found(&ix, "grils"), [("girls".into(), true)]);
        assert_eq!(found(&ix, "gils"), [("girls".into(), true)]);
        assert_eq!(found(&ix, "unelss"), [("unless".into(), true)]);
        assert_eq!(found(&ix, "evry"), [("every".into(), true)]);
        assert_eq!(found(&ix, "monney"), [("money".into(), true)]);
        // never a letter changed, the first letter, the ending, a word under five letters
        // or a stem
        assert!(found(&ix, "girds").is_empty());
        assert!(found(&ix, "very").is_empty());
        assert!(found(&ix, "moneu").is_empty());
        assert!(found(&ix, "cire").is_empty());
        assert!(found(&ix, "pictre").is_empty());
    }
}
