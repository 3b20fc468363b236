//! The support directory: hotlines and organisations by region, and the choice of which ones a
//! verdict offers.
//!
//! Why its own module: the wrong number is worse than none. Every entry carries its source and
//! the date someone last confirmed it on the organisation's own page; entries that could not
//! be confirmed are marked so, and entries known only by their web site never carry a phone
//! number. Choice is by category (under-18 content goes to Take It Down, adult image abuse to
//! StopNCII, trafficking and recruitment to the regional hotline and La Strada-type NGOs) and
//! by region, always with an international fallback.
//!
//! The region is the person's choice when there is one. When there is none, the post itself
//! says where help is most likely to fit: the language of the phrases that matched points, via
//! the language folders' `default_region`, to a region (`RegionHints`, private to the crate:
//! callers ask [`crate::engine::Engine::region_for_language`] or read the verdicts). This
//! lives here, in Rust, so that the extension, the check page and the CLI choose the same way.

use crate::bundle::BundleSet;
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
    /// Unique in the directory (`rs-astra-sos`); the extension's texts name services by it.
    pub id: String,
    /// ISO 3166-1 alpha-2 code (`RS`, `UA`, `XK` for Kosovo), or `intl`.
    pub region: String,
    /// The service's own name.
    pub name: String,
    /// The kinds of harm it helps with.
    pub helps: Vec<Category>,
    /// A phone number, as the organisation writes it; never guessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A number that takes text messages (SMS), such as Polaris's 233733.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<String>,
    /// A web address (`https://` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    /// When the line answers, in one of the forms [`parse_hours`] reads (`24/7`,
    /// `daily 10:00-18:00`, `weekdays 08:00-20:00`); the extension shows it in the reader's
    /// language. Leave it out when the source does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// Languages someone has seen the service offer.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Where the entry was checked (a page, research notes).
    pub source: String,
    /// Whether the number is confirmed.
    pub status: Status,
    /// Date (YYYY-MM-DD) someone last confirmed the entry on the organisation's own page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<String>,
    /// Only for people 18 and over (StopNCII): never offered when minors are involved.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub adults_only: bool,
    /// For reviewers; not shown on banners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// When a line answers, as `hours` states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hours {
    /// Every hour of every day (`24/7`).
    Always,
    /// Every day, from one time to another (`daily 10:00-18:00`), in minutes after midnight.
    Daily(u16, u16),
    /// Monday to Friday (`weekdays 08:00-20:00`).
    Weekdays(u16, u16),
}

/// Reads an entry's `hours`: `24/7`, `daily HH:MM-HH:MM` or `weekdays HH:MM-HH:MM`. A fixed
/// set of forms, so that the extension can say them in every interface language.
pub fn parse_hours(s: &str) -> Result<Hours, String> {
    let advice =
        || format!("\"{s}\": write \"24/7\", \"daily 10:00-18:00\" or \"weekdays 08:00-20:00\"");
    if s == "24/7" {
        return Ok(Hours::Always);
    }
    let (days, span) = s.split_once(' ').ok_or_else(advice)?;
    let (from, to) = span.split_once('-').ok_or_else(advice)?;
    let time = |t: &str| -> Option<u16> {
        let (h, m) = t.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
    };
    let (from, to) = (time(from).ok_or_else(advice)?, time(to).ok_or_else(advice)?);
    if from >= to {
        return Err(format!("\"{s}\": the line must close after it opens"));
    }
    match days {
        "daily" => Ok(Hours::Daily(from, to)),
        "weekdays" => Ok(Hours::Weekdays(from, to)),
        _ => Err(advice()),
    }
}

/// Which region a post suggests, from the language of the phrases that matched it: each
/// signal comes from a bundle, the bundle states its languages, and each language folder's
/// `default_region` (the set's `language_regions`) names the region whose services fit.
/// Used only when the person has not chosen a region.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct RegionHints {
    /// Every bundle language (primary code) with its region, if it has one (`en` has none).
    languages: Vec<(String, Option<String>)>,
    /// For each signal (in the engine's order: bundle by bundle), indexes into `languages`.
    by_signal: Vec<Vec<usize>>,
    /// Language code → region, for posts whose language is given (`lang` in `redflag scan`).
    by_language: std::collections::BTreeMap<String, String>,
}

/// Languages written in ekavian only (Serbian as spoken in Serbia): a post with ijekavian
/// words is not theirs.
const EKAVIAN: &[&str] = &["sr"];

/// A language whose phrases matched at least CLOSE.0 / CLOSE.1 as many places as the top
/// language's is suggested too.
const CLOSE: (usize, usize) = (9, 10);

/// The primary subtag of a language tag, lowercased: `sr` for `sr-Latn`.
fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl RegionHints {
    /// The hints of a bundle set, signal by signal in the order the engine numbers them.
    pub(crate) fn from_set(set: &BundleSet) -> RegionHints {
        // a language a browser or post states: its folder's region, or its browser region
        let mut by_language = set.language_regions.clone();
        by_language.extend(set.browser_regions.clone());
        let mut hints = RegionHints {
            by_language,
            ..Default::default()
        };
        for sb in &set.bundles {
            let mut mine: Vec<usize> = Vec::new();
            for lang in &sb.bundle.bundle.languages {
                let code = primary(lang);
                let k = match hints.languages.iter().position(|(c, _)| *c == code) {
                    Some(k) => k,
                    None => {
                        let region = set.language_regions.get(&code).cloned();
                        hints.languages.push((code, region));
                        hints.languages.len() - 1
                    }
                };
                if !mine.contains(&k) {
                    mine.push(k);
                }
            }
            for _ in &sb.bundle.signals {
                hints.by_signal.push(mine.clone());
            }
        }
        hints
    }

    /// These hints if they fit an engine of `signals` signals (read from prebuilt tables:
    /// every index in range), else `None`.
    pub(crate) fn checked(self, signals: usize) -> Option<RegionHints> {
        let n = self.languages.len();
        let ok = self.by_signal.len() <= signals && self.by_signal.iter().flatten().all(|&k| k < n);
        ok.then_some(self)
    }

    /// The region of a language (`sr-Latn` → `RS`), if a language folder names one.
    pub(crate) fn for_language(&self, lang: &str) -> Option<&str> {
        self.by_language.get(&primary(lang)).map(String::as_str)
    }

    /// The regions a post suggests, from its matches as (signal, start, end): the language
    /// whose phrases matched at the most places wins (a place shared by several languages
    /// counts as a share of one), and its region is suggested. Several
    /// languages that tie (a post in words Serbian, Croatian and Bosnian share) suggest their
    /// regions together, `prefer` (the browser's guess) first if it is among them, else in
    /// bundle order. Empty when the winner has no region (an English post) or nothing matched.
    pub(crate) fn suggest<'a>(
        &'a self,
        matches: impl IntoIterator<Item = (usize, usize, usize)>,
        prefer: Option<&str>,
        ijekavian: bool,
    ) -> Vec<&'a str> {
        let mut places: Vec<(usize, usize, usize)> = Vec::new();
        for (signal, start, end) in matches {
            for &k in self.by_signal.get(signal).map(Vec::as_slice).unwrap_or(&[]) {
                if !places.contains(&(k, start, end)) {
                    places.push((k, start, end));
                }
            }
        }
        // A place several languages' phrases share tells less about which language the post
        // is in: Bosnian, Croatian and Serbian bundles share most words (and read ijekavian
        // and ekavian alike). Each place gives its languages one point, shared between them.
        let mut counts = vec![0f64; self.languages.len()];
        for &(k, start, end) in &places {
            let sharing = places
                .iter()
                .filter(|&&(_, a, b)| (a, b) == (start, end))
                .count();
            counts[k] += 1.0 / sharing as f64;
        }
        // A post with ijekavian words ("djevojke") is not the ekavian Serbian of Serbia: its
        // Croatian or Bosnian reading counts instead, when there is one.
        let ekavian = |k: usize| EKAVIAN.contains(&self.languages[k].0.as_str());
        if ijekavian
            && (0..counts.len())
                .any(|k| !ekavian(k) && counts[k] > 0.0 && self.languages[k].1.is_some())
        {
            for (k, c) in counts.iter_mut().enumerate() {
                if ekavian(k) {
                    *c = 0.0;
                }
            }
        }
        let top = counts.iter().copied().fold(0f64, f64::max);
        // Close runners-up count too: a Croatian post often matches the Bosnian bundle almost
        // as often.
        let close = CLOSE.0 as f64 / CLOSE.1 as f64;
        let mut ranked: Vec<(usize, f64)> = counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| top > 0.0 && c >= top * close - 1e-9)
            .map(|(k, &c)| (k, c))
            .collect();

        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        if ranked
            .first()
            .is_some_and(|&(k, _)| self.languages[k].1.is_none())
        {
            // the winner has no region of its own (English): no suggestion
            return Vec::new();
        }
        let mut out: Vec<&str> = Vec::new();
        for (k, _) in ranked {
            if let Some(r) = self.languages[k].1.as_deref() {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
        if let Some(k) = out.iter().position(|r| Some(*r) == prefer) {
            let r = out.remove(k);
            out.insert(0, r);
        }
        out
    }
}

/// Whether a region code is well formed: `intl` or two uppercase letters.
pub fn is_region_code(s: &str) -> bool {
    s == "intl" || (s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
}

/// The entries that fit `categories` (most urgent first) for a person in `regions` (the
/// chosen region, or the ones the post suggests, in order): for each category, the regions'
/// entries and then international ones (international first for images: removal services
/// come first); no duplicates.
pub fn select<'a>(
    entries: &'a [SupportEntry],
    categories: &[Category],
    regions: &[&str],
) -> Vec<&'a SupportEntry> {
    let minor = categories.contains(&Category::Minor);
    let mut out: Vec<&SupportEntry> = Vec::new();
    let fits = |e: &SupportEntry, c: Category| e.helps.contains(&c) && !(minor && e.adults_only);
    for &c in categories {
        let local = regions
            .iter()
            .filter(|r| **r != "intl")
            .flat_map(|r| entries.iter().filter(move |e| e.region == *r));
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
            sms: None,
            web: None,
            hours: None,
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
            ids(select(&entries, &[Recruitment], &["RS"])),
            ["astra", "lsi"]
        );
        assert_eq!(ids(select(&entries, &[Recruitment], &[])), ["lsi"]);
        assert_eq!(
            ids(select(&entries, &[Recruitment], &["UA", "RS"])),
            ["ua-527", "astra", "lsi"],
            "several regions: in the order given, then international"
        );
        assert_eq!(ids(select(&entries, &[ImageAbuse], &["RS"])), ["stopncii"]);
        assert_eq!(
            ids(select(&entries, &[Minor, ImageAbuse], &["RS"])),
            ["takeitdown"]
        );
    }

    #[test]
    fn hours_have_three_forms() {
        assert_eq!(parse_hours("24/7"), Ok(Hours::Always));
        assert_eq!(
            parse_hours("daily 10:00-18:00"),
            Ok(Hours::Daily(600, 1080))
        );
        assert_eq!(
            parse_hours("weekdays 08:00-20:00"),
            Ok(Hours::Weekdays(480, 1200))
        );
        assert_eq!(parse_hours("daily 00:00-24:00"), Ok(Hours::Daily(0, 1440)));
        for bad in [
            "",
            "24h",
            "daily",
            "daily 10-18",
            "every day 10:00-18:00",
            "daily 18:00-10:00",
            "weekdays 08:00-25:00",
            "daily 8:00-20:00",
        ] {
            assert!(parse_hours(bad).is_err(), "{bad:?}");
        }
    }
}
