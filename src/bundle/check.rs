//! The checks that run before an engine is built (`BundleSet::validate`, errors only) and by
//! `redflag lint` (`BundleSet::check`, with warnings): one function per table of a bundle and
//! one for the support directory. Every problem carries a stable code (docs/BUNDLE_FORMAT.md,
//! "Problem codes"), the file, the line when the source has lines, and the field.
//!
//! Tables that refer to others (a signal's family, a combination's families, `@class` in a
//! phrase) are checked after the tables they refer to, across all bundles: families are
//! defined in core.toml and used by every language's bundle.

use super::limits;
use super::schema::Family;
use super::{unions, At, BundleSet, Origin, SourcedBundle};
use crate::error::{Location, Problem, Severity};
use crate::phrase;
use crate::support::{self, Status};
use std::collections::{HashMap, HashSet};

/// Every problem of `set`; with `lint`, also the warnings that cost time to find (duplicate
/// phrases and class members).
pub(super) fn run(set: &BundleSet, lint: bool) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        lint,
        families: HashMap::new(),
        bundle_ids: HashSet::new(),
        combination_ids: HashSet::new(),
        signal_ids: HashSet::new(),
        scoring_in: None,
        quoting_in: None,
        reach_in: None,
        phrase_count: 0,
    };
    // Headers, the scoring model and families first: everything else refers to them.
    for sb in &set.bundles {
        c.header(sb);
        c.scoring(sb);
        c.families(sb);
    }
    for sb in &set.bundles {
        c.kept_floors(sb);
        c.quoting(sb);
        c.reach(sb);
        c.negation(sb);
    }
    c.scoring_defined(set);
    for sb in &set.bundles {
        c.combinations(sb);
        c.classes(sb);
        let mut used = c.signals(sb);
        // a class that another class names (`@other`) is used too
        if let Some(written) = &sb.written_classes {
            used.extend(
                written
                    .values()
                    .flatten()
                    .filter_map(|m| unions::named_class(m)),
            );
        }
        c.unused_classes(sb, &used);
        c.bundle_size(sb);
        c.examples(sb);
    }
    c.total_phrases(set);
    c.language_regions(set);
    c.support(set);
    c.problems
}

/// What an id may be made of, as the error says it (see [`id_ok`]).
const ID_RULE: &str = "use lowercase letters, digits, '-', '_' or '.'";

/// Parts of web addresses: a post's links are words too ("youtube.com/video" reads "youtube
/// com video"), so a phrase word or class member that normalizes to one of them ("çom", Gheg
/// for "send me", is "com") fires on every link. ("net" is a word in English and
/// Serbo-Croatian: "net salary", «na net».)
const ADDRESS_WORDS: &[&str] = &["com", "org", "www", "http", "https", "html", "php"];

/// Why a piece of a phrase of pieces (`a ~~ b`) is too common to be looked for anywhere in a
/// post: a single word shorter than 4 letters, or a single class with a member shorter than
/// 3 letters (`None`: not so).
fn common_piece(
    piece: &[phrase::Word],
    classes: &std::collections::BTreeMap<String, Vec<String>>,
) -> Option<String> {
    let [w] = piece else {
        return None;
    };
    if w.class {
        let short = classes.get(&w.text)?.iter().find(|m| {
            let m = m.trim().trim_end_matches('*');
            !m.starts_with('@') && m.chars().filter(|c| c.is_alphanumeric()).count() < 3
        })?;
        return Some(format!(
            "the piece @{} alone has the member \"{short}\", shorter than 3 letters",
            w.text
        ));
    }
    if phrase::is_placeholder(&w.text) {
        return Some(format!(
            "the piece {} alone is any handle or phone number, in many ordinary posts",
            w.text
        ));
    }
    (w.text != phrase::NUMBER && w.text.chars().count() < 4).then(|| {
        format!(
            "the piece \"{}\" is one word shorter than 4 letters",
            w.text
        )
    })
}

/// Why a phrase word is a part of web addresses, if it is one.
fn address_word(w: &phrase::Word) -> Option<&'static str> {
    (!w.class && !w.stem && ADDRESS_WORDS.contains(&w.text.as_str())).then_some(
        "reads as a part of web addresses (.com, www, https…): every link in a post would match it",
    )
}

/// Ids of bundles, families, combinations and signals: lowercase letters, digits, `-_.`.
fn id_ok(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

/// An ISO 639 language code: 2 or 3 lowercase letters.
fn language_ok(lang: &str) -> bool {
    (2..=3).contains(&lang.len()) && lang.bytes().all(|c| c.is_ascii_lowercase())
}

struct Checker<'a> {
    problems: Vec<Problem>,
    /// Also collect warnings that cost time (duplicates): `redflag lint`.
    lint: bool,
    /// Every family of every bundle, by id.
    families: HashMap<&'a str, &'a Family>,
    bundle_ids: HashSet<&'a str>,
    combination_ids: HashSet<&'a str>,
    signal_ids: HashSet<&'a str>,
    /// The bundle that defines `[scoring]`.
    scoring_in: Option<&'a str>,
    /// The bundle that defines `[quoting]`.
    quoting_in: Option<&'a str>,
    /// The bundle that defines `[reach]`.
    reach_in: Option<&'a str>,
    phrase_count: usize,
}

impl<'a> Checker<'a> {
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        origin: &Origin,
        line: Option<usize>,
        field: String,
        message: String,
    ) {
        self.problems.push(Problem {
            code,
            severity,
            location: Location {
                file: origin.file.clone(),
                line,
                field: Some(field),
            },
            message,
        });
    }

    fn error(
        &mut self,
        code: &'static str,
        origin: &Origin,
        line: Option<usize>,
        field: String,
        message: String,
    ) {
        self.push(Severity::Error, code, origin, line, field, message);
    }

    /// A `bad-id` error unless `id` follows [`ID_RULE`]. The line is looked up only for an
    /// error: finding it scans the source file, and doing that for every signal of every
    /// bundle cost the CLI half of its start-up.
    fn check_id(
        &mut self,
        id: &str,
        origin: &Origin,
        line: impl FnOnce() -> Option<usize>,
        field: impl FnOnce() -> String,
    ) {
        if !id_ok(id) {
            self.error("bad-id", origin, line(), field(), ID_RULE.into());
        }
    }

    fn warning(
        &mut self,
        code: &'static str,
        origin: &Origin,
        line: Option<usize>,
        field: String,
        message: String,
    ) {
        self.push(Severity::Warning, code, origin, line, field, message);
    }

    /// `[bundle]`: id, required fields, languages.
    fn header(&mut self, sb: &'a SourcedBundle) {
        let (h, o) = (&sb.bundle.bundle, &sb.origin);
        let hl = |f: &str| o.line_of("bundle", None, Some(f));
        if !id_ok(&h.id) {
            self.error(
                "bad-id",
                o,
                hl("id"),
                "bundle.id".into(),
                format!("\"{}\": {ID_RULE}", h.id),
            );
        }
        if !self.bundle_ids.insert(&h.id) {
            self.error(
                "duplicate-id",
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
                self.error(
                    "empty-field",
                    o,
                    hl(field),
                    format!("bundle.{field}"),
                    "must not be empty".into(),
                );
            }
        }
        for lang in &h.languages {
            if !language_ok(lang) {
                self.error(
                    "bad-language-code",
                    o,
                    hl("languages"),
                    "bundle.languages".into(),
                    format!("\"{lang}\" is not an ISO 639 language code (like \"ru\", \"sr\")"),
                );
            }
        }
    }

    /// `[scoring]`: defined once, with ordered positive thresholds.
    fn scoring(&mut self, sb: &'a SourcedBundle) {
        let (b, o) = (&sb.bundle, &sb.origin);
        let Some(s) = &b.scoring else { return };
        let sl = |f: &str| o.line_of("scoring", None, Some(f));
        if let Some(other) = self.scoring_in {
            self.error("defined-twice", o, sl("caution"), "scoring".into(),
                format!("the scoring model is already defined by bundle \"{other}\"; only one bundle may define it"));
        }
        self.scoring_in = Some(&b.bundle.id);
        let finite = [s.caution, s.warning, s.danger, s.min_dampening]
            .iter()
            .all(|v| v.is_finite());
        if !finite || !(0.0 < s.caution && s.caution < s.warning && s.warning < s.danger) {
            self.error(
                "bad-number",
                o,
                sl("caution"),
                "scoring".into(),
                "thresholds must be positive numbers with caution < warning < danger".into(),
            );
        }
        if !(s.min_dampening > 0.0 && s.min_dampening <= 1.0) {
            self.error(
                "bad-number",
                o,
                sl("min_dampening"),
                "scoring.min_dampening".into(),
                "must be greater than 0 and at most 1".into(),
            );
        }
    }

    /// Some bundle must define `[scoring]`.
    fn scoring_defined(&mut self, set: &BundleSet) {
        if self.scoring_in.is_some() {
            return;
        }
        let o = set
            .bundles
            .first()
            .map(|b| b.origin.clone())
            .unwrap_or_default();
        let message = if set.bundles.is_empty() {
            "no bundles: nothing to classify with".to_string()
        } else {
            "no bundle defines [scoring]; load the core bundle (rules/core.toml) too".to_string()
        };
        self.error("no-scoring", &o, None, "scoring".into(), message);
    }

    /// `[[family]]`: unique ids, exactly one of weight (raises) or factor (lowers).
    fn families(&mut self, sb: &'a SourcedBundle) {
        let o = &sb.origin;
        for (i, f) in sb.bundle.families.iter().enumerate() {
            let fl = |field: &str| o.line_of("family", Some(i), Some(field));
            let path = |field: &str| format!("family[{i}] \"{}\".{field}", f.id);
            self.check_id(&f.id, o, || fl("id"), || path("id"));
            if self.families.insert(&f.id, f).is_some() {
                self.error(
                    "duplicate-id",
                    o,
                    fl("id"),
                    path("id"),
                    format!("family \"{}\" is defined twice", f.id),
                );
            }
            match (f.weight, f.factor) {
                (Some(w), None) if !(w.is_finite() && w >= 0.0) => self.error(
                    "bad-number",
                    o,
                    fl("weight"),
                    path("weight"),
                    "must be a number ≥ 0".into(),
                ),
                (None, Some(x)) if !(x > 0.0 && x <= 1.0) => self.error(
                    "bad-number",
                    o,
                    fl("factor"),
                    path("factor"),
                    "must be greater than 0 and at most 1".into(),
                ),
                (Some(_), None) if !f.keeps_floors_of.is_empty() => self.error(
                    "misplaced-field",
                    o,
                    fl("keeps_floors_of"),
                    path("keeps_floors_of"),
                    "only a family that lowers the score (factor) takes keeps_floors_of".into(),
                ),
                (None, Some(_)) if !f.categories.is_empty() => self.error(
                    "misplaced-field",
                    o,
                    fl("categories"),
                    path("categories"),
                    "a family that lowers the score (factor) has no categories".into(),
                ),
                (Some(_), None) | (None, Some(_)) => {}
                _ => self.error(
                    "weight-or-factor",
                    o,
                    fl("id"),
                    path("weight"),
                    "give exactly one of `weight` (raises the score) or `factor` (lowers it)"
                        .into(),
                ),
            }
        }
    }

    /// `keeps_floors_of` of lowering families names raising families.
    fn kept_floors(&mut self, sb: &'a SourcedBundle) {
        let o = &sb.origin;
        for (i, f) in sb.bundle.families.iter().enumerate() {
            for kept in &f.keeps_floors_of {
                if !self
                    .families
                    .get(kept.as_str())
                    .is_some_and(|k| !k.lowers())
                {
                    self.error(
                        "wrong-family",
                        o,
                        o.line_of("family", Some(i), Some("keeps_floors_of")),
                        format!("family[{i}] \"{}\".keeps_floors_of", f.id),
                        format!("\"{kept}\" is not a family that raises the score"),
                    );
                }
            }
        }
    }

    /// `[quoting]`: defined at most once, with a lowering family and a share in (0, 1].
    fn quoting(&mut self, sb: &'a SourcedBundle) {
        let (b, o) = (&sb.bundle, &sb.origin);
        let Some(q) = &b.quoting else { return };
        let ql = |f: &str| o.line_of("quoting", None, Some(f));
        if let Some(other) = self.quoting_in.replace(&b.bundle.id) {
            self.error(
                "defined-twice",
                o,
                ql("family"),
                "quoting".into(),
                format!("[quoting] is already defined by bundle \"{other}\"; only one bundle may define it"),
            );
        }
        match self.families.get(q.family.as_str()) {
            Some(f) if f.lowers() => {}
            _ => self.error(
                "wrong-family",
                o,
                ql("family"),
                "quoting.family".into(),
                format!(
                    "\"{}\" must be a family that lowers the score (with a factor)",
                    q.family
                ),
            ),
        }
        for f in &q.unless {
            if !self.families.contains_key(f.as_str()) {
                self.error(
                    "unknown-family",
                    o,
                    ql("unless"),
                    "quoting.unless".into(),
                    format!("\"{f}\" is not a family any bundle defines"),
                );
            }
        }
        if !(q.min_share > 0.0 && q.min_share <= 1.0) {
            self.error(
                "bad-number",
                o,
                ql("min_share"),
                "quoting.min_share".into(),
                "must be greater than 0 and at most 1".into(),
            );
        }
    }

    /// `[reach]`: defined at most once, with lowering families and a power in [0, 1].
    fn reach(&mut self, sb: &'a SourcedBundle) {
        let (b, o) = (&sb.bundle, &sb.origin);
        let Some(r) = &b.reach else { return };
        let rl = |f: &str| o.line_of("reach", None, Some(f));
        if let Some(other) = self.reach_in.replace(&b.bundle.id) {
            self.error(
                "defined-twice",
                o,
                rl("families"),
                "reach".into(),
                format!("[reach] is already defined by bundle \"{other}\"; only one bundle may define it"),
            );
        }
        for f in &r.families {
            if !self.families.get(f.as_str()).is_some_and(|x| x.lowers()) {
                self.error(
                    "wrong-family",
                    o,
                    rl("families"),
                    "reach.families".into(),
                    format!("\"{f}\" must be a family that lowers the score (with a factor)"),
                );
            }
        }
        if !(0.0..=1.0).contains(&r.far_power) {
            self.error(
                "bad-number",
                o,
                rl("far_power"),
                "reach.far_power".into(),
                "must be between 0 and 1".into(),
            );
        }
    }

    /// `[negation]`: one plain word each.
    fn negation(&mut self, sb: &'a SourcedBundle) {
        let o = &sb.origin;
        let Some(n) = &sb.bundle.negation else { return };
        for w in &n.words {
            let ok = phrase::parse(w).is_ok_and(|p| p.len() == 1 && !p[0].stem && !p[0].class);
            if !ok {
                let at = At::Quoted {
                    table: "negation",
                    text: w,
                };
                self.error(
                    "bad-negation",
                    o,
                    o.line(at),
                    "negation.words".into(),
                    format!("\"{w}\": a negation is one word (no `*`, `~`, `#` or `@`)"),
                );
            }
        }
    }

    /// `[[combination]]`: unique ids, known raising families, points ≥ 0.
    fn combinations(&mut self, sb: &'a SourcedBundle) {
        let o = &sb.origin;
        for (i, c) in sb.bundle.combinations.iter().enumerate() {
            let cl = |field: &str| o.line_of("combination", Some(i), Some(field));
            let path = |field: &str| format!("combination[{i}] \"{}\".{field}", c.id);
            if !self.combination_ids.insert(&c.id) {
                self.error(
                    "duplicate-id",
                    o,
                    cl("id"),
                    path("id"),
                    format!("combination \"{}\" is defined twice", c.id),
                );
            }
            if c.all.is_empty() {
                self.error(
                    "empty-list",
                    o,
                    cl("all"),
                    path("all"),
                    "list at least one family in `all`".into(),
                );
            }
            for (field, list) in [("all", &c.all), ("any", &c.any)] {
                for fam in list {
                    match self.families.get(fam.as_str()) {
                        None => self.error("unknown-family", o, cl(field), path(field), format!("unknown family \"{fam}\"")),
                        Some(f) if f.lowers() => self.error("wrong-family", o, cl(field), path(field),
                            format!("\"{fam}\" lowers the score; combinations only take families that raise it")),
                        _ => {}
                    }
                }
            }
            if !(c.add.is_finite() && c.add >= 0.0) {
                self.error(
                    "bad-number",
                    o,
                    cl("add"),
                    path("add"),
                    "must be a number ≥ 0".into(),
                );
            }
        }
    }

    /// `[classes]` of one bundle: valid names, and members that are single words. Checks the
    /// classes as written: a member named through a union (`@other`, resolved when the TOML
    /// was read) is checked in its own class, and is not "listed twice" beside a literal one.
    fn classes(&mut self, sb: &'a SourcedBundle) {
        let (b, o) = (&sb.bundle, &sb.origin);
        let classes = sb.written_classes.as_ref().unwrap_or(&b.classes);
        for (name, members) in classes {
            let field = format!("classes.{name}");
            let line = || o.line_of("classes", None, Some(name));
            if !phrase::is_class_name(name) {
                self.error(
                    "bad-id",
                    o,
                    line(),
                    field.clone(),
                    format!("\"{name}\": name a class with lowercase letters, digits and `_`"),
                );
            }
            if members.is_empty() {
                self.error(
                    "empty-list",
                    o,
                    line(),
                    field.clone(),
                    "list at least one word".into(),
                );
            }
            let mut seen: HashSet<phrase::Word> = HashSet::new();
            for m in members {
                if sb.written_classes.is_some() && unions::named_class(m).is_some() {
                    continue;
                }
                let ml = || {
                    o.line(At::Member {
                        class: name,
                        member: m,
                    })
                    .or_else(line)
                };
                match phrase::member_variants(m, &b.bundle.languages) {
                    Err(e) => self.error("bad-phrase", o, ml(), field.clone(), e),
                    Ok(words) => {
                        let w = &words[0];
                        if w.stem && w.text.chars().count() < limits::MIN_STEM_CHARS {
                            self.warning("short-stem", o, ml(), field.clone(),
                                format!("stem \"{}*\" is shorter than {} letters and will match many words", w.text, limits::MIN_STEM_CHARS));
                        }
                        if let Some(msg) = address_word(w) {
                            self.warning(
                                "address-word",
                                o,
                                ml(),
                                field.clone(),
                                format!("\"{m}\" {msg}"),
                            );
                        }
                        if self.lint && !seen.insert(w.clone()) {
                            self.warning(
                                "duplicate-phrase",
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

    /// `[[signal]]`: unique ids, a known family, phrases that parse and use defined classes.
    /// Returns the word classes the phrases use.
    fn signals(&mut self, sb: &'a SourcedBundle) -> HashSet<&'a str> {
        let (b, o) = (&sb.bundle, &sb.origin);
        let mut classes_used: HashSet<&'a str> = HashSet::new();
        let mut seen_phrases: HashMap<Vec<phrase::Word>, &str> = HashMap::new();
        for (i, s) in b.signals.iter().enumerate() {
            let sl = |field: &str| o.line_of("signal", Some(i), Some(field));
            let path = |field: &str| format!("signal[{i}] \"{}\".{field}", s.id);
            self.check_id(&s.id, o, || sl("id"), || path("id"));
            if !self.signal_ids.insert(&s.id) {
                self.error(
                    "duplicate-id",
                    o,
                    sl("id"),
                    path("id"),
                    format!("signal \"{}\" is defined twice", s.id),
                );
            }
            match self.families.get(s.family.as_str()) {
                None => self.error(
                    "unknown-family",
                    o,
                    sl("family"),
                    path("family"),
                    format!(
                        "unknown family \"{}\"; families are defined in core.toml",
                        s.family
                    ),
                ),
                Some(f) if f.lowers() && (s.weight.is_some() || s.floor.is_some()) => self.error(
                    "misplaced-field",
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
                    self.error(
                        "bad-number",
                        o,
                        sl("weight"),
                        path("weight"),
                        "must be a number ≥ 0".into(),
                    );
                }
            }
            if s.phrases.is_empty() {
                self.error(
                    "empty-list",
                    o,
                    sl("phrases"),
                    path("phrases"),
                    "list at least one phrase".into(),
                );
            }
            self.phrase_count += s.phrases.len();
            for p in &s.phrases {
                let pl = || o.line_of_phrase(i, p).or_else(|| sl("phrases"));
                if p.chars().count() > limits::MAX_PHRASE_CHARS {
                    self.error(
                        "too-large",
                        o,
                        pl(),
                        path("phrases"),
                        format!("phrase longer than {} characters", limits::MAX_PHRASE_CHARS),
                    );
                    continue;
                }
                let mut pieces = match phrase::parse_pieces(p) {
                    Err(e) => {
                        self.error("bad-phrase", o, pl(), path("phrases"), e);
                        continue;
                    }
                    Ok(pieces) => pieces,
                };
                if pieces.len() > 1 {
                    for piece in &pieces {
                        if let Some(why) = common_piece(piece, &b.classes) {
                            self.warning(
                                "common-piece",
                                o,
                                pl(),
                                path("phrases"),
                                format!(
                                    "\"{p}\": {why}; a piece is looked for anywhere in the \
                                     post, so a common word there is in most posts: make the \
                                     piece longer (\"девушки ~2 #\") or use longer words"
                                ),
                            );
                        }
                    }
                }
                // (the pieces of a phrase of pieces, with `~~` between them, for the checks
                // below and as the key of duplicates)
                let words = if pieces.len() == 1 {
                    pieces.pop().expect("one piece")
                } else {
                    pieces.join(&phrase::Word {
                        text: phrase::PIECES.into(),
                        stem: false,
                        gap: 0,
                        class: false,
                    })
                };
                for w in words.iter().filter(|w| w.class) {
                    match b.classes.get_key_value(w.text.as_str()) {
                        Some((name, _)) => {
                            classes_used.insert(name);
                        }
                        None => self.error(
                            "unknown-class",
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
                        self.warning("short-stem", o, pl(), path("phrases"),
                            format!("stem \"{}*\" in \"{p}\" is shorter than {} letters and will match many words", w.text, limits::MIN_STEM_CHARS));
                    }
                    if let Some(msg) = address_word(w) {
                        self.warning(
                            "address-word",
                            o,
                            pl(),
                            path("phrases"),
                            format!("\"{p}\": \"{}\" {msg}", w.text),
                        );
                    }
                }
                if !self.lint {
                    continue;
                }
                if let Some(prev) = seen_phrases.insert(words, &s.id) {
                    self.warning("duplicate-phrase", o, pl(), path("phrases"),
                        format!("\"{p}\" is the same phrase (after normalization) as one in signal \"{prev}\""));
                }
            }
        }
        classes_used
    }

    /// Word classes no phrase of their bundle uses.
    fn unused_classes(&mut self, sb: &SourcedBundle, used: &HashSet<&str>) {
        let o = &sb.origin;
        for name in sb.bundle.classes.keys() {
            if !used.contains(name.as_str()) {
                self.warning(
                    "unused-class",
                    o,
                    o.line_of("classes", None, Some(name)),
                    format!("classes.{name}"),
                    format!("the word class @{name} is not used by any phrase of this bundle"),
                );
            }
        }
    }

    /// Advice when one bundle lists very many phrases.
    fn bundle_size(&mut self, sb: &SourcedBundle) {
        let (b, o) = (&sb.bundle, &sb.origin);
        let in_bundle: usize = b.signals.iter().map(|s| s.phrases.len()).sum();
        if in_bundle > limits::PHRASES_PER_BUNDLE_ADVICE {
            self.warning(
                "many-phrases",
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
    }

    /// `[[example]]`: a text and an expectation.
    fn examples(&mut self, sb: &SourcedBundle) {
        let o = &sb.origin;
        for (i, e) in sb.bundle.examples.iter().enumerate() {
            let el = |field: &str| o.line_of("example", Some(i), Some(field));
            let n =
                e.expect.is_some() as u8 + e.at_least.is_some() as u8 + e.at_most.is_some() as u8;
            if n == 0 {
                self.error(
                    "no-expectation",
                    o,
                    el("text"),
                    format!("example[{i}]"),
                    "give `expect`, `at_least` or `at_most`".into(),
                );
            }
            if e.text.trim().is_empty() {
                self.error(
                    "empty-field",
                    o,
                    el("text"),
                    format!("example[{i}].text"),
                    "must not be empty".into(),
                );
            }
        }
    }

    /// The phrases of all bundles together stay under the limit.
    fn total_phrases(&mut self, set: &BundleSet) {
        if self.phrase_count <= limits::MAX_PHRASES {
            return;
        }
        let o = set
            .bundles
            .first()
            .map(|b| b.origin.clone())
            .unwrap_or_default();
        self.error(
            "too-large",
            &o,
            None,
            "signal".into(),
            format!(
                "{} phrases in all; at most {} are allowed",
                self.phrase_count,
                limits::MAX_PHRASES
            ),
        );
    }

    /// `language_regions` and `browser_regions`: language code → two-letter region.
    fn language_regions(&mut self, set: &BundleSet) {
        let tables = [
            ("language_regions", &set.language_regions),
            ("browser_regions", &set.browser_regions),
        ];
        for (table, map) in tables {
            for (lang, region) in map {
                if !language_ok(lang) || region == "intl" || !support::is_region_code(region) {
                    self.error(
                        "bad-region",
                        &Origin::default(),
                        None,
                        format!("{table}.{lang}"),
                        format!("\"{lang}\" → \"{region}\": expected a language code (\"sr\") and a two-letter region (\"RS\")"),
                    );
                }
            }
        }
    }

    /// The support directory (`[[service]]`): unique ids, regions, contact, confirmation.
    fn support(&mut self, set: &'a BundleSet) {
        let mut ids: HashSet<&str> = HashSet::new();
        if set.support.len() > limits::MAX_SUPPORT_ENTRIES {
            let o = &set.support[0].origin;
            self.error(
                "too-large",
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
                self.error(
                    "duplicate-id",
                    o,
                    l("id"),
                    path("id"),
                    format!("support id \"{}\" is empty or used twice", e.id),
                );
            }
            if !support::is_region_code(&e.region) {
                self.error(
                    "bad-region",
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
                self.error(
                    "empty-list",
                    o,
                    l("helps"),
                    path("helps"),
                    "list what the service helps with".into(),
                );
            }
            if let Some(web) = &e.web {
                if !web.starts_with("https://") {
                    self.error(
                        "bad-link",
                        o,
                        l("web"),
                        path("web"),
                        format!("\"{web}\" must start with https:// (a plain http:// link can be changed on the way)"),
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
                    self.error("bad-number-format", o, l(field), path(field),
                        format!("\"{number}\" should hold only digits, spaces and + - ( ) /; put alternatives in separate entries"));
                }
                match e.status {
                    Status::WebOnly => self.error("web-only-number", o, l(field), path(field),
                        "status is web_only: an unconfirmed number must not ship".into()),
                    Status::Unconfirmed => self.warning("unconfirmed-number", o, l(field), path(field),
                        format!("unconfirmed number {number}: confirm it on the organisation's own page before a release")),
                    Status::Confirmed => {}
                }
            }
            if e.phone.is_none() && e.sms.is_none() && e.web.is_none() {
                self.error(
                    "no-contact",
                    o,
                    l("id"),
                    path("phone"),
                    "give a phone number or a web address".into(),
                );
            }
            if e.status == Status::Confirmed && e.confirmed.is_none() {
                self.error(
                    "bad-date",
                    o,
                    l("status"),
                    path("confirmed"),
                    "a confirmed entry needs the date it was confirmed (YYYY-MM-DD)".into(),
                );
            }
            if let Some(h) = &e.hours {
                if let Err(message) = support::parse_hours(h) {
                    self.error("bad-hours", o, l("hours"), path("hours"), message);
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
                    self.error(
                        "bad-date",
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
    use super::super::schema::{Bundle, Header, Scoring, Signal};
    use super::super::SourcedEntry;
    use super::*;
    use crate::support::SupportEntry;
    use crate::verdict::Category;
    use std::collections::BTreeMap;

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
            reach: None,
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
                written_classes: None,
            }],
            support: SourcedEntry::all_from((0..support).map(entry).collect(), &origin),
            language_regions: Default::default(),
            browser_regions: Default::default(),
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

    #[test]
    fn parts_of_web_addresses_are_flagged() {
        let set = minimal_set(vec![signal(vec!["çom video".into(), "komm".into()])], 1);
        let problems = run(&set, true);
        let flagged: Vec<_> = problems
            .iter()
            .filter(|p| p.code == "address-word")
            .collect();
        assert_eq!(flagged.len(), 1, "{problems:?}");
        assert!(
            flagged[0].message.contains("çom video"),
            "{}",
            flagged[0].message
        );
    }

    #[test]
    fn support_links_must_be_https() {
        let mut set = minimal_set(vec![signal(vec!["girls".into()])], 1);
        set.support[0].entry.web = Some("http://example.org/".into());
        let e = set.validate().unwrap_err();
        assert_eq!(e.problems.len(), 1, "{e}");
        assert_eq!(e.problems[0].code, "bad-link");
        assert!(e.to_string().contains("must start with https://"), "{e}");
    }

    /// The codes the sources give problems: the first string after `self.error(`,
    /// `self.warning(`, `Error::single(`, `code: ` and the loaders' `bad(` / `err(` helpers.
    fn codes_in_sources() -> Vec<String> {
        // each file without its tests (this one names the openers)
        let src: String = [
            include_str!("check.rs"),
            include_str!("document.rs"),
            include_str!("../authoring.rs"),
            include_str!("../signing.rs"),
            include_str!("../cli/lint.rs"),
        ]
        .iter()
        .map(|s| s.split("#[cfg(test)]").next().unwrap())
        .collect();
        let mut out = Vec::new();
        for opener in [
            "self.error(",
            "self.warning(",
            "Error::single(",
            "code: ",
            "bad(",
            "err(",
        ] {
            for rest in src.split(opener).skip(1) {
                let rest = rest.trim_start();
                let Some(lit) = rest.strip_prefix('"') else {
                    continue;
                };
                let code = lit.split('"').next().unwrap().to_string();
                if !out.contains(&code) {
                    out.push(code);
                }
            }
        }
        out
    }

    #[test]
    fn every_problem_code_is_kebab_case_and_documented() {
        let doc = include_str!("../../docs/BUNDLE_FORMAT.md");
        let codes = codes_in_sources();
        assert!(codes.len() > 30, "{codes:?}");
        for code in &codes {
            assert!(
                !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{code:?} is not kebab-case"
            );
            assert!(
                doc.contains(&format!("| `{code}` |")),
                "{code} is not in the table of docs/BUNDLE_FORMAT.md"
            );
        }
    }
}
