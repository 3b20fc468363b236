//! WebAssembly bindings for the browser extension (wasm-bindgen).
//!
//! Why batches: every string that crosses the JS↔WASM border is copied and transcoded, so the
//! extension sends all the posts it found in one call and gets all verdicts back in one array.
//! Errors become JavaScript `Error`s carrying the engine's message (file, field, what is
//! wrong). The engine holds no browser state: the service worker can be stopped at any time
//! and re-creates it from the stored bundle documents.
//!
//! Exports: `Engine` (`new`, `fromTables`, `madeFor`, `classifyBatch`, `info`,
//! `supportDirectory`, `supportDirectoryJson`), `openBundle`
//! (signature check of an imported file), `validateBundle` (an import checked with the
//! default document) and `mergeBundles` (the import rule: an imported bundle or support entry
//! replaces the default's with the same id, [`crate::bundle::Replaced`]; the extension's
//! `background.js` and `site-engine.js` call it rather than deciding themselves) and
//! `supersededImports` (the same rule between imports: which earlier imports a new one replaces).
//!
//! Two modules are built from this file (`make wasm`). The full one (cargo feature `documents`)
//! has every export. The lean one (without the feature) has only what a restarted service
//! worker needs with the shipped bundle alone: `Engine.fromTables`, `madeFor`,
//! `classifyBatch`, `info` and the support directory. Building from documents, opening,
//! checking and merging bundles (the document parser, the bundle checks, phrase parsing and
//! signatures, a quarter of the module) are left out of it; the worker loads the full module
//! only for imports, NGO bundles and tables made for another document (BENCHMARKS.md, "Issue
//! 14, fifth round").

#[cfg(feature = "documents")]
use crate::bundle::{Document, Replaced};
#[cfg(feature = "documents")]
use crate::engine::BundleInfo;
use crate::engine::{Engine as Inner, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A result as a plain JavaScript value: written as JSON text here and read by the browser's
/// `JSON.parse`. One string crosses the border instead of an object built field by field
/// (faster for a batch of verdicts), and the .wasm carries one serializer (serde_json, which
/// it needs anyway for documents) instead of two: BENCHMARKS.md, ".wasm size, fourth round".
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("cannot convert the result"))
}

/// The compiled engine, built from one or more compiled bundle documents.
#[wasm_bindgen]
pub struct Engine {
    inner: Inner,
}

#[wasm_bindgen]
impl Engine {
    /// `new Engine([defaultJson, importedJson, …])`: all or nothing; throws an `Error` whose
    /// message says which document, which field and what is wrong.
    /// `names` (optional) name each document in error messages (e.g. the imported file's name).
    /// `tables` (optional, a `Uint8Array`): the prebuilt tables shipped next to the default
    /// document (`bundles/default.tables`); used when they were made for exactly the one
    /// document given and this engine, else the engine is built from the documents
    /// (`info().prebuilt` says which).
    #[cfg(feature = "documents")]
    #[wasm_bindgen(constructor)]
    pub fn new(
        bundles: Vec<String>,
        names: Option<Vec<String>>,
        tables: Option<Vec<u8>>,
    ) -> Result<Engine, JsError> {
        let names: Vec<String> = (0..bundles.len())
            .map(|i| match names.as_ref().and_then(|n| n.get(i)) {
                Some(name) => name.clone(),
                None if i == 0 => "default bundle".to_string(),
                None => format!("bundle {}", i + 1),
            })
            .collect();
        let docs: Vec<(&str, &str)> = names
            .iter()
            .map(String::as_str)
            .zip(bundles.iter().map(String::as_str))
            .collect();
        Inner::from_json_with_tables(&docs, tables.as_deref())
            .map(|(inner, _)| Engine { inner })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// `Engine.fromTables(tables)`: the engine from the prebuilt tables alone (a
    /// `Uint8Array`, `bundles/default.tables`), without the document they were made for:
    /// the service worker's start-up needs only this file. Throws an `Error` saying why when
    /// the tables are of another engine or layout version, or damaged (the worker then
    /// builds from the document). `madeFor(document)` tells afterwards whether the shipped
    /// document is the one the tables were made for.
    #[wasm_bindgen(js_name = fromTables)]
    pub fn from_tables(tables: Vec<u8>) -> Result<Engine, JsError> {
        Inner::from_tables(&tables)
            .map(|inner| Engine { inner })
            .map_err(|why| JsError::new(&format!("prebuilt tables not used: {why}")))
    }

    /// Whether this engine was read from prebuilt tables made for exactly `document` (the
    /// text of a compiled document).
    #[wasm_bindgen(js_name = madeFor)]
    pub fn made_for(&self, document: &str) -> bool {
        self.inner.made_for(document)
    }

    /// Classifies a batch of texts; returns one verdict object per text, in order.
    /// Lone surrogates in JS strings arrive as U+FFFD and are classified like any text.
    /// `region`: the one the person chose (always wins). Without it each post's help follows
    /// the language of its matched phrases; `fallback` (the browser's guess) serves posts
    /// whose language suggests no region.
    #[wasm_bindgen(js_name = classifyBatch)]
    pub fn classify_batch(
        &self,
        texts: Vec<String>,
        region: Option<String>,
        fallback: Option<String>,
    ) -> Result<JsValue, JsError> {
        let options = Options {
            region: region.as_deref(),
            fallback_region: fallback.as_deref(),
        };
        to_js(&self.inner.classify_batch(&texts, &options))
    }

    /// `{format, bundles: [{id, title, version, languages}], signals, phrases, support}`.
    pub fn info(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.info())
    }

    /// Every support entry (the UI looks verdicts' support ids up here).
    #[wasm_bindgen(js_name = supportDirectory)]
    pub fn support_directory(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.support_directory())
    }

    /// The same entries as `supportDirectory()`, as JSON text for `JSON.parse`: what a
    /// restarted service worker asks for. Objects built field by field across the border cost
    /// ~1,500 calls for the shipped directory; one string and the browser's parser cost less.
    #[wasm_bindgen(js_name = supportDirectoryJson)]
    pub fn support_directory_json(&self) -> Result<String, JsError> {
        serde_json::to_string(self.inner.support_directory())
            .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
    }
}

/// Opens a bundle file the person imports: a signed envelope is checked against the pinned
/// publisher keys (hex); returns `{document, signed, key}`; throws on a tampered or untrusted
/// bundle. An unsigned document comes back with `signed: false`: the UI must ask the person
/// before using it and show it as "unverified".
#[cfg(feature = "documents")]
#[wasm_bindgen(js_name = openBundle)]
pub fn open_bundle(text: &str, trusted_keys: Vec<String>) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct OpenedJs {
        document: String,
        signed: bool,
        key: Option<String>,
    }
    let opened = crate::signing::open("imported bundle", text, &trusted_keys)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let out = match opened {
        crate::signing::Opened::Signed { document, key } => OpenedJs {
            document,
            signed: true,
            key: Some(key),
        },
        crate::signing::Opened::Unsigned { document } => OpenedJs {
            document,
            signed: false,
            key: None,
        },
    };
    to_js(&out)
}

/// Checks a bundle document on its own (for the options page's import): returns the bundles'
/// `{id, title, version, languages}` or throws an `Error` saying what and where.
#[cfg(feature = "documents")]
#[wasm_bindgen(js_name = validateBundle)]
pub fn validate_bundle(json: &str, context: Option<String>) -> Result<JsValue, JsError> {
    const NAME: &str = "imported bundle";
    let doc = Document::from_json(NAME, json).map_err(|e| JsError::new(&e.to_string()))?;
    let infos: Vec<BundleInfo> = doc.bundles.iter().map(|b| (&b.bundle).into()).collect();
    // An imported bundle may rely on the default core model (families, scoring): it is
    // checked together with `context` (the shipped document), and only its own problems count.
    // As when the engine is built (mergeBundles, from background.js), a bundle or support
    // entry of the import replaces the default's with the same id.
    let imported = doc.into_set(NAME);
    let mut set = match context.as_deref() {
        Some(c) => Document::from_json("default bundle", c)
            .map_err(|e| JsError::new(&e.to_string()))?
            .into_set("default bundle"),
        None => Default::default(),
    };
    set.import(imported);
    let errors: Vec<String> = set
        .check()
        .into_iter()
        .filter(|p| p.severity == crate::error::Severity::Error)
        .filter(|p| context.is_none() || p.location.file == NAME)
        .map(|p| p.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(JsError::new(&errors.join("\n")));
    }
    to_js(&infos)
}

/// `mergeBundles(defaultJson, [importedJson, …])`: the documents to build the engine from,
/// `[defaultJson', importedJson, …]`, where `defaultJson'` is the default document without the
/// bundles and support entries the imports replace (same id; [`Replaced`], the rule
/// `BundleSet::import` applies). When nothing is replaced the default text comes back
/// unchanged, so its prebuilt tables still apply. Throws when a document is not a bundle
/// document.
#[cfg(feature = "documents")]
#[wasm_bindgen(js_name = mergeBundles)]
pub fn merge_bundles(default_json: String, imported: Vec<String>) -> Result<Vec<String>, JsError> {
    let js = |e: crate::Error| JsError::new(&e.to_string());
    let docs = imported
        .iter()
        .enumerate()
        .map(|(i, j)| Document::from_json(&format!("imported bundle {}", i + 1), j))
        .collect::<Result<Vec<_>, _>>()
        .map_err(js)?;
    let replaced = Replaced::by(&docs);
    let mut out = Vec::with_capacity(imported.len() + 1);
    if replaced.is_empty() {
        out.push(default_json);
    } else {
        let mut base = Document::from_json("default bundle", &default_json).map_err(js)?;
        replaced.remove_from(&mut base);
        out.push(serde_json::to_string(&base).map_err(|e| JsError::new(&e.to_string()))?);
    }
    out.extend(imported);
    Ok(out)
}

/// `supersededImports(newJson, [earlierJson, …])`: the indexes of the earlier imports that
/// importing `newJson` replaces, those that define a bundle or support entry with an id it
/// defines ([`Replaced::superseded`]: the rule `mergeBundles` applies to the default
/// document, applied between imports). The options page's import keeps the others. Throws
/// when a document is not a bundle document.
#[cfg(feature = "documents")]
#[wasm_bindgen(js_name = supersededImports)]
pub fn superseded_imports(new_json: &str, earlier: Vec<String>) -> Result<Vec<u32>, JsError> {
    let js = |e: crate::Error| JsError::new(&e.to_string());
    let new = Document::from_json("imported bundle", new_json).map_err(js)?;
    let docs = earlier
        .iter()
        .enumerate()
        .map(|(i, j)| Document::from_json(&format!("earlier import {}", i + 1), j))
        .collect::<Result<Vec<_>, _>>()
        .map_err(js)?;
    Ok(Replaced::superseded(&new, &docs)
        .into_iter()
        .map(|i| i as u32)
        .collect())
}
