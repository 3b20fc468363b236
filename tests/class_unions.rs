//! Class unions in the TOML bundle format: a class member written `@other` stands for every
//! member of the class `other` of the same bundle (docs/BUNDLE_FORMAT.md, "Word classes").
//! These tests build engines from small bundles beside the project's own core.toml and check
//! that a phrase using a union matches the members of the classes it names, that adding a word
//! to a named class widens the union, that mistakes are errors with file, line and field, what
//! `lint` says, and that the compiled document lists plain members (its format is unchanged).

// Native only: reads TOML.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{engine, set_of};
use redflag::authoring::parse_toml;
use redflag::{Document, Engine, Options};

/// A Serbian bundle: `girls_any` is a union of `girls` and `girls_voc` (itself naming
/// `girls_old`) with one word of its own.
const BUNDLE: &str = r#"[bundle]
id = "xx"
title = "t"
version = "1"
languages = ["sr"]
licence = "x"
maintainer = "m"

[classes]
hire = ["tražimo", "potrebn*"]
girls = ["devojke", "dame"]
girls_old = ["cure", "ribice"]
girls_voc = ["@girls_old", "curice"]
girls_any = ["@girls", "@girls_voc", "devojčice"]

[[signal]]
id = "xx.girls"
family = "women_only"
phrases = ["@hire ~1 @girls_any"]
"#;

fn fires(e: &Engine, text: &str) -> bool {
    e.classify(text, &Options::default())
        .evidence
        .iter()
        .any(|ev| ev.signal == "xx.girls")
}

#[test]
fn a_union_matches_the_members_of_the_classes_it_names_nested_too() {
    let e = engine(BUNDLE);
    for text in [
        "Tražimo devojke",    // @girls
        "tražimo hitno dame", // @girls
        "potrebne curice",    // @girls_voc
        "Tražimo cure",       // @girls_old through @girls_voc
        "потребне рибице",    // the same in Serbian Cyrillic
        "tražimo devojčice",  // the union's own word
    ] {
        assert!(fires(&e, text), "{text}");
    }
    assert!(!fires(&e, "tražimo radnike"));
}

#[test]
fn a_word_added_to_a_named_class_widens_every_union_that_names_it() {
    let before = engine(BUNDLE);
    assert!(!fires(&before, "tražimo lepotice"));
    // one word added to the innermost class, nowhere else
    let widened = BUNDLE.replace(
        r#"girls_old = ["cure", "ribice"]"#,
        r#"girls_old = ["cure", "ribice", "lepotice"]"#,
    );
    let after = engine(&widened);
    assert!(fires(&after, "tražimo lepotice"));
    assert!(fires(&after, "Tražimo cure"));
}

#[test]
fn the_compiled_document_lists_plain_members_and_classifies_the_same() {
    let set = set_of(BUNDLE).unwrap();
    let doc = set.to_document();
    let xx = doc.bundles.iter().find(|b| b.bundle.id == "xx").unwrap();
    assert_eq!(
        xx.classes["girls_any"],
        ["devojke", "dame", "cure", "ribice", "curice", "devojčice"]
    );
    assert_eq!(xx.classes["girls_voc"], ["cure", "ribice", "curice"]);
    assert!(xx.classes.values().flatten().all(|m| !m.starts_with('@')));
    let json = serde_json::to_string(&doc).unwrap();
    let reread = Document::from_json("d.json", &json).unwrap();
    let e = Engine::new(&reread.into_set("d.json")).unwrap();
    assert!(fires(&e, "Tražimo cure") && !fires(&e, "tražimo radnike"));
    // a compiled document never holds a union: one written by hand is refused with the member
    let hand = json.replacen(
        r#""girls_voc":["cure","ribice","curice"]"#,
        r#""girls_voc":["@girls_old","curice"]"#,
        1,
    );
    assert_ne!(hand, json);
    let e = Engine::new(
        &Document::from_json("d.json", &hand)
            .unwrap()
            .into_set("d.json"),
    );
    let Err(err) = e else {
        panic!("a document naming a class in a class must be refused")
    };
    let err = err.to_string();
    assert!(
        err.contains("@girls_old") && err.contains("classes.girls_voc"),
        "{err}"
    );
}

#[test]
fn undefined_classes_and_cycles_are_errors_with_file_line_and_field() {
    // line 11 is `girls = …`
    let undefined = BUNDLE.replace(
        r#"girls = ["devojke", "dame"]"#,
        r#"girls = ["devojke", "@women"]"#,
    );
    let err = parse_toml("xx.toml", &undefined).unwrap_err();
    let p = &err.problems[0];
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(p.code, "unknown-class");
    assert_eq!(p.location.line, Some(11), "{err}");
    assert_eq!(p.location.field.as_deref(), Some("classes.girls"));
    assert!(err.to_string().starts_with("xx.toml:11"), "{err}");
    assert!(p.message.contains("@women"), "{err}");

    // girls_voc (line 13) → girls_old (line 12) → girls_voc: reported where it closes
    let cycle = BUNDLE.replace(
        r#"girls_old = ["cure", "ribice"]"#,
        r#"girls_old = ["cure", "@girls_voc"]"#,
    );
    let err = parse_toml("xx.toml", &cycle).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!(p.code, "class-cycle");
    assert_eq!(p.location.line, Some(12), "{err}");
    assert_eq!(p.location.field.as_deref(), Some("classes.girls_old"));
    assert!(
        p.message.contains("@girls_voc → @girls_old → @girls_voc"),
        "{err}"
    );

    // a class of another bundle cannot be named: classes belong to their bundle
    let other = BUNDLE
        .replace("id = \"xx\"", "id = \"yy\"")
        .replace("xx.girls", "yy.girls");
    let mut set = set_of(BUNDLE).unwrap();
    let across = other.replace(r#"girls = ["devojke", "dame"]"#, r#"girls = ["@hire_en"]"#);
    let err = parse_toml("yy.toml", &across).unwrap_err();
    assert_eq!(err.problems[0].code, "unknown-class");
    assert!(err.to_string().starts_with("yy.toml:11"), "{err}");
    set.extend(parse_toml("yy.toml", &other).unwrap());
    assert!(Engine::new(&set).is_ok());
}

#[test]
fn lint_counts_a_class_named_by_a_union_as_used_and_duplicates_only_when_literal() {
    let set = set_of(BUNDLE).unwrap();
    let problems: Vec<_> = set
        .check()
        .into_iter()
        .filter(|p| p.location.file == "xx.toml")
        .collect();
    // girls_old and girls_voc are named only by other classes: still used
    assert!(problems.is_empty(), "{problems:?}");

    // "dame" literally in the union and through @girls: no warning
    let through = BUNDLE.replace(r#""devojčice"]"#, r#""devojčice", "dame"]"#);
    let problems = set_of(&through).unwrap().check();
    assert!(
        !problems.iter().any(|p| p.code == "duplicate-phrase"),
        "{problems:?}"
    );
    // literally twice: the usual warning, at the class's line (14)
    let twice = BUNDLE.replace(r#""devojčice"]"#, r#""devojčice", "devojčice"]"#);
    let problems = set_of(&twice).unwrap().check();
    let dup: Vec<_> = problems
        .iter()
        .filter(|p| p.code == "duplicate-phrase")
        .collect();
    assert_eq!(dup.len(), 1, "{problems:?}");
    assert_eq!(dup[0].location.line, Some(14));
    assert_eq!(dup[0].location.field.as_deref(), Some("classes.girls_any"));

    // a class nothing names is still unused
    let unused = BUNDLE.replace("[classes]", "[classes]\ncity = [\"beograd\"]");
    let problems = set_of(&unused).unwrap().check();
    assert!(
        problems
            .iter()
            .any(|p| p.code == "unused-class" && p.message.contains("@city")),
        "{problems:?}"
    );
}
