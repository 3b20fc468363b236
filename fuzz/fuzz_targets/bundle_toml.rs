//! Fuzz target: a TOML bundle or support file as a contributor might write it. Must never
//! panic: parse and validation errors are reported, and a valid set builds an engine.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(set) = redflag::authoring::parse_toml("fuzz.toml", text) {
            let _ = set.check();
            if let Ok(engine) = redflag::Engine::new(&set) {
                let _ = engine.classify("girls only, high pay", &Default::default());
            }
        }
    }
});
