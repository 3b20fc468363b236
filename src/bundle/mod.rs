//! Rule bundles: the data a contributor writes (phrases in families, combinations,
//! thresholds, examples), the compiled JSON document the engine loads, and the checks that run
//! before anything is built.
//!
//! | part | file |
//! |---|---|
//! | the tables, one serde schema for TOML and JSON | [`schema`] |
//! | the compiled document and its format versions | [`document`] |
//! | every check, one function per table | `check.rs` ([`BundleSet::check`], [`BundleSet::validate`]) |
//! | where a bundle came from (file, and lines for TOML) | [`origin`] |
//! | upper bounds for untrusted documents | [`limits`] |
//! | classes that name other classes (`@other` as a member), resolved when TOML is read | [`unions`] |
//!
//! This file holds the set an engine is built from, and the one rule for combining sets:
//! later sets add to earlier ones ([`BundleSet::extend`], where redefining an id is an error
//! that the checks report), except that an imported set *replaces* the bundles and support
//! entries whose ids it defines ([`BundleSet::import`], [`Replaced`]); the extension's import
//! (`mergeBundles` in `wasm.rs`) applies the same rule to documents.
//! Validation collects every problem with its file, line and field, and a set with any error
//! is rejected whole: nothing half-loads.

mod check;
pub mod document;
pub mod limits;
pub mod origin;
pub mod schema;
pub mod unions;

pub use document::{Document, FORMAT_VERSION, OLDEST_FORMAT_VERSION};
pub use origin::{At, Origin, SourceLines};
pub use schema::{
    Bundle, Combination, Example, Family, Header, Negation, Quoting, Reach, Scoring, Signal,
};

use crate::error::{Error, Problem, Severity};
use crate::support::SupportEntry;
use std::collections::{BTreeMap, HashSet};

/// A bundle with its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcedBundle {
    /// The bundle.
    pub bundle: Bundle,
    /// Where it came from.
    pub origin: Origin,
    /// The word classes as written, when some name other classes (`@other`): `bundle.classes`
    /// holds them expanded ([`unions`]), as the engine and the compiled document read them;
    /// `redflag lint` checks what was written. `None` when no class names another.
    pub written_classes: Option<BTreeMap<String, Vec<String>>>,
}

/// A support entry with its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcedEntry {
    /// The entry.
    pub entry: SupportEntry,
    /// Where it came from.
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
    /// The bundles, core (the one with `[scoring]`) first once loaded.
    pub bundles: Vec<SourcedBundle>,
    /// The support directory.
    pub support: Vec<SourcedEntry>,
    /// Language code → the region whose services fit it (each language folder's
    /// `default_region`): when the person has not chosen a region, the language of the
    /// phrases that matched suggests one.
    pub language_regions: BTreeMap<String, String>,
    /// Language code → region for the language a browser or a post states (`lang` in `redflag
    /// scan`, the browser's languages in the extension) when no phrase is written in it: each
    /// folder's `browser_regions` (Montenegrin browsers, `cnr`, read the Bosnian folder and get
    /// Montenegro's services) and a language with services but no folder (`mk`: the one region
    /// whose services name it). Kept apart from `language_regions` because the bundles'
    /// languages (`["bs", "me"]`) must not gain a region through it: the phrases that matched
    /// suggest only their folders' `default_region`.
    pub browser_regions: BTreeMap<String, String>,
}

/// The ids an imported bundle document defines: the bundles and support entries it replaces
/// in the default set. The one owner of the import rule ("an imported bundle replaces the
/// default bundle with the same id; otherwise it is added"), used by [`BundleSet::import`]
/// and by the extension through `mergeBundles` (`src/wasm.rs`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replaced {
    bundles: HashSet<String>,
    support: HashSet<String>,
}

impl Replaced {
    /// The ids that `imports` define.
    pub fn by<'a>(imports: impl IntoIterator<Item = &'a Document>) -> Replaced {
        let mut r = Replaced::default();
        for d in imports {
            r.bundles
                .extend(d.bundles.iter().map(|b| b.bundle.id.clone()));
            r.support.extend(d.support.iter().map(|s| s.id.clone()));
        }
        r
    }

    /// The ids that the set `imported` defines.
    pub fn by_set(imported: &BundleSet) -> Replaced {
        Replaced {
            bundles: imported
                .bundles
                .iter()
                .map(|b| b.bundle.bundle.id.clone())
                .collect(),
            support: imported
                .support
                .iter()
                .map(|s| s.entry.id.clone())
                .collect(),
        }
    }

    /// Whether nothing is replaced.
    pub fn is_empty(&self) -> bool {
        self.bundles.is_empty() && self.support.is_empty()
    }

    /// Whether the bundle `id` is replaced.
    pub fn bundle(&self, id: &str) -> bool {
        self.bundles.contains(id)
    }

    /// Whether the support entry `id` is replaced.
    pub fn support(&self, id: &str) -> bool {
        self.support.contains(id)
    }

    /// Whether `doc` defines a bundle or support entry whose id is replaced: an earlier import
    /// that a new one touches is superseded by it ([`Replaced::superseded`]).
    pub fn touches(&self, doc: &Document) -> bool {
        doc.bundles.iter().any(|b| self.bundle(&b.bundle.id))
            || doc.support.iter().any(|s| self.support(&s.id))
    }

    /// The earlier imports (by index) that importing `new` supersedes: those that define a
    /// bundle or support entry with an id `new` defines. `new` replaces them whole, as it
    /// replaces the default's entries with those ids; keeping them would load an id twice
    /// (the `duplicate-id` error). The extension's `supersededImports` (`src/wasm.rs`).
    pub fn superseded<'a>(
        new: &Document,
        earlier: impl IntoIterator<Item = &'a Document>,
    ) -> Vec<usize> {
        let replaced = Replaced::by([new]);
        earlier
            .into_iter()
            .enumerate()
            .filter(|(_, d)| replaced.touches(d))
            .map(|(i, _)| i)
            .collect()
    }

    /// Removes from `doc` what is replaced; whether anything was.
    pub fn remove_from(&self, doc: &mut Document) -> bool {
        let before = (doc.bundles.len(), doc.support.len());
        doc.bundles.retain(|b| !self.bundle(&b.bundle.id));
        doc.support.retain(|s| !self.support(&s.id));
        before != (doc.bundles.len(), doc.support.len())
    }
}

impl BundleSet {
    /// Adds another set after this one. Later bundles may not redefine ids: the checks report
    /// a bundle, family, signal or support id defined twice as an error.
    pub fn extend(&mut self, other: BundleSet) {
        self.bundles.extend(other.bundles);
        self.support.extend(other.support);
        // a later document (an NGO's, an import) may point a language at another region
        self.language_regions.extend(other.language_regions);
        self.browser_regions.extend(other.browser_regions);
    }

    /// Adds a set a person (or an NGO build) imports: its bundles and support entries replace
    /// this set's with the same id, the rest is added as by [`BundleSet::extend`].
    pub fn import(&mut self, imported: BundleSet) {
        let replaced = Replaced::by_set(&imported);
        self.bundles
            .retain(|b| !replaced.bundle(&b.bundle.bundle.id));
        self.support.retain(|s| !replaced.support(&s.entry.id));
        self.extend(imported);
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
            browser_regions: self.browser_regions.clone(),
        }
    }

    /// Every problem in the set: errors (which stop loading) and warnings (for lint).
    pub fn check(&self) -> Vec<Problem> {
        check::run(self, true)
    }

    /// `Ok` when the set has no errors.
    pub fn validate(&self) -> Result<(), Error> {
        // Only errors matter here: skip the lint-only work (duplicate search), which costs
        // start-up time in the extension's service worker.
        let problems: Vec<Problem> = check::run(self, false)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(json: &str) -> Document {
        Document::from_json("d.json", json).unwrap()
    }

    const HEADER: &str = r#""title": "t", "version": "1", "licence": "x", "maintainer": "m""#;

    fn bundle(id: &str, version: &str) -> String {
        format!(
            r#"{{"bundle": {{"id": "{id}", {}}}}}"#,
            HEADER.replace("\"1\"", &format!("\"{version}\""))
        )
    }

    fn service(id: &str, name: &str) -> String {
        format!(
            r#"{{"id": "{id}", "region": "RS", "name": "{name}", "helps": ["recruitment"], "web": "https://x.org/", "source": "s", "status": "web_only"}}"#
        )
    }

    #[test]
    fn an_import_replaces_what_has_its_id_and_adds_the_rest() {
        let base = doc(&format!(
            r#"{{"format": 2, "bundles": [{}, {}], "support": [{}, {}]}}"#,
            bundle("core", "1"),
            bundle("sr", "1"),
            service("rs-a", "old"),
            service("rs-b", "b")
        ));
        let import = doc(&format!(
            r#"{{"format": 2, "bundles": [{}, {}], "support": [{}]}}"#,
            bundle("sr", "2"),
            bundle("ngo", "1"),
            service("rs-a", "new")
        ));
        let mut set = base.clone().into_set("default");
        set.import(import.clone().into_set("import"));
        let ids: Vec<(&str, &str)> = set
            .bundles
            .iter()
            .map(|b| {
                (
                    b.bundle.bundle.id.as_str(),
                    b.bundle.bundle.version.as_str(),
                )
            })
            .collect();
        assert_eq!(ids, [("core", "1"), ("sr", "2"), ("ngo", "1")]);
        let support: Vec<(&str, &str)> = set
            .support
            .iter()
            .map(|s| (s.entry.id.as_str(), s.entry.name.as_str()))
            .collect();
        assert_eq!(support, [("rs-b", "b"), ("rs-a", "new")]);

        // the same rule on documents (the extension's mergeBundles)
        let replaced = Replaced::by([&import]);
        let mut d = base.clone();
        assert!(replaced.remove_from(&mut d));
        assert_eq!(d.bundles.len(), 1);
        assert_eq!(d.support.len(), 1);
        let nothing = Replaced::by([&doc(&format!(
            r#"{{"format": 2, "bundles": [{}]}}"#,
            bundle("other", "1")
        ))]);
        let mut d = base.clone();
        assert!(!nothing.remove_from(&mut d));
        assert_eq!(d, base);

        // a later import supersedes an earlier one that shares a bundle id or a support id
        let a = doc(&format!(
            r#"{{"format": 2, "bundles": [{}], "support": [{}]}}"#,
            bundle("import-a", "1"),
            service("rs-x", "a")
        ));
        let b = doc(&format!(
            r#"{{"format": 2, "bundles": [{}], "support": [{}]}}"#,
            bundle("import-b", "1"),
            service("rs-x", "b")
        ));
        let c = doc(&format!(
            r#"{{"format": 2, "bundles": [{}], "support": [{}]}}"#,
            bundle("import-a", "2"),
            service("rs-y", "c")
        ));
        let other = doc(&format!(
            r#"{{"format": 2, "bundles": [{}], "support": [{}]}}"#,
            bundle("import-o", "1"),
            service("rs-o", "o")
        ));
        assert!(Replaced::by([&b]).touches(&a), "same support id");
        assert!(Replaced::by([&c]).touches(&a), "same bundle id");
        assert!(!Replaced::by([&other]).touches(&a));
        assert_eq!(Replaced::superseded(&b, [&a, &other, &c]), [0]);
        assert_eq!(Replaced::superseded(&c, [&a, &b, &other]), [0]);
        assert!(Replaced::superseded(&other, [&a, &b, &c]).is_empty());
        // the same as importing one set after the other
        let mut both = base.clone().into_set("default");
        both.import(a.into_set("a"));
        both.import(b.into_set("b"));
        let ids: Vec<&str> = both.support.iter().map(|s| s.entry.id.as_str()).collect();
        assert_eq!(ids, ["rs-a", "rs-b", "rs-x"], "b's rs-x replaced a's");

        // extend keeps both, and the checks then refuse the duplicate id
        let mut both = base.into_set("default");
        both.extend(import.into_set("import"));
        assert_eq!(both.bundles.len(), 4);
        let problems = both.check();
        assert!(
            problems
                .iter()
                .any(|p| p.code == "duplicate-id" && p.message.contains("\"sr\" is loaded twice")),
            "{problems:?}"
        );
    }
}
