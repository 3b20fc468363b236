//! Quality on corpora, measured with `redflag eval` exactly as contributors run it.
//!
//! - `rules/languages/*/corpus/*.jsonl` (our labelled development corpus, one file per locale,
//!   in each language's folder; found by listing the folders, as `redflag eval` does): recall of
//!   positives at ≥ `warning` of at least 0.95 per locale, and no hard negative at ≥ `warning`.
//! - `../shared/corpora/*.jsonl` (real text nobody here wrote): at most 0.1 % of posts at
//!   ≥ `warning` and at most 1 % at ≥ `caution` per file; the EMSCAD scam file never at
//!   `danger`. Skipped, with a message, when the folder is absent.

// Native only: runs the CLI / uses proptest, neither of which exists on wasm32.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

fn eval(files: &[PathBuf]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .arg("eval")
        .arg("--json")
        .arg("--list")
        .arg("50")
        .args(files)
        .output()
        .expect("redflag eval runs");
    assert!(
        out.status.success(),
        "eval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("eval --json prints JSON")
}

/// The development corpus of every language folder.
fn development_corpus() -> Vec<PathBuf> {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    redflag::authoring::layout::corpus_files(&rules).expect("rules/languages is readable")
}

fn jsonl_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "jsonl"));
    v.sort();
    v
}

#[test]
fn development_corpus_recall_and_hard_negatives() {
    let files = development_corpus();
    assert!(
        files.len() >= 2,
        "rules/languages/*/corpus/ has the labelled corpus"
    );
    let report = eval(&files);
    let mut failures = Vec::new();
    for r in report["files"].as_array().unwrap() {
        let file = r["file"].as_str().unwrap();
        let labelled = r["labelled"].as_u64().unwrap();
        assert!(
            labelled >= 40,
            "{file}: at least 40 labelled items, found {labelled}"
        );
        let recall = r["recall"].as_f64().unwrap_or(0.0);
        eprintln!(
            "{file}: recall {recall:.3} at >= warning, precision {:?}",
            r["precision"]
        );
        if recall < 0.95 {
            let missed: Vec<String> = r["missed"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| format!("{} ({} {})", m["id"], m["level"], m["score"]))
                .collect();
            failures.push(format!(
                "{file}: recall {recall:.3} < 0.95; missed: {}",
                missed.join(", ")
            ));
        }
        for fa in r["false_alarms"].as_array().unwrap() {
            failures.push(format!(
                "{file}: hard negative {} at {} (score {}): {}",
                fa["id"], fa["level"], fa["score"], fa["evidence"]
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn real_text_corpora_stay_quiet() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let files = jsonl_in(&dir);
    if files.is_empty() {
        eprintln!(
            "SKIPPED: {} not found; the false-alarm measurement needs ../shared/corpora",
            dir.display()
        );
        return;
    }
    let report = eval(&files);
    let mut failures = Vec::new();
    for r in report["files"].as_array().unwrap() {
        let file = r["file"].as_str().unwrap();
        let (c, w, d) = (
            r["share_caution_or_more"].as_f64().unwrap(),
            r["share_warning_or_more"].as_f64().unwrap(),
            r["share_danger"].as_f64().unwrap(),
        );
        eprintln!(
            "{file}: {} posts, >=caution {:.3}%, >=warning {:.3}%, danger {:.3}%",
            r["items"],
            c * 100.0,
            w * 100.0,
            d * 100.0
        );
        if w > 0.001 {
            failures.push(format!(
                "{file}: {:.3}% at >= warning (max 0.1%): {}",
                w * 100.0,
                r["flagged"]
            ));
        }
        if c > 0.01 {
            failures.push(format!(
                "{file}: {:.3}% at >= caution (max 1%): {}",
                c * 100.0,
                r["flagged"]
            ));
        }
        if file.contains("emscad") && d > 0.0 {
            failures.push(format!(
                "{file}: a money scam reached danger: {}",
                r["flagged"]
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn development_corpus_covers_every_family_and_evasion() {
    const FAMILIES: [&str; 15] = [
        "recruiter_bounty",
        "exposure_threat",
        "women_only",
        "high_pay",
        "abroad",
        "travel_paid",
        "control",
        "informal",
        "euphemism",
        "sexual_services",
        "photos",
        "anonymous_contact",
        "reassurance",
        "minors",
        "image_abuse",
    ];
    const EVASIONS: [&str; 8] = [
        "homoglyph",
        "spacing",
        "zero_width",
        "leet",
        "emoji",
        "transliteration",
        "misspelling",
        "glued",
    ];
    let files = development_corpus();
    let mut total = 0;
    let mut evasion_locales: std::collections::HashMap<&str, usize> = Default::default();
    for f in &files {
        let rows: Vec<serde_json::Value> = std::fs::read_to_string(f)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        total += rows.len();
        assert!(
            rows.len() >= 40,
            "{name}: {} items, at least 40",
            rows.len()
        );
        let negatives = rows.iter().filter(|r| r["kind"] == "hard_negative").count();
        let share = negatives as f64 / rows.len() as f64;
        assert!(
            (0.4..=0.6).contains(&share),
            "{name}: {negatives} hard negatives of {}",
            rows.len()
        );
        for fam in FAMILIES {
            let present = rows.iter().any(|r| {
                r["kind"] == "positive"
                    && r["families"].as_array().unwrap().iter().any(|x| x == fam)
            });
            assert!(present, "{name}: no positive with family {fam}");
        }
        for ev in EVASIONS {
            if rows
                .iter()
                .any(|r| r["kind"] == "positive" && r["evasion"] == ev)
            {
                *evasion_locales.entry(ev).or_default() += 1;
            }
        }
    }
    assert!(total >= 320, "{total} items in all, at least 320");
    for ev in EVASIONS {
        let n = evasion_locales.get(ev).copied().unwrap_or(0);
        assert!(n >= 2, "evasion {ev} appears in {n} locale(s), at least 2");
    }
}

#[test]
fn every_language_folder_has_a_corpus() {
    // a folder without one would be measured by nothing above
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let langs = redflag::authoring::layout::language_dirs(&rules).unwrap();
    assert!(langs.len() >= 7, "{langs:?}");
    let corpus = development_corpus();
    for dir in langs {
        assert!(
            corpus.iter().any(|f| f.starts_with(&dir)),
            "{}: no corpus/*.jsonl (at least 40 labelled posts; see docs/CORPUS_FORMAT.md)",
            dir.display()
        );
    }
}
