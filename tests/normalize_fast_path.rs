//! The normalizer's fast path (runs of plain letters as one unit, a map back to the original
//! with one record per stretch instead of one per byte) changes nothing: on generated text and
//! on every post of the corpora, the canonical text, the original range of every output
//! character, and the hashtag and spread-letter marks are exactly those of the per-character
//! normalizer it replaced (`tests/reference/normalize.rs`).

// Native only: uses proptest and reads corpora from the disk.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "reference/normalize.rs"]
mod reference;

use proptest::prelude::*;
use redflag::normalize::normalize;

/// Compares the fast normalizer with the reference on one text; `Err` says where they differ.
fn same_as_reference(text: &str) -> Result<(), String> {
    let new = normalize(text);
    let old = reference::normalize(text);
    let s = new.as_str();
    if s != old.as_str() {
        return Err(format!("text: {s:?} vs reference {:?}", old.as_str()));
    }
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        // every byte of a character maps to the same range, so this covers every byte
        let (a, b) = (new.original_range(i, end), old.original_range(i, end));
        if a != b {
            return Err(format!("{c:?} at {i} of {s:?}: {a:?} vs reference {b:?}"));
        }
        // a range that starts or ends inside a character, too
        for k in i + 1..end {
            let (a, b) = (new.original_range(k, end), old.original_range(k, end));
            if a != b {
                return Err(format!("byte {k} of {s:?}: {a:?} vs reference {b:?}"));
            }
        }
    }
    for at in 0..=s.len() {
        if new.is_hashtag(at) != old.is_hashtag(at) || new.is_spread(at) != old.is_spread(at) {
            return Err(format!("hashtag/spread mark at {at} of {s:?}"));
        }
    }
    Ok(())
}

/// Text that exercises the fast path's edges: runs of plain letters of both scripts next to
/// the letters it leaves out (й, э, ё, j, ј, diacritics), digits, leet symbols, apostrophes,
/// spread letters, number codes, hashtags, invisible characters, ligatures, look-alikes.
fn edgy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Zа-яА-ЯёЁйЙэЭjJјЈ]{1,10}",
        "[ѐ-џЀ-Џа-яґҐ]{1,8}",
        "[0-9]{1,6}",
        "[0-9 .,+\\-—−#]{1,10}",
        "[a-zA-Zа-яА-ЯёЁ0-9@$!'’`#+\\-.,:;()/ ]{1,12}",
        "[a-zа-яА-Я\u{a0}«»“”„…—–‐−‘’ʼ#+\\- ]{1,12}",
        "[a-zјđčćšžA-Z]{1,8}",
        Just("Tpебуютcя дeвушки".to_string()),
        Just("Р А Б О Т А".to_string()),
        Just("e.s.c.o.r.t".to_string()),
        Just("3sc0rt h1gh p@y д3вушки".to_string()),
        Just("djevojke mlijeko".to_string()),
        Just("-18 18+ 2,000 1.000.000".to_string()),
        Just("девушки-18 18-25 из-за —18 1,5 5.000 ②³".to_string()),
        Just("Її Єва Ўладзімір ѓ ќ ѝ Ђорђе Љубав Џеј".to_string()),
        Just("#работадлядевушек #Escort".to_string()),
        Just("ра\u{200B}бо\u{200D}та".to_string()),
        Just("ﬁnance ｅｓｃｏｒｔ 𝐞𝐬𝐜".to_string()),
        Just("п'ять don’t".to_string()),
        Just("💋 «»—…".to_string()),
        Just("👧💰✈️🇦🇪🇷🇺🇸 👩‍💼👍🏻 р💰а ✅Работа 🔞".to_string()),
        "[a-zа-я👧💰✈🇦🇪🏠 ]{1,10}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    let sep = prop_oneof![
        Just(""),
        Just(" "),
        Just("  "),
        Just("\n"),
        Just("."),
        Just("-")
    ];
    proptest::collection::vec((piece, sep), 0..16)
        .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn the_fast_path_normalizes_generated_text_exactly_like_the_reference(text in edgy()) {
        prop_assert_eq!(same_as_reference(&text), Ok(()));
    }

    #[test]
    fn the_fast_path_normalizes_any_unicode_exactly_like_the_reference(text in "\\PC{0,40}") {
        prop_assert_eq!(same_as_reference(&text), Ok(()));
    }
}

#[test]
fn the_fast_path_normalizes_the_corpora_exactly_like_the_reference() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in std::fs::read_dir(root.join("rules/languages")).unwrap() {
        let corpus = dir.unwrap().path().join("corpus");
        if let Ok(entries) = std::fs::read_dir(&corpus) {
            files.extend(entries.map(|e| e.unwrap().path()));
        }
    }
    // the shared corpora when they are beside the repository: the first posts of each
    let shared = root.join("../shared/corpora");
    if let Ok(entries) = std::fs::read_dir(&shared) {
        files.extend(entries.map(|e| e.unwrap().path()));
    }
    let mut posts = 0;
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "jsonl"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()).take(2000) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let Some(t) = v["text"].as_str() else {
                continue;
            };
            if let Err(e) = same_as_reference(t) {
                panic!("{}: {e}", f.display());
            }
            posts += 1;
        }
    }
    assert!(posts > 300, "only {posts} posts read");
}
