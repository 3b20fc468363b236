//! The placeholders `<handle>` (an @name of a social network) and `<phone>` (a phone number)
//! in phrases (docs/BUNDLE_FORMAT.md, "Signals"), found on the text as written. The test
//! bundle is tests/bundles/contacts.toml, loaded beside the project's core.toml.

// Native only: reads TOML.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{engine, set_of};
use redflag::{Engine, Options};

const BUNDLE: &str = include_str!("bundles/contacts.toml");

/// The evidence of the test signal: each item's text.
fn evidence(e: &Engine, text: &str) -> Vec<String> {
    e.classify(text, &Options::default())
        .evidence
        .iter()
        .filter(|ev| ev.signal == "xx.named_girl")
        .map(|ev| ev.text.clone())
        .collect()
}

#[test]
fn a_handle_is_one_word_of_a_phrase_and_an_e_mail_address_is_not_one() {
    let e = engine(BUNDLE);
    assert_eq!(
        evidence(&e, "Ko ima slike od @tasha.k_99?"),
        ["Ko ima slike od @tasha.k_99"]
    );
    // the Serbian Cyrillic spelling of the phrase keeps the placeholder
    assert_eq!(
        evidence(&e, "Ко има слике од @tasha.k_99"),
        ["Ко има слике од @tasha.k_99"]
    );
    for no in [
        "Ko ima slike od tasha@gmail.com",
        "Ko ima slike od Tasha k 99",
        "Ko ne ima slike od @tasha.k_99", // negation, as for any phrase
        "Ko ima slike od mature, javite se Ani",
    ] {
        assert!(evidence(&e, no).is_empty(), "{no}");
    }
}

#[test]
fn a_phone_number_is_one_word_of_a_phrase_and_works_with_pieces() {
    let e = engine(BUNDLE);
    assert_eq!(
        evidence(&e, "Broj joj je +381 64 123 4567. Ko ima njene gole?"),
        // (in text order; the `+` is a sign before the first word: evidence spans words)
        ["381 64 123 4567", "Ko ima njene gole"]
    );
    assert_eq!(
        evidence(&e, "Ko ima fotke, zovi 8 (999) 123-45-67").len(),
        2
    );
    for no in [
        "Ko ima slike sa mature 06.12.2026?",
        "Ko ima slike, plata 80 000 dinara",
        "Broj joj je +381 64 123 4567",
    ] {
        assert!(evidence(&e, no).is_empty(), "{no}");
    }
}

#[test]
fn placeholders_are_checked() {
    let err = |bundle: &str| -> String {
        set_of(bundle)
            .and_then(|s| s.validate())
            .unwrap_err()
            .problems
            .iter()
            .map(|p| format!("{} {}", p.code, p.message))
            .collect()
    };
    // alone: in many ordinary posts
    let alone = BUNDLE.replace("\"ko ima ~2 @pics ~3 <handle>\"", "\"<handle>\"");
    assert!(err(&alone).starts_with("bad-phrase"), "{}", err(&alone));
    // unknown placeholder
    let unknown = BUNDLE.replace("<handle>\"", "<email>\"");
    assert!(err(&unknown).contains("<email>"));
    // a class cannot define one
    let member = BUNDLE.replace("\"gole\"]", "\"gole\", \"<phone>\"]");
    assert!(err(&member).contains("bad-phrase"), "{}", err(&member));
    // a piece that is a placeholder alone: a warning
    let piece = BUNDLE.replace("~~ <phone>", "~~ <phone> ~~ gole");
    let set = set_of(&piece).unwrap();
    assert!(set.check().iter().any(|p| p.code == "common-piece"));
}
