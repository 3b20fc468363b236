//! Fuzz target: a compiled bundle document (or signed envelope) as a person might import it.
//! Must never panic; any input either builds an engine or returns an error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = redflag::signing::open("fuzz.json", text, &[]);
        if let Ok(engine) = redflag::Engine::from_json(&[("fuzz.json", text)]) {
            let _ = engine.classify("Требуются девушки, высокий доход", &Default::default());
        }
    }
});
