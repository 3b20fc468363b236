//! `redflag eval`: measures a bundle set on corpora.
//!
//! Labelled lines (an `expect` level, `expect` `flag`/`clean`, or a `kind` of
//! `positive`/`hard_negative`): precision and
//! recall at ≥ `warning`, by language and by category, and the exact items that were missed or
//! flagged wrongly. Unlabelled lines (real text that should stay quiet): the share of posts at
//! each level, with the flagged ones listed for review. A table for people; `--json` for
//! scripts and tests.

use super::input::{self, Post};
use redflag::{Category, Engine, Level, Options, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// JSON-lines files (default: the corpus/*.jsonl files of every language folder of the
    /// rules directories given with --bundle, else of ./rules).
    files: Vec<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Print one Markdown table row per file (for docs/QUALITY.md).
    #[arg(long, conflicts_with = "json")]
    markdown: bool,
    /// Region for support entries (does not change levels).
    #[arg(long)]
    region: Option<String>,
    /// Compare with these (older) bundles: a rules directory, bundle file or compiled document.
    /// Lists every post whose level changed instead of the usual report.
    #[arg(long, value_name = "PATH")]
    baseline: Option<PathBuf>,
    /// How many flagged or missed items to list per file.
    #[arg(long, default_value_t = 15)]
    list: usize,
}

#[derive(Default, Serialize, Clone)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    fn add(&mut self, positive: bool, flagged: bool) {
        match (positive, flagged) {
            (true, true) => self.tp += 1,
            (true, false) => self.fn_ += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn precision(&self) -> Option<f64> {
        let d = self.tp + self.fp;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }
    pub fn recall(&self) -> Option<f64> {
        let d = self.tp + self.fn_;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }
}

#[derive(Serialize)]
struct Item {
    id: String,
    lang: String,
    expected: Option<Level>,
    level: Level,
    score: f64,
    evidence: Vec<String>,
}

#[derive(Default, Serialize)]
struct FileReport {
    file: String,
    items: usize,
    unreadable: usize,
    levels: BTreeMap<String, usize>,
    share_caution_or_more: f64,
    share_warning_or_more: f64,
    share_danger: f64,
    labelled: usize,
    overall: Counts,
    precision: Option<f64>,
    recall: Option<f64>,
    exact_level: usize,
    by_language: BTreeMap<String, Counts>,
    by_category: BTreeMap<String, Counts>,
    /// Positives below `warning`.
    missed: Vec<Item>,
    /// Negatives at `warning` or above.
    false_alarms: Vec<Item>,
    /// Unlabelled items at `caution` or above (first `--list` of them).
    flagged: Vec<Item>,
}

fn expected_level(p: &Post) -> Option<Level> {
    p.expect.as_deref().and_then(Level::parse).or_else(|| {
        p.label
            .as_ref()
            .and_then(|l| l.as_str())
            .and_then(Level::parse)
    })
}

/// Whether a labelled post is a positive (`kind` positive/hard_negative, or the real-text
/// labels `expect: flag` / `clean` of `../shared/corpora/labelled/`); `None` for unlabelled
/// posts (`expect: unlabelled`, or no label at all).
fn is_positive(p: &Post, expected: Option<Level>) -> Option<bool> {
    match p.expect.as_deref() {
        Some("flag") => return Some(true),
        Some("clean") => return Some(false),
        Some("unlabelled") => return None,
        _ => {}
    }
    match p.kind.as_deref() {
        Some("positive") => Some(true),
        Some("hard_negative") | Some("negative") => Some(false),
        _ => expected.map(|l| l >= Level::Warning),
    }
}

fn item(p: &Post, n: usize, expected: Option<Level>, v: &Verdict) -> Item {
    Item {
        id: p.name(n),
        lang: p.lang.clone().unwrap_or_default(),
        expected,
        level: v.level,
        score: v.score,
        evidence: v
            .evidence
            .iter()
            .map(|e| format!("{}:«{}»", e.family, e.text))
            .collect(),
    }
}

fn eval_file(engine: &Engine, path: &PathBuf, args: &Args) -> Result<FileReport, String> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let reader =
        input::open(Some(path)).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut r = FileReport {
        file: path.display().to_string(),
        ..Default::default()
    };
    let family_categories = |f: &str| -> Vec<Category> {
        engine
            .model()
            .families
            .iter()
            .find(|x| x.id == f)
            .map(|x| x.categories.clone())
            .unwrap_or_default()
    };
    let progress = size > 4 << 20;
    for (n, line) in input::lines(reader) {
        let line = line.map_err(|e| format!("{}:{n}: cannot read: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let post = match input::parse_json_line(&line) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("redflag eval: {}:{n}: {e}", path.display());
                r.unreadable += 1;
                continue;
            }
        };
        if progress && n % 5000 == 0 {
            eprintln!("redflag eval: {}: {n} lines…", path.display());
        }
        let region = post.region(engine, args.region.as_deref());
        let v = engine.classify(
            &post.text,
            &Options {
                region,
                ..Default::default()
            },
        );
        r.items += 1;
        *r.levels.entry(v.level.to_string()).or_default() += 1;
        let expected = expected_level(&post);
        let flagged = v.level >= Level::Warning;
        match is_positive(&post, expected) {
            Some(positive) => {
                r.labelled += 1;
                r.overall.add(positive, flagged);
                if expected == Some(v.level) {
                    r.exact_level += 1;
                }
                let lang = post.lang.clone().unwrap_or_else(|| "?".into());
                r.by_language
                    .entry(lang)
                    .or_default()
                    .add(positive, flagged);
                let mut cats: Vec<Category> = post
                    .families
                    .iter()
                    .flat_map(|f| family_categories(f))
                    .collect();
                if !positive {
                    cats = v.categories.clone();
                }
                cats.sort();
                cats.dedup();
                for c in cats {
                    r.by_category
                        .entry(c.to_string())
                        .or_default()
                        .add(positive, flagged);
                }
                if positive && !flagged {
                    r.missed.push(item(&post, n, expected, &v));
                } else if !positive && flagged {
                    r.false_alarms.push(item(&post, n, expected, &v));
                }
            }
            None => {
                if v.level >= Level::Caution && r.flagged.len() < args.list {
                    r.flagged.push(item(&post, n, None, &v));
                }
            }
        }
    }
    let share = |min: Level| {
        let k: usize = r
            .levels
            .iter()
            .filter(|(l, _)| Level::parse(l).is_some_and(|l| l >= min))
            .map(|(_, c)| c)
            .sum();
        if r.items == 0 {
            0.0
        } else {
            k as f64 / r.items as f64
        }
    };
    r.share_caution_or_more = share(Level::Caution);
    r.share_warning_or_more = share(Level::Warning);
    r.share_danger = share(Level::Danger);
    r.precision = r.overall.precision();
    r.recall = r.overall.recall();
    Ok(r)
}

fn pct(x: Option<f64>) -> String {
    x.map_or("—".into(), |v| format!("{:.3}", v))
}

fn print_table(r: &FileReport, list: usize) {
    outln!("== {} ({} items)", r.file, r.items);
    let lv = |l: &str| r.levels.get(l).copied().unwrap_or(0);
    outln!(
        "   levels: none {}  caution {}  warning {}  danger {}   | ≥caution {:.2}%  ≥warning {:.2}%  danger {:.2}%",
        lv("none"), lv("caution"), lv("warning"), lv("danger"),
        r.share_caution_or_more * 100.0, r.share_warning_or_more * 100.0, r.share_danger * 100.0
    );
    if r.labelled > 0 {
        let c = &r.overall;
        outln!(
            "   labelled {}: precision {}  recall {}  (tp {} fp {} fn {} tn {}; exact level {})",
            r.labelled,
            pct(c.precision()),
            pct(c.recall()),
            c.tp,
            c.fp,
            c.fn_,
            c.tn,
            r.exact_level
        );
        for (name, map) in [("language", &r.by_language), ("category", &r.by_category)] {
            for (k, c) in map {
                outln!(
                    "     {name:<8} {k:<20} precision {}  recall {}  (tp {} fp {} fn {} tn {})",
                    pct(c.precision()),
                    pct(c.recall()),
                    c.tp,
                    c.fp,
                    c.fn_,
                    c.tn
                );
            }
        }
    }
    for (title, items) in [
        ("missed (positive below warning)", &r.missed),
        (
            "false alarm (negative at warning or above)",
            &r.false_alarms,
        ),
        ("flagged (unlabelled, caution or above)", &r.flagged),
    ] {
        for it in items.iter().take(list) {
            outln!(
                "   {title}: {} [{}] {} (score {}) expected {} — {}",
                it.id,
                it.lang,
                it.level,
                it.score,
                it.expected.map_or("-".to_string(), |l| l.to_string()),
                it.evidence.join(", ")
            );
        }
    }
    if r.unreadable > 0 {
        outln!("   {} line(s) could not be read", r.unreadable);
    }
}

fn print_markdown(reports: &[FileReport]) {
    outln!("| file | items | positives | recall ≥ warning | precision | hard negatives ≥ warning | ≥ caution | ≥ warning | danger |");
    outln!("|---|---|---|---|---|---|---|---|---|");
    for r in reports {
        let name = r.file.rsplit('/').next().unwrap_or(&r.file);
        let c = &r.overall;
        let positives = c.tp + c.fn_;
        let labelled = r.labelled > 0;
        let cell = |v: String| if labelled { v } else { "—".to_string() };
        outln!(
            "| {name} | {} | {} | {} | {} | {} | {:.2} % | {:.2} % | {:.2} % |",
            r.items,
            cell(positives.to_string()),
            cell(pct(c.recall())),
            cell(pct(c.precision())),
            cell(c.fp.to_string()),
            r.share_caution_or_more * 100.0,
            r.share_warning_or_more * 100.0,
            r.share_danger * 100.0
        );
    }
}

/// The corpus files of the language folders: of the `--bundle` directories, or of `./rules`
/// (the project folder) when none is given.
fn default_corpus(bundles: &super::Sources) -> Result<Vec<PathBuf>, String> {
    let mut dirs: Vec<PathBuf> = bundles
        .bundles
        .iter()
        .filter(|p| p.is_dir())
        .cloned()
        .collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from("rules"));
    }
    let mut files = Vec::new();
    for d in &dirs {
        files.extend(
            redflag::authoring::layout::corpus_files(d)
                .map_err(|e| format!("{}: cannot read: {e}", d.display()))?,
        );
    }
    if files.is_empty() {
        return Err(format!(
            "no JSON-lines files given, and no corpus files in {}/languages/*/corpus/",
            dirs[0].display()
        ));
    }
    Ok(files)
}

pub fn run(bundles: &super::Sources, args: &Args) -> i32 {
    let Some((_, engine)) = super::load_engine(bundles, None) else {
        return 2;
    };
    let defaulted;
    let args = if args.files.is_empty() {
        match default_corpus(bundles) {
            Ok(files) => {
                defaulted = Args {
                    files,
                    json: args.json,
                    markdown: args.markdown,
                    region: args.region.clone(),
                    baseline: args.baseline.clone(),
                    list: args.list,
                };
                &defaulted
            }
            Err(e) => {
                eprintln!("redflag eval: {e}");
                return 2;
            }
        }
    } else {
        args
    };
    if let Some(base) = &args.baseline {
        let old_sources = super::Sources {
            bundles: vec![base.clone()],
            trusted: bundles.trusted.clone(),
        };
        let Some((_, old)) = super::load_engine(&old_sources, None) else {
            return 2;
        };
        let region = args.region.as_deref();
        return super::eval_baseline::run(&old, &engine, &args.files, region, args.json, args.list);
    }
    let mut reports = Vec::new();
    for f in &args.files {
        match eval_file(&engine, f, args) {
            Ok(r) => reports.push(r),
            Err(e) => {
                eprintln!("redflag eval: {e}");
                return 2;
            }
        }
    }
    if args.markdown {
        print_markdown(&reports);
    } else if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "files": reports })).unwrap()
        );
    } else {
        for r in &reports {
            print_table(r, args.list);
        }
    }
    i32::from(reports.iter().any(|r| r.unreadable > 0))
}
