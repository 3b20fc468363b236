//! Embeds the default rule files (`rules/bundles/*.toml`, `rules/support/*.toml`) into the
//! native binary, so that every `redflag` command works with no arguments.
//!
//! The build script only lists the files; parsing and validation happen in the crate itself
//! (`src/authoring.rs`), so there is one parser and its errors carry file and line.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut files = Vec::new();
    for dir in ["rules/bundles", "rules/support"] {
        let full = root.join(dir);
        println!("cargo:rerun-if-changed={}", full.display());
        if let Ok(entries) = fs::read_dir(&full) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().and_then(|e| e.to_str()) == Some("toml") {
                    println!("cargo:rerun-if-changed={}", path.display());
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Default rule files embedded at build time: (path relative to the crate, contents).\npub const FILES: &[(&str, &str)] = &[\n");
    for path in &files {
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
