//! Inputs that once made a fuzz target fail (`fuzz/`), replayed through the same code as the
//! targets, so a fixed bug stays fixed. Add the artifact file to `tests/fuzz-regressions/<target>/`.
//!
//! Every target's folder is replayed here, with the target's own checks, except
//! `bundle_arbitrary`'s: its input is the structure an `arbitrary` generator in the fuzz crate
//! turns into bundles, so only that crate can read it; `make test-fuzz` replays every folder
//! (this one included) through the targets themselves, as a corpus of each run.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

#[path = "../fuzz/tables_input.rs"]
mod tables_input;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz-regressions")
            .join(target),
    )
}

/// The committed starting inputs of a target (`fuzz/seeds/<target>/`), replayed as well where
/// the target checks more than "no panic".
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/seeds")
            .join(target),
    )
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().to_string(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn bundle_json_inputs_are_refused_without_panicking() {
    let cases = inputs("bundle_json");
    assert!(!cases.is_empty());
    for (name, data) in cases {
        let text = String::from_utf8_lossy(&data);
        let _ = redflag::signing::open(&name, &text, &[]);
        let r = redflag::Engine::from_json(&[(name.as_str(), &text)]);
        assert!(
            r.is_err(),
            "{name}: a document with no bundles must be refused"
        );
    }
}

#[test]
fn bundle_toml_inputs_do_not_panic() {
    for (name, data) in inputs("bundle_toml") {
        if let Ok(set) = redflag::authoring::parse_toml(&name, &String::from_utf8_lossy(&data)) {
            let _ = set.check();
            let _ = redflag::Engine::new(&set);
        }
    }
}

#[test]
fn classify_inputs_do_not_panic() {
    let engine = redflag::Engine::new(&redflag::authoring::default_set().unwrap()).unwrap();
    for (_, data) in inputs("classify") {
        let text = String::from_utf8_lossy(&data);
        let once = redflag::normalize::normalize(&text);
        let twice = redflag::normalize::normalize(once.as_str());
        assert_eq!(
            once.as_str(),
            twice.as_str(),
            "normalization must be idempotent"
        );
        let _ = engine.classify(&text, &Default::default());
    }
}

#[test]
fn phrase_parse_inputs_keep_the_targets_checks() {
    use redflag::phrase;
    let cases: Vec<_> = inputs("phrase_parse")
        .into_iter()
        .chain(seeds("phrase_parse"))
        .collect();
    assert!(!cases.is_empty());
    let mut parsed = 0;
    for (name, data) in cases {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let _ = phrase::variants(text, &["sr".to_string()]);
        let _ = phrase::member_variants(text, &["sr".to_string(), "hr".to_string()]);
        let Ok(words) = phrase::parse(text) else {
            continue;
        };
        parsed += 1;
        assert!(!words.is_empty(), "{name}: {text:?} parsed to no words");
        assert_eq!(
            words[0].gap, 0,
            "{name}: {text:?}: a gap before the first word"
        );
        assert!(words.iter().all(|w| w.gap <= 5), "{name}: {words:?}");
        let plain = words.iter().all(|w| {
            !w.stem && (w.class || w.text == "#" || !w.text.contains(['~', '@', '#', '*']))
        });
        if plain {
            let again = phrase::parse(&phrase::write(&words));
            assert_eq!(again.as_ref(), Ok(&words), "{name}: {text:?}");
        }
    }
    assert!(parsed > 0, "some inputs are phrases");
}

/// `fuzz/fuzz_targets/signing_open.rs`'s trusted key (the end-to-end test publisher's).
const FUZZ_TRUSTED: &str = "2efe3f9e861093a24dd0b73ea89ce562fd8d66cf49dc57ec5873ab040dedb060";

#[test]
fn signing_open_inputs_keep_the_targets_checks() {
    use redflag::signing::{self, Opened};
    let cases: Vec<_> = inputs("signing_open")
        .into_iter()
        .chain(seeds("signing_open"))
        .collect();
    let mut signed = 0;
    for (name, data) in cases {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        match signing::open("fuzz.json", text, &[FUZZ_TRUSTED.to_string()]) {
            Ok(Opened::Signed { key, document }) => {
                signed += 1;
                assert!(key.eq_ignore_ascii_case(FUZZ_TRUSTED), "{name}");
                assert!(signing::is_envelope(text), "{name}");
                let _ = redflag::Engine::from_json(&[("fuzz.json", &document)]);
            }
            Ok(Opened::Unsigned { document }) => {
                assert_eq!(document, text, "{name}");
                assert!(!signing::is_envelope(text), "{name}");
            }
            Err(e) => assert!(!e.problems.is_empty(), "{name}"),
        }
        assert!(
            !matches!(
                signing::open("fuzz.json", text, &[]),
                Ok(Opened::Signed { .. })
            ),
            "{name}: opened as signed without keys"
        );
    }
    assert!(
        signed > 0,
        "the signed seed opens with the fuzz target's key"
    );
}

#[test]
fn every_regression_folder_belongs_to_a_fuzz_target() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/Cargo.toml"))
            .unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "tests/fuzz-regressions/{name}: no fuzz target of that name (fuzz/Cargo.toml)"
        );
    }
}

#[test]
fn tables_read_inputs_keep_the_targets_checks() {
    use redflag::{prebuilt, Engine, Options};
    let cases: Vec<_> = inputs("tables_read")
        .into_iter()
        .chain(seeds("tables_read"))
        .collect();
    assert!(!cases.is_empty());
    // as fuzz/fuzz_targets/tables_read.rs: what an input means is fuzz/tables_input.rs
    let set = redflag::authoring::default_set().unwrap();
    let doc = serde_json::to_string(&set.to_document()).unwrap();
    let tables = Engine::new(&set).unwrap().tables(&doc);
    let mut read = 0;
    for (name, data) in cases {
        let Some(t) = tables_input::tables_from_input(&tables, &data) else {
            continue;
        };
        // whatever reads (as the document's tables, or alone) is made for the document
        for engine in [prebuilt::read(&t, &doc), prebuilt::read_alone(&t)]
            .into_iter()
            .flatten()
        {
            read += 1;
            assert!(engine.made_for(&doc), "{name}");
            let _ = engine.classify("Tražimo devojke, posao u inostranstvu", &Options::default());
            let _ = engine.explain("#работадлядевушек", &Options::default());
        }
    }
    assert!(read > 0, "the unchanged seed reads");
}
