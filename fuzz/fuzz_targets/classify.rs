//! Fuzz target: normalization and classification of arbitrary text with the default bundles.
//! Must never panic, and evidence must always point inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static redflag::Engine {
    static E: OnceLock<redflag::Engine> = OnceLock::new();
    E.get_or_init(|| redflag::Engine::new(&redflag::authoring::default_set().unwrap()).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let norm = redflag::normalize::normalize(&text);
    assert_eq!(norm.as_str(), redflag::normalize::normalize(norm.as_str()).as_str());
    let v = engine().classify(&text, &Default::default());
    let len = text.encode_utf16().count() as u32;
    for e in v.evidence.iter().chain(&v.dampeners) {
        assert!(e.start < e.end && e.end <= len);
    }
});
