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
    engine_id(&root);
}

/// REDFLAG_ENGINE_ID: a hash of the engine's source (every `src/**/*.rs` but the command line)
/// and of `Cargo.lock`. Prebuilt tables (src/prebuilt.rs) are derived by this code, so only an
/// engine with the same id may read them; any change of the source gives another id.
fn engine_id(root: &Path) {
    let mut files = Vec::new();
    let mut dirs = vec![root.join("src")];
    while let Some(d) = dirs.pop() {
        println!("cargo:rerun-if-changed={}", d.display());
        for e in fs::read_dir(&d).expect("src/ is readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("cli") && !p.ends_with("bin") {
                    dirs.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.push(root.join("Cargo.lock"));
    files.sort();
    // FNV-1a over each file's path (relative) and contents
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        let bytes = fs::read(f).unwrap_or_default();
        for b in rel.as_bytes().iter().chain(&[0]).chain(&bytes) {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=REDFLAG_ENGINE_ID={h:016x}");
}
