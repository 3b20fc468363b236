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
pub const TABLES_VERSION: u32 = 6;

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
    /// Not a tables file.
    Format,
    /// A tables file of another layout version (this one).
    Version(u32),
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
            Refusal::Format => "not a tables file",
            Refusal::Version(v) => {
                return write!(
                    f,
                    "tables of layout version {v}; this engine reads version {TABLES_VERSION}"
                )
            }
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
    open(tables, Some(document))
}

/// Reads tables made by this engine, for whichever document they were made for: the
/// extension's service worker starts from the shipped tables alone, without reading the
/// shipped document, and checks afterwards that the document is the one they were made for
/// ([`Engine::made_for`]; both files come out of one `redflag compile`).
pub fn read_alone(tables: &[u8]) -> Result<Engine, Refusal> {
    open(tables, None)
}

fn open(tables: &[u8], document: Option<&str>) -> Result<Engine, Refusal> {
    let header = tables.get(..32).ok_or(Refusal::Format)?;
    let u64_at = |k: usize| u64::from_le_bytes(header[k..k + 8].try_into().expect("8 bytes"));
    if &header[..4] != MAGIC {
        return Err(Refusal::Format);
    }
    let version = u32::from_le_bytes(header[4..8].try_into().expect("4 bytes"));
    if version != TABLES_VERSION {
        return Err(Refusal::Version(version));
    }
    if u64_at(8) != engine_id() {
        return Err(Refusal::Engine);
    }
    let made_for = u64_at(16);
    if document.is_some_and(|d| hash(d.as_bytes()) != made_for) {
        return Err(Refusal::Document);
    }
    let body = &tables[32..];
    if u64_at(24) != hash(body) {
        return Err(Refusal::Damaged);
    }
    let mut r = Reader { bytes: body, at: 0 };
    let mut engine = Engine::read_tables(&mut r).ok_or(Refusal::Damaged)?;
    if r.at != body.len() {
        return Err(Refusal::Damaged);
    }
    engine.prebuilt = Some(made_for);
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
    /// Numbers, each in 1, 2 or 4 bytes (the fewest that hold all of them; in 1 and 2 bytes
    /// the largest value, 0xFF or 0xFFFF, stands for `u32::MAX`, the tables' "none").
    pub fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        let max = v
            .iter()
            .filter(|&&x| x != u32::MAX)
            .max()
            .copied()
            .unwrap_or(0);
        if max < 0xFF {
            self.u8(1);
            self.0.extend(v.iter().map(|&x| x.min(0xFF) as u8));
        } else if max < 0xFFFF {
            self.u8(2);
            for &x in v {
                self.0
                    .extend_from_slice(&(x.min(0xFFFF) as u16).to_le_bytes());
            }
        } else {
            self.u8(4);
            for &x in v {
                self.u32(x);
            }
        }
    }
    /// Offsets that start at 0 and never decrease, as the differences between them (small
    /// numbers: [`Writer::u32s`] writes them in fewer bytes).
    pub fn offsets(&mut self, v: &[u32]) {
        debug_assert!(v.first() == Some(&0) && v.windows(2).all(|p| p[0] <= p[1]));
        let steps: Vec<u32> = v.windows(2).map(|p| p[1] - p[0]).collect();
        self.u32s(&steps);
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
    /// The raw bytes of [`Writer::u32s`]' numbers and their width (1, 2 or 4).
    fn numbers(&mut self) -> Option<(&'a [u8], usize)> {
        let n = self.len(0)?;
        let width = self.u8()? as usize;
        if !matches!(width, 1 | 2 | 4) || n.saturating_mul(width) > self.bytes.len() - self.at {
            return None;
        }
        Some((self.take(n * width)?, width))
    }
    /// [`Writer::u32s`]' numbers. Each width has its own loop over the raw bytes collected
    /// into an array of the exact size (no zeroed array filled afterwards: in a fresh
    /// WebAssembly instance each pass over the tables' arrays is paid at the baseline tier).
    pub fn u32s(&mut self) -> Option<Vec<u32>> {
        let (raw, width) = self.numbers()?;
        Some(match width {
            1 => raw
                .iter()
                .map(|&b| if b == 0xFF { u32::MAX } else { u32::from(b) })
                .collect(),
            2 => raw
                .chunks_exact(2)
                .map(|c| {
                    let h = u16::from_le_bytes([c[0], c[1]]);
                    if h == 0xFFFF {
                        u32::MAX
                    } else {
                        u32::from(h)
                    }
                })
                .collect(),
            _ => raw
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        })
    }
    /// [`Writer::offsets`]' offsets (`None` past `u32::MAX`).
    pub fn offsets(&mut self) -> Option<Vec<u32>> {
        self.sums(true)
    }
    /// The running sums of [`Writer::u32s`]' numbers (steps), after a leading 0 if `zero`:
    /// offsets, a map's slots, where phrases end. Read straight from the raw bytes in one
    /// pass (steps are never "none"); `None` past `u32::MAX`.
    fn sums(&mut self, zero: bool) -> Option<Vec<u32>> {
        let (raw, width) = self.numbers()?;
        let n = raw.len() / width;
        let mut v = Vec::with_capacity(n + usize::from(zero));
        if zero {
            v.push(0);
        }
        // (sums in 64 bits: the steps are below 2^32 and there are fewer than 2^32 of them)
        let mut at = 0u64;
        match width {
            1 => v.extend(raw.iter().map(|&b| {
                at += u64::from(b);
                at as u32
            })),
            2 => v.extend(raw.chunks_exact(2).map(|c| {
                at += u64::from(u16::from_le_bytes([c[0], c[1]]));
                at as u32
            })),
            _ => v.extend(raw.chunks_exact(4).map(|c| {
                at += u64::from(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
                at as u32
            })),
        }
        (at <= u64::from(u32::MAX)).then_some(v)
    }
    pub fn u64s(&mut self) -> Option<Vec<u64>> {
        let n = self.len(8)?;
        let raw = self.take(n * 8)?;
        let mut v = vec![0u64; n];
        for (x, c) in v.iter_mut().zip(raw.chunks_exact(8)) {
            *x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        }
        Some(v)
    }
    pub fn bools(&mut self) -> Option<Vec<bool>> {
        let n = self.len(1)?;
        let raw = self.take(n)?;
        if raw.iter().any(|&b| b > 1) {
            return None;
        }
        Some(raw.iter().map(|&b| b == 1).collect())
    }
    /// Read as text, like a document (`serde_json::from_str`): `from_slice` would instantiate
    /// a second copy of serde_json's parser and of every deserializer it reaches (the support
    /// entries, the model's lists) for byte input: 12 KB of the .wasm (BENCHMARKS.md, ".wasm
    /// size, fourth round"). JSON is UTF-8 anyway; the check costs a pass over ~35 KB.
    pub fn json<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        serde_json::from_str(std::str::from_utf8(self.bytes()?).ok()?).ok()
    }
}

/// Writes flat lists: their offsets, then their items.
#[cfg(feature = "cli")]
fn write_lists(w: &mut Writer, lists: &Lists) {
    let (offsets, items) = lists.parts();
    w.offsets(offsets);
    w.u32s(items);
}

/// Reads [`write_lists`]' lists; every item must be below `bound`.
fn read_lists(r: &mut Reader, bound: u32) -> Option<Lists> {
    let offsets = r.offsets()?;
    let items = r.u32s()?;
    Lists::from_parts(offsets, items, bound)
}

#[cfg(feature = "cli")]
fn write_arena(w: &mut Writer, a: &Arena) {
    let (offsets, bytes) = a.parts();
    w.offsets(offsets);
    w.bytes(bytes);
}

fn read_arena(r: &mut Reader) -> Option<Arena> {
    let offsets = r.offsets()?;
    let bytes = r.bytes()?.to_vec();
    Arena::from_parts(offsets, bytes)
}

/// A map as its entries in slot order: the steps between their slots (small numbers), keys,
/// values (12 bytes and a little per entry; the whole table, a quarter to half of it free
/// slots, would be twice as many bytes to read).
#[cfg(feature = "cli")]
fn write_map(w: &mut Writer, m: &FlatMap) {
    let entries: Vec<(usize, u64, u32)> = m.entries().collect();
    w.u32s(&steps(&entries));
    w.u64s(&entries.iter().map(|e| e.1).collect::<Vec<_>>());
    w.u32s(&entries.iter().map(|e| e.2).collect::<Vec<_>>());
}

/// The steps between the slots of a map's entries (in slot order): small numbers, written
/// instead of the slots ([`Reader::sums`] reads them back).
#[cfg(feature = "cli")]
fn steps(entries: &[(usize, u64, u32)]) -> Vec<u32> {
    let mut prev = 0;
    entries
        .iter()
        .map(|&(i, _, _)| {
            let step = (i - prev) as u32;
            prev = i;
            step
        })
        .collect()
}

/// Reads [`write_map`]'s map: every value `ok`, each entry in a slot of its own.
fn read_map(r: &mut Reader, ok: impl Fn(u32) -> bool) -> Option<FlatMap> {
    let slots = r.sums(false)?;
    let keys = r.u64s()?;
    let values = r.u32s()?;
    if !values.iter().all(|&v| ok(v)) {
        return None;
    }
    FlatMap::from_entries(&slots, &keys, &values)
}

/// A word table's map from each pattern's key to the pattern (layout 3): as [`write_map`]
/// but without the keys that are their pattern's hash ([`word_key`]), which reading computes
/// (hashing ~200 KB of patterns costs less than reading 8 bytes per entry: ~170 KB of the
/// shipped file); only the keys a collision moved on are written, with their entries.
#[cfg(feature = "cli")]
fn write_word_map(w: &mut Writer, m: &FlatMap, patterns: &Arena) {
    let entries: Vec<(usize, u64, u32)> = m.entries().collect();
    w.u32s(&steps(&entries));
    w.u32s(&entries.iter().map(|e| e.2).collect::<Vec<_>>());
    let moved: Vec<(u32, u64)> = entries
        .iter()
        .enumerate()
        .filter(|(_, &(_, k, v))| k != word_key(patterns.get(v as usize)))
        .map(|(n, &(_, k, _))| (n as u32, k))
        .collect();
    w.u32s(&moved.iter().map(|m| m.0).collect::<Vec<_>>());
    w.u64s(&moved.iter().map(|m| m.1).collect::<Vec<_>>());
}

/// Reads [`write_word_map`]'s map: every value a pattern of `patterns`.
fn read_word_map(r: &mut Reader, patterns: &Arena) -> Option<FlatMap> {
    let slots = r.sums(false)?;
    let values = r.u32s()?;
    let moved_at = r.u32s()?;
    let moved_keys = r.u64s()?;
    let n = patterns.len();
    if !values.iter().all(|&v| (v as usize) < n) || moved_at.len() != moved_keys.len() {
        return None;
    }
    let mut keys: Vec<u64> = values
        .iter()
        .map(|&v| word_key(patterns.get(v as usize)))
        .collect();
    for (&i, &k) in moved_at.iter().zip(&moved_keys) {
        *keys.get_mut(i as usize)? = k;
    }
    FlatMap::from_entries(&slots, &keys, &values)
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;

    #[test]
    fn readers_stop_at_the_end_and_at_bad_values() {
        let mut w = Writer::default();
        w.u32s(&[1, 2, 3]);
        w.bools(&[true, false]);
        write_lists(&mut w, &Lists::from_lists(&[vec![1, 2], vec![], vec![0]]));
        let bytes = w.0.clone();
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        assert_eq!(r.u32s(), Some(vec![1, 2, 3]));
        assert_eq!(r.bools(), Some(vec![true, false]));
        assert_eq!(
            read_lists(&mut r, 3),
            Some(Lists::from_lists(&[vec![1, 2], vec![], vec![0]]))
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

    #[test]
    fn word_maps_compute_their_keys_and_keep_the_moved_ones() {
        let patterns = Arena::from_items(&["ab", "жк", "c"]);
        // pattern 2's key as if a collision had moved it on: written, not computed
        let pairs = [
            (word_key(b"ab"), 0),
            (word_key("жк".as_bytes()), 1),
            (12_345, 2),
        ];
        let m = FlatMap::from_pairs(&pairs);
        let mut w = Writer::default();
        write_word_map(&mut w, &m, &patterns);
        let bytes = w.0.clone();
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        assert_eq!(read_word_map(&mut r, &patterns).as_ref(), Some(&m));
        assert_eq!(r.at, bytes.len());
        for &(k, v) in &pairs {
            assert_eq!(m.get(k), Some(v));
        }
        // a value past the patterns is refused
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        assert_eq!(read_word_map(&mut r, &Arena::from_items(&["ab"])), None);
        // every truncation fails cleanly
        for cut in 0..bytes.len() {
            let mut r = Reader {
                bytes: &bytes[..cut],
                at: 0,
            };
            assert_eq!(read_word_map(&mut r, &patterns), None, "cut at {cut}");
        }
    }
}

// ---------------------------------------------------------------- the engine's parts, in order

use crate::engine::{BundleInfo, PhraseTexts, QuotingRule, ReachRule};
use crate::flat::{Arena, FlatMap, Lists};
use crate::key_table::{KeyTable, KeyTables};
use crate::matcher::{Matcher, PhraseTable, PhraseWord, Piece, ANY_NUMBER};
use crate::scoring::{CombinationModel, FamilyModel, Model, SignalModel};
use crate::support::{RegionHints, SupportEntry};
use crate::verdict::{Category, Level};
use crate::word_table::{word_key, WordTable, PREFIX_ONLY};
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
    combinations: Vec<CombinationRow>,
    thresholds: [f64; 4],
    quoting: Option<(usize, f64, usize)>,
    /// `[quoting]`'s `unless` families (absent in tables of engines without it).
    #[serde(default)]
    quoting_unless: Vec<usize>,
    /// `[reach]`: families, min_words, far_power (absent in tables of engines without it).
    #[serde(default)]
    reach: Option<(Vec<usize>, usize, f64)>,
    /// The distinct negation lists (one per bundle), and each signal's list.
    negation_lists: Vec<Vec<String>>,
    negations: Vec<usize>,
    support: Vec<SupportEntry>,
    region_hints: RegionHints,
}

impl Engine {
    #[cfg(feature = "cli")]
    pub(crate) fn write_tables(&self, w: &mut Writer) {
        let m = &self.model;
        // signals of one bundle share their list (one `Arc`)
        let mut negation_lists: Vec<Vec<String>> = Vec::new();
        let mut negations = Vec::with_capacity(self.negations.len());
        for n in &self.negations {
            let k = match negation_lists.iter().position(|l| l[..] == n[..]) {
                Some(k) => k,
                None => {
                    negation_lists.push(n.to_vec());
                    negation_lists.len() - 1
                }
            };
            negations.push(k);
        }
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
            quoting_unless: self
                .quoting
                .as_ref()
                .map_or(Vec::new(), |q| q.unless.clone()),
            reach: self
                .reach
                .as_ref()
                .map(|r| (r.families.clone(), r.min_words, r.far_power)),
            negation_lists,
            negations,
            support: self.support.clone(),
            region_hints: self.region_hints.clone(),
        };
        w.json(&small);
        // the signals (1,200: two thirds of what the JSON part was) as arrays (layout 6)
        let ids: Vec<&str> = m.signals.iter().map(|s| s.id.as_str()).collect();
        write_arena(w, &Arena::from_items(&ids));
        w.u32s(
            &m.signals
                .iter()
                .map(|s| s.family as u32)
                .collect::<Vec<_>>(),
        );
        w.u64s(
            &m.signals
                .iter()
                .map(|s| s.weight.to_bits())
                .collect::<Vec<_>>(),
        );
        w.bytes(
            &m.signals
                .iter()
                .map(|s| s.floor.map_or(0, |l| l as u8 + 1))
                .collect::<Vec<_>>(),
        );
        // how many phrases each signal has; not the phrases as written (~410 KB): only
        // `explain` shows them, and `redflag explain` builds its engine from the rules
        w.offsets(&self.phrases.first);
        // which of them must begin a sentence (`^`): the texts are not here to tell
        w.u32s(&self.phrases.anchored);
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
        let ids = read_arena(r)?;
        let family = r.u32s()?;
        let weight = r.u64s()?;
        let floor = r.bytes()?;
        let ns = ids.len();
        if family.len() != ns || weight.len() != ns || floor.len() != ns {
            return None;
        }
        let signals: Vec<SignalModel> = (0..ns)
            .map(|i| {
                let id = std::str::from_utf8(ids.get(i)).ok()?.to_string();
                let family = family[i] as usize;
                let floor = match floor[i] {
                    0 => None,
                    l => Some(*Level::ALL.get(l as usize - 1)?),
                };
                (family < nf).then_some(SignalModel {
                    id,
                    family,
                    weight: f64::from_bits(weight[i]),
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
        let first = r.offsets()?;
        let anchored = r.u32s()?;
        // (each phrase is checked as UTF-8 when `explain` shows it: `Arena::str`)
        let phrases = PhraseTexts {
            first,
            texts: Arena::default(),
            anchored,
        };
        if phrases.signals() != ns
            || phrases.first.first() != Some(&0)
            || phrases.first.windows(2).any(|w| w[0] > w[1])
            || phrases.anchored.windows(2).any(|w| w[0] >= w[1])
            || phrases
                .anchored
                .last()
                .is_some_and(|&a| a as usize >= phrases.total())
        {
            return None;
        }
        let quoting = match small.quoting {
            Some((signal, min_share, min_words_outside))
                if signal < ns && small.quoting_unless.iter().all(|&f| f < nf) =>
            {
                Some(QuotingRule {
                    signal,
                    min_share,
                    min_words_outside,
                    unless: small.quoting_unless,
                })
            }
            Some(_) => return None,
            None => None,
        };
        let reach = match small.reach {
            Some((families, min_words, far_power)) if families.iter().all(|&f| f < nf) => {
                Some(ReachRule {
                    families,
                    min_words,
                    far_power,
                })
            }
            Some(_) => return None,
            None => None,
        };
        let lists: Vec<Arc<[String]>> = small.negation_lists.into_iter().map(Arc::from).collect();
        let negations = small
            .negations
            .iter()
            .map(|&k| lists.get(k).cloned())
            .collect::<Option<Vec<_>>>()?;
        if negations.len() != ns {
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
            negations,
            quoting,
            reach,
            phrases,
            support: small.support,
            region_hints: small.region_hints.checked(ns)?,
            prebuilt: None,
        })
    }
}

#[cfg(feature = "cli")]
fn write_word_table(w: &mut Writer, t: &WordTable) {
    write_arena(w, &t.patterns);
    write_word_map(w, &t.words, &t.patterns);
    write_map(w, &t.prefixes);
    w.u64(t.stem_min as u64);
    w.u64(t.stem_max as u64);
}

fn read_word_table(r: &mut Reader) -> Option<WordTable> {
    // (patterns need not be UTF-8 to be compared with a word's bytes; the vocabulary made
    // of them for glued words and typos is read lossily)
    let patterns = read_arena(r)?;
    let n = patterns.len();
    let words = read_word_map(r, &patterns)?;
    let prefixes = read_map(r, |v| (v as usize) < n || v == PREFIX_ONLY)?;
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
    // each pattern's classes, `class << 2 | flags`, less the first class's `n << 2` (layout 6:
    // two bytes each instead of four)
    let n = m.table.patterns.len() as u32;
    let (offsets, items) = m.member_of.parts();
    w.offsets(offsets);
    w.u32s(&items.iter().map(|&c| c - (n << 2)).collect::<Vec<_>>());
    write_lists(w, &m.single);
    write_lists(w, &m.loose);
    write_map(w, &m.by_pair);
    write_lists(w, &m.pair_lists);
    let p = &m.phrases;
    // (where each phrase's words end: as offsets with the leading 0)
    w.offsets(&[&[0], &p.ends[..]].concat());
    w.u32s(&p.words.iter().map(|x| x.pattern).collect::<Vec<_>>());
    // each word's gap (at most `MAX_GAP`) and, in the high bit, whether it is a stem (layout 6)
    w.bytes(
        &p.words
            .iter()
            .map(|x| {
                assert!(x.gap <= crate::phrase::MAX_GAP);
                x.gap | u8::from(x.stem) << 7
            })
            .collect::<Vec<_>>(),
    );
    w.u32s(&p.signal);
    w.u32s(&p.source);
    w.bools(&p.derived);
    w.bytes(&p.piece);
}

/// The matcher, with every index checked: pattern ids below the number of patterns (and
/// classes), phrase ids below the number of phrases, a phrase's signal and source within
/// `written` (the phrases as written, per signal), at least two words in every phrase found
/// by its first two words or with a gap after its first.
fn read_matcher(r: &mut Reader, written: &PhraseTexts) -> Option<Matcher> {
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
    let member_of = {
        let offsets = r.offsets()?;
        let base = n.checked_mul(4)?;
        let items = r
            .u32s()?
            .into_iter()
            .map(|c| c.checked_add(base))
            .collect::<Option<Vec<u32>>>()?;
        Lists::from_parts(offsets, items, u32::MAX)?
    };
    let single = read_lists(r, u32::MAX)?;
    let loose_by_first = read_lists(r, u32::MAX)?;
    let by_pair = read_map(r, |_| true)?;
    let pair_lists = read_lists(r, u32::MAX)?;
    // (where each phrase's words end: the offsets without their leading 0)
    let ends = r.sums(false)?;
    let patterns = r.u32s()?;
    let gaps = r.bytes()?;
    let signal = r.u32s()?;
    let source = r.u32s()?;
    let derived = r.bools()?;
    let piece = r.bytes()?.to_vec();
    let np = ends.len();
    if patterns.len() != gaps.len()
        || signal.len() != np
        || source.len() != np
        || derived.len() != np
        || piece.len() != np
        || !piece.iter().all(|&b| Piece::valid(b))
        || ends.last().map_or(0, |&e| e as usize) != patterns.len()
    {
        return None;
    }
    // every phrase has words, and where they start and end is in order
    if ends
        .iter()
        .scan(0, |prev, &e| {
            let ok = e > *prev;
            *prev = e;
            Some(ok)
        })
        .any(|ok| !ok)
    {
        return None;
    }
    let words: Vec<PhraseWord> = patterns
        .iter()
        .zip(gaps)
        .map(|(&pattern, &g)| PhraseWord {
            pattern,
            stem: g >> 7 == 1,
            gap: g & 0x7F,
        })
        .collect();
    let phrases = PhraseTable {
        ends,
        words,
        signal,
        source,
        derived,
        piece,
    };
    // patterns and classes
    let all = single.len() as u32;
    let np = np as u32;
    let long = |pi: u32| {
        let start = if pi == 0 {
            0
        } else {
            phrases.ends[pi as usize - 1]
        };
        phrases.ends[pi as usize] - start >= 2
    };
    let ok = stem.len() == n as usize
        && exact.len() == n as usize
        && member_of.len() == n as usize
        && all >= n
        && loose_by_first.len() == all as usize
        && member_of
            .items()
            .iter()
            .all(|&c| c >> 2 >= n && c >> 2 < all)
        && by_pair
            .entries()
            .all(|(_, _, l)| (l as usize) < pair_lists.len())
        && single
            .items()
            .iter()
            .chain(loose_by_first.items())
            .chain(pair_lists.items())
            .all(|&p| p < np)
        && loose_by_first.items().iter().all(|&p| long(p))
        && pair_lists.items().iter().all(|&p| long(p))
        && phrases
            .words
            .iter()
            .all(|w| w.pattern < all || w.pattern == ANY_NUMBER)
        && (0..phrases.len()).all(|i| {
            let start = if i == 0 { 0 } else { phrases.ends[i - 1] };
            phrases.words[start as usize].pattern != ANY_NUMBER
                && (phrases.source[i] as usize) < written.count(phrases.signal[i] as usize)
        });
    if !ok {
        return None;
    }
    let placeholders = crate::matcher::placeholder_patterns(&table);
    Some(Matcher {
        id: crate::matcher::next_id(),
        table,
        keys: KeyTables { strict, loose },
        stem,
        exact,
        vocabulary: OnceLock::new(),
        segmenter: OnceLock::new(),
        typos: OnceLock::new(),
        member_of,
        single,
        by_pair,
        pair_lists,
        loose: loose_by_first,
        phrases,
        placeholders,
    })
}
