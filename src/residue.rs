//! The platforms' own words inside a post's text: "… Show more", «Показать полностью…».
//!
//! A feed shows the start of a long post, then a link that opens the rest; many sites keep the
//! rest in the same element, after the link, so the text read from the page (or copied from
//! it) has the link's words in the middle of a sentence: "za pola… Prikaži više sata". A phrase
//! that runs across that cut ("za pola sata") is lost, though the writer wrote it whole. The
//! extension leaves buttons out when it reads a post, but not every site makes its link a
//! button, and text pasted into the check page or given to `redflag scan` keeps it.
//!
//! [`blank`] replaces each such cut (the link's words and the ellipses around them) with as
//! many spaces as it has bytes, before the text is normalized: every byte keeps its place, so
//! evidence offsets still point into the original text, and the words on both sides of the cut
//! meet as they did before the platform cut them.
//!
//! The list holds the links of the platforms the extension reads (VK, Telegram, Facebook,
//! Instagram, X, the job boards), in the eight languages of the bundles. Ordinary words could
//! be lost if a list entry were read anywhere it appears ("read more books"), so an entry is a
//! cut only where the platforms put it: next to the ellipsis that ends the shown part ("…",
//! "..."). A text with no ellipsis (most texts) is not searched at all.
//! These are facts about the platforms' interfaces, not risk signs: they live here, not in the
//! bundles.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::borrow::Cow;
use std::sync::OnceLock;

/// The links' words, as the platforms write them (the matcher also takes them in lower case
/// and, for Latin letters, in any case).
const LINKS: &[&str] = &[
    // English (Facebook, Instagram, X, LinkedIn, job boards)
    "Show more",
    "See more",
    "Read more",
    "Continue reading",
    "Show full text",
    // Russian (VK, Telegram, hh.ru, Avito)
    "Показать полностью",
    "Показать ещё",
    "Показать еще",
    "Читать далее",
    "Читать дальше",
    "Развернуть текст",
    "Показать целиком",
    // Ukrainian
    "Показати повністю",
    "Показати ще",
    "Читати далі",
    "Розгорнути текст",
    // Serbian (both scripts), Croatian, Bosnian
    "Prikaži više",
    "Prikazi vise",
    "Prikaži još",
    "Vidi više",
    "Pogledaj više",
    "Pročitaj više",
    "Pročitajte više",
    "Прикажи више",
    "Види више",
    "Погледај више",
    "Прочитај више",
    // Albanian
    "Shfaq më shumë",
    "Shiko më shumë",
    "Lexo më shumë",
    "Lexo më tepër",
];

/// The automaton of [`LINKS`], built on first use: Latin letters in any case (the search's own
/// ASCII case folding), others as written or in lower case (a copy per link).
fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        let mut patterns: Vec<String> = Vec::with_capacity(LINKS.len() * 2);
        for l in LINKS {
            patterns.push((*l).to_string());
            let lower = l.to_lowercase();
            if !lower.eq_ignore_ascii_case(l) {
                patterns.push(lower);
            }
        }
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the residue links build an automaton")
    })
}

/// Skips white space before `at` (a feed may put the link on a line of its own), then one
/// ellipsis ("…" or two or more dots); returns where the ellipsis begins, or `None` when there
/// is none.
fn ellipsis_before(t: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    while i > 0 && t[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i >= 3 && &t[i - 3..i] == "…".as_bytes() {
        return Some(i - 3);
    }
    let mut j = i;
    while j > 0 && t[j - 1] == b'.' {
        j -= 1;
    }
    (i - j >= 2).then_some(j)
}

/// Skips white space from `at`, then one ellipsis; returns where it ends.
fn ellipsis_after(t: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    while i < t.len() && t[i].is_ascii_whitespace() {
        i += 1;
    }
    if t[i..].starts_with("…".as_bytes()) {
        return Some(i + 3);
    }
    let mut j = i;
    while j < t.len() && t[j] == b'.' {
        j += 1;
    }
    (j - i >= 2).then_some(j)
}

/// Whether the character at byte `i` of `t` (or just before it, `before`) is a letter or a
/// digit: a link's words must not be part of longer words.
fn word_char_at(t: &str, i: usize, before: bool) -> bool {
    let c = if before {
        t[..i].chars().next_back()
    } else {
        t[i..].chars().next()
    };
    c.is_some_and(char::is_alphanumeric)
}

/// `text` with every platform link that cuts it ([`LINKS`] next to an ellipsis) replaced by as
/// many spaces as it has bytes, with the ellipses around it; the text itself when there is none
/// (the common case: no copy).
pub(crate) fn blank(text: &str) -> Cow<'_, str> {
    if !text.contains('…') && !text.contains("..") {
        return Cow::Borrowed(text);
    }
    let t = text.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for m in automaton().find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if word_char_at(text, s, true) || word_char_at(text, e, false) {
            continue;
        }
        let before = ellipsis_before(t, s);
        let after = ellipsis_after(t, e);
        if before.is_none() && after.is_none() {
            continue;
        }
        cuts.push((before.unwrap_or(s), after.unwrap_or(e)));
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = t.to_vec();
    for (a, b) in cuts {
        out[a..b].fill(b' ');
    }
    // (only whole characters were replaced, each by ASCII spaces)
    Cow::Owned(String::from_utf8(out).expect("blanking whole characters keeps UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::blank;

    #[test]
    fn a_cut_in_the_middle_of_a_sentence_is_blanked_byte_for_byte() {
        for t in [
            "za pola… Prikaži više sata, slike u inbox",
            "работа для… Показать полностью девушек",
            "girls wanted... See more for work abroad",
            "Робота для дівчат…\nПоказати повністю\nза кордоном",
            "Show more… work abroad",
            "punë për vajza … Shfaq më shumë jashtë vendit",
        ] {
            let b = blank(t);
            assert_eq!(b.len(), t.len(), "{t}");
            assert!(!b.contains('…') && !b.contains("..."), "{b}");
            let words: Vec<&str> = b.split_whitespace().collect();
            let orig: Vec<&str> = t.split_whitespace().collect();
            assert!(words.len() < orig.len(), "{t} -> {b}");
            // the words on both sides are where they were
            for (i, c) in b.char_indices().filter(|(_, c)| *c != ' ') {
                assert!(t[i..].starts_with(c), "{t}: {i}");
            }
        }
        assert_eq!(
            blank("за пола… Показать полностью сата")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["за", "пола", "сата"]
        );
    }

    #[test]
    fn the_links_words_elsewhere_are_left_alone() {
        for t in [
            "I want to read more books this year",
            "Show more respect to your colleagues",
            "Prikaži više fotografija stana u oglasu",
            "Хочу читать далее эту книгу",
            "Showmore... is a brand",
            "please see morea...",
        ] {
            assert_eq!(blank(t), t);
        }
    }

    #[test]
    fn a_link_with_no_ellipsis_is_left_alone() {
        let t = "Тражимо девојке за рад\nПрикажи више\nу иностранству";
        assert_eq!(blank(t), t);
    }
}
