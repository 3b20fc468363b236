//! Prebuilt engine tables (src/prebuilt.rs) and the golden compiled documents of each format.
//!
//! - An engine read from the tables classifies every corpus post exactly like the engine built
//!   from the document.
//! - Tables for another document, from another engine, damaged or truncated are refused (the
//!   engine is built from the document, with the same verdicts), and no byte of a tables
//!   file, however changed, makes reading or classifying panic.
//! - `tests/golden/format-N.json` (a small document of each compiled-document format that
//!   redflag reads) keeps loading and classifying as recorded in `format-N.expected.jsonl`;
//!   `tables-vN.tables` (the tables of `format-2.json` in each tables layout, written by an
//!   earlier engine) are used only by that engine and refused by any other (an older layout
//!   with a message naming both versions), the engine then built from the document with the
//!   same verdicts.

// Native only: reads corpora from the disk and uses proptest.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use redflag::prebuilt::{self, Refusal};
use redflag::{Engine, Options};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A family of the default core bundle.
const FAMILY: &str = "women_only";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The default rules compiled as the extension ships them, and their tables.
fn shipped() -> &'static (String, Vec<u8>) {
    static S: OnceLock<(String, Vec<u8>)> = OnceLock::new();
    S.get_or_init(|| {
        let set = redflag::authoring::default_set().unwrap();
        let doc = serde_json::to_string(&set.to_document()).unwrap();
        let engine = Engine::from_json(&[("default", &doc)]).unwrap();
        let tables = engine.tables(&doc);
        (doc, tables)
    })
}

fn verdicts(engine: &Engine, texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .map(|t| serde_json::to_string(&engine.classify(t, &Options::default())).unwrap())
        .collect()
}

/// Posts of every language folder's corpus and the first posts of each shared corpus.
fn corpus() -> Vec<String> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in std::fs::read_dir(root().join("rules/languages")).unwrap() {
        if let Ok(entries) = std::fs::read_dir(dir.unwrap().path().join("corpus")) {
            files.extend(entries.map(|e| e.unwrap().path()));
        }
    }
    if let Ok(entries) = std::fs::read_dir(root().join("../shared/corpora")) {
        files.extend(entries.map(|e| e.unwrap().path()));
    }
    let mut texts = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "jsonl"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()).take(400) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if let Some(t) = v["text"].as_str() {
                texts.push(t.to_string());
            }
        }
    }
    texts
}

#[test]
fn tables_give_the_engine_the_document_gives() {
    let (doc, tables) = shipped();
    let (from_tables, refusal) =
        Engine::from_json_with_tables(&[("default", doc)], Some(tables)).unwrap();
    assert_eq!(refusal, None);
    assert!(from_tables.info().prebuilt);
    let built = Engine::from_json(&[("default", doc)]).unwrap();
    assert!(!built.info().prebuilt);
    let (a, b) = (from_tables.info(), built.info());
    assert_eq!(
        (a.signals, a.phrases, a.words, a.support),
        (b.signals, b.phrases, b.words, b.support)
    );
    let texts = corpus();
    assert!(texts.len() > 300, "{} posts", texts.len());
    assert_eq!(verdicts(&from_tables, &texts), verdicts(&built, &texts));
    // and the tables written again from the read engine are the same bytes
    assert_eq!(&from_tables.tables(doc), tables);
}

/// A phrase that must begin a sentence (`^`) does so in an engine read from the tables too:
/// layout 3 left out which phrases those are (with the phrase texts), and such an engine
/// matched them anywhere.
#[test]
fn phrases_that_begin_a_sentence_do_so_from_the_tables() {
    let (doc, tables) = shipped();
    let (from_tables, _) =
        Engine::from_json_with_tables(&[("default", doc)], Some(tables)).unwrap();
    assert!(from_tables.info().prebuilt);
    let built = Engine::from_json(&[("default", doc)]).unwrap();
    let fired = |e: &Engine, text: &str| {
        serde_json::to_string(&e.classify(text, &Options::default()))
            .unwrap()
            .contains("r9_girls_from_town\"")
    };
    let start = "Djevojke iz Zenice i okolice!";
    let inside = "Pišem vam da djevojke iz Zenice i okolice!";
    for e in [&built, &from_tables] {
        assert!(fired(e, start), "at the start of a sentence");
        assert!(!fired(e, inside), "inside a sentence");
    }
}

#[test]
fn tables_for_anything_else_are_refused_and_the_document_is_used() {
    let (doc, tables) = shipped();
    let texts: Vec<String> = corpus().into_iter().take(400).collect();
    let reference = verdicts(&Engine::from_json(&[("default", doc)]).unwrap(), &texts);
    let check = |docs: &[(&str, &str)], t: &[u8], why: Refusal| {
        let (e, refusal) = Engine::from_json_with_tables(docs, Some(t)).unwrap();
        assert_eq!(refusal, Some(why));
        assert!(!e.info().prebuilt);
        e
    };
    // the document edited (one phrase), or re-serialized with other spacing
    let edited = doc.replacen("девуш", "девуж", 1);
    assert_ne!(&edited, doc);
    check(&[("default", &edited)], tables, Refusal::Document);
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(doc).unwrap())
            .unwrap();
    let e = check(&[("default", &pretty)], tables, Refusal::Document);
    assert_eq!(verdicts(&e, &texts), reference);
    // an imported document next to the default one
    let import = r#"{"format":2,"bundles":[{"bundle":{"id":"import-test","title":"t","version":"1","languages":["ru"],"licence":"x","maintainer":"m"},"signal":[{"id":"import.test","family":"FAMILY","phrases":["тестовая фраза"]}]}]}"#
        .replace("FAMILY", FAMILY);
    let e = check(
        &[("default", doc), ("import", &import)],
        tables,
        Refusal::Document,
    );
    assert_eq!(
        e.info().bundles.len(),
        Engine::from_json(&[("default", doc)])
            .unwrap()
            .info()
            .bundles
            .len()
            + 1
    );
    // another engine
    let mut other = tables.clone();
    other[8] ^= 1;
    let e = check(&[("default", doc)], &other, Refusal::Engine);
    assert_eq!(verdicts(&e, &texts), reference);
    // another tables version, not a tables file at all, truncated, damaged
    let mut version = tables.clone();
    version[4] = 99;
    check(&[("default", doc)], &version, Refusal::Version(99));
    check(&[("default", doc)], b"{\"format\": 2}", Refusal::Format);
    check(
        &[("default", doc)],
        &tables[..tables.len() / 2],
        Refusal::Damaged,
    );
    let mut damaged = tables.clone();
    let at = damaged.len() - 100;
    damaged[at] ^= 0x40;
    check(&[("default", doc)], &damaged, Refusal::Damaged);
}

/// Tables whose body was changed and whose body hash was made to match again: only the
/// structural checks stand between them and the engine.
fn forged(tables: &[u8], changes: &[(usize, u8)]) -> Vec<u8> {
    let mut t = tables.to_vec();
    for &(at, x) in changes {
        let k = 32 + at % (t.len() - 32);
        t[k] ^= x.max(1);
    }
    let h = prebuilt::hash(&t[32..]);
    t[24..32].copy_from_slice(&h.to_le_bytes());
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_change_to_a_tables_file_makes_the_engine_panic(
        changes in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)
    ) {
        let (doc, tables) = shipped();
        let t = forged(tables, &changes);
        if let Ok(engine) = prebuilt::read(&t, doc) {
            for text in ["Требуются девушки 18-25 за границу", "#работадлядевушек", "Tražimo devojke, posao u inostranstvu", "girls only, high pay abroad «VIP»"] {
                let _ = engine.classify(text, &Options::default());
                let _ = engine.explain(text, &Options::default());
            }
        }
    }
}

#[test]
fn golden_documents_of_every_format_load_and_classify_as_recorded() {
    let texts: Vec<String> = std::fs::read_to_string(root().join("tests/golden/texts.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for v in redflag::bundle::OLDEST_FORMAT_VERSION..=redflag::FORMAT_VERSION {
        let name = format!("tests/golden/format-{v}.json");
        let doc = std::fs::read_to_string(root().join(&name))
            .unwrap_or_else(|_| panic!("{name}: a golden document for every format read"));
        let engine = Engine::from_json(&[(&name, &doc)]).unwrap();
        let expected =
            std::fs::read_to_string(root().join(format!("tests/golden/format-{v}.expected.jsonl")))
                .unwrap();
        for (k, (text, line)) in texts.iter().zip(expected.lines()).enumerate() {
            // as `redflag scan --jsonl` writes it
            let got = serde_json::to_string(
                &serde_json::json!({"id": null, "v": engine.classify(text, &Options::default())}),
            )
            .unwrap();
            let mut want: serde_json::Value = serde_json::from_str(line).unwrap();
            let want = want.as_object_mut().unwrap();
            want.remove("id");
            let want = serde_json::to_string(&serde_json::json!({"id": null, "v": want})).unwrap();
            assert_eq!(got, want, "{name}, text {k}: {text}");
        }
        // fresh tables of the golden document give the same verdicts
        let tables = engine.tables(&doc);
        let (from_tables, refusal) =
            Engine::from_json_with_tables(&[(&name, &doc)], Some(&tables)).unwrap();
        assert_eq!(refusal, None);
        assert_eq!(verdicts(&from_tables, &texts), verdicts(&engine, &texts));
        if v >= 5 {
            // browser_regions: the region of a stated language no phrase is written in, from
            // the document and from its tables alike
            for e in [&engine, &from_tables] {
                assert_eq!(e.region_for_language("cnr-ME"), Some("RS"), "{name}");
                assert_eq!(e.region_for_language("mk"), Some("MK"), "{name}");
                assert_eq!(e.region_for_language("sr-Latn"), Some("RS"), "{name}");
                assert_eq!(e.region_for_language("ru"), None, "{name}");
            }
        }
    }
    // tables kept from earlier engines: used by that engine, refused by any other (and the
    // engine built from the document instead)
    let doc = std::fs::read_to_string(root().join("tests/golden/format-2.json")).unwrap();
    let built = Engine::from_json(&[("golden", &doc)]).unwrap();
    for v in 1..=prebuilt::TABLES_VERSION {
        let name = format!("tests/golden/tables-v{v}.tables");
        let old = std::fs::read(root().join(&name))
            .unwrap_or_else(|_| panic!("{name}: golden tables of every layout version"));
        match prebuilt::read(&old, &doc) {
            Ok(e) => assert_eq!(verdicts(&e, &texts), verdicts(&built, &texts)),
            Err(why) if v < prebuilt::TABLES_VERSION => {
                assert_eq!(why, Refusal::Version(v));
                assert_eq!(
                    why.to_string(),
                    format!(
                        "tables of layout version {v}; this engine reads version {}",
                        prebuilt::TABLES_VERSION
                    )
                );
            }
            Err(why) => assert_eq!(why, Refusal::Engine),
        }
        let (e, refusal) = Engine::from_json_with_tables(&[("golden", &doc)], Some(&old)).unwrap();
        assert_eq!(refusal.is_none(), e.info().prebuilt);
        assert_eq!(verdicts(&e, &texts), verdicts(&built, &texts));
    }
}

/// `cargo test --test prebuilt -- --ignored` writes the golden tables of the current layout
/// version (`tests/golden/tables-vN.tables`, for `format-2.json`) anew.
#[test]
#[ignore]
fn regenerate_golden_tables() {
    let doc = std::fs::read_to_string(root().join("tests/golden/format-2.json")).unwrap();
    let engine = Engine::from_json(&[("golden", &doc)]).unwrap();
    std::fs::write(
        root().join(format!(
            "tests/golden/tables-v{}.tables",
            prebuilt::TABLES_VERSION
        )),
        engine.tables(&doc),
    )
    .unwrap();
}
