//! `redflag explain`: why a text scored as it did, in plain words: the normalized text, every
//! phrase that matched, each family's points, combinations, floors, dampeners and thresholds.

use super::input;
use redflag::Options;

#[derive(clap::Args)]
pub struct Args {
    /// The text to explain (several words are joined with spaces; `-` reads standard input).
    #[arg(required = true)]
    text: Vec<String>,
    /// Region for support entries.
    #[arg(long)]
    region: Option<String>,
}

pub fn run(bundles: &super::Sources, args: &Args) -> i32 {
    let Some((_, engine)) = super::load_engine(bundles, None) else {
        return 2;
    };
    let text = if args.text.len() == 1 && args.text[0] == "-" {
        match input::read_all(std::io::stdin()) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("redflag explain: cannot read standard input: {e}");
                return 2;
            }
        }
    } else {
        args.text.join(" ")
    };
    let x = engine.explain(
        &text,
        &Options {
            region: args.region.as_deref(),
            ..Default::default()
        },
    );
    let m = engine.model();
    outln!("normalized: {}", x.normalized);
    outln!();
    if x.matches.is_empty() {
        outln!("matches: none");
    } else {
        outln!("matches:");
        for d in &x.matches {
            outln!(
                "  {:<18} {:<28} phrase \"{}\" matched «{}» at {}..{}",
                d.family,
                d.signal,
                d.phrase,
                d.evidence.text,
                d.evidence.start,
                d.evidence.end
            );
        }
    }
    let b = &x.breakdown;
    outln!();
    outln!("score:");
    for (f, pts) in &b.families {
        outln!(
            "  + {:>5.2}  family {} ({})",
            pts,
            m.families[*f].id,
            m.families[*f].name
        );
    }
    for (c, pts) in &b.combinations {
        let combo = &m.combinations[*c];
        let fams: Vec<&str> = combo
            .all
            .iter()
            .map(|f| m.families[*f].id.as_str())
            .collect();
        outln!(
            "  + {:>5.2}  combination {} ({})",
            pts,
            combo.id,
            fams.join(" + ")
        );
    }
    if let Some(l) = b.floor {
        outln!(
            "  floor: at least {l} (score lifted to {:.2})",
            m.threshold(l)
        );
    }
    outln!("  = {:>5.2}  before context", b.raw);
    for f in &b.dampeners {
        let fam = &m.families[*f];
        outln!(
            "  × {:>5.2}  {} ({})",
            fam.factor.unwrap_or(1.0),
            fam.id,
            fam.name
        );
    }
    if !b.dampeners.is_empty() {
        outln!(
            "  (context factors together: × {:.2}, never below × {:.2})",
            b.factor,
            m.min_dampening
        );
        if let Some(l) = b.floor {
            outln!(
                "  (the {l} floor: × {:.2}, at least {:.2}; some context keeps some floors)",
                b.floor_factor,
                m.threshold(l) * b.floor_factor
            );
        }
    }
    outln!("  = {:>5.2}", b.score);
    outln!();
    outln!(
        "level: {}   (thresholds: caution {}, warning {}, danger {})",
        x.verdict.level,
        m.caution,
        m.warning,
        m.danger
    );
    if !x.verdict.categories.is_empty() {
        let c: Vec<&str> = x.verdict.categories.iter().map(|c| c.as_str()).collect();
        outln!("categories: {}", c.join(", "));
    }
    if !x.verdict.support.is_empty() {
        outln!("support: {}", x.verdict.support.join(", "));
    }
    outln!();
    outln!("in plain words:");
    for line in plain_words(&x, m) {
        outln!("  {line}");
    }
    0
}

/// The score breakdown as sentences a rule author can act on.
fn plain_words(x: &redflag::engine::Explanation, m: &redflag::scoring::Model) -> Vec<String> {
    let b = &x.breakdown;
    let mut out = Vec::new();
    if x.matches.is_empty() {
        out.push("No phrase of the loaded bundles appears in this text, so it scores 0. To catch it, add a phrase that matches its wording to a signal (see `normalized:` above for how the text reads to the engine).".to_string());
        return out;
    }
    let words_of = |family: &str| -> String {
        let mut seen: Vec<String> = Vec::new();
        // phrases, and what the engine recognised without a phrase (a quoted passage)
        let found = x.matches.iter().map(|d| &d.evidence);
        for e in found
            .chain(&x.verdict.dampeners)
            .filter(|e| e.family == family)
        {
            let w = format!("«{}»", e.text);
            if !seen.contains(&w) {
                seen.push(w);
            }
        }
        seen.join(", ")
    };
    let raising: Vec<String> = b
        .families
        .iter()
        .filter(|(_, p)| *p > 0.0)
        .map(|(f, p)| {
            let fam = &m.families[*f];
            format!(
                "{} ({:.1}) from {}",
                fam.name.to_lowercase(),
                p,
                words_of(&fam.id)
            )
        })
        .collect();
    if raising.is_empty() {
        out.push("Only context phrases matched (an offer of work, or wording that lowers the score); none of them is a risk sign by itself.".into());
    } else {
        out.push(format!(
            "{} famil{} of risk signs: {}. Each family counts once, with its strongest phrase.",
            raising.len(),
            if raising.len() == 1 { "y" } else { "ies" },
            raising.join("; ")
        ));
    }
    if !b.combinations.is_empty() {
        let combos: Vec<String> = b
            .combinations
            .iter()
            .map(|(c, p)| format!("{} (+{:.1})", m.combinations[*c].id, p))
            .collect();
        out.push(format!(
            "These signs appear together, which adds points: {}.",
            combos.join(", ")
        ));
    }
    if let Some(l) = b.floor {
        out.push(format!(
            "One sign is strong on its own, so the score is at least the {l} threshold ({:.1}).",
            m.threshold(l)
        ));
    }
    if !b.dampeners.is_empty() {
        let d: Vec<String> = b
            .dampeners
            .iter()
            .map(|f| {
                format!(
                    "{} (×{:.2}, from {})",
                    m.families[*f].name.to_lowercase(),
                    m.families[*f].factor.unwrap_or(1.0),
                    words_of(&m.families[*f].id)
                )
            })
            .collect();
        out.push(format!(
            "The text also reads as {}, which lowers the score to {:.2}.",
            d.join(" and "),
            b.score
        ));
    }
    let level = x.verdict.level;
    let next = redflag::Level::ALL.iter().copied().find(|l| *l > level);
    let reason = match next {
        Some(n) => format!(
            "{:.2} is below the {n} threshold ({:.1})",
            b.score,
            m.threshold(n)
        ),
        None => format!(
            "{:.2} reaches the danger threshold ({:.1})",
            b.score, m.danger
        ),
    };
    out.push(format!("Result: {level}, because {reason}."));
    out
}
