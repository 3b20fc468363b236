//! # redflag
//!
//! On-device warnings about job ads and posts that recruit into sexual exploitation,
//! trafficking or image-based sexual abuse. This crate is the engine shared by the
//! command-line tool and the browser extension (through WebAssembly).
//!
//! Data flows one way, one module per step:
//!
//! | step | module |
//! |---|---|
//! | text → canonical words with a map back to the original | [`normalize`] (tables in [`confusables`]) |
//! | phrases as contributors write them → canonical words | [`phrase`] |
//! | canonical text → phrase matches (one word table: exact words and stems; script-free keys for transliteration and misspellings) | [`matcher`], [`word_table`], [`phonetic`], [`key_table`], glued words and hashtags in [`segment`] |
//! | matches → signals (negated matches dropped, quoted ones lowered: [`quotes`]) → score and level | [`scoring`] |
//! | score → verdict with evidence and support entries | [`verdict`], [`support`] |
//! | the compiled, immutable whole | [`engine`] |
//!
//! Rules live in bundles ([`bundle`]): TOML that volunteers edit, compiled to a versioned JSON
//! document that the extension ships. Nothing here touches the network.
//!
//! ```
//! # #[cfg(feature = "cli")] {
//! let engine = redflag::Engine::new(&redflag::authoring::default_set().unwrap()).unwrap();
//! let v = engine.classify("Нужны девушки 18-25 в VIP-салон, высокий доход, опыт не нужен. Фото в лс", &Default::default());
//! assert!(v.level >= redflag::Level::Warning);
//! # }
//! ```

#[cfg(feature = "cli")]
pub mod authoring;
pub mod bundle;
pub mod confusables;
pub mod engine;
pub mod error;
pub mod key_table;
pub mod matcher;
pub mod normalize;
pub mod phonetic;
pub mod phrase;
pub mod prebuilt;
pub mod quotes;
pub mod scoring;
pub mod segment;
pub mod signing;
pub mod support;
pub mod verdict;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod word_cache;
pub mod word_table;

pub use bundle::{BundleSet, Document, FORMAT_VERSION};
pub use engine::{Engine, Options};
pub use error::Error;
pub use verdict::{Category, Evidence, Level, Verdict};
