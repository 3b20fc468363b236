//! Fuzz target: `prebuilt::read`, the engine's prebuilt tables file (`redflag compile
//! --tables`, shipped beside the default document and read by the service worker at every
//! start). The file is made at build time, not imported, but a damaged or stale copy must be
//! refused, never panic. Random bytes seldom pass the header (magic, version, engine id,
//! document and body hashes), so the input changes the real tables of the built-in bundles
//! and the body hash is fixed afterwards, as `forged()` does in tests/prebuilt.rs: the reader
//! itself is fuzzed.
//!
//! What an input means is in fuzz/tables_input.rs (shared with the regression test). Whatever
//! reads must classify and explain without panicking, and be made for the document.
#![no_main]
use libfuzzer_sys::fuzz_target;
use redflag::{prebuilt, Engine, Options};
use std::sync::OnceLock;

#[path = "../tables_input.rs"]
mod tables_input;

/// The compiled default document and its tables, made once.
fn shipped() -> &'static (String, Vec<u8>) {
    static S: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    S.get_or_init(|| {
        let set = redflag::authoring::default_set().unwrap();
        let doc = serde_json::to_string(&set.to_document()).unwrap();
        let tables = Engine::new(&set).unwrap().tables(&doc);
        (doc, tables)
    })
}

const TEXTS: [&str; 4] = [
    "Требуются девушки 18-25 за границу",
    "#работадлядевушек",
    "Tražimo devojke, posao u inostranstvu",
    "girls only, high pay abroad «VIP»",
];

fuzz_target!(|data: &[u8]| {
    let (doc, tables) = shipped();
    let Some(t) = tables_input::tables_from_input(tables, data) else {
        return;
    };
    for engine in [prebuilt::read(&t, doc), prebuilt::read_alone(&t)]
        .into_iter()
        .flatten()
    {
        assert!(engine.made_for(doc));
        for text in TEXTS {
            let _ = engine.classify(text, &Options::default());
            let _ = engine.explain(text, &Options::default());
        }
        let _ = engine.info();
    }
});
