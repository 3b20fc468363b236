//! Fuzz target: `prebuilt::read`, the engine's prebuilt tables file (`redflag compile
//! --tables`, shipped beside the default document and read by the service worker at every
//! start). The file is made at build time, not imported, but a damaged or stale copy must be
//! refused, never panic. Random bytes seldom pass the header (magic, version, engine id,
//! document and body hashes), so the input changes the real tables of the built-in bundles
//! and the body hash is fixed afterwards, as `forged()` does in tests/prebuilt.rs: the reader
//! itself is fuzzed.
//!
//! The first byte chooses what the rest is: even, changes (`offset: u32 LE, xor: u8`, five
//! bytes each) to the real body; odd, a whole new body behind the real header. Whatever
//! reads must classify and explain without panicking, and be made for the document.
#![no_main]
use libfuzzer_sys::fuzz_target;
use redflag::{prebuilt, Engine, Options};
use std::sync::OnceLock;

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
    let Some((&mode, rest)) = data.split_first() else { return };
    let (doc, tables) = shipped();
    let mut t = if mode % 2 == 0 {
        let mut t = tables.clone();
        let body = t.len() - 32;
        for c in rest.chunks_exact(5) {
            let at = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
            t[32 + at % body] ^= c[4].max(1);
        }
        t
    } else {
        [&tables[..32], rest].concat()
    };
    let h = prebuilt::hash(&t[32..]);
    t[24..32].copy_from_slice(&h.to_le_bytes());
    for engine in [prebuilt::read(&t, doc), prebuilt::read_alone(&t)].into_iter().flatten() {
        assert!(engine.made_for(doc));
        for text in TEXTS {
            let _ = engine.classify(text, &Options::default());
            let _ = engine.explain(text, &Options::default());
        }
        let _ = engine.info();
    }
});
