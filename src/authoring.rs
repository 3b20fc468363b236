//! The authoring side of bundles: reading the TOML files contributors edit (and compiled JSON
//! documents), with errors that point at file and line, and the default rules embedded in the
//! binary.
//!
//! Only the native tool reads TOML; the extension loads the compiled JSON that `redflag
//! compile` writes, which keeps the TOML parser out of the `.wasm`.

use crate::bundle::{unions, Bundle, BundleSet, Document, Origin, SourcedBundle, SourcedEntry};
use crate::error::{Error, Location, Problem, Severity};
use crate::support::SupportEntry;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod lines;
pub use lines::TomlLines;

/// Where the files are in a rules directory (shared with `build.rs`).
#[path = "layout.rs"]
pub mod layout;

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
    Error::single("syntax", file, line, None, e.message().trim().to_string())
}

/// Whether a TOML file is part of the support directory rather than a bundle: a language
/// folder's `support.toml`, a file in `support/`, or any file of `[[service]]` entries.
fn is_support_file(file: &str, src: &str) -> bool {
    let file = file.replace('\\', "/");
    file.ends_with("/support.toml")
        || file == "support.toml"
        || file.contains("support/")
        || src.lines().any(|l| l.trim() == "[[service]]")
}

/// Whether a file is a language folder's metadata (`rules/languages/<code>/language.toml`).
fn is_language_file(file: &str) -> bool {
    let file = file.replace('\\', "/");
    file.ends_with("/language.toml") || file == "language.toml"
}

/// A language folder's `language.toml`: what the language is, for reviewers and for the
/// extension build (`scripts/languages.mjs` reads the same fields).
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// ISO 639-1 (or 639-3) code; the folder's name.
    pub code: String,
    /// The language's name in English.
    pub name: String,
    /// The language's name in the language itself (the extension's language menu).
    pub native_name: String,
    /// Regions (ISO 3166 codes) whose services are in the folder's `support.toml`.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Region of the help links for a browser set to this language that names no country.
    pub default_region: Option<String>,
    /// The extension's code for the language of `ui.json` (default: `code`).
    pub ui_code: Option<String>,
    /// The interface language shown when `ui.json` is missing (or lacks a text).
    pub ui_fallback: Option<String>,
    /// Other browser languages that get this language's interface.
    #[serde(default)]
    pub browser_languages: Vec<String>,
    /// Region of the help links for one of `browser_languages` when it is not
    /// `default_region`'s (`cnr = "ME"`: Montenegrin browsers read the Bosnian interface and
    /// get Montenegro's services). One of `regions`.
    #[serde(default)]
    pub browser_regions: std::collections::BTreeMap<String, String>,
}

/// The 1-based line of `key = ...` in a TOML source, for errors in flat files.
fn line_of_key(src: &str, key: &str) -> Option<usize> {
    src.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// The folder a file is in (`sr` for `rules/languages/sr/language.toml`).
fn folder_name(file: &str) -> Option<String> {
    Path::new(&file.replace('\\', "/"))
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
}

/// Parses and checks one `language.toml`.
pub fn parse_language(file: &str, src: &str) -> Result<Language, Error> {
    let lang: Language = toml::from_str(src).map_err(|e| toml_error(file, src, e))?;
    let mut problems = Vec::new();
    let mut bad = |code: &'static str, key: &str, message: String| {
        problems.push(Problem {
            code,
            severity: Severity::Error,
            location: Location {
                file: file.to_string(),
                line: line_of_key(src, key),
                field: Some(key.to_string()),
            },
            message,
        })
    };
    let is_lang_code =
        |c: &str| (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase());
    let is_region = |r: &str| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase());
    if !is_lang_code(&lang.code) {
        bad(
            "bad-language-code",
            "code",
            format!(
                "{:?} is not a language code: 2 or 3 lowercase letters (ISO 639-1), e.g. \"mk\"",
                lang.code
            ),
        );
    }
    if let Some(folder) = folder_name(file).filter(|f| f != "." && !f.is_empty()) {
        if folder != lang.code {
            bad(
                "folder-mismatch",
                "code",
                format!(
                    "{:?} must be the name of the folder it is in ({folder:?})",
                    lang.code
                ),
            );
        }
    }
    for (key, value) in [("name", &lang.name), ("native_name", &lang.native_name)] {
        if value.trim().is_empty() {
            bad("empty-field", key, "must not be empty".into());
        }
    }
    for r in &lang.regions {
        if !is_region(r) {
            bad(
                "bad-region",
                "regions",
                format!("{r:?} is not a region code: 2 capital letters (ISO 3166), e.g. \"MK\""),
            );
        }
    }
    if let Some(d) = &lang.default_region {
        if !lang.regions.contains(d) {
            bad(
                "bad-region",
                "default_region",
                format!(
                    "{d:?} is not one of this language's regions {:?}",
                    lang.regions
                ),
            );
        }
    }
    if let Some(ui) = &lang.ui_code {
        let mut parts = ui.splitn(2, '-');
        let (base, script) = (parts.next().unwrap_or(""), parts.next());
        if base != lang.code
            || script.is_some_and(|s| {
                !(2..=4).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_alphabetic())
            })
        {
            bad("bad-ui-code", "ui_code", format!("{ui:?} must be the code, optionally with a script or region: \"{0}\" or \"{0}-Latn\"", lang.code));
        }
    }
    if let Some(f) = &lang.ui_fallback {
        let base = f.split('-').next().unwrap_or("");
        if !is_lang_code(base) {
            bad(
                "bad-ui-code",
                "ui_fallback",
                format!("{f:?} is not an interface language such as \"en\" or \"sr-Latn\""),
            );
        }
    }
    for b in &lang.browser_languages {
        if !is_lang_code(b) {
            bad(
                "bad-language-code",
                "browser_languages",
                format!("{b:?} is not a language code: 2 or 3 lowercase letters"),
            );
        }
    }
    for (b, r) in &lang.browser_regions {
        if !lang.browser_languages.contains(b) {
            bad(
                "bad-language-code",
                "browser_regions",
                format!(
                    "{b:?} is not one of this language's browser_languages {:?}",
                    lang.browser_languages
                ),
            );
        }
        if !lang.regions.contains(r) {
            bad(
                "bad-region",
                "browser_regions",
                format!(
                    "{r:?} (for {b:?}) is not one of this language's regions {:?}",
                    lang.regions
                ),
            );
        }
    }
    if problems.is_empty() {
        Ok(lang)
    } else {
        Err(Error { problems })
    }
}

/// Support entries of a language folder's `support.toml` must be for the regions its
/// `language.toml` lists (so a reviewer sees at once which countries a folder covers).
fn check_language_support(
    languages: &[(String, String, Language)],
    set: &BundleSet,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, _, lang) in languages {
        let support_file = Path::new(file)
            .with_file_name("support.toml")
            .display()
            .to_string();
        for e in set.support.iter().filter(|e| e.origin.file == support_file) {
            if lang.regions.contains(&e.entry.region) {
                continue;
            }
            let line = e.origin.line_of("service", Some(e.index), Some("region"));
            out.push(Problem {
                code: "region-not-in-language",
                severity: Severity::Error,
                location: Location {
                    file: support_file.clone(),
                    line,
                    field: Some(format!("service[{}] {:?}.region", e.index, e.entry.id)),
                },
                message: format!(
                    "{:?} is not among this language's regions {:?}: add it to regions in {file}, or put the entry in rules/support/",
                    e.entry.region, lang.regions
                ),
            });
        }
    }
    out
}

/// Parses one TOML rule file (a bundle or a support file) into a set.
pub fn parse_toml(file: &str, src: &str) -> Result<BundleSet, Error> {
    let origin = Origin {
        file: file.to_string(),
        lines: Some(Arc::new(TomlLines::new(src))),
    };
    if is_support_file(file, src) {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct SupportFile {
            #[serde(default)]
            service: Vec<SupportEntry>,
        }
        let parsed: SupportFile = toml::from_str(src).map_err(|e| toml_error(file, src, e))?;
        Ok(BundleSet {
            support: SourcedEntry::all_from(parsed.service, &origin),
            ..Default::default()
        })
    } else {
        let mut bundle: Bundle = toml::from_str(src).map_err(|e| toml_error(file, src, e))?;
        // Classes that name other classes (`@other`) are expanded here, so that the engine and
        // the compiled document see plain member lists; lint keeps what was written.
        let mut written_classes = None;
        if unions::has_unions(&bundle.classes) {
            let expanded =
                unions::resolve(&bundle.classes, &origin).map_err(|problems| Error { problems })?;
            written_classes = Some(std::mem::replace(&mut bundle.classes, expanded));
        }
        Ok(BundleSet {
            bundles: vec![SourcedBundle {
                bundle,
                origin,
                written_classes,
            }],
            ..Default::default()
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
    let mut languages = Vec::new();
    for (name, src) in files {
        if is_language_file(&name) {
            match parse_language(&name, &src) {
                Ok(l) => languages.push((name, src, l)),
                Err(e) => problems.extend(e.problems),
            }
            continue;
        }
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
    problems.extend(check_language_support(&languages, &set));
    // The language of the phrases that matched suggests the region when the person has not
    // chosen one: each folder's default_region, carried in the compiled document.
    for (_, _, lang) in &languages {
        if let Some(region) = &lang.default_region {
            set.language_regions
                .insert(lang.code.clone(), region.clone());
        }
        set.browser_regions.extend(lang.browser_regions.clone());
    }
    // A language with services but no folder yet (rules/support/MK.toml answers in "mk"): a
    // browser or post in it gets the one region whose services name it.
    let folders: std::collections::HashSet<&str> = languages
        .iter()
        .flat_map(|(_, _, l)| std::iter::once(&l.code).chain(&l.browser_languages))
        .map(String::as_str)
        .collect();
    let mut regions_of: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
        Default::default();
    for s in &set.support {
        if s.entry.region != "intl" {
            for lang in &s.entry.languages {
                regions_of.entry(lang).or_default().insert(&s.entry.region);
            }
        }
    }
    let no_folder: Vec<(String, String)> = regions_of
        .into_iter()
        .filter(|(lang, regions)| {
            !folders.contains(lang)
                && regions.len() == 1
                && !set.language_regions.contains_key(*lang)
                && !set.browser_regions.contains_key(*lang)
        })
        .filter_map(|(lang, regions)| Some((lang.to_string(), regions.first()?.to_string())))
        .collect();
    set.browser_regions.extend(no_folder);
    if !problems.is_empty() {
        return Err(Error { problems });
    }
    set.bundles.sort_by_key(|b| b.bundle.scoring.is_none());
    Ok(set)
}

/// The rule files under a path: a file itself, or the rule files of a rules directory
/// (`core.toml`, `support/`, every language folder; see [`layout`]), sorted. A language
/// folder given on its own (`--bundle rules/languages/mk`) works too.
pub fn rule_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let unreadable = |e: std::io::Error| {
        Error::single(
            "unreadable",
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
    let shape = layout::language_folder_problems(path).map_err(unreadable)?;
    if !shape.is_empty() {
        return Err(Error {
            problems: shape
                .into_iter()
                .map(|(p, message)| Problem {
                    code: "bad-layout",
                    severity: Severity::Error,
                    location: Location {
                        file: p.display().to_string(),
                        line: None,
                        field: None,
                    },
                    message,
                })
                .collect(),
        });
    }
    let out = layout::rule_files(path, &["toml", "json"]).map_err(unreadable)?;
    if out.is_empty() {
        return Err(Error::single(
            "no-rule-files",
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
                    "unreadable",
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
            .find(|(p, _)| p.ends_with("/core.toml"))
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
    fn browser_regions_name_a_browser_language_and_a_region_of_the_folder() {
        let head = "code = \"bs\"\nname = \"Bosnian\"\nnative_name = \"Bosanski\"\nregions = [\"BA\", \"ME\"]\ndefault_region = \"BA\"\nbrowser_languages = [\"cnr\"]\n";
        let ok = parse_language(
            "bs/language.toml",
            &format!("{head}browser_regions = {{ cnr = \"ME\" }}\n"),
        )
        .unwrap();
        assert_eq!(
            ok.browser_regions.get("cnr").map(String::as_str),
            Some("ME")
        );
        for (line, word) in [
            ("browser_regions = { cnr = \"RS\" }", "RS"),
            ("browser_regions = { mk = \"ME\" }", "mk"),
        ] {
            let e = parse_language("bs/language.toml", &format!("{head}{line}\n")).unwrap_err();
            let p = &e.problems[0];
            assert_eq!(p.location.line, Some(7), "{e}");
            assert!(
                e.to_string().contains("browser_regions") && e.to_string().contains(word),
                "{e}"
            );
        }
    }

    #[test]
    fn a_bad_signal_id_is_reported_at_its_line() {
        let core = embedded_files()
            .iter()
            .find(|(p, _)| p.ends_with("/core.toml"))
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .unwrap();
        let bundle = "[bundle]\nid = \"x\"\ntitle = \"t\"\nversion = \"1\"\nlicence = \"l\"\nmaintainer = \"m\"\nlanguages = [\"en\"]\n\n[[signal]]\nid = \"x.ok\"\nfamily = \"women_only\"\nphrases = [\"girls only\"]\n\n[[signal]]\nid = \"x.Not OK\"\nfamily = \"women_only\"\nphrases = [\"ladies only\"]\n";
        let set = parse_files(
            &[],
            [core, ("x.toml".to_string(), bundle.to_string())].into_iter(),
        )
        .unwrap();
        let e = set.validate().unwrap_err();
        let p = e
            .problems
            .iter()
            .find(|p| p.code == "bad-id")
            .expect("a bad-id error");
        assert_eq!(p.location.file, "x.toml");
        assert_eq!(p.location.line, Some(15), "{e}");
    }

    #[test]
    fn unknown_fields_are_errors_with_a_line() {
        let src = "[bundle]\nid = \"x\"\ntitle = \"t\"\nversion = \"1\"\nlicence = \"l\"\nmaintainer = \"m\"\ncolour = \"red\"\n";
        let e = parse_toml("x.toml", src).unwrap_err();
        assert!(e.to_string().contains("colour"), "{e}");
        assert_eq!(e.problems[0].location.line, Some(7));
    }
}
