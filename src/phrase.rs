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
/// Cyrillic form and its ikavian form; for Ukrainian bundles, the other spellings of its
/// euphonic alternations (в/у, і/й, з/із/зі). Returns the parsed variants (deduplicated).
pub fn variants(phrase: &str, languages: &[String]) -> Result<Vec<Vec<Word>>, String> {
    Ok(spellings(phrase, languages)?
        .into_iter()
        .map(|(words, _)| words)
        .collect())
}

/// [`variants`], each with whether it is *derived* in the sense of
/// [`crate::matcher::MatcherBuilder::add`]: a spelling of Serbo-Croatian (Cyrillic from Latin,
/// ikavian from ijekavian) that Russian, Ukrainian and Belarusian text is not matched by
/// («хостес» is a Russian word too). The phrase as written comes first, never derived; the
/// Ukrainian alternations are not derived either (they are for Ukrainian text).
pub fn spellings(phrase: &str, languages: &[String]) -> Result<Vec<(Vec<Word>, bool)>, String> {
    let base = parse(phrase)?;
    let mut out = vec![(base, false)];
    let has = |list: &[&str]| languages.iter().any(|l| list.contains(&l.as_str()));
    if has(EUPHONY_LANGUAGES) {
        for words in euphony(&out[0].0) {
            if !out.iter().any(|(w, _)| *w == words) {
                out.push((words, false));
            }
        }
    }
    if has(BISCRIPT_LANGUAGES) {
        let derived = [serbian_cyrillic(phrase), ikavian(phrase)];
        for spelling in derived.into_iter().flatten() {
            if let Ok(words) = parse(&spelling) {
                if !out.iter().any(|(w, _)| *w == words) {
                    out.push((words, true));
                }
            }
        }
    }
    Ok(out)
}

/// Languages whose phrases also match the other spellings of their euphonic alternations
/// (the private function `euphony`).
pub const EUPHONY_LANGUAGES: &[&str] = &["uk"];

/// At most this many spellings of one phrase come from [`euphony`] (the phrase as written
/// included): the bundles' phrases have at most two words that alternate.
const MAX_EUPHONY: usize = 8;

/// The other spellings of one canonical Ukrainian word that euphony gives it (milozvuchnist:
/// the same word is written by the sound of its neighbours): the prepositions «в»/«у», «і»/«й»
/// (canonical «и»), «з»/«із»/«зі», and a word beginning with в or у before a consonant
/// («вже»/«уже», «всі»/«усі», «вчора»/«учора», «влаштування»/«улаштування»). Empty for any
/// other word.
pub fn euphonic(word: &str) -> Vec<String> {
    let fixed: &[&str] = match word {
        "в" => &["у"],
        "у" => &["в"],
        "і" => &["и"],
        "и" => &["і"],
        "з" => &["із", "зі"],
        "із" => &["з", "зі"],
        "зі" => &["з", "із"],
        _ => &[],
    };
    if !fixed.is_empty() {
        return fixed.iter().map(|s| s.to_string()).collect();
    }
    let mut chars = word.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return Vec::new();
    };
    // (three letters at least: «вс*» would be a stem of two letters either way)
    let consonant = |c: char| "бвгґджзклмнпрстфхцчшщ".contains(c);
    if word.chars().count() < 3 || !consonant(second) {
        return Vec::new();
    }
    let other = match first {
        'в' => 'у',
        'у' => 'в',
        _ => return Vec::new(),
    };
    vec![format!("{other}{}", &word[first.len_utf8()..])]
}

/// The spellings of a parsed Ukrainian phrase with its words' euphonic alternations
/// ([`euphonic`]) in every combination, the phrase itself excluded (at most [`MAX_EUPHONY`]
/// in all).
fn euphony(words: &[Word]) -> Vec<Vec<Word>> {
    let mut out: Vec<Vec<Word>> = vec![words.to_vec()];
    for (i, w) in words.iter().enumerate() {
        if w.class || w.text == NUMBER || is_placeholder(&w.text) {
            continue;
        }
        let others = euphonic(&w.text);
        if others.is_empty() {
            continue;
        }
        let before = out.len();
        for k in 0..before {
            for o in &others {
                if out.len() >= MAX_EUPHONY {
                    break;
                }
                let mut v = out[k].clone();
                v[i].text = o.clone();
                out.push(v);
            }
        }
    }
    out.remove(0);
    out
}

/// The ikavian spelling of a phrase written in ijekavian (Dalmatia, Herzegovina, Bosnian
/// Croats: the old yat is `i` where ijekavian writes `je`/`ije` and ekavian `e`): "djevojke" →
/// "divojke", "mjesečno" → "misečno", "lijepe" → "lipe", "cijeli" → "cili", "vrijeme" →
/// "vrime", "dijete" → "dite". Normalization reads ijekavian as ekavian in the text and in
/// phrases, but the ikavian `i` cannot be read so (most `i` are no yat), so an ijekavian
/// phrase, whose `je` says where the yat is, gets this spelling too. The rule is
/// normalization's (`fold_yat`): a consonant then `je`, or a consonant then `ije` inside a
/// word; after `l` only before a consonant ("ljepotica" → "lipotica", but "bolje", "polje",
/// "volje" are no yat), never after `n` (`nj` is a letter). A stem shorter than five letters
/// stays as written in a phrase of one word ("lip*" would begin "lipanj"). `None` when the
/// phrase has no such `je`.
pub fn ikavian(phrase: &str) -> Option<String> {
    // (asked of every Serbo-Croatian phrase while an engine is built: most have no `j`)
    if !phrase.contains(['j', 'J', 'ј', 'Ј']) {
        return None;
    }
    let consonant = |c: char| "bcčćdđfghklmnprsštvzžбвгдђжзклмнпрстћфхцчџш".contains(c);
    let is_j = |c: char| matches!(c, 'j' | 'ј');
    let is_e = |c: char| matches!(c, 'e' | 'е');
    let is_i = |c: char| matches!(c, 'i' | 'и');
    let single = phrase
        .split_whitespace()
        .filter(|r| !r.starts_with('~'))
        .count()
        == 1;
    let mut changed = false;
    let mut out = Vec::new();
    for raw in phrase.split_whitespace() {
        if raw.starts_with(['@', '~', '<', '^', '#']) {
            out.push(raw.to_string());
            continue;
        }
        let chars: Vec<char> = raw.to_lowercase().chars().collect();
        let n = chars.len();
        let mut word: Vec<char> = Vec::with_capacity(n);
        let mut k = 0;
        let mut folded = false;
        while k < n {
            let c = chars[k];
            let next = chars.get(k + 1).copied();
            let after = chars.get(k + 2).copied();
            if is_j(c) && k >= 1 && next.is_some_and(is_e) {
                let before = chars[k - 1];
                let before2 = if k >= 2 { Some(chars[k - 2]) } else { None };
                // consonant + ije inside a word (the ije not last)
                if is_i(before) && before2.is_some_and(consonant) && after.is_some_and(|a| a != '*')
                {
                    // (the i stays; j and e go)
                    k += 2;
                    folded = true;
                    continue;
                }
                let lje = matches!(before, 'l' | 'л');
                if consonant(before)
                    && !matches!(before, 'n' | 'н')
                    && (!lje || after.is_some_and(consonant))
                {
                    word.push(if c == 'ј' { 'и' } else { 'i' });
                    k += 2;
                    folded = true;
                    continue;
                }
            }
            word.push(c);
            k += 1;
        }
        let word: String = word.into_iter().collect();
        let short_stem = word.ends_with('*') && word.chars().count() < 6;
        if folded && !(single && short_stem) {
            changed = true;
            out.push(word);
        } else {
            out.push(raw.to_string());
        }
    }
    changed.then(|| out.join(" "))
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
/// Serbo-Croatian bundles, its Serbian Cyrillic and ikavian forms, for Ukrainian ones its
/// euphonic alternations ([`spellings`]). A member naming another class (`@other`) is expanded
/// by the TOML reader before this is asked (`crate::bundle::unions`).
pub fn member_variants(member: &str, languages: &[String]) -> Result<Vec<Word>, String> {
    Ok(member_spellings(member, languages)?
        .into_iter()
        .map(|(w, _)| w)
        .collect())
}

/// Results of [`member_spellings`] while a [`remembering_members`] scope is open, by member
/// and languages (joined by a space).
type MemberMemo = HashMap<(String, String), Result<Vec<(Word, bool)>, String>>;

thread_local! {
    static MEMBER_MEMO: RefCell<Option<MemberMemo>> = const { RefCell::new(None) };
}

/// Runs `f` with [`member_spellings`] remembering its results until `f` returns (nested
/// scopes share the outermost one's). Building an engine asks for the spellings of a class
/// member several times: the bundle checks ask once, the classes that name another class
/// (`@other`, expanded when the TOML is read) list its members again, and the engine asks
/// again for each; each asking parses the member and derives its spellings (~4,000
/// instructions). The results are dropped at the end of the scope.
pub fn remembering_members<T>(f: impl FnOnce() -> T) -> T {
    let outermost = MEMBER_MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let outermost = m.is_none();
        if outermost {
            *m = Some(HashMap::default());
        }
        outermost
    });
    // (dropped on the way out, also when `f` panics)
    struct Close(bool);
    impl Drop for Close {
        fn drop(&mut self) {
            if self.0 {
                MEMBER_MEMO.with(|m| *m.borrow_mut() = None);
            }
        }
    }
    let _close = Close(outermost);
    f()
}

/// [`member_variants`], each with whether it is derived ([`spellings`]).
pub fn member_spellings(member: &str, languages: &[String]) -> Result<Vec<(Word, bool)>, String> {
    let remembered = MEMBER_MEMO.with(|m| {
        m.borrow().as_ref().map(|memo| {
            let key = (member.to_string(), languages.join(" "));
            memo.get(&key).cloned().ok_or(key)
        })
    });
    match remembered {
        None => member_spellings_of(member, languages),
        Some(Ok(found)) => found,
        Some(Err(key)) => {
            let found = member_spellings_of(member, languages);
            MEMBER_MEMO.with(|m| {
                if let Some(memo) = m.borrow_mut().as_mut() {
                    memo.insert(key, found.clone());
                }
            });
            found
        }
    }
}

/// [`member_spellings`], computed.
fn member_spellings_of(member: &str, languages: &[String]) -> Result<Vec<(Word, bool)>, String> {
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
    let mut out: Vec<(Word, bool)> = Vec::new();
    for (words, derived) in spellings(trimmed, languages)? {
        match words.as_slice() {
            [w] => {
                if !out.iter().any(|(o, _)| o == w) {
                    out.push((w.clone(), derived))
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
        assert_eq!(
            m,
            vec![w("devojk", true), w("девојк", true), w("divojk", true)]
        );
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

    fn texts(words: &[Word]) -> String {
        words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn ukrainian_phrases_get_their_euphonic_spellings() {
        let uk = ["uk".to_string()];
        let all = |p: &str| -> Vec<String> {
            spellings(p, &uk)
                .unwrap()
                .iter()
                .map(|(w, derived)| {
                    assert!(!derived, "{p}");
                    texts(w)
                })
                .collect()
        };
        // в/у as a word and at the start of a word before a consonant, in every combination
        let v = all("вже у Польщ*");
        for s in ["вже у польщ", "уже у польщ", "вже в польщ", "уже в польщ"]
        {
            assert!(v.contains(&s.to_string()), "{s}: {v:?}");
        }
        assert_eq!(v.len(), 4);
        // і/й (canonical и), з/із/зі
        assert!(all("житло й квиток").contains(&"житло і квиток".to_string()));
        assert!(all("житло і квиток").contains(&"житло и квиток".to_string()));
        let z = all("із нами");
        for s in ["із нами", "з нами", "зі нами"] {
            assert!(z.contains(&s.to_string()), "{s}: {z:?}");
        }
        assert!(all("усі витрати").contains(&"всі витрати".to_string()));
        assert!(all("учора").contains(&"вчора".to_string()));
        // before a vowel there is no alternation («вона», «уява»), nor in two letters
        assert_eq!(all("вона уява").len(), 1);
        assert_eq!(all("вс*").len(), 1);
        // classes, numbers and placeholders stay; other languages are left alone
        assert_eq!(all("@girls у #").len(), 2);
        assert_eq!(variants("в Польшу", &["ru".into()]).unwrap().len(), 1);
        assert_eq!(
            member_variants("вже", &uk).unwrap(),
            vec![w("вже", false), w("уже", false)]
        );
        // a phrase with many alternating words keeps to the limit
        assert_eq!(all("в у в у в у").len(), MAX_EUPHONY);
    }

    #[test]
    fn ijekavian_phrases_get_an_ikavian_spelling() {
        for (ije, i) in [
            ("djevojke", "divojke"),
            ("lijepe djevojk*", "lipe divojk*"),
            ("mjesečno", "misečno"),
            ("cijeli grad", "cili grad"),
            ("vrijeme je", "vrime je"),
            ("dijete", "dite"),
            ("ljepotice", "lipotice"),
            ("smještaj plaćen", "smištaj plaćen"),
            ("@girls ~2 mjesečn*", "@girls ~2 misečn*"),
            ("дјевојке", "дивојке"),
        ] {
            assert_eq!(ikavian(ije).as_deref(), Some(i), "{ije}");
        }
        // no yat: `nj` and `lj` are letters, a final `ije` is a case ending, ekavian has none
        for none in [
            "njene",
            "bolje polje",
            "nije",
            "prije",
            "agencije",
            "devojke",
            "ja je",
        ] {
            assert_eq!(ikavian(none), None, "{none}");
        }
        // a short stem alone would begin other words ("lip*": "lipanj")
        assert_eq!(ikavian("lijep*"), None);
        assert_eq!(ikavian("lijep* cur*").as_deref(), Some("lip* cur*"));
        // the ikavian spelling is derived (not for Russian text) and only for Serbo-Croatian
        let v = spellings("lijepe djevojke", &["hr".into()]).unwrap();
        assert!(
            v.iter().any(|(w, d)| *d && texts(w) == "lipe divojke"),
            "{v:?}"
        );
        assert_eq!(
            variants("lijepe djevojke", &["en".into()]).unwrap().len(),
            1
        );
    }

    #[test]
    fn a_sentence_start_may_only_begin_a_phrase() {
        assert_eq!(parse("^ девушки").unwrap(), parse("девушки").unwrap());
        assert!(is_anchored("^ @girls ~2 #") && !is_anchored("@girls ^"));
        assert!(parse("девушки ^").unwrap_err().contains("only begin"));
        assert!(parse("^").is_err());
    }
}
