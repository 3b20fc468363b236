//! Phrase syntax: how a line a contributor writes in a bundle becomes a sequence of canonical
//! words to match.
//!
//! A phrase is words separated by spaces; a word ending in `*` is a stem that matches any
//! ending (Slavic inflection: `девуш*` → девушка, девушки, девушкам). A `~` between two words
//! allows up to three other words there (`~2`: up to two; at most five), because real posts put
//! fillers in the middle of a phrase: `keep ~ passport` matches "we keep your passport". A `#`
//! stands for any number (`от # в день`, `девушки # #` for any age range); it cannot start a
//! phrase. A word written `@name` stands for any word of the bundle's word class `name`
//! (`[classes]` in the bundle: `@hire ~1 @girls` instead of every pairing of a hiring verb with
//! a word for girls); the class's members are words and stems like any other. Each word is put
//! through [`crate::normalize`], exactly like the text it will be matched against, so
//! "Smeštaj", "smestaj" and "SMEŠTAJ" are one phrase. For Serbo-Croatian bundles a phrase also
//! gets its Serbian Cyrillic spelling, derived from the Latin one, so one list serves both
//! scripts.

use crate::confusables;
use crate::normalize::normalize;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// One word of a compiled phrase.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Word {
    /// Canonical text of the word (or stem).
    pub text: String,
    /// Whether the word matches any word starting with `text`.
    pub stem: bool,
    /// How many other words may stand right before this one (`~N` in the phrase).
    pub gap: u8,
    /// Whether `text` names a word class (`@name`) instead of being a word.
    pub class: bool,
}

/// Whether `name` is a valid word-class name: lowercase ASCII letters, digits and `_`.
pub fn is_class_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The text of a word that stands for any number (`#` in a phrase).
pub const NUMBER: &str = "#";

/// The first word of a phrase whose match must begin a sentence (`^ @girls`: "Devojke, …",
/// «Девушки! …», "Ladies 👋 …"): the start of the text, or the first word after `.`, `!`,
/// `?`, `…` or a line break (emoji, quotes, dashes and other signs between them do not count).
/// Addresses to girls are ordinary words anywhere else in a sentence ("year 10 girls won the
/// maths challenge").
pub const SENTENCE_START: &str = "^";

/// Whether a phrase must begin a sentence ([`SENTENCE_START`]).
pub fn is_anchored(phrase: &str) -> bool {
    phrase.split_whitespace().next() == Some(SENTENCE_START)
}

/// A word of a phrase that stands for any handle of a social network written in the post
/// (`@tasha.k_99`: `@` and 3 to 32 Latin letters, digits, `.` or `_`; not an e-mail address),
/// found on the original text (`src/contacts.rs`): normalization drops the `@`.
pub const HANDLE: &str = "<handle>";

/// A word of a phrase that stands for any phone number written in the post (7 to 15 digits,
/// with `+`, spaces, dashes, brackets or dots: `src/contacts.rs`).
pub const PHONE: &str = "<phone>";

/// Whether a phrase word is a placeholder ([`HANDLE`], [`PHONE`]).
pub fn is_placeholder(text: &str) -> bool {
    text == HANDLE || text == PHONE
}

/// What joins the pieces of a phrase that match anywhere in one post, in any order
/// (`^ @girls ~~ от # @per_time`): each piece is a phrase of its own, and the phrase matches
/// when every piece matches somewhere in the post, the pieces not overlapping.
pub const PIECES: &str = "~~";

/// The most pieces one phrase may have.
pub const MAX_PIECES: usize = 3;

/// The pieces of a phrase (`a ~~ b` → `a`, `b`), each as written; a phrase without `~~` is its
/// own only piece. Errors name an empty piece or too many.
pub fn pieces(phrase: &str) -> Result<Vec<String>, String> {
    if !phrase.contains(PIECES) {
        return Ok(vec![phrase.to_string()]);
    }
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for raw in phrase.split_whitespace() {
        if raw == PIECES {
            out.push(Vec::new());
        } else {
            out.last_mut().expect("one piece at least").push(raw);
        }
    }
    if out.len() > 1 {
        if out.iter().any(|p| p.is_empty()) {
            return Err(format!(
                "in \"{phrase}\", a piece joined by `~~` has nothing in it: write words on both \
                 sides of `~~` (\"@girls ~~ от # usd\")"
            ));
        }
        if out.len() > MAX_PIECES {
            return Err(format!(
                "\"{phrase}\" has {} pieces joined by `~~`; at most {MAX_PIECES}",
                out.len()
            ));
        }
    }
    Ok(out.into_iter().map(|p| p.join(" ")).collect())
}

/// Whether a phrase is made of pieces joined by `~~` ([`PIECES`]).
pub fn has_pieces(phrase: &str) -> bool {
    phrase.contains(PIECES) && phrase.split_whitespace().any(|w| w == PIECES)
}

/// Parses every piece of a phrase ([`pieces`]): one list of words per piece (one list for a
/// phrase without `~~`).
pub fn parse_pieces(phrase: &str) -> Result<Vec<Vec<Word>>, String> {
    // (nearly every phrase: parsed as it is, without copies; start-up reads 17,000 of them)
    if !phrase.contains(PIECES) && !phrase.contains('<') {
        return Ok(vec![parse(phrase)?]);
    }
    let pieces: Vec<Vec<Word>> = pieces(phrase)?
        .iter()
        .map(|p| parse(p))
        .collect::<Result<_, _>>()?;
    if let [only] = &pieces[..] {
        if only.iter().all(|w| is_placeholder(&w.text) && !w.class) {
            return Err(format!(
                "\"{phrase}\": a handle or a phone number alone is in many ordinary posts; \
                 say what the post says about it (\"<handle> ~3 ima ~2 slike\")"
            ));
        }
    }
    Ok(pieces)
}

/// The largest gap `~N` allows.
pub const MAX_GAP: u8 = 5;

/// Languages written in both Latin and Cyrillic with a one-to-one mapping.
pub const BISCRIPT_LANGUAGES: &[&str] = &["sr", "bs", "me", "hr", "sh", "cnr"];

thread_local! {
    /// Canonical forms of the words of phrases already parsed. Bundles repeat the same words in
    /// hundreds of phrases («девушки», "girls"), and building an engine is what a restarted
    /// service worker waits for, so each distinct word is normalized once.
    static WORDS: RefCell<HashMap<String, Vec<String>>> = RefCell::new(HashMap::default());
}

/// The canonical words of one written word (usually one; "e-mail" gives two).
fn normalized_word(body: &str) -> Vec<String> {
    // Most phrase words are already canonical: lowercase Latin, plain Cyrillic (no й, э, ё,
    // which normalization rewrites) or a plain number. Normalization would return them as they
    // are; skipping it (and the cache) is most of the engine's start-up saved.
    let plain = |ok: fn(char) -> bool| !body.is_empty() && body.chars().all(ok);
    // (`j` is not plain: ijekavian "je" is read as "e")
    if plain(|c| c.is_ascii_lowercase() && c != 'j')
        || plain(|c| c.is_ascii_digit())
        || plain(|c| ('а'..='я').contains(&c) && c != 'й' && c != 'э')
    {
        return vec![body.to_string()];
    }
    WORDS.with(|cache| {
        if let Some(v) = cache.borrow().get(body) {
            return v.clone();
        }
        let v: Vec<String> = normalize(body).words().map(str::to_string).collect();
        cache.borrow_mut().insert(body.to_string(), v.clone());
        v
    })
}

/// A stem that ends where ijekavian `je`/`ije` would begin (`mlađ*` → `mladj`, `bij*`)
/// loses that `j`/`ij`: normalization reads "mlađe" as "mlade", which the stem must still
/// begin. `lj` and `nj` are letters and stay.
fn trim_yat(stem: &mut String) {
    let chars: Vec<char> = stem.chars().collect();
    let n = chars.len();
    let consonant = |c: char| "bcdfghkmprstvzбвгджзкмпрстфхцчшщ".contains(c);
    let cut = match chars.as_slice() {
        [.., c, 'i' | 'и', 'j' | 'ј'] if consonant(*c) || "lnлн".contains(*c) => 2,
        [.., c, 'j' | 'ј'] if consonant(*c) => 1,
        _ => 0,
    };
    if cut > 0 && n - cut >= 3 {
        *stem = chars[..n - cut].iter().collect();
    }
}

/// Parsed words written back in the phrase syntax: each word after its gap (`~` for the
/// default three words, `~N` otherwise), `@` before a class, `*` after a stem. What `parse`
/// reads back to the same words (the `phrase_parse` fuzz target and its regression test
/// check that round trip).
pub fn write(words: &[Word]) -> String {
    let mut out = Vec::new();
    for w in words {
        match w.gap {
            0 => {}
            3 => out.push("~".to_string()),
            n => out.push(format!("~{n}")),
        }
        let mut t = String::new();
        if w.class {
            t.push('@');
        }
        t.push_str(&w.text);
        if w.stem {
            t.push('*');
        }
        out.push(t);
    }
    out.join(" ")
}

/// Parses a phrase into canonical words. Errors say what is wrong in words a contributor
/// understands.
pub fn parse(phrase: &str) -> Result<Vec<Word>, String> {
    let mut words: Vec<Word> = Vec::new();
    let mut gap: Option<u8> = None;
    for (k, raw) in phrase.split_whitespace().enumerate() {
        if raw == SENTENCE_START {
            if k > 0 {
                return Err(format!(
                    "in \"{phrase}\", `^` (the start of a sentence) may only begin a phrase"
                ));
            }
            continue;
        }
        if raw == PIECES {
            return Err(format!(
                "in \"{phrase}\", `~~` joins pieces of a phrase: it stands between two pieces \
                 with words on both sides"
            ));
        }
        if let Some(n) = raw.strip_prefix('~') {
            let n: u8 = if n.is_empty() {
                3
            } else {
                n.parse().unwrap_or(0)
            };
            if !(1..=MAX_GAP).contains(&n) {
                return Err(format!(
                    "\"{raw}\": a gap is `~` (up to 3 words) or `~1` … `~{MAX_GAP}`"
                ));
            }
            if words.is_empty() || gap.is_some() {
                return Err(format!("in \"{phrase}\", `~` must stand between two words"));
            }
            gap = Some(n);
            continue;
        }
        if raw.starts_with('<') && raw.ends_with('>') && raw.len() > 2 {
            if !is_placeholder(raw) {
                return Err(format!(
                    "\"{raw}\": the placeholders are `{HANDLE}` (an @name of a social network) \
                     and `{PHONE}` (a phone number)"
                ));
            }
            words.push(Word {
                text: raw.to_string(),
                stem: false,
                gap: gap.take().unwrap_or(0),
                class: false,
            });
            continue;
        }
        if raw == NUMBER {
            if words.is_empty() {
                return Err(format!(
                    "in \"{phrase}\", `#` (any number) cannot start a phrase: put a word before it"
                ));
            }
            words.push(Word {
                text: NUMBER.to_string(),
                stem: false,
                gap: gap.take().unwrap_or(0),
                class: false,
            });
            continue;
        }
        if let Some(name) = raw.strip_prefix('@') {
            if !is_class_name(name) {
                return Err(format!(
                    "\"{raw}\": a word class is written `@name` with lowercase letters, digits or \
                     `_` (no `*`: the class's own words say which are stems)"
                ));
            }
            words.push(Word {
                text: name.to_string(),
                stem: false,
                gap: gap.take().unwrap_or(0),
                class: true,
            });
            continue;
        }
        let (body, stem) = match raw.strip_suffix('*') {
            Some(b) => (b, true),
            None => (raw, false),
        };
        if body.contains('*') {
            return Err(format!(
                "'*' may only end a word (in \"{raw}\"): write a stem as `девуш*`"
            ));
        }
        let mut parts = normalized_word(body);
        if stem {
            if let Some(last) = parts.last_mut() {
                trim_yat(last);
            }
        }
        let n = parts.len();
        for (i, part) in parts.into_iter().enumerate() {
            words.push(Word {
                text: part,
                stem: stem && i + 1 == n,
                gap: if i == 0 { gap.take().unwrap_or(0) } else { 0 },
                class: false,
            });
        }
    }
    if gap.is_some() {
        return Err(format!("in \"{phrase}\", `~` must stand between two words"));
    }
    if words.is_empty() {
        return Err(format!(
            "the phrase \"{phrase}\" has no letters or digits left after normalization"
        ));
    }
    Ok(words)
}

/// Every spelling a phrase must match: itself and, for Serbo-Croatian bundles, its Serbian
/// Cyrillic form. Returns the parsed variants (deduplicated).
pub fn variants(phrase: &str, languages: &[String]) -> Result<Vec<Vec<Word>>, String> {
    let mut out = vec![parse(phrase)?];
    let biscript = languages
        .iter()
        .any(|l| BISCRIPT_LANGUAGES.contains(&l.as_str()));
    if biscript {
        if let Some(cyr) = serbian_cyrillic(phrase) {
            if let Ok(words) = parse(&cyr) {
                if !out.contains(&words) {
                    out.push(words);
                }
            }
        }
    }
    Ok(out)
}

/// The Serbian Cyrillic spelling of a phrase written in Serbian Latin, word by word; class
/// references (`@name`) and gaps stay as written. `None` when a word is not Serbo-Croatian.
fn serbian_cyrillic(phrase: &str) -> Option<String> {
    let mut out = Vec::new();
    for raw in phrase.split_whitespace() {
        if raw.starts_with('@') || raw.starts_with('~') || is_placeholder(raw) {
            out.push(raw.to_string());
        } else {
            out.push(confusables::serbian_latin_to_cyrillic(&raw.to_lowercase())?);
        }
    }
    Some(out.join(" "))
}

/// Every spelling of one member of a word class (a single word or stem): itself and, for
/// Serbo-Croatian bundles, its Serbian Cyrillic form. A member naming another class
/// (`@other`) is expanded by the TOML reader before this is asked (`crate::bundle::unions`).
pub fn member_variants(member: &str, languages: &[String]) -> Result<Vec<Word>, String> {
    let trimmed = member.trim();
    if trimmed.starts_with('@') {
        // The TOML reader expands `@other` members (`crate::bundle::unions`); a compiled
        // document lists the words themselves, as every engine version reads them.
        return Err(format!(
            "\"{member}\": a compiled document lists the words of a class, not other classes \
             (`redflag compile` writes the words of the classes a class names)"
        ));
    }
    if trimmed.starts_with('~') || trimmed == NUMBER || trimmed.starts_with('<') {
        return Err(format!(
            "\"{member}\": a class lists words (a stem with `*` is fine), not gaps, `#`, \
             `{HANDLE}` or `{PHONE}` (write those in the phrase)"
        ));
    }
    let mut out = Vec::new();
    for words in variants(trimmed, languages)? {
        match words.as_slice() {
            [w] => {
                if !out.contains(w) {
                    out.push(w.clone())
                }
            }
            _ => {
                return Err(format!(
                    "\"{member}\" is {} words after normalization; a class member is one word \
                     (write longer wording as a phrase)",
                    words.len()
                ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, stem: bool) -> Word {
        Word {
            text: text.into(),
            stem,
            gap: 0,
            class: false,
        }
    }

    #[test]
    fn class_references_are_words_of_their_own() {
        let p = parse("@hire ~1 @girls за границ*").unwrap();
        assert!(p[0].class && p[0].text == "hire" && p[0].gap == 0);
        assert!(p[1].class && p[1].text == "girls" && p[1].gap == 1);
        assert!(!p[2].class && p[2].text == "за");
        for bad in ["@Hire girls", "@girls* only", "@ girls", "@gi-rls"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        // the Cyrillic spelling keeps the class reference
        let v = variants("@posao u inostranstv*", &["sr".into()]).unwrap();
        assert_eq!(v.len(), 2);
        assert!(v[1][0].class && v[1][0].text == "posao");
        assert_eq!(v[1][2].text, "иностранств");
    }

    #[test]
    fn class_members_are_single_words() {
        // (ijekavian "dje" reads as "de": normalization)
        let m = member_variants("djevojk*", &["bs".into()]).unwrap();
        assert_eq!(m, vec![w("devojk", true), w("девојк", true)]);
        assert!(member_variants("work abroad", &[]).is_err());
        assert!(member_variants("@girls", &[]).is_err());
    }

    #[test]
    fn stems_and_words() {
        assert_eq!(
            parse("Высок* доход*").unwrap(),
            vec![w("высок", true), w("доход", true)]
        );
        assert_eq!(
            parse("VIP-салон").unwrap(),
            vec![w("vip", false), w("салон", false)]
        );
    }

    #[test]
    fn gaps_attach_to_the_next_word() {
        let p = parse("keep ~ passport*").unwrap();
        assert_eq!(p[1].gap, 3);
        let p = parse("šaljite ~2 slike").unwrap();
        assert_eq!((p[0].gap, p[1].gap), (0, 2));
        let p = parse("от # в день").unwrap();
        assert_eq!(p[1].text, NUMBER);
        for bad in [
            "# лет",
            "~ keep",
            "keep ~",
            "keep ~ ~ passport",
            "keep ~9 passport",
            "keep ~x passport",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ijekavian_stems_still_begin_their_words() {
        use crate::normalize::normalize;
        for (stem, word) in [
            ("mlađ*", "mlađe"),
            ("djevoj*", "djevojke"),
            ("bijel*", "bijela"),
        ] {
            let p = parse(stem).unwrap();
            let w = normalize(word);
            assert!(w.as_str().starts_with(&p[0].text), "{stem} / {word}");
        }
        assert_eq!(parse("prijatelj*").unwrap()[0].text, "prijatelj");
    }

    #[test]
    fn bad_phrases_are_explained() {
        assert!(parse("де*вушки")
            .unwrap_err()
            .contains("may only end a word"));
        assert!(parse(" !!! ").unwrap_err().contains("no letters"));
    }

    #[test]
    fn serbian_phrases_get_a_cyrillic_spelling() {
        let v = variants("smeštaj plaćen*", &["sr".into()]).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0], vec![w("smestaj", false), w("placen", true)]);
        assert_eq!(v[1], vec![w("смештај", false), w("плаћен", true)]);
        // other languages are left alone
        assert_eq!(variants("smeštaj", &["en".into()]).unwrap().len(), 1);
    }

    #[test]
    fn a_sentence_start_may_only_begin_a_phrase() {
        assert_eq!(parse("^ девушки").unwrap(), parse("девушки").unwrap());
        assert!(is_anchored("^ @girls ~2 #") && !is_anchored("@girls ^"));
        assert!(parse("девушки ^").unwrap_err().contains("only begin"));
        assert!(parse("^").is_err());
    }
}
