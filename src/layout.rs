//! Where things are in a rules directory. One definition, used by `build.rs` (which embeds the
//! rule files into the binary) and by `src/authoring.rs` (which reads them at run time), so the
//! built-in rules and `--bundle rules` always see the same files.
//!
//! ```text
//! rules/core.toml                          the scoring model (any .toml directly in rules/)
//! rules/support/*.toml                     support entries not tied to one language folder
//! rules/languages/<code>/language.toml     what the language is: code, names, regions, UI fallback
//! rules/languages/<code>/bundle.toml       its phrases and examples
//! rules/languages/<code>/support.toml      services of its regions (optional)
//! rules/languages/<code>/ui.json           the extension's text (optional; read by scripts/)
//! rules/languages/<code>/store.json        store name and description (optional; read by scripts/)
//! rules/languages/<code>/corpus/*.jsonl    labelled example posts (`redflag eval`, tests/corpus.rs)
//! rules/bundles/*.toml                     the layout before language folders (still read)
//! ```
//!
//! A language folder is found by being there: nothing else lists the languages. Folders whose
//! name starts with `_` or `.` (the template `rules/languages/_template/`) are skipped.
//!
//! Plain `std` only: this file is also compiled into the build script.

use std::io;
use std::path::{Path, PathBuf};

/// The rule files a language folder may hold, in the order they are read.
pub const LANGUAGE_RULE_FILES: [&str; 3] = ["language.toml", "bundle.toml", "support.toml"];

/// Every other file or folder a language folder may hold.
pub const LANGUAGE_OTHER_FILES: [&str; 4] = ["ui.json", "store.json", "corpus", "README.md"];

/// Whether a folder is skipped by discovery (the template, hidden folders).
pub fn is_skipped(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

fn entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    out.sort();
    Ok(out)
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.contains(&e))
}

/// The language folders of a rules directory (`rules/languages/*/`), sorted, template skipped.
pub fn language_dirs(rules: &Path) -> io::Result<Vec<PathBuf>> {
    Ok(entries(&rules.join("languages"))?
        .into_iter()
        .filter(|p| p.is_dir())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_none_or(is_skipped)
        })
        .collect())
}

/// The rule files of a rules directory with one of `exts` (`toml`, and `json` for compiled
/// documents placed there): the files directly in it, in `bundles/` and `support/`, and the
/// rule files of each language folder. Sorted by path.
pub fn rule_files(rules: &Path, exts: &[&str]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for dir in [
        rules.to_path_buf(),
        rules.join("bundles"),
        rules.join("support"),
    ] {
        out.extend(entries(&dir)?.into_iter().filter(|p| {
            // ui.json and store.json are the extension's, not rules (a language folder may be
            // given as the rules directory itself)
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            p.is_file() && has_ext(p, exts) && !LANGUAGE_OTHER_FILES.contains(&name)
        }));
    }
    for lang in language_dirs(rules)? {
        out.extend(
            LANGUAGE_RULE_FILES
                .iter()
                .map(|f| lang.join(f))
                .filter(|p| p.is_file() && has_ext(p, exts)),
        );
    }
    out.sort();
    Ok(out)
}

/// Every directory whose listing decides which rule files there are (for the build script's
/// `rerun-if-changed`: a new language folder or file must rebuild the binary).
pub fn watched_dirs(rules: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = vec![
        rules.to_path_buf(),
        rules.join("bundles"),
        rules.join("support"),
        rules.join("languages"),
    ];
    out.extend(language_dirs(rules)?);
    // A path that does not exist (no legacy rules/bundles/) would make cargo rebuild every
    // time; its creation changes rules/ itself, which is watched.
    out.retain(|d| d.is_dir());
    Ok(out)
}

/// The labelled development corpus: `rules/languages/*/corpus/*.jsonl`, sorted.
pub fn corpus_files(rules: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for lang in language_dirs(rules)? {
        out.extend(
            entries(&lang.join("corpus"))?
                .into_iter()
                .filter(|p| p.is_file() && has_ext(p, &["jsonl"])),
        );
    }
    Ok(out)
}

/// Mistakes in the shape of the language folders that would otherwise go unnoticed: a folder
/// without `language.toml` or `bundle.toml`, a file redflag never reads (a misspelt name), a
/// corpus file that is not `.jsonl`. (path, message) pairs.
pub fn language_folder_problems(rules: &Path) -> io::Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    for lang in language_dirs(rules)? {
        for required in ["language.toml", "bundle.toml"] {
            if !lang.join(required).is_file() {
                out.push((
                    lang.join(required),
                    format!("missing: every language folder has a {required} (copy it from rules/languages/_template/)"),
                ));
            }
        }
        for p in entries(&lang)? {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let known = LANGUAGE_RULE_FILES.contains(&name) || LANGUAGE_OTHER_FILES.contains(&name);
            if !known && !is_skipped(name) {
                out.push((
                    p.clone(),
                    format!(
                        "not a file redflag reads; a language folder holds {}, {} and corpus/",
                        LANGUAGE_RULE_FILES.join(", "),
                        LANGUAGE_OTHER_FILES[..2].join(", ")
                    ),
                ));
            }
        }
        for p in entries(&lang.join("corpus"))? {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !is_skipped(name) && !(p.is_file() && has_ext(&p, &["jsonl"])) {
                out.push((
                    p.clone(),
                    "corpus files are JSON lines ending in .jsonl".into(),
                ));
            }
        }
    }
    Ok(out)
}
