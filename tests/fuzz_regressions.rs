//! Inputs that once made a fuzz target fail (`fuzz/`), replayed through the same code as the
//! targets, so a fixed bug stays fixed. Add the artifact file to `tests/fuzz-regressions/<target>/`.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
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
