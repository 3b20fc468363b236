//! The authoring side of bundles: reading the TOML files contributors edit (and compiled JSON
//! documents), with errors that point at file and line, and the default rules embedded in the
//! binary.
//!
//! Only the native tool reads TOML; the extension loads the compiled JSON that `redflag
//! compile` writes, which keeps the TOML parser out of the `.wasm`.

use crate::bundle::{Bundle, BundleSet, Document, Origin, SourcedBundle, SourcedEntry};
use crate::error::{Error, Problem};
use crate::support::SupportEntry;
use serde::Deserialize;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The rule files compiled into this binary: (path, contents).
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

/// The default bundle set: every file of `rules/` as it was at build time.
pub fn default_set() -> Result<BundleSet, Error> {
    parse_files(
        &[],
        embedded_files()
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string())),
    )
}

fn line_of_offset(src: &str, offset: usize) -> usize {
    src[..offset.min(src.len())].matches('\n').count() + 1
}

fn toml_error(file: &str, src: &str, e: toml::de::Error) -> Error {
    let line = e.span().map(|s| line_of_offset(src, s.start));
    Error::single(file, line, None, e.message().trim().to_string())
}

/// Whether a TOML file is part of the support directory rather than a bundle.
fn is_support_file(src: &str) -> bool {
    src.lines().any(|l| l.trim() == "[[service]]")
}

/// Parses one TOML rule file (a bundle or a support file) into a set.
pub fn parse_toml(file: &str, src: &str) -> Result<BundleSet, Error> {
    let origin = Origin {
        file: file.to_string(),
        source: Some(src.to_string()),
    };
    if is_support_file(src) {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct SupportFile {
            service: Vec<SupportEntry>,
        }
        let parsed: SupportFile = toml::from_str(src).map_err(|e| toml_error(file, src, e))?;
        Ok(BundleSet {
            bundles: vec![],
            support: SourcedEntry::all_from(parsed.service, &origin),
        })
    } else {
        let bundle: Bundle = toml::from_str(src).map_err(|e| toml_error(file, src, e))?;
        Ok(BundleSet {
            bundles: vec![SourcedBundle { bundle, origin }],
            support: vec![],
        })
    }
}

/// Parses many files, collecting every error. Bundles come first in the order given, with the
/// one that defines the scoring model (core) moved to the front.
fn parse_files(
    trusted: &[String],
    files: impl Iterator<Item = (String, String)>,
) -> Result<BundleSet, Error> {
    let mut set = BundleSet::default();
    let mut problems: Vec<Problem> = Vec::new();
    for (name, src) in files {
        let parsed = if name.ends_with(".json") {
            crate::signing::open(&name, &src, trusted)
                .and_then(|opened| Document::from_json(&name, opened.document()))
                .map(|d| d.into_set(&name))
        } else {
            parse_toml(&name, &src)
        };
        match parsed {
            Ok(s) => set.extend(s),
            Err(e) => problems.extend(e.problems),
        }
    }
    if !problems.is_empty() {
        return Err(Error { problems });
    }
    set.bundles.sort_by_key(|b| b.bundle.scoring.is_none());
    Ok(set)
}

/// The rule files under a path: a file itself, or the `.toml`/`.json` files of a directory and
/// of its `bundles/` and `support/` folders, sorted.
pub fn rule_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let unreadable = |e: std::io::Error| {
        Error::single(
            &path.display().to_string(),
            None,
            None,
            format!("cannot read: {e}"),
        )
    };
    if !path.is_dir() {
        std::fs::metadata(path).map_err(unreadable)?;
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    for dir in [
        path.to_path_buf(),
        path.join("bundles"),
        path.join("support"),
    ] {
        if !dir.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&dir).map_err(unreadable)?.flatten() {
            let p = entry.path();
            let ext = p.extension().and_then(|e| e.to_str());
            if p.is_file() && matches!(ext, Some("toml") | Some("json")) {
                out.push(p);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(Error::single(
            &path.display().to_string(),
            None,
            None,
            "no .toml or .json rule files here".into(),
        ));
    }
    Ok(out)
}

/// Loads the bundle sets at `paths` (files or directories). When none of them defines the
/// scoring model, the embedded core model is added, so a single language bundle can be tried
/// on its own.
/// Signed bundles (`redflag bundle sign`) are opened with the `trusted` public keys (hex);
/// a bundle signed by another key, or changed after signing, is an error.
pub fn load_paths(paths: &[PathBuf], trusted: &[String]) -> Result<BundleSet, Error> {
    let mut files = Vec::new();
    for p in paths {
        for f in rule_files(p)? {
            let src = std::fs::read_to_string(&f).map_err(|e| {
                Error::single(
                    &f.display().to_string(),
                    None,
                    None,
                    format!("cannot read: {e}"),
                )
            })?;
            files.push((f.display().to_string(), src));
        }
    }
    let mut set = parse_files(trusted, files.into_iter())?;
    if !set.has_scoring() {
        let core = embedded_files()
            .iter()
            .find(|(p, _)| p.ends_with("bundles/core.toml"))
            .map(|(p, s)| parse_toml(p, s))
            .transpose()?;
        if let Some(mut core) = core {
            core.extend(set);
            set = core;
        }
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rules_load_and_validate() {
        let set = default_set().expect("embedded rules parse");
        set.validate().expect("embedded rules are valid");
        assert!(set.bundles.iter().any(|b| b.bundle.bundle.id == "core"));
        assert_eq!(set.bundles[0].bundle.bundle.id, "core");
    }

    #[test]
    fn toml_syntax_errors_carry_the_line() {
        let src = "[bundle]\nid = \"x\"\ntitle = \n";
        let e = parse_toml("x.toml", src).unwrap_err();
        let p = &e.problems[0];
        assert_eq!(p.location.file, "x.toml");
        assert_eq!(p.location.line, Some(3));
    }

    #[test]
    fn unknown_fields_are_errors_with_a_line() {
        let src = "[bundle]\nid = \"x\"\ntitle = \"t\"\nversion = \"1\"\nlicence = \"l\"\nmaintainer = \"m\"\ncolour = \"red\"\n";
        let e = parse_toml("x.toml", src).unwrap_err();
        assert!(e.to_string().contains("colour"), "{e}");
        assert_eq!(e.problems[0].location.line, Some(7));
    }
}
