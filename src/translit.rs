//! Transliterated Russian and Ukrainian: whether a text written in Latin letters is Russian or
//! Ukrainian ("rabota dlya devushek, pishi v ls").
//!
//! Why: the script-free keys ([`crate::phonetic`]) read "soderzhanku" as «содержанку», but a
//! Latin word found only by its key never makes a phrase of one word on its own, because most
//! Latin words that sound like a Russian phrase word are English or Serbian words of their own
//! ("private" ~ «приваты», "massage" ~ «массаж», "diskretno" ~ «дискретно»). In a text that is
//! Russian or Ukrainian written in Latin letters, that caution costs the one-word phrases
//! («содержанка», «биткоин», «слив»): transliterated posts lose signs their Cyrillic twins
//! have. So the matcher asks this module, for a text with such a key hit, whether the text is
//! transliterated East Slavic; if so, those hits may stand alone.
//!
//! How: the text has at least [`MIN_MARKERS`] different words from a short list of the
//! commonest Russian and Ukrainian function words and verbs as people write them in Latin
//! letters, chosen so that none is a word of English, Serbian, Croatian, Bosnian or Albanian
//! ("mene", "tebe", "treba", "vas", "ili", "vid", "ty" are left out for that reason). Two
//! words, not one: a single "dlya" in an English post about a Russian shop says little.

/// Different marker words a text needs to count as transliterated Russian or Ukrainian.
pub const MIN_MARKERS: usize = 2;

/// Russian and Ukrainian words as written in Latin letters (lowercase, as the normalized text
/// has them), none of them a word of the other languages the bundles cover. Sorted, for the
/// binary search.
const MARKERS: &[&str] = &[
    "budet",
    "chto",
    "chtoby",
    "deneg",
    "dengi",
    "devochki",
    "devushek",
    "devushki",
    "divchat",
    "divchata",
    "dlia",
    "dlya",
    "duzhe",
    "eshche",
    "esli",
    "gde",
    "groshi",
    "hochesh",
    "horosho",
    "hroshi",
    "hto",
    "ischem",
    "ischu",
    "ishchem",
    "ishchu",
    "khochesh",
    "khorosho",
    "khto",
    "kogda",
    "kotoraya",
    "kotorye",
    "kotoryy",
    "kto",
    "menya",
    "mozhesh",
    "mozhete",
    "mozhna",
    "mozhno",
    "nuzhen",
    "nuzhna",
    "nuzhno",
    "nuzhny",
    "ochen",
    "pishi",
    "pishit",
    "pishite",
    "potribna",
    "potribni",
    "pratsya",
    "privet",
    "rabota",
    "rabotu",
    "robota",
    "robotu",
    "scho",
    "sebya",
    "segodnya",
    "seychas",
    "shcho",
    "shukaemo",
    "shukayemo",
    "shukayu",
    "spasibo",
    "tebya",
    "tobi",
    "tolko",
    "tozhe",
    "tse",
    "tvoi",
    "tvoya",
    "tvoye",
    "tvoyi",
    "tvoyu",
    "uzhe",
    "vsem",
    "vzhe",
    "yakscho",
    "yakshcho",
    "yeshche",
    "yesli",
    "zarabotok",
    "zarobitok",
    "zavtra",
];

/// Whether `text` (a normalized text: lowercase, words separated by spaces) has at least
/// [`MIN_MARKERS`] different Russian or Ukrainian marker words written in Latin letters.
pub fn is_transliterated(text: &str) -> bool {
    let mut found: [&str; MIN_MARKERS] = [""; MIN_MARKERS];
    let mut n = 0;
    for word in text.split(' ') {
        if word.len() < 3 || word.len() > 9 || !word.is_ascii() {
            continue;
        }
        if MARKERS.binary_search(&word).is_ok() && !found[..n].contains(&word) {
            found[n] = word;
            n += 1;
            if n == MIN_MARKERS {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_sorted_and_lowercase() {
        assert!(
            MARKERS.windows(2).all(|w| w[0] < w[1]),
            "MARKERS must be sorted"
        );
        assert!(MARKERS
            .iter()
            .all(|m| m.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn russian_and_ukrainian_in_latin_letters() {
        assert!(is_transliterated(
            "ischu soderzhanku s menya kvartira i dengi"
        ));
        assert!(is_transliterated(
            "ya znayu pro tvoi video libo 300 evro zavtra"
        ));
        assert!(is_transliterated("potribni divchata robota za kordonom"));
    }

    #[test]
    fn english_serbian_and_one_marker_are_not() {
        assert!(!is_transliterated("private massage video dubai hostess"));
        assert!(!is_transliterated(
            "treba mi posao ili nesto za tebe i mene"
        ));
        assert!(!is_transliterated(
            "a shop called dlya doma opened in london"
        ));
        // the same marker twice is one marker
        assert!(!is_transliterated("dlya dlya dlya"));
    }
}
