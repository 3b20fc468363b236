//! Character tables for the evasions recruiters use: invisible characters, look-alike letters
//! from another alphabet (homoglyphs), leetspeak digits and symbols, and the handful of
//! letters that Unicode decomposition leaves alone (đ, ł, ß …).
//!
//! Why tables and not the full Unicode TR39 confusables list: TR39 maps everything to a
//! skeleton that no longer reads as Russian or Serbian, and its size would dominate the
//! `.wasm`. Recruiters swap the few dozen letters that look the same in Latin and Cyrillic;
//! those are listed here, and the choice of direction (to Latin or to Cyrillic) is made per
//! word by [`crate::normalize`], from the letters that have no look-alike.

/// The alphabet a letter belongs to, for deciding which way a mixed word is read.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    #[default]
    Other,
}

/// Which alphabet a (lowercase, decomposed) letter is in.
pub fn script_of(c: char) -> Script {
    match c as u32 {
        0x61..=0x7A | 0xC0..=0x24F => Script::Latin,
        0x400..=0x52F => Script::Cyrillic,
        0x370..=0x3FF => Script::Greek,
        _ => Script::Other,
    }
}

/// Characters that render as nothing (or almost nothing) and are used to split a word so that
/// a plain substring search misses it: zero-width space/joiners, soft hyphen, bidi controls,
/// variation selectors, Unicode tags, Hangul fillers.
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069
        | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE007F | 0xE0100..=0xE01EF)
}

/// Apostrophes inside a word are dropped rather than splitting it (Ukrainian «п'ять»,
/// English "don't"), so the word keeps matching whichever apostrophe was typed.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{02B9}' | '\u{2018}'
    )
}

/// Letters that survive compatibility decomposition but have a plain equivalent that people
/// type instead (Serbian "dj" for đ, and so on). Returns the replacement text.
pub fn expand_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'đ' => "dj",
        'ł' => "l",
        'ø' => "o",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'ı' => "i",
        'ħ' => "h",
        'ŀ' => "l",
        // Cyrillic: э is rare and almost only word-initial; recruiters write it as the digit 3,
        // which is also how з is written. Folding э into з in both phrases and text lets
        // «3скорт» match «эскорт» without making «3аработок» miss «заработок».
        'э' => "з",
        _ => return None,
    })
}

/// Symbols that stand for letters when written inside a word ("p@y", "g!rls", "ca$h").
pub fn is_leet_symbol(c: char) -> bool {
    matches!(c, '@' | '$' | '!')
}

/// Leetspeak in a word read as Latin.
pub fn leet_to_latin(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        '8' => 'b',
        _ => return None,
    })
}

/// Leetspeak in a word read as Cyrillic («д0суг», «3аработок», «4астный», «ра6ота»).
pub fn leet_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        '0' => 'о',
        // Ukrainian і, as the Latin i already is in a Cyrillic word («д1вчата»)
        '1' => 'і',
        '3' => 'з',
        '4' => 'ч',
        '6' => 'б',
        '@' => 'а',
        '$' => 'с',
        _ => return None,
    })
}

/// A Latin (or Greek) letter that looks like a Cyrillic one, in a word read as Cyrillic.
pub fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'a' | 'α' => 'а',
        'b' | 'β' => 'в',
        'c' => 'с',
        'e' | 'ε' => 'е',
        'h' | 'η' => 'н',
        'i' | 'ι' => 'і',
        'j' => 'ј',
        'k' | 'κ' => 'к',
        'm' => 'м',
        'n' => 'п',
        'o' | 'ο' => 'о',
        'p' | 'ρ' => 'р',
        'r' => 'г',
        't' | 'τ' => 'т',
        'u' => 'и',
        'x' | 'χ' => 'х',
        'y' | 'υ' => 'у',
        _ => return None,
    })
}

/// A Cyrillic (or Greek) letter that looks like a Latin one, in a word read as Latin.
pub fn cyrillic_to_latin(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'в' | 'β' | 'ь' => 'b',
        'с' => 'c',
        'е' | 'ε' => 'e',
        'н' | 'η' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'п' => 'n',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'г' => 'r',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'и' | 'υ' => 'u',
        'ν' => 'v',
        'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' => 'y',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        _ => return None,
    })
}

/// The Serbian Cyrillic letter for a lowercase Serbian Latin digraph (`lj`, `nj`, `dž`).
fn serbian_digraph(c: char, next: Option<char>) -> Option<char> {
    match (c, next) {
        ('l', Some('j')) => Some('љ'),
        ('n', Some('j')) => Some('њ'),
        ('d', Some('ž')) => Some('џ'),
        _ => None,
    }
}

/// The Serbian Cyrillic letter for a lowercase Serbian Latin letter; `None` for anything else
/// (q, w, x, y, digits, punctuation, other scripts).
fn serbian_letter(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'b' => 'б',
        'c' => 'ц',
        'č' => 'ч',
        'ć' => 'ћ',
        'd' => 'д',
        'đ' => 'ђ',
        'e' => 'е',
        'f' => 'ф',
        'g' => 'г',
        'h' => 'х',
        'i' => 'и',
        'j' => 'ј',
        'k' => 'к',
        'l' => 'л',
        'm' => 'м',
        'n' => 'н',
        'o' => 'о',
        'p' => 'п',
        'r' => 'р',
        's' => 'с',
        'š' => 'ш',
        't' => 'т',
        'u' => 'у',
        'v' => 'в',
        'z' => 'з',
        'ž' => 'ж',
        _ => return None,
    })
}

/// Serbian Latin (with diacritics, lowercase) to Serbian Cyrillic, so that one phrase list
/// serves both scripts. Returns `None` when the text has letters Serbian Cyrillic lacks
/// (q, w, x, y), i.e. when it is not Serbo-Croatian at all.
pub fn serbian_latin_to_cyrillic(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(d) = serbian_digraph(c, chars.get(i + 1).copied()) {
            out.push(d);
            i += 2;
            continue;
        }
        if matches!(c, 'q' | 'w' | 'x' | 'y') {
            return None;
        }
        out.push(serbian_letter(c).unwrap_or(c));
        i += 1;
    }
    Some(out)
}

/// Serbian Latin text as people write it (any case) to Serbian Cyrillic, keeping the case of
/// each letter (`Ljubav` → `Љубав`) and every character that is not a Serbian Latin letter.
/// The extension's Serbian Cyrillic interface is made from its Latin one with this
/// (`redflag ui-cyrillic`), at build time.
pub fn serbian_latin_to_cyrillic_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let upper = lower(c) != c;
        let (cyr, used) = match serbian_digraph(lower(c), chars.get(i + 1).map(|&n| lower(n))) {
            Some(d) => (Some(d), 2),
            None => (serbian_letter(lower(c)), 1),
        };
        match cyr {
            Some(y) if upper => out.extend(y.to_uppercase()),
            Some(y) => out.push(y),
            None => out.push(c),
        }
        i += used;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serbian_text_keeps_case_and_foreign_letters() {
        assert_eq!(
            serbian_latin_to_cyrillic_text("Ljubav i NJIVA"),
            "Љубав и ЊИВА"
        );
        assert_eq!(
            serbian_latin_to_cyrillic_text("Džep, 5 web-stranica!"),
            "Џеп, 5 wеб-страница!"
        );
        assert_eq!(
            serbian_latin_to_cyrillic_text("Više znakova"),
            "Више знакова"
        );
    }

    #[test]
    fn serbian_transliteration_handles_digraphs() {
        assert_eq!(serbian_latin_to_cyrillic("ljubav").unwrap(), "љубав");
        assert_eq!(serbian_latin_to_cyrillic("smeštaj").unwrap(), "смештај");
        assert_eq!(serbian_latin_to_cyrillic("džep njiva").unwrap(), "џеп њива");
        assert_eq!(serbian_latin_to_cyrillic("djevojke").unwrap(), "дјевојке");
        assert!(serbian_latin_to_cyrillic("webcam").is_none());
    }

    #[test]
    fn lookalike_tables_are_inverse_where_both_directions_exist() {
        for c in "acehkmopxy".chars() {
            let cyr = latin_to_cyrillic(c).unwrap();
            assert_eq!(cyrillic_to_latin(cyr), Some(c), "{c}");
        }
    }

    #[test]
    fn invisible_characters_are_recognised() {
        for c in ['\u{200B}', '\u{200D}', '\u{FEFF}', '\u{00AD}', '\u{2060}'] {
            assert!(is_invisible(c));
        }
        assert!(!is_invisible(' '));
        assert!(!is_invisible('a'));
    }
}
