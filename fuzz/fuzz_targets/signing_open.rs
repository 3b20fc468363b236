//! Fuzz target: `signing::open`, which every imported bundle file goes through first (a signed
//! envelope or a plain document). Must never panic; an envelope that opens as signed carries
//! the trusted key, and whatever opens is handed on unchanged as a document.
#![no_main]
use libfuzzer_sys::fuzz_target;
use redflag::signing::{self, Opened};

/// The end-to-end test publisher's key (tests/e2e/keys/e2e-publisher.pub): seeds signed
/// with it (fuzz/seeds/signing_open/) let the fuzzer start from envelopes that verify.
const TRUSTED: &str = "2efe3f9e861093a24dd0b73ea89ce562fd8d66cf49dc57ec5873ab040dedb060";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let trusted = [TRUSTED.to_string()];
    match signing::open("fuzz.json", text, &trusted) {
        Ok(Opened::Signed { key, document }) => {
            assert!(key.eq_ignore_ascii_case(TRUSTED));
            assert!(signing::is_envelope(text));
            let _ = redflag::Engine::from_json(&[("fuzz.json", &document)]);
        }
        Ok(Opened::Unsigned { document }) => {
            assert_eq!(document, text);
            assert!(!signing::is_envelope(text));
        }
        Err(e) => assert!(!e.problems.is_empty()),
    }
    // without trusted keys nothing opens as signed
    assert!(!matches!(
        signing::open("fuzz.json", text, &[]),
        Ok(Opened::Signed { .. })
    ));
});
