//! Performance regression guard (adblock-rust keeps one like it): a short benchmark of engine
//! build and classification, divided by a calibration loop timed in the same process, compared
//! with the ratio recorded in `tests/perf_baseline.json`. A change that makes the engine
//! slower by more than the tolerance there fails `make test`.
//!
//! Why a ratio: CI and developers run on shared machines whose speed moves by ±30 % between
//! runs; a calibration loop (plain hashing, hash-map and byte-scanning work, like the engine's)
//! timed right before and after each measurement moves with it, so the ratio moves much less.
//! Each figure is the best of several rounds: interference only ever adds time.
//!
//! It runs with the other tests (`cargo test`, the test profile: the crate at opt-level 1, its
//! dependencies at 3, Cargo.toml), so it costs no build of its own: `cargo test --release`
//! cannot build the tests with the release profile's `panic = "abort"`, and a profile of its
//! own would build every dependency again in CI. What it catches is a change of the work the
//! engine does (an extra pass, a lost cache, a quadratic loop); effects of the optimiser alone
//! are `make bench`'s. Record a new baseline after a deliberate change of speed with
//! `REDFLAG_PERF_BASELINE=write cargo test --test perf_guard -- --nocapture`, and say why in
//! the commit.

// Native only: times the engine with the system clock.
#![cfg(not(target_arch = "wasm32"))]

use redflag::{Engine, Options};
use rustc_hash::FxHashMap;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const ROUNDS: usize = 21;

/// Deterministic work of the engine's kind: hashing words into a map, looking them up,
/// scanning bytes.
fn calibration(words: &[String]) -> u64 {
    let mut map: FxHashMap<&str, u32> = FxHashMap::default();
    let mut acc = 0u64;
    for (i, w) in words.iter().enumerate() {
        map.insert(w, i as u32);
    }
    for _ in 0..64 {
        for w in words {
            acc = acc.wrapping_add(u64::from(map.get(w.as_str()).copied().unwrap_or(0)));
            for &b in w.as_bytes() {
                acc = (acc.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
                if b == b' ' {
                    acc ^= 1;
                }
            }
        }
    }
    acc
}

fn best<T>(rounds: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// The figures: (engine build from the compiled document / calibration, classification of
/// the development corpus / calibration).
fn measure() -> (f64, f64) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = redflag::authoring::default_set().unwrap();
    let doc = serde_json::to_string(&set.to_document()).unwrap();
    let mut texts: Vec<String> = Vec::new();
    for f in redflag::authoring::layout::corpus_files(&root.join("rules")).unwrap() {
        for line in std::fs::read_to_string(f).unwrap().lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v["text"].as_str() {
                    texts.push(t.to_string());
                }
            }
        }
    }
    let words: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split_whitespace().map(str::to_string))
        .collect();
    let engine = Engine::from_json(&[("default", &doc)]).unwrap();
    let options = Options::default();
    let classify = || {
        (0..3)
            .map(|_| {
                texts
                    .iter()
                    .map(|t| engine.classify(t, &options).evidence.len())
                    .sum::<usize>()
            })
            .sum::<usize>()
    };
    classify(); // warm-up (the word cache fills)
    let (mut build, mut run, mut calib) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        calib = calib.min(best(1, || calibration(&words)));
        build = build.min(best(1, || Engine::from_json(&[("default", &doc)]).unwrap()));
        run = run.min(best(1, classify));
        calib = calib.min(best(1, || calibration(&words)));
    }
    let c = calib.as_secs_f64();
    eprintln!(
        "perf_guard: best of {ROUNDS}: calibration {:.1} ms, build {:.1} ms, classify {:.1} ms",
        c * 1e3,
        build.as_secs_f64() * 1e3,
        run.as_secs_f64() * 1e3
    );
    (build.as_secs_f64() / c, run.as_secs_f64() / c)
}

#[test]
fn engine_is_not_slower_than_the_baseline() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/perf_baseline.json");
    let (build, classify) = measure();
    eprintln!("perf_guard: build/calibration {build:.3}, classify/calibration {classify:.3}");
    if std::env::var("REDFLAG_PERF_BASELINE").as_deref() == Ok("write") {
        let old: serde_json::Value = std::fs::read_to_string(&path)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let tolerance = old["tolerance"].as_f64().unwrap_or(0.15);
        let doc = serde_json::json!({
            "build": (build * 1000.0).round() / 1000.0,
            "classify": (classify * 1000.0).round() / 1000.0,
            "tolerance": tolerance,
        });
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
        return;
    }
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let tolerance = baseline["tolerance"].as_f64().unwrap();
    let limit = |name: &str| baseline[name].as_f64().unwrap() * (1.0 + tolerance);
    // A burst of other work on the machine can still push one measurement over; a real
    // slowdown stays. So a figure over the limit is measured again, up to three times in all.
    let (mut build, mut classify) = (build, classify);
    for _ in 0..2 {
        if build <= limit("build") && classify <= limit("classify") {
            break;
        }
        let (b, c) = measure();
        eprintln!("perf_guard: again: build/calibration {b:.3}, classify/calibration {c:.3}");
        (build, classify) = (build.min(b), classify.min(c));
    }
    for (name, now) in [("build", build), ("classify", classify)] {
        let then = baseline[name].as_f64().unwrap();
        assert!(
            now <= limit(name),
            "engine {name} is {:.0} % slower than the baseline ({now:.3} vs {then:.3} times the \
             calibration loop, best of three measurements; tolerance {:.0} %). If the slowdown \
             is deliberate, record a new baseline (see tests/perf_guard.rs) and say why in the \
             commit.",
            (now / then - 1.0) * 100.0,
            tolerance * 100.0
        );
    }
}
