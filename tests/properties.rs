//! Properties that must hold for every input, checked on generated text: normalization is
//! idempotent; every evidence span lies inside the original text and is exactly the text it
//! reports; classification never panics, whatever the UTF-8; huge posts are cut, not choked on.

// Native only: runs the CLI / uses proptest, neither of which exists on wasm32.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use redflag::normalize::normalize;
use redflag::{Engine, Options};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(&redflag::authoring::default_set().unwrap()).unwrap())
}

/// Text made of what posts are made of: words in several scripts, risky phrases, digits,
/// punctuation, emoji, invisible characters, combining marks, look-alikes.
fn posty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("девушки".to_string()),
        Just("Tpебуютcя дeвушки".to_string()),
        Just("высокий доход".to_string()),
        Just("Р А Б О Т А".to_string()),
        Just("e.s.c.o.r.t".to_string()),
        Just("3sc0rt h1gh p@y".to_string()),
        Just("smeštaj plaćen".to_string()),
        Just("девојке".to_string()),
        Just("vetëm vajza".to_string()),
        Just("-18".to_string()),
        Just("18+".to_string()),
        Just("паспорт".to_string()),
        Just("girls only".to_string()),
        Just("💋".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{0301}".to_string()),
        Just("п'ять".to_string()),
        Just("ǅ ǈ ß İ ﬁ".to_string()),
        // a platform's "show more" link cutting the text (read as the space it cut)
        Just("… Показать полностью".to_string()),
        Just("... See more".to_string()),
        "[a-zA-Zа-яА-ЯёЁђјљњћџ0-9 .,!?@$'\\-+*_]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalization_is_idempotent(text in posty()) {
        let once = normalize(&text);
        let twice = normalize(once.as_str());
        prop_assert_eq!(once.as_str(), twice.as_str());
    }

    #[test]
    fn normalization_of_any_unicode_is_idempotent(text in "\\PC{0,40}") {
        let once = normalize(&text);
        let twice = normalize(once.as_str());
        prop_assert_eq!(once.as_str(), twice.as_str());
    }

    #[test]
    fn evidence_lies_inside_the_text_and_is_what_it_says(text in posty()) {
        let v = engine().classify(&text, &Options::default());
        let units: Vec<u16> = text.encode_utf16().collect();
        for e in v.evidence.iter().chain(&v.dampeners) {
            prop_assert!(e.start < e.end, "{:?}", e);
            prop_assert!((e.end as usize) <= units.len(), "{:?}", e);
            let slice = String::from_utf16(&units[e.start as usize..e.end as usize]).unwrap();
            prop_assert_eq!(&slice, &e.text);
        }
    }

    #[test]
    fn classify_never_panics_on_any_utf8(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let v = engine().classify(&text, &Options {
            region: Some("RS"),
            ..Default::default()
        });
        prop_assert!(v.score.is_finite() && v.score >= 0.0);
    }
}

#[test]
fn a_show_more_link_inside_a_post_does_not_cut_its_phrases() {
    // A feed keeps the rest of a long post after its "show more" link: the words on both sides
    // are read as one text, as the writer wrote them, and the evidence is the original's.
    for (whole, link, after) in [
        (
            "Работа для девушек в Дубае, проживание бесплатно, высокий доход",
            "… Показать полностью",
            2,
        ),
        (
            "Posao za djevojke u inostranstvu, smještaj plaćen, zarada 3000 eura",
            "… Prikaži više",
            4,
        ),
    ] {
        // the link after the post's `after`-th word, inside a phrase
        let at = whole.match_indices(' ').nth(after - 1).unwrap().0;
        let cut = format!("{}{link}{}", &whole[..at], &whole[at..]);
        let a = engine().classify(whole, &Options::default());
        let b = engine().classify(&cut, &Options::default());
        assert!(a.level >= redflag::Level::Warning, "{whole}: {a:?}");
        assert_eq!(a.level, b.level, "{cut}");
        // the same risk signs, the one across the cut shown with the link in it
        let texts = |v: &redflag::Verdict| -> Vec<String> {
            v.evidence
                .iter()
                .map(|e| e.text.replace(link, ""))
                .collect()
        };
        assert_eq!(texts(&a), texts(&b), "{cut}");
        assert!(
            b.evidence.iter().any(|e| e.text.contains(link)),
            "{cut}: {b:?}"
        );
        let units: Vec<u16> = cut.encode_utf16().collect();
        for e in &b.evidence {
            let slice = String::from_utf16(&units[e.start as usize..e.end as usize]).unwrap();
            assert_eq!(slice, e.text);
        }
    }
}

#[test]
fn huge_posts_are_cut_and_the_verdict_says_so() {
    // 1 MiB of text with a risky ad at the start: read up to the limit, classified, marked.
    let mut text = String::from(
        "Требуются девушки 18-25 в VIP-салон, высокий доход, опыт не нужен. Фото в лс. ",
    );
    while text.len() < (1 << 20) {
        text.push_str("обычный текст про погоду и новости ");
    }
    let v = engine().classify(&text, &Options::default());
    assert!(v.truncated);
    assert!(v.level >= redflag::Level::Warning);
    // a post at the limit is not cut
    let small = engine().classify("девушки", &Options::default());
    assert!(!small.truncated);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The word table reports exactly what its contract says, checked against the plain
    /// definition: every pattern equal to the word, and every stem that is a shorter prefix.
    #[test]
    fn word_table_finds_exactly_the_words_and_stems(
        patterns in proptest::collection::vec("[abвгđ]{1,4}", 0..40),
        stems in proptest::collection::vec(any::<bool>(), 40),
        word in "[abвгđ]{0,7}",
    ) {
        let mut distinct: Vec<String> = Vec::new();
        for p in patterns {
            if !distinct.contains(&p) {
                distinct.push(p);
            }
        }
        let stem = &stems[..distinct.len()];
        let table = redflag::word_table::WordTable::new(&distinct, stem);
        let mut got = Vec::new();
        table.lookup(word.as_bytes(), |h| got.push((h.pattern, h.len)));
        got.sort();
        let mut want: Vec<(u32, usize)> = distinct
            .iter()
            .enumerate()
            .filter(|(i, p)| **p == word || (stem[*i] && word.len() > p.len() && word.starts_with(p.as_str())))
            .map(|(i, p)| (i as u32, p.len()))
            .collect();
        want.sort();
        prop_assert_eq!(got, want);
    }
}

proptest! {
    /// A phrase word reads exactly as normalization reads the same word in a post (phrase
    /// parsing has a shortcut for words that are already canonical).
    #[test]
    fn phrase_words_read_like_text(word in "[a-z]{1,9}|[0-9]{1,6}|[а-яёйэ]{1,9}|[A-Za-zа-яА-ЯђјљњћџčćšžđЁё0-9]{1,9}") {
        let from_phrase: Vec<String> = redflag::phrase::parse(&word).unwrap().into_iter().map(|w| w.text).collect();
        let from_text: Vec<String> = normalize(&word).words().map(str::to_string).collect();
        prop_assert_eq!(from_phrase, from_text);
    }
}
