//! Rule bundles: the data a contributor writes (phrases in families, combinations,
//! thresholds, examples), the compiled JSON document the engine loads, and the checks that run
//! before anything is built.
//!
//! The same structures serve the TOML a volunteer edits (see `src/authoring.rs`) and the
//! JSON the extension ships and imports, so there is one schema. The compiled document states
//! its format version; the engine refuses versions it does not know instead of guessing.
//! Validation collects every problem with its file, line and field, and a set with any error
//! is rejected whole: nothing half-loads.

use crate::error::{Error, Location, Problem, Severity};
use crate::phrase;
use crate::support::{self, Status, SupportEntry};
use crate::verdict::{Category, Level};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The version of the compiled JSON document this engine writes. Version 2 added word classes
/// (`classes`, `@name` in phrases), `[negation]` and `[quoting]`; a version-1 document is a
/// version-2 document without them, so both are read (docs/BUNDLE_FORMAT.md, "Format
/// versions").
pub const FORMAT_VERSION: u32 = 2;

/// The oldest compiled-document version this engine still reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// The header every bundle starts with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub id: String,
    pub title: String,
    pub version: String,
    #[serde(default)]
    pub languages: Vec<String>,
    pub licence: String,
    #[serde(default)]
    pub homepage: String,
    pub maintainer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Thresholds of the levels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub caution: f64,
    pub warning: f64,
    pub danger: f64,
    #[serde(default = "default_min_dampening")]
    pub min_dampening: f64,
}

fn default_min_dampening() -> f64 {
    0.25
}

/// How posts that quote risk signs while reporting on them are recognised (core bundle): when
/// at least `min_share` of the risk-sign matches stand inside quotation marks and at least
/// `min_words_outside` words stand outside them, the lowering family `family` applies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quoting {
    pub family: String,
    pub min_share: f64,
    pub min_words_outside: u32,
}

/// Words that negate the phrase right after them («не интим», "no sex"): a risk-sign match
/// right after one does not count, unless the phrase itself begins with a negation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Negation {
    pub words: Vec<String>,
}

/// A family of signals. Raising families have a `weight`; lowering ones (dampeners) a `factor`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    #[serde(default)]
    pub categories: Vec<Category>,
    /// For a family that lowers the score: raising families whose floors it does not lower
    /// (a sports club does not make a request for a girl's nudes safe).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keeps_floors_of: Vec<String>,
}

impl Family {
    /// Whether this family lowers the score.
    pub fn lowers(&self) -> bool {
        self.factor.is_some()
    }
}

/// Points added when families appear together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combination {
    pub id: String,
    #[serde(default)]
    pub all: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub add: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Level>,
}

/// A named list of phrases in one family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    pub id: String,
    pub family: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub phrases: Vec<String>,
}

/// A regression example checked by `redflag test`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Example {
    /// Whether `level` satisfies this example's expectation.
    pub fn accepts(&self, level: Level) -> bool {
        self.expect.is_none_or(|e| e == level)
            && self.at_least.is_none_or(|l| level >= l)
            && self.at_most.is_none_or(|l| level <= l)
    }

    /// The expectation in words: `danger`, `≥ warning`, `≤ caution`.
    pub fn expectation(&self) -> String {
        let mut parts = Vec::new();
        if let Some(e) = self.expect {
            parts.push(e.to_string());
        }
        if let Some(l) = self.at_least {
            parts.push(format!(">= {l}"));
        }
        if let Some(l) = self.at_most {
            parts.push(format!("<= {l}"));
        }
        parts.join(", ")
    }
}

/// One bundle, as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub bundle: Header,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Scoring>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoting: Option<Quoting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation: Option<Negation>,
    #[serde(default, rename = "family", skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<Family>,
    #[serde(default, rename = "combination", skip_serializing_if = "Vec::is_empty")]
    pub combinations: Vec<Combination>,
    /// Word classes: named lists of words and stems that phrases of this bundle use as
    /// `@name` (hiring verbs, words for girls, destinations abroad…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub classes: BTreeMap<String, Vec<String>>,
    #[serde(default, rename = "signal", skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Signal>,
    #[serde(default, rename = "example", skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// Where a bundle or support file came from, to point errors at it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Origin {
    /// The file name (or a name given to an imported document).
    pub file: String,
    /// The TOML source, when the bundle was authored as TOML: used to find line numbers.
    pub source: Option<String>,
}

impl Origin {
    pub fn named(file: &str) -> Origin {
        Origin {
            file: file.to_string(),
            source: None,
        }
    }

    /// The line of a phrase inside the `index`-th `[[signal]]`, found by its quoted text.
    pub fn line_of_phrase(&self, index: usize, phrase: &str) -> Option<usize> {
        let start = self.line_of("signal", Some(index), None)?;
        self.line_of_quoted(start, phrase)
    }

    /// The line of a member of the word class `class` (in `[classes]`), found by its quoted
    /// text.
    pub fn line_of_member(&self, class: &str, member: &str) -> Option<usize> {
        let start = self.line_of("classes", None, Some(class))?;
        self.line_of_quoted(start - 1, member)
    }

    /// The line of `"text"` inside the table `[table]`.
    pub fn line_of_quoted_in(&self, table: &str, text: &str) -> Option<usize> {
        let start = self.line_of(table, None, None)?;
        self.line_of_quoted(start - 1, text)
    }

    /// The first line from line `start` (0-based) up to the next table that holds `"text"`.
    fn line_of_quoted(&self, start: usize, text: &str) -> Option<usize> {
        let src = self.source.as_ref()?;
        let quoted = format!("\"{text}\"");
        src.lines()
            .enumerate()
            .skip(start)
            .take_while(|(n, l)| *n == start || !l.trim_start().starts_with('['))
            .find(|(_, l)| l.contains(&quoted))
            .map(|(n, _)| n + 1)
    }

    /// The line of `field` inside the `index`-th `[[table]]` (or `[table]` when `index` is
    /// `None`) of the TOML source, or of the table header when the field is absent.
    pub fn line_of(&self, table: &str, index: Option<usize>, field: Option<&str>) -> Option<usize> {
        let src = self.source.as_ref()?;
        let header = match index {
            Some(_) => format!("[[{table}]]"),
            None => format!("[{table}]"),
        };
        let wanted = index.unwrap_or(0);
        let mut seen = 0usize;
        let mut in_table = false;
        let mut header_line = None;
        for (n, line) in src.lines().enumerate() {
            let t = line.trim();
            if t.starts_with('[') {
                if in_table {
                    break;
                }
                if t == header {
                    if seen == wanted {
                        in_table = true;
                        header_line = Some(n + 1);
                    }
                    seen += 1;
                }
                continue;
            }
            if in_table {
                if let Some(f) = field {
                    let key = t.split('=').next().unwrap_or("").trim();
                    if key == f {
                        return Some(n + 1);
                    }
                }
            }
        }
        header_line
    }
}

/// A bundle with its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcedBundle {
    pub bundle: Bundle,
    pub origin: Origin,
}

/// A support entry with its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcedEntry {
    pub entry: SupportEntry,
    pub origin: Origin,
    /// Index of the `[[service]]` table in its file.
    pub index: usize,
}

impl SourcedEntry {
    /// The entries of one file (or document), numbered in order, all from `origin`.
    pub fn all_from(entries: Vec<SupportEntry>, origin: &Origin) -> Vec<SourcedEntry> {
        entries
            .into_iter()
            .enumerate()
            .map(|(index, entry)| SourcedEntry {
                entry,
                origin: origin.clone(),
                index,
            })
            .collect()
    }
}

/// Everything an engine is built from: bundles and the support directory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BundleSet {
    pub bundles: Vec<SourcedBundle>,
    pub support: Vec<SourcedEntry>,
    /// Language code → the region whose services fit it (each language folder's
    /// `default_region`): when the person has not chosen a region, the language of the
    /// phrases that matched suggests one.
    pub language_regions: BTreeMap<String, String>,
}

/// The compiled JSON document: what the extension ships and what a person imports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: u32,
    #[serde(default)]
    pub bundles: Vec<Bundle>,
    #[serde(default)]
    pub support: Vec<SupportEntry>,
    /// Language code → region (`{"sr": "RS"}`), from the language folders' `default_region`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub language_regions: BTreeMap<String, String>,
}

impl Document {
    /// Parses a compiled document, refusing unknown format versions with advice.
    pub fn from_json(name: &str, json: &str) -> Result<Document, Error> {
        if json.len() > limits::MAX_DOCUMENT_BYTES {
            return Err(Error::single(
                name,
                None,
                None,
                format!(
                    "the bundle file is {} bytes; at most {} are allowed",
                    json.len(),
                    limits::MAX_DOCUMENT_BYTES
                ),
            ));
        }
        if !json.trim_start().starts_with('{') {
            return Err(Error::single(
                name,
                Some(1),
                None,
                "not a redflag bundle document (it must be a JSON object: {\"format\": 2, …})"
                    .into(),
            ));
        }
        #[derive(Deserialize)]
        struct Probe {
            format: Option<serde_json::Value>,
        }
        let probe: Probe = serde_json::from_str(json).map_err(|e| {
            Error::single(
                name,
                Some(e.line()),
                None,
                format!("not a redflag bundle document (invalid JSON: {e})"),
            )
        })?;
        match probe.format.as_ref().and_then(|v| v.as_u64()) {
            Some(v) if (OLDEST_FORMAT_VERSION as u64..=FORMAT_VERSION as u64).contains(&v) => {}
            Some(v) if v > FORMAT_VERSION as u64 => {
                return Err(Error::single(
                    name,
                    None,
                    Some("format".into()),
                    format!(
                        "bundle format {v} is newer than this version of redflag understands \
                         ({FORMAT_VERSION}); update redflag (or the extension) to use this bundle"
                    ),
                ))
            }
            _ => {
                return Err(Error::single(
                    name,
                    None,
                    Some("format".into()),
                    format!(
                        "missing or unknown bundle format (expected {FORMAT_VERSION}); \
                         compile bundles with `redflag compile`"
                    ),
                ))
            }
        }
        serde_json::from_str(json).map_err(|e| {
            Error::single(
                name,
                Some(e.line()),
                None,
                format!("invalid bundle document: {e}"),
            )
        })
    }

    /// Turns the document into a set whose errors point at `name`.
    pub fn into_set(self, name: &str) -> BundleSet {
        let origin = Origin::named(name);
        BundleSet {
            bundles: self
                .bundles
                .into_iter()
                .map(|bundle| SourcedBundle {
                    bundle,
                    origin: origin.clone(),
                })
                .collect(),
            support: SourcedEntry::all_from(self.support, &origin),
            language_regions: self.language_regions,
        }
    }
}

impl BundleSet {
    /// Adds another set after this one (later bundles may not redefine ids).
    pub fn extend(&mut self, other: BundleSet) {
        self.bundles.extend(other.bundles);
        self.support.extend(other.support);
        // a later document (an NGO's, an import) may point a language at another region
        self.language_regions.extend(other.language_regions);
    }

    /// Whether some bundle defines the scoring model.
    pub fn has_scoring(&self) -> bool {
        self.bundles.iter().any(|b| b.bundle.scoring.is_some())
    }

    /// The compiled document for this set.
    pub fn to_document(&self) -> Document {
        Document {
            format: FORMAT_VERSION,
            bundles: self.bundles.iter().map(|b| b.bundle.clone()).collect(),
            support: self.support.iter().map(|s| s.entry.clone()).collect(),
            language_regions: self.language_regions.clone(),
        }
    }

    /// Every problem in the set: errors (which stop loading) and warnings (for lint).
    pub fn check(&self) -> Vec<Problem> {
        let mut c = Checker {
            problems: Vec::new(),
            lint: true,
        };
        c.run(self);
        c.problems
    }

    /// `Ok` when the set has no errors.
    pub fn validate(&self) -> Result<(), Error> {
        // Only errors matter here: skip the lint-only work (duplicate search), which costs
        // start-up time in the extension's service worker.
        let mut c = Checker {
            problems: Vec::new(),
            lint: false,
        };
        c.run(self);
        let problems: Vec<Problem> = c
            .problems
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error { problems })
        }
    }
}

/// Upper bounds that keep a malicious or broken bundle from exhausting memory.
pub mod limits {
    /// A compiled document (the default bundles compile to well under 1 MiB).
    pub const MAX_DOCUMENT_BYTES: usize = 8 << 20;
    pub const MAX_PHRASE_CHARS: usize = 200;
    pub const MAX_PHRASES: usize = 50_000;
    pub const MAX_SUPPORT_ENTRIES: usize = 1_000;
    pub const MIN_STEM_CHARS: usize = 3;
    /// Above this many phrases a bundle is probably listing variants that stems (`*`) and gaps
    /// (`~`) would cover; every phrase costs start-up time and download size in the extension.
    pub const PHRASES_PER_BUNDLE_ADVICE: usize = 2500;
}

struct Checker {
    problems: Vec<Problem>,
    /// Also collect warnings that cost time (duplicates): `redflag lint`.
    lint: bool,
}

impl Checker {
    fn push(
        &mut self,
        severity: Severity,
        origin: &Origin,
        line: Option<usize>,
        field: String,
        message: String,
    ) {
        self.problems.push(Problem {
            severity,
            location: Location {
                file: origin.file.clone(),
                line,
                field: Some(field),
            },
            message,
        });
    }

    fn run(&mut self, set: &BundleSet) {
        let ids_ok = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
        };
        // Families, across all bundles.
        let mut families: HashMap<&str, &Family> = HashMap::new();
        let mut bundle_ids: HashSet<&str> = HashSet::new();
        let mut scoring_in: Option<&str> = None;
        for sb in &set.bundles {
            let (b, o) = (&sb.bundle, &sb.origin);
            let h = &b.bundle;
            let hl = |f: &str| o.line_of("bundle", None, Some(f));
            if !ids_ok(&h.id) {
                self.push(
                    Severity::Error,
                    o,
                    hl("id"),
                    "bundle.id".into(),
                    format!(
                        "\"{}\": use lowercase letters, digits, '-', '_' or '.'",
                        h.id
                    ),
                );
            }
            if !bundle_ids.insert(&h.id) {
                self.push(
                    Severity::Error,
                    o,
                    hl("id"),
                    "bundle.id".into(),
                    format!("bundle \"{}\" is loaded twice", h.id),
                );
            }
            for (field, value) in [
                ("title", &h.title),
                ("version", &h.version),
                ("licence", &h.licence),
                ("maintainer", &h.maintainer),
            ] {
                if value.trim().is_empty() {
                    self.push(
                        Severity::Error,
                        o,
                        hl(field),
                        format!("bundle.{field}"),
                        "must not be empty".into(),
                    );
                }
            }
            for lang in &h.languages {
                let ok =
                    (2..=3).contains(&lang.len()) && lang.bytes().all(|c| c.is_ascii_lowercase());
                if !ok {
                    self.push(
                        Severity::Error,
                        o,
                        hl("languages"),
                        "bundle.languages".into(),
                        format!("\"{lang}\" is not an ISO 639 language code (like \"ru\", \"sr\")"),
                    );
                }
            }
            if let Some(s) = &b.scoring {
                let sl = |f: &str| o.line_of("scoring", None, Some(f));
                if let Some(other) = scoring_in {
                    self.push(Severity::Error, o, sl("caution"), "scoring".into(),
                        format!("the scoring model is already defined by bundle \"{other}\"; only one bundle may define it"));
                }
                scoring_in = Some(&h.id);
                let finite = [s.caution, s.warning, s.danger, s.min_dampening]
                    .iter()
                    .all(|v| v.is_finite());
                if !finite || !(0.0 < s.caution && s.caution < s.warning && s.warning < s.danger) {
                    self.push(
                        Severity::Error,
                        o,
                        sl("caution"),
                        "scoring".into(),
                        "thresholds must be positive numbers with caution < warning < danger"
                            .into(),
                    );
                }
                if !(s.min_dampening > 0.0 && s.min_dampening <= 1.0) {
                    self.push(
                        Severity::Error,
                        o,
                        sl("min_dampening"),
                        "scoring.min_dampening".into(),
                        "must be greater than 0 and at most 1".into(),
                    );
                }
            }
            for (i, f) in b.families.iter().enumerate() {
                let fl = |field: &str| o.line_of("family", Some(i), Some(field));
                let path = |field: &str| format!("family[{i}] \"{}\".{field}", f.id);
                if !ids_ok(&f.id) {
                    self.push(
                        Severity::Error,
                        o,
                        fl("id"),
                        path("id"),
                        "use lowercase letters, digits, '-', '_' or '.'".into(),
                    );
                }
                if families.insert(&f.id, f).is_some() {
                    self.push(
                        Severity::Error,
                        o,
                        fl("id"),
                        path("id"),
                        format!("family \"{}\" is defined twice", f.id),
                    );
                }
                match (f.weight, f.factor) {
                    (Some(w), None) if !(w.is_finite() && w >= 0.0) => self.push(
                        Severity::Error,
                        o,
                        fl("weight"),
                        path("weight"),
                        "must be a number ≥ 0".into(),
                    ),
                    (None, Some(x)) if !(x > 0.0 && x <= 1.0) => self.push(
                        Severity::Error,
                        o,
                        fl("factor"),
                        path("factor"),
                        "must be greater than 0 and at most 1".into(),
                    ),
                    (Some(_), None) if !f.keeps_floors_of.is_empty() => self.push(
                        Severity::Error,
                        o,
                        fl("keeps_floors_of"),
                        path("keeps_floors_of"),
                        "only a family that lowers the score (factor) takes keeps_floors_of".into(),
                    ),
                    (None, Some(_)) if !f.categories.is_empty() => self.push(
                        Severity::Error,
                        o,
                        fl("categories"),
                        path("categories"),
                        "a family that lowers the score (factor) has no categories".into(),
                    ),
                    (Some(_), None) | (None, Some(_)) => {}
                    _ => self.push(
                        Severity::Error,
                        o,
                        fl("id"),
                        path("weight"),
                        "give exactly one of `weight` (raises the score) or `factor` (lowers it)"
                            .into(),
                    ),
                }
            }
        }
        let mut quoting_in: Option<&str> = None;
        for sb in &set.bundles {
            let (b, o) = (&sb.bundle, &sb.origin);
            for (i, f) in b.families.iter().enumerate() {
                for kept in &f.keeps_floors_of {
                    if !families.get(kept.as_str()).is_some_and(|k| !k.lowers()) {
                        self.push(
                            Severity::Error,
                            o,
                            o.line_of("family", Some(i), Some("keeps_floors_of")),
                            format!("family[{i}] \"{}\".keeps_floors_of", f.id),
                            format!("\"{kept}\" is not a family that raises the score"),
                        );
                    }
                }
            }
            if let Some(q) = &b.quoting {
                let ql = |f: &str| o.line_of("quoting", None, Some(f));
                if let Some(other) = quoting_in.replace(&b.bundle.id) {
                    self.push(
                        Severity::Error,
                        o,
                        ql("family"),
                        "quoting".into(),
                        format!("[quoting] is already defined by bundle \"{other}\"; only one bundle may define it"),
                    );
                }
                match families.get(q.family.as_str()) {
                    Some(f) if f.lowers() => {}
                    _ => self.push(
                        Severity::Error,
                        o,
                        ql("family"),
                        "quoting.family".into(),
                        format!(
                            "\"{}\" must be a family that lowers the score (with a factor)",
                            q.family
                        ),
                    ),
                }
                if !(q.min_share > 0.0 && q.min_share <= 1.0) {
                    self.push(
                        Severity::Error,
                        o,
                        ql("min_share"),
                        "quoting.min_share".into(),
                        "must be greater than 0 and at most 1".into(),
                    );
                }
            }
            if let Some(n) = &b.negation {
                for w in &n.words {
                    let ok =
                        phrase::parse(w).is_ok_and(|p| p.len() == 1 && !p[0].stem && !p[0].class);
                    if !ok {
                        self.push(
                            Severity::Error,
                            o,
                            o.line_of_quoted_in("negation", w),
                            "negation.words".into(),
                            format!("\"{w}\": a negation is one word (no `*`, `~`, `#` or `@`)"),
                        );
                    }
                }
            }
        }
        if scoring_in.is_none() {
            let o = set
                .bundles
                .first()
                .map(|b| b.origin.clone())
                .unwrap_or_default();
            let message = if set.bundles.is_empty() {
                "no bundles: nothing to classify with".to_string()
            } else {
                "no bundle defines [scoring]; load the core bundle (rules/core.toml) too"
                    .to_string()
            };
            self.push(Severity::Error, &o, None, "scoring".into(), message);
        }

        // Combinations, signals and examples need the families.
        let mut combo_ids: HashSet<&str> = HashSet::new();
        let mut signal_ids: HashSet<&str> = HashSet::new();
        let mut phrase_count = 0usize;
        for sb in &set.bundles {
            let (b, o) = (&sb.bundle, &sb.origin);
            for (i, c) in b.combinations.iter().enumerate() {
                let cl = |field: &str| o.line_of("combination", Some(i), Some(field));
                let path = |field: &str| format!("combination[{i}] \"{}\".{field}", c.id);
                if !combo_ids.insert(&c.id) {
                    self.push(
                        Severity::Error,
                        o,
                        cl("id"),
                        path("id"),
                        format!("combination \"{}\" is defined twice", c.id),
                    );
                }
                if c.all.is_empty() {
                    self.push(
                        Severity::Error,
                        o,
                        cl("all"),
                        path("all"),
                        "list at least one family in `all`".into(),
                    );
                }
                for (field, list) in [("all", &c.all), ("any", &c.any)] {
                    for fam in list {
                        match families.get(fam.as_str()) {
                            None => self.push(Severity::Error, o, cl(field), path(field), format!("unknown family \"{fam}\"")),
                            Some(f) if f.lowers() => self.push(Severity::Error, o, cl(field), path(field),
                                format!("\"{fam}\" lowers the score; combinations only take families that raise it")),
                            _ => {}
                        }
                    }
                }
                if !(c.add.is_finite() && c.add >= 0.0) {
                    self.push(
                        Severity::Error,
                        o,
                        cl("add"),
                        path("add"),
                        "must be a number ≥ 0".into(),
                    );
                }
            }
            let mut classes_used: HashSet<&str> = HashSet::new();
            self.check_classes(b, o);
            let mut seen_phrases: HashMap<Vec<phrase::Word>, &str> = HashMap::new();
            for (i, s) in b.signals.iter().enumerate() {
                let sl = |field: &str| o.line_of("signal", Some(i), Some(field));
                let path = |field: &str| format!("signal[{i}] \"{}\".{field}", s.id);
                if !ids_ok(&s.id) {
                    self.push(
                        Severity::Error,
                        o,
                        sl("id"),
                        path("id"),
                        "use lowercase letters, digits, '-', '_' or '.'".into(),
                    );
                }
                if !signal_ids.insert(&s.id) {
                    self.push(
                        Severity::Error,
                        o,
                        sl("id"),
                        path("id"),
                        format!("signal \"{}\" is defined twice", s.id),
                    );
                }
                match families.get(s.family.as_str()) {
                    None => self.push(
                        Severity::Error,
                        o,
                        sl("family"),
                        path("family"),
                        format!(
                            "unknown family \"{}\"; families are defined in core.toml",
                            s.family
                        ),
                    ),
                    Some(f) if f.lowers() && (s.weight.is_some() || s.floor.is_some()) => self
                        .push(
                            Severity::Error,
                            o,
                            sl("family"),
                            path("weight"),
                            format!(
                                "\"{}\" lowers the score; its signals take no weight or floor",
                                s.family
                            ),
                        ),
                    _ => {}
                }
                if let Some(w) = s.weight {
                    if !(w.is_finite() && w >= 0.0) {
                        self.push(
                            Severity::Error,
                            o,
                            sl("weight"),
                            path("weight"),
                            "must be a number ≥ 0".into(),
                        );
                    }
                }
                if s.phrases.is_empty() {
                    self.push(
                        Severity::Error,
                        o,
                        sl("phrases"),
                        path("phrases"),
                        "list at least one phrase".into(),
                    );
                }
                phrase_count += s.phrases.len();
                for p in &s.phrases {
                    let pl = || o.line_of_phrase(i, p).or_else(|| sl("phrases"));
                    if p.chars().count() > limits::MAX_PHRASE_CHARS {
                        self.push(
                            Severity::Error,
                            o,
                            pl(),
                            path("phrases"),
                            format!("phrase longer than {} characters", limits::MAX_PHRASE_CHARS),
                        );
                        continue;
                    }
                    match phrase::parse(p) {
                        Err(e) => self.push(Severity::Error, o, pl(), path("phrases"), e),
                        Ok(words) => {
                            for w in words.iter().filter(|w| w.class) {
                                match b.classes.get_key_value(w.text.as_str()) {
                                    Some((name, _)) => {
                                        classes_used.insert(name);
                                    }
                                    None => self.push(
                                        Severity::Error,
                                        o,
                                        pl(),
                                        path("phrases"),
                                        format!(
                                            "\"{p}\" uses the word class @{}, which this bundle does \
                                             not define in [classes]",
                                            w.text
                                        ),
                                    ),
                                }
                            }
                            for w in &words {
                                if w.stem && w.text.chars().count() < limits::MIN_STEM_CHARS {
                                    self.push(Severity::Warning, o, pl(), path("phrases"),
                                        format!("stem \"{}*\" in \"{p}\" is shorter than {} letters and will match many words", w.text, limits::MIN_STEM_CHARS));
                                }
                            }
                            if !self.lint {
                                continue;
                            }
                            if let Some(prev) = seen_phrases.insert(words, &s.id) {
                                self.push(Severity::Warning, o, pl(), path("phrases"),
                                    format!("\"{p}\" is the same phrase (after normalization) as one in signal \"{prev}\""));
                            }
                        }
                    }
                }
            }
            for name in b.classes.keys() {
                if !classes_used.contains(name.as_str()) {
                    self.push(
                        Severity::Warning,
                        o,
                        o.line_of("classes", None, Some(name)),
                        format!("classes.{name}"),
                        format!("the word class @{name} is not used by any phrase of this bundle"),
                    );
                }
            }
            let in_bundle: usize = b.signals.iter().map(|s| s.phrases.len()).sum();
            if in_bundle > limits::PHRASES_PER_BUNDLE_ADVICE {
                self.push(
                    Severity::Warning,
                    o,
                    o.line_of("bundle", None, Some("id")),
                    format!("bundle \"{}\"", b.bundle.id),
                    format!(
                        "{in_bundle} phrases (advice: at most {}): do not enumerate word forms or \
                         fillers; write stems (`девуш*`) and gaps (`keep ~ passport`) so one phrase \
                         covers them; every phrase costs start-up time and download size",
                        limits::PHRASES_PER_BUNDLE_ADVICE
                    ),
                );
            }
            for (i, e) in b.examples.iter().enumerate() {
                let el = |field: &str| o.line_of("example", Some(i), Some(field));
                let n = e.expect.is_some() as u8
                    + e.at_least.is_some() as u8
                    + e.at_most.is_some() as u8;
                if n == 0 {
                    self.push(
                        Severity::Error,
                        o,
                        el("text"),
                        format!("example[{i}]"),
                        "give `expect`, `at_least` or `at_most`".into(),
                    );
                }
                if e.text.trim().is_empty() {
                    self.push(
                        Severity::Error,
                        o,
                        el("text"),
                        format!("example[{i}].text"),
                        "must not be empty".into(),
                    );
                }
            }
        }
        if phrase_count > limits::MAX_PHRASES {
            let o = set
                .bundles
                .first()
                .map(|b| b.origin.clone())
                .unwrap_or_default();
            self.push(
                Severity::Error,
                &o,
                None,
                "signal".into(),
                format!(
                    "{phrase_count} phrases in all; at most {} are allowed",
                    limits::MAX_PHRASES
                ),
            );
        }
        self.check_support(set);
    }

    /// The word classes of one bundle: valid names, and members that are single words.
    fn check_classes(&mut self, b: &Bundle, o: &Origin) {
        for (name, members) in &b.classes {
            let field = format!("classes.{name}");
            let line = || o.line_of("classes", None, Some(name));
            if !phrase::is_class_name(name) {
                self.push(
                    Severity::Error,
                    o,
                    line(),
                    field.clone(),
                    format!("\"{name}\": name a class with lowercase letters, digits and `_`"),
                );
            }
            if members.is_empty() {
                self.push(
                    Severity::Error,
                    o,
                    line(),
                    field.clone(),
                    "list at least one word".into(),
                );
            }
            let mut seen: HashSet<phrase::Word> = HashSet::new();
            for m in members {
                let ml = || o.line_of_member(name, m).or_else(line);
                match phrase::member_variants(m, &b.bundle.languages) {
                    Err(e) => self.push(Severity::Error, o, ml(), field.clone(), e),
                    Ok(words) => {
                        let w = &words[0];
                        if w.stem && w.text.chars().count() < limits::MIN_STEM_CHARS {
                            self.push(Severity::Warning, o, ml(), field.clone(),
                                format!("stem \"{}*\" is shorter than {} letters and will match many words", w.text, limits::MIN_STEM_CHARS));
                        }
                        if self.lint && !seen.insert(w.clone()) {
                            self.push(
                                Severity::Warning,
                                o,
                                ml(),
                                field.clone(),
                                format!("\"{m}\" is listed twice in @{name} (after normalization)"),
                            );
                        }
                    }
                }
            }
        }
    }

    fn check_support(&mut self, set: &BundleSet) {
        for (lang, region) in &set.language_regions {
            let is_lang =
                (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
            if !is_lang || region == "intl" || !support::is_region_code(region) {
                self.push(
                    Severity::Error,
                    &Origin::default(),
                    None,
                    format!("language_regions.{lang}"),
                    format!("\"{lang}\" → \"{region}\": expected a language code (\"sr\") and a two-letter region (\"RS\")"),
                );
            }
        }
        let mut ids: HashSet<&str> = HashSet::new();
        if set.support.len() > limits::MAX_SUPPORT_ENTRIES {
            let o = &set.support[0].origin;
            self.push(
                Severity::Error,
                o,
                None,
                "service".into(),
                format!(
                    "{} support entries; at most {} are allowed",
                    set.support.len(),
                    limits::MAX_SUPPORT_ENTRIES
                ),
            );
        }
        for se in &set.support {
            let (e, o, i) = (&se.entry, &se.origin, se.index);
            let l = |field: &str| o.line_of("service", Some(i), Some(field));
            let path = |field: &str| format!("service[{i}] \"{}\".{field}", e.id);
            if e.id.is_empty() || !ids.insert(&e.id) {
                self.push(
                    Severity::Error,
                    o,
                    l("id"),
                    path("id"),
                    format!("support id \"{}\" is empty or used twice", e.id),
                );
            }
            if !support::is_region_code(&e.region) {
                self.push(
                    Severity::Error,
                    o,
                    l("region"),
                    path("region"),
                    format!(
                        "\"{}\": use a two-letter country code (RS, UA, XK …) or \"intl\"",
                        e.region
                    ),
                );
            }
            if e.helps.is_empty() {
                self.push(
                    Severity::Error,
                    o,
                    l("helps"),
                    path("helps"),
                    "list what the service helps with".into(),
                );
            }
            if let Some(web) = &e.web {
                if !web.starts_with("https://") && !web.starts_with("http://") {
                    self.push(
                        Severity::Error,
                        o,
                        l("web"),
                        path("web"),
                        format!("\"{web}\" must start with https://"),
                    );
                }
            }
            for (field, number) in [("phone", &e.phone), ("sms", &e.sms)] {
                let Some(number) = number else { continue };
                let ok = !number.is_empty()
                    && number
                        .chars()
                        .all(|c| c.is_ascii_digit() || " +-()/".contains(c));
                if !ok {
                    self.push(Severity::Error, o, l(field), path(field),
                        format!("\"{number}\" should hold only digits, spaces and + - ( ) /; put alternatives in separate entries"));
                }
                match e.status {
                    Status::WebOnly => self.push(Severity::Error, o, l(field), path(field),
                        "status is web_only: an unconfirmed number must not ship".into()),
                    Status::Unconfirmed => self.push(Severity::Warning, o, l(field), path(field),
                        format!("unconfirmed number {number}: confirm it on the organisation's own page before a release")),
                    Status::Confirmed => {}
                }
            }
            if e.phone.is_none() && e.sms.is_none() && e.web.is_none() {
                self.push(
                    Severity::Error,
                    o,
                    l("id"),
                    path("phone"),
                    "give a phone number or a web address".into(),
                );
            }
            if e.status == Status::Confirmed && e.confirmed.is_none() {
                self.push(
                    Severity::Error,
                    o,
                    l("status"),
                    path("confirmed"),
                    "a confirmed entry needs the date it was confirmed (YYYY-MM-DD)".into(),
                );
            }
            if let Some(h) = &e.hours {
                if let Err(message) = support::parse_hours(h) {
                    self.push(Severity::Error, o, l("hours"), path("hours"), message);
                }
            }
            if let Some(d) = &e.confirmed {
                let ok = d.len() == 10
                    && d.chars().enumerate().all(|(k, c)| {
                        if k == 4 || k == 7 {
                            c == '-'
                        } else {
                            c.is_ascii_digit()
                        }
                    });
                if !ok {
                    self.push(
                        Severity::Error,
                        o,
                        l("confirmed"),
                        path("confirmed"),
                        format!("\"{d}\" is not a date like 2026-11-21"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_finds_fields_inside_the_right_table() {
        let src = "[bundle]\nid = \"x\"\n\n[[signal]]\nid = \"a\"\nfamily = \"f\"\n\n[[signal]]\nid = \"b\"\nfamily = \"g\"\n";
        let o = Origin {
            file: "x.toml".into(),
            source: Some(src.into()),
        };
        assert_eq!(o.line_of("bundle", None, Some("id")), Some(2));
        assert_eq!(o.line_of("signal", Some(0), Some("family")), Some(6));
        assert_eq!(o.line_of("signal", Some(1), Some("family")), Some(10));
        assert_eq!(o.line_of("signal", Some(1), Some("weight")), Some(8));
    }

    #[test]
    fn line_of_phrase_looks_inside_its_signal_not_at_comments() {
        let src = "# \"girls only\" is covered below\n[[signal]]\nid = \"a\"\nphrases = [\n  \"girls only\",\n]\n";
        let o = Origin {
            file: "x.toml".into(),
            source: Some(src.into()),
        };
        assert_eq!(o.line_of_phrase(0, "girls only"), Some(5));
    }

    #[test]
    fn unknown_format_versions_are_refused_with_advice() {
        let newer = format!(r#"{{"format": {}, "bundles": []}}"#, FORMAT_VERSION + 1);
        let e = Document::from_json("b.json", &newer).unwrap_err();
        assert!(e.to_string().contains("newer than this version"), "{e}");
        // every older version that is still read
        for v in OLDEST_FORMAT_VERSION..=FORMAT_VERSION {
            let doc = format!(r#"{{"format": {v}, "bundles": []}}"#);
            assert!(Document::from_json("b.json", &doc).is_ok(), "format {v}");
        }
        let e = Document::from_json("b.json", r#"{"bundles": []}"#).unwrap_err();
        assert!(e.to_string().contains("unknown bundle format"), "{e}");
        let huge = format!(
            "{{\"format\": 1, \"x\": \"{}\"}}",
            "a".repeat(limits::MAX_DOCUMENT_BYTES)
        );
        let e = Document::from_json("b.json", &huge).unwrap_err();
        assert!(e.to_string().contains("at most"), "{e}");
        let e = Document::from_json("b.json", "{not json").unwrap_err();
        assert!(e.to_string().starts_with("b.json:1"), "{e}");
    }

    fn minimal_set(signals: Vec<Signal>, support: usize) -> BundleSet {
        let header = |id: &str| Header {
            id: id.into(),
            title: "t".into(),
            version: "1".into(),
            languages: vec![],
            licence: "x".into(),
            homepage: String::new(),
            maintainer: "m".into(),
            description: None,
        };
        let core = Bundle {
            bundle: header("core"),
            scoring: Some(Scoring {
                caution: 1.0,
                warning: 2.0,
                danger: 3.0,
                min_dampening: 0.25,
            }),
            families: vec![Family {
                id: "f".into(),
                name: "f".into(),
                weight: Some(1.0),
                factor: None,
                categories: vec![],
                keeps_floors_of: vec![],
            }],
            combinations: vec![],
            quoting: None,
            negation: None,
            classes: BTreeMap::new(),
            signals,
            examples: vec![],
        };
        let entry = |i: usize| SupportEntry {
            id: format!("e{i}"),
            region: "intl".into(),
            name: "n".into(),
            helps: vec![Category::Recruitment],
            phone: None,
            sms: None,
            web: Some("https://example.org/".into()),
            hours: None,
            languages: vec![],
            source: "s".into(),
            status: Status::WebOnly,
            confirmed: None,
            adults_only: false,
            note: None,
        };
        let origin = Origin::named("limits.json");
        BundleSet {
            bundles: vec![SourcedBundle {
                bundle: core,
                origin: origin.clone(),
            }],
            support: SourcedEntry::all_from((0..support).map(entry).collect(), &origin),
            language_regions: Default::default(),
        }
    }

    fn signal(phrases: Vec<String>) -> Signal {
        Signal {
            id: "s".into(),
            family: "f".into(),
            weight: None,
            floor: None,
            note: None,
            phrases,
        }
    }

    #[test]
    fn each_limit_has_its_own_error() {
        let ok = minimal_set(vec![signal(vec!["girls".into()])], 1);
        assert!(ok.validate().is_ok());

        let many = minimal_set(
            vec![signal(
                (0..=limits::MAX_PHRASES).map(|i| format!("w{i}")).collect(),
            )],
            1,
        );
        let e = many.validate().unwrap_err().to_string();
        assert!(
            e.contains(&format!("at most {} are allowed", limits::MAX_PHRASES)),
            "{e}"
        );

        let long = minimal_set(
            vec![signal(vec!["a".repeat(limits::MAX_PHRASE_CHARS + 1)])],
            1,
        );
        let e = long.validate().unwrap_err().to_string();
        assert!(e.contains("phrase longer than"), "{e}");

        let support = minimal_set(
            vec![signal(vec!["girls".into()])],
            limits::MAX_SUPPORT_ENTRIES + 1,
        );
        let e = support.validate().unwrap_err().to_string();
        assert!(e.contains("support entries; at most"), "{e}");
    }
}
