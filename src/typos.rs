//! Typos: a long word of a text that is one slip away from a long phrase word ("inostrantsvu"
//! for "inostranstvu", "accomodation" for "accommodation", "djevjoke" for "djevojke") is read
//! as that word inside a phrase of several words.
//!
//! Why: people type fast on phones and write by ear, and the script-free keys
//! ([`crate::phonetic`]) read Russian and Ukrainian sounds (о/а, е/и, voiced consonants,
//! doubled letters), not a letter dropped or two swapped. One slip — a letter dropped,
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
//! the corpora). A hit found this way
//! makes a phrase of one word by itself (the matcher's "alone" rule) only when the phrase word
//! has [`ALONE_CHARS`] letters or more; otherwise it counts as one word of a longer phrase,
//! next to words found as written — which is what keeps "дедушки" from being read as
//! "девушки" on its own.
//!
//! Cyrillic words (Russian, Ukrainian, Serbian Cyrillic: the phrase words as written and the
//! Serbian Cyrillic spellings derived from Latin phrases) follow the same rules, letter for
//! letter (one byte a letter: [`encode`]; the scripts never mix), with one more for stems:
//! a Cyrillic stem has [`CYRILLIC_STEM_CHARS`] letters or more and keeps its last two letters,
//! because one letter less near the cut before an ending is often another form of the word
//! («прислали» is not «присыла*», «обеспечение» not «обеспеченн*»). A feminine ending is no
//! slip («сотрудники», «сотрудницы»: two letters, and in the ending). Looked up only when
//! neither the word as written nor its keys found anything, and a word read only with a slip
//! does not count as covered, so its leet readings come first («кли3нты»). Measured
//! (`scripts/evasion-check.py`, `typo_3words`): ru 0.70 → 0.83, uk 0.68 → 0.82, sr 0.79 →
//! 0.85, no new warning or caution in the development corpus or the shared corpora.
//!
//! How: the symmetric deletion method (SymSpell). Each phrase word of five letters or more is stored under itself
//! and under each spelling with one letter deleted; a text word is looked up the same way, and
//! a candidate is kept when the distance really is 1. A stem ("inostranstv*") is compared with
//! the beginnings of the text word that are one letter shorter, as long, or one longer. The
//! index is built the first time a text has a word that nothing else matched (start-up
//! stays fast), and is immutable afterwards.

use rustc_hash::FxHashMap as HashMap;

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

/// A Cyrillic stem is matched with a typo only when it has this many letters or more, and
/// its last two letters as written: a Russian or Ukrainian stem is cut before an ending, and
/// one letter less near that cut is often another form of the same verb or noun, not a slip
/// («присыла*», «прислали»; «обеспеченн*», «обеспечение»).
pub const CYRILLIC_STEM_CHARS: usize = 8;

/// Text words longer than this (in characters) are not looked up (glued words, links).
const MAX_CHARS: usize = 24;

/// The letters a text word may have after the beginning a stem is compared with.
const STEM_ENDING: usize = 4;

/// The typo index over the phrase words (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct TypoIndex {
    /// hash of a spelling (a word, or a word with one letter deleted) → pattern ids
    by_spelling: HashMap<u64, Vec<u32>>,
    /// the letters of each indexed pattern (empty for patterns not indexed; one byte a letter:
    /// [`encode`])
    chars: Vec<Vec<u8>>,
    stem: Vec<bool>,
    exact: Vec<bool>,
}

/// The base of the spelling hash: odd, so that it has an inverse modulo 2^64.
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// The inverse of [`BASE`] modulo 2^64 (Newton's iteration: each step doubles the correct
/// low bits, from 3 for an odd number).
const BASE_INV: u64 = {
    let mut x = BASE;
    let mut i = 0;
    while i < 5 {
        x = x.wrapping_mul(2u64.wrapping_sub(BASE.wrapping_mul(x)));
        i += 1;
    }
    x
};

/// Tells spellings of different lengths apart.
const LENGTH: u64 = 0xD6E8_FEB8_6659_FD93;

/// The hash of a spelling (one byte a letter): the sum of each letter times [`BASE`] to the
/// power of its place, plus its length times [`LENGTH`]. A sum, so that the hash of the word
/// with one letter deleted comes from the word's own in a few steps ([`spellings`]); two
/// spellings with one hash are told apart by comparing letters, so it only needs to be fast.
fn hash(letters: &[u8]) -> u64 {
    let mut h = 0u64;
    let mut pw = 1u64;
    for &b in letters {
        h = h.wrapping_add(u64::from(b).wrapping_mul(pw));
        pw = pw.wrapping_mul(BASE);
    }
    h.wrapping_add((letters.len() as u64).wrapping_mul(LENGTH))
}

/// Calls `f` with the hash ([`hash`]) of `letters` and of each spelling of it with one letter
/// deleted (a spelling that comes twice, as "ss" → "s" does, comes twice), each in a few
/// steps: deleting letter `i` keeps the letters before it and moves those after it one place
/// down, which divides their part of the sum by [`BASE`].
fn spellings(letters: &[u8], mut f: impl FnMut(u64)) {
    let n = letters.len() as u64;
    let whole = hash(letters);
    f(whole);
    if n == 0 {
        return;
    }
    let sum = whole.wrapping_sub(n.wrapping_mul(LENGTH));
    let shorter = (n - 1).wrapping_mul(LENGTH);
    // before: the part of the sum of the letters before i; pw: BASE to the power of i
    let (mut before, mut pw) = (0u64, 1u64);
    for &b in letters {
        let this = u64::from(b).wrapping_mul(pw);
        let after = sum.wrapping_sub(before).wrapping_sub(this);
        f(before
            .wrapping_add(after.wrapping_mul(BASE_INV))
            .wrapping_add(shorter));
        before = before.wrapping_add(this);
        pw = pw.wrapping_mul(BASE);
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

/// The byte standing for one canonical letter in the index: a Latin letter is itself, a
/// Cyrillic one (Russian, Ukrainian, Belarusian, Serbian: `а`..`џ`, `ґ`) a byte of its own
/// from 0x80 up, so that a byte is a letter in either script and the two never mix.
fn letter_byte(c: char) -> Option<u8> {
    match c {
        'a'..='z' => Some(c as u8),
        '\u{430}'..='\u{45F}' => Some((c as u32 - 0x430 + 0x80) as u8),
        'ґ' => Some(0xB0),
        _ => None,
    }
}

/// Writes the letters of a word that may be matched with a typo into `out` (one byte a
/// letter: [`letter_byte`]) and returns how many: letters of one script only, Latin or
/// Cyrillic (no digits: numbers and codes are not typos), at most `out.len()` of them.
fn encode(word: &str, out: &mut [u8]) -> Option<usize> {
    let mut n = 0;
    let mut cyrillic = None;
    for c in word.chars() {
        let b = letter_byte(c)?;
        let cyr = b >= 0x80;
        if *cyrillic.get_or_insert(cyr) != cyr || n == out.len() {
            return None;
        }
        out[n] = b;
        n += 1;
    }
    Some(n)
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
            // (longer patterns are indexed too, but no text word that long is looked up)
            let mut letters = vec![0u8; word.len()];
            let Some(n) = encode(word, &mut letters).filter(|&n| n >= SHORT_PATTERN_CHARS) else {
                chars.push(Vec::new());
                continue;
            };
            let c = &letters[..n];
            spellings(c, |h| {
                let ids = by_spelling.entry(h).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            });
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
        // (one byte a letter: [`encode`]; words with digits or mixed scripts stop here)
        let mut letters = [0u8; MAX_CHARS];
        let Some(n) = encode(word, &mut letters) else {
            return;
        };
        let w = &letters[..n];
        if w.len() < SHORT_CHARS {
            return;
        }
        let cyrillic = w[0] >= 0x80;
        if w.len() < MIN_CHARS {
            return self.lookup_short(w, hit);
        }
        let mut seen: Vec<u32> = Vec::new();
        // the whole word, for exact words; its beginnings, for stems (a stem of n letters
        // is compared with the beginnings of n - 1, n and n + 1 letters)
        // (a Cyrillic stem has [`CYRILLIC_STEM_CHARS`] letters or more)
        let stem_min = if cyrillic {
            CYRILLIC_STEM_CHARS
        } else {
            MIN_CHARS
        };
        let shortest = (stem_min - 1).max(w.len().saturating_sub(STEM_ENDING + 1));
        for end in (shortest.min(w.len())..=w.len()).rev() {
            let part = &w[..end];
            let whole = end == w.len();
            spellings(part, |h| {
                let Some(ids) = self.by_spelling.get(&h) else {
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
                        } else if self.stem[i]
                            && if cyrillic {
                                p.len() >= CYRILLIC_STEM_CHARS && common_suffix(part, p) >= 2
                            } else {
                                common_suffix(part, p) >= 1
                            }
                        {
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
        spellings(w, |h| {
            let Some(ids) = self.by_spelling.get(&h) else {
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

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn the_hashes_of_the_spellings_are_those_of_the_spellings() {
        // the index and the look-up must agree: the hashes made from the word's own are those
        // of the word and of the word with each letter deleted in turn
        assert_eq!(BASE.wrapping_mul(BASE_INV), 1);
        for w in [
            "abcd",
            "inostranstvu",
            "a",
            "zz",
            "abcdefghijklmnopqrstuvwx",
        ] {
            let mut got = Vec::new();
            spellings(w.as_bytes(), |h| got.push(h));
            let mut want = vec![hash(w.as_bytes())];
            for i in 0..w.len() {
                want.push(hash(&[&w.as_bytes()[..i], &w.as_bytes()[i + 1..]].concat()));
            }
            assert_eq!(got, want, "{w}");
        }
        assert_ne!(hash(b"ab"), hash(b"ba"));
        assert_ne!(hash(b"ab"), hash(b"abb"));
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
        // a feminine ending is not a slip («сотрудники» is not «сотрудницы»), nor is any slip
        // in the ending
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
    fn cyrillic_words_one_slip_away() {
        let ix = index(&[
            ("сотрудницы", false),
            ("девушки", false),
            ("присыла", true),
            ("заграничн", true),
            ("smestaj", false),
        ]);
        assert_eq!(found(&ix, "сотрдуницы"), [("сотрудницы".into(), true)]);
        assert_eq!(found(&ix, "девшуки"), [("девушки".into(), true)]);
        assert_eq!(found(&ix, "загарничной"), [("заграничн".into(), false)]);
        // not the first letter, the ending, two slips
        assert!(found(&ix, "отрудницы").is_empty());
        assert!(found(&ix, "сотрудниыц").is_empty());
        assert!(found(&ix, "сотрдуниыц").is_empty());
        // a Cyrillic stem: eight letters or more, its last two letters as written
        assert!(found(&ix, "прислали").is_empty());
        assert!(found(&ix, "заграниный").is_empty());
        // the scripts never mix: «smeстај» is neither
        assert!(found(&ix, "smeстај").is_empty());
        // a word under ten letters is found, but not to stand alone
        let mut alone = Vec::new();
        ix.0.lookup("дедушки", |p, _, a| alone.push((p, a)));
        assert_eq!(alone, [(1, false)]);
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
