//! Prebuilt engine tables: what [`Engine::new`] derives from a compiled document (the phrase
//! words parsed and normalized, their script-free keys, the word and key tables, the phrase
//! and class tables, the scoring model), written by `redflag compile --tables` next to the
//! document and read back by the extension's service worker instead of being derived again.
//!
//! Why: a restarted service worker builds the engine before it can answer a page, and
//! deriving the tables runs most of the engine's code for the first time in a fresh WebAssembly
//! instance (BENCHMARKS.md: ~100 ms in Chromium's worker, ~20 ms natively). Reading them back
//! is copying arrays.
//!
//! The file is a cache, never a source of truth: it is used only for exactly the document it
//! was made from and only by an engine built from exactly the same source; otherwise (another
//! engine version, an edited or re-serialized document, an imported bundle added, a damaged
//! file) the engine is built from the document as before. So a stale or tampered file costs
//! start-up time, never a wrong verdict, and reading one never panics: every number in it is
//! checked against the sizes it indexes before the engine is handed out.
//!
//! Layout (little-endian): `RFTB`, the tables version ([`TABLES_VERSION`]), the engine id
//! ([`engine_id`]: a hash of the engine's source, computed by `build.rs`), a 64-bit hash of the
//! document's bytes, a 64-bit hash of the body, then the body: sections written and read in
//! one fixed order by [`Writer`] and [`Reader`].

use crate::engine::Engine;

/// Bumped when the layout of the body changes (an engine reads only its own).
pub const TABLES_VERSION: u32 = 1;

const MAGIC: &[u8; 4] = b"RFTB";

/// A hash of the source files of the engine (`src/` but the command line, and `Cargo.lock`),
/// from `build.rs`: tables are derived by this code, so another build's tables may differ.
pub fn engine_id() -> u64 {
    u64::from_str_radix(env!("REDFLAG_ENGINE_ID"), 16).unwrap_or(0)
}

/// A 64-bit hash of `bytes` (FxHash's step over eight bytes at a time, with the length): to
/// tell whether the document or the body is the one the tables were made from. Not a
/// signature: the tables ship inside the extension package, where the engine itself is.
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = bytes.len() as u64 ^ 0x9E37_79B9_7F4A_7C15;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    h ^ (h >> 31)
}

/// Why prebuilt tables were not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a tables file, or another tables version.
    Format,
    /// Made by another build of the engine.
    Engine,
    /// Made for another document (or the document was edited or re-serialized).
    Document,
    /// The body does not match its hash, or does not fit together.
    Damaged,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::Format => "not a tables file of this version",
            Refusal::Engine => "made by another version of the engine",
            Refusal::Document => "made for another document",
            Refusal::Damaged => "damaged",
        })
    }
}

/// Writes the tables of `engine`, built from the compiled document `document` (its exact
/// bytes). (Only the command line writes tables: the extension's build leaves this out.)
#[cfg(feature = "cli")]
pub fn write(engine: &Engine, document: &str) -> Vec<u8> {
    let mut body = Writer::default();
    engine.write_tables(&mut body);
    let mut out = Vec::with_capacity(body.0.len() + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&TABLES_VERSION.to_le_bytes());
    out.extend_from_slice(&engine_id().to_le_bytes());
    out.extend_from_slice(&hash(document.as_bytes()).to_le_bytes());
    out.extend_from_slice(&hash(&body.0).to_le_bytes());
    out.extend_from_slice(&body.0);
    out
}

/// Reads tables made for `document` by this engine.
pub fn read(tables: &[u8], document: &str) -> Result<Engine, Refusal> {
    let header = tables.get(..32).ok_or(Refusal::Format)?;
    let u64_at = |k: usize| u64::from_le_bytes(header[k..k + 8].try_into().expect("8 bytes"));
    if &header[..4] != MAGIC || header[4..8] != TABLES_VERSION.to_le_bytes() {
        return Err(Refusal::Format);
    }
    if u64_at(8) != engine_id() {
        return Err(Refusal::Engine);
    }
    if u64_at(16) != hash(document.as_bytes()) {
        return Err(Refusal::Document);
    }
    let body = &tables[32..];
    if u64_at(24) != hash(body) {
        return Err(Refusal::Damaged);
    }
    let mut r = Reader { bytes: body, at: 0 };
    let engine = Engine::read_tables(&mut r).ok_or(Refusal::Damaged)?;
    if r.at != body.len() {
        return Err(Refusal::Damaged);
    }
    Ok(engine)
}

/// Appends values to a body.
#[cfg(feature = "cli")]
#[derive(Default)]
pub struct Writer(Vec<u8>);

#[cfg(feature = "cli")]
impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }
    pub fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    pub fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for &x in v {
            self.u32(x);
        }
    }
    pub fn u64s(&mut self, v: &[u64]) {
        self.len(v.len());
        for &x in v {
            self.u64(x);
        }
    }
    pub fn bools(&mut self, v: &[bool]) {
        self.len(v.len());
        self.0.extend(v.iter().map(|&b| b as u8));
    }
    /// A value as JSON (for the few small structures with strings and options).
    pub fn json<T: serde::Serialize>(&mut self, v: &T) {
        self.bytes(&serde_json::to_vec(v).expect("tables serialize"));
    }
}

/// Reads values back; every method returns `None` past the end or on a value out of range.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub fn f64(&mut self) -> Option<f64> {
        Some(f64::from_bits(self.u64()?))
    }
    /// A length, checked against the bytes left (at least `min` bytes per element).
    pub fn len(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.saturating_mul(min.max(1)) <= self.bytes.len() - self.at || min == 0).then_some(n)
    }
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len(1)?;
        self.take(n)
    }
    pub fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }
    pub fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len(4)?;
        let raw = self.take(n * 4)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
    pub fn u64s(&mut self) -> Option<Vec<u64>> {
        let n = self.len(8)?;
        let raw = self.take(n * 8)?;
        Some(
            raw.chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
                .collect(),
        )
    }
    pub fn bools(&mut self) -> Option<Vec<bool>> {
        let n = self.len(1)?;
        let raw = self.take(n)?;
        raw.iter().map(|&b| (b <= 1).then_some(b == 1)).collect()
    }
    pub fn json<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        serde_json::from_slice(self.bytes()?).ok()
    }
}

/// Lists of numbers stored flat (offsets into one array), as the tables store `Vec<Vec<_>>`.
#[cfg(feature = "cli")]
pub fn write_lists(w: &mut Writer, lists: &[Vec<u32>]) {
    let mut offsets = Vec::with_capacity(lists.len() + 1);
    let mut flat = Vec::new();
    offsets.push(0);
    for l in lists {
        flat.extend_from_slice(l);
        offsets.push(flat.len() as u32);
    }
    w.u32s(&offsets);
    w.u32s(&flat);
}

/// Reads [`write_lists`]' lists; every number must be below `bound`.
pub fn read_lists(r: &mut Reader, bound: u32) -> Option<Vec<Vec<u32>>> {
    let offsets = r.u32s()?;
    let flat = r.u32s()?;
    if offsets.first() != Some(&0) || *offsets.last()? as usize != flat.len() {
        return None;
    }
    if flat.iter().any(|&x| x >= bound) {
        return None;
    }
    offsets
        .windows(2)
        .map(|p| flat.get(p[0] as usize..p[1] as usize).map(<[u32]>::to_vec))
        .collect()
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;

    #[test]
    fn readers_stop_at_the_end_and_at_bad_values() {
        let mut w = Writer::default();
        w.u32s(&[1, 2, 3]);
        w.bools(&[true, false]);
        write_lists(&mut w, &[vec![1, 2], vec![], vec![0]]);
        let bytes = w.0.clone();
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        assert_eq!(r.u32s(), Some(vec![1, 2, 3]));
        assert_eq!(r.bools(), Some(vec![true, false]));
        assert_eq!(
            read_lists(&mut r, 3),
            Some(vec![vec![1, 2], vec![], vec![0]])
        );
        assert_eq!(r.u32(), None);
        // a list may not point past its bound
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        r.u32s();
        r.bools();
        assert_eq!(read_lists(&mut r, 2), None);
        // a length larger than what is left is refused before allocating
        let mut r = Reader {
            bytes: &[0xFF, 0xFF, 0xFF, 0x7F, 1],
            at: 0,
        };
        assert_eq!(r.u32s(), None);
        // every truncation of a valid body fails cleanly
        for cut in 0..bytes.len() {
            let mut r = Reader {
                bytes: &bytes[..cut],
                at: 0,
            };
            let ok = r.u32s().is_some() && r.bools().is_some() && read_lists(&mut r, 3).is_some();
            assert!(!ok, "cut at {cut}");
        }
    }
}

// ---------------------------------------------------------------- the engine's parts, in order

use crate::engine::{BundleInfo, QuotingRule};
use crate::key_table::{KeyTable, KeyTables};
use crate::matcher::{CompiledPhrase, Matcher, PhraseWord, ANY_NUMBER};
use crate::scoring::{CombinationModel, FamilyModel, Model, SignalModel};
use crate::support::{RegionHints, SupportEntry};
use crate::verdict::{Category, Level};
use crate::word_table::{WordTable, PREFIX_ONLY};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
#[cfg(feature = "cli")]
use serde::Serialize;
use std::sync::{Arc, OnceLock};

/// A family: id, name, weight, factor, categories, families whose floors it keeps.
type FamilyRow = (String, String, f64, Option<f64>, Vec<Category>, Vec<usize>);
/// A combination: id, `all`, `any`, points, floor.
type CombinationRow = (String, Vec<usize>, Vec<usize>, f64, Option<Level>);

/// The small parts with strings and options, as JSON.
#[derive(Deserialize)]
#[cfg_attr(feature = "cli", derive(Serialize))]
struct Small {
    bundles: Vec<(String, String, String, Vec<String>)>,
    families: Vec<FamilyRow>,
    signals: Vec<(String, usize, f64, Option<Level>)>,
    combinations: Vec<CombinationRow>,
    thresholds: [f64; 4],
    quoting: Option<(usize, f64, usize)>,
    negations: Vec<Vec<String>>,
    support: Vec<SupportEntry>,
    region_hints: RegionHints,
}

impl Engine {
    #[cfg(feature = "cli")]
    pub(crate) fn write_tables(&self, w: &mut Writer) {
        let m = &self.model;
        let small = Small {
            bundles: self
                .bundles
                .iter()
                .map(|b| {
                    (
                        b.id.clone(),
                        b.title.clone(),
                        b.version.clone(),
                        b.languages.clone(),
                    )
                })
                .collect(),
            families: m
                .families
                .iter()
                .map(|f| {
                    (
                        f.id.clone(),
                        f.name.clone(),
                        f.weight,
                        f.factor,
                        f.categories.clone(),
                        f.keeps_floors_of.clone(),
                    )
                })
                .collect(),
            signals: m
                .signals
                .iter()
                .map(|s| (s.id.clone(), s.family, s.weight, s.floor))
                .collect(),
            combinations: m
                .combinations
                .iter()
                .map(|c| (c.id.clone(), c.all.clone(), c.any.clone(), c.add, c.floor))
                .collect(),
            thresholds: [m.caution, m.warning, m.danger, m.min_dampening],
            quoting: self
                .quoting
                .as_ref()
                .map(|q| (q.signal, q.min_share, q.min_words_outside)),
            negations: self.negations.iter().map(|n| n.to_vec()).collect(),
            support: self.support.clone(),
            region_hints: self.region_hints.clone(),
        };
        w.json(&small);
        // the phrases as written, one string pool per signal
        w.len(self.phrases.len());
        for list in &self.phrases {
            w.len(list.len());
            for p in list {
                w.str(p);
            }
        }
        write_matcher(w, &self.matcher);
    }

    pub(crate) fn read_tables(r: &mut Reader) -> Option<Engine> {
        let small: Small = r.json()?;
        let families: Vec<FamilyModel> = small
            .families
            .into_iter()
            .map(
                |(id, name, weight, factor, categories, keeps_floors_of)| FamilyModel {
                    id,
                    name,
                    weight,
                    factor,
                    categories,
                    keeps_floors_of,
                },
            )
            .collect();
        let nf = families.len();
        if families
            .iter()
            .flat_map(|f| &f.keeps_floors_of)
            .any(|&k| k >= nf)
        {
            return None;
        }
        let signals: Vec<SignalModel> = small
            .signals
            .into_iter()
            .map(|(id, family, weight, floor)| {
                (family < nf).then_some(SignalModel {
                    id,
                    family,
                    weight,
                    floor,
                })
            })
            .collect::<Option<_>>()?;
        let combinations: Vec<CombinationModel> = small
            .combinations
            .into_iter()
            .map(|(id, all, any, add, floor)| {
                all.iter()
                    .chain(&any)
                    .all(|&f| f < nf)
                    .then_some(CombinationModel {
                        id,
                        all,
                        any,
                        add,
                        floor,
                    })
            })
            .collect::<Option<_>>()?;
        let ns = signals.len();
        let n_phrases = r.len(4)?;
        let mut phrases = Vec::with_capacity(n_phrases);
        for _ in 0..n_phrases {
            let n = r.len(4)?;
            phrases.push((0..n).map(|_| r.string()).collect::<Option<Vec<_>>>()?);
        }
        let quoting = match small.quoting {
            Some((signal, min_share, min_words_outside)) if signal < ns => Some(QuotingRule {
                signal,
                min_share,
                min_words_outside,
            }),
            Some(_) => return None,
            None => None,
        };
        if small.negations.len() != ns || phrases.len() != ns {
            return None;
        }
        let [caution, warning, danger, min_dampening] = small.thresholds;
        let matcher = read_matcher(r, &phrases)?;
        Some(Engine {
            bundles: small
                .bundles
                .into_iter()
                .map(|(id, title, version, languages)| BundleInfo {
                    id,
                    title,
                    version,
                    languages,
                })
                .collect(),
            model: Model {
                families,
                signals,
                combinations,
                caution,
                warning,
                danger,
                min_dampening,
            },
            matcher,
            negations: small.negations.into_iter().map(Arc::from).collect(),
            quoting,
            phrases,
            support: small.support,
            region_hints: small.region_hints.checked(ns)?,
            prebuilt: true,
        })
    }
}

#[cfg(feature = "cli")]
fn write_word_table(w: &mut Writer, t: &WordTable) {
    w.len(t.patterns.len());
    for p in &t.patterns {
        w.bytes(p);
    }
    for map in [&t.words, &t.prefixes] {
        let mut pairs: Vec<(&u64, &u32)> = map.iter().collect();
        pairs.sort_unstable();
        w.u64s(&pairs.iter().map(|p| *p.0).collect::<Vec<_>>());
        w.u32s(&pairs.iter().map(|p| *p.1).collect::<Vec<_>>());
    }
    w.u64(t.stem_min as u64);
    w.u64(t.stem_max as u64);
}

fn read_word_table(r: &mut Reader) -> Option<WordTable> {
    let n = r.len(4)?;
    let patterns: Vec<Box<[u8]>> = (0..n)
        .map(|_| r.bytes().map(Box::from))
        .collect::<Option<_>>()?;
    let mut maps = Vec::with_capacity(2);
    for prefix in [false, true] {
        let keys = r.u64s()?;
        let values = r.u32s()?;
        let ok = |v: u32| (v as usize) < n || (prefix && v == PREFIX_ONLY);
        if keys.len() != values.len() || !values.iter().all(|&v| ok(v)) {
            return None;
        }
        let mut map: HashMap<u64, u32> = HashMap::default();
        map.reserve(keys.len());
        map.extend(keys.into_iter().zip(values));
        maps.push(map);
    }
    let prefixes = maps.pop()?;
    let words = maps.pop()?;
    Some(WordTable {
        patterns,
        words,
        prefixes,
        stem_min: r.u64()? as usize,
        stem_max: r.u64()? as usize,
    })
}

#[cfg(feature = "cli")]
fn write_matcher(w: &mut Writer, m: &Matcher) {
    write_word_table(w, &m.table);
    for k in [&m.keys.strict, &m.keys.loose] {
        write_word_table(w, &k.table);
        write_lists(w, &k.members);
    }
    w.bools(&m.stem);
    w.bools(&m.exact);
    let member_of: Vec<Vec<u32>> = m
        .member_of
        .iter()
        .map(|l| {
            l.iter()
                .map(|&(c, stem, derived)| c << 2 | (derived as u32) << 1 | stem as u32)
                .collect()
        })
        .collect();
    write_lists(w, &member_of);
    write_lists(w, &m.single);
    write_lists(w, &m.loose);
    let mut pairs: Vec<(&(u32, u32), &Vec<u32>)> = m.by_pair.iter().collect();
    pairs.sort_unstable();
    w.u64s(
        &pairs
            .iter()
            .map(|p| u64::from(p.0 .0) << 32 | u64::from(p.0 .1))
            .collect::<Vec<_>>(),
    );
    write_lists(w, &pairs.iter().map(|p| p.1.clone()).collect::<Vec<_>>());
    w.len(m.phrases.len());
    for p in &m.phrases {
        w.u32(p.signal);
        w.u32(p.source);
        w.u8(p.derived as u8);
        w.len(p.words.len());
        for word in &p.words {
            w.u32(word.pattern);
            w.u8(word.stem as u8);
            w.u8(word.gap);
        }
    }
}

/// The matcher, with every index checked: pattern ids below the number of patterns (and
/// classes), phrase ids below the number of phrases, a phrase's signal and source within
/// `written` (the phrases as written, per signal).
fn read_matcher(r: &mut Reader, written: &[Vec<String>]) -> Option<Matcher> {
    let table = read_word_table(r)?;
    let n = table.patterns.len() as u32;
    let mut keys = Vec::with_capacity(2);
    for _ in 0..2 {
        let t = read_word_table(r)?;
        let members = read_lists(r, n)?;
        if members.len() != t.patterns.len() {
            return None;
        }
        keys.push(KeyTable { table: t, members });
    }
    let loose = keys.pop()?;
    let strict = keys.pop()?;
    let stem = r.bools()?;
    let exact = r.bools()?;
    let member_of = read_lists(r, u32::MAX)?;
    let single = read_lists(r, u32::MAX)?;
    let loose_by_first = read_lists(r, u32::MAX)?;
    let pair_keys = r.u64s()?;
    let pair_lists = read_lists(r, u32::MAX)?;
    let count = r.len(10)?;
    let mut phrases = Vec::with_capacity(count);
    for _ in 0..count {
        let (signal, source, derived) = (r.u32()?, r.u32()?, r.u8()? == 1);
        let k = r.len(6)?;
        let words = (0..k)
            .map(|_| {
                Some(PhraseWord {
                    pattern: r.u32()?,
                    stem: r.u8()? == 1,
                    gap: r.u8()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        phrases.push(CompiledPhrase {
            words,
            signal,
            source,
            derived,
        });
    }
    // patterns and classes
    let all = single.len() as u32;
    let np = phrases.len() as u32;
    let ok = stem.len() == n as usize
        && exact.len() == n as usize
        && member_of.len() == n as usize
        && all >= n
        && loose_by_first.len() == all as usize
        && pair_keys.len() == pair_lists.len()
        && member_of
            .iter()
            .flatten()
            .all(|&c| c >> 2 >= n && c >> 2 < all)
        && single
            .iter()
            .chain(&loose_by_first)
            .chain(&pair_lists)
            .flatten()
            .all(|&p| p < np)
        && phrases.iter().all(|p| {
            !p.words.is_empty()
                && p.words[0].pattern != ANY_NUMBER
                && p.words
                    .iter()
                    .all(|w| w.pattern < all || w.pattern == ANY_NUMBER)
                && written
                    .get(p.signal as usize)
                    .is_some_and(|l| (p.source as usize) < l.len())
        });
    if !ok {
        return None;
    }
    let vocabulary = table
        .patterns
        .iter()
        .map(|p| String::from_utf8(p.to_vec()).ok())
        .collect::<Option<Vec<_>>>()?;
    Some(Matcher {
        id: crate::matcher::next_id(),
        table,
        keys: KeyTables { strict, loose },
        stem,
        exact,
        vocabulary,
        segmenter: OnceLock::new(),
        typos: OnceLock::new(),
        member_of: member_of
            .into_iter()
            .map(|l| {
                l.into_iter()
                    .map(|c| (c >> 2, c & 1 == 1, c & 2 == 2))
                    .collect()
            })
            .collect(),
        single,
        by_pair: pair_keys
            .into_iter()
            .map(|k| ((k >> 32) as u32, k as u32))
            .zip(pair_lists)
            .collect(),
        loose: loose_by_first,
        phrases,
    })
}
