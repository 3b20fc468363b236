//! Phrases of pieces (`^ @girls ~~ от # usd ~2 @per_time`): every piece, itself a phrase,
//! anywhere in one post and in any order (docs/BUNDLE_FORMAT.md, "Signals"). The test bundle
//! is tests/bundles/pieces.toml, loaded beside the project's core.toml.

// Native only: reads TOML.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{engine, set_of};
use redflag::{Document, Engine, Options};

const BUNDLE: &str = include_str!("bundles/pieces.toml");

/// The evidence of `signal` in `text`: each item's text and UTF-16 span.
fn evidence(e: &Engine, text: &str, signal: &str) -> Vec<(String, u32, u32)> {
    e.classify(text, &Options::default())
        .evidence
        .iter()
        .filter(|ev| ev.signal == signal)
        .map(|ev| (ev.text.clone(), ev.start, ev.end))
        .collect()
}

fn utf16(text: &str, part: &str) -> (u32, u32) {
    let at = text.find(part).unwrap();
    let start = text[..at].encode_utf16().count() as u32;
    (start, start + part.encode_utf16().count() as u32)
}

#[test]
fn both_pieces_anywhere_in_the_post_in_either_order() {
    let e = engine(BUNDLE);
    let text = "Девушки! Работа в клубе, всё расскажу в личке. Оплата от 3000$ в неделю.";
    let got = evidence(&e, text, "xx.girls_and_pay");
    // the signal fires once, and its evidence shows each piece where it is
    let (a, b) = utf16(text, "Девушки");
    let (c, d) = utf16(text, "от 3000$ в неделю");
    assert_eq!(
        got,
        vec![
            ("Девушки".to_string(), a, b),
            ("от 3000$ в неделю".to_string(), c, d)
        ]
    );
    // the other order
    let text = "Оплата от 3000$ в неделю. Девушки, пишите в личку!";
    assert_eq!(evidence(&e, text, "xx.girls_and_pay").len(), 2);
    // one piece alone is nothing
    for text in [
        "Оплата от 3000$ в неделю, пишите!",
        "Девушки! Приходите на концерт в субботу.",
    ] {
        assert!(evidence(&e, text, "xx.girls_and_pay").is_empty(), "{text}");
    }
}

#[test]
fn each_piece_is_a_phrase_with_its_own_anchor_stems_and_negation() {
    let e = engine(BUNDLE);
    // `^` belongs to the first piece: «девушки» in the middle of a sentence is not an address
    let text = "Оплата от 3000$ в неделю, приглашаем девушки и парни.";
    assert!(evidence(&e, text, "xx.girls_and_pay").is_empty());
    // the second piece is not anchored: it may stand anywhere
    let text = "Девушки! Вам оплата от 3000$ за неделю";
    assert_eq!(evidence(&e, text, "xx.girls_and_pay").len(), 2);
    // stems inside a piece
    assert_eq!(
        evidence(
            &e,
            "Паспорта заберем на границе, не переживайте",
            "xx.stems"
        )
        .len(),
        2
    );
    // a negation before a piece cancels that piece, and so the phrase
    assert!(evidence(&e, "Паспорта не заберем никогда", "xx.stems").is_empty());
    // three pieces: all three are needed
    let three = "Девочки, фото нужны. Без интима!";
    assert!(evidence(&e, three, "xx.three").is_empty(), "negated piece");
    let three = "Девочки, пришлите фото. Работа интимного характера.";
    assert_eq!(evidence(&e, three, "xx.three").len(), 3);
    assert!(evidence(&e, "Девочки, пришлите фото.", "xx.three").is_empty());
}

#[test]
fn pieces_may_not_be_one_and_the_same_words() {
    let bundle = BUNDLE.replace(
        "phrases = [\"паспорт* ~~ заберем\"]",
        "phrases = [\"@girls ~~ девушки\"]",
    );
    let e = engine(&bundle);
    // one «девушки» cannot be both pieces
    assert!(evidence(&e, "Девушки", "xx.stems").is_empty());
    assert_eq!(evidence(&e, "Девушки, девочки", "xx.stems").len(), 2);
}

#[test]
fn an_empty_piece_is_an_error_with_its_line_and_a_common_piece_a_warning() {
    for bad in [
        "@girls ~~",
        "~~ @girls",
        "@girls ~~ ~~ фото",
        "a ~~ b ~~ c ~~ d",
    ] {
        let bundle = BUNDLE.replace("паспорт* ~~ заберем", bad);
        let err = set_of(&bundle)
            .and_then(|s| s.validate())
            .expect_err(bad)
            .problems;
        let p = err.iter().find(|p| p.code == "bad-phrase").expect(bad);
        assert_eq!(p.location.file, "xx.toml");
        assert!(p.location.line.is_some(), "{bad}: the line");
        assert_eq!(
            p.location.field.as_deref(),
            Some("signal[2] \"xx.stems\".phrases")
        );
    }
    let warnings = |bundle: &str| -> Vec<String> {
        let set = set_of(bundle).unwrap();
        set.check()
            .into_iter()
            .filter(|p| p.code == "common-piece")
            .map(|p| p.message)
            .collect()
    };
    assert!(warnings(BUNDLE).is_empty());
    let short_word = BUNDLE.replace("паспорт* ~~ заберем", "паспорт* ~~ под");
    assert_eq!(warnings(&short_word).len(), 1, "a word of 3 letters");
    let short_member = BUNDLE.replace("паспорт* ~~ заберем", "паспорт* ~~ @short");
    let w = warnings(&short_member);
    assert!(w.len() == 1 && w[0].contains("\"да\""), "{w:?}");
    // a longer piece with the same words is fine
    let longer = BUNDLE.replace("паспорт* ~~ заберем", "паспорт* ~~ @short ~1 фото");
    assert!(warnings(&longer).is_empty());
}

#[test]
fn the_compiled_document_and_its_tables_classify_the_same() {
    let set = set_of(BUNDLE).unwrap();
    let from_toml = Engine::new(&set).unwrap();
    let json = serde_json::to_string(&set.to_document()).unwrap();
    // written as the newest format, which reads phrases of pieces (from format 4)
    const { assert!(redflag::FORMAT_VERSION >= 4) };
    assert!(
        json.starts_with(&format!("{{\"format\":{},", redflag::FORMAT_VERSION)),
        "the newest format: {}",
        &json[..20]
    );
    assert!(Document::from_json("d.json", &json).is_ok());
    let from_json = Engine::from_json(&[("doc", &json)]).unwrap();
    let tables = from_json.tables(&json);
    let (from_tables, refusal) =
        Engine::from_json_with_tables(&[("doc", &json)], Some(&tables)).unwrap();
    assert!(refusal.is_none() && from_tables.info().prebuilt);
    for text in [
        "Девушки! Работа в клубе. Оплата от 3000$ в неделю.",
        "Оплата от 3000$ в неделю. Девушки, пишите!",
        "Оплата от 3000$ в неделю, приглашаем девушки и парни.",
        "Девочки, пришлите фото. Работа интимного характера.",
    ] {
        let a = from_toml.classify(text, &Options::default());
        assert_eq!(a, from_json.classify(text, &Options::default()), "{text}");
        assert_eq!(a, from_tables.classify(text, &Options::default()), "{text}");
    }
}
