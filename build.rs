//! Embeds the default rule files into the native binary, so that every `redflag` command works
//! with no arguments: `rules/core.toml`, `rules/support/*.toml` and the `language.toml`,
//! `bundle.toml` and `support.toml` of every folder in `rules/languages/` (found by listing the
//! folders; the layout is defined once, in `src/layout.rs`).
//!
//! The build script only lists the files; parsing and validation happen in the crate itself
//! (`src/authoring.rs`), so there is one parser and its errors carry file and line.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/layout.rs"]
#[allow(dead_code)]
mod layout;

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=src/layout.rs");
    // A directory's entry makes cargo notice files and folders added to or removed from it.
    for dir in layout::watched_dirs(&rules).expect("rules/ is readable") {
        println!("cargo:rerun-if-changed={}", dir.display());
    }
    let files = layout::rule_files(&rules, &["toml"]).expect("rules/ is readable");
    let mut out = String::from("/// Default rule files embedded at build time: (path relative to the crate, contents).\npub const FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = path.strip_prefix(&root).unwrap_or(Path::new(path));
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            rel.to_string_lossy(),
            path.to_string_lossy()
        ));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    fs::write(dest, out).unwrap();
}
