//! `redflag lint`: everything a reviewer should know about a bundle set before merging:
//! schema errors with file, line and field; duplicate phrases; phrases that can never add
//! anything because a shorter phrase of the same family already covers them; stems too short
//! to be safe; support numbers nobody has confirmed.

use redflag::bundle::BundleSet;
use redflag::error::{Location, Problem, Severity};
use redflag::phrase::{self, Word};
use redflag::support::Status;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// A rules directory or bundle file (default: the built-in rules).
    dir: Option<PathBuf>,
}

/// Whether every text matched by `longer` is also matched by `shorter`.
fn covers(shorter: &[Word], longer: &[Word]) -> bool {
    if shorter.len() > longer.len() || shorter == longer {
        return false;
    }
    let word_covers = |q: &Word, p: &Word| {
        if q.stem {
            p.text.starts_with(&q.text)
        } else {
            !p.stem && p.text == q.text
        }
    };
    // a gap makes texts vary in length: only gap-free windows are compared
    if shorter.iter().any(|w| w.gap > 0) {
        return false;
    }
    (0..=longer.len() - shorter.len()).any(|off| {
        let window = &longer[off..off + shorter.len()];
        window[1..].iter().all(|w| w.gap == 0)
            && shorter.iter().zip(window).all(|(q, p)| word_covers(q, p))
    })
}

/// Phrases shadowed by another phrase of the same bundle and family with at least the same
/// weight and floor: removing them changes nothing.
pub fn shadowed(set: &BundleSet) -> Vec<Problem> {
    let mut out = Vec::new();
    for sb in &set.bundles {
        let b = &sb.bundle;
        let fam_weight = |fam: &str| {
            set.bundles
                .iter()
                .flat_map(|x| &x.bundle.families)
                .find(|f| f.id == fam)
                .and_then(|f| f.weight)
                .unwrap_or(0.0)
        };
        let mut all: Vec<(usize, &str, Vec<Word>)> = Vec::new();
        for (i, s) in b.signals.iter().enumerate() {
            for p in &s.phrases {
                if let Ok(w) = phrase::parse(p) {
                    all.push((i, p.as_str(), w));
                }
            }
        }
        for (i, p, pw) in &all {
            let s = &b.signals[*i];
            let sw = s.weight.unwrap_or_else(|| fam_weight(&s.family));
            let by = all.iter().find(|(j, _, qw)| {
                let t = &b.signals[*j];
                let tw = t.weight.unwrap_or_else(|| fam_weight(&t.family));
                t.family == s.family && tw >= sw && t.floor >= s.floor && covers(qw, pw)
            });
            if let Some((j, q, _)) = by {
                out.push(Problem {
                    severity: Severity::Warning,
                    location: Location {
                        file: sb.origin.file.clone(),
                        line: sb.origin.line_of_phrase(*i, p),
                        field: Some(format!("signal \"{}\".phrases", s.id)),
                    },
                    message: format!(
                        "\"{p}\" adds nothing: \"{q}\" (signal \"{}\", same family, same or higher weight) already matches every text it matches",
                        b.signals[*j].id
                    ),
                });
            }
        }
    }
    out
}

pub fn run(bundles: &super::Sources, args: &Args) -> i32 {
    let set = match super::load_set(bundles, args.dir.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            outln!("{e}");
            outln!(
                "\nlint: {} error(s); the files could not be read",
                e.problems.len()
            );
            return 1;
        }
    };
    let mut problems = set.check();
    problems.extend(shadowed(&set));
    problems.sort_by(|a, b| {
        (&a.location.file, a.location.line).cmp(&(&b.location.file, b.location.line))
    });
    for p in &problems {
        outln!("{p}");
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let unconfirmed: Vec<_> = set
        .support
        .iter()
        .filter(|s| {
            s.entry.status == Status::Unconfirmed
                && (s.entry.phone.is_some() || s.entry.sms.is_some())
        })
        .collect();
    if !unconfirmed.is_empty() {
        outln!("\nunconfirmed support numbers (confirm each on the organisation's own page before a release):");
        for s in &unconfirmed {
            outln!(
                "  {:<5} {:<24} {:<22} {}",
                s.entry.region,
                s.entry.id,
                s.entry
                    .phone
                    .as_deref()
                    .or(s.entry.sms.as_deref())
                    .unwrap_or(""),
                s.entry.name
            );
        }
    }
    let signals: usize = set.bundles.iter().map(|b| b.bundle.signals.len()).sum();
    let phrases: usize = set
        .bundles
        .iter()
        .flat_map(|b| &b.bundle.signals)
        .map(|s| s.phrases.len())
        .sum();
    outln!(
        "\nlint: {} bundle(s), {signals} signals, {phrases} phrases, {} support entries: {errors} error(s), {warnings} warning(s)",
        set.bundles.len(),
        set.support.len()
    );
    i32::from(errors > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_covers_longer_phrases_that_contain_it() {
        let p = |s: &str| phrase::parse(s).unwrap();
        assert!(covers(&p("девуш*"), &p("требуются девушки")));
        assert!(covers(&p("high pay"), &p("very high pay")));
        assert!(!covers(&p("high pay"), &p("high paying")));
        assert!(!covers(&p("девушки"), &p("девуш*")));
        assert!(!covers(&p("девуш*"), &p("девуш*")));
        assert!(!covers(&p("keep passport"), &p("keep ~ passport")));
        assert!(covers(&p("passport"), &p("keep ~ passport")));
    }
}
