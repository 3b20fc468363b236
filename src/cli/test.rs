//! `redflag test`: runs every `[[example]]` of every bundle and shows expected vs actual, like
//! the regression lists of filter-list projects. A failing example shows what fired.

use redflag::Options;
use serde::Serialize;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// A rules directory or bundle file (default: the built-in rules).
    dir: Option<PathBuf>,
    /// Also list the examples that pass.
    #[arg(long, short)]
    verbose: bool,
    /// Print one JSON object instead of the report: `{"passed", "failed", "failures":
    /// [{"file", "line", "text", "expected", "got"}]}`. Same exit status.
    #[arg(long)]
    json: bool,
}

/// A failing example in the `--json` report.
#[derive(Serialize)]
struct Failure<'a> {
    file: &'a str,
    line: Option<usize>,
    text: &'a str,
    /// The expectation in words (`danger`, `>= warning`, `<= caution`).
    expected: String,
    /// The level the engine gave.
    got: redflag::Level,
}

#[derive(Serialize)]
struct Report<'a> {
    passed: usize,
    failed: usize,
    failures: Vec<Failure<'a>>,
}

pub fn run(bundles: &super::Sources, args: &Args) -> i32 {
    let Some((set, engine)) = super::load_engine(bundles, args.dir.as_ref()) else {
        return 2;
    };
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut failures = Vec::new();
    for sb in &set.bundles {
        for (i, ex) in sb.bundle.examples.iter().enumerate() {
            let v = engine.classify(&ex.text, &Options::default());
            let ok = ex.accepts(v.level);
            let line = sb.origin.line_of("example", Some(i), Some("text"));
            if ok {
                passed += 1;
            } else {
                failed += 1;
                failures.push(Failure {
                    file: &sb.origin.file,
                    line,
                    text: &ex.text,
                    expected: ex.expectation(),
                    got: v.level,
                });
            }
            if args.json || (ok && !args.verbose) {
                continue;
            }
            let mark = if ok { "ok  " } else { "FAIL" };
            let at = line.map_or(String::new(), |l| format!(":{l}"));
            outln!(
                "{mark} {}{at} [{}] example {}",
                sb.origin.file,
                sb.bundle.bundle.id,
                i + 1
            );
            if !ok {
                outln!("     expected: {}", ex.expectation());
                outln!("     actual:   {} (score {})", v.level, v.score);
                outln!("     text:     {}", ex.text.replace('\n', " ⏎ "));
                if let Some(n) = &ex.note {
                    outln!("     note:     {n}");
                }
                for e in &v.evidence {
                    outln!("     fired:    {} «{}» ({})", e.family, e.text, e.signal);
                }
                for e in &v.dampeners {
                    outln!("     lowered:  {} «{}» ({})", e.family, e.text, e.signal);
                }
                outln!(
                    "     see:      redflag explain {:?}",
                    ex.text.chars().take(60).collect::<String>()
                );
            }
        }
    }
    if args.json {
        let report = Report {
            passed,
            failed,
            failures,
        };
        outln!(
            "{}",
            serde_json::to_string(&report).expect("reports serialize")
        );
    } else {
        outln!("{passed} passed, {failed} failed");
    }
    i32::from(failed > 0)
}
