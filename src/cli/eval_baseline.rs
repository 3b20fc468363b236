//! `redflag eval --baseline OLD FILE…`: what a rule edit changes, before it is merged.
//!
//! Runs the old bundles (a rules directory, a bundle file or a compiled document — e.g. a
//! checkout of `main`) and the new ones over the same corpora and lists every post whose
//! verdict moved: newly flagged, no longer flagged, other level changes. For labelled posts it
//! says whether the move is right (towards the expected level) or wrong, so a reviewer sees the
//! effect of an edit at a glance.

use super::input;
use redflag::{Engine, Level, Options, Verdict};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Serialize)]
struct Change {
    file: String,
    id: String,
    before: Level,
    after: Level,
    expected: Option<Level>,
    /// `better`, `worse` or `unlabelled`.
    judgement: &'static str,
    /// Risk signs present after and not before, and the other way round.
    gained: Vec<String>,
    lost: Vec<String>,
    text: String,
}

fn signs(v: &Verdict) -> Vec<String> {
    v.evidence
        .iter()
        .map(|e| format!("{}:«{}»", e.family, e.text))
        .collect()
}

fn judge(before: Level, after: Level, expected: Option<Level>) -> &'static str {
    let Some(want) = expected else {
        return "unlabelled";
    };
    let dist = |l: Level| (l as i32 - want as i32).abs();
    // what matters most is the warning line: crossing it the right way is better
    let flagged_right = |l: Level| (l >= Level::Warning) == (want >= Level::Warning);
    match (flagged_right(before), flagged_right(after)) {
        (false, true) => "better",
        (true, false) => "worse",
        _ if dist(after) < dist(before) => "better",
        _ if dist(after) > dist(before) => "worse",
        _ => "same distance",
    }
}

/// Compares `old` and `new` on `files`; prints the changes; returns the exit code.
pub fn run(
    old: &Engine,
    new: &Engine,
    files: &[PathBuf],
    region: Option<&str>,
    json: bool,
    list: usize,
) -> i32 {
    let mut changes: Vec<Change> = Vec::new();
    let mut total = 0usize;
    for path in files {
        let reader = match input::open(Some(path)) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("redflag eval: cannot open {}: {e}", path.display());
                return 2;
            }
        };
        for (n, line) in input::lines(reader) {
            let Ok(line) = line else { continue };
            if line.trim().is_empty() {
                continue;
            }
            let Ok(post) = input::parse_json_line(&line) else {
                eprintln!(
                    "redflag eval: {}:{n}: not a JSON object with a \"text\" field",
                    path.display()
                );
                continue;
            };
            total += 1;
            let opts = Options {
                region: post.region(new, region),
                ..Default::default()
            };
            let (a, b) = (
                old.classify(&post.text, &opts),
                new.classify(&post.text, &opts),
            );
            if a.level == b.level {
                continue;
            }
            let expected = post.expect.as_deref().and_then(Level::parse);
            let (sa, sb) = (signs(&a), signs(&b));
            changes.push(Change {
                file: path.display().to_string(),
                id: post.name(n),
                before: a.level,
                after: b.level,
                expected,
                judgement: judge(a.level, b.level, expected),
                gained: sb.iter().filter(|s| !sa.contains(s)).cloned().collect(),
                lost: sa.iter().filter(|s| !sb.contains(s)).cloned().collect(),
                text: post.text.chars().take(160).collect(),
            });
        }
    }
    let newly: Vec<&Change> = changes
        .iter()
        .filter(|c| c.after >= Level::Warning && c.before < Level::Warning)
        .collect();
    let no_longer: Vec<&Change> = changes
        .iter()
        .filter(|c| c.before >= Level::Warning && c.after < Level::Warning)
        .collect();
    let other: Vec<&Change> = changes
        .iter()
        .filter(|c| (c.after >= Level::Warning) == (c.before >= Level::Warning))
        .collect();
    let worse = changes.iter().filter(|c| c.judgement == "worse").count();
    let better = changes.iter().filter(|c| c.judgement == "better").count();
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "posts": total, "changed": changes.len(), "better": better, "worse": worse,
                "newly_flagged": newly, "no_longer_flagged": no_longer, "other_changes": other,
            }))
            .unwrap()
        );
        return 0;
    }
    outln!(
        "{total} posts: {} changed level ({} newly flagged at >= warning, {} no longer flagged, {} other changes); labelled: {better} better, {worse} worse",
        changes.len(), newly.len(), no_longer.len(), other.len()
    );
    for (title, group) in [
        ("newly flagged", &newly),
        ("no longer flagged", &no_longer),
        ("level changed", &other),
    ] {
        if group.is_empty() {
            continue;
        }
        outln!("\n{title}:");
        for c in group.iter().take(list) {
            let exp = c.expected.map_or(String::new(), |e| {
                format!(", expected {e}: {}", c.judgement)
            });
            outln!(
                "  {} {}: {} -> {}{exp}",
                c.file.rsplit('/').next().unwrap_or(&c.file),
                c.id,
                c.before,
                c.after
            );
            outln!("      {}", c.text.replace('\n', " ⏎ "));
            if !c.gained.is_empty() {
                outln!("      + {}", c.gained.join(", "));
            }
            if !c.lost.is_empty() {
                outln!("      - {}", c.lost.join(", "));
            }
        }
        if group.len() > list {
            outln!("  … and {} more (--list N shows more)", group.len() - list);
        }
    }
    0
}
