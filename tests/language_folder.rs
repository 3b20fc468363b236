//! Adding a language is one folder: `rules/languages/<code>/`. In a copy of `rules/` this test
//! adds a small Macedonian folder (language.toml, bundle.toml with one signal and examples, a
//! web-only support entry, ui.json, a corpus file) and checks that `redflag lint`, `test`,
//! `eval` and `compile` pick it up with no other file edited; that the template folder is
//! skipped, and valid once copied; that the built-in rules are exactly the folders' files; and
//! that mistakes in a language folder are reported with file, line and field.

// Native only: runs the CLI.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MACEDONIAN_AD: &str =
    "Бараме девојки 18-25 за работа во странство, сместување и карти платени";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redflag"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("redflag runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A fresh copy of the project's `rules/` in `<tmp>/<name>/rules`; returns `<tmp>/<name>`.
fn project_copy(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("redflag-lang-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    copy_dir(&root().join("rules"), &d.join("rules"));
    d
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The Macedonian folder a contributor would write (nothing outside it is touched).
fn add_macedonian(rules: &Path) {
    let mk = rules.join("languages/mk");
    write(
        &mk.join("language.toml"),
        "code = \"mk\"\nname = \"Macedonian\"\nnative_name = \"Македонски\"\nregions = [\"MK\"]\ndefault_region = \"MK\"\nui_fallback = \"sr-Latn\"\n",
    );
    write(
        &mk.join("bundle.toml"),
        r#"[bundle]
id = "mk"
title = "Macedonian: test"
version = "1"
languages = ["mk"]
licence = "CC-BY-4.0"
maintainer = "test"

[[signal]]
id = "mk.abroad_girls"
family = "abroad"
floor = "warning"
phrases = ["девојки # # за работа во странство"]

[[example]]
text = "Бараме девојки 18-25 за работа во странство, сместување и карти платени"
at_least = "warning"

[[example]]
text = "Бараме сметководител со договор за работа во Скопје"
at_most = "none"
"#,
    );
    write(
        &mk.join("support.toml"),
        r#"[[service]]
id = "mk-test-web"
region = "MK"
name = "Test organisation"
helps = ["recruitment", "trafficking_abroad"]
web = "https://example.org/"
languages = ["mk"]
source = "test"
status = "web_only"
confirmed = "2026-11-21"
"#,
    );
    write(
        &mk.join("ui.json"),
        "{\n  \"hide\": \"Сокриј\",\n  \"why\": \"Зошто?\"\n}\n",
    );
    write(
        &mk.join("corpus/mk.jsonl"),
        &format!(
            "{}\n{}\n",
            serde_json::json!({"id": "mk-001", "lang": "mk", "kind": "positive", "expect": "warning", "families": ["abroad"], "evasion": null, "text": MACEDONIAN_AD, "note": "test"}),
            serde_json::json!({"id": "mk-002", "lang": "mk", "kind": "hard_negative", "expect": "none", "families": [], "evasion": null, "text": "Бараме сметководител со договор за работа во Скопје", "note": "test"}),
        ),
    );
}

fn count(text: &str, re_prefix: &str) -> usize {
    // "lint: 9 bundle(s), ..." -> 9
    text.lines()
        .find_map(|l| l.split_once(re_prefix).map(|(_, rest)| rest))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {re_prefix:?} in {text}"))
}

#[test]
fn a_new_language_folder_is_picked_up_by_every_command() {
    let before = project_copy("before");
    let d = project_copy("mk");
    let rules = d.join("rules");
    add_macedonian(&rules);
    let rules_arg = rules.to_str().unwrap();

    // lint: one bundle more, no errors
    let base = run(&before, &["--bundle", "rules", "lint"]);
    let o = run(&d, &["--bundle", rules_arg, "lint"]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("0 error(s)"), "{}", out(&o));
    assert_eq!(count(&out(&o), "lint: "), count(&out(&base), "lint: ") + 1);

    // test: the folder's two examples run (and pass)
    let base = run(&before, &["--bundle", "rules", "test"]);
    let o = run(&d, &["--bundle", rules_arg, "test"]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    let passed = |s: &str| {
        s.lines()
            .find(|l| l.contains(" passed, "))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap()
    };
    assert_eq!(passed(&out(&o)), passed(&out(&base)) + 2, "{}", out(&o));

    // eval with no files: the corpus of every folder, the new one included, measured with
    // the new folder's phrases (--bundle) ...
    let o = run(&d, &["--bundle", rules_arg, "eval", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let report: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let mk = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["file"]
                .as_str()
                .unwrap()
                .ends_with("languages/mk/corpus/mk.jsonl")
        })
        .unwrap_or_else(|| panic!("mk corpus not evaluated: {files:?}"));
    assert_eq!(mk["labelled"], 2);
    assert_eq!(mk["recall"], 1.0, "{mk}");
    assert_eq!(mk["false_alarms"].as_array().unwrap().len(), 0);
    assert!(files
        .iter()
        .any(|f| f.ends_with("languages/sr/corpus/sr-cyrl.jsonl")));
    // ... and in the project folder with the built-in rules (./rules), which do not know
    // Macedonian yet: the corpus is found, the positive is missed
    let o = run(&d, &["eval", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let report: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let mk = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "rules/languages/mk/corpus/mk.jsonl")
        .expect("eval with no arguments reads ./rules/languages/*/corpus");
    assert_eq!(mk["recall"], 0.0, "{mk}");

    // compile (DIR argument and --bundle): the bundle and the support entry are in the document
    for args in [
        vec!["compile", rules_arg],
        vec!["--bundle", rules_arg, "compile"],
    ] {
        let o = run(&d, &args);
        assert!(o.status.success(), "{}", err(&o));
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(doc["bundles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["bundle"]["id"] == "mk"));
        assert!(doc["support"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "mk-test-web"));
    }

    // and the new phrases classify, with the folder's support entry for region MK
    let o = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(["--bundle", rules_arg, "scan", "--region", "MK"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all(MACEDONIAN_AD.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["level"], "warning", "{v}");
    assert!(
        v["support"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "mk-test-web"),
        "{v}"
    );
}

#[test]
fn the_built_in_rules_are_every_language_folder() {
    // build.rs embeds what the folders hold: the same bundles and entries as reading rules/
    let embedded = redflag::authoring::default_set().unwrap();
    let read = redflag::authoring::load_paths(&[root().join("rules")], &[]).unwrap();
    let ids = |s: &redflag::BundleSet| {
        let mut b: Vec<String> = s
            .bundles
            .iter()
            .map(|b| b.bundle.bundle.id.clone())
            .collect();
        let mut e: Vec<String> = s.support.iter().map(|e| e.entry.id.clone()).collect();
        b.sort();
        e.sort();
        (b, e)
    };
    assert_eq!(ids(&embedded), ids(&read));
    let langs = redflag::authoring::layout::language_dirs(&root().join("rules")).unwrap();
    assert!(langs.len() >= 7, "{langs:?}");
    for dir in &langs {
        let code = dir.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            embedded
                .bundles
                .iter()
                .any(|b| b.origin.file == format!("rules/languages/{code}/bundle.toml")),
            "{code} is built in"
        );
    }
    assert!(
        !embedded
            .bundles
            .iter()
            .any(|b| b.origin.file.contains("_template")),
        "the template is skipped"
    );
}

#[test]
fn the_template_copied_as_it_is_loads_and_changes_nothing() {
    let d = project_copy("template");
    let rules = d.join("rules");
    copy_dir(
        &rules.join("languages/_template"),
        &rules.join("languages/xx"),
    );
    let o = run(&d, &["--bundle", "rules", "lint"]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("0 error(s)"), "{}", out(&o));
    let o = run(&d, &["--bundle", "rules", "test"]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    // same verdict on a risky text with and without the copied template
    let scan = |rules: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_redflag"))
            .current_dir(&d)
            .args(["--bundle", rules, "scan"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        c.stdin
            .take()
            .unwrap()
            .write_all(b"Only girls 18-23, high pay every day, send photos in DM\n")
            .unwrap();
        String::from_utf8(c.wait_with_output().unwrap().stdout).unwrap()
    };
    assert_eq!(scan("rules"), scan(root().join("rules").to_str().unwrap()));
}

#[test]
fn mistakes_in_a_language_folder_name_file_line_and_field() {
    let d = project_copy("broken");
    let rules = d.join("rules");
    add_macedonian(&rules);
    let mk = rules.join("languages/mk");
    // the code is not the folder's name; a region that is not a region
    write(
        &mk.join("language.toml"),
        "code = \"mkd\"\nname = \"Macedonian\"\nnative_name = \"Македонски\"\nregions = [\"mk\"]\nui_fallback = \"en\"\n",
    );
    let o = run(&d, &["--bundle", "rules", "lint"]);
    assert!(!o.status.success());
    let all = format!("{}{}", out(&o), err(&o));
    assert!(
        all.contains("rules/languages/mk/language.toml:1: code: error: \"mkd\" must be the name of the folder"),
        "{all}"
    );
    assert!(
        all.contains(
            "rules/languages/mk/language.toml:4: regions: error: \"mk\" is not a region code"
        ),
        "{all}"
    );
    // an unknown field
    write(
        &mk.join("language.toml"),
        "code = \"mk\"\nname = \"Macedonian\"\nnative_name = \"Македонски\"\nregion = [\"MK\"]\n",
    );
    let all = {
        let o = run(&d, &["--bundle", "rules", "lint"]);
        format!("{}{}", out(&o), err(&o))
    };
    assert!(all.contains("rules/languages/mk/language.toml:4"), "{all}");
    assert!(all.contains("region"), "{all}");
    // a support entry for a region the folder does not list
    write(
        &mk.join("language.toml"),
        "code = \"mk\"\nname = \"Macedonian\"\nnative_name = \"Македонски\"\nregions = [\"AL\"]\n",
    );
    let all = {
        let o = run(&d, &["--bundle", "rules", "lint"]);
        format!("{}{}", out(&o), err(&o))
    };
    assert!(
        all.contains("rules/languages/mk/support.toml:3: service[0] \"mk-test-web\".region: error: \"MK\" is not among this language's regions"),
        "{all}"
    );
    // a misspelt file name would be ignored silently: it is an error
    write(
        &mk.join("language.toml"),
        "code = \"mk\"\nname = \"Macedonian\"\nnative_name = \"Македонски\"\nregions = [\"MK\"]\n",
    );
    std::fs::rename(mk.join("bundle.toml"), mk.join("bundles.toml")).unwrap();
    let all = {
        let o = run(&d, &["--bundle", "rules", "lint"]);
        format!("{}{}", out(&o), err(&o))
    };
    assert!(
        all.contains("rules/languages/mk/bundles.toml: error: not a file redflag reads"),
        "{all}"
    );
    assert!(
        all.contains("rules/languages/mk/bundle.toml: error: missing"),
        "{all}"
    );
}
