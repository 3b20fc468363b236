//! The result of classifying one text: a level, the categories of harm it may point to, the
//! evidence (what fired, where in the original text), and the support entries that fit.
//!
//! Evidence offsets are UTF-16 code units into the original text, because that is what a
//! browser's DOM and JavaScript strings use: the overlay can highlight exactly what fired
//! without re-encoding anything.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How many risk signs a text shows, from none to many. Ordered: `None < Caution < …`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// No risk sign, or too few to mention.
    None,
    /// Some risk signs.
    Caution,
    /// Several risk signs.
    Warning,
    /// Serious risk signs.
    Danger,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 4] = [Level::None, Level::Caution, Level::Warning, Level::Danger];

    /// The level's name (`none`, `caution`, `warning`, `danger`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Caution => "caution",
            Level::Warning => "warning",
            Level::Danger => "danger",
        }
    }

    /// The level named `s`.
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of harm a risk sign points to; it decides which support services are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Aimed at people under 18 (listed first: it changes which services are right).
    Minor,
    /// Trading, leaking or rating intimate images of other people.
    ImageAbuse,
    /// Recruitment for work abroad with travel and housing arranged.
    TraffickingAbroad,
    /// Documents kept, debts, no contract.
    LabourExploitation,
    /// Recruitment into sexual exploitation at home.
    Recruitment,
}

impl Category {
    /// Every category, most urgent first.
    pub const ALL: [Category; 5] = [
        Category::Minor,
        Category::ImageAbuse,
        Category::TraffickingAbroad,
        Category::LabourExploitation,
        Category::Recruitment,
    ];

    /// The category's name as bundles and verdicts write it (`image_abuse`).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Minor => "minor",
            Category::ImageAbuse => "image_abuse",
            Category::TraffickingAbroad => "trafficking_abroad",
            Category::LabourExploitation => "labour_exploitation",
            Category::Recruitment => "recruitment",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing that fired: which signal, of which family, on which words of the original text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The signal's id.
    pub signal: String,
    /// Its family's id.
    pub family: String,
    /// The original text of the match, exactly as written (homoglyphs, spacing and all).
    pub text: String,
    /// Start, in UTF-16 code units of the original text.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units of the original text.
    pub end: u32,
}

/// The verdict on one text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// How many risk signs.
    pub level: Level,
    /// The score, rounded to two decimals.
    pub score: f64,
    /// Kinds of harm, most urgent first; empty when the level is `none`.
    pub categories: Vec<Category>,
    /// Risk signs found (one per signal: its first occurrence).
    pub evidence: Vec<Evidence>,
    /// Context that lowered the score (news, warnings, licensed employer …).
    pub dampeners: Vec<Evidence>,
    /// Ids of the support entries that fit the categories: the region's first, then
    /// international ones. Empty when the level is `none`.
    pub support: Vec<String>,
    /// Set when the text was longer than the engine reads; only the beginning was classified.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}
