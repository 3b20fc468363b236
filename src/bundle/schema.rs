//! The bundle schema: the tables a contributor writes (header, scoring, families,
//! combinations, word classes, signals, examples), as serde structures shared by the TOML
//! authoring format and the compiled JSON document, so there is one schema.
//!
//! Every table refuses unknown fields: a misspelt key is an error, never silently ignored.

use crate::verdict::{Category, Level};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The header every bundle starts with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Unique among the loaded bundles: lowercase letters, digits, `-`, `_`, `.`.
    pub id: String,
    /// What the bundle is about, for people.
    pub title: String,
    /// Any string; shown in the extension's popup.
    pub version: String,
    /// ISO 639 codes of the phrases' languages.
    #[serde(default)]
    pub languages: Vec<String>,
    /// The licence of the rules (e.g. `CC-BY-4.0`).
    pub licence: String,
    /// Where the bundle is maintained (may be empty).
    #[serde(default)]
    pub homepage: String,
    /// Who maintains it.
    pub maintainer: String,
    /// A longer description, for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Thresholds of the levels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// The score at which `caution` starts.
    pub caution: f64,
    /// The score at which `warning` starts.
    pub warning: f64,
    /// The score at which `danger` starts.
    pub danger: f64,
    /// Lowering families never cut the score below this share of it.
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
    /// The lowering family that applies.
    pub family: String,
    /// The share of risk-sign matches that must stand inside quotation marks.
    pub min_share: f64,
    /// The words the post must say outside the quotes.
    pub min_words_outside: u32,
    /// Families whose presence keeps the rule from applying: a poster who vouches for the ad
    /// they repost ("I worked there myself, recommend") is not reporting on it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
}

/// How far the words of some lowering families reach (core bundle): a licensed employer, a
/// contract, training or "men and women" describe the sentence they stand in. In a post of at
/// least `min_words` words, the signs of every run of sentences that holds none of these
/// families' words are also scored on their own, lowered by the other lowering families and by
/// these families' factors raised to `far_power` (0: not at all, 1: fully); the post keeps the
/// higher score (docs/DESIGN.md, "Scoring").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reach {
    /// The lowering families whose words reach only their own sentence.
    pub families: Vec<String>,
    /// The words a post needs before its sentences are scored apart.
    pub min_words: u32,
    /// How much such a family lowers the signs of sentences its words do not reach: its factor
    /// raised to this power, in [0, 1].
    pub far_power: f64,
}

/// Words that negate the phrase right after them («не интим», "no sex"): a risk-sign match
/// right after one does not count, unless the phrase itself begins with a negation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Negation {
    /// The negating words, one word each (no `*`).
    pub words: Vec<String>,
}

/// A family of signals. Raising families have a `weight`; lowering ones (dampeners) a `factor`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// Unique across the loaded bundles; signals name it.
    pub id: String,
    /// What the family means, for people (shown as the reason).
    pub name: String,
    /// Points for a raising family (its signals' default weight).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// The factor a lowering family multiplies the score by (0 < factor ≤ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// The categories a raising family shows in a verdict.
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
    /// Unique across the loaded bundles.
    pub id: String,
    /// Families that must all be present.
    #[serde(default)]
    pub all: Vec<String>,
    /// Families of which at least one must also be present (when not empty).
    #[serde(default)]
    pub any: Vec<String>,
    /// Points added.
    #[serde(default)]
    pub add: f64,
    /// The level the verdict is lifted to at least.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Level>,
}

/// A named list of phrases in one family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    /// Unique across the loaded bundles (`ru.girls_wanted`).
    pub id: String,
    /// The family it belongs to.
    pub family: String,
    /// Points (default: the family's weight).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// The level this signal alone lifts the verdict to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Level>,
    /// For reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The phrases, as written (syntax in [`crate::phrase`]).
    pub phrases: Vec<String>,
}

/// A regression example checked by `redflag test`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The post.
    pub text: String,
    /// The exact level expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Level>,
    /// This level or higher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Level>,
    /// This level or lower (hard negatives).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Level>,
    /// For reviewers.
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
    /// `[bundle]`.
    pub bundle: Header,
    /// `[scoring]`: exactly one bundle (core) defines it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Scoring>,
    /// `[quoting]`: at most one bundle defines it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoting: Option<Quoting>,
    /// `[reach]`: at most one bundle defines it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach: Option<Reach>,
    /// `[negation]`: this bundle's own negating words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation: Option<Negation>,
    /// `[[family]]`.
    #[serde(default, rename = "family", skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<Family>,
    /// `[[combination]]`.
    #[serde(default, rename = "combination", skip_serializing_if = "Vec::is_empty")]
    pub combinations: Vec<Combination>,
    /// Word classes: named lists of words and stems that phrases of this bundle use as
    /// `@name` (hiring verbs, words for girls, destinations abroad…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub classes: BTreeMap<String, Vec<String>>,
    /// `[[signal]]`.
    #[serde(default, rename = "signal", skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Signal>,
    /// `[[example]]`: checked by `redflag test`.
    #[serde(default, rename = "example", skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}
