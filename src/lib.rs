//! # redflag
//!
//! On-device warnings about job ads and posts that recruit into sexual exploitation,
//! trafficking or image-based sexual abuse. This crate is the engine shared by the
//! command-line tool and the browser extension (through WebAssembly).
//!
//! Data flows one way, one module per step:
//!
//! | step | file (in `src/`) |
//! |---|---|
//! | text → canonical words with a map back to the original | `normalize.rs` (tables in `confusables.rs`) |
//! | phrases as contributors write them → canonical words | [`phrase`] |
//! | canonical text → phrase matches (one word table: exact words and stems; script-free keys for transliteration and misspellings) | `matcher.rs`, `word_table.rs`, `phonetic.rs`, `key_table.rs`, glued words and hashtags in `segment.rs` |
//! | matches → signals (negated matches dropped, quoted ones lowered: `quotes.rs`) → score and level | `scoring.rs` |
//! | score → verdict with evidence and support entries | [`verdict`], [`support`] |
//! | the compiled, immutable whole | [`engine`] |
//!
//! The public API is [`Engine`] with [`Options`] and [`Verdict`], the bundle formats
//! ([`bundle`], [`authoring`] for TOML), [`signing`] and [`error`]. The pipeline's steps are
//! internal; a few stay reachable (hidden from these docs) for the tests and fuzz targets that
//! exercise one step alone.
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

#![warn(missing_docs)]

// The public API: what the command-line tool, the extension's bindings and NGO tooling use.
#[cfg(feature = "cli")]
pub mod authoring;
pub mod bundle;
pub mod engine;
pub mod error;
pub mod phrase;
pub mod signing;
pub mod support;
pub mod verdict;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The pipeline's steps: public only for the tests, the fuzz targets and the benchmarks that
// exercise one step alone (`tests/evasions.rs`, `tests/prebuilt.rs`, `fuzz/`). Not an API.
#[doc(hidden)]
pub mod confusables;
#[doc(hidden)]
pub mod matcher;
#[doc(hidden)]
pub mod normalize;
#[doc(hidden)]
pub mod pictographs;
#[doc(hidden)]
pub mod prebuilt;
#[doc(hidden)]
pub mod scoring;
#[doc(hidden)]
pub mod word_table;

mod contacts;
mod flat;
mod key_table;
mod phonetic;
mod quotes;
mod reach;
mod readings;
mod residue;
mod segment;
mod translit;
mod typos;
mod unicode_tables;
mod word_cache;

pub use bundle::{BundleSet, Document, FORMAT_VERSION};
pub use engine::{Engine, Options};
pub use error::Error;
pub use verdict::{Category, Evidence, Level, Verdict};
