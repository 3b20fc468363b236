//! Native throughput of the redflag engine: `bench-native BUNDLE.json TEXTS.jsonl [PASSES]`.
//! Builds the engine from the compiled bundle document (what the extension ships), then
//! classifies every `text` of the JSON lines file in batches of 40 (the extension's batch
//! size), PASSES times, and prints one JSON object: engine creation, MB/s (UTF-8 bytes of the
//! texts, best and median pass), per-post µs (median, p99; each post classified alone) and
//! the number of verdicts at each level (checked against the CLI by bench/run.mjs).
use redflag::{Engine, Options};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench-native BUNDLE.json TEXTS.jsonl [PASSES]");
        std::process::exit(2);
    }
    let bundle = std::fs::read_to_string(&args[1]).expect("read bundle");
    let passes: usize = args.get(3).and_then(|p| p.parse().ok()).unwrap_or(5);
    let texts: Vec<String> = std::fs::read_to_string(&args[2])
        .expect("read texts")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["text"].as_str().expect("text field").to_string()
        })
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();

    let mut create_ms = Vec::new();
    let mut engine = None;
    for _ in 0..5 {
        let t = Instant::now();
        let e = Engine::from_json(&[("default bundle", bundle.as_str())]).expect("engine");
        create_ms.push(t.elapsed().as_secs_f64() * 1e3);
        engine = Some(e);
    }
    let engine = engine.unwrap();
    // the prebuilt tables shipped next to the document (bundles/default.tables), if there
    let tables = std::fs::read(args[1].replace(".json", ".tables")).ok();
    let mut tables_ms = Vec::new();
    if let Some(t) = &tables {
        for _ in 0..5 {
            let s = Instant::now();
            let (e, refused) = Engine::from_json_with_tables(&[("default bundle", bundle.as_str())], Some(t))
                .expect("engine");
            tables_ms.push(s.elapsed().as_secs_f64() * 1e3);
            assert!(refused.is_none() && e.info().prebuilt, "tables refused: {refused:?}");
        }
        tables_ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    }
    let options = Options::default();

    // Warm-up pass, then timed passes.
    let mut levels = [0usize; 4];
    for v in texts.chunks(40).flat_map(|c| engine.classify_batch(c, &options)) {
        levels[v.level as usize] += 1;
    }
    let mut pass_s = Vec::new();
    for _ in 0..passes {
        let t = Instant::now();
        let mut n = 0usize;
        for chunk in texts.chunks(40) {
            n += engine.classify_batch(chunk, &options).len();
        }
        pass_s.push(t.elapsed().as_secs_f64());
        assert_eq!(n, texts.len());
    }
    let mut per_post_us: Vec<f64> = texts
        .iter()
        .map(|t| {
            let s = Instant::now();
            let v = engine.classify(t, &options);
            std::hint::black_box(&v);
            s.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    per_post_us.sort_by(|a, b| a.partial_cmp(b).unwrap());
    create_ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    pass_s.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let q = |v: &[f64], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    let mb = bytes as f64 / 1e6;
    let out = serde_json::json!({
        "posts": texts.len(),
        "bytes": bytes,
        "passes": passes,
        "engine_create_ms_median": q(&create_ms, 0.5),
        "engine_create_ms_min": create_ms[0],
        "engine_from_tables_ms_median": tables_ms.get(tables_ms.len() / 2),
        "mb_s_best": mb / pass_s[0],
        "mb_s_median": mb / q(&pass_s, 0.5),
        "us_per_post_median": q(&per_post_us, 0.5),
        "us_per_post_p99": q(&per_post_us, 0.99),
        "levels": {"none": levels[0], "caution": levels[1], "warning": levels[2], "danger": levels[3]},
    });
    println!("{out}");
}
