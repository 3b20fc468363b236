//! The support directory: hotlines and organisations by region, and the choice of which ones a
//! verdict offers.
//!
//! Why its own module: the wrong number is worse than none. Every entry carries its source and
//! the date someone last confirmed it on the organisation's own page; entries that could not
//! be confirmed are marked so, and entries known only by their web site never carry a phone
//! number. Choice is by category (under-18 content goes to Take It Down, adult image abuse to
//! StopNCII, trafficking and recruitment to the regional hotline and La Strada-type NGOs) and
//! by region, always with an international fallback.

use crate::verdict::Category;
use serde::{Deserialize, Serialize};

/// How sure we are of an entry's contact details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Seen on the organisation's own (or a government) page on the `confirmed` date.
    Confirmed,
    /// Seen only second-hand or possibly outdated: must be checked before a release.
    Unconfirmed,
    /// No number could be confirmed: the entry ships its web address only.
    WebOnly,
}

/// One support service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportEntry {
    pub id: String,
    /// ISO 3166-1 alpha-2 code (`RS`, `UA`, `XK` for Kosovo), or `intl`.
    pub region: String,
    pub name: String,
    pub helps: Vec<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub source: String,
    pub status: Status,
    /// Date (YYYY-MM-DD) someone last confirmed the entry on the organisation's own page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<String>,
    /// Only for people 18 and over (StopNCII): never offered when minors are involved.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub adults_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The region whose services fit a language, for when the person has not chosen one.
pub fn region_for_language(lang: &str) -> Option<&'static str> {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "ru" => "RU",
        "uk" => "UA",
        "sr" => "RS",
        "hr" => "HR",
        "bs" => "BA",
        "me" | "cnr" => "ME",
        "sq" => "AL",
        "mk" => "MK",
        _ => return None,
    })
}

/// Whether a region code is well formed: `intl` or two uppercase letters.
pub fn is_region_code(s: &str) -> bool {
    s == "intl" || (s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
}

/// The entries that fit `categories` (most urgent first) for a person in `region`: for each
/// category, the region's entries and then international ones (international first for
/// images: removal services come first); no duplicates.
pub fn select<'a>(
    entries: &'a [SupportEntry],
    categories: &[Category],
    region: Option<&str>,
) -> Vec<&'a SupportEntry> {
    let minor = categories.contains(&Category::Minor);
    let mut out: Vec<&SupportEntry> = Vec::new();
    let fits = |e: &SupportEntry, c: Category| e.helps.contains(&c) && !(minor && e.adults_only);
    for &c in categories {
        let local = entries
            .iter()
            .filter(|e| region.is_some_and(|r| r != "intl" && e.region == r));
        let intl = entries.iter().filter(|e| e.region == "intl");
        // Images of minors and intimate images of adults: the international removal services
        // (Take It Down, StopNCII) are the first thing to do, wherever the person is.
        let intl_first = matches!(c, Category::Minor | Category::ImageAbuse);
        let ordered: Vec<&SupportEntry> = if intl_first {
            intl.chain(local).collect()
        } else {
            local.chain(intl).collect()
        };
        for e in ordered {
            if fits(e, c) && !out.iter().any(|o| o.id == e.id) {
                out.push(e);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, region: &str, helps: &[Category], adults_only: bool) -> SupportEntry {
        SupportEntry {
            id: id.into(),
            region: region.into(),
            name: id.into(),
            helps: helps.to_vec(),
            phone: None,
            web: None,
            languages: vec![],
            source: "test".into(),
            status: Status::WebOnly,
            confirmed: None,
            adults_only,
            note: None,
        }
    }

    #[test]
    fn region_first_then_international_and_minors_never_get_adult_only_services() {
        use Category::*;
        let entries = vec![
            entry("stopncii", "intl", &[ImageAbuse], true),
            entry("takeitdown", "intl", &[Minor], false),
            entry("lsi", "intl", &[Recruitment, TraffickingAbroad], false),
            entry("astra", "RS", &[Recruitment, TraffickingAbroad], false),
            entry("ua-527", "UA", &[Recruitment], false),
        ];
        let ids = |v: Vec<&SupportEntry>| v.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(select(&entries, &[Recruitment], Some("RS"))),
            ["astra", "lsi"]
        );
        assert_eq!(ids(select(&entries, &[Recruitment], None)), ["lsi"]);
        assert_eq!(
            ids(select(&entries, &[ImageAbuse], Some("RS"))),
            ["stopncii"]
        );
        assert_eq!(
            ids(select(&entries, &[Minor, ImageAbuse], Some("RS"))),
            ["takeitdown"]
        );
    }

    #[test]
    fn languages_map_to_regions() {
        assert_eq!(region_for_language("sr-Latn"), Some("RS"));
        assert_eq!(region_for_language("uk"), Some("UA"));
        assert_eq!(region_for_language("en"), None);
    }
}
