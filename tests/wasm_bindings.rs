//! Tests of the WebAssembly bindings, run in headless Chromium:
//! `wasm-pack test --headless --chrome . -- --no-default-features --features documents --test
//! wasm_bindings` (`make test-wasm`; it needs the compiled default bundle, which `make` writes
//! to target/redflag-bundle.json). The full module's exports (feature `documents`); the lean
//! module's are a subset, checked in Node by scripts/check-wasm.mjs.
#![cfg(all(target_arch = "wasm32", feature = "documents"))]

use js_sys::{Array, JsString};
use redflag::wasm::{merge_bundles, superseded_imports, validate_bundle, Engine};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DEFAULT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/redflag-bundle.json"
));

/// The prebuilt tables written with it (`redflag compile --tables`, as `make` ships them).
const TABLES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/redflag-bundle.tables"
));

const RISKY_RU: &str = "Требуются девушки 18-25, высокий доход, опыт не нужен. Фото в лс.";
const ORDINARY_RU: &str = "Требуется бухгалтер в пекарню, опыт от 3 лет, оформление по ТК РФ.";
const RISKY_UK: &str =
    "Тільки дівчата 18-25 на роботу хостес за кордоном. Квитки та візу оплачуємо, житло надаємо.";

fn engine() -> Engine {
    Engine::new(vec![DEFAULT.to_string()], None, None)
        .unwrap_or_else(|e| panic!("{}", message(e.into())))
}

fn json(v: JsValue) -> Value {
    serde_wasm_bindgen::from_value(v).expect("plain JSON-compatible value")
}

fn message(v: JsValue) -> String {
    v.dyn_into::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|v| format!("{v:?}"))
}

fn regions(engine: &Engine) -> std::collections::HashMap<String, String> {
    let dir = json(engine.support_directory().unwrap());
    dir.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["region"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
fn the_shipped_tables_alone_make_the_engine_the_document_makes() {
    let from_tables =
        Engine::from_tables(TABLES.to_vec()).unwrap_or_else(|e| panic!("{}", message(e.into())));
    let built = engine();
    assert!(from_tables.made_for(DEFAULT));
    assert!(!from_tables.made_for(&DEFAULT.replacen("\"version\":\"", "\"version\":\"x", 1)));
    assert!(!built.made_for(DEFAULT));
    let (a, b) = (
        json(from_tables.info().unwrap()),
        json(built.info().unwrap()),
    );
    assert_eq!(
        (a["prebuilt"].clone(), b["prebuilt"].clone()),
        (true.into(), false.into())
    );
    for field in ["bundles", "signals", "phrases", "words", "support"] {
        assert_eq!(a[field], b[field], "{field}");
    }
    let texts: Vec<String> = [RISKY_RU, ORDINARY_RU, RISKY_UK]
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(
        json(
            from_tables
                .classify_batch(texts.clone(), None, None)
                .unwrap()
        ),
        json(built.classify_batch(texts, None, None).unwrap())
    );
    assert_eq!(
        json(from_tables.support_directory().unwrap()),
        json(built.support_directory().unwrap())
    );
    // tables of an older layout, another engine, or no tables at all: an Error that says why
    let mut older = TABLES.to_vec();
    older[4..8].copy_from_slice(&1u32.to_le_bytes());
    let e = message(Engine::from_tables(older).err().unwrap().into());
    assert!(
        e.contains("tables of layout version 1; this engine reads version"),
        "{e}"
    );
    let mut other = TABLES.to_vec();
    other[8] ^= 1;
    let e = message(Engine::from_tables(other).err().unwrap().into());
    assert!(e.contains("made by another version of the engine"), "{e}");
    let e = message(Engine::from_tables(b"{}".to_vec()).err().unwrap().into());
    assert!(e.contains("not a tables file"), "{e}");
}

#[wasm_bindgen_test]
fn builds_from_the_default_bundle_and_reports_info() {
    let info = json(engine().info().unwrap());
    assert_eq!(info["format"], redflag::FORMAT_VERSION);
    assert!(!info["bundles"].as_array().unwrap().is_empty());
    for b in info["bundles"].as_array().unwrap() {
        for field in ["id", "title", "version"] {
            assert!(b[field].is_string(), "bundle {field}");
        }
        assert!(b["languages"].is_array());
    }
    assert!(info["signals"].as_u64().unwrap() > 0);
    assert!(info["phrases"].as_u64().unwrap() > 0);
}

#[wasm_bindgen_test]
fn classifies_a_batch_in_order_with_plain_objects() {
    let e = engine();
    let out = e
        .classify_batch(
            vec![RISKY_RU.into(), ORDINARY_RU.into(), RISKY_UK.into()],
            Some("UA".into()),
            None,
        )
        .unwrap();
    // Plain arrays and objects (not Maps), so they survive extension messaging.
    assert!(Array::is_array(&out));
    let first = Array::from(&out).get(0);
    assert!(first.is_object() && !first.is_instance_of::<js_sys::Map>());
    let v = json(out);
    let v = v.as_array().unwrap();
    assert_eq!(v.len(), 3);
    assert!(
        matches!(v[0]["level"].as_str(), Some("warning" | "danger")),
        "{}",
        v[0]
    );
    assert_eq!(v[1]["level"], "none", "{}", v[1]);
    assert!(v[1]["evidence"].as_array().unwrap().is_empty());
    assert!(v[1]["support"].as_array().unwrap().is_empty());
    assert!(v[2]["level"] != "none", "{}", v[2]);
    for verdict in [&v[0], &v[2]] {
        assert!(!verdict["categories"].as_array().unwrap().is_empty());
        assert!(verdict["score"].is_number());
        for ev in verdict["evidence"].as_array().unwrap() {
            for field in ["signal", "family", "text"] {
                assert!(ev[field].is_string(), "evidence {field}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn an_empty_batch_gives_an_empty_array() {
    let v = json(engine().classify_batch(vec![], None, None).unwrap());
    assert_eq!(v.as_array().unwrap().len(), 0);
}

#[wasm_bindgen_test]
fn evidence_offsets_are_utf16_offsets_into_the_input() {
    // Astral characters (2 UTF-16 units each) and Cyrillic (2 UTF-8 bytes each) before the match.
    let text = format!("🙂🙂 𝐇𝐢 — {RISKY_RU}");
    let v = json(
        engine()
            .classify_batch(vec![text.clone()], None, None)
            .unwrap(),
    );
    let evidence = v[0]["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty());
    let js = JsString::from(text.as_str());
    for ev in evidence {
        let (start, end) = (
            ev["start"].as_u64().unwrap() as u32,
            ev["end"].as_u64().unwrap() as u32,
        );
        assert!(start < end && end <= js.length());
        assert_eq!(
            String::from(js.substring(start, end)),
            ev["text"].as_str().unwrap()
        );
    }
}

#[wasm_bindgen_test]
fn support_ids_follow_the_region_and_exist_in_the_directory() {
    let e = engine();
    let regions = regions(&e);
    for region in ["RS", "UA", "RU"] {
        let v = json(
            e.classify_batch(
                vec![RISKY_RU.into()],
                Some(region.into()),
                Some("UA".into()),
            )
            .unwrap(),
        );
        let ids: Vec<&str> = v[0]["support"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(!ids.is_empty(), "{region}: support entries");
        for id in &ids {
            let r = regions
                .get(*id)
                .unwrap_or_else(|| panic!("{id} not in supportDirectory()"));
            assert!(r == region || r == "intl", "{region}: {id} is from {r}");
        }
        if regions.values().any(|r| r == region) {
            assert_eq!(
                regions[ids[0]], region,
                "{region}: the region's entries come first: {ids:?}"
            );
        }
    }
    // No region chosen: the post's language (Russian) picks the help, whatever the fallback.
    for fallback in [None, Some("UA".to_string())] {
        let v = json(
            e.classify_batch(vec![RISKY_RU.into()], None, fallback.clone())
                .unwrap(),
        );
        let ids: Vec<&str> = v[0]["support"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(regions[ids[0]], "RU", "{fallback:?}: {ids:?}");
        assert!(ids
            .iter()
            .all(|id| regions[*id] == "RU" || regions[*id] == "intl"));
    }
    // "intl" chosen: international entries only.
    let v = json(
        e.classify_batch(vec![RISKY_RU.into()], Some("intl".into()), None)
            .unwrap(),
    );
    for id in v[0]["support"].as_array().unwrap() {
        assert_eq!(
            regions[id.as_str().unwrap()],
            "intl",
            "intl: international entries only"
        );
    }
}

#[wasm_bindgen_test]
fn errors_become_js_errors_with_the_engines_message() {
    let err = Engine::new(vec!["{\"format\": 1, \"bundles\": [".into()], None, None)
        .err()
        .expect("garbage is refused");
    let msg = message(err.into());
    assert!(msg.contains("default bundle"), "names the document: {msg}");
    assert!(
        msg.to_lowercase().contains("json"),
        "says what is wrong: {msg}"
    );

    let future = Engine::new(vec!["{\"format\": 99}".into()], None, None)
        .err()
        .expect("unknown format refused");
    assert!(message(future.into()).contains("format"));

    let bad_family = r#"{"format":1,"bundles":[{"bundle":{"id":"x","title":"X","version":"1","languages":["en"],"licence":"CC0-1.0","homepage":"","maintainer":"t"},"signal":[{"id":"x.a","family":"no_such_family","phrases":["purple giraffe"]}]}]}"#;
    let err = Engine::new(
        vec![DEFAULT.to_string(), bad_family.to_string()],
        Some(vec!["default".into(), "my-ngo.json".into()]),
        None,
    )
    .err()
    .expect("unknown family refused");
    let msg = message(err.into());
    assert!(msg.contains("no_such_family"), "{msg}");
    assert!(
        msg.contains("my-ngo.json"),
        "the error names the person's file: {msg}"
    );
}

#[wasm_bindgen_test]
fn validate_bundle_accepts_documents_and_refuses_broken_ones() {
    let infos = json(validate_bundle(DEFAULT, None).unwrap());
    assert!(!infos.as_array().unwrap().is_empty());
    assert!(infos[0]["id"].is_string() && infos[0]["version"].is_string());
    let err = validate_bundle("{\"format\": 99}", None)
        .err()
        .expect("future format refused");
    assert!(message(err.into()).contains("format"));
    let err = validate_bundle("not json", None)
        .err()
        .expect("garbage refused");
    assert!(!message(err.into()).is_empty());
}

#[wasm_bindgen_test]
fn a_failed_rebuild_leaves_the_engine_in_use_working() {
    let e = engine();
    assert!(Engine::new(vec!["{".into()], None, None).is_err());
    let v = json(e.classify_batch(vec![RISKY_RU.into()], None, None).unwrap());
    assert_ne!(v[0]["level"], "none");
}

/// An import that only adds signals to the default families: valid together with the shipped
/// document (its context), and its own errors are still named.
#[wasm_bindgen_test]
fn validate_bundle_checks_an_import_against_the_default_document() {
    let header = r#""id": "extra", "title": "t", "version": "1", "languages": ["en"], "licence": "CC0-1.0", "maintainer": "m""#;
    let good = format!(
        r#"{{"format": 1, "bundles": [{{"bundle": {{{header}}}, "signal": [{{"id": "extra.zebra", "family": "sexual_services", "phrases": ["zebra tango unicorn"]}}]}}]}}"#
    );
    let infos = json(validate_bundle(&good, Some(DEFAULT.to_string())).unwrap());
    assert_eq!(infos[0]["id"], "extra");
    // alone, the families it uses do not exist
    assert!(validate_bundle(&good, None).is_err());
    let bad = good.replace("sexual_services", "no_such_family");
    let err = message(
        validate_bundle(&bad, Some(DEFAULT.to_string()))
            .err()
            .expect("unknown family refused")
            .into(),
    );
    assert!(
        err.contains("no_such_family") && err.contains("imported bundle"),
        "{err}"
    );
}

#[wasm_bindgen_test]
fn merge_bundles_replaces_the_default_bundle_with_the_imported_one_of_the_same_id() {
    let default: Value = serde_json::from_str(DEFAULT).unwrap();
    let sr = default["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["bundle"]["id"] == "sr")
        .expect("the default document has the Serbian bundle")
        .clone();
    // an import that redefines "sr" (a newer version of it) and adds its own bundle
    let mut newer = sr.clone();
    newer["bundle"]["version"] = "ngo-2".into();
    let mut own = sr;
    own["bundle"]["id"] = "ngo".into();
    own["signal"] =
        serde_json::json!([{"id": "ngo.only", "family": "high_pay", "phrases": ["zlatna ribica"]}]);
    own["example"] = serde_json::json!([]);
    let import = serde_json::json!({"format": 2, "bundles": [newer, own]}).to_string();
    let merged = merge_bundles(DEFAULT.to_string(), vec![import.clone()])
        .unwrap_or_else(|e| panic!("{}", message(e.into())));
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[1], import);
    let base: Value = serde_json::from_str(&merged[0]).unwrap();
    let ids: Vec<&str> = base["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["bundle"]["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"sr"), "{ids:?}");
    assert_eq!(ids.len() + 1, default["bundles"].as_array().unwrap().len());
    // the merged documents build one engine with the import's version of "sr"
    let e = Engine::new(merged, None, None).unwrap_or_else(|e| panic!("{}", message(e.into())));
    let info = json(e.info().unwrap());
    let versions: Vec<(&str, &str)> = info["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["id"].as_str().unwrap(), b["version"].as_str().unwrap()))
        .filter(|(id, _)| *id == "sr" || *id == "ngo")
        .collect();
    assert_eq!(
        versions,
        [("sr", "ngo-2"), ("ngo", sr_version_of(&default))]
    );

    // nothing replaced: the default text comes back byte for byte (its prebuilt tables apply)
    let other = serde_json::json!({"format": 2, "bundles": [own_bundle("other")]}).to_string();
    let merged = merge_bundles(DEFAULT.to_string(), vec![other]).unwrap();
    assert_eq!(merged[0], DEFAULT);
    // not a bundle document: an error that says so
    let e = merge_bundles(DEFAULT.to_string(), vec!["[]".into()]).unwrap_err();
    assert!(message(e.into()).contains("not a redflag bundle document"));
}

fn sr_version_of(default: &Value) -> &str {
    default["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["bundle"]["id"] == "sr")
        .unwrap()["bundle"]["version"]
        .as_str()
        .unwrap()
}

#[wasm_bindgen_test]
fn a_new_import_supersedes_the_earlier_imports_that_share_a_bundle_or_support_id() {
    let default: Value = serde_json::from_str(DEFAULT).unwrap();
    let entry = |id: &str, name: &str| {
        let mut e = default["support"][0].clone();
        e["id"] = id.into();
        e["name"] = name.into();
        e
    };
    let import = |bundle: &str, support: &str| {
        serde_json::json!({"format": 2, "bundles": [own_bundle(bundle)], "support": [entry(support, bundle)]})
            .to_string()
    };
    let a = import("import-a", "rs-x");
    let other = import("import-o", "rs-o");
    // import-b shares only the support id "rs-x" with import-a: it replaces import-a
    let b = import("import-b", "rs-x");
    assert_eq!(
        superseded_imports(&b, vec![a.clone(), other.clone()]).unwrap(),
        [0]
    );
    assert_eq!(
        superseded_imports(&b, vec![other.clone(), a.clone()]).unwrap(),
        [1]
    );
    // kept both, the engine would refuse "rs-x" loaded twice
    assert!(Engine::new(
        merge_bundles(DEFAULT.to_string(), vec![a.clone(), b.clone()]).unwrap(),
        None,
        None
    )
    .is_err());
    assert!(Engine::new(
        merge_bundles(DEFAULT.to_string(), vec![other.clone(), b.clone()]).unwrap(),
        None,
        None
    )
    .is_ok());
    // a new version of import-a (same bundle id, other support) replaces it too
    let a2 = import("import-a", "rs-y");
    assert_eq!(
        superseded_imports(&a2, vec![a, other.clone()]).unwrap(),
        [0]
    );
    assert!(superseded_imports(&other, vec![b]).unwrap().is_empty());
    let e = superseded_imports("[]", vec![other]).unwrap_err();
    assert!(message(e.into()).contains("not a redflag bundle document"));
}

fn own_bundle(id: &str) -> Value {
    serde_json::json!({"bundle": {"id": id, "title": "t", "version": "1", "licence": "x", "maintainer": "m"}})
}

/// The service worker reads the directory as JSON text (`supportDirectoryJson`): the same
/// entries, every field, in the same order as `supportDirectory()`.
#[wasm_bindgen_test]
fn support_directory_as_json_text_is_the_same_directory() {
    let e = engine();
    let objects = json(e.support_directory().unwrap());
    let text: Value = serde_json::from_str(&e.support_directory_json().unwrap()).unwrap();
    assert!(objects.as_array().is_some_and(|a| a.len() > 10));
    assert_eq!(text, objects);
}
