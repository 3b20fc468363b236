//! What the integration tests that load a small test bundle beside the project's core.toml
//! share (tests/class_unions.rs, tests/pieces.rs, tests/contacts.rs): the bundle set and the
//! engine built from it. A folder `common/` so that cargo does not run it as a test of its own.

// Each test file uses what it needs of this module.
#![allow(dead_code)]

use redflag::authoring::parse_toml;
use redflag::{BundleSet, Engine};

/// The project's scoring model, which every test bundle's families refer to.
pub const CORE: &str = include_str!("../../rules/core.toml");

/// core.toml and `bundle` (a test bundle's TOML, read as `xx.toml`); the bundle's error when
/// it does not load.
pub fn set_of(bundle: &str) -> Result<BundleSet, redflag::Error> {
    let mut set = parse_toml("core.toml", CORE).unwrap();
    set.extend(parse_toml("xx.toml", bundle)?);
    Ok(set)
}

/// The engine of core.toml and `bundle`; panics when the bundle does not load.
pub fn engine(bundle: &str) -> Engine {
    Engine::new(&set_of(bundle).unwrap()).unwrap()
}
