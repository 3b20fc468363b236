//! Embeds the default rule files into the native binary, so that every `redflag` command works
//! with no arguments: `rules/core.toml`, `rules/support/*.toml` and the `language.toml`,
//! `bundle.toml` and `support.toml` of every folder in `rules/languages/` (found by listing the
//! folders; the layout is defined once, in `src/layout.rs`).
//!
//! The build script only lists the files; parsing and validation happen in the crate itself
//! (`src/authoring.rs`), so there is one parser and its errors carry file and line.
//!
//! It also writes the compact Unicode decomposition tables of `src/unicode_tables.rs` (the
//! WebAssembly build's copy of what `unicode-normalization` answers), from that crate itself.

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
    embedded_tables();
    unicode_tables();
}

/// `REDFLAG_EMBED_TABLES=<file>` (set by `make wasm` for the lean module only): the prebuilt
/// tables of the shipped document, put inside the module's data (`Engine.fromEmbedded` in
/// src/wasm.rs), so a restarted service worker fetches one file instead of two and copies
/// nothing across the border. The tables come from the CLI built from the same source, so
/// they carry this build's engine id. Without the variable nothing is embedded.
fn embedded_tables() {
    println!("cargo:rerun-if-env-changed=REDFLAG_EMBED_TABLES");
    println!("cargo:rustc-check-cfg=cfg(redflag_embedded_tables)");
    if let Some(path) = env::var_os("REDFLAG_EMBED_TABLES").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "REDFLAG_EMBED_TABLES: {} is not a file",
            path.display()
        );
        println!("cargo:rerun-if-changed={}", path.display());
        println!("cargo:rustc-cfg=redflag_embedded_tables");
        println!("cargo:rustc-env=REDFLAG_EMBEDDED_TABLES={}", path.display());
    }
}

/// `unicode_tables.rs` in OUT_DIR: every character's canonical and compatibility
/// decomposition and whether it is a combining mark, as `unicode-normalization` gives them,
/// in sorted order that gzips well (that crate's perfect-hash tables are ~56 KB of the
/// gzipped .wasm; these ~15 KB). ASCII and Hangul syllables are left to code, as there.
/// `src/unicode_tables.rs` tests that every character gets the same answer.
fn unicode_tables() {
    use unicode_normalization::char::{
        decompose_canonical, decompose_compatible, is_combining_mark,
    };
    let mut compat = (Vec::new(), Vec::new(), String::new());
    let mut canon = (Vec::new(), Vec::new(), String::new());
    let mut marks: Vec<(u32, u32)> = Vec::new();
    let hangul = 0xAC00u32..0xAC00 + 11_172;
    for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
        if is_combining_mark(c) {
            match marks.last_mut() {
                Some(r) if r.1 + 1 == c as u32 => r.1 = c as u32,
                _ => marks.push((c as u32, c as u32)),
            }
        }
        if hangul.contains(&(c as u32)) {
            continue;
        }
        let (mut k, mut n) = (String::new(), String::new());
        decompose_compatible(c, |d| k.push(d));
        decompose_canonical(c, |d| n.push(d));
        let one = c.to_string();
        for (table, d, keep) in [(&mut compat, &k, k != n), (&mut canon, &n, n != one)] {
            if keep {
                table.0.push(c as u32);
                table
                    .1
                    .push(u8::try_from(d.len()).expect("a decomposition under 256 bytes"));
                table.2.push_str(d);
            }
        }
    }
    // Code points as the steps from the previous one, 7 bits a byte (LEB128: most steps are
    // under 128, one byte), and each decomposition's length in bytes: ~16 KB where the
    // sorted `u32`s and `u16` ends were ~36 KB (and 20 KB of the gzipped .wasm more).
    let steps = |keys: &[u32]| {
        let (mut out, mut last) = (Vec::new(), 0u32);
        for &k in keys {
            let mut d = k - last;
            last = k;
            while d >= 0x80 {
                out.push((d & 0x7f) as u8 | 0x80);
                d >>= 7;
            }
            out.push(d as u8);
        }
        out
    };
    let mut out = String::from(
        "// Generated by build.rs from unicode-normalization: see src/unicode_tables.rs.\n",
    );
    for (name, (keys, lens, chars)) in [("COMPAT", &compat), ("CANON", &canon)] {
        let steps = steps(keys);
        out.push_str(&format!("const {name}_STEPS: &[u8] = &{steps:?};\n"));
        out.push_str(&format!("const {name}_LENS: &[u8] = &{lens:?};\n"));
        out.push_str(&format!("const {name}_CHARS: &str = {chars:?};\n"));
    }
    out.push_str(&format!("const MARKS: &[(u32, u32)] = &{marks:?};\n"));
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("unicode_tables.rs");
    fs::write(dest, out).unwrap();
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
