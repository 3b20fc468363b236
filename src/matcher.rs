//! The matcher: one word table ([`crate::word_table`]) over every word of every phrase of
//! every loaded bundle, consulted once per word of the normalized text.
//!
//! Why words and not whole phrases: Slavic inflection puts endings inside phrases
//! («высокий доход», «высокого дохода»), so any word of a phrase may be a stem, and posts put
//! fillers inside phrases ("keep ~ passport"). The word table therefore holds the distinct
//! canonical words and stems; one lookup per word of the text finds the patterns that are the
//! word and the stems that begin it; phrases are then assembled from hits on following words.
//! Whole-word matching comes for free: a hit always starts where a word starts, and an exact
//! word must also end where the word ends, so short stems don't fire inside other words.
//! (Until 2026-11 this was an aho-corasick DFA over the text with a space before each
//! pattern; the word table found the same hits, built ~10× faster and searched faster:
//! BENCHMARKS.md.)
//!
//! The table is built once per engine and never changes (brave's adblock-rust model: an
//! immutable compiled engine), so classification needs no locks and no allocation of rules.

use crate::flat::{FlatMap, Lists};
use crate::key_table::KeyTables;
use crate::normalize::Normalized;
use crate::phonetic::Keys;
use crate::phrase::Word;
use crate::pictographs;
use crate::segment::{self, Segmenter};
use crate::translit;
use crate::typos::{self, TypoIndex};
use crate::word_cache::WordMap;
use crate::word_table::WordTable;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// The pattern id of `#` (any number): checked on the text, not looked up in the table.
pub(crate) const ANY_NUMBER: u32 = u32::MAX;

/// Whether a canonical word is a number (`18`, `-18`, `18+`), also with a short unit written
/// onto it (`2500e`, `3000eur`, `50k`, `1500km`, `18yo`) or a currency or a word for thousands
/// of any length (`500евро`, `1500dinara`, `5тысяч`): `#` in a phrase stands for any of
/// them, so «# @currency в месяц» or "zarada # mesečno" match however the sum is written.
pub(crate) fn is_number(word: &[u8]) -> bool {
    let w = word.strip_prefix(b"-").unwrap_or(word);
    let w = w.strip_suffix(b"+").unwrap_or(w);
    let digits = w.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    let unit = &w[digits..];
    // up to three letters (Latin, or Cyrillic: two bytes each)
    unit.is_empty()
        || std::str::from_utf8(unit)
            .is_ok_and(|u| u.chars().count() <= 3 && u.chars().all(char::is_alphabetic))
        || is_currency_word(unit)
        || is_thousands_word(unit)
}

/// The canonical words for a currency that `#` takes with the sum, before or after it, written
/// apart or onto it ("$3000", "€ 500", "3000$", «500евро», "100eur", «8 000 грн», "KM 1500"):
/// the words normalization writes for currency signs (`$` → `usd`, [`crate::normalize`]), the
/// ISO codes and the words people write for the currencies of the bundles' regions and of the
/// destinations of the ads. The list is in docs/BUNDLE_FORMAT.md ("Numbers and sums").
fn is_currency_word(word: &[u8]) -> bool {
    matches!(
        std::str::from_utf8(word),
        Ok("usd"
            | "eur"
            | "gbp"
            | "chf"
            | "aed"
            | "uah"
            | "rub"
            | "rur"
            | "rsd"
            | "bam"
            | "km"
            | "kn"
            | "hrk"
            | "lek"
            | "leke"
            | "bgn"
            | "pln"
            | "zl"
            | "tl"
            | "jpy"
            | "krw"
            | "inr"
            | "ngn"
            | "php"
            | "kzt"
            | "azn"
            | "gel"
            | "euro"
            | "eura"
            | "evra"
            | "evro"
            | "dolara"
            | "dolar"
            | "dollar"
            | "dollars"
            | "din"
            | "dinara"
            | "dinar"
            | "dirham"
            | "dirhams"
            | "kuna"
            | "marka"
            | "maraka"
            | "евро"
            | "евра"
            | "руб"
            | "р"
            | "грн"
            | "долл"
            | "дол"
            | "долларов"
            | "доларів"
            | "дин"
            | "динара"
            | "рсд"
            | "дирхам"
            | "дирхамов"
            | "лв")
    )
}

/// The canonical words for "thousand" (and "million") written after a number: «10 тыс.»,
/// "5 k", "2 hiljade", "3 mijë", "10 тисяч": `#` takes them with the number.
fn is_thousands_word(word: &[u8]) -> bool {
    matches!(
        std::str::from_utf8(word),
        Ok("k"
            | "к"
            | "тыс"
            | "тысяч"
            | "тысячи"
            | "тысяча"
            | "тис"
            | "тисяч"
            | "тисячі"
            | "тисяча"
            | "млн"
            | "mln"
            | "hiljada"
            | "hiljade"
            | "hilj"
            | "tisuca"
            | "tisuce"
            | "tis"
            | "iljada"
            | "iljade"
            | "хиљада"
            | "хиљаде"
            | "mije"
            | "thousand"
            | "grand")
    )
}

/// Where a canonical word of two or more letters written onto a sum ends and the sum begins
/// («от5000», "do1500e", «до3000грн»: two digits or more, then at most a unit or currency
/// [`is_number`]); `None` for other words ("covid19" is a name with a number, but reading it
/// "covid 19" is harmless: the letters only ever begin a phrase's `#`).
fn letters_then_sum(word: &[u8]) -> Option<usize> {
    let cut = word.iter().position(u8::is_ascii_digit)?;
    let letters = std::str::from_utf8(&word[..cut]).ok()?;
    let sum = &word[cut..];
    (letters.chars().count() >= 2
        && letters.chars().all(char::is_alphabetic)
        && sum.iter().take_while(|b| b.is_ascii_digit()).count() >= 2
        && is_number(sum))
    .then_some(cut)
}

/// Where the number ends and the currency written onto it begins in a canonical word
/// («8000грн», "100eur", «500евро»); `None` for other words.
fn sum_then_currency(word: &[u8]) -> Option<usize> {
    let cut = word.iter().take_while(|b| b.is_ascii_digit()).count();
    (cut > 0 && cut < word.len() && is_currency_word(&word[cut..])).then_some(cut)
}

/// Where the word or piece after one ending at `end` starts: after the space, or right there
/// inside a glued word.
fn after(bytes: &[u8], end: u32) -> u32 {
    if bytes.get(end as usize) == Some(&b' ') {
        end + 1
    } else {
        end
    }
}

/// The end of the word that contains byte `from` of a canonical text.
fn word_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b' ', &bytes[from..]).map_or(bytes.len(), |k| from + k)
}

/// One word of a phrase, as a pattern of the word table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PhraseWord {
    pub(crate) pattern: u32,
    pub(crate) stem: bool,
    /// Other words allowed right before this one (`~N`).
    pub(crate) gap: u8,
}

/// One phrase as word-table patterns, owned by a signal (while building; the matcher keeps
/// them flat, in a [`PhraseTable`]).
#[derive(Clone, Debug)]
pub(crate) struct CompiledPhrase {
    pub(crate) words: Vec<PhraseWord>,
    pub(crate) signal: u32,
    /// Index of the phrase within its signal's `phrases` (for `explain`).
    pub(crate) source: u32,
    /// A Serbian Cyrillic spelling derived from a Latin phrase (see [`Matcher::find`]).
    pub(crate) derived: bool,
    /// Which piece of a phrase of pieces (`a ~~ b`) this is: [`Piece`].
    pub(crate) piece: Piece,
}

/// A phrase of a [`PhraseTable`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Phrase<'a> {
    pub(crate) words: &'a [PhraseWord],
    pub(crate) signal: u32,
    pub(crate) source: u32,
    pub(crate) derived: bool,
    pub(crate) piece: Piece,
}

/// Every phrase, flat: the words of all phrases in one array, and per phrase where its words
/// end, its signal, its index within the signal and whether it is a derived spelling.
#[derive(Clone, Debug, Default)]
pub(crate) struct PhraseTable {
    /// `words[ends[i - 1]..ends[i]]` are phrase `i`'s words (from 0 for the first).
    pub(crate) ends: Vec<u32>,
    pub(crate) words: Vec<PhraseWord>,
    pub(crate) signal: Vec<u32>,
    pub(crate) source: Vec<u32>,
    pub(crate) derived: Vec<bool>,
    /// Which piece of a phrase of pieces each is ([`Piece`]; 0 for a whole phrase).
    pub(crate) piece: Vec<u8>,
}

impl PhraseTable {
    fn from_phrases(phrases: &[CompiledPhrase]) -> PhraseTable {
        let mut t = PhraseTable::default();
        for p in phrases {
            t.words.extend_from_slice(&p.words);
            t.ends.push(t.words.len() as u32);
            t.signal.push(p.signal);
            t.source.push(p.source);
            t.derived.push(p.derived);
            t.piece.push(p.piece.0);
        }
        t
    }

    /// Phrase `i`.
    #[inline(always)]
    pub(crate) fn get(&self, i: usize) -> Phrase<'_> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Phrase {
            words: &self.words[start as usize..self.ends[i] as usize],
            signal: self.signal[i],
            source: self.source[i],
            derived: self.derived[i],
            piece: Piece(self.piece[i]),
        }
    }

    /// The words of phrase `i` (what [`PhraseTable::get`] gives, without the rest: most
    /// candidates are dropped on their words).
    #[inline(always)]
    fn words(&self, i: usize) -> &[PhraseWord] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.words[start as usize..self.ends[i] as usize]
    }

    /// Number of phrases.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The key of a pair of patterns in [`Matcher::by_pair`].
#[inline]
pub(crate) fn pair_key(first: u32, second: u32) -> u64 {
    u64::from(first) << 32 | u64::from(second)
}

/// Packs a class membership (class pattern, member is a stem, member is derived) into one
/// number of [`Matcher::member_of`].
pub(crate) fn pack_member(class: u32, stem: bool, derived: bool) -> u32 {
    class << 2 | (derived as u32) << 1 | stem as u32
}

/// Which piece of a phrase of pieces (`^ @girls ~~ от # @per_time`: [`crate::phrase::PIECES`])
/// a compiled phrase is. The pieces are ordinary phrases to the matcher; the engine keeps a
/// piece's match only when every piece of its phrase matched in the post
/// ([`crate::engine`], `pair_pieces`). One byte: 0 for a whole phrase; else the piece's index
/// (0-based) in bits 0–1, the number of pieces in bits 2–3 and, in bit 4, whether the piece
/// must begin a sentence (`^` before its first word).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Piece(pub u8);

impl Piece {
    /// A whole phrase (no pieces).
    pub const WHOLE: Piece = Piece(0);

    /// Piece `index` of `count` (2 or 3), anchored to a sentence start or not.
    pub fn new(index: usize, count: usize, anchored: bool) -> Piece {
        debug_assert!(index < count && (2..=3).contains(&count));
        Piece(index as u8 | (count as u8) << 2 | (anchored as u8) << 4)
    }

    /// Whether this is a piece of a phrase of pieces.
    pub fn is_piece(self) -> bool {
        self.0 != 0
    }

    /// The piece's index within its phrase.
    pub fn index(self) -> usize {
        (self.0 & 3) as usize
    }

    /// How many pieces its phrase has (0 for a whole phrase).
    pub fn count(self) -> usize {
        (self.0 >> 2 & 3) as usize
    }

    /// Whether the piece must begin a sentence.
    pub fn anchored(self) -> bool {
        self.0 & 16 != 0
    }

    /// Whether the byte is a valid piece (for tables read from a file).
    pub(crate) fn valid(byte: u8) -> bool {
        let p = Piece(byte);
        byte == 0 || (byte >> 5 == 0 && (2..=3).contains(&p.count()) && p.index() < p.count())
    }
}

/// A phrase found in a normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// The signal that owns the phrase.
    pub signal: u32,
    /// Index of the phrase in that signal's list.
    pub phrase: u32,
    /// Byte range in the normalized text, whole words (a stem's match extends to its word's end).
    pub start: usize,
    pub end: usize,
    /// Which piece of a phrase of pieces matched here ([`Piece::WHOLE`] for a whole phrase).
    pub piece: Piece,
}

/// While building, a phrase word that names a word class carries this bit and the class's
/// index; [`MatcherBuilder::build`] renumbers classes after the word patterns.
const CLASS_BIT: u32 = 1 << 31;

/// Builds a [`Matcher`] phrase by phrase.
#[derive(Default)]
pub struct MatcherBuilder {
    patterns: Vec<String>,
    index: HashMap<String, u32>,
    phrases: Vec<CompiledPhrase>,
    /// The members of each word class: (pattern, whether the member is a stem, whether it is
    /// a derived Serbian Cyrillic spelling).
    classes: Vec<Vec<(u32, bool, bool)>>,
    /// Whether each pattern also matches by its script-free keys (words of Russian and
    /// Ukrainian phrases: [`crate::key_table`]).
    keyed: Vec<bool>,
}

impl MatcherBuilder {
    fn intern(&mut self, text: &str, keyed: bool) -> u32 {
        let id = match self.index.get(text) {
            Some(&id) => id,
            None => {
                let id = self.patterns.len() as u32;
                self.index.insert(text.to_string(), id);
                self.patterns.push(text.to_string());
                self.keyed.push(false);
                id
            }
        };
        self.keyed[id as usize] |= keyed;
        id
    }

    /// Adds a word class (its members' spellings, each one word or stem, with whether the
    /// spelling is a derived Serbian Cyrillic one); returns its id for
    /// [`MatcherBuilder::add`]. `keyed`: the members also match by their script-free keys.
    pub fn add_class(&mut self, members: &[(Word, bool)], keyed: bool) -> u32 {
        let members = members
            .iter()
            .map(|(m, derived)| (self.intern(&m.text, keyed), m.stem, *derived))
            .collect();
        self.classes.push(members);
        (self.classes.len() - 1) as u32
    }

    /// Adds one spelling of a phrase for `signal`. `class_id` gives the id (from
    /// [`MatcherBuilder::add_class`]) of each class the phrase names; `keyed`: its words also
    /// match by their script-free keys (transliteration, misspellings); `derived`: it is the
    /// Serbian Cyrillic spelling derived from a Latin phrase.
    pub fn add(
        &mut self,
        signal: u32,
        source: u32,
        words: &[Word],
        keyed: bool,
        derived: bool,
        class_id: impl Fn(&str) -> u32,
    ) {
        self.add_piece(
            signal,
            source,
            words,
            keyed,
            derived,
            Piece::WHOLE,
            class_id,
        )
    }

    /// Like [`MatcherBuilder::add`], for one spelling of one piece of a phrase of pieces
    /// (`a ~~ b`): the piece is matched as a phrase of its own, and its matches carry `piece`.
    #[allow(clippy::too_many_arguments)]
    pub fn add_piece(
        &mut self,
        signal: u32,
        source: u32,
        words: &[Word],
        keyed: bool,
        derived: bool,
        piece: Piece,
        class_id: impl Fn(&str) -> u32,
    ) {
        let words = words
            .iter()
            .map(|w| {
                let pattern = if w.class {
                    CLASS_BIT | class_id(&w.text)
                } else if w.text == crate::phrase::NUMBER {
                    ANY_NUMBER
                } else {
                    // (a placeholder is found on the original text, never by keys)
                    self.intern(&w.text, keyed && !crate::phrase::is_placeholder(&w.text))
                };
                PhraseWord {
                    pattern,
                    stem: w.stem && !w.class,
                    gap: w.gap,
                }
            })
            .collect();
        self.phrases.push(CompiledPhrase {
            words,
            signal,
            source,
            derived,
            piece,
        });
    }

    pub fn build(mut self) -> Matcher {
        let n = self.patterns.len();
        // Classes are numbered after the word patterns: a hit on a member is also a hit on its
        // class, so phrases are assembled the same way whether a word is a class or not.
        for w in self.phrases.iter_mut().flat_map(|p| &mut p.words) {
            if w.pattern != ANY_NUMBER && w.pattern & CLASS_BIT != 0 {
                w.pattern = n as u32 + (w.pattern & !CLASS_BIT);
            }
        }
        let mut member_of: Vec<Vec<u32>> = vec![Vec::new(); n];
        // Only patterns some phrase or class uses as a stem are looked up as prefixes of
        // longer words.
        let mut stem = vec![false; n];
        for (k, members) in self.classes.iter().enumerate() {
            for &(p, is_stem, derived) in members {
                member_of[p as usize].push(pack_member((n + k) as u32, is_stem, derived));
                stem[p as usize] |= is_stem;
            }
        }
        // and which are used as exact words (for splitting glued words)
        let mut exact = vec![false; n];
        for members in &self.classes {
            for &(p, is_stem, _) in members {
                exact[p as usize] |= !is_stem;
            }
        }
        for w in self.phrases.iter().flat_map(|p| &p.words) {
            if (w.pattern as usize) < n {
                stem[w.pattern as usize] |= w.stem;
                exact[w.pattern as usize] |= !w.stem;
            }
        }
        let table = WordTable::new(&self.patterns, &stem);
        let placeholders = placeholder_patterns(&table);
        let keys = KeyTables::new(&self.patterns, &stem, &self.keyed);
        let n = n + self.classes.len();
        let mut single: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut loose: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut by_pair: HashMap<u64, Vec<u32>> = HashMap::default();
        for (i, p) in self.phrases.iter().enumerate() {
            let first = p.words[0].pattern;
            match p.words.get(1) {
                None => single[first as usize].push(i as u32),
                Some(second) if second.gap > 0 || second.pattern == ANY_NUMBER => {
                    loose[first as usize].push(i as u32)
                }
                Some(second) => by_pair
                    .entry(pair_key(first, second.pattern))
                    .or_default()
                    .push(i as u32),
            }
        }
        let mut pairs: Vec<(u64, Vec<u32>)> = by_pair.into_iter().collect();
        pairs.sort_unstable();
        Matcher {
            id: next_id(),
            table,
            keys,
            segmenter: OnceLock::new(),
            typos: OnceLock::new(),
            exact,
            vocabulary: OnceLock::new(),
            stem,
            member_of: Lists::from_lists(&member_of),
            single: Lists::from_lists(&single),
            by_pair: FlatMap::from_pairs(
                &pairs
                    .iter()
                    .enumerate()
                    .map(|(k, p)| (p.0, k as u32))
                    .collect::<Vec<_>>(),
            ),
            pair_lists: Lists::from_lists(&pairs.iter().map(|p| &p.1[..]).collect::<Vec<_>>()),
            loose: Lists::from_lists(&loose),
            phrases: PhraseTable::from_phrases(&self.phrases),
            placeholders,
        }
    }
}

/// Gives every built matcher its own id, for [`WordCache`].
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A new matcher id.
pub(crate) fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// The compiled word table and phrase table.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// Tells this matcher's entries in the [`WordCache`] from another's (a clone has the same
    /// tables, so it shares the id).
    pub(crate) id: u64,
    pub(crate) table: WordTable,
    /// The keys of the Cyrillic phrase words (transliteration and misspellings).
    pub(crate) keys: KeyTables,
    /// Whether each word pattern is used as a stem.
    pub(crate) stem: Vec<bool>,
    /// Whether each word pattern is used as an exact word.
    pub(crate) exact: Vec<bool>,
    /// The word patterns as strings, for the glued-word automaton and the typo index (made
    /// from the word table the first time one of them is built).
    pub(crate) vocabulary: OnceLock<Vec<String>>,
    /// The glued-word automaton over `vocabulary`, built the first time a text has a long
    /// unknown word (most texts have none, and start-up must stay fast).
    pub(crate) segmenter: OnceLock<Segmenter>,
    /// The typo index over `vocabulary`, built the first time a text has a long word that
    /// nothing else matched.
    pub(crate) typos: OnceLock<TypoIndex>,
    /// For each word pattern, the word classes it is a member of (class pattern, member is a
    /// stem, member is a derived Serbian Cyrillic spelling: [`pack_member`]).
    pub(crate) member_of: Lists,
    /// One-word phrases, by their word.
    pub(crate) single: Lists,
    /// Longer phrases, by their first two words ([`pair_key`] → a list of `pair_lists`):
    /// common first words («в», "for") start hundreds of phrases, and the second word narrows
    /// them to a handful.
    pub(crate) by_pair: FlatMap,
    pub(crate) pair_lists: Lists,
    /// Longer phrases with a gap before their second word, by their first word.
    pub(crate) loose: Lists,
    pub(crate) phrases: PhraseTable,
    /// The patterns of the placeholders `<handle>` and `<phone>` ([`NO_PATTERN`] when no
    /// phrase uses one): found on the original text ([`crate::contacts`]), not looked up.
    pub(crate) placeholders: [u32; 2],
}

/// No pattern (a placeholder no phrase uses).
pub(crate) const NO_PATTERN: u32 = u32::MAX;

/// The patterns of `<handle>` and `<phone>` in a word table ([`NO_PATTERN`] when absent).
pub(crate) fn placeholder_patterns(table: &WordTable) -> [u32; 2] {
    [crate::phrase::HANDLE, crate::phrase::PHONE].map(|p| {
        let mut id = NO_PATTERN;
        table.lookup(p.as_bytes(), |h| {
            if h.len == p.len() {
                id = h.pattern
            }
        });
        id
    })
}

/// A word-pattern hit: where it starts, where its word ends, whether it covered the word, and
/// whether it may stand alone as a phrase of one word (not when found only by a short key).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    start: u32,
    pattern: u32,
    word_end: u32,
    full: bool,
    alone: bool,
    /// A Latin word found by a Russian or Ukrainian word's full key: it may stand alone in a
    /// text that is transliterated Russian or Ukrainian ([`crate::translit`]).
    translit: bool,
}

/// The hits of one text, sorted by (start, pattern), and the text they are in.
struct Hits<'a> {
    hits: &'a [Hit],
    bytes: &'a [u8],
    /// The numbers written into words ([`segment::number_runs`]), as byte ranges of the text,
    /// sorted: `#` reads them where the text holds a leet reading of them («от5ооовдень») or
    /// letters after them ("500aday").
    numbers: &'a [(u32, u32)],
}

impl Hits<'_> {
    /// The hits on `pattern` at `start`: one, or more inside a glued word (the whole word and
    /// a piece of it).
    fn get(&self, start: u32, pattern: u32) -> &[Hit] {
        let from = self
            .hits
            .partition_point(|h| (h.start, h.pattern) < (start, pattern));
        let to =
            from + self.hits[from..].partition_point(|h| (h.start, h.pattern) == (start, pattern));
        &self.hits[from..to]
    }

    /// The start of the word after the one ending at `end` (the next piece of a glued word
    /// starts right there).
    fn next_start(&self, end: u32) -> Option<u32> {
        let e = end as usize;
        (e < self.bytes.len()).then(|| after(self.bytes, end))
    }

    /// The end of the word starting at `start`.
    fn word_end(&self, start: u32) -> u32 {
        word_end(self.bytes, start as usize) as u32
    }

    /// The word that starts at `at`.
    fn word_at(&self, at: u32) -> &[u8] {
        &self.bytes[at as usize..self.word_end(at) as usize]
    }

    /// Calls `f` with every place the sum that starts at `at` may end, until it returns
    /// `Some`: the number ("8"); with its thousands written apart («8 000», "2 000 000": a
    /// number of one to three digits, then groups of three digits); then a word for thousands
    /// («10 тыс», "5 k"); and a currency word ([`is_currency_word`]) before the number or after
    /// it ("earn $500" reads "earn usd 500", «8 000 грн», "1.500 €"). Nothing when no number
    /// starts there. Every reading is tried, so `# #` still matches «18 250» and "# eur" still
    /// matches "300 eur".
    fn number_ends(&self, at: u32, mut f: impl FnMut(u32) -> Option<u32>) -> Option<u32> {
        const MAX_GROUPS: usize = 4;
        let e = self.word_end(at);
        // a number written into a word: it ends where its letters begin
        let from = self.numbers.partition_point(|n| n.0 < at);
        for &(_, b) in self.numbers[from..].iter().take_while(|n| n.0 == at) {
            if let Some(found) = f(b) {
                return Some(found);
            }
            if b == e {
                if let Some(found) = self.currency_after(b).and_then(&mut f) {
                    return Some(found);
                }
            }
        }
        let first = &self.bytes[at as usize..e as usize];
        let (start, currency_before) = if is_number(first) {
            (at, false)
        } else if is_currency_word(first) {
            let n = self.next_start(e)?;
            if !is_number(self.word_at(n)) {
                return None;
            }
            (n, true)
        } else {
            return None;
        };
        let mut word_start = start;
        let mut end = self.word_end(start);
        let mut group_digits = self.word_at(start).len();
        let mut groups = 0;
        loop {
            if let Some(found) = f(end) {
                return Some(found);
            }
            // a currency written onto the number («8000грн», "100eur"): the phrase may name it
            // (`плата # грн`); its hits start inside the word ([`sum_then_currency`])
            if !currency_before {
                if let Some(cut) = sum_then_currency(self.word_at(word_start)) {
                    if let Some(found) = f(word_start + cut as u32) {
                        return Some(found);
                    }
                }
            }
            // a word for thousands, then a currency word
            let mut last = end;
            if let Some(t) = self.next_start(end) {
                if is_thousands_word(self.word_at(t)) {
                    last = self.word_end(t);
                    if let Some(found) = f(last) {
                        return Some(found);
                    }
                }
            }
            if !currency_before {
                let after_thousands = (last != end).then_some(last);
                for x in std::iter::once(end).chain(after_thousands) {
                    if let Some(found) = self.currency_after(x).and_then(&mut f) {
                        return Some(found);
                    }
                }
            }
            // thousands written apart: «8 000», "2 000 000"
            let plain = |w: &[u8]| w.iter().all(u8::is_ascii_digit);
            if groups == MAX_GROUPS
                || !(1..=3).contains(&group_digits)
                || !plain(&self.bytes[end as usize - group_digits..end as usize])
            {
                return None;
            }
            let n = self.next_start(end)?;
            let next = self.word_at(n);
            let digits = next.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits != 3 || !is_number(next) {
                return None;
            }
            word_start = n;
            end = self.word_end(n);
            // (a group with a unit written onto it, «000грн», ends the number)
            group_digits = if next.len() == 3 { 3 } else { 0 };
            groups += 1;
        }
    }

    /// Where the word or piece that starts at `at` ends, for a gap: the word's end, or in a
    /// text with a number written into a word («#от5000вдень»), the end of the shortest piece
    /// found there (the gap of `@sum ~1 @period` passes over «в» of «вдень»).
    fn skip(&self, at: u32) -> u32 {
        let end = self.word_end(at);
        if self.numbers.is_empty() {
            return end;
        }
        let from = self.hits.partition_point(|h| h.start < at);
        self.hits[from..]
            .iter()
            .take_while(|h| h.start == at)
            .map(|h| h.word_end)
            .filter(|&e| e > at)
            .min()
            .map_or(end, |e| e.min(end))
    }

    /// The end of the currency word right after a word ending at `end`, if one follows.
    fn currency_after(&self, end: u32) -> Option<u32> {
        let c = self.next_start(end)?;
        let ce = self.word_end(c);
        is_currency_word(&self.bytes[c as usize..ce as usize]).then_some(ce)
    }

    /// Matches `words` (the rest of a phrase) after a word ending at `end`, allowing each
    /// word's gap; returns where the phrase ends.
    fn rest(&self, words: &[PhraseWord], end: u32) -> Option<u32> {
        let Some((w, more)) = words.split_first() else {
            return Some(end);
        };
        let mut at = self.next_start(end)?;
        let mut skipped = 0;
        loop {
            if w.pattern == ANY_NUMBER {
                // `#` stands for the sum with its currency and thousands («от 8 000 грн в
                // день», "earn up to $3000 a week")
                if let Some(end) = self.number_ends(at, |e| self.rest(more, e)) {
                    return Some(end);
                }
            } else {
                for h in self.get(at, w.pattern) {
                    if h.full || w.stem {
                        if let Some(e) = self.rest(more, h.word_end) {
                            return Some(e);
                        }
                    }
                }
            }
            // an emoji the phrase does not name is passed over, and is not one of the words
            // a gap allows ("высокий 🔥 доход": [`crate::pictographs`])
            if !pictographs::is_pictograph_at(self.bytes, at as usize) {
                if skipped == w.gap {
                    break;
                }
                skipped += 1;
            }
            at = self.next_start(self.skip(at))?;
        }
        None
    }
}

/// `word` with the digraphs `sh`, `zh`, `ch` read as the letters with a caron they stand for,
/// without it (`s`, `z`, `c`: canonical text drops diacritics), and `ts` as `c` (the ц of
/// Russian-style transliteration of Serbian Cyrillic: "tsura"); `None` when it has none.
fn without_digraphs(word: &str) -> Option<String> {
    let b = word.as_bytes();
    // (`ts` is the c of «цура», «другарица» in Russian-style transliteration: "tsura")
    let digraph = |i: usize| {
        (b[i + 1] == b'h' && matches!(b[i], b's' | b'z' | b'c'))
            || (b[i] == b't' && b[i + 1] == b's')
    };
    if !(0..b.len() - 1).any(digraph) {
        return None;
    }
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let pair = i + 1 < b.len() && digraph(i);
        out.push(if pair && b[i] == b't' {
            'c'
        } else {
            b[i] as char
        });
        i += if pair { 2 } else { 1 };
    }
    Some(out)
}

/// `word` with the ijekavian `lje`/`ље` read as ekavian `le`/`ле` after a letter
/// ("maloljetnice" → "maloletnice"); `None` when it has none.
fn without_lje(word: &str) -> Option<String> {
    let from = word.char_indices().nth(1)?.0;
    let rest = &word[from..];
    // (asked of every word nothing covers: the bytes are looked at before any search)
    let b = rest.as_bytes();
    let has = |i: usize| b[i..].starts_with(b"lje") || b[i..].starts_with("ље".as_bytes());
    if !(0..b.len()).any(|i| matches!(b[i], b'l' | 0xD1) && has(i)) {
        return None;
    }
    Some(format!(
        "{}{}",
        &word[..from],
        rest.replace("lje", "le").replace("ље", "ле")
    ))
}

/// Sorts and merges the current word's hits (`hits[first..]`) again when a reading of the word
/// added some (past `added`): a word's hits stay sorted by (start, pattern) and merged.
fn merge_added(hits: &mut Vec<Hit>, first: usize, added: usize) {
    if hits.len() > added {
        hits[first..].sort_unstable();
        dedup_from(hits, first);
    }
}

/// What the words of one text give before phrases are looked for ([`Matcher::find_with`]).
struct WordsRead {
    /// every word's hits, in the order of the words, each word's sorted by (start, pattern)
    /// and merged
    hits: Vec<Hit>,
    /// glued words that are not hashtags, split: (start, end, where the pieces meet)
    glued: Vec<(u32, u32, Vec<u32>)>,
    /// numbers written into words ([`Hits::numbers`])
    numbers: Vec<(u32, u32)>,
}

/// The text's word that [`Matcher::read_word`] reads: where it is, whether it holds a digit,
/// where its hits begin in [`WordsRead::hits`], and whether derived phrases are left out.
struct WordAt<'t> {
    text: &'t Normalized,
    start: usize,
    end: usize,
    digit: bool,
    first: usize,
    skip_derived: bool,
}

impl WordAt<'_> {
    /// The word as the canonical text has it.
    fn word(&self) -> &str {
        &self.text.as_str()[self.start..self.end]
    }

    /// The word's place, as hits hold it.
    fn at(&self) -> (u32, u32) {
        (self.start as u32, self.end as u32)
    }
}

/// Merges repeated hits on one pattern and word in `hits[first..]` (sorted): a word can be a
/// member of a class twice (`девуш*` and `девушки`), or be found both as written and by its
/// keys. The merged hit is full, or may stand alone, when any of them is. (A piece of a glued
/// word is another word: its hits stay apart from those of the whole word.)
fn dedup_from(hits: &mut Vec<Hit>, first: usize) {
    let mut w = first;
    for r in first..hits.len() {
        let h = hits[r];
        let same = |g: &Hit| (g.start, g.pattern, g.word_end) == (h.start, h.pattern, h.word_end);
        if w > first && same(&hits[w - 1]) {
            hits[w - 1].full |= h.full;
            hits[w - 1].alone |= h.alone;
            hits[w - 1].translit |= h.translit;
        } else {
            hits[w] = h;
            w += 1;
        }
    }
    hits.truncate(w);
}

/// The hits of the words a thread has recently looked up (word table and script-free keys),
/// by word, and how it split the long ones. Ordinary text repeats its words (in the shared
/// corpora 89 % of words are among the last 65,536 distinct words seen), and a word's hits
/// depend on nothing but its bytes, so each distinct word is looked up, keyed and split once;
/// later occurrences copy the result. One cache per thread, so classification still takes no
/// lock; it is emptied when full or when another matcher uses the thread. Also the vectors
/// one text needs, kept for the next.
#[derive(Default)]
struct WordCache {
    matcher: u64,
    /// [Serbian Cyrillic spellings derived from Latin skipped or not]: word → its hits in
    /// `hits` (with the hits on the classes it is a member of, sorted by pattern, one per
    /// pattern: what [`Matcher::find_with`] makes of a word's hits before it assembles
    /// phrases), and in the bit [`ANY_FULL`] of the end whether a pattern (not a class)
    /// covers the whole word, in [`HAS_DIGIT`] whether the word has a digit
    words: [WordMap; 2],
    /// (pattern, covers the whole word, may stand alone, may stand alone if transliterated)
    hits: Vec<(u32, bool, bool, bool)>,
    /// [unmarked and partly matched, unmarked and unmatched (unknown parts may stay), written
    /// as a hashtag or joined from spread letters (with the pieces of near-best splits)]:
    /// word → its pieces in `pieces`, or [`NO_SPLIT`]
    splits: [WordMap; 3],
    pieces: Vec<segment::Piece>,
    /// A bit per pattern, all clear between texts (see [`Matcher::find`]).
    present: Vec<u64>,
    /// The hits of the text being matched.
    text_hits: Vec<Hit>,
    keys: Keys,
    /// One bit per pair of patterns that begins a phrase ([`Matcher::by_pair`]), set at
    /// [`PairFilter::slot`]: most pairs of hits on consecutive words begin none, and a bit in
    /// this small array says so without probing the map (which does not stay in the
    /// processor's cache).
    pair_filter: PairFilter,
    /// What each pattern can do in a phrase ([`Roles`]).
    roles: Roles,
    /// For each item of [`Matcher::loose`], its phrase's second word's pattern and whether
    /// its first word is a stem ([`loose_words`]).
    loose_words: Vec<(u32, bool)>,
    /// The hits of the text that can be the second word of a phrase ([`Roles::SECOND`]).
    seconds: Vec<Hit>,
}

/// What each word pattern can do in a phrase, a byte per pattern: begin a phrase of one word
/// ([`Roles::SINGLE`]), a phrase with a gap before its second word ([`Roles::LOOSE`]), a
/// phrase by its first two words ([`Roles::FIRST`]), or be the second word of one
/// ([`Roles::SECOND`]). Most hits of a text are on classes and words that start nothing: one
/// byte says so, instead of three lists looked up and, for every pair of hits on neighbouring
/// words, the pair filter asked (on the shared corpora ~25 pairs a word).
#[derive(Default)]
struct Roles(Vec<u8>);

impl Roles {
    const SINGLE: u8 = 1;
    const LOOSE: u8 = 2;
    const FIRST: u8 = 4;
    const SECOND: u8 = 8;
    /// More patterns than any bundle has (the built-in ones: ~10^5); a pair beyond is ignored.
    const MAX_PATTERNS: usize = 1 << 24;

    fn new(matcher: &Matcher) -> Roles {
        let mut roles = vec![0u8; matcher.single.len().max(matcher.loose.len())];
        for (p, r) in roles.iter_mut().enumerate() {
            if !matcher.single.get(p).is_empty() {
                *r |= Roles::SINGLE;
            }
            if !matcher.loose.get(p).is_empty() {
                *r |= Roles::LOOSE;
            }
        }
        for (_, key, _) in matcher.by_pair.entries() {
            let (first, second) = ((key >> 32) as usize, key as u32 as usize);
            // A pattern number past any table's (a damaged prebuilt tables file, found by the
            // fuzz target tables_read: 4 GB asked for here) gets no role rather than a byte.
            if first.max(second) >= Roles::MAX_PATTERNS {
                continue;
            }
            roles.resize(roles.len().max(first.max(second) + 1), 0);
            roles[first] |= Roles::FIRST;
            roles[second] |= Roles::SECOND;
        }
        Roles(roles)
    }

    /// The roles of `pattern` (none for a pattern beyond the table: a class number is a
    /// pattern of the table too).
    #[inline]
    fn of(&self, pattern: u32) -> u8 {
        self.0.get(pattern as usize).copied().unwrap_or(0)
    }
}

/// A one-hash Bloom filter over the keys of [`Matcher::by_pair`]: a clear bit proves a pair
/// begins no phrase; a set bit sends it to the map.
#[derive(Default)]
struct PairFilter {
    bits: Vec<u64>,
    shift: u32,
}

impl PairFilter {
    fn new(map: &crate::flat::FlatMap) -> PairFilter {
        // about 16 bits per key: one pair in 16 that begins no phrase still probes the map
        let n = (map.len() * 16).next_power_of_two().clamp(1 << 12, 1 << 22);
        let mut f = PairFilter {
            bits: vec![0; n / 64],
            shift: 64 - n.trailing_zeros(),
        };
        for (_, key, _) in map.entries() {
            let i = f.slot(key);
            f.bits[i / 64] |= 1 << (i % 64);
        }
        f
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> self.shift) as usize
    }

    /// Whether `key` may be a key of the map.
    #[inline]
    fn may_hold(&self, key: u64) -> bool {
        let i = self.slot(key);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

/// For each item of [`Matcher::loose`] (a phrase with a gap before its second word, by its
/// first word), the pattern of the phrase's second word and whether its first word is a stem:
/// what decides most candidates (a common first word starts hundreds of loose phrases, and
/// their second words are mostly not in the text), read from one array in the order of the
/// lists instead of from the phrase table. ([`ANY_NUMBER`], `true` for a phrase of one word,
/// which a loose list does not hold: it is then read from the phrase table as before.)
fn loose_words(matcher: &Matcher) -> Vec<(u32, bool)> {
    matcher
        .loose
        .items()
        .iter()
        .map(|&pi| {
            let ok = (pi as usize) < matcher.phrases.len();
            match ok.then(|| matcher.phrases.words(pi as usize)) {
                Some([first, second, ..]) => (second.pattern, first.stem),
                _ => (ANY_NUMBER, true),
            }
        })
        .collect()
}

/// The bit of a [`WordCache::words`] value's end that says a pattern covers the whole word.
const ANY_FULL: u32 = 1 << 31;

/// The bit of a [`WordCache::words`] value's end that says the word has a digit (only such a
/// word can be letters written onto a sum, [`letters_then_sum`], or a sum with its currency,
/// [`sum_then_currency`]; looking for the digit in every word not covered was 2 % of a scan).
const HAS_DIGIT: u32 = 1 << 30;

/// The bits of a [`WordCache::words`] value's end that are not the end.
const FLAGS: u32 = ANY_FULL | HAS_DIGIT;

/// The value of a word that does not split, in [`WordCache::splits`].
const NO_SPLIT: (u32, u32) = (u32::MAX, u32::MAX);

impl WordCache {
    fn new(matcher: &Matcher) -> WordCache {
        WordCache {
            matcher: matcher.id,
            pair_filter: PairFilter::new(&matcher.by_pair),
            roles: Roles::new(matcher),
            loose_words: loose_words(matcher),
            words: [
                WordMap::with_capacity(WORD_CACHE_WORDS),
                WordMap::with_capacity(WORD_CACHE_WORDS),
            ],
            splits: [
                WordMap::with_capacity(WORD_CACHE_WORDS / 4),
                WordMap::with_capacity(WORD_CACHE_WORDS / 4),
                WordMap::with_capacity(WORD_CACHE_WORDS / 16),
            ],
            ..WordCache::default()
        }
    }

    /// Whether a map is full (then the cache starts again empty).
    fn full(&self) -> bool {
        self.words.iter().any(|w| w.len() >= WORD_CACHE_WORDS) || self.splits_full()
    }

    /// Whether a map of splits is full (hashtags and spread words, fewer: a sixteenth).
    fn splits_full(&self) -> bool {
        self.splits[0].len() >= WORD_CACHE_WORDS / 4
            || self.splits[1].len() >= WORD_CACHE_WORDS / 4
            || self.splits[2].len() >= WORD_CACHE_WORDS / 16
    }

    fn clear(&mut self) {
        self.words.iter_mut().for_each(WordMap::clear);
        self.hits.clear();
        self.splits.iter_mut().for_each(WordMap::clear);
        self.pieces.clear();
    }
}

/// Words kept in a thread's [`WordCache`] for each kind of text (East Slavic or not: see
/// [`WordCache::words`]): about 20 MB natively, 1.5 MB in the extension, touched as it fills.
/// Natively as many as a batch of a few hundred thousand posts has distinct words (the
/// shared corpora: ~150,000), so that each is looked up, keyed and split once per run: with
/// 65,536 the cache was emptied four times in a whole-corpus scan and a third of its
/// 254,000 look-ups of new words were words it had already seen (BENCHMARKS.md, issue 14,
/// fourth round).
#[cfg(not(target_arch = "wasm32"))]
const WORD_CACHE_WORDS: usize = 1 << 18;
#[cfg(target_arch = "wasm32")]
const WORD_CACHE_WORDS: usize = 16_384;

thread_local! {
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

impl Matcher {
    /// Calls `hit(pattern, full, alone, translit)` for every pattern the word table or the
    /// script-free keys find in `word` (in this order; a pattern may come more than once);
    /// `translit`: a Latin word found by a full key, which may stand alone in a transliterated
    /// text.
    /// Returns whether a hit says what the word is (one that covers it, or a long stem).
    fn word_hits(
        &self,
        word: &str,
        keys: &mut Keys,
        mut hit: impl FnMut(u32, bool, bool, bool),
    ) -> bool {
        let mut any = false;
        self.table.lookup(word.as_bytes(), |h| {
            // (an exact word that only begins this one, "in" of "inostranstvu", or a short stem,
            // does not say what the word is)
            let full = h.len == word.len();
            any |= full || (self.stem[h.pattern as usize] && h.len >= 6);
            hit(h.pattern, full, true, false)
        });
        // an emoji has no sound, other spelling or typo: it is what it is
        if pictographs::is_pictograph_word(word) {
            return any;
        }
        if !self.keys.is_empty() && keys.compute(word, false) {
            // A word written in Latin letters found only by its key is a transliteration at
            // best ("zarabotok"), and often an English or Serbian word that merely sounds
            // like a Russian one ("private" ~ «приваты»): it counts inside a phrase of
            // several words, never as a phrase of one word on its own.
            let latin = word.is_ascii();
            self.keys
                .lookup(keys, &self.stem, |pattern, full, short, strict_len| {
                    // (a Latin word's sound-alike Russian word does not say what the word is)
                    any |= !short && !latin;
                    let translit =
                        latin && (!short || strict_len >= crate::key_table::TRANSLIT_SINGLE_MIN);
                    hit(pattern, full, !short && !latin, translit)
                });
        }
        // Other spellings of the same word, each looked up while nothing covers the word:
        // - Serbian, Croatian and Bosnian written with digraphs for the letters with a caron
        //   ("smeshtaj", "zhene", "devojchice") read as their canonical spelling, which drops
        //   the caron ("smestaj"); only inside a phrase of several words (not `alone`), as
        //   Latin words found by a key are: "sh" is a letter of Albanian, and English is full
        //   of these pairs;
        // - ijekavian `lje` where ekavian writes `le` ("maloljetnice", «малољетнице» for
        //   "maloletnice"): normalization reads `je` after a consonant as `e` but keeps `lje`,
        //   because `lj` is a letter of its own ("polje", "ljubav"); the vocabulary decides.
        if !any {
            let digraphs = (word.len() >= 4 && word.is_ascii())
                .then(|| without_digraphs(word))
                .flatten();
            for (spelling, alone) in [(digraphs, false), (without_lje(word), true)] {
                let Some(spelling) = spelling.filter(|_| !any) else {
                    continue;
                };
                self.table.lookup(spelling.as_bytes(), |h| {
                    let full = h.len == spelling.len();
                    any |= full;
                    hit(h.pattern, full, alone, false)
                });
            }
        }
        any
    }

    /// Calls `hit(pattern, full, alone)` for every phrase word one typo away from `word`
    /// ([`crate::typos`]; alone only when that word is very long), for a word that nothing
    /// matched as written nor by its keys.
    fn typo_hits(&self, word: &str, hit: impl FnMut(u32, bool, bool)) {
        if word.len() >= typos::SHORT_CHARS {
            let typos = self
                .typos
                .get_or_init(|| TypoIndex::new(self.vocabulary(), &self.stem, &self.exact));
            typos.lookup(word, hit);
        }
    }

    /// Appends to `found` what [`Matcher::find_with`] keeps of a word's hits: the patterns the
    /// word table and the keys find ([`Matcher::word_hits`]) and the classes they are members
    /// of ([`Matcher::add_class_hits`]), sorted by pattern, one per pattern (the flags of
    /// repeated ones merged, as [`dedup_from`] does). Returns their range in `found`, with
    /// [`ANY_FULL`] set in the end when a pattern found covers the whole word.
    fn word_entry(
        &self,
        word: &str,
        skip_derived: bool,
        found: &mut Vec<(u32, bool, bool, bool)>,
        keys: &mut Keys,
    ) -> (u32, u32) {
        let a = found.len();
        let any = self.word_hits(word, keys, |p, full, alone, translit| {
            found.push((p, full, alone, translit))
        });
        // (a word read only with a typo is not covered: its leet readings are looked up too,
        // «кли3нты» is «клиенты» before it is one slip from anything)
        let any_full = found[a..].iter().any(|h| h.1);
        if !any {
            self.typo_hits(word, |p, full, alone| found.push((p, full, alone, false)));
        }
        for i in a..found.len() {
            let (pattern, full, alone, translit) = found[i];
            for &c in self.member_of.get(pattern as usize) {
                let (class, member_stem, derived) = (c >> 2, c & 1 == 1, c & 2 == 2);
                if (full || member_stem) && !(derived && skip_derived) {
                    found.push((class, true, alone, translit));
                }
            }
        }
        found[a..].sort_unstable();
        let mut w = a;
        for r in a..found.len() {
            let h = found[r];
            if w > a && found[w - 1].0 == h.0 {
                found[w - 1].1 |= h.1;
                found[w - 1].2 |= h.2;
                found[w - 1].3 |= h.3;
            } else {
                found[w] = h;
                w += 1;
            }
        }
        found.truncate(w);
        let digit = word.bytes().any(|b| b.is_ascii_digit());
        (
            a as u32,
            w as u32 | if any_full { ANY_FULL } else { 0 } | if digit { HAS_DIGIT } else { 0 },
        )
    }

    /// Splits the glued word `word` (starting at byte `start` of the text) into vocabulary
    /// words and adds the hits of each piece; a split word that is neither a hashtag nor
    /// joined from spread-out letters goes to `glued` with the places where its pieces meet.
    /// (Letters spread out word after word with one space, «д о б и ј а ш п о с а о», join
    /// into one word: its pieces are the writer's words, as a hashtag's are, and phrases run
    /// from them into the words around.)
    #[allow(clippy::too_many_arguments)]
    fn split_glued(
        &self,
        word: &str,
        start: usize,
        hashtag: bool,
        free: bool,
        spread: bool,
        cache: &mut WordCache,
        glued: &mut Vec<(u32, u32, Vec<u32>)>,
    ) {
        let key = word.as_bytes();
        let kind = if hashtag || spread { 2 } else { free as usize };
        let (a, b) = match cache.splits[kind].get(key) {
            Some(range) => range,
            None => {
                if cache.splits_full() {
                    cache.splits.iter_mut().for_each(WordMap::clear);
                    cache.pieces.clear();
                }
                let segmenter = self
                    .segmenter
                    .get_or_init(|| Segmenter::new(self.vocabulary(), &self.stem, &self.exact));
                let mut split = segmenter.split(word, free, hashtag || spread);
                // a Latin hashtag that the vocabulary does not cover may be transliterated
                // Russian or Ukrainian glued together (#rabotadlyadevushek): its pieces are
                // looked for by their keys
                if free
                    && !self.keys.is_empty()
                    && split.as_ref().is_none_or(|p| p.iter().any(|p| !p.known))
                {
                    let keys = &mut cache.keys;
                    if let Some(p) =
                        segment::split_by_keys(word, free, |piece| self.key_covers(piece, keys))
                    {
                        split = Some(p);
                    }
                }
                let range = match split {
                    Some(pieces) => {
                        let a = cache.pieces.len() as u32;
                        cache.pieces.extend(pieces);
                        (a, cache.pieces.len() as u32)
                    }
                    None => NO_SPLIT,
                };
                cache.splits[kind].insert(key, range);
                range
            }
        };
        if (a, b) == NO_SPLIT {
            return;
        }
        let pieces = &cache.pieces[a as usize..b as usize];
        let hits = &mut cache.text_hits;
        for p in pieces.iter().filter(|p| p.known) {
            let (a, b) = ((start + p.start) as u32, (start + p.end) as u32);
            if p.keyed {
                self.word_hits(
                    &word[p.start..p.end],
                    &mut cache.keys,
                    |pattern, full, _, _| {
                        hits.push(Hit {
                            start: a,
                            pattern,
                            word_end: b,
                            full,
                            alone: true,
                            translit: false,
                        })
                    },
                );
                continue;
            }
            self.table.lookup(&key[p.start..p.end], |h| {
                hits.push(Hit {
                    start: a,
                    pattern: h.pattern,
                    word_end: b,
                    full: h.len == p.end - p.start,
                    alone: true,
                    translit: false,
                })
            });
        }
        if !hashtag && !spread {
            let cuts = pieces[1..]
                .iter()
                .map(|p| (start + p.start) as u32)
                .collect();
            glued.push((start as u32, (start + word.len()) as u32, cuts));
        }
    }

    /// Adds the hits of the runs of `runs_of` (the text's word `word` at byte `start`, or one
    /// of its readings, with as many characters) cut where a number written into it meets
    /// letters ([`segment::number_runs`]), each run placed at its characters in `word`; the
    /// numbers go to `numbers` for `#`. The number is no phrase of one word, nor are the
    /// letters outside a hashtag («от» of «от5000»); letters after a number that nothing
    /// covers are split into vocabulary words («вдень», "aday":
    /// [`Segmenter::split_after_number`]).
    #[allow(clippy::too_many_arguments)]
    fn number_hits(
        &self,
        runs_of: &str,
        word: &str,
        start: usize,
        hashtag: bool,
        skip_derived: bool,
        cache: &mut WordCache,
        hits: &mut Vec<Hit>,
        numbers: &mut Vec<(u32, u32)>,
    ) {
        let Some(runs) = segment::number_runs(runs_of) else {
            return;
        };
        // byte offset in `runs_of` → byte offset in the text, by character
        let offsets: Vec<(usize, usize)> = if runs_of.len() == word.len() && runs_of == word {
            Vec::new()
        } else {
            let a = runs_of
                .char_indices()
                .map(|(i, _)| i)
                .chain([runs_of.len()]);
            let b = word.char_indices().map(|(i, _)| i).chain([word.len()]);
            let map: Vec<(usize, usize)> = a.zip(b).collect();
            if runs_of.chars().count() != word.chars().count() {
                return;
            }
            map
        };
        let at = |i: usize| -> u32 {
            let k = if offsets.is_empty() {
                i
            } else {
                offsets[offsets.partition_point(|o| o.0 < i)].1
            };
            (start + k) as u32
        };
        for r in runs {
            let (a, b) = (at(r.start), at(r.end));
            let text = &runs_of[r.start..r.end];
            let from = hits.len();
            if r.number {
                numbers.push((a, b));
                if r.plus {
                    let digits = &text[..text.len() - "plus".len()];
                    self.push_word_hits(&format!("{digits}+"), (a, b), skip_derived, cache, hits);
                    self.push_word_hits(digits, (a, b), skip_derived, cache, hits);
                } else {
                    self.push_word_hits(text, (a, b), skip_derived, cache, hits);
                    // the sum and the currency written onto it ("3000euro"), each a word
                    if let Some(cut) = sum_then_currency(text.as_bytes()) {
                        let m = at(r.start + cut);
                        self.push_word_hits(&text[..cut], (a, m), skip_derived, cache, hits);
                        self.push_word_hits(&text[cut..], (m, b), skip_derived, cache, hits);
                    }
                }
                hits[from..].iter_mut().for_each(|h| h.alone = false);
                continue;
            }
            let (full, _) = self.push_word_hits(text, (a, b), skip_derived, cache, hits);
            if !hashtag {
                hits[from..].iter_mut().for_each(|h| h.alone = false);
            }
            if full || r.start == 0 || text.chars().count() < segment::MIN_AFTER_NUMBER {
                continue;
            }
            let segmenter = self
                .segmenter
                .get_or_init(|| Segmenter::new(self.vocabulary(), &self.stem, &self.exact));
            let Some(pieces) = segmenter.split_after_number(text) else {
                continue;
            };
            let first = hits.len();
            for p in pieces {
                // (letters of a reading are the letters of the word, byte for byte)
                let (pa, pb) = (a + p.start as u32, a + p.end as u32);
                self.table.lookup(&text.as_bytes()[p.start..p.end], |h| {
                    hits.push(Hit {
                        start: pa,
                        pattern: h.pattern,
                        word_end: pb,
                        full: h.len == p.end - p.start,
                        alone: hashtag,
                        translit: false,
                    })
                });
            }
            self.add_class_hits(hits, first, skip_derived);
        }
    }

    /// Whether `piece` (a piece of a Latin hashtag) is a vocabulary word read as written or by
    /// its script-free key (`Some(false)`), or only a stem of one (`Some(true)`), for
    /// [`segment::split_by_keys`].
    fn key_covers(&self, piece: &str, keys: &mut Keys) -> Option<bool> {
        let mut found: Option<bool> = None;
        let mut add = |pattern: u32| {
            let stem_only = self.stem[pattern as usize] && !self.exact[pattern as usize];
            found = Some(found.map_or(stem_only, |f| f && stem_only));
        };
        self.table.lookup(piece.as_bytes(), |h| {
            if h.len == piece.len() {
                add(h.pattern)
            }
        });
        if keys.compute(piece, false) {
            self.keys.lookup(keys, &self.stem, |pattern, full, _, _| {
                if full {
                    add(pattern)
                }
            });
        }
        found
    }

    /// A hit on a member of a word class is a hit on the class when the member is a stem or
    /// covers the whole word (and is not a derived spelling that `skip_derived` excludes).
    fn add_class_hits(&self, hits: &mut Vec<Hit>, first: usize, skip_derived: bool) {
        for i in first..hits.len() {
            let h = hits[i];
            for &c in self.member_of.get(h.pattern as usize) {
                let (class, member_stem, derived) = (c >> 2, c & 1 == 1, c & 2 == 2);
                if (h.full || member_stem) && !(derived && skip_derived) {
                    hits.push(Hit {
                        pattern: class,
                        full: true,
                        ..h
                    });
                }
            }
        }
    }

    /// A hit of `<handle>` or `<phone>` on every handle and phone number of the original
    /// text, spanning the canonical words it was cut into (`@tasha.k_99` → `tasha k 99`).
    /// Keeps `hits` sorted.
    fn add_contact_hits(&self, text: &Normalized, original: &str, hits: &mut Vec<Hit>) {
        let [handle, phone] = self.placeholders;
        let mut spans: Vec<(usize, usize, u32)> = Vec::new();
        if handle != NO_PATTERN && original.contains('@') {
            spans.extend(
                crate::contacts::handles(original)
                    .into_iter()
                    .map(|(a, b)| (a, b, handle)),
            );
        }
        if phone != NO_PATTERN {
            spans.extend(
                crate::contacts::phones(original)
                    .into_iter()
                    .map(|(a, b)| (a, b, phone)),
            );
        }
        if spans.is_empty() {
            return;
        }
        let s = text.as_str();
        let before = hits.len();
        for (a, b, pattern) in spans {
            // the canonical words inside the span; none may reach out of it
            let mut first: Option<(u32, u32)> = None;
            let mut ok = true;
            let mut at = 0usize;
            for w in s.split(' ') {
                let (ws, we) = (at, at + w.len());
                at = we + 1;
                if w.is_empty() {
                    continue;
                }
                let (oa, ob) = text.original_range(ws, we);
                if ob <= a {
                    continue;
                }
                if oa >= b {
                    break;
                }
                if oa < a || ob > b {
                    ok = false;
                    break;
                }
                first = Some((first.map_or(ws as u32, |f| f.0), we as u32));
            }
            if let (true, Some((start, word_end))) = (ok, first) {
                hits.push(Hit {
                    start,
                    pattern,
                    word_end,
                    full: true,
                    alone: true,
                    translit: false,
                });
            }
        }
        if hits.len() > before {
            hits.sort_unstable();
        }
    }

    /// The word patterns as strings.
    fn vocabulary(&self) -> &[String] {
        self.vocabulary.get_or_init(|| {
            (0..self.table.len())
                .map(|i| String::from_utf8_lossy(self.table.patterns.get(i)).into_owned())
                .collect()
        })
    }

    /// Number of distinct words and stems in the word table.
    pub fn pattern_count(&self) -> usize {
        self.table.len()
    }

    /// Every phrase occurrence in `text`, in order of position. `skip_derived`: leave out the
    /// Serbian Cyrillic spellings derived from Latin phrases (and class members), for a text
    /// written in Russian or Ukrainian Cyrillic, where «хостес» or «пишите» is not the
    /// Bosnian or Serbian word the Latin phrase meant.
    pub fn find(&self, text: &Normalized, skip_derived: bool) -> Vec<PhraseMatch> {
        self.find_in(text, "", skip_derived)
    }

    /// Like [`Matcher::find`], with the original text `original` that `text` was normalized
    /// from: where `<handle>` and `<phone>` are found ([`crate::contacts`]).
    pub fn find_in(
        &self,
        text: &Normalized,
        original: &str,
        skip_derived: bool,
    ) -> Vec<PhraseMatch> {
        let mut cache = WORD_CACHE.with(|c| std::mem::take(&mut *c.borrow_mut()));
        if cache.matcher != self.id {
            cache = WordCache::new(self);
        } else if cache.full() {
            cache.clear();
        }
        let out = self.find_with(text, original, skip_derived, &mut cache);
        WORD_CACHE.with(|c| *c.borrow_mut() = cache);
        out
    }

    /// Pushes the hits of `word` (a word of the text, or another reading of it) onto `hits`,
    /// placed at the text's word `at` (start, end), from the word cache or computed and cached
    /// ([`Matcher::word_entry`]). Returns whether a pattern covers the whole word.
    fn push_word_hits(
        &self,
        word: &str,
        (start, end): (u32, u32),
        skip_derived: bool,
        cache: &mut WordCache,
        hits: &mut Vec<Hit>,
    ) -> (bool, bool) {
        let words = &mut cache.words[skip_derived as usize];
        let (a, b) = match words.get(word.as_bytes()) {
            Some(range) => range,
            None => {
                // (a long text can fill the cache by itself)
                if words.len() >= WORD_CACHE_WORDS {
                    cache.words.iter_mut().for_each(WordMap::clear);
                    cache.hits.clear();
                }
                let range = self.word_entry(word, skip_derived, &mut cache.hits, &mut cache.keys);
                cache.words[skip_derived as usize].insert(word.as_bytes(), range);
                range
            }
        };
        for &(pattern, full, alone, translit) in &cache.hits[a as usize..(b & !FLAGS) as usize] {
            hits.push(Hit {
                start,
                pattern,
                word_end: end,
                full,
                alone,
                translit,
            });
        }
        (b & ANY_FULL != 0, b & HAS_DIGIT != 0)
    }

    /// Adds the hits of the text's word at bytes `start..end` to `read.hits` (sorted by
    /// pattern and merged, after the words before it): the word as written, then, only while
    /// nothing covers it whole, each other way of reading it, in this order — its leet
    /// readings, its CamelCase parts, the pieces of a glued word, the runs of a word with a
    /// number in it, and a word written onto a sum.
    fn read_word(
        &self,
        text: &Normalized,
        (start, end): (usize, usize),
        skip_derived: bool,
        cache: &mut WordCache,
        read: &mut WordsRead,
    ) {
        let first = read.hits.len();
        // (the canonical text is cut into words at spaces)
        let (mut any_full, digit) = self.push_word_hits(
            &text.as_str()[start..end],
            (start as u32, end as u32),
            skip_derived,
            cache,
            &mut read.hits,
        );
        let w = WordAt {
            text,
            start,
            end,
            digit,
            first,
            skip_derived,
        };
        if !any_full && text.has_readings() {
            any_full |= self.reading_hits(&w, cache, &mut read.hits);
        }
        let camel = if any_full {
            &[][..]
        } else {
            text.camel_cuts(start, end)
        };
        if !camel.is_empty() {
            any_full |= self.camel_hits(&w, camel, cache, &mut read.hits);
        }
        if camel.is_empty() && !any_full {
            self.glued_hits(&w, cache, read);
        }
        if !any_full && (digit || text.has_readings()) {
            self.digit_hits(&w, cache, read);
        }
        if !any_full && digit {
            self.sum_word_hits(&w, cache, &mut read.hits);
        }
    }

    /// A word written with ambiguous leet digits that nothing covers as written is looked up
    /// under its other readings («в3чер» → «вечер»: [`crate::readings`]). Returns whether a
    /// reading is covered whole.
    fn reading_hits(&self, w: &WordAt, cache: &mut WordCache, hits: &mut Vec<Hit>) -> bool {
        let before = hits.len();
        let mut any_full = false;
        for reading in w.text.readings_at(w.start) {
            any_full |= self
                .push_word_hits(reading, w.at(), w.skip_derived, cache, hits)
                .0;
        }
        merge_added(hits, w.first, before);
        any_full
    }

    /// A word written in CamelCase ("WorkAbroadNow", «РаботаДевушкам»): its writer marked
    /// where each word begins (`cuts`), so each part is read as a word of its own and phrases
    /// run through the parts and into the words around, as they would had the spaces been
    /// written. Returns whether a part is covered whole.
    fn camel_hits(
        &self,
        w: &WordAt,
        cuts: &[u32],
        cache: &mut WordCache,
        hits: &mut Vec<Hit>,
    ) -> bool {
        let s = w.text.as_str();
        let pieces = hits.len();
        let mut any_full = false;
        let (mut a, end) = w.at();
        for &cut in cuts.iter().chain(std::iter::once(&end)) {
            let part = &s[a as usize..cut as usize];
            any_full |= self
                .push_word_hits(part, (a, cut), w.skip_derived, cache, hits)
                .0;
            a = cut;
        }
        merge_added(hits, w.first, pieces);
        any_full
    }

    /// A glued word nothing covers whole: a hashtag, a word spread letter by letter, or a long
    /// unmarked word is split against the vocabulary ([`Matcher::split_glued`]); the pieces
    /// are added with their classes and merged with the word's hits.
    fn glued_hits(&self, w: &WordAt, cache: &mut WordCache, read: &mut WordsRead) {
        let (start, end, text) = (w.start, w.end, w.text);
        if end - start < segment::MIN_GLUED_HASHTAG
            || pictographs::is_pictograph_at(text.as_str().as_bytes(), start)
        {
            return;
        }
        let hashtag = text.is_hashtag(start) || text.is_camel_glued(start);
        let spread = text.is_spread(start);
        // (an unmarked word with a number in it, as written or in its leet reading, is read
        // by the number paths: «paga3000euro», read «pagaeoooeuro»)
        let number = w.digit || text.readings_at(start).next().is_some();
        let begins_known = read.hits.len() > w.first;
        if !(hashtag
            || spread
            || (!number
                && (end - start >= segment::MIN_UNMARKED_BYTES
                    || (begins_known && end - start >= segment::MIN_UNMARKED_KNOWN_BYTES))))
        {
            return;
        }
        // an unmarked word that nothing matched even in part may keep unknown parts as a
        // hashtag does (its phrases still must cross a cut: `glued`)
        let free = hashtag || read.hits.len() == w.first;
        let pieces = read.hits.len();
        cache.text_hits = std::mem::take(&mut read.hits);
        self.split_glued(
            w.word(),
            start,
            hashtag,
            free,
            spread,
            cache,
            &mut read.glued,
        );
        read.hits = std::mem::take(&mut cache.text_hits);
        if read.hits.len() > pieces {
            self.add_class_hits(&mut read.hits, pieces, w.skip_derived);
            merge_added(&mut read.hits, w.first, pieces);
        }
    }

    /// A sum or an age written into the word, as written ("#500aday", «девушки18») or in the
    /// word's reading with the number kept («от5ооовдень» read «от5000вдень»): the word is cut
    /// where digits meet letters, and phrases run through its runs ([`Matcher::number_hits`]).
    fn digit_hits(&self, w: &WordAt, cache: &mut WordCache, read: &mut WordsRead) {
        let word = w.word();
        let pieces = read.hits.len();
        let hashtag = w.text.is_hashtag(w.start);
        // the word as written (when it holds a digit), then each reading that holds one
        let readings = w
            .text
            .readings_at(w.start)
            .filter(|r| r.bytes().any(|b| b.is_ascii_digit()));
        for runs_of in w.digit.then_some(word).into_iter().chain(readings) {
            self.number_hits(
                runs_of,
                word,
                w.start,
                hashtag,
                w.skip_derived,
                cache,
                &mut read.hits,
                &mut read.numbers,
            );
        }
        merge_added(&mut read.hits, w.first, pieces);
    }

    /// A word written onto the sum after it («от5000», "zarada1500e", «до3000грн»): the
    /// letters are a word of the phrase before the number, which `#` reads; and the currency
    /// written onto a sum («8000грн»: `плата # грн`), with the sum before it ("3000euro":
    /// `@bigsum @eur`).
    fn sum_word_hits(&self, w: &WordAt, cache: &mut WordCache, hits: &mut Vec<Hit>) {
        let (word, start, end, first) = (w.word(), w.start, w.end, w.first);
        if let Some(cut) = letters_then_sum(word.as_bytes()) {
            let pieces = hits.len();
            let (a, b) = (start as u32, (start + cut) as u32);
            self.table.lookup(&word.as_bytes()[..cut], |h| {
                hits.push(Hit {
                    start: a,
                    pattern: h.pattern,
                    word_end: b,
                    full: h.len == cut,
                    // (not a phrase of one word: "от" alone is in every text)
                    alone: false,
                    translit: false,
                })
            });
            if hits.len() > pieces {
                self.add_class_hits(hits, pieces, w.skip_derived);
                merge_added(hits, first, pieces);
            }
        }
        if let Some(cut) = sum_then_currency(word.as_bytes()) {
            let pieces = hits.len();
            let a = (start + cut) as u32;
            self.table.lookup(&word.as_bytes()[cut..], |h| {
                hits.push(Hit {
                    start: a,
                    pattern: h.pattern,
                    word_end: end as u32,
                    full: h.len == end - start - cut,
                    alone: false,
                    translit: false,
                })
            });
            self.add_class_hits(hits, pieces, w.skip_derived);
            let sum = hits.len();
            self.push_word_hits(&word[..cut], (start as u32, a), w.skip_derived, cache, hits);
            hits[sum..].iter_mut().for_each(|h| h.alone = false);
            merge_added(hits, first, pieces);
        }
    }

    fn find_with(
        &self,
        text: &Normalized,
        original: &str,
        skip_derived: bool,
        cache: &mut WordCache,
    ) -> Vec<PhraseMatch> {
        let s = text.as_str();
        let bytes = s.as_bytes();
        let mut read = WordsRead {
            hits: std::mem::take(&mut cache.text_hits),
            glued: Vec::new(),
            numbers: Vec::new(),
        };
        read.hits.clear();
        let mut start = 0;
        while start < bytes.len() {
            let end = word_end(bytes, start);
            self.read_word(text, (start, end), skip_derived, cache, &mut read);
            start = end + 1;
        }
        let WordsRead {
            mut hits,
            glued,
            mut numbers,
        } = read;
        if self.placeholders != [NO_PATTERN; 2] && !original.is_empty() {
            self.add_contact_hits(text, original, &mut hits);
        }
        let text_hits = hits;
        numbers.sort_unstable();
        numbers.dedup();
        let hits = Hits {
            hits: &text_hits,
            bytes,
            numbers: &numbers,
        };
        let mut out = Vec::new();
        let mut emit = |p: Phrase, start: u32, end: u32| {
            if p.derived && skip_derived {
                return;
            }
            out.push(PhraseMatch {
                signal: p.signal,
                phrase: p.source,
                start: start as usize,
                end: end as usize,
                piece: p.piece,
            })
        };
        let all = hits.hits;
        // Latin words found by a Russian or Ukrainian key stand alone in a transliterated text
        // (asked only when such a word could make a phrase of one word: English texts are full
        // of words that sound like Russian ones, "video", "model", and reading their every
        // word for the markers cost 3 % of a scan)
        let translit = all
            .iter()
            .any(|h| h.translit && !h.alone && cache.roles.of(h.pattern) & Roles::SINGLE != 0)
            && translit::is_transliterated(s);
        // Which patterns have a hit somewhere in the text: a phrase whose other words are not
        // all there cannot match, so most candidates are dropped before looking for them.
        let mut present = std::mem::take(&mut cache.present);
        present.resize(self.single.len().div_ceil(64), 0);
        for h in all {
            present[h.pattern as usize / 64] |= 1 << (h.pattern % 64);
        }
        let possible = |words: &[PhraseWord]| {
            words.iter().all(|w| {
                w.pattern == ANY_NUMBER
                    || present[w.pattern as usize / 64] & (1 << (w.pattern % 64)) != 0
            })
        };
        let pair_filter = &cache.pair_filter;
        let roles = &cache.roles;
        // the hits that can be the second word of a phrase (sorted as `all`)
        let mut seconds = std::mem::take(&mut cache.seconds);
        seconds.clear();
        seconds.extend(
            all.iter()
                .filter(|h| roles.of(h.pattern) & Roles::SECOND != 0),
        );
        // (where those on the word after the current hit's lie: the same for every hit that
        // ends where the previous one ended)
        let mut next_hits = (u32::MAX, 0usize, 0usize);
        // the first of `seconds` after the current hit's start (hits come in order of start)
        let mut past = 0;
        for h in all {
            let role = roles.of(h.pattern);
            if role == 0 {
                continue;
            }
            if role & Roles::SINGLE != 0 {
                for &pi in self.single.get(h.pattern as usize) {
                    let p = self.phrases.get(pi as usize);
                    if (h.full || p.words[0].stem) && (h.alone || (translit && h.translit)) {
                        emit(p, h.start, h.word_end);
                    }
                }
            }
            if role & Roles::LOOSE != 0 {
                let (offsets, items) = self.loose.parts();
                let p = h.pattern as usize;
                let (a, b) = (offsets[p] as usize, offsets[p + 1] as usize);
                for (&pi, &(second, stem)) in items[a..b].iter().zip(&cache.loose_words[a..b]) {
                    if !(h.full || stem)
                        || !(second == ANY_NUMBER
                            || present[second as usize / 64] & (1 << (second % 64)) != 0)
                    {
                        continue;
                    }
                    let words = self.phrases.words(pi as usize);
                    if (h.full || words[0].stem) && possible(&words[1..]) {
                        if let Some(end) = hits.rest(&words[1..], h.word_end) {
                            emit(self.phrases.get(pi as usize), h.start, end);
                        }
                    }
                }
            }
            if role & Roles::FIRST == 0 {
                continue;
            }
            // hits on the next word: a contiguous run of the sorted hits
            let mut next = after(bytes, h.word_end);
            if next_hits.0 != next {
                // (`next` is after the hit's start; usually the next hits are right there)
                while past < seconds.len() && seconds[past].start <= h.start {
                    past += 1;
                }
                let mut from = past;
                while from < seconds.len() && seconds[from].start < next {
                    from += 1;
                }
                let mut to = from;
                while to < seconds.len() && seconds[to].start == next {
                    to += 1;
                }
                next_hits = (next, from, to);
            }
            let (_, mut from, mut to) = next_hits;
            loop {
                for h2 in &seconds[from..to] {
                    let key = pair_key(h.pattern, h2.pattern);
                    if !pair_filter.may_hold(key) {
                        continue;
                    }
                    let Some(list) = self.by_pair.get(key) else {
                        continue;
                    };
                    for &pi in self.pair_lists.get(list as usize) {
                        let words = self.phrases.words(pi as usize);
                        if !(h.full || words[0].stem)
                            || !(h2.full || words[1].stem)
                            || !possible(&words[2..])
                        {
                            continue;
                        }
                        if let Some(end) = hits.rest(&words[2..], h2.word_end) {
                            emit(self.phrases.get(pi as usize), h.start, end);
                        }
                    }
                }
                // an emoji between two words of a phrase is passed over: the word after it is the
                // next word too ("работа ✅ для девушек")
                if !pictographs::is_pictograph_at(bytes, next as usize) {
                    break;
                }
                next = after(bytes, word_end(bytes, next as usize) as u32);
                from = to + seconds[to..].partition_point(|x| x.start < next);
                to = from + seconds[from..].partition_point(|x| x.start == next);
            }
        }
        for h in all {
            present[h.pattern as usize / 64] = 0;
        }
        cache.present = present;
        cache.seconds = seconds;
        // A phrase found in the pieces of a glued word that is not a hashtag must span at least
        // two pieces, and lie inside the word or cover it whole (running on into the words
        // around: «curezarad u kafani»): ordinary long words are sometimes vocabulary words
        // run together («струк|туры»), and one piece must not start a phrase with the words
        // after it, nor be a phrase alone. Hashtags (#эскортмосква) have no such limit.
        if !glued.is_empty() {
            out.retain(|m| {
                let (a, b) = (m.start as u32, m.end as u32);
                glued.iter().all(|(ws, we, cuts)| {
                    let inside = |x: u32| *ws < x && x < *we;
                    let crosses = cuts.iter().any(|&c| a < c && c < b);
                    let within = a >= *ws && b <= *we;
                    let whole = !(inside(a) || inside(b));
                    whole || (crosses && within)
                })
            });
        }
        cache.text_hits = text_hits;
        out.sort_by_key(|m| (m.start, m.end, m.signal, m.phrase, m.piece));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::phrase::parse;

    fn matcher(phrases: &[&str]) -> Matcher {
        let mut b = MatcherBuilder::default();
        for (i, p) in phrases.iter().enumerate() {
            b.add(
                i as u32,
                0,
                &parse(p).unwrap(),
                false,
                false,
                |_| unreachable!(),
            );
        }
        b.build()
    }

    #[test]
    fn a_class_matches_any_of_its_members() {
        let mut b = MatcherBuilder::default();
        let member = |m: &str| (parse(m).unwrap().remove(0), false);
        let hire = b.add_class(
            &[member("ищем"), member("нужн*"), member("требуются")],
            false,
        );
        let girls = b.add_class(
            &[member("девуш*"), member("девушки"), member("девчонок")],
            false,
        );
        let ids = |name: &str| if name == "hire" { hire } else { girls };
        b.add(0, 0, &parse("@hire ~1 @girls").unwrap(), false, false, ids);
        b.add(1, 0, &parse("@girls 18+").unwrap(), false, false, ids);
        let m = b.build();
        assert_eq!(
            found(&m, "Нужны срочно девушки"),
            vec![(0, "нужны срочно девушки".into())]
        );
        assert_eq!(
            found(&m, "ищем девчонок"),
            vec![(0, "ищем девчонок".into())]
        );
        assert_eq!(found(&m, "девушкам 18+"), vec![(1, "девушкам 18+".into())]);
        // an exact member must be the whole word; a stem member may begin it
        assert!(found(&m, "ищем девчонокх").is_empty());
        assert!(found(&m, "ищемте девушек").is_empty());
    }

    #[test]
    fn a_transliterated_hashtag_is_split_by_the_keys_of_its_pieces() {
        let mut b = MatcherBuilder::default();
        for (i, p) in ["работа для девуш*", "жиль* бесплатн*"].iter().enumerate()
        {
            b.add(
                i as u32,
                0,
                &parse(p).unwrap(),
                true,
                false,
                |_| unreachable!(),
            );
        }
        let m = b.build();
        assert_eq!(
            found(&m, "#rabotadlyadevushek #zhilebesplatno"),
            vec![
                (0, "rabotadlyadevushek".into()),
                (1, "zhilebesplatno".into())
            ]
        );
        // the Cyrillic hashtag as before; a hashtag is split only into words of the vocabulary
        assert_eq!(found(&m, "#работадлядевушек").len(), 1);
        assert!(found(&m, "#rabotadlyadevushekmoskva #rabotanadomu").is_empty());
        // the phrase's words must be keyed (Russian or Ukrainian): not read so otherwise
        let plain = matcher(&["работа для девуш*"]);
        assert!(found(&plain, "#rabotadlyadevushek").is_empty());
    }

    #[test]
    fn a_latin_word_found_by_its_key_stands_alone_only_in_transliterated_text() {
        let mut b = MatcherBuilder::default();
        b.add(
            0,
            0,
            &parse("содержанк*").unwrap(),
            true,
            false,
            |_| unreachable!(),
        );
        b.add(
            1,
            0,
            &parse("ищу ~1 содержанк*").unwrap(),
            true,
            false,
            |_| unreachable!(),
        );
        let m = b.build();
        // Cyrillic: alone and in the longer phrase
        assert_eq!(found(&m, "Ищу содержанку").len(), 2);
        // Latin in a Russian text written in Latin letters ("s menya", "dengi"): the same
        let translit = found(&m, "Ischu soderzhanku, s menya kvartira i dengi");
        assert_eq!(
            translit,
            vec![(1, "ischu soderzhanku".into()), (0, "soderzhanku".into())]
        );
        // Latin elsewhere: only inside the longer phrase, never alone
        assert!(found(&m, "a soderzhanku called Anna").is_empty());
        assert_eq!(found(&m, "ischu soderzhanku").len(), 1);
    }

    #[test]
    fn a_short_sign_stands_alone_in_transliterated_text_by_its_strict_key() {
        let mut b = MatcherBuilder::default();
        for (i, p) in ["кипр*", "секс"].iter().enumerate() {
            b.add(
                i as u32,
                0,
                &parse(p).unwrap(),
                true,
                false,
                |_| unreachable!(),
            );
        }
        let m = b.build();
        // «Кипр» written "Kipr", "Kipre" in a Russian text in Latin letters («ищем», «для»,
        // «девушек»): a key of four letters, under the six a key needs elsewhere
        assert_eq!(
            found(&m, "Ishchem devushek dlya raboty na Kipre"),
            vec![(0, "kipre".into())]
        );
        assert_eq!(
            found(&m, "Rabota dlya devushek: Kipr, seks ne predlagat"),
            vec![(0, "kipr".into()), (1, "seks".into())]
        );
        // not in English or Serbian text, nor by a loose key (spelling by ear)
        assert!(found(&m, "Holidays in Kipr for the whole family").is_empty());
        assert!(found(&m, "Ishchem devushek dlya raboty na Kepre").is_empty());
    }

    fn found(m: &Matcher, text: &str) -> Vec<(u32, String)> {
        let n = normalize(text);
        m.find(&n, false)
            .into_iter()
            .map(|x| (x.signal, n.as_str()[x.start..x.end].to_string()))
            .collect()
    }

    #[test]
    fn stems_match_any_ending_in_any_word_of_a_phrase() {
        let m = matcher(&["высок* доход*"]);
        assert_eq!(
            found(&m, "Высокого дохода!"),
            vec![(0, "высокого дохода".into())]
        );
        assert_eq!(
            found(&m, "высокий, доход"),
            vec![(0, "высокии доход".into())]
        );
        assert!(found(&m, "высокий уровень дохода").is_empty());
    }

    #[test]
    fn words_match_only_on_word_boundaries() {
        let m = matcher(&["паспорт", "сек*"]);
        assert!(found(&m, "паспортный стол").is_empty());
        assert_eq!(found(&m, "паспорт у нас").len(), 1);
        // a short stem does not fire inside another word
        assert!(found(&m, "библиотека").is_empty());
        assert_eq!(found(&m, "секс"), vec![(1, "секс".into())]);
    }

    #[test]
    fn emoji_are_passed_over_unless_a_phrase_names_them() {
        let m = matcher(&["работа для девушек", "keep ~1 passport*", "👧 # 💰", "слив"]);
        // bullets and decoration between the words of a phrase, as when they were punctuation
        assert_eq!(
            found(&m, "✅ Работа ✅ для 🔥🔥 девушек"),
            vec![(0, "работа ✅ для 🔥 🔥 девушек".into())]
        );
        // an emoji is not one of the words a gap allows
        assert_eq!(
            found(&m, "keep 🔒 your 🔒 passport"),
            vec![(1, "keep 🔒 your 🔒 passport".into())]
        );
        assert!(found(&m, "keep your old 🔒 passport").is_empty());
        // a phrase may name an emoji; another emoji between its words is passed over
        assert_eq!(found(&m, "👧 18 💰💰"), vec![(2, "👧 18 💰".into())]);
        assert_eq!(found(&m, "👧 ✨ 18 ✨ 💰").len(), 1);
        assert!(found(&m, "👩 18 💰").is_empty());
        assert_eq!(found(&m, "💰 слив 💰"), vec![(3, "слив".into())]);
    }

    #[test]
    fn gaps_allow_words_in_between() {
        let m = matcher(&["keep ~ passport*", "šaljite ~2 slike"]);
        assert_eq!(
            found(&m, "We keep your passports safe"),
            vec![(0, "keep your passports".into())]
        );
        assert_eq!(
            found(&m, "keep passport"),
            vec![(0, "keep passport".into())]
        );
        assert!(
            found(&m, "keep aa bb cc dd passport").is_empty(),
            "at most 3 words"
        );
        assert_eq!(found(&m, "Šaljite nam sve slike").len(), 1);
        assert!(
            found(&m, "šaljite nam sve vaše slike").is_empty(),
            "at most 2 words"
        );
    }

    #[test]
    fn ambiguous_leet_words_are_looked_up_under_their_other_readings() {
        let m = matcher(&["вечер*", "фото ~ будут у", "lady"]);
        // «в3чер» is written «взчер» (вз- starts many words): found by its reading «вечер»
        assert_eq!(found(&m, "за в3чер"), vec![(0, "взчер".into())]);
        // a leading 6 is б only in a reading («6тыс» is six thousand)
        assert_eq!(
            found(&m, "фото 6удут у всех"),
            vec![(1, "фото 6удут у".into())]
        );
        assert_eq!(found(&m, "1ady"), vec![(2, "1ady".into())]);
        // a reading is looked up only when nothing covers the word as written
        assert!(found(&m, "за 6тыс").is_empty());
    }

    #[test]
    fn serbo_croatian_digraphs_read_as_the_letters_with_a_caron() {
        let m = matcher(&["smeštaj obezbeđen", "žene", "placamo ~ smeštaj"]);
        assert_eq!(found(&m, "smeshtaj obezbedjen").len(), 1);
        assert_eq!(found(&m, "plachamo vam smeshtaj").len(), 1);
        // not alone: "zhene" by itself is no phrase of one word
        assert!(found(&m, "zhene").is_empty());
        assert_eq!(found(&m, "žene").len(), 1);
        // `ts` for c, as Russian-style transliteration writes «цура», «другарица»
        let c = matcher(&["cure ~2 18+", "traži se drugarica"]);
        assert_eq!(found(&c, "tsure 18+").len(), 1);
        assert_eq!(found(&c, "trazhi se drugaritsa").len(), 1);
        assert!(found(&c, "tsure").is_empty());
    }

    #[test]
    fn ijekavian_lje_reads_as_ekavian_le() {
        let m = matcher(&["maloletn* devojk*", "малолетн* девојк*"]);
        assert_eq!(
            found(&m, "maloljetne djevojke"),
            [(0, "maloljetne devojke".into())]
        );
        assert_eq!(
            found(&m, "малољетне дјевојке"),
            [(1, "малољетне девојке".into())]
        );
        assert_eq!(found(&m, "maloletne devojke").len(), 1);
    }

    #[test]
    fn hash_matches_any_number() {
        let m = matcher(&["девушки # #", "от # в день"]);
        assert_eq!(
            found(&m, "Девушки 18-25 лет"),
            vec![(0, "девушки 18 25".into())]
        );
        assert_eq!(found(&m, "от 5000 в день").len(), 1);
        assert!(found(&m, "от пяти в день").is_empty());
        // a sum with its unit written onto it
        assert_eq!(found(&m, "от 5000р в день").len(), 1);
        assert_eq!(found(&m, "от 50к в день").len(), 1);
        assert!(found(&m, "от 50кило5 в день").is_empty());
        assert!(found(&m, "девушки 18 лет").is_empty());
    }

    #[test]
    fn hash_reads_sums_as_people_write_them() {
        let m = matcher(&[
            "от # в день",
            "earn up to # a week",
            "плата # грн",
            "zarada # mesecno",
            "devojke # #",
        ]);
        // thousands apart (a space, a no-break or narrow no-break space, a dot), a currency
        // sign or code before or after, glued or apart, a word for thousands, the word before
        // glued onto the sum
        for text in [
            "от 8 000 в день",
            "от 8\u{a0}000 в день",
            "от 8\u{202f}000 в день",
            "от 2 000 000 в день",
            "от 1.500 € в день",
            "от 8 000 грн в день",
            "от 500евро в день",
            "от 500 евро в день",
            "от 10 тыс. в день",
            "от 10 тыс грн в день",
            "от 5к в день",
            "от5000 в день",
            "от ₴ 8 000 в день",
            "от ₦50000 в день",
        ] {
            assert_eq!(found(&m, text).len(), 1, "{text}");
        }
        for text in [
            "earn up to $3000 a week",
            "earn up to € 500 a week",
            "earn up to 3000$ a week",
            "earn up to 5k a week",
            "earn up to 100eur a week",
            "earn up to USD 3,000 a week",
            "earn up to 5 grand a week",
        ] {
            assert_eq!(found(&m, text).len(), 1, "{text}");
        }
        for text in [
            "zarada 1 500 eur mesecno",
            "zarada €1 500 mesecno",
            "zarada 1500 KM mesecno",
            "zarada 2 hiljade eura mesecno",
            "zarada 1500dinara mesecno",
        ] {
            assert_eq!(found(&m, text).len(), 1, "{text}");
        }
        // a currency the phrase names, written onto the sum or apart
        for text in [
            "плата 8000грн",
            "плата 8 000 грн",
            "плата 8 000грн",
            "плата 8 000₴",
        ] {
            assert_eq!(found(&m, text).len(), 1, "{text}");
        }
        assert!(found(&m, "плата 8000 usd").is_empty());
        // every reading is tried: `# #` is still two numbers
        assert_eq!(found(&m, "devojke 18 250").len(), 1);
        assert_eq!(found(&m, "devojke 1 000 2 000").len(), 1);
        // not a sum: two digits after the space are no thousands, a word is no currency
        assert!(found(&m, "от 8 00 в день").is_empty());
        assert!(found(&m, "от 8 дней в день").is_empty());
        assert!(found(&m, "earn up to 5 sheep a week").is_empty());
        // the word glued onto the sum is not a phrase of its own word
        assert!(matcher(&["от"])
            .find(&normalize("от5000"), false)
            .is_empty());
    }

    fn n(s: &str) -> String {
        normalize(s).as_str().to_string()
    }

    #[test]
    fn sums_and_ages_written_into_words_and_hashtags_are_read() {
        let m = {
            // (classes: a sum, a period, girls, ages)
            let mut b = MatcherBuilder::default();
            let class = |b: &mut MatcherBuilder, members: &[&str]| {
                let words: Vec<(Word, bool)> = members
                    .iter()
                    .map(|w| (parse(w).unwrap().remove(0), false))
                    .collect();
                b.add_class(&words, false)
            };
            let ids = [
                (
                    "sum",
                    class(&mut b, &["500", "3000", "4000*", "5000", "2k"]),
                ),
                ("period", class(&mut b, &["день", "day"])),
                (
                    "girl",
                    class(&mut b, &["девушки", "devojk*", "cure", "girls"]),
                ),
                ("age", class(&mut b, &["18", "18+"])),
                ("upper", class(&mut b, &["25"])),
                ("per", class(&mut b, &["a"])),
                ("cur", class(&mut b, &["euro", "eur"])),
            ];
            for (i, p) in [
                "@sum ~1 @period",
                "от # в день",
                "zarada # mesecno",
                "zarada #",
                "@girl @age",
                "@girl ~3 @age @upper",
                "@sum @per @period",
                "@sum weekly",
                "earn # day",
                "plata # eur",
                "@sum @cur ~1 muaj",
            ]
            .iter()
            .enumerate()
            {
                let phrase = parse(p).unwrap();
                b.add(0, i as u32, &phrase, false, false, |c| {
                    ids.iter().find(|(n, _)| *n == c).unwrap().1
                });
            }
            b.build()
        };
        let phrases = |text: &str| -> Vec<u32> {
            let mut v: Vec<u32> = m
                .find(&normalize(text), false)
                .iter()
                .map(|x| x.phrase)
                .collect();
            v.sort();
            v.dedup();
            v
        };
        // a sum glued into a hashtag and read as leet by normalization: «от5ооовдень»
        assert!(phrases("#от5000вдень").contains(&0));
        assert!(phrases("#от5000вдень").contains(&1));
        assert_eq!(phrases("#zarada4000e"), [3]);
        assert!(phrases("#zarada4000e mesečno").contains(&2));
        // a hashtag not cut where the number meets letters
        assert!(phrases("#500aday").contains(&6));
        assert_eq!(phrases("#2kweekly"), [7]);
        assert!(phrases("#girls18plus").contains(&4));
        assert!(phrases("girls #18plus").contains(&4));
        // letters written onto a sum
        assert!(phrases("зп5000 в день").contains(&0));
        assert!(phrases("от5000 в день").contains(&1));
        assert!(phrases("earn500/day").contains(&8));
        assert!(phrases("plata3000€").contains(&9));
        assert!(phrases("paga3000euro në muaj").contains(&10));
        // ages written onto the word
        assert!(phrases("девушки18-25").contains(&5));
        assert!(phrases("cure18+").contains(&4));
        assert!(phrases("#devojke18").contains(&4));
        // ordinary words with numbers in them stay as they are
        for text in [
            "#covid19 в день",
            "iphone15 за день",
            "#top10 girls",
            "#квартира2комнаты",
            "l00king for a day",
        ] {
            assert!(
                phrases(text).iter().all(|&p| p != 4 && p != 0 && p != 6),
                "{text}: {:?}",
                phrases(text)
            );
        }
    }

    #[test]
    fn phrases_match_across_glued_words_and_hashtags() {
        let m = matcher(&[
            "работа для девуш*",
            "posao u inostranstv*",
            "эскорт",
            "rapist",
        ]);
        assert_eq!(
            found(&m, "#работадлядевушек срочно"),
            vec![(0, "работадлядевушек".into())]
        );
        assert_eq!(
            found(&m, "Р А Б О Т А Д Л Я Д Е В У Ш Е К"),
            vec![(0, "работадлядевушек".into())]
        );
        assert_eq!(found(&m, "#posaouinostranstvu").len(), 1);
        // a piece alone is a phrase only in a hashtag
        assert_eq!(found(&m, "#эскортмосква"), vec![(2, n("эскорт"))]);
        assert!(found(&m, "эскортмосква").is_empty());
        assert!(found(&m, "a therapist").is_empty());
        // a phrase may not start in the middle of an ordinary word that splits
        let m = matcher(&["туры для девуш*", "струк*"]);
        assert!(found(&m, "многоструктурыдля девушек").is_empty());
        assert_eq!(found(&m, "#турыдлядевушек").len(), 1);
        // words spread out one after the other join into one word; its pieces are words, and
        // a phrase runs from them into the words around
        let m = matcher(&["слике ~3 добијаш посао"]);
        assert_eq!(
            found(&m, "пошаљи слике па д о б и ј а ш п о с а о"),
            vec![(0, "слике па добијашпосао".into())]
        );
    }

    #[test]
    fn a_text_with_more_distinct_words_than_the_cache_holds_is_matched_whole() {
        let m = matcher(&["высок* доход*", "работа для девуш*"]);
        let mut text = String::from("Высокий доход! ");
        // distinct words, and distinct long words that are tried as glued words
        for i in 0..WORD_CACHE_WORDS + 100 {
            text.push_str(&format!("слово{i} "));
            if i % 4 == 0 {
                text.push_str(&format!("оченьдлинноенеизвестноеслово{i} "));
            }
        }
        text.push_str("работа для девушек, высокий доход");
        let found: Vec<u32> = m
            .find(&normalize(&text), false)
            .iter()
            .map(|x| x.signal)
            .collect();
        assert_eq!(found, vec![0, 1, 0]);
    }

    #[test]
    fn overlapping_phrases_all_fire() {
        let m = matcher(&["девуш*", "требуются девушки", "девушки 18+"]);
        let got = found(&m, "Требуются девушки 18+");
        let signals: Vec<u32> = got.iter().map(|g| g.0).collect();
        assert_eq!(signals, vec![1, 0, 2]);
    }
}
