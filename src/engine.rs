//! The engine: an immutable, compiled form of a validated bundle set, and the one-way pipeline
//! text → normalized text with offset map → matches → signals → score → verdict.
//!
//! Built once (from TOML in the CLI, from compiled JSON in the extension) and then only read,
//! so it can be shared freely and a failed rebuild never disturbs the engine in use.

use crate::bundle::{BundleSet, Document, Header};
use crate::error::Error;
use crate::matcher::{Matcher, MatcherBuilder, PhraseMatch, Piece};
use crate::normalize::{normalize, Normalized};
use crate::phonetic;
use crate::phrase;
use crate::quotes;
use crate::residue;
use crate::scoring::{Breakdown, CombinationModel, FamilyModel, Model, SignalModel};
use crate::support::{self, RegionHints, SupportEntry};
use crate::verdict::{Evidence, Level, Verdict};
use serde::Serialize;
use std::collections::HashMap;

/// The longest text read, in bytes. Longer texts are cut (at a character boundary) and the
/// verdict says so: a recruitment ad is never this long, and a page must not stall on a dump.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Options for one classification.
#[derive(Clone, Debug, Default)]
pub struct Options<'a> {
    /// The region the person chose (`RS`, `UA` …, or `intl`): its support entries, then the
    /// international ones. Always wins. `None`: the language of the phrases that matched
    /// suggests the region (a Serbian post gets Serbian services first).
    pub region: Option<&'a str>,
    /// When no region was chosen and the post's language suggests none (an English post):
    /// a guess from elsewhere, such as the browser's language. `None`: international only.
    pub fallback_region: Option<&'a str>,
}

/// A short description of a loaded bundle.
#[derive(Clone, Debug, Serialize)]
pub struct BundleInfo {
    /// The bundle's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
    /// The languages of its phrases.
    pub languages: Vec<String>,
}

impl From<&Header> for BundleInfo {
    fn from(h: &Header) -> BundleInfo {
        BundleInfo {
            id: h.id.clone(),
            title: h.title.clone(),
            version: h.version.clone(),
            languages: h.languages.clone(),
        }
    }
}

/// What an engine holds, for the popup and `redflag lint`.
#[derive(Clone, Debug, Serialize)]
pub struct Info {
    /// The document format version this engine writes.
    pub format: u32,
    /// Whether the engine was read from prebuilt tables (`false`: built from the documents).
    pub prebuilt: bool,
    /// The loaded bundles.
    pub bundles: Vec<BundleInfo>,
    /// Signals in all.
    pub signals: usize,
    /// Phrases in all, with their derived spellings.
    pub phrases: usize,
    /// Distinct words the phrases are made of.
    pub words: usize,
    /// Support entries.
    pub support: usize,
}

/// One match, explained: for `redflag explain`.
#[derive(Clone, Debug)]
pub struct MatchDetail {
    /// The signal's id.
    pub signal: String,
    /// Its family's id.
    pub family: String,
    /// The phrase as the bundle wrote it.
    pub phrase: String,
    /// Where it matched.
    pub evidence: Evidence,
}

/// Everything `redflag explain` shows.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The canonical text the phrases were matched against.
    pub normalized: String,
    /// Every match that counted.
    pub matches: Vec<MatchDetail>,
    /// How the score was reached.
    pub breakdown: Breakdown,
    /// The verdict itself.
    pub verdict: Verdict,
}

/// The compiled `[quoting]` rule: the signal it fires, and its thresholds.
#[derive(Clone, Debug)]
pub(crate) struct QuotingRule {
    pub(crate) signal: usize,
    pub(crate) min_share: f64,
    pub(crate) min_words_outside: usize,
    /// Families whose presence keeps the rule from applying (by index).
    pub(crate) unless: Vec<usize>,
}

/// The compiled `[reach]` rule: the lowering families whose words reach only their own
/// sentence ([`crate::reach`]), by family index.
#[derive(Clone, Debug)]
pub(crate) struct ReachRule {
    pub(crate) families: Vec<usize>,
    pub(crate) min_words: usize,
    pub(crate) far_power: f64,
}

/// The phrases of every signal as written, in one arena (for `explain`). An engine read from
/// prebuilt tables has only their number per signal and which of them begin a sentence: the
/// tables leave the texts out (~410 KB that the extension's worker would read for nothing), so
/// its explanations name the signal and show the evidence but give the phrase as ""
/// (`redflag explain` builds from the rules).
#[derive(Clone, Debug)]
pub(crate) struct PhraseTexts {
    /// Signal `s`'s phrases are `texts[first[s]..first[s + 1]]`.
    pub(crate) first: Vec<u32>,
    pub(crate) texts: crate::flat::Arena,
    /// The phrases that must begin a sentence (`^`), as indices `first[s] + k`, in order. Kept
    /// apart from the texts so that an engine read from tables checks them too.
    pub(crate) anchored: Vec<u32>,
}

impl Default for PhraseTexts {
    fn default() -> Self {
        PhraseTexts {
            first: vec![0],
            texts: Default::default(),
            anchored: Vec::new(),
        }
    }
}

impl PhraseTexts {
    /// Adds the next signal's phrases.
    pub(crate) fn push(&mut self, phrases: &[String]) {
        for p in phrases {
            // (a phrase of pieces says for each piece: `crate::matcher::Piece`)
            if crate::phrase::is_anchored(p) && !crate::phrase::has_pieces(p) {
                self.anchored.push(self.texts.len() as u32);
            }
            self.texts.push(p.as_bytes());
        }
        self.first.push(self.texts.len() as u32);
    }

    /// Phrase `k` of signal `signal` (empty if there is none, or the texts are not there).
    pub(crate) fn get(&self, signal: usize, k: usize) -> &str {
        match self.first.get(signal) {
            Some(&f) if k < self.count(signal) => self.texts.str(f as usize + k),
            _ => "",
        }
    }

    /// Whether phrase `k` of `signal` must begin a sentence (`^`).
    pub(crate) fn is_anchored(&self, signal: usize, k: usize) -> bool {
        !self.anchored.is_empty()
            && self
                .first
                .get(signal)
                .is_some_and(|&f| self.anchored.binary_search(&(f + k as u32)).is_ok())
    }

    /// Number of phrases of `signal`.
    pub(crate) fn count(&self, signal: usize) -> usize {
        match (self.first.get(signal), self.first.get(signal + 1)) {
            (Some(&a), Some(&b)) => b.saturating_sub(a) as usize,
            _ => 0,
        }
    }

    /// Number of phrases in all.
    pub(crate) fn total(&self) -> usize {
        self.first.last().map_or(0, |&n| n as usize)
    }

    /// Number of signals.
    pub(crate) fn signals(&self) -> usize {
        self.first.len() - 1
    }
}

/// The compiled engine.
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) bundles: Vec<BundleInfo>,
    pub(crate) model: Model,
    pub(crate) matcher: Matcher,
    /// For each signal, the canonical negation words of its bundle («не», "no", "ne"…): a
    /// bundle's `[negation]` applies to its own phrases (Serbian "pa" is "so", Albanian "pa"
    /// is "without").
    pub(crate) negations: Vec<std::sync::Arc<[String]>>,
    pub(crate) quoting: Option<QuotingRule>,
    pub(crate) reach: Option<ReachRule>,
    /// The phrases of each signal, as written (for `explain`).
    pub(crate) phrases: PhraseTexts,
    pub(crate) support: Vec<SupportEntry>,
    /// Which region each signal's language points to (for posts with no region chosen).
    pub(crate) region_hints: RegionHints,
    /// When the tables were read from a prebuilt file ([`crate::prebuilt`]): the hash of the
    /// document they were made for.
    pub(crate) prebuilt: Option<u64>,
}

// The CLI classifies on several threads with one engine (`scan --jobs`), and the extension
// may share one between tasks: a field that is not `Send + Sync` (an `Rc`, a `RefCell` cache)
// must fail the build, not a user's run.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Engine>();
};

impl Engine {
    /// Builds an engine from compiled JSON documents (the default bundle first, then imports).
    /// Each document is named for error messages. All or nothing.
    pub fn from_json(documents: &[(&str, &str)]) -> Result<Engine, Error> {
        let mut set = BundleSet::default();
        let mut errors = Vec::new();
        for (name, json) in documents {
            match Document::from_json(name, json) {
                Ok(doc) => set.extend(doc.into_set(name)),
                Err(e) => errors.extend(e.problems),
            }
        }
        if !errors.is_empty() {
            return Err(Error { problems: errors });
        }
        Engine::new(&set)
    }

    /// Like [`Engine::from_json`], but reads the engine from `tables` (written by
    /// `redflag compile --tables`, [`crate::prebuilt`]) when they were made for exactly this
    /// one document by this engine; otherwise builds it from the documents, and says why the
    /// tables were not used.
    pub fn from_json_with_tables(
        documents: &[(&str, &str)],
        tables: Option<&[u8]>,
    ) -> Result<(Engine, Option<crate::prebuilt::Refusal>), Error> {
        let refusal = match (documents, tables) {
            (_, None) => None,
            ([(_, json)], Some(t)) => match crate::prebuilt::read(t, json) {
                Ok(engine) => return Ok((engine, None)),
                Err(why) => Some(why),
            },
            // tables are made for the shipped document alone
            (_, Some(_)) => Some(crate::prebuilt::Refusal::Document),
        };
        Engine::from_json(documents).map(|e| (e, refusal))
    }

    /// An engine from prebuilt tables alone ([`crate::prebuilt::read_alone`]): for the
    /// shipped document the tables were made for, without reading it; check with
    /// [`Engine::made_for`] that the document is that one.
    pub fn from_tables(tables: &[u8]) -> Result<Engine, crate::prebuilt::Refusal> {
        crate::prebuilt::read_alone(tables)
    }

    /// Whether this engine was read from prebuilt tables made for exactly `document` (`false`
    /// for an engine built from documents).
    pub fn made_for(&self, document: &str) -> bool {
        self.prebuilt == Some(crate::prebuilt::hash(document.as_bytes()))
    }

    /// The prebuilt tables of this engine, built from the compiled document `document` (its
    /// exact text): see [`crate::prebuilt`].
    #[cfg(feature = "cli")]
    pub fn tables(&self, document: &str) -> Vec<u8> {
        crate::prebuilt::write(self, document)
    }

    /// Builds an engine from a bundle set, after validating it.
    pub fn new(set: &BundleSet) -> Result<Engine, Error> {
        // (the checks and the classes ask for the same members' spellings)
        phrase::remembering_members(|| Engine::build(set))
    }

    /// [`Engine::new`].
    fn build(set: &BundleSet) -> Result<Engine, Error> {
        set.validate()?;
        let mut families = Vec::new();
        let mut family_index: HashMap<&str, usize> = HashMap::new();
        let mut scoring = None;
        for sb in &set.bundles {
            if let Some(s) = &sb.bundle.scoring {
                scoring = Some(s.clone());
            }
            for f in &sb.bundle.families {
                family_index.insert(&f.id, families.len());
                families.push(FamilyModel {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    weight: f.weight.unwrap_or(0.0),
                    factor: f.factor,
                    keeps_floors_of: Vec::new(),
                    categories: f.categories.clone(),
                });
            }
        }
        // which raising families' floors each lowering family keeps (by index)
        for sb in &set.bundles {
            for f in &sb.bundle.families {
                families[family_index[f.id.as_str()]].keeps_floors_of = f
                    .keeps_floors_of
                    .iter()
                    .map(|k| family_index[k.as_str()])
                    .collect();
            }
        }
        let scoring = scoring.expect("validated: a bundle defines scoring");
        let mut negations = Vec::new();
        let mut quoting = None;
        let mut reach = None;
        for sb in &set.bundles {
            if let Some(q) = &sb.bundle.quoting {
                quoting = Some(q.clone());
            }
            if let Some(r) = &sb.bundle.reach {
                reach = Some(ReachRule {
                    families: r
                        .families
                        .iter()
                        .map(|f| family_index[f.as_str()])
                        .collect(),
                    min_words: r.min_words as usize,
                    far_power: r.far_power,
                });
            }
        }
        let mut signals = Vec::new();
        let mut phrases = PhraseTexts::default();
        let mut builder = MatcherBuilder::default();
        let mut combinations = Vec::new();
        for sb in &set.bundles {
            let b = &sb.bundle;
            for c in &b.combinations {
                combinations.push(CombinationModel {
                    id: c.id.clone(),
                    all: c.all.iter().map(|f| family_index[f.as_str()]).collect(),
                    any: c.any.iter().map(|f| family_index[f.as_str()]).collect(),
                    add: c.add,
                    floor: c.floor,
                });
            }
            // Russian and Ukrainian words also match by their script-free keys (Latin
            // transliteration, spelling by ear: `phonetic`). Serbo-Croatian has both scripts
            // built in (`phrase::variants`) and its ijekavian spelling read in normalization.
            let keyed = b
                .bundle
                .languages
                .iter()
                .any(|l| phonetic::KEYED_LANGUAGES.contains(&l.as_str()));
            // This bundle's word classes, each with every spelling of its members.
            let mut class_ids: HashMap<&str, u32> = HashMap::new();
            for (name, members) in &b.classes {
                let mut words = Vec::new();
                for m in members {
                    // the member as written, then its other spellings (derived: Serbian
                    // Cyrillic and ikavian ones; not derived: Ukrainian euphony)
                    words.extend(
                        phrase::member_spellings(m, &b.bundle.languages)
                            .expect("validated: class members parse"),
                    );
                }
                class_ids.insert(name, builder.add_class(&words, keyed));
            }
            let class_id = |name: &str| class_ids[name];
            let negation: std::sync::Arc<[String]> = b
                .negation
                .iter()
                .flat_map(|n| &n.words)
                .flat_map(|w| phrase::variants(w, &b.bundle.languages).expect("validated"))
                .map(|mut v| v.remove(0).text)
                .collect();
            for s in &b.signals {
                negations.push(negation.clone());
                let family = family_index[s.family.as_str()];
                let index = signals.len() as u32;
                signals.push(SignalModel {
                    id: s.id.clone(),
                    family,
                    weight: s.weight.unwrap_or(families[family].weight),
                    floor: s.floor,
                });
                for (k, p) in s.phrases.iter().enumerate() {
                    if !phrase::has_pieces(p) {
                        let spellings = phrase::spellings(p, &b.bundle.languages)
                            .expect("validated: phrases parse");
                        for (words, derived) in &spellings {
                            builder.add(index, k as u32, words, keyed, *derived, class_id);
                        }
                        continue;
                    }
                    let pieces = phrase::pieces(p).expect("validated: phrases parse");
                    let n = pieces.len();
                    for (j, piece) in pieces.iter().enumerate() {
                        let spellings = phrase::spellings(piece, &b.bundle.languages)
                            .expect("validated: phrases parse");
                        let which = if n > 1 {
                            Piece::new(j, n, phrase::is_anchored(piece))
                        } else {
                            Piece::WHOLE
                        };
                        for (words, derived) in &spellings {
                            builder.add_piece(
                                index, k as u32, words, keyed, *derived, which, class_id,
                            );
                        }
                    }
                }
                phrases.push(&s.phrases);
            }
        }
        // The quoting rule fires a signal of its own (no phrases) in its lowering family.
        let quoting = quoting.map(|q| {
            signals.push(SignalModel {
                id: "quoting".into(),
                family: family_index[q.family.as_str()],
                weight: 0.0,
                floor: None,
            });
            phrases.push(&[]);
            negations.push(Default::default());
            QuotingRule {
                signal: signals.len() - 1,
                min_share: q.min_share,
                min_words_outside: q.min_words_outside as usize,
                unless: q.unless.iter().map(|f| family_index[f.as_str()]).collect(),
            }
        });
        Ok(Engine {
            negations,
            quoting,
            reach,
            bundles: set
                .bundles
                .iter()
                .map(|b| (&b.bundle.bundle).into())
                .collect(),
            model: Model {
                families,
                signals,
                combinations,
                caution: scoring.caution,
                warning: scoring.warning,
                danger: scoring.danger,
                min_dampening: scoring.min_dampening,
            },
            matcher: builder.build(),
            phrases,
            support: set.support.iter().map(|s| s.entry.clone()).collect(),
            region_hints: RegionHints::from_set(set),
            prebuilt: None,
        })
    }

    /// The region whose services fit a language (`sr-Latn` → `RS`), from the language
    /// folders' `default_region`.
    pub fn region_for_language(&self, lang: &str) -> Option<&str> {
        self.region_hints.for_language(lang)
    }

    /// The regions whose services a verdict lists first: the one chosen; else the ones the
    /// language of the matched phrases suggests; else the fallback; else none (international).
    fn regions_for<'a>(
        &'a self,
        options: &Options<'a>,
        matches: &[PhraseMatch],
        ijekavian: bool,
    ) -> Vec<&'a str> {
        if let Some(r) = options.region {
            return vec![r];
        }
        let suggested = self.region_hints.suggest(
            matches.iter().map(|m| (m.signal as usize, m.start, m.end)),
            options.fallback_region,
            ijekavian,
        );
        if suggested.is_empty() {
            options.fallback_region.into_iter().collect()
        } else {
            suggested
        }
    }

    /// A summary of what is loaded.
    pub fn info(&self) -> Info {
        Info {
            format: crate::bundle::FORMAT_VERSION,
            prebuilt: self.prebuilt.is_some(),
            bundles: self.bundles.clone(),
            signals: self.model.signals.len(),
            phrases: self.phrases.total(),
            words: self.matcher.pattern_count(),
            support: self.support.len(),
        }
    }

    /// The support directory.
    pub fn support_directory(&self) -> &[SupportEntry] {
        &self.support
    }

    /// The scoring model (families, signals, thresholds).
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Classifies one text.
    pub fn classify(&self, text: &str, options: &Options) -> Verdict {
        self.run(text, options).0
    }

    /// Classifies many texts (the extension's unit of work: one call per batch).
    pub fn classify_batch<S: AsRef<str>>(&self, texts: &[S], options: &Options) -> Vec<Verdict> {
        texts
            .iter()
            .map(|t| self.classify(t.as_ref(), options))
            .collect()
    }

    /// Classifies one text and says how the verdict came about.
    pub fn explain(&self, text: &str, options: &Options) -> Explanation {
        let (verdict, norm, matches, breakdown, cut) = self.run(text, options);
        let offsets = Utf16Offsets::new(&text[..cut]);
        let matches = matches
            .iter()
            .map(|m| {
                let sig = &self.model.signals[m.signal as usize];
                MatchDetail {
                    signal: sig.id.clone(),
                    family: self.model.families[sig.family].id.clone(),
                    phrase: self
                        .phrases
                        .get(m.signal as usize, m.phrase as usize)
                        .to_string(),
                    evidence: self.evidence(text, &norm, &offsets, m),
                }
            })
            .collect();
        Explanation {
            normalized: norm.as_str().to_string(),
            matches,
            breakdown,
            verdict,
        }
    }

    fn run(
        &self,
        text: &str,
        options: &Options,
    ) -> (Verdict, Normalized, Vec<PhraseMatch>, Breakdown, usize) {
        let mut cut = text.len().min(MAX_TEXT_BYTES);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let read = &text[..cut];
        // (a platform's "show more" link inside the text is read as the space it cut: byte for
        // byte, so offsets into the normalized text still point into `read`)
        let norm = normalize(&residue::blank(read));
        let mut matches = self.matcher.find_in(&norm, read, is_east_slavic(read));
        matches.retain(|m| !self.negated(read, &norm, m) && self.anchor_holds(read, &norm, m));
        if matches.iter().any(|m| m.piece.is_piece()) {
            pair_pieces(&mut matches);
        }
        let quoted = self.quoted(read, &norm, &matches);
        let mut fired: Vec<usize> = matches.iter().map(|m| m.signal as usize).collect();
        if let (Some(rule), Some(_)) = (&self.quoting, quoted) {
            fired.push(rule.signal);
        }
        let mut breakdown = self.model.score(&fired);
        if let Some(b) = self.unreached(read, &norm, &matches, quoted.is_some()) {
            if b.score > breakdown.score {
                breakdown = b;
            }
        }
        let offsets = Utf16Offsets::new(read);
        let mut evidence = Vec::new();
        let mut dampeners = Vec::new();
        // One item per signal (its first occurrence; for a phrase of pieces, each of its
        // pieces). Context-only signals (weight 0, such as an offer of work) are not risk signs
        // and are left out; `explain` still shows them.
        let mut seen: Vec<Option<(u32, bool)>> = vec![None; self.model.signals.len()];
        let mut places: Vec<(usize, usize, usize, &PhraseMatch)> = Vec::new();
        for m in &matches {
            let s = m.signal as usize;
            let sig = &self.model.signals[s];
            let lowers = self.model.families[sig.family].factor.is_some();
            let again = match seen[s] {
                None => {
                    seen[s] = Some((m.phrase, m.piece.is_piece()));
                    false
                }
                // the other pieces of the phrase of pieces shown first
                Some((phrase, pieces)) => !(pieces && m.piece.is_piece() && m.phrase == phrase),
            };
            if again || (!lowers && sig.weight <= 0.0) {
                continue;
            }
            places.push((sig.family, m.start, m.end, m));
        }
        for k in longest_per_family(&places) {
            let (family, _, _, m) = places[k];
            let e = self.evidence(read, &norm, &offsets, m);
            if self.model.families[family].factor.is_some() {
                dampeners.push(e);
            } else {
                evidence.push(e);
            }
        }
        if let (Some(rule), Some((a, b))) = (&self.quoting, quoted) {
            let sig = &self.model.signals[rule.signal];
            dampeners.push(Evidence {
                signal: sig.id.clone(),
                family: self.model.families[sig.family].id.clone(),
                text: read[a..b].to_string(),
                start: offsets.at(a),
                end: offsets.at(b),
            });
        }
        let support = if breakdown.level > Level::None {
            let regions = self.regions_for(options, &matches, norm.ijekavian());
            support::select(&self.support, &breakdown.categories, &regions)
                .into_iter()
                .map(|e| e.id.clone())
                .collect()
        } else {
            Vec::new()
        };
        let verdict = Verdict {
            level: breakdown.level,
            score: (breakdown.score * 100.0).round() / 100.0,
            categories: breakdown.categories.clone(),
            evidence,
            dampeners,
            support,
            truncated: cut < text.len(),
        };
        (verdict, norm, matches, breakdown, cut)
    }

    /// Whether a risk-sign match stands right after a negation («не интим работа»: the words
    /// negated are not offered) and does not itself begin with one ("no experience"). A dash,
    /// a colon, `.`, `!`, `?`, `;` or a line break between them ends the negation's reach:
    /// «Нет — отправлю вашему работодателю», "No. Send your photos" answer something else and
    /// then say the risk sign ([`breaks_negation`]).
    fn negated(&self, original: &str, norm: &Normalized, m: &PhraseMatch) -> bool {
        let negations = &self.negations[m.signal as usize];
        if negations.is_empty() || m.start < 2 {
            return false;
        }
        let sig = &self.model.signals[m.signal as usize];
        // (a vouching that is negated, "не рекомендую", "do not recommend", is a warning)
        let vouches = self
            .quoting
            .as_ref()
            .is_some_and(|q| q.unless.contains(&sig.family));
        if self.model.families[sig.family].factor.is_some() || (sig.weight <= 0.0 && !vouches) {
            return false;
        }
        let text = norm.as_str();
        let bytes = text.as_bytes();
        if bytes[m.start - 1] != b' ' {
            return false; // a piece of a glued word
        }
        let prev_start = text[..m.start - 1].rfind(' ').map_or(0, |i| i + 1);
        let prev = &text[prev_start..m.start - 1];
        let first_end = text[m.start..m.end]
            .find(' ')
            .map_or(m.end, |i| m.start + i);
        let first = &text[m.start..first_end];
        let is_negation = |w: &str| negations.iter().any(|n| n == w);
        if !is_negation(prev) || is_negation(first) {
            return false;
        }
        // what stands between them as written
        let (_, prev_end) = norm.original_range(prev_start, m.start - 1);
        let (sign_start, _) = norm.original_range(m.start, m.end);
        !(prev_end <= sign_start && breaks_negation(&original[prev_end..sign_start]))
    }

    /// Whether a match of a phrase that must begin a sentence (`^`, [`crate::phrase::is_anchored`])
    /// does: nothing but signs, emoji and spaces stands between it and the start of the text
    /// or the last `.`, `!`, `?`, `…` or line break before it. Always true for other phrases.
    fn anchor_holds(&self, text: &str, norm: &Normalized, m: &PhraseMatch) -> bool {
        let anchored = if m.piece.is_piece() {
            m.piece.anchored()
        } else {
            self.phrases
                .is_anchored(m.signal as usize, m.phrase as usize)
        };
        if !anchored {
            return true;
        }
        let at = norm.original_range(m.start, m.end).0;
        for c in text[..at].chars().rev() {
            if c.is_alphanumeric() {
                return false;
            }
            if matches!(c, '.' | '!' | '?' | '…' | '\n' | '\r') {
                return true;
            }
        }
        true
    }

    /// The best score of a run of sentences that no lowering family of limited reach
    /// reaches ([`crate::reach`]), scored on its own signs with the other lowering families.
    fn unreached(
        &self,
        text: &str,
        norm: &Normalized,
        matches: &[PhraseMatch],
        quoted: bool,
    ) -> Option<Breakdown> {
        let rule = self.reach.as_ref()?;
        let fam = |m: &PhraseMatch| self.model.signals[m.signal as usize].family;
        let near = |f: usize| rule.families.contains(&f);
        if !matches.iter().any(|m| near(fam(m)))
            || norm.as_str().split(' ').count() < rule.min_words
        {
            return None;
        }
        let starts = crate::reach::sentence_starts(text);
        let sentence: Vec<usize> = matches
            .iter()
            .map(|m| crate::reach::sentence_of(&starts, norm.original_range(m.start, m.end).0))
            .collect();
        // the sentences these families' words stand in split the others into runs
        let mut reached = vec![false; starts.len()];
        for (m, &s) in matches.iter().zip(&sentence) {
            if near(fam(m)) {
                reached[s] = true;
            }
        }
        let mut run = vec![usize::MAX; starts.len()];
        let mut k = 0;
        for (s, r) in reached.iter().enumerate() {
            if *r {
                k += 1;
            } else {
                run[s] = k;
            }
        }
        let global: Vec<usize> = matches
            .iter()
            .filter(|m| self.model.families[fam(m)].factor.is_some() && !near(fam(m)))
            .map(|m| m.signal as usize)
            .chain(
                quoted
                    .then(|| self.quoting.as_ref().map(|q| q.signal))
                    .flatten(),
            )
            .collect();
        let mut near_fams: Vec<usize> = matches.iter().map(fam).filter(|&f| near(f)).collect();
        near_fams.sort_unstable();
        near_fams.dedup();
        let far = near_fams
            .iter()
            .map(|&f| self.model.families[f].factor.unwrap_or(1.0))
            .product::<f64>()
            .powf(rule.far_power);
        let mut best: Option<Breakdown> = None;
        for r in 0..=k {
            let mut fired: Vec<usize> = matches
                .iter()
                .zip(&sentence)
                .filter(|(m, &s)| run[s] == r && self.model.families[fam(m)].factor.is_none())
                .map(|(m, _)| m.signal as usize)
                .collect();
            if fired.is_empty() {
                continue;
            }
            fired.extend(&global);
            let mut b = self.model.score(&fired);
            // (never below `min_dampening` of the run's points, like every lowering)
            b.score = (b.score * far).max(b.score.min(b.raw * self.model.min_dampening));
            b.factor *= far;
            b.level = self.model.level_of(b.score);
            if b.level == Level::None {
                b.categories.clear();
            }
            if best.as_ref().is_none_or(|x| b.score > x.score) {
                best = Some(b);
            }
        }
        best
    }

    /// When the `[quoting]` rule applies to a text (its risk signs stand mostly inside
    /// quotation marks, with enough words outside): the byte range of the first quoted
    /// passage holding a risk sign.
    fn quoted(
        &self,
        text: &str,
        norm: &Normalized,
        matches: &[PhraseMatch],
    ) -> Option<(usize, usize)> {
        let rule = self.quoting.as_ref()?;
        // (most texts have no risk sign: then the rule does not apply, quotes or not)
        let risk_sign = |m: &PhraseMatch| {
            let sig = &self.model.signals[m.signal as usize];
            self.model.families[sig.family].factor.is_none() && sig.weight > 0.0
        };
        if !matches.iter().any(risk_sign) {
            return None;
        }
        // a poster who vouches for what they quote is not reporting on it
        if matches.iter().any(|m| {
            rule.unless
                .contains(&self.model.signals[m.signal as usize].family)
        }) {
            return None;
        }
        let spans = quotes::spans(text);
        if spans.is_empty() {
            return None;
        }
        let inside = |byte: usize| spans.iter().position(|&(a, b)| a <= byte && byte < b);
        let mut risk = 0usize;
        let mut quoted = 0usize;
        let mut first: Option<usize> = None;
        for m in matches {
            let sig = &self.model.signals[m.signal as usize];
            if self.model.families[sig.family].factor.is_some() || sig.weight <= 0.0 {
                continue;
            }
            risk += 1;
            if let Some(k) = inside(norm.original_range(m.start, m.end).0) {
                quoted += 1;
                first = Some(first.map_or(k, |f| f.min(k)));
            }
        }
        if risk == 0 || (quoted as f64) < rule.min_share * risk as f64 {
            return None;
        }
        let s = norm.as_str();
        let mut outside = 0usize;
        let mut at = 0usize;
        for w in s.split(' ') {
            // (an emoji is not a word the post says: [`crate::pictographs`])
            if !w.is_empty()
                && !crate::pictographs::is_pictograph_word(w)
                && inside(norm.original_range(at, at + w.len()).0).is_none()
            {
                outside += 1;
            }
            at += w.len() + 1;
        }
        (outside >= rule.min_words_outside).then(|| spans[first.expect("quoted > 0")])
    }

    fn evidence(
        &self,
        text: &str,
        norm: &Normalized,
        offsets: &Utf16Offsets,
        m: &PhraseMatch,
    ) -> Evidence {
        let sig = &self.model.signals[m.signal as usize];
        let (a, b) = norm.original_range(m.start, m.end);
        Evidence {
            signal: sig.id.clone(),
            family: self.model.families[sig.family].id.clone(),
            text: text[a..b].to_string(),
            start: offsets.at(a),
            end: offsets.at(b),
        }
    }
}

/// Whether a text is written in Russian, Ukrainian or Belarusian Cyrillic: it has letters only
/// those alphabets use (ы э ъ щ й ё і ї є ґ ў, and я ю ь, which Serbian and Macedonian
/// Cyrillic never write) and none only Serbian and Macedonian use (ј љ њ ћ ђ џ ѓ ќ ѕ). Such a
/// text is not matched by Serbian Cyrillic spellings derived from Latin phrases: «хостес» and
/// «пишите» are Russian words too, and the Serbian news word `priveden*` read Russian
/// «приведённую» («5000 за каждую приведённую девушку») as news.
fn is_east_slavic(text: &str) -> bool {
    // Every letter named above is in U+0400..U+04BF, two bytes in UTF-8 led by 0xD0..=0xD2
    // (never a continuation byte): the text is read byte by byte and only those pairs are
    // decoded (decoding every character of every post cost 4 % of `redflag scan`).
    let bytes = text.as_bytes();
    let mut east = false;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let lead = bytes[i];
        if !(0xD0..=0xD2).contains(&lead) {
            i += 1;
            continue;
        }
        let code = u32::from(lead & 0x1F) << 6 | u32::from(bytes[i + 1] & 0x3F);
        i += 2;
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        match c {
            'ы' | 'Ы' | 'э' | 'Э' | 'ъ' | 'Ъ' | 'щ' | 'Щ' | 'й' | 'Й' | 'ё' | 'Ё' | 'і' | 'І'
            | 'ї' | 'Ї' | 'є' | 'Є' | 'ґ' | 'Ґ' | 'ў' | 'Ў' | 'я' | 'Я' | 'ю' | 'Ю' | 'ь' | 'Ь' => {
                east = true
            }
            'ј' | 'Ј' | 'љ' | 'Љ' | 'њ' | 'Њ' | 'ћ' | 'Ћ' | 'ђ' | 'Ђ' | 'џ' | 'Џ' | 'ѓ' | 'Ѓ'
            | 'ќ' | 'Ќ' | 'ѕ' | 'Ѕ' => return false,
            _ => {}
        }
    }
    east
}

/// Keeps, of the matches of pieces of phrases of pieces (`a ~~ b`), those of phrases whose
/// every piece matched, not overlapping one another: for each such phrase, one match of each
/// piece (the earliest that fit). Matches of whole phrases stay as they are. A post's matches
/// are few, and a phrase has at most three pieces: the search over their matches is small.
fn pair_pieces(matches: &mut Vec<PhraseMatch>) {
    // (signal, phrase) of each phrase of pieces that matched, with its pieces' matches
    type Group = ((u32, u32), [Vec<usize>; crate::phrase::MAX_PIECES]);
    let mut groups: Vec<Group> = Vec::new();
    for (i, m) in matches.iter().enumerate() {
        if !m.piece.is_piece() {
            continue;
        }
        let key = (m.signal, m.phrase);
        let g = match groups.iter().position(|g| g.0 == key) {
            Some(g) => g,
            None => {
                groups.push((key, Default::default()));
                groups.len() - 1
            }
        };
        groups[g].1[m.piece.index()].push(i);
    }
    let mut keep = vec![true; matches.len()];
    for (_, by_piece) in &groups {
        for &i in by_piece.iter().flatten() {
            keep[i] = false;
        }
        let count = matches[by_piece.iter().flatten().next().copied().unwrap_or(0)]
            .piece
            .count();
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        if choose_pieces(matches, &by_piece[..count.min(by_piece.len())], &mut chosen) {
            for i in chosen {
                keep[i] = true;
            }
        }
    }
    let mut k = 0;
    matches.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// One match of each piece (`by_piece[j]`: the matches of piece `j`, in text order), none
/// overlapping another, into `chosen`: whether there is such a choice.
fn choose_pieces(
    matches: &[PhraseMatch],
    by_piece: &[Vec<usize>],
    chosen: &mut Vec<usize>,
) -> bool {
    let Some((first, rest)) = by_piece.split_first() else {
        return true;
    };
    for &i in first {
        let m = &matches[i];
        let free = chosen.iter().all(|&j| {
            let o = &matches[j];
            m.end <= o.start || o.end <= m.start
        });
        if free {
            chosen.push(i);
            if choose_pieces(matches, rest, chosen) {
                return true;
            }
            chosen.pop();
        }
    }
    false
}

/// Which of `places` (family, start, end, …; in text order) to show: of matches of one family
/// that overlap, only the longest (the first of equally long ones). Several bundles carry the
/// same phrase, and one ad's "VIP hostess in Dubai" matches "VIP hostess", "hostess",
/// "hostess in Dubai": one line per family and place says it once. Returns indices in text
/// order.
fn longest_per_family<T>(places: &[(usize, usize, usize, T)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..places.len()).collect();
    // longest first, then earliest
    order.sort_by_key(|&k| {
        let (_, a, b, _) = places[k];
        (std::cmp::Reverse(b - a), a)
    });
    let mut kept: Vec<usize> = Vec::new();
    for k in order {
        let (f, a, b, _) = places[k];
        let overlaps = kept.iter().any(|&j| {
            let (g, c, d, _) = places[j];
            g == f && a < d && c < b
        });
        if !overlaps {
            kept.push(k);
        }
    }
    kept.sort_unstable();
    kept
}

/// Whether the text written between a negation word and a risk sign ends the negation's reach:
/// a dash (`—`, `–`, or `-` with a space beside it: a hyphen inside «не-» is no dash), a colon,
/// `.`, `!`, `?`, `…`, `;` or a line break. A comma does not («не, не интим»).
fn breaks_negation(between: &str) -> bool {
    let b = between.as_bytes();
    between.char_indices().any(|(i, c)| match c {
        ':' | '.' | '!' | '?' | '…' | ';' | '\n' | '\r' | '\u{2012}'..='\u{2015}' | '\u{2212}' => {
            true
        }
        '-' | '\u{2010}' | '\u{2011}' => {
            let space = |k: Option<&u8>| k.is_some_and(|b| b.is_ascii_whitespace());
            space(i.checked_sub(1).and_then(|k| b.get(k))) || space(b.get(i + 1))
        }
        _ => false,
    })
}

/// Converts byte offsets of a text to UTF-16 offsets (what JavaScript strings use).
struct Utf16Offsets<'a> {
    text: &'a str,
    ascii: bool,
    /// The last position asked for, in bytes and UTF-16 units: evidence comes in text order,
    /// so each lookup counts only from the previous one (linear in the text, not per item).
    cursor: std::cell::Cell<(usize, u32)>,
}

impl<'a> Utf16Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Offsets {
            text,
            ascii: text.is_ascii(),
            cursor: std::cell::Cell::new((0, 0)),
        }
    }

    fn at(&self, byte: usize) -> u32 {
        if self.ascii {
            return byte as u32;
        }
        let (mut from, mut units) = self.cursor.get();
        if byte < from {
            (from, units) = (0, 0);
        }
        // UTF-16 units = characters (bytes that are not continuation bytes) + one more for
        // each four-byte character.
        units += self.text.as_bytes()[from..byte]
            .iter()
            .map(|&b| u32::from((b as i8) >= -0x40) + u32::from(b >= 0xF0))
            .sum::<u32>();
        self.cursor.set((byte, units));
        units
    }
}

#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;
    use crate::authoring::parse_toml;

    const CORE: &str = r#"
[bundle]
id = "core"
title = "t"
version = "1"
licence = "x"
maintainer = "m"
[scoring]
caution = 1.0
warning = 2.0
danger = 3.0
[quoting]
family = "news"
min_share = 0.6
min_words_outside = 4
[negation]
words = ["не", "без"]
[[family]]
id = "women_only"
name = "w"
weight = 1.0
categories = ["recruitment"]
[[family]]
id = "job_offer"
name = "j"
weight = 0.0
[[family]]
id = "news"
name = "n"
factor = 0.5
[[signal]]
id = "girls"
family = "women_only"
phrases = ["девуш*", "girls only"]
[[signal]]
id = "girls2"
family = "women_only"
phrases = ["девушки"]
[[signal]]
id = "no_experience"
family = "women_only"
phrases = ["без опыта"]
[[signal]]
id = "job"
family = "job_offer"
phrases = ["работа"]
[[signal]]
id = "police"
family = "news"
phrases = ["полиция"]
[[signal]]
id = "ladies"
family = "women_only"
phrases = ["^ ladies"]
"#;

    fn engine() -> Engine {
        Engine::new(&parse_toml("core.toml", CORE).unwrap()).unwrap()
    }

    /// A core with a lowering family (`contract`) whose words reach only their sentence.
    fn reach_engine(with_reach: bool) -> Engine {
        let reach = "[reach]\nfamilies = [\"contract\"]\nmin_words = 12\nfar_power = 0.5\n";
        let core = format!(
            r#"
[bundle]
id = "core"
title = "t"
version = "1"
licence = "x"
maintainer = "m"
[scoring]
caution = 1.0
warning = 2.0
danger = 3.0
{}
[[family]]
id = "women_only"
name = "w"
weight = 1.0
categories = ["recruitment"]
[[family]]
id = "high_pay"
name = "h"
weight = 1.0
categories = ["recruitment"]
[[family]]
id = "contract"
name = "c"
factor = 0.5
[[family]]
id = "news"
name = "n"
factor = 0.5
[[combination]]
id = "women_and_money"
all = ["women_only", "high_pay"]
add = 1.0
[[signal]]
id = "girls"
family = "women_only"
phrases = ["girls wanted"]
[[signal]]
id = "pay"
family = "high_pay"
phrases = ["high pay"]
[[signal]]
id = "contract"
family = "contract"
phrases = ["contract"]
[[signal]]
id = "police"
family = "news"
phrases = ["police"]
"#,
            if with_reach { reach } else { "" }
        );
        Engine::new(&parse_toml("core.toml", &core).unwrap()).unwrap()
    }

    #[test]
    fn a_poster_who_vouches_for_a_quoted_ad_is_not_reporting_on_it() {
        let core = r#"
[bundle]
id = "core"
title = "t"
version = "1"
licence = "x"
maintainer = "m"
[scoring]
caution = 1.0
warning = 2.0
danger = 3.0
[quoting]
family = "news"
min_share = 0.6
min_words_outside = 4
unless = ["endorsement"]
[negation]
words = ["not"]
[[family]]
id = "women_only"
name = "w"
weight = 2.0
categories = ["recruitment"]
[[family]]
id = "endorsement"
name = "e"
weight = 0.0
[[family]]
id = "news"
name = "n"
factor = 0.5
[[signal]]
id = "girls"
family = "women_only"
phrases = ["girls wanted"]
[[signal]]
id = "vouching"
family = "endorsement"
phrases = ["worked there ~~ recommend"]
"#;
        let e = Engine::new(&parse_toml("core.toml", core).unwrap()).unwrap();
        let o = Options::default();
        let score = |t: &str| e.classify(t, &o).score;
        // a reader asking about an ad: the quote lowers it
        assert_eq!(
            score("Someone posted this today, what do you think: \"girls wanted\""),
            1.0
        );
        // the poster worked there and recommends it: the quote lowers nothing
        assert_eq!(
            score("I worked there myself and I recommend it: \"girls wanted\""),
            2.0
        );
        // a negated recommendation is a warning, not a vouching
        assert_eq!(
            score("I worked there myself and I do not recommend it: \"girls wanted\""),
            1.0
        );
    }

    #[test]
    fn a_lowering_family_of_sentence_reach_lowers_its_own_sentence_fully_and_others_less() {
        let o = Options::default();
        let long = "We are a family firm and everyone signs a contract. The sea is warm and \
                    the food is good here. Girls wanted, high pay.";
        // without [reach] the contract lowers the whole post: 3.0 x 0.5
        assert_eq!(reach_engine(false).classify(long, &o).score, 1.5);
        // with it the last sentence is scored on its own: 3.0 x 0.5^0.5
        let v = reach_engine(true).classify(long, &o);
        assert_eq!((v.level, v.score), (Level::Warning, 2.12));
        assert_eq!(v.dampeners[0].signal, "contract");
        // the contract in the same sentence as the signs lowers them fully
        let same = "We are a family firm near the sea and the food is good here. Girls \
                    wanted, high pay, contract.";
        assert_eq!(reach_engine(true).classify(same, &o).score, 1.5);
        // a short post keeps the whole-post lowering
        let short = "Contract for all. Girls wanted, high pay.";
        assert_eq!(reach_engine(true).classify(short, &o).score, 1.5);
        // other lowering families still lower every sentence
        let news = format!("{long} The police said so.");
        assert_eq!(reach_engine(true).classify(&news, &o).score, 1.06);
    }

    #[test]
    fn evidence_offsets_are_utf16_and_point_at_the_original_text() {
        let text = "💋💋 Работа для дeвушек!";
        let v = engine().classify(text, &Options::default());
        let e = &v.evidence[0];
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[e.start as usize..e.end as usize]).unwrap(),
            "дeвушек"
        );
        assert_eq!(e.text, "дeвушек");
    }

    #[test]
    fn context_signals_are_not_evidence_and_duplicates_are_merged() {
        let v = engine().classify("Работа: девушки", &Options::default());
        let signals: Vec<&str> = v.evidence.iter().map(|e| e.signal.as_str()).collect();
        // "job" has weight 0 (context only); "girls2" matches the same words as "girls"
        assert_eq!(signals, vec!["girls"]);
    }

    /// `is_east_slavic` as first written, one character at a time.
    fn is_east_slavic_by_chars(text: &str) -> bool {
        let mut east = false;
        for c in text.chars() {
            if "ыЫэЭъЪщЩйЙёЁіІїЇєЄґҐўЎяЯюЮьЬ".contains(c) {
                east = true;
            } else if "јЈљЉњЊћЋђЂџЏѓЃќЌѕЅ".contains(c) {
                return false;
            }
        }
        east
    }

    #[test]
    fn east_slavic_by_bytes_reads_as_by_characters() {
        // every character of U+0380..U+0500 and some around, alone and after others
        let chars: Vec<char> = (0x380..0x500u32)
            .chain([0x41, 0xE9, 0x1E9E, 0x1F600])
            .filter_map(char::from_u32)
            .collect();
        for &c in &chars {
            for prefix in ["", "а", "ы", "ј", "x", "💋"] {
                let text = format!("{prefix}{c} текст");
                assert_eq!(
                    is_east_slavic(&text),
                    is_east_slavic_by_chars(&text),
                    "{text}"
                );
            }
        }
        assert!(is_east_slavic("Требуются девушки"));
        assert!(!is_east_slavic("Потребне девојке"));
        assert!(!is_east_slavic("девушки и девојке"));
        assert!(!is_east_slavic("posao u inostranstvu"));
    }

    #[test]
    fn russian_text_is_not_read_as_serbian_cyrillic() {
        assert!(is_east_slavic("Ресторан ищет хостес, опыт не нужен"));
        assert!(is_east_slavic("Потрібні дівчата"));
        // я, ю, ь alone tell it too: Serbian Cyrillic has none of them
        assert!(is_east_slavic("5000 за каждую приведенную девушку"));
        assert!(is_east_slavic("Работа для девушек, пишите мне"));
        assert!(!is_east_slavic(
            "Тражимо хостесе за рад у иностранству, пишите"
        ));
        assert!(!is_east_slavic("Девојке, смештај плаћен — пишите"));
        assert!(!is_east_slavic("hostess wanted"));
        let set = crate::authoring::parse_toml(
            "sr.toml",
            r#"
[bundle]
id = "sr"
title = "t"
version = "1"
languages = ["sr"]
licence = "x"
maintainer = "m"
[classes]
job = ["hostes*"]
[[signal]]
id = "sr.hostess"
family = "women_only"
phrases = ["hostes*", "@job ~1 inostranstv*"]
"#,
        )
        .unwrap();
        let mut all = parse_toml("core.toml", CORE).unwrap();
        all.extend(set);
        let e = Engine::new(&all).unwrap();
        let o = Options::default();
        // the derived Cyrillic phrase and class member serve Serbian Cyrillic text…
        assert_eq!(
            e.classify("Тражимо хостесе у иностранство", &o)
                .evidence
                .len(),
            1
        );
        // …but not a Russian text (ы, й: Russian letters)
        assert!(e
            .classify("Ресторан ищет хостес, опыт не нужен", &o)
            .evidence
            .is_empty());
        assert_eq!(
            e.classify("Tražimo hostese u inostranstvo", &o)
                .evidence
                .len(),
            1
        );
    }

    #[test]
    fn overlapping_evidence_of_one_family_shows_once_the_longest() {
        let places = [
            (0, 0, 11, ()),  // VIP hostess
            (0, 4, 11, ()),  // hostess
            (0, 4, 20, ()),  // hostess in Dubai
            (1, 12, 20, ()), // in Dubai (another family)
            (1, 15, 20, ()), // Dubai
            (0, 30, 40, ()), // elsewhere
        ];
        assert_eq!(longest_per_family(&places), vec![2, 3, 5]);
    }

    #[test]
    fn dampeners_are_reported_separately_and_lower_the_level() {
        let v = engine().classify("Полиция: девушки", &Options::default());
        assert_eq!(v.dampeners[0].signal, "police");
        assert_eq!(v.level, Level::None);
        assert!(v.categories.is_empty() && v.support.is_empty());
    }

    fn signals(v: &Verdict) -> Vec<&str> {
        v.evidence.iter().map(|e| e.signal.as_str()).collect()
    }

    #[test]
    fn a_negated_risk_sign_does_not_count() {
        let e = engine();
        let o = Options::default();
        assert_eq!(signals(&e.classify("нужны девушки", &o)), ["girls"]);
        assert!(e.classify("нужны не девушки", &o).evidence.is_empty());
        assert!(e.classify("работа без девушек", &o).evidence.is_empty());
        // a phrase that begins with a negation is itself the sign
        assert_eq!(
            signals(&e.classify("работа без опыта", &o)),
            ["no_experience"]
        );
        // a dash, a colon, sentence punctuation or a line break ends the negation's reach
        for text in [
            "Не — девушки",
            "не - девушки",
            "не: девушки",
            "Не. Девушки",
            "не! девушки",
            "не?? девушки",
            "не; девушки",
            "не\nдевушки",
            "не… девушки",
        ] {
            assert_eq!(signals(&e.classify(text, &o)), ["girls"], "{text}");
        }
        // a comma, quotes or a hyphen inside a word do not
        for text in ["не, девушки", "не «девушки»", "не-девушки", "не (девушки)"]
        {
            assert!(e.classify(text, &o).evidence.is_empty(), "{text}");
        }
    }

    #[test]
    fn an_anchored_phrase_matches_only_where_a_sentence_begins() {
        let e = engine();
        let o = Options::default();
        for text in [
            "Ladies, work tonight",
            "✅ «Ladies» 👋 work tonight",
            "Hi all. Ladies! work tonight",
            "Hi all…\n— ladies, work tonight",
        ] {
            assert_eq!(signals(&e.classify(text, &o)), ["ladies"], "{text}");
        }
        for text in [
            "Hi ladies, work tonight",
            "The ladies' team won 3:1",
            "hi 👋 ladies",
        ] {
            assert!(e.classify(text, &o).evidence.is_empty(), "{text}");
        }
    }

    #[test]
    fn risk_signs_quoted_in_a_report_are_lowered() {
        let e = engine();
        let o = Options::default();
        let report = e.classify(
            "Мы нашли объявление «девушки» и сообщили модераторам сайта",
            &o,
        );
        assert_eq!(report.dampeners.len(), 1);
        assert_eq!(report.dampeners[0].signal, "quoting");
        assert_eq!(report.dampeners[0].text, "девушки");
        assert!(report.score < 1.0, "{}", report.score);
        // a quoted word in an ad whose other signs stand outside quotes
        let ad = e.classify("«VIP» девушки, только девушки, работа для девушек", &o);
        assert!(ad.dampeners.is_empty());
        // quotes with little said around them: a repost of the ad itself
        let repost = e.classify("Смотри: «девушки»", &o);
        assert!(repost.dampeners.is_empty());
    }

    #[test]
    fn very_long_texts_are_cut_and_say_so() {
        let mut text = "x".repeat(MAX_TEXT_BYTES - 1);
        text.push_str("ж девушки");
        let v = engine().classify(&text, &Options::default());
        assert!(v.truncated);
        assert!(
            v.evidence.is_empty(),
            "the part after the limit is not read"
        );
        let short = engine().classify("девушки", &Options::default());
        assert!(!short.truncated);
    }

    const CLASSES: &str = r#"
[bundle]
id = "xx"
title = "t"
version = "1"
languages = ["sr"]
licence = "x"
maintainer = "m"

[classes]
hire = ["tražimo", "potrebn*"]
girls = [
  "devojke",
  "dame",
]

[[signal]]
id = "xx.girls"
family = "women_only"
phrases = ["@hire ~1 @girls"]
"#;

    fn with_core(extra: &str) -> Result<Engine, crate::error::Error> {
        let mut set = parse_toml("core.toml", CORE).unwrap();
        set.extend(parse_toml("xx.toml", extra)?);
        Engine::new(&set)
    }

    #[test]
    fn word_classes_match_in_both_serbian_scripts() {
        let e = with_core(CLASSES).unwrap();
        for text in [
            "Tražimo hitno devojke",
            "потребне су девојке",
            "potrebne dame",
        ] {
            let v = e.classify(text, &Options::default());
            assert_eq!(v.evidence.len(), 1, "{text}");
            assert_eq!(v.evidence[0].signal, "xx.girls", "{text}");
        }
        assert!(e
            .classify("tražimo radnike", &Options::default())
            .evidence
            .is_empty());
    }

    /// A bundle of one language with one signal of `phrases` (and a class `girls`).
    fn one_language(lang: &str, girls: &[&str], phrases: &[&str]) -> Engine {
        let quote = |l: &[&str]| {
            l.iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        with_core(&format!(
            "[bundle]\nid = \"xx\"\ntitle = \"t\"\nversion = \"1\"\nlanguages = [\"{lang}\"]\n\
             licence = \"x\"\nmaintainer = \"m\"\n\n[classes]\ngirls = [{}]\n\n\
             [[signal]]\nid = \"xx.s\"\nfamily = \"women_only\"\nphrases = [{}]\n",
            quote(girls),
            quote(phrases)
        ))
        .unwrap()
    }

    fn fires(e: &Engine, text: &str) -> bool {
        e.classify(text, &Options::default())
            .evidence
            .iter()
            .any(|x| x.signal == "xx.s")
    }

    #[test]
    fn ukrainian_euphony_matches_both_spellings() {
        let e = one_language(
            "uk",
            &["дівчат*", "усі"],
            &[
                "вже ~1 у польщ*",
                "житло й квиток",
                "@girls із нами",
                "всі @girls",
            ],
        );
        for text in [
            "Вже їдемо у Польщу",
            "уже їдемо в Польщу",
            "Уже у Польщу",
            "житло і квиток",
            "житло й квиток",
            "дівчата з нами",
            "дівчата зі нами",
            "усі дівчата",
            "всі дівчата",
            "вси дівчата",
            // and the Latin transliteration of either
            "uzhe yidemo v Polshchu",
            "vzhe u Polshchu",
        ] {
            assert!(fires(&e, text), "{text}");
        }
        // the evidence is the text as written
        let v = e.classify("Терміново! Уже в Польщу", &Options::default());
        assert_eq!(v.evidence[0].text, "Уже в Польщу");
        assert!(!fires(&e, "вже на Польщу"));
        // Russian phrases are left as written: «у» and «в» are different words there
        let ru = one_language("ru", &["девуш*"], &["у @girls"]);
        assert!(fires(&ru, "у девушек") && !fires(&ru, "в девушек"));
    }

    #[test]
    fn ijekavian_phrases_match_ikavian_text() {
        let e = one_language(
            "hr",
            &["djevojk*", "cure"],
            &["lijepe @girls", "plaća mjesečno", "smještaj ~2 plaćen"],
        );
        for text in [
            "Lijepe djevojke",
            "lepe devojke",
            "лепе девојке",
            "Lipe divojke",
            "lipe cure",
            "plaća misečno",
            "plaća misecno",
            "Smištaj i put plaćen",
        ] {
            assert!(fires(&e, text), "{text}");
        }
        let v = e.classify("Tražimo lipe divojke!", &Options::default());
        assert_eq!(v.evidence[0].text, "lipe divojke");
        // an ekavian phrase has no yat to read as `i`; other `i` stay what they are
        let sr = one_language("sr", &["devojk*"], &["lepe @girls"]);
        assert!(fires(&sr, "lepe devojke") && !fires(&sr, "lipe divojke"));
        assert!(!fires(&e, "lipe dive"));
    }

    #[test]
    fn class_errors_name_file_line_and_class() {
        let unknown = CLASSES.replace("@hire ~1 @girls", "@hire ~1 @women");
        let err = with_core(&unknown).unwrap_err().to_string();
        assert!(
            err.contains("xx.toml:20") && err.contains("@women"),
            "{err}"
        );
        let two_words = CLASSES.replace("\"dame\"", "\"mlade dame\"");
        let err = with_core(&two_words).unwrap_err().to_string();
        assert!(
            err.contains("xx.toml:14") && err.contains("one word"),
            "{err}"
        );
        // an unused class is a warning for lint, not an error
        let unused = CLASSES.replace("[classes]", "[classes]\ncity = [\"beograd\"]");
        let mut set = parse_toml("core.toml", CORE).unwrap();
        set.extend(parse_toml("xx.toml", &unused).unwrap());
        assert!(Engine::new(&set).is_ok());
        let problems = set.check();
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("@city is not used") && p.location.line == Some(11)),
            "{problems:?}"
        );
    }

    /// Core plus a Serbian, a Russian and an English bundle, and one service per region.
    fn engine_with_languages() -> Engine {
        let mut set = parse_toml("core.toml", CORE).unwrap();
        for (lang, phrases) in [
            ("sr", r#"["devojke", "inostranstvo"]"#),
            ("ru", r#"["девушки за границу", "за границу"]"#),
            ("en", r#"["girls wanted", "abroad"]"#),
        ] {
            let src = format!(
                "[bundle]\nid = \"{lang}\"\ntitle = \"t\"\nversion = \"1\"\nlanguages = [\"{lang}\"]\nlicence = \"x\"\nmaintainer = \"m\"\n\
                 [[signal]]\nid = \"{lang}.s\"\nfamily = \"women_only\"\nweight = 3.0\nphrases = {phrases}\n"
            );
            set.extend(parse_toml(&format!("{lang}.toml"), &src).unwrap());
        }
        let mut support = String::new();
        for region in ["RS", "RU", "US", "intl"] {
            support.push_str(&format!(
                "[[service]]\nid = \"{region}-line\"\nregion = \"{region}\"\nname = \"n\"\nhelps = [\"recruitment\"]\n\
                 web = \"https://example.org/\"\nsource = \"s\"\nstatus = \"web_only\"\n"
            ));
        }
        set.extend(parse_toml("support.toml", &support).unwrap());
        set.language_regions = [("sr", "RS"), ("ru", "RU")]
            .into_iter()
            .map(|(l, r)| (l.to_string(), r.to_string()))
            .collect();
        Engine::new(&set).unwrap()
    }

    #[test]
    fn with_no_region_chosen_the_language_of_the_matched_phrases_picks_the_help() {
        let e = engine_with_languages();
        let support = |text: &str, region: Option<&str>, fallback: Option<&str>| {
            e.classify(
                text,
                &Options {
                    region,
                    fallback_region: fallback,
                },
            )
            .support
        };
        // a Serbian post: Serbian services first, then international
        assert_eq!(
            support("devojke za inostranstvo", None, None),
            ["RS-line", "intl-line"]
        );
        // a Russian post: Russian ones
        assert_eq!(
            support("девушки за границу", None, None),
            ["RU-line", "intl-line"]
        );
        // the browser's guess does not override what the post says
        assert_eq!(
            support("девушки за границу", None, Some("US")),
            ["RU-line", "intl-line"]
        );
        // an English post suggests no region (English has none): the guess, else international
        assert_eq!(
            support("girls wanted abroad", None, Some("US")),
            ["US-line", "intl-line"]
        );
        assert_eq!(support("girls wanted abroad", None, None), ["intl-line"]);
        // the person's own choice always wins
        assert_eq!(
            support("devojke za inostranstvo", Some("RU"), None),
            ["RU-line", "intl-line"]
        );
        assert_eq!(
            support("devojke za inostranstvo", Some("intl"), Some("RS")),
            ["intl-line"]
        );
        // a post in two languages, matched as often in each: both regions, the guess first
        assert_eq!(
            support(
                "devojke, inostranstvo, девушки за границу",
                None,
                Some("RU")
            ),
            ["RU-line", "RS-line", "intl-line"]
        );
        assert_eq!(e.region_for_language("sr-Latn"), Some("RS"));
        assert_eq!(e.region_for_language("en-US"), None);
    }

    #[test]
    fn a_broken_document_is_refused_whole() {
        let good =
            serde_json::to_string(&parse_toml("core.toml", CORE).unwrap().to_document()).unwrap();
        let bad = good.replace("\"women_only\",\"phrases\"", "\"nope\",\"phrases\"");
        assert_ne!(good, bad);
        assert!(Engine::from_json(&[("good", &good)]).is_ok());
        let err = Engine::from_json(&[("bad.json", &bad)])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("bad.json") && err.contains("unknown family \"nope\""),
            "{err}"
        );
    }
}
