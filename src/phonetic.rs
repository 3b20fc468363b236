//! Script-free keys of a word: one spelling for a Russian, Ukrainian or Serbian word whether it
//! is written in Cyrillic, in the informal Latin transliteration people type ("rabota dlya
//! devushek", "potribni divchata", "zhilyo"), or misspelt the way people misspell by ear
//! («зароботок», «досук», «требуюца», "djevojke"/"devojke").
//!
//! Why keys and not more phrases: transliteration is many-to-many (ж is "zh", "z" or "j"; я is
//! "ya", "ja", "ia" or "a"), and misspellings multiply that again, so listing variants would
//! multiply every phrase list. Instead each word of a Cyrillic phrase gets a key, each word of
//! the text gets a key, and equal keys match ([`crate::matcher`]). Evidence still points at
//! the words as written, because keys are only looked up, never shown.
//!
//! Two keys, because short words need care:
//! - the **strict** key undoes transliteration only: the word is spelt in Latin letters, Latin
//!   digraphs are read as one sound (`shch`, `sch`, `sh`, `ch`, `zh`, `kh`, `ts`; ш, ч, ж keep
//!   a sound of their own, so «рождения» is not «раздень»), and glides
//!   are settled (`ya`/`ja`/`ia`/`я` → `a` after a consonant, `yo`/`jo` → `e` for ё). It is
//!   used for every word, so «в», «на», «для» match "v", "na", "dlya".
//! - the **loose** key also folds what people confuse by ear: о/а, е/и, voiced consonants
//!   where they sound voiceless (at the end of a word, before a voiceless consonant), doubled
//!   letters (except нн, which tells participles from nouns). Only phrase words whose strict key has at least [`LOOSE_MIN`] letters get one:
//!   on short words it would merge «до» with «то».
//!
//! Keys are built from the canonical word ([`crate::normalize`]: lowercase, no diacritics,
//! ё→е, й→и, э→з), so `č`, `ć` and `ч` all become `c`, and Serbian ijekavian `je`/`ije` reads
//! like ekavian `e` (normalization already reads it so; here a glide before a vowel is
//! dropped, which also settles "ya"/"ja"/"ia"). Words with digits or letters of other
//! scripts get no key. A stem's key drops a final glide, so that `devoj*` still begins the key
//! of "devojaka", whose `j` stands before a vowel.
//!
//! Prefix rule: every step looks at most one letter ahead, so for the stems bundles use (cut
//! before an ending) the key of a stem begins the key of every word the stem begins; the
//! tests check this on the bundles' own stems.

/// The languages whose phrases get keys: written in Cyrillic and commonly typed in Latin
/// letters without a standard (Serbian has one, and both scripts are built in).
pub const KEYED_LANGUAGES: &[&str] = &["ru", "uk", "be"];

/// The shortest strict key that also gets a loose key.
pub const LOOSE_MIN: usize = 5;

/// The Latin spelling of one canonical letter (Cyrillic letters of Russian, Ukrainian,
/// Belarusian and Serbian; Latin letters as they are), or `None` for anything else.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'a'..='z' => return None, // handled by the caller (no allocation)
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ы' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "ju",
        'я' => "ja",
        'є' => "je",
        'ї' => "ji",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'ђ' => "dj",
        'џ' | 'ѕ' => "dz",
        _ => return Some("\u{0}"),
    })
}

/// The sounds of ш/щ, ч and ж in keys. They are written with letters that Latin input never
/// reaches the key as (`x`, `q`, `w` are read as х, к, в first), so «жена» and «зена», «шить» and
/// «сить», «чай» and «цай» stay apart: only the Latin spelling "zh", "sh", "ch" says which.
const SH: u8 = b'w';
const CH: u8 = b'q';
const ZH: u8 = b'x';

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Step 1: the word in Latin letters. `false` when it has a character that is no letter of
/// the alphabets keys are for.
fn spell(word: &str, out: &mut Vec<u8>) -> bool {
    out.clear();
    for c in word.chars() {
        if c.is_ascii_lowercase() {
            out.push(c as u8);
            continue;
        }
        match latin(c) {
            Some("\u{0}") | None => return false,
            Some(s) => out.extend_from_slice(s.as_bytes()),
        }
    }
    !out.is_empty()
}

/// Step 2: Latin digraphs as one sound, `y` as a vowel or a glide, and the glides settled.
/// Writes the strict key (`ph` is scratch space).
fn sounds(spelt: &[u8], ph: &mut Vec<u8>, out: &mut Vec<u8>) {
    out.clear();
    ph.clear();
    let at = |i: usize| spelt.get(i).copied().unwrap_or(0);
    let mut i = 0;
    // First pass: digraphs; `j` marks a glide.
    while i < spelt.len() {
        let rest = &spelt[i..];
        let (sound, len) = if rest.starts_with(b"shch") {
            (SH, 4)
        } else if rest.starts_with(b"sch") {
            (SH, 3)
        } else {
            match (at(i), at(i + 1)) {
                (b's', b'h') => (SH, 2),
                (b'c', b'h') => (CH, 2),
                (b'z', b'h') => (ZH, 2),
                (b'k', b'h') => (b'h', 2),
                (b't', b's') | (b't', b'z') => (b'c', 2),
                (b'c', b'k') => (b'k', 2),
                (b'p', b'h') => (b'f', 2),
                (b'x', _) => (b'h', 1),
                (b'q', _) => (b'k', 1),
                (b'w', _) => (b'v', 1),
                (b'y', n) => (if is_vowel(n) { b'j' } else { b'i' }, 1),
                (c, _) => (c, 1),
            }
        };
        ph.push(sound);
        i += len;
    }
    // Second pass: glides. `jo` is ё (е); a glide before another vowel is dropped
    // ("ya", "ja", "ia" → "a" after a consonant; ijekavian "je", "ije" → "e") except at the
    // start of a word, where it stays `j`; any other `j` is the vowel `i`.
    let mut k = 0;
    while k < ph.len() {
        let c = ph[k];
        let next = ph.get(k + 1).copied().unwrap_or(0);
        match c {
            b'j' if next == b'o' => {
                out.push(b'e');
                k += 2;
                continue;
            }
            // at the start of a word the glide is a sound of its own: «я» is "ya"/"ja", never
            // the English article "a" ("a hacker" is not «я хакер»)
            b'j' if k == 0 && is_vowel(next) => out.push(b'j'),
            b'j' | b'i' if is_vowel(next) || next == b'j' => {}
            b'j' => out.push(b'i'),
            _ => out.push(c),
        }
        k += 1;
    }
}

fn voiceless(b: u8) -> Option<u8> {
    Some(match b {
        b'b' => b'p',
        b'v' => b'f',
        b'g' => b'k',
        b'd' => b't',
        b'z' => b's',
        ZH => SH,
        _ => return None,
    })
}

fn is_voiceless(b: u8) -> bool {
    matches!(b, b'p' | b'f' | b'k' | b't' | b's' | b'h' | b'c' | SH | CH)
}

/// Step 3: what people confuse by ear, folded, and doubled letters collapsed. Writes the loose
/// key. Unstressed vowels are confused anywhere (stress is not written): о/а, е/и. Voiced
/// consonants are confused only where they sound voiceless: at the end of a word («досуг» is
/// said «досук») and before a voiceless consonant («ложка», «лошка»); elsewhere «бар» and
/// «пар» stay apart. `final_devoiced`: whether the last letter counts as the end of a word
/// (not for a stem).
fn fold(strict: &[u8], final_devoiced: bool, out: &mut Vec<u8>) {
    out.clear();
    for (k, &c) in strict.iter().enumerate() {
        let next = strict.get(k + 1).copied();
        let devoice = match next {
            None => final_devoiced,
            Some(n) => is_voiceless(n),
        };
        let f = match c {
            b'o' => b'a',
            b'e' | b'y' => b'i',
            c if devoice => voiceless(c).unwrap_or(c),
            other => other,
        };
        // doubled letters are one, but нн stays: «обеспеченный» is not «обеспечение»
        if out.last() != Some(&f) || f == b'n' {
            out.push(f);
        }
    }
}

/// Reusable buffers for computing keys without allocating per word.
#[derive(Default, Debug)]
pub struct Keys {
    spelt: Vec<u8>,
    ph: Vec<u8>,
    /// The strict key of the last word given to [`Keys::compute`].
    pub strict: Vec<u8>,
    /// The loose key of the last word given to [`Keys::compute`].
    pub loose: Vec<u8>,
    /// For a stem that ends in a voiced consonant, its loose key with that consonant
    /// voiceless too (the stem may be the whole word: `досуг*` and «досук»); else empty.
    pub loose_final: Vec<u8>,
}

impl Keys {
    /// Computes both keys of a canonical word (or of a stem, whose final glide is dropped).
    /// Returns `false`, leaving the keys empty, when the word gets no key.
    pub fn compute(&mut self, word: &str, stem: bool) -> bool {
        self.strict.clear();
        self.loose.clear();
        self.loose_final.clear();
        if !spell(word, &mut self.spelt) {
            return false;
        }
        sounds(&self.spelt, &mut self.ph, &mut self.strict);
        if stem {
            while matches!(self.strict.last(), Some(b'i' | b'j')) && self.strict.len() > 1 {
                self.strict.pop();
            }
        }
        fold(&self.strict, !stem, &mut self.loose);
        if stem && self.strict.last().is_some_and(|&b| voiceless(b).is_some()) {
            fold(&self.strict, true, &mut self.loose_final);
        }
        !self.strict.is_empty()
    }
}

/// Whether a canonical word is written in Cyrillic (and so gets keys as a phrase word).
pub fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c))
        && word
            .chars()
            .all(|c| ('\u{400}'..='\u{4FF}').contains(&c) || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn keys(word: &str) -> (String, String) {
        let w = normalize(word).as_str().to_string();
        let mut k = Keys::default();
        assert!(k.compute(&w, false), "{word}");
        (
            String::from_utf8(k.strict.clone()).unwrap(),
            String::from_utf8(k.loose.clone()).unwrap(),
        )
    }

    fn strict(w: &str) -> String {
        keys(w).0
    }

    fn loose(w: &str) -> String {
        keys(w).1
    }

    #[test]
    fn russian_and_its_latin_transliterations_share_the_strict_key() {
        for (cyr, lat) in [
            ("работа", "rabota"),
            ("для", "dlya"),
            ("для", "dlja"),
            ("для", "dlia"),
            ("девушек", "devushek"),
            ("жильё", "zhilyo"),
            ("жилье", "zhilye"),
            ("заработок", "zarabotok"),
            ("требуются", "trebuyutsya"),
            ("требуются", "trebujutsja"),
            ("объявление", "obyavlenie"),
            ("щедрый", "shchedryy"),
            ("щедрый", "schedryj"),
            ("хочу", "khochu"),
            ("хочу", "xochu"),
            ("в", "v"),
            ("на", "na"),
        ] {
            assert_eq!(strict(cyr), strict(lat), "{cyr} / {lat}");
        }
    }

    #[test]
    fn ukrainian_and_serbian_too() {
        // (Serbian Latin š, č, ž lose their marks in normalization, so «смештај» and "smeštaj"
        // differ in keys; Serbian needs none: its phrases are compiled in both scripts)
        for (cyr, lat) in [
            ("потрібні", "potribni"),
            ("дівчата", "divchata"),
            ("заробіток", "zarobitok"),
            ("девојке", "devojke"),
            ("посао", "posao"),
            ("иностранству", "inostranstvu"),
        ] {
            assert_eq!(strict(cyr), strict(lat), "{cyr} / {lat}");
        }
    }

    #[test]
    fn the_strict_key_keeps_short_words_apart() {
        assert_ne!(strict("до"), strict("то"));
        assert_ne!(strict("от"), strict("at"));
        assert_ne!(strict("до"), strict("to"));
        // a glide at the start of a word is kept: «я» is "ya", not the English article "a"
        assert_ne!(strict("я"), strict("a"));
        assert_eq!(strict("я"), strict("ya"));
        assert_eq!(strict("я"), strict("ja"));
        assert_eq!(strict("юг"), strict("yug"));
        // after a consonant it settles as before: «дядя» is "dyadya" and "dadya"
        assert_eq!(strict("дядя"), strict("dyadya"));
    }

    #[test]
    fn the_loose_key_forgives_spelling_by_ear() {
        for (right, wrong) in [
            ("заработок", "зароботок"), // unstressed о/а
            ("досуг", "досук"),         // final г/к
            ("требуются", "требуюца"),  // -тся → -ца
            ("нравится", "нравица"),
            ("массаж", "масаж"),     // doubled letters
            ("девушки", "дивушки"),  // е/и
            ("devojke", "djevojke"), // ekavian / ijekavian
            ("mleko", "mlijeko"),
            ("девушки", "devushki"),
        ] {
            assert_eq!(loose(right), loose(wrong), "{right} / {wrong}");
        }
        assert_ne!(loose("работа"), loose("рабыня"));
        // voiced and voiceless stay apart where they sound different
        assert_ne!(loose("больше"), loose("польше"));
        assert_ne!(loose("рождения"), loose("раздения"));
        assert_ne!(strict("жена"), strict("зена"));
        assert_eq!(loose("ложка"), loose("лошка"));
    }

    #[test]
    fn a_stem_key_begins_the_keys_of_its_words() {
        let mut k = Keys::default();
        let mut key = |w: &str, stem: bool| {
            k.compute(normalize(w).as_str(), stem);
            (k.strict.clone(), k.loose.clone())
        };
        // (stem, word, whether the strict key also applies: no misspelling)
        for (stem, word, strict_too) in [
            ("девуш", "девушки", true),
            ("девуш", "devushkam", true),
            ("devoj", "devojke", true),
            ("devoj", "devojaka", true),
            ("devoj", "djevojke", true),
            ("devoj", "девојака", true),
            ("работ", "rabotat", true),
            ("работ", "работница", true),
            ("заработ", "зароботок", false),
            ("заработ", "zarabotok", true),
            ("досуг", "досуга", true),
        ] {
            let (s, l) = key(stem, true);
            let (ws, wl) = key(word, false);
            assert!(wl.starts_with(&l), "{stem}* / {word}");
            assert_eq!(ws.starts_with(&s), strict_too, "{stem}* / {word}");
        }
        // a stem that is the whole word, misspelt at its end
        let mut k = Keys::default();
        k.compute("досуг", true);
        let final_key = k.loose_final.clone();
        k.compute("досук", false);
        assert_eq!(k.loose, final_key);
    }

    #[test]
    fn numbers_and_other_scripts_get_no_key() {
        let mut k = Keys::default();
        assert!(!k.compute("18", false));
        assert!(!k.compute("covid19", false));
        assert!(!k.compute("δουλειά", false));
        assert!(k.strict.is_empty() && k.loose.is_empty());
    }
}
