//! Lookup of a text word's script-free keys ([`crate::phonetic`]) among the keys of the
//! Cyrillic phrase words, so that «работа для девушек» also matches "rabota dlya devushek"
//! and «зароботок» matches «заработок».
//!
//! A key table is a [`WordTable`] over distinct keys; each key knows the phrase-word patterns
//! it stands for (several spellings can share a key: «девушки» and «девушкы»). A hit on a key
//! becomes a hit on those patterns, with the same rule as the word table itself: a key that
//! covers the whole word matches every pattern with that key; a key that only begins the word
//! matches only patterns used as stems.

use crate::flat::Lists;
use crate::phonetic::{self, Keys};
use crate::word_table::WordTable;
use rustc_hash::FxHashMap as HashMap;

/// The keys of one kind (strict or loose) of every keyed phrase word.
#[derive(Clone, Debug, Default)]
pub struct KeyTable {
    pub(crate) table: WordTable,
    /// For each key, the patterns it stands for.
    pub(crate) members: Lists,
}

/// Both key tables of a matcher.
#[derive(Clone, Debug, Default)]
pub struct KeyTables {
    pub(crate) strict: KeyTable,
    pub(crate) loose: KeyTable,
}

/// Collects keys, deduplicated, before the table is built.
#[derive(Default)]
struct Collector {
    keys: Vec<String>,
    stem: Vec<bool>,
    members: Vec<Vec<u32>>,
    index: HashMap<Vec<u8>, usize>,
}

impl Collector {
    fn add(&mut self, key: &[u8], pattern: u32, stem: bool) {
        let k = match self.index.get(key) {
            Some(&k) => k,
            None => {
                let k = self.keys.len();
                self.index.insert(key.to_vec(), k);
                // keys are ASCII
                self.keys.push(String::from_utf8_lossy(key).into_owned());
                self.stem.push(false);
                self.members.push(Vec::new());
                k
            }
        };
        self.stem[k] |= stem;
        self.members[k].push(pattern);
    }

    fn build(self) -> KeyTable {
        KeyTable {
            table: WordTable::new(&self.keys, &self.stem),
            members: Lists::from_lists(&self.members),
        }
    }
}

/// A key shorter than this (in letters) is too likely to be another word's key too («чехи*»
/// and «цеху», "snipe" and «снепы»): it matches inside longer phrases, where the other words
/// must match as well, but not as a phrase of one word.
pub const SINGLE_WORD_MIN: usize = 6;

/// In a text written in Latin letters that reads as transliterated Russian or Ukrainian
/// ([`crate::translit`]), a Latin word whose strict key (transliteration only, no spelling by
/// ear) is this long may stand alone as a phrase of one word: "Kipr" for «Кипр», "Kipre" for
/// `кипр*`. The text is Russian or Ukrainian already, so the word is that word; loose keys
/// still need [`SINGLE_WORD_MIN`] letters.
pub const TRANSLIT_SINGLE_MIN: usize = 4;

impl KeyTables {
    /// Keys for the Cyrillic patterns among `patterns` that `keyed` selects (`stem[i]`:
    /// pattern `i` is used as a stem somewhere). Latin patterns need none: they already match
    /// Latin text as written.
    pub fn new(patterns: &[String], stem: &[bool], keyed: &[bool]) -> KeyTables {
        let (mut strict, mut loose) = (Collector::default(), Collector::default());
        let mut keys = Keys::default();
        for (i, p) in patterns.iter().enumerate() {
            if !keyed[i] || !phonetic::is_cyrillic(p) || !keys.compute(p, stem[i]) {
                continue;
            }
            // a word of several letters whose key shrank to one («ии», AI) would match «и»
            if keys.strict.len() < 2 && p.chars().count() > 1 {
                continue;
            }
            strict.add(&keys.strict, i as u32, stem[i]);
            if keys.strict.len() >= phonetic::LOOSE_MIN {
                loose.add(&keys.loose, i as u32, stem[i]);
                if !keys.loose_final.is_empty() {
                    loose.add(&keys.loose_final, i as u32, stem[i]);
                }
            }
        }
        KeyTables {
            strict: strict.build(),
            loose: loose.build(),
        }
    }

    /// Whether no pattern has a key.
    pub fn is_empty(&self) -> bool {
        self.strict.table.is_empty()
    }

    /// Calls `hit(pattern, full, short, strict_len)` for every pattern a word's keys (computed
    /// in `keys`) match: `full` when the key covers the whole word, `short` when the matched
    /// key is shorter than [`SINGLE_WORD_MIN`], `strict_len` the length of the matched strict
    /// key (0 for a loose one). Only patterns used as stems (`stem`) match a key that begins
    /// the word. A pattern may be reported more than once.
    pub fn lookup(&self, keys: &Keys, stem: &[bool], mut hit: impl FnMut(u32, bool, bool, usize)) {
        for (table, key, strict) in [
            (&self.strict, &keys.strict, true),
            (&self.loose, &keys.loose, false),
        ] {
            table.table.lookup(key, |h| {
                let full = h.len == key.len();
                for &p in table.members.get(h.pattern as usize) {
                    if full || stem[p as usize] {
                        hit(
                            p,
                            full,
                            h.len < SINGLE_WORD_MIN,
                            if strict { h.len } else { 0 },
                        );
                    }
                }
            });
        }
    }
}
