//! `redflag lint`: everything a reviewer should know about a bundle set before merging:
//! schema errors with file, line and field; duplicate phrases; phrases that can never add
//! anything because a shorter phrase of the same family already covers them; stems too short
//! to be safe; support numbers nobody has confirmed (`--region XX --deny-unconfirmed`: an error
//! for the entries a release for region XX shows). `--json` for scripts: every problem with its
//! stable code, so no script matches message text.

use redflag::bundle::{BundleSet, SourcedEntry};
use redflag::error::{Location, Problem, Severity};
use redflag::phrase::{self, Word};
use redflag::support::Status;
use serde::Serialize;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// A rules directory or bundle file (default: the built-in rules).
    dir: Option<PathBuf>,
    /// Print one JSON object instead of the report: `{"errors", "warnings", "problems":
    /// [{"code", "severity", "file", "line", "field", "message"}]}`. Same exit status.
    #[arg(long)]
    json: bool,
    /// Only the support entries shown for this region (its own and the international ones)
    /// in the list of unconfirmed numbers.
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// With --region: an unconfirmed support entry shown for the region is an error
    /// (`unconfirmed-for-region`): a release for that region must not ship it.
    #[arg(long, requires = "region")]
    deny_unconfirmed: bool,
    /// With --deny-unconfirmed: this entry (its id) may stay unconfirmed, knowingly; it is
    /// listed as a warning. Repeatable.
    #[arg(long, value_name = "ID", requires = "deny_unconfirmed")]
    allow_unconfirmed: Vec<String>,
}

/// Whether every text matched by `longer` is also matched by `shorter`.
fn covers(shorter: &[Word], longer: &[Word]) -> bool {
    if shorter.len() > longer.len() || shorter == longer {
        return false;
    }
    let word_covers = |q: &Word, p: &Word| {
        // a class covers only itself (its name is not a word: `escort*` does not cover
        // `@escort_noun`)
        if q.class || p.class {
            q.class && p.class && q.text == p.text
        } else if q.stem {
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
        // phrases of pieces (`a ~~ b`), with their pieces
        let mut of_pieces: Vec<(usize, &str, Vec<Vec<Word>>)> = Vec::new();
        for (i, s) in b.signals.iter().enumerate() {
            for p in &s.phrases {
                if phrase::has_pieces(p) {
                    if let Ok(w) = phrase::parse_pieces(p) {
                        of_pieces.push((i, p.as_str(), w));
                    }
                } else if let Ok(w) = phrase::parse(p) {
                    all.push((i, p.as_str(), w));
                }
            }
        }
        // A phrase of pieces adds nothing when a phrase of the same family matches one of its
        // pieces: wherever the pieces are all found, that phrase is found too.
        let pieces_shadowed = of_pieces.iter().filter_map(|(i, p, pieces)| {
            let s = &b.signals[*i];
            let sw = s.weight.unwrap_or_else(|| fam_weight(&s.family));
            let piece_texts = phrase::pieces(p).ok()?;
            all.iter()
                .find(|(j, q, qw)| {
                    let t = &b.signals[*j];
                    let tw = t.weight.unwrap_or_else(|| fam_weight(&t.family));
                    t.family == s.family
                        && tw >= sw
                        && t.floor >= s.floor
                        && pieces.iter().zip(&piece_texts).any(|(pw, pt)| {
                            let anchor = !phrase::is_anchored(q) || phrase::is_anchored(pt);
                            anchor && (qw == pw || covers(qw, pw))
                        })
                })
                .map(|(j, q, _)| (*i, *p, *j, *q))
        });
        let pieces_shadowed: Vec<_> = pieces_shadowed.collect();
        for (i, p, j, q) in pieces_shadowed {
            out.push(Problem {
                code: "shadowed-phrase",
                severity: Severity::Warning,
                location: Location {
                    file: sb.origin.file.clone(),
                    line: sb.origin.line_of_phrase(i, p),
                    field: Some(format!("signal \"{}\".phrases", b.signals[i].id)),
                },
                message: format!(
                    "\"{p}\" adds nothing: \"{q}\" (signal \"{}\", same family, same or higher weight) already matches one of its pieces",
                    b.signals[j].id
                ),
            });
        }
        for (i, p, pw) in &all {
            let s = &b.signals[*i];
            let sw = s.weight.unwrap_or_else(|| fam_weight(&s.family));
            let by = all.iter().find(|(j, q, qw)| {
                let t = &b.signals[*j];
                let tw = t.weight.unwrap_or_else(|| fam_weight(&t.family));
                // (a phrase that must begin a sentence covers only phrases that must too)
                let anchor = !phrase::is_anchored(q) || phrase::is_anchored(p);
                t.family == s.family && tw >= sw && t.floor >= s.floor && anchor && covers(qw, pw)
            });
            if let Some((j, q, _)) = by {
                out.push(Problem {
                    code: "shadowed-phrase",
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

/// An entry shown to a person in `region`: the region's own entries and the international ones.
fn shown_in(entry: &SourcedEntry, region: Option<&str>) -> bool {
    region.is_none_or(|r| entry.entry.region == r || entry.entry.region == "intl")
}

/// With `--deny-unconfirmed`: every unconfirmed entry shown for the region, as an error (or a
/// warning when allowed); with it, whether an allowed id is not such an entry.
fn unconfirmed_for_region(set: &BundleSet, region: &str, allowed: &[String]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut used = Vec::new();
    for s in set.support.iter().filter(|s| shown_in(s, Some(region))) {
        if s.entry.status != Status::Unconfirmed {
            continue;
        }
        let number = s.entry.phone.as_deref().or(s.entry.sms.as_deref());
        let what = number.map_or("the entry".to_string(), |n| format!("number {n}"));
        let allow = allowed.contains(&s.entry.id);
        if allow {
            used.push(s.entry.id.as_str());
        }
        out.push(Problem {
            code: "unconfirmed-for-region",
            severity: if allow {
                Severity::Warning
            } else {
                Severity::Error
            },
            location: Location {
                file: s.origin.file.clone(),
                line: s.origin.line_of("service", Some(s.index), Some("status")),
                field: Some(format!("service[{}] \"{}\".status", s.index, s.entry.id)),
            },
            message: if allow {
                format!("{what} of {} is unconfirmed, shown for region {region}: allowed by --allow-unconfirmed", s.entry.id)
            } else {
                format!("{what} of {} is unconfirmed and shown for region {region}: confirm it on the organisation's own page (status = \"confirmed\", confirmed = \"YYYY-MM-DD\") before a release", s.entry.id)
            },
        });
    }
    for id in allowed.iter().filter(|id| !used.contains(&id.as_str())) {
        out.push(Problem {
            code: "unused-allowance",
            severity: Severity::Warning,
            location: Location::default(),
            message: format!("--allow-unconfirmed {id}: not an unconfirmed entry shown for region {region}; remove it"),
        });
    }
    out
}

/// The `--json` report.
#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    code: &'a str,
    severity: &'a str,
    file: &'a str,
    line: Option<usize>,
    field: Option<&'a str>,
    message: &'a str,
}

fn print_json(problems: &[Problem]) {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let report = JsonReport {
        errors,
        warnings: problems.len() - errors,
        problems: problems
            .iter()
            .map(|p| JsonProblem {
                code: p.code,
                severity: p.severity.as_str(),
                file: &p.location.file,
                line: p.location.line,
                field: p.location.field.as_deref(),
                message: &p.message,
            })
            .collect(),
    };
    outln!(
        "{}",
        serde_json::to_string(&report).expect("reports serialize")
    );
}

pub fn run(bundles: &super::Sources, args: &Args) -> i32 {
    let set = match super::load_set(bundles, args.dir.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            if args.json {
                print_json(&e.problems);
                return 1;
            }
            outln!("{e}");
            outln!(
                "\nlint: {} error(s); the files could not be read",
                e.problems.len()
            );
            return 1;
        }
    };
    let region = args.region.as_deref();
    let mut problems = set.check();
    problems.extend(shadowed(&set));
    if let (Some(region), true) = (region, args.deny_unconfirmed) {
        problems.extend(unconfirmed_for_region(
            &set,
            region,
            &args.allow_unconfirmed,
        ));
    }
    problems.sort_by(|a, b| {
        (&a.location.file, a.location.line).cmp(&(&b.location.file, b.location.line))
    });
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if args.json {
        print_json(&problems);
        return i32::from(errors > 0);
    }
    for p in &problems {
        outln!("{p}");
    }
    let warnings = problems.len() - errors;
    let unconfirmed: Vec<_> = set
        .support
        .iter()
        .filter(|s| {
            s.entry.status == Status::Unconfirmed
                && (s.entry.phone.is_some() || s.entry.sms.is_some())
                && shown_in(s, region)
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
        // a class name is not a word: a stem never covers it, a class covers only itself
        assert!(!covers(&p("escort*"), &p("@escort_noun")));
        assert!(!covers(&p("escort*"), &p("vip @escort_noun")));
        assert!(covers(&p("@escort_noun"), &p("vip @escort_noun")));
        assert!(!covers(&p("@escort"), &p("escort")));
    }
}
